"""Deterministic generators of the bundled scenarios (resources/scenarios/).

Run ``python -m warroom.ingest.demo_scenarios`` (or ``tools/make_demo_scenarios.py``) to
rewrite them; the same seed always gives byte-identical files (tested).
"""

from __future__ import annotations

from pathlib import Path

from warroom import paths


def write_all(target: Path | None = None) -> list[Path]:
    """Write datacenter-fire.json.gz and bad-buzz.json.gz into ``target`` (default: the
    bundled resources/scenarios folder); returns the paths written."""
    from warroom.ingest.demo_scenarios import bad_buzz, datacenter_fire
    from warroom.ingest.demo_scenarios.builder import write_gzip

    folder = target or paths.resources_dir() / "scenarios"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for module in (datacenter_fire, bad_buzz):
        path = folder / f"{module.NAME}.json.gz"
        write_gzip(module.build(), path)
        written.append(path)
    return written
