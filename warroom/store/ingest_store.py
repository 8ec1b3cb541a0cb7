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
from warroom.domain.timeutil import utcnow
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
        authors = upsert_authors([p.author for p in fresh], now)
        rows = [_row(p, authors, source_id, now) for p in fresh]
        for start in range(0, len(rows), CHUNK):
            cursor = Post.insert_many(rows[start : start + CHUNK]).returning(Post.id).execute()
            result.new_ids.extend(int(_id_of(r)) for r in cursor)
        result.new = len(rows)
    return result


def _id_of(row: Any) -> int:
    if isinstance(row, tuple):
        return int(row[0])
    return int(row.id)


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
    by_channel: dict[str, list[str]] = {}
    for channel, external_id in keys:
        by_channel.setdefault(channel, []).append(external_id)
    found: set[tuple[str, str]] = set()
    for channel, ids in by_channel.items():
        for start in range(0, len(ids), 900):
            query = Post.select(Post.external_id).where(
                (Post.channel == channel) & Post.external_id.in_(ids[start : start + 900])
            )
            rows = cast(list[tuple[str]], list(query.tuples()))
            found.update((channel, str(row[0])) for row in rows)
    return found


def upsert_authors(
    authors: Iterable[NormalisedAuthor], now: datetime
) -> dict[tuple[str, str], int]:
    """Insert unknown authors, refresh followers/names/verified of known ones (an author
    kind set by an operator is kept). Returns ``{(channel, handle): author id}``."""
    latest: dict[tuple[str, str], NormalisedAuthor] = {}
    for author in authors:
        latest[(author.channel, author.handle)] = author
    ids: dict[tuple[str, str], int] = {}
    by_channel: dict[str, list[str]] = {}
    for channel, handle in latest:
        by_channel.setdefault(channel, []).append(handle)
    for channel, handles in by_channel.items():
        for start in range(0, len(handles), 900):
            query = Author.select().where(
                (Author.channel == channel) & Author.handle.in_(handles[start : start + 900])
            )
            for row in query:
                ids[(channel, row.handle)] = row.id
                _refresh(row, latest[(channel, row.handle)])
    missing = [a for key, a in latest.items() if key not in ids]
    for start in range(0, len(missing), CHUNK):
        chunk = missing[start : start + CHUNK]
        rows = [_author_row(a, now) for a in chunk]
        cursor = Author.insert_many(rows).returning(Author.id).execute()
        for author, row in zip(chunk, cursor, strict=True):
            ids[(author.channel, author.handle)] = _id_of(row)
    return ids


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


def _author_row(author: NormalisedAuthor, now: datetime) -> dict[Any, Any]:
    return {
        Author.channel: author.channel,
        Author.handle: author.handle,
        Author.display_name: author.display_name,
        Author.followers: author.followers,
        Author.verified: author.verified,
        Author.kind: author.kind or AuthorKind.UNKNOWN,
        Author.profile: author.profile,
        Author.url: author.url,
        Author.created_at: now,
    }


def _raw(post: NormalisedPost) -> Any:
    if post.raw is None:
        return None
    text = json.dumps(post.raw, ensure_ascii=False, default=str)
    if len(text) > MAX_RAW:
        return {"truncated": True, "size": len(text), "start": text[:2000]}
    return post.raw


def _row(
    post: NormalisedPost, authors: dict[tuple[str, str], int], source_id: int | None, now: datetime
) -> dict[Any, Any]:
    return {
        Post.channel: post.channel,
        Post.external_id: post.id,
        Post.author: authors[(post.author.channel, post.author.handle)],
        Post.text: post.text,
        Post.url: post.url,
        Post.lang: post.lang,
        Post.created_at: post.created_at,
        Post.fetched_at: now,
        Post.reply_to: post.reply_to,
        Post.repost_of: post.repost_of,
        Post.quote_of: post.quote_of,
        Post.mentions: post.mentions,
        Post.hashtags: post.hashtags,
        Post.likes: post.likes,
        Post.shares: post.shares,
        Post.replies: post.replies,
        Post.views: post.views,
        Post.reach: max(post.views, post.author.followers),
        Post.sentiment: post.sentiment,
        Post.matched_terms: post.matched_terms,
        Post.source: source_id,
        Post.raw: _raw(post),
    }


def set_author_kind(db: peewee.Database, author_id: int, kind: str) -> None:
    """An operator's correction of an author's kind: kept against later guesses."""
    AuthorKind(kind)  # raises ValueError on an unknown kind
    with translated_errors("changing the author kind"), db.atomic():
        Author.update(kind=kind, kind_locked=True).where(Author.id == author_id).execute()
