"""The quick logbook entry line, reachable from anywhere (Ctrl+L)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

from warroom.domain.enums import LogCategory

CATEGORY_PREFIXES = {c.value: c for c in LogCategory if c is not LogCategory.SYSTEM}


def parse_quick_entry(text: str) -> tuple[LogCategory, str]:
    """``"decision: activate the DRP"`` → (DECISION, "activate the DRP"); default INFORMATION."""
    head, sep, rest = text.partition(":")
    if sep and head.strip().lower() in CATEGORY_PREFIXES and rest.strip():
        return CATEGORY_PREFIXES[head.strip().lower()], rest.strip()
    return LogCategory.INFORMATION, text.strip()


class QuickEntryLine(QLineEdit):
    """Signals:
    submitted(str, str): category and text, when the operator presses Enter.
    """

    submitted = Signal(str, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("quickEntry")
        self.setClearButtonEnabled(True)
        self.setPlaceholderText(
            self.tr("Logbook entry — Enter to record (prefix with decision:, action:, contact:, …)")
        )
        self.returnPressed.connect(self._on_return_pressed)

    def _on_return_pressed(self) -> None:
        if not self.text().strip():
            return
        category, text = parse_quick_entry(self.text())
        self.submitted.emit(category.value, text)
