"""What the statements and rumors were at an instant, computed independently of warroom's
queries: plain ``sqlite3`` on the crisis file and Python, straight from the event tables."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path


def _t(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _rows(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(con.execute(sql))
    finally:
        con.close()


@dataclass
class StatementThen:
    id: int
    status: str
    # (channel, language) -> (version number shown, published by then)
    versions: dict[tuple[str, str], tuple[int, bool]] = field(default_factory=dict)
    events: int = 0


def statements_at(path: Path, when: datetime) -> dict[int, StatementThen]:
    result: dict[int, StatementThen] = {}
    events = _rows(path, "SELECT id, statement_id, to_status, at FROM statement_event")
    for _, sid, status, _ in sorted(
        (e for e in events if _t(e[3]) <= when), key=lambda e: (_t(e[3]), e[0])
    ):
        item = result.setdefault(sid, StatementThen(sid, status))
        item.status = status
        item.events += 1
    versions = _rows(
        path,
        "SELECT statement_id, channel, language, version, created_at, published_at "
        "FROM statement_version",
    )
    for sid, channel, language, number, created, published in versions:
        if sid not in result or _t(created) > when:
            continue
        shown = result[sid].versions.get((channel, language))
        if shown is None or number > shown[0]:
            out = published is not None and _t(published) <= when
            result[sid].versions[(channel, language)] = (number, out)
    return result


@dataclass
class RumorThen:
    id: int
    status: str
    corrected: bool
    linked_posts: int
    evidence: int
    events: int
    published_rebuttals: int  # publications of its rebuttal statements by then


def rumors_at(path: Path, when: datetime) -> dict[int, RumorThen]:
    result: dict[int, RumorThen] = {}
    for rid, first_seen, corrected_at in _rows(
        path, "SELECT id, first_seen, corrected_at FROM rumor"
    ):
        if _t(first_seen) <= when:
            corrected = corrected_at is not None and _t(corrected_at) <= when
            result[rid] = RumorThen(rid, "detected", corrected, 0, 0, 0, 0)
    events = _rows(path, "SELECT id, rumor_id, to_status, at FROM rumor_event")
    for _, rid, status, _ in sorted(
        (e for e in events if _t(e[3]) <= when), key=lambda e: (_t(e[3]), e[0])
    ):
        result[rid].status = status
        result[rid].events += 1
    for rid, created in _rows(path, "SELECT rumor_id, created_at FROM post WHERE rumor_id"):
        if rid in result and _t(created) <= when:
            result[rid].linked_posts += 1
    for rid, added in _rows(path, "SELECT rumor_id, added_at FROM rumor_evidence"):
        if rid in result and _t(added) <= when:
            result[rid].evidence += 1
    rebuttals = _rows(
        path,
        "SELECT id, rebuttal_statement_id FROM rumor WHERE rebuttal_statement_id IS NOT NULL "
        "UNION SELECT rumor_id, statement_id FROM rumor_rebuttal",
    )
    published = _rows(
        path,
        "SELECT statement_id, published_at FROM statement_version WHERE published_at IS NOT NULL",
    )
    for rid, sid in rebuttals:
        if rid in result:
            result[rid].published_rebuttals += sum(
                1 for s, at in published if s == sid and _t(at) <= when
            )
    return result
