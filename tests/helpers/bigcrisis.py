"""Generate a large crisis file fast: raw sqlite3 ``executemany`` into the real schema.

The crisis is created with :meth:`CrisisDatabase.create` (so the schema, the FTS index and
its triggers are the real ones), then authors and posts are bulk-inserted. Deterministic
for a given seed. Used by the model tests and the feed benchmark (1M posts each).

    python -m tests.helpers.bigcrisis OUT.warroom [POSTS]
"""

from __future__ import annotations

import json
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

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


_STATUS_CUT = np.array(_cumulative(STATUS_WEIGHTS))
_WHATS = (None, None, "criticism", "question")
# Every (opening, tail) pair: its text before the post number, hashtags, mood and language.
_PAIRS = [
    (
        f"{opening} {tail}",
        json.dumps([w[1:].lower() for w in f"{opening} {tail}".split() if w.startswith("#")]),
        "perdu" in opening or "Inacceptable" in opening or "down" in opening,
        "en" if opening.startswith(("Outage", "Our")) else "fr",
    )
    for opening in OPENINGS
    for tail in TAILS
]
_T0 = np.datetime64(T0.replace(tzinfo=None), "us")


def _posts(
    rng: np.random.Generator, first: int, stop: int, authors: list[tuple[object, ...]], total: int
) -> Iterator[tuple[object, ...]]:
    """Post rows ``first`` … ``stop - 1``, drawn a batch at a time (a million are made per
    benchmark run: numpy draws, Python only assembles the tuples)."""
    ids = np.arange(first, stop)
    n = len(ids)
    author_of = rng.integers(0, len(authors), n)
    # Arrival order is roughly chronological with a little jitter, like a live feed.
    seconds = np.maximum(0, ids * SPAN_S // total + rng.integers(-30, 30, n))
    stamps = np.char.add(np.datetime_as_string(_T0 + seconds.astype("timedelta64[s]")), "Z")
    pair_of = rng.integers(0, len(_PAIRS), n)
    status_of = np.searchsorted(_STATUS_CUT, rng.random(n) * 0.999999, side="right")
    mood = rng.random(n)
    negative = np.array([pair[2] for pair in _PAIRS])[pair_of]
    sentiment = np.round(np.where(negative, -0.9 + 0.7 * mood, -0.4 + 1.1 * mood), 3)
    replying = (rng.random(n) < 0.3) & (ids > 1)
    reply_to = (rng.random(n) * (ids - 1)).astype(np.int64) + 1
    likes = (2 / (1 - rng.random(n) * 0.99)).astype(np.int64)
    shares = (1 / (1 - rng.random(n) * 0.99)).astype(np.int64)
    replies = (1 / (1 - rng.random(n) * 0.9)).astype(np.int64)
    what_of = rng.integers(0, len(_WHATS), n)
    assignee_of = rng.integers(0, len(ASSIGNEES), n)
    columns = zip(
        ids.tolist(),
        author_of.tolist(),
        stamps.tolist(),
        pair_of.tolist(),
        status_of.tolist(),
        sentiment.tolist(),
        np.where(replying, reply_to, 0).tolist(),
        likes.tolist(),
        shares.tolist(),
        replies.tolist(),
        what_of.tolist(),
        assignee_of.tolist(),
        strict=True,
    )
    for post_id, a, created, pair, st, mood_, reply, lk, sh, rp, what, who in columns:
        author = authors[a]
        channel = str(author[1])
        text, hashtags, _negative, lang = _PAIRS[pair]
        status = STATUSES[st]
        yield (
            post_id,
            channel,
            f"x{post_id}",
            author[0],
            f"{text} ({post_id})",
            f"https://example.org/{channel}/{post_id}",
            lang,
            created,
            created,
            f"x{reply}" if reply else None,
            hashtags,
            lk,
            sh,
            rp,
            0,
            author[4],
            mood_,
            '["hexacloud"]',
            _WHATS[what],
            0,
            status,
            ASSIGNEES[who] if status == "assigned" else None,
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
    draws = np.random.default_rng(seed)
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
    # So is the full-text index: one 'rebuild' instead of the insert trigger row by row
    # (3x faster); the trigger is put back as it was.
    (fts_trigger,) = conn.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'post_fts_insert'"
    ).fetchone()
    conn.execute("DROP TRIGGER post_fts_insert")
    batch = 50_000
    for start in range(1, posts + 1, batch):
        stop = min(posts + 1, start + batch)
        with conn:
            conn.executemany(POST_SQL, _posts(draws, start, stop, author_rows, posts))
    with conn:
        conn.execute("INSERT INTO post_fts (post_fts) VALUES ('rebuild')")
        conn.execute(fts_trigger)
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
