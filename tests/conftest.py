"""Shared fixtures: every test gets its own data and config folders and crisis files."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("WARROOM_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("WARROOM_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("WARROOM_OPERATOR", "Test Operator")
    monkeypatch.delenv("WARROOM_DEBUG", raising=False)


@pytest.fixture
def crisis_path(tmp_path: Path) -> Path:
    return tmp_path / "crisis.warroom"


@pytest.fixture
def crisis(crisis_path: Path) -> Iterator:
    from warroom.store.db import CrisisDatabase

    db = CrisisDatabase.create(crisis_path, "Test crisis")
    yield db
    db.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo crisis, built once per test session (seed_demo loads thousands of posts)."""
    from warroom.ingest.demo import seed_demo
    from warroom.store.db import CrisisDatabase

    path = tmp_path_factory.mktemp("demo-template") / "demo.warroom"
    db = CrisisDatabase.create(path, "Demo")
    seed_demo(db.db)
    db.close()
    return path


@pytest.fixture
def demo_crisis(tmp_path: Path, _demo_template: Path) -> Iterator:
    """A fresh copy of the demo crisis for each test."""
    import shutil

    from warroom.store.db import CrisisDatabase

    path = tmp_path / "demo.warroom"
    shutil.copyfile(_demo_template, path)
    db = CrisisDatabase.open(path)
    yield db
    db.close()
