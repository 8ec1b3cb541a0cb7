"""Stakeholder matrix and rule assignment on a large crisis, beside raw sqlite3.

Peers, in the same run and on the same file:
- matrix: the core aggregate alone (posts, reach, average sentiment per group × channel)
  as one GROUP BY through the standard library's sqlite3; ours adds first posts, last
  statements per group and channel, members, totals and the gap rule.
- rules: a single SQL ``UPDATE … CASE kind`` assigning by author kind only (the floor for
  any assignment); ours evaluates every rule kind (words, domains, lists…) per author in
  Python and writes in batches of 1,000.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from warroom.domain.timeutil import format_utc, parse_utc
from warroom.store.db import CrisisDatabase
from warroom.store.stakeholder_matrix import build_matrix
from warroom.store.stakeholder_rules import apply_rules

T0 = parse_utc("2021-03-09T23:47:00Z")
KINDS = ["customer"] * 6 + ["unknown"] * 6 + ["media", "journalist", "authority", "activist"]
CHANNELS = ["twitter", "facebook", "linkedin", "reddit", "support", "youtube", "press"]
PROFILES = [
    "",
    "",
    "DSI chez ACME",
    "Journaliste tech",
    "Ingénieure chez Hexacloud",
    "Militante associative",
    "Investisseur",
    "Revendeur cloud",
]


def populate(crisis: CrisisDatabase, authors: int, posts: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    db = crisis.db
    now = format_utc(T0)
    with db.atomic():
        db.cursor().executemany(
            "INSERT INTO author (channel, handle, kind, profile, followers, verified, url,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rng.choice(CHANNELS),
                    f"user{i}",
                    rng.choice(KINDS),
                    rng.choice(PROFILES),
                    int(rng.paretovariate(1.2) * 100),
                    int(rng.random() < 0.05),
                    "https://hexacloud.example" if i % 500 == 0 else "",
                    now,
                )
                for i in range(authors)
            ],
        )
        rows = []
        for i in range(posts):
            at = T0 + timedelta(minutes=rng.expovariate(1 / 600))
            rows.append(
                (
                    rng.choice(CHANNELS),
                    f"p{i}",
                    rng.randrange(1, authors + 1),
                    "texte",
                    format_utc(at),
                    format_utc(at),
                    rng.randrange(10, 10_000),
                    round(rng.uniform(-1, 1), 2),
                )
            )
        db.cursor().executemany(
            "INSERT INTO post (channel, external_id, author_id, text, created_at, fetched_at,"
            " reach, sentiment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        db.execute_sql(
            "INSERT INTO statement (title, status, created_at, updated_at) VALUES"
            " ('Communiqué', 'published', ?, ?)",
            (now, now),
        )
        db.execute_sql("INSERT INTO statement_target (statement_id, group_id) VALUES (1, 1)")
        db.execute_sql(
            "INSERT INTO statement_version (statement_id, channel, created_at, published_at)"
            " VALUES (1, 'twitter', ?, ?)",
            (now, format_utc(T0 + timedelta(hours=10))),
        )


def timed(func):
    start = time.perf_counter()
    result = func()
    return time.perf_counter() - start, result


def peer_rules(path: Path) -> float:
    conn = sqlite3.connect(path)
    start = time.perf_counter()
    with conn:
        conn.execute(
            "UPDATE author SET group_id = CASE kind WHEN 'customer' THEN 1"
            " WHEN 'media' THEN 4 WHEN 'journalist' THEN 4 WHEN 'authority' THEN 6"
            " WHEN 'activist' THEN 10 ELSE 11 END WHERE group_locked = 0"
        )
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def peer_matrix(path: Path) -> float:
    conn = sqlite3.connect(path)
    start = time.perf_counter()
    conn.execute(
        "SELECT a.group_id, p.channel, COUNT(*), SUM(p.reach),"
        " AVG(COALESCE(p.sentiment_override, p.sentiment)) FROM post p"
        " JOIN author a ON a.id = p.author_id WHERE a.group_id IS NOT NULL"
        " GROUP BY a.group_id, p.channel"
    ).fetchall()
    elapsed = time.perf_counter() - start
    conn.close()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--authors", type=int, default=50_000)
    parser.add_argument("--posts", type=int, default=200_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.warroom"
        crisis = CrisisDatabase.create(path, "bench")
        populate(crisis, args.authors, args.posts)
        print(f"{args.authors:,} authors, {args.posts:,} posts")
        ours, report = timed(lambda: apply_rules(crisis.db))
        print(
            f"rules   ours  {ours * 1000:8.0f} ms  ({report.moved:,} authors placed,"
            " all rule kinds)"
        )
        print(f"rules   peer  {peer_rules(path) * 1000:8.0f} ms  (one SQL UPDATE by kind only)")
        apply_rules(crisis.db)  # back to the rules' result after the peer's overwrite
        ours, matrix = timed(lambda: build_matrix(crisis.db))
        print(f"matrix  ours  {ours * 1000:8.0f} ms  (whole crisis, {len(matrix.gaps)} gaps)")
        window = timedelta(hours=6)
        ours6, _ = timed(lambda: build_matrix(crisis.db, window, matrix.as_of))
        print(f"matrix  ours  {ours6 * 1000:8.0f} ms  (last 6 hours)")
        print(
            f"matrix  peer  {peer_matrix(path) * 1000:8.0f} ms  (core GROUP BY alone, raw sqlite3)"
        )
        crisis.close()


if __name__ == "__main__":
    main()
