"""Runs a scenario inside the window: a GUI-thread timer asks the player what is due,
and the writer thread delivers it (``ctx.runner.run_write``), so the window never waits.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from PySide6.QtCore import QObject, QTimer, Signal

from warroom.domain.scenario import Scenario
from warroom.domain.timeutil import utcnow
from warroom.ingest.scenario import PlaybackClock, ScenarioPlayer
from warroom.ingest.scenario_expand import Step
from warroom.ingest.scenario_play import ScenarioWriter
from warroom.store import logbook
from warroom.store.exercise import NotAnExercise, claim_for_exercise

log = logging.getLogger("warroom.ui")

TOPICS = frozenset(
    {"posts", "authors", "logbook", "rumors", "statements", "stakeholders", "crisis", "graph"}
)
TICK_MS = 250


class ExerciseController(QObject):
    """Signals:
    started(str): the scenario's name, once the crisis is ready and the clock runs.
    changed(): state, speed or position changed (pause, resume, jump, delivery).
    delivered(int): number of steps just written.
    finished(): the last inject is in.
    failed(str): a one-line reason (e.g. a real crisis refused).
    refused(object, float): the crisis holds real data; (scenario, speed) asked for.
    """

    started = Signal(str)
    changed = Signal()
    delivered = Signal(int)
    finished = Signal()
    failed = Signal(str)
    refused = Signal(object, float)

    def __init__(self, ctx, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.scenario: Scenario | None = None
        self.player: ScenarioPlayer | None = None
        self._writer: ScenarioWriter | None = None
        self._busy = False
        self._done = False
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)

    # -- state ----------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self.player is not None and self.player.clock.running and not self._done

    @property
    def active(self) -> bool:
        return self.player is not None and not self._done

    def position(self) -> timedelta:
        return self.player.clock.position() if self.player else timedelta(0)

    def speed(self) -> float:
        return self.player.clock.speed if self.player else 1.0

    def upcoming(self, limit: int = 200) -> list[Step]:
        return self.player.upcoming(limit) if self.player else []

    # -- control ----------------------------------------------------------------------
    def start(self, scenario: Scenario, speed: float) -> None:
        if self.active:
            self.failed.emit(self.tr("An exercise is already running in this crisis."))
            return
        db = self._ctx.crisis.db
        operator = self._ctx.operator
        clock = PlaybackClock(speed)

        def prepare():
            claim_for_exercise(db, scenario.name, operator)
            writer = ScenarioWriter(db, scenario, utcnow(), operator=operator, live=True)
            steps = writer.pending(_expand(scenario))
            logbook.system_entry(
                db,
                f"Exercise started: scenario {scenario.name!r} at {speed:g}× speed "
                f"({len(steps)} steps to come).",
                operator=operator,
            )
            return writer, steps

        def ready(result) -> None:
            self._writer, steps = result
            self.scenario = scenario
            self.player = ScenarioPlayer(steps, clock)
            self._done = False
            clock.start()
            self._timer.start()
            self.started.emit(scenario.name)
            self.changed.emit()

        def refused(exc: Exception) -> None:
            if isinstance(exc, NotAnExercise):
                self.refused.emit(scenario, float(speed))
            self._on_failure(exc)

        self._ctx.runner.run_write(prepare, changed=TOPICS, on_success=ready, on_failure=refused)

    def pause(self) -> None:
        if self.player is not None:
            self.player.clock.pause()
            self.changed.emit()

    def resume(self) -> None:
        if self.player is not None and not self._done:
            self.player.clock.resume()
            self.changed.emit()

    def set_speed(self, speed: float) -> None:
        if self.player is not None:
            self.player.clock.set_speed(speed)
            self.changed.emit()

    def jump(self, by: timedelta) -> None:
        if self.player is not None:
            self.player.clock.jump(self.position() + by)
            self.changed.emit()
            self._on_timer_timeout()

    def jump_to_next(self) -> None:
        upcoming = self.upcoming(1)
        if upcoming and self.player is not None:
            self.player.clock.jump(max(upcoming[0].at, self.position()))
            self.changed.emit()
            self._on_timer_timeout()

    def inject_now(self, kind: str, data: dict) -> None:
        """An ad-hoc inject, delivered at the current exercise time."""
        writer = self._writer
        if writer is None:
            self.failed.emit(self.tr("Start an exercise first."))
            return
        at = self.position()
        self._ctx.runner.run_write(
            lambda: writer.deliver_adhoc(kind, data, at),
            changed=TOPICS,
            on_success=lambda _index: self.delivered.emit(1),
            on_failure=self._on_failure,
        )

    def stop(self) -> None:
        self._timer.stop()

    # -- delivery ---------------------------------------------------------------------
    def _on_timer_timeout(self) -> None:
        if self._busy or self.player is None or self._writer is None:
            return
        due = self.player.due()
        if not due:
            if self.player.finished and not self._done:
                self._finish()
            return
        self._busy = True
        writer, steps, player = self._writer, self.player.steps, self.player
        delivered = player.delivered

        def deliver():
            report = writer.deliver(due)
            last = {s.inject.index: i for i, s in enumerate(steps) if s.inject.kind == "burst"}
            writer.finish_bursts([steps[i] for i in last.values() if i < delivered])
            return report

        def done(_report) -> None:
            self._busy = False
            self.delivered.emit(len(due))
            self.changed.emit()

        def failed(exc: Exception) -> None:
            self._busy = False
            self._on_failure(exc)

        self._ctx.runner.run_write(deliver, changed=TOPICS, on_success=done, on_failure=failed)

    def _finish(self) -> None:
        self._done = True
        self._timer.stop()
        name = self.scenario.name if self.scenario else "?"
        db, operator = self._ctx.crisis.db, self._ctx.operator
        self._ctx.runner.run_write(
            lambda: logbook.system_entry(
                db, f"Exercise finished: the last inject of {name!r} is in.", operator=operator
            ),
            changed={"logbook"},
        )
        self.finished.emit()
        self.changed.emit()

    def _on_failure(self, exc: Exception) -> None:
        log.warning("exercise: %s", exc)
        self.failed.emit(str(exc))


def _expand(scenario: Scenario) -> list[Step]:
    from warroom.ingest.scenario_expand import expand

    return expand(scenario)
