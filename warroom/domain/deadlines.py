"""Reply deadlines per channel (DESIGN §1: ~2 h on X/Twitter, the same day on Facebook).

A target is either a number of minutes after the post, or "same day": the end of the
post's day in the crisis time zone, but never less than ``SAME_DAY_MINIMUM`` after it (a
post at 23:50 still gets a reasonable time). Targets are configurable per channel; they
are stored as text such as ``"2h"``, ``"45m"``, ``"same_day"`` or ``"none"``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from warroom.domain.timeutil import to_utc

SAME_DAY = "same_day"
NONE = "none"
SAME_DAY_MINIMUM = timedelta(hours=2)
SETTING_KEY = "reply_targets"


@dataclass(frozen=True)
class ReplyTarget:
    """``minutes`` after the post, or the same (local) day when ``same_day`` is set."""

    minutes: int | None = None
    same_day: bool = False

    @property
    def enabled(self) -> bool:
        return self.same_day or self.minutes is not None

    def label(self) -> str:
        if self.same_day:
            return "same day"
        if self.minutes is None:
            return "no target"
        hours, minutes = divmod(self.minutes, 60)
        return (
            f"{hours} h"
            if not minutes
            else (f"{hours} h {minutes:02d}" if hours else f"{minutes} min")
        )


DEFAULT_TARGETS: dict[str, str] = {
    "twitter": "2h",
    "mastodon": "2h",
    "bluesky": "2h",
    "facebook": SAME_DAY,
    "instagram": SAME_DAY,
    "linkedin": SAME_DAY,
    "youtube": SAME_DAY,
    "tiktok": SAME_DAY,
    "reddit": SAME_DAY,
    "forum": SAME_DAY,
    "support": "4h",
    "blog": "24h",
    "press": "24h",
    "other": "24h",
}


def parse_target(text: str) -> ReplyTarget:
    """``"2h"``, ``"90m"``, ``"1h30"``, ``"same_day"``/``"same day"``, ``"none"``."""
    value = text.strip().lower().replace(" ", "")
    if value in ("same_day", "sameday", "day"):
        return ReplyTarget(same_day=True)
    if value in ("none", "no", "off", ""):
        return ReplyTarget()
    try:
        if value.endswith("min"):
            return _positive(int(value[:-3]))
        if value.endswith("m"):
            return _positive(int(value[:-1]))
        hours, _, minutes = value.partition("h")
        return _positive(int(hours) * 60 + (int(minutes) if minutes else 0))
    except ValueError:
        raise ValueError(
            f"not a reply target: {text!r} (use e.g. 2h, 45m, 1h30, same_day or none)"
        ) from None


def _positive(minutes: int) -> ReplyTarget:
    if minutes <= 0:
        raise ValueError("a reply target must be a positive time")
    return ReplyTarget(minutes=minutes)


def targets_from(configured: Mapping[str, str] | None) -> dict[str, ReplyTarget]:
    """The defaults overridden by the crisis's configured targets (bad entries ignored)."""
    merged = dict(DEFAULT_TARGETS)
    for channel, text in (configured or {}).items():
        try:
            parse_target(str(text))
        except ValueError:
            continue
        merged[str(channel)] = str(text)
    return {channel: parse_target(text) for channel, text in merged.items()}


def target_for(channel: str, targets: Mapping[str, ReplyTarget]) -> ReplyTarget:
    return targets.get(channel) or targets.get("other") or ReplyTarget(minutes=24 * 60)


def _start_of_local_day(moment: datetime, tz: ZoneInfo) -> datetime:
    local = to_utc(moment).astimezone(tz)
    return datetime.combine(local.date(), time(0), tzinfo=tz).astimezone(ZoneInfo("UTC"))


def _end_of_local_day(moment: datetime, tz: ZoneInfo) -> datetime:
    local = to_utc(moment).astimezone(tz)
    next_day = local.date() + timedelta(days=1)
    return datetime.combine(next_day, time(0), tzinfo=tz).astimezone(ZoneInfo("UTC"))


def reply_deadline(
    channel: str, created_at: datetime, targets: Mapping[str, ReplyTarget], tz: ZoneInfo
) -> datetime | None:
    """When the answer to a post made at ``created_at`` on ``channel`` is due (UTC)."""
    target = target_for(channel, targets)
    posted = to_utc(created_at)
    if target.same_day:
        return max(_end_of_local_day(posted, tz), posted + SAME_DAY_MINIMUM)
    if target.minutes is None:
        return None
    return posted + timedelta(minutes=target.minutes)


def overdue_cutoff(
    channel: str, now: datetime, targets: Mapping[str, ReplyTarget], tz: ZoneInfo
) -> datetime | None:
    """Posts on ``channel`` created strictly before this instant are overdue at ``now``.

    The inverse of :func:`reply_deadline`, so that "overdue" is a plain time comparison
    the store can run in SQL.
    """
    target = target_for(channel, targets)
    current = to_utc(now)
    if target.same_day:
        return min(_start_of_local_day(current, tz), current - SAME_DAY_MINIMUM)
    if target.minutes is None:
        return None
    return current - timedelta(minutes=target.minutes)


def overdue_cutoffs(
    channels: Iterable[str], now: datetime, targets: Mapping[str, ReplyTarget], tz: ZoneInfo
) -> dict[str, datetime | None]:
    return {channel: overdue_cutoff(channel, now, targets, tz) for channel in channels}


def format_remaining(deadline: datetime, now: datetime) -> str:
    """``"1 h 05"`` left, or ``"-0 h 20"`` when overdue (a countdown for the feed)."""
    seconds = int((to_utc(deadline) - to_utc(now)).total_seconds())
    sign = "-" if seconds < 0 else ""
    minutes = abs(seconds) // 60
    hours, minutes = divmod(minutes, 60)
    if hours >= 48:
        return f"{sign}{hours // 24} d"
    return f"{sign}{hours} h {minutes:02d}"
