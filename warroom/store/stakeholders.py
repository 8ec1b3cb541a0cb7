"""Stakeholder groups: reads, edits, grid moves and crisis-type templates.

Every change to a group (a drag on the power/interest grid included) writes an automatic
logbook entry naming what changed, linked to the group (``("stakeholder", id)``), in the
same transaction as the change.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace
from typing import Any, cast

import peewee

from warroom.domain.enums import Attitude, Channel
from warroom.domain.stakeholder_templates import template
from warroom.domain.stakeholders import GroupInfo, describe_changes, validate_group
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Author, StakeholderGroup, StakeholderPresence

CHANNELS = frozenset(c.value for c in Channel)
ATTITUDES = frozenset(a.value for a in Attitude)


def _info(row: StakeholderGroup, presence: dict[int, list[tuple[str, float]]]) -> GroupInfo:
    return GroupInfo(
        id=row.id,
        name=row.name,
        description=row.description,
        power=row.power,
        interest=row.interest,
        attitude=row.attitude,
        expectations=row.expectations,
        key_messages=row.key_messages,
        owner=row.owner,
        sort_order=row.sort_order,
        channels=tuple(sorted(presence.get(row.id, []), key=lambda cw: (-cw[1], cw[0]))),
    )


def list_groups() -> list[GroupInfo]:
    presence: dict[int, list[tuple[str, float]]] = {}
    query = StakeholderPresence.select(
        StakeholderPresence.group, StakeholderPresence.channel, StakeholderPresence.weight
    ).tuples()
    rows_: list[tuple[int, str, float]] = list(cast(Any, query))
    for group_id, channel, weight in rows_:
        presence.setdefault(group_id, []).append((channel, float(weight)))
    rows = StakeholderGroup.select().order_by(StakeholderGroup.sort_order, StakeholderGroup.id)
    return [_info(row, presence) for row in rows]


def get_group(group_id: int) -> GroupInfo:
    row = StakeholderGroup.get_or_none(StakeholderGroup.id == group_id)
    if row is None:
        raise StoreError(f"stakeholder group {group_id} does not exist (deleted meanwhile?)")
    presence = {
        group_id: [
            (p.channel, float(p.weight))
            for p in StakeholderPresence.select().where(StakeholderPresence.group == group_id)
        ]
    }
    return _info(row, presence)


def _check(group: GroupInfo) -> GroupInfo:
    clean = replace(group, name=" ".join(group.name.split()), owner=group.owner.strip())
    try:
        validate_group(clean, CHANNELS, ATTITUDES)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    clash = StakeholderGroup.get_or_none(
        (StakeholderGroup.name == clean.name) & (StakeholderGroup.id != clean.id)
    )
    if clash is not None:
        raise StoreError(f"a group named “{clean.name}” already exists")
    return clean


def _fields(group: GroupInfo) -> dict[str, Any]:
    names: tuple[str, ...] = ("name", "description", "power", "interest", "attitude")
    names += ("expectations", "key_messages", "owner")
    return {name: getattr(group, name) for name in names}


def _write_presence(group_id: int, channels: tuple[tuple[str, float], ...]) -> None:
    StakeholderPresence.delete().where(StakeholderPresence.group == group_id).execute()
    for channel, weight in channels:
        StakeholderPresence.create(group=group_id, channel=channel, weight=float(weight))


def save_group(db: peewee.Database, group: GroupInfo, operator: str) -> GroupInfo:
    """Store an edited group (``group.id`` > 0) and log what changed. Returns it as stored."""
    with translated_errors("saving the stakeholder group"), db.atomic():
        before = get_group(group.id)
        after = _check(group)
        changes = describe_changes(before, after)
        if not changes:
            return before
        StakeholderGroup.update(**_fields(after)).where(StakeholderGroup.id == group.id).execute()
        if dict(before.channels) != dict(after.channels):
            _write_presence(group.id, after.channels)
        logbook.system_entry(
            db,
            f"Stakeholder group “{before.name}” edited by {operator}: " + "; ".join(changes),
            links=[("stakeholder", group.id)],
            operator=operator,
        )
        return get_group(group.id)


def create_group(db: peewee.Database, group: GroupInfo, operator: str) -> GroupInfo:
    with translated_errors("creating the stakeholder group"), db.atomic():
        clean = _check(replace(group, id=0))
        last = StakeholderGroup.select(peewee.fn.MAX(StakeholderGroup.sort_order)).scalar()
        row = StakeholderGroup.create(
            **_fields(clean), sort_order=(last or 0) + 1, created_at=utcnow()
        )
        _write_presence(row.id, clean.channels)
        logbook.system_entry(
            db,
            f"Stakeholder group “{clean.name}” created by {operator} "
            f"(power {clean.power}, interest {clean.interest}, {clean.attitude}).",
            links=[("stakeholder", row.id)],
            operator=operator,
        )
        return get_group(row.id)


def delete_group(db: peewee.Database, group_id: int, operator: str) -> None:
    """Delete a group: its members become unassigned, its rules go with it."""
    with translated_errors("deleting the stakeholder group"), db.atomic():
        group = get_group(group_id)
        members = Author.select().where(Author.group == group_id).count()
        Author.update(group=None, group_locked=False).where(Author.group == group_id).execute()
        StakeholderGroup.delete().where(StakeholderGroup.id == group_id).execute()
        logbook.system_entry(
            db,
            f"Stakeholder group “{group.name}” deleted by {operator}; "
            f"its {members} members are now unassigned.",
            links=[("stakeholder", group_id)],
            operator=operator,
        )


def move_group(
    db: peewee.Database, group_id: int, power: int, interest: int, operator: str
) -> GroupInfo:
    """A drag on the power/interest grid."""
    with translated_errors("moving the stakeholder group"):
        current = get_group(group_id)
    return save_group(db, replace(current, power=power, interest=interest), operator)


def apply_template(db: peewee.Database, key: str, operator: str) -> list[str]:
    """Apply a crisis-type template to the groups it names (missing ones are created).
    Returns the names of the groups that changed; one logbook entry sums it up."""
    try:
        chosen = template(key)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    changed: list[str] = []
    with translated_errors("applying the crisis template"), db.atomic():
        by_name = {g.name: g for g in list_groups()}
        for setting in chosen.groups:
            values = {f.name: getattr(setting, f.name) for f in dataclasses.fields(setting)}
            existing = by_name.get(setting.name)
            if existing is None:
                row = StakeholderGroup.create(
                    **{k: v for k, v in values.items() if k != "channels"},
                    sort_order=len(by_name) + len(changed),
                    created_at=utcnow(),
                )
                _write_presence(row.id, setting.channels)
                changed.append(setting.name)
                continue
            after = replace(existing, **values)
            if describe_changes(existing, after):
                StakeholderGroup.update(**_fields(after)).where(
                    StakeholderGroup.id == existing.id
                ).execute()
                _write_presence(existing.id, after.channels)
                changed.append(setting.name)
        ids = [g.id for g in list_groups() if g.name in changed]
        logbook.system_entry(
            db,
            f"Stakeholder template “{chosen.title}” applied by {operator}: "
            + (", ".join(changed) if changed else "no group changed")
            + ".",
            links=[("stakeholder", i) for i in ids],
            operator=operator,
        )
    return changed
