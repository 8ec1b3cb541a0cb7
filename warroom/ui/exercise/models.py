"""Qt models of the director's panel: upcoming injects and the score sheet."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from warroom.domain.scenario import format_offset

Index = QModelIndex | QPersistentModelIndex


def _duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}"


class _TableModel(QAbstractTableModel):
    HEADERS: tuple[str, ...] = ()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        horizontal = orientation == Qt.Orientation.Horizontal
        if horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self.HEADERS):
            return self.tr(self.HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self._rows[index.row()][index.column()]

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()


class UpcomingModel(_TableModel):
    """The next injects (bursts are shown once, with their size)."""

    HEADERS = ("At", "Type", "Inject")

    def set_steps(self, steps) -> None:
        rows: list[tuple[str, ...]] = []
        seen: set[int] = set()
        for step in steps:
            if step.inject.index in seen:
                continue
            if len(rows) >= 100:
                break
            seen.add(step.inject.index)
            rows.append((format_offset(step.at), step.inject.kind, step.inject.label))
        self.set_rows(rows)


class ScoreModel(_TableModel):
    """Response time of the cell to each inject."""

    HEADERS = ("Inject", "Response", "Detail")

    def set_sheet(self, sheet) -> None:
        self.set_rows([(row.summary, _duration(row.response), row.detail) for row in sheet.rows])
