"""The crisis as it stood at one instant (the replay cursor): counts computed only from
what had happened by then.

- posts per channel and authors seen: posts created at or before the instant;
- logbook entries whose event happened by then;
- statements per status: each statement's last recorded transition by then
  (``statement_event``); statements first recorded later do not exist yet;
- rumors: registered by then (``first_seen``); *open* unless the rebuttal statement was
  published or the source corrected it by then.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

import peewee

from warroom.domain.logbook_rules import PREFIX_PHASE, phase_change
from warroom.domain.rumors import HANDLED_STATUSES
from warroom.domain.timeutil import format_utc
from warroom.store.errors import translated_errors


@dataclass(frozen=True)
class Snapshot:
    as_of: datetime
    posts_by_channel: dict[str, int] = field(default_factory=dict)
    authors: int = 0
    entries: int = 0
    statements_by_status: dict[str, int] = field(default_factory=dict)
    rumors: int = 0
    rumors_open: int = 0

    @property
    def posts(self) -> int:
        return sum(self.posts_by_channel.values())


def snapshot(db: peewee.Database, as_of: datetime) -> Snapshot:
    at = format_utc(as_of)
    with translated_errors("reading the crisis as it stood"):
        by_channel = {
            str(c): int(n)
            for c, n in db.execute_sql(
                "SELECT channel, COUNT(*) FROM post WHERE created_at <= ? GROUP BY 1", (at,)
            )
        }
        authors = db.execute_sql(
            # post_author (author_id, created_at) answers by skipping from author to
            # author (27 ms at 1.4M posts) where the time index reads every post (0.4 s).
            "SELECT COUNT(DISTINCT author_id) FROM post INDEXED BY post_author"
            " WHERE created_at <= ?",
            (at,),
        ).fetchone()[0]
        entries = db.execute_sql(
            "SELECT COUNT(*) FROM log_entry WHERE event_time <= ?", (at,)
        ).fetchone()[0]
        statuses: dict[str, int] = {}
        for (status,) in db.execute_sql(_STATEMENT_STATUS, (at, at)):
            statuses[str(status)] = statuses.get(str(status), 0) + 1
        rumors, still_open = db.execute_sql(_RUMORS, (at, at, at)).fetchone()
    return Snapshot(
        as_of, by_channel, int(authors), int(entries), statuses, int(rumors), int(still_open or 0)
    )


_STATEMENT_STATUS = """
SELECT (SELECT e.to_status FROM statement_event e
        WHERE e.statement_id = s.id AND e.at <= ? ORDER BY e.at DESC, e.id DESC LIMIT 1)
FROM statement s
WHERE EXISTS (SELECT 1 FROM statement_event e WHERE e.statement_id = s.id AND e.at <= ?)
"""

_RUMORS = """
SELECT COUNT(*), SUM(CASE WHEN (r.corrected_at IS NOT NULL AND r.corrected_at <= ?)
    OR EXISTS (SELECT 1 FROM statement_version v WHERE v.statement_id = r.rebuttal_statement_id
               AND v.published_at IS NOT NULL AND v.published_at <= ?) THEN 0 ELSE 1 END)
FROM rumor r WHERE r.first_seen <= ?
"""


# -- single figures as of an instant (the dashboard in replay) ----------------------------
CLOSED_RUMOR_STATUSES = tuple(sorted(s.value for s in HANDLED_STATUSES))


def open_rumors_at(db: peewee.Database, as_of: datetime) -> int:
    """Rumors registered by then whose status then (their last recorded transition, or
    "detected") still needed the cell (not yet rebutted) — the live dashboard's
    definition, then."""
    at = format_utc(as_of)
    closed = ", ".join("?" * len(CLOSED_RUMOR_STATUSES))
    sql = f"""
        SELECT count(*) FROM rumor r WHERE r.first_seen <= ? AND coalesce(
            (SELECT e.to_status FROM rumor_event e WHERE e.rumor_id = r.id AND e.at <= ?
             ORDER BY e.at DESC, e.id DESC LIMIT 1), 'detected') NOT IN ({closed})"""
    with translated_errors("counting the rumors open then"):
        return int(db.execute_sql(sql, (at, at, *CLOSED_RUMOR_STATUSES)).fetchone()[0])


def statements_in_status_at(db: peewee.Database, as_of: datetime, status: str) -> int:
    at = format_utc(as_of)
    with translated_errors("counting the statements then"):
        return sum(1 for (s,) in db.execute_sql(_STATEMENT_STATUS, (at, at)) if s == status)


def phase_at(db: peewee.Database, as_of: datetime) -> str:
    """The crisis phase then: the last phase change logged by then; before the first
    change, the phase that change left; with no change logged, the current phase."""
    at = format_utc(as_of)
    with translated_errors("reading the crisis phase then"):
        rows = db.execute_sql(
            "SELECT event_time, text FROM log_entry WHERE text LIKE ? ORDER BY event_time, seq",
            (PREFIX_PHASE + ":%",),
        ).fetchall()
        current = db.execute_sql("SELECT phase FROM crisis ORDER BY id LIMIT 1").fetchone()
    phase = str(current[0]) if current else ""
    changes = [(str(when), change) for when, text in rows if (change := phase_change(text))]
    if not changes:
        return phase
    before = [change for when, change in changes if when <= at]
    if before:
        return before[-1][1]
    return changes[0][1][0] or phase
