"""FeedDelegate: paints a feed cell directly (text, colour, icon), without QStyle.

The table is repainted whenever posts arrive (once a second under load). Qt's styled
delegate goes through the style (and the application's style sheet) for every cell and
asks the model for seven roles: a repaint of a screen of posts cost ~40 ms of the GUI
thread on a slow laptop. This delegate takes a cell's text, colour and font from the
model in one call, remembers the elided texts, and draws them itself. Look and behaviour
stay the table's: selection colours, alternating rows, elided text, right-aligned
figures, struck-out moderated posts, the channel badge.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, Qt
from PySide6.QtGui import QFont, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from warroom.ui.models.feed_model import NUMERIC_COLUMNS, FeedModel

_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_SELECTED = QStyle.StateFlag.State_Selected
_ALTERNATE = QStyleOptionViewItem.ViewItemFeature.Alternate
_ELIDE = Qt.TextElideMode.ElideRight
PADDING = 4
ICON = 16
ELIDED_CACHE = 6000


class FeedDelegate(QStyledItemDelegate):
    """Paints the cells of a :class:`FeedModel` (any other model falls back to Qt's)."""

    def __init__(self, model: FeedModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._model = model
        self._elided: dict[tuple[str, int, bool], str] = {}

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        model = self._model
        if index.model() is not model:
            super().paint(painter, option, index)
            return
        rect: QRect = option.rect
        palette = option.palette
        selected = bool(option.state & _SELECTED)
        if selected:
            painter.fillRect(rect, palette.highlight())
        elif option.features & _ALTERNATE:
            painter.fillRect(rect, palette.alternateBase())
        row, column = index.row(), index.column()
        if column == model.COL_CHANNEL:
            post = model.post_at(row)
            if post is not None:
                side = min(ICON, rect.height() - 2)
                target = QRect(0, 0, side, side)
                target.moveCenter(rect.center())
                model.channel_badge(post.channel).paint(painter, target)
            return
        cell = model.paint_cell(row, column)
        if cell is None or not cell[0]:
            return
        text, colour, struck = cell
        if selected:
            painter.setPen(palette.highlightedText().color())
        else:
            painter.setPen(colour if colour is not None else palette.text().color())
        if struck:
            font = QFont(option.font)
            font.setStrikeOut(True)
            painter.setFont(font)
        area = rect.adjusted(PADDING, 0, -PADDING, 0)
        key = (text, area.width(), struck)
        shown = self._elided.get(key)
        if shown is None:
            if len(self._elided) > ELIDED_CACHE:
                self._elided.clear()
            shown = painter.fontMetrics().elidedText(text, _ELIDE, area.width())
            self._elided[key] = shown
        painter.drawText(area, _RIGHT if column in NUMERIC_COLUMNS else _LEFT, shown)
        if struck:
            painter.setFont(option.font)
