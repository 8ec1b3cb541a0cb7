"""`warroom verify CRISIS`: check the logbook's hash chain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from warroom.commands.common import EXIT_OK, EXIT_TAMPERED, opened
from warroom.store import logbook

NAME = "verify"
HELP = "check the logbook's hash chain (exit 3 and the first bad entry on tampering)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)


def run(args: argparse.Namespace) -> int:
    with opened(args.crisis) as crisis:
        report = logbook.verify(crisis.db)
    if report.problem is not None:
        print(f"warroom: TAMPERED: {report.problem.describe()}", file=sys.stderr)
        return EXIT_TAMPERED
    print(f"ok: {report.entries} entries, chain intact, last hash {report.last_hash}")
    return EXIT_OK
