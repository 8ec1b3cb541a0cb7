"""Callbacks of background tasks that may finish after their widget was deleted."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6


def alive(owner: Any, callback: Callable[..., Any]) -> Callable[..., Any]:
    """``callback`` run only while ``owner`` (a QObject) still exists."""

    def guarded(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return callback(*args)
        return None

    return guarded
