"""Who is using the program, before they have told us."""

from __future__ import annotations

import getpass
import os


def default_operator(explicit: str | None = None) -> str:
    """``explicit``, else ``$WARROOM_OPERATOR``, else the login name."""
    if explicit and explicit.strip():
        return explicit.strip()
    env = os.environ.get("WARROOM_OPERATOR", "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "operator"
