"""Per group over time, and statements into their targets: sentiment series with
statement markers, and each published statement's reach into the groups it addresses."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import peewee

from warroom.domain.timeutil import format_utc, parse_utc
from warroom.store.errors import translated_errors
from warroom.store.stakeholder_matrix import COUNTED_STATUSES, SENTIMENT


@dataclass(frozen=True)
class SentimentPoint:
    hour: datetime  # start of the hour, UTC
    sentiment: float
    posts: int


@dataclass(frozen=True)
class StatementMark:
    statement_id: int
    title: str
    published_at: datetime
    channels: tuple[str, ...]


def sentiment_series(
    db: peewee.Database, group_id: int, until: datetime | None = None
) -> list[SentimentPoint]:
    """Average sentiment of the group's posts per hour (hours without rated posts skipped)."""
    limit = format_utc(until) if until else "9999"
    with translated_errors("reading the group's sentiment"):
        rows = db.execute_sql(
            f"SELECT substr(p.created_at, 1, 13), AVG({SENTIMENT}), COUNT(*) FROM post p"
            " JOIN author a ON a.id = p.author_id"
            f" WHERE a.group_id = ? AND p.created_at <= ? AND {SENTIMENT} IS NOT NULL"
            " GROUP BY 1 ORDER BY 1",
            (group_id, limit),
        ).fetchall()
    return [SentimentPoint(parse_utc(f"{h}:00:00Z"), float(s), int(n)) for h, s, n in rows]


def statement_marks(
    db: peewee.Database, group_id: int, until: datetime | None = None
) -> list[StatementMark]:
    """Published statements addressed to the group, with the channels they went out on
    (only what was published by ``until``, when given)."""
    marks = ",".join("?" * len(COUNTED_STATUSES))
    limit = format_utc(until) if until else "9999"
    with translated_errors("reading the group's statements"):
        rows = db.execute_sql(
            "SELECT s.id, s.title, MIN(v.published_at), GROUP_CONCAT(DISTINCT v.channel)"
            " FROM statement s JOIN statement_target t ON t.statement_id = s.id"
            " JOIN statement_version v ON v.statement_id = s.id"
            f" WHERE t.group_id = ? AND v.published_at <= ? AND s.status IN ({marks})"
            " GROUP BY s.id ORDER BY 3",
            (group_id, limit, *COUNTED_STATUSES),
        ).fetchall()
    return [
        StatementMark(sid, title, parse_utc(at), tuple(sorted(str(chans).split(","))))
        for sid, title, at, chans in rows
    ]


@dataclass(frozen=True)
class StatementReach:
    """How much of a target group a published statement can reach: the members on the
    channels it was published on, and their followers, against the whole group."""

    statement_id: int
    title: str
    group_id: int
    group_name: str
    channels: tuple[str, ...]
    members_reached: int
    members: int
    audience_reached: int
    audience: int

    @property
    def share(self) -> float:
        return self.members_reached / self.members if self.members else 0.0


def statement_reach(db: peewee.Database, until: datetime | None = None) -> list[StatementReach]:
    """Each published statement's reach into its target groups (published by ``until``,
    when given)."""
    marks = ",".join("?" * len(COUNTED_STATUSES))
    limit = format_utc(until) if until else "9999"
    with translated_errors("reading statements' reach"):
        presence = db.execute_sql(
            "SELECT group_id, channel, COUNT(*), COALESCE(SUM(followers), 0) FROM author"
            " WHERE group_id IS NOT NULL GROUP BY 1, 2"
        ).fetchall()
        targets = db.execute_sql(
            "SELECT s.id, s.title, g.id, g.name, GROUP_CONCAT(DISTINCT v.channel)"
            " FROM statement s JOIN statement_target t ON t.statement_id = s.id"
            " JOIN stakeholder_group g ON g.id = t.group_id"
            " JOIN statement_version v ON v.statement_id = s.id"
            f" WHERE v.published_at <= ? AND s.status IN ({marks})"
            " GROUP BY s.id, g.id ORDER BY s.id, g.sort_order",
            (limit, *COUNTED_STATUSES),
        ).fetchall()
    on: dict[int, dict[str, tuple[int, int]]] = {}
    for group_id, channel, count, followers in presence:
        on.setdefault(group_id, {})[channel] = (int(count), int(followers))
    result = []
    for sid, title, gid, gname, chans in targets:
        channels = tuple(sorted(str(chans).split(",")))
        group = on.get(gid, {})
        reached = [group[c] for c in channels if c in group]
        result.append(
            StatementReach(
                sid,
                title,
                gid,
                gname,
                channels,
                sum(n for n, _ in reached),
                sum(n for n, _ in group.values()),
                sum(f for _, f in reached),
                sum(f for _, f in group.values()),
            )
        )
    return result
