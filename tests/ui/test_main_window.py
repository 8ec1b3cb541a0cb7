"""The main window: docks, quick entry by keyboard, layout persistence, status bar."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget

from warroom.store import logbook
from warroom.ui.main_window import MainWindow, format_clock
from warroom.ui.views.registry import VIEW_SPECS
from warroom.ui.widgets.quick_entry import parse_quick_entry


def test_window_has_a_dock_per_view(window):
    names = [spec.name for spec in VIEW_SPECS]
    design_views = [
        "dashboard",
        "feed",
        "graph",
        "stakeholders",
        "statements",
        "rumors",
        "logbook",
        "timeline",
    ]
    assert [n for n in names if n in design_views] == design_views
    assert {"sources", "exercise"} <= set(names)
    for name in names:
        dock = window.findChild(QDockWidget, f"dock_{name}")
        assert dock is not None and dock.widget() is window.views[name]
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "View", "Crisis", "Exercise", "Help"]
    assert "Hexacloud" in window.windowTitle()


def test_default_layout_gives_the_feed_side_most_of_the_width(window, qtbot):
    from warroom.ui.main_window import LEFT_SHARE

    feed, logbook_dock = window.docks["dashboard"], window.docks["logbook"]  # front tab
    qtbot.waitUntil(lambda: abs(feed.width() - window.width() * LEFT_SHARE) < 40)
    assert logbook_dock.width() < feed.width()
    window.resize(window.width() + 200, window.height())  # the operator resizes: no jump back
    window.reset_layout()
    qtbot.waitUntil(lambda: abs(feed.width() - window.width() * LEFT_SHARE) < 40)


def test_status_bar_shows_crisis_clock_operator_and_integrity(window, qtbot):
    assert window.crisis_label.text() == window.ctx.info.display_name
    assert window.crisis_label.text().startswith("Incendie datacenter STR")
    assert window.windowTitle().startswith(window.ctx.info.display_name)
    assert window.operator_label.text() == "Operator: Inès Benali"
    assert window.clock_label.text().startswith("T+")
    qtbot.waitUntil(lambda: "verified" in window.integrity_label.text())
    count = logbook.count(window.ctx.crisis.db)
    assert f"{count} entries" in window.integrity_label.text()


def test_quick_entry_by_real_key_presses(window, qtbot):
    feed_dock = window.docks["feed"]
    feed_dock.raise_()
    feed_dock.widget().setFocus()
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.quick_entry)
    before = logbook.count(window.ctx.crisis.db)
    qtbot.keyClicks(window.quick_entry, "decision: activer le PRA pour les clients STR")
    qtbot.keyClick(window.quick_entry, Qt.Key.Key_Return)
    view = window.views["logbook"]
    qtbot.waitUntil(lambda: view.item_count() == before + 1, timeout=5000)
    last = logbook.entries(window.ctx.crisis.db, since_seq=before)[0]
    assert (last.category, last.text, last.operator) == (
        "decision",
        "activer le PRA pour les clients STR",
        "Inès Benali",
    )
    assert window.quick_entry.text() == ""
    assert view.model.index(before, 5).data() == "activer le PRA pour les clients STR"
    qtbot.waitUntil(lambda: f"{before + 1} entries" in window.integrity_label.text())


def test_empty_quick_entry_writes_nothing(window, qtbot):
    before = logbook.count(window.ctx.crisis.db)
    window.quick_entry.setFocus()
    qtbot.keyClick(window.quick_entry, Qt.Key.Key_Return)
    window.ctx.runner.writer.waitForDone(2000)
    assert logbook.count(window.ctx.crisis.db) == before


def test_layout_persists_across_restart(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    first = MainWindow(ctx)
    qtbot.addWidget(first)
    first.show()
    first.resize(1300, 850)
    chosen = (first.width(), first.height())
    assert chosen == (1300, 850)
    first.docks["timeline"].hide()
    first.docks["graph"].setFloating(True)
    first.close()
    second = MainWindow(make_context(demo_crisis))
    qtbot.addWidget(second)
    second.show()
    assert (second.width(), second.height()) == chosen
    assert not second.docks["timeline"].isVisible()
    assert second.docks["graph"].isFloating()
    second.reset_layout()
    assert second.docks["timeline"].isVisible() and not second.docks["graph"].isFloating()


def test_logbook_view_shows_amendments(window, qtbot):
    model = window.views["logbook"].model
    entries = logbook.entries(window.ctx.crisis.db, limit=10_000)
    fix = next(e for e in entries if e.amends is not None)
    original, correction = fix.amends - 1, fix.seq - 1  # rows are in seq order
    assert model.index(original, 5).data().endswith(f"→ corrected by #{fix.seq}")
    assert model.index(original, 5).data(Qt.ItemDataRole.FontRole).strikeOut()
    assert model.index(correction, 5).data().startswith(f"[corrects #{fix.amends}]")


def test_a_post_linked_from_the_logbook_opens_in_the_feed(window, qtbot):
    """Logbook → Linked items → "post N": the Feed comes to the front with the post
    selected, even when its filter hid the post."""
    from warroom.store import triage
    from warroom.store.models import Post

    db = window.ctx.crisis.db
    feed, log_view = window.views["feed"], window.views["logbook"]
    post = Post.select().where(Post.channel == "facebook").first()
    entry = triage.log_post(db, post.id, "", "Inès Benali")
    window.ctx.changes.notify({"logbook"})
    feed.bar._channel_actions["twitter"].setChecked(True)  # hides the facebook post
    qtbot.waitUntil(lambda: not feed._loading and feed.model.row_of(post.id) < 0)
    qtbot.waitUntil(lambda: log_view.model.row_of(entry.seq) is not None)
    log_view.select_entry(entry.seq)
    actions = log_view.links_button.menu().actions()
    assert [a.text() for a in actions] == [f"post {post.id}"]
    actions[0].trigger()
    qtbot.waitUntil(lambda: feed.current_post_id() == post.id, timeout=10_000)
    assert not window.docks["feed"].visibleRegion().isEmpty()  # brought to the front


def test_logbook_model_contract(qtmodeltester, window, qtbot):
    qtbot.waitUntil(lambda: window.views["logbook"].model.rowCount() == 11)
    qtmodeltester.check(window.views["logbook"].model)


def test_quick_entry_prefixes():
    assert parse_quick_entry("action: appeler le SDIS") == ("action", "appeler le SDIS")
    assert parse_quick_entry("Note: rien") == ("information", "Note: rien")
    assert parse_quick_entry("système: x")[0] == "information"


def test_clock_format():
    assert format_clock(59) == "T+00:00:59"
    assert format_clock(86_400 * 2 + 3661) == "T+2d 01:01:01"


def test_crisis_phase_menu_changes_the_phase_after_confirmation(window, qtbot, monkeypatch):
    from warroom.store.models import Crisis

    menu = window.phase_menu
    db = window.ctx.crisis.db
    phase = Crisis.select().first().phase
    assert menu.actions[phase].isChecked()
    target = "recovery" if phase != "recovery" else "closed"
    before = logbook.count(db)
    monkeypatch.setattr(menu, "confirm", lambda old, new: False)  # the operator says No
    menu.actions[target].trigger()
    qtbot.wait(200)
    assert Crisis.select().first().phase == phase and logbook.count(db) == before
    assert menu.actions[phase].isChecked()
    monkeypatch.setattr(menu, "confirm", lambda old, new: (old, new) == (phase, target))
    menu.actions[target].trigger()
    qtbot.waitUntil(lambda: window.phase_label.text() == f"Phase: {target}", timeout=5000)
    assert Crisis.select().first().phase == target
    last = logbook.entries(db, since_seq=before)[0]
    assert last.automatic and f"{phase} → {target}" in last.text
    assert last.operator == "Inès Benali" or last.on_behalf_of == "Inès Benali"
    menu.sync()
    assert menu.actions[target].isChecked()
    dashboard = window.views["dashboard"]
    qtbot.waitUntil(lambda: dashboard.tiles["phase"].value.text() == target, timeout=5000)


def test_views_behind_a_tab_catch_up_on_new_posts_when_brought_to_the_front(window, qtbot):
    """A rebuild of the graph or the stakeholder matrix costs seconds on a large crisis:
    behind another tab they wait; the Feed in front keeps up."""
    from warroom.ui.graph.view import RELOAD_DELAY_MS

    graph, stakeholders = window.views["graph"], window.views["stakeholders"]
    qtbot.waitUntil(lambda: graph._drawing is not None and not graph.busy, timeout=20_000)
    qtbot.waitUntil(lambda: stakeholders.loads >= 1)
    window.show_view("feed")
    assert not graph.on_screen() and not stakeholders.on_screen()
    generation, loads = graph._generation, stakeholders.loads
    window.ctx.changes.notify({"posts"})
    qtbot.wait(RELOAD_DELAY_MS + 600)
    assert (graph._generation, stakeholders.loads) == (generation, loads)
    window.show_view("graph")
    qtbot.waitUntil(lambda: graph._generation == generation + 1, timeout=5000)
    window.show_view("stakeholders")
    qtbot.waitUntil(lambda: stakeholders.loads == loads + 1, timeout=5000)
