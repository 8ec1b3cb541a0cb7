"""Side panels of the Logbook view: open actions and the situation-briefing countdown."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.briefing import countdown_text
from warroom.domain.logbook_rules import OpenAction
from warroom.domain.timeutil import utcnow


class OpenActionsPanel(QWidget):
    """Open actions, soonest due first (a short list: a plain table widget is enough).

    Signals:
        close_requested(int): the seq of the action the operator wants to close.
        jump_requested(int): the seq of the action to show in the logbook.
    """

    close_requested = Signal(int)
    jump_requested = Signal(int)

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._actions: list[OpenAction] = []
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("openActions")
        self.table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Due"), self.tr("Owner"), self.tr("Action")]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(
            0, QHeaderView.ResizeMode.ResizeToContents
        )
        self.table.cellDoubleClicked.connect(self._on_table_double_clicked)
        self.close_button = QPushButton(self.tr("Close action…"), self)
        self.close_button.setObjectName("closeAction")
        self.close_button.clicked.connect(self._on_close_clicked)
        self.summary = QLabel(self)
        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        row.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.set_actions([])
        self._recheck = QTimer(self)  # an action falls overdue without any write
        self._recheck.setInterval(30_000)
        self._recheck.timeout.connect(lambda: self.set_actions(self._actions))
        self._recheck.start()

    def set_actions(self, actions: list[OpenAction]) -> None:
        self._actions = list(actions)
        now = utcnow()
        self.table.setRowCount(len(actions))
        overdue = 0
        for row, action in enumerate(actions):
            late = action.overdue(now)
            overdue += late
            due = action.due.astimezone(self._tz).strftime("%d/%m %H:%M") if action.due else "—"
            cells = [str(action.seq), due, action.owner or "—", " ".join(action.text.split())]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if late:
                    item.setForeground(QColor("#b00020"))
                self.table.setItem(row, column, item)
        self.summary.setText(
            self.tr("%n open action(s)", "", len(actions))
            + (self.tr(", %n overdue", "", overdue) if overdue else "")
        )
        self.close_button.setEnabled(bool(actions))

    def selected_seq(self) -> int | None:
        row = self.table.currentRow()
        return self._actions[row].seq if 0 <= row < len(self._actions) else None

    def _on_close_clicked(self) -> None:
        seq = self.selected_seq()
        if seq is None and self._actions:
            seq = self._actions[0].seq
        if seq is not None:
            self.close_requested.emit(seq)

    def _on_table_double_clicked(self, row: int, _column: int) -> None:
        if 0 <= row < len(self._actions):
            self.jump_requested.emit(self._actions[row].seq)


class BriefingPanel(QWidget):
    """Countdown to the next point de situation, its rhythm, and "Prepare briefing…".

    Signals:
        prepare_requested(): the operator wants the draft of the next briefing.
        rhythm_changed(int): the new rhythm in minutes.
    """

    prepare_requested = Signal()
    rhythm_changed = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._due = None
        self._number = 1
        self.countdown = QLabel(self)
        self.countdown.setObjectName("briefingCountdown")
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        sample = (
            self.tr("Briefing n°%1 %2").replace("%1", "00").replace("%2", "overdue by 00:00:00")
        )
        self.countdown.setMinimumWidth(self.countdown.fontMetrics().horizontalAdvance(sample) + 8)
        self.rhythm = QSpinBox(self)
        self.rhythm.setObjectName("briefingRhythm")
        self.rhythm.setRange(5, 24 * 60)
        self.rhythm.setSingleStep(15)
        self.rhythm.setPrefix(self.tr("every "))
        self.rhythm.setSuffix(self.tr(" min"))
        self.rhythm.setToolTip(self.tr("Time between two situation briefings"))
        self.rhythm.editingFinished.connect(self._on_rhythm_editing_finished)
        self.prepare = QPushButton(self.tr("Prepare…"), self)
        self.prepare.setToolTip(self.tr("Draft the next situation briefing"))
        self.prepare.setObjectName("prepareBriefing")
        self.prepare.clicked.connect(self.prepare_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.countdown, 1)
        layout.addWidget(self.rhythm)
        layout.addWidget(self.prepare)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def set_schedule(self, number: int, due, rhythm: int) -> None:
        self._number, self._due = number, due
        self.rhythm.blockSignals(True)
        self.rhythm.setValue(rhythm)
        self.rhythm.blockSignals(False)
        self._on_timer_timeout()

    def _on_timer_timeout(self) -> None:
        if self._due is None:
            self.countdown.setText(self.tr("Point de situation: …"))
            return
        left = countdown_text(self._due, utcnow())
        self.countdown.setText(
            self.tr("Briefing n°%1 %2").replace("%1", str(self._number)).replace("%2", left)
        )
        late = left.startswith("overdue")
        self.countdown.setStyleSheet("color: #b00020; font-weight: bold;" if late else "")

    def _on_rhythm_editing_finished(self) -> None:
        self.rhythm_changed.emit(self.rhythm.value())
