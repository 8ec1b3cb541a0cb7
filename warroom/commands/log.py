"""`warroom log CRISIS TEXT` or `warroom log CRISIS --file entries.jsonl|csv`: append to the
logbook (main courante).

Bulk entry keeps going past bad lines: each bad line is reported on stderr with its number
and skipped, every good line is imported (chained in file order, in one transaction), and
the exit status is 1 when any line was skipped so that a script notices. ``--strict``
imports nothing when any line is bad.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from warroom.commands.common import EXIT_ERROR, EXIT_OK, CliError, opened
from warroom.domain.timeutil import parse_user_time
from warroom.ingest import logbook_file
from warroom.store import logbook
from warroom.store.crisis import crisis_info, ensure_operator
from warroom.userenv import default_operator

NAME = "log"
HELP = "append an entry (or a file of entries) to the logbook (main courante)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("text", nargs="?", help="the entry (omit with --file)")
    parser.add_argument("--category", default="information")
    parser.add_argument("--operator", help="who records it (default: $WARROOM_OPERATOR or you)")
    parser.add_argument("--at", help="event time, ISO 8601 or HH:MM (default: now)")
    parser.add_argument("--on-behalf-of", dest="on_behalf_of")
    parser.add_argument(
        "--file",
        type=Path,
        help="bulk entry from a .jsonl or .csv file (fields: text, category, operator, "
        "event_time, on_behalf_of)",
    )
    parser.add_argument(
        "--strict", action="store_true", help="with --file: import nothing if any line is bad"
    )
    parser.add_argument("--json", action="store_true", help="with --file: print a JSON summary")


def run(args: argparse.Namespace) -> int:
    if args.file is not None:
        if args.text:
            raise CliError("give either an entry text or --file, not both")
        return _run_file(args)
    if not args.text:
        raise CliError("nothing to record: give the entry text or --file FILE")
    if str(args.category).strip().lower() == "system":
        raise CliError("category 'system' is reserved for automatic entries")
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


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def _run_file(args: argparse.Namespace) -> int:
    operator = default_operator(args.operator)
    with opened(args.crisis) as crisis:
        parsed = logbook_file.parse(args.file, operator, _zone(crisis_info().timezone))
        for number, message in parsed.errors:
            print(f"warroom: {args.file.name}: line {number}: {message}", file=sys.stderr)
        stored: list[logbook.LogEntryData] = []
        if parsed.entries and not (args.strict and parsed.errors):
            for name in sorted({entry.operator for _, entry in parsed.entries}):
                ensure_operator(crisis.db, name)
            stored = logbook.append_many(crisis.db, [entry for _, entry in parsed.entries])
    _report(args, stored, parsed.errors)
    return EXIT_ERROR if parsed.errors else EXIT_OK


def _report(
    args: argparse.Namespace, stored: list[logbook.LogEntryData], errors: list[tuple[int, str]]
) -> None:
    if args.json:
        summary = {
            "imported": len(stored),
            "first_seq": stored[0].seq if stored else None,
            "last_seq": stored[-1].seq if stored else None,
            "skipped": [{"line": n, "error": msg} for n, msg in errors],
        }
        print(json.dumps(summary, ensure_ascii=False))
        return
    if stored:
        print(f"imported {len(stored)} entries (#{stored[0].seq}–#{stored[-1].seq})", end="")
    else:
        print("imported nothing", end="")
    print(f"; {len(errors)} bad lines skipped" if errors else "")
    if errors and args.strict:
        print("--strict: nothing was imported because of the bad lines", file=sys.stderr)
