"""Scenario engine and review report on the bundled datacenter-fire scenario.

Ours:
- parse + validate the scenario file, expand its bursts into timed posts;
- load it instantly into a new crisis (posts through ``store_batch``, rumors, statements,
  logbook entries, annotations: what ``warroom --demo`` does);
- the post-crisis review: figures (``build_review``) and the PDF (``write_review``).
Peers, in the same run:
- the standard library's ``json`` + ``gzip`` reading the same file (no validation);
- raw ``sqlite3`` ``executemany`` of the same posts and authors into the same crisis-file
  tables (FTS triggers included), without watch terms, annotations or the other injects;
- reportlab alone building a document of the same number of table rows, no figures.

    .venv/bin/python benchmarks/bench_scenario.py
"""

from __future__ import annotations

import gzip
import json
import sqlite3
import tempfile
import time
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate, Table

from warroom.analysis.review import build_review
from warroom.ingest.scenario import load_scenario, resolve
from warroom.ingest.scenario_expand import declared_authors, expand, to_normalised
from warroom.ingest.scenario_play import load_instantly
from warroom.report.review_pdf import write_review
from warroom.store.db import CrisisDatabase


def timed(label: str, func):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    result = func()
    print(f"{label:<58} {time.perf_counter() - start:7.3f} s")
    return result


def peer_sqlite(path: Path, posts) -> None:  # type: ignore[no-untyped-def]
    crisis = CrisisDatabase.create(path, "peer")
    crisis.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany(
            "INSERT OR IGNORE INTO author (channel, handle, display_name, followers, created_at)"
            " VALUES (?, ?, ?, ?, '2021-03-10T00:00:00.000000Z')",
            {
                (p.channel, p.author.handle, p.author.display_name, p.author.followers)
                for p in posts
            },
        )
        ids = {(c, h): i for i, c, h in conn.execute("SELECT id, channel, handle FROM author")}
        conn.executemany(
            "INSERT OR IGNORE INTO post (channel, external_id, author_id, text, created_at,"
            " fetched_at, reply_to, repost_of, quote_of) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    p.channel,
                    p.id,
                    ids[(p.channel, p.author.handle)],
                    p.text,
                    p.created_at.isoformat(),
                    p.created_at.isoformat(),
                    p.reply_to,
                    p.repost_of,
                    p.quote_of,
                )
                for p in posts
            ],
        )
    conn.close()


def main() -> None:
    path = resolve("datacenter-fire")
    folder = Path(tempfile.mkdtemp(prefix="bench-scenario-"))
    scenario = timed(
        "ours: parse and validate datacenter-fire.json.gz", lambda: load_scenario(path)
    )
    timed(
        "peer: gzip + json.loads of the same file",
        lambda: json.loads(gzip.decompress(path.read_bytes())),
    )
    steps = timed("ours: expand bursts into timed posts", lambda: expand(scenario))
    posts_steps = [s for s in steps if s.post is not None]
    print(f"  {len(steps)} steps, {len(posts_steps)} posts")
    crisis = CrisisDatabase.create(folder / "ours.warroom", "bench")
    timed(
        "ours: load instantly (store_batch, injects, annotations)",
        lambda: load_instantly(crisis.db, scenario),
    )
    authors = declared_authors(scenario)
    posts = [
        to_normalised(scenario, authors, s.post, scenario.start + s.at, s.inject)
        for s in posts_steps
    ]
    timed(
        "peer: raw sqlite3 executemany of the same posts",
        lambda: peer_sqlite(folder / "peer.warroom", posts),
    )
    data = timed("ours: review figures (build_review)", lambda: build_review(crisis.db, "bench"))
    timed("ours: review PDF (write_review)", lambda: write_review(data, folder / "review.pdf"))
    rows = [["x"] * 4 for _ in range(len(data.timeline) + len(data.statements) + 120)]
    timed(
        "peer: reportlab alone, a table of as many rows",
        lambda: SimpleDocTemplate(str(folder / "peer.pdf"), pagesize=A4).build([Table(rows)]),
    )
    crisis.close()


if __name__ == "__main__":
    main()
