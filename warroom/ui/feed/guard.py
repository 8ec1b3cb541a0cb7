"""Results of background work may arrive after the view that asked for them is gone
(a crisis closed, a test torn down): such callbacks must then do nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject


def guarded(owner: QObject, callback: Callable[..., Any] | None) -> Callable[..., None] | None:
    """``callback``, called only while ``owner``'s C++ object still exists."""
    if callback is None:
        return None

    def call(*args: Any) -> None:
        if shiboken6.isValid(owner):
            callback(*args)

    return call
