"""All CSV mapping presets of the open crisis: the built-in ones and the saved ones."""

from __future__ import annotations

from warroom.ingest.csvmap import BUILTIN_PRESETS, CsvMapping
from warroom.store.csv_presets import load_presets


def all_presets() -> dict[str, CsvMapping]:
    presets = dict(BUILTIN_PRESETS)
    for name, data in load_presets().items():
        presets[name] = CsvMapping.from_json(name, data)
    return presets
