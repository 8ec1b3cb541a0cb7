"""One read at a time per view, and only the newest answer.

A view that reloads whenever something changes (the replay cursor moving every 200 ms
during *Play*, posts streaming in) must not queue one slow read per change: on a large
crisis they would pile up in the worker pool, delay every other view, and arrive long
after they stopped mattering. :class:`LatestRead` runs one read; requests made meanwhile
replace each other, and when the running read ends, the newest request starts and the
finished answer, already outdated, is dropped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from warroom.ui.guard import alive

Read = tuple[Callable[[], Any], Callable[[Any], None], Callable[[Exception], None] | None]


class LatestRead:
    def __init__(self, runner, owner: QObject) -> None:
        self._runner = runner
        self._owner = owner
        self._running = False
        self._waiting: Read | None = None

    @property
    def busy(self) -> bool:
        return self._running

    def request(
        self,
        func: Callable[[], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        if self._running:
            self._waiting = (func, on_success, on_failure)
            return
        self._start((func, on_success, on_failure))

    def _start(self, read: Read) -> None:
        func, on_success, on_failure = read
        self._running = True
        self._runner.run_query(
            func,
            on_success=alive(self._owner, lambda result: self._finished(on_success, result)),
            on_failure=alive(self._owner, lambda exc: self._finished(on_failure, exc)),
        )

    def _finished(self, deliver, value) -> None:
        self._running = False
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            self._start(waiting)  # this answer is already outdated
        elif deliver is not None:
            deliver(value)
