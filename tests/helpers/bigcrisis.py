"""Generate a large crisis file fast: raw sqlite3 ``executemany`` into the real schema.

The crisis is created with :meth:`CrisisDatabase.create` (so the schema, the FTS index and
its triggers are the real ones), then authors and posts are bulk-inserted. Deterministic
for a given seed. Used by the model tests (200k posts) and the feed benchmark (1M posts).

    python -m tests.helpers.bigcrisis OUT.warroom [POSTS]
"""

from __future__ import annotations

import bisect
import json
import random
import sqlite3
import sys
import time
from datetime import timedelta
from pathlib import Path

from warroom.domain.timeutil import format_utc, parse_utc

T0 = parse_utc("2021-03-09T23:47:00Z")
SPAN_S = 3 * 86_400
CHANNELS = ("twitter", "facebook", "linkedin", "reddit", "youtube", "mastodon", "press")
CHANNEL_WEIGHTS = (50, 25, 8, 7, 5, 3, 2)
KINDS = ("customer", "unknown", "media", "journalist", "influencer", "activist", "company")
KIND_WEIGHTS = (45, 35, 5, 3, 6, 4, 2)
STATUSES = ("new", "triaged", "assigned", "answered", "escalated", "ignored")
STATUS_WEIGHTS = (80, 8, 4, 6, 1, 1)
ASSIGNEES = ("Inès Benali", "Hugo Lefèvre", "Claire Martin")
OPENINGS = (
    "Incendie au datacenter de Strasbourg",
    "Mon site est down depuis",
    "Hexacloud ne répond pas",
    "Toujours aucune nouvelle du support",
    "Les pompiers sont sur place",
    "Est-ce que les sauvegardes sont perdues",
    "Outage at the Strasbourg datacenter",
    "Our whole shop is offline since",
    "Merci aux équipes pour la transparence",
    "Rumeur : le site serait classé Seveso",
    "Inacceptable, nous avons perdu nos données",
    "Bravo pour la communication rapide",
)
TAILS = (
    "ce matin",
    "depuis 3 heures",
    "#hexacloud",
    "#StrasbourgFire",
    "qui paie la facture ?",
    "c'est étrange juste avant l'introduction en bourse",
    "please give us an ETA",
    "no backup in another region?",
    "la préfecture confirme",
    "quelle sécurité incendie ?",
)
POST_SQL = (
    "INSERT INTO post (id, channel, external_id, author_id, text, url, lang, created_at,"
    " fetched_at, reply_to, hashtags, likes, shares, replies, views, reach, sentiment,"
    " matched_terms, triage_what, priority, status, assignee)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _authors(rng: random.Random, count: int) -> list[tuple[object, ...]]:
    rows = []
    for index in range(1, count + 1):
        channel = rng.choices(CHANNELS, CHANNEL_WEIGHTS)[0]
        kind = rng.choices(KINDS, KIND_WEIGHTS)[0]
        followers = int(rng.paretovariate(1.1) * 50)
        rows.append(
            (index, channel, f"user{index}", f"User {index}", followers, kind, 1 + index % 9)
        )
    return rows


def _cumulative(weights: tuple[int, ...]) -> list[float]:
    total, running = sum(weights), 0.0
    result = []
    for weight in weights:
        running += weight / total
        result.append(running)
    return result


_STATUS_CUT = _cumulative(STATUS_WEIGHTS)
_WHATS = (None, None, "criticism", "question")


def _stamp(seconds: int) -> str:
    return format_utc(T0 + timedelta(seconds=seconds))


def _post(rng: random.Random, post_id: int, authors: list[tuple[object, ...]], total: int) -> tuple:
    """One post row; cheap on purpose (a million of them are made per benchmark run)."""
    random_ = rng.random
    author = authors[int(random_() * len(authors))]
    channel = str(author[1])
    # Arrival order is roughly chronological with a little jitter, like a live feed.
    seconds = max(0, post_id * SPAN_S // total + int(random_() * 60) - 30)
    opening = OPENINGS[int(random_() * len(OPENINGS))]
    text = f"{opening} {TAILS[int(random_() * len(TAILS))]} ({post_id})"
    status = STATUSES[bisect.bisect(_STATUS_CUT, random_() * 0.999999)]
    negative = "perdu" in text or "Inacceptable" in text or "down" in text
    mood = random_()
    sentiment = round(-0.9 + 0.7 * mood if negative else -0.4 + 1.1 * mood, 3)
    hashtags = [w[1:].lower() for w in text.split() if w.startswith("#")]
    reply_to = f"x{int(random_() * (post_id - 1)) + 1}" if post_id > 1 and random_() < 0.3 else None
    created = _stamp(seconds)
    return (
        post_id,
        channel,
        f"x{post_id}",
        author[0],
        text,
        f"https://example.org/{channel}/{post_id}",
        "en" if opening.startswith(("Outage", "Our")) else "fr",
        created,
        created,
        reply_to,
        json.dumps(hashtags),
        int(2 / (1 - random_() * 0.99)),
        int(1 / (1 - random_() * 0.99)),
        int(1 / (1 - random_() * 0.9)),
        0,
        author[4],
        sentiment,
        '["hexacloud"]',
        _WHATS[int(random_() * 4)],
        0,
        status,
        ASSIGNEES[int(random_() * 3)] if status == "assigned" else None,
    )


def generate(path: Path, posts: int, *, authors: int = 20_000, seed: int = 4) -> Path:
    """Create ``path`` holding ``posts`` posts from ``authors`` authors. Returns ``path``."""
    from warroom.store.db import CrisisDatabase

    crisis = CrisisDatabase.create(path, "Generated crisis", timezone="Europe/Paris")
    crisis.close()
    rng = random.Random(seed)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = MEMORY")  # a throw-away file: speed over safety
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("PRAGMA cache_size = -200000")
    author_rows = _authors(rng, authors)
    with conn:
        conn.executemany(
            "INSERT INTO author (id, channel, handle, display_name, followers, kind, group_id,"
            " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(*row, format_utc(T0)) for row in author_rows],
        )
    # Indexes are rebuilt once at the end (faster than updating them row by row).
    indexes = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'post'"
        " AND sql IS NOT NULL"
    ).fetchall()
    for name, _sql in indexes:
        conn.execute(f"DROP INDEX {name}")
    batch = 50_000
    for start in range(1, posts + 1, batch):
        stop = min(posts + 1, start + batch)
        with conn:
            conn.executemany(
                POST_SQL, (_post(rng, i, author_rows, posts) for i in range(start, stop))
            )
    for _name, sql in indexes:
        conn.execute(sql)
    conn.execute("ANALYZE")
    conn.execute("PRAGMA journal_mode = WAL")  # as warroom opens it
    conn.close()
    return path


if __name__ == "__main__":
    out = Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    began = time.perf_counter()
    generate(out, count)
    print(f"{count} posts in {time.perf_counter() - began:.1f} s -> {out}")
