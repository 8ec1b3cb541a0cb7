"""CSV column-mapping presets saved by operators, kept in the crisis file's settings."""

from __future__ import annotations

from typing import Any

import peewee

from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Setting

KEY = "ingest.csv_presets"


def load_presets() -> dict[str, dict[str, Any]]:
    row = Setting.get_or_none(Setting.key == KEY)
    value = row.value if row is not None else None
    return dict(value) if isinstance(value, dict) else {}


def save_preset(db: peewee.Database, name: str, mapping: dict[str, Any]) -> None:
    if not name.strip():
        raise StoreError("a mapping preset needs a name")
    with translated_errors("saving a mapping preset"), db.atomic():
        presets = load_presets()
        presets[name.strip()] = mapping
        Setting.insert(key=KEY, value=presets).on_conflict_replace().execute()


def delete_preset(db: peewee.Database, name: str) -> None:
    with translated_errors("deleting a mapping preset"), db.atomic():
        presets = load_presets()
        presets.pop(name, None)
        Setting.insert(key=KEY, value=presets).on_conflict_replace().execute()
