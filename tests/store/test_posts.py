"""Feed queries, FTS, triage writes and saved views on real crisis files."""

import sqlite3
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import BIG_POSTS
from warroom.domain.filters import PostFilter
from warroom.store import feed_stats, posts, triage
from warroom.store.errors import StoreError
from warroom.store.models import Author, LogEntry, Post
from warroom.store.post_detail import post_detail
from warroom.store.rumors import create_rumor

T0 = datetime(2021, 3, 10, 8, 0, tzinfo=UTC)
NOW = T0 + timedelta(hours=5)


def rules(now=NOW):
    return posts.DeadlineRules.load(ZoneInfo("Europe/Paris"), now)


def add(author, n, text, channel="twitter", minutes=0, **extra):
    return Post.create(
        channel=channel,
        external_id=str(n),
        author=author,
        text=text,
        created_at=T0 + timedelta(minutes=minutes),
        fetched_at=T0,
        **extra,
    ).id


@pytest.fixture
def small(crisis):
    a = Author.create(channel="twitter", handle="client", kind="customer", created_at=T0)
    m = Author.create(channel="facebook", handle="media", kind="media", followers=9, created_at=T0)
    ids = [
        add(a, 1, "Le datacenter a brûlé, où sont mes sauvegardes ?", minutes=0, sentiment=-0.6),
        add(a, 2, "Merci aux pompiers de Strasbourg", minutes=10, sentiment=0.7),
        add(m, 3, "Incendie classé Seveso selon une rumeur", "facebook", 20, sentiment=-0.2),
        add(m, 4, "L'hébergeur promet un point à 18h", "facebook", 290, sentiment=0.1),
        add(a, 5, "reply", minutes=30, reply_to="1", sentiment=0.0),
    ]
    return crisis, ids


def ids_of(db, f, now=NOW):
    return posts.matching_ids(db, f, rules(now)).tolist()


def test_newest_first_and_filters_combine(small):
    crisis, ids = small
    db = crisis.db
    assert ids_of(db, PostFilter()) == [ids[3], ids[4], ids[2], ids[1], ids[0]]
    assert ids_of(db, PostFilter(channels=frozenset({"facebook"}))) == [ids[3], ids[2]]
    assert ids_of(db, PostFilter(sentiment_max=-0.1)) == [ids[2], ids[0]]
    assert ids_of(db, PostFilter(author_kinds=frozenset({"media"}), sentiment_min=0)) == [ids[3]]
    window = PostFilter(since=T0 + timedelta(minutes=5), until=T0 + timedelta(minutes=25))
    assert ids_of(db, window) == [ids[2], ids[1]]
    assert posts.count_matching(db, window, rules()) == 2


def test_full_text_folds_accents_prefixes_phrases_and_never_breaks(small):
    crisis, ids = small
    db = crisis.db
    assert ids_of(db, PostFilter(text_query="brule")) == [ids[0]]
    assert ids_of(db, PostFilter(text_query="sauv*")) == [ids[0]]
    assert ids_of(db, PostFilter(text_query='"classe seveso"')) == [ids[2]]
    assert ids_of(db, PostFilter(text_query='"seveso classe"')) == []
    assert ids_of(db, PostFilter(text_query="pompiers OR seveso")) == [ids[2], ids[1]]
    assert ids_of(db, PostFilter(text_query="strasbourg -merci")) == []
    assert ids_of(db, PostFilter(text_query="l'hébergeur")) == [ids[3]]
    for hostile in ('"unbalanced', "AND OR NOT", "*", "a:b (c", "NEAR(", "\x00", "x" * 100_000):
        posts.matching_ids(db, PostFilter(text_query=hostile + " seveso"), rules())
    with pytest.raises(StoreError, match="nothing to search"):
        posts.matching_ids(db, PostFilter(text_query="  ** --  "), rules())


def test_needs_reply_and_overdue_follow_channel_targets(small):
    crisis, ids = small
    db = crisis.db
    # At T0+5h, twitter posts (2 h) are overdue; Facebook (same day in Paris) are not.
    overdue = ids_of(db, PostFilter(overdue=True))
    assert overdue == [ids[4], ids[1], ids[0]]
    triage.set_triage(db, [ids[1]], what="praise")
    triage.set_status(db, [ids[0]], "answered", "Inès")
    assert ids_of(db, PostFilter(overdue=True)) == [ids[4]]
    assert set(ids_of(db, PostFilter(needs_reply=True))) == {ids[2], ids[3], ids[4]}
    next_day = T0.replace(hour=23, minute=30)  # 00:30 in Paris: Facebook posts overdue
    assert set(ids_of(db, PostFilter(overdue=True), next_day)) == {ids[2], ids[3], ids[4]}
    row = posts.fetch_row(db, ids[0], rules())
    assert row.deadline is None and row.answered_at is not None
    assert posts.fetch_row(db, ids[4], rules()).deadline == T0 + timedelta(minutes=150)


def test_triage_status_assignment_and_moderation_are_checked_and_logged(small):
    crisis, ids = small
    db = crisis.db
    triage.set_triage(db, [ids[2]], what="rumor", where="their account", priority=3)
    assert posts.fetch_row(db, ids[2], rules()).status == "triaged"
    triage.assign(db, [ids[2]], "Hugo Lefèvre", "Inès")
    row = posts.fetch_row(db, ids[2], rules())
    assert (row.status, row.assignee, row.priority) == ("assigned", "Hugo Lefèvre", 3)
    assert ids_of(db, PostFilter(assignee="Hugo Lefèvre")) == [ids[2]]
    with pytest.raises(StoreError, match="needs a reason"):
        triage.set_status(db, [ids[1]], "ignored", "Inès")
    before = LogEntry.select().count()
    triage.set_status(db, [ids[2]], "escalated", "Inès", reason="legal must answer")
    with pytest.raises(StoreError, match="criticism and questions are answered"):
        triage.set_triage(db, [ids[0]], what="criticism")
        triage.moderate(db, ids[0], "too harsh", "Inès")
    triage.set_triage(db, [ids[1]], what="insult_threat")
    triage.moderate(db, ids[1], "threat against staff", "Inès")
    entries = list(LogEntry.select().order_by(LogEntry.seq))[before:]
    assert [e.automatic for e in entries] == [True, True]
    assert "escalated" in entries[0].text and "legal must answer" in entries[0].text
    assert "threat against staff" in entries[1].text and entries[1].on_behalf_of == "Inès"
    assert '["post",' in entries[1].links
    assert Post.get_by_id(ids[1]).moderated  # hidden, never deleted


def test_sentiment_correction_links_logbook_and_rumor(small):
    crisis, ids = small
    db = crisis.db
    triage.correct_sentiment(db, ids[1], -0.5)
    row = posts.fetch_row(db, ids[1], rules())
    assert row.sentiment == -0.5 and row.sentiment_corrected
    assert ids[1] in ids_of(db, PostFilter(sentiment_max=-0.4))
    with pytest.raises(StoreError, match="between -1"):
        triage.correct_sentiment(db, ids[1], 3)
    entry = triage.log_post(db, ids[0], "", "Inès")
    assert entry.links == (("post", ids[0]),) and "brûlé" in entry.text
    rumor = create_rumor(db, "Le site serait classé Seveso", "Inès", origin_post_id=ids[2])
    assert ids_of(db, PostFilter(rumor_id=rumor)) == [ids[2]]
    db.execute_sql(
        "INSERT INTO statement (title, created_at, updated_at) VALUES ('Point presse',"
        " '2021-03-10T10:00:00.000000Z', '2021-03-10T10:00:00.000000Z')"
    )
    assert triage.link_statement(db, ids[0], 1, "Inès")
    assert not triage.link_statement(db, ids[0], 1, "Inès")
    detail = post_detail(db, ids[0], rules())
    assert detail.statements == [(1, "Point presse")]
    assert [r.id for r in detail.replies] == [ids[4]]
    assert post_detail(db, ids[4], rules()).parent.id == ids[0]
    assert detail.author.handle == "client" and detail.author.post_count == 3
    assert post_detail(db, ids[2], rules()).rumor == (rumor, "Le site serait classé Seveso")


def test_saved_views_round_trip(small):
    crisis, _ = small
    f = PostFilter(
        channels=frozenset({"twitter", "facebook"}),
        since=T0,
        text_query='"classé seveso"',
        overdue=True,
        label="Rumeur Seveso",
    )
    triage.save_view(crisis.db, "Seveso", f, "Inès")
    triage.save_view(crisis.db, "Seveso", f, "Hugo")  # same name: replaced
    assert triage.saved_views() == [("Seveso", f)]
    triage.delete_view(crisis.db, "Seveso")
    assert triage.saved_views() == []
    with pytest.raises(StoreError, match="needs a name"):
        triage.save_view(crisis.db, "  ", f, "Inès")


def test_arrivals_volume_and_alerts(small):
    crisis, _ids = small
    db = crisis.db
    top = posts.max_post_id(db)
    author = Author.get(Author.handle == "client")
    new = add(author, 99, "nouveau", minutes=300)
    add(author, 100, "autre canal", channel="reddit", minutes=301)
    found, seen = posts.arrivals_after(
        db, PostFilter(channels=frozenset({"twitter"})), rules(), top
    )
    assert [i for i, _ in found] == [new] and seen == top + 2
    series = feed_stats.volume(db, PostFilter(), rules(), T0, timedelta(hours=1), 6)
    assert series.totals.tolist() == [4, 0, 0, 0, 1, 2]
    assert series.channels[0] == "twitter"
    assert feed_stats.record_alert(db, "spike:twitter:1", "Spike on twitter")
    assert not feed_stats.record_alert(db, "spike:twitter:1", "Spike on twitter")
    stats = feed_stats.dashboard(db, rules(datetime(2030, 1, 1, tzinfo=UTC)))
    assert not stats.live and stats.last_hour == 3  # 12:50, 13:00, 13:01


def test_the_generated_big_file_holds_a_million_posts_at_the_current_schema(big_crisis_path):
    from warroom.store.db import CrisisDatabase

    conn = sqlite3.connect(big_crisis_path)
    assert conn.execute("SELECT count(*) FROM post").fetchone()[0] == BIG_POSTS
    assert conn.execute("SELECT count(*) FROM post_fts").fetchone()[0] == BIG_POSTS
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert "post_fts_insert" in triggers  # put back after the bulk load
    conn.close()
    CrisisDatabase.open(big_crisis_path).close()  # the app opens it as it is (no migration)


def test_a_dense_search_shows_the_exact_first_screen_of_the_full_list(big_crisis_path):
    """Many matches: the first screen walks the newest posts (post_created) instead of
    sorting every match, and is exactly the head of the full list, time range or not."""
    from warroom.store.db import CrisisDatabase

    crisis = CrisisDatabase.open(big_crisis_path)
    try:
        db = crisis.db
        for f in (
            PostFilter(text_query="sauv*"),
            PostFilter(text_query='"classé seveso"', until=T0 + timedelta(hours=30)),
        ):
            assert posts._scan_newest_first(db, f), f  # the dense path is the one tested
            full = posts.matching_ids(db, f, rules()).tolist()
            first = posts.matching_ids(db, f, rules(), limit=300).tolist()
            assert len(full) > posts.DENSE_MATCHES and first == full[:300]
        sparse = PostFilter(text_query="sauv*", channels=frozenset({"youtube"}))
        assert not posts._scan_newest_first(db, sparse)  # other filters: the planner decides
        full = posts.matching_ids(db, sparse, rules()).tolist()
        assert posts.matching_ids(db, sparse, rules(), limit=300).tolist() == full[:300]
    finally:
        crisis.close()


def test_an_obsolete_read_is_abandoned_and_the_connection_stays_usable(big_crisis_path):
    from warroom.store.db import CrisisDatabase
    from warroom.store.interrupt import Superseded, abandoned_when

    crisis = CrisisDatabase.open(big_crisis_path)
    try:
        db = crisis.db
        checks = []

        def stop():  # the operator changes the filter while the list is being read
            checks.append(1)
            return len(checks) > 3

        with pytest.raises(Superseded), abandoned_when(db, stop):
            posts.matching_ids(db, PostFilter(), rules())
        assert len(checks) > 3  # SQLite asked, and gave up on the fourth question
        with abandoned_when(db, lambda: False):
            assert len(posts.matching_ids(db, PostFilter(), rules())) > 100_000
        assert len(posts.matching_ids(db, PostFilter(), rules())) > 100_000  # handler gone
        with pytest.raises(Superseded), abandoned_when(db, lambda: True):
            pass  # already obsolete: nothing is read
    finally:
        crisis.close()


def test_a_bare_repost_shows_what_it_reshared(small):
    crisis, ids = small
    db = crisis.db
    fan = Author.create(channel="twitter", handle="fan", kind="public", created_at=T0)
    shared = add(fan, 10, "", minutes=40, repost_of="1")  # reshares the "client" post n°1
    lost = add(fan, 11, "", minutes=41, repost_of="999")  # its original is not stored
    quoted = add(fan, 12, "Vraiment ?", minutes=42, repost_of="2")  # has its own text
    rows = posts.fetch_rows(db, [shared, lost, quoted], rules())
    assert rows[shared].display_text == (
        "↻ @client: Le datacenter a brûlé, où sont mes sauvegardes ?"
    )
    assert rows[lost].display_text == "↻ (repost of a post that is not stored)"
    assert rows[quoted].display_text == "Vraiment ?"
    assert posts.fetch_rows(db, [ids[0]], rules())[ids[0]].display_text.startswith("Le data")


def test_the_awaiting_index_matches_the_needs_reply_condition(small):
    """SQLite uses the partial index only if the query holds its exact WHERE clause."""
    from warroom.store.migrations.m0010_own_posts import AWAITING_CONDITION_10 as AWAITING_CONDITION

    crisis, _ids = small
    assert posts.needs_reply_condition() == AWAITING_CONDITION
    (sql,) = crisis.db.execute_sql(
        "SELECT sql FROM sqlite_master WHERE name = 'post_awaiting'"
    ).fetchone()
    assert sql.endswith(f"WHERE {AWAITING_CONDITION}")
    f = PostFilter(overdue=True, channels=frozenset({"twitter"}))
    where, params = posts.where_clause(f, rules())
    plan = crisis.db.execute_sql(
        f"EXPLAIN QUERY PLAN SELECT count(*) FROM {posts.post_source(f)} {where}", params
    ).fetchall()
    assert any("post_awaiting" in str(row) for row in plan)


def test_posts_of_our_own_accounts_await_no_reply(small):
    """The company's own accounts (author kind "company") post statements and replies: they
    are never counted as awaiting a reply or overdue, and get no countdown."""
    crisis, ids = small
    db = crisis.db
    own = Author.create(channel="twitter", handle="hexacloud", kind="company", created_at=T0)
    ours = add(own, 90, "Point de situation : reprise partielle ce soir", minutes=40)
    later = rules(T0 + timedelta(hours=30))
    awaiting = ids_of(db, PostFilter(needs_reply=True), later.now)
    assert ours not in awaiting and ids[0] in awaiting
    overdue = posts.matching_ids(db, PostFilter(overdue=True), later).tolist()
    assert ours not in overdue and ids[0] in overdue
    row = posts.fetch_row(db, ours, later)
    assert row.deadline is None
    assert posts.fetch_row(db, ids[0], later).deadline is not None
    # An account corrected to "company" by an operator stops awaiting a reply at once.
    Author.update(kind="company").where(Author.handle == "client").execute()
    assert ids[0] not in ids_of(db, PostFilter(needs_reply=True), later.now)


def test_answer_first_is_a_day_of_posts_awaiting_a_reply_by_priority_then_reach(crisis):
    db = crisis.db
    small_voice = Author.create(channel="twitter", handle="a", followers=10, created_at=T0)
    big_voice = Author.create(channel="twitter", handle="b", followers=90_000, created_at=T0)
    own = Author.create(channel="twitter", handle="us", kind="company", created_at=T0)
    quiet = add(small_voice, 1, "où en est-on ?", minutes=60, reach=10)
    loud = add(big_voice, 2, "aucune nouvelle", minutes=50, reach=90_000)
    urgent = add(small_voice, 3, "menace de plainte", minutes=40, reach=10, priority=3)
    add(own, 4, "point à 18h", minutes=55, reach=500_000)  # ours: no answer owed
    add(big_voice, 5, "merci", minutes=45, reach=90_000, status="answered")
    add(big_voice, 6, "hier soir", minutes=-26 * 60, reach=90_000)  # older than a day
    now = T0 + timedelta(hours=2)
    shown = [row.id for row in feed_stats.answer_first(db, rules(now), now)]
    assert shown == [urgent, loud, quiet]
    assert [r.id for r in feed_stats.answer_first(db, rules(now), now, limit=1)] == [urgent]
