"""The Statements and Rumors views follow the replay cursor (issue #9): at chosen instants
they show what an independent reading of the event tables says stood then, refuse every
change, and return to the live state with Live."""

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.helpers.dialogs import keep_screenshot
from tests.helpers.replay_truth import rumors_at, statements_at
from warroom.domain.timeutil import parse_utc
from warroom.store import logbook
from warroom.store.models import Rumor, Statement, StatementEvent
from warroom.ui.rumors.models import IdRole as RumorIdRole
from warroom.ui.rumors.models import rumor_status_label
from warroom.ui.rumors.view import RumorsView
from warroom.ui.statements.models import IdRole, status_label
from warroom.ui.statements.view import StatementsView

SHOTS = Path("/tmp/replay-sr")
# The bundled scenario demo: nothing said yet / Seveso rumor only / first communiqué and the
# rumor corrected at the source / a statement in review, third rumor spreading / after all.
INSTANTS = [
    "2021-03-10T05:00:00Z",
    "2021-03-10T08:00:00Z",
    "2021-03-10T12:00:00Z",
    "2021-03-11T09:00:00Z",
    "2021-04-10T00:00:00Z",
]


def _view(qtbot, make_context, crisis, cls, operator):
    ctx = make_context(crisis, operator)
    view = cls(ctx)
    qtbot.addWidget(view)
    view.resize(1500, 950)
    view.show()
    qtbot.waitExposed(view)
    return view


@pytest.fixture
def statements(qtbot, scenario_demo_crisis, make_context):
    view = _view(qtbot, make_context, scenario_demo_crisis, StatementsView, "Hugo Lefèvre")
    qtbot.waitUntil(lambda: view.model.rowCount() == 22 and view.editor.statement_id() is not None)
    return view


@pytest.fixture
def rumors(qtbot, scenario_demo_crisis, make_context):
    view = _view(qtbot, make_context, scenario_demo_crisis, RumorsView, "Inès Benali")
    qtbot.waitUntil(lambda: view.model.rowCount() == 3 and view.detail.rumor_id() is not None)
    return view


def statement_rows(view):
    model = view.model
    return {
        model.index(r, 0).data(IdRole): model.index(r, 2).data() for r in range(model.rowCount())
    }


def rumor_rows(view):
    model = view.model
    return [
        (model.index(r, 0).data(RumorIdRole), model.index(r, 1).data())
        for r in range(model.rowCount())
    ]


def writes(db):
    """What a change to statements or rumors would leave behind."""
    return (logbook.count(db), StatementEvent.select().count(), Statement.select().count())


def action_buttons(widget, prefix):
    return [b for b in widget.findChildren(QPushButton) if b.objectName().startswith(prefix)]


def check_statements_at(qtbot, qtmodeltester, view, path, when):
    """The view's board, list and editor at ``when`` against the event tables."""
    truth = statements_at(path, when)
    want = {sid: status_label(item.status) for sid, item in truth.items()}
    view._ctx.navigator.as_of_changed.emit(when)
    qtbot.waitUntil(lambda: statement_rows(view) == want)
    qtmodeltester.check(view.model)
    assert view.banner.isVisible() and "Replay at" in view.banner.text()
    stamp = when.astimezone(view._ctx.tz).strftime("%d/%m/%Y %H:%M")
    assert stamp in view.banner.text() and "statements as they stood" in view.banner.text()
    counts = {s: c.model().rowCount() for s, c in view.columns.items()}
    assert counts == {s: sum(1 for t in truth.values() if t.status == s) for s in counts}
    assert not view.new_button.isEnabled()
    editor = view.editor
    if not truth:
        qtbot.waitUntil(lambda: editor.statement_id() is None)
        assert "No statement had been started" in editor.meta.text()
        return
    qtbot.waitUntil(lambda: editor.statement_id() in truth)
    shown = truth[editor.statement_id()]
    qtbot.waitUntil(lambda: editor.versions.selector.count() == len(shown.versions))
    labels = [editor.versions.selector.itemText(i) for i in range(len(shown.versions))]
    published = sorted(f"{c} · {lang}" for (c, lang), (_, out) in shown.versions.items() if out)
    assert sorted(x.rsplit(" · v", 1)[0] for x in labels if "(published)" in x) == published
    assert editor.status_badge.text() == status_label(shown.status)
    assert not any(b.isEnabled() for b in action_buttons(editor, "action_"))
    for button in (
        editor.add_version_button,
        editor.targets_button,
        editor.set_update_button,
        editor.versions.save_button,
        editor.versions.publish_button,
    ):
        assert not button.isEnabled()
    assert editor.versions.editor.isReadOnly() and editor.title_edit.isReadOnly()
    assert editor.versions.copy_button.isEnabled()  # reading stays possible


def test_statements_view_shows_each_instant_and_refuses_changes(
    qtbot, qtmodeltester, statements, scenario_demo_crisis
):
    view, db, path = statements, scenario_demo_crisis.db, scenario_demo_crisis.path
    live = statement_rows(view)
    before = writes(db)
    for instant in INSTANTS:
        check_statements_at(qtbot, qtmodeltester, view, path, parse_utc(instant))
    # Typing into the title and pressing Return, or asking the view directly: nothing changes.
    title = Statement.get_by_id(view.editor.statement_id()).title
    qtbot.keyClicks(view.editor.title_edit, " (changed)")
    qtbot.keyClick(view.editor.title_edit, Qt.Key.Key_Return)
    view.create_statement({"title": "Pendant le replay", "kind": "communique", "topic": ""})
    assert "Replay" in view.summary.text()
    view.editor._on_workflow_move_requested("withdrawn")
    assert "Replay: nothing can be changed" in view.editor.feedback.text()
    assert writes(db) == before and Statement.get_by_id(view.editor.statement_id()).title == title
    view._ctx.navigator.as_of_changed.emit(None)
    qtbot.waitUntil(lambda: statement_rows(view) == live)
    assert not view.banner.isVisible() and view.new_button.isEnabled()
    qtbot.waitUntil(lambda: view.editor.add_version_button.isEnabled())
    assert not view.editor.title_edit.isReadOnly()
    assert any(b.isEnabled() for b in action_buttons(view.editor, "action_"))


def test_statements_replay_keeps_the_chosen_statement(qtbot, statements):
    view = statements
    late = max(Statement.select(), key=lambda s: s.created_at)  # the last one written
    view.select_statement(late.id)
    qtbot.waitUntil(lambda: view.editor.statement_id() == late.id)
    # It did not exist then (at 05:00 nothing did); back to live it comes back.
    for instant, count, shown in (("10T12:00", 1, 1), ("10T05:00", 0, None), ("10T12:00", 1, 1)):
        view._ctx.navigator.as_of_changed.emit(parse_utc(f"2021-03-{instant}:00Z"))
        qtbot.waitUntil(
            lambda count=count, shown=shown: (
                view.model.rowCount() == count and view.editor.statement_id() == shown
            )
        )
        view._ctx.navigator.as_of_changed.emit(None)
        qtbot.waitUntil(lambda: view.editor.statement_id() == late.id)
    view._ctx.navigator.as_of_changed.emit(parse_utc("2021-03-10T12:00:00Z"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.editor.statement_id() == 1)
    view._ctx.navigator.show_item.emit("statement", late.id)  # e.g. from a rumor's rebuttal
    qtbot.waitUntil(lambda: view.editor.statement_id() is None)
    assert "not been started yet then" in view.editor.meta.text()
    view._ctx.navigator.as_of_changed.emit(None)
    qtbot.waitUntil(lambda: view.model.rowCount() == 22 and view.editor.statement_id() == late.id)


def check_rumors_at(qtbot, qtmodeltester, view, path, when, live):
    """The register and the rumor shown at ``when`` against the event tables."""
    truth = rumors_at(path, when)
    want = [(rid, rumor_status_label(truth[rid].status)) for rid, _ in live if rid in truth]
    view._ctx.navigator.as_of_changed.emit(when)
    qtbot.waitUntil(lambda: rumor_rows(view) == want)
    qtmodeltester.check(view.model)
    assert view.banner.isVisible() and "rumors as they stood" in view.banner.text()
    assert not view.from_post_button.isEnabled() and not view.from_cluster_button.isEnabled()
    detail = view.detail
    if not truth:
        qtbot.waitUntil(lambda: detail.rumor_id() is None)
        assert "No rumor had been seen" in detail.meta.text()
        return
    qtbot.waitUntil(
        lambda: (
            detail.rumor_id() in truth
            and detail.chart.data is not None
            and detail.chart.data.as_of == when
        )
    )
    shown = truth[detail.rumor_id()]
    assert detail.badge.text() == rumor_status_label(shown.status)
    assert detail.evidence.count() == shown.evidence
    assert detail.history.count() == shown.events
    assert ("corrected at source" in detail.meta.text()) == shown.corrected
    spread = detail.chart.data
    assert spread.rumor.starts[-1] <= when
    assert all(at <= when for at, _, _ in spread.publications)
    status_buttons = action_buttons(detail, "rumor_to_")
    assert status_buttons or shown.status == "closed"
    for button in [*status_buttons, detail.save_button, detail.evidence_button]:
        assert not button.isEnabled()
    assert not detail.rebuttal_button.isEnabled() and not detail.draft_button.isEnabled()
    assert detail.claim.isReadOnly() and detail.owner.isReadOnly()


def test_rumors_view_shows_each_instant_and_refuses_changes(
    qtbot, qtmodeltester, rumors, scenario_demo_crisis
):
    view, db, path = rumors, scenario_demo_crisis.db, scenario_demo_crisis.path
    live = rumor_rows(view)
    before = writes(db), [(r.status, r.owner) for r in Rumor.select()]
    for instant in INSTANTS:
        check_rumors_at(qtbot, qtmodeltester, view, path, parse_utc(instant), live)
    view.detail.owner.setText("someone else")  # even if a value got in, no write happens
    view.detail._on_save_clicked()
    view.register_from_post({"post_id": None, "existing": None, "claim": "x", "match_query": ""})
    assert "Replay" in view.summary.text()
    assert (writes(db), [(r.status, r.owner) for r in Rumor.select()]) == before
    view._ctx.navigator.as_of_changed.emit(None)
    qtbot.waitUntil(lambda: rumor_rows(view) == live)
    qtbot.waitUntil(lambda: view.detail.save_button.isEnabled())
    assert not view.banner.isVisible() and view.from_post_button.isEnabled()
    assert any(b.isEnabled() for b in action_buttons(view.detail, "rumor_to_"))


def test_rumor_chosen_before_the_replay_comes_back(qtbot, rumors):
    view = rumors
    last = max(r.id for r in Rumor.select())
    rect = view.table.visualRect(view.model.index(view.model.row_of(last), 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: view.detail.rumor_id() == last)
    first_seen = Rumor.get_by_id(last).first_seen
    for _ in range(2):  # back to live, or on to a time it had been seen: it comes back
        view._ctx.navigator.as_of_changed.emit(parse_utc("2021-03-10T08:00:00Z"))
        qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.detail.rumor_id() == 1)
        view._ctx.navigator.as_of_changed.emit(None)
        qtbot.waitUntil(lambda: view.model.rowCount() == 3 and view.detail.rumor_id() == last)
    view._ctx.navigator.as_of_changed.emit(parse_utc("2021-03-10T08:00:00Z"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1 and view.detail.rumor_id() == 1)
    view._ctx.navigator.as_of_changed.emit(first_seen)
    qtbot.waitUntil(lambda: view.detail.rumor_id() == last)
    assert view.table.currentIndex().data(RumorIdRole) == last
    view._ctx.navigator.as_of_changed.emit(first_seen - timedelta(minutes=1))
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 and view.detail.rumor_id() is not None)
    view._ctx.navigator.show_item.emit("rumor", last)  # e.g. a link in the logbook
    qtbot.waitUntil(lambda: "not been seen yet then" in view.detail.meta.text())
    assert view.detail.rumor_id() is None and not view.detail.isEnabled()


def test_screenshots_mid_crisis(qtbot, statements, rumors):
    when = parse_utc("2021-03-10T14:00:00Z")
    statements._ctx.navigator.as_of_changed.emit(when)
    rumors._ctx.navigator.as_of_changed.emit(when)
    qtbot.waitUntil(lambda: statements.model.rowCount() == 2)
    qtbot.waitUntil(
        lambda: rumors.detail.chart.data is not None and rumors.detail.chart.data.as_of == when
    )
    SHOTS.mkdir(exist_ok=True)
    for name, view in (("statements", statements), ("rumors", rumors)):
        shot = SHOTS / f"{name}.png"
        view.grab().save(str(shot))
        keep_screenshot(shot)


def test_the_replay_bar_drives_both_views(qtbot, window):
    bar = window.replay_bar
    statements, rumors = window.views["statements"], window.views["rumors"]
    path = window.ctx.crisis.path
    qtbot.waitUntil(lambda: bar.slider.maximum() > 0)
    qtbot.waitUntil(lambda: statements.model.rowCount() == 6 and rumors.model.rowCount() == 3)
    live = statement_rows(statements), rumor_rows(rumors)
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)  # leave live mode
    for instant in ("2021-03-10T01:00:00Z", "2021-03-10T09:30:00Z", "2021-03-12T00:00:00Z"):
        bar.set_as_of(parse_utc(instant))
        when = bar.as_of  # the cursor moves in 5-minute steps
        want_s = {k: status_label(v.status) for k, v in statements_at(path, when).items()}
        truth = rumors_at(path, when)
        want_r = [
            (rid, rumor_status_label(truth[rid].status)) for rid, _ in live[1] if rid in truth
        ]
        qtbot.waitUntil(lambda w=want_s: statement_rows(statements) == w)
        qtbot.waitUntil(lambda w=want_r: rumor_rows(rumors) == w)
        assert not statements.new_button.isEnabled() and not rumors.from_post_button.isEnabled()
    qtbot.mouseClick(bar.live, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: (statement_rows(statements), rumor_rows(rumors)) == live)
    assert statements.new_button.isEnabled() and not statements.banner.isVisible()
