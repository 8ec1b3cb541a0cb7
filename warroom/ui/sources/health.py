"""The status-bar summary of source health: "Sources: 3 ok · 1 failing"."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel

from warroom.store.sources import SourceInfo


class SourceHealthLabel(QLabel):
    """Signals: clicked(): the user wants to see the Sources panel."""

    clicked = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceHealth")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_sources([])

    def show_sources(self, sources: list[SourceInfo]) -> None:
        live = [s for s in sources if s.kind != "scenario" and s.kind != "file"]
        enabled = [s for s in live if s.enabled]
        failing = [s for s in enabled if s.failing]
        paused = len(live) - len(enabled)
        if not live:
            self.setText(self.tr("Sources: none"))
            self.setStyleSheet("color: #5b6b85;")
            self.setToolTip(self.tr("No connector configured: add one in the Sources panel"))
            return
        parts = [self.tr("%1 ok").replace("%1", str(len(enabled) - len(failing)))]
        if failing:
            parts.append(self.tr("%1 failing").replace("%1", str(len(failing))))
        if paused:
            parts.append(self.tr("%1 paused").replace("%1", str(paused)))
        self.setText(self.tr("Sources: %1").replace("%1", " · ".join(parts)))
        self.setStyleSheet("color: #b00020; font-weight: bold;" if failing else "color: #1e7d32;")
        self.setToolTip("\n".join(f"{s.name}: {s.last_error}" for s in failing))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.clicked.emit()
        super().mousePressEvent(event)
