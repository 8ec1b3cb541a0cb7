"""Statements and rumors as they stood at chosen instants equal what is computed,
independently, from the event tables recorded before each instant (issue #9: replay)."""

from datetime import timedelta

import pytest

from tests.helpers.replay_truth import rumors_at, statements_at
from warroom.domain.timeutil import parse_utc
from warroom.store import rumor_queries as rq
from warroom.store import statement_queries as sq

# (fixture, instant): the bundled scenario demo (22 statements, 3 rumors over days) and
# the small test demo (every workflow step, evidence, a legal review).
INSTANTS = [
    ("scenario_demo_crisis", "2021-03-10T05:00:00Z"),  # nothing seen or said yet
    ("scenario_demo_crisis", "2021-03-10T08:00:00Z"),  # Seveso rumor, no statement yet
    ("scenario_demo_crisis", "2021-03-10T12:00:00Z"),  # first communiqué, rumor corrected
    ("scenario_demo_crisis", "2021-03-11T09:00:00Z"),  # one statement waiting in review
    ("scenario_demo_crisis", "2021-04-10T00:00:00Z"),  # after everything
    ("demo_crisis", "2021-03-10T01:00:00Z"),
    ("demo_crisis", "2021-03-10T01:21:00Z"),  # the first message approved, not published
    ("demo_crisis", "2021-03-10T09:55:00Z"),
    ("demo_crisis", "2021-03-10T15:30:00Z"),  # the video in review, legal cleared
    ("demo_crisis", "2021-03-11T00:00:00Z"),
]


@pytest.fixture
def crisis_at(request):
    def at(name):
        return request.getfixturevalue(name)

    return at


@pytest.mark.parametrize(("fixture", "instant"), INSTANTS)
def test_statements_as_they_stood(crisis_at, fixture, instant):
    crisis, when = crisis_at(fixture), parse_utc(instant)
    truth = statements_at(crisis.path, when)
    listed = sq.list_statements(when)
    assert {s.id: s.status for s in listed} == {k: v.status for k, v in truth.items()}
    assert [s.updated_at for s in listed] == sorted((s.updated_at for s in listed), reverse=True)
    for summary in listed:
        assert summary.updated_at <= when
        assert summary.published_at is None or summary.published_at <= when
        detail = sq.get_statement(summary.id, when)
        assert detail is not None and detail.summary == summary
        shown = {key: (v.version, v.published_at is not None) for key, v in detail.latest().items()}
        assert shown == truth[summary.id].versions
        assert len(detail.events) == truth[summary.id].events
        assert all(v.created_at <= when for v in detail.versions)
        earlier = sq.earlier_published(summary.topic, summary.id, when)
        same_topic = [o for o in listed if o.id != summary.id and o.topic == summary.topic]
        published = [
            v for o in same_topic for v in sq.get_statement(o.id, when).versions if v.published_at
        ]
        assert all(e.published_at <= when for e in earlier)
        if summary.topic.strip():
            assert len(earlier) == min(20, len(published))
    for statement in sq.list_statements():
        if statement.id not in truth:
            assert sq.get_statement(statement.id, when) is None


@pytest.mark.parametrize(("fixture", "instant"), INSTANTS)
def test_rumors_as_they_stood(crisis_at, fixture, instant):
    crisis, when = crisis_at(fixture), parse_utc(instant)
    truth = rumors_at(crisis.path, when)
    listed = rq.list_rumors(when)
    live_order = [r.id for r in rq.list_rumors()]
    assert [r.id for r in listed] == [i for i in live_order if i in truth]
    for summary in listed:
        want = truth[summary.id]
        assert (summary.status, summary.corrected_at_source, summary.linked_posts) == (
            want.status,
            want.corrected,
            want.linked_posts,
        )
        detail = rq.get_rumor(summary.id, when)
        assert detail is not None and detail.summary == summary
        assert len(detail.evidence) == want.evidence and len(detail.events) == want.events
        assert (detail.corrected_at is not None) == want.corrected
        publications = [p for item in detail.rebuttals for p in item.publications]
        assert len(publications) == want.published_rebuttals
        spread = rq.rumor_spread(crisis.db, summary.id, as_of=when)
        live_posts = rq.rumor_posts(crisis.db, summary.id)
        assert spread.rumor.total_posts == sum(1 for _, at, _ in live_posts if at <= when)
        assert not spread.rumor.starts or spread.rumor.starts[-1] <= when
        assert all(at <= when for at, _, _ in spread.publications)
        carriers = rq.top_carriers(crisis.db, summary.id, as_of=when)
        assert sum(posts for _, _, posts, _ in carriers) <= spread.rumor.total_posts


@pytest.mark.parametrize("fixture", ["scenario_demo_crisis", "demo_crisis"])
def test_after_the_end_the_replay_is_the_live_state(crisis_at, fixture):
    crisis = crisis_at(fixture)
    later = parse_utc("2030-01-01T00:00:00Z")
    assert sq.list_statements(later) == sq.list_statements()
    assert rq.list_rumors(later) == rq.list_rumors()
    for summary in sq.list_statements():
        assert sq.get_statement(summary.id, later) == sq.get_statement(summary.id)
    for rumor in rq.list_rumors():
        assert rq.get_rumor(rumor.id, later) == rq.get_rumor(rumor.id)
        live, then = (
            rq.rumor_spread(crisis.db, rumor.id),
            rq.rumor_spread(crisis.db, rumor.id, as_of=later),
        )
        assert (then.rumor, then.rebuttal, then.publications) == (
            live.rumor,
            live.rebuttal,
            live.publications,
        )


def test_a_statement_replayed_between_its_steps(demo_crisis):
    """The small demo's first message: approved at 01:20, published at 01:22."""
    first = next(s for s in sq.list_statements() if s.title.startswith("Premier message"))
    approved = first.published_at - timedelta(minutes=1)
    detail = sq.get_statement(first.id, approved)
    assert detail.summary.status == "approved" and detail.summary.approver
    version = detail.versions[0]
    assert version.frozen and version.published_at is None and version.published_url is None
    in_review = sq.get_statement(first.id, approved - timedelta(minutes=3))
    assert in_review.summary.status == "in_review" and in_review.summary.approver is None
    drafted = sq.get_statement(first.id, approved - timedelta(minutes=3, seconds=30))
    assert drafted.summary.status == "draft" and drafted.summary.approver is None
    assert not drafted.versions[0].frozen
    assert sq.get_statement(first.id, drafted.summary.updated_at - timedelta(minutes=1)) is None


def test_legal_review_and_promised_update_as_recorded_then(demo_crisis):
    video = next(s for s in sq.list_statements() if s.title.startswith("Vidéo"))
    events = sq.get_statement(video.id).events
    legal_at = next(e.at for e in events if e.note.startswith("legal review"))
    before = sq.get_statement(video.id, legal_at - timedelta(minutes=1)).summary
    after = sq.get_statement(video.id, legal_at).summary
    assert before.legal_reviewed_by is None and before.approver is None
    assert after.legal_reviewed_by == video.legal_reviewed_by and after.status == "in_review"
    assert after.next_update_at is None  # promised later: not known then
    assert sq.get_statement(video.id, video.updated_at).summary.next_update_at == (
        video.next_update_at
    )
