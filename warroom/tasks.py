"""Background work: the one helper every part of the app uses.

RULE: workers never touch widgets, Qt models or QSettings. A task is a plain function
that takes plain inputs and returns a plain value; its result reaches the GUI thread only
through the signals of :class:`TaskRunner` (queued into the GUI thread's event loop).

Pools (Picard's habit): ``general`` for fetching and analysis, ``writer`` with a single
thread for every database write, so that writes are serialised in one place. Each worker
thread opens its own database connection (peewee keeps connection state per thread) and
closes it when the task ends. After a write, :class:`ChangeHub` emits ``changed`` with the
names of what changed, and views decide what to refresh (Anki's habit).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger("warroom.tasks")


class ChangeHub(QObject):
    """Signals:
    changed(object): a frozenset of topic names ("logbook", "posts", "sources", …).
    """

    changed = Signal(object)

    def notify(self, topics: Iterable[str]) -> None:
        self.changed.emit(frozenset(topics))


class TaskState:
    """Handed to long tasks: progress, status text and cancellation (Orange's TaskState)."""

    def __init__(self, emitter: _Emitter) -> None:
        self._emitter = emitter
        self._cancel = threading.Event()

    def set_progress(self, done: int, total: int) -> None:
        self._emitter.progress.emit(done, total)

    def set_status(self, text: str) -> None:
        self._emitter.status.emit(text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class _Emitter(QObject):
    """Lives in the GUI thread; its signals, emitted by a worker, are queued to its slots."""

    succeeded = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)
    status = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.on_ok: Callable[[Any], None] | None = None
        self.on_err: Callable[[Exception], None] | None = None
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        if self.on_ok:
            self.on_ok(result)

    @Slot(object)
    def _on_failed(self, exc: Exception) -> None:
        if self.on_err:
            self.on_err(exc)


@dataclass
class Task:
    """A handle on submitted work, to connect progress or cancel it."""

    emitter: _Emitter
    state: TaskState
    _refs: list[Any] = field(default_factory=list)

    def cancel(self) -> None:
        self.state.cancel()


class _Runnable(QRunnable):
    def __init__(
        self, func: Callable[[], Any], emitter: _Emitter, connection: Callable[[], Any] | None
    ) -> None:
        super().__init__()
        self._func = func
        self._emitter = emitter
        self._connection = connection

    def run(self) -> None:
        try:
            if self._connection is None:
                result = self._func()
            else:
                with self._connection():
                    result = self._func()
        except Exception as exc:  # reported to the GUI, which shows it
            log.debug("task failed", exc_info=True)
            self._emitter.failed.emit(exc)
        else:
            self._emitter.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs reads, writes and long jobs off the GUI thread.

    ``connection`` is a context-manager factory that opens and closes the worker thread's
    database connection (e.g. ``db.connection_context``), or None for work without a DB.
    """

    def __init__(
        self,
        changes: ChangeHub,
        connection: Callable[[], Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.changes = changes
        self._connection = connection
        self.general = QThreadPool(self)
        self.general.setMaxThreadCount(max(2, QThreadPool.globalInstance().maxThreadCount()))
        self.writer = QThreadPool(self)
        self.writer.setMaxThreadCount(1)
        self._live: set[int] = set()
        self._tasks: dict[int, Task] = {}

    def _submit(
        self,
        pool: QThreadPool,
        func: Callable[[], Any],
        on_success: Callable[[Any], None] | None,
        on_failure: Callable[[Exception], None] | None,
        after: Callable[[Any], None] | None = None,
        state: TaskState | None = None,
        emitter: _Emitter | None = None,
    ) -> Task:
        # The runner (GUI thread) owns each emitter and deletes it with deleteLater() once its
        # result is delivered: a worker dropping the last Python reference must never
        # destroy a QObject of the GUI thread from its own thread.
        emitter = emitter or _Emitter(self)
        if emitter.parent() is None:
            emitter.setParent(self)
        task = Task(emitter, state or TaskState(emitter))
        key = id(task)
        self._tasks[key] = task

        def finished_ok(result: Any) -> None:
            self._tasks.pop(key, None)
            emitter.deleteLater()
            if after:
                after(result)
            if on_success:
                on_success(result)

        def finished_err(exc: Exception) -> None:
            self._tasks.pop(key, None)
            emitter.deleteLater()
            if on_failure:
                on_failure(exc)
            else:
                log.error("background task failed: %s", exc)

        emitter.on_ok = finished_ok
        emitter.on_err = finished_err
        pool.start(_Runnable(func, emitter, self._connection))
        return task

    def run_query(
        self,
        func: Callable[[], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Task:
        """Read in the general pool; ``on_success(result)`` runs on the GUI thread."""
        return self._submit(self.general, func, on_success, on_failure)

    def run_write(
        self,
        func: Callable[[], Any],
        changed: Iterable[str],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
    ) -> Task:
        """Write in the single writer thread, then notify ``changed`` topics."""
        topics = frozenset(changed)
        return self._submit(
            self.writer,
            func,
            on_success,
            on_failure,
            after=lambda _result: self.changes.notify(topics),
        )

    def run_long(
        self,
        func: Callable[[TaskState], Any],
        on_success: Callable[[Any], None] | None = None,
        on_failure: Callable[[Exception], None] | None = None,
        writes: Iterable[str] = (),
    ) -> Task:
        """A long job taking a TaskState (progress, cancellation)."""
        emitter = _Emitter(self)
        state = TaskState(emitter)
        topics = frozenset(writes)
        pool = self.writer if topics else self.general
        after = (lambda _r: self.changes.notify(topics)) if topics else None
        return self._submit(
            pool,
            lambda: func(state),
            on_success,
            on_failure,
            after=after,
            state=state,
            emitter=emitter,
        )

    def shutdown(self, timeout_ms: int = 10_000) -> None:
        """Cancel long jobs and wait for every pool (called when the crisis closes)."""
        for task in list(self._tasks.values()):
            task.cancel()
        self.general.waitForDone(timeout_ms)
        self.writer.waitForDone(timeout_ms)
