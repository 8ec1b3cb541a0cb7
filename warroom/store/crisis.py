"""Crisis-level reads and writes: the crisis record, operators, settings."""

from __future__ import annotations

from typing import Any

import peewee

from warroom.domain.crisis import CrisisInfo
from warroom.domain.enums import OperatorRole
from warroom.domain.timeutil import utcnow
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Crisis, Operator, Setting


def crisis_info() -> CrisisInfo:
    row = Crisis.select().order_by(Crisis.id).first()
    if row is None:
        raise StoreError("the crisis file holds no crisis record")
    return CrisisInfo(
        name=row.name,
        description=row.description,
        opened_at=row.opened_at,
        closed_at=row.closed_at,
        phase=row.phase,
        severity=row.severity,
        timezone=row.timezone,
        language=row.language,
        is_exercise=bool(row.is_exercise),
    )


def ensure_operator(
    db: peewee.Database, name: str, role: str = OperatorRole.COMMUNITY_MANAGER
) -> None:
    """Record an operator the first time they write to this crisis."""
    clean = name.strip()
    if not clean:
        raise StoreError("an operator needs a name")
    initials = "".join(part[0] for part in clean.split() if part)[:3].upper()
    with translated_errors("recording the operator"), db.atomic():
        (
            Operator.insert(name=clean, initials=initials, role=str(role), created_at=utcnow())
            .on_conflict_ignore()
            .execute()
        )


def operators() -> list[tuple[str, str]]:
    return [(row.name, row.role) for row in Operator.select().order_by(Operator.name)]


def get_setting(key: str, default: Any = None) -> Any:
    row = Setting.get_or_none(Setting.key == key)
    return default if row is None else row.value


def set_setting(db: peewee.Database, key: str, value: Any) -> None:
    with translated_errors("saving a setting"), db.atomic():
        Setting.insert(key=key, value=value).on_conflict_replace().execute()


def seed_default_groups(db: peewee.Database) -> None:
    """Give a new crisis the default stakeholder groups (DESIGN §1.3)."""
    from warroom.store.defaults import DEFAULT_GROUPS
    from warroom.store.models import StakeholderGroup, StakeholderPresence

    now = utcnow()
    with translated_errors("creating the default stakeholder groups"), db.atomic():
        for order, template in enumerate(DEFAULT_GROUPS):
            group = StakeholderGroup.create(
                name=template.name,
                description=template.description,
                power=template.power,
                interest=template.interest,
                attitude=template.attitude,
                expectations=template.expectations,
                sort_order=order,
                created_at=now,
            )
            for channel, weight in template.channels:
                StakeholderPresence.create(group=group, channel=channel, weight=weight)
    from warroom.store.stakeholder_rules import seed_default_rules  # stakeholders issue #5

    seed_default_rules(db)
