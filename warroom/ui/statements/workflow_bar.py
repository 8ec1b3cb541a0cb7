"""The row of workflow buttons above a statement: one per possible move, disabled with
the reason when the operator's role does not allow it (or during a replay); withdrawing or
superseding asks for confirmation.

Signals:
    move_requested(str): the status to move the statement to (confirmed already).
    legal_requested(): legal clears the statement.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from warroom.domain import statements as rules
from warroom.domain.enums import StatementStatus


class WorkflowBar(QWidget):
    move_requested = Signal(str)
    legal_requested = Signal()

    def __init__(self, tail: QWidget, parent=None) -> None:
        super().__init__(parent)
        self._tail = tail  # stays at the right end of the row (e.g. "Add channel version")
        self._title = ""
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.show_moves(None, "observer")

    def show_moves(self, summary, role: str, replay: bool = False) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not self._tail:
                widget.deleteLater()
        if summary is not None:
            self._title = summary.title
            self._add_buttons(summary, role, replay)
        self.row.addStretch(1)
        self.row.addWidget(self._tail)

    def _add_buttons(self, summary, role: str, replay: bool) -> None:
        status = StatementStatus(summary.status)
        allowed = [] if replay else rules.next_actions(status, role)
        refusal = (
            self.tr("Replay: return to Live to change the statement")
            if replay
            else self.tr("Your role (%1) may not do this").replace("%1", role)
        )
        order = list(StatementStatus)
        for goal in sorted(rules.TRANSITIONS[status], key=order.index):
            if goal is StatementStatus.PUBLISHED:
                continue  # publishing is recorded per channel version
            button = QPushButton(self.tr(rules.ACTION_LABELS[goal]), self)
            button.setObjectName(f"action_{goal.value}")
            button.setEnabled(goal in allowed)
            if goal not in allowed:
                button.setToolTip(refusal)
            button.setProperty("goal", goal.value)
            button.clicked.connect(self._on_button_clicked)
            self.row.addWidget(button)
        if summary.requires_legal and status is StatementStatus.IN_REVIEW:
            legal = QPushButton(self.tr("Legal review: clear"), self)
            legal.setObjectName("action_legal")
            legal.setEnabled(role == "legal" and not summary.legal_reviewed_by and not replay)
            if replay:
                legal.setToolTip(refusal)
            legal.clicked.connect(self._on_legal_clicked)
            self.row.addWidget(legal)

    def _confirmed(self, goal: StatementStatus) -> bool:
        """Withdrawing or superseding a statement is asked twice; the rest is not."""
        if goal not in (StatementStatus.WITHDRAWN, StatementStatus.SUPERSEDED):
            return True
        answer = QMessageBox.question(
            self,
            self.tr(rules.ACTION_LABELS[goal]),
            self.tr("%1 « %2 »? This is recorded in the logbook.")
            .replace("%1", self.tr(rules.ACTION_LABELS[goal]))
            .replace("%2", self._title),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _on_button_clicked(self) -> None:
        button = self.sender()
        if button is None:
            return
        goal = StatementStatus(str(button.property("goal")))
        if self._confirmed(goal):
            self.move_requested.emit(goal.value)

    def _on_legal_clicked(self) -> None:
        self.legal_requested.emit()
