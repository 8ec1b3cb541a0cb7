"""The full logbook entry editor, also used to correct an entry (an amendment).

Event time and recorded time are distinct: the operator may back-date the event (a call
taken at 03:47, written down at 04:10); the recorded time is always the moment of saving.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, Qt, QTimeZone, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.enums import InfoStatus, LogCategory
from warroom.domain.logbook_rules import OBJECT_LINK_KINDS, TEMPLATES, parse_links, template
from warroom.domain.logchain import LogEntryData
from warroom.store.logbook import NewEntry

USER_CATEGORIES = [c.value for c in LogCategory if c is not LogCategory.SYSTEM]


def _qdatetime(value: datetime, tz: ZoneInfo) -> QDateTime:
    local = value.astimezone(tz)
    qdt = QDateTime.fromSecsSinceEpoch(int(local.timestamp()), QTimeZone(tz.key.encode()))
    return qdt


class _EntryText(QPlainTextEdit):
    """The entry's text; Ctrl+Enter records without leaving it.

    Signals:
        submitted(): Ctrl+Enter was pressed.
    """

    submitted = Signal()

    def keyPressEvent(self, event) -> None:
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        if control and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class EntryEditor(QDialog):
    """A dialog that returns a :class:`NewEntry` through :meth:`entry` when accepted."""

    def __init__(
        self,
        operator: str,
        tz: ZoneInfo,
        operators: list[str] | None = None,
        correcting: LogEntryData | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("entryEditor")
        self._operator = operator
        self._tz = tz
        self._correcting = correcting
        self.setWindowTitle(
            self.tr("Correct entry #%1").replace("%1", str(correcting.seq))
            if correcting
            else self.tr("New logbook entry")
        )
        self.template = QComboBox(self)
        self.template.addItem(self.tr("(no template)"), "")
        for item in TEMPLATES:
            self.template.addItem(self.tr(item.title), item.key)
        self.template.activated.connect(self._on_template_activated)
        self.category = QComboBox(self)
        for value in USER_CATEGORIES:
            self.category.addItem(self.tr(value), value)
        self.category.currentIndexChanged.connect(self._on_category_changed)
        self.text = _EntryText(self)
        self.text.setObjectName("entryText")
        self.text.setTabChangesFocus(True)
        self.now_box = QCheckBox(self.tr("now"), self)
        self.now_box.setChecked(True)
        self.event_time = QDateTimeEdit(self)
        self.event_time.setCalendarPopup(True)
        self.event_time.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.event_time.setTimeZone(QTimeZone(tz.key.encode()))
        self.event_time.setDateTime(_qdatetime(datetime.now(UTC), tz))
        self.event_time.setEnabled(False)
        self.now_box.toggled.connect(lambda on: self.event_time.setEnabled(not on))
        when = QHBoxLayout()
        when.addWidget(self.now_box)
        when.addWidget(self.event_time, 1)
        when.addWidget(QLabel(tz.key, self))
        self.on_behalf = QComboBox(self)
        self.on_behalf.setEditable(True)
        self.on_behalf.addItem("")
        for name in operators or []:
            if name != operator:
                self.on_behalf.addItem(name)
        self.info_status = QComboBox(self)
        self.info_status.addItem(self.tr("—"), None)
        for status in InfoStatus:
            self.info_status.addItem(self.tr(status.value.replace("_", " ")), status.value)
        self.links = QLineEdit(self)
        self.links.setPlaceholderText(self.tr("e.g. post 12, rumor 3, statement 1, stakeholder 2"))
        self.owner = QLineEdit(self)
        self.due_box = QCheckBox(self.tr("due"), self)
        self.due = QDateTimeEdit(self)
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.due.setTimeZone(QTimeZone(tz.key.encode()))
        self.due.setDateTime(_qdatetime(datetime.now(UTC), tz).addSecs(3600))
        self.due_box.toggled.connect(self.due.setEnabled)
        self.due.setEnabled(False)
        action_row = QHBoxLayout()
        action_row.addWidget(QLabel(self.tr("owner"), self))
        action_row.addWidget(self.owner, 1)
        action_row.addWidget(self.due_box)
        action_row.addWidget(self.due, 1)
        self.action_widget = QWidget(self)
        self.action_widget.setLayout(action_row)
        action_row.setContentsMargins(0, 0, 0, 0)
        self.error = QLabel(self)
        self.error.setObjectName("editorError")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        form = QFormLayout()
        if correcting is not None:
            original = QLabel(self)
            original.setTextFormat(Qt.TextFormat.PlainText)
            original.setWordWrap(True)
            original.setText(
                self.tr("Original (stays in the logbook, shown struck through):\n%1").replace(
                    "%1", correcting.text[:1500]
                )
            )
            form.addRow(original)
        form.addRow(self.tr("Template"), self.template)
        form.addRow(self.tr("Category"), self.category)
        form.addRow(self.tr("Text"), self.text)
        form.addRow(self.tr("Event time"), when)
        form.addRow(self.tr("On behalf of"), self.on_behalf)
        form.addRow(self.tr("Information status"), self.info_status)
        form.addRow(self.tr("Links"), self.links)
        form.addRow(self.tr("Action"), self.action_widget)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Record correction") if correcting else self.tr("Record")
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.text.submitted.connect(self._on_buttons_accepted)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(560, 520)
        if correcting is not None:
            self._prefill(correcting)
        self._on_category_changed()

    def _prefill(self, entry: LogEntryData) -> None:
        category = entry.category if entry.category in USER_CATEGORIES else "information"
        self.category.setCurrentIndex(USER_CATEGORIES.index(category))
        self.text.setPlainText(entry.text)
        self.now_box.setChecked(False)
        self.event_time.setDateTime(_qdatetime(entry.event_time, self._tz))
        self.on_behalf.setEditText(entry.on_behalf_of or "")
        status_index = self.info_status.findData(entry.info_status)
        self.info_status.setCurrentIndex(max(0, status_index))
        self.links.setText(", ".join(f"{k} {i}" for k, i in entry.links if k in OBJECT_LINK_KINDS))
        self.owner.setText(entry.action_owner or "")
        if entry.action_due:
            self.due_box.setChecked(True)
            self.due.setDateTime(_qdatetime(entry.action_due, self._tz))

    def _on_template_activated(self, index: int) -> None:
        key = self.template.itemData(index)
        if not key:
            return
        chosen = template(key)
        self.category.setCurrentIndex(USER_CATEGORIES.index(str(chosen.category)))
        self.text.setPlainText(chosen.text)
        self.text.setFocus()

    def _on_category_changed(self, *_args) -> None:
        self.action_widget.setEnabled(self.category.currentData() == LogCategory.ACTION.value)

    def _on_buttons_accepted(self) -> None:
        try:
            self._result = self._build()
        except ValueError as exc:
            self.error.setText(str(exc))
            return
        self.accept()

    def _build(self) -> NewEntry:
        text = self.text.toPlainText().strip()
        if not text:
            raise ValueError(self.tr("Write the entry's text."))
        links = parse_links(self.links.text())
        event_time = (
            None
            if self.now_box.isChecked()
            else datetime.fromtimestamp(self.event_time.dateTime().toSecsSinceEpoch(), UTC)
        )
        if event_time is not None and event_time > datetime.now(UTC):
            raise ValueError(self.tr("The event time is in the future."))
        is_action = self.category.currentData() == LogCategory.ACTION.value
        due = (
            datetime.fromtimestamp(self.due.dateTime().toSecsSinceEpoch(), UTC)
            if is_action and self.due_box.isChecked()
            else None
        )
        return NewEntry(
            text=text,
            operator=self._operator,
            category=self.category.currentData(),
            event_time=event_time,
            on_behalf_of=self.on_behalf.currentText().strip() or None,
            info_status=self.info_status.currentData(),
            amends=self._correcting.seq if self._correcting else None,
            links=links,
            action_owner=(self.owner.text().strip() or None) if is_action else None,
            action_due=due,
        )

    def entry(self) -> NewEntry:
        return self._result
