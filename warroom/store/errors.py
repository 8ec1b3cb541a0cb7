"""Typed store errors: problems of the environment or of a file, never tracebacks for users.

Each message is one sentence a crisis-cell operator can act on.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import peewee


class StoreError(Exception):
    """Base class of every error the store reports to the user."""


class CrisisFileError(StoreError):
    """The file cannot be opened as a crisis file; it has not been modified."""


class NotACrisisFile(CrisisFileError):
    """The file is not a SQLite database at all."""


class ForeignDatabase(CrisisFileError):
    """The file is a SQLite database made by another application."""


class NewerVersion(CrisisFileError):
    """The file was written by a newer warroom than this one."""


class CorruptCrisisFile(CrisisFileError):
    """The file is damaged."""


class StoreBusy(StoreError):
    """The database stayed locked by another program for too long."""


class DiskFull(StoreError):
    """The disk holding the crisis file is full; nothing was written."""


class AppendOnlyViolation(StoreError):
    """An attempt to update or delete a logbook entry."""


@contextmanager
def translated_errors(what: str) -> Iterator[None]:
    """Turn low-level database errors into typed, readable store errors."""
    try:
        yield
    except (peewee.OperationalError, sqlite3.OperationalError) as exc:
        message = str(exc).lower()
        if "full" in message:
            raise DiskFull(f"{what} failed: the disk is full; nothing was written") from exc
        if "locked" in message or "busy" in message:
            raise StoreBusy(f"{what} failed: the crisis file is locked by another program") from exc
        if "append-only" in message:
            raise AppendOnlyViolation(f"{what} refused: logbook entries are append-only") from exc
        raise
    except (peewee.IntegrityError, sqlite3.IntegrityError) as exc:
        if "append-only" in str(exc).lower():
            raise AppendOnlyViolation(f"{what} refused: logbook entries are append-only") from exc
        raise
    except (peewee.DatabaseError, sqlite3.DatabaseError) as exc:
        message = str(exc).lower()
        if "malformed" in message or "not a database" in message:
            raise CorruptCrisisFile(f"{what} failed: the crisis file is damaged ({exc})") from exc
        raise
