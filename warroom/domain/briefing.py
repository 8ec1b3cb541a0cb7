"""Situation briefings (points de situation): their rhythm and the draft the cell edits.

The rhythm is a number of minutes (default 120). The next briefing is due one rhythm after
the last logged briefing, or after the crisis opened if there was none yet. The draft
summarises what happened since the last briefing: milestones of the logbook, post volume
per channel, rumors and statements that moved, and open actions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from warroom.domain.logbook_rules import OpenAction, is_significant
from warroom.domain.logchain import LogEntryData

DEFAULT_RHYTHM_MIN = 120
SETTING_RHYTHM = "briefing.rhythm_minutes"


def next_due(last_briefing: datetime | None, opened_at: datetime, rhythm_min: int) -> datetime:
    base = last_briefing or opened_at
    return base + timedelta(minutes=max(1, rhythm_min))


def countdown_text(due: datetime, now: datetime) -> str:
    """``"in 1:05:00"`` or ``"overdue by 0:12:00"`` (hours:minutes:seconds; whole days
    beyond 48 hours, as when an old crisis is reviewed)."""
    seconds = int((due - now).total_seconds())
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours}:{minutes:02d}:{secs:02d}" if hours < 48 else f"{hours // 24} days"
    return f"in {clock}" if seconds >= 0 else f"overdue by {clock}"


@dataclass(frozen=True)
class ItemChange:
    """A rumor or statement as it stands now: id, title/claim, status, when it changed."""

    ident: int
    title: str
    status: str
    at: datetime


@dataclass(frozen=True)
class BriefingData:
    number: int  # the number this briefing will carry
    since: datetime | None  # the previous briefing's event time (None: since the start)
    now: datetime
    entries: Sequence[LogEntryData] = ()
    posts_per_channel: Sequence[tuple[str, int]] = ()
    rumors: Sequence[ItemChange] = ()
    statements: Sequence[ItemChange] = ()
    actions: Sequence[OpenAction] = field(default_factory=tuple)


def compose(data: BriefingData, tz: ZoneInfo, max_entries: int = 25) -> str:
    """The editable draft of situation briefing ``data.number``."""

    def hm(value: datetime) -> str:
        return value.astimezone(tz).strftime("%d/%m %H:%M")

    start = hm(data.since) if data.since else "the start of the crisis"
    lines = [f"Point de situation n°{data.number} — {hm(data.now)} (since {start})", ""]
    corrected = {e.amends for e in data.entries if e.amends is not None}
    milestones = [e for e in data.entries if is_significant(e) and e.seq not in corrected]
    lines.append(f"Facts and decisions ({len(milestones)} of {len(data.entries)} entries):")
    lines += [
        f"- {hm(e.event_time)} [{e.category}] {' '.join(e.text.split())}"
        for e in milestones[-max_entries:]
    ] or ["- nothing significant logged"]
    total = sum(count for _, count in data.posts_per_channel)
    lines += ["", f"Posts: {total} new"]
    lines += [f"- {channel}: {count}" for channel, count in data.posts_per_channel]
    lines += ["", "Rumors:"]
    lines += [f"- #{r.ident} {r.title} — {r.status}" for r in data.rumors] or ["- no change"]
    lines += ["", "Statements:"]
    lines += [f"- #{s.ident} {s.title} — {s.status}" for s in data.statements] or ["- no change"]
    lines += ["", "Open actions:"]
    lines += [
        f"- #{a.seq} {' '.join(a.text.split())}"
        + (f" — {a.owner}" if a.owner else "")
        + (f", due {hm(a.due)}" if a.due else "")
        for a in data.actions
    ] or ["- none"]
    lines += ["", "Next point: "]
    return "\n".join(lines)
