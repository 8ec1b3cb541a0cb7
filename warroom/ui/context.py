"""What the composition root (app.py) hands down to the window and the views."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QSettings

from warroom.domain.crisis import CrisisInfo
from warroom.store.db import CrisisDatabase
from warroom.tasks import ChangeHub, TaskRunner


@dataclass
class AppContext:
    crisis: CrisisDatabase
    info: CrisisInfo
    runner: TaskRunner
    changes: ChangeHub
    settings: QSettings
    operator: str

    @property
    def tz(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.info.timezone)
        except (ZoneInfoNotFoundError, ValueError):
            return ZoneInfo("UTC")
