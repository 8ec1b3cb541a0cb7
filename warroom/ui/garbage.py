"""Garbage collection on the GUI thread only.

Python's cyclic garbage collector runs in whichever thread happens to allocate when a
threshold is crossed. If that is a worker thread and the garbage holds Qt objects (a
closed view, a dialog), Qt destroys them off the GUI thread and the process crashes.
So automatic collection is switched off and a timer collects on the GUI thread instead
(the approach of pyqtgraph's GarbageCollector).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiGarbageCollector(QObject):
    """Collects generation 0 every ``interval_ms`` and a full collection every minute."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 1000) -> None:
        super().__init__(parent)
        self._ticks = 0
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._on_timer_timeout)
        gc.disable()
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self._ticks += 1
        gc.collect(2 if self._ticks % 60 == 0 else 0)

    def stop(self) -> None:
        self._timer.stop()
        gc.enable()
