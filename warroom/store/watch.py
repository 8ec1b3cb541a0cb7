"""The crisis watchlist: keywords, hashtags, accounts and exclusions (table ``watch``)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from warroom.domain.timeutil import utcnow
from warroom.domain.watchlist import KINDS, Watchlist, clean_term
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Watch


@dataclass(frozen=True)
class WatchRow:
    id: int
    kind: str
    term: str
    channel: str


def list_watches() -> list[WatchRow]:
    query = Watch.select().order_by(Watch.kind, Watch.term)
    return [WatchRow(w.id, w.kind, w.term, w.channel) for w in query]


def load_watchlist() -> Watchlist:
    return Watchlist.of((w.kind, w.term, w.channel) for w in Watch.select())


def add_watch(db: peewee.Database, kind: str, term: str, channel: str = "") -> WatchRow:
    """Add a term; raises StoreError for an unknown kind, an empty or duplicate term."""
    if kind not in KINDS:
        raise StoreError(f"unknown watch kind {kind!r} (use one of: {', '.join(KINDS)})")
    cleaned = clean_term(kind, term)
    if not cleaned:
        raise StoreError("a watch term cannot be empty")
    if len(cleaned) > 200:
        raise StoreError("a watch term is limited to 200 characters")
    with translated_errors("adding a watch term"), db.atomic():
        exists = Watch.get_or_none(
            (Watch.kind == kind) & (Watch.term == cleaned) & (Watch.channel == channel)
        )
        if exists is not None:
            raise StoreError(f"{kind} {cleaned!r} is already on the watchlist")
        row = Watch.create(kind=kind, term=cleaned, channel=channel, created_at=utcnow())
    return WatchRow(row.id, kind, cleaned, channel)


def remove_watch(db: peewee.Database, watch_id: int) -> None:
    with translated_errors("removing a watch term"), db.atomic():
        Watch.delete().where(Watch.id == watch_id).execute()
