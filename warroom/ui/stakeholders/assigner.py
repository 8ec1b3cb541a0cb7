"""Keeps group counts live: accounts that arrive with new posts are placed by the rules."""

from __future__ import annotations

from PySide6.QtCore import QObject

from warroom.store import stakeholder_rules
from warroom.ui.guard import alive


class NewAuthorAssigner(QObject):
    """Runs the rules on authors newer than the last pass (a watermark on author ids),
    one pass at a time in the writer thread. Notifies "authors"/"stakeholders" only when
    someone actually joined a group, so its own notifications do not loop."""

    def __init__(self, ctx, on_error, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._on_error = on_error
        self._watermark = 0
        self._running = False
        self._again = False

    def run(self) -> None:
        if self._running:
            self._again = True  # more arrived meanwhile: one more pass afterwards
            return
        self._running, self._again = True, False
        db, after = self._ctx.crisis.db, self._watermark
        self._ctx.runner.run_write(
            lambda: stakeholder_rules.assign_new_authors(db, after),
            changed=(),
            on_success=alive(self, self._on_done),
            on_failure=alive(self, self._on_failed),
        )

    def _on_done(self, report) -> None:
        self._running = False
        self._watermark = max(self._watermark, report.last_author_id)
        if report.moved:
            self._ctx.changes.notify({"authors", "stakeholders"})
        if self._again:
            self.run()

    def _on_failed(self, exc: Exception) -> None:
        self._running = False
        self._on_error(exc)
