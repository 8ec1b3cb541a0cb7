"""What exercises, replay and review add to the main window, in one call from it:
the Exercise menu, File → Export review…, the replay bar, and the title refresh when the
crisis becomes an exercise."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolBar

from warroom.store.crisis import crisis_info
from warroom.ui.replay import ReplayBar


def install_exercise_ui(window) -> None:
    ctx = window.ctx
    _file_menu(window)
    _exercise_menu(window)
    bar = QToolBar(window.tr("Replay"), window)
    bar.setObjectName("replayBar")
    bar.setMovable(False)
    window.replay_bar = ReplayBar(ctx, bar)
    bar.addWidget(window.replay_bar)
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

    def on_changes(topics: frozenset) -> None:
        if "crisis" in topics:
            ctx.runner.run_query(crisis_info, on_success=lambda info: _retitle(window, info))

    ctx.changes.changed.connect(on_changes)

    def on_as_of(when) -> None:  # the status bar keeps telling the phase as it is now
        window.replaying = when is not None
        _show_phase(window)

    window.replaying = False
    ctx.navigator.as_of_changed.connect(on_as_of)


def _show_phase(window) -> None:
    text = window.tr("Phase (now): %1") if window.replaying else window.tr("Phase: %1")
    window.phase_label.setText(text.replace("%1", window.ctx.info.phase))


def _retitle(window, info) -> None:
    """The crisis changed (e.g. marked as an EXERCISE): show it everywhere at once."""
    window.ctx.info = info
    window.setWindowTitle(f"{info.display_name} — warroom")
    window.crisis_label.setText(info.display_name)
    _show_phase(window)


def _file_menu(window) -> None:
    action = QAction(window.tr("Export &review…"), window)
    action.setObjectName("exportReview")
    action.triggered.connect(lambda: open_review_dialog(window))
    menu = window.menu_file
    quit_action = next((a for a in menu.actions() if a.objectName() == "fileQuit"), None)
    if quit_action is not None:
        menu.insertAction(quit_action, action)
        menu.insertSeparator(quit_action)
    else:
        menu.addAction(action)
    window.export_review_action = action


def _exercise_menu(window) -> None:
    view = window.views.get("exercise")
    if view is None:
        return
    menu = window.menuBar().addMenu(window.tr("E&xercise"))
    help_action = next(
        (a for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"), None
    )
    if help_action is not None:
        window.menuBar().insertMenu(help_action, menu)
    start = QAction(window.tr("&Start…"), window)
    start.setObjectName("exerciseStart")
    start.triggered.connect(view.start_dialog)
    panel = QAction(window.tr("Director's &panel"), window)
    panel.setObjectName("exercisePanel")
    panel.triggered.connect(lambda: window.show_view("exercise"))
    menu.addAction(start)
    menu.addAction(panel)
    window.exercise_menu = menu


def open_review_dialog(window):
    from warroom.ui.review.dialog import ReviewDialog

    dialog = ReviewDialog(window.ctx, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
