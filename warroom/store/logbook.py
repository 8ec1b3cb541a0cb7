"""The main courante: append-only, hash-chained logbook entries.

There is no update and no delete here, and SQLite triggers refuse them even from raw
SQL. A mistake is corrected by :func:`amend`, which appends a new entry referencing the
one it corrects.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime

import peewee

from warroom.domain.enums import InfoStatus, LogCategory
from warroom.domain.logchain import (
    GENESIS_HASH,
    ChainProblem,
    ChainReport,
    LogEntryData,
    compute_hash,
    normalise_links,
    verify_chain,
)
from warroom.domain.timeutil import format_utc, parse_utc, to_utc, utcnow
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import LogEntry

log = logging.getLogger("warroom.store")


@dataclass(frozen=True)
class NewEntry:
    """What an operator (or the system) asks to record."""

    text: str
    operator: str
    category: str = LogCategory.INFORMATION
    event_time: datetime | None = None
    on_behalf_of: str | None = None
    info_status: str | None = None
    amends: int | None = None
    automatic: bool = False
    links: Sequence[tuple[str, int]] = ()
    action_owner: str | None = None
    action_due: datetime | None = None


def validate(entry: NewEntry) -> None:
    """Raise StoreError with a readable message if the entry cannot be recorded."""
    if not entry.text.strip():
        raise StoreError("a logbook entry needs some text")
    if not entry.operator.strip():
        raise StoreError("a logbook entry needs an operator")
    try:
        LogCategory(entry.category)
    except ValueError:
        valid = ", ".join(c.value for c in LogCategory)
        raise StoreError(f"unknown category {entry.category!r} (use one of: {valid})") from None
    if entry.info_status is not None and entry.info_status not in set(InfoStatus):
        raise StoreError(f"unknown information status {entry.info_status!r}")


def append(db: peewee.Database, entry: NewEntry) -> LogEntryData:
    """Append one entry at the end of the chain and return it as stored."""
    return append_many(db, [entry])[0]


def append_many(db: peewee.Database, entries: Iterable[NewEntry]) -> list[LogEntryData]:
    """Append entries in order, in one transaction (all or nothing)."""
    pending = list(entries)
    for entry in pending:
        validate(entry)
    stored: list[LogEntryData] = []
    with translated_errors("writing to the logbook"), db.atomic("IMMEDIATE"):
        last = LogEntry.select(LogEntry.seq, LogEntry.hash).order_by(LogEntry.seq.desc()).first()
        seq, prev_hash = (last.seq, last.hash) if last else (0, GENESIS_HASH)
        for entry in pending:
            seq += 1
            if entry.amends is not None and not 1 <= entry.amends < seq:
                raise StoreError(f"entry #{entry.amends} does not exist; nothing to amend")
            data = _build(entry, seq, prev_hash)
            stored.append(data)
            prev_hash = data.hash
        db.cursor().executemany(_INSERT, [_row(data) for data in stored])
    return stored


def amend(db: peewee.Database, seq: int, correction: NewEntry) -> LogEntryData:
    """Record ``correction`` as an amendment of entry ``seq`` (which stays as it was)."""
    return append(db, NewEntry(**{**correction.__dict__, "amends": seq}))


def _build(entry: NewEntry, seq: int, prev_hash: str) -> LogEntryData:
    now = utcnow()
    data = LogEntryData(
        seq=seq,
        event_time=to_utc(entry.event_time) if entry.event_time else now,
        recorded_time=now,
        operator=entry.operator.strip(),
        category=str(entry.category),
        text=entry.text,
        prev_hash=prev_hash,
        on_behalf_of=entry.on_behalf_of or None,
        info_status=entry.info_status,
        amends=entry.amends,
        automatic=entry.automatic,
        links=normalise_links(entry.links),
        action_owner=entry.action_owner or None,
        action_due=to_utc(entry.action_due) if entry.action_due else None,
    )
    return LogEntryData(**{**data.__dict__, "hash": compute_hash(data)})


def _row(data: LogEntryData) -> tuple[object, ...]:
    """Values in ``_COLUMNS`` order (without ``id``), times in the stored text form."""
    links = json.dumps([list(pair) for pair in data.links], separators=(",", ":"))
    due = format_utc(data.action_due) if data.action_due else None
    return (
        data.seq,
        format_utc(data.event_time),
        format_utc(data.recorded_time),
        data.operator,
        data.category,
        data.text,
        data.prev_hash,
        data.on_behalf_of,
        data.info_status,
        data.amends,
        int(data.automatic),
        links,
        data.action_owner,
        due,
        data.hash,
    )


_COLUMNS = (
    "id",
    "seq",
    "event_time",
    "recorded_time",
    "operator",
    "category",
    "text",
    "prev_hash",
    "on_behalf_of",
    "info_status",
    "amends",
    "automatic",
    "links",
    "action_owner",
    "action_due",
    "hash",
)
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM log_entry"
_INSERT = (
    f"INSERT INTO log_entry ({', '.join(_COLUMNS[1:])}) "
    f"VALUES ({', '.join('?' * (len(_COLUMNS) - 1))})"
)


def _from_raw(raw: Sequence[object]) -> LogEntryData:
    """Build an entry from raw column values; raises ValueError on unreadable values."""
    row = dict(zip(_COLUMNS, raw, strict=True))
    links = tuple((str(kind), int(ident)) for kind, ident in json.loads(str(row["links"])))
    due = row["action_due"]
    return LogEntryData(
        seq=int(str(row["seq"])),
        event_time=parse_utc(str(row["event_time"])),
        recorded_time=parse_utc(str(row["recorded_time"])),
        operator=str(row["operator"]),
        category=str(row["category"]),
        text=str(row["text"]),
        prev_hash=str(row["prev_hash"]),
        on_behalf_of=_opt(row["on_behalf_of"]),
        info_status=_opt(row["info_status"]),
        amends=None if row["amends"] is None else int(str(row["amends"])),
        automatic=bool(row["automatic"]),
        links=links,
        action_owner=_opt(row["action_owner"]),
        action_due=None if due is None else parse_utc(str(due)),
        hash=str(row["hash"]),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _raw_pages(
    db: peewee.Database, where: str, params: tuple[object, ...], batch: int, after_id: int = 0
) -> Iterator[list[tuple[object, ...]]]:
    last_id = after_id
    while True:
        cursor = db.execute_sql(
            f"{_SELECT} WHERE id > ? {where} ORDER BY id LIMIT ?", (last_id, *params, batch)
        )
        rows = cursor.fetchall()
        if not rows:
            return
        yield rows
        last_id = int(rows[-1][0])


def iter_entries(db: peewee.Database, batch: int = 2000) -> Iterator[LogEntryData]:
    """Every entry in stored order (by row id), read in batches."""
    for rows in _raw_pages(db, "", (), batch):
        for raw in rows:
            yield _from_raw(raw)


def count(db: peewee.Database) -> int:
    return int(LogEntry.select().count())


def entries(db: peewee.Database, since_seq: int = 0, limit: int = 500) -> list[LogEntryData]:
    """A page of entries with ``seq > since_seq``, in chain order."""
    cursor = db.execute_sql(f"{_SELECT} WHERE seq > ? ORDER BY seq LIMIT ?", (since_seq, limit))
    return [_from_raw(raw) for raw in cursor.fetchall()]


def verify(db: peewee.Database) -> ChainReport:
    """Verify the whole chain as stored."""
    position = 0

    def counted() -> Iterator[LogEntryData]:
        nonlocal position
        for data in iter_entries(db):
            position += 1
            yield data

    with translated_errors("verifying the logbook"):
        try:
            return verify_chain(counted())
        except (ValueError, TypeError) as exc:  # a stored time or number that cannot be read
            row = position + 1
            return ChainReport(
                position,
                None,
                None,
                ChainProblem(row, row, f"a stored field cannot be read ({exc})"),
            )


def verify_after(db: peewee.Database, checked: ChainReport) -> ChainReport:
    """Verify only what was appended since ``checked`` (an intact report of this file).

    The entry that ended ``checked`` must still be where it was with the same hash;
    entries before it are not re-hashed (use :func:`verify` for that: the GUI does at
    opening, on request and periodically).
    """
    if not checked.ok:
        return verify(db)
    with translated_errors("verifying the logbook"):
        if checked.entries:
            anchor = db.execute_sql(
                "SELECT id, hash FROM log_entry ORDER BY id LIMIT 1 OFFSET ?",
                (checked.entries - 1,),
            ).fetchone()
            if anchor is None or anchor[1] != checked.last_hash:
                return verify(db)  # something before the checkpoint moved: say what
            start_id = int(anchor[0])
        else:
            start_id = 0
        fresh = (_from_raw(raw) for rows in _raw_pages(db, "", (), 2000, start_id) for raw in rows)
        try:
            return verify_chain(fresh, after=checked)
        except (ValueError, TypeError):
            return verify(db)


SYSTEM_OPERATOR = "system"


def system_entry(
    db: peewee.Database,
    text: str,
    links: Sequence[tuple[str, int]] = (),
    operator: str | None = None,
    event_time: datetime | None = None,
) -> LogEntryData:
    """Record an automatic entry (statement approved, rumor status, spike, source failure,
    moderation, stakeholder change…). ``operator`` is who caused it, if anyone."""
    return append(
        db,
        NewEntry(
            text=text,
            operator=SYSTEM_OPERATOR,
            on_behalf_of=operator,
            category=LogCategory.SYSTEM,
            automatic=True,
            links=links,
            event_time=event_time,
        ),
    )


# Public names for the read-side modules (logbook_queries, exports).
SELECT_SQL = _SELECT
row_to_entry = _from_raw
