"""Reading the main courante: filtered keyset pages, amendments, actions, operators.

Everything here reads; the only writes are :func:`close_action`, which appends a
follow-up entry through :mod:`warroom.store.logbook` like any other entry. Pages are keyset
pages (``WHERE key > last_key ORDER BY key LIMIT n``), never OFFSET, so that the 50,000th
entry costs what the first does.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import peewee

from warroom.domain.enums import LogCategory
from warroom.domain.logbook_rules import (
    LINK_BRIEFING,
    LINK_CLOSES,
    SIGNIFICANT_CATEGORIES,
    SIGNIFICANT_PREFIXES,
    LogFilter,
    OpenAction,
    open_actions,
)
from warroom.domain.logchain import LogEntryData
from warroom.domain.timeutil import format_utc
from warroom.store.errors import StoreError, translated_errors
from warroom.store.logbook import SELECT_SQL as _SELECT
from warroom.store.logbook import NewEntry, append
from warroom.store.logbook import row_to_entry as _from_raw

Key = tuple[object, ...]


def link_token(kind: str, ident: int) -> str:
    """How one link pair appears in the stored ``links`` JSON (see ``logbook._row``)."""
    return f'["{kind}",{int(ident)}]'


def _significant_sql() -> tuple[str, list[object]]:
    cats = sorted(str(c) for c in SIGNIFICANT_CATEGORIES)
    prefixes = " OR ".join("substr(text, 1, ?) = ?" for _ in SIGNIFICANT_PREFIXES)
    params: list[object] = [*cats, f'["{LINK_BRIEFING}",']
    for prefix in SIGNIFICANT_PREFIXES:
        params += [len(prefix), prefix]
    sql = (
        f"(category IN ({','.join('?' * len(cats))}) OR amends IS NOT NULL "
        f"OR instr(links, ?) > 0 OR (automatic = 1 AND ({prefixes})))"
    )
    return sql, params


def where_clause(flt: LogFilter) -> tuple[str, list[object]]:
    """SQL conditions (each preceded by AND) and their parameters for ``flt``."""
    parts: list[str] = []
    params: list[object] = []
    if flt.categories:
        cats = sorted(flt.categories)
        parts.append(f"category IN ({','.join('?' * len(cats))})")
        params += cats
    if flt.operator.strip():
        parts.append("(operator = ? COLLATE NOCASE OR on_behalf_of = ? COLLATE NOCASE)")
        params += [flt.operator.strip()] * 2
    if flt.since is not None:
        parts.append("event_time >= ?")
        params.append(format_utc(flt.since))
    if flt.until is not None:
        parts.append("event_time < ?")
        params.append(format_utc(flt.until))
    if flt.text.strip():
        escaped = flt.text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        parts.append("text LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    if flt.link is not None:
        parts.append("instr(links, ?) > 0")
        params.append(link_token(*flt.link))
    if flt.significant_only:
        sql, extra = _significant_sql()
        parts.append(sql)
        params += extra
    return "".join(f" AND {p}" for p in parts), params


def page(
    db: peewee.Database, flt: LogFilter, after: Key | None = None, limit: int = 1000
) -> list[LogEntryData]:
    """Up to ``limit`` entries matching ``flt`` after the keyset position ``after``.

    The key is ``(seq,)`` in recorded order and ``(event_time_text, seq)`` in event order;
    :func:`key_of` gives an entry's key.
    """
    where, params = where_clause(flt)
    if flt.order == "event":
        start = after or ("", 0)
        sql = f"{_SELECT} WHERE (event_time, seq) > (?, ?){where} ORDER BY event_time, seq LIMIT ?"
    else:
        start = after or (0,)
        sql = f"{_SELECT} WHERE seq > ?{where} ORDER BY seq LIMIT ?"
    with translated_errors("reading the logbook"):
        cursor = db.execute_sql(sql, (*start, *params, limit))
        return [_from_raw(raw) for raw in cursor.fetchall()]


def key_of(entry: LogEntryData, flt: LogFilter) -> Key:
    if flt.order == "event":
        return (format_utc(entry.event_time), entry.seq)
    return (entry.seq,)


def iter_filtered(
    db: peewee.Database, flt: LogFilter, after: Key | None = None, batch: int = 2000
) -> Iterator[LogEntryData]:
    """Every matching entry in the filter's order, read in keyset batches."""
    key = after
    while True:
        rows = page(db, flt, key, batch)
        yield from rows
        if len(rows) < batch:
            return
        key = key_of(rows[-1], flt)


def count(db: peewee.Database, flt: LogFilter) -> int:
    where, params = where_clause(flt)
    with translated_errors("counting logbook entries"):
        row = db.execute_sql(f"SELECT count(*) FROM log_entry WHERE 1{where}", params).fetchone()
    return int(row[0])


def get(db: peewee.Database, seq: int) -> LogEntryData:
    with translated_errors("reading the logbook"):
        raw = db.execute_sql(f"{_SELECT} WHERE seq = ?", (seq,)).fetchone()
    if raw is None:
        raise StoreError(f"there is no logbook entry #{seq}")
    return _from_raw(raw)


def corrections(db: peewee.Database) -> dict[int, int]:
    """``{amended seq: seq of its latest correction}`` for the whole logbook."""
    with translated_errors("reading amendments"):
        rows = db.execute_sql(
            "SELECT amends, seq FROM log_entry WHERE amends IS NOT NULL ORDER BY seq"
        ).fetchall()
    return {int(amended): int(seq) for amended, seq in rows}


def amendment_chain(db: peewee.Database, seq: int) -> list[LogEntryData]:
    """The entry and its successive corrections, oldest first; the last one is current."""
    fixes = corrections(db)
    chain = [get(db, seq)]
    while chain[-1].seq in fixes:
        chain.append(get(db, fixes[chain[-1].seq]))
    return chain


def operators(db: peewee.Database) -> list[str]:
    """Everyone who wrote (or on whose behalf someone wrote) in the logbook."""
    with translated_errors("reading the logbook"):
        rows = db.execute_sql(
            "SELECT operator FROM log_entry UNION SELECT on_behalf_of FROM log_entry "
            "WHERE on_behalf_of IS NOT NULL ORDER BY 1"
        ).fetchall()
    return [str(r[0]) for r in rows]


def period(db: peewee.Database) -> tuple[datetime, datetime] | None:
    """First and last event time in the logbook."""
    from warroom.domain.timeutil import parse_utc

    with translated_errors("reading the logbook"):
        row = db.execute_sql("SELECT min(event_time), max(event_time) FROM log_entry").fetchone()
    if row is None or row[0] is None:
        return None
    return parse_utc(row[0]), parse_utc(row[1])


# -- actions ---------------------------------------------------------------------------
def _closed_seqs(db: peewee.Database) -> list[int]:
    rows = db.execute_sql(
        "SELECT json_extract(j.value, '$[1]') FROM log_entry, json_each(log_entry.links) j "
        "WHERE instr(log_entry.links, ?) > 0 AND json_extract(j.value, '$[0]') = ?",
        (f'["{LINK_CLOSES}",', LINK_CLOSES),
    ).fetchall()
    return [int(r[0]) for r in rows]


def list_open_actions(db: peewee.Database) -> list[OpenAction]:
    """Action entries with an owner or a due time that no entry has closed or corrected."""
    flt = LogFilter(categories=frozenset({LogCategory.ACTION}))
    with translated_errors("reading open actions"):
        actions = [
            e
            for e in iter_filtered(db, flt)
            if e.action_owner is not None or e.action_due is not None
        ]
        done = set(_closed_seqs(db)) | set(corrections(db))
    return open_actions(actions, done)


def close_action(db: peewee.Database, seq: int, operator: str, note: str = "") -> LogEntryData:
    """Close action ``seq`` by appending a follow-up entry that says so."""
    action = get(db, seq)
    if action.category != LogCategory.ACTION:
        raise StoreError(f"entry #{seq} is not an action")
    if seq in set(_closed_seqs(db)):
        raise StoreError(f"action #{seq} is already closed")
    summary = " ".join(action.text.split())[:120]
    text = f"Action #{seq} closed: {summary}" + (f"\n{note.strip()}" if note.strip() else "")
    return append(
        db,
        NewEntry(
            text=text,
            operator=operator,
            category=LogCategory.ACTION,
            links=[(LINK_CLOSES, seq), ("entry", seq)],
        ),
    )
