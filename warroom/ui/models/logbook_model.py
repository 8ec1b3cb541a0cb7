"""LogbookModel: the main courante as a table, loaded in pages as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from warroom.domain.logchain import LogEntryData

PageLoader = Callable[[int, int], list[LogEntryData]]  # (after_seq, limit) -> entries

Index = QModelIndex | QPersistentModelIndex


class LogbookModel(QAbstractTableModel):
    """Columns: #, event time, recorded time, operator, category, text."""

    PAGE = 500
    HEADERS = ("#", "Event time", "Recorded", "Operator", "Category", "Text")

    def __init__(self, load_page: PageLoader, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._load_page = load_page
        self._tz = tz
        self._rows: list[LogEntryData] = []
        self._amended: dict[int, int] = {}  # seq -> seq of its correction
        self._exhausted = False

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
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == 5:
            return entry.text
        if role == Qt.ItemDataRole.FontRole and entry.seq in self._amended:
            font = QFont()
            font.setStrikeOut(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and entry.automatic:
            return QColor("#5b6b85")
        return None

    def _display(self, entry: LogEntryData, column: int) -> str | int:
        if column == 0:
            return entry.seq
        if column == 1:
            return entry.event_time.astimezone(self._tz).strftime("%Y-%m-%d %H:%M")
        if column == 2:
            return entry.recorded_time.astimezone(self._tz).strftime("%Y-%m-%d %H:%M:%S")
        if column == 3:
            who = entry.operator
            return f"{who} (for {entry.on_behalf_of})" if entry.on_behalf_of else who
        if column == 4:
            return f"{entry.category} (auto)" if entry.automatic else entry.category
        text = " ".join(entry.text.split())
        if entry.amends is not None:
            text = f"[corrects #{entry.amends}] {text}"
        if entry.seq in self._amended:
            text = f"{text}  → corrected by #{self._amended[entry.seq]}"
        return text

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:
        if parent.isValid():
            return
        after = self._rows[-1].seq if self._rows else 0
        page = self._load_page(after, self.PAGE)
        if len(page) < self.PAGE:
            self._exhausted = True
        if page:
            self._append(page)

    def _append(self, page: list[LogEntryData]) -> None:
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()
        by_seq = {row.seq: i for i, row in enumerate(self._rows)}
        for entry in page:
            if entry.amends is not None:
                self._amended[entry.amends] = entry.seq
                row = by_seq.get(entry.amends)
                if row is not None:
                    self.dataChanged.emit(self.index(row, 0), self.index(row, 5))

    def load_new(self) -> int:
        """Append entries written since the last load; returns how many arrived."""
        self._exhausted = False
        before = len(self._rows)
        while self.canFetchMore():
            self.fetchMore()
        return len(self._rows) - before

    def entry_at(self, row: int) -> LogEntryData:
        return self._rows[row]
