"""Rumor register: reads, spread series, suggestions for a post, near-duplicate posts.

A rumor's posts are those its match query finds in ``post_fts`` (accents folded, FTS5
syntax) plus those linked to it by hand. The rebuttal's posts are those that carry a
published URL of one of its rebuttal statements (the post itself, posts quoting the link,
reshares and quotes of those posts).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import cast

import peewee

from warroom.domain.rumors import (
    SpreadSeries,
    bucket_series,
    choose_step,
)
from warroom.domain.timeutil import parse_utc
from warroom.store import item_history as history
from warroom.store.errors import StoreError
from warroom.store.models import (
    Post,
    Rumor,
    RumorEvent,
    RumorEvidence,
    RumorRebuttal,
    Statement,
    StatementVersion,
)


@dataclass(frozen=True)
class RumorSummary:
    id: int
    claim: str
    status: str
    first_seen: datetime
    owner: str
    best_voice: str
    match_query: str
    linked_posts: int
    rebuttals: int
    corrected_at_source: bool
    updated_at: datetime


@dataclass(frozen=True)
class EvidenceData:
    id: int
    kind: str
    text: str
    url: str
    path: str
    added_by: str
    added_at: datetime


@dataclass(frozen=True)
class RebuttalData:
    statement_id: int
    title: str
    status: str
    publications: list[tuple[datetime, str, str]]  # (at, channel, url)


@dataclass(frozen=True)
class RumorDetail:
    summary: RumorSummary
    origin_post_id: int | None
    origin_text: str
    corrected_by: str | None
    corrected_at: datetime | None
    corrected_url: str | None
    events: list[tuple[str | None, str, str, datetime, str]]
    evidence: list[EvidenceData]
    rebuttals: list[RebuttalData]


def _summaries(
    where: peewee.Expression | None = None, as_of: datetime | None = None
) -> list[RumorSummary]:
    linked_query = Post.select(Post.rumor, peewee.fn.COUNT(peewee.SQL("*"))).where(
        Post.rumor.is_null(False)
    )
    rebuttal_query = RumorRebuttal.select(RumorRebuttal.rumor, peewee.fn.COUNT(peewee.SQL("*")))
    query = Rumor.select().order_by(Rumor.first_seen, Rumor.created_at)
    if as_of is not None:
        linked_query = linked_query.where(Post.created_at <= as_of)
        rebuttal_query = rebuttal_query.where(
            RumorRebuttal.statement.in_(history.statements_existing(as_of))
        )
        query = query.where(Rumor.first_seen <= as_of)
    linked = dict(cast(list[tuple[int, int]], list(linked_query.group_by(Post.rumor).tuples())))
    rebuttals = dict(
        cast(list[tuple[int, int]], list(rebuttal_query.group_by(RumorRebuttal.rumor).tuples()))
    )
    if where is not None:
        query = query.where(where)
    rows = [
        RumorSummary(
            id=r.id,
            claim=r.claim,
            status=r.status,
            first_seen=r.first_seen,
            owner=r.owner,
            best_voice=r.best_voice,
            match_query=r.match_query,
            linked_posts=int(linked.get(r.id, 0)),
            rebuttals=int(rebuttals.get(r.id, 0)),
            corrected_at_source=bool(r.corrected_at_source),
            updated_at=r.updated_at,
        )
        for r in query
    ]
    if as_of is None:
        return rows
    only = rows[0].id if where is not None and len(rows) == 1 else None
    statuses = history.rumor_statuses(as_of, only)
    corrected = {r.id: r.corrected_at for r in Rumor.select(Rumor.id, Rumor.corrected_at)}
    return [_summary_as_of(r, statuses.get(r.id), corrected.get(r.id), as_of) for r in rows]


def _summary_as_of(
    row: RumorSummary,
    status: tuple[str, datetime] | None,
    corrected_at: datetime | None,
    as_of: datetime,
) -> RumorSummary:
    corrected = corrected_at is not None and corrected_at <= as_of
    if row.updated_at <= as_of:  # not changed since: the recorded time stands
        changed = row.updated_at
    else:
        stamps = [row.first_seen, status[1] if status else row.first_seen]
        changed = max(stamps + ([corrected_at] if corrected and corrected_at else []))
    return replace(
        row,
        status=status[0] if status else history.DETECTED,
        corrected_at_source=corrected,
        updated_at=changed,
    )


def list_rumors(as_of: datetime | None = None) -> list[RumorSummary]:
    """Every rumor, first seen first; with ``as_of``, as they stood then."""
    return _summaries(as_of=as_of)


def get_rumor(rumor_id: int, as_of: datetime | None = None) -> RumorDetail | None:
    """One rumor with its history, evidence and rebuttals; with ``as_of``, as it stood
    then (None if not seen yet)."""
    found = _summaries(cast(peewee.Expression, Rumor.id == rumor_id), as_of)
    if not found:
        return None
    row = Rumor.get_by_id(rumor_id)
    origin = Post.get_or_none(Post.id == row.origin_post_id) if row.origin_post_id else None
    if origin is not None and as_of is not None and origin.created_at > as_of:
        origin = None
    events = [
        (e.from_status, e.to_status, e.operator, e.at, e.note)
        for e in RumorEvent.select()
        .where(RumorEvent.rumor == rumor_id)
        .order_by(RumorEvent.at, RumorEvent.id)
        if as_of is None or e.at <= as_of
    ]
    evidence = [
        EvidenceData(e.id, e.kind, e.text, e.url, e.path, e.added_by, e.added_at)
        for e in RumorEvidence.select()
        .where(RumorEvidence.rumor == rumor_id)
        .order_by(RumorEvidence.added_at)
        if as_of is None or e.added_at <= as_of
    ]
    corrected = found[0].corrected_at_source or as_of is None
    return RumorDetail(
        summary=found[0],
        origin_post_id=row.origin_post_id,
        origin_text=origin.text if origin else "",
        corrected_by=row.corrected_by if corrected else None,
        corrected_at=row.corrected_at if corrected else None,
        corrected_url=row.corrected_url if corrected else None,
        events=events,
        evidence=evidence,
        rebuttals=_rebuttals(rumor_id, as_of),
    )


def rebuttal_statement_ids(rumor_id: int) -> list[int]:
    ids = [
        int(r.statement_id) for r in RumorRebuttal.select().where(RumorRebuttal.rumor == rumor_id)
    ]
    main = Rumor.get_or_none(Rumor.id == rumor_id)
    if main is not None and main.rebuttal_statement_id and main.rebuttal_statement_id not in ids:
        ids.insert(0, int(main.rebuttal_statement_id))
    return ids


def _rebuttals(rumor_id: int, as_of: datetime | None = None) -> list[RebuttalData]:
    """The rumor's rebuttal statements; with ``as_of``, those that existed then, with
    their status and publications then."""
    ids = rebuttal_statement_ids(rumor_id)
    states = history.statement_states(as_of, {}) if as_of is not None and ids else None
    result = []
    for statement_id in ids:
        statement = Statement.get_or_none(Statement.id == statement_id)
        if statement is None or (states is not None and statement_id not in states):
            continue
        query = StatementVersion.select().where(
            (StatementVersion.statement == statement_id)
            & StatementVersion.published_at.is_null(False)
        )
        if as_of is not None:
            query = query.where(StatementVersion.published_at <= as_of)
        publications = [
            (v.published_at, v.channel, v.published_url or "")
            for v in query.order_by(StatementVersion.published_at)
        ]
        status = states[statement_id].status if states is not None else statement.status
        result.append(RebuttalData(statement_id, statement.title, status, publications))
    return result


# -- spread ----------------------------------------------------------------------------------


def rumor_posts(
    db: peewee.Database, rumor_id: int, as_of: datetime | None = None
) -> list[tuple[int, datetime, int]]:
    """(post id, created_at, reach) of every post carrying the rumor, oldest first (with
    ``as_of``: those created by then). Posts spreading its rebuttal (which often name the
    rumor) are not counted."""
    found = _carrying(db, rumor_id, rebuttal_posts(db, rumor_id))
    kept = (p for p in found if as_of is None or p[1] <= as_of)
    return sorted(kept, key=lambda item: (item[1], item[0]))


def _carrying(
    db: peewee.Database, rumor_id: int, rebuttal: list[tuple[int, datetime, int]]
) -> list[tuple[int, datetime, int]]:
    """The rumor's posts (match query and linked by hand) that do not spread ``rebuttal``."""
    row = Rumor.get_or_none(Rumor.id == rumor_id)
    if row is None:
        raise StoreError(f"rumor #{rumor_id} does not exist")
    found: dict[int, tuple[int, datetime, int]] = {}
    if row.match_query.strip():
        try:
            cursor = db.execute_sql(
                "SELECT p.id, p.created_at, p.reach FROM post_fts JOIN post p "
                "ON p.id = post_fts.rowid WHERE post_fts MATCH ?",
                (row.match_query,),
            )
        except (peewee.OperationalError, peewee.DatabaseError) as exc:
            raise StoreError(f"the rumor's match query cannot be used ({exc})") from None
        for post_id, created, reach in cursor.fetchall():
            found[int(post_id)] = (int(post_id), parse_utc(created), int(reach))
    for post_id, created, reach in db.execute_sql(
        "SELECT id, created_at, reach FROM post WHERE rumor_id = ?", (rumor_id,)
    ).fetchall():
        found[int(post_id)] = (int(post_id), parse_utc(created), int(reach))
    for post_id, _, _ in rebuttal:
        found.pop(post_id, None)
    return list(found.values())


def rebuttal_posts(
    db: peewee.Database, rumor_id: int, as_of: datetime | None = None
) -> list[tuple[int, datetime, int]]:
    """Posts spreading the rebuttal: the published post itself, posts that contain one of
    its URLs, and reshares/quotes of those posts (with ``as_of``: the publications made and
    the posts created by then)."""
    urls = [
        url
        for item in _rebuttals(rumor_id, as_of)
        for (_, _, url) in item.publications
        if url.strip()
    ]
    found: dict[int, tuple[int, datetime, int]] = {}
    carriers: list[tuple[str, str]] = []
    for url in dict.fromkeys(urls):
        for post_id, created, reach, channel, external in db.execute_sql(
            "SELECT id, created_at, reach, channel, external_id FROM post "
            "WHERE url = ? OR instr(text, ?) > 0",
            (url, url),
        ).fetchall():
            found[int(post_id)] = (int(post_id), parse_utc(created), int(reach))
            carriers.append((str(channel), str(external)))
    for channel, external in carriers:
        for post_id, created, reach in db.execute_sql(
            "SELECT id, created_at, reach FROM post WHERE channel = ? "
            "AND (repost_of = ? OR quote_of = ?)",
            (channel, external, external),
        ).fetchall():
            found[int(post_id)] = (int(post_id), parse_utc(created), int(reach))
    kept = (p for p in found.values() if as_of is None or p[1] <= as_of)
    return sorted(kept, key=lambda item: (item[1], item[0]))


@dataclass(frozen=True)
class SpreadData:
    rumor: SpreadSeries
    rebuttal: SpreadSeries
    step: timedelta
    publications: list[tuple[datetime, str, str]] = field(default_factory=list)
    corrected_at: datetime | None = None
    as_of: datetime | None = None  # the replay instant the series stop at


def rumor_spread(
    db: peewee.Database,
    rumor_id: int,
    step: timedelta | None = None,
    as_of: datetime | None = None,
) -> SpreadData:
    """The rumor's and its rebuttal's posts and reach over time, on the same buckets. With
    ``as_of``: only what had happened by then, the buckets running up to that instant."""
    rebuttal_all = rebuttal_posts(db, rumor_id)
    rumor_all = sorted(_carrying(db, rumor_id, rebuttal_all), key=lambda p: (p[1], p[0]))
    every = sorted(p for item in _rebuttals(rumor_id) for p in item.publications)
    rumor, rebuttal, publications = rumor_all, rebuttal_all, every
    if as_of is not None:
        rumor = [p for p in rumor_all if p[1] <= as_of]
        rebuttal = rebuttal_posts(db, rumor_id, as_of)
        publications = [p for p in every if p[0] <= as_of]
    row = Rumor.get_by_id(rumor_id)
    corrected = row.corrected_at
    if as_of is not None and corrected is not None and corrected > as_of:
        corrected = None
    times = [at for _, at, _ in rumor + rebuttal] + [at for at, _, _ in publications]
    if not times:
        empty = SpreadSeries([], [], [])
        return SpreadData(empty, empty, step or timedelta(hours=1), [], corrected, as_of)
    first, last = min(times), max(times)
    if as_of is not None:  # run to the instant, not beyond the rumor's last activity
        stamps = [at for _, at, _ in rumor_all + rebuttal_all] + [at for at, _, _ in every]
        last = max(last, min(as_of, max(stamps)))
    width = step or choose_step(first, last)
    start = first.replace(minute=0, second=0, microsecond=0)
    return SpreadData(
        bucket_series([(at, reach) for _, at, reach in rumor], start, last, width),
        bucket_series([(at, reach) for _, at, reach in rebuttal], start, last, width),
        width,
        publications,
        corrected,
        as_of,
    )


def top_carriers(
    db: peewee.Database, rumor_id: int, limit: int = 10, as_of: datetime | None = None
) -> list[tuple[str, str, int, int]]:
    """(handle, channel, posts, followers) of the accounts carrying the rumor most (with
    ``as_of``: in the posts created by then)."""
    ids = [post_id for post_id, _, _ in rumor_posts(db, rumor_id, as_of)]
    if not ids:
        return []
    counts: dict[int, int] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        marks = ",".join("?" * len(chunk))
        for author_id, number in db.execute_sql(
            f"SELECT author_id, COUNT(*) FROM post WHERE id IN ({marks}) GROUP BY author_id",
            chunk,
        ).fetchall():
            counts[int(author_id)] = counts.get(int(author_id), 0) + int(number)
    best = sorted(counts.items(), key=lambda item: -item[1])[: limit * 3]
    rows = []
    for author_id, number in best:
        handle, channel, followers = db.execute_sql(
            "SELECT handle, channel, followers FROM author WHERE id = ?", (author_id,)
        ).fetchone()
        rows.append((str(handle), str(channel), number, int(followers)))
    rows.sort(key=lambda r: (-r[2], -r[3]))
    return rows[:limit]
