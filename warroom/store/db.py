"""Opening and creating crisis files.

A crisis file is a SQLite database with ``PRAGMA application_id = APPLICATION_ID`` and
``PRAGMA user_version`` = its schema version. Opening checks the file *before* writing
anything, so that a file that is not ours, is damaged, or comes from a newer warroom is
left byte-identical. An older file is first copied next to itself (``*.v<N>-backup-…``)
with SQLite's backup API, then migrated in place.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import uuid as uuid_mod
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import peewee

from warroom import __version__
from warroom.domain.timeutil import format_utc, utcnow
from warroom.store import migrations
from warroom.store.crisis import seed_default_groups
from warroom.store.errors import (
    CorruptCrisisFile,
    CrisisFileError,
    ForeignDatabase,
    NewerVersion,
    NotACrisisFile,
    translated_errors,
)
from warroom.store.models import ALL_MODELS

log = logging.getLogger("warroom.store")

APPLICATION_ID = 0x5752524D  # "WRRM"
SQLITE_MAGIC = b"SQLite format 3\x00"
CRISIS_SUFFIX = ".warroom"
PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "synchronous": "full",  # the logbook must survive a power cut
    "busy_timeout": 5000,
    "cache_size": -32000,
}


@dataclass(frozen=True)
class FileCheck:
    """What a crisis file says about itself, read without modifying it."""

    schema_version: int
    application_id: int


def check_file(path: Path) -> FileCheck:
    """Inspect ``path`` read-only; raise a :class:`CrisisFileError` if it cannot be opened."""
    if not path.exists():
        raise CrisisFileError(f"{path}: no such crisis file")
    if path.is_dir():
        raise NotACrisisFile(f"{path}: is a folder, not a crisis file")
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as exc:
        raise CrisisFileError(f"{path}: cannot be read ({exc.strerror})") from exc
    if len(header) == 0:
        raise NotACrisisFile(f"{path}: the file is empty, not a warroom crisis file")
    if not header.startswith(SQLITE_MAGIC):
        raise NotACrisisFile(f"{path}: not a warroom crisis file (not a SQLite database)")
    if len(header) < 100:
        raise CorruptCrisisFile(f"{path}: the crisis file is truncated")
    return _check_contents(path)


def _read_only_uri(path: Path) -> str:
    """A URI that reads without creating anything: ``immutable`` unless a WAL is pending
    (a crash left one), in which case its sidecar files exist already."""
    wal = path.with_name(path.name + "-wal")
    mode = "mode=ro" if wal.exists() else "immutable=1"
    return f"{path.resolve().as_uri()}?{mode}"


def _check_contents(path: Path) -> FileCheck:
    uri = _read_only_uri(path)
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise CrisisFileError(f"{path}: cannot be opened ({exc})") from exc
    try:
        app_id = int(conn.execute("PRAGMA application_id").fetchone()[0])
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as exc:
        raise CorruptCrisisFile(f"{path}: the crisis file is damaged ({exc})") from exc
    finally:
        conn.close()
    if app_id != APPLICATION_ID:
        raise ForeignDatabase(
            f"{path}: a SQLite database of another application, not a warroom crisis file"
        )
    if version > migrations.LATEST_VERSION:
        raise NewerVersion(
            f"{path}: made by a newer warroom (schema {version}; this version reads up to "
            f"{migrations.LATEST_VERSION}); update warroom to open it"
        )
    if version < 1 or not {"crisis", "log_entry"} <= tables:
        raise CorruptCrisisFile(f"{path}: the crisis file is incomplete (missing tables)")
    return FileCheck(version, app_id)


def backup_copy(path: Path, from_version: int) -> Path:
    """Copy ``path`` (including anything still in its WAL) before migrating it."""
    stamp = utcnow().strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.stem}.v{from_version}-backup-{stamp}{path.suffix}")
    source_conn = sqlite3.connect(_read_only_uri(path), uri=True)
    try:
        target_conn = sqlite3.connect(target)
        try:
            source_conn.backup(target_conn)
        finally:
            target_conn.close()
    except sqlite3.Error:
        target.unlink(missing_ok=True)
        shutil.copy2(path, target)
    finally:
        source_conn.close()
    log.info("backed up %s to %s before migrating from schema %d", path, target, from_version)
    return target


class CrisisDatabase:
    """An open crisis file: its peewee database with every model bound to it.

    One crisis is open per process at a time (models are bound globally on open).
    Each thread gets its own connection (peewee keeps connection state per thread).
    """

    def __init__(self, path: Path, db: peewee.SqliteDatabase, backup: Path | None) -> None:
        self.path = path
        self.db = db
        self.backup = backup

    @classmethod
    def open(cls, path: str | Path) -> CrisisDatabase:
        """Open an existing crisis file, migrating it (after a backup) if it is older."""
        file_path = Path(path).expanduser()
        check = check_file(file_path)
        backup = None
        if check.schema_version < migrations.LATEST_VERSION:
            backup = backup_copy(file_path, check.schema_version)
        db = _connect(file_path)
        with translated_errors(f"opening {file_path}"):
            applied = migrations.migrate(db)
        if applied:
            log.info("migrated %s to schema %s", file_path, applied[-1])
        return cls(file_path, db, backup)

    @classmethod
    def create(
        cls,
        path: str | Path,
        name: str,
        *,
        exercise: bool = False,
        timezone: str = "UTC",
        language: str = "fr",
        target_version: int | None = None,
    ) -> CrisisDatabase:
        """Create a new crisis file. Refuses to overwrite an existing file."""
        file_path = Path(path).expanduser()
        if file_path.exists():
            raise CrisisFileError(f"{file_path}: already exists; choose another name")
        if not name.strip():
            raise CrisisFileError("a crisis needs a name")
        if not file_path.parent.is_dir():
            raise CrisisFileError(f"{file_path.parent}: no such folder")
        db = _connect(file_path)
        try:
            with translated_errors(f"creating {file_path}"):
                db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
                migrations.migrate(db, target_version)
                with db.atomic():
                    # Columns present since schema 1, so older schemas can be created too.
                    db.execute_sql(
                        "INSERT INTO crisis (uuid, name, opened_at, is_exercise, timezone,"
                        " language) VALUES (?, ?, ?, ?, ?, ?)",
                        (
                            str(uuid_mod.uuid4()),
                            name.strip(),
                            format_utc(utcnow()),
                            int(exercise),
                            timezone,
                            language,
                        ),
                    )
                    db.execute_sql(
                        "INSERT INTO meta (key, value) VALUES ('created_by', ?)",
                        (f"warroom {__version__}",),
                    )
                if target_version is None:
                    seed_default_groups(db)
        except Exception:
            db.close()
            file_path.unlink(missing_ok=True)
            raise
        return cls(file_path, db, None)

    @property
    def schema_version(self) -> int:
        return migrations.schema_version(self.db)

    @contextmanager
    def atomic(self, what: str = "writing") -> Iterator[None]:
        """A write transaction whose failures surface as typed store errors."""
        with translated_errors(what), self.db.atomic():
            yield

    def close(self) -> None:
        """Close this thread's connection (checkpointing the WAL when it is the last)."""
        if not self.db.is_closed():
            self.db.close()


def _connect(path: Path) -> peewee.SqliteDatabase:
    db = peewee.SqliteDatabase(str(path), pragmas=PRAGMAS, check_same_thread=False)
    db.bind(ALL_MODELS, bind_refs=False, bind_backrefs=False)
    with translated_errors(f"opening {path}"):
        db.connect(reuse_if_open=True)
    return db
