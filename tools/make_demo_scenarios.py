#!/usr/bin/env python3
"""Rewrite the bundled scenarios (resources/scenarios/*.json.gz) from their generators.

Deterministic: the same seed gives byte-identical files. Same as
``python -m warroom.ingest.demo_scenarios [OUT_DIR]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from warroom.ingest.demo_scenarios import write_all

if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1]) if len(sys.argv) > 1 else None):
        print(path)
