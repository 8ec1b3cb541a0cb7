"""Assignment rules (author → stakeholder group), applying them, and operator overrides.

Rules never move an author whose group an operator chose (``author.group_locked``).
Authors are processed in batches by id so that a crisis with 100k accounts neither holds
one long transaction nor loads every account at once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import peewee

from warroom.domain.stakeholder_templates import DEFAULT_RULES
from warroom.domain.stakeholders import (
    AssignmentRule,
    AuthorFacts,
    RuleSet,
    describe_rule,
    validate_rule,
)
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Author, StakeholderGroup, StakeholderRule

BATCH = 1000
_AUTHOR_ID: Any = Author.id  # the column (mypy sees the declared ``id: int``)
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


def _fk(row: Any, optional: bool = False) -> Any:
    """The raw group id of a rule or author row (no extra query)."""
    value = row.__data__.get("group")
    return value if optional else int(value)


def list_rules() -> list[AssignmentRule]:
    rows = StakeholderRule.select().order_by(StakeholderRule.priority, StakeholderRule.id)
    return [
        AssignmentRule(
            group_id=_fk(r),
            kind=r.kind,
            pattern=r.pattern,
            priority=r.priority,
            enabled=bool(r.enabled),
            id=r.id,
        )
        for r in rows
    ]


def _group_name(group_id: int) -> str:
    group = StakeholderGroup.get_or_none(StakeholderGroup.id == group_id)
    if group is None:
        raise StoreError(f"stakeholder group {group_id} does not exist")
    return str(group.name)


def seed_default_rules(db: peewee.Database) -> int:
    """Give the default groups their default rules (a new crisis). Returns rules added."""
    groups = {g.name: g.id for g in StakeholderGroup.select()}
    now = utcnow()
    added = 0
    with translated_errors("creating the default assignment rules"), db.atomic():
        for spec in DEFAULT_RULES:
            if spec.group in groups:
                StakeholderRule.create(
                    group=groups[spec.group],
                    kind=spec.kind,
                    pattern=spec.pattern,
                    priority=spec.priority,
                    created_by="system",
                    created_at=now,
                )
                added += 1
    return added


def save_rule(db: peewee.Database, rule: AssignmentRule, operator: str) -> AssignmentRule:
    """Create (``rule.id == 0``) or update a rule; logged. Run :func:`apply_rules` after."""
    try:
        validate_rule(rule.kind, rule.pattern)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    with translated_errors("saving the assignment rule"), db.atomic():
        group = _group_name(rule.group_id)
        values = {
            "group": rule.group_id,
            "kind": rule.kind,
            "pattern": rule.pattern.strip(),
            "priority": rule.priority,
            "enabled": rule.enabled,
        }
        if rule.id:
            updated = StakeholderRule.update(**values).where(StakeholderRule.id == rule.id)
            if updated.execute() != 1:
                raise StoreError(f"assignment rule {rule.id} does not exist (deleted meanwhile?)")
            rule_id, verb = rule.id, "changed"
        else:
            rule_id = StakeholderRule.create(**values, created_by=operator, created_at=utcnow()).id
            verb = "added"
        state = "" if rule.enabled else " (disabled)"
        logbook.system_entry(
            db,
            f"Assignment rule #{rule_id} {verb} by {operator}: {describe_rule(rule)} "
            f"→ “{group}”, priority {rule.priority}{state}.",
            links=[("stakeholder", rule.group_id)],
            operator=operator,
        )
    return next(r for r in list_rules() if r.id == rule_id)


def delete_rule(db: peewee.Database, rule_id: int, operator: str) -> None:
    with translated_errors("deleting the assignment rule"), db.atomic():
        row = StakeholderRule.get_or_none(StakeholderRule.id == rule_id)
        if row is None:
            raise StoreError(f"assignment rule {rule_id} does not exist")
        rule = AssignmentRule(_fk(row), row.kind, row.pattern, row.priority, True, row.id)
        row.delete_instance()
        logbook.system_entry(
            db,
            f"Assignment rule #{rule_id} deleted by {operator}: {describe_rule(rule)} "
            f"→ “{_group_name(rule.group_id)}”.",
            links=[("stakeholder", rule.group_id)],
            operator=operator,
        )


def facts(row: Author) -> AuthorFacts:
    return AuthorFacts(
        channel=row.channel,
        handle=row.handle,
        display_name=row.display_name,
        kind=row.kind,
        verified=bool(row.verified),
        profile=row.profile,
        url=row.url,
    )


@dataclass(frozen=True)
class ApplyReport:
    examined: int
    moved: int
    by_group: dict[str, int]  # group name -> authors that joined it
    last_author_id: int
    cancelled: bool = False


def apply_rules(
    db: peewee.Database,
    *,
    after_id: int = 0,
    only_unassigned: bool = False,
    progress: Progress | None = None,
    batch: int = BATCH,
) -> ApplyReport:
    """Assign every unlocked author with ``id > after_id`` by the rules, in batches."""
    rules = RuleSet(list_rules())
    names = {g.id: g.name for g in StakeholderGroup.select()}
    query = Author.select().where((Author.group_locked == False) & (Author.id > after_id))  # noqa: E712
    if only_unassigned:
        query = query.where(Author.group.is_null())
    total = query.count()
    examined = moved = 0
    last = after_id
    joined: Counter[str] = Counter()
    while True:
        with translated_errors("assigning authors to groups"), db.atomic():
            rows = list(query.where(Author.id > last).order_by(Author.id).limit(batch))
            if not rows:
                break
            updates = []
            for row in rows:
                rule = rules.assign(facts(row))
                target = rule.group_id if rule else None
                if target != _fk(row, optional=True):
                    updates.append((target, row.id))
                    joined[names.get(target, "unassigned") if target else "unassigned"] += 1
            if updates:
                db.cursor().executemany("UPDATE author SET group_id = ? WHERE id = ?", updates)
        examined += len(rows)
        moved += len(updates)
        last = rows[-1].id
        if progress is not None and not progress(examined, total):
            return ApplyReport(examined, moved, dict(joined), last, cancelled=True)
    return ApplyReport(examined, moved, dict(joined), last)


def apply_rules_logged(
    db: peewee.Database, operator: str, progress: Progress | None = None
) -> ApplyReport:
    """An operator re-applies the rules to every unlocked author; the result is logged."""
    report = apply_rules(db, progress=progress)
    if report.moved or report.cancelled:
        detail = ", ".join(f"{n} → {name}" for name, n in sorted(report.by_group.items()))
        stopped = " (cancelled part-way)" if report.cancelled else ""
        logbook.system_entry(
            db,
            f"Assignment rules applied by {operator}{stopped}: {report.moved} of "
            f"{report.examined} authors changed group" + (f" ({detail})." if detail else "."),
            operator=operator,
        )
    return report


def assign_new_authors(db: peewee.Database, after_id: int) -> ApplyReport:
    """Place accounts that arrived since ``after_id`` (called as posts come in)."""
    return apply_rules(db, after_id=after_id, only_unassigned=True)


def last_author_id() -> int:
    return int(Author.select(peewee.fn.MAX(Author.id)).scalar() or 0)


def override_authors(
    db: peewee.Database, author_ids: Sequence[int], group_id: int | None, operator: str
) -> int:
    """The operator puts authors in a group (or in none) and rules leave them there."""
    if not author_ids:
        return 0
    with translated_errors("assigning authors"), db.atomic():
        target = _group_name(group_id) if group_id is not None else "no group"
        chosen = Author.select().where(_AUTHOR_ID.in_(author_ids))
        handles = [f"@{a.handle} ({a.channel})" for a in chosen]
        if len(handles) != len(set(author_ids)):
            raise StoreError("some of these authors no longer exist")
        Author.update(group=group_id, group_locked=True).where(_AUTHOR_ID.in_(author_ids)).execute()
        more = f" and {len(handles) - 10} more" if len(handles) > 10 else ""
        shown = ", ".join(handles[:10]) + more
        logbook.system_entry(
            db,
            f"{operator} placed {shown} in “{target}” (manual override; rules no longer move "
            f"{'them' if len(handles) > 1 else 'this author'}).",
            links=[("stakeholder", group_id)] if group_id is not None else [],
            operator=operator,
        )
    return len(handles)


def release_authors(db: peewee.Database, author_ids: Sequence[int], operator: str) -> int:
    """Undo overrides: the rules decide again for these authors (logged)."""
    if not author_ids:
        return 0
    rules = RuleSet(list_rules())
    with translated_errors("releasing authors"), db.atomic():
        rows = list(Author.select().where(_AUTHOR_ID.in_(author_ids)))
        for row in rows:
            rule = rules.assign(facts(row))
            Author.update(group=rule.group_id if rule else None, group_locked=False).where(
                Author.id == row.id
            ).execute()
        shown = ", ".join(f"@{r.handle}" for r in rows[:10])
        logbook.system_entry(
            db,
            f"{operator} returned {shown}{' and more' if len(rows) > 10 else ''} to automatic "
            "group assignment.",
            operator=operator,
        )
    return len(rows)


def explain(author_id: int) -> str:
    """Why an author is in their group, in one line."""
    row = Author.get_or_none(Author.id == author_id)
    if row is None:
        raise StoreError(f"author {author_id} does not exist")
    if row.group_locked:
        return "placed by an operator (manual override)"
    rule = RuleSet(list_rules()).assign(facts(row))
    if rule is None:
        return "no rule matches"
    return f"rule #{rule.id}: {describe_rule(rule)}"
