"""The Statements view driven like a user: board, editor, workflow buttons, live counters,
threads, publication, frozen versions, clipboard; screenshots of the board and editor."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QTextCursor
from PySide6.QtWidgets import QDialogButtonBox

from tests.helpers.dialogs import keep_screenshot, when_shown
from tests.ui.test_screenshot import distinct_colours
from warroom.store import logbook
from warroom.store.crisis import ensure_operator
from warroom.store.models import Statement, StatementVersion
from warroom.ui.statements.dialogs import AddVersionDialog, PublishDialog
from warroom.ui.statements.view import StatementsView


@pytest.fixture
def open_view(qtbot, demo_crisis, make_context):
    def factory(operator="Hugo Lefèvre", role=None):
        if role:
            ensure_operator(demo_crisis.db, operator, role)
        ctx = make_context(demo_crisis, operator)
        view = StatementsView(ctx)
        qtbot.addWidget(view)
        view.resize(1400, 900)
        view.show()
        qtbot.waitUntil(lambda: view.model.rowCount() == 6)
        return view

    return factory


def statement_id(title_start):
    return Statement.get(Statement.title.startswith(title_start)).id


def click_card(qtbot, view, status, title_start):
    column = view.columns[status]
    model = column.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data().startswith(title_start):
            column.scrollTo(index)
            rect = column.visualRect(index)
            qtbot.mouseClick(column.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            qtbot.waitUntil(lambda: view.editor.title_edit.text().startswith(title_start))
            return
    raise AssertionError(f"no card {title_start!r} in {status}")


def select_version(qtbot, view, label_start):
    selector = view.editor.versions.selector
    index = next(i for i in range(selector.count()) if selector.itemText(i).startswith(label_start))
    selector.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view.editor.versions.current().channel == label_start.split(" ")[0])


def action_names(editor):
    row = editor.workflow.row
    widgets = [row.itemAt(i).widget() for i in range(row.count())]
    return [
        w.objectName() for w in widgets if w is not None and w.objectName().startswith("action_")
    ]


def test_board_columns_and_models(qtmodeltester, open_view):
    view = open_view()
    counts = {status: column.model().rowCount() for status, column in view.columns.items()}
    assert counts == {
        "draft": 1,
        "in_review": 1,
        "approved": 1,
        "published": 2,
        "superseded": 1,
        "withdrawn": 0,
    }
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.columns["published"].model())
    assert view.item_count() == 6
    card = view.columns["approved"].model().index(0, 0).data()
    assert card.startswith("Vidéo du fondateur") and "Legal: cleared" in card


def test_comms_lead_approves_by_clicking_and_it_is_logged(qtbot, open_view):
    view = open_view("Hugo Lefèvre")
    click_card(qtbot, view, "in_review", "Réponse type")
    editor = view.editor
    select_version(qtbot, view, "twitter · fr")
    assert "verbatim copy of: facebook" in editor.review.hints["adapted"].text()
    before = logbook.count(view._ctx.crisis.db)
    approve = editor.findChild(type(editor.add_version_button), "action_approved")
    assert approve.isEnabled()
    qtbot.mouseClick(approve, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.status_badge.text() == "Approved")
    assert Statement.get_by_id(statement_id("Réponse type")).status == "approved"
    entry = logbook.entries(view._ctx.crisis.db, before)[0]
    assert "in_review → approved" in entry.text and entry.on_behalf_of == "Hugo Lefèvre"
    qtbot.waitUntil(lambda: view.columns["approved"].model().rowCount() == 2)


def test_observer_sees_but_cannot_approve_or_edit(qtbot, open_view):
    view = open_view("Olga Observer", role="observer")
    click_card(qtbot, view, "in_review", "Réponse type")
    editor = view.editor
    approve = editor.findChild(type(editor.add_version_button), "action_approved")
    assert not approve.isEnabled() and "observer" in approve.toolTip()
    assert editor.versions.editor.isReadOnly() and not editor.versions.save_button.isEnabled()


def test_live_counter_thread_preview_and_new_channel_version(qtbot, open_view):
    view = open_view("Inès Benali")
    click_card(qtbot, view, "draft", "Point de situation")
    editor = view.editor

    def add_twitter(dialog):
        dialog.channel.setCurrentText("twitter")
        dialog.language.setCurrentText("fr")
        qtbot.mouseClick(
            dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok),
            Qt.MouseButton.LeftButton,
        )

    when_shown(AddVersionDialog, add_twitter)
    qtbot.mouseClick(editor.add_version_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: editor.versions.current() and editor.versions.current().channel == "twitter"
    )
    text_box = editor.versions.editor
    text_box.setFocus()
    qtbot.keyClicks(text_box, "Incendie sur le site STR. " * 13)
    qtbot.waitUntil(lambda: "thread of 2 posts" in editor.versions.counter.text())
    assert editor.versions.thread_preview.count() == 2
    assert "thread of 2 posts" in editor.versions.warning.text()
    qtbot.mouseClick(editor.versions.copy_button, Qt.MouseButton.LeftButton)
    copied = QGuiApplication.clipboard().text()
    assert copied.count(" 1/2") == 1 and copied.endswith("2/2")
    qtbot.mouseClick(editor.versions.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.feedback.text().startswith("Text saved"))
    stored = StatementVersion.get(
        (StatementVersion.statement == statement_id("Point de situation"))
        & (StatementVersion.channel == "twitter")
    )
    assert stored.text == ("Incendie sur le site STR. " * 13) and not stored.frozen


def test_publishing_a_version_through_the_dialog(qtbot, open_view):
    view = open_view("Hugo Lefèvre")
    click_card(qtbot, view, "approved", "Vidéo du fondateur")
    select_version(qtbot, view, "youtube · fr")
    url = "https://youtube.com/watch?v=hexacloud-point"

    def fill(dialog):
        qtbot.keyClicks(dialog.url, url)
        qtbot.keyClick(dialog.url, Qt.Key.Key_Return)

    when_shown(PublishDialog, fill)
    qtbot.mouseClick(view.editor.versions.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.editor.status_badge.text() == "Published")
    version = StatementVersion.get(
        (StatementVersion.statement == statement_id("Vidéo du fondateur"))
        & (StatementVersion.channel == "youtube")
    )
    assert (version.published_url, version.published_by) == (url, "Hugo Lefèvre")
    assert (
        "published on youtube"
        in logbook.entries(view._ctx.crisis.db, logbook.count(view._ctx.crisis.db) - 1)[0].text
    )


def test_editing_a_published_version_makes_a_new_version_with_a_diff(qtbot, open_view, tmp_path):
    view = open_view("Hugo Lefèvre")
    click_card(qtbot, view, "published", "Communiqué n°1")
    select_version(qtbot, view, "twitter · fr")
    editor = view.editor
    assert "frozen" in editor.versions.frozen_note.text()
    qtbot.waitUntil(lambda: action_names(editor) == ["action_superseded", "action_withdrawn"])
    shot = tmp_path / "statements_editor.png"
    view.grab().save(str(shot))
    keep_screenshot(shot)
    assert distinct_colours(QImage(str(shot))) > 20
    original = editor.versions.current()
    text_box = editor.versions.editor
    text_box.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(text_box, " Point a 16h40 (video).")
    qtbot.mouseClick(editor.versions.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.versions.current().version == 2)
    assert StatementVersion.get_by_id(original.id).text == original.text  # frozen, untouched
    assert editor.status_badge.text() == "Draft"
    editor.review.setCurrentIndex(2)
    diff = editor.review.diff_view.toPlainText()
    assert diff.endswith("Point a 16h40 (video).") and original.text.split()[0] in diff


def test_board_screenshot(qtbot, open_view, tmp_path):
    view = open_view()
    shot = tmp_path / "statements_board.png"
    view.grab().save(str(shot))
    keep_screenshot(shot)
    image = QImage(str(shot))
    assert image.width() >= 700 and distinct_colours(image) > 20


def test_promised_next_update_is_entered_in_the_crisis_time_zone(qtbot, open_view):
    from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone

    from warroom.domain.timeutil import parse_utc

    view = open_view("Inès Benali")
    click_card(qtbot, view, "draft", "Point de situation")
    editor = view.editor
    paris = QDateTime(QDate(2021, 3, 10), QTime(18, 0), QTimeZone(b"Europe/Paris"))
    editor.next_update.setDateTime(paris)
    assert editor.next_update.text() == "10/03/2021 18:00"
    qtbot.mouseClick(editor.set_update_button, Qt.MouseButton.LeftButton)
    sid = statement_id("Point de situation")
    expected = parse_utc("2021-03-10T17:00:00Z")
    qtbot.waitUntil(lambda: Statement.get_by_id(sid).next_update_at == expected)
    db = view._ctx.crisis.db
    assert "promised for 2021-03-10 17:00 UTC" in logbook.entries(db, logbook.count(db) - 1)[0].text
    qtbot.waitUntil(lambda: "overdue" in editor.countdown.text())


@pytest.mark.parametrize("answer", ["No", "Yes"])
def test_withdrawing_asks_for_confirmation(qtbot, open_view, answer):
    from PySide6.QtWidgets import QMessageBox

    view = open_view("Hugo Lefèvre")
    click_card(qtbot, view, "in_review", "Réponse type")
    editor = view.editor
    before = logbook.count(view._ctx.crisis.db)

    def reply(box):
        qtbot.mouseClick(
            box.button(getattr(QMessageBox.StandardButton, answer)), Qt.MouseButton.LeftButton
        )

    when_shown(QMessageBox, reply)
    withdraw = editor.findChild(type(editor.add_version_button), "action_withdrawn")
    qtbot.mouseClick(withdraw, Qt.MouseButton.LeftButton)
    sid = statement_id("Réponse type")
    if answer == "Yes":
        qtbot.waitUntil(lambda: view.columns["withdrawn"].model().rowCount() == 1)
        assert Statement.get_by_id(sid).status == "withdrawn"
        assert logbook.count(view._ctx.crisis.db) == before + 1
    else:
        assert Statement.get_by_id(sid).status == "in_review"
        assert logbook.count(view._ctx.crisis.db) == before
