"""Source tokens and keys: in the OS keyring, or in environment variables.

Never in the crisis file, logs, exports or messages. Lookup order for a source named
``Press FR`` of kind ``x``:

1. the keyring: service ``warroom``, user name ``source:Press FR``;
2. ``WARROOM_SECRET_PRESS_FR`` (the name upper-cased, other characters as ``_``);
3. ``WARROOM_X_TOKEN`` (one token for every source of that kind).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re

log = logging.getLogger("warroom.ingest")

SERVICE = "warroom"


class SecretStoreError(Exception):
    """The keyring cannot store secrets here (no backend on a headless machine)."""


def _user(source_name: str) -> str:
    return f"source:{source_name}"


def env_name(source_name: str) -> str:
    return "WARROOM_SECRET_" + re.sub(r"[^A-Za-z0-9]+", "_", source_name).strip("_").upper()


def kind_env_name(kind: str) -> str:
    return f"WARROOM_{kind.upper()}_TOKEN"


def get_secret(source_name: str, kind: str) -> str | None:
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            value = keyring.get_password(SERVICE, _user(source_name))
        except KeyringError:
            value = None
    except ImportError:  # pragma: no cover - keyring is a dependency
        value = None
    if value:
        return value
    return os.environ.get(env_name(source_name)) or os.environ.get(kind_env_name(kind)) or None


def set_secret(source_name: str, value: str) -> None:
    import keyring
    from keyring.errors import KeyringError

    try:
        keyring.set_password(SERVICE, _user(source_name), value)
    except KeyringError as exc:
        raise SecretStoreError(
            f"no keyring on this machine ({type(exc).__name__}); set {env_name(source_name)} "
            "in the environment instead"
        ) from None


def delete_secret(source_name: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(SERVICE, _user(source_name))


def has_secret(source_name: str, kind: str) -> bool:
    return get_secret(source_name, kind) is not None
