"""The stakeholder matrix: per group × channel aggregates over a time window, gaps,
statements' reach into their targets, and each group's sentiment over time.

Times are stored as fixed-width ISO text in UTC, so windows compare as text and hourly
buckets are text prefixes (``substr(created_at, 1, 13)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import peewee

from warroom.domain.enums import Channel
from warroom.domain.stakeholders import (
    CellStats,
    GapPolicy,
    GroupInfo,
    is_gap,
    reference_time,
)
from warroom.domain.timeutil import format_utc, parse_utc, utcnow
from warroom.store.crisis import get_setting, set_setting
from warroom.store.errors import StoreError, translated_errors
from warroom.store.stakeholders import list_groups

GAP_SETTING = "stakeholders.gap_policy"
SENTIMENT = "COALESCE(p.sentiment_override, p.sentiment)"
COUNTED_STATUSES = ("published", "superseded")  # withdrawn statements cover nobody


@dataclass(frozen=True)
class GroupTotals:
    members: int = 0
    posts: int = 0
    reach: int = 0
    sentiment: float | None = None


@dataclass(frozen=True)
class Matrix:
    as_of: datetime
    since: datetime | None
    groups: list[GroupInfo]
    channels: list[str]
    cells: dict[tuple[int, str], CellStats]
    totals: dict[int, GroupTotals]
    gaps: list[tuple[int, str]]
    policy: GapPolicy
    unassigned_authors: int = 0
    ages: dict[tuple[int, str], timedelta | None] = field(default_factory=dict)

    def cell(self, group_id: int, channel: str) -> CellStats:
        return self.cells.get((group_id, channel)) or CellStats(group_id, channel)


def gap_policy() -> GapPolicy:
    stored = get_setting(GAP_SETTING) or {}
    base = GapPolicy()
    hours = {**base.hours, **{str(k): float(v) for k, v in stored.get("hours", {}).items()}}
    return GapPolicy(hours=hours, min_posts=int(stored.get("min_posts", base.min_posts)))


def set_gap_policy(db: peewee.Database, policy: GapPolicy, operator: str) -> None:
    from warroom.store import logbook

    if policy.min_posts < 1 or any(h <= 0 for h in policy.hours.values()):
        raise StoreError("gap thresholds must be positive and at least one post")
    with translated_errors("saving the gap thresholds"), db.atomic():
        set_setting(db, GAP_SETTING, {"hours": policy.hours, "min_posts": policy.min_posts})
        hours = ", ".join(f"{c} {h:g} h" for c, h in sorted(policy.hours.items()))
        logbook.system_entry(
            db,
            f"Stakeholder gap thresholds set by {operator}: {hours}; "
            f"active from {policy.min_posts} posts.",
            operator=operator,
        )


def latest_activity(db: peewee.Database) -> datetime | None:
    row = db.execute_sql("SELECT MAX(created_at) FROM post").fetchone()
    return parse_utc(row[0]) if row and row[0] else None


def current_as_of(db: peewee.Database) -> datetime:
    return reference_time(utcnow(), latest_activity(db))


def _rows(db: peewee.Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with translated_errors("reading the stakeholder matrix"):
        return list(db.execute_sql(sql, params).fetchall())


def _activity(db: peewee.Database, since: str, until: str) -> list[tuple[Any, ...]]:
    """Per group and channel, in one pass: posts, reach and average sentiment from
    ``since``, and the first post ever (both up to ``until``)."""
    recent = "p.created_at >= ?"
    return _rows(
        db,
        f"SELECT a.group_id, p.channel, COALESCE(SUM({recent}), 0),"
        f" COALESCE(SUM(CASE WHEN {recent} THEN p.reach END), 0),"
        f" AVG(CASE WHEN {recent} THEN {SENTIMENT} END), MIN(p.created_at)"
        # post_activity (migration 9) holds every column read here: no table lookups.
        " FROM author a JOIN post p INDEXED BY post_activity ON p.author_id = a.id"
        " WHERE a.group_id IS NOT NULL AND p.created_at <= ? GROUP BY a.group_id, p.channel",
        (since, since, since, until),
    )


def last_statements(
    db: peewee.Database, until: str
) -> dict[tuple[int, str], tuple[datetime, int, str]]:
    """(group, channel) -> (published_at, statement id, title) of the latest one."""
    marks = ",".join("?" * len(COUNTED_STATUSES))
    rows = _rows(
        db,
        "SELECT t.group_id, v.channel, v.published_at, s.id, s.title FROM statement_target t"
        " JOIN statement s ON s.id = t.statement_id"
        " JOIN statement_version v ON v.statement_id = s.id"
        f" WHERE v.published_at IS NOT NULL AND v.published_at <= ? AND s.status IN ({marks})"
        " ORDER BY v.published_at, s.id",
        (until, *COUNTED_STATUSES),
    )
    return {(g, c): (parse_utc(at), sid, title) for g, c, at, sid, title in rows}


def _members(db: peewee.Database) -> tuple[dict[int, int], int]:
    counts = dict(
        _rows(db, "SELECT group_id, COUNT(*) FROM author WHERE group_id IS NOT NULL GROUP BY 1")
    )
    unassigned = _rows(db, "SELECT COUNT(*) FROM author WHERE group_id IS NULL")[0][0]
    return counts, int(unassigned)


def _order_channels(used: set[str]) -> list[str]:
    order = [c.value for c in Channel]
    return sorted(used, key=lambda c: order.index(c) if c in order else len(order))


def build_matrix(
    db: peewee.Database,
    window: timedelta | None = None,
    as_of: datetime | None = None,
    policy: GapPolicy | None = None,
) -> Matrix:
    """Aggregates over ``[as_of - window, as_of]`` (the whole crisis when window is None)."""
    as_of = as_of or current_as_of(db)
    policy = policy or gap_policy()
    since = as_of - window if window is not None else None
    until = format_utc(as_of)
    groups = list_groups()
    statements = last_statements(db, until)
    cells: dict[tuple[int, str], CellStats] = {}
    firsts: dict[tuple[int, str], datetime] = {}
    for g, c, posts, reach, sentiment, first in _activity(
        db, format_utc(since) if since else "", until
    ):
        cells[(g, c)] = CellStats(g, c, int(posts), int(reach), sentiment)
        firsts[(g, c)] = parse_utc(first)
    used = {c for _, c in cells} | {c for g in groups for c, _ in g.channels}
    used |= {c for _, c in statements}
    for group in groups:
        weights = dict(group.channels)
        for channel in used:
            key = (group.id, channel)
            base = cells.get(key) or CellStats(group.id, channel)
            last = statements.get(key)
            cells[key] = CellStats(
                group.id,
                channel,
                base.posts,
                base.reach,
                base.sentiment,
                first_post_at=firsts.get(key),
                last_statement_at=last[0] if last else None,
                last_statement_id=last[1] if last else None,
                last_statement_title=last[2] if last else "",
                weight=weights.get(channel),
            )
    members, unassigned = _members(db)
    totals = {}
    gaps = []
    ages: dict[tuple[int, str], timedelta | None] = {}
    for group in groups:
        own = [cells[(group.id, c)] for c in used]
        posts = sum(c.posts for c in own)
        weighted = sum(c.sentiment * c.posts for c in own if c.sentiment is not None)
        rated = sum(c.posts for c in own if c.sentiment is not None)
        totals[group.id] = GroupTotals(
            members.get(group.id, 0),
            posts,
            sum(c.reach for c in own),
            weighted / rated if rated else None,
        )
        for cell in own:
            at = cell.last_statement_at
            ages[(group.id, cell.channel)] = as_of - at if at else None
            if is_gap(cell, group.power, group.interest, as_of, policy):
                gaps.append((group.id, cell.channel))
    return Matrix(
        as_of, since, groups, _order_channels(used), cells, totals, gaps, policy, unassigned, ages
    )


def summary(db: peewee.Database) -> dict[str, Any]:
    """The ``stakeholders`` key of ``warroom stats --json`` (whole crisis, as of now)."""
    matrix = build_matrix(db)
    names = {g.id: g.name for g in matrix.groups}
    gaps_by_group: dict[int, list[str]] = {}
    for group_id, channel in matrix.gaps:
        gaps_by_group.setdefault(group_id, []).append(channel)
    groups = []
    for group in matrix.groups:
        totals = matrix.totals[group.id]
        groups.append(
            {
                "id": group.id,
                "name": group.name,
                "power": group.power,
                "interest": group.interest,
                "quadrant": group.quadrant.value,
                "attitude": group.attitude,
                "owner": group.owner,
                "members": totals.members,
                "posts": totals.posts,
                "reach": totals.reach,
                "sentiment": None if totals.sentiment is None else round(totals.sentiment, 3),
                "gaps": gaps_by_group.get(group.id, []),
            }
        )
    gaps = []
    for group_id, channel in matrix.gaps:
        cell = matrix.cell(group_id, channel)
        gaps.append(
            {
                "group": names[group_id],
                "channel": channel,
                "posts": cell.posts,
                "last_statement_at": format_utc(cell.last_statement_at)
                if cell.last_statement_at
                else None,
                "hours_without_statement": round(as_hours_since(matrix, cell), 2),
            }
        )
    return {
        "as_of": format_utc(matrix.as_of),
        "groups": groups,
        "gaps": gaps,
        "unassigned_authors": matrix.unassigned_authors,
    }


def as_hours_since(matrix: Matrix, cell: CellStats) -> float:
    start = cell.last_statement_at or cell.first_post_at or matrix.as_of
    return (matrix.as_of - start).total_seconds() / 3600
