"""`warroom stats --json`: counts and source health, as one JSON-ready dict.

The keys are documented in the README; later versions add keys, never remove or rename.
"""

from __future__ import annotations

from typing import Any, cast

import peewee

from warroom.domain.enums import RumorStatus, StatementStatus
from warroom.domain.timeutil import format_utc
from warroom.store.crisis import crisis_info
from warroom.store.models import (
    Author,
    LogEntry,
    Post,
    Rumor,
    Source,
    StakeholderGroup,
    Statement,
)
from warroom.store.stakeholder_matrix import summary as stakeholder_summary


def _count_by(model: type[peewee.Model], column: peewee.Field) -> dict[str, int]:
    query = model.select(column, peewee.fn.COUNT(peewee.SQL("*"))).group_by(column).tuples()
    rows = cast(list[tuple[object, object]], list(query))
    return {str(key): int(str(value)) for key, value in rows}


def _sources() -> list[dict[str, Any]]:
    query = (
        Post.select(Post.source, peewee.fn.COUNT(Post.id))
        .where(Post.source.is_null(False))
        .group_by(Post.source)
        .tuples()
    )
    rows = cast(list[tuple[int, int]], list(query))
    posts_per_source = dict(rows)
    result = []
    for source in Source.select().order_by(Source.name):
        result.append(
            {
                "name": source.name,
                "kind": source.kind,
                "enabled": bool(source.enabled),
                "last_success": format_utc(source.last_success) if source.last_success else None,
                "last_error": source.last_error,
                "error_count": source.error_count,
                "post_count": int(posts_per_source.get(source.id, 0)),
            }
        )
    return result


def crisis_stats() -> dict[str, Any]:
    info = crisis_info()
    statements = _count_by(Statement, Statement.status)
    rumors = _count_by(Rumor, Rumor.status)
    by_channel = _count_by(Post, Post.channel)
    return {
        "crisis": {
            "name": info.name,
            "exercise": info.is_exercise,
            "phase": info.phase,
            "opened_at": format_utc(info.opened_at),
        },
        "posts": {"total": sum(by_channel.values()), "by_channel": by_channel},
        "authors": Author.select().count(),
        "log_entries": LogEntry.select().count(),
        "statements": {
            "total": sum(statements.values()),
            "by_status": {s.value: statements.get(s.value, 0) for s in StatementStatus},
        },
        "rumors": {
            "total": sum(rumors.values()),
            "by_status": {s.value: rumors.get(s.value, 0) for s in RumorStatus},
        },
        "stakeholder_groups": StakeholderGroup.select().count(),
        "sources": _sources(),
        "stakeholders": stakeholder_summary(StakeholderGroup._meta.database),
    }
