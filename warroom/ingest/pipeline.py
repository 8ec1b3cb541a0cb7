"""One poll of one source, in two halves so the network never holds the writer:

- :func:`fetch_source` (general pool): HTTP, mapping, normalisation, enrichers;
- :func:`store_fetch` (writer thread): posts stored, cursor and health saved, and one
  automatic logbook entry at the start and at the end of a failure streak.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

import peewee

from warroom.domain.timeutil import utcnow
from warroom.ingest.connectors import CONNECTORS, FetchResult, SourceSpec
from warroom.ingest.http import HttpClient, HttpPolicy, SourceError
from warroom.ingest.language import detect_languages
from warroom.ingest.normalise import Enricher, enrich
from warroom.ingest.secrets import get_secret
from warroom.store.ingest_store import BatchResult, store_batch
from warroom.store.sources import SourceInfo, record_failure, record_success

log = logging.getLogger("warroom.ingest")

DEFAULT_ENRICHERS: tuple[Enricher, ...] = (detect_languages,)
MAX_BACKOFF = 3600.0


@dataclass
class PollOutcome:
    """What one poll did, as plain values for the GUI and the command line."""

    source_id: int
    name: str
    fetched: FetchResult | None = None
    error: str | None = None
    retry_in: float | None = None
    batch: BatchResult = field(default_factory=BatchResult)
    streak: int = 0
    logged: bool = False  # an automatic logbook entry was written (failure or recovery)

    @property
    def ok(self) -> bool:
        return self.error is None


def spec_of(source: SourceInfo) -> SourceSpec:
    return SourceSpec(
        kind=source.kind,
        name=source.name,
        url=source.url,
        query=source.query,
        params=dict(source.params),
    )


def fetch_source(
    source: SourceInfo,
    enrichers: Sequence[Enricher] = DEFAULT_ENRICHERS,
    policy: HttpPolicy | None = None,
) -> PollOutcome:
    """Fetch and normalise one source's new posts. Never raises for source problems."""
    outcome = PollOutcome(source.id, source.name)
    connector_type = CONNECTORS.get(source.kind)
    if connector_type is None:
        outcome.error = f"no connector for sources of kind {source.kind!r}"
        return outcome
    client = HttpClient(policy)
    try:
        connector = connector_type(spec_of(source), client, get_secret(source.name, source.kind))
        fetched = connector.fetch(source.cursor)
        enrich(fetched.posts, enrichers)
        outcome.fetched = fetched
    except SourceError as exc:
        outcome.error = str(exc)
        outcome.retry_in = exc.retry_in
    except Exception as exc:  # a bug in a mapper must not stop the other sources
        log.exception("source %s failed unexpectedly", source.name)
        outcome.error = f"unexpected problem reading the source ({type(exc).__name__})"
    finally:
        client.close()
    return outcome


def backoff_seconds(interval_s: int, streak: int) -> float:
    """Wait after the ``streak``-th failure in a row: the interval, doubling, capped."""
    return float(min(MAX_BACKOFF, max(30, interval_s) * (2 ** max(0, streak - 1))))


def store_fetch(db: peewee.Database, source: SourceInfo, outcome: PollOutcome) -> PollOutcome:
    """Store what was fetched and record the source's health (writer thread)."""
    if outcome.fetched is None:
        retry = outcome.retry_in
        if retry is None:
            retry = backoff_seconds(source.interval_s, source.error_count + 1)
        outcome.streak = record_failure(db, source.id, outcome.error or "unknown error", retry)
        outcome.retry_in = retry
        outcome.logged = outcome.streak == 1
        return outcome
    fetched = outcome.fetched
    outcome.batch = store_batch(db, fetched.posts, source.id)
    outcome.batch.rejected += fetched.skipped
    next_poll = utcnow() + timedelta(seconds=source.interval_s)
    summary = f"{outcome.batch.new} new post(s)."
    outcome.logged = record_success(db, source.id, fetched.cursor, next_poll, summary)
    return outcome


def poll_source(
    db: peewee.Database,
    source: SourceInfo,
    enrichers: Sequence[Enricher] = DEFAULT_ENRICHERS,
    policy: HttpPolicy | None = None,
) -> PollOutcome:
    """Fetch then store, in the calling thread (``warroom fetch --once``, tests)."""
    return store_fetch(db, source, fetch_source(source, enrichers, policy))
