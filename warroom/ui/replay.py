"""The replay cursor: one time slider over the whole crisis, with play at chosen speed.

Moving it emits ``navigator.as_of_changed(datetime)``; "Live" emits ``None``. Views that
follow the cursor show the crisis as it stood at that moment (see the README for which).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QSlider, QWidget

from warroom.store.replay import snapshot
from warroom.store.review import activity_bounds
from warroom.ui.latest import LatestRead

STEP_MINUTES = 5
PLAY_SPEEDS = ((60, "1 min/s"), (600, "10 min/s"), (3600, "1 h/s"), (6 * 3600, "6 h/s"))
TICK_MS = 200


class ReplayBar(QWidget):
    """Signals: none of its own; it drives ``ctx.navigator.as_of_changed``."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._start: datetime | None = None
        self.as_of: datetime | None = None
        self._carry = 0.0
        self._reads = LatestRead(ctx.runner, self)  # Play moves the cursor every 200 ms
        self.live = QPushButton(self.tr("Live"), self)
        self.live.setObjectName("replayLive")
        self.live.setCheckable(True)
        self.live.setChecked(True)
        self.live.toggled.connect(self._on_live_toggled)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setObjectName("replaySlider")
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._on_slider_value_changed)
        self.play = QPushButton(self.tr("Play"), self)
        self.play.setObjectName("replayPlay")
        self.play.setCheckable(True)
        self.play.setEnabled(False)
        self.play.toggled.connect(self._on_play_toggled)
        self.speed = QComboBox(self)
        self.speed.setObjectName("replaySpeed")
        for seconds, label in PLAY_SPEEDS:
            self.speed.addItem(self.tr(label), seconds)
        self.speed.setCurrentIndex(2)
        self.label = QLabel(self.tr("live"), self)
        self.label.setObjectName("replayTime")
        self.label.setMinimumWidth(110)
        self.summary = QLabel(self)
        self.summary.setObjectName("replaySummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(QLabel(self.tr("Replay")))
        layout.addWidget(self.live)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.label)
        layout.addWidget(self.summary)
        layout.addWidget(self.play)
        layout.addWidget(self.speed)
        self._timer = QTimer(self)
        self._timer.setInterval(TICK_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._load_bounds()

    def _load_bounds(self) -> None:
        db = self._ctx.crisis.db
        self._ctx.runner.run_query(lambda: activity_bounds(db), on_success=self._on_bounds)

    def _on_bounds(self, bounds) -> None:
        """The slider spans the crisis up to its latest activity; leaving Live reads it
        again (a live crisis grows). A cursor already placed stays where it is."""
        low, high = bounds
        low = low or self._ctx.info.opened_at
        high = high or low
        at_end = self._start is None or self.slider.value() >= self.slider.maximum()
        placed = self.time_at(self.slider.value())
        self._start = min(low, self._ctx.info.opened_at)
        steps = max(1, int((high - self._start).total_seconds() // (STEP_MINUTES * 60)) + 1)
        self.slider.blockSignals(True)
        self.slider.setRange(0, steps)
        if at_end or placed is None:  # the end stays the end: the latest activity
            self.slider.setValue(steps)
        else:
            minutes = (placed - self._start).total_seconds() / 60
            self.slider.setValue(min(steps, max(0, round(minutes / STEP_MINUTES))))
        self.slider.blockSignals(False)

    def time_at(self, value: int) -> datetime | None:
        if self._start is None:
            return None
        return self._start + timedelta(minutes=STEP_MINUTES * value)

    def set_as_of(self, when: datetime | None) -> None:
        """Move the cursor (None: live)."""
        if when is None:
            self.live.setChecked(True)
            return
        self.live.setChecked(False)
        if self._start is not None:
            value = int((when - self._start).total_seconds() // (STEP_MINUTES * 60))
            self.slider.setValue(max(0, min(self.slider.maximum(), value)))
        self._emit(when)

    def _emit(self, when: datetime | None) -> None:
        self.as_of = when
        if when is None:
            self.label.setText(self.tr("live"))
            self.summary.setText("")
        else:
            self.label.setText(when.astimezone(self._ctx.tz).strftime("%d/%m/%Y %H:%M"))
            db = self._ctx.crisis.db
            self._reads.request(lambda: snapshot(db, when), self._on_snapshot)
        self._ctx.navigator.as_of_changed.emit(when)

    def _on_snapshot(self, snap) -> None:
        if snap.as_of != self.as_of:
            return  # the cursor has moved on
        published = snap.statements_by_status.get("published", 0)
        self.summary.setText(
            self.tr(
                "%1 posts · %2 entries · %3 statements published · rumors %4 (%5 not yet rebutted)"
            )
            .replace("%1", f"{snap.posts:,}")
            .replace("%2", str(snap.entries))
            .replace("%3", str(published))
            .replace("%4", str(snap.rumors))
            .replace("%5", str(snap.rumors_open))
        )

    def _on_live_toggled(self, live: bool) -> None:
        self.slider.setEnabled(not live)
        self.play.setEnabled(not live)
        if live:
            self.play.setChecked(False)
            self._emit(None)
        else:
            self._emit(self.time_at(self.slider.value()))
            self._load_bounds()  # the crisis may have grown since the bar was built

    def ready(self) -> bool:
        """Whether the slider spans the crisis (its bounds are read in the background)."""
        return self._start is not None

    def _on_slider_value_changed(self, value: int) -> None:
        if not self.live.isChecked():
            self._emit(self.time_at(value))

    def _on_play_toggled(self, playing: bool) -> None:
        self.play.setText(self.tr("Pause") if playing else self.tr("Play"))
        if playing:
            self._timer.start()
        else:
            self._timer.stop()

    def _on_timer_timeout(self) -> None:
        self._carry += float(self.speed.currentData()) * TICK_MS / 1000 / (STEP_MINUTES * 60)
        step, self._carry = int(self._carry), self._carry - int(self._carry)
        if step == 0:
            return
        if self.slider.value() >= self.slider.maximum():
            self.play.setChecked(False)
            return
        self.slider.setValue(min(self.slider.maximum(), self.slider.value() + step))
