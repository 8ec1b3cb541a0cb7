"""Qt adapters over statement summaries: the list table and the board columns."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor

from warroom.domain.enums import StatementKind, StatementStatus
from warroom.domain.statements import KIND_LABELS, STATUS_LABELS
from warroom.store.statement_queries import StatementSummary
from warroom.ui.statements.util import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1
StatusRole = Qt.ItemDataRole.UserRole + 2
CardRole = Qt.ItemDataRole.UserRole + 3

STATUS_COLOURS = {
    "draft": "#6b7a99",
    "in_review": "#c77700",
    "approved": "#2f5fb3",
    "published": "#1e7d32",
    "superseded": "#8a8f99",
    "withdrawn": "#b00020",
}


def format_countdown(target: datetime | None, now: datetime) -> str:
    """ "in 1 h 05", "overdue by 12 min", or "" when no update is promised."""
    if target is None:
        return ""
    seconds = int((target - now).total_seconds())
    late = seconds < 0
    minutes = abs(seconds) // 60
    hours, mins = divmod(minutes, 60)
    if hours >= 48:
        span = f"{hours // 24} days"
    else:
        span = f"{hours} h {mins:02d}" if hours else f"{mins} min"
    return f"overdue by {span}" if late else f"in {span}"


def kind_label(kind: str) -> str:
    try:
        return KIND_LABELS[StatementKind(kind)]
    except ValueError:
        return kind


def meta_text(widget: QObject, summary: StatementSummary, role: str) -> str:
    """The statement's line under its title: kind, author, topic, approval, legal review,
    targets and the operator's role (translated in ``widget``'s context)."""
    tr = widget.tr
    parts = [tr(kind_label(summary.kind)), tr("by %1").replace("%1", summary.author)]
    if summary.topic:
        parts.append(tr("topic: %1").replace("%1", summary.topic))
    if summary.approver:
        parts.append(tr("approved by %1").replace("%1", summary.approver))
    if summary.requires_legal:
        parts.append(
            tr("legal cleared by %1").replace("%1", summary.legal_reviewed_by)
            if summary.legal_reviewed_by
            else tr("legal review required")
        )
    targets = ", ".join(summary.targets) or tr("no target group yet")
    parts.append(tr("targets: %1").replace("%1", targets))
    parts.append(tr("your role: %1").replace("%1", role))
    return " · ".join(parts)


def status_label(status: str) -> str:
    try:
        return STATUS_LABELS[StatementStatus(status)]
    except ValueError:
        return status


class StatementTableModel(QAbstractTableModel):
    """Columns: title, kind, status, channels, targets, next update, updated."""

    HEADERS = ("Title", "Kind", "Status", "Channels", "Targets", "Next update", "Updated")

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[StatementSummary] = []
        self._now: datetime | None = None

    def set_rows(self, rows: list[StatementSummary], now: datetime) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._now = now
        self.endResetModel()

    def set_now(self, now: datetime) -> None:
        """Refresh countdowns (once a minute)."""
        self._now = now
        if self._rows:
            self.dataChanged.emit(self.index(0, 5), self.index(len(self._rows) - 1, 5))

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def summary(self, row: int) -> StatementSummary:
        return self._rows[row]

    def row_of(self, statement_id: int) -> int:
        for row, summary in enumerate(self._rows):
            if summary.id == statement_id:
                return row
        return -1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, index.column())
        if role == IdRole:
            return item.id
        if role == StatusRole:
            return item.status
        if role == CardRole:
            return self._card(item)
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 2:
            return QColor(STATUS_COLOURS.get(item.status, "#1f2a44"))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 5 and self._late(item):
            return QColor("#b00020")
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(item.title)
        return None

    def _next_update_line(self, item: StatementSummary) -> str:
        assert item.next_update_at is not None and self._now is not None
        if (self._now - item.next_update_at).days >= 2:  # long past: the date says more
            when = item.next_update_at.astimezone(self._tz).strftime("%d/%m %H:%M")
            return self.tr("Next update was due %1").replace("%1", when)
        countdown = format_countdown(item.next_update_at, self._now)
        return self.tr("Next update %1").replace("%1", countdown)

    def _late(self, item: StatementSummary) -> bool:
        return bool(item.next_update_at and self._now and item.next_update_at < self._now)

    def _display(self, item: StatementSummary, column: int) -> str:
        if column == 0:
            return item.title
        if column == 1:
            return self.tr(kind_label(item.kind))
        if column == 2:
            return self.tr(status_label(item.status))
        if column == 3:
            return ", ".join(item.channels)
        if column == 4:
            return ", ".join(item.targets)
        if column == 5:
            if item.next_update_at is None:
                return ""
            when = item.next_update_at.astimezone(self._tz).strftime("%d/%m %H:%M")
            countdown = format_countdown(item.next_update_at, self._now) if self._now else ""
            return f"{when} ({countdown})" if countdown else when
        return item.updated_at.astimezone(self._tz).strftime("%d/%m %H:%M")

    def _card(self, item: StatementSummary) -> str:
        lines = [item.title, f"{self.tr(kind_label(item.kind))} · {', '.join(item.channels)}"]
        if item.targets:
            lines.append("→ " + ", ".join(item.targets))
        if item.requires_legal:
            cleared = item.legal_reviewed_by
            lines.append(self.tr("Legal: cleared") if cleared else self.tr("Legal review required"))
        if item.next_update_at and self._now and item.status not in ("superseded", "withdrawn"):
            lines.append(self._next_update_line(item))
        return "\n".join(lines)


class StatusColumnModel(QSortFilterProxyModel):
    """One board column: the statements of one status, shown as cards."""

    def __init__(self, status: str, parent=None) -> None:
        super().__init__(parent)
        self.status = status

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        return model.data(index, StatusRole) == self.status

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return super().data(index, CardRole)
        return super().data(index, role)
