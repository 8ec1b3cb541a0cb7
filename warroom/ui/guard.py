"""Callbacks that may run after the widget that asked for them was deleted.

A background read can finish after its view or dialog was closed (a crisis closed, a test
torn down); calling into a deleted widget would crash. ``TaskRunner`` already skips
callbacks whose captured Qt objects are gone; ``alive`` makes the owner explicit, for
runner callbacks and for timers and signals alike.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

import shiboken6


@overload
def alive(owner: Any, callback: None) -> None: ...
@overload
def alive(owner: Any, callback: Callable[..., Any]) -> Callable[..., Any]: ...


def alive(owner: Any, callback: Callable[..., Any] | None) -> Callable[..., Any] | None:
    """``callback``, run only while ``owner``'s C++ object exists (None stays None)."""
    if callback is None:
        return None

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return callback(*args)
        return None

    return call
