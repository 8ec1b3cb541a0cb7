"""`warroom stats CRISIS [--json]`: counts and source health."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from warroom.commands.common import EXIT_OK, opened
from warroom.store.stats import crisis_stats

NAME = "stats"
HELP = "counts and source health"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object (see README)")


def run(args: argparse.Namespace) -> int:
    with opened(args.crisis):
        stats = crisis_stats()
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=2))
        return EXIT_OK
    posts = stats["posts"]
    marker = "EXERCISE — " if stats["crisis"]["exercise"] else ""
    print(f"{marker}{stats['crisis']['name']}")
    channels = ", ".join(f"{k} {v}" for k, v in sorted(posts["by_channel"].items()))
    print(f"posts: {posts['total']}  {channels}")
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
