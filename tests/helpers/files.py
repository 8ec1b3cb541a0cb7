"""Helpers to look at files as bytes (for "left byte-identical" checks)."""

from __future__ import annotations

import hashlib
from pathlib import Path


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[Path]:
    return [
        p
        for p in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm"))
        if p.exists()
    ]
