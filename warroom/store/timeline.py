"""Reading the chronology for the Timeline view (see ``domain.timeline``)."""

from __future__ import annotations

from datetime import datetime

import peewee

from warroom.domain.enums import RumorStatus
from warroom.domain.logbook_rules import (
    PREFIX_PHASE,
    PREFIX_SPIKE,
    LogFilter,
    phase_change,
)
from warroom.domain.timeline import (
    LANE_MILESTONES,
    LANE_PHASES,
    LANE_RUMORS,
    LANE_SPIKES,
    LANE_STATEMENTS,
    Timeline,
    TimelineItem,
    hourly_spikes,
    phase_bands,
)
from warroom.domain.timeutil import parse_utc, utcnow
from warroom.store.crisis import crisis_info
from warroom.store.errors import translated_errors
from warroom.store.logbook_queries import iter_filtered

REBUTTED = {RumorStatus.REBUTTED, RumorStatus.CORRECTED_AT_SOURCE, RumorStatus.CLOSED}


Phases = list[tuple[datetime, str, str | None]]  # when, new phase, old phase


def _milestones(db: peewee.Database) -> tuple[list[TimelineItem], Phases]:
    items: list[TimelineItem] = []
    phases: Phases = []
    flt = LogFilter(significant_only=True, order="event")
    for entry in iter_filtered(db, flt):
        if entry.automatic and entry.text.startswith(PREFIX_PHASE):
            change = phase_change(entry.text)
            if change:
                phases.append((entry.event_time, change[1], change[0]))
            continue
        lane = LANE_SPIKES if entry.text.startswith(PREFIX_SPIKE) else LANE_MILESTONES
        label = " ".join(entry.text.split())
        items.append(
            TimelineItem(
                lane,
                entry.event_time,
                None,
                f"#{entry.seq} {label}",
                "entry",
                entry.seq,
                entry.category,
            )
        )
    return items, phases


def _statements(db: peewee.Database) -> list[TimelineItem]:
    rows = db.execute_sql(
        "SELECT e.statement_id, s.title, e.to_status, e.at FROM statement_event e "
        "JOIN statement s ON s.id = e.statement_id ORDER BY e.at"
    ).fetchall()
    return [
        TimelineItem(
            LANE_STATEMENTS,
            parse_utc(at),
            None,
            f"{title} — {status}",
            "statement",
            int(ident),
            str(status),
        )
        for ident, title, status, at in rows
    ]


def _rumors(db: peewee.Database, now: datetime) -> list[TimelineItem]:
    rows = db.execute_sql(
        "SELECT id, claim, status, first_seen, updated_at, corrected_at FROM rumor "
        "ORDER BY first_seen"
    ).fetchall()
    items = []
    for ident, claim, status, first_seen, updated, corrected in rows:
        start = parse_utc(first_seen)
        done = status in REBUTTED
        end = parse_utc(corrected or updated) if done else now
        items.append(
            TimelineItem(
                LANE_RUMORS,
                start,
                max(end, start),
                f"{claim} — {status}",
                "rumor",
                int(ident),
                "rebutted" if done else "open",
            )
        )
    return items


def _volume_spikes(db: peewee.Database) -> list[TimelineItem]:
    rows = db.execute_sql(
        "SELECT substr(created_at, 1, 13), count(*) FROM post GROUP BY 1 ORDER BY 1"
    ).fetchall()
    hours = [(parse_utc(f"{hour}:00:00Z"), int(n)) for hour, n in rows]
    return [
        TimelineItem(
            LANE_SPIKES,
            hour,
            None,
            f"{count} posts in the hour (median {base:.0f})",
            "posts",
            int(hour.timestamp()),
            "spike",
        )
        for hour, count, base in hourly_spikes(hours)
    ]


def load(db: peewee.Database) -> Timeline:
    """Every lane. Open rumors and the current phase run to the latest dated item (the
    present, in a live crisis; the end of the record, when an old crisis is reviewed)."""
    with translated_errors("reading the timeline"):
        info = crisis_info()
        milestones, phase_changes = _milestones(db)
        points = milestones + _statements(db) + _volume_spikes(db)
        starts = [i.start for i in points] + [when for when, _, _ in phase_changes]
        first_seen = db.execute_sql("SELECT max(first_seen) FROM rumor").fetchone()[0]
        if first_seen:
            starts.append(parse_utc(first_seen))
        horizon = min(max(starts), utcnow()) if starts else utcnow()
        items = points + _rumors(db, horizon)
        initial = phase_changes[0][2] if phase_changes else None
        changes = [(when, new) for when, new, _ in phase_changes]
        bands = phase_bands(info.opened_at, info.phase, changes, horizon, initial)
    items += [
        TimelineItem(LANE_PHASES, start, end, phase, "phase", index, phase)
        for index, (start, end, phase) in enumerate(bands)
    ]
    return Timeline(tuple(items))
