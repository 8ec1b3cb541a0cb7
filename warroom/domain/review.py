"""Post-crisis review figures: response times against per-channel targets, phases,
volumes. Pure functions over plain values (the store supplies the rows)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

from warroom.domain import deadlines
from warroom.domain.timeutil import parse_utc


def within_target(
    channel: str,
    created: datetime,
    answered: datetime,
    targets: Mapping[str, deadlines.ReplyTarget],
    tz: ZoneInfo,
) -> bool | None:
    """Whether the answer came by the channel's reply deadline — the crisis's own targets,
    as the feed counts them (None: the channel has no target)."""
    due = deadlines.reply_deadline(channel, created, targets, tz)
    return None if due is None else answered <= due


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class ChannelResponse:
    channel: str
    answered: int
    unanswered: int
    median_minutes: float | None
    p90_minutes: float | None
    within_target: float | None  # share of answered posts answered within the target
    target: str
    target_minutes: int | None = None  # None: the same day, or no target


def response_stats(
    replies: Iterable[tuple[str, datetime, datetime]],
    unanswered: dict[str, int],
    targets: Mapping[str, deadlines.ReplyTarget],
    tz: ZoneInfo,
) -> list[ChannelResponse]:
    delays: dict[str, list[float]] = {}
    met: dict[str, int] = {}
    for channel, created, answered in replies:
        delays.setdefault(channel, []).append((answered - created).total_seconds() / 60)
        met[channel] = met.get(channel, 0) + bool(
            within_target(channel, created, answered, targets, tz)
        )
    result = []
    for channel in sorted(set(delays) | set(unanswered)):
        values = delays.get(channel, [])
        target = deadlines.target_for(channel, targets)
        result.append(
            ChannelResponse(
                channel=channel,
                answered=len(values),
                unanswered=unanswered.get(channel, 0),
                median_minutes=percentile(values, 50) if values else None,
                p90_minutes=percentile(values, 90) if values else None,
                within_target=(
                    met.get(channel, 0) / len(values) if values and target.enabled else None
                ),
                target=target.label(),
                target_minutes=None if target.same_day else target.minutes,
            )
        )
    return result


@dataclass(frozen=True)
class PhaseSpan:
    phase: str
    start: datetime
    end: datetime | None  # None: still running


def phase_spans(
    opened_at: datetime, changes: Iterable[tuple[datetime, str]], first: str = "alert"
) -> list[PhaseSpan]:
    """Consecutive phases from the crisis opening and the recorded phase changes."""
    spans: list[PhaseSpan] = []
    current, since = first, opened_at
    for at, phase in sorted(changes):
        if phase == current:
            continue
        if at > since:
            spans.append(PhaseSpan(current, since, at))
        current, since = phase, max(at, since)
    spans.append(PhaseSpan(current, since, None))
    return spans


def phase_at(spans: Sequence[PhaseSpan], at: datetime) -> str:
    for span in spans:
        if at >= span.start and (span.end is None or at < span.end):
            return span.phase
    return spans[0].phase if spans else ""


def hour_start(hour: str) -> datetime:
    """``"2021-03-10T04"`` (as grouped by the store) → that hour as a UTC datetime."""
    return parse_utc(f"{hour}:00:00Z")


def volume_by_day(rows: Iterable[tuple[str, str, int]], tz: tzinfo) -> dict[str, dict[str, int]]:
    """{local date "YYYY-MM-DD": {channel: posts}} from hourly (UTC hour, channel, n) rows."""
    days: dict[str, dict[str, int]] = {}
    for hour, channel, count in rows:
        day = hour_start(hour).astimezone(tz).strftime("%Y-%m-%d")
        per = days.setdefault(day, {})
        per[channel] = per.get(channel, 0) + count
    return days


def volume_by_phase(
    rows: Iterable[tuple[str, str, int]], spans: Sequence[PhaseSpan]
) -> dict[str, dict[str, int]]:
    result: dict[str, dict[str, int]] = {span.phase: {} for span in spans}
    for hour, channel, count in rows:
        per = result.setdefault(phase_at(spans, hour_start(hour)), {})
        per[channel] = per.get(channel, 0) + count
    return result
