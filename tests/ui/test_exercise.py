"""The exercise director's panel, File → Export review and the replay cursor, driven
through clicks and key presses on real crisis files."""

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from tests.helpers.scenarios import mini, write
from warroom.domain.timeutil import parse_utc
from warroom.store import logbook
from warroom.store.models import Post
from warroom.store.review import lessons
from warroom.ui.exercise.start_dialog import StartExerciseDialog
from warroom.ui.main_window import MainWindow


def fast_scenario(tmp_path):
    """The mini scenario squeezed into about 70 seconds of scenario time."""
    doc = mini()
    for inject in doc["injects"]:
        inject["at"] = int(inject["at"][1:3]) * 60 + int(inject["at"][4:6])
    doc["injects"][1]["duration"] = 30
    doc["injects"][1]["answers"]["delay"]["twitter"] = 5
    return write(tmp_path / "fast.json", doc)


@pytest.fixture
def empty_window(qtbot, crisis, make_context):
    win = MainWindow(make_context(crisis))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def start_through_dialog(qtbot, view, path, speed):
    dialog = StartExerciseDialog(view)
    qtbot.addWidget(dialog)
    dialog.choice.setEditText("")
    qtbot.keyClicks(dialog.choice, str(path))
    dialog.speed.setValue(speed)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    view.start(dialog.scenario, dialog.speed.value())


def test_start_dialog_reports_a_bad_scenario(qtbot, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "warroom-scenario"', encoding="utf-8")
    dialog = StartExerciseDialog()
    qtbot.addWidget(dialog)
    dialog.choice.setEditText(str(bad))
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "not valid JSON" in dialog.error.text() and dialog.scenario is None
    assert "datacenter-fire" in [dialog.choice.itemText(i) for i in range(dialog.choice.count())]


def test_start_dialog_takes_the_bundled_yaml_scenario_and_reports_yaml_errors(qtbot, tmp_path):
    dialog = StartExerciseDialog()
    qtbot.addWidget(dialog)
    ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
    bad = tmp_path / "mine.yaml"
    bad.write_text("format: warroom-scenario\nname: [oops\n", encoding="utf-8")
    dialog.choice.setEditText("")
    qtbot.keyClicks(dialog.choice, str(bad))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "not valid YAML" in dialog.error.text() and "line " in dialog.error.text()
    assert dialog.scenario is None
    names = [dialog.choice.itemText(i) for i in range(dialog.choice.count())]
    dialog.choice.setCurrentIndex(names.index("stranded-train"))
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.scenario is not None and dialog.scenario.name == "stranded-train"


def test_exercise_plays_into_an_empty_crisis_and_marks_it(qtbot, empty_window, tmp_path):
    view = empty_window.views["exercise"]
    assert "EXERCISE" not in empty_window.windowTitle()
    with qtbot.waitSignal(view.controller.started, timeout=5000):
        start_through_dialog(qtbot, view, fast_scenario(tmp_path), 100)
    assert view.upcoming_model.rowCount() > 3
    with qtbot.waitSignal(view.controller.finished, timeout=15000):
        pass
    qtbot.waitUntil(lambda: empty_window.windowTitle().startswith("EXERCISE — "))
    assert empty_window.crisis_label.text().startswith("EXERCISE — ")
    assert Post.select().count() > 40
    db = empty_window.ctx.crisis.db

    def texts():
        return [e.text for e in logbook.entries(db, limit=200)]

    qtbot.waitUntil(lambda: any(t.startswith("Exercise finished") for t in texts()))
    assert any(t.startswith("Crisis marked as an EXERCISE") for t in texts())
    assert "Incoming call — Prefecture: Press point at 7" in texts()
    qtbot.waitUntil(lambda: view.score_model.rowCount() >= 3)
    assert "finished" in view.state.text() and view.start_button.isEnabled()


def test_pause_resume_speed_and_adhoc_inject(qtbot, empty_window, qtmodeltester):
    from warroom.ingest.scenario import load_scenario

    view = empty_window.views["exercise"]
    with qtbot.waitSignal(view.controller.started, timeout=5000):
        view.start(load_scenario("bad-buzz"), 1)
    qtbot.mouseClick(view.pause_button, Qt.MouseButton.LeftButton)
    assert "paused" in view.state.text() and view.pause_button.text() == "Resume"
    frozen = view.controller.position()
    qtbot.wait(50)
    assert view.controller.position() == frozen
    qtbot.mouseClick(view.pause_button, Qt.MouseButton.LeftButton)
    assert "running" in view.state.text()
    view.speed.setValue(50)
    assert view.controller.speed() == 50
    qtbot.mouseClick(view.next_button, Qt.MouseButton.LeftButton)
    assert view.controller.position().total_seconds() > 0
    view.adhoc_kind.setCurrentText("press")
    qtbot.keyClicks(view.adhoc_from, "Radio locale")
    qtbot.keyClicks(view.adhoc_text, "<b>Interview</b> a 18h ?")
    qtbot.keyClick(view.adhoc_text, Qt.Key.Key_Return)
    db = empty_window.ctx.crisis.db
    qtbot.waitUntil(
        lambda: any("Radio locale" in e.text for e in logbook.entries(db, limit=500)), timeout=5000
    )
    assert view.adhoc_text.text() == ""
    qtbot.waitUntil(lambda: any("Radio locale" in r[0] for r in view.score_model._rows))
    qtmodeltester.check(view.score_model)
    qtmodeltester.check(view.upcoming_model)
    view.controller.stop()


def test_a_real_crisis_is_refused(qtbot, empty_window, tmp_path):
    db = empty_window.ctx.crisis.db
    logbook.append(db, logbook.NewEntry(text="Appel réel", operator="Claire"))
    view = empty_window.views["exercise"]
    with qtbot.waitSignal(view.controller.failed, timeout=5000):
        start_through_dialog(qtbot, view, fast_scenario(tmp_path), 100)
    assert "real crisis with data" in view.last_error
    box = empty_window.findChild(QMessageBox, "exerciseError")
    assert box is not None and box.isVisible()
    box.close()
    assert Post.select().count() == 0 and not view.controller.active
    assert "EXERCISE" not in empty_window.windowTitle()


def test_replay_cursor_shows_the_logbook_as_it_stood(qtbot, window):
    bar, view = window.replay_bar, window.views["logbook"]
    db = window.ctx.crisis.db
    qtbot.waitUntil(lambda: bar.slider.maximum() > 0)
    entries = logbook.entries(db, limit=10_000)
    qtbot.waitUntil(lambda: view.item_count() == len(entries))
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)  # leave live mode
    assert bar.slider.isEnabled()
    seen = []
    window.ctx.navigator.as_of_changed.connect(seen.append)
    for instant in ("2021-03-10T01:00:00Z", "2021-03-10T09:30:00Z", "2021-03-12T00:00:00Z"):
        when = parse_utc(instant)
        bar.set_as_of(when)
        assert bar.as_of <= when  # the cursor moves in 5-minute steps
        expected = sum(1 for e in entries if e.event_time <= bar.as_of)
        qtbot.waitUntil(lambda expected=expected: view.item_count() == expected)
        assert "Replay at" in view.summary.text()
    qtbot.waitUntil(lambda: "posts" in bar.summary.text())
    assert "statements published" in bar.summary.text()
    qtbot.keyClick(bar.slider, Qt.Key.Key_Home)
    first = sum(1 for e in entries if e.event_time <= bar.as_of)
    qtbot.waitUntil(lambda: view.item_count() == first)
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)
    assert seen[-1] is None
    qtbot.waitUntil(lambda: view.item_count() == len(entries))


def test_replay_play_moves_the_cursor(qtbot, window):
    bar = window.replay_bar
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)
    window.ctx.runner.general.waitForDone(10_000)  # the span, read again on leaving Live
    QApplication.processEvents()
    assert bar.ready()
    bar.slider.setValue(0)
    bar.speed.setCurrentIndex(3)  # 6 h per second
    qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bar.slider.value() >= 10, timeout=5000)
    qtbot.mouseClick(bar.play, Qt.MouseButton.LeftButton)
    assert bar.play.text() == "Play"


def test_leaving_live_spans_the_posts_that_arrived_since(qtbot, window):
    """The replay slider reaches the latest post, also one that arrived after the window
    opened; a cursor placed before the end keeps its instant when the span grows."""
    from datetime import timedelta

    from warroom.store.models import Post

    bar, ctx = window.replay_bar, window.ctx
    ctx.runner.general.waitForDone(10_000)
    QApplication.processEvents()
    before = bar.slider.maximum()
    first = Post.select().order_by(Post.id).first()
    latest = Post.select(Post.created_at).order_by(Post.created_at.desc()).first().created_at
    later = latest + timedelta(hours=6)
    Post.create(
        channel="twitter",
        external_id="late-1",
        author=first.author,
        text="plus tard",
        created_at=later,
        fetched_at=later,
    )
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)
    ctx.runner.general.waitForDone(10_000)
    QApplication.processEvents()
    assert bar.slider.maximum() >= before + 6 * 60 // 5 - 1
    assert bar.slider.value() == bar.slider.maximum()  # at the end: the latest activity
    assert bar.time_at(bar.slider.value()) >= later - timedelta(minutes=5)
    bar.slider.setValue(10)
    placed = bar.time_at(10)
    bar._load_bounds()  # the span read again while the cursor is placed
    ctx.runner.general.waitForDone(10_000)
    QApplication.processEvents()
    assert bar.time_at(bar.slider.value()) == placed


def test_export_review_from_the_file_menu(qtbot, window, tmp_path, qtmodeltester):
    from warroom.ui.review.dialog import ReviewDialog

    window.export_review_action.trigger()
    dialog = window.findChild(ReviewDialog)
    assert dialog is not None
    qtbot.keyClicks(dialog.text, "Relayer le SDIS a eteint la rumeur")
    qtbot.keyClick(dialog.text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.model.rowCount() == 1, timeout=5000)
    qtmodeltester.check(dialog.model)
    assert lessons()[0].text == "Relayer le SDIS a eteint la rumeur"
    target = tmp_path / "review.pdf"
    dialog.output.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Review written" in dialog.status.text(), timeout=30000)
    assert target.read_bytes().startswith(b"%PDF")
    dialog.output.setText(str(tmp_path / "missing" / "x.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "No such folder" in dialog.status.text()
    dialog.close()


def test_screenshot_lists_the_exercise_view(qapp, scenario_demo_crisis, tmp_path):
    from warroom.app import main

    scenario_demo_crisis.close()
    assert main(["screenshot", str(scenario_demo_crisis.path), "--out", str(tmp_path / "s")]) == 0
    views = json.loads((tmp_path / "s" / "views.json").read_text(encoding="utf-8"))["views"]
    exercise = next(v for v in views if v["name"] == "exercise")
    assert exercise["placeholder"] is False and exercise["items"] > 0


def test_refused_real_crisis_offers_a_new_exercise_file(qtbot, qapp, crisis, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from warroom.ui.application import GuiApp, make_settings

    logbook.append(crisis.db, logbook.NewEntry(text="Appel réel", operator="Claire"))
    gui = GuiApp(qapp, make_settings(), "Claire")
    try:
        real_window = gui.open_crisis(crisis)
        view = real_window.views["exercise"]
        with qtbot.waitSignal(view.controller.failed, timeout=5000):
            start_through_dialog(qtbot, view, fast_scenario(tmp_path), 100)
        box = real_window.findChild(QMessageBox, "exerciseError")
        target = tmp_path / "new-exercise.warroom"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
        button = next(b for b in box.buttons() if b.objectName() == "newExerciseFile")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        assert gui.window is not real_window and target.exists()
        new_view = gui.window.views["exercise"]
        with qtbot.waitSignal(new_view.controller.finished, timeout=15000):
            pass
        assert gui.window.windowTitle().startswith("EXERCISE — Mini exercise")
        assert Post.select().count() > 40
    finally:
        gui.close_crisis()


def test_one_cursor_drives_every_view(qtbot, window):
    """Through the real Replay bar: feed, dashboard, graph, stakeholders, logbook and the
    timeline all move to the same instant, and back to live."""
    import sqlite3

    import numpy as np

    from warroom.domain.timeutil import format_utc

    bar, views = window.replay_bar, window.views
    qtbot.waitUntil(lambda: bar.slider.maximum() > 0)
    feed = views["feed"]
    qtbot.waitUntil(lambda: not feed._loading and feed.item_count() > 0)
    live_posts = feed.item_count()
    qtbot.waitUntil(lambda: views["graph"]._drawing is not None, timeout=20_000)
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)
    bar.set_as_of(parse_utc("2021-03-10T09:30:00Z"))
    when = bar.as_of
    conn = sqlite3.connect(window.ctx.crisis.path)
    (by_then,) = conn.execute(
        "SELECT count(*) FROM post WHERE created_at <= ?", (format_utc(when),)
    ).fetchone()
    conn.close()
    assert 0 < by_then < live_posts
    qtbot.waitUntil(lambda: not feed._loading and feed.item_count() == by_then, timeout=10_000)
    dashboard = views["dashboard"]
    qtbot.waitUntil(lambda: dashboard.stats is not None and dashboard.stats.now == when)
    stakeholders = views["stakeholders"]
    assert not stakeholders.on_screen()  # behind the Dashboard's tab: it waits to be shown
    qtbot.wait(500)
    assert stakeholders.matrix is None or stakeholders.matrix.as_of != when
    window.show_view("stakeholders")
    qtbot.waitUntil(lambda: stakeholders.matrix.as_of == when, timeout=10_000)
    graph = views["graph"]
    drawing = graph._drawing
    assert graph.visible_count() == int(np.sum(drawing.node_time <= when.timestamp()))
    timeline = views["timeline"]
    assert timeline.cursor_line.isVisible() and timeline.cursor_line.value() == when.timestamp()
    qtbot.waitUntil(lambda: feed.alerts._last_overdue is not None)
    assert "(now)" in feed.alerts.overdue.text()  # the status bar keeps watching today
    assert window.phase_label.text().startswith("Phase (now): ")
    logbook_view = views["logbook"]
    assert not logbook_view.new_button.isEnabled()
    banners = [views[n] for n in ("feed", "dashboard", "graph", "stakeholders", "logbook")]
    stamp = when.astimezone(window.ctx.tz).strftime("%d/%m/%Y %H:%M")
    for view in banners:
        assert view.replay_banner.isVisibleTo(view) and stamp in view.replay_banner.text()
    assert not logbook_view.briefing_panel.isVisible()  # no live countdown in a replay
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not feed._loading and feed.item_count() == live_posts)
    qtbot.wait(300)
    assert dashboard.stats.replay  # now behind the Stakeholders tab: not reloaded…
    window.show_view("dashboard")
    qtbot.waitUntil(lambda: not dashboard.stats.replay)  # … until it comes to the front
    assert not timeline.cursor_line.isVisible()
    assert graph.visible_count() == len(drawing.nodes)
    assert "(now)" not in feed.alerts.overdue.text()
    assert not any(v.replay_banner.isVisible() for v in banners)
    assert window.phase_label.text().startswith("Phase: ")
    assert logbook_view.new_button.isEnabled() and logbook_view.briefing_panel.isVisible()
