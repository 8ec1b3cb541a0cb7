"""The Logbook view driven like an operator would: filters, editor, corrections, actions,
briefings, integrity, export, and a 50,000-entry logbook."""

import sqlite3
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QPushButton

from warroom.domain.logbook_rules import LogFilter
from warroom.store import logbook, logbook_queries
from warroom.ui.logbook.view import LogbookView


def loaded(qtbot, view, rows):
    qtbot.waitUntil(lambda: view.model.rowCount() == rows and not view._loading, timeout=10_000)


def make_view(qtbot, ctx):
    view = LogbookView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 600)
    view.show()
    return view


def test_filters_by_category_operator_text_link_and_significance(qtbot, demo_crisis, make_context):
    view = make_view(qtbot, make_context(demo_crisis))
    loaded(qtbot, view, 11)
    bar = view.filters
    bar.category.setCurrentIndex(bar.category.findData("decision"))
    loaded(qtbot, view, 3)
    assert [view.model.entry_at(r).seq for r in range(3)] == [2, 9, 11]
    bar.category.setCurrentIndex(0)
    loaded(qtbot, view, 11)
    qtbot.waitUntil(lambda: bar.operator.findData("Hugo Lefèvre") >= 0)
    bar.operator.setCurrentIndex(bar.operator.findData("Hugo Lefèvre"))
    loaded(qtbot, view, 2)
    bar.operator.setCurrentIndex(0)
    qtbot.mouseClick(bar.significant, Qt.MouseButton.LeftButton)
    loaded(qtbot, view, 8)
    assert [view.model.entry_at(r).seq for r in range(8)] == [1, 2, 3, 4, 8, 9, 10, 11]
    qtbot.mouseClick(bar.significant, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(bar.text, "seveso")
    loaded(qtbot, view, 2)
    bar.text.clear()
    qtbot.keyClicks(bar.link, "statement 1")
    loaded(qtbot, view, 1)
    assert view.model.entry_at(0).automatic
    bar.link.clear()
    qtbot.keyClicks(bar.link, "tweet 3")
    qtbot.waitUntil(lambda: "cannot read link" in view.summary.text())
    bar.link.clear()
    loaded(qtbot, view, 11)
    day = datetime(2021, 3, 10, 3, 0, tzinfo=UTC)  # 04:00–10:00 in Strasbourg
    bar.set_range(day, day + timedelta(hours=6))
    assert bar.since.isVisible() and bar.until.isVisible()
    loaded(qtbot, view, 2)
    assert [view.model.entry_at(r).seq for r in range(2)] == [6, 7]
    bar.period.setCurrentIndex(0)
    assert not bar.since.isVisible()
    bar.order.setCurrentIndex(bar.order.findData("event"))
    loaded(qtbot, view, 11)
    assert [view.model.entry_at(r).seq for r in (7, 8, 9)] == [8, 10, 9]


def test_model_contract_and_amendment_display(qtbot, qtmodeltester, demo_crisis, make_context):
    view = make_view(qtbot, make_context(demo_crisis))
    loaded(qtbot, view, 11)
    qtmodeltester.check(view.model)
    amended = view.model.index(8, 5)
    assert amended.data().endswith("→ corrected by #11")
    assert amended.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert view.model.index(10, 5).data().startswith("[corrects #9]")
    assert view.model.index(9, 4).data() == "system (auto)"
    assert view.model.index(0, 2).data().endswith("⟲")  # recorded long after the event


def test_new_backdated_entry_through_the_editor(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    loaded(qtbot, view, 11)
    qtbot.mouseClick(view.new_button, Qt.MouseButton.LeftButton)
    editor = view.editor
    qtbot.waitExposed(editor)
    editor.template.setCurrentIndex(editor.template.findData("call"))
    editor.template.activated.emit(editor.template.currentIndex())
    assert editor.category.currentData() == "contact"
    assert editor.text.toPlainText().startswith("Call received from:")
    editor.text.selectAll()
    qtbot.keyClicks(editor.text, "Appel du maire de Strasbourg")
    qtbot.mouseClick(editor.now_box, Qt.MouseButton.LeftButton)
    when = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(hours=2)
    editor.event_time.setDateTime(editor.event_time.dateTime().addSecs(-7200))
    editor.on_behalf.setEditText("Claire Martin")
    editor.info_status.setCurrentIndex(editor.info_status.findData("to_verify"))
    editor.links.setText("tweet 4")
    ok = editor.findChildren(QPushButton)[-2]
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert "cannot read link" in editor.error.text() and editor.isVisible()
    editor.links.setText("post 4, rumor 1")
    qtbot.keyClick(editor.text, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    loaded(qtbot, view, 12)
    stored = logbook_queries.get(demo_crisis.db, 12)
    assert stored.text == "Appel du maire de Strasbourg" and stored.category == "contact"
    assert stored.on_behalf_of == "Claire Martin" and stored.info_status == "to_verify"
    assert stored.links == (("post", 4), ("rumor", 1))
    assert abs((stored.event_time - when).total_seconds()) < 120
    assert stored.recorded_time - stored.event_time > timedelta(minutes=100)
    qtbot.waitUntil(lambda: view.current_entry() is not None and view.current_entry().seq == 12)


def test_correct_this_entry_strikes_the_original_and_links_to_the_fix(
    qtbot, demo_crisis, make_context
):
    view = make_view(qtbot, make_context(demo_crisis))
    loaded(qtbot, view, 11)
    view.table.selectRow(5)
    assert view.current_entry().seq == 6
    assert not view.goto_button.isEnabled()
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = view.editor
    assert editor.text.toPlainText().startswith("La préfecture évoque")
    editor.text.setPlainText("Le SDIS confirme : le site n'est PAS classé Seveso.")
    ok = editor.findChildren(QPushButton)[-2]
    assert ok.text() == "Record correction"
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    loaded(qtbot, view, 12)
    original = view.model.index(5, 5)
    qtbot.waitUntil(lambda: original.data().endswith("→ corrected by #12"))
    assert original.data(Qt.ItemDataRole.FontRole).strikeOut()
    assert original.data().startswith("La préfecture évoque")  # still readable
    view.table.selectRow(5)
    assert view.goto_button.isEnabled() and "CORRECTED by entry #12" in view.detail.toPlainText()
    qtbot.mouseClick(view.goto_button, Qt.MouseButton.LeftButton)
    assert view.current_entry().seq == 12 and view.current_entry().amends == 6
    assert logbook.verify(demo_crisis.db).ok


def test_open_actions_listed_and_closed_with_a_follow_up(qtbot, demo_crisis, make_context):
    due = datetime.now(UTC) - timedelta(minutes=5)
    logbook.append(
        demo_crisis.db,
        logbook.NewEntry(
            text="Rappeler la préfecture",
            operator="Claire Martin",
            category="action",
            action_owner="Inès Benali",
            action_due=due,
        ),
    )
    view = make_view(qtbot, make_context(demo_crisis))
    panel = view.actions_panel
    qtbot.waitUntil(lambda: panel.table.rowCount() == 1)
    assert panel.table.item(0, 3).text() == "Rappeler la préfecture"
    assert "1 overdue" in panel.summary.text()

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QInputDialog)
        dialog.setTextValue("Fait à 11h")
        dialog.accept()

    QTimer.singleShot(0, answer)
    panel.table.selectRow(0)
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.table.rowCount() == 0)
    loaded(qtbot, view, 13)
    follow_up = logbook_queries.get(demo_crisis.db, 13)
    assert follow_up.text == "Action #12 closed: Rappeler la préfecture\nFait à 11h"
    assert follow_up.operator == "Inès Benali" and ("closes", 12) in follow_up.links


def test_briefing_countdown_draft_edit_and_log(qtbot, demo_crisis, make_context):
    view = make_view(qtbot, make_context(demo_crisis))
    loaded(qtbot, view, 11)
    panel = view.briefing_panel
    qtbot.waitUntil(lambda: "Briefing n°1 overdue" in panel.countdown.text())
    qtbot.mouseClick(panel.prepare, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: getattr(view, "briefing_dialog", None) is not None)
    dialog = view.briefing_dialog
    draft = dialog.text.toPlainText()
    assert draft.startswith("Point de situation n°1")
    assert "Posts: 420 new" in draft and "Le site serait classé Seveso" in draft
    dialog.text.moveCursor(dialog.text.textCursor().MoveOperation.End)
    qtbot.keyClicks(dialog.text, "18h")
    qtbot.mouseClick(dialog.findChildren(QPushButton)[-2], Qt.MouseButton.LeftButton)
    loaded(qtbot, view, 12)
    logged = logbook_queries.get(demo_crisis.db, 12)
    assert logged.links == (("briefing", 1),) and logged.text.endswith("Next point: 18h")
    qtbot.waitUntil(lambda: "Briefing n°2 in 1:59" in panel.countdown.text())


def test_tampering_turns_the_indicator_and_the_view_red(qtbot, window):
    indicator = window.integrity_label
    qtbot.waitUntil(lambda: "11 entries verified" in indicator.text())
    conn = sqlite3.connect(window.ctx.crisis.path)
    conn.execute("DROP TRIGGER log_entry_no_update")
    conn.execute("UPDATE log_entry SET operator = 'Quelqu''un' WHERE seq = 4")
    conn.commit()
    conn.close()
    view = window.views["logbook"]
    window.show_view("logbook")
    qtbot.mouseClick(view.verify_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "TAMPERED" in indicator.text())
    assert "entry #4" in indicator.text()
    assert view.banner.isVisible() and "entry #4" in view.banner.text()
    qtbot.mouseClick(indicator, Qt.MouseButton.LeftButton)  # verifying again changes nothing
    qtbot.waitUntil(lambda: "TAMPERED" in indicator.text())


def test_navigator_show_item_selects_the_entry(qtbot, window):
    view = window.views["logbook"]
    loaded(qtbot, view, 11)
    window.ctx.navigator.show_item.emit("entry", 7)
    assert view.current_entry().seq == 7


def test_fifty_thousand_entries_load_in_the_background(qtbot, crisis, make_context):
    start = datetime(2021, 3, 10, tzinfo=UTC)
    logbook.append_many(
        crisis.db,
        [
            logbook.NewEntry(
                text=f"Entrée {i} — suivi des appels clients",
                operator="Claire Martin",
                category=("event", "information", "contact")[i % 3],
                event_time=start + timedelta(seconds=20 * i),
            )
            for i in range(50_000)
        ],
    )
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    view = make_view(qtbot, make_context(crisis))
    assert view.model.rowCount() == 0  # the constructor did not read 50,000 rows
    loaded(qtbot, view, 50_000)
    timer.stop()
    assert ticks  # the event loop kept running while the rows were read
    assert view.item_count() == 50_000
    bar = view.table.verticalScrollBar()
    assert bar.value() == bar.maximum()  # newest last, scrolled to the end
    assert view.model.index(49_999, 5).data() == "Entrée 49999 — suivi des appels clients"
    view.filters.category.setCurrentIndex(view.filters.category.findData("contact"))
    loaded(qtbot, view, 16_666)
    logbook.append(
        crisis.db, logbook.NewEntry(text="Nouvel appel", operator="A", category="contact")
    )
    window_ctx_changes = view._ctx.changes
    window_ctx_changes.notify({"logbook"})
    loaded(qtbot, view, 16_667)
    assert view.model.entry_at(16_666).text == "Nouvel appel"
    assert logbook_queries.count(crisis.db, LogFilter()) == 50_001
