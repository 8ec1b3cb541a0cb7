"""Writes of scenario content: posts (bulk), their annotations, rumors, statements, phases.

Live exercises send posts through the ingestion path (``store_batch``). Loading a whole
scenario at once (the demo crisis) uses :func:`store_posts`, a bulk writer with the same
rules (authors upserted, posts deduplicated on ``(channel, external_id)``, watch terms
matched, exclusions dropped) about four times faster on thousands of posts.
:func:`annotate_posts` then adds what only a scenario knows (stakeholder group of each
author, rumor links, and replies from our own accounts marking the parent as answered).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import peewee

from warroom.domain.enums import LogCategory
from warroom.domain.posts import NormalisedPost
from warroom.domain.timeutil import format_utc, utcnow
from warroom.store import logbook
from warroom.store.errors import translated_errors
from warroom.store.models import (
    Crisis,
    Post,
    Rumor,
    StakeholderGroup,
    Statement,
    StatementEvent,
    StatementTarget,
    StatementVersion,
)
from warroom.store.watch import load_watchlist

_CHUNK = 400


def store_posts(db: peewee.Database, posts: Sequence[NormalisedPost], source_id: int) -> int:
    """Insert posts (and their authors); returns how many were new."""
    if not posts:
        return 0
    now = format_utc(utcnow())
    with translated_errors("storing scenario posts"), db.atomic():
        posts = _watched(posts)
        author_ids = _author_ids(db, posts, now)
        rows = [
            _post_row(p, author_ids[(p.channel, p.author.handle)], source_id, now) for p in posts
        ]
        before = db.execute_sql("SELECT count(*) FROM post").fetchone()[0]
        db.cursor().executemany(_POST_INSERT, rows)
        after = db.execute_sql("SELECT count(*) FROM post").fetchone()[0]
    return int(after - before)


_POST_COLUMNS = [
    "channel",
    "external_id",
    "author_id",
    "text",
    "url",
    "lang",
    "created_at",
    "fetched_at",
    "reply_to",
    "repost_of",
    "quote_of",
    "mentions",
    "hashtags",
    "likes",
    "shares",
    "replies",
    "views",
    "reach",
    "sentiment",
    "matched_terms",
    "priority",
    "status",
    "moderated",
    "source_id",
    "raw",
]
_POST_INSERT = (
    f"INSERT OR IGNORE INTO post ({', '.join(_POST_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_POST_COLUMNS))})"
)


def _watched(posts: Sequence[NormalisedPost]) -> list[NormalisedPost]:
    """Record matched watch terms and drop excluded posts, as the ingestion path does."""
    watch = load_watchlist()
    kept = []
    for post in posts:
        matched, excluded = watch.match(
            post.channel, post.text, post.hashtags, post.author.handle, post.mentions
        )
        if not excluded:
            post.matched_terms = sorted(set(post.matched_terms) | set(matched))
            kept.append(post)
    return kept


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _post_row(post: NormalisedPost, author_id: int, source_id: int, now: str) -> tuple[Any, ...]:
    return (
        post.channel,
        post.id,
        author_id,
        post.text,
        post.url,
        post.lang,
        format_utc(post.created_at),
        format_utc(post.created_at),
        post.reply_to,
        post.repost_of,
        post.quote_of,
        _dump(post.mentions),
        _dump(post.hashtags),
        post.likes,
        post.shares,
        post.replies,
        post.views,
        post.author.followers,
        post.sentiment,
        _dump(post.matched_terms),
        0,
        "new",
        0,
        source_id,
        _dump(post.raw) if post.raw is not None else None,
    )


def _author_ids(
    db: peewee.Database, posts: Sequence[NormalisedPost], now: str
) -> dict[tuple[str, str], int]:
    authors = {(p.channel, p.author.handle): p.author for p in posts}
    rows = [
        (a.channel, a.handle, a.display_name, a.followers, int(a.verified), a.kind, now)
        for a in authors.values()
    ]
    db.cursor().executemany(
        "INSERT OR IGNORE INTO author (channel, handle, display_name, followers, verified, kind,"
        " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    result: dict[tuple[str, str], int] = {}
    keys = list(authors)
    for start in range(0, len(keys), _CHUNK):
        chunk = keys[start : start + _CHUNK]
        clause = " OR ".join("(channel = ? AND handle = ?)" for _ in chunk)
        params = [v for key in chunk for v in key]
        for ident, channel, handle in db.execute_sql(
            f"SELECT id, channel, handle FROM author WHERE {clause}", params
        ):
            result[(channel, handle)] = int(ident)
    return result


def annotate_posts(
    db: peewee.Database,
    posts: Sequence[NormalisedPost],
    rumor_ids: dict[str, int],
    own_accounts: Iterable[str],
) -> None:
    """Scenario knowledge the generic ingestion does not have (see the module docstring)."""
    own = set(own_accounts)
    groups = {g.name: int(g.id) for g in StakeholderGroup.select()}
    author_groups: set[tuple[int, str, str]] = set()
    rumor_links = []
    answers = []
    for post in posts:
        raw = post.raw or {}
        group = groups.get(str(raw.get("group")))
        if group is not None:
            author_groups.add((group, post.channel, post.author.handle))
        rumor = rumor_ids.get(str(raw.get("rumor")))
        if rumor is not None:
            rumor_links.append((rumor, post.channel, post.id))
        if post.reply_to and post.author.handle in own:
            answers.append((format_utc(post.created_at), post.channel, post.reply_to))
    with translated_errors("annotating scenario posts"), db.atomic():
        cursor = db.cursor()
        cursor.executemany(
            "UPDATE author SET group_id = ? WHERE channel = ? AND handle = ? "
            "AND group_locked = 0 AND group_id IS NULL",
            sorted(author_groups),
        )
        cursor.executemany(
            "UPDATE post SET rumor_id = ? WHERE channel = ? AND external_id = ?", rumor_links
        )
        cursor.executemany(
            "UPDATE post SET answered_at = ?, status = 'answered' WHERE channel = ? "
            "AND external_id = ? AND answered_at IS NULL",
            answers,
        )


def _post_id(channel: str | None, external_id: object) -> int | None:
    if external_id is None:
        return None
    query = Post.select(Post.id).where(Post.external_id == str(external_id))
    if channel:
        query = query.where(Post.channel == channel)
    row = query.first()
    return int(row.id) if row else None


def create_rumor(db: peewee.Database, data: dict[str, Any], at: datetime, operator: str) -> int:
    """A rumor that appears (inject ``rumor``), logged at its scenario time."""
    with translated_errors("registering a scenario rumor"), db.atomic():
        origin = _post_id(None, data.get("origin"))
        rumor = Rumor.create(
            claim=data["claim"],
            first_seen=at,
            origin_post=origin,
            status=data.get("status", "detected"),
            match_query=data.get("match", ""),
            owner=data.get("owner", ""),
            best_voice=data.get("best_voice", ""),
            created_at=at,
            updated_at=at,
        )
        if origin is not None:
            Post.update(rumor=rumor.id).where(Post.id == origin).execute()
        if data.get("id"):  # posts of the scenario that spread it before it was registered
            db.execute_sql(
                "UPDATE post SET rumor_id = ? WHERE rumor_id IS NULL AND raw IS NOT NULL "
                "AND json_extract(raw, '$.rumor') = ? AND json_extract(raw, '$.exercise')",
                (int(rumor.id), str(data["id"])),
            )
        links = [("rumor", int(rumor.id))] + ([("post", origin)] if origin else [])
        logbook.system_entry(
            db, f"Rumor registered: {data['claim']}", links, operator, event_time=at
        )
    return int(rumor.id)


def update_rumor(
    db: peewee.Database,
    rumor_id: int,
    data: dict[str, Any],
    at: datetime,
    statement_id: int | None,
    operator: str,
) -> None:
    """A rumor's status changes (rebutted, corrected at source…), logged at its time."""
    with translated_errors("updating a scenario rumor"), db.atomic():
        rumor = Rumor.get_by_id(rumor_id)
        changes: dict[str, Any] = {"updated_at": at}
        if data.get("status"):
            changes["status"] = data["status"]
        if statement_id is not None:
            changes["rebuttal_statement"] = statement_id
        if data.get("status") == "corrected_at_source" or data.get("corrected_by"):
            changes.update(
                corrected_at_source=True,
                corrected_by=data.get("corrected_by") or data.get("by"),
                corrected_at=at,
                corrected_url=data.get("url"),
            )
        if data.get("evidence"):
            changes["evidence"] = data["evidence"]
        Rumor.update(**changes).where(Rumor.id == rumor_id).execute()
        note = f" — {data['text']}" if data.get("text") else ""
        logbook.system_entry(
            db,
            f"Rumor « {rumor.claim} »: {rumor.status} → {changes.get('status', rumor.status)}"
            f"{note}",
            [("rumor", rumor_id)],
            operator,
            event_time=at,
        )


def create_statement(db: peewee.Database, data: dict[str, Any], at: datetime) -> int:
    """A statement as the scenario says it stood (usually published), with its versions."""
    status = str(data.get("status", "published"))
    author = str(data.get("author", "comms"))
    with translated_errors("recording a scenario statement"), db.atomic():
        statement = Statement.create(
            title=data["title"],
            kind=data.get("kind", "communique"),
            status=status,
            topic=data.get("topic", ""),
            author=author,
            approver=data.get("approver"),
            created_at=at,
            updated_at=at,
        )
        groups = {g.name: g.id for g in StakeholderGroup.select()}
        for name in data.get("targets", []):
            if name in groups:
                StatementTarget.create(statement=statement, group=groups[name])
        published = status == "published"
        for version in data["versions"]:
            post_url = None
            if version.get("post"):
                post = Post.get_or_none(Post.external_id == str(version["post"]))
                post_url = post.url if post else None
            StatementVersion.create(
                statement=statement,
                channel=version["channel"],
                language=version.get("lang", "fr"),
                text=version["text"],
                created_by=author,
                created_at=at,
                frozen=published,
                published_at=at if published else None,
                published_url=post_url or version.get("url"),
                published_by=author if published else None,
            )
        for step in ("draft", "in_review", "approved", "published"):
            StatementEvent.create(
                statement=statement, from_status=None, to_status=step, operator=author, at=at
            )
            if step == status:
                break
        channels = ", ".join(sorted({str(v["channel"]) for v in data["versions"]}))
        logbook.system_entry(
            db,
            f"Statement « {data['title']} » {status} ({channels}).",
            [("statement", int(statement.id))],
            author,
            event_time=at,
        )
    return int(statement.id)


def set_phase(db: peewee.Database, phase: str, at: datetime, operator: str) -> None:
    with translated_errors("changing the crisis phase"), db.atomic():
        Crisis.update(phase=phase).execute()
        logbook.append(
            db,
            logbook.NewEntry(
                text=f"Crisis phase: {phase}.",
                operator=logbook.SYSTEM_OPERATOR,
                on_behalf_of=operator,
                category=LogCategory.SYSTEM,
                automatic=True,
                event_time=at,
            ),
        )
