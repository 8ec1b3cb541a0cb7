"""An honest placeholder for a view whose capability has not been built yet."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout

from warroom.ui.views.base import View


class PlaceholderView(View):
    is_placeholder = True

    def __init__(self, name: str, title: str, missing: str, parent=None) -> None:
        super().__init__(parent)
        self.view_name = name
        self._title = title
        layout = QVBoxLayout(self)
        heading = QLabel(f"<h2>{title}</h2>")
        heading.setTextFormat(Qt.TextFormat.RichText)
        body = QLabel(self.tr("Not built yet: %1").replace("%1", missing))
        body.setTextFormat(Qt.TextFormat.PlainText)
        body.setWordWrap(True)
        body.setObjectName("placeholderText")
        for label in (heading, body):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(1)
        layout.addWidget(heading)
        layout.addWidget(body)
        layout.addStretch(2)

    def title(self) -> str:
        return self._title
