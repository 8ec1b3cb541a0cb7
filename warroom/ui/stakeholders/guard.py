"""Task callbacks that outlive their widget do nothing (a read can finish after the view
or dialog that asked for it was closed)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from shiboken6 import Shiboken


def alive(owner: Any, func: Callable[[Any], None]) -> Callable[[Any], None]:
    def call(result: Any) -> None:
        if Shiboken.isValid(owner):
            func(result)

    return call
