"""Python's cyclic garbage collector, run only in the GUI thread.

Left automatic, the collector runs in whichever thread happens to allocate when a
threshold is crossed — often a worker of ``ctx.runner``. Collecting a reference cycle
that holds Qt objects (a closed window, pyqtgraph items) then destroys them off the GUI
thread: Qt warns ("Timers cannot be started from another thread") or crashes. This guard
switches automatic collection off and collects on a GUI-thread timer instead, with the
same generation thresholds.

What lives as long as the window (modules, classes, the window's widgets and wrappers:
~150,000 objects) is frozen once the window is up (:meth:`freeze_long_lived`): a full
collection over them took ~130 ms of the GUI thread, every few seconds while posts
stream in (70,000 allocations), and made the feed stutter. Collections then look only at
what was made since. Closing a crisis thaws them (its window's cycles can be collected);
the next window is frozen in turn.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer


class GuiThreadGarbageCollector(QObject):
    INTERVAL_MS = 500

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def _on_timer_timeout(self) -> None:
        self.collect_if_due()

    def collect_if_due(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):  # the oldest due generation covers the younger ones
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    def freeze_long_lived(self) -> None:
        """Collect everything once, then leave what survives out of later collections."""
        gc.collect()
        gc.freeze()

    def uninstall(self) -> None:
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()


def install(app: QObject) -> GuiThreadGarbageCollector:
    """Once per application: later calls return the installed guard."""
    existing = app.findChild(GuiThreadGarbageCollector)
    return existing if existing is not None else GuiThreadGarbageCollector(app)
