"""Posts and rumors meeting: open rumors suggested for a post, groups of near-identical
posts (rapidfuzz) to register as one rumor, and the post search of the new-rumor dialog."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from warroom.domain.rumors import OPEN_STATUSES, cluster_near_duplicates
from warroom.domain.timeutil import parse_utc
from warroom.store.errors import StoreError
from warroom.store.models import Post, Rumor

# -- suggestions and clusters ----------------------------------------------------------------


def suggest_rumors_for_post(db: peewee.Database, post_id: int) -> list[tuple[int, str]]:
    """Open rumors whose match query finds this post (or to which it is linked)."""
    result = []
    for rumor in Rumor.select().where(Rumor.status.in_([s.value for s in OPEN_STATUSES])):
        query = rumor.match_query.strip()
        hit = False
        if query:
            try:
                hit = bool(
                    db.execute_sql(
                        "SELECT 1 FROM post_fts WHERE post_fts MATCH ? AND rowid = ?",
                        (query, post_id),
                    ).fetchone()
                )
            except (peewee.OperationalError, peewee.DatabaseError):
                hit = False  # a broken query suggests nothing; the register shows it
        linked = Post.select().where((Post.id == post_id) & (Post.rumor == rumor.id)).exists()
        if hit or linked:
            result.append((int(rumor.id), str(rumor.claim)))
    return result


@dataclass(frozen=True)
class PostCluster:
    post_ids: list[int]
    sample: str
    first_at: datetime
    reach: int


def near_duplicate_clusters(
    db: peewee.Database, *, since: datetime | None = None, limit: int = 2000, threshold: float = 85
) -> list[PostCluster]:
    """Groups of near-identical posts among the ``limit`` most recent (not yet linked to a
    rumor): copy-paste campaigns and reworded copies of one claim."""
    sql = (
        "SELECT id, text, created_at, reach FROM post WHERE rumor_id IS NULL "
        "AND repost_of IS NULL AND text != ''"
    )
    params: list[object] = []
    if since is not None:
        sql += " AND created_at >= ?"
        params.append(since.strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
    sql += " ORDER BY created_at DESC LIMIT ?"
    params.append(limit)
    rows = db.execute_sql(sql, params).fetchall()
    by_id = {int(r[0]): (str(r[1]), parse_utc(r[2]), int(r[3])) for r in rows}
    clusters = cluster_near_duplicates([(i, t) for i, (t, _, _) in by_id.items()], threshold)
    result = []
    for ids in clusters:
        ordered = sorted(ids, key=lambda i: by_id[i][1])
        result.append(
            PostCluster(
                ordered,
                by_id[ordered[0]][0],
                by_id[ordered[0]][1],
                sum(by_id[i][2] for i in ordered),
            )
        )
    return result


@dataclass(frozen=True)
class PostHit:
    id: int
    created_at: datetime
    channel: str
    handle: str
    text: str
    reach: int
    rumor_id: int | None


def search_posts(
    db: peewee.Database, query: str = "", limit: int = 200, post_id: int | None = None
) -> list[PostHit]:
    """Posts to start a rumor from: FTS matches of ``query`` (newest first), or the newest
    posts when the query is empty, or the one post ``post_id``."""
    base = (
        "SELECT p.id, p.created_at, p.channel, a.handle, p.text, p.reach, p.rumor_id "
        "FROM post p JOIN author a ON a.id = p.author_id"
    )
    try:
        if post_id is not None:
            rows = db.execute_sql(base + " WHERE p.id = ?", (post_id,)).fetchall()
        elif query.strip():
            rows = db.execute_sql(
                base + " WHERE p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?) "
                "ORDER BY p.created_at DESC LIMIT ?",
                (query, limit),
            ).fetchall()
        else:
            rows = db.execute_sql(base + " ORDER BY p.created_at DESC LIMIT ?", (limit,)).fetchall()
    except (peewee.OperationalError, peewee.DatabaseError) as exc:
        raise StoreError(f'not a valid search ({exc}); use words, "phrases", prefix*, OR') from None
    return [
        PostHit(
            int(r[0]),
            parse_utc(r[1]),
            str(r[2]),
            str(r[3]),
            str(r[4]),
            int(r[5]),
            None if r[6] is None else int(r[6]),
        )
        for r in rows
    ]
