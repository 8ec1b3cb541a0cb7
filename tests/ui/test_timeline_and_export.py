"""The Timeline view (lanes, zoom, click to jump) and File → Export in a worker."""

import zipfile
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QPointF, Qt
from PySide6.QtWidgets import QApplication, QToolButton

from warroom.report.logbook_export import check_bundle
from warroom.ui.application import GuiApp, make_settings
from warroom.ui.logbook.export_dialog import ExportDialog
from warroom.ui.timeline.view import TimelineView


def make_timeline(qtbot, ctx):
    view = TimelineView(ctx)
    qtbot.addWidget(view)
    view.resize(900, 400)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.item_count() > 0)
    return view


def test_timeline_lanes_zoom_and_click_to_jump(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_timeline(qtbot, ctx)
    lanes = {item.lane for item in view.timeline.items}
    assert lanes == {"phases", "milestones", "statements", "rumors", "spikes"}
    assert view.item_count() == len(view.timeline.items)
    assert view.visible_seconds() > 12 * 3600  # "All": the first day of the demo
    for name, seconds in (("zoom_30min", 1800), ("zoom_6h", 6 * 3600), ("zoom_1week", 7 * 86400)):
        qtbot.mouseClick(view.findChild(QToolButton, name), Qt.MouseButton.LeftButton)
        assert abs(view.visible_seconds() - seconds) < 1
    qtbot.mouseClick(view.findChild(QToolButton, "zoom_all"), Qt.MouseButton.LeftButton)
    # click the first logbook milestone (entry #1) with the mouse
    entry = next(i for i in view.timeline.lane("milestones") if i.ident == 1)
    plot_item = view.plot.getPlotItem()
    scene = plot_item.vb.mapViewToScene(QPointF(entry.start.timestamp(), -1))
    pos = view.plot.mapFromScene(scene)
    with qtbot.waitSignal(ctx.navigator.show_item, timeout=3000) as blocker:
        qtbot.mouseClick(view.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["entry", 1]
    spike = view.timeline.lane("spikes")[0]
    with qtbot.waitSignal(ctx.navigator.show_posts, timeout=3000) as blocker:
        view.open_item(spike)
    post_filter = blocker.args[0]
    assert post_filter.until - post_filter.since == timedelta(hours=1)


def test_file_export_action_runs_in_a_worker(qtbot, window, tmp_path):
    gui = GuiApp(QApplication.instance(), make_settings(), "Inès Benali")
    actions = [a for a in gui.file_actions(window) if a is not None]
    export_action = next(a for a in actions if a.objectName() == "fileExport")
    assert export_action.isEnabled()
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.format.setCurrentIndex(dialog.format.findData("bundle"))
    target = tmp_path / "preuves.zip"
    dialog.path.setText(str(target))
    dialog.categories["system"].setChecked(False)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Written"), timeout=20_000)
    assert dialog.progress.value() == dialog.progress.maximum()
    assert dialog.open_button.isVisible()
    assert check_bundle(target) == []
    with zipfile.ZipFile(target) as bundle:
        document = bundle.read("logbook.json").decode("utf-8")
    assert '"automatic": true' not in document and "10 of 11" not in document
    assert document.count('"seq":') == 10


def test_export_dialog_rejects_a_bad_path(qtbot, window, tmp_path):
    dialog = ExportDialog(window.ctx, window)
    qtbot.addWidget(dialog)
    dialog.path.setText(str(tmp_path / "missing" / "x.pdf"))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert "existing folder" in dialog.status.text()
    assert not Path(tmp_path / "missing").exists()


def test_stacked_rumor_labels_show_only_when_they_fit(qtbot, demo_crisis, make_context):
    view = make_timeline(qtbot, make_context(demo_crisis))
    assert view._stacked_labels  # the demo's rumors are bars with labels
    assert all(t.isVisible() for t in view._stacked_labels)  # 400 px: room for three lines
    view.resize(900, 150)
    qtbot.waitUntil(lambda: not any(t.isVisible() for t in view._stacked_labels))
    view.resize(900, 500)
    qtbot.waitUntil(lambda: all(t.isVisible() for t in view._stacked_labels))
