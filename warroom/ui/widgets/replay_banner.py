"""The band a view shows at its top while the replay cursor is set: which instant it
shows, and that nothing can be changed until the operator returns to Live."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

STYLE = (
    "background: #fff4ce; color: #5c4400; border: 1px solid #e0c060; border-radius: 3px; "
    "padding: 4px 8px; font-weight: 600;"
)


def replay_stamp(when: datetime, tz: ZoneInfo) -> str:
    """The instant as the replay bar shows it, in the crisis time zone."""
    return when.astimezone(tz).strftime("%d/%m/%Y %H:%M")


class ReplayBanner(QLabel):
    """Hidden while live. ``what`` completes "Replay at <time> — …", e.g. "the statements
    as they stood then"."""

    def __init__(self, tz: ZoneInfo, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tz = tz
        self._what = what
        self.setObjectName("replayBanner")
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setWordWrap(True)
        self.setStyleSheet(STYLE)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.hide()

    def set_as_of(self, when: datetime | None) -> None:
        if when is None:
            self.hide()
            self.setText("")
            return
        self.setText(
            self.tr("Replay at %1 — %2. Read-only: return to Live to change anything.")
            .replace("%1", replay_stamp(when, self._tz))
            .replace("%2", self._what)
        )
        self.show()
