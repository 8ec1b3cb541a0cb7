"""Everything the post-crisis review report shows, computed from the crisis file.

:func:`build_review` runs in a worker (it reads the whole crisis); the PDF renderer in
``warroom.report.review_pdf`` only lays the result out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import peewee

from warroom.domain import deadlines
from warroom.domain.crisis import CrisisInfo
from warroom.domain.logchain import LogEntryData
from warroom.domain.review import (
    ChannelResponse,
    PhaseSpan,
    phase_spans,
    response_stats,
    volume_by_day,
    volume_by_phase,
)
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store import review as store
from warroom.store.crisis import crisis_info, get_setting

PHASE_ENTRY = re.compile(r"^Crisis phase: (?:(\w+) → )?(\w+)")  # "old → new" or "new"
TIMELINE_CATEGORIES = frozenset({"event", "decision", "communication", "contact"})


@dataclass
class ReviewData:
    crisis: CrisisInfo
    tz: ZoneInfo
    generated_at: datetime
    operator: str
    phases: list[PhaseSpan]
    volume_by_day: dict[str, dict[str, int]]
    volume_by_phase: dict[str, dict[str, int]]
    responses: list[ChannelResponse]
    statements: list[dict[str, Any]]
    rumors: list[dict[str, Any]]
    coverage: list[dict[str, Any]]
    top_accounts: list[dict[str, Any]]
    communities: list[dict[str, Any]]
    decisions: list[LogEntryData]
    timeline: list[tuple[datetime, str, str]]
    lessons: list[store.LessonRow]
    score: Any = None  # ScoreSheet for exercises
    totals: dict[str, int] = field(default_factory=dict)

    @property
    def channels(self) -> list[str]:
        counts: dict[str, int] = {}
        for per in self.volume_by_day.values():
            for channel, n in per.items():
                counts[channel] = counts.get(channel, 0) + n
        return sorted(counts, key=lambda c: -counts[c])


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def build_review(db: peewee.Database, operator: str = "") -> ReviewData:
    info = crisis_info()
    tz = _zone(info.timezone)
    entries = list(logbook.iter_entries(db))
    changes = []
    for entry in entries:
        match = PHASE_ENTRY.match(entry.text)
        if match and entry.automatic:
            changes.append((entry.event_time, match.group(2)))
    spans = phase_spans(info.opened_at, changes)
    hourly = store.hourly_volume(db)
    own = store.own_handles(db)
    score = None
    if info.is_exercise:
        from warroom.analysis.exercise_score import score_sheet

        score = score_sheet(db)
    return ReviewData(
        crisis=info,
        tz=tz,
        generated_at=utcnow(),
        operator=operator,
        phases=spans,
        volume_by_day=volume_by_day(hourly, tz),
        volume_by_phase=volume_by_phase(hourly, spans),
        responses=response_stats(
            store.replies(db),
            store.unanswered(db, own),
            deadlines.targets_from(get_setting(deadlines.SETTING_KEY, {}) or {}),
            tz,
        ),
        statements=store.statements(db),
        rumors=store.rumors(db),
        coverage=_coverage(store.coverage(db)),
        top_accounts=store.top_accounts(db),
        communities=store.communities(db),
        decisions=_decisions(entries),
        timeline=_timeline(entries, store.statements(db), store.rumors(db)),
        lessons=store.lessons(),
        score=score,
        totals={
            "posts": sum(n for _h, _c, n in hourly),
            "entries": len(entries),
        },
    )


def _coverage(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Add ``gaps``: channels where a group is clearly present (weight ≥ 0.5) and no
    statement aimed at it was published."""
    for group in groups:
        present = {c for c, w in group["present"].items() if w >= 0.5}
        group["gaps"] = sorted(present - group["covered"])
        group["covered"] = sorted(group["covered"])
    return groups


def _decisions(entries: list[LogEntryData]) -> list[LogEntryData]:
    return [e for e in entries if e.category == "decision"]


def _timeline(
    entries: list[LogEntryData], statements: list[dict[str, Any]], rumors: list[dict[str, Any]]
) -> list[tuple[datetime, str, str]]:
    items: list[tuple[datetime, str, str]] = []
    for entry in entries:
        if entry.category in TIMELINE_CATEGORIES and not entry.automatic:
            items.append((entry.event_time, entry.category, entry.text))
        elif entry.automatic and PHASE_ENTRY.match(entry.text):
            items.append((entry.event_time, "phase", entry.text))
    for statement in statements:
        if statement["published_at"] is not None:
            items.append((statement["published_at"], "statement", statement["title"]))
    for rumor in rumors:
        items.append((rumor["first_seen"], "rumor", f"Rumor: {rumor['claim']}"))
        if rumor["corrected_at"] is not None:
            by = rumor["corrected_by"] or "the source"
            items.append((rumor["corrected_at"], "rumor", f"Corrected at source by {by}"))
    items.sort(key=lambda item: item[0])
    return items
