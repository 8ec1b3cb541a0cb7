"""Reads for the post-crisis review, and the lessons-learned section (table ``lesson``).

Everything is returned as plain tuples or dicts; the analysis layer computes figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import peewee

from warroom.domain.timeutil import format_utc, parse_utc, utcnow
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Lesson

LESSON_SECTIONS = ("went_well", "to_improve", "action", "lesson")


@dataclass(frozen=True)
class LessonRow:
    id: int
    section: str
    text: str
    author: str
    created_at: datetime
    updated_at: datetime


def lessons() -> list[LessonRow]:
    query = Lesson.select().order_by(Lesson.section, Lesson.id)
    return [LessonRow(r.id, r.section, r.text, r.author, r.created_at, r.updated_at) for r in query]


def _check_lesson(section: str, text: str) -> None:
    if section not in LESSON_SECTIONS:
        raise StoreError(f"unknown section {section!r} (use one of: {', '.join(LESSON_SECTIONS)})")
    if not text.strip():
        raise StoreError("a lesson needs some text")


def add_lesson(db: peewee.Database, section: str, text: str, author: str) -> int:
    _check_lesson(section, text)
    now = utcnow()
    with translated_errors("saving a lesson"), db.atomic():
        row = Lesson.create(
            section=section, text=text.strip(), author=author, created_at=now, updated_at=now
        )
    return int(row.id)


def update_lesson(db: peewee.Database, lesson_id: int, section: str, text: str) -> None:
    _check_lesson(section, text)
    with translated_errors("saving a lesson"), db.atomic():
        changed = (
            Lesson.update(section=section, text=text.strip(), updated_at=utcnow())
            .where(Lesson.id == lesson_id)
            .execute()
        )
    if not changed:
        raise StoreError(f"lesson #{lesson_id} does not exist")


def delete_lesson(db: peewee.Database, lesson_id: int) -> None:
    with translated_errors("deleting a lesson"), db.atomic():
        Lesson.delete().where(Lesson.id == lesson_id).execute()


def _rows(db: peewee.Database, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    with translated_errors("reading the crisis for the review"):
        return [tuple(r) for r in db.execute_sql(sql, params).fetchall()]


def hourly_volume(db: peewee.Database, until: datetime | None = None) -> list[tuple[str, str, int]]:
    """(hour "YYYY-MM-DDTHH" in UTC, channel, posts)."""
    where, params = _until("created_at", until)
    return [
        (str(h), str(c), int(n))
        for h, c, n in _rows(
            db,
            "SELECT substr(created_at, 1, 13), channel, COUNT(*) FROM post "
            f"{where} GROUP BY 1, 2 ORDER BY 1",
            params,
        )
    ]


def _until(
    column: str, until: datetime | None, joiner: str = "WHERE"
) -> tuple[str, tuple[Any, ...]]:
    if until is None:
        return "", ()
    return f"{joiner} {column} <= ?", (format_utc(until),)


def replies(db: peewee.Database) -> list[tuple[str, datetime, datetime]]:
    """(channel, created_at, answered_at) of every answered post."""
    return [
        (str(c), parse_utc(a), parse_utc(b))
        for c, a, b in _rows(
            db,
            "SELECT channel, created_at, answered_at FROM post WHERE answered_at IS NOT NULL",
        )
    ]


def unanswered(db: peewee.Database, own: tuple[str, ...]) -> dict[str, int]:
    """Customer posts (not reposts) left without an answer, per channel."""
    marks = ",".join("?" * len(own)) or "''"
    rows = _rows(
        db,
        "SELECT p.channel, COUNT(*) FROM post p JOIN author a ON a.id = p.author_id "
        "WHERE p.answered_at IS NULL AND p.repost_of IS NULL AND a.kind = 'customer' "
        f"AND a.handle NOT IN ({marks}) GROUP BY 1",
        own,
    )
    return {str(c): int(n) for c, n in rows}


def own_handles(db: peewee.Database) -> tuple[str, ...]:
    rows = _rows(db, "SELECT DISTINCT handle FROM author WHERE kind = 'company'")
    return tuple(str(r[0]) for r in rows)


def statements(db: peewee.Database) -> list[dict[str, Any]]:
    """Statements with their published versions and the reach of their posts."""
    result: dict[int, dict[str, Any]] = {}
    for sid, title, kind, status, created in _rows(
        db, "SELECT id, title, kind, status, created_at FROM statement ORDER BY created_at, id"
    ):
        result[int(sid)] = {
            "id": int(sid),
            "title": str(title),
            "kind": str(kind),
            "status": str(status),
            "created_at": parse_utc(str(created)),
            "published_at": None,
            "channels": [],
            "languages": [],
            "reach": 0,
            "reshares": 0,
            "targets": [],
        }
    for sid, channel, lang, published, reach, reshares in _rows(db, _VERSIONS):
        item = result.get(int(sid))
        if item is None:
            continue
        item["channels"] = sorted({*item["channels"], str(channel)})
        item["languages"] = sorted({*item["languages"], str(lang)})
        if published:
            at = parse_utc(str(published))
            item["published_at"] = min(at, item["published_at"] or at)
        item["reach"] += int(reach or 0)
        item["reshares"] += int(reshares or 0)
    for sid, group in _rows(
        db,
        "SELECT t.statement_id, g.name FROM statement_target t "
        "JOIN stakeholder_group g ON g.id = t.group_id",
    ):
        if int(sid) in result:
            result[int(sid)]["targets"].append(str(group))
    return list(result.values())


_VERSIONS = """
SELECT v.statement_id, v.channel, v.language, v.published_at,
       COALESCE(p.reach, 0) + COALESCE((SELECT SUM(r.reach) FROM post r
            WHERE r.channel = p.channel AND r.repost_of = p.external_id), 0),
       COALESCE((SELECT COUNT(*) FROM post r
            WHERE r.channel = p.channel AND r.repost_of = p.external_id), 0)
FROM statement_version v
LEFT JOIN post p ON p.url = v.published_url AND v.published_url IS NOT NULL
"""


def rumors(db: peewee.Database) -> list[dict[str, Any]]:
    rows = _rows(
        db,
        "SELECT r.id, r.claim, r.first_seen, r.status, r.corrected_at_source, r.corrected_by,"
        " r.corrected_at, (SELECT MIN(v.published_at) FROM statement_version v"
        "   WHERE v.statement_id = r.rebuttal_statement_id),"
        " (SELECT COUNT(*) FROM post p WHERE p.rumor_id = r.id), s.title"
        " FROM rumor r LEFT JOIN statement s ON s.id = r.rebuttal_statement_id"
        " ORDER BY r.first_seen",
    )
    return [
        {
            "id": int(rid),
            "claim": str(claim),
            "first_seen": parse_utc(str(first)),
            "status": str(status),
            "corrected_at_source": bool(corrected),
            "corrected_by": by,
            "corrected_at": parse_utc(str(at)) if at else None,
            "rebutted_at": parse_utc(str(rebut)) if rebut else None,
            "posts": int(posts),
            "rebuttal": title,
        }
        for rid, claim, first, status, corrected, by, at, rebut, posts, title in rows
    ]


def coverage(db: peewee.Database) -> list[dict[str, Any]]:
    """Per stakeholder group: channels where it is present, channels our statements aimed
    at it were published on, and its members' post count."""
    groups: dict[int, dict[str, Any]] = {}
    for gid, name, power, interest in _rows(
        db, "SELECT id, name, power, interest FROM stakeholder_group ORDER BY sort_order, id"
    ):
        groups[int(gid)] = {
            "name": str(name),
            "power": int(power),
            "interest": int(interest),
            "present": {},
            "covered": set(),
            "statements": 0,
            "posts": 0,
        }
    for gid, channel, weight in _rows(
        db, "SELECT group_id, channel, weight FROM stakeholder_presence"
    ):
        groups[int(gid)]["present"][str(channel)] = float(weight)
    for gid, channel, count in _rows(
        db,
        "SELECT t.group_id, v.channel, COUNT(DISTINCT t.statement_id) FROM statement_target t"
        " JOIN statement_version v ON v.statement_id = t.statement_id"
        " WHERE v.published_at IS NOT NULL GROUP BY 1, 2",
    ):
        groups[int(gid)]["covered"].add(str(channel))
        groups[int(gid)]["statements"] += int(count)
    for gid, count in _rows(
        db,
        "SELECT a.group_id, COUNT(*) FROM post p JOIN author a ON a.id = p.author_id "
        "WHERE a.group_id IS NOT NULL GROUP BY 1",
    ):
        groups[int(gid)]["posts"] = int(count)
    return list(groups.values())


def top_accounts(db: peewee.Database, limit: int = 15) -> list[dict[str, Any]]:
    """Accounts ranked by the reposts, replies and quotes their posts received."""
    rows = _rows(
        db,
        """
        SELECT a.handle, a.channel, a.display_name, a.kind, a.followers, g.name,
               COUNT(*) AS received,
               (SELECT COUNT(*) FROM post own WHERE own.author_id = a.id)
        FROM post child
        JOIN post parent ON parent.channel = child.channel
             AND parent.external_id = COALESCE(child.repost_of, child.reply_to, child.quote_of)
        JOIN author a ON a.id = parent.author_id
        LEFT JOIN stakeholder_group g ON g.id = a.group_id
        WHERE COALESCE(child.repost_of, child.reply_to, child.quote_of) IS NOT NULL
        GROUP BY a.id ORDER BY received DESC, a.followers DESC LIMIT ?
        """,
        (limit,),
    )
    return [
        {
            "handle": str(h),
            "channel": str(c),
            "name": str(n),
            "kind": str(k),
            "followers": int(f),
            "group": g,
            "received": int(r),
            "posts": int(p),
        }
        for h, c, n, k, f, g, r, p in rows
    ]


def communities(db: peewee.Database) -> list[dict[str, Any]]:
    """Stakeholder groups as communities: accounts, posts, and their most followed account."""
    rows = _rows(
        db,
        """
        SELECT COALESCE(g.name, '(no group)'), COUNT(DISTINCT a.id), COUNT(p.id),
               (SELECT a2.handle FROM author a2 WHERE a2.group_id IS g.id
                ORDER BY a2.followers DESC LIMIT 1)
        FROM author a LEFT JOIN stakeholder_group g ON g.id = a.group_id
        LEFT JOIN post p ON p.author_id = a.id
        GROUP BY g.id ORDER BY 3 DESC
        """,
    )
    return [{"group": str(g), "accounts": int(a), "posts": int(p), "top": t} for g, a, p, t in rows]


def activity_bounds(db: peewee.Database) -> tuple[datetime | None, datetime | None]:
    """First and last moment with a post or a logbook entry (the replay's range)."""
    rows = _rows(
        db,
        "SELECT MIN(t), MAX(t) FROM (SELECT MIN(created_at) AS t FROM post "
        "UNION ALL SELECT MAX(created_at) FROM post "
        "UNION ALL SELECT MIN(event_time) FROM log_entry "
        "UNION ALL SELECT MAX(event_time) FROM log_entry)",
    )
    low, high = rows[0] if rows else (None, None)
    return (parse_utc(str(low)) if low else None, parse_utc(str(high)) if high else None)
