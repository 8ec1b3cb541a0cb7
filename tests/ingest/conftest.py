"""Ingestion fixtures: the real API payloads, an in-memory keyring, fast retry policies."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend

from tests.conftest import SHARED_DATA
from warroom.ingest.http import HttpPolicy

API = SHARED_DATA / "api"


class MemoryKeyring(KeyringBackend):
    """A keyring that lives in memory for one test."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.store.pop((service, username), None)


@pytest.fixture(autouse=True)
def memory_keyring(monkeypatch: pytest.MonkeyPatch):
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    for name in ("WARROOM_X_TOKEN", "WARROOM_YOUTUBE_TOKEN", "WARROOM_FACEBOOK_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def fast_policy() -> HttpPolicy:
    return HttpPolicy(
        connect_timeout=2, read_timeout=0.5, attempts=3, backoff=0.01, max_inline_wait=2
    )


def api_bodies(relative: str) -> list[dict[str, Any]]:
    """The recorded responses of a ``*.responses.json`` file."""
    return json.loads((API / relative).read_text(encoding="utf-8"))


def api_json(relative: str) -> Any:
    return json.loads((API / relative).read_text(encoding="utf-8"))


def api_bytes(relative: str) -> bytes:
    return (API / relative).read_bytes()


def body_for(relative: str, uri_part: str) -> Any:
    return next(r["body"] for r in api_bodies(relative) if uri_part in r["uri"])


def path_of(relative: str) -> Path:
    return API / relative


@pytest.fixture
def ingest_ctx(qapp, crisis):
    """An AppContext over a real crisis file (as the window gets it)."""
    from warroom.ui.application import build_context, make_settings

    ctx = build_context(crisis, make_settings(), "Inès Benali")
    yield ctx
    ctx.runner.shutdown()


def in_modal(callback):
    """Run ``callback(dialog)`` on the next modal dialog the code under test opens."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def handle():
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, handle)
            return
        callback(dialog)

    QTimer.singleShot(0, handle)
