"""Statement reads: plain dataclasses for the board, the editor and other views."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import cast

import peewee

from warroom.store import item_history as history
from warroom.store.models import (
    Operator,
    StakeholderGroup,
    Statement,
    StatementEvent,
    StatementTarget,
    StatementVersion,
)


@dataclass(frozen=True)
class VersionData:
    id: int
    statement_id: int
    channel: str
    language: str
    version: int
    text: str
    criteria: dict[str, bool]
    frozen: bool
    published_at: datetime | None
    published_url: str | None
    published_by: str | None
    created_by: str
    created_at: datetime

    @property
    def key(self) -> tuple[str, str]:
        return (self.channel, self.language)


@dataclass(frozen=True)
class EventData:
    from_status: str | None
    to_status: str
    operator: str
    at: datetime
    note: str


@dataclass(frozen=True)
class StatementSummary:
    id: int
    title: str
    kind: str
    status: str
    topic: str
    author: str
    requires_legal: bool
    legal_reviewed_by: str | None
    approver: str | None
    next_update_at: datetime | None
    updated_at: datetime
    lock_version: int
    channels: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    published_at: datetime | None = None


@dataclass(frozen=True)
class StatementDetail:
    summary: StatementSummary
    versions: list[VersionData]  # every version, oldest first
    target_ids: list[int]
    events: list[EventData] = field(default_factory=list)

    def latest(self) -> dict[tuple[str, str], VersionData]:
        """The newest version of each (channel, language)."""
        result: dict[tuple[str, str], VersionData] = {}
        for version in self.versions:
            current = result.get(version.key)
            if current is None or version.version > current.version:
                result[version.key] = version
        return result

    def history(self, channel: str, language: str) -> list[VersionData]:
        return [v for v in self.versions if v.key == (channel, language)]


def version_data(row: StatementVersion) -> VersionData:
    return VersionData(
        id=row.id,
        statement_id=row.statement_id,
        channel=row.channel,
        language=row.language,
        version=row.version,
        text=row.text,
        criteria={str(k): bool(v) for k, v in (row.criteria or {}).items()},
        frozen=bool(row.frozen),
        published_at=row.published_at,
        published_url=row.published_url,
        published_by=row.published_by,
        created_by=row.created_by,
        created_at=row.created_at,
    )


def _summary(
    row: Statement,
    channels: dict[int, set[str]],
    targets: dict[int, list[str]],
    published: dict[int, datetime],
) -> StatementSummary:
    return StatementSummary(
        id=row.id,
        title=row.title,
        kind=row.kind,
        status=row.status,
        topic=row.topic,
        author=row.author,
        requires_legal=bool(row.requires_legal),
        legal_reviewed_by=row.legal_reviewed_by,
        approver=row.approver,
        next_update_at=row.next_update_at,
        updated_at=row.updated_at,
        lock_version=row.lock_version,
        channels=tuple(sorted(channels.get(row.id, set()))),
        targets=tuple(targets.get(row.id, [])),
        published_at=published.get(row.id),
    )


def list_statements(as_of: datetime | None = None) -> list[StatementSummary]:
    """Every statement, newest change first, with its channels and targets. With ``as_of``:
    the statements as they stood then (see ``item_history``)."""
    channels: dict[int, set[str]] = {}
    published: dict[int, datetime] = {}
    stamps: dict[int, list[tuple[str, datetime, datetime | None]]] = {}
    for row in StatementVersion.select(
        StatementVersion.statement,
        StatementVersion.channel,
        StatementVersion.published_at,
        StatementVersion.created_at,
    ):
        stamps.setdefault(row.statement_id, []).append(
            (row.channel, row.created_at, row.published_at)
        )
        channels.setdefault(row.statement_id, set()).add(row.channel)
        at = row.published_at
        if at is not None and (
            row.statement_id not in published or at < published[row.statement_id]
        ):
            published[row.statement_id] = at
    targets: dict[int, list[str]] = {}
    query = (
        StatementTarget.select(StatementTarget.statement, StakeholderGroup.name)
        .join(StakeholderGroup)
        .order_by(StakeholderGroup.sort_order)
        .tuples()
    )
    for statement_id, name in cast(list[tuple[int, str]], list(query)):
        targets.setdefault(int(statement_id), []).append(str(name))
    rows = Statement.select().order_by(
        Statement.updated_at.desc(), cast(peewee.Field, Statement.id).desc()
    )
    summaries = [_summary(row, channels, targets, published) for row in rows]
    if as_of is None:
        return summaries
    states = history.statement_states(as_of, {row.id: row.approver for row in rows})
    changed = {row.id: row.updated_at for row in rows}
    then = [
        history.summary_as_of(s, states[s.id], stamps.get(s.id, []), as_of, changed[s.id])
        for s in summaries
        if s.id in states
    ]
    then.sort(key=lambda s: (s.updated_at, s.id), reverse=True)
    return then


def get_statement(statement_id: int, as_of: datetime | None = None) -> StatementDetail | None:
    """One statement with its versions, targets and history; with ``as_of``, as it stood
    then (None if it did not exist yet)."""
    row = Statement.get_or_none(Statement.id == statement_id)
    if row is None:
        return None
    state: history.StatementState | None = None
    if as_of is not None:
        state = history.statement_states(as_of, {row.id: row.approver}, statement_id).get(
            statement_id
        )
        if state is None:
            return None
    every = list(
        StatementVersion.select()
        .where(StatementVersion.statement == statement_id)
        .order_by(StatementVersion.channel, StatementVersion.language, StatementVersion.version)
    )
    versions = [version_data(v) for v in every]
    if as_of is not None and state is not None:
        shown = (history.version_as_of(v, as_of, state.status) for v in versions)
        versions = [v for v in shown if v is not None]
    target_rows = cast(
        list[tuple[int, str]],
        list(
            StatementTarget.select(StatementTarget.group, StakeholderGroup.name)
            .join(StakeholderGroup)
            .where(StatementTarget.statement == statement_id)
            .order_by(StakeholderGroup.sort_order)
            .tuples()
        ),
    )
    channels = {statement_id: {v.channel for v in versions}}
    targets = {statement_id: [str(name) for _, name in target_rows]}
    stamps = [v.published_at for v in versions if v.published_at is not None]
    published = {statement_id: min(stamps)} if stamps else {}
    events = [
        EventData(e.from_status, e.to_status, e.operator, e.at, e.note)
        for e in StatementEvent.select()
        .where(StatementEvent.statement == statement_id)
        .order_by(StatementEvent.at, StatementEvent.id)
        if as_of is None or e.at <= as_of
    ]
    summary = _summary(row, channels, targets, published)
    if as_of is not None and state is not None:
        triples = [(v.channel, v.created_at, v.published_at) for v in every]
        summary = history.summary_as_of(summary, state, triples, as_of, row.updated_at)
    return StatementDetail(
        summary,
        versions,
        [int(group_id) for group_id, _ in target_rows],
        events,
    )


@dataclass(frozen=True)
class EarlierStatement:
    id: int
    title: str
    published_at: datetime
    channel: str
    excerpt: str


def earlier_published(
    topic: str, exclude_id: int | None = None, as_of: datetime | None = None
) -> list[EarlierStatement]:
    """Published versions of other statements on the same topic, newest first: what the
    reviewer checks consistency against (with ``as_of``: published by then)."""
    query = (
        StatementVersion.select(StatementVersion, Statement.id, Statement.title)
        .join(Statement)
        .where(StatementVersion.published_at.is_null(False))
        .order_by(StatementVersion.published_at.desc())
    )
    if topic.strip():
        query = query.where(Statement.topic == topic.strip())
    if exclude_id is not None:
        query = query.where(Statement.id != exclude_id)
    if as_of is not None:
        query = query.where(StatementVersion.published_at <= as_of)
    return [
        EarlierStatement(
            int(v.statement.id),
            v.statement.title,
            v.published_at,
            v.channel,
            " ".join(v.text.split())[:160],
        )
        for v in query.limit(20)
    ]


def stakeholder_groups() -> list[tuple[int, str]]:
    rows = StakeholderGroup.select(StakeholderGroup.id, StakeholderGroup.name).order_by(
        StakeholderGroup.sort_order, StakeholderGroup.name
    )
    return [(int(g.id), str(g.name)) for g in rows]


def operator_role(name: str) -> str:
    """The role of an operator of this crisis; someone unknown is an observer."""
    row = Operator.get_or_none(Operator.name == name.strip())
    return str(row.role) if row is not None else "observer"


def topics() -> list[str]:
    rows = Statement.select(Statement.topic).where(Statement.topic != "").distinct()
    return sorted(str(r.topic) for r in rows)
