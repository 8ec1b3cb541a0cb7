"""Situation briefings: when the next one is due, what its draft is built from, logging it."""

from __future__ import annotations

from datetime import datetime

import peewee

from warroom.domain.briefing import (
    DEFAULT_RHYTHM_MIN,
    SETTING_RHYTHM,
    BriefingData,
    ItemChange,
    next_due,
)
from warroom.domain.enums import LogCategory
from warroom.domain.logbook_rules import LINK_BRIEFING, LogFilter
from warroom.domain.logchain import LogEntryData
from warroom.domain.timeutil import format_utc, parse_utc, utcnow
from warroom.store.crisis import crisis_info, get_setting, set_setting
from warroom.store.errors import StoreError, translated_errors
from warroom.store.logbook import NewEntry, append
from warroom.store.logbook_queries import iter_filtered, list_open_actions


def rhythm_minutes() -> int:
    try:
        value = int(str(get_setting(SETTING_RHYTHM, DEFAULT_RHYTHM_MIN)))
    except ValueError:
        return DEFAULT_RHYTHM_MIN
    return value if value > 0 else DEFAULT_RHYTHM_MIN


def set_rhythm_minutes(db: peewee.Database, minutes: int) -> None:
    if not 5 <= minutes <= 24 * 60:
        raise StoreError("the briefing rhythm must be between 5 minutes and 24 hours")
    set_setting(db, SETTING_RHYTHM, str(minutes))


def last_briefing(db: peewee.Database) -> tuple[int, datetime] | None:
    """Number and event time of the latest logged briefing."""
    with translated_errors("reading briefings"):
        row = db.execute_sql(
            "SELECT json_extract(j.value, '$[1]'), e.event_time "
            "FROM log_entry e, json_each(e.links) j "
            "WHERE instr(e.links, ?) > 0 AND json_extract(j.value, '$[0]') = ? "
            "ORDER BY e.seq DESC LIMIT 1",
            (f'["{LINK_BRIEFING}",', LINK_BRIEFING),
        ).fetchone()
    return None if row is None else (int(row[0]), parse_utc(row[1]))


def schedule(db: peewee.Database) -> tuple[int, datetime, datetime | None]:
    """(next briefing number, when it is due, when the last one was)."""
    last = last_briefing(db)
    info = crisis_info()
    number, when = (last[0] + 1, last[1]) if last else (1, None)
    return number, next_due(when, info.opened_at, rhythm_minutes()), when


def _posts_per_channel(db: peewee.Database, since: datetime | None) -> list[tuple[str, int]]:
    start = format_utc(since) if since else ""
    rows = db.execute_sql(
        "SELECT channel, count(*) FROM post WHERE created_at >= ? GROUP BY channel "
        "ORDER BY count(*) DESC, channel",
        (start,),
    ).fetchall()
    return [(str(c), int(n)) for c, n in rows]


def _changes(db: peewee.Database, sql: str, since: datetime | None) -> list[ItemChange]:
    start = format_utc(since) if since else ""
    rows = db.execute_sql(sql, (start,)).fetchall()
    return [ItemChange(int(i), str(t), str(s), parse_utc(a)) for i, t, s, a in rows]


def briefing_data(db: peewee.Database, now: datetime | None = None) -> BriefingData:
    """Everything the draft of the next briefing summarises, since the last one."""
    now = now or utcnow()
    number, _due, since = schedule(db)
    with translated_errors("preparing the briefing"):
        entries: list[LogEntryData] = list(iter_filtered(db, LogFilter(since=since)))
        rumors = _changes(
            db,
            "SELECT id, claim, status, updated_at FROM rumor WHERE updated_at >= ? "
            "ORDER BY updated_at",
            since,
        )
        statements = _changes(
            db,
            "SELECT statement_id, title, to_status, at FROM statement_event "
            "JOIN statement ON statement.id = statement_id WHERE at >= ? ORDER BY at",
            since,
        )
        return BriefingData(
            number=number,
            since=since,
            now=now,
            entries=entries,
            posts_per_channel=_posts_per_channel(db, since),
            rumors=rumors,
            statements=statements,
            actions=tuple(list_open_actions(db)),
        )


def log_briefing(db: peewee.Database, number: int, text: str, operator: str) -> LogEntryData:
    """Record briefing ``number`` (as edited by the cell) in the logbook."""
    last = last_briefing(db)
    if last is not None and number <= last[0]:
        raise StoreError(f"briefing n°{number} is already in the logbook; reopen the draft")
    return append(
        db,
        NewEntry(
            text=text,
            operator=operator,
            category=LogCategory.COMMUNICATION,
            links=[(LINK_BRIEFING, number)],
        ),
    )
