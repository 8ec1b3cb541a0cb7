"""Small helpers shared by the Statements and Rumors views."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolled(widget: QWidget, parent: QWidget) -> QScrollArea:
    """A dense panel that scrolls instead of forcing a large minimum size on the dock."""
    area = QScrollArea(parent)
    area.setWidget(widget)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    return area


def guarded(widget: QWidget, func: Callable[..., Any]) -> Callable[..., None]:
    """A callback for background results that does nothing once ``widget`` is gone (the
    window was closed while the query ran)."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(widget):
            func(*args)

    return call


def plain_tooltip(text: str) -> str:
    """A tooltip showing untrusted text literally (Qt would render text that looks like
    HTML as HTML)."""
    return "<p style='white-space: pre-wrap'>" + html.escape(text) + "</p>"
