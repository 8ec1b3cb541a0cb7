"""Statement workflow in the store: permissions, frozen versions, logbook entries,
publication records, optimistic locking, hostile text."""

import pytest

from warroom.domain.timeutil import parse_utc
from warroom.store import logbook
from warroom.store import statement_details as details
from warroom.store import statement_queries as q
from warroom.store import statements as st
from warroom.store.errors import StoreError
from warroom.store.models import Statement, StatementEvent, StatementVersion

DIRECTOR, COMMS, CM, LEGAL, OBSERVER = (
    "Dana Director",
    "Colin Comms",
    "Cami Community",
    "Lea Legal",
    "Otto Observer",
)
TEXT = "Incendie cette nuit à 0h47. Personne n'est blessé. Prochain point à 16h."


def new_statement(db, **kwargs):
    return st.create_statement(
        db,
        "Communiqué n°1",
        CM,
        topic="incendie",
        versions=[("support", "fr", TEXT), ("twitter", "fr", TEXT)],
        **kwargs,
    )


def lock(statement_id):
    return Statement.get_by_id(statement_id).lock_version


def latest_entry(db):
    return logbook.entries(db, logbook.count(db) - 1)[0]


def test_each_transition_records_who_and_when_and_writes_a_logbook_entry(cell):
    db = cell.db
    sid = new_statement(db)
    assert latest_entry(db).text == "Statement « Communiqué n°1 » drafted (communique)."
    moves = [("in_review", CM), ("approved", COMMS)]
    for target, who in moves:
        before = logbook.count(db)
        st.transition(db, sid, target, who, lock(sid), note="ok")
        entry = latest_entry(db)
        assert logbook.count(db) == before + 1
        assert entry.automatic and entry.category == "system" and entry.on_behalf_of == who
        assert ("statement", sid) in entry.links and f"→ {target}" in entry.text
    events = [(e.from_status, e.to_status, e.operator) for e in q.get_statement(sid).events]
    assert events == [
        (None, "draft", CM),
        ("draft", "in_review", CM),
        ("in_review", "approved", COMMS),
    ]
    assert Statement.get_by_id(sid).approver == COMMS
    assert logbook.verify(db).ok


@pytest.mark.parametrize("who", [OBSERVER, CM, LEGAL, "Unknown Person"])
def test_only_comms_lead_or_director_can_approve_and_nothing_is_written(cell, who):
    db = cell.db
    sid = new_statement(db)
    st.transition(db, sid, "in_review", CM, lock(sid))
    before = (logbook.count(db), lock(sid), StatementEvent.select().count())
    with pytest.raises(st.NotAllowed, match="may not approve"):
        st.transition(db, sid, "approved", who, lock(sid))
    assert (logbook.count(db), lock(sid), StatementEvent.select().count()) == before
    assert Statement.get_by_id(sid).status == "in_review"


def test_observer_cannot_edit_or_create(cell):
    sid = new_statement(cell.db)
    with pytest.raises(st.NotAllowed):
        st.save_version(cell.db, sid, "twitter", "fr", "autre texte", OBSERVER, None)
    with pytest.raises(st.NotAllowed):
        st.create_statement(cell.db, "Observer's draft", OBSERVER)


def test_legal_review_required_before_approval(cell):
    db = cell.db
    sid = new_statement(db, requires_legal=True)
    st.transition(db, sid, "in_review", CM, lock(sid))
    with pytest.raises(st.NotAllowed, match="legal"):
        st.transition(db, sid, "approved", DIRECTOR, lock(sid))
    with pytest.raises(st.NotAllowed, match="only the legal role"):
        st.record_legal_review(db, sid, COMMS, lock(sid))
    st.record_legal_review(db, sid, LEGAL, lock(sid))
    assert "legal review cleared by Lea Legal" in latest_entry(db).text
    st.transition(db, sid, "approved", DIRECTOR, lock(sid))
    assert Statement.get_by_id(sid).status == "approved"


def approved_and_published(db):
    sid = new_statement(db)
    st.transition(db, sid, "in_review", CM, lock(sid))
    st.transition(db, sid, "approved", COMMS, lock(sid))
    tweet = StatementVersion.get(
        (StatementVersion.statement == sid) & (StatementVersion.channel == "twitter")
    )
    at = parse_utc("2021-03-10T10:13:00Z")
    st.publish_version(db, tweet.id, "https://x.com/hexacloud/status/1", CM, lock(sid), at=at)
    return sid, tweet.id


def test_publishing_records_channel_time_url_operator(cell):
    db = cell.db
    sid, version_id = approved_and_published(db)
    version = StatementVersion.get_by_id(version_id)
    assert version.published_at == parse_utc("2021-03-10T10:13:00Z")
    assert (version.published_url, version.published_by, version.frozen) == (
        "https://x.com/hexacloud/status/1",
        CM,
        True,
    )
    assert Statement.get_by_id(sid).status == "published"
    entry = latest_entry(db)
    assert "published on twitter (fr, version 1) — https://x.com/hexacloud/status/1" in entry.text
    with pytest.raises(st.NotAllowed, match="already published"):
        st.publish_version(db, version_id, "https://x.com/2", CM, lock(sid))
    support = StatementVersion.get(
        (StatementVersion.statement == sid) & (StatementVersion.channel == "support")
    )
    with pytest.raises(StoreError, match="not a web address"):
        st.publish_version(db, support.id, "javascript:alert(1)", CM, lock(sid))
    with pytest.raises(st.NotAllowed, match="may not publish"):
        st.publish_version(db, support.id, "", OBSERVER, lock(sid))


def test_a_draft_cannot_be_published(cell):
    sid = new_statement(cell.db)
    version = StatementVersion.get(StatementVersion.statement == sid)
    with pytest.raises(st.NotAllowed, match="only an approved statement"):
        st.publish_version(cell.db, version.id, "", COMMS, lock(sid))


def test_published_version_is_frozen_a_change_makes_a_new_version(cell):
    db = cell.db
    sid, version_id = approved_and_published(db)
    stored, _ = st.save_version(db, sid, "twitter", "fr", TEXT + " Mise à jour.", CM, lock(sid))
    assert stored.id != version_id and stored.version == 2 and not stored.frozen
    old = StatementVersion.get_by_id(version_id)
    assert old.text == TEXT and old.published_url == "https://x.com/hexacloud/status/1"
    assert Statement.get_by_id(sid).status == "draft"  # needs a new approval
    assert "revised after published" in latest_entry(db).text
    detail = q.get_statement(sid)
    assert [v.version for v in detail.history("twitter", "fr")] == [1, 2]
    assert detail.latest()[("twitter", "fr")].id == stored.id
    # A draft version is edited in place: no third version.
    again, _ = st.save_version(db, sid, "twitter", "fr", "Encore.", CM, lock(sid))
    assert again.id == stored.id and again.text == "Encore."


def test_approval_freezes_the_approved_text(cell):
    db = cell.db
    sid = new_statement(db)
    st.transition(db, sid, "in_review", CM, lock(sid))
    st.transition(db, sid, "approved", COMMS, lock(sid))
    assert all(v.frozen for v in StatementVersion.select().where(StatementVersion.statement == sid))
    st.save_version(db, sid, "support", "fr", "Texte modifié après approbation.", CM, lock(sid))
    assert Statement.get_by_id(sid).status == "draft"
    assert Statement.get_by_id(sid).approver is None


def test_concurrent_edit_is_detected_and_nothing_is_overwritten(cell):
    db = cell.db
    sid = new_statement(db)
    seen_by_both = lock(sid)
    st.save_version(db, sid, "twitter", "fr", "Version de Cami", CM, seen_by_both)
    with pytest.raises(st.ConcurrentEdit, match="changed by someone else"):
        st.save_version(db, sid, "twitter", "fr", "Version de Colin", COMMS, seen_by_both)
    assert q.get_statement(sid).latest()[("twitter", "fr")].text == "Version de Cami"


def test_hostile_text_is_stored_as_plain_text_and_huge_text_refused(cell):
    db = cell.db
    hostile = "<b>gras</b><script>alert(1)</script>\x00\x07 fin\r\nligne"
    sid = st.create_statement(db, "<i>Titre</i>", CM, versions=[("twitter", "fr", hostile)])
    version = q.get_statement(sid).versions[0]
    assert version.text == "<b>gras</b><script>alert(1)</script> fin\nligne"
    assert q.get_statement(sid).summary.title == "<i>Titre</i>"
    with pytest.raises(StoreError, match="too long"):
        st.save_version(db, sid, "twitter", "fr", "x" * 100_001, CM, lock(sid))
    with pytest.raises(StoreError, match="unknown channel"):
        st.save_version(db, sid, "myspace", "fr", "x", CM, lock(sid))
    with pytest.raises(StoreError, match="needs a title"):
        st.create_statement(db, "   ", CM)


def test_criteria_are_kept_per_version(cell):
    db = cell.db
    sid = new_statement(db)
    version = StatementVersion.get(StatementVersion.statement == sid)
    details.set_criteria(db, version.id, {"facts": True, "empathy": False}, COMMS)
    details.set_criteria(db, version.id, {"empathy": True}, COMMS)
    assert StatementVersion.get_by_id(version.id).criteria == {"empathy": True, "facts": True}
    with pytest.raises(StoreError, match="unknown criteria"):
        details.set_criteria(db, version.id, {"charm": True}, COMMS)


def test_earlier_published_statements_on_the_same_topic(cell):
    db = cell.db
    first, _ = approved_and_published(db)
    other = st.create_statement(db, "FAQ", CM, topic="incendie")
    unrelated = st.create_statement(db, "Autre", CM, topic="recrutement")
    assert [e.id for e in q.earlier_published("incendie", other)] == [first]
    assert q.earlier_published("recrutement", unrelated) == []
    board = {s.id: s for s in q.list_statements()}
    assert board[first].status == "published" and board[first].channels == ("support", "twitter")


def test_targets_and_next_update_are_saved_and_logged(cell):
    db = cell.db
    sid = new_statement(db)
    groups = [gid for gid, _ in q.stakeholder_groups()[:2]]
    when = parse_utc("2021-03-10T15:00:00Z")
    details.update_details(db, sid, COMMS, lock(sid), target_ids=groups, next_update_at=when)
    detail = q.get_statement(sid)
    assert detail.target_ids == groups and detail.summary.next_update_at == when
    assert "next update promised for 2021-03-10 15:00 UTC" in latest_entry(db).text
