"""Qt adapters of the Rumors view: the register table and lists of posts."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from warroom.domain.enums import RumorStatus
from warroom.domain.rumors import STATUS_LABELS
from warroom.store.rumor_matching import PostHit
from warroom.store.rumor_queries import RumorSummary
from warroom.ui.statements.util import plain_tooltip

Index = QModelIndex | QPersistentModelIndex
IdRole = Qt.ItemDataRole.UserRole + 1

RUMOR_COLOURS = {
    "detected": "#b00020",
    "investigating": "#c77700",
    "confirmed": "#6a1b9a",
    "false": "#b00020",
    "partly_true": "#c77700",
    "rebutted": "#2f5fb3",
    "corrected_at_source": "#1e7d32",
    "closed": "#8a8f99",
}


def rumor_status_label(status: str) -> str:
    try:
        return STATUS_LABELS[RumorStatus(status)]
    except ValueError:
        return status


class RumorTableModel(QAbstractTableModel):
    """Columns: claim, status, first seen, owner, best voice, match query, rebuttals."""

    HEADERS = ("Claim", "Status", "First seen", "Owner", "Best voice", "Match query", "Rebuttals")

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[RumorSummary] = []

    def set_rows(self, rows: list[RumorSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rumor(self, row: int) -> RumorSummary:
        return self._rows[row]

    def row_of(self, rumor_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == rumor_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == IdRole:
            return item.id
        if role == Qt.ItemDataRole.ForegroundRole and column == 1:
            return QColor(RUMOR_COLOURS.get(item.status, "#1f2a44"))
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return plain_tooltip(item.claim)
        return None

    def _display(self, item: RumorSummary, column: int) -> str | int:
        values: tuple[str | int, ...] = (
            item.claim,
            self.tr(rumor_status_label(item.status)),
            item.first_seen.astimezone(self._tz).strftime("%d/%m %H:%M"),
            item.owner,
            item.best_voice,
            item.match_query,
            item.rebuttals,
        )
        return values[column]


class PostHitModel(QAbstractTableModel):
    """Posts found when starting a rumor from a post: time, account, channel, text."""

    HEADERS = ("Time", "Account", "Channel", "Text")

    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._rows: list[PostHit] = []

    def set_rows(self, rows: list[PostHit]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def hit(self, row: int) -> PostHit:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                hit.created_at.astimezone(self._tz).strftime("%d/%m %H:%M"),
                hit.handle,
                hit.channel,
                " ".join(hit.text.split()),
            )
            return values[index.column()]
        if role == IdRole:
            return hit.id
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 3:
            return plain_tooltip(hit.text)
        return None
