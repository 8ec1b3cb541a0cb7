"""`warroom fetch CRISIS [--once]`: run the configured sources headless."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from warroom.commands.common import EXIT_ERROR, EXIT_OK, opened
from warroom.ingest.connectors import KINDS
from warroom.ingest.pipeline import PollOutcome, poll_source
from warroom.store.db import CrisisDatabase
from warroom.store.sources import due_sources, list_sources

NAME = "fetch"
HELP = "poll the configured sources headless (--once: every enabled source once)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("--once", action="store_true", help="poll every enabled source once")
    parser.add_argument("--json", action="store_true", help="per-source counts as JSON (--once)")


def outcome_json(outcome: PollOutcome) -> dict[str, Any]:
    return {
        "name": outcome.name,
        "ok": outcome.ok,
        "new": outcome.batch.new,
        "duplicate": outcome.batch.duplicate,
        "rejected": outcome.batch.rejected,
        "error": outcome.error,
    }


def _line(outcome: PollOutcome) -> str:
    if not outcome.ok:
        return f"{outcome.name}: FAILED: {outcome.error}"
    batch = outcome.batch
    return (
        f"{outcome.name}: {batch.new} new, {batch.duplicate} duplicate, {batch.rejected} rejected"
    )


def _once(crisis: CrisisDatabase, as_json: bool) -> int:
    sources = [s for s in list_sources() if s.enabled and s.kind in KINDS]
    outcomes = [poll_source(crisis.db, source) for source in sources]
    if as_json:
        print(json.dumps([outcome_json(o) for o in outcomes], ensure_ascii=False, indent=2))
    else:
        if not outcomes:
            print("no enabled sources to poll")
        for outcome in outcomes:
            print(_line(outcome), flush=True)
    return EXIT_OK if all(o.ok for o in outcomes) else EXIT_ERROR


def _forever(crisis: CrisisDatabase) -> int:
    print("polling the sources on their intervals; Ctrl+C stops", flush=True)
    while True:
        for source in due_sources(KINDS):
            print(_line(poll_source(crisis.db, source)), flush=True)
        time.sleep(5)


def run(args: argparse.Namespace) -> int:
    with opened(args.crisis) as crisis:
        if args.once:
            return _once(crisis, args.json)
        return _forever(crisis)
