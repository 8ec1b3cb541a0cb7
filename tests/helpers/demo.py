"""What the demo crisis should hold, computed from the bundled scenario itself."""

from __future__ import annotations

from warroom.ingest.demo import demo_scenario
from warroom.ingest.scenario_expand import expand


def demo_post_count() -> int:
    return sum(1 for step in expand(demo_scenario()) if step.post is not None)
