"""Qt models of the Graph view's side panel: thin adapters over plain rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class RankRow:
    node: int  # index in the drawing
    account: str
    value: str
    second: str
    colour: tuple[int, int, int]


class RankingModel(QAbstractTableModel):
    """Top hubs or bridges: account (with its community colour), a value, a detail."""

    def __init__(self, headers: tuple[str, str, str], parent=None) -> None:
        super().__init__(parent)
        self._headers = headers
        self._rows: list[RankRow] = []

    def set_rows(self, rows: list[RankRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def node_at(self, row: int) -> int:
        return self._rows[row].node if 0 <= row < len(self._rows) else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return (row.account, row.value, row.second)[column]
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return QColor(*row.colour)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < 3
        ):
            return self._headers[section]
        return None


@dataclass(frozen=True)
class CommunityRow:
    community: int
    label: str
    size: int
    colour: tuple[int, int, int]


class CommunityModel(QAbstractTableModel):
    """Communities, largest first; the label column is editable. An edit calls
    ``on_rename(community, label)`` (which saves it) and shows the new label at once."""

    def __init__(
        self, headers: tuple[str, str], on_rename: Callable[[int, str], None], parent=None
    ) -> None:
        super().__init__(parent)
        self._headers = headers
        self._on_rename = on_rename
        self._rows: list[CommunityRow] = []

    def set_rows(self, rows: list[CommunityRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def community_at(self, row: int) -> int:
        return self._rows[row].community if 0 <= row < len(self._rows) else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def flags(self, index: Index):
        base = super().flags(index)
        if index.isValid() and index.column() == 0:
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return row.label if index.column() == 0 else row.size
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return QColor(*row.colour)
        return None

    def setData(self, index: Index, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 0 or role != Qt.ItemDataRole.EditRole:
            return False
        text = " ".join(str(value).split())[:80]
        if not text:
            return False
        row = self._rows[index.row()]
        self._rows[index.row()] = CommunityRow(row.community, text, row.size, row.colour)
        self.dataChanged.emit(index, index)
        self._on_rename(row.community, text)
        return True

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < 2
        ):
            return self._headers[section]
        return None
