"""Rumor spread series and near-duplicate grouping, beside peers doing the same work.

1. Spread: the posts/reach per hour of a rumor's match query over N posts.
   Ours: ``rumor_queries.rumor_spread`` (FTS5 index with accents folded, buckets in
   Python). Peer: raw sqlite3 scanning ``text LIKE '%seveso%'`` (no index, no folding).
2. Near-duplicates among M recent posts. Ours: rapidfuzz ``process.cdist`` with
   token-set ratio (C++, all cores) and union-find. Peer: the standard library's
   ``difflib.SequenceMatcher`` ratio over every pair (on a smaller sample, as it is
   quadratic in pure Python), with its time extrapolated to M posts.
"""

from __future__ import annotations

import argparse
import difflib
import random
import sqlite3
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from warroom.domain.rumors import cluster_near_duplicates
from warroom.domain.timeutil import format_utc
from warroom.store import rumor_queries, rumors
from warroom.store.db import CrisisDatabase

T0 = datetime(2021, 3, 10, tzinfo=UTC)
_VOCABULARY = (
    "incendie datacenter strasbourg clients sauvegardes pompiers panne site serveurs "
    "hexacloud support ticket heures perdu données bourse ministre services publics "
    "fumée riverains préfecture plan reprise activité migration offerte concurrent "
    "question réponse attente remboursement contrat vidéo fondateur équipe nuit"
)
WORDS = _VOCABULARY.split()


def make_posts(crisis: CrisisDatabase, n: int, rng: random.Random) -> None:
    db = crisis.db
    db.execute_sql(
        "INSERT INTO author (channel, handle, followers, created_at) VALUES (?, ?, ?, ?)",
        ("twitter", "bench", 1000, format_utc(T0)),
    )
    rows = []
    for i in range(n):
        words = rng.choices(WORDS, k=12)
        if rng.random() < 0.05:
            words.insert(3, rng.choice(["Seveso", "SÉVESO", "seveso"]))
        at = format_utc(T0 + timedelta(minutes=rng.randint(0, 72 * 60)))
        rows.append(("twitter", f"b{i}", 1, " ".join(words), at, at, rng.randint(10, 5000)))
    with db.atomic():
        db.cursor().executemany(
            "INSERT INTO post (channel, external_id, author_id, text, created_at, fetched_at,"
            " reach) VALUES (?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def peer_spread(path: Path) -> tuple[int, float]:
    start = time.perf_counter()
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT created_at, reach FROM post WHERE text LIKE '%seveso%'").fetchall()
    buckets: dict[str, list[int]] = {}
    for created, reach in rows:
        slot = buckets.setdefault(created[:13], [0, 0])
        slot[0] += 1
        slot[1] += reach
    conn.close()
    return sum(v[0] for v in buckets.values()), time.perf_counter() - start


def bench_spread(n: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.warroom"
        crisis = CrisisDatabase.create(path, "bench")
        make_posts(crisis, n, random.Random(7))
        rumor_id = rumors.create_rumor(crisis.db, "Seveso", "bench", match_query="seveso")
        start = time.perf_counter()
        spread = rumor_queries.rumor_spread(crisis.db, rumor_id, step=timedelta(hours=1))
        ours = time.perf_counter() - start
        crisis.close()
        found, peer = peer_spread(path)
        print(
            f"spread over {n} posts: warroom {ours * 1000:.1f} ms "
            f"({spread.rumor.total_posts} posts, accents folded) | "
            f"raw sqlite3 LIKE {peer * 1000:.1f} ms ({found} posts, no folding)"
        )


def bench_clusters(m: int, sample: int) -> None:
    rng = random.Random(3)
    base = [" ".join(rng.choices(WORDS, k=10)) for _ in range(m // 5)]
    posts = [
        (i, rng.choice(base) + rng.choice(["", " !", " #hexacloud", " svp"])) for i in range(m)
    ]
    start = time.perf_counter()
    groups = cluster_near_duplicates(posts)
    ours = time.perf_counter() - start
    small = [t for _, t in posts[:sample]]
    start = time.perf_counter()
    similar = 0
    for i, first in enumerate(small):
        for second in small[i + 1 :]:
            if difflib.SequenceMatcher(None, first, second).ratio() >= 0.85:
                similar += 1
    peer = time.perf_counter() - start
    scale = (m * (m - 1)) / (sample * (sample - 1))
    print(
        f"near-duplicates among {m} posts: warroom/rapidfuzz {ours:.2f} s "
        f"({len(groups)} groups) | difflib pairwise {peer:.2f} s for {sample} posts, "
        f"≈ {peer * scale:.0f} s extrapolated to {m}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=50_000)
    parser.add_argument("--cluster-posts", type=int, default=2_000)
    parser.add_argument("--sample", type=int, default=300)
    args = parser.parse_args()
    bench_spread(args.posts)
    bench_clusters(args.cluster_posts, args.sample)


if __name__ == "__main__":
    main()
