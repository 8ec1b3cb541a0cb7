"""The replay snapshot at chosen instants equals the state computed, independently, from
the data recorded before each instant."""

from collections import Counter

import pytest

from warroom.domain.timeutil import parse_utc
from warroom.store import logbook
from warroom.store.models import Post, Rumor, StatementEvent, StatementVersion
from warroom.store.replay import snapshot

INSTANTS = [
    "2021-03-09T23:00:00Z",  # before the fire
    "2021-03-10T01:00:00Z",  # the night
    "2021-03-10T08:00:00Z",  # Seveso rumor spreading, not yet corrected
    "2021-03-10T12:00:00Z",  # after the correction and the first communiqué
    "2021-03-12T18:00:00Z",
    "2021-04-10T00:00:00Z",  # after everything
]


def expected(db, when):
    posts = [
        p for p in Post.select(Post.channel, Post.created_at, Post.author) if p.created_at <= when
    ]
    entries = [e for e in logbook.iter_entries(db) if e.event_time <= when]
    last: dict[int, tuple] = {}
    for event in StatementEvent.select().order_by(StatementEvent.id):
        if event.at <= when:
            key = event.statement_id
            if key not in last or (event.at, event.id) >= last[key][:2]:
                last[key] = (event.at, event.id, event.to_status)
    rumors = [r for r in Rumor.select() if r.first_seen <= when]
    still_open = 0
    for rumor in rumors:
        corrected = rumor.corrected_at is not None and rumor.corrected_at <= when
        published = [
            v.published_at
            for v in StatementVersion.select().where(
                StatementVersion.statement == rumor.rebuttal_statement_id
            )
            if v.published_at is not None and v.published_at <= when
        ]
        still_open += not (corrected or published)
    return {
        "posts": dict(Counter(p.channel for p in posts)),
        "authors": len({p.author_id for p in posts}),
        "entries": len(entries),
        "statements": dict(Counter(v[2] for v in last.values())),
        "rumors": (len(rumors), still_open),
    }


@pytest.mark.parametrize("instant", INSTANTS)
def test_snapshot_equals_the_data_before_the_instant(scenario_demo_crisis, instant):
    when = parse_utc(instant)
    snap = snapshot(scenario_demo_crisis.db, when)
    want = expected(scenario_demo_crisis.db, when)
    assert snap.posts_by_channel == want["posts"]
    assert snap.authors == want["authors"]
    assert snap.entries == want["entries"]
    assert snap.statements_by_status == want["statements"]
    assert (snap.rumors, snap.rumors_open) == want["rumors"]


def test_snapshots_grow_through_the_crisis(scenario_demo_crisis):
    snaps = [snapshot(scenario_demo_crisis.db, parse_utc(i)) for i in INSTANTS]
    assert snaps[0].posts == 0 and snaps[-1].posts == Post.select().count()
    assert [s.posts for s in snaps] == sorted(s.posts for s in snaps)
    seveso_spreading, corrected = snaps[2], snaps[3]
    assert seveso_spreading.rumors == 1 and seveso_spreading.rumors_open == 1
    assert corrected.rumors_open < corrected.rumors
    assert snaps[-1].statements_by_status.get("published", 0) > 10


CLOSED = {"rebutted", "corrected_at_source", "closed"}  # a false rumor still awaits its rebuttal


def expected_dashboard(db, when):
    from datetime import timedelta

    from warroom.domain.logbook_rules import phase_change
    from warroom.store.models import Crisis, RumorEvent

    hour = [
        p for p in Post.select(Post.created_at) if when - timedelta(hours=1) < p.created_at <= when
    ]
    open_rumors = 0
    for rumor in Rumor.select().where(Rumor.first_seen <= when):
        events = [e for e in RumorEvent.select().where(RumorEvent.rumor == rumor) if e.at <= when]
        status = max(events, key=lambda e: (e.at, e.id)).to_status if events else "detected"
        open_rumors += status not in CLOSED
    last: dict[int, tuple] = {}
    for event in StatementEvent.select():
        mine = (event.at, event.id, event.to_status)
        if event.at <= when and mine > last.get(event.statement_id, mine[:2]):
            last[event.statement_id] = mine
    in_review = sum(1 for v in last.values() if v[2] == "in_review")
    changes = [(e.event_time, c) for e in logbook.iter_entries(db) if (c := phase_change(e.text))]
    phase = Crisis.select().first().phase
    if changes:
        before = [c for at, c in changes if at <= when]
        phase = before[-1][1] if before else (changes[0][1][0] or phase)
    return len(hour), open_rumors, in_review, phase


@pytest.mark.parametrize("instant", INSTANTS)
def test_dashboard_as_of_equals_the_data_before_the_instant(scenario_demo_crisis, instant):
    from zoneinfo import ZoneInfo

    from warroom.store import feed_stats
    from warroom.store.posts import DeadlineRules

    when = parse_utc(instant)
    db = scenario_demo_crisis.db
    stats = feed_stats.dashboard(db, DeadlineRules.load(ZoneInfo("Europe/Paris"), when), when)
    assert stats.replay and stats.now == when
    got = (stats.last_hour, stats.open_rumors, stats.statements_in_review, stats.phase)
    assert got == expected_dashboard(db, when)


def test_group_statements_stop_at_the_cursor(scenario_demo_crisis):
    """The stakeholder panel's statement markers and reach list, at an instant, hold only
    the statements published to the group by then."""
    from warroom.store.models import StatementTarget
    from warroom.store.stakeholder_series import statement_marks, statement_reach

    db = scenario_demo_crisis.db
    when = parse_utc("2021-03-10T18:00:00Z")
    first_out: dict[int, object] = {}
    for v in StatementVersion.select().where(StatementVersion.published_at.is_null(False)):
        first_out[v.statement_id] = min(
            first_out.get(v.statement_id, v.published_at), v.published_at
        )
    targets = {(t.statement_id, t.group_id) for t in StatementTarget.select()}
    reach = statement_reach(db, when)
    assert reach and len(reach) < len(statement_reach(db))
    assert {(r.statement_id, r.group_id) for r in reach} <= targets
    assert all(first_out[r.statement_id] <= when for r in reach)
    for group in {g for _s, g in targets}:
        marks = statement_marks(db, group, when)
        assert all(m.published_at <= when for m in marks)
        expected = {
            s
            for s, g in targets
            if g == group and first_out.get(s, when) <= when and s in first_out
        }
        assert {m.statement_id for m in marks} <= expected
