"""The exercise director's panel (dock "exercise").

Top: the scenario, its state and exercise clock, with Start…, Pause/Resume, the speed
and jumps. Left: the upcoming injects. Right: the score sheet (the cell's response time
to each inject, rumors rebutted, statements approved) and an ad-hoc inject form.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from warroom import paths
from warroom.analysis.exercise_score import score_sheet
from warroom.domain.enums import Channel
from warroom.domain.scenario import format_offset
from warroom.store.db import CRISIS_SUFFIX, CrisisDatabase
from warroom.store.errors import StoreError
from warroom.ui.exercise.controller import ExerciseController
from warroom.ui.exercise.models import ScoreModel, UpcomingModel
from warroom.ui.exercise.start_dialog import StartExerciseDialog
from warroom.ui.views.base import View

ADHOC_KINDS = ("call", "press", "post", "log", "rumor")
SCORE_TOPICS = frozenset({"logbook", "posts", "rumors", "statements"})


def _table(model, name: str, parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    view.verticalHeader().setDefaultSectionSize(22)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    return view


class ExerciseView(View):
    view_name = "exercise"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.controller = ExerciseController(ctx, self)
        self.last_error = ""
        self._refused: tuple | None = None
        self._scoring = False
        self._score_dirty = False
        self.upcoming_model = UpcomingModel(self)
        self.score_model = ScoreModel(self)
        self._build()
        self.controller.started.connect(self._on_controller_started)
        self.controller.changed.connect(self._on_controller_changed)
        self.controller.finished.connect(self._on_controller_finished)
        self.controller.failed.connect(self._on_controller_failed)
        self.controller.refused.connect(self._on_controller_refused)
        ctx.changes.changed.connect(self._on_changes_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()
        self._update_state()
        self.refresh()

    # -- building ---------------------------------------------------------------------
    def _build(self) -> None:
        self.state = QLabel(self)
        self.state.setObjectName("exerciseState")
        self.state.setTextFormat(Qt.TextFormat.PlainText)
        self.start_button = QPushButton(self.tr("Start…"), self)
        self.start_button.setObjectName("startExercise")
        self.start_button.clicked.connect(self.start_dialog)
        self.pause_button = QPushButton(self.tr("Pause"), self)
        self.pause_button.setObjectName("pauseExercise")
        self.pause_button.clicked.connect(self._on_pause_clicked)
        self.speed = QSpinBox(self)
        self.speed.setObjectName("exerciseSpeed")
        self.speed.setRange(1, 100)
        self.speed.setSuffix("×")
        self.speed.valueChanged.connect(self._on_speed_value_changed)
        self.jump_button = QPushButton(self.tr("+10 min"), self)
        self.jump_button.setObjectName("jump10")
        self.jump_button.clicked.connect(lambda: self.controller.jump(timedelta(minutes=10)))
        self.next_button = QPushButton(self.tr("Next inject"), self)
        self.next_button.setObjectName("jumpNext")
        self.next_button.clicked.connect(self.controller.jump_to_next)
        bar = QHBoxLayout()
        for widget in (self.state, self.start_button, self.pause_button, QLabel(self.tr("Speed")),
                       self.speed, self.jump_button, self.next_button):  # fmt: skip
            bar.addWidget(widget)
        bar.insertStretch(1, 1)
        self.upcoming = _table(self.upcoming_model, "upcomingInjects", self)
        self.upcoming.horizontalHeader().resizeSection(0, 80)
        self.upcoming.horizontalHeader().resizeSection(1, 70)
        self.score = _table(self.score_model, "scoreSheet", self)
        self.score.horizontalHeader().resizeSection(0, 260)
        self.score_summary = QLabel(self)
        self.score_summary.setObjectName("scoreSummary")
        self.score_summary.setTextFormat(Qt.TextFormat.PlainText)
        left = QGroupBox(self.tr("Upcoming injects"), self)
        QVBoxLayout(left).addWidget(self.upcoming)
        right = QGroupBox(self.tr("Score sheet"), self)
        right_layout = QVBoxLayout(right)
        right_layout.addWidget(self.score_summary)
        right_layout.addWidget(self.score, 1)
        right_layout.addWidget(self._build_adhoc())
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(split, 1)

    def _build_adhoc(self) -> QWidget:
        box = QGroupBox(self.tr("Ad-hoc inject"), self)
        self.adhoc_kind = QComboBox(box)
        self.adhoc_kind.setObjectName("adhocKind")
        self.adhoc_kind.addItems(ADHOC_KINDS)
        self.adhoc_from = QLineEdit(box)
        self.adhoc_from.setObjectName("adhocFrom")
        self.adhoc_from.setPlaceholderText(self.tr("caller, journalist or account handle"))
        self.adhoc_channel = QComboBox(box)
        self.adhoc_channel.setObjectName("adhocChannel")
        self.adhoc_channel.addItems([c.value for c in Channel])
        self.adhoc_text = QLineEdit(box)
        self.adhoc_text.setObjectName("adhocText")
        self.adhoc_text.setMaxLength(5000)
        self.adhoc_text.returnPressed.connect(self._on_inject_clicked)
        inject = QPushButton(self.tr("Inject now"), box)
        inject.setObjectName("injectNow")
        inject.clicked.connect(self._on_inject_clicked)
        row = QHBoxLayout()
        row.addWidget(self.adhoc_kind)
        row.addWidget(self.adhoc_channel)
        form = QFormLayout(box)
        form.addRow(self.tr("Type / channel"), row)
        form.addRow(self.tr("From"), self.adhoc_from)
        form.addRow(self.tr("Text"), self.adhoc_text)
        form.addRow(inject)
        return box

    # -- View -------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Exercise")

    def item_count(self) -> int:
        return self.upcoming_model.rowCount() + self.score_model.rowCount()

    def refresh(self) -> None:
        """Recompute the score sheet in a worker (one at a time: while an exercise pours
        injects in, requests made during a computation are coalesced into one more)."""
        if self._scoring:
            self._score_dirty = True
            return
        self._scoring, self._score_dirty = True, False
        db = self._ctx.crisis.db
        self._ctx.runner.run_query(
            lambda: score_sheet(db),
            on_success=self._on_score_ready,
            on_failure=self._on_score_failed,
        )

    def _on_score_failed(self, exc: Exception) -> None:
        self._scoring = False
        self.score_summary.setText(self.tr("Score sheet unavailable: %1").replace("%1", str(exc)))

    # -- actions ----------------------------------------------------------------------
    def start_dialog(self) -> None:
        dialog = StartExerciseDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.scenario is not None:
            self.start(dialog.scenario, dialog.speed.value())

    def start(self, scenario, speed: float) -> None:
        self.speed.blockSignals(True)
        self.speed.setValue(int(speed))
        self.speed.blockSignals(False)
        self.controller.start(scenario, speed)

    def _on_pause_clicked(self) -> None:
        if self.controller.running:
            self.controller.pause()
        else:
            self.controller.resume()

    def _on_speed_value_changed(self, value: int) -> None:
        self.controller.set_speed(float(value))

    def _on_inject_clicked(self) -> None:
        text = self.adhoc_text.text().strip()
        sender = self.adhoc_from.text().strip()
        kind = self.adhoc_kind.currentText()
        if not text or (kind != "log" and not sender):
            self.state.setText(self.tr("An ad-hoc inject needs a text and who it is from."))
            return
        data: dict[str, dict[str, object]] = {
            "call": {"from": sender, "text": text},
            "press": {"from": sender, "text": text},
            "post": {"channel": self.adhoc_channel.currentText(), "author": sender, "text": text},
            "log": {"text": text, "category": "event", "operator": sender or None},
            "rumor": {"id": f"adhoc-{text[:20]}", "claim": text, "owner": sender},
        }
        self.controller.inject_now(kind, data[kind])
        self.adhoc_text.clear()

    # -- slots ------------------------------------------------------------------------
    def _on_controller_started(self, _name: str) -> None:
        self._ctx.navigator.show_view.emit(self.view_name)
        self._update_state()

    def _on_controller_changed(self) -> None:
        self._update_state()

    def _on_controller_finished(self) -> None:
        self._update_state()
        self.refresh()

    def _on_controller_refused(self, scenario, speed: float) -> None:
        self._refused = (scenario, speed)

    def _on_controller_failed(self, message: str) -> None:
        self._update_state()
        self.last_error = message
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Exercise"), message, parent=self)
        box.setObjectName("exerciseError")
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        refused, self._refused = self._refused, None
        app = getattr(self.window(), "_app_actions", None)
        if refused is not None and app is not None:
            create = box.addButton(self.tr("New exercise file…"), QMessageBox.ButtonRole.AcceptRole)
            create.setObjectName("newExerciseFile")
            create.clicked.connect(lambda: self.play_in_new_file(app, *refused))
            box.addButton(QMessageBox.StandardButton.Cancel)
        box.open()

    def play_in_new_file(self, app, scenario, speed: float, target: str = "") -> None:
        """Create a new exercise crisis file, open it and start the scenario there."""
        if not target:
            name = f"{scenario.name}-exercise{CRISIS_SUFFIX}"
            target, _ = QFileDialog.getSaveFileName(
                self,
                self.tr("New exercise crisis"),
                str(paths.data_dir() / name),
                self.tr("Crisis files (*.warroom)"),
            )
        if not target:
            return
        crisis_settings = scenario.crisis
        try:
            crisis = CrisisDatabase.create(
                Path(target),
                str(crisis_settings.get("name") or scenario.title),
                exercise=True,
                timezone=str(crisis_settings.get("timezone", "UTC")),
                language=str(crisis_settings.get("language", "fr")),
            )
        except StoreError as exc:
            QMessageBox.warning(self, self.tr("Exercise"), str(exc))
            return
        window = app.open_crisis(crisis)
        view = window.views.get("exercise")
        if view is not None:
            window.show_view("exercise")
            view.start(scenario, speed)

    def _on_changes_changed(self, topics: frozenset) -> None:
        if topics & SCORE_TOPICS:
            self.refresh()

    def _on_clock_timeout(self) -> None:
        if self.controller.running:
            self._update_state()

    def _on_score_ready(self, sheet) -> None:
        self._scoring = False
        if self._score_dirty:
            self.refresh()
        self.score_model.set_sheet(sheet)
        self.score_summary.setText(
            self.tr("%1 of %2 injects answered · rumors rebutted %3/%4 · statements approved %5")
            .replace("%1", str(sheet.responded))
            .replace("%2", str(len(sheet.rows)))
            .replace("%3", str(sheet.rumors_rebutted))
            .replace("%4", str(sheet.rumors_total))
            .replace("%5", str(sheet.statements_approved))
        )

    def _update_state(self) -> None:
        controller = self.controller
        active = controller.active
        self.pause_button.setEnabled(active)
        self.jump_button.setEnabled(active)
        self.next_button.setEnabled(active)
        self.start_button.setEnabled(not active)
        self.pause_button.setText(self.tr("Pause") if controller.running else self.tr("Resume"))
        self.upcoming_model.set_steps(controller.upcoming(20_000))
        if controller.scenario is None:
            self.state.setText(self.tr("No exercise running"))
            return
        if not active:
            status = self.tr("finished")
        elif controller.running:
            status = self.tr("running")
        else:
            status = self.tr("paused")
        self.state.setText(
            f"{controller.scenario.name} — {status} — T{format_offset(controller.position())}"
            f" at {controller.speed():g}×"
        )
