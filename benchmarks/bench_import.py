"""Import of a 200,000-line JSONL file through warroom's importer, beside raw sqlite3.

Texts are the real tweets of the RumourEval (PHEME) threads in ../shared/data, cycled
with fresh ids, authors and times to reach the size. Ours: ``import_file`` (streamed,
normalised, HTML-stripped, watch terms matched, deduplicated, batches through
``store_batch``), with and without language detection, then a re-import (adds nothing).
Peer: the standard library's sqlite3 streaming the same file with ``json.loads`` and
``INSERT OR IGNORE`` into the same crisis-file tables (authors and posts, FTS triggers
included), no normalisation. Peak memory shows that neither loads the file.

    .venv/bin/python benchmarks/bench_import.py [--lines 200000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import tempfile
import time
from pathlib import Path

from warroom.ingest.fileimport import import_file
from warroom.store import watch
from warroom.store.db import CrisisDatabase

DATA = Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def make_file(path: Path, lines: int) -> None:
    posts = json.loads((DATA / "rumoureval" / "traindev" / "posts.json").read_text("utf-8"))
    texts = [p["text"] for p in posts.values() if p.get("text")]
    with path.open("w", encoding="utf-8") as handle:
        for i in range(lines):
            record = {
                "channel": ("twitter", "facebook", "linkedin")[i % 3],
                "id": str(10_000_000 + i),
                "created_at": 1_615_333_620 + i,
                "text": texts[i % len(texts)],
                "author": f"user{i % 9000}",
                "likes": i % 17,
                "reply_to": str(10_000_000 + i - 1) if i % 5 else None,
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def bench_ours(path: Path, source: Path, detect: bool) -> tuple[float, float, float, int]:
    crisis = CrisisDatabase.create(path, "bench")
    watch.add_watch(crisis.db, "hashtag", "ferguson")
    watch.add_watch(crisis.db, "keyword", "police")
    enrichers = None if detect else ()
    kwargs = {} if enrichers is None else {"enrichers": enrichers}
    start, cpu = time.perf_counter(), time.process_time()
    report = import_file(crisis.db, source, **kwargs)
    first, cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    again = import_file(crisis.db, source, **kwargs)
    second = time.perf_counter() - start
    assert again.new == 0 and again.duplicate == report.new
    crisis.close()
    return first, cpu, second, report.new


def _raw_pass(conn: sqlite3.Connection, source: Path) -> int:
    authors: dict[tuple[str, str], int] = {}
    new = 0
    batch: list[tuple[object, ...]] = []
    now = "2026-01-01T00:00:00.000000Z"

    def flush() -> int:
        before = conn.execute("SELECT COUNT(*) FROM post").fetchone()[0]
        conn.executemany(
            "INSERT OR IGNORE INTO post (channel, external_id, author_id, text, created_at,"
            " fetched_at, likes, reply_to, raw) VALUES (?,?,?,?,?,?,?,?,?)",
            batch,
        )
        batch.clear()
        return int(conn.execute("SELECT COUNT(*) FROM post").fetchone()[0] - before)

    with conn:
        for line in source.open(encoding="utf-8"):
            record = json.loads(line)
            key = (record["channel"], record["author"])
            if key not in authors:
                conn.execute(
                    "INSERT OR IGNORE INTO author (channel, handle, created_at) VALUES (?,?,?)",
                    (*key, now),
                )
                authors[key] = conn.execute(
                    "SELECT id FROM author WHERE channel=? AND handle=?", key
                ).fetchone()[0]
            batch.append(
                (
                    record["channel"],
                    record["id"],
                    authors[key],
                    record["text"],
                    time.strftime("%Y-%m-%dT%H:%M:%S.000000Z", time.gmtime(record["created_at"])),
                    now,
                    record["likes"],
                    record["reply_to"],
                    line,
                )
            )
            if len(batch) >= 2000:
                new += flush()
        new += flush()
    return new


def bench_raw(path: Path, source: Path) -> tuple[float, float, float, int]:
    CrisisDatabase.create(path, "peer").close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA synchronous=full")
    start, cpu = time.perf_counter(), time.process_time()
    new = _raw_pass(conn, source)
    first, cpu = time.perf_counter() - start, time.process_time() - cpu
    start = time.perf_counter()
    assert _raw_pass(conn, source) == 0
    second = time.perf_counter() - start
    conn.close()
    return first, cpu, second, new


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "posts.jsonl"
        make_file(source, args.lines)
        size = source.stat().st_size / 1e6
        print(f"{args.lines} lines, {size:.1f} MB of JSONL (real RumourEval texts)")
        rows = [
            (
                "warroom import_file (+ language detection)",
                bench_ours(folder / "a.warroom", source, True),
            ),
            ("warroom import_file (no enrichers)", bench_ours(folder / "b.warroom", source, False)),
            ("peer: raw sqlite3 INSERT OR IGNORE", bench_raw(folder / "c.warroom", source)),
        ]
        for name, (first, cpu, second, new) in rows:
            print(
                f"{name:<44} {first:7.2f} s wall, {cpu:6.2f} s CPU "
                f"({new / first:6.0f} posts/s)   re-import {second:6.2f} s"
            )
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory of the whole run: {peak:.0f} MB (the file is {size:.0f} MB)")


if __name__ == "__main__":
    main()
