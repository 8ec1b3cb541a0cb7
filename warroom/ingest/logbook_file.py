"""Reading a file of logbook entries (JSONL or CSV) for bulk entry: a transcribed paper
main courante, or another tool's log.

Fields: ``text`` (required), ``category`` (default information), ``operator`` (default: who
runs the import), ``event_time`` (aliases ``time``, ``at``; ISO 8601; a time without offset
is taken in the crisis time zone; default: now), ``on_behalf_of``, ``info_status``,
``action_owner``, ``action_due``. A bad line is reported with its number and skipped; the
others are kept in file order.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from warroom.domain.timeutil import to_utc
from warroom.store.errors import StoreError
from warroom.store.logbook import NewEntry, validate

TIME_ALIASES = ("event_time", "time", "at", "event time")
MAX_TEXT = 100_000


@dataclass
class ParsedFile:
    entries: list[tuple[int, NewEntry]] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def _time(value: object, tz: ZoneInfo) -> datetime | None:
    text = str(value or "").strip()
    if not text:
        return None
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"not an ISO 8601 time: {text[:40]!r}") from None
    return to_utc(parsed if parsed.tzinfo else parsed.replace(tzinfo=tz))


def _opt(record: Mapping[str, object], key: str) -> str | None:
    value = str(record.get(key) or "").strip()
    return value or None


def to_entry(record: Mapping[str, object], operator: str, tz: ZoneInfo) -> NewEntry:
    """One record as an entry; raises ValueError/StoreError with a readable message."""
    text = str(record.get("text") or "")
    if len(text) > MAX_TEXT:
        raise ValueError(f"text longer than {MAX_TEXT:,} characters")
    when = next((record[k] for k in TIME_ALIASES if record.get(k)), None)
    entry = NewEntry(
        text=text,
        operator=_opt(record, "operator") or operator,
        category=(_opt(record, "category") or "information").lower(),
        event_time=_time(when, tz),
        on_behalf_of=_opt(record, "on_behalf_of"),
        info_status=_opt(record, "info_status"),
        action_owner=_opt(record, "action_owner"),
        action_due=_time(record.get("action_due"), tz),
    )
    validate(entry)
    if entry.category == "system":
        raise ValueError("category 'system' is reserved for automatic entries")
    return entry


def _jsonl_records(text: str) -> Iterator[tuple[int, Mapping[str, object] | str]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, f"not valid JSON ({exc.msg})"
            continue
        yield number, record if isinstance(record, dict) else "not a JSON object"


def _csv_records(text: str) -> Iterator[tuple[int, Mapping[str, object] | str]]:
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "text" not in [f.strip().lower() for f in reader.fieldnames]:
        raise StoreError("the CSV file needs a header line with at least a 'text' column")
    for row in reader:
        clean = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
        if None in row:
            yield reader.line_num, "more values than columns"
            continue
        yield reader.line_num, clean


def parse(path: Path, operator: str, tz: ZoneInfo) -> ParsedFile:
    """Read ``path`` (``.csv``, or JSON Lines for anything else)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise StoreError(f"no such file: {path}") from None
    except UnicodeDecodeError:
        raise StoreError(f"{path.name} is not UTF-8 text") from None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror}") from None
    records = _csv_records(text) if path.suffix.lower() == ".csv" else _jsonl_records(text)
    result = ParsedFile()
    for number, record in records:
        if isinstance(record, str):
            result.errors.append((number, record))
            continue
        try:
            result.entries.append((number, to_entry(record, operator, tz)))
        except (ValueError, StoreError) as exc:
            result.errors.append((number, str(exc)))
    return result
