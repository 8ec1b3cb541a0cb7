"""The logbook integrity indicator of the status bar.

The whole chain is verified at opening, on a click (or the Logbook view's "Verify chain")
and every ``FULL_EVERY_MS``; after each logbook write only the new entries are verified,
against the last verified one (a 50,000-entry chain takes seconds to re-hash). A broken
chain stays red and names the first bad entry."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QToolButton

from warroom.store import logbook
from warroom.ui.context import AppContext
from warroom.ui.guard import alive

FULL_EVERY_MS = 10 * 60 * 1000


class IntegrityIndicator(QToolButton):
    """Signals:
    verified(object): the ChainReport of each completed verification.
    """

    verified = Signal(object)

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._running = False
        self._again: bool | None = None  # None: nothing queued; True: full; False: increment
        self.report = None
        self.setObjectName("integrity")
        self.setAutoRaise(True)
        self.setText(self.tr("Logbook: checking…"))
        self.clicked.connect(lambda _checked=False: self.verify(full=True))
        ctx.changes.changed.connect(self._on_changes_changed)
        self._full_timer = QTimer(self)
        self._full_timer.setInterval(FULL_EVERY_MS)
        self._full_timer.timeout.connect(self.verify)
        self._full_timer.start()

    def verify(self, full: bool = True) -> None:
        """Verify in the background: the whole chain, or (``full=False``) what was appended
        since the last intact verification. Requests made meanwhile are coalesced."""
        if self._running:
            self._again = bool(self._again) or full
            return
        self._running = True
        db, checked = self._ctx.crisis.db, self.report
        if full or checked is None or not checked.ok:
            task = lambda: logbook.verify(db)  # noqa: E731
        else:
            task = lambda: logbook.verify_after(db, checked)  # noqa: E731
        self._ctx.runner.run_query(
            task,
            on_success=alive(self, self._on_done),
            on_failure=alive(self, self._on_failed),
        )

    def _finish(self) -> None:
        self._running = False
        if self._again is not None:
            full, self._again = self._again, None
            self.verify(full)

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
            self.verify(full=False)
