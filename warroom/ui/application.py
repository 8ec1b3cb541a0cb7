"""The GUI side of the composition root: QApplication, settings, opening crises."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
import threading
import traceback
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from warroom import APP_NAME, paths
from warroom.analysis.enrichers import ENRICHERS
from warroom.store import StoreError
from warroom.store.crisis import crisis_info, ensure_operator
from warroom.store.db import CRISIS_SUFFIX, CrisisDatabase
from warroom.tasks import ChangeHub, TaskRunner
from warroom.ui import gc_guard
from warroom.ui.context import AppContext, Navigator
from warroom.ui.main_window import MainWindow

log = logging.getLogger("warroom.ui")
MAX_RECENT = 8


def make_settings() -> QSettings:
    """Per-user settings in an INI file under the config folder (see README)."""
    return QSettings(str(paths.config_dir() / "warroom.ini"), QSettings.Format.IniFormat)


def ensure_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setWindowIcon(QIcon(str(paths.resource("icons", "warroom.svg"))))
    style = paths.resource("style.qss").read_text(encoding="utf-8")
    app.setStyleSheet(style)
    gc_guard.install(app)  # cyclic garbage (Qt objects) is collected in this thread only
    return app


def open_or_create_demo() -> CrisisDatabase:
    """Open the demo crisis; on first use, build it (thousands of posts, a few seconds) in
    a worker thread behind a progress dialog, so that the user sees what is happening."""
    path = paths.demo_crisis_path()
    if not path.exists():
        _build_demo_with_progress(path)
    return CrisisDatabase.open(path)


def _build_demo(path: Path) -> None:
    from warroom.ingest.demo import DEMO_NAME, seed_demo

    # Built under another name and renamed when complete: a demo interrupted while it
    # loads its thousands of posts never leaves a half-filled demo.warroom behind.
    partial = path.with_name(path.name + ".creating")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    crisis = CrisisDatabase.create(partial, DEMO_NAME, timezone="Europe/Paris")
    try:
        seed_demo(crisis.db)
    except Exception:
        crisis.close()
        partial.unlink(missing_ok=True)
        raise
    crisis.close()
    partial.replace(path)


def _build_demo_with_progress(path: Path) -> None:
    """Run :func:`_build_demo` in a thread while the GUI thread shows a busy dialog and
    keeps painting; re-raise what the build raised."""
    outcome: dict[str, BaseException] = {}

    def work() -> None:
        try:
            _build_demo(path)
        except BaseException as exc:  # handed to the GUI thread below
            outcome["error"] = exc

    dialog = QProgressDialog(
        QCoreApplication.translate(
            "Demo", "Preparing the demo crisis (first start only, a few seconds)…"
        ),
        "",
        0,
        0,
    )
    dialog.setObjectName("demoProgress")
    dialog.setWindowTitle(APP_NAME)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.show()
    worker = threading.Thread(target=work, name="demo-build", daemon=True)
    worker.start()
    loop = QEventLoop()
    poll = QTimer()
    poll.setInterval(50)
    poll.timeout.connect(lambda: None if worker.is_alive() else loop.quit())
    poll.start()
    loop.exec()
    poll.stop()
    worker.join()
    dialog.close()
    dialog.deleteLater()
    if "error" in outcome:
        raise outcome["error"]


def build_context(crisis: CrisisDatabase, settings: QSettings, operator: str) -> AppContext:
    changes = ChangeHub()
    runner = TaskRunner(changes, connection=crisis.db.connection_context)
    ensure_operator(crisis.db, operator)
    return AppContext(
        crisis=crisis,
        info=crisis_info(),
        runner=runner,
        changes=changes,
        settings=settings,
        operator=operator,
        navigator=Navigator(),
        enrichers=ENRICHERS,
    )


class GuiApp:
    """Owns the open crisis and its window; File-menu actions land here."""

    def __init__(
        self, app: QApplication, settings: QSettings, operator: str, freeze: bool = False
    ) -> None:
        self.app = app
        self.settings = settings
        self.operator = operator
        # Freeze what lives as long as the window once it is up (warroom.ui.gc_guard): the
        # program does; tests that build windows one after the other in one process don't.
        self.freeze = freeze
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None

    # -- opening and closing ----------------------------------------------------------
    def open_crisis(self, crisis: CrisisDatabase) -> MainWindow:
        self.close_crisis()
        self.ctx = build_context(crisis, self.settings, self.operator)
        self.window = MainWindow(self.ctx, app_actions=self)
        self._remember(crisis.path)
        if crisis.backup is not None:
            self.window.statusBar().showMessage(
                f"Upgraded the crisis file; the previous version was kept as {crisis.backup}"
            )
        self.window.show()
        if self.freeze:  # once the window is up and its first reads are done
            QTimer.singleShot(2000, lambda window=self.window: self._freeze(window))
        return self.window

    def _freeze(self, window: MainWindow) -> None:
        if self.window is window:  # not a window closed within the two seconds
            gc_guard.install(self.app).freeze_long_lived()

    def close_crisis(self) -> None:
        if self.window is not None:
            self.window.save_layout()
            self.window.hide()
            self.window.deleteLater()
            self.window = None
            if self.freeze:
                gc.unfreeze()  # the closed window's cycles can be collected again
        if self.ctx is not None:
            self.ctx.runner.shutdown()
            self.ctx.crisis.close()
            self.ctx = None

    def _remember(self, path: Path) -> None:
        recent = [p for p in self.recent() if Path(p) != path.resolve()]
        recent.insert(0, str(path.resolve()))
        self.settings.setValue("recent", recent[:MAX_RECENT])

    def recent(self) -> list[str]:
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            return [value]
        return [str(v) for v in value] if isinstance(value, list) else []

    # -- File menu ------------------------------------------------------------------
    def file_actions(self, parent: QWidget) -> list[QAction | None]:
        def action(
            text: str, slot, shortcut: QKeySequence.StandardKey | None = None, name: str = ""
        ) -> QAction:
            act = QAction(parent.tr(text), parent)
            act.setObjectName(name)
            if shortcut is not None:
                act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(slot)
            return act

        keys = QKeySequence.StandardKey
        recent_menu_action = QAction(parent.tr("Open &Recent"), parent)
        menu = QMenu(parent.tr("Open &Recent"), parent)
        for path in self.recent():
            item = menu.addAction(path)
            item.triggered.connect(lambda _=False, p=path: self._open_path(parent, Path(p)))
        menu.setEnabled(bool(self.recent()))
        recent_menu_action.setMenu(menu)
        export = action("&Export…", lambda: self._on_export(parent), name="fileExport")
        export.setShortcut(QKeySequence("Ctrl+E"))
        return [
            action("&New crisis…", lambda: self._on_new(parent), keys.New, "fileNew"),
            action("&Open crisis…", lambda: self._on_open(parent), keys.Open, "fileOpen"),
            recent_menu_action,
            action("&Close crisis", self._on_close, keys.Close, "fileClose"),
            None,
            export,
            None,
            action("&Quit", self.app.quit, keys.Quit, "fileQuit"),
        ]

    def _on_export(self, parent: QWidget) -> None:
        from warroom.ui.logbook.export_dialog import ExportDialog

        if self.ctx is not None:
            self.export_dialog = ExportDialog(self.ctx, parent)
            self.export_dialog.open()

    def _on_new(self, parent: QWidget) -> None:
        name, ok = QInputDialog.getText(
            parent, parent.tr("New crisis"), parent.tr("Name of the crisis:")
        )
        if not ok or not name.strip():
            return
        target, _ = QFileDialog.getSaveFileName(
            parent,
            parent.tr("Save the crisis file"),
            str(paths.data_dir() / f"{name.strip()}{CRISIS_SUFFIX}"),
            parent.tr("Crisis files (*.warroom)"),
        )
        if not target:
            return
        try:
            crisis = CrisisDatabase.create(Path(target), name)
        except StoreError as exc:
            QMessageBox.warning(parent, parent.tr("New crisis"), str(exc))
            return
        self.open_crisis(crisis)

    def _on_open(self, parent: QWidget) -> None:
        target, _ = QFileDialog.getOpenFileName(
            parent,
            parent.tr("Open a crisis file"),
            str(paths.data_dir()),
            parent.tr("Crisis files (*.warroom);;All files (*)"),
        )
        if target:
            self._open_path(parent, Path(target))

    def _open_path(self, parent: QWidget, path: Path) -> None:
        try:
            crisis = CrisisDatabase.open(path)
        except StoreError as exc:
            QMessageBox.warning(parent, parent.tr("Open crisis"), str(exc))
            return
        self.open_crisis(crisis)

    def _on_close(self) -> None:
        self.close_crisis()
        self.app.quit()


def ask_operator(settings: QSettings, explicit: str | None) -> str | None:
    """The operator's name: from --operator, the settings, or asked once."""
    from warroom.userenv import default_operator

    if explicit:
        settings.setValue("operator", explicit.strip())
        return explicit.strip()
    stored = settings.value("operator")
    if isinstance(stored, str) and stored.strip():
        return stored.strip()
    name, ok = QInputDialog.getText(
        None, "warroom", "Your name, as it will appear in the logbook:", text=default_operator()
    )
    if not ok or not name.strip():
        return None
    settings.setValue("operator", name.strip())
    return name.strip()


def _install_excepthook() -> None:
    def hook(kind, value, tb) -> None:
        log.error("unexpected error: %s", "".join(traceback.format_exception(kind, value, tb)))
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "warroom",
                f"Unexpected error: {value}\n\n"
                "Your logbook and data are safe; details are in the log.",
            )

    sys.excepthook = hook


def run_gui(args: argparse.Namespace) -> int:
    app = ensure_app()
    settings = make_settings()
    operator = ask_operator(settings, args.operator)
    if operator is None:
        return 1
    gui = GuiApp(app, settings, operator, freeze=True)
    if args.demo:
        crisis = open_or_create_demo()
    elif args.crisis is not None:
        crisis = CrisisDatabase.open(args.crisis)
    else:
        recent = gui.recent()
        crisis = (
            CrisisDatabase.open(recent[0])
            if recent and Path(recent[0]).exists()
            else open_or_create_demo()
        )
    gui.open_crisis(crisis)
    _install_excepthook()
    code = app.exec()
    gui.close_crisis()
    return int(code)
