"""The composition root: command line, QApplication bootstrap and wiring.

Every subcommand prints a one-line error and exits non-zero on bad input; nothing here
prints a traceback to a user (run with WARROOM_DEBUG=1 to see them).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from warroom import __version__
from warroom.store import StoreError
from warroom.store.db import CrisisDatabase
from warroom.userenv import default_operator

log = logging.getLogger("warroom")

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_TAMPERED = 0, 1, 2, 3


class CliError(Exception):
    """A user error on the command line: printed as one line, exit code 1."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="warroom",
        description="Crisis-cell desktop application.",
        epilog="Run 'warroom COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"warroom {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("new", help="create a crisis file")
    p.add_argument("crisis", type=Path)
    p.add_argument("--name", required=True)
    p.add_argument("--exercise", action="store_true", help="mark the crisis as an exercise")
    p.add_argument("--timezone", default="Europe/Paris")
    p.add_argument("--language", default="fr")

    p = sub.add_parser("log", help="append an entry to the logbook (main courante)")
    p.add_argument("crisis", type=Path)
    p.add_argument("text")
    p.add_argument("--category", default="information")
    p.add_argument("--operator", help="who records it (default: $WARROOM_OPERATOR or you)")
    p.add_argument("--at", help="event time, ISO 8601 or HH:MM (default: now)")
    p.add_argument("--on-behalf-of", dest="on_behalf_of")

    p = sub.add_parser("verify", help="check the logbook's hash chain")
    p.add_argument("crisis", type=Path)

    p = sub.add_parser("stats", help="counts and source health")
    p.add_argument("crisis", type=Path)
    p.add_argument("--json", action="store_true", help="one JSON object (see README)")

    p = sub.add_parser("screenshot", help="render every view to PNG offscreen")
    p.add_argument("crisis", type=Path)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--size", default="1600x1000", help="window size WxH")
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


COMMANDS = ("new", "log", "verify", "stats", "screenshot")


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if os.environ.get("WARROOM_DEBUG") else logging.WARNING,
        format="warroom: %(levelname)s: %(message)s",
    )
    try:
        if (args_list and args_list[0] in COMMANDS) or args_list[:1] in (["-h"], ["--help"]):
            args = build_parser().parse_args(args_list)
            return _HANDLERS[args.command](args)
        gui_args = build_gui_parser().parse_args(args_list)
        from warroom.ui.application import run_gui

        return run_gui(gui_args)
    except (StoreError, CliError, ValueError, OSError) as exc:
        if os.environ.get("WARROOM_DEBUG"):
            raise
        print(f"warroom: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130


def cmd_new(args: argparse.Namespace) -> int:
    crisis = CrisisDatabase.create(
        args.crisis,
        args.name,
        exercise=args.exercise,
        timezone=args.timezone,
        language=args.language,
    )
    crisis.close()
    print(f"created {args.crisis}")
    return EXIT_OK


def cmd_log(args: argparse.Namespace) -> int:
    from warroom.domain.timeutil import parse_user_time
    from warroom.store import logbook
    from warroom.store.crisis import ensure_operator

    when = parse_user_time(args.at) if args.at else None
    crisis = CrisisDatabase.open(args.crisis)
    try:
        operator = default_operator(args.operator)
        ensure_operator(crisis.db, operator)
        stored = logbook.append(
            crisis.db,
            logbook.NewEntry(
                text=args.text,
                operator=operator,
                category=args.category,
                event_time=when,
                on_behalf_of=args.on_behalf_of,
            ),
        )
    finally:
        crisis.close()
    print(f"entry #{stored.seq} recorded ({stored.hash[:12]})")
    return EXIT_OK


def cmd_verify(args: argparse.Namespace) -> int:
    from warroom.store import logbook

    crisis = CrisisDatabase.open(args.crisis)
    try:
        report = logbook.verify(crisis.db)
    finally:
        crisis.close()
    if report.problem is not None:
        print(f"warroom: TAMPERED: {report.problem.describe()}", file=sys.stderr)
        return EXIT_TAMPERED
    print(f"ok: {report.entries} entries, chain intact, last hash {report.last_hash}")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from warroom.store.stats import crisis_stats

    crisis = CrisisDatabase.open(args.crisis)
    try:
        stats = crisis_stats()
    finally:
        crisis.close()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(f"{stats['crisis']['name']}")
    print(
        f"posts: {stats['posts']['total']}  "
        + ", ".join(f"{k} {v}" for k, v in sorted(stats["posts"]["by_channel"].items()))
    )
    print(
        f"authors: {stats['authors']}  logbook entries: {stats['log_entries']}  "
        f"stakeholder groups: {stats['stakeholder_groups']}"
    )
    print(f"statements: {stats['statements']['total']}  rumors: {stats['rumors']['total']}")
    for source in stats["sources"]:
        print(
            f"source {source['name']} ({source['kind']}): {source['post_count']} posts, "
            f"last error: {source['last_error'] or 'none'}"
        )
    return EXIT_OK


def cmd_screenshot(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    width, _, height = args.size.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise CliError(f"--size must look like 1600x1000, not {args.size!r}")
    from warroom.ui.screenshot import render_views

    views = render_views(args.crisis, args.out, (int(width), int(height)))
    for view in views:
        kind = "placeholder" if view["placeholder"] else f"{view['items']} items"
        print(f"{args.out / view['file']}: {view['title']} ({kind})")
    return EXIT_OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": cmd_new,
    "log": cmd_log,
    "verify": cmd_verify,
    "stats": cmd_stats,
    "screenshot": cmd_screenshot,
}
