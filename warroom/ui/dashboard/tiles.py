"""The dashboard's tiles: a figure, a note, an alarm colour; spark lines of hourly counts."""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget


class Sparkline(QWidget):
    """A small line of hourly counts."""

    def __init__(self, values: list[int], colour: str, parent=None) -> None:
        super().__init__(parent)
        self.values = values
        self.colour = QColor(colour)
        self.setMinimumSize(30, 22)

    def paintEvent(self, _event) -> None:
        if len(self.values) < 2:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(self.colour, 1.6))
        top = max(max(self.values), 1)
        width, height = self.width() - 2, self.height() - 3
        step = width / (len(self.values) - 1)
        points = [
            QPointF(1 + i * step, 1 + height - height * v / top) for i, v in enumerate(self.values)
        ]
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.end()


class Tile(QFrame):
    """Signals: clicked()."""

    clicked = Signal()

    def __init__(self, name: str, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName(f"tile_{name}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # As tall as its row needs: the room left goes to the list of posts to answer.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setStyleSheet(
            "Tile { background: #f7f9fc; border: 1px solid #d5dbe5; border-radius: 6px; }"
        )
        self.title = QLabel(title, self)
        self.title.setStyleSheet("color: #5b6b85; font-weight: bold;")
        self.value = QLabel("…", self)
        self.value.setObjectName("tileValue")
        self.value.setStyleSheet("font-size: 22pt; font-weight: bold;")
        self.note = QLabel("", self)
        self.note.setWordWrap(True)
        self.title.setWordWrap(True)
        for label in (self.title, self.value, self.note):
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setMinimumWidth(40)
        self.extra = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.note)
        layout.addLayout(self.extra)
        layout.addStretch(1)

    def set(self, value: str, note: str = "", alarm: bool = False) -> None:
        self.value.setText(value)
        self.note.setText(note)
        if alarm != getattr(self, "_alarm", None):  # restyling re-polishes: only on change
            self._alarm = alarm
            colour = "#b00020" if alarm else "#1b2a41"
            self.value.setStyleSheet(f"font-size: 22pt; font-weight: bold; color: {colour};")

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)
