"""The group editor: description, power, interest, attitude, expectations, key messages,
owner, and the channels where the group is present with their audience weight."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
)

from warroom.domain.enums import Attitude, Channel
from warroom.domain.stakeholders import GroupInfo


class GroupEditorDialog(QDialog):
    def __init__(self, group: GroupInfo, operators: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("groupEditor")
        self._group = group
        self.setWindowTitle(
            self.tr("New stakeholder group")
            if group.id == 0
            else self.tr("Stakeholder group — %1").replace("%1", group.name)
        )
        self.name = QLineEdit(group.name)
        self.name.setMaxLength(200)
        self.description = QLineEdit(group.description)
        self.power = QSpinBox()
        self.power.setRange(1, 5)
        self.power.setValue(group.power)
        self.interest = QSpinBox()
        self.interest.setRange(1, 5)
        self.interest.setValue(group.interest)
        self.attitude = QComboBox()
        for attitude in Attitude:
            self.attitude.addItem(self.tr(attitude.value), attitude.value)
        self.attitude.setCurrentIndex(max(0, self.attitude.findData(group.attitude)))
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.addItems(["", *operators])
        self.owner.setCurrentText(group.owner)
        self.expectations = QPlainTextEdit(group.expectations)
        self.key_messages = QPlainTextEdit(group.key_messages)
        for box in (self.expectations, self.key_messages):
            box.setTabChangesFocus(True)
            box.setMaximumHeight(80)
        levels = QHBoxLayout()
        levels.addWidget(QLabel(self.tr("Power")))
        levels.addWidget(self.power)
        levels.addSpacing(16)
        levels.addWidget(QLabel(self.tr("Interest")))
        levels.addWidget(self.interest)
        levels.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Description"), self.description)
        form.addRow(self.tr("Power / interest (1–5)"), levels)
        form.addRow(self.tr("Attitude"), self.attitude)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Expectations"), self.expectations)
        form.addRow(self.tr("Key messages"), self.key_messages)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self._channels_box(dict(group.channels)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout.addWidget(buttons)

    def _channels_box(self, present: dict[str, float]) -> QGroupBox:
        box = QGroupBox(self.tr("Channels where the group is present (audience weight 0–1)"))
        grid = QGridLayout(box)
        self.channel_checks: dict[str, QCheckBox] = {}
        self.channel_weights: dict[str, QDoubleSpinBox] = {}
        for index, channel in enumerate(Channel):
            check = QCheckBox(channel.value)
            check.setObjectName(f"channel_{channel.value}")
            weight = QDoubleSpinBox()
            weight.setRange(0.0, 1.0)
            weight.setSingleStep(0.1)
            weight.setDecimals(2)
            weight.setValue(present.get(channel.value, 1.0))
            check.setChecked(channel.value in present)
            weight.setEnabled(check.isChecked())
            check.toggled.connect(weight.setEnabled)
            row, col = divmod(index, 3)
            grid.addWidget(check, row, col * 2)
            grid.addWidget(weight, row, col * 2 + 1)
            self.channel_checks[channel.value] = check
            self.channel_weights[channel.value] = weight
        return box

    def group(self) -> GroupInfo:
        """The group as edited (not saved: the view writes it)."""
        channels = tuple(
            (channel, round(self.channel_weights[channel].value(), 2))
            for channel, check in self.channel_checks.items()
            if check.isChecked()
        )
        return replace(
            self._group,
            name=self.name.text(),
            description=self.description.text(),
            power=self.power.value(),
            interest=self.interest.value(),
            attitude=str(self.attitude.currentData()),
            owner=self.owner.currentText(),
            expectations=self.expectations.toPlainText(),
            key_messages=self.key_messages.toPlainText(),
            channels=channels,
        )
