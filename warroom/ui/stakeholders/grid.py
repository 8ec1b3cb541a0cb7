"""The Mendelow power/interest grid: four labelled quadrants, one bubble per group.

A bubble's area follows the current post volume of the group's members; its colour their
average sentiment. Drag a bubble (or select it and use the arrow keys) to change the
group's power and interest: the grid only *asks* for the change through ``group_moved``;
the view writes it (and logs it) and the grid redraws from the stored values.
"""

from __future__ import annotations

import math
import textwrap

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QGraphicsEllipseItem,
    QGraphicsItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
)

from warroom.domain.stakeholders import HIGH
from warroom.ui.stakeholders.colours import format_count, format_sentiment, sentiment_colour

UNIT = 120.0  # scene pixels per power/interest step
MIN_RADIUS, MAX_RADIUS = 10.0, 40.0


def to_scene(power: float, interest: float) -> QPointF:
    return QPointF((interest - 0.5) * UNIT, (5.5 - power) * UNIT)


def from_scene(point: QPointF) -> tuple[int, int]:
    """(power, interest) of the cell under ``point``, clamped to 1–5."""
    interest = round(point.x() / UNIT + 0.5)
    power = round(5.5 - point.y() / UNIT)
    return max(1, min(5, power)), max(1, min(5, interest))


def bubble_label(name: str, posts: int) -> str:
    """The group name wrapped (at " / " first) to stay within a cell, then the volume."""
    parts = name.split(" / ")
    lines: list[str] = []
    for index, part in enumerate(parts):
        wrapped = textwrap.wrap(part, 20) or [part]
        if index < len(parts) - 1:
            wrapped[-1] += " /"
        lines += wrapped
    return "\n".join([*lines, f"{format_count(posts)} posts"])


class Bubble(QGraphicsEllipseItem):
    def __init__(self, grid: MendelowGrid, group, totals, radius: float) -> None:
        super().__init__(-radius, -radius, 2 * radius, 2 * radius)
        self.grid = grid
        self.group_id = group.id
        self.power, self.interest = group.power, group.interest
        colour = sentiment_colour(totals.sentiment)
        colour.setAlpha(215)
        self.setBrush(QBrush(colour))
        self.setPen(QPen(QColor("#1f2a44"), 1.5))
        flags = QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
        if not grid.read_only:
            flags |= QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setFlags(flags)
        self.setZValue(100 - radius)  # small bubbles above big ones: all stay clickable
        self.setToolTip(
            grid.tr("%1\npower %2 · interest %3 · %4\n%5 members · %6 posts · sentiment %7")
            .replace("%1", group.name)
            .replace("%2", str(group.power))
            .replace("%3", str(group.interest))
            .replace("%4", group.attitude)
            .replace("%5", str(totals.members))
            .replace("%6", str(totals.posts))
            .replace("%7", format_sentiment(totals.sentiment))
        )
        label = QGraphicsSimpleTextItem(bubble_label(group.name, totals.posts), self)
        font = QFont()
        font.setPointSizeF(8.5)
        font.setBold(True)
        label.setFont(font)
        box = label.boundingRect()
        label.setPos(-box.width() / 2, radius + 1)
        backdrop = QGraphicsRectItem(box.adjusted(-3, -1, 3, 1), self)
        backdrop.setPos(label.pos())
        backdrop.setBrush(QBrush(QColor(255, 255, 255, 200)))
        backdrop.setPen(QPen(Qt.PenStyle.NoPen))
        backdrop.setZValue(-1)
        self.label = label

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        self.grid._on_bubble_dropped(self)


class MendelowGrid(QGraphicsView):
    """Signals:
    group_moved(int, int, int): group id, new power, new interest (drag or arrow keys).
    group_selected(int): a bubble was selected.
    group_activated(int): a bubble was double-clicked (edit it).
    """

    group_moved = Signal(int, int, int)
    group_selected = Signal(int)
    group_activated = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("mendelowGrid")
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.bubbles: dict[int, Bubble] = {}
        self._selected: int | None = None
        self.read_only = False  # a replay shows the matrix; nothing moves
        self.scene().selectionChanged.connect(self._on_scene_selection_changed)
        self._draw_background()

    # -- drawing ---------------------------------------------------------------------
    def _text(self, text: str, x: float, y: float, size: float, colour: str, bold=False):
        item = self.scene().addSimpleText(text)
        font = QFont()
        font.setPointSizeF(size)
        font.setBold(bold)
        item.setFont(font)
        item.setBrush(QBrush(QColor(colour)))
        item.setPos(x, y)
        return item

    def _draw_background(self) -> None:
        scene = self.scene()
        size = 5 * UNIT
        low = to_scene(HIGH - 0.5, HIGH - 0.5)  # the corner between "3" and "4" on both axes
        sx, sy = low.x(), low.y()
        quadrants = (
            (0, 0, sx, sy, "#fff4e0", self.tr("KEEP SATISFIED")),
            (sx, 0, size - sx, sy, "#fde3e1", self.tr("MANAGE CLOSELY")),
            (0, sy, sx, size - sy, "#eef1f5", self.tr("MONITOR")),
            (sx, sy, size - sx, size - sy, "#e3eefc", self.tr("KEEP INFORMED")),
        )
        for x, y, w, h, colour, label in quadrants:
            scene.addRect(QRectF(x, y, w, h), QPen(QColor("#c8d0dd")), QBrush(QColor(colour)))
            text = self._text(label, x + 8, y + 6, 10, "#5b6b85", bold=True)
            if y > 0:  # lower quadrants: label in the outer (bottom) corner, clear of bubbles
                text.setPos(x + 8, y + h - text.boundingRect().height() - 6)
        for step in range(1, 6):
            x, y = (step - 0.5) * UNIT, (5.5 - step) * UNIT
            self._text(str(step), x - 4, size + 4, 9, "#1f2a44")
            self._text(str(step), -18, y - 8, 9, "#1f2a44")
        self._text(self.tr("Interest →"), size / 2 - 30, size + 22, 10, "#1f2a44", True)
        power = self._text(self.tr("Power →"), -44, size / 2 + 30, 10, "#1f2a44", True)
        power.setRotation(-90)
        scene.setSceneRect(QRectF(-50, -10, size + 70, size + 50))

    def set_data(self, groups, totals) -> None:
        for bubble in self.bubbles.values():
            self.scene().removeItem(bubble)
        self.bubbles.clear()
        largest = max((totals[g.id].posts for g in groups), default=0) or 1
        cells: dict[tuple[int, int], list] = {}
        for group in groups:
            cells.setdefault((group.power, group.interest), []).append(group)
        for (power, interest), members in cells.items():
            centre = to_scene(power, interest)
            for index, group in enumerate(members):
                share = math.sqrt(totals[group.id].posts / largest)
                radius = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * share
                bubble = Bubble(self, group, totals[group.id], radius)
                bubble.setPos(centre + self._offset(index, len(members)))
                self.scene().addItem(bubble)
                self.bubbles[group.id] = bubble
        if self._selected in self.bubbles:
            self.bubbles[self._selected].setSelected(True)

    @staticmethod
    def _offset(index: int, count: int) -> QPointF:
        """Groups sharing a cell sit around its centre, staggered so labels stay readable."""
        if count == 1:
            return QPointF(0, 0)
        angle = 2 * math.pi * index / count - math.pi / 2
        spread = UNIT * 0.3
        return QPointF(math.cos(angle) * spread, math.sin(angle) * spread)

    def bubble_centre(self, group_id: int) -> QPointF:
        """Where a group's bubble is, in viewport coordinates."""
        return QPointF(self.mapFromScene(self.bubbles[group_id].scenePos()))

    def cell_centre(self, power: int, interest: int) -> QPointF:
        return QPointF(self.mapFromScene(to_scene(power, interest)))

    def set_read_only(self, read_only: bool) -> None:
        """Bubbles stop moving (drag or arrow keys); they stay selectable."""
        self.read_only = read_only
        movable = QGraphicsItem.GraphicsItemFlag.ItemIsMovable
        for bubble in self.bubbles.values():
            bubble.setFlag(movable, not read_only)
            bubble.setCursor(
                Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.OpenHandCursor
            )

    def select_group(self, group_id: int | None) -> None:
        self._selected = group_id
        self.scene().clearSelection()
        if group_id in self.bubbles:
            self.bubbles[group_id].setSelected(True)

    # -- interaction ------------------------------------------------------------------
    def _on_bubble_dropped(self, bubble: Bubble) -> None:
        power, interest = from_scene(bubble.scenePos())
        if (power, interest) == (bubble.power, bubble.interest):
            bubble.setPos(to_scene(power, interest))  # back into its cell
            return
        bubble.setPos(to_scene(power, interest))
        self.group_moved.emit(bubble.group_id, power, interest)

    def _on_scene_selection_changed(self) -> None:
        selected = [i for i in self.scene().selectedItems() if isinstance(i, Bubble)]
        if selected and selected[0].group_id != self._selected:
            self._selected = selected[0].group_id
            self.group_selected.emit(self._selected)

    def mouseDoubleClickEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, Bubble):
            item = item.parentItem()
        if isinstance(item, Bubble):
            self.group_activated.emit(item.group_id)
            return
        super().mouseDoubleClickEvent(event)

    def keyPressEvent(self, event) -> None:
        bubble = self.bubbles.get(self._selected) if self._selected is not None else None
        steps = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_Left: (0, -1),
        }
        if bubble is None or event.key() not in steps or self.read_only:
            super().keyPressEvent(event)
            return
        dp, di = steps[event.key()]
        power = max(1, min(5, bubble.power + dp))
        interest = max(1, min(5, bubble.interest + di))
        if (power, interest) != (bubble.power, bubble.interest):
            self.group_moved.emit(bubble.group_id, power, interest)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.fitInView(self.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
