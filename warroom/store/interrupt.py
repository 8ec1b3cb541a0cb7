"""Abandoning a read whose answer is no longer wanted.

A feed search or chart over a million posts can take a second. When the operator changes
the filter meanwhile, the old query would keep a core busy and delay the new one; with
:func:`abandoned_when` SQLite checks ``stop()`` every few thousand virtual-machine steps
and gives up, and the caller gets :class:`Superseded` instead of a result.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import peewee

from warroom.store.errors import StoreError

STEPS = 20_000  # SQLite VM instructions between two checks (~0.1 ms)


class Superseded(StoreError):
    """The read was abandoned: a newer request replaced it (not an error to show)."""


@contextmanager
def abandoned_when(db: peewee.Database, stop: Callable[[], bool] | None) -> Iterator[None]:
    """Run the reads of the block on this thread's connection, abandoning them (raising
    :class:`Superseded`) as soon as ``stop()`` is true. ``stop=None`` changes nothing."""
    if stop is None:
        yield
        return
    if stop():
        raise Superseded("superseded before it started")
    conn = db.connection()
    handler = getattr(conn, "set_progress_handler", None)
    if handler is None:  # not SQLite: the read simply runs to its end
        yield
        return
    handler(lambda: 1 if stop() else 0, STEPS)
    try:
        yield
    except (sqlite3.OperationalError, peewee.OperationalError) as exc:
        if "interrupt" in str(exc).lower() and stop():
            raise Superseded("superseded by a newer request") from exc
        raise
    finally:
        handler(None, STEPS)
