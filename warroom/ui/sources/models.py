"""Qt models of the Sources panel: thin adapters over plain store values."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from warroom.domain.timeutil import utcnow
from warroom.ingest.connectors import KINDS
from warroom.store.sources import SourceInfo
from warroom.store.watch import WatchRow

Index = QModelIndex | QPersistentModelIndex

FAILING = QColor("#b00020")
PAUSED = QColor("#6b7280")
RUNNING = QColor("#2f5fb3")


def when(value: datetime | None, tz: ZoneInfo, never: str) -> str:
    if value is None:
        return never
    local = value.astimezone(tz)
    if local.date() == utcnow().astimezone(tz).date():
        return local.strftime("%H:%M:%S")
    return local.strftime("%Y-%m-%d %H:%M")


def until(value: datetime | None) -> str:
    """'in 4 min' / 'now' for the next poll."""
    if value is None:
        return "now"
    seconds = int((value - utcnow()).total_seconds())
    if seconds <= 0:
        return "now"
    if seconds < 120:
        return f"in {seconds} s"
    if seconds < 7200:
        return f"in {seconds // 60} min"
    return f"in {seconds // 3600} h"


class SourceTableModel(QAbstractTableModel):
    """Columns: name, kind, status, posts, last success, next poll, last error."""

    HEADERS = ("Source", "Kind", "Status", "Posts", "Last success", "Next poll", "Last error")

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[SourceInfo] = []
        self._running: frozenset[int] = frozenset()

    def set_sources(self, sources: list[SourceInfo]) -> None:
        self.beginResetModel()
        self._rows = list(sources)
        self.endResetModel()

    def set_running(self, running: frozenset[int]) -> None:
        self._running = running
        if self._rows:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._rows) - 1, 2))

    def source_at(self, row: int) -> SourceInfo | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def sources(self) -> list[SourceInfo]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def status(self, source: SourceInfo) -> str:
        if source.kind not in KINDS:
            return self.tr("Not polled")
        if source.id in self._running:
            return self.tr("Polling…")
        if not source.enabled:
            return self.tr("Paused")
        if source.failing:
            return self.tr("Failing (%1×)").replace("%1", str(source.error_count))
        if source.last_success is None:
            return self.tr("Waiting")
        return self.tr("OK")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        source = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(source, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (0, 6):
            return source.last_error if column == 6 else f"{source.url}\n{source.query}".strip()
        if role == Qt.ItemDataRole.ForegroundRole and column == 2:
            if source.id in self._running:
                return RUNNING
            if not source.enabled:
                return PAUSED
            return FAILING if source.failing else None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, source: SourceInfo, column: int) -> str | int:
        if column == 0:
            return source.name
        if column == 1:
            return source.kind
        if column == 2:
            return self.status(source)
        if column == 3:
            return source.post_count
        if column == 4:
            return when(source.last_success, self._tz, self.tr("never"))
        if column == 5:
            if not source.enabled or source.kind not in KINDS:
                return "—"
            return f"{when(source.next_poll, self._tz, self.tr('now'))} ({until(source.next_poll)})"
        return " ".join((source.last_error or "").split()) if source.failing else ""


class WatchTableModel(QAbstractTableModel):
    """Columns: kind, term, channel."""

    HEADERS = ("Kind", "Term", "Channel")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[WatchRow] = []

    def set_rows(self, rows: list[WatchRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> WatchRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self._rows[index.row()]
        return (row.kind, row.term, row.channel or self.tr("all"))[index.column()]
