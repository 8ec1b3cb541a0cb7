"""Delivering a scenario into an exercise crisis: the headless player and the instant load.

Posts go through a post sink (the ingestion path: ``sink(posts)``); the other injects
(logbook events, calls, press requests, rumors, statements, phase changes) are written by
the store. Each delivered inject is recorded in ``exercise_inject`` so that a resumed
exercise never delivers an inject twice, and the director's score sheet can measure the
cell's response times.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import peewee

from warroom.domain.enums import LogCategory
from warroom.domain.posts import NormalisedPost
from warroom.domain.scenario import Inject, Scenario
from warroom.domain.timeutil import utcnow
from warroom.ingest.scenario import PlaybackClock, PostSink, ScenarioPlayer
from warroom.ingest.scenario_expand import Step, declared_authors, expand, to_normalised
from warroom.store import exercise, logbook, scenario_writes
from warroom.store.ingest_store import store_batch

log = logging.getLogger("warroom.ingest")

DIRECTOR = "Exercise director"
ADHOC_BASE = 100_000


@dataclass
class DeliveryReport:
    posts: int = 0
    injects: int = 0


def default_sink(db: peewee.Database, source_id: int) -> PostSink:
    """The normal ingestion path: ``store_batch`` (authors upserted, posts deduplicated,
    watch terms matched and exclusions applied), as for every connector."""
    return lambda posts: store_batch(db, posts, source_id)


class ScenarioWriter:
    """Writes due steps into the open crisis, anchored at ``anchor`` (the exercise's T0)."""

    def __init__(
        self,
        db: peewee.Database,
        scenario: Scenario,
        anchor: datetime,
        sink: PostSink | None = None,
        *,
        rename: bool = False,
        operator: str = DIRECTOR,
        live: bool = False,
    ) -> None:
        self.db = db
        self.scenario = scenario
        self.anchor = anchor
        self.operator = operator
        self.live = live
        setup: dict[str, Any] = {
            "name": scenario.name,
            "seed": scenario.seed,
            "crisis": scenario.crisis,
            "operators": scenario.operators,
            "watches": scenario.watches,
            "stakeholders": scenario.stakeholders,
        }
        if not rename:  # an existing crisis: never mix exercise data into a real one
            exercise.claim_for_exercise(db, scenario.name, operator)
        self.source_id = exercise.set_up(db, setup, at=anchor, rename=rename)
        self.sink = sink or default_sink(db, self.source_id)
        self._authors = declared_authors(scenario)
        self._refs: dict[str, dict[str, int]] = {"rumor": {}, "statement": {}, "entry": {}}
        self._done: set[int] = set()
        for index, (kind, ident) in exercise.delivered(scenario.name).items():
            self._done.add(index)
            data = self._inject_data(index)
            if kind in self._refs and ident is not None and data is not None:
                self._refs[kind][str(data.get("id"))] = ident
        self._post_counts: dict[int, int] = {}

    def stamp(self, at: timedelta) -> datetime:
        """The time an inject carries: in a live exercise, the moment it arrives (so that
        pauses, speed changes and jumps never date a post in the future and response
        times are real); loaded at once, its scenario time after ``anchor``."""
        return utcnow() if self.live else self.anchor + at

    def _inject_data(self, index: int) -> dict[str, Any] | None:
        for inject in self.scenario.injects:
            if inject.index == index:
                return inject.data
        return None

    def pending(self, steps: list[Step]) -> list[Step]:
        """Steps whose inject has not been delivered yet (a resumed exercise skips the rest)."""
        return [s for s in steps if s.inject.index not in self._done]

    def deliver(self, steps: list[Step]) -> DeliveryReport:
        """Write ``steps`` in order; posts are batched between other injects."""
        report = DeliveryReport()
        batch: list[tuple[Step, NormalisedPost]] = []
        for step in steps:
            if step.inject.index in self._done:
                continue
            if step.post is not None:
                at = self.stamp(step.at)
                batch.append(
                    (step, to_normalised(self.scenario, self._authors, step.post, at, step.inject))
                )
                continue
            report.posts += self._flush(batch)
            batch = []
            self._write_inject(step.inject)
            report.injects += 1
        report.posts += self._flush(batch)
        return report

    def _flush(self, batch: list[tuple[Step, NormalisedPost]]) -> int:
        if not batch:
            return 0
        posts = [post for _step, post in batch]
        self.sink(posts)
        scenario_writes.annotate_posts(
            self.db, posts, self._refs["rumor"], self.scenario.own_accounts
        )
        for step, _post in batch:
            index = step.inject.index
            self._post_counts[index] = self._post_counts.get(index, 0) + 1
        finished = {s.inject.index: s.inject for s, _p in batch if s.inject.kind == "post"}
        for index, inject in finished.items():
            self._record(inject, self._post_counts.get(index, 1))
        return len(posts)

    def finish_bursts(self, steps: list[Step]) -> None:
        """Record bursts whose last post has been delivered."""
        last: dict[int, Inject] = {}
        for step in steps:
            if step.inject.kind == "burst":
                last[step.inject.index] = step.inject
        for index, inject in last.items():
            if index not in self._done:
                self._record(inject, self._post_counts.get(index, 0))

    def _record(self, inject: Inject, posts: int = 0, ref: tuple[str, int] | None = None) -> None:
        exercise.record_delivery(
            self.db,
            self.scenario.name,
            inject.index,
            inject.kind,
            inject.label,
            self.stamp(inject.at),
            post_count=posts,
            ref=ref,
        )
        self._done.add(inject.index)

    def deliver_adhoc(self, kind: str, data: dict[str, Any], at: timedelta) -> int:
        """An inject the director adds during the exercise (recorded like the others,
        with an index from 100000 up). Returns that index."""
        index = max([ADHOC_BASE - 1, *self._done]) + 1
        inject = Inject(index, at, kind, {**data, "adhoc": True})
        if kind == "post":
            post = {
                "channel": data["channel"],
                "id": f"adhoc-{index}",
                "author": data["author"],
                "author_name": data.get("author_name", data["author"]),
                "author_kind": data.get("author_kind", "unknown"),
                "text": data["text"],
                "lang": data.get("lang", ""),
            }
            normalised = to_normalised(self.scenario, self._authors, post, self.stamp(at), inject)
            self._flush([(Step(at, inject, post), normalised)])
        else:
            self._write_inject(inject)
        return index

    def _write_inject(self, inject: Inject) -> None:
        data, at = inject.data, self.stamp(inject.at)
        ref: tuple[str, int] | None = None
        if inject.kind == "log":
            stored = logbook.append(
                self.db,
                logbook.NewEntry(
                    text=data["text"],
                    operator=str(data.get("operator") or self.operator),
                    category=str(data.get("category", LogCategory.EVENT)),
                    event_time=at,
                    amends=self._refs["entry"].get(str(data["amends"]))
                    if data.get("amends") is not None
                    else None,
                ),
            )
            if data.get("id") is not None:
                self._refs["entry"][str(data["id"])] = stored.seq
            ref = ("entry", stored.seq)
        elif inject.kind in ("call", "press"):
            seq = exercise.contact_entry(
                self.db, inject.kind, data["from"], data["text"], at, self.operator
            )
            ref = ("entry", seq)
        elif inject.kind == "rumor":
            ident = scenario_writes.create_rumor(self.db, data, at, self.operator)
            self._refs["rumor"][str(data["id"])] = ident
            ref = ("rumor", ident)
        elif inject.kind == "rumor_update":
            statement = self._refs["statement"].get(str(data.get("statement")))
            rumor = self._refs["rumor"][str(data["rumor"])]
            scenario_writes.update_rumor(self.db, rumor, data, at, statement, self.operator)
            ref = ("rumor", rumor)
        elif inject.kind == "statement":
            ident = scenario_writes.create_statement(self.db, data, at)
            self._refs["statement"][str(data["id"])] = ident
            ref = ("statement", ident)
        elif inject.kind == "phase":
            scenario_writes.set_phase(self.db, data["phase"], at, self.operator)
        self._record(inject, ref=ref)


def load_instantly(
    db: peewee.Database,
    scenario: Scenario,
    *,
    anchor: datetime | None = None,
    sink: PostSink | None = None,
    rename: bool = True,
) -> DeliveryReport:
    """Deliver every inject at once, each at its scenario time (the demo crisis)."""
    writer = ScenarioWriter(
        db, scenario, anchor or scenario.start, sink, rename=rename, operator=DIRECTOR
    )
    steps = writer.pending(expand(scenario))
    with db.atomic():  # one commit (and one fsync) for the whole scenario
        report = writer.deliver(steps)
        writer.finish_bursts(steps)
    return report


@dataclass
class PlayProgress:
    delivered: int
    total: int
    position: timedelta
    steps: list[Step]


def play_headless(
    db: peewee.Database,
    scenario: Scenario,
    *,
    speed: float,
    anchor: datetime | None = None,
    sink: PostSink | None = None,
    clock: PlaybackClock | None = None,
    sleep: Callable[[float], None] = time.sleep,
    progress: Callable[[PlayProgress], None] | None = None,
    max_wait: float = 1.0,
) -> DeliveryReport:
    """Play the scenario in real time × ``speed``; return when the last inject is in.

    Without ``anchor``, every inject carries the real time it arrives; with one, its
    scenario time after ``anchor``.
    A resumed exercise (same scenario already partly delivered) skips what arrived.
    """
    start = anchor or utcnow()
    writer = ScenarioWriter(db, scenario, start, sink, operator=DIRECTOR, live=anchor is None)
    steps = writer.pending(expand(scenario))
    player = ScenarioPlayer(steps, clock or PlaybackClock(speed))
    player.clock.start()
    last = {s.inject.index: i for i, s in enumerate(steps) if s.inject.kind == "burst"}
    total = DeliveryReport()
    while True:
        due = player.due()
        if due:
            report = writer.deliver(due)
            writer.finish_bursts([steps[i] for i in last.values() if i < player.delivered])
            total.posts += report.posts
            total.injects += report.injects
            if progress:
                position = player.clock.position()
                progress(PlayProgress(player.delivered, len(steps), position, due))
        if player.finished:
            break
        wait = player.seconds_until_next()
        sleep(min(max_wait, wait if wait is not None else max_wait))
    writer.finish_bursts(steps)
    return total
