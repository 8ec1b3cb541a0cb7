"""Rumor register in the store: lifecycle and its logbook entries, corrections at the
source, evidence, spread series against posts at known times, suggestions, clusters."""

from datetime import timedelta

import pytest

from warroom.domain.timeutil import parse_utc
from warroom.store import logbook
from warroom.store import rumor_matching as matching
from warroom.store import rumor_queries as rq
from warroom.store import rumors as rs
from warroom.store import statements as st
from warroom.store.errors import StoreError
from warroom.store.models import Author, Post, Rumor, RumorEvent, Statement, StatementVersion

CM, COMMS, OBSERVER = "Cami Community", "Colin Comms", "Otto Observer"
T0 = parse_utc("2021-03-10T00:00:00Z")
URL = "https://x.com/hexacloud/status/42"


def add_post(ext, text, minutes, *, reach=100, handle="citoyen", url="", repost_of=None):
    author, _ = Author.get_or_create(
        channel="twitter", handle=handle, defaults={"followers": reach, "created_at": T0}
    )
    at = T0 + timedelta(minutes=minutes)
    return Post.create(
        channel="twitter",
        external_id=ext,
        author=author,
        text=text,
        url=url,
        created_at=at,
        fetched_at=at,
        reach=reach,
        repost_of=repost_of,
    ).id


def last_text(db):
    return logbook.entries(db, logbook.count(db) - 1)[0]


def test_lifecycle_is_recorded_and_logged(cell):
    db = cell.db
    rid = rs.create_rumor(db, "Le site serait classé Seveso", CM, match_query="seveso")
    steps = [("investigating", CM, ""), ("false", COMMS, "SDIS : non Seveso"), ("rebutted", CM, "")]
    for target, who, note in steps:
        before = logbook.count(db)
        rs.set_status(db, rid, target, who, note)
        entry = last_text(db)
        assert logbook.count(db) == before + 1 and entry.automatic and entry.on_behalf_of == who
        assert ("rumor", rid) in entry.links and f"→ {target}" in entry.text
    assert "SDIS : non Seveso" in logbook.entries(db, logbook.count(db) - 2)[0].text
    rs.mark_corrected_at_source(
        db,
        rid,
        CM,
        corrected_by="Pompiers du Bas-Rhin (@sdis67)",
        url="https://x.com/sdis67/status/9",
        at=parse_utc("2021-03-10T08:10:00Z"),
    )
    row = Rumor.get_by_id(rid)
    assert row.status == "corrected_at_source" and row.corrected_at_source
    assert (row.corrected_by, row.corrected_url) == (
        "Pompiers du Bas-Rhin (@sdis67)",
        "https://x.com/sdis67/status/9",
    )
    assert row.corrected_at == parse_utc("2021-03-10T08:10:00Z")
    assert "corrected by Pompiers du Bas-Rhin" in last_text(db).text
    history = [(e.from_status, e.to_status) for e in RumorEvent.select().order_by(RumorEvent.id)]
    assert history[0] == (None, "detected") and history[-1] == ("rebutted", "corrected_at_source")
    assert logbook.verify(db).ok


def test_refused_changes_write_nothing(cell):
    db = cell.db
    rid = rs.create_rumor(db, "Rumeur", CM)
    before = logbook.count(db)
    with pytest.raises(rs.RumorNotAllowed, match="cannot become rebutted"):
        rs.set_status(db, rid, "rebutted", CM)
    with pytest.raises(rs.RumorNotAllowed, match="observer"):
        rs.set_status(db, rid, "investigating", OBSERVER)
    with pytest.raises(StoreError, match="who corrected"):
        rs.mark_corrected_at_source(db, rid, CM, corrected_by=" ")
    with pytest.raises(StoreError, match="not valid search syntax"):
        rs.update_rumor(db, rid, CM, match_query='"unclosed')
    assert logbook.count(db) == before and Rumor.get_by_id(rid).status == "detected"


def test_evidence_owner_voice_and_rebuttal_links(cell):
    db = cell.db
    rid = rs.create_rumor(db, "Rumeur", CM)
    rs.add_evidence(db, rid, CM, kind="link", text="SDIS", url="https://x.com/sdis67/status/1")
    rs.add_evidence(db, rid, CM, kind="attachment", path="/preuves/<arrêté>.pdf")
    with pytest.raises(StoreError, match="needs a note"):
        rs.add_evidence(db, rid, CM)
    rs.update_rumor(db, rid, CM, owner="Colin Comms", best_voice="CEO / founder")
    assert "owner: Colin Comms; best voice: CEO / founder" in last_text(db).text
    sid = st.create_statement(db, "Démenti", CM)
    rs.link_rebuttal(db, rid, sid, CM)
    detail = rq.get_rumor(rid)
    assert [e.kind for e in detail.evidence] == ["link", "attachment"]
    assert detail.evidence[1].path == "/preuves/<arrêté>.pdf"
    assert [r.title for r in detail.rebuttals] == ["Démenti"]
    assert Rumor.get_by_id(rid).rebuttal_statement_id == sid


def publish_rebuttal(db, minutes):
    sid = st.create_statement(db, "Démenti Seveso", CM, versions=[("twitter", "fr", "Non.")])
    for target, who in (("in_review", CM), ("approved", COMMS)):
        st.transition(db, sid, target, who, Statement.get_by_id(sid).lock_version)
    version = StatementVersion.get(StatementVersion.statement == sid)
    st.publish_version(db, version.id, URL, CM, None, at=T0 + timedelta(minutes=minutes))
    return sid


def test_spread_series_from_posts_at_known_times(cell):
    db = cell.db
    # The rumor: accents and case do not matter for the match query.
    for ext, minutes, reach in (("r1", 10, 100), ("r2", 20, 300), ("r3", 70, 50), ("r4", 190, 5)):
        add_post(ext, "Le site est classé SÉVESO !", minutes, reach=reach, handle=f"a{ext}")
    add_post("other", "Merci aux pompiers", 30)
    linked = add_post("linked", "Ils cachent tout", 75, reach=7, handle="hidden")
    rid = rs.create_rumor(db, "Seveso", CM, match_query="seveso")
    rs.link_posts(db, rid, [linked], CM)
    sid = publish_rebuttal(db, 80)
    rs.link_rebuttal(db, rid, sid, CM)
    official = add_post(
        "42", "Non, le site n'est pas Seveso.", 80, reach=1000, handle="hexa", url=URL
    )
    add_post("q1", f"À lire : {URL}", 95, reach=20, handle="b1")
    add_post("rt1", "", 130, reach=40, handle="b2", repost_of="42")
    spread = rq.rumor_spread(db, rid, step=timedelta(hours=1))
    assert spread.rumor.starts[0] == T0
    assert spread.rumor.posts == [2, 2, 0, 1]  # 00:10, 00:20 | 01:10, 01:15 (linked) | | 03:10
    assert spread.rumor.reach == [400, 57, 0, 5]
    # The official post matches "seveso" too, but it spreads the rebuttal, not the rumor.
    assert spread.rebuttal.posts == [0, 2, 1, 0] and spread.rebuttal.reach == [0, 1020, 40, 0]
    assert [(at, channel) for at, channel, _ in spread.publications] == [
        (T0 + timedelta(minutes=80), "twitter")
    ]
    carriers = rq.top_carriers(db, rid)
    assert {c[0] for c in carriers} == {"ar1", "ar2", "ar3", "ar4", "hidden"}
    assert official not in {p for p, _, _ in rq.rumor_posts(db, rid)}


def test_suggestions_and_rumor_from_a_cluster(cell):
    db = cell.db
    rid = rs.create_rumor(db, "Seveso", CM, match_query="seveso OR classé")
    post = add_post("p1", "Le site serait classé ??", 5)
    assert matching.suggest_rumors_for_post(db, post) == [(rid, "Seveso")]
    rs.set_status(db, rid, "closed", CM)
    assert matching.suggest_rumors_for_post(db, post) == []  # closed rumors are not suggested
    copies = [
        add_post(
            f"c{i}", f"Incendie criminel avant la bourse, c'est évident {i}", 30 + i, handle=f"h{i}"
        )
        for i in range(4)
    ]
    clusters = matching.near_duplicate_clusters(db)
    assert clusters[0].post_ids == copies and clusters[0].reach == 400
    new = rs.create_rumor(db, "Incendie criminel", CM, post_ids=clusters[0].post_ids)
    row = Rumor.get_by_id(new)
    assert row.origin_post_id == copies[0] and row.first_seen == T0 + timedelta(minutes=30)
    assert Post.select().where(Post.rumor == new).count() == 4
    assert "(4 posts linked)" in last_text(db).text
    assert matching.near_duplicate_clusters(db) == []  # linked posts are no longer offered
