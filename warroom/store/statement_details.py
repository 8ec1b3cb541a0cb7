"""Statement details that are not workflow moves: the reviewer's criteria ticks per
version, and title, topic, legal flag, targets and the promised next update (all under
optimistic locking, logged when the cell cares)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

import peewee

from warroom.domain.criteria import CRITERION_KEYS
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import StatementTarget, StatementVersion
from warroom.store.statement_queries import operator_role
from warroom.store.statements import NotAllowed, _bump, _check_edit, _log, _statement


def set_criteria(
    db: peewee.Database, version_id: int, criteria: dict[str, bool], operator: str
) -> None:
    """The reviewer's ticks for one version (kept with the version, not the statement)."""
    unknown = set(criteria) - set(CRITERION_KEYS)
    if unknown:
        raise StoreError(f"unknown criteria: {', '.join(sorted(unknown))}")
    _check_edit(operator_role(operator))
    with translated_errors("saving the checklist"), db.atomic():
        version = StatementVersion.get_or_none(StatementVersion.id == version_id)
        if version is None:
            raise StoreError(f"statement version #{version_id} does not exist")
        if version.published_at is not None:
            raise NotAllowed("the checklist of a published version cannot change")
        merged = {**(version.criteria or {}), **{k: bool(v) for k, v in criteria.items()}}
        StatementVersion.update(criteria=merged).where(StatementVersion.id == version_id).execute()


def update_details(
    db: peewee.Database,
    statement_id: int,
    operator: str,
    expected_lock: int | None,
    *,
    title: str | None = None,
    topic: str | None = None,
    requires_legal: bool | None = None,
    target_ids: Iterable[int] | None = None,
    next_update_at: datetime | bool | None = False,
) -> int:
    """Change title, topic, legal flag, targets or the promised next update time
    (``next_update_at=None`` clears it; the default ``False`` leaves it)."""
    _check_edit(operator_role(operator))
    changes: dict[str, object] = {}
    if title is not None:
        if not title.strip():
            raise StoreError("a statement needs a title")
        changes["title"] = title.strip()[:300]
    if topic is not None:
        changes["topic"] = topic.strip()
    if requires_legal is not None:
        changes["requires_legal"] = requires_legal
    if next_update_at is not False:
        changes["next_update_at"] = next_update_at
    with translated_errors("saving the statement"), db.atomic():
        row = _statement(statement_id)
        lock = _bump(statement_id, expected_lock, **changes)
        if target_ids is not None:
            StatementTarget.delete().where(StatementTarget.statement == statement_id).execute()
            for group_id in dict.fromkeys(target_ids):
                StatementTarget.create(statement=statement_id, group=group_id)
        if isinstance(next_update_at, datetime):
            _log(
                db,
                f"Statement « {row.title} »: next update promised for "
                f"{next_update_at:%Y-%m-%d %H:%M} UTC.",
                statement_id,
                operator,
            )
        if requires_legal is not None and bool(row.requires_legal) != requires_legal:
            state = "required" if requires_legal else "no longer required"
            _log(db, f"Statement « {row.title} »: legal review {state}.", statement_id, operator)
    return lock
