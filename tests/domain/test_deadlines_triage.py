"""Reply deadlines across channels and time zones; triage transitions and moderation."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from warroom.domain import deadlines
from warroom.domain.triage import (
    TriageError,
    check_moderation,
    check_transition,
    needs_reply,
    suggest_priority,
)

PARIS = ZoneInfo("Europe/Paris")
TARGETS = deadlines.targets_from({})


def at(text):
    return datetime.fromisoformat(text).astimezone(UTC)


def test_twitter_two_hours_and_facebook_same_day_in_paris():
    posted = at("2021-03-10T09:15:00+01:00")
    assert deadlines.reply_deadline("twitter", posted, TARGETS, PARIS) == posted + timedelta(
        hours=2
    )
    # End of the local day in Paris (midnight CET = 23:00 UTC), not the end of the UTC day.
    assert deadlines.reply_deadline("facebook", posted, TARGETS, PARIS) == at(
        "2021-03-11T00:00:00+01:00"
    )
    assert deadlines.reply_deadline("facebook", posted, TARGETS, ZoneInfo("UTC")) == at(
        "2021-03-11T00:00:00+00:00"
    )


def test_same_day_late_post_keeps_a_minimum_and_dst_day_is_23_hours():
    late = at("2021-03-10T23:30:00+01:00")
    assert deadlines.reply_deadline("facebook", late, TARGETS, PARIS) == late + timedelta(hours=2)
    # 28 March 2021: clocks go forward in Paris; the day ends at 22:00 UTC.
    dst = at("2021-03-28T10:00:00+02:00")
    assert deadlines.reply_deadline("facebook", dst, TARGETS, PARIS) == at(
        "2021-03-28T22:00:00+00:00"
    )
    # New York: same day ends at 04:00 UTC the next day (EST, UTC-5 on 10 March? DST 14 March)
    ny = ZoneInfo("America/New_York")
    assert deadlines.reply_deadline("facebook", at("2021-03-10T12:00:00-05:00"), TARGETS, ny) == (
        at("2021-03-11T00:00:00-05:00")
    )


@pytest.mark.parametrize(
    "channel,posted,now,overdue",
    [
        ("twitter", "2021-03-10T09:00:00+00:00", "2021-03-10T11:00:01+00:00", True),
        ("twitter", "2021-03-10T09:00:00+00:00", "2021-03-10T10:59:00+00:00", False),
        ("facebook", "2021-03-10T09:00:00+01:00", "2021-03-10T23:59:00+01:00", False),
        ("facebook", "2021-03-10T09:00:00+01:00", "2021-03-11T00:00:01+01:00", True),
        ("facebook", "2021-03-10T23:30:00+01:00", "2021-03-11T00:30:00+01:00", False),
        ("facebook", "2021-03-10T23:30:00+01:00", "2021-03-11T01:31:00+01:00", True),
        ("press", "2021-03-10T09:00:00+00:00", "2021-03-11T08:00:00+00:00", False),
        ("unheard_of", "2021-03-10T09:00:00+00:00", "2021-03-11T09:01:00+00:00", True),
    ],
)
def test_overdue_cutoff_is_the_inverse_of_the_deadline(channel, posted, now, overdue):
    posted_at, now_at = at(posted), at(now)
    deadline = deadlines.reply_deadline(channel, posted_at, TARGETS, PARIS)
    cutoff = deadlines.overdue_cutoff(channel, now_at, TARGETS, PARIS)
    assert (deadline < now_at) is overdue
    assert (posted_at < cutoff) is overdue


def test_configured_targets_override_defaults_and_bad_ones_are_ignored():
    targets = deadlines.targets_from({"twitter": "45m", "facebook": "banana", "linkedin": "none"})
    assert targets["twitter"].minutes == 45
    assert targets["facebook"].same_day
    assert (
        deadlines.reply_deadline("linkedin", at("2021-03-10T09:00:00+00:00"), targets, PARIS)
        is None
    )
    assert deadlines.parse_target("1h30").minutes == 90
    assert deadlines.parse_target("same day").same_day
    with pytest.raises(ValueError, match="not a reply target"):
        deadlines.parse_target("soon")
    with pytest.raises(ValueError, match="not a reply target"):
        deadlines.parse_target("0m")


def test_countdown_text():
    now = at("2021-03-10T09:00:00+00:00")
    assert deadlines.format_remaining(now + timedelta(minutes=65), now) == "1 h 05"
    assert deadlines.format_remaining(now - timedelta(minutes=20), now) == "-0 h 20"
    assert deadlines.format_remaining(now + timedelta(days=3), now) == "3 d"


def test_transitions():
    check_transition("new", "triaged")
    check_transition("triaged", "assigned", assignee="Inès")
    check_transition("assigned", "answered")
    with pytest.raises(TriageError, match="reason"):
        check_transition("new", "ignored")
    check_transition("new", "ignored", reason="duplicate of a handled post")
    with pytest.raises(TriageError, match="assignee"):
        check_transition("new", "assigned")
    with pytest.raises(TriageError, match="cannot go from answered to new"):
        check_transition("answered", "new")
    with pytest.raises(TriageError, match="unknown"):
        check_transition("new", "deleted")


def test_needs_reply_priority_and_moderation_rules():
    assert needs_reply("new", None, False, False)
    assert needs_reply("assigned", "question", False, False)
    assert not needs_reply("new", "praise", False, False)
    assert not needs_reply("answered", "criticism", False, False)
    assert not needs_reply("new", None, True, False)
    assert not needs_reply("new", None, False, True)
    assert suggest_priority(500_000, "media", "our_error") == 3
    assert suggest_priority(200, "customer", "question") == 0
    assert suggest_priority(20_000, "customer", None) == 1
    check_moderation("insult_threat", "threat against staff")
    with pytest.raises(TriageError, match="reason"):
        check_moderation("insult_threat", "  ")
    with pytest.raises(TriageError, match="criticism"):
        check_moderation("criticism", "too harsh")
