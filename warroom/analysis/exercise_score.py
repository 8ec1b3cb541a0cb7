"""The exercise director's score sheet: how fast the cell responded to each inject.

- calls and press requests: time to the first entry written by a person (contact,
  communication, decision or action) after the inject;
- bursts and posts: share of customer posts answered and the median time to answer;
- rumors: time from first seen to the rebuttal (statement published) or to correction.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta

import peewee

from warroom.store import exercise
from warroom.store import review as review_store

RESPONSE_CATEGORIES = frozenset({"contact", "communication", "decision", "action"})


@dataclass(frozen=True)
class ScoreRow:
    index: int
    kind: str
    summary: str
    at: datetime
    response: timedelta | None  # None: no response yet
    detail: str


@dataclass(frozen=True)
class ScoreSheet:
    rows: list[ScoreRow]
    rumors_total: int
    rumors_rebutted: int
    statements_approved: int  # approved or published by the cell (not scripted)

    @property
    def responded(self) -> int:
        return sum(1 for r in self.rows if r.response is not None)


def score_sheet(db: peewee.Database) -> ScoreSheet:
    delivered = exercise.deliveries()
    entries = exercise.manual_entries()
    replies: dict[str, dict[int, list[tuple[datetime, datetime | None]]]] = {}
    rumor_rows = {r["id"]: r for r in review_store.rumors(db)}
    rows = []
    scripted_statements = set()
    for item in delivered:
        kind, at = item["kind"], item["scheduled_at"]
        if item["ref_kind"] == "statement":
            scripted_statements.add(item["ref_id"])
        if kind in ("call", "press"):
            response = _first_entry_after(entries, at)
            detail = "first entry by the cell" if response is not None else "no entry yet"
        elif kind in ("burst", "post"):
            if item["scenario"] not in replies:
                replies[item["scenario"]] = exercise.inject_replies(item["scenario"])
            per = replies[item["scenario"]]
            response, detail = _answers(per.get(item["index"], []))
            if detail == "":
                continue  # nothing in it expected an answer
        elif kind == "rumor" and item["ref_id"] in rumor_rows:
            response, detail = _rumor(rumor_rows[item["ref_id"]])
        else:
            continue
        rows.append(ScoreRow(item["index"], kind, item["summary"], at, response, detail))
    statements = review_store.statements(db)
    approved = sum(
        1
        for s in statements
        if s["status"] in ("approved", "published") and s["id"] not in scripted_statements
    )
    rebutted = sum(1 for r in rumor_rows.values() if _rumor(r)[0] is not None)
    return ScoreSheet(rows, len(rumor_rows), rebutted, approved)


def _first_entry_after(entries: list[tuple[datetime, str, str]], at: datetime) -> timedelta | None:
    for when, category, _text in entries:
        if when >= at and category in RESPONSE_CATEGORIES:
            return when - at
    return None


def _answers(posts: list[tuple[datetime, datetime | None]]) -> tuple[timedelta | None, str]:
    if not posts:
        return None, ""
    delays = [(b - a).total_seconds() for a, b in posts if b is not None]
    detail = f"{len(delays)}/{len(posts)} customer posts answered"
    if not delays:
        return None, detail
    return timedelta(seconds=statistics.median(delays)), detail + " (median time)"


def _rumor(rumor: dict[str, object]) -> tuple[timedelta | None, str]:
    first = rumor["first_seen"]
    ends = [t for t in (rumor["rebutted_at"], rumor["corrected_at"]) if isinstance(t, datetime)]
    if not isinstance(first, datetime) or not ends:
        return None, f"status {rumor['status']}"
    return min(ends) - first, f"status {rumor['status']}"
