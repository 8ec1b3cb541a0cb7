"""Statements and rumors as they stood at an instant (the replay cursor), computed only
from what had been recorded by then. Used by ``statement_queries`` and ``rumor_queries``
when they are given ``as_of``.

- A statement exists once its first ``statement_event`` happened; its status is the
  ``to_status`` of its last event by then (ties broken by recording order). Its approver
  is whoever approved it by then (a later move back to draft clears it), its legal review
  the last one recorded by then (idem). Fields that have no history (title, topic, kind,
  targets) are shown as they are now; the promised next update (and the time of the last
  change) as recorded only if the statement row has not changed since the instant.
- A version exists once created; it counts as published only if published by then, and
  as frozen only if published, or approved by then.
- A rumor exists once first seen; its status is the ``to_status`` of its last
  ``rumor_event`` by then (else *detected*); it is corrected at the source only if that
  was recorded by then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

import peewee

from warroom.store.models import RumorEvent, StatementEvent

if TYPE_CHECKING:  # the query modules import this one
    from warroom.store.statement_queries import StatementSummary, VersionData

DETECTED = "detected"
_APPROVED_OR_LATER = {"approved", "published", "superseded"}


@dataclass(frozen=True)
class StatementState:
    """One statement as it stood: from its events up to the instant."""

    status: str
    first_at: datetime
    last_at: datetime
    approver: str | None
    legal_reviewed_by: str | None


def statement_states(
    as_of: datetime, approvers: dict[int, str | None], statement_id: int | None = None
) -> dict[int, StatementState]:
    """The state of every statement recorded by ``as_of`` (or of one). ``approvers``: the
    approver the statement row names now, preferred for its latest approval (scenario
    files record the author as the operator of every step)."""
    query = StatementEvent.select().order_by(
        StatementEvent.statement, StatementEvent.at, StatementEvent.id
    )
    if statement_id is not None:
        query = query.where(StatementEvent.statement == statement_id)
    by_statement: dict[int, list[StatementEvent]] = {}
    for event in query:
        by_statement.setdefault(int(event.statement_id), []).append(event)
    states = {}
    for key, events in by_statement.items():
        state = _state(events, as_of, approvers.get(key))
        if state is not None:
            states[key] = state
    return states


def _state(
    events: list[StatementEvent], as_of: datetime, approver_now: str | None
) -> StatementState | None:
    then = [e for e in events if e.at <= as_of]
    if not then:
        return None
    approvals = [e for e in events if e.to_status == "approved"]
    approver: str | None = None
    legal: str | None = None
    for event in then:
        if event.to_status == "draft":
            approver = legal = None  # a revision sends it back for approval
        elif event.to_status == "approved" and event.from_status != "approved":
            latest = event is approvals[-1]
            approver = approver_now if latest and approver_now else str(event.operator)
        elif event.from_status is not None and event.from_status == event.to_status:
            legal = str(event.operator)  # a legal review keeps the status
    return StatementState(
        status=str(then[-1].to_status),
        first_at=then[0].at,
        last_at=max(e.at for e in then),
        approver=approver,
        legal_reviewed_by=legal,
    )


def version_as_of(version: VersionData, as_of: datetime, status: str) -> VersionData | None:
    """The version as it stood (None if not yet written)."""
    if version.created_at > as_of:
        return None
    published = version.published_at is not None and version.published_at <= as_of
    if published:
        return version
    return replace(
        version,
        published_at=None,
        published_url=None,
        published_by=None,
        frozen=version.frozen and status in _APPROVED_OR_LATER,
    )


def summary_as_of(
    summary: StatementSummary,
    state: StatementState,
    versions: Iterable[tuple[str, datetime, datetime | None]],
    as_of: datetime,
    changed_at: datetime,
) -> StatementSummary:
    """``versions``: (channel, created_at, published_at) of the statement's versions;
    ``changed_at``: when the statement row was last changed."""
    unchanged = changed_at <= as_of  # the row's own fields stood as they are now
    channels: set[str] = set()
    stamps = [state.last_at]
    published: datetime | None = None
    for channel, created, published_at in versions:
        if created > as_of:
            continue
        channels.add(channel)
        stamps.append(created)
        if published_at is not None and published_at <= as_of:
            stamps.append(published_at)
            published = published_at if published is None else min(published, published_at)
    return replace(
        summary,
        status=state.status,
        approver=state.approver,
        legal_reviewed_by=state.legal_reviewed_by,
        next_update_at=summary.next_update_at if unchanged else None,
        updated_at=summary.updated_at if unchanged else max(stamps),
        channels=tuple(sorted(channels)),
        published_at=published,
    )


def rumor_statuses(as_of: datetime, rumor_id: int | None = None) -> dict[int, tuple[str, datetime]]:
    """(status, when it was set) of each rumor by ``as_of``, from its events."""
    query = (
        RumorEvent.select(RumorEvent.rumor, RumorEvent.to_status, RumorEvent.at)
        .where(RumorEvent.at <= as_of)
        .order_by(RumorEvent.at, RumorEvent.id)
    )
    if rumor_id is not None:
        query = query.where(RumorEvent.rumor == rumor_id)
    return {int(e.rumor_id): (str(e.to_status), e.at) for e in query}


def statements_existing(as_of: datetime) -> peewee.SelectQuery:
    """Ids of the statements recorded by ``as_of`` (a sub-query)."""
    return (
        StatementEvent.select(StatementEvent.statement).where(StatementEvent.at <= as_of).distinct()
    )
