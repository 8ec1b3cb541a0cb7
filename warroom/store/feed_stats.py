"""Aggregates for the volume chart, spike alerts and the dashboard (SQL group-bys)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt
import peewee

from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import format_utc, parse_utc
from warroom.store import logbook, replay
from warroom.store.crisis import get_setting, set_setting
from warroom.store.errors import StoreError, translated_errors
from warroom.store.posts import (
    DeadlineRules,
    PostRow,
    count_matching,
    fetch_rows,
    post_source,
    where_clause,
)

NEGATIVE_BELOW = -0.05  # VADER's usual threshold for a negative text
ALERTED_KEY = "feed_alerts_sent"


@dataclass(frozen=True)
class VolumeSeries:
    """Posts per interval per channel over ``[start, start + interval × buckets)``."""

    start: datetime
    interval: timedelta
    channels: list[str]
    counts: npt.NDArray[np.int64]  # shape (channels, buckets)
    negatives: npt.NDArray[np.int64]  # shape (buckets,)

    @property
    def buckets(self) -> int:
        return int(self.counts.shape[1]) if self.counts.ndim == 2 else 0

    @property
    def totals(self) -> npt.NDArray[np.int64]:
        return self.counts.sum(axis=0) if len(self.channels) else np.zeros(self.buckets, np.int64)


def time_span(
    db: peewee.Database, f: PostFilter, rules: DeadlineRules
) -> tuple[datetime, datetime] | None:
    where, params = where_clause(f, rules)
    with translated_errors("reading the time span"):
        low, high = db.execute_sql(
            f"SELECT min(p.created_at), max(p.created_at) FROM {post_source(f)} {where}", params
        ).fetchone()
    return (parse_utc(low), parse_utc(high)) if low else None


def volume(
    db: peewee.Database,
    f: PostFilter,
    rules: DeadlineRules,
    start: datetime,
    interval: timedelta,
    buckets: int,
) -> VolumeSeries:
    """Counts per channel and negatives per interval, for posts matching ``f``."""
    where, params = where_clause(f, rules)
    end = start + interval * buckets
    bound = "p.created_at >= ? AND p.created_at < ?"
    where = f"{where} AND {bound}" if where else f"WHERE {bound}"
    step = max(1, int(interval.total_seconds()))
    sql = (
        "SELECT CAST((unixepoch(p.created_at) - ?) / ? AS INTEGER) AS b, p.channel, count(*),"
        " sum(coalesce(p.sentiment_override, p.sentiment) < ?)"
        f" FROM {post_source(f)} {where} GROUP BY b, p.channel"
    )
    origin = int(start.timestamp())
    with translated_errors("counting posts per interval"):
        rows = db.execute_sql(
            sql, [origin, step, NEGATIVE_BELOW, *params, format_utc(start), format_utc(end)]
        ).fetchall()
    totals: dict[str, int] = {}
    for _bucket, channel, count, _neg in rows:
        totals[channel] = totals.get(channel, 0) + int(count)
    channels = sorted(totals, key=lambda c: -totals[c])
    position = {c: i for i, c in enumerate(channels)}
    counts = np.zeros((len(channels), buckets), dtype=np.int64)
    negatives = np.zeros(buckets, dtype=np.int64)
    for bucket, channel, count, neg in rows:
        if 0 <= bucket < buckets:
            counts[position[channel], bucket] += int(count)
            negatives[bucket] += int(neg or 0)
    return VolumeSeries(start, interval, channels, counts, negatives)


@dataclass(frozen=True)
class Marker:
    at: datetime
    kind: str  # "statement" or "rumor"
    label: str
    item_id: int


def markers(db: peewee.Database, until: datetime | None = None) -> list[Marker]:
    """Statements published and rumors detected, for the chart's vertical lines (only
    those of ``until`` or before, when given: the replay cursor)."""
    found = _all_markers(db)
    return found if until is None else [m for m in found if m.at <= until]


def _all_markers(db: peewee.Database) -> list[Marker]:
    with translated_errors("reading statements and rumors"):
        published = db.execute_sql(
            "SELECT s.id, s.title, min(v.published_at) FROM statement s JOIN statement_version v"
            " ON v.statement_id = s.id WHERE v.published_at IS NOT NULL GROUP BY s.id"
        ).fetchall()
        rumors = db.execute_sql("SELECT id, claim, first_seen FROM rumor").fetchall()
    found = [Marker(parse_utc(at), "statement", title, sid) for sid, title, at in published]
    found += [Marker(parse_utc(at), "rumor", claim, rid) for rid, claim, at in rumors]
    return sorted(found, key=lambda m: m.at)


@dataclass(frozen=True)
class Newcomer:
    author_id: int
    handle: str
    channel: str
    followers: int
    first_post_id: int


def large_newcomers(db: peewee.Database, since: datetime, min_followers: int) -> list[Newcomer]:
    """Accounts with at least ``min_followers`` whose first post of the crisis is recent."""
    sql = (
        "SELECT a.id, a.handle, a.channel, a.followers, min(p.id) FROM author a"
        " JOIN post p ON p.author_id = a.id WHERE a.followers >= ?"
        " GROUP BY a.id HAVING min(p.created_at) >= ? ORDER BY a.followers DESC LIMIT 20"
    )
    with translated_errors("looking for new accounts"):
        rows = db.execute_sql(sql, [min_followers, format_utc(since)]).fetchall()
    return [Newcomer(int(a), str(h), str(c), int(f), int(p)) for a, h, c, f, p in rows]


def record_alert(
    db: peewee.Database, key: str, text: str, links: list[tuple[str, int]] | None = None
) -> bool:
    """Log an automatic alert once per ``key`` (shared by every operator of the crisis)."""
    with translated_errors("recording the alert"), db.atomic():
        sent = list(get_setting(ALERTED_KEY, []) or [])
        if key in sent:
            return False
        sent = [*sent[-499:], key]
        set_setting(db, ALERTED_KEY, sent)
        logbook.system_entry(db, text, links or [])
    return True


@dataclass
class DashboardStats:
    now: datetime  # the reference time (the latest post when the crisis is being replayed)
    live: bool
    last_hour: int
    baseline_hour: float
    negative_share: float | None
    overdue: int
    needs_reply: int
    open_rumors: int
    statements_in_review: int
    phase: str
    sources_total: int
    sources_failing: int
    sparks: dict[str, list[int]] = field(default_factory=dict)  # channel -> 24 hourly counts
    replay: bool = False  # figures as of the replay cursor (source health is not known then)
    sources_paused: int = 0
    answer_first: list[PostRow] = field(default_factory=list)  # see answer_first()


ANSWER_FIRST = 8
# Live connectors only, as in the status bar: scenario and file sources are not polled.
_CONNECTORS = "SELECT count(*) FROM source WHERE kind NOT IN ('scenario', 'file')"


def answer_first(
    db: peewee.Database, rules: DeadlineRules, now: datetime, limit: int = ANSWER_FIRST
) -> list[PostRow]:
    """The posts to answer first: awaiting a reply, published in the 24 hours up to
    ``now``, by triage priority, then by the author's reach, then newest first. Reads the
    index of posts awaiting a reply over one day only, whatever the size of the crisis."""
    f = PostFilter(needs_reply=True, since=now - timedelta(days=1), until=now + _INSTANT)
    where, params = where_clause(f, rules)
    sql = (
        f"SELECT p.id FROM {post_source(f)} {where}"
        f" ORDER BY p.priority DESC, p.reach DESC, p.created_at DESC LIMIT {int(limit)}"
    )
    with translated_errors("reading the posts to answer first"):
        ids = [int(row[0]) for row in db.execute_sql(sql, params).fetchall()]
    rows = fetch_rows(db, ids, rules)
    return [rows[i] for i in ids if i in rows]


_INSTANT = timedelta(microseconds=1)  # posts created at the instant itself count


def _scalar(db: peewee.Database, sql: str, params: list[object] | None = None) -> int:
    return int(db.execute_sql(sql, params or []).fetchone()[0] or 0)


def dashboard(
    db: peewee.Database, rules: DeadlineRules, as_of: datetime | None = None
) -> DashboardStats:
    """The dashboard's figures. When no post arrived in the last day (an archived crisis),
    "now" is the time of the latest post, so the tiles still describe the crisis.

    ``as_of`` (the replay cursor) gives the figures as they stood then: posts, overdue
    replies (against ``rules.now``, which the caller sets to ``as_of``), open rumors,
    statements in review and the phase, from what had been recorded by then."""
    if as_of is not None:
        return _dashboard_at(db, rules, as_of)
    span = time_span(db, PostFilter(), rules)
    live = span is None or span[1] >= rules.now - timedelta(days=1)
    now = rules.now if live or span is None else span[1] + timedelta(seconds=1)
    hour = timedelta(hours=1)
    start = now - 24 * hour
    series = volume(db, PostFilter(), rules, start, hour, 24)
    totals = series.totals
    history = totals[:-1]
    negatives = int(series.negatives[-1])
    last = int(totals[-1]) if len(totals) else 0
    with translated_errors("reading the dashboard"):
        phase = db.execute_sql("SELECT phase FROM crisis ORDER BY id LIMIT 1").fetchone()
        stats = DashboardStats(
            now=now,
            live=live,
            last_hour=last,
            baseline_hour=float(np.median(history)) if len(history) else 0.0,
            negative_share=(negatives / last) if last else None,
            overdue=count_matching(db, PostFilter(overdue=True), rules),
            needs_reply=count_matching(db, PostFilter(needs_reply=True), rules),
            open_rumors=_scalar(
                db,
                "SELECT count(*) FROM rumor WHERE status NOT IN"
                f" ({', '.join('?' * len(replay.CLOSED_RUMOR_STATUSES))})",
                list(replay.CLOSED_RUMOR_STATUSES),
            ),
            statements_in_review=_scalar(
                db, "SELECT count(*) FROM statement WHERE status = 'in_review'"
            ),
            phase=str(phase[0]) if phase else "",
            sources_total=_scalar(db, f"{_CONNECTORS} AND enabled = 1"),
            sources_failing=_scalar(db, f"{_CONNECTORS} AND enabled = 1 AND error_count > 0"),
            sparks={c: [int(v) for v in series.counts[i]] for i, c in enumerate(series.channels)},
            sources_paused=_scalar(db, f"{_CONNECTORS} AND enabled = 0"),
            answer_first=answer_first(db, rules, now),
        )
    return stats


def _dashboard_at(db: peewee.Database, rules: DeadlineRules, as_of: datetime) -> DashboardStats:
    hour = timedelta(hours=1)
    end = as_of + _INSTANT
    series = volume(db, PostFilter(), rules, end - 24 * hour, hour, 24)
    totals = series.totals
    until = PostFilter(until=end)
    with translated_errors("reading the dashboard as it stood"):
        last, negatives = db.execute_sql(  # exactly (as_of − 1 h, as_of]
            "SELECT count(*), coalesce(sum(coalesce(sentiment_override, sentiment) < ?), 0)"
            " FROM post WHERE created_at > ? AND created_at < ?",
            (NEGATIVE_BELOW, format_utc(as_of - hour), format_utc(end)),
        ).fetchone()
        return DashboardStats(
            now=as_of,
            live=False,
            last_hour=last,
            baseline_hour=float(np.median(totals[:-1])),
            negative_share=(negatives / last) if last else None,
            overdue=count_matching(db, replace(until, overdue=True), rules),
            needs_reply=count_matching(db, replace(until, needs_reply=True), rules),
            open_rumors=replay.open_rumors_at(db, as_of),
            statements_in_review=replay.statements_in_status_at(db, as_of, "in_review"),
            phase=replay.phase_at(db, as_of),
            sources_total=0,
            sources_failing=0,
            sparks={c: [int(v) for v in series.counts[i]] for i, c in enumerate(series.channels)},
            replay=True,
            answer_first=answer_first(db, rules, as_of),
        )


ALERT_SETTINGS_KEY = "feed_alert_rules"
DEFAULT_ALERT_RULES = {"multiple": 3.0, "min_count": 20, "newcomer_followers": 50_000}


def alert_rules() -> dict[str, float]:
    """Spike multiple, minimum posts per 10 min, and followers of a "large" new account."""
    stored = get_setting(ALERT_SETTINGS_KEY, {}) or {}
    rules = dict(DEFAULT_ALERT_RULES)
    for key in rules:
        value = stored.get(key)
        if isinstance(value, int | float) and value > 0:
            rules[key] = value
    return rules


def set_alert_rules(
    db: peewee.Database, multiple: float, min_count: int, newcomer_followers: int, operator: str
) -> None:
    if multiple < 1.5:
        raise StoreError("a spike multiple below 1.5 would alert on ordinary noise")
    if min_count < 1 or newcomer_followers < 1:
        raise StoreError("thresholds must be positive")
    rules = {
        "multiple": float(multiple),
        "min_count": int(min_count),
        "newcomer_followers": int(newcomer_followers),
    }
    with translated_errors("saving the alert rules"), db.atomic():
        if alert_rules() == rules:
            return
        set_setting(db, ALERT_SETTINGS_KEY, rules)
        logbook.system_entry(
            db,
            f"Alert rules: spike at ×{multiple:g} the baseline (at least {min_count} posts per "
            f"10 min); new accounts from {newcomer_followers:,} followers",
            (),
            operator,
        )
