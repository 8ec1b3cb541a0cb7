"""Rumor register: reads, spread series, suggestions for a post, near-duplicate posts.

A rumor's posts are those its match query finds in ``post_fts`` (accents folded, FTS5
syntax) plus those linked to it by hand. The rebuttal's posts are those that carry a
published URL of one of its rebuttal statements (the post itself, posts quoting the link,
reshares and quotes of those posts).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import cast

import peewee

from warroom.domain.rumors import (
    SpreadSeries,
    bucket_series,
    choose_step,
)
from warroom.domain.timeutil import parse_utc
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


def _summaries(where: peewee.Expression | None = None) -> list[RumorSummary]:
    linked = dict(
        cast(
            list[tuple[int, int]],
            list(
                Post.select(Post.rumor, peewee.fn.COUNT(peewee.SQL("*")))
                .where(Post.rumor.is_null(False))
                .group_by(Post.rumor)
                .tuples()
            ),
        )
    )
    rebuttals = dict(
        cast(
            list[tuple[int, int]],
            list(
                RumorRebuttal.select(RumorRebuttal.rumor, peewee.fn.COUNT(peewee.SQL("*")))
                .group_by(RumorRebuttal.rumor)
                .tuples()
            ),
        )
    )
    query = Rumor.select().order_by(Rumor.first_seen, Rumor.created_at)
    if where is not None:
        query = query.where(where)
    return [
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


def list_rumors() -> list[RumorSummary]:
    return _summaries()


def get_rumor(rumor_id: int) -> RumorDetail | None:
    found = _summaries(cast(peewee.Expression, Rumor.id == rumor_id))
    if not found:
        return None
    row = Rumor.get_by_id(rumor_id)
    origin = Post.get_or_none(Post.id == row.origin_post_id) if row.origin_post_id else None
    events = [
        (e.from_status, e.to_status, e.operator, e.at, e.note)
        for e in RumorEvent.select()
        .where(RumorEvent.rumor == rumor_id)
        .order_by(RumorEvent.at, RumorEvent.id)
    ]
    evidence = [
        EvidenceData(e.id, e.kind, e.text, e.url, e.path, e.added_by, e.added_at)
        for e in RumorEvidence.select()
        .where(RumorEvidence.rumor == rumor_id)
        .order_by(RumorEvidence.added_at)
    ]
    return RumorDetail(
        summary=found[0],
        origin_post_id=row.origin_post_id,
        origin_text=origin.text if origin else "",
        corrected_by=row.corrected_by,
        corrected_at=row.corrected_at,
        corrected_url=row.corrected_url,
        events=events,
        evidence=evidence,
        rebuttals=_rebuttals(rumor_id),
    )


def rebuttal_statement_ids(rumor_id: int) -> list[int]:
    ids = [
        int(r.statement_id) for r in RumorRebuttal.select().where(RumorRebuttal.rumor == rumor_id)
    ]
    main = Rumor.get_or_none(Rumor.id == rumor_id)
    if main is not None and main.rebuttal_statement_id and main.rebuttal_statement_id not in ids:
        ids.insert(0, int(main.rebuttal_statement_id))
    return ids


def _rebuttals(rumor_id: int) -> list[RebuttalData]:
    result = []
    for statement_id in rebuttal_statement_ids(rumor_id):
        statement = Statement.get_or_none(Statement.id == statement_id)
        if statement is None:
            continue
        publications = [
            (v.published_at, v.channel, v.published_url or "")
            for v in StatementVersion.select()
            .where(
                (StatementVersion.statement == statement_id)
                & StatementVersion.published_at.is_null(False)
            )
            .order_by(StatementVersion.published_at)
        ]
        result.append(RebuttalData(statement_id, statement.title, statement.status, publications))
    return result


# -- spread ----------------------------------------------------------------------------------


def rumor_posts(db: peewee.Database, rumor_id: int) -> list[tuple[int, datetime, int]]:
    """(post id, created_at, reach) of every post carrying the rumor, oldest first. Posts
    spreading its rebuttal (which often name the rumor) are not counted."""
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
    for post_id, _, _ in rebuttal_posts(db, rumor_id):
        found.pop(post_id, None)
    return sorted(found.values(), key=lambda item: (item[1], item[0]))


def rebuttal_posts(db: peewee.Database, rumor_id: int) -> list[tuple[int, datetime, int]]:
    """Posts spreading the rebuttal: the published post itself, posts that contain one of
    its URLs, and reshares/quotes of those posts."""
    urls = [
        url for item in _rebuttals(rumor_id) for (_, _, url) in item.publications if url.strip()
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
    return sorted(found.values(), key=lambda item: (item[1], item[0]))


@dataclass(frozen=True)
class SpreadData:
    rumor: SpreadSeries
    rebuttal: SpreadSeries
    step: timedelta
    publications: list[tuple[datetime, str, str]] = field(default_factory=list)
    corrected_at: datetime | None = None


def rumor_spread(db: peewee.Database, rumor_id: int, step: timedelta | None = None) -> SpreadData:
    """The rumor's and its rebuttal's posts and reach over time, on the same buckets."""
    rumor = rumor_posts(db, rumor_id)
    rebuttal = rebuttal_posts(db, rumor_id)
    publications = sorted(p for item in _rebuttals(rumor_id) for p in item.publications)
    row = Rumor.get_by_id(rumor_id)
    times = [at for _, at, _ in rumor + rebuttal] + [at for at, _, _ in publications]
    if not times:
        empty = SpreadSeries([], [], [])
        return SpreadData(empty, empty, step or timedelta(hours=1), [], row.corrected_at)
    first, last = min(times), max(times)
    width = step or choose_step(first, last)
    start = first.replace(minute=0, second=0, microsecond=0)
    return SpreadData(
        bucket_series([(at, reach) for _, at, reach in rumor], start, last, width),
        bucket_series([(at, reach) for _, at, reach in rebuttal], start, last, width),
        width,
        publications,
        row.corrected_at,
    )


def top_carriers(
    db: peewee.Database, rumor_id: int, limit: int = 10
) -> list[tuple[str, str, int, int]]:
    """(handle, channel, posts, followers) of the accounts carrying the rumor most."""
    ids = [post_id for post_id, _, _ in rumor_posts(db, rumor_id)]
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
