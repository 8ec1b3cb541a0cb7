"""The Sources panel, driven like a user: dialogs typed into, toolbar actions clicked,
posts arriving from a real local server while the scheduler runs."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from tests.ingest.conftest import api_bytes, body_for, in_modal
from warroom.store import sources as store_sources
from warroom.store.models import LogEntry, Post
from warroom.ui.sources.models import SourceTableModel, WatchTableModel
from warroom.ui.sources.view import SourcesView


def _view(qtbot, ctx) -> SourcesView:
    view = SourcesView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    return view


def _fill_source(kind, url, query="", name="", token=""):
    def fill(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData(kind))
        for widget, text in (
            (dialog.name, name),
            (dialog.url, url),
            (dialog.query, query),
            (dialog.token, token),
        ):
            widget.clear()
            if text:
                widget.setFocus()
                for char in text:
                    QApplication.sendEvent(widget, _key(char))
        dialog.interval.setValue(60)
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    return fill


def _key(char):
    from PySide6.QtGui import QKeyEvent

    return QKeyEvent(QKeyEvent.Type.KeyPress, 0, Qt.KeyboardModifier.NoModifier, char)


def _row(view, name):
    return next(i for i, s in enumerate(view.model.sources()) if s.name == name)


def test_add_rss_and_mastodon_sources_and_watch_posts_arrive(
    qtbot, ingest_ctx, httpserver, memory_keyring
):
    feed = api_bytes("rss_atom/youtube_channel_atom_kotlin_TRUNCATED_2entries.xml")
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed, content_type="application/atom+xml"
    )
    statuses = body_for("mastodon/test_public_tl.responses.json", "timelines/public?local=1")
    httpserver.expect_request("/api/v1/timelines/tag/ovh").respond_with_json(statuses)
    view = _view(qtbot, ingest_ctx)
    in_modal(_fill_source("rss", httpserver.url_for("/feed.xml"), name="Kotlin"))
    view.actions_by_name["add"].trigger()
    in_modal(_fill_source("mastodon", httpserver.url_for("/"), "#ovh", name="Masto", token="tok-1"))
    view.actions_by_name["add"].trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2, timeout=5000)
    assert memory_keyring.store[("warroom", "source:Masto")] == "tok-1"
    qtbot.waitUntil(
        lambda: (
            {s.name: s.post_count for s in view.model.sources()}
            == {"Kotlin": 2, "Masto": len(statuses)}
        ),
        timeout=10_000,
    )
    assert view.health.text() == "Sources: 2 ok"
    assert "new" in view.activity.text()
    masto = [request for request, _ in httpserver.log if "tag/ovh" in request.path]
    assert masto[0].headers.get("Authorization") == "Bearer tok-1"  # from the keyring
    assert "tok-1" not in json.dumps([s.params for s in view.model.sources()])
    view.table.selectRow(_row(view, "Kotlin"))
    assert "Next poll" in view.detail.text()


def test_failing_source_shows_error_and_next_retry_and_logs_once(qtbot, ingest_ctx, httpserver):
    httpserver.expect_request("/feed.xml").respond_with_data(
        "<html>oops</html>", content_type="text/html"
    )
    db = ingest_ctx.crisis.db
    store_sources.add_source(db, "rss", "Broken feed", {"url": httpserver.url_for("/feed.xml")}, 60)
    view = _view(qtbot, ingest_ctx)
    qtbot.waitUntil(
        lambda: bool(view.model.sources()) and view.model.sources()[0].failing, timeout=10_000
    )
    view.table.selectRow(0)
    assert "web page, not an RSS/Atom feed" in view.detail.text()
    assert (
        "next retry" in view.detail.text() and "Posts already stored are kept" in view.detail.text()
    )
    assert "1 failing" in view.health.text()
    assert view.model.data(view.model.index(0, 2)).startswith("Failing")
    assert view.model.data(view.model.index(0, 2), Qt.ItemDataRole.ForegroundRole) is not None
    entries = [e for e in LogEntry.select() if "Broken feed" in e.text]
    assert len(entries) == 1 and entries[0].automatic
    assert "sent a web page, not an RSS/Atom feed" in entries[0].text


def test_pause_fetch_now_and_remove(qtbot, ingest_ctx, httpserver, monkeypatch):
    feed = api_bytes("rss_atom/youtube_channel_atom_kotlin_TRUNCATED_2entries.xml")
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed, content_type="application/atom+xml"
    )
    db = ingest_ctx.crisis.db
    info = store_sources.add_source(db, "rss", "Feed", {"url": httpserver.url_for("/feed.xml")}, 60)
    store_sources.update_source(db, info.id, store_sources.SourceUpdate(enabled=False))
    view = _view(qtbot, ingest_ctx)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    view.table.selectRow(0)
    assert view.actions_by_name["pause"].text() == "Resume"
    assert view.model.data(view.model.index(0, 2)) == "Paused"
    with qtbot.waitSignal(view.scheduler.polled, timeout=10_000) as polled:
        view.actions_by_name["fetch"].trigger()  # tests a paused source
    assert polled.args[0].batch.new == 2
    view.actions_by_name["pause"].trigger()
    qtbot.waitUntil(lambda: view.model.sources()[0].enabled)
    view.table.selectRow(0)
    view.actions_by_name["pause"].trigger()
    qtbot.waitUntil(lambda: not view.model.sources()[0].enabled)
    view.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.actions_by_name["remove"].trigger()
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert Post.select().count() == 2  # the posts stay


def test_restart_resumes_from_the_cursor_without_duplicates(qtbot, crisis, httpserver, qapp):
    from warroom.ui.application import build_context, make_settings

    statuses = body_for("mastodon/test_public_tl.responses.json", "timelines/public?local=1")
    seen = []

    def handler(request):
        from werkzeug import Response

        seen.append(request.args.get("min_id"))
        body = [] if request.args.get("min_id") else statuses
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/api/v1/timelines/tag/ovh").respond_with_handler(handler)
    store_sources.add_source(
        crisis.db, "mastodon", "Masto", {"url": httpserver.url_for("/"), "query": "#ovh"}, 60
    )
    for round_ in range(2):
        if round_ == 1:  # time passed while the app was closed: the source is due again
            store_sources.poll_now(crisis.db, store_sources.get_source("Masto").id)
        ctx = build_context(crisis, make_settings(), "Inès Benali")
        view = _view(qtbot, ctx)
        with qtbot.waitSignal(view.scheduler.polled, timeout=10_000):
            pass
        view.scheduler.stop()
        view.close()
        ctx.runner.shutdown()
    newest = max((s["id"] for s in statuses), key=int)
    assert seen == [None, newest]
    assert Post.select().count() == len(statuses)


def test_watchlist_editor_adds_and_removes_terms(qtbot, ingest_ctx):
    from warroom.ui.sources.watchlist import WatchlistDialog

    dialog = WatchlistDialog(ingest_ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.term, "@ycorre_hexa")
    qtbot.keyClick(dialog.term, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1)
    assert dialog.model.data(dialog.model.index(0, 0)) == "account"
    assert dialog.model.data(dialog.model.index(0, 1)) == "ycorre_hexa"
    qtbot.keyClicks(dialog.term, "@ycorre_hexa")
    qtbot.keyClick(dialog.term, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "already on the watchlist" in dialog.message.text())
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 0)


def test_models_pass_the_model_tester(qtmodeltester, ingest_ctx):
    from zoneinfo import ZoneInfo

    from warroom.store.watch import add_watch, list_watches

    db = ingest_ctx.crisis.db
    store_sources.add_source(db, "rss", "A", {"url": "http://a.example/f"}, 60)
    store_sources.record_failure(db, store_sources.get_source("A").id, "down", 60)
    store_sources.add_source(db, "mastodon", "B", {"url": "http://b.example", "query": "#x"}, 60)
    model = SourceTableModel(ZoneInfo("Europe/Paris"))
    model.set_sources(store_sources.list_sources())
    qtmodeltester.check(model)
    add_watch(db, "keyword", "incendie")
    watch_model = WatchTableModel()
    watch_model.set_rows(list_watches())
    qtmodeltester.check(watch_model)


def test_main_window_has_file_import_and_source_health(qtbot, demo_crisis, qapp):
    from warroom.ui.application import build_context, make_settings
    from warroom.ui.main_window import MainWindow

    ctx = build_context(demo_crisis, make_settings(), "Inès Benali")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    names = [a.objectName() for a in window.menu_file.actions()]
    assert "fileImport" in names
    health = window.views["sources"].health
    qtbot.waitUntil(lambda: "paused" in health.text())
    assert health.text() == "Sources: 0 ok · 4 paused"
    assert window.views["sources"].item_count() == 5
    ctx.runner.shutdown()
