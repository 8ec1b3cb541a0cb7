"""The crisis store: peewee models, migrations, the logbook chain and queries.

All SQL of the application lives in this package. The UI receives plain domain objects
or tuples, never live peewee rows.
"""

from warroom.store.errors import (
    AppendOnlyViolation,
    CorruptCrisisFile,
    CrisisFileError,
    DiskFull,
    ForeignDatabase,
    NewerVersion,
    NotACrisisFile,
    StoreBusy,
    StoreError,
)

__all__ = [
    "AppendOnlyViolation",
    "CorruptCrisisFile",
    "CrisisFileError",
    "DiskFull",
    "ForeignDatabase",
    "NewerVersion",
    "NotACrisisFile",
    "StoreBusy",
    "StoreError",
]
