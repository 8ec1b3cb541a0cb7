"""LogbookModel: the main courante as a table (thin adapter over plain entries).

Rows arrive from the view's background queries (``set_rows`` for a new selection,
``append_rows`` for entries written since). ``data()`` only formats the few visible cells,
so 50,000 rows cost a list of entries and nothing per row until shown.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from warroom.domain.logbook_rules import LINK_BRIEFING, LINK_CLOSES
from warroom.domain.logchain import LogEntryData

Index = QModelIndex | QPersistentModelIndex

SEQ_ROLE = Qt.ItemDataRole.UserRole + 1
AUTO_COLOUR = QColor("#5b6b85")
FIX_BACKGROUND = QColor("#fff4e0")
BACKDATED_MINUTES = 10


class LogbookModel(QAbstractTableModel):
    """Columns: #, event time, recorded time, operator, category, text, links."""

    HEADERS = ("#", "Event time", "Recorded", "Operator", "Category", "Text", "Links")
    COL_TEXT = 5

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[LogEntryData] = []
        self._row_of: dict[int, int] = {}
        self._corrected: dict[int, int] = {}  # seq -> seq of its latest correction
        self._strike = QFont()
        self._strike.setStrikeOut(True)
        self._italic = QFont()
        self._italic.setItalic(True)
        self._fix_brush = QBrush(FIX_BACKGROUND)

    # -- Qt API ------------------------------------------------------------------------
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
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry) if column in (1, 2, self.COL_TEXT) else None
        if role == Qt.ItemDataRole.FontRole:
            if entry.seq in self._corrected and column == self.COL_TEXT:
                return self._strike
            return self._italic if entry.automatic else None
        if role == Qt.ItemDataRole.ForegroundRole and entry.automatic:
            return AUTO_COLOUR
        if role == Qt.ItemDataRole.BackgroundRole and entry.amends is not None:
            return self._fix_brush
        if role == SEQ_ROLE:
            return entry.seq
        return None

    # -- formatting --------------------------------------------------------------------
    def _when(self, value, fmt: str) -> str:
        return value.astimezone(self._tz).strftime(fmt)

    def _display(self, entry: LogEntryData, column: int) -> str | int:
        if column == 0:
            return entry.seq
        if column == 1:
            return self._when(entry.event_time, "%Y-%m-%d %H:%M")
        if column == 2:
            late = (entry.recorded_time - entry.event_time).total_seconds() > BACKDATED_MINUTES * 60
            same_day = self._when(entry.recorded_time, "%x") == self._when(entry.event_time, "%x")
            stamp = self._when(entry.recorded_time, "%H:%M:%S" if same_day else "%m-%d %H:%M:%S")
            return f"{stamp} ⟲" if late else stamp
        if column == 3:
            who = entry.operator
            return f"{who} (for {entry.on_behalf_of})" if entry.on_behalf_of else who
        if column == 4:
            text = f"{entry.category} (auto)" if entry.automatic else entry.category
            return f"{text} · {entry.info_status.replace('_', ' ')}" if entry.info_status else text
        if column == self.COL_TEXT:
            return self._text(entry)
        return ", ".join(f"{kind} {ident}" for kind, ident in entry.links)

    def _text(self, entry: LogEntryData) -> str:
        text = " ".join(entry.text.split())
        if len(text) > 500:
            text = text[:500] + "…"
        if entry.amends is not None:
            text = f"[corrects #{entry.amends}] {text}"
        if entry.action_owner or entry.action_due:
            due = self._when(entry.action_due, "%d/%m %H:%M") if entry.action_due else "—"
            text = f"[action: {entry.action_owner or '—'}, due {due}] {text}"
        if any(kind in (LINK_BRIEFING, LINK_CLOSES) for kind, _ in entry.links):
            text = f"◆ {text}"
        if entry.seq in self._corrected:
            text = f"{text}  → corrected by #{self._corrected[entry.seq]}"
        return text

    def _tooltip(self, entry: LogEntryData) -> str:
        lines = [
            f"#{entry.seq} — {entry.category}{' (automatic)' if entry.automatic else ''}",
            f"Event time: {self._when(entry.event_time, '%Y-%m-%d %H:%M:%S %Z')}",
            f"Recorded: {self._when(entry.recorded_time, '%Y-%m-%d %H:%M:%S %Z')}",
        ]
        if entry.seq in self._corrected:
            lines.append(f"Corrected by entry #{self._corrected[entry.seq]}")
        lines += ["", entry.text[:2000]]
        return "\n".join(lines)

    # -- loading -----------------------------------------------------------------------
    def set_rows(self, rows: list[LogEntryData], corrected: dict[int, int]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {entry.seq: i for i, entry in enumerate(self._rows)}
        self._corrected = dict(corrected)
        self.endResetModel()

    def append_rows(self, rows: list[LogEntryData], corrected: dict[int, int]) -> None:
        if rows:
            first = len(self._rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self._rows.extend(rows)
            for offset, entry in enumerate(rows):
                self._row_of[entry.seq] = first + offset
            self.endInsertRows()
        changed = {seq for seq, fix in corrected.items() if self._corrected.get(seq) != fix}
        self._corrected = dict(corrected)
        for seq in changed:
            row = self._row_of.get(seq)
            if row is not None:
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.HEADERS) - 1))

    def entry_at(self, row: int) -> LogEntryData:
        return self._rows[row]

    def row_of(self, seq: int) -> int | None:
        return self._row_of.get(seq)

    def correction_of(self, seq: int) -> int | None:
        return self._corrected.get(seq)

    def last_seq(self) -> int:
        return max(self._row_of) if self._row_of else 0
