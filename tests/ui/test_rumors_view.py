"""The Rumors view driven like a user: a rumor from a post, suggestions of existing
rumors, status actions and their logbook entries, carriers, the spread chart."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialogButtonBox, QPushButton

from tests.helpers.dialogs import keep_screenshot, when_shown
from tests.ui.test_screenshot import distinct_colours
from warroom.domain.enums import RumorStatus
from warroom.domain.filters import PostFilter
from warroom.store import logbook
from warroom.store.crisis import ensure_operator
from warroom.store.models import Post, Rumor, Statement
from warroom.ui.rumors.dialogs import RumorFromPostDialog
from warroom.ui.rumors.view import RumorsView


@pytest.fixture
def open_view(qtbot, demo_crisis, make_context):
    def factory(operator="Inès Benali", role=None):
        if role:
            ensure_operator(demo_crisis.db, operator, role)
        ctx = make_context(demo_crisis, operator)
        view = RumorsView(ctx)
        qtbot.addWidget(view)
        view.resize(1400, 950)
        view.show()
        qtbot.waitUntil(lambda: view.model.rowCount() == 3 and view.detail.rumor_id() is not None)
        return view

    return factory


def click_row(qtbot, table, row, column=0):
    rect = table.visualRect(table.model().index(row, column))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def ok_button(dialog):
    return dialog.ok_box.button(QDialogButtonBox.StandardButton.Ok)


def last_entry(db):
    return logbook.entries(db, logbook.count(db) - 1)[0]


def test_register_model_and_first_rumor_chart(qtbot, qtmodeltester, open_view, tmp_path):
    view = open_view()
    qtmodeltester.check(view.model)
    assert view.model.index(0, 0).data() == "Le site serait classé Seveso"
    assert view.model.index(0, 1).data() == "Corrected at source"
    chart = view.detail.chart
    qtbot.waitUntil(lambda: chart.data is not None and chart.data.rumor.total_posts > 0)
    assert chart.data.rebuttal.total_posts > 0 and chart.data.publications
    assert "Rumor:" in chart.totals.text() and "Rebuttal:" in chart.totals.text()
    shot = tmp_path / "rumor_chart.png"
    view.grab().save(str(shot))
    keep_screenshot(shot)
    assert distinct_colours(QImage(str(shot))) > 20


def test_rumor_from_a_post_through_the_dialog(qtbot, qtmodeltester, open_view):
    view = open_view()
    db = view._ctx.crisis.db
    target = Post.select().where(Post.text.contains("pompiers de Strasbourg")).first()
    chosen = {}

    def fill(dialog):
        qtmodeltester.check(dialog.model)
        qtbot.keyClicks(dialog.search, '"pompiers de strasbourg"')  # accents folded
        qtbot.waitUntil(lambda: 0 < dialog.model.rowCount() < 50, timeout=5000)
        row = next(r for r in range(dialog.model.rowCount()) if dialog.model.hit(r).id == target.id)
        click_row(qtbot, dialog.table, row, 3)
        qtbot.waitUntil(lambda: dialog.query.text() != "")
        assert dialog.existing.currentData() == -1  # no registered rumor matches this post
        dialog.claim.clear()
        qtbot.keyClicks(dialog.claim, "Des pompiers auraient ete blesses")
        chosen["query"] = dialog.query.text()
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_shown(RumorFromPostDialog, fill)
    qtbot.mouseClick(view.findChild(QPushButton, "rumorFromPost"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    rumor = Rumor.get(Rumor.claim == "Des pompiers auraient ete blesses")
    assert rumor.origin_post_id == target.id and rumor.first_seen == target.created_at
    assert rumor.match_query == chosen["query"] and rumor.status == "detected"
    assert Post.get_by_id(target.id).rumor_id == rumor.id
    entry = last_entry(db)
    assert entry.text == "Rumor registered: Des pompiers auraient ete blesses"
    assert ("post", target.id) in entry.links and entry.on_behalf_of == "Inès Benali"
    qtbot.waitUntil(lambda: view.detail.rumor_id() == rumor.id)


def test_a_post_matching_a_registered_rumor_is_suggested_and_linked(qtbot, open_view):
    view = open_view()
    seveso = Rumor.get(Rumor.match_query == "seveso")
    target = Post.select().where(Post.text.contains("Seveso") & Post.rumor.is_null()).first()

    def fill(dialog):
        qtbot.keyClicks(dialog.search, "seveso")
        qtbot.waitUntil(lambda: dialog.model.rowCount() > 0)
        row = next(r for r in range(dialog.model.rowCount()) if dialog.model.hit(r).id == target.id)
        dialog.table.scrollTo(dialog.model.index(row, 0))
        click_row(qtbot, dialog.table, row, 3)
        qtbot.waitUntil(lambda: dialog.existing.currentData() == seveso.id)
        assert "already matches" in dialog.status.text()
        qtbot.mouseClick(ok_button(dialog), Qt.MouseButton.LeftButton)

    when_shown(RumorFromPostDialog, fill)
    qtbot.mouseClick(view.findChild(QPushButton, "rumorFromPost"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Post.get_by_id(target.id).rumor_id == seveso.id)
    assert Rumor.select().count() == 3  # linked, not registered twice


def test_status_action_with_note_is_logged(qtbot, open_view):
    view = open_view()
    minister = Rumor.get(Rumor.status == "detected")
    click_row(qtbot, view.table, view.model.row_of(minister.id))
    qtbot.waitUntil(lambda: view.detail.rumor_id() == minister.id)
    qtbot.keyClicks(view.detail.note, "appel au cabinet du ministre")
    button = view.detail.findChild(QPushButton, "rumor_to_investigating")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: Rumor.get_by_id(minister.id).status == "investigating")
    entry = last_entry(view._ctx.crisis.db)
    assert "detected → investigating" in entry.text and "appel au cabinet" in entry.text
    qtbot.waitUntil(lambda: view.detail.badge.text() == "Investigating")
    assert view.detail.findChild(QPushButton, "rumor_to_false") is not None


def test_observer_cannot_change_a_rumor(qtbot, open_view):
    view = open_view("Olga Observer", role="observer")
    minister = Rumor.get(Rumor.status == "detected")
    click_row(qtbot, view.table, view.model.row_of(minister.id))
    qtbot.waitUntil(lambda: view.detail.rumor_id() == minister.id)
    button = view.detail.findChild(QPushButton, "rumor_to_investigating")
    assert not button.isEnabled() and "observer" in button.toolTip()
    assert not view.detail.save_button.isEnabled()
    # Even if a click got through, the store refuses it and nothing is written.
    before = logbook.count(view._ctx.crisis.db)
    view.detail._on_status_clicked(RumorStatus.INVESTIGATING)
    qtbot.waitUntil(lambda: "observer" in view.summary.text())
    assert Rumor.get_by_id(minister.id).status == "detected"
    assert logbook.count(view._ctx.crisis.db) == before


def test_show_carriers_asks_the_feed_for_the_rumor_posts(qtbot, open_view):
    view = open_view()
    with qtbot.waitSignal(view._ctx.navigator.show_posts) as caught:
        qtbot.mouseClick(
            view.detail.findChild(QPushButton, "showCarriers"), Qt.MouseButton.LeftButton
        )
    wanted = caught.args[0]
    assert isinstance(wanted, PostFilter) and wanted.text_query == "seveso"
    assert wanted.label.startswith("Rumor: Le site serait")
    assert view.detail.carriers.count() > 0 and view.detail.history.count() == 5


def test_hostile_claim_is_shown_as_text(qtbot, open_view):
    view = open_view()
    db = view._ctx.crisis.db
    hostile = "<img src=x onerror=alert(1)><b>Seveso</b>\x07 " + "x" * 100_000
    from warroom.store import rumors as store

    rumor_id = store.create_rumor(db, hostile, "Inès Benali")
    view.refresh()
    qtbot.waitUntil(lambda: view.model.rowCount() == 4)
    row = view.model.row_of(rumor_id)
    tooltip = view.model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "&lt;img src=x" in tooltip and "<img" not in tooltip
    view.select_rumor(rumor_id)
    qtbot.waitUntil(lambda: view.detail.rumor_id() == rumor_id)
    assert view.detail.claim.text().startswith("<img src=x")
    stored = Rumor.get_by_id(rumor_id).claim
    assert len(stored) == 20_000 and "\x07" not in stored  # bounded, control chars dropped


def test_draft_a_rebuttal_from_the_rumor(qtbot, open_view):
    view = open_view("Inès Benali")
    minister = Rumor.get(Rumor.status == "detected")
    click_row(qtbot, view.table, view.model.row_of(minister.id))
    qtbot.waitUntil(lambda: view.detail.rumor_id() == minister.id)
    qtbot.mouseClick(view.detail.draft_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.detail.rebuttals.count() == 1)
    statement = Statement.get(Statement.topic == f"rumor-{minister.id}")
    assert statement.status == "draft" and statement.title.startswith("Rebuttal — Un ministre")
    assert Rumor.get_by_id(minister.id).rebuttal_statement_id == statement.id


def test_dialog_opened_for_one_post_chooses_it(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    target = Post.select().where(Post.text.contains("bourse")).order_by(Post.id).first()
    dialog = RumorFromPostDialog(ctx, post_id=target.id)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.post_id == target.id)
    assert dialog.model.rowCount() == 1 and dialog.claim.text() == " ".join(target.text.split())
    qtbot.waitUntil(lambda: dialog.existing.count() == 2)  # the "bourse" rumor is suggested
    assert "bourse" in dialog.existing.itemText(1)
