"""Reading the feed's volume chart: after the table, abandoned when superseded, and during
a replay at most once a second (at Play speed, redrawing bars and markers for every step
of the cursor would make the window stutter)."""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QObject, QTimer

from warroom.store.interrupt import Superseded
from warroom.ui.feed import loaders
from warroom.ui.guard import alive

log = logging.getLogger("warroom.ui")
REPLAY_INTERVAL_MS = 1000


class ChartLoader(QObject):
    """Loads ``view.chart`` for the view's current filter and generation."""

    def __init__(self, view) -> None:
        super().__init__(view)
        self.view = view
        self._throttle = QTimer(self)
        self._throttle.setSingleShot(True)
        self._throttle.setInterval(REPLAY_INTERVAL_MS)
        self._throttle.timeout.connect(self._on_throttle_timeout)
        self._waiting: int | None = None

    def load(self, generation: int) -> None:
        if self.view.replaying():
            if self._throttle.isActive():
                self._waiting = generation
                return
            self._throttle.start()
        self._read(generation)

    def _on_throttle_timeout(self) -> None:
        waiting, self._waiting = self._waiting, None
        if waiting is not None and waiting == self.view._generation:
            self.load(waiting)

    def _read(self, generation: int) -> None:
        view = self.view
        db, rules, stop = view.ctx.crisis.db, view.rules(), view._superseded
        whole = view.effective_filter(replace(view.filter, since=None, until=None))
        view.ctx.runner.run_query(
            lambda: loaders.load_chart(db, whole, rules, stop=stop.is_set),
            on_success=alive(view, lambda result: self._on_loaded(generation, result)),
            on_failure=alive(view, self._on_failed),
        )

    def _on_loaded(self, generation: int, result) -> None:
        view = self.view
        if generation == view._generation and result is not None:
            view.chart.show_series(*result)
            view.chart.highlight(view.filter.since, view.filter.until)

    def _on_failed(self, exc: Exception) -> None:
        if not isinstance(exc, Superseded):
            log.warning("volume chart: %s", exc)
