"""Background results may arrive after the widget that asked for them was closed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import shiboken6


def alive(widget: Any, func: Callable[..., None]) -> Callable[..., None]:
    """``func``, made a no-op once ``widget``'s C++ object is gone."""

    def call(*args: Any) -> None:
        if shiboken6.isValid(widget):
            func(*args)

    return call
