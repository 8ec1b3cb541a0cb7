"""Logbook append and verify through the store, beside raw sqlite3 doing the same work.

Peer: the same rows (same canonical JSON, same SHA-256 chain) inserted with the standard
library's sqlite3 in one transaction, and read back and re-hashed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from warroom.store import logbook
from warroom.store.db import CrisisDatabase


def bench_store(path: Path, n: int) -> tuple[float, float]:
    crisis = CrisisDatabase.create(path, "bench")
    entries = [
        logbook.NewEntry(
            text=f"Point de situation n°{i} : RAS, équipes mobilisées",
            operator="Claire Martin",
            category="information",
            links=[("post", i)],
        )
        for i in range(n)
    ]
    start = time.perf_counter()
    logbook.append_many(crisis.db, entries)
    appended = time.perf_counter() - start
    start = time.perf_counter()
    assert logbook.verify(crisis.db).ok
    verified = time.perf_counter() - start
    crisis.close()
    return appended, verified


def bench_raw(path: Path, n: int) -> tuple[float, float]:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=wal")
    conn.execute("PRAGMA synchronous=full")
    conn.execute("CREATE TABLE e (id INTEGER PRIMARY KEY, seq INT, body TEXT, prev TEXT, h TEXT)")
    start = time.perf_counter()
    prev = "0" * 64
    with conn:
        for i in range(n):
            body = json.dumps(
                {
                    "seq": i + 1,
                    "text": f"Point de situation n°{i}",
                    "operator": "Claire Martin",
                    "prev_hash": prev,
                },
                sort_keys=True,
                separators=(",", ":"),
                ensure_ascii=False,
            )
            digest = hashlib.sha256(body.encode()).hexdigest()
            conn.execute(
                "INSERT INTO e (seq, body, prev, h) VALUES (?, ?, ?, ?)",
                (i + 1, body, prev, digest),
            )
            prev = digest
    appended = time.perf_counter() - start
    start = time.perf_counter()
    for _seq, body, h in conn.execute("SELECT seq, body, h FROM e ORDER BY id"):
        assert hashlib.sha256(body.encode()).hexdigest() == h
    verified = time.perf_counter() - start
    conn.close()
    return appended, verified


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, nargs="+", default=[1000, 5000, 20000])
    args = parser.parse_args()
    print(
        f"{'entries':>8} {'store append':>13} {'raw append':>11} "
        f"{'store verify':>13} {'raw verify':>11}"
    )
    for n in args.entries:
        with tempfile.TemporaryDirectory() as tmp:
            store_a, store_v = bench_store(Path(tmp) / "s.warroom", n)
            raw_a, raw_v = bench_raw(Path(tmp) / "r.sqlite", n)
        print(f"{n:>8} {store_a:>12.3f}s {raw_a:>10.3f}s {store_v:>12.3f}s {raw_v:>10.3f}s")


if __name__ == "__main__":
    main()
