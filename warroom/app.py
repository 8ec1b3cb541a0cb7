"""The composition root: command line, QApplication bootstrap and wiring.

Every subcommand prints a one-line error and exits non-zero on bad input; nothing here
prints a traceback to a user (run with WARROOM_DEBUG=1 to see them).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from warroom import __version__
from warroom.commands import COMMANDS
from warroom.commands.common import (
    EXIT_ERROR,
    EXIT_OK,
    EXIT_TAMPERED,
    EXIT_USAGE,
    CliError,
)
from warroom.store import StoreError

__all__ = ["EXIT_ERROR", "EXIT_OK", "EXIT_TAMPERED", "EXIT_USAGE", "CliError", "main"]

log = logging.getLogger("warroom")

GUI_USAGE = (
    "warroom [CRISIS] [--demo] [--operator NAME]   open the window\n"
    "       warroom COMMAND ...                          see the commands below"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warroom",
        usage=GUI_USAGE,
        description="Crisis-cell desktop application.",
        epilog="Run 'warroom COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"warroom {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for command in COMMANDS:
        command.add_arguments(sub.add_parser(command.NAME, help=command.HELP))
    return parser


def build_gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="warroom", description="Open the crisis window.")
    parser.add_argument("--version", action="version", version=f"warroom {__version__}")
    parser.add_argument(
        "crisis", nargs="?", type=Path, help="crisis file to open (default: the last one)"
    )
    parser.add_argument(
        "--demo", action="store_true", help="open the bundled demo crisis, creating it on first run"
    )
    parser.add_argument("--operator", help="operator name (asked once otherwise)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = bool(os.environ.get("WARROOM_DEBUG"))
    logging.basicConfig(
        level=logging.DEBUG if debug else logging.WARNING,
        format="warroom: %(levelname)s: %(message)s",
    )
    names = {command.NAME: command for command in COMMANDS}
    try:
        if args_list[:1] and (args_list[0] in names or args_list[0] in ("-h", "--help")):
            args = build_parser().parse_args(args_list)
            return int(names[args.command].run(args))
        gui_args = build_gui_parser().parse_args(args_list)
        from warroom.ui.application import run_gui

        return run_gui(gui_args)
    except (StoreError, CliError, ValueError, OSError) as exc:
        if debug:
            raise
        print(f"warroom: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
