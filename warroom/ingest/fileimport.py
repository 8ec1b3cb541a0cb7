"""File import: JSONL (the exchange format), JSON arrays and CSV exports.

JSONL and CSV are streamed line by line (a 200,000-line file is never held in memory);
posts are stored in batches through ``store_batch``, so a cancelled import keeps what it
stored and a re-import adds nothing. Bad lines are reported with their line numbers and
skipped; the rest of the file is imported.
"""

from __future__ import annotations

import csv
import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import peewee

from warroom.domain.posts import NormalisedPost
from warroom.ingest.csvmap import BUILTIN_PRESETS, CsvMapping, guess_mapping
from warroom.ingest.language import detect_languages
from warroom.ingest.normalise import Enricher, enrich, finish
from warroom.ingest.records import RecordError, record_to_post
from warroom.store.ingest_store import BatchResult, store_batch
from warroom.store.watch import load_watchlist

log = logging.getLogger("warroom.ingest")

FORMATS = ("auto", "jsonl", "json", "csv")
BATCH = 2000
MAX_REPORTED = 200  # line errors kept for the report (all are counted)
MAX_JSON_BYTES = 200 * 1024 * 1024
csv.field_size_limit(4 * 1024 * 1024)


class ImportError_(ValueError):
    """The file cannot be imported at all (unreadable, unknown format, no mapping)."""


@dataclass
class ImportReport:
    path: str
    format: str
    lines: int = 0
    new: int = 0
    duplicate: int = 0
    rejected: int = 0
    excluded: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    error_count: int = 0
    warnings: list[tuple[int, str]] = field(default_factory=list)
    cancelled: bool = False
    mapping: str = ""

    def error(self, line: int, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_REPORTED:
            self.errors.append((line, message))

    def warn(self, line: int, message: str) -> None:
        if len(self.warnings) < MAX_REPORTED:
            self.warnings.append((line, message))

    def absorb(self, batch: BatchResult) -> None:
        self.new += batch.new
        self.duplicate += batch.duplicate
        self.rejected += batch.rejected
        self.excluded += batch.excluded

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "mapping": self.mapping or None,
            "lines": self.lines,
            "new": self.new,
            "duplicate": self.duplicate,
            "rejected": self.rejected + self.error_count,
            "excluded": self.excluded,
            "cancelled": self.cancelled,
            "errors": [{"line": n, "message": m} for n, m in self.errors],
            "error_count": self.error_count,
            "warnings": [{"line": n, "message": m} for n, m in self.warnings],
        }


Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
Item = tuple[int, NormalisedPost | None, str | None]  # line, post or None, error


def detect_format(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        return "jsonl"
    if suffix == ".json":
        return "json"
    if suffix in (".csv", ".tsv"):
        return "csv"
    with path.open("rb") as handle:
        head = handle.read(4096).lstrip()
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        return "jsonl"
    return "csv"


class _Lines:
    """Binary lines decoded one by one: invalid UTF-8 is replaced and reported."""

    def __init__(self, handle: IO[bytes], report: ImportReport) -> None:
        self.handle = handle
        self.report = report
        self.number = 0
        self.offset = 0

    def __iter__(self) -> Iterator[str]:
        for raw in self.handle:
            self.number += 1
            self.offset += len(raw)
            if self.number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", errors="replace")
                self.report.warn(self.number, "invalid UTF-8 bytes replaced by �")
            yield text.replace("\x00", "")


def _jsonl_items(lines: _Lines, channel: str | None) -> Iterator[Item]:
    for text in lines:
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as exc:
            yield lines.number, None, f"not valid JSON ({exc.msg}, column {exc.colno})"
            continue
        try:
            yield lines.number, record_to_post(record, channel), None
        except RecordError as exc:
            yield lines.number, None, str(exc)


def _json_items(path: Path, channel: str | None) -> Iterator[Item]:
    if path.stat().st_size > MAX_JSON_BYTES:
        raise ImportError_(
            f"{path.name}: JSON arrays are limited to 200 MB; use JSONL for larger files"
        )
    try:
        data = json.loads(path.read_bytes().decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        raise ImportError_(f"{path.name}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if isinstance(data, dict) and isinstance(data.get("posts"), list):
        data = data["posts"]
    if not isinstance(data, list):
        raise ImportError_(f"{path.name}: expected a JSON array of posts")
    for index, record in enumerate(data, start=1):
        try:
            yield index, record_to_post(record, channel), None
        except RecordError as exc:
            yield index, None, f"item {index}: {exc}"


def _csv_items(
    lines: _Lines,
    mapping: CsvMapping | None,
    channel: str | None,
    report: ImportReport,
    presets: Mapping[str, CsvMapping],
) -> Iterator[Item]:
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        raise ImportError_(f"{report.path}: the CSV file is empty") from None
    except csv.Error as exc:
        raise ImportError_(f"{report.path}: not a readable CSV file ({exc})") from None
    chosen = mapping or guess_mapping(header, presets)
    if chosen is None:
        raise ImportError_(
            f"{Path(report.path).name}: no mapping preset fits the columns "
            f"({', '.join(h[:30] for h in header[:8])}…); choose or save a mapping"
        )
    report.mapping = chosen.name
    columns = chosen.resolve(header)
    fixed = channel or chosen.channel or None
    while True:
        start = lines.number + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield start, None, f"unreadable CSV row ({exc})"
            continue
        if not any(cell.strip() for cell in row):
            continue
        record = {name: row[i] for name, i in columns.items() if i < len(row) and row[i] != ""}
        try:
            yield start, record_to_post(record, fixed, derive_id=True), None
        except RecordError as exc:
            yield start, None, str(exc)


def import_file(
    db: peewee.Database,
    path: Path,
    fmt: str = "auto",
    *,
    channel: str | None = None,
    mapping: CsvMapping | None = None,
    presets: Mapping[str, CsvMapping] | None = None,
    enrichers: Sequence[Enricher] = (detect_languages,),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> ImportReport:
    """Import ``path`` into the open crisis (call on the writer thread)."""
    if not path.is_file():
        raise ImportError_(f"{path}: no such file")
    kind = detect_format(path) if fmt == "auto" else fmt
    if kind not in FORMATS[1:]:
        raise ImportError_(f"unknown format {fmt!r} (use one of: {', '.join(FORMATS)})")
    report = ImportReport(str(path), kind)
    total = max(1, path.stat().st_size)
    watch = load_watchlist()
    with path.open("rb") as handle:
        lines = _Lines(handle, report)
        if kind == "jsonl":
            items: Iterator[Item] = _jsonl_items(lines, channel)
        elif kind == "json":
            items = _json_items(path, channel)
        else:
            items = _csv_items(lines, mapping, channel, report, presets or BUILTIN_PRESETS)
        pending: list[NormalisedPost] = []

        def flush() -> None:
            enrich(pending, enrichers)
            report.absorb(store_batch(db, pending, None, watchlist=watch))
            pending.clear()
            if progress:
                progress(lines.offset if kind != "json" else total, total)

        for count, (number, post, problem) in enumerate(items, start=1):
            report.lines = max(report.lines, number)
            if post is None:
                report.error(number, problem or "unreadable")
            else:
                pending.append(finish(post))
            if len(pending) >= BATCH:
                flush()
            if cancelled is not None and count % 200 == 0 and cancelled():
                report.cancelled = True
                break
        flush()
    report.lines = max(report.lines, lines.number)
    return report
