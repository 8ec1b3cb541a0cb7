"""Versioned schema migrations.

Each module ``mNNNN_<name>.py`` defines ``VERSION`` (its schema version, NNNN) and
``up(db)``, which moves a database from ``VERSION - 1`` to ``VERSION``. Migrations are
frozen once released: never edit one, add the next. The schema version is kept in
SQLite's ``PRAGMA user_version``; every migration runs inside a transaction together with
the update of that version.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

import peewee


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    up: Callable[[peewee.Database], None]


def _load(module: ModuleType) -> Migration:
    version = int(module.VERSION)
    return Migration(version, module.__name__.rsplit(".", 1)[-1], module.up)


def all_migrations() -> list[Migration]:
    """Every migration shipped with this version, in order."""
    found = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("m") and info.name[1:5].isdigit():
            found.append(_load(importlib.import_module(f"{__name__}.{info.name}")))
    found.sort(key=lambda m: m.version)
    for expected, migration in enumerate(found, start=1):
        if migration.version != expected:
            raise RuntimeError(
                f"migration {migration.name} has version {migration.version}, expected {expected}"
            )
    return found


LATEST_VERSION = len(all_migrations())


def schema_version(db: peewee.Database) -> int:
    return int(db.execute_sql("PRAGMA user_version").fetchone()[0])


def migrate(db: peewee.Database, target: int | None = None) -> list[int]:
    """Apply the pending migrations up to ``target`` (default: latest). Returns versions run."""
    goal = LATEST_VERSION if target is None else target
    applied = []
    current = schema_version(db)
    for migration in all_migrations():
        if current < migration.version <= goal:
            with db.atomic():
                migration.up(db)
                db.execute_sql(f"PRAGMA user_version = {int(migration.version)}")
            applied.append(migration.version)
            current = migration.version
    return applied
