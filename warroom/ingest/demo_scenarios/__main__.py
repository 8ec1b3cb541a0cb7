"""``python -m warroom.ingest.demo_scenarios [OUT_DIR]``: rewrite the bundled scenarios."""

from __future__ import annotations

import sys
from pathlib import Path

from warroom.ingest.demo_scenarios import write_all

if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    for path in write_all(target):
        print(path)
