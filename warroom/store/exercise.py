"""Store side of exercises: crisis set-up from a scenario, injects, and the delivery record.

Exercise data never mixes with a real crisis: :func:`claim_for_exercise` refuses a crisis
that is not marked as an exercise unless it is still empty (then it marks it, and logs it).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

import peewee

from warroom.domain.enums import LogCategory
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.crisis import ensure_operator
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import (
    Author,
    Crisis,
    ExerciseInject,
    LogEntry,
    Post,
    Source,
    StakeholderGroup,
    StakeholderPresence,
    Watch,
)


class NotAnExercise(StoreError):
    """The crisis holds real data: a scenario cannot be played into it."""


def claim_for_exercise(db: peewee.Database, scenario_name: str, operator: str) -> bool:
    """Make sure the open crisis may receive exercise data. Returns True if it was just
    marked as an exercise (it was empty); raises :class:`NotAnExercise` otherwise."""
    with translated_errors("checking the crisis"):
        crisis = Crisis.select().order_by(Crisis.id).first()
        if crisis is None:
            raise StoreError("the crisis file holds no crisis record")
        if crisis.is_exercise:
            return False
        manual = LogEntry.select().where(LogEntry.automatic == False).count()  # noqa: E712
        if Post.select().count() or manual:
            raise NotAnExercise(
                f"{crisis.name!r} is a real crisis with data: exercise injects are never "
                "mixed into it; create an exercise with `warroom new FILE --name N --exercise`"
            )
        with db.atomic():
            Crisis.update(is_exercise=True).where(Crisis.id == crisis.id).execute()
            logbook.system_entry(
                db,
                f"Crisis marked as an EXERCISE to play the scenario {scenario_name!r}.",
                operator=operator,
            )
    return True


def set_up(
    db: peewee.Database,
    setup: dict[str, Any],
    *,
    at: datetime,
    rename: bool,
) -> int:
    """Apply a scenario's settings, operators, watches, stakeholders and sources.

    ``setup`` holds the scenario's ``name``, ``crisis``, ``operators``, ``watches``,
    ``stakeholders`` and ``seed``. Returns the id of the scenario's Source."""
    crisis: dict[str, Any] = setup.get("crisis", {})
    with translated_errors("setting up the exercise"), db.atomic():
        changes: dict[str, Any] = {"is_exercise": True}
        for key in ("timezone", "language", "severity", "phase", "description"):
            if key in crisis:
                changes[key] = crisis[key]
        if rename:
            changes["opened_at"] = at
            if crisis.get("name"):
                changes["name"] = crisis["name"]
        Crisis.update(**changes).execute()
        for operator in setup.get("operators", []):
            ensure_operator(db, str(operator["name"]), str(operator.get("role", "observer")))
        for watch in setup.get("watches", []):
            Watch.insert(
                kind=watch["kind"],
                term=watch["term"],
                channel=watch.get("channel", ""),
                created_at=at,
            ).on_conflict_ignore().execute()
        for order, group in enumerate(setup.get("stakeholders", [])):
            _upsert_group(group, order, at)
        source, _ = Source.get_or_create(
            name=f"Scenario: {setup['name']}",
            defaults={
                "kind": "scenario",
                "params": {"scenario": setup["name"], "seed": setup.get("seed", 0)},
                "interval_s": 0,
                "enabled": False,
                "created_at": at,
                "last_success": at,
            },
        )
        return int(source.id)


_GROUP_FIELDS = ("description", "power", "interest", "attitude", "expectations", "key_messages")


def _upsert_group(spec: dict[str, Any], order: int, at: datetime) -> None:
    values = {k: spec[k] for k in _GROUP_FIELDS if k in spec}
    if "owner" in spec:
        values["owner"] = spec["owner"]
    group = StakeholderGroup.get_or_none(StakeholderGroup.name == spec["name"])
    if group is None:
        group = StakeholderGroup.create(name=spec["name"], sort_order=100 + order, created_at=at)
    if values:
        StakeholderGroup.update(**values).where(StakeholderGroup.id == group.id).execute()
    for channel, weight in (spec.get("channels") or {}).items():
        StakeholderPresence.insert(
            group=group.id, channel=channel, weight=float(weight)
        ).on_conflict(
            conflict_target=[StakeholderPresence.group, StakeholderPresence.channel],
            update={StakeholderPresence.weight: float(weight)},
        ).execute()


def record_delivery(
    db: peewee.Database,
    scenario: str,
    index: int,
    kind: str,
    summary: str,
    scheduled_at: datetime,
    *,
    post_count: int = 0,
    ref: tuple[str, int] | None = None,
) -> None:
    """Remember that inject ``index`` of ``scenario`` arrived (idempotent: first wins)."""
    with translated_errors("recording an inject"), db.atomic():
        ExerciseInject.insert(
            scenario=scenario,
            inject_index=index,
            kind=kind,
            summary=summary[:300],
            scheduled_at=scheduled_at,
            delivered_at=utcnow(),
            post_count=post_count,
            ref_kind=ref[0] if ref else None,
            ref_id=ref[1] if ref else None,
        ).on_conflict_ignore().execute()


def delivered(scenario: str) -> dict[int, tuple[str | None, int | None]]:
    """Inject index → (ref kind, ref id) of what already arrived for ``scenario``."""
    query = ExerciseInject.select().where(ExerciseInject.scenario == scenario)
    return {row.inject_index: (row.ref_kind, row.ref_id) for row in query}


def deliveries() -> list[dict[str, Any]]:
    """Every recorded inject, oldest first (for the score sheet and the review)."""
    query = ExerciseInject.select().order_by(ExerciseInject.scheduled_at, ExerciseInject.id)
    return [
        {
            "scenario": row.scenario,
            "index": row.inject_index,
            "kind": row.kind,
            "summary": row.summary,
            "scheduled_at": row.scheduled_at,
            "delivered_at": row.delivered_at,
            "post_count": row.post_count,
            "ref_kind": row.ref_kind,
            "ref_id": row.ref_id,
        }
        for row in query
    ]


def contact_entry(
    db: peewee.Database, kind: str, sender: str, text: str, at: datetime, operator: str
) -> int:
    """An incoming call or press request: an automatic *contact* entry in the logbook."""
    head = "Incoming call" if kind == "call" else "Press request"
    stored = logbook.append(
        db,
        logbook.NewEntry(
            text=f"{head} — {sender}: {text}",
            operator=logbook.SYSTEM_OPERATOR,
            on_behalf_of=operator,
            category=LogCategory.CONTACT,
            automatic=True,
            event_time=at,
        ),
    )
    return stored.seq


def inject_replies(scenario: str) -> dict[int, list[tuple[datetime, datetime | None]]]:
    """Per inject index: (created_at, answered_at) of its posts that expect an answer
    (posts by customers, not reposts)."""
    rows = (
        Post.select(Post.raw, Post.created_at, Post.answered_at)
        .join(Author)
        .where(
            peewee.fn.json_extract(Post.raw, "$.scenario") == scenario,
            Post.repost_of.is_null(True),
            Author.kind == "customer",
        )
        .tuples()
    )
    result: dict[int, list[tuple[datetime, datetime | None]]] = {}
    for raw, created, answered in cast(list[tuple[Any, datetime, datetime | None]], list(rows)):
        index = raw.get("inject") if isinstance(raw, dict) else None
        if isinstance(index, int):
            result.setdefault(index, []).append((created, answered))
    return result


def manual_entries() -> list[tuple[datetime, str, str]]:
    """(event time, category, text) of the entries written by people, in time order."""
    query = (
        LogEntry.select(LogEntry.event_time, LogEntry.category, LogEntry.text)
        .where(LogEntry.automatic == False)  # noqa: E712
        .order_by(LogEntry.event_time)
        .tuples()
    )
    rows = cast(list[tuple[datetime, str, str]], list(query))
    return [(t, str(c), str(x)) for t, c, x in rows]
