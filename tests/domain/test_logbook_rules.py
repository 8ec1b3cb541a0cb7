"""Pure logbook rules: links, significance, actions, briefings, timeline lanes."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from warroom.domain import logbook_rules as rules
from warroom.domain.briefing import BriefingData, ItemChange, compose, countdown_text, next_due
from warroom.domain.logchain import LogEntryData
from warroom.domain.timeline import hourly_spikes, phase_bands

T0 = datetime(2021, 3, 10, 0, 47, tzinfo=UTC)


def entry(seq, category="information", text="x", **kw):
    return LogEntryData(
        seq=seq,
        event_time=T0,
        recorded_time=T0,
        operator="A",
        category=category,
        text=text,
        prev_hash="0" * 64,
        **kw,
    )


def test_parse_links_accepts_several_spellings_and_names_the_bad_part():
    assert rules.parse_links("post 12, rumor:3; #statement 1") == [
        ("post", 12),
        ("rumor", 3),
        ("statement", 1),
    ]
    assert rules.parse_links("  ") == []
    with pytest.raises(ValueError, match="“tweet 4”"):
        rules.parse_links("post 1, tweet 4")


def test_significance():
    assert rules.is_significant(entry(1, "decision"))
    assert not rules.is_significant(entry(2, "information"))
    assert rules.is_significant(entry(3, "information", amends=1))
    assert rules.is_significant(entry(4, "communication", links=(("briefing", 2),)))
    spike = entry(5, "system", rules.spike_text("twitter", 120, 10), automatic=True)
    assert rules.is_significant(spike)
    failure = entry(6, "system", rules.source_failure_text("RSS", "timeout"), automatic=True)
    assert not rules.is_significant(failure)


def test_open_actions_sorted_by_due_and_closed_ones_dropped():
    due1, due2 = T0 + timedelta(hours=2), T0 + timedelta(hours=1)
    actions = [
        entry(1, "action", action_owner="Claire", action_due=due1),
        entry(2, "action", action_owner="Hugo", action_due=due2),
        entry(3, "action", action_owner="Inès"),
        entry(4, "action"),  # no owner, no due: a plain action entry, never "open"
    ]
    result = rules.open_actions(actions, closed=[1])
    assert [a.seq for a in result] == [2, 3]
    assert result[0].overdue(T0 + timedelta(hours=3)) and not result[1].overdue(T0)


def test_phase_text_round_trip():
    assert rules.phase_from_text(rules.phase_text("alert", "acute")) == "acute"
    assert rules.phase_from_text("Crisis phase: recovery") == "recovery"
    assert rules.phase_from_text("something else") is None
    assert rules.phase_change("Crisis phase: watch → alert") == ("watch", "alert")
    assert rules.phase_change("Crisis phase: acute") == (None, "acute")


def test_briefing_schedule_and_countdown():
    assert next_due(None, T0, 120) == T0 + timedelta(hours=2)
    assert next_due(T0 + timedelta(hours=1), T0, 30) == T0 + timedelta(minutes=90)
    assert countdown_text(T0 + timedelta(minutes=65), T0) == "in 1:05:00"
    assert countdown_text(T0, T0 + timedelta(minutes=12)) == "overdue by 0:12:00"
    assert countdown_text(T0, T0 + timedelta(days=5)) == "overdue by 5 days"


def test_briefing_draft_lists_what_happened_since_the_last_one():
    data = BriefingData(
        number=3,
        since=T0,
        now=T0 + timedelta(hours=2),
        entries=[
            entry(1, "decision", "Activer le PRA"),
            entry(2, "information", "bruit"),
            entry(3, "decision", "Point à 16h"),
            entry(4, "decision", "Correction : point à 16h40", amends=3),
        ],
        posts_per_channel=[("twitter", 40), ("facebook", 2)],
        rumors=[ItemChange(1, "Site Seveso", "rebutted", T0)],
        statements=[],
        actions=rules.open_actions(
            [entry(5, "action", "Appeler la préfecture", action_owner="Claire")], []
        ),
    )
    text = compose(data, ZoneInfo("Europe/Paris"))
    assert text.startswith("Point de situation n°3 — 10/03 03:47 (since 10/03 01:47)")
    assert "[decision] Activer le PRA" in text and "bruit" not in text
    assert "Point à 16h\n" not in text and "Correction : point à 16h40" in text
    assert "(2 of 4 entries)" in text
    assert "Posts: 42 new" in text and "- twitter: 40" in text
    assert "#1 Site Seveso — rebutted" in text
    assert "Statements:\n- no change" in text
    assert "#5 Appeler la préfecture — Claire" in text


def test_hourly_spikes_use_the_median_hour_with_empty_hours():
    hours = [(T0 + timedelta(hours=h), n) for h, n in [(0, 5), (1, 4), (2, 60), (6, 5)]]
    spikes = hourly_spikes(hours)
    assert [(h.hour, n) for h, n, _ in spikes] == [((T0 + timedelta(hours=2)).hour, 60)]
    assert hourly_spikes([]) == []


def test_phase_bands():
    end = T0 + timedelta(days=1)
    assert phase_bands(T0, "acute", [], end) == [(T0, end, "acute")]
    change = T0 + timedelta(hours=3)
    assert phase_bands(T0, "recovery", [(change, "acute")], end) == [
        (T0, change, "alert"),
        (change, end, "acute"),
    ]
