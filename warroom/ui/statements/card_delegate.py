"""Draws a board card: a white rounded card, a stripe in the status colour, the title in
bold and the details below, with a height that fits the wrapped text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
)

from warroom.ui.statements.models import STATUS_COLOURS, StatusRole

PAD = 6
STRIPE = 4
Index = QModelIndex | QPersistentModelIndex
FLAGS = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)


class CardDelegate(QStyledItemDelegate):
    def _parts(self, index: Index) -> tuple[str, str]:
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        title, _, rest = text.partition("\n")
        return title, rest

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def _text_width(self, option: QStyleOptionViewItem) -> int:
        view = option.widget
        if isinstance(view, QAbstractScrollArea):
            width = view.viewport().width()
        else:
            width = option.rect.width()
        return max(40, width - 2 * PAD - STRIPE - 16)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title, rest = self._parts(index)
        bold, plain = self._fonts(option)
        width = self._text_width(option)
        height = QFontMetrics(bold).boundingRect(QRect(0, 0, width, 10_000), FLAGS, title).height()
        if rest:
            height += (
                QFontMetrics(plain).boundingRect(QRect(0, 0, width, 10_000), FLAGS, rest).height()
            )
        return QSize(width + 2 * PAD + STRIPE, height + 2 * PAD + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        title, rest = self._parts(index)
        bold, plain = self._fonts(option)
        card = option.rect.adjusted(1, 1, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor("#2f5fb3" if selected else "#cfd7e6"), 2 if selected else 1))
        painter.setBrush(QColor("#ffffff"))
        painter.drawRoundedRect(card, 4, 4)
        stripe = QRect(card.left(), card.top(), STRIPE, card.height())
        painter.fillRect(stripe, QColor(STATUS_COLOURS.get(str(index.data(StatusRole)), "#6b7a99")))
        text_rect = QRect(
            card.left() + STRIPE + PAD, card.top() + PAD, self._text_width(option), card.height()
        )
        painter.setPen(QColor("#1f2a44"))
        painter.setFont(bold)
        used = painter.boundingRect(text_rect, FLAGS, title)
        painter.drawText(text_rect, FLAGS, title)
        if rest:
            painter.setFont(plain)
            painter.setPen(QColor("#3d4a66"))
            painter.drawText(text_rect.adjusted(0, used.height(), 0, 0), FLAGS, rest)
        painter.restore()
