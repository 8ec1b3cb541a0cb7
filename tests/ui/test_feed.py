"""The Feed and Dashboard views, driven like an operator would (qtbot, real files)."""

import random
import sqlite3
from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QScrollArea

from tests.conftest import BIG_POSTS
from warroom.domain.filters import PostFilter
from warroom.store.db import CrisisDatabase
from warroom.store.models import LogEntry, Post
from warroom.ui.dashboard.view import DashboardView
from warroom.ui.feed.table import TEXT_MIN
from warroom.ui.feed.view import ROW_HEIGHT, FeedView


def loaded(qtbot, view, count=None):
    qtbot.waitUntil(lambda: not view._loading and view.model.rowCount() > 0, timeout=20_000)
    if count is not None:
        qtbot.waitUntil(lambda: view.model.rowCount() == count, timeout=20_000)


@pytest.fixture
def feed(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = FeedView(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 800)
    view.show()
    loaded(qtbot, view, 420)
    return view


@pytest.fixture(scope="module")
def big(big_crisis_path):
    return big_crisis_path


@pytest.fixture
def big_feed(qtbot, big, make_context):
    crisis = CrisisDatabase.open(big)
    ctx = make_context(crisis)
    view = FeedView(ctx)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    loaded(qtbot, view, BIG_POSTS)
    yield view
    ctx.runner.shutdown()
    crisis.close()


def raw_newest(path, where="", params=(), limit=None):
    conn = sqlite3.connect(path)
    sql = f"SELECT id FROM post {where} ORDER BY created_at DESC, id DESC"
    rows = [r[0] for r in conn.execute(sql + (f" LIMIT {limit}" if limit else ""), params)]
    conn.close()
    return rows


def test_model_contract(qtmodeltester, feed):
    qtmodeltester.check(feed.model)


def test_big_rows_and_random_rows(big_feed, big):
    model = big_feed.model
    assert model.rowCount() == BIG_POSTS
    expected = raw_newest(big)
    assert model.ids().tolist() == expected
    conn = sqlite3.connect(big)
    rng = random.Random(1)
    for row in rng.sample(range(BIG_POSTS), 25):
        text, handle = conn.execute(
            "SELECT p.text, a.handle FROM post p JOIN author a ON a.id = p.author_id WHERE p.id=?",
            (expected[row],),
        ).fetchone()
        assert model.index(row, model.COL_TEXT).data() == text
        assert model.index(row, model.COL_AUTHOR).data().startswith(f"@{handle}")
    conn.close()
    assert len(model._cache) <= model.CACHE_ROWS


def test_big_filters_and_full_text(qtbot, big_feed, big):
    bar = big_feed.bar
    bar._channel_actions["facebook"].setChecked(True)
    loaded(qtbot, big_feed)
    expected = raw_newest(big, "WHERE channel = 'facebook'")
    qtbot.waitUntil(lambda: big_feed.model.ids().tolist() == expected, timeout=20_000)
    bar._channel_actions["facebook"].setChecked(False)
    qtbot.keyClicks(bar.search, '"classe seveso"')
    qtbot.keyClick(bar.search, Qt.Key.Key_Return)
    fts = raw_newest(
        big, "WHERE id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH '\"classé seveso\"')"
    )
    assert 0 < len(fts) < BIG_POSTS
    qtbot.waitUntil(lambda: big_feed.model.ids().tolist() == fts, timeout=20_000)
    assert "Seveso" in big_feed.model.index(0, 3).data()


def test_big_search_typed_over_an_unfinished_one_abandons_it(qtbot, big_feed, big):
    """An operator who corrects the search before the first finished sees the second one
    only, with no error; the first's reads (id list, chart) are abandoned, not awaited."""
    bar = big_feed.bar
    abandoned = []
    first_stop = big_feed._superseded
    qtbot.keyClicks(bar.search, "sauv*")
    qtbot.keyClick(bar.search, Qt.Key.Key_Return)
    searching = big_feed._superseded
    assert first_stop.is_set() and not searching.is_set()
    bar.search.clear()
    qtbot.keyClicks(bar.search, "pompiers")
    qtbot.keyClick(bar.search, Qt.Key.Key_Return)
    abandoned.append(searching.is_set())
    expected = raw_newest(
        big, "WHERE id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH 'pompiers')"
    )
    assert 0 < len(expected) < BIG_POSTS
    qtbot.waitUntil(lambda: big_feed.model.ids().tolist() == expected, timeout=20_000)
    qtbot.waitUntil(lambda: not big_feed._loading, timeout=20_000)
    assert abandoned == [True]
    assert "Cannot search" not in big_feed.summary.text()
    assert big_feed.summary.text().startswith(f"{len(expected)} posts")


def test_big_live_batch_keeps_scroll_and_selection(qtbot, big_feed, big):
    view = big_feed
    table = view.table
    view.select_post(view.model.post_id(5000))
    selected = view.current_post_id()
    bar = table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.value() > 0)
    top_row = table.rowAt(0)
    top_id = view.model.post_id(top_row)
    db = view.ctx.crisis.db
    first = Post.select().order_by(Post.id.desc()).first()
    with db.atomic():
        for n in range(300):
            Post.create(
                channel="twitter",
                external_id=f"live-{n}",
                author=first.author,
                text=f"arrivée en direct {n}",
                created_at=first.created_at.replace(year=2030),
                fetched_at=first.created_at,
            )
    view.ctx.changes.notify({"posts"})
    qtbot.waitUntil(lambda: view.model.rowCount() == BIG_POSTS + 300, timeout=20_000)
    assert view.current_post_id() == selected  # the selection follows its post
    assert view.model.post_id(table.rowAt(0)) == top_id  # same rows on screen
    assert view.model.index(0, 3).data() == "arrivée en direct 299"
    assert bar.value() >= 300 * ROW_HEIGHT


def test_keyboard_triage(qtbot, feed):
    view = feed
    table = view.table
    table.setFocus()
    view.select_post(view.model.post_id(0))
    post_id = view.current_post_id()
    qtbot.keyClick(table, Qt.Key.Key_4)  # question
    qtbot.waitUntil(lambda: Post.get_by_id(post_id).triage_what == "question")
    assert Post.get_by_id(post_id).status == "triaged"
    qtbot.keyClick(table, Qt.Key.Key_P)
    qtbot.waitUntil(lambda: Post.get_by_id(post_id).priority == 1)
    qtbot.keyClick(table, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: Post.get_by_id(post_id).status == "assigned")
    assert Post.get_by_id(post_id).assignee == "Inès Benali"
    qtbot.keyClick(table, Qt.Key.Key_R)
    qtbot.waitUntil(lambda: Post.get_by_id(post_id).status == "answered")
    qtbot.waitUntil(lambda: "answered" in view.model.index(0, 7).data())
    qtbot.keyClick(table, Qt.Key.Key_J)
    assert view.current_post_id() == view.model.post_id(1)


def test_moderation_and_rumor_from_a_post_are_logged(qtbot, feed, monkeypatch):
    view = feed
    view.table.setFocus()
    view.select_post(view.model.post_id(2))
    post_id = view.current_post_id()
    qtbot.keyClick(view.table, Qt.Key.Key_6)  # insult / threat
    qtbot.waitUntil(lambda: Post.get_by_id(post_id).triage_what == "insult_threat")
    answers = iter(["threat against our staff", "Le site serait classé Seveso"])
    monkeypatch.setattr(view, "ask_text", lambda *a, **k: next(answers))
    before = LogEntry.select().count()
    qtbot.keyClick(view.table, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: Post.get_by_id(post_id).moderated)
    qtbot.keyClick(view.table, Qt.Key.Key_U)
    qtbot.waitUntil(lambda: Post.get_by_id(post_id).rumor is not None)
    texts = [e.text for e in LogEntry.select().order_by(LogEntry.seq)][before:]
    assert any("threat against our staff" in t for t in texts)
    assert any("Seveso" in t for t in texts)
    qtbot.waitUntil(
        lambda: view.model.index(view.model.row_of(post_id), 3).data().startswith("[hidden]")
    )


def test_detail_pane_shows_plain_text_thread_and_raw(qtbot, feed):
    view = feed
    reply = Post.select().where(Post.reply_to.is_null(False)).first()
    view.select_post(reply.id)
    qtbot.waitUntil(
        lambda: view.detail.detail is not None and view.detail.detail.post.id == reply.id
    )
    assert view.detail.text.toPlainText() == reply.text
    assert view.detail.parent_label.text().startswith("reply to")
    assert "(no raw payload stored)" in view.detail.raw.toPlainText()


def _right_edge_in(widget, container) -> int:
    return widget.mapTo(container, QPoint(widget.width(), 0)).x()


def test_a_narrow_feed_keeps_the_detail_pane_and_the_triage_columns_in_view(qtbot, feed, tmp_path):
    """At the width the default window gives the Feed on a 1440-pixel laptop screen, the
    detail pane shows all of its controls (no clipped buttons) and the table shows the time,
    channel, author, triage status and reply countdown before the text."""
    view = feed
    view.resize(900, 760)
    view.select_post(view.model.post_id(3))
    qtbot.waitUntil(lambda: view.detail.detail is not None)
    scroll = view.detail.findChild(QScrollArea)
    viewport = scroll.viewport()
    qtbot.waitUntil(lambda: scroll.widget().width() <= viewport.width())
    for button in view.detail.buttons.values():
        assert _right_edge_in(button, viewport) <= viewport.width(), button.text()
    assert _right_edge_in(view.detail.what, viewport) <= viewport.width()
    table, header = view.table, view.table.horizontalHeader()
    model = view.model
    for column in (model.COL_TIME, model.COL_CHANNEL, model.COL_AUTHOR, model.COL_STATUS):
        end = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert end <= table.viewport().width(), model.HEADERS[column]
    assert header.sectionSize(model.COL_TEXT) >= TEXT_MIN
    view.grab().save(str(tmp_path / "feed_900.png"))
    # Wider: every column is on screen, the text taking the room left.
    view.resize(1700, 760)
    last = header.logicalIndex(header.count() - 1)
    qtbot.waitUntil(
        lambda: (
            header.sectionViewportPosition(last) + header.sectionSize(last)
            == table.viewport().width()
        )
    )
    assert header.sectionSize(model.COL_TEXT) > 380
    # A width the operator chose is kept.
    header.resizeSection(model.COL_TEXT, 333)
    view.resize(1400, 760)
    qtbot.wait(50)
    assert header.sectionSize(model.COL_TEXT) == 333


def test_the_time_column_shows_minutes_and_its_tooltip_the_full_time(feed):
    model = feed.model
    post = model.post_at(0)
    shown = model.index(0, model.COL_TIME).data()
    assert shown == post.created_at.astimezone(feed.ctx.tz).strftime("%d/%m %H:%M")
    tip = model.index(0, model.COL_TIME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith(post.created_at.astimezone(feed.ctx.tz).strftime("%d/%m/%Y %H:%M:%S"))


def test_dashboard_answer_first_lists_the_posts_to_answer_and_opens_one(qtbot, feed, tmp_path):
    """The dashboard's list holds posts awaiting a reply of the day before its "now", by
    priority then reach, none of our own accounts; a double-click opens the post in the
    Feed, selected, whatever filter hid it."""
    from warroom.store import feed_stats
    from warroom.store.models import Author

    ctx = feed.ctx
    dashboard = DashboardView(ctx)
    qtbot.addWidget(dashboard)
    dashboard.resize(920, 760)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.stats is not None)
    listed = dashboard.answer_first.post_ids()
    assert listed and listed == [row.id for row in dashboard.stats.answer_first]
    rows = [Post.get_by_id(i) for i in listed]
    assert all(Author.get_by_id(p.author_id).kind != "company" for p in rows)
    assert all(p.status in ("new", "triaged", "assigned") for p in rows)
    keys = [(-p.priority, -p.reach) for p in rows]
    assert keys == sorted(keys)
    day_ago = dashboard.stats.now - timedelta(days=1)
    assert all(p.created_at >= day_ago for p in rows)
    assert len(listed) <= feed_stats.ANSWER_FIRST
    dashboard.grab().save(str(tmp_path / "dashboard.png"))
    # Source health counts the connectors the status bar counts (not scenario or file).
    from warroom.store.models import Source

    paused = Source.select().where(Source.enabled == 0, Source.kind.not_in(["scenario", "file"]))
    assert paused.count() > 0
    assert f"{paused.count()} paused" in dashboard.tiles["sources"].note.text()
    feed.bar._channel_actions["press"].setChecked(True)  # a filter that hides the post
    qtbot.waitUntil(lambda: not feed._loading)
    target = next(i for i in listed if Post.get_by_id(i).channel != "press")
    tree = dashboard.answer_first.list
    item = tree.topLevelItem(listed.index(target))
    rect = tree.visualItemRect(item)
    chosen = []
    dashboard.answer_first.post_chosen.connect(chosen.append)
    # A real double-click: press and release, then the double-click event.
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert chosen == [target]
    qtbot.waitUntil(lambda: feed.current_post_id() == target, timeout=10_000)
    assert not feed.filter.channels


def test_navigator_filter_and_dashboard_tiles(qtbot, feed, demo_crisis):
    ctx = feed.ctx
    raised = []
    ctx.navigator.show_view.connect(raised.append)
    dashboard = DashboardView(ctx)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.stats is not None)
    overdue = dashboard.stats.overdue
    assert dashboard.tiles["overdue"].value.text() == str(overdue) != "0"
    qtbot.mouseClick(dashboard.tiles["overdue"], Qt.MouseButton.LeftButton)
    assert raised[-1] == "feed"
    assert feed.bar.overdue.isChecked()
    qtbot.waitUntil(lambda: not feed._loading and feed.model.rowCount() == overdue)
    ctx.navigator.show_posts.emit(PostFilter(channels=frozenset({"facebook"}), label="FB"))
    qtbot.waitUntil(lambda: not feed._loading and feed.filter.label == "FB")
    qtbot.waitUntil(
        lambda: (
            {feed.model.post_at(r).channel for r in range(feed.model.rowCount())} == {"facebook"}
        )
    )
    qtbot.mouseClick(dashboard.tiles["rumors"], Qt.MouseButton.LeftButton)
    assert raised[-1] == "rumors"


def test_hostile_search_text_shows_a_message_not_a_traceback(qtbot, feed):
    qtbot.keyClicks(feed.bar.search, "** -- ")
    qtbot.keyClick(feed.bar.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "Cannot search" in feed.summary.text())
    feed.bar.search.clear()
    qtbot.keyClicks(feed.bar.search, "<b>l'incendie</b> \x1b NEAR( #hexacloud")
    qtbot.keyClick(feed.bar.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not feed._loading and "posts" in feed.summary.text())


def test_clicking_a_chart_bar_filters_the_table_to_its_interval(qtbot, feed):
    from PySide6.QtCore import QPointF

    chart = feed.chart
    qtbot.waitUntil(lambda: chart.series is not None and chart.series.buckets > 0)
    series = chart.series
    busiest = int(series.totals.argmax())
    step = series.interval.total_seconds()
    x = series.start.timestamp() + step * (busiest + 0.5)
    view_box = chart.plot.getViewBox()
    scene_point = view_box.mapViewToScene(QPointF(x, 1))
    pos = chart.plot.mapFromScene(scene_point)
    qtbot.mouseClick(chart.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    qtbot.waitUntil(lambda: feed.filter.since is not None and not feed._loading)
    assert feed.model.rowCount() == int(series.totals[busiest])
    assert "from" in feed.bar.chip.text()
    for row in range(feed.model.rowCount()):
        assert feed.filter.since <= feed.model.post_at(row).created_at < feed.filter.until


def test_a_typed_time_range_filters_the_table_in_the_crisis_time_zone(qtbot, feed, tmp_path):
    """Time → Range…: the operator types From / To in the crisis time zone (the dialog
    refuses an end before the start); the table holds exactly the posts of that range;
    Cancel leaves the filter as it was; Any time removes the range."""
    from datetime import UTC

    from PySide6.QtWidgets import QDialogButtonBox

    from tests.helpers.dialogs import when_shown
    from warroom.ui.feed.range_dialog import RangeDialog

    bar, tz = feed.bar, feed.ctx.tz
    newest = feed.model.post_at(0).created_at
    start_local = newest.astimezone(tz).replace(minute=0, second=0, microsecond=0)
    typed = {}

    def type_in(edit, value):
        edit.setFocus()
        edit.setSelectedSection(edit.sectionAt(0))
        qtbot.keyClicks(edit, value.strftime("%d%m%Y%H%M"))

    def type_range(dialog):
        ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
        dialog.until.setDateTime(dialog.since.dateTime().addSecs(-60))
        typed["refused"] = (not ok.isEnabled(), dialog.problem.text())
        type_in(dialog.since, start_local)
        type_in(dialog.until, start_local + timedelta(hours=2))
        typed["values"] = dialog.values()
        dialog.grab().save(str(tmp_path / "range_dialog.png"))
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_shown(RangeDialog, type_range)
    bar.time.setCurrentIndex(bar.time.findData("range"))
    qtbot.waitUntil(lambda: "values" in typed)
    refused, problem = typed["refused"]
    assert refused and "later than the start" in problem
    since, until = start_local.astimezone(UTC), (start_local + timedelta(hours=2)).astimezone(UTC)
    assert typed["values"] == (since, until)
    qtbot.waitUntil(lambda: feed.filter.since == since and not feed._loading)
    expected = Post.select().where((Post.created_at >= since) & (Post.created_at < until))
    assert 0 < feed.model.rowCount() == expected.count()
    assert start_local.strftime("%d/%m %H:%M") in bar.chip.text()  # crisis time, not UTC
    assert bar.time.currentData() == "range"
    # Any time removes the range; a cancelled Range… leaves the filter as it was.
    bar.time.setCurrentIndex(0)
    qtbot.waitUntil(lambda: feed.filter.since is None and not feed._loading)
    assert feed.model.rowCount() == 420
    when_shown(RangeDialog, lambda dialog: dialog.reject())
    bar.time.setCurrentIndex(bar.time.findData("range"))
    qtbot.waitUntil(lambda: bar.time.currentIndex() == 0)
    assert feed.filter.since is None


def test_reply_targets_dialog_validates_and_reports_changes(qtbot):
    from PySide6.QtWidgets import QDialogButtonBox

    from warroom.ui.feed.targets_dialog import ReplyTargetsDialog

    dialog = ReplyTargetsDialog({"twitter": "2h", "facebook": "same_day"})
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    edit = dialog.edits["twitter"]
    edit.clear()
    qtbot.keyClicks(edit, "soon")
    assert not ok.isEnabled() and "not a reply target" in dialog.error.text()
    edit.clear()
    qtbot.keyClicks(edit, "45m")
    assert ok.isEnabled()
    assert dialog.changes() == {"twitter": "45m"}


def test_demo_has_triage_in_progress_and_saved_views(feed):
    from warroom.store import triage

    statuses = {p.status for p in Post.select(Post.status)}
    assert {"new", "triaged", "assigned", "answered"} <= statuses
    assert Post.select().where(Post.assignee == "Hugo Lefèvre").count() > 0
    assert [name for name, _f in triage.saved_views()] == ["Clients sans réponse", "Rumeur Seveso"]
    assert feed.bar.views.count() == 3


def test_arrivals_show_up_during_a_continuous_stream(qtbot, feed):
    """Notifications every 100 ms (a busy connector) must not postpone the refresh forever."""
    from PySide6.QtCore import QTimer

    first = Post.select().first()
    sent = {"n": 0}

    def arrive() -> None:
        n = sent["n"]
        sent["n"] += 1
        Post.create(
            channel="twitter",
            external_id=f"stream-{n}",
            author=first.author,
            text=f"flux {n}",
            created_at=first.created_at.replace(year=2030),
            fetched_at=first.created_at,
        )
        feed.ctx.changes.notify({"posts"})

    stream = QTimer()
    stream.setInterval(100)
    stream.timeout.connect(arrive)
    stream.start()
    try:
        qtbot.waitUntil(lambda: feed.model.rowCount() > 420, timeout=5000)
        assert stream.isActive() and sent["n"] < 40
    finally:
        stream.stop()


def test_stakeholder_group_filter(qtbot, feed):
    from warroom.store.models import Author, StakeholderGroup

    group = StakeholderGroup.get(StakeholderGroup.name == "Affected customers")
    combo = feed.bar.group
    qtbot.waitUntil(lambda: combo.findData(group.id) > 0)
    combo.setCurrentIndex(combo.findData(group.id))
    qtbot.waitUntil(lambda: feed.filter.group_id == group.id and not feed._loading)
    members = {a.id for a in Author.select().where(Author.group == group.id)}
    expected = Post.select().where(Post.author.in_(list(members))).count()
    assert 0 < feed.model.rowCount() == expected


def test_spike_and_large_newcomer_alerts_are_logged_once(qtbot, crisis, make_context):
    from datetime import timedelta

    from warroom.domain.timeutil import utcnow
    from warroom.store import feed_stats
    from warroom.store.models import Author
    from warroom.ui.feed.alerts import FeedAlerts

    now = utcnow()
    regular = Author.create(channel="twitter", handle="regular", created_at=now)
    star = Author.create(channel="twitter", handle="star", followers=900_000, created_at=now)
    for n, minutes_ago in enumerate(range(125, 10, -5)):  # the quiet past: 2 per 10 min
        Post.create(
            channel="twitter",
            external_id=f"q{n}",
            author=regular,
            text="calme",
            created_at=now - timedelta(minutes=minutes_ago),
            fetched_at=now,
        )
    for i in range(60):  # the last 10 minutes: 60 posts
        Post.create(
            channel="twitter",
            external_id=f"s{i}",
            author=star if i == 0 else regular,
            text="panne !",
            created_at=now - timedelta(seconds=5 + 9 * i),
            fetched_at=now,
        )
    ctx = make_context(crisis)
    before = LogEntry.select().count()
    alerts = FeedAlerts(ctx)
    qtbot.waitUntil(lambda: LogEntry.select().count() == before + 2, timeout=10_000)
    texts = sorted(e.text for e in LogEntry.select().order_by(LogEntry.seq))[-2:]
    assert any(t.startswith("Spike on twitter: 60 posts") for t in texts)
    assert any("@star" in t and "900,000" in t for t in texts)
    qtbot.waitUntil(lambda: alerts.alert.text().startswith("⚠"))
    assert alerts.overdue.text().startswith("Overdue replies:")
    alerts.check()
    qtbot.waitUntil(lambda: not alerts._busy)
    ctx.runner.writer.waitForDone(5000)
    assert LogEntry.select().count() == before + 2  # not logged twice
    feed_stats.set_alert_rules(crisis.db, 10, 100, 1_000_000, "Inès")
    assert feed_stats.alert_rules()["multiple"] == 10
    assert "×10" in LogEntry.select().order_by(LogEntry.seq.desc()).first().text
    with pytest.raises(Exception, match="noise"):
        feed_stats.set_alert_rules(crisis.db, 1.1, 100, 1_000, "Inès")


def test_backdated_arrivals_reload_in_place(qtbot, feed):
    """Older posts (an import) are placed by time: the list reloads, and the operator still
    sees the same rows and keeps the selected post."""
    view, table = feed, feed.table
    from PySide6.QtWidgets import QAbstractItemView

    view.select_post(view.model.post_id(250))
    selected = view.current_post_id()
    table.scrollTo(view.model.index(240, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    qtbot.waitUntil(lambda: table.rowAt(0) == 240)
    top_id = view.model.post_id(table.rowAt(0))
    middle = view.model.post_at(100)  # the imports land above the rows on screen
    for n in range(5):
        Post.create(
            channel="facebook",
            external_id=f"import-{n}",
            author=Post.get_by_id(middle.id).author,
            text=f"importé {n}",
            created_at=middle.created_at,
            fetched_at=middle.created_at,
        )
    view.ctx.changes.notify({"posts"})
    qtbot.waitUntil(lambda: view.model.rowCount() == 425 and not view._loading, timeout=10_000)
    assert view.current_post_id() == selected
    assert view.model.post_id(table.rowAt(0)) == top_id
    texts = {view.model.post_at(r).text for r in range(95, 110)}
    assert "importé 0" in texts


def test_operator_corrects_the_author_kind_from_the_detail_pane(qtbot, feed):
    """Issue #3: the guessed author kind is editable, and kept against later guesses."""
    from warroom.store.models import Author

    view = feed
    view.select_post(view.model.post_id(0))
    post_id = view.current_post_id()
    author_id = Post.get_by_id(post_id).author_id
    combo = view.detail.author_kind
    qtbot.waitUntil(lambda: combo.currentData() == Author.get_by_id(author_id).kind)
    target = "journalist" if combo.currentData() != "journalist" else "activist"
    combo.setFocus()
    combo.showPopup()
    popup = combo.view()
    index = popup.model().index(combo.findData(target), 0)
    popup.setCurrentIndex(index)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: Author.get_by_id(author_id).kind == target)
    assert Author.get_by_id(author_id).kind_locked


def test_replay_cursor_shows_the_posts_published_by_then_read_only(qtbot, feed, demo_crisis):
    """At each instant the feed lists exactly the posts created by then (newest first),
    overdue as measured then; triage keys do nothing; back to live restores it all."""
    from warroom.domain.timeutil import format_utc, parse_utc

    view, path = feed, demo_crisis.path
    conn = sqlite3.connect(path)
    times = sorted(parse_utc(at) for (at,) in conn.execute("SELECT created_at FROM post"))
    for when in (times[0], times[len(times) // 3], times[-40]):
        view.ctx.navigator.as_of_changed.emit(when)
        expected = raw_newest(path, "WHERE created_at <= ?", (format_utc(when),))
        assert 0 < len(expected) < 420
        qtbot.waitUntil(lambda e=expected: view.model.ids().tolist() == e, timeout=10_000)
        assert view.summary.text().startswith("Replay: ")
        assert view.replay_banner.isVisible() and "Replay at" in view.replay_banner.text()
    newest = view.model.post_id(0)
    view.select_post(newest)
    qtbot.waitUntil(lambda: view.detail.detail is not None)
    assert not view.detail.triage_box.isEnabled() and not view.detail.actions_box.isEnabled()
    before = Post.get_by_id(newest)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_P)  # next priority — refused while replaying
    qtbot.keyClick(view.table, Qt.Key.Key_7)  # "spam"
    qtbot.wait(300)
    after = Post.get_by_id(newest)
    assert (after.priority, after.triage_what) == (before.priority, before.triage_what)
    assert before.triage_what != "spam"
    # Overdue as of the cursor: the filter counts what was overdue at that moment.
    view.bar.set_filter(PostFilter(overdue=True))
    qtbot.waitUntil(lambda: not view._loading, timeout=10_000)
    overdue_then = view.model.rowCount()
    view.ctx.navigator.as_of_changed.emit(None)
    qtbot.waitUntil(lambda: not view._loading and view.model.rowCount() >= overdue_then)
    view.bar.clear()
    loaded(qtbot, view, 420)
    assert not view.summary.text().startswith("Replay")
    assert not view.replay_banner.isVisible()
    view.select_post(newest)
    qtbot.waitUntil(lambda: view.detail.triage_box.isEnabled())
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_7)  # live again: the same key triages
    qtbot.waitUntil(lambda: Post.get_by_id(newest).triage_what == "spam")
    conn.close()


def test_replay_dashboard_and_feed_agree_at_the_cursor(qtbot, feed, demo_crisis):
    """One cursor: the dashboard's tiles describe that instant, and clicking the overdue
    tile lists, in the replayed feed, exactly the posts it counted."""
    from datetime import timedelta

    from warroom.domain.timeutil import parse_utc

    ctx = feed.ctx
    dashboard = DashboardView(ctx)
    qtbot.addWidget(dashboard)
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.stats is not None)
    dashboard_live_overdue = dashboard.stats.overdue
    conn = sqlite3.connect(demo_crisis.path)
    times = sorted(parse_utc(at) for (at,) in conn.execute("SELECT created_at FROM post"))
    conn.close()
    when = times[len(times) // 2]
    ctx.navigator.as_of_changed.emit(when)
    qtbot.waitUntil(lambda: dashboard.stats.replay and dashboard.stats.now == when)
    last_hour = sum(1 for t in times if when - timedelta(hours=1) < t <= when)
    assert dashboard.tiles["volume"].value.text() == str(last_hour) != "0"
    assert dashboard.tiles["sources"].value.text() == "—"
    assert dashboard.as_of.text().startswith("Replay at ")
    assert dashboard.replay_banner.isVisible()
    overdue = dashboard.stats.overdue
    assert 0 < overdue < dashboard_live_overdue
    qtbot.mouseClick(dashboard.tiles["overdue"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feed.bar.overdue.isChecked() and not feed._loading)
    qtbot.waitUntil(lambda: feed.model.rowCount() == overdue)
    assert all(feed.model.post_at(r).created_at <= when for r in range(feed.model.rowCount()))
    ctx.navigator.as_of_changed.emit(None)
    qtbot.waitUntil(lambda: not dashboard.stats.replay)
    assert dashboard.tiles["sources"].value.text() != "—"


def test_bare_reposts_show_what_they_reshared(qtbot, scenario_demo_crisis, make_context):
    view = FeedView(make_context(scenario_demo_crisis))
    qtbot.addWidget(view)
    view.show()
    loaded(qtbot, view, Post.select().count())
    bare = Post.select().where((Post.text == "") & Post.repost_of.is_null(False)).first()
    assert bare is not None  # the demo has reposts without text of their own
    original = Post.get((Post.channel == bare.channel) & (Post.external_id == bare.repost_of))
    cell = view.model.index(view.model.row_of(bare.id), view.model.COL_TEXT)
    shown = " ".join(original.text.split())[:60]
    assert cell.data().startswith(f"↻ @{original.author.handle}: {shown}")
    assert cell.data(Qt.ItemDataRole.ToolTipRole).startswith("↻ ")


def test_chart_legend_sits_above_the_plot_and_the_share_is_smoothed(qtbot, feed):
    import numpy as np

    from warroom.ui.feed.chart import rolling_share

    qtbot.waitUntil(lambda: feed.chart.series is not None)
    legend = feed.chart.legend.text()
    for channel in feed.chart.series.channels[:3]:
        assert channel in legend
    assert "negative share" in legend
    assert feed.chart.legend.geometry().bottom() <= feed.chart.plot.geometry().top()
    share = rolling_share(np.array([1, 2, 3, 0]), np.array([2, 4, 6, 1]))
    assert np.isnan(share[0]) and np.isnan(share[3])  # fewer than 10 posts in the window
    assert share[1] == 6 / 12 and share[2] == 5 / 11


def test_replayed_chart_shows_markers_of_that_time_and_redraws_at_most_once_a_second(qtbot, feed):
    from warroom.store import feed_stats

    qtbot.waitUntil(lambda: feed.chart.series is not None)
    every = feed_stats.markers(feed.ctx.crisis.db)
    assert len(every) >= 2
    when = every[len(every) // 2].at
    loads = []
    original = feed.chart_loader._read
    feed.chart_loader._read = lambda generation: (loads.append(generation), original(generation))
    feed.ctx.navigator.as_of_changed.emit(when)
    qtbot.waitUntil(lambda: bool(loads), timeout=5000)
    qtbot.waitUntil(lambda: feed.chart.series.start is not None and not feed._loading)
    assert feed.chart_loader._throttle.isActive()
    shown = feed_stats.markers(feed.ctx.crisis.db, when)
    assert 0 < len(shown) < len(every) and all(m.at <= when for m in shown)
    for step in range(3):  # the cursor keeps moving (Play): one more read, the last one
        feed.ctx.navigator.as_of_changed.emit(when.replace(second=step))
        qtbot.wait(150)
    qtbot.waitUntil(lambda: len(loads) == 2, timeout=5000)
    qtbot.wait(1200)
    assert len(loads) == 2 and loads[-1] == feed._generation


def test_cells_are_painted_by_the_feed_delegate(qtbot, feed):
    """Text, the selection colour and struck-out moderated posts, as Qt's delegate did."""
    from PySide6.QtGui import QColor

    from warroom.ui.feed.delegate import FeedDelegate

    table, model = feed.table, feed.model
    assert isinstance(table.itemDelegate(), FeedDelegate)

    def colours(row, column):
        image = table.viewport().grab().toImage()
        rect = table.visualRect(model.index(row, column))
        return {
            image.pixelColor(x, y).name()
            for x in range(rect.left(), rect.right(), 2)
            for y in range(rect.top(), rect.bottom(), 2)
        }

    plain = colours(3, model.COL_TEXT)
    assert len(plain) > 3  # text was drawn (anti-aliased glyphs), not an empty cell
    feed.select_post(model.post_id(3))
    highlight = table.palette().highlight().color().name()
    qtbot.waitUntil(lambda: highlight in colours(3, model.COL_TEXT))
    post = Post.get_by_id(model.post_id(5))
    Post.update(moderated=True).where(Post.id == post.id).execute()
    model.replace_rows({post.id: feed.model._load_rows([post.id])[post.id]})
    text, _colour, struck = model.paint_cell(5, model.COL_TEXT)
    assert struck and text.startswith("[hidden]")
    assert QColor(_colour).name() == "#888888"
