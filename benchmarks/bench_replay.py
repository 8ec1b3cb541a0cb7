"""One step of the replay cursor on a large crisis: what each view reads to show the
crisis as it stood at an instant, beside raw sqlite3 counting the posts published by then
(the least any "state at t" must read) on its own connection.

    .venv/bin/python benchmarks/bench_replay.py [--file PATH] [--steps 5]

PATH defaults to the 1,000,000-post file that bench_feed.py generates (it is generated
here too when missing). Each figure is the median over ``--steps`` instants spread over
the crisis. The views run these reads in workers, one at a time each (LatestRead, or
abandoned when superseded), so a slow one delays that view only.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.bigcrisis import generate
from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import format_utc, parse_utc
from warroom.store import feed_stats, posts
from warroom.store.db import CrisisDatabase
from warroom.store.replay import snapshot
from warroom.store.stakeholder_matrix import build_matrix
from warroom.ui.feed.loaders import FIRST_SCREEN, load_ids


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--steps", type=int, default=5)
    args = parser.parse_args()
    path = args.file or Path(tempfile.gettempdir()) / "warroom-bench-1000000.warroom"
    if not path.exists():
        generate(path, 1_000_000)
    os.environ.setdefault("WARROOM_CONFIG_DIR", tempfile.mkdtemp())
    crisis = CrisisDatabase.open(path)
    db = crisis.db
    raw = sqlite3.connect(path)
    low, high = raw.execute("SELECT min(created_at), max(created_at) FROM post").fetchone()
    first, last = parse_utc(low), parse_utc(high)
    total = raw.execute("SELECT count(*) FROM post").fetchone()[0]
    instants = [first + (last - first) * (i + 1) / (args.steps + 1) for i in range(args.steps)]
    tz = ZoneInfo("Europe/Paris")
    figures: dict[str, list[float]] = {}
    for when in instants:
        rules = posts.DeadlineRules.load(tz, when)
        until = PostFilter(until=when)
        steps = {
            "replay bar (snapshot)": lambda w=when: snapshot(db, w),
            "feed: first screen": lambda r=rules, u=until: load_ids(db, u, r, limit=FIRST_SCREEN),
            "feed: whole id list": lambda r=rules, u=until: load_ids(db, u, r),
            "dashboard": lambda r=rules, w=when: feed_stats.dashboard(db, r, w),
            "stakeholder matrix": lambda w=when: build_matrix(db, None, as_of=w),
            "raw sqlite3: count(*) by then": lambda w=when: raw.execute(
                "SELECT count(*) FROM post WHERE created_at <= ?", (format_utc(w),)
            ).fetchone(),
        }
        for name, func in steps.items():
            figures.setdefault(name, []).append(timed(func))
    print(f"{total:,} posts, median of {args.steps} instants")
    for name, values in figures.items():
        print(f"{name:34s} {statistics.median(values) * 1000:9.1f} ms")
    raw.close()
    crisis.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
