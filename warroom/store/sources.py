"""Configured sources (connectors) and their health: cursor, last success, last error,
error streak, next poll. Secrets are never stored here (see ``warroom.ingest.secrets``)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, cast

import peewee

from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Post, Source

log = logging.getLogger("warroom.store")

MIN_INTERVAL = 30
MAX_NAME = 80
SECRET_PARAM_NAMES = ("token", "access_token", "key", "api_key", "password", "secret", "bearer")


@dataclass(frozen=True)
class SourceInfo:
    """A source as the UI and the command line see it (a plain value, not a row)."""

    id: int
    kind: str
    name: str
    params: dict[str, Any]
    interval_s: int
    enabled: bool
    cursor: dict[str, Any] | None
    last_success: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    error_count: int
    next_poll: datetime | None
    post_count: int = 0

    @property
    def url(self) -> str:
        return str(self.params.get("url", ""))

    @property
    def query(self) -> str:
        return str(self.params.get("query", ""))

    @property
    def failing(self) -> bool:
        return self.error_count > 0


@dataclass
class SourceUpdate:
    name: str | None = None
    url: str | None = None
    query: str | None = None
    interval_s: int | None = None
    enabled: bool | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def _info(row: Source, counts: dict[int, int]) -> SourceInfo:
    return SourceInfo(
        id=row.id,
        kind=row.kind,
        name=row.name,
        params=dict(row.params or {}),
        interval_s=row.interval_s,
        enabled=bool(row.enabled),
        cursor=row.cursor,
        last_success=row.last_success,
        last_error=row.last_error,
        last_error_at=row.last_error_at,
        error_count=row.error_count,
        next_poll=row.next_poll,
        post_count=counts.get(row.id, 0),
    )


def _post_counts() -> dict[int, int]:
    query = (
        Post.select(Post.source, peewee.fn.COUNT(Post.id))
        .where(Post.source.is_null(False))
        .group_by(Post.source)
        .tuples()
    )
    return {int(k): int(v) for k, v in cast(list[tuple[int, int]], list(query))}


def list_sources() -> list[SourceInfo]:
    counts = _post_counts()
    return [_info(row, counts) for row in Source.select().order_by(Source.name)]


def get_source(key: int | str) -> SourceInfo:
    """A source by id or by name; StoreError if there is none."""
    row = Source.get_or_none(Source.id == key if isinstance(key, int) else Source.name == key)
    if row is None:
        raise StoreError(f"no source named {key!r}")
    return _info(row, _post_counts())


def _check_params(name: str, interval_s: int, params: dict[str, Any]) -> None:
    if not name.strip():
        raise StoreError("a source needs a name")
    if len(name) > MAX_NAME:
        raise StoreError(f"a source name is limited to {MAX_NAME} characters")
    if interval_s < MIN_INTERVAL:
        raise StoreError(f"the poll interval must be at least {MIN_INTERVAL} seconds")
    for key in params:
        if key.lower() in SECRET_PARAM_NAMES:
            raise StoreError(
                f"{key!r} looks like a secret: tokens go in the keyring, not in the crisis file"
            )


def add_source(
    db: peewee.Database, kind: str, name: str, params: dict[str, Any], interval_s: int = 300
) -> SourceInfo:
    _check_params(name, interval_s, params)
    with translated_errors("adding a source"), db.atomic():
        if Source.get_or_none(Source.name == name.strip()) is not None:
            raise StoreError(f"a source named {name.strip()!r} already exists")
        row = Source.create(
            kind=kind,
            name=name.strip(),
            params=params,
            interval_s=interval_s,
            enabled=True,
            created_at=utcnow(),
        )
    return _info(row, {})


def update_source(db: peewee.Database, source_id: int, update: SourceUpdate) -> SourceInfo:
    current = get_source(source_id)
    params = dict(current.params)
    if update.url is not None:
        params["url"] = update.url
    if update.query is not None:
        params["query"] = update.query
    params.update(update.extra)
    name = current.name if update.name is None else update.name.strip()
    interval = current.interval_s if update.interval_s is None else update.interval_s
    _check_params(name, interval, params)
    changes: dict[Any, Any] = {Source.params: params, Source.interval_s: interval}
    if name != current.name:
        if Source.get_or_none(Source.name == name) is not None:
            raise StoreError(f"a source named {name!r} already exists")
        changes[Source.name] = name
    if update.enabled is not None:
        changes[Source.enabled] = update.enabled
        if update.enabled:
            changes[Source.next_poll] = None  # poll at once when resumed
    if params.get("url") != current.params.get("url") or params.get("query") != current.query:
        changes[Source.cursor] = None  # another feed: start afresh
    with translated_errors("changing a source"), db.atomic():
        Source.update(changes).where(Source.id == source_id).execute()
    return get_source(source_id)


def remove_source(db: peewee.Database, name: str) -> SourceInfo:
    """Remove a source; the posts it brought stay (their source becomes empty)."""
    info = get_source(name)
    with translated_errors("removing a source"), db.atomic():
        Source.delete().where(Source.id == info.id).execute()
    return info


def due_sources(kinds: frozenset[str], now: datetime | None = None) -> list[SourceInfo]:
    moment = now or utcnow()
    query = Source.select().where(
        Source.enabled
        & Source.kind.in_(list(kinds))
        & (Source.next_poll.is_null() | (Source.next_poll <= moment))
    )
    return [_info(row, {}) for row in query.order_by(Source.next_poll)]


def record_success(
    db: peewee.Database,
    source_id: int,
    cursor: dict[str, Any] | None,
    next_poll: datetime,
    summary: str = "",
) -> bool:
    """Save the cursor and health after a good poll; log the recovery of a failing source
    (returns True when it did)."""
    now = utcnow()
    with translated_errors("saving a source's progress"), db.atomic():
        row = Source.get_by_id(source_id)
        recovered = bool(row.error_count)
        if recovered:
            logbook.system_entry(
                db,
                f"Source {row.name!r} works again after {row.error_count} failed "
                f"poll(s). {summary}".strip(),
                links=[("source", source_id)],
            )
        Source.update(
            cursor=cursor,
            last_success=now,
            error_count=0,
            next_poll=next_poll,
        ).where(Source.id == source_id).execute()
    return recovered


def record_failure(db: peewee.Database, source_id: int, message: str, retry_in: float) -> int:
    """Save the error (the cursor is kept); the first failure of a streak writes one
    automatic logbook entry. Returns the length of the failure streak."""
    now = utcnow()
    with translated_errors("saving a source's error"), db.atomic():
        row = Source.get_by_id(source_id)
        streak = row.error_count + 1
        Source.update(
            last_error=message,
            last_error_at=now,
            error_count=streak,
            next_poll=now + timedelta(seconds=retry_in),
        ).where(Source.id == source_id).execute()
        if streak == 1:
            logbook.system_entry(
                db, f"Source {row.name!r} fails: {message}", links=[("source", source_id)]
            )
    return int(streak)


def poll_now(db: peewee.Database, source_id: int) -> None:
    """Ask for a poll as soon as possible (the scheduler picks it up)."""
    with translated_errors("scheduling a poll"), db.atomic():
        Source.update(next_poll=None).where(Source.id == source_id).execute()
