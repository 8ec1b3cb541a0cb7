"""Drive modal dialogs opened with exec(): act on the dialog once it is shown."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


def when_shown(cls: type[QDialog], act: Callable[[QDialog], None], tries: int = 250) -> None:
    """Call ``act(dialog)`` as soon as a visible ``cls`` dialog exists (polls every 20 ms)."""

    def attempt(left: int) -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, cls) and widget.isVisible():
                act(widget)
                return
        if left:
            QTimer.singleShot(20, lambda: attempt(left - 1))

    QTimer.singleShot(0, lambda: attempt(tries))


def keep_screenshot(path: Path) -> None:
    """Copy a screenshot to $WARROOM_SHOT_DIR when set, to look at it after the run."""
    target = os.environ.get("WARROOM_SHOT_DIR")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)
