"""Crisis → Phase: move the crisis through its phases (watch, alert, acute, recovery,
closed). Each change is confirmed, written in a worker and logged automatically in the
logbook (``warroom.store.phase.change_phase``); the status bar, dashboard and timeline
follow through the "crisis" and "logbook" topics."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox

from warroom.domain.enums import CrisisPhase
from warroom.store.phase import change_phase
from warroom.ui.guard import alive

PHASE_TITLES = {
    CrisisPhase.WATCH: "&Watch",
    CrisisPhase.ALERT: "&Alert",
    CrisisPhase.ACUTE: "A&cute",
    CrisisPhase.RECOVERY: "&Recovery",
    CrisisPhase.CLOSED: "C&losed",
}


class PhaseMenu:
    """Adds the Crisis menu to a main window and keeps its check mark on the phase."""

    def __init__(self, window) -> None:
        self.window = window
        menu = window.menuBar().addMenu(window.tr("&Crisis"))
        menu.setObjectName("crisisMenu")
        self.menu = menu.addMenu(window.tr("&Phase"))
        self.group = QActionGroup(window)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for phase, title in PHASE_TITLES.items():
            action = QAction(window.tr(title), window)
            action.setObjectName(f"phase_{phase.value}")
            action.setCheckable(True)
            action.triggered.connect(lambda _c=False, p=phase.value: self.ask(p))
            self.group.addAction(action)
            self.menu.addAction(action)
            self.actions[phase.value] = action
        self.menu.aboutToShow.connect(self.sync)
        self.sync()

    def sync(self) -> None:
        """Check the crisis's current phase."""
        action = self.actions.get(self.window.ctx.info.phase)
        if action is not None:
            action.setChecked(True)

    def confirm(self, old: str, new: str) -> bool:
        answer = QMessageBox.question(
            self.window,
            self.window.tr("Crisis phase"),
            self.window.tr("Move the crisis from phase %1 to phase %2?\n\nThe logbook records it.")
            .replace("%1", old)
            .replace("%2", new),
        )
        return answer == QMessageBox.StandardButton.Yes

    def ask(self, phase: str) -> None:
        ctx = self.window.ctx
        old = ctx.info.phase
        if phase == old or not self.confirm(old, phase):
            self.sync()
            return
        db, operator = ctx.crisis.db, ctx.operator
        ctx.runner.run_write(
            lambda: change_phase(db, phase, operator),
            changed={"crisis", "logbook"},
            on_failure=alive(self.window, self._on_failed),
        )

    def _on_failed(self, exc: Exception) -> None:
        self.sync()
        QMessageBox.warning(self.window, self.window.tr("Crisis phase"), str(exc))
