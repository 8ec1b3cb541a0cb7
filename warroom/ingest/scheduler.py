"""The scheduler: every enabled source polls on its own interval, off the GUI thread.

A timer on the GUI thread asks (in the general pool) which sources are due; each due
source is fetched in the general pool (network, mapping, enrichers) and its batch stored
through the single writer thread. Results come back as signals. A failing source records
its error and next retry (with backoff, or as its server asked) and never blocks the
others; a source being polled is not started twice.

This module uses QtCore (QObject, QTimer, signals) below the ui layer: the reviewed
exception in pyproject's import-linter contract. It touches no widget.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

import peewee
import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from warroom.ingest.connectors import KINDS
from warroom.ingest.http import HttpPolicy
from warroom.ingest.normalise import Enricher
from warroom.ingest.pipeline import DEFAULT_ENRICHERS, PollOutcome, fetch_source, store_fetch
from warroom.store.sources import SourceInfo, due_sources, get_source
from warroom.tasks import TaskRunner

log = logging.getLogger("warroom.ingest")


class Scheduler(QObject):
    """Signals:
    started(int): a poll of that source id began.
    polled(object): a PollOutcome, after its batch and the source's health were stored.
    """

    started = Signal(int)
    polled = Signal(object)

    def __init__(
        self,
        db: peewee.Database,
        runner: TaskRunner,
        enrichers: Sequence[Enricher] = DEFAULT_ENRICHERS,
        policy: HttpPolicy | None = None,
        tick_ms: int = 2000,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._runner = runner
        self._enrichers = tuple(enrichers)
        self._policy = policy
        self._running: set[int] = set()
        self._checking = False
        self._timer = QTimer(self)
        self._timer.setInterval(tick_ms)
        self._timer.timeout.connect(self._on_timer_timeout)

    @property
    def running(self) -> frozenset[int]:
        return frozenset(self._running)

    def start(self) -> None:
        self._timer.start()
        self._on_timer_timeout()

    def stop(self) -> None:
        self._timer.stop()

    def is_active(self) -> bool:
        return self._timer.isActive()

    def fetch_now(self, source_id: int) -> None:
        """Poll one source at once, even a paused one ("test the source")."""
        self._runner.run_query(lambda: [get_source(source_id)], on_success=self._launch)

    # -- internals ----------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        if self._checking:
            return
        self._checking = True
        self._runner.run_query(
            lambda: due_sources(KINDS),
            on_success=self._on_due,
            on_failure=self._on_due_failed,
        )

    def _alive(self) -> bool:
        """False once the owner (the window of a closed crisis) has been deleted."""
        return shiboken6.isValid(self) and shiboken6.isValid(self._timer)

    def _on_due(self, sources: list[SourceInfo]) -> None:
        self._checking = False
        if self._alive() and self._timer.isActive():
            self._launch(sources)

    def _on_due_failed(self, exc: Exception) -> None:
        self._checking = False
        log.warning("cannot read the sources to poll: %s", exc)

    def _launch(self, sources: list[SourceInfo]) -> None:
        if not self._alive():
            return
        for source in sources:
            if source.id not in self._running:
                self._poll(source)

    def _poll(self, source: SourceInfo) -> None:
        enrichers, policy = self._enrichers, self._policy
        self._running.add(source.id)
        self.started.emit(source.id)

        def fetch() -> PollOutcome:
            return fetch_source(source, enrichers, policy)

        def fetched(outcome: PollOutcome) -> None:
            self._store(source, outcome)

        def failed(exc: Exception) -> None:
            self._on_failed(source, exc)

        self._runner.run_query(fetch, on_success=fetched, on_failure=failed)

    def _store(self, source: SourceInfo, outcome: PollOutcome) -> None:
        if not self._alive():
            return
        db = self._db
        self._runner.run_write(
            lambda: store_fetch(db, source, outcome),
            changed={"sources"},
            on_success=self._on_stored,
            on_failure=lambda exc: self._on_failed(source, exc),
        )

    def _on_stored(self, outcome: PollOutcome) -> None:
        self._running.discard(outcome.source_id)
        if not self._alive():
            return
        topics = set()
        if outcome.batch.new:
            topics |= {"posts", "authors"}
        if outcome.logged:
            topics.add("logbook")
        if topics:
            self._runner.changes.notify(topics)
        self.polled.emit(outcome)

    def _on_failed(self, source: SourceInfo, exc: Exception) -> None:
        """A store problem (disk full, locked file): reported like a source failure."""
        self._running.discard(source.id)
        log.error("storing the posts of %s failed: %s", source.name, exc)
        if self._alive():
            self.polled.emit(PollOutcome(source.id, source.name, error=str(exc)))
