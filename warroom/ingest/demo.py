"""The demo crisis: the bundled datacenter-fire scenario, loaded instantly.

Fictionalised datacenter fire ("Hexacloud", Strasbourg site STR), modelled on the public
timeline of the OVHcloud Strasbourg fire of 10 March 2021. Every post and person is
synthetic: no real person's words. Every inject of ``resources/scenarios/
datacenter-fire.json.gz`` is delivered at its scenario time (the historical dates), so
every view has content at once. The crisis is marked as an EXERCISE.

Other features add demo content with one-line calls at the end of :func:`seed_demo`.
"""

from __future__ import annotations

from functools import lru_cache

import peewee

from warroom.domain.scenario import Scenario
from warroom.domain.timeutil import parse_utc
from warroom.ingest.demo_sources import seed_demo_sources
from warroom.ingest.scenario import load_scenario
from warroom.ingest.scenario_play import load_instantly
from warroom.store.errors import translated_errors

DEMO_NAME = "Incendie datacenter STR — Hexacloud (démo)"
DEMO_SCENARIO = "datacenter-fire"
T0 = parse_utc("2021-03-09T23:47:00Z")  # 00:47 in Strasbourg


@lru_cache(maxsize=1)
def demo_scenario() -> Scenario:
    return load_scenario(DEMO_SCENARIO)


def seed_demo(db: peewee.Database) -> None:
    """Fill an empty crisis with the demo content (deterministic)."""
    with translated_errors("creating the demo crisis"):
        load_instantly(db, demo_scenario(), rename=True)
        with db.atomic():
            seed_demo_sources(T0)
