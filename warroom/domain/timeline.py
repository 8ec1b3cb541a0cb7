"""The chronology shown by the Timeline view: lanes of items on one time axis.

Lanes, top to bottom: crisis phases, logbook milestones, statements, rumors (a bar from
detection to rebuttal, or to now while open), volume spikes. Each item knows what it
links to (``kind``, ``ident``), for "click to jump".
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import median

LANE_PHASES = "phases"
LANE_MILESTONES = "milestones"
LANE_STATEMENTS = "statements"
LANE_RUMORS = "rumors"
LANE_SPIKES = "spikes"
LANES = (LANE_PHASES, LANE_MILESTONES, LANE_STATEMENTS, LANE_RUMORS, LANE_SPIKES)


@dataclass(frozen=True)
class TimelineItem:
    lane: str
    start: datetime
    end: datetime | None  # None: a point in time
    label: str
    kind: str  # what show_item receives: "entry", "statement", "rumor", "posts", "phase"
    ident: int
    style: str = ""  # category, status or phase name, for the colour


@dataclass(frozen=True)
class Timeline:
    items: Sequence[TimelineItem] = field(default_factory=tuple)

    def lane(self, name: str) -> list[TimelineItem]:
        return [item for item in self.items if item.lane == name]

    def span(self) -> tuple[datetime, datetime] | None:
        times = [t for item in self.items for t in (item.start, item.end) if t is not None]
        return (min(times), max(times)) if times else None


def hourly_spikes(
    hours: Iterable[tuple[datetime, int]], factor: float = 3.0, minimum: int = 10
) -> list[tuple[datetime, int, float]]:
    """Hours whose post count is at least ``factor`` × the median hour and ``minimum``.

    ``hours`` are (start of hour, count) for the hours that have posts; the median counts
    the empty hours in between as zeros. Returns (hour, count, baseline).
    """
    counted = sorted(hours)
    if not counted:
        return []
    first, last = counted[0][0], counted[-1][0]
    span = int((last - first) / timedelta(hours=1)) + 1
    values = [count for _, count in counted] + [0] * max(0, span - len(counted))
    baseline = max(1.0, float(median(values)))
    return [
        (hour, count, baseline)
        for hour, count in counted
        if count >= max(minimum, factor * baseline)
    ]


def phase_bands(
    opened_at: datetime,
    current: str,
    changes: Sequence[tuple[datetime, str]],
    now: datetime,
    initial: str | None = None,
) -> list[tuple[datetime, datetime, str]]:
    """Consecutive (start, end, phase) bands from the opening to ``now``.

    ``changes`` are (when, new phase) from the logbook, in time order. Before the first
    one the phase is ``initial`` (the "old" phase the first change names; "alert", the
    phase a crisis opens in, if unknown); with no change at all ``current`` covers it all.
    """
    if not changes:
        return [(opened_at, now, current)]
    bands: list[tuple[datetime, datetime, str]] = []
    start, phase = opened_at, initial or "alert"
    for when, new in changes:
        if when > start:
            bands.append((start, when, phase))
        start, phase = when, new
    bands.append((start, max(now, start), phase))
    return bands
