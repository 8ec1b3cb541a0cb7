"""Per-channel reply targets (2h, 45m, 1h30, same_day, none), stored in the crisis."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from warroom.domain.deadlines import parse_target


class ReplyTargetsDialog(QDialog):
    """Edits a {channel: target text} mapping; ``changes()`` gives what was modified."""

    def __init__(self, targets: dict[str, str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reply targets per channel"))
        self.setObjectName("replyTargetsDialog")
        self._original = dict(targets)
        self.edits: dict[str, QLineEdit] = {}
        intro = QLabel(
            self.tr(
                "How soon a post needs an answer on each channel: 2h, 45m, 1h30, "
                "same_day (end of the day in the crisis time zone, at least 2 h) or none."
            )
        )
        intro.setWordWrap(True)
        intro.setTextFormat(Qt.TextFormat.PlainText)
        form = QFormLayout()
        for channel in sorted(targets):
            edit = QLineEdit(targets[channel], self)
            edit.setObjectName(f"target_{channel}")
            edit.textChanged.connect(self._validate)
            form.addRow(channel, edit)
            self.edits[channel] = edit
        self.error = QLabel(self)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _validate(self) -> bool:
        for channel, edit in self.edits.items():
            try:
                parse_target(edit.text())
            except ValueError as exc:
                self.error.setText(f"{channel}: {exc}")
                self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
                return False
        self.error.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        return True

    def changes(self) -> dict[str, str]:
        return {
            channel: edit.text().strip()
            for channel, edit in self.edits.items()
            if edit.text().strip() != self._original.get(channel, "")
        }
