"""The group × channel heat map: posts, reach, sentiment and the last statement per cell,
gaps outlined in red. A thin adapter over the store's Matrix (no queries here)."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView

from warroom.domain.stakeholders import format_age
from warroom.ui.stakeholders.colours import GAP, format_count, format_sentiment, sentiment_colour

Index = QModelIndex | QPersistentModelIndex
GAP_ROLE = Qt.ItemDataRole.UserRole + 1
KEY_ROLE = Qt.ItemDataRole.UserRole + 2  # (group id, channel)


class HeatMapModel(QAbstractTableModel):
    """Rows: groups; columns: channels. Display: posts · reach / sentiment / last statement."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._matrix = None
        self._gaps: set[tuple[int, str]] = set()
        self._peak = 1

    def set_matrix(self, matrix) -> None:
        self.beginResetModel()
        self._matrix = matrix
        self._gaps = set(matrix.gaps)
        self._peak = max((c.posts for c in matrix.cells.values()), default=0) or 1
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self._matrix is None:
            return 0
        return len(self._matrix.groups)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() or self._matrix is None:
            return 0
        return len(self._matrix.channels)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if self._matrix is None:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole and section < len(self._matrix.channels):
                return self._matrix.channels[section]
            return None
        if section >= len(self._matrix.groups):
            return None
        group = self._matrix.groups[section]
        if role == Qt.ItemDataRole.DisplayRole:
            gaps = sum(1 for g, _ in self._gaps if g == group.id)
            mark = f"  ⚠{gaps}" if gaps else ""
            return f"{group.name}\nP{group.power} · I{group.interest}{mark}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                self.tr("%1 — %2")
                .replace("%1", group.name)
                .replace("%2", group.quadrant.value.replace("_", " "))
            )
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def key(self, index: Index) -> tuple[int, str]:
        assert self._matrix is not None
        return self._matrix.groups[index.row()].id, self._matrix.channels[index.column()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self._matrix is None:
            return None
        key = self.key(index)
        cell = self._matrix.cell(*key)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(cell, key)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(cell)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(cell, key)
        if role == GAP_ROLE:
            return key in self._gaps
        if role == KEY_ROLE:
            return key
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _last(self, key: tuple[int, str]) -> str:
        assert self._matrix is not None
        age = self._matrix.ages.get(key)
        if age is None:
            return self.tr("never addressed")
        hours = age.total_seconds() / 3600
        short = f"{int(age.total_seconds() // 60)} min" if hours < 1 else f"{hours:.0f} h"
        return self.tr("stmt %1 ago").replace("%1", short)

    def _display(self, cell, key) -> str:
        if not cell.posts and cell.last_statement_at is None:
            if cell.weight is None:
                return ""
            return self.tr("present (%1)\nno posts").replace("%1", f"{cell.weight:g}")
        last = self._last(key)
        if key in self._gaps:
            last = "⚠ " + self.tr("GAP") + " · " + last
        posts = self.tr("%1 posts · %2").replace("%1", str(cell.posts))
        sentiment = self.tr("sentiment %1").replace("%1", format_sentiment(cell.sentiment))
        return "\n".join((posts.replace("%2", format_count(cell.reach)), sentiment, last))

    def _background(self, cell) -> QBrush:
        if not cell.posts:
            return QBrush(QColor("#f7f8fb") if cell.weight is None else QColor("#eef2f8"))
        colour = sentiment_colour(cell.sentiment)
        colour.setAlpha(60 + int(150 * min(1.0, cell.posts / self._peak) ** 0.5))
        return QBrush(colour)

    def _tooltip(self, cell, key) -> str:
        assert self._matrix is not None
        group = next(g for g in self._matrix.groups if g.id == key[0])
        lines = [
            f"{group.name} — {key[1]}",
            self.tr("%1 posts, reach %2, average sentiment %3")
            .replace("%1", str(cell.posts))
            .replace("%2", format_count(cell.reach))
            .replace("%3", format_sentiment(cell.sentiment)),
            self.tr("declared audience weight: %1").replace(
                "%1", "—" if cell.weight is None else f"{cell.weight:g}"
            ),
        ]
        if cell.last_statement_at is not None:
            lines.append(
                self.tr("last statement: “%1”, %2 ago")
                .replace("%1", cell.last_statement_title)
                .replace("%2", format_age(self._matrix.ages.get(key)))
            )
        else:
            lines.append(self.tr("no statement addressed to this group on this channel"))
        if key in self._gaps:
            hours = self._matrix.policy.hours.get(key[1], self._matrix.policy.default_hours)
            lines.append(
                self.tr(
                    "GAP: high power or interest, active here, uncovered for more than %1 h"
                ).replace("%1", f"{hours:g}")
            )
        lines.append(self.tr("Click to show these posts in the feed."))
        return "\n".join(lines)


class GapDelegate(QStyledItemDelegate):
    """Paints a thick red frame around gap cells."""

    def paint(self, painter, option, index) -> None:
        super().paint(painter, option, index)
        if index.data(GAP_ROLE):
            painter.save()
            pen = QPen(GAP, 3)
            painter.setPen(pen)
            rect: QRect = option.rect.adjusted(2, 2, -2, -2)
            painter.drawRect(rect)
            painter.restore()


class HeatMapView(QTableView):
    """Signals:
    cell_activated(int, str): the user clicked the cell of a group (id) on a channel.
    """

    cell_activated = Signal(int, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("stakeholderHeatMap")
        self.heat_model = HeatMapModel(self)
        self.setModel(self.heat_model)
        self.setItemDelegate(GapDelegate(self))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setWordWrap(True)
        self.setMouseTracking(True)
        font = self.font()
        font.setPointSizeF(max(7.5, font.pointSizeF() * 0.92))
        self.setFont(font)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(62)
        horizontal = self.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        horizontal.setDefaultSectionSize(112)
        self.clicked.connect(self._on_clicked)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_clicked(self.currentIndex())
            return
        super().keyPressEvent(event)

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            group_id, channel = self.heat_model.key(index)
            self.cell_activated.emit(group_id, channel)
