"""Store side of the propagation graph: the posts and accounts it is built from, and the
layout positions and community labels saved in the crisis file (schema 3).

Reads use raw SQL over the post table (hundreds of thousands of rows must load in
seconds, so no model instances) and return plain dataclasses.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import peewee

from warroom.domain.timeutil import format_utc, parse_utc, utcnow
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import GraphCommunity, Rumor

CHUNK = 400  # rows per insert: well under SQLite's variable limit


@dataclass(frozen=True)
class GraphScope:
    """Which posts a graph is built from. Unset fields do not restrict."""

    channel: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    rumor_id: int | None = None
    term: str = ""  # a watch term: a phrase, a #hashtag or an @account


@dataclass(frozen=True)
class PostLinks:
    """One post, reduced to what the graph needs."""

    id: int
    channel: str
    external_id: str
    author_id: int
    created_at: float  # Unix seconds, UTC
    reply_to: str | None = None
    repost_of: str | None = None
    quote_of: str | None = None
    mentions: tuple[str, ...] = ()
    hashtags: tuple[str, ...] = ()
    text: str = ""


@dataclass(frozen=True)
class AccountInfo:
    id: int
    channel: str
    handle: str
    display_name: str = ""
    followers: int = 0
    kind: str = "unknown"
    profile: str = ""
    verified: bool = False


@dataclass
class SavedCommunities:
    """Saved community of each account and the label of each community."""

    members: dict[int, int] = field(default_factory=dict)  # author id -> community
    labels: dict[int, str] = field(default_factory=dict)
    edited: set[int] = field(default_factory=set)


_POST_COLUMNS = (
    "p.id, p.channel, p.external_id, p.author_id, p.created_at, p.reply_to, p.repost_of,"
    " p.quote_of, p.mentions, p.hashtags, p.text"
)


def _epoch(text: str) -> float:
    return parse_utc(text).timestamp()


def _json_tuple(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    try:
        value = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(value, list):
        return ()
    return tuple(str(item) for item in value if isinstance(item, str | int))


def _fts_phrase(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _scope_sql(scope: GraphScope, after_id: int) -> tuple[str, str, list[object]]:
    """``(with_clause, where, params)`` selecting the posts of ``scope``.

    A rumor or a term selects its matching posts *and every post derived from them*
    (reshares carry no text, so a text search alone would miss the cascade).
    """
    with_clause = ""
    params: list[object] = []
    seeds: list[str] = []
    if scope.rumor_id is not None:
        seeds.append(_rumor_clause(scope.rumor_id, params))
    term = scope.term.strip()
    if term:
        seeds.append(_term_clause(term, params))
    where = ["p.id > ?"]
    if seeds:
        with_clause = _CASCADE_CTE.format(seed=" AND ".join(seeds))
        where.append("p.id IN (SELECT id FROM cascade)")
    params.append(after_id)
    if scope.channel:
        where.append("p.channel = ?")
        params.append(scope.channel)
    if scope.since is not None:
        where.append("p.created_at >= ?")
        params.append(format_utc(scope.since))
    if scope.until is not None:
        where.append("p.created_at <= ?")
        params.append(format_utc(scope.until))
    return with_clause, " AND ".join(where), params


_CASCADE_CTE = """WITH RECURSIVE cascade(id) AS (
    SELECT p.id FROM post p WHERE {seed}
    UNION
    SELECT c.id FROM cascade k JOIN post par ON par.id = k.id
        JOIN post c ON c.channel = par.channel AND c.repost_of = par.external_id
    UNION
    SELECT c.id FROM cascade k JOIN post par ON par.id = k.id
        JOIN post c ON c.channel = par.channel AND c.reply_to = par.external_id
    UNION
    SELECT c.id FROM cascade k JOIN post par ON par.id = k.id
        JOIN post c ON c.channel = par.channel AND c.quote_of = par.external_id)
"""


def _rumor_clause(rumor_id: int, params: list[object]) -> str:
    rumor = Rumor.get_or_none(Rumor.id == rumor_id)
    if rumor is None:
        raise StoreError(f"no rumor with id {rumor_id}")
    clause = "p.rumor_id = ?"
    params.append(rumor_id)
    if rumor.match_query.strip():
        clause += " OR p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)"
        params.append(rumor.match_query)
    return f"({clause})"


def _term_clause(term: str, params: list[object]) -> str:
    if term.startswith("@"):
        handle = term[1:].lower()
        params.extend([handle, f'%"{handle}"%'])
        return (
            "(p.author_id IN (SELECT id FROM author WHERE lower(handle) = ?)"
            " OR lower(p.mentions) LIKE ?)"
        )
    if term.startswith("#"):
        tag = term[1:].lower()
        params.extend([f'%"{tag}"%', _fts_phrase(tag)])
        return (
            "(lower(p.hashtags) LIKE ? OR p.id IN "
            "(SELECT rowid FROM post_fts WHERE post_fts MATCH ?))"
        )
    params.append(_fts_phrase(term))
    return "p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)"


def load_posts(db: peewee.Database, scope: GraphScope, after_id: int = 0) -> list[PostLinks]:
    """Posts in ``scope`` with an id above ``after_id`` (for incremental updates), by id."""
    with_clause, where, params = _scope_sql(scope, after_id)
    sql = f"{with_clause}SELECT {_POST_COLUMNS} FROM post p WHERE {where} ORDER BY p.id"
    try:
        with translated_errors("reading posts for the graph"):
            rows = db.execute_sql(sql, params).fetchall()
    except (sqlite3.OperationalError, peewee.OperationalError) as exc:  # malformed FTS query
        raise StoreError(f"the rumor's search query cannot be used: {exc}") from exc
    return [
        PostLinks(
            id=row[0],
            channel=row[1],
            external_id=row[2],
            author_id=row[3],
            created_at=_epoch(row[4]),
            reply_to=row[5] or None,
            repost_of=row[6] or None,
            quote_of=row[7] or None,
            mentions=_json_tuple(row[8]),
            hashtags=_json_tuple(row[9]),
            text=row[10] or "",
        )
        for row in rows
    ]


def post_channels_and_ids(
    db: peewee.Database, keys: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, float]]:
    """Authors and times of posts named by ``(channel, external_id)`` (parents outside the
    scope of a filtered graph)."""
    result: dict[tuple[str, str], tuple[int, float]] = {}
    wanted = sorted(set(keys))
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        clause = " OR ".join(["(channel = ? AND external_id = ?)"] * len(chunk))
        params = [value for pair in chunk for value in pair]
        sql = f"SELECT channel, external_id, author_id, created_at FROM post WHERE {clause}"
        for channel, ext, author, created in db.execute_sql(sql, params).fetchall():
            result[(channel, ext)] = (author, _epoch(created))
    return result


def load_accounts(db: peewee.Database, ids: Iterable[int] | None = None) -> dict[int, AccountInfo]:
    """Accounts by id (all of them when ``ids`` is None)."""
    sql = "SELECT id, channel, handle, display_name, followers, kind, profile, verified FROM author"
    rows: list[tuple] = []
    with translated_errors("reading accounts for the graph"):
        if ids is None:
            rows = db.execute_sql(sql).fetchall()
        else:
            wanted = sorted(set(ids))
            for start in range(0, len(wanted), CHUNK):
                chunk = wanted[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                rows += db.execute_sql(f"{sql} WHERE id IN ({marks})", chunk).fetchall()
    return {
        row[0]: AccountInfo(
            id=row[0],
            channel=row[1],
            handle=row[2],
            display_name=row[3] or "",
            followers=int(row[4] or 0),
            kind=row[5] or "unknown",
            profile=row[6] or "",
            verified=bool(row[7]),
        )
        for row in rows
    }


def account_ids_by_handle(
    db: peewee.Database, pairs: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], int]:
    """Resolve ``(channel, handle)`` pairs (handles compared case-insensitively)."""
    result: dict[tuple[str, str], int] = {}
    wanted = sorted({(channel, handle.lower()) for channel, handle in pairs})
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        clause = " OR ".join(["(channel = ? AND lower(handle) = ?)"] * len(chunk))
        params = [value for pair in chunk for value in pair]
        sql = f"SELECT channel, lower(handle), id FROM author WHERE {clause}"
        for channel, handle, author_id in db.execute_sql(sql, params).fetchall():
            result[(channel, handle)] = author_id
    return result


def recent_posts_of(db: peewee.Database, author_id: int, limit: int = 20) -> list[tuple]:
    """``(id, created_at, channel, text)`` of an account's latest posts, newest first."""
    sql = (
        "SELECT id, created_at, channel, text FROM post WHERE author_id = ?"
        " ORDER BY created_at DESC LIMIT ?"
    )
    with translated_errors("reading the account's posts"):
        rows = db.execute_sql(sql, (author_id, limit)).fetchall()
    return [(row[0], parse_utc(row[1]), row[2], row[3]) for row in rows]


def save_positions(db: peewee.Database, positions: Mapping[int, tuple[float, float]]) -> None:
    """Save (replace) the layout positions of the given accounts."""
    now = format_utc(utcnow())
    rows = [(int(a), float(x), float(y), now) for a, (x, y) in positions.items()]
    with translated_errors("saving the graph layout"), db.atomic():
        for start in range(0, len(rows), CHUNK):
            chunk = rows[start : start + CHUNK]
            marks = ",".join(["(?, ?, ?, ?)"] * len(chunk))
            db.execute_sql(
                "INSERT INTO graph_node (author_id, x, y, updated_at) VALUES "
                f"{marks} ON CONFLICT(author_id) DO UPDATE SET x = excluded.x, "
                "y = excluded.y, updated_at = excluded.updated_at",
                [value for row in chunk for value in row],
            )


def load_positions(db: peewee.Database) -> dict[int, tuple[float, float]]:
    with translated_errors("reading the graph layout"):
        rows = db.execute_sql("SELECT author_id, x, y FROM graph_node").fetchall()
    return {row[0]: (row[1], row[2]) for row in rows}


def save_communities(
    db: peewee.Database, members: Mapping[int, int], labels: Mapping[int, str]
) -> None:
    """Save each account's community and the automatic labels; labels the operator
    edited are kept."""
    now = utcnow()
    sizes: dict[int, int] = {}
    for community in members.values():
        sizes[community] = sizes.get(community, 0) + 1
    with translated_errors("saving the graph communities"), db.atomic():
        positioned = {row[0] for row in db.execute_sql("SELECT author_id FROM graph_node")}
        db.execute_sql("UPDATE graph_node SET community = NULL")
        missing = {a: (0.0, 0.0) for a in members if a not in positioned}
        if missing:
            save_positions(db, missing)
        by_community: dict[int, list[int]] = {}
        for author, community in members.items():
            by_community.setdefault(community, []).append(author)
        for community, authors in by_community.items():
            for start in range(0, len(authors), CHUNK):
                chunk = authors[start : start + CHUNK]
                marks = ",".join("?" * len(chunk))
                db.execute_sql(
                    f"UPDATE graph_node SET community = ? WHERE author_id IN ({marks})",
                    [community, *chunk],
                )
        edited = {c.community for c in GraphCommunity.select().where(GraphCommunity.edited)}
        GraphCommunity.delete().where(~GraphCommunity.edited).execute()
        for community, size in sizes.items():
            if community in edited:
                GraphCommunity.update(size=size, updated_at=now).where(
                    GraphCommunity.community == community
                ).execute()
            else:
                GraphCommunity.create(
                    community=community,
                    label=labels.get(community, ""),
                    size=size,
                    updated_at=now,
                )


def load_communities(db: peewee.Database) -> SavedCommunities:
    saved = SavedCommunities()
    with translated_errors("reading the graph communities"):
        rows = db.execute_sql(
            "SELECT author_id, community FROM graph_node WHERE community IS NOT NULL"
        ).fetchall()
        saved.members = {row[0]: row[1] for row in rows}
        for community in GraphCommunity.select():
            saved.labels[community.community] = community.label
            if community.edited:
                saved.edited.add(community.community)
    return saved


def set_community_label(db: peewee.Database, community: int, label: str) -> None:
    """The operator's label for a community; kept when communities are recomputed."""
    text = " ".join(label.split())
    if not text:
        raise StoreError("a community label cannot be empty")
    if len(text) > 80:
        raise StoreError("a community label is at most 80 characters")
    with translated_errors("saving the community label"), db.atomic():
        updated = (
            GraphCommunity.update(label=text, edited=True, updated_at=utcnow())
            .where(GraphCommunity.community == community)
            .execute()
        )
        if not updated:
            GraphCommunity.create(community=community, label=text, edited=True, updated_at=utcnow())


def scope_choices(db: peewee.Database) -> tuple[list[str], list[tuple[int, str]]]:
    """Channels that have posts, and rumors ``(id, claim)``, for the view's filters."""
    with translated_errors("reading the graph filters"):
        channels = [row[0] for row in db.execute_sql("SELECT DISTINCT channel FROM post")]
        rumors = db.execute_sql("SELECT id, claim FROM rumor ORDER BY id").fetchall()
    return sorted(channels), [(int(r[0]), str(r[1])) for r in rumors]
