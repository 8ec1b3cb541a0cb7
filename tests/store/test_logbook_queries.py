"""Filtered keyset queries, amendments, actions, briefings, system entries, timeline."""

from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain import logbook_rules as rules
from warroom.domain.logbook_rules import LogFilter
from warroom.store import briefing, logbook, logbook_queries, timeline
from warroom.store.errors import StoreError

T0 = datetime(2021, 3, 10, 0, 0, tzinfo=UTC)


def add(crisis, text, category="information", minutes=0, **kw):
    return logbook.append(
        crisis.db,
        logbook.NewEntry(
            text=text,
            operator=kw.pop("operator", "Claire Martin"),
            category=category,
            event_time=T0 + timedelta(minutes=minutes),
            **kw,
        ),
    )


@pytest.fixture
def filled(crisis):
    add(crisis, "Incendie déclaré", "event", 0)
    add(crisis, "Activation de la cellule", "decision", 10, operator="Hugo Lefèvre")
    add(crisis, "100% des clients STR touchés_", "information", 20, links=[("post", 12)])
    add(
        crisis,
        "Appel préfecture",
        "contact",
        30,
        on_behalf_of="Hugo Lefèvre",
        operator="Inès Benali",
    )
    add(crisis, "post lié", "information", 40, links=[("post", 123), ("rumor", 2)])
    return crisis


def seqs(crisis, flt, **kw):
    return [e.seq for e in logbook_queries.iter_filtered(crisis.db, flt, **kw)]


def test_filters_combine(filled):
    assert seqs(filled, LogFilter(categories=frozenset({"event", "decision"}))) == [1, 2]
    assert seqs(filled, LogFilter(operator="hugo lefèvre")) == [2, 4]
    assert seqs(filled, LogFilter(operator="Hugo Lefèvre")) == [2, 4]  # on behalf of counts
    assert seqs(
        filled, LogFilter(since=T0 + timedelta(minutes=10), until=T0 + timedelta(minutes=30))
    ) == [2, 3]
    assert seqs(filled, LogFilter(text="100%")) == [3]  # LIKE wildcards are literal
    assert seqs(filled, LogFilter(text="_")) == [3]
    assert seqs(filled, LogFilter(text="PRÉFECTURE".lower())) == [4]
    assert seqs(filled, LogFilter(link=("post", 12))) == [3]  # not post 123
    assert seqs(filled, LogFilter(link=("rumor", 2))) == [5]
    assert logbook_queries.count(filled.db, LogFilter(categories=frozenset({"information"}))) == 2


def test_significant_only_in_sql_matches_the_domain_rule(filled):
    logbook.system_entry(filled.db, rules.spike_text("twitter", 300, 20))
    logbook.system_entry(filled.db, rules.source_failure_text("RSS presse", "HTTP 503"))
    briefing.log_briefing(filled.db, 1, "Point n°1", "Claire Martin")
    logbook.amend(filled.db, 3, logbook.NewEntry(text="Correction", operator="Claire Martin"))
    every = list(logbook_queries.iter_filtered(filled.db, LogFilter()))
    expected = [e.seq for e in every if rules.is_significant(e)]
    assert seqs(filled, LogFilter(significant_only=True)) == expected
    assert expected == [1, 2, 6, 8, 9]


def test_keyset_pages_cover_everything_once_in_both_orders(crisis):
    entries = [
        logbook.NewEntry(
            text=f"e{i}", operator="A", event_time=T0 + timedelta(minutes=(i * 7) % 50)
        )
        for i in range(120)
    ]
    logbook.append_many(crisis.db, entries)
    for order in ("seq", "event"):
        flt = LogFilter(order=order)
        got = seqs(crisis, flt, batch=7)
        assert sorted(got) == list(range(1, 121)) and len(got) == 120
    by_event = list(logbook_queries.iter_filtered(crisis.db, LogFilter(order="event"), batch=9))
    keys = [(e.event_time, e.seq) for e in by_event]
    assert keys == sorted(keys)


def test_backdated_entry_orders_by_event_time_but_keeps_its_chain_place(crisis):
    add(crisis, "Point 10h", "event", 600)
    late = add(crisis, "Appel reçu à 03:47 (noté après coup)", "contact", 227)
    assert late.seq == 2 and late.recorded_time > late.event_time
    assert seqs(crisis, LogFilter()) == [1, 2]
    assert seqs(crisis, LogFilter(order="event")) == [2, 1]
    assert logbook.verify(crisis.db).ok


def test_amendment_chain(crisis):
    add(crisis, "Prochain point à 16h", "decision")
    logbook.amend(crisis.db, 1, logbook.NewEntry(text="Non : 16h40", operator="A"))
    logbook.amend(crisis.db, 2, logbook.NewEntry(text="Finalement 17h", operator="A"))
    chain = logbook_queries.amendment_chain(crisis.db, 1)
    assert [e.text for e in chain] == ["Prochain point à 16h", "Non : 16h40", "Finalement 17h"]
    assert logbook_queries.corrections(crisis.db) == {1: 2, 2: 3}
    assert logbook_queries.get(crisis.db, 1).text == "Prochain point à 16h"  # untouched
    assert logbook.verify(crisis.db).ok
    with pytest.raises(StoreError, match="no logbook entry #9"):
        logbook_queries.get(crisis.db, 9)


def test_actions_open_and_close_with_a_follow_up_entry(crisis):
    due = datetime.now(UTC) + timedelta(hours=1)
    add(crisis, "Rappeler la préfecture", "action", action_owner="Claire Martin", action_due=due)
    add(crisis, "Préparer la FAQ", "action", action_owner="Hugo Lefèvre")
    add(crisis, "Rien à suivre", "action")
    assert [a.seq for a in logbook_queries.list_open_actions(crisis.db)] == [1, 2]
    closing = logbook_queries.close_action(crisis.db, 1, "Inès Benali", "Préfecture rappelée")
    assert closing.seq == 4 and ("closes", 1) in closing.links
    assert closing.text.startswith("Action #1 closed: Rappeler la préfecture")
    assert [a.seq for a in logbook_queries.list_open_actions(crisis.db)] == [2]
    with pytest.raises(StoreError, match="already closed"):
        logbook_queries.close_action(crisis.db, 1, "Inès Benali")
    info = add(crisis, "une information")
    with pytest.raises(StoreError, match="not an action"):
        logbook_queries.close_action(crisis.db, info.seq, "x")
    # a corrected action is superseded by its correction
    logbook.amend(
        crisis.db,
        2,
        logbook.NewEntry(
            text="Préparer la FAQ v2", operator="A", category="action", action_owner="Hugo"
        ),
    )
    assert [a.text for a in logbook_queries.list_open_actions(crisis.db)] == ["Préparer la FAQ v2"]
    assert logbook.verify(crisis.db).ok


def test_briefings_schedule_draft_and_log(demo_crisis):
    db = demo_crisis.db
    number, due, last = briefing.schedule(db)
    assert (number, last) == (1, None)
    briefing.set_rhythm_minutes(db, 90)
    assert briefing.rhythm_minutes() == 90
    with pytest.raises(StoreError, match="between 5 minutes"):
        briefing.set_rhythm_minutes(db, 2)
    data = briefing.briefing_data(db)
    assert data.number == 1 and len(data.entries) == 11
    assert sum(n for _, n in data.posts_per_channel) == 420
    assert {r.title for r in data.rumors} >= {"Le site serait classé Seveso"}
    stored = briefing.log_briefing(db, 1, "Point n°1 : RAS", "Claire Martin")
    number, due, last = briefing.schedule(db)
    assert number == 2 and last == stored.event_time
    assert due == stored.event_time + timedelta(minutes=90)
    with pytest.raises(StoreError, match="already in the logbook"):
        briefing.log_briefing(db, 1, "doublon", "Claire Martin")
    assert briefing.briefing_data(db).entries[0].seq == stored.seq


@pytest.mark.parametrize(
    ("text", "links"),
    [
        (
            rules.statement_text("Communiqué n°1", "approved", "published", "twitter"),
            [("statement", 1)],
        ),
        (rules.rumor_text("Site Seveso", "investigating", "false"), [("rumor", 1)]),
        (rules.spike_text("twitter", 420, 35.0), []),
        (rules.source_failure_text("Mastodon", "HTTP 429 Too Many Requests"), []),
        (rules.moderation_text("hid", "@troll", "insults"), [("post", 7)]),
        (
            rules.stakeholder_text("Affected customers", "owner → Hugo Lefèvre"),
            [("stakeholder", 2)],
        ),
        (rules.phase_text("alert", "acute"), []),
    ],
)
def test_system_entries_from_each_source_event(crisis, text, links):
    stored = logbook.system_entry(crisis.db, text, links, operator="Inès Benali")
    assert stored.automatic and stored.category == "system" and stored.operator == "system"
    assert stored.on_behalf_of == "Inès Benali" and stored.links == tuple(sorted(links))
    assert seqs(crisis, LogFilter(categories=frozenset({"system"}))) == [stored.seq]
    assert logbook.verify(crisis.db).ok


def test_timeline_lanes_from_the_demo(demo_crisis):
    logbook.system_entry(
        demo_crisis.db, rules.phase_text("acute", "recovery"), event_time=T0 + timedelta(hours=20)
    )
    logbook.system_entry(
        demo_crisis.db, rules.spike_text("twitter", 90, 6), event_time=T0 + timedelta(hours=3)
    )
    from warroom.store.models import Rumor, StatementEvent

    data = timeline.load(demo_crisis.db)
    # One item per statement status change and per rumor, whatever the demo holds.
    assert len(data.lane("statements")) == StatementEvent.select().count() > 0
    rumors = data.lane("rumors")
    assert len(rumors) == Rumor.select().count() > 0
    assert all(r.end is not None and r.end >= r.start for r in rumors)
    assert {r.style for r in rumors} <= {"open", "rebutted"} and "rebutted" in {
        r.style for r in rumors
    }
    milestones = data.lane("milestones")
    assert {m.ident for m in milestones} >= {1, 2, 3, 4, 9, 11}
    assert all(m.kind == "entry" for m in milestones)
    spikes = data.lane("spikes")
    assert any(s.kind == "entry" for s in spikes) and any(s.kind == "posts" for s in spikes)
    phases = data.lane("phases")
    assert [p.label for p in phases][-1] == "recovery"


def test_phase_change_is_logged_and_drawn_as_a_band(demo_crisis):
    from warroom.store.crisis import crisis_info
    from warroom.store.phase import change_phase

    stored = change_phase(demo_crisis.db, "recovery", "Claire Martin")
    assert stored.text == "Crisis phase: acute → recovery" and stored.automatic
    assert crisis_info().phase == "recovery"
    with pytest.raises(StoreError, match="already in phase recovery"):
        change_phase(demo_crisis.db, "recovery", "Claire Martin")
    with pytest.raises(StoreError, match="unknown phase 'panic'"):
        change_phase(demo_crisis.db, "panic", "Claire Martin")
    bands = timeline.load(demo_crisis.db).lane("phases")
    assert [b.label for b in bands] == ["acute", "recovery"]


def test_incremental_verification_checks_what_was_appended(crisis):
    import sqlite3

    for i in range(5):
        add(crisis, f"entrée {i}")
    checked = logbook.verify(crisis.db)
    assert logbook.verify_after(crisis.db, checked) == checked  # nothing new
    add(crisis, "nouvelle")
    add(crisis, "encore une")
    assert logbook.verify_after(crisis.db, checked) == logbook.verify(crisis.db)
    assert logbook.verify_after(crisis.db, checked).entries == 7
    # a forged row appended behind warroom's back is caught by the incremental check
    last = logbook_queries.get(crisis.db, 7)
    conn = sqlite3.connect(crisis.path)
    conn.execute(
        "INSERT INTO log_entry (seq, event_time, recorded_time, operator, category, text, "
        "prev_hash, automatic, links, hash) VALUES (8, ?, ?, 'Faussaire', 'decision', "
        "'Tout va bien', ?, 0, '[]', ?)",
        ("2021-03-10T00:00:00.000000Z", "2021-03-10T00:00:00.000000Z", last.hash, "f" * 64),
    )
    conn.commit()
    report = logbook.verify_after(crisis.db, checked)
    assert not report.ok and report.problem.seq == 8
    # an entry removed before the checkpoint: the checkpoint moved, so the whole chain is
    # verified again and the gap is named
    conn.execute("DROP TRIGGER log_entry_no_delete")
    conn.execute("DELETE FROM log_entry WHERE seq IN (2, 8)")
    conn.commit()
    conn.close()
    seven = logbook.verify(crisis.db)
    report = logbook.verify_after(crisis.db, checked)
    assert not report.ok and report.problem.seq == 3 and seven.problem == report.problem
