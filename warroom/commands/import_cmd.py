"""`warroom import CRISIS PATH`: posts from JSONL, JSON or CSV files."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from warroom.commands.common import EXIT_OK, CliError, opened
from warroom.ingest.fileimport import FORMATS, ImportError_, import_file
from warroom.ingest.presets import all_presets
from warroom.ingest.records import RecordError, parse_channel

NAME = "import"
HELP = "import posts from a JSONL, JSON or CSV file"
SHOWN_ERRORS = 20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("path", type=Path, help="the file to import")
    parser.add_argument("--format", choices=FORMATS, default="auto")
    parser.add_argument(
        "--channel", help="channel of posts that do not say (CSV without a channel column)"
    )
    parser.add_argument(
        "--mapping", help="CSV mapping preset (warroom, brandwatch, talkwalker, linkedin, or saved)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object (see README)")


def _show_progress(done: int, total: int) -> None:
    print(f"\r  importing… {100 * done // max(1, total):3d}%", end="", file=sys.stderr, flush=True)


def run(args: argparse.Namespace) -> int:
    channel = None
    if args.channel:
        try:
            channel = parse_channel(args.channel)
        except RecordError as exc:
            raise CliError(str(exc)) from None
    with opened(args.crisis) as crisis:
        presets = all_presets()
        mapping = None
        if args.mapping:
            mapping = presets.get(args.mapping)
            if mapping is None:
                raise CliError(
                    f"no mapping preset {args.mapping!r} (known: {', '.join(sorted(presets))})"
                )
        try:
            report = import_file(
                crisis.db,
                args.path,
                args.format,
                channel=channel,
                mapping=mapping,
                presets=presets,
                progress=_show_progress if sys.stderr.isatty() else None,
            )
        except ImportError_ as exc:
            raise CliError(str(exc)) from None
        finally:
            if sys.stderr.isatty():
                print(file=sys.stderr)
    if args.json:
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        return EXIT_OK
    mapping_note = f", mapping {report.mapping}" if report.mapping else ""
    print(
        f"{args.path.name} ({report.format}{mapping_note}): {report.new} new, "
        f"{report.duplicate} duplicate, {report.rejected + report.error_count} rejected "
        f"({report.lines} lines)"
    )
    for line, message in report.errors[:SHOWN_ERRORS]:
        print(f"  line {line}: {message}", file=sys.stderr)
    if report.error_count > SHOWN_ERRORS:
        print(f"  … and {report.error_count - SHOWN_ERRORS} more bad lines", file=sys.stderr)
    for line, message in report.warnings[:SHOWN_ERRORS]:
        print(f"  line {line}: warning: {message}", file=sys.stderr)
    return EXIT_OK
