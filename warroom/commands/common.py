"""What every subcommand shares: exit codes, the user-error type, opening a crisis."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from warroom.store.db import CrisisDatabase

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_TAMPERED = 0, 1, 2, 3


class CliError(Exception):
    """A user error on the command line: printed as one line, exit code 1."""


@contextmanager
def opened(path: Path) -> Iterator[CrisisDatabase]:
    """Open a crisis file for the length of a command, closing it whatever happens."""
    crisis = CrisisDatabase.open(path)
    try:
        yield crisis
    finally:
        crisis.close()
