"""Work the feed hands to ``ctx.runner``: plain functions returning plain values.

They run in worker threads: no widget, model or QSettings here.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import peewee

from warroom.analysis.volume import choose_interval
from warroom.domain.filters import PostFilter
from warroom.store import feed_stats, posts, triage
from warroom.store.crisis import operators
from warroom.store.interrupt import abandoned_when
from warroom.store.models import Rumor, StakeholderGroup
from warroom.store.post_detail import PostDetail, post_detail

CHART_BUCKETS = 120


FIRST_SCREEN = 300


def load_ids(
    db: peewee.Database,
    f: PostFilter,
    rules: posts.DeadlineRules,
    top: int | None = None,
    limit: int | None = None,
    stop: Callable[[], bool] | None = None,
):
    """(ids newest first, highest post id seen, seconds taken) — all, or the first
    ``limit`` (the first screen, shown while the whole list loads). Abandoned (Superseded)
    once ``stop()`` is true."""
    began = time.perf_counter()
    with abandoned_when(db, stop):
        top = posts.max_post_id(db) if top is None else top
        ids = posts.matching_ids(db, f, rules, upto_id=top, limit=limit)
    return ids, top, time.perf_counter() - began


def load_chart(
    db: peewee.Database,
    f: PostFilter,
    rules: posts.DeadlineRules,
    stop: Callable[[], bool] | None = None,
):
    with abandoned_when(db, stop):
        span = feed_stats.time_span(db, f, rules)
        if span is None:
            return None
        interval = choose_interval(span[1] - span[0], CHART_BUCKETS)
        step = interval.total_seconds()
        start_ts = (span[0].timestamp() // step) * step
        start = span[0].fromtimestamp(start_ts, tz=span[0].tzinfo)
        buckets = int((span[1].timestamp() - start_ts) // step) + 1
        series = feed_stats.volume(db, f, rules, start, interval, buckets)
        # A replayed feed (``until`` set by the cursor) shows the markers of that time only.
        return series, feed_stats.markers(db, f.until)


def load_detail(db: peewee.Database, post_id: int, rules: posts.DeadlineRules) -> PostDetail:
    return post_detail(db, post_id, rules)


def load_choices():
    """(operator names, rumors (id, claim), saved view names, groups (id, name))."""
    names = [name for name, _role in operators()]
    rumors = [(r.id, r.claim) for r in Rumor.select(Rumor.id, Rumor.claim).order_by(Rumor.id)]
    groups = [
        (g.id, g.name)
        for g in StakeholderGroup.select(StakeholderGroup.id, StakeholderGroup.name).order_by(
            StakeholderGroup.sort_order, StakeholderGroup.name
        )
    ]
    return names, rumors, [name for name, _f in triage.saved_views()], groups


def load_arrivals(
    db: peewee.Database,
    f: PostFilter,
    rules: posts.DeadlineRules,
    after_id: int,
    shown: list[int],
    preload: int = 200,
):
    """(new posts (id, created_at) newest first, new top id, fresh rows of the shown posts
    and of the newest arrivals)."""
    found, top = posts.arrivals_after(db, f, rules, after_id)
    wanted = shown + [post_id for post_id, _at in found[:preload]]
    return found, top, posts.fetch_rows(db, wanted, rules)
