"""CSV and JSON exports of the main courante, and the evidence bundle.

JSON (``warroom.logbook/1``): ``{"format", "crisis", "exercise", "exported_at", "exported_by",
"timezone", "selection", "verification": {"ok", "entries" (verified intact),
"logbook_entries", "first_hash", "last_hash" (the last intact one), "problem"},
"entries": [...]}``; each entry carries every hashed field with the exact stored values
(UTC times as in the canonical form), its ``hash`` and, if it was corrected,
``corrected_by``. Anyone can recompute the hashes from it (README: canonical form).

CSV: one row per entry, UTF-8 with a BOM (so that spreadsheet programs read accents), the
columns of ``CSV_COLUMNS`` — the last one names the crisis on every row, so that a row
copied out of an exercise still says EXERCISE. Cells that a spreadsheet would run as a
formula (starting with ``= + - @``) are prefixed with an apostrophe.

Evidence bundle: a zip holding ``logbook.pdf``, ``logbook.json`` and ``MANIFEST.sha256``
(``sha256sum`` format, checkable with ``sha256sum -c``) plus ``manifest.json``.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from warroom.domain.logchain import LogEntryData
from warroom.domain.timeutil import format_utc
from warroom.report.logbook_data import LogbookExport
from warroom.report.logbook_pdf import write_pdf

JSON_FORMAT = "warroom.logbook/1"
CSV_COLUMNS = (
    "seq",
    "event_time",
    "recorded_time",
    "operator",
    "on_behalf_of",
    "category",
    "automatic",
    "info_status",
    "amends",
    "corrected_by",
    "action_owner",
    "action_due",
    "links",
    "text",
    "prev_hash",
    "hash",
    "crisis",  # on every row: the crisis as displayed ("EXERCISE — …" for an exercise)
)
BUNDLE_FILES = ("logbook.pdf", "logbook.json")
Progress = Callable[[int, int], None]


def entry_record(entry: LogEntryData, corrected_by: int | None) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "event_time": format_utc(entry.event_time),
        "recorded_time": format_utc(entry.recorded_time),
        "operator": entry.operator,
        "on_behalf_of": entry.on_behalf_of,
        "category": entry.category,
        "automatic": entry.automatic,
        "info_status": entry.info_status,
        "amends": entry.amends,
        "corrected_by": corrected_by,
        "action_owner": entry.action_owner,
        "action_due": format_utc(entry.action_due) if entry.action_due else None,
        "links": [list(pair) for pair in entry.links],
        "text": entry.text,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }


def _atomic_write(path: Path, write: Callable[[Path], None]) -> None:
    temp = path.with_name(f".{path.name}.partial")
    try:
        write(temp)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)


def json_document(export: LogbookExport) -> dict[str, Any]:
    report = export.report
    return {
        "format": JSON_FORMAT,
        "crisis": export.crisis_label,
        "exercise": export.crisis.is_exercise,
        "exported_at": format_utc(export.exported_at),
        "exported_by": export.operator,
        "timezone": export.tz.key,
        "selection": export.filter_label,
        "verification": {
            "ok": report.ok,
            "entries": export.verified_entries,
            "logbook_entries": export.total_entries,
            "first_hash": report.first_hash,
            "last_hash": report.last_hash,
            "problem": report.problem.describe() if report.problem else None,
        },
        "entries": [entry_record(e, export.corrections.get(e.seq)) for e in export.entries],
    }


def write_json(export: LogbookExport, path: Path) -> int:
    document = json_document(export)

    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False, indent=1)
            out.write("\n")

    _atomic_write(path, write)
    return len(export.entries)


def _csv_safe(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def write_csv(export: LogbookExport, path: Path) -> int:
    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(CSV_COLUMNS)
            for entry in export.entries:
                record = entry_record(entry, export.corrections.get(entry.seq))
                record["links"] = " ".join(f"{k}:{i}" for k, i in entry.links)
                record["automatic"] = int(entry.automatic)
                record["crisis"] = export.crisis_label
                writer.writerow([_csv_safe(record[c]) for c in CSV_COLUMNS])

    _atomic_write(path, write)
    return len(export.entries)


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_bundle(
    export: LogbookExport,
    path: Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> dict[str, str]:
    """Write the evidence bundle; returns ``{file name: sha256}`` as in its manifest."""
    with tempfile.TemporaryDirectory(prefix="warroom-bundle-") as work:
        folder = Path(work)
        write_pdf(export, folder / "logbook.pdf", progress, cancelled)
        write_json(export, folder / "logbook.json")
        sums = {name: sha256_file(folder / name) for name in BUNDLE_FILES}
        manifest_lines = "".join(f"{digest}  {name}\n" for name, digest in sums.items())
        manifest_json = {
            "format": "warroom.bundle/1",
            "crisis": export.crisis_label,
            "exported_at": format_utc(export.exported_at),
            "exported_by": export.operator,
            "chain_ok": export.report.ok,
            "chain_last_hash": export.report.last_hash,
            "files": [{"name": n, "sha256": d} for n, d in sums.items()],
        }

        def write(temp: Path) -> None:
            with zipfile.ZipFile(temp, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
                for name in BUNDLE_FILES:
                    bundle.write(folder / name, name)
                bundle.writestr("MANIFEST.sha256", manifest_lines)
                bundle.writestr(
                    "manifest.json", json.dumps(manifest_json, ensure_ascii=False, indent=1)
                )

        _atomic_write(path, write)
    return sums


def check_bundle(path: Path) -> list[str]:
    """Problems found checking a bundle against its manifest (empty: it matches)."""
    problems: list[str] = []
    with zipfile.ZipFile(path) as bundle:
        names = set(bundle.namelist())
        if "MANIFEST.sha256" not in names:
            return ["MANIFEST.sha256 is missing"]
        listed: dict[str, str] = {}
        for line in bundle.read("MANIFEST.sha256").decode("utf-8").splitlines():
            digest, _, name = line.partition("  ")
            listed[name] = digest
        for name, digest in listed.items():
            if name not in names:
                problems.append(f"{name} is listed but missing")
            elif hashlib.sha256(bundle.read(name)).hexdigest() != digest:
                problems.append(f"{name} does not match its SHA-256")
        for name in sorted(names - set(listed) - {"MANIFEST.sha256", "manifest.json"}):
            problems.append(f"{name} is not in the manifest")
    return problems
