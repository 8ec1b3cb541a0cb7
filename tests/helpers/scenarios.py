"""Small scenario documents for tests (real files written to tmp_path)."""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

MINI: dict[str, Any] = {
    "format": "warroom-scenario",
    "version": 1,
    "name": "mini",
    "start": "2021-03-10T00:00:00Z",
    "seed": 7,
    "own_accounts": ["acme"],
    "crisis": {"name": "Mini exercise", "timezone": "Europe/Paris"},
    "authors": [
        {"handle": "acme", "channel": "twitter", "kind": "company", "followers": 5000,
         "group": "Employees"},
        {"handle": "bob", "channel": "facebook", "kind": "customer", "followers": 12},
    ],
    "communities": {
        "cust": {"handle": "c_{n}", "size": 30, "kind": "customer",
                 "group": "Affected customers", "channels": {"twitter": 1}},
    },
    "injects": [
        {"at": "+00:00", "type": "post", "channel": "twitter", "id": "t1", "author": "acme",
         "text": "Fire at the site. Everyone is safe."},
        {"at": "+00:05", "type": "burst", "channel": "twitter", "root": "t1", "model": "cascade",
         "count": 40, "duration": "01:00", "community": "cust", "texts": {"en": ["down again"]},
         "answers": {"share": 0.5, "by": "acme", "delay": {"twitter": "00:20"},
                     "texts": {"en": ["We are on it"]}}},
        {"at": "+00:10", "type": "post", "channel": "facebook", "id": "f1", "author": "bob",
         "text": "Is it Seveso?", "rumor": "seveso"},
        {"at": "+00:20", "type": "rumor", "id": "seveso", "claim": "The site is Seveso",
         "origin": "f1"},
        {"at": "+00:30", "type": "call", "from": "Prefecture", "text": "Press point at 7"},
        {"at": "+00:35", "type": "press", "from": "AFP", "text": "How many customers?"},
        {"at": "+00:40", "type": "statement", "id": "s1", "title": "Communiqué 1",
         "versions": [{"channel": "twitter", "text": "All safe", "post": "t1"}]},
        {"at": "+00:50", "type": "rumor_update", "rumor": "seveso",
         "status": "corrected_at_source", "corrected_by": "Fire brigade", "statement": "s1"},
        {"at": "+01:00", "type": "log", "id": "d1", "category": "decision",
         "operator": "Claire", "text": "Next update at 16:00"},
        {"at": "+01:01", "type": "log", "amends": "d1", "category": "decision",
         "operator": "Claire", "text": "Correction: next update at 16:40"},
        {"at": "+01:10", "type": "phase", "phase": "recovery"},
    ],
}  # fmt: skip


def mini(**changes: Any) -> dict[str, Any]:
    doc = copy.deepcopy(MINI)
    doc.update(changes)
    return doc


def write(path: Path, doc: object, *, compress: bool = False, indent: int | None = 1) -> Path:
    text = json.dumps(doc, ensure_ascii=False, indent=indent)
    if compress:
        path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    else:
        path.write_text(text, encoding="utf-8")
    return path
