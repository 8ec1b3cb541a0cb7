"""Small dialogs of the Statements view: new statement, add a version, publication,
target groups."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from warroom.domain.enums import Channel, StatementKind
from warroom.domain.statements import KIND_LABELS
from warroom.domain.templates import HOLDING_TEMPLATES

LANGUAGES = ("fr", "en", "de", "es", "it", "nl")


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class NewStatementDialog(QDialog):
    """Title, kind, topic, legal flag, and optionally a holding-statement template."""

    def __init__(self, topics: list[str], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New statement"))
        form = QFormLayout(self)
        self.title_edit = QLineEdit(self)
        self.title_edit.setObjectName("newTitle")
        self.kind = QComboBox(self)
        for kind in StatementKind:
            self.kind.addItem(self.tr(KIND_LABELS[kind]), kind.value)
        self.topic = QComboBox(self)
        self.topic.setEditable(True)
        self.topic.addItems(topics)
        self.template = QComboBox(self)
        self.template.setObjectName("templateChoice")
        self.template.addItem(self.tr("(empty)"), None)
        for index, template in enumerate(HOLDING_TEMPLATES):
            self.template.addItem(self.tr(template.name), index)
        self.template.currentIndexChanged.connect(self._on_template_changed)
        self.channel = QComboBox(self)
        self.channel.addItems([c.value for c in Channel])
        self.language = QComboBox(self)
        self.language.addItems(LANGUAGES)
        self.legal = QCheckBox(self.tr("Legal review required before approval"), self)
        form.addRow(self.tr("Title"), self.title_edit)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Topic"), self.topic)
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("First channel"), self.channel)
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", self.legal)
        self.ok_box = _buttons(self)
        form.addRow(self.ok_box)

    def _on_template_changed(self, _index: int) -> None:
        chosen = self.template.currentData()
        if chosen is None:
            return
        template = HOLDING_TEMPLATES[chosen]
        self.kind.setCurrentIndex(self.kind.findData(StatementKind.HOLDING.value))
        self.language.setCurrentText(template.language)
        self.channel.setCurrentText(template.channel)
        if not self.title_edit.text().strip():
            self.title_edit.setText(template.name)

    def values(self) -> dict:
        chosen = self.template.currentData()
        text = HOLDING_TEMPLATES[chosen].text if chosen is not None else ""
        return {
            "title": self.title_edit.text(),
            "kind": self.kind.currentData(),
            "topic": self.topic.currentText(),
            "requires_legal": self.legal.isChecked(),
            "versions": [(self.channel.currentText(), self.language.currentText(), text)],
        }


class AddVersionDialog(QDialog):
    """A new channel/language version, optionally starting from an existing text."""

    def __init__(self, sources: list[tuple[str, str]], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Add a channel version"))
        form = QFormLayout(self)
        self.channel = QComboBox(self)
        self.channel.setObjectName("addChannel")
        self.channel.addItems([c.value for c in Channel])
        self.language = QComboBox(self)
        self.language.setObjectName("addLanguage")
        self.language.setEditable(True)
        self.language.addItems(LANGUAGES)
        self.start = QComboBox(self)
        self.start.addItem(self.tr("(empty text)"), "")
        for label, text in sources:
            self.start.addItem(self.tr("Start from %1").replace("%1", label), text)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("Language"), self.language)
        form.addRow(self.tr("Text"), self.start)
        form.addRow(_buttons(self))

    def values(self) -> tuple[str, str, str]:
        return (self.channel.currentText(), self.language.currentText(), self.start.currentData())


class PublishDialog(QDialog):
    """Where the version was published. Nothing is posted from here."""

    def __init__(self, channel: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Mark published on %1").replace("%1", channel))
        form = QFormLayout(self)
        self.url = QLineEdit(self)
        self.url.setObjectName("publishUrl")
        self.url.setPlaceholderText("https://…")
        form.addRow(self.tr("Published at URL"), self.url)
        form.addRow(_buttons(self))


class TargetsDialog(QDialog):
    """Tick the stakeholder groups a statement addresses."""

    def __init__(self, groups: list[tuple[int, str]], chosen: list[int], parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Target stakeholder groups"))
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setObjectName("targetList")
        for group_id, name in groups:
            item = QListWidgetItem(name, self.list)
            item.setData(Qt.ItemDataRole.UserRole, group_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            state = Qt.CheckState.Checked if group_id in chosen else Qt.CheckState.Unchecked
            item.setCheckState(state)
        layout.addWidget(self.list)
        layout.addWidget(_buttons(self))

    def chosen(self) -> list[int]:
        result = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                result.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return result
