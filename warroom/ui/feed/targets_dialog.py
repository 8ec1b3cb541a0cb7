"""Feed settings of the crisis: per-channel reply targets (2h, 45m, 1h30, same_day, none)
and the alert rules (spike multiple, minimum volume, large new accounts)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
)

from warroom.domain.deadlines import parse_target


class ReplyTargetsDialog(QDialog):
    """Edits a {channel: target text} mapping; ``changes()`` gives what was modified."""

    def __init__(
        self, targets: dict[str, str], alert_rules: dict | None = None, parent=None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reply targets and alerts"))
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
        rules = alert_rules or {"multiple": 3.0, "min_count": 20, "newcomer_followers": 50_000}
        alerts = QFormLayout()
        self.multiple = QDoubleSpinBox(self)
        self.multiple.setObjectName("spikeMultiple")
        self.multiple.setRange(1.5, 100.0)
        self.multiple.setSingleStep(0.5)
        self.multiple.setValue(float(rules["multiple"]))
        self.multiple.setSuffix(" ×")
        self.min_count = QSpinBox(self)
        self.min_count.setRange(1, 1_000_000)
        self.min_count.setValue(int(rules["min_count"]))
        self.followers = QSpinBox(self)
        self.followers.setRange(1, 2_000_000_000)
        self.followers.setSingleStep(10_000)
        self.followers.setValue(int(rules["newcomer_followers"]))
        alerts.addRow(self.tr("Spike: volume at least"), self.multiple)
        alerts.addRow(self.tr("…and at least (posts / 10 min)"), self.min_count)
        alerts.addRow(self.tr("New account alert from (followers)"), self.followers)
        self._original_rules = self.alert_rules()
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
        heading = QLabel(self.tr("Alerts"))
        heading.setStyleSheet("font-weight: bold;")
        layout.addWidget(heading)
        layout.addLayout(alerts)
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

    def alert_rules(self) -> dict:
        return {
            "multiple": round(self.multiple.value(), 2),
            "min_count": self.min_count.value(),
            "newcomer_followers": self.followers.value(),
        }

    def alert_rules_changed(self) -> bool:
        return self.alert_rules() != self._original_rules

    def changes(self) -> dict[str, str]:
        return {
            channel: edit.text().strip()
            for channel, edit in self.edits.items()
            if edit.text().strip() != self._original.get(channel, "")
        }
