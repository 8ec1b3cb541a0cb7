"""`warroom log CRISIS TEXT`: append an entry to the logbook (main courante)."""

from __future__ import annotations

import argparse
from pathlib import Path

from warroom.commands.common import EXIT_OK, opened
from warroom.domain.timeutil import parse_user_time
from warroom.store import logbook
from warroom.store.crisis import ensure_operator
from warroom.userenv import default_operator

NAME = "log"
HELP = "append an entry to the logbook (main courante)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("text")
    parser.add_argument("--category", default="information")
    parser.add_argument("--operator", help="who records it (default: $WARROOM_OPERATOR or you)")
    parser.add_argument("--at", help="event time, ISO 8601 or HH:MM (default: now)")
    parser.add_argument("--on-behalf-of", dest="on_behalf_of")


def run(args: argparse.Namespace) -> int:
    when = parse_user_time(args.at) if args.at else None
    with opened(args.crisis) as crisis:
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
    print(f"entry #{stored.seq} recorded ({stored.hash[:12]})")
    return EXIT_OK
