"""Shared helpers of the datacenter-fire generator: burst shapes and our answers."""

from __future__ import annotations

from typing import Any

from warroom.ingest.demo_scenarios import texts_fire as tx
from warroom.ingest.demo_scenarios.builder import ScenarioBuilder

SCALE = 0.6  # burst sizes below are relative; this keeps the demo quick to load

ANSWERS = {
    "share": 0.35,
    "by": {"twitter": "hexacloud_support", "facebook": "hexacloud", "support": "hexacloud_status"},
    "texts": tx.ANSWERS,
}


def cascade(
    b: ScenarioBuilder,
    when: str,
    root: str,
    channel: str,
    count: int,
    community: Any,
    texts: dict[str, list[str]],
    duration: str = "06:00",
    **extra: Any,
) -> None:
    b.inject(
        when,
        "burst",
        model="cascade",
        root=root,
        channel=channel,
        count=max(1, round(count * SCALE)),
        duration=duration,
        half_life=extra.pop("half_life", "00:50"),
        community=community,
        texts=texts,
        **extra,
    )


def wave(
    b: ScenarioBuilder,
    when: str,
    count: int,
    community: Any,
    texts: dict[str, list[str]],
    duration: str,
    **extra: Any,
) -> None:
    b.inject(
        when,
        "burst",
        model=extra.pop("model", "decay"),
        count=max(1, round(count * SCALE)),
        duration=duration,
        half_life=extra.pop("half_life", "03:00"),
        community=community,
        texts=texts,
        **extra,
    )
