"""The logbook integrity indicator of the status bar: verified at open and after every
logbook write; a click verifies again. A broken chain stays red and names the entry."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QToolButton

from warroom.store import logbook
from warroom.ui.context import AppContext
from warroom.ui.logbook.guard import alive


class IntegrityIndicator(QToolButton):
    """Signals:
    verified(object): the ChainReport of each completed verification.
    """

    verified = Signal(object)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._running = False
        self._again = False
        self.report = None
        self.setObjectName("integrity")
        self.setAutoRaise(True)
        self.setText(self.tr("Logbook: checking…"))
        self.clicked.connect(self.verify)
        ctx.changes.changed.connect(self._on_changes_changed)

    def verify(self) -> None:
        """Verify the whole chain in the background (coalesced if one is running)."""
        if self._running:
            self._again = True
            return
        self._running = True
        db = self._ctx.crisis.db
        self._ctx.runner.run_query(
            lambda: logbook.verify(db),
            on_success=alive(self, self._on_done),
            on_failure=alive(self, self._on_failed),
        )

    def _finish(self) -> None:
        self._running = False
        if self._again:
            self._again = False
            self.verify()

    def _on_done(self, report) -> None:
        self.report = report
        if report.ok:
            self.setText(self.tr("Logbook ✔ %n entries verified", "", report.entries))
            self.setStyleSheet("color: #1e7d32;")
            self.setToolTip(
                self.tr("Chain intact. Last hash:\n%1\nClick to verify again.").replace(
                    "%1", report.last_hash or "—"
                )
            )
        else:
            problem = report.problem.describe()
            self.setText(self.tr("Logbook ✖ TAMPERED: %1").replace("%1", problem))
            self.setStyleSheet("color: #ffffff; background: #b00020; font-weight: bold;")
            self.setToolTip(
                self.tr(
                    "The logbook file was altered outside warroom: %1\n"
                    "Do not rely on entries from this one on. Click to verify again."
                ).replace("%1", problem)
            )
        self.verified.emit(report)
        self._finish()

    def _on_failed(self, exc: Exception) -> None:
        self.setText(self.tr("Logbook: cannot verify (%1)").replace("%1", str(exc)))
        self.setStyleSheet("color: #b00020;")
        self._finish()

    def _on_changes_changed(self, topics: frozenset) -> None:
        if "logbook" in topics:
            self.verify()
