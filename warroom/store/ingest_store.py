"""Writing batches of normalised posts: authors upserted, posts deduplicated on
``(channel, external_id)``, watch terms recorded. Every way a post arrives (connectors,
file import, scenario injects) goes through :func:`store_batch` on the writer thread.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

import peewee

from warroom.domain.enums import AuthorKind, Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.domain.timeutil import format_utc, utcnow
from warroom.domain.watchlist import Watchlist
from warroom.store.errors import translated_errors
from warroom.store.models import Author, Post
from warroom.store.watch import load_watchlist

log = logging.getLogger("warroom.store")

CHUNK = 400  # rows per INSERT (SQLite's variable limit)
MAX_RAW = 256_000  # characters of raw payload kept per post
CHANNELS = frozenset(c.value for c in Channel)


@dataclass
class BatchResult:
    new: int = 0
    duplicate: int = 0
    rejected: int = 0  # invalid posts and posts dropped by a watchlist exclusion
    excluded: int = 0  # of which dropped by an exclusion
    new_ids: list[int] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # why posts were rejected (first few)

    def add(self, other: BatchResult) -> None:
        self.new += other.new
        self.duplicate += other.duplicate
        self.rejected += other.rejected
        self.excluded += other.excluded
        self.new_ids.extend(other.new_ids)
        self.problems.extend(other.problems[: max(0, 20 - len(self.problems))])


def invalid_reason(post: NormalisedPost) -> str | None:
    if post.channel not in CHANNELS:
        return f"unknown channel {post.channel[:40]!r}"
    if not post.id or not str(post.id).strip():
        return "no post id"
    if len(post.id) > 512:
        return "post id longer than 512 characters"
    if not post.author.handle:
        return "no author"
    if not post.text and not post.repost_of:
        return "no text"
    if post.created_at.tzinfo is None:
        return "time without time zone"
    return None


def store_batch(
    db: peewee.Database,
    posts: Sequence[NormalisedPost],
    source_id: int | None,
    *,
    watchlist: Watchlist | None = None,
) -> BatchResult:
    """Store ``posts`` in one transaction. Posts already stored (same channel and id) are
    counted as duplicates and left exactly as they were."""
    result = BatchResult()
    now = utcnow()
    with translated_errors("storing posts"), db.atomic():
        watch = watchlist if watchlist is not None else load_watchlist()
        fresh = _screen(posts, watch, result)
        known = _existing_keys((p.channel, p.id) for p in fresh)
        fresh = [p for p in fresh if (p.channel, p.id) not in known]
        result.duplicate += len(known)
        if not fresh:
            return result
        authors = upsert_authors(db, [p.author for p in fresh], now)
        fetched = format_utc(now)
        db.cursor().executemany(_INSERT_POST, [_row(p, authors, source_id, fetched) for p in fresh])
        result.new_ids = sorted(_ids_of((p.channel, p.id) for p in fresh))
        result.new = len(fresh)
    return result


_POST_COLUMNS = (
    "channel", "external_id", "author_id", "text", "url", "lang", "created_at", "fetched_at",
    "reply_to", "repost_of", "quote_of", "mentions", "hashtags", "likes", "shares", "replies",
    "views", "reach", "sentiment", "matched_terms", "source_id", "raw",
)  # fmt: skip
_INSERT_POST = (
    f"INSERT INTO post ({', '.join(_POST_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _ in _POST_COLUMNS)})"
)


def _json(value: Any) -> str:
    """The JsonField's stored form."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _ids_of(keys: Iterable[tuple[str, str]]) -> list[int]:
    ids: list[int] = []
    for channel, external_ids in _group(keys).items():
        for start in range(0, len(external_ids), 900):
            query = Post.select(Post.id).where(
                (Post.channel == channel) & Post.external_id.in_(external_ids[start : start + 900])
            )
            rows = cast(list[tuple[int]], list(query.tuples()))
            ids.extend(int(row[0]) for row in rows)
    return ids


def _screen(
    posts: Sequence[NormalisedPost], watch: Watchlist, result: BatchResult
) -> list[NormalisedPost]:
    """Drop invalid posts, in-batch repeats and exclusions; record matched terms."""
    seen: set[tuple[str, str]] = set()
    kept: list[NormalisedPost] = []
    for post in posts:
        reason = invalid_reason(post)
        if reason is not None:
            result.rejected += 1
            if len(result.problems) < 20:
                result.problems.append(f"post {str(post.id)[:60]!r}: {reason}")
            continue
        key = (post.channel, post.id)
        if key in seen:
            result.duplicate += 1
            continue
        seen.add(key)
        matched, excluded = watch.match(
            post.channel, post.text, post.hashtags, post.author.handle, post.mentions
        )
        if excluded:
            result.rejected += 1
            result.excluded += 1
            continue
        post.matched_terms = sorted(set(post.matched_terms) | set(matched))
        kept.append(post)
    return kept


def _existing_keys(keys: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for channel, ids in _group(keys).items():
        for start in range(0, len(ids), 900):
            query = Post.select(Post.external_id).where(
                (Post.channel == channel) & Post.external_id.in_(ids[start : start + 900])
            )
            rows = cast(list[tuple[str]], list(query.tuples()))
            found.update((channel, str(row[0])) for row in rows)
    return found


def upsert_authors(
    db: peewee.Database, authors: Iterable[NormalisedAuthor], now: datetime
) -> dict[tuple[str, str], int]:
    """Insert unknown authors, refresh followers/names/verified of known ones (an author
    kind set by an operator is kept). Returns ``{(channel, handle): author id}``."""
    latest: dict[tuple[str, str], NormalisedAuthor] = {}
    for author in authors:
        latest[(author.channel, author.handle)] = author
    ids: dict[tuple[str, str], int] = {}
    for channel, handles in _group(latest).items():
        for start in range(0, len(handles), 900):
            query = Author.select().where(
                (Author.channel == channel) & Author.handle.in_(handles[start : start + 900])
            )
            for row in query:
                ids[(channel, row.handle)] = row.id
                _refresh(row, latest[(channel, row.handle)])
    missing = [a for key, a in latest.items() if key not in ids]
    if missing:
        created = format_utc(now)
        db.cursor().executemany(_INSERT_AUTHOR, [_author_row(a, created) for a in missing])
        for channel, handles in _group((a.channel, a.handle) for a in missing).items():
            for start in range(0, len(handles), 900):
                query = Author.select(Author.id, Author.handle).where(
                    (Author.channel == channel) & Author.handle.in_(handles[start : start + 900])
                )
                rows = cast(list[tuple[int, str]], list(query.tuples()))
                ids.update({(channel, handle): int(ident) for ident, handle in rows})
    return ids


def _group(keys: Iterable[tuple[str, str]]) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for channel, value in keys:
        grouped.setdefault(channel, []).append(value)
    return grouped


_INSERT_AUTHOR = (
    "INSERT INTO author (channel, handle, display_name, followers, verified, kind, profile,"
    " url, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def _refresh(row: Author, seen: NormalisedAuthor) -> None:
    changes: dict[Any, Any] = {}
    if seen.followers and seen.followers != row.followers:
        changes[Author.followers] = seen.followers
    if seen.display_name and seen.display_name != row.display_name:
        changes[Author.display_name] = seen.display_name
    if seen.verified and not row.verified:
        changes[Author.verified] = True
    if not row.kind_locked and seen.kind != AuthorKind.UNKNOWN and seen.kind != row.kind:
        changes[Author.kind] = seen.kind
    if changes:
        Author.update(changes).where(Author.id == row.id).execute()


def _author_row(author: NormalisedAuthor, created: str) -> tuple[Any, ...]:
    return (
        author.channel,
        author.handle,
        author.display_name,
        author.followers,
        int(author.verified),
        author.kind or AuthorKind.UNKNOWN,
        author.profile,
        author.url,
        created,
    )


def _raw(post: NormalisedPost) -> str | None:
    if post.raw is None:
        return None
    text = json.dumps(
        post.raw, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str
    )
    if len(text) > MAX_RAW:
        return _json({"truncated": True, "size": len(text), "start": text[:2000]})
    return text


def _row(
    post: NormalisedPost, authors: dict[tuple[str, str], int], source_id: int | None, fetched: str
) -> tuple[Any, ...]:
    """Values in ``_POST_COLUMNS`` order, in their stored forms."""
    return (
        post.channel,
        post.id,
        authors[(post.author.channel, post.author.handle)],
        post.text,
        post.url,
        post.lang,
        format_utc(post.created_at),
        fetched,
        post.reply_to,
        post.repost_of,
        post.quote_of,
        _json(post.mentions),
        _json(post.hashtags),
        post.likes,
        post.shares,
        post.replies,
        post.views,
        max(post.views, post.author.followers),
        post.sentiment,
        _json(post.matched_terms),
        source_id,
        _raw(post),
    )


def set_author_kind(db: peewee.Database, author_id: int, kind: str) -> None:
    """An operator's correction of an author's kind: kept against later guesses."""
    AuthorKind(kind)  # raises ValueError on an unknown kind
    with translated_errors("changing the author kind"), db.atomic():
        Author.update(kind=kind, kind_locked=True).where(Author.id == author_id).execute()
