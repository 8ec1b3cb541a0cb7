"""The feed's custom time range: from and to, in the crisis time zone."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDate, QDateTime, QTime, QTimeZone
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

FORMAT = "dd/MM/yyyy HH:mm"


def to_qt(value: datetime, tz: ZoneInfo) -> QDateTime:
    """The wall-clock time of ``value`` in ``tz`` (what the operator reads and types)."""
    local = value.astimezone(tz)
    # Held as UTC so that Qt never shifts it (a wall time in the machine's own DST gap).
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute), QTimeZone.utc()
    )


def from_qt(value: QDateTime, tz: ZoneInfo) -> datetime:
    """A wall-clock time typed in ``tz``, as an aware UTC datetime."""
    date, time = value.date(), value.time()
    local = datetime(date.year(), date.month(), date.day(), time.hour(), time.minute(), tzinfo=tz)
    return local.astimezone(UTC)


class RangeDialog(QDialog):
    """Asks for the start and the end of a time range; OK only when the end is later."""

    def __init__(
        self, tz: ZoneInfo, since: datetime, until: datetime, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._tz = tz
        self.setWindowTitle(self.tr("Posts published between…"))
        self.since = self._edit(since)
        self.since.setObjectName("rangeSince")
        self.until = self._edit(until)
        self.until.setObjectName("rangeUntil")
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #b00020;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("From"), self.since)
        form.addRow(self.tr("To"), self.until)
        form.addRow(QLabel(self.tr("Times in the crisis time zone (%1)").replace("%1", str(tz))))
        form.addRow(self.problem)
        form.addRow(self.buttons)
        for edit in (self.since, self.until):
            edit.dateTimeChanged.connect(self._on_edit_changed)
        self._on_edit_changed()

    def _edit(self, value: datetime) -> QDateTimeEdit:
        edit = QDateTimeEdit(to_qt(value, self._tz), self)
        edit.setDisplayFormat(FORMAT)
        edit.setCalendarPopup(True)
        return edit

    def _on_edit_changed(self, *_args) -> None:
        since, until = self.values()
        ok = until > since
        self.problem.setText("" if ok else self.tr("The end must be later than the start."))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)

    def values(self) -> tuple[datetime, datetime]:
        """(since, until) in UTC; until is exclusive."""
        return from_qt(self.since.dateTime(), self._tz), from_qt(self.until.dateTime(), self._tz)
