"""What every logbook export is made of: the selected entries, their corrections, the
cell members and the chain verification, read once from the crisis file."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import peewee

from warroom.domain.crisis import CrisisInfo
from warroom.domain.logbook_rules import LogFilter
from warroom.domain.logchain import ChainReport, LogEntryData
from warroom.domain.timeutil import utcnow
from warroom.store import logbook, logbook_queries
from warroom.store.crisis import crisis_info, operators


@dataclass(frozen=True)
class LogbookExport:
    crisis: CrisisInfo
    tz: ZoneInfo
    entries: list[LogEntryData]
    corrections: dict[int, int]  # amended seq -> its latest correction
    report: ChainReport  # verification of the whole chain, not only the selection
    members: list[tuple[str, str]]  # operators (name, role)
    operator: str  # who exports
    exported_at: datetime
    flt: LogFilter = field(default_factory=LogFilter)
    total_entries: int = 0  # in the whole logbook

    @functools.cached_property
    def included(self) -> frozenset[int]:
        return frozenset(e.seq for e in self.entries)

    @functools.cached_property
    def link_targets(self) -> frozenset[int]:
        """Entries that another entry of the document links to (they get an anchor)."""
        ends = set(self.corrections) | set(self.corrections.values())
        return frozenset(ends & self.included)

    @property
    def verified_entries(self) -> int:
        """Entries verified intact (all of them, or those before the first problem)."""
        return self.report.entries if self.report.ok else max(0, self.report.entries - 1)

    @property
    def crisis_label(self) -> str:
        return self.crisis.display_name

    @property
    def period(self) -> tuple[datetime, datetime] | None:
        if not self.entries:
            return None
        times = [e.event_time for e in self.entries]
        return min(times), max(times)

    @property
    def filter_label(self) -> str:
        return describe(self.flt, self.tz)


def describe(flt: LogFilter, tz: ZoneInfo) -> str:
    """The selection in words, for the cover page and the JSON export."""
    parts = []
    if flt.since:
        parts.append(f"from {flt.since.astimezone(tz):%d/%m/%Y %H:%M}")
    if flt.until:
        parts.append(f"until {flt.until.astimezone(tz):%d/%m/%Y %H:%M}")
    if flt.categories:
        parts.append("categories " + ", ".join(sorted(flt.categories)))
    if flt.operator:
        parts.append(f"operator {flt.operator}")
    if flt.text:
        parts.append(f"text containing “{flt.text}”")
    if flt.link:
        parts.append(f"linked to {flt.link[0]} {flt.link[1]}")
    if flt.significant_only:
        parts.append("significant entries only")
    return "; ".join(parts) if parts else "the whole logbook"


def file_stem(crisis_name: str, when: datetime) -> str:
    """A file name (without suffix) for an export: ``main-courante_<crisis>_<UTC time>``;
    the crisis name keeps letters and digits only (it is untrusted text, never a path)."""
    slug = "".join(c if c.isalnum() else "-" for c in crisis_name).strip("-")
    slug = "-".join(part for part in slug.split("-") if part)[:60] or "crisis"
    return f"main-courante_{slug}_{when.astimezone(UTC):%Y%m%d-%H%M}"


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def collect(
    db: peewee.Database,
    flt: LogFilter,
    operator: str,
    progress: Callable[[int, int], None] | None = None,
) -> LogbookExport:
    """Read the selection (in event-time order) and verify the whole chain."""
    flt = replace(flt, order="event")
    total = logbook_queries.count(db, flt)
    entries: list[LogEntryData] = []
    for entry in logbook_queries.iter_filtered(db, flt):
        entries.append(entry)
        if progress is not None and len(entries) % 2000 == 0:
            progress(len(entries), total)
    info = crisis_info()
    return LogbookExport(
        crisis=info,
        tz=_zone(info.timezone),
        entries=entries,
        corrections=logbook_queries.corrections(db),
        report=logbook.verify(db),
        members=[m for m in operators() if m[0] != logbook.SYSTEM_OPERATOR],
        operator=operator,
        exported_at=utcnow(),
        flt=flt,
        total_entries=logbook.count(db),
    )
