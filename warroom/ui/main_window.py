"""The main window: one dock per view, menus, status bar, quick logbook entry."""

from __future__ import annotations

import itertools
import logging

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QToolBar,
    QWidget,
)

from warroom import __version__
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.errors import StoreError
from warroom.ui.context import AppContext
from warroom.ui.exercise.menus import install_exercise_ui
from warroom.ui.logbook.integrity import IntegrityIndicator
from warroom.ui.phase_menu import PhaseMenu
from warroom.ui.replay import ReplayBar
from warroom.ui.views.base import View
from warroom.ui.views.registry import VIEW_SPECS
from warroom.ui.widgets.elided_label import ElidedLabel
from warroom.ui.widgets.quick_entry import QuickEntryLine

log = logging.getLogger("warroom.ui")

LAYOUT_VERSION = 1
LEFT_SHARE = 0.64  # of the window's width, for the views tabbed on the left
QUICK_ENTRY_SHORTCUT = "Ctrl+L"


def format_clock(seconds: int) -> str:
    days, rest = divmod(max(0, seconds), 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"T+{days}d {clock}" if days else f"T+{clock}"


class MainWindow(QMainWindow):
    """The crisis window. Emits nothing; talks to the store through ``ctx.runner``."""

    replay_bar: ReplayBar  # set by warroom.ui.exercise.menus.install_exercise_ui

    def __init__(self, ctx: AppContext, app_actions=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._app_actions = app_actions
        self.setObjectName("mainWindow")
        self.setWindowTitle(f"{ctx.info.display_name} — warroom")
        self.setDockNestingEnabled(True)
        self.views: dict[str, View] = {}
        self.docks: dict[str, QDockWidget] = {}
        self._build_docks()
        self._build_quick_entry()
        self._build_menus()
        self._build_status_bar()
        self._add_view_extras()
        install_exercise_ui(self)
        self._restore_layout()
        ctx.navigator.show_view.connect(self.show_view)
        self._verify_logbook()

    # -- building -----------------------------------------------------------------
    def _build_docks(self) -> None:
        for spec in VIEW_SPECS:
            view = spec.create(self.ctx)
            dock = QDockWidget(view.title(), self)
            dock.setObjectName(f"dock_{spec.name}")
            dock.setWidget(view)
            # A tab raised in a dock area: views that deferred work (replay) do it now.
            dock.visibilityChanged.connect(lambda shown, v=view: v.revealed() if shown else None)
            self.views[spec.name] = view
            self.docks[spec.name] = dock
        self._arrange_default()

    def _arrange_default(self) -> None:
        """The default layout: analysis views tabbed on the left; logbook above timeline on
        the right (one tab group only: a second one leaves a stray tab bar in Qt 6)."""
        by_area: dict[Qt.DockWidgetArea, list[QDockWidget]] = {}
        for spec in VIEW_SPECS:
            dock = self.docks[spec.name]
            self.removeDockWidget(dock)
            self.addDockWidget(spec.area, dock)
            dock.setFloating(False)
            dock.show()
            by_area.setdefault(spec.area, []).append(dock)
        left = by_area.get(Qt.DockWidgetArea.LeftDockWidgetArea, [])
        for other in left[1:]:
            self.tabifyDockWidget(left[0], other)
        if left:
            left[0].raise_()
        right = by_area.get(Qt.DockWidgetArea.RightDockWidgetArea, [])
        for upper, lower in itertools.pairwise(right):
            self.splitDockWidget(upper, lower, Qt.Orientation.Vertical)
        if len(right) > 2:  # pairwise splits halve each time: share the height instead
            self.resizeDocks(right, [4] + [3] * (len(right) - 1), Qt.Orientation.Vertical)
        self._share_width_pending = True
        if self.isVisible():  # once the docks moved above are laid out
            QTimer.singleShot(0, self._share_width)

    def _share_width(self) -> None:
        """The analysis views (the Feed above all) get LEFT_SHARE of the width. Done once
        the window has its real size: dock sizes set before that are lost at the first
        resize (the window opened with the two sides at half and half)."""
        self._share_width_pending = False
        width = self.width()
        self.resizeDocks(
            [self.docks["dashboard"], self.docks["logbook"]],
            [int(width * LEFT_SHARE), int(width * (1 - LEFT_SHARE))],
            Qt.Orientation.Horizontal,
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._share_width_pending:
            QTimer.singleShot(0, self._share_width)

    def _build_quick_entry(self) -> None:
        bar = QToolBar(self.tr("Quick logbook entry"), self)
        bar.setObjectName("quickEntryBar")
        bar.setMovable(False)
        bar.addWidget(QLabel(self.tr("Logbook ")))
        self.quick_entry = QuickEntryLine(bar)
        self.quick_entry.submitted.connect(self._on_quick_entry_submitted)
        bar.addWidget(self.quick_entry)
        self.addToolBar(Qt.ToolBarArea.BottomToolBarArea, bar)
        shortcut = QShortcut(QKeySequence(QUICK_ENTRY_SHORTCUT), self)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(self._on_shortcut_quick_entry)

    def _build_menus(self) -> None:
        menu_file = self.menuBar().addMenu(self.tr("&File"))
        self.menu_file = menu_file
        actions = self._app_actions
        if actions is not None:
            for action in actions.file_actions(self):
                if action is None:
                    menu_file.addSeparator()
                else:
                    menu_file.addAction(action)
        menu_view = self.menuBar().addMenu(self.tr("&View"))
        for name, dock in self.docks.items():
            toggle = dock.toggleViewAction()
            toggle.setObjectName(f"toggle_{name}")
            menu_view.addAction(toggle)
        menu_view.addSeparator()
        reset = QAction(self.tr("&Reset layout"), self)
        reset.setObjectName("resetLayout")
        reset.triggered.connect(self.reset_layout)
        menu_view.addAction(reset)
        self.phase_menu = PhaseMenu(self)
        menu_help = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About warroom"), self)
        about.triggered.connect(self._on_about_triggered)
        keys = QAction(self.tr("&Keyboard shortcuts"), self)
        keys.setShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents))
        keys.triggered.connect(self._on_keys_triggered)
        menu_help.addAction(keys)
        menu_help.addAction(about)

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.crisis_label = ElidedLabel(self.ctx.info.display_name)
        self.crisis_label.setObjectName("crisisName")
        self.phase_label = QLabel(self.tr("Phase: %1").replace("%1", self.ctx.info.phase))
        self.clock_label = QLabel()
        self.clock_label.setObjectName("crisisClock")
        self.clock_label.setToolTip(self.tr("Time since the crisis was opened"))
        self.operator_label = ElidedLabel(self.tr("Operator: %1").replace("%1", self.ctx.operator))
        self.operator_label.setObjectName("operatorName")
        self.integrity_label = IntegrityIndicator(self.ctx)
        self.integrity_label.verified.connect(self._on_integrity_verified)
        verify_requested = getattr(self.views.get("logbook"), "verify_requested", None)
        if verify_requested is not None:
            verify_requested.connect(self.integrity_label.verify)
        self._status_widgets: list[QWidget] = []
        for widget in (
            self.crisis_label,
            self.phase_label,
            self.clock_label,
            self.integrity_label,
            self.operator_label,
        ):
            if isinstance(widget, QLabel):
                widget.setTextFormat(Qt.TextFormat.PlainText)
            bar.addPermanentWidget(widget)
            self._status_widgets.append(widget)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()
        self._on_clock_timeout()

    def _add_view_extras(self) -> None:
        """Views may contribute status-bar indicators (``status_widgets()``) and File-menu
        actions (``file_actions()``, placed before Quit)."""
        menu = self.menu_file
        last = menu.actions()[-1] if menu.actions() else None
        for view in self.views.values():
            for widget in getattr(view, "status_widgets", list)():
                self.add_status_widget(widget)
            for action in getattr(view, "file_actions", list)():
                if last is not None:
                    menu.insertAction(last, action)
                else:
                    menu.addAction(action)

    def add_status_widget(self, widget: QWidget) -> None:
        """Let a view or service put a permanent indicator in the status bar."""
        self.statusBar().insertPermanentWidget(len(self._status_widgets), widget)
        self._status_widgets.append(widget)

    def show_view(self, name: str) -> None:
        """Show and raise the dock of the named view."""
        dock = self.docks.get(name)
        if dock is not None:
            dock.show()
            dock.raise_()

    # -- layout persistence ---------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = self.ctx.settings
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1440, 900)
        if isinstance(state, QByteArray) and self.restoreState(state, LAYOUT_VERSION):
            self._share_width_pending = False  # the operator's own layout

    def save_layout(self) -> None:
        self.ctx.settings.setValue("window/geometry", self.saveGeometry())
        self.ctx.settings.setValue("window/state", self.saveState(LAYOUT_VERSION))
        self.ctx.settings.sync()

    def reset_layout(self) -> None:
        self._arrange_default()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self._clock.stop()
        super().closeEvent(event)

    # -- slots ------------------------------------------------------------------------
    def _on_clock_timeout(self) -> None:
        elapsed = int((utcnow() - self.ctx.info.opened_at).total_seconds())
        self.clock_label.setText(format_clock(elapsed))

    def _on_shortcut_quick_entry(self) -> None:
        self.quick_entry.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.quick_entry.selectAll()

    def _on_quick_entry_submitted(self, category: str, text: str) -> None:
        db = self.ctx.crisis.db
        entry = logbook.NewEntry(text=text, category=category, operator=self.ctx.operator)
        self.quick_entry.setEnabled(False)
        self.ctx.runner.run_write(
            lambda: logbook.append(db, entry),
            changed={"logbook"},
            on_success=self._on_entry_written,
            on_failure=self._on_entry_failed,
        )

    def _on_entry_written(self, data) -> None:
        self.quick_entry.clear()
        self.quick_entry.setEnabled(True)
        self.quick_entry.setFocus()
        self.statusBar().showMessage(
            self.tr("Recorded logbook entry #%1").replace("%1", str(data.seq)), 5000
        )

    def _on_entry_failed(self, exc: Exception) -> None:
        self.quick_entry.setEnabled(True)
        message = str(exc) if isinstance(exc, StoreError) else repr(exc)
        self.statusBar().showMessage(self.tr("Not recorded: %1").replace("%1", message))
        QMessageBox.warning(
            self,
            self.tr("Logbook"),
            self.tr("The entry was not recorded and is still in the entry line.\n\n%1").replace(
                "%1", message
            ),
        )

    def _verify_logbook(self) -> None:
        self.integrity_label.verify()

    def _on_integrity_verified(self, report) -> None:
        show = getattr(self.views.get("logbook"), "show_integrity", None)
        if show is not None:
            show(report)

    def _on_about_triggered(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About warroom"),
            self.tr("warroom %1\nA desktop application for crisis cells.").replace(
                "%1", __version__
            ),
        )

    def _on_keys_triggered(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Keyboard shortcuts"),
            self.tr(
                "Ctrl+L\tQuick logbook entry (from any view)\n"
                "Ctrl+N\tNew crisis\nCtrl+O\tOpen crisis\nCtrl+W\tClose crisis\n"
                "F1\tThis list"
            ),
        )
