"""Feed queries: which posts match a PostFilter, in pages, newest first.

Order is ``created_at DESC, id DESC``. :func:`matching_ids` returns the ordered ids of the
whole result in one query (a compact numpy array, no rows), which the feed model uses as
its keyset anchors; rows are then read a page at a time by primary key (:func:`fetch_rows`)
and live arrivals are found by keyset on id (:func:`arrivals_after`). Full-text search uses
the ``post_fts`` FTS5 index (accents folded, prefixes) built by migration 2.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

import numpy as np
import numpy.typing as npt
import peewee

from warroom.domain import deadlines
from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import format_utc, parse_utc, utcnow
from warroom.domain.triage import NEEDS_REPLY_WHAT_VALUES, OPEN_STATUSES, needs_reply
from warroom.store.crisis import get_setting
from warroom.store.errors import StoreError, translated_errors

IdArray = npt.NDArray[np.int64]
ORDER = "ORDER BY p.created_at DESC, p.id DESC"


@dataclass(frozen=True)
class DeadlineRules:
    """What "overdue" means for this crisis: per-channel targets, its time zone, now."""

    targets: dict[str, deadlines.ReplyTarget]
    tz: ZoneInfo
    now: datetime

    @classmethod
    def load(cls, tz: ZoneInfo, now: datetime | None = None) -> DeadlineRules:
        configured = get_setting(deadlines.SETTING_KEY, {}) or {}
        return cls(deadlines.targets_from(configured), tz, now or utcnow())


@dataclass(frozen=True)
class PostRow:
    """One line of the feed, as plain values."""

    id: int
    channel: str
    created_at: datetime
    author_id: int
    author_handle: str
    author_name: str
    author_kind: str
    followers: int
    verified: bool
    text: str
    url: str
    lang: str
    likes: int
    shares: int
    replies: int
    views: int
    reach: int
    sentiment: float | None
    sentiment_corrected: bool
    matched_terms: tuple[str, ...]
    what: str | None
    priority: int
    status: str
    assignee: str | None
    deadline: datetime | None
    answered_at: datetime | None
    moderated: bool
    rumor_id: int | None
    is_repost: bool
    shared_author: str = ""  # a repost: the handle of the reposted post's author (if stored)
    shared_text: str = ""  # … and its text

    @property
    def display_text(self) -> str:
        """What the feed shows: the text, or for a bare repost what it reshared."""
        if self.text or not self.is_repost:
            return self.text
        if self.shared_author or self.shared_text:
            return f"↻ @{self.shared_author}: {self.shared_text}"
        return "↻ (repost of a post that is not stored)"

    @property
    def engagement(self) -> int:
        return self.likes + self.shares + self.replies


# -- full-text queries ---------------------------------------------------------------
_TOKEN = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
_OPERATORS = {"AND", "OR", "NOT"}


def fts_query(text: str) -> str:
    """Turn what an operator typed into a safe FTS5 query.

    Words are ANDed; ``"two words"`` is a phrase; ``sauv*`` a prefix; ``OR``/``AND``/``NOT``
    (upper case) are operators; ``-word`` excludes. Punctuation (apostrophes, hyphens, #,
    @) can never cause a syntax error: every term is quoted. Accents are folded by the index.
    """
    positive: list[str] = []
    negative: list[str] = []
    for match in _TOKEN.finditer(text):
        minus, phrase, star, word = match.groups()
        if word is not None and word in _OPERATORS:
            if positive and positive[-1] not in _OPERATORS:
                positive.append(word)
            continue
        if word is not None:
            minus = "-" if word.startswith("-") and len(word) > 1 else ""
            star = "*" if word.endswith("*") else ""
            phrase = word.lstrip("-").rstrip("*")
        cleaned = " ".join(re.sub(r"[^\w]+", " ", phrase or "").split())
        if not cleaned:
            continue
        term = f'"{cleaned}"' + ("*" if star else "")
        (negative if minus else positive).append(term)
    while positive and positive[-1] in _OPERATORS:
        positive.pop()
    if not positive:
        return ""
    query = " ".join(positive)
    for term in negative:
        query += f" NOT {term}"
    return query


# -- filters as SQL --------------------------------------------------------------------
def _in(column: str, values: Sequence[object]) -> tuple[str, list[object]]:
    return f"{column} IN ({', '.join('?' * len(values))})", list(values)


def _literals(values: Sequence[str]) -> str:
    """``('a', 'b')`` — our own constants (never user input), written into the SQL so
    that SQLite can match the condition against the partial index ``post_awaiting``."""
    return "(" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + ")"


def needs_reply_condition(alias: str = "") -> str:
    """Open, not moderated, not a repost, not triaged as something that needs no answer,
    not a post of our own accounts: the WHERE clause of the partial index
    ``post_awaiting`` (migrations 8 and 10)."""
    a = f"{alias}." if alias else ""
    return (
        f"{a}status IN {_literals(OPEN_STATUSES)} AND {a}moderated = 0"
        f" AND {a}repost_of IS NULL AND ({a}triage_what IS NULL"
        f" OR {a}triage_what IN {_literals(NEEDS_REPLY_WHAT_VALUES)})"
        f" AND {a}own = 0"
    )


def _needs_reply_sql() -> tuple[str, list[object]]:
    return f"({needs_reply_condition('p')})", []


def post_source(f: PostFilter) -> str:
    """``post p``, read through the index of posts awaiting a reply when the filter asks
    for them (the planner, without statistics, would take the status index and read every
    open post from the table: ten times slower)."""
    if f.needs_reply or f.overdue:
        return "post p INDEXED BY post_awaiting"
    return "post p"


def _overdue_sql(rules: DeadlineRules) -> tuple[str, list[object]]:
    needs, params = _needs_reply_sql()
    now = format_utc(rules.now)
    parts = ["(p.reply_deadline IS NOT NULL AND p.reply_deadline < ?)"]
    params.append(now)
    known = sorted(rules.targets)
    for channel in known:
        cutoff = deadlines.overdue_cutoff(channel, rules.now, rules.targets, rules.tz)
        if cutoff is not None:
            parts.append("(p.reply_deadline IS NULL AND p.channel = ? AND p.created_at < ?)")
            params += [channel, format_utc(cutoff)]
    other = deadlines.overdue_cutoff("other", rules.now, rules.targets, rules.tz)
    if other is not None:
        listed, names = _in("p.channel", known)
        parts.append(f"(p.reply_deadline IS NULL AND NOT {listed} AND p.created_at < ?)")
        params += [*names, format_utc(other)]
    return f"({needs} AND ({' OR '.join(parts)}))", params


def _simple_clauses(f: PostFilter) -> tuple[list[str], list[object]]:
    clauses: list[str] = []
    params: list[object] = []

    def add(sql: str, *values: object) -> None:
        clauses.append(sql)
        params.extend(values)

    if f.channels:
        sql, values = _in("p.channel", sorted(f.channels))
        add(sql, *values)
    if f.since is not None:
        add("p.created_at >= ?", format_utc(f.since))
    if f.until is not None:
        add("p.created_at < ?", format_utc(f.until))
    if f.sentiment_min is not None:
        add("coalesce(p.sentiment_override, p.sentiment) >= ?", f.sentiment_min)
    if f.sentiment_max is not None:
        add("coalesce(p.sentiment_override, p.sentiment) <= ?", f.sentiment_max)
    if f.author_id is not None:
        add("p.author_id = ?", f.author_id)
    if f.statuses:
        sql, values = _in("p.status", sorted(f.statuses))
        add(sql, *values)
    if f.assignee is not None:
        if f.assignee:
            add("p.assignee = ?", f.assignee)
        else:
            add("p.assignee IS NULL")
    if f.rumor_id is not None:
        add("p.rumor_id = ?", f.rumor_id)
    return clauses, params


def where_clause(f: PostFilter, rules: DeadlineRules) -> tuple[str, list[object]]:
    """``WHERE …`` (or "") over ``post p`` for a filter, and its parameters."""
    clauses, params = _simple_clauses(f)
    if f.author_kinds:
        sql, values = _in("kind", sorted(f.author_kinds))
        clauses.append(f"p.author_id IN (SELECT id FROM author WHERE {sql})")
        params += values
    if f.group_id is not None:
        clauses.append("p.author_id IN (SELECT id FROM author WHERE group_id = ?)")
        params.append(f.group_id)
    if f.text_query.strip():
        query = fts_query(f.text_query)
        if not query:
            raise StoreError(f"nothing to search for in {f.text_query!r}")
        clauses.append("p.id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)")
        params.append(query)
    if f.needs_reply:
        sql, values = _needs_reply_sql()
        clauses.append(sql)
        params += values
    if f.overdue:
        sql, values = _overdue_sql(rules)
        clauses.append(sql)
        params += values
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


# -- queries -----------------------------------------------------------------------------
def matching_ids(
    db: peewee.Database,
    f: PostFilter,
    rules: DeadlineRules,
    upto_id: int | None = None,
    limit: int | None = None,
) -> IdArray:
    """Ids of the matching posts, newest first (one query; ~8 bytes per post), all of
    them or the first ``limit``."""
    where, params = where_clause(f, rules)
    if upto_id is not None:
        where = f"{where} AND p.id <= ?" if where else "WHERE p.id <= ?"
        params.append(upto_id)
    bound = f" LIMIT {int(limit)}" if limit is not None else ""
    source = post_source(f)
    if source == "post p" and limit is not None and _scan_newest_first(db, f):
        source = "post p INDEXED BY post_created"
    sql = f"SELECT group_concat(id) FROM (SELECT p.id AS id FROM {source} {where} {ORDER}{bound})"
    with translated_errors("searching the posts"):
        (text,) = db.execute_sql(sql, params).fetchone()
    if not text:
        return np.zeros(0, dtype=np.int64)
    # Text mode of fromstring (not the deprecated binary one): parses in C, ~20 ms for 1M ids.
    return np.fromstring(text, dtype=np.int64, sep=",")


# A search matching more posts than this shows its first screen by walking the newest
# posts and keeping the matching ones (it meets them soon) instead of reading the date of
# every match and sorting them all (~1.3 µs a match: 110 ms for 83k matches of 1.2M posts).
DENSE_MATCHES = 8_000


def _scan_newest_first(db: peewee.Database, f: PostFilter) -> bool:
    """Whether the first page of ``f`` is best read by walking ``post_created``: a
    full-text search with many matches and no other filter but the time range."""
    if (
        not f.text_query.strip()
        or not replace(f, text_query="", since=None, until=None, label="").is_empty()
    ):
        return False
    with translated_errors("searching the posts"):
        (count,) = db.execute_sql(
            "SELECT count(*) FROM post_fts WHERE post_fts MATCH ?", [fts_query(f.text_query)]
        ).fetchone()
    return int(count) > DENSE_MATCHES


def count_matching(db: peewee.Database, f: PostFilter, rules: DeadlineRules) -> int:
    where, params = where_clause(f, rules)
    with translated_errors("counting the posts"):
        sql = f"SELECT count(*) FROM {post_source(f)} {where}"
        return int(db.execute_sql(sql, params).fetchone()[0])


def max_post_id(db: peewee.Database) -> int:
    return int(db.execute_sql("SELECT coalesce(max(id), 0) FROM post").fetchone()[0])


def arrivals_after(
    db: peewee.Database, f: PostFilter, rules: DeadlineRules, after_id: int
) -> tuple[list[tuple[int, datetime]], int]:
    """Posts stored after ``after_id`` that match (keyset on id), newest first, with the
    new highest id of the table (so that non-matching arrivals are not read again)."""
    where, params = where_clause(f, rules)
    where = f"{where} AND p.id > ?" if where else "WHERE p.id > ?"
    top = max_post_id(db)
    where += " AND p.id <= ?"
    with translated_errors("reading new posts"):
        rows = db.execute_sql(
            f"SELECT p.id, p.created_at FROM {post_source(f)} {where} {ORDER}",
            [*params, after_id, top],
        ).fetchall()
    return [(int(i), parse_utc(at)) for i, at in rows], top


_ROW_SQL = """SELECT p.id, p.channel, p.created_at, p.author_id, a.handle, a.display_name,
    a.kind, a.followers, a.verified, p.text, p.url, p.lang, p.likes, p.shares, p.replies,
    p.views, p.reach, p.sentiment, p.sentiment_override, p.matched_terms, p.triage_what,
    p.priority, p.status, p.assignee, p.reply_deadline, p.answered_at, p.moderated,
    p.rumor_id, p.repost_of, oa.handle, o.text
    FROM post p JOIN author a ON a.id = p.author_id
    LEFT JOIN post o ON o.channel = p.channel AND o.external_id = p.repost_of
    LEFT JOIN author oa ON oa.id = o.author_id"""


def _row(raw: Sequence[object], rules: DeadlineRules) -> PostRow:
    (pid, channel, created, author_id, handle, name, kind, followers, verified, text, url) = raw[
        :11
    ]
    (lang, likes, shares, replies, views, reach, sentiment, override, terms, what) = raw[11:21]
    (priority, status, assignee, deadline, answered, moderated, rumor_id, repost_of) = raw[21:29]
    shared_author, shared_text = raw[29:31]
    created_at = parse_utc(str(created))
    due: datetime | None = parse_utc(str(deadline)) if deadline else None
    awaiting = needs_reply(str(status), _opt(what), bool(moderated), bool(repost_of), str(kind))
    if due is None and awaiting:
        due = deadlines.reply_deadline(str(channel), created_at, rules.targets, rules.tz)
    try:
        matched = tuple(str(t) for t in json.loads(str(terms or "[]")))
    except ValueError:
        matched = ()
    return PostRow(
        id=int(str(pid)),
        channel=str(channel),
        created_at=created_at,
        author_id=int(str(author_id)),
        author_handle=str(handle),
        author_name=str(name),
        author_kind=str(kind),
        followers=int(str(followers)),
        verified=bool(verified),
        text=str(text),
        url=str(url),
        lang=str(lang),
        likes=int(str(likes)),
        shares=int(str(shares)),
        replies=int(str(replies)),
        views=int(str(views)),
        reach=int(str(reach)),
        sentiment=_float(override if override is not None else sentiment),
        sentiment_corrected=override is not None,
        matched_terms=matched,
        what=_opt(what),
        priority=int(str(priority)),
        status=str(status),
        assignee=_opt(assignee),
        deadline=due,
        answered_at=parse_utc(str(answered)) if answered else None,
        moderated=bool(moderated),
        rumor_id=int(str(rumor_id)) if rumor_id is not None else None,
        is_repost=repost_of is not None,
        shared_author=str(shared_author or ""),
        shared_text=str(shared_text or ""),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _float(value: object) -> float | None:
    return None if value is None else float(str(value))


def fetch_rows(db: peewee.Database, ids: Sequence[int], rules: DeadlineRules) -> dict[int, PostRow]:
    """The rows of ``ids`` (a page), by primary key."""
    found: dict[int, PostRow] = {}
    if not len(ids):
        return found
    with translated_errors("reading posts"):
        for start in range(0, len(ids), 500):
            chunk = [int(i) for i in ids[start : start + 500]]
            sql = f"{_ROW_SQL} WHERE p.id IN ({', '.join('?' * len(chunk))})"
            for raw in db.execute_sql(sql, chunk).fetchall():
                row = _row(raw, rules)
                found[row.id] = row
    return found


def fetch_row(db: peewee.Database, post_id: int, rules: DeadlineRules) -> PostRow:
    rows = fetch_rows(db, [post_id], rules)
    if post_id not in rows:
        raise StoreError(f"post #{post_id} does not exist")
    return rows[post_id]
