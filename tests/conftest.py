"""Shared fixtures: every test gets its own data and config folders and crisis files."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# A 1920×1200 virtual screen (the offscreen plugin's default is 800×600, too small for
# the main window of a crisis cell laptop).
_OFFSCREEN_CONFIG = Path(__file__).resolve().parent / "helpers" / "offscreen.json"
os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_OFFSCREEN_CONFIG}")

REPO = Path(__file__).resolve().parent.parent
# The real public data the tests run on (propagation trees, rumor threads, API payloads):
# ../shared/data beside the clone, or where WARROOM_SHARED_DATA points.
SHARED_DATA = Path(os.environ.get("WARROOM_SHARED_DATA") or REPO.parent / "shared" / "data")


def pytest_sessionstart(session: pytest.Session) -> None:
    if not (SHARED_DATA / "SOURCES.md").is_file():
        raise pytest.UsageError(
            f"the reference data is not at {SHARED_DATA}: clone warroom beside shared/ "
            "(../shared/data) or set WARROOM_SHARED_DATA to its folder"
        )


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_main_thread():
    """Collect cyclic garbage only on the test (GUI) thread: a collection triggered in a
    worker thread would destroy Qt objects there and crash (see warroom/ui/garbage.py)."""
    gc.disable()
    # What the test modules imported lives for the whole session: leave it out of every
    # later collection (a full collection of it costs ~0.15 s, after each of ~600 tests).
    gc.collect()
    gc.freeze()
    yield
    gc.unfreeze()
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_test():
    yield
    gc.collect()


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
    """The small test crisis (every entity, a few hundred posts), built once per session."""
    from warroom.ingest.demo_small import seed_small_demo as seed_demo
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


@pytest.fixture(scope="session")
def big_crisis_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated crisis file with BIG_POSTS posts (made once per test session, about a minute).

    The feed issue asks for model tests at a million posts; benchmarks/bench_feed.py uses
    the same generator.
    """
    from tests.helpers.bigcrisis import generate

    return generate(tmp_path_factory.mktemp("big") / "big.warroom", BIG_POSTS)


BIG_POSTS = 1_000_000


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The test that first asks for the million-post file also waits for its generation:
    give the tests that use it a longer timeout than the default two minutes."""
    for item in items:
        if "big_crisis_path" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.timeout(600))


@pytest.fixture
def cell(crisis):
    """A crisis with one operator per role (issue #7: statements and rumors)."""
    from warroom.store.crisis import ensure_operator

    roles = {
        "Dana Director": "director",
        "Colin Comms": "comms_lead",
        "Cami Community": "community_manager",
        "Lea Legal": "legal",
        "Otto Observer": "observer",
    }
    for name, role in roles.items():
        ensure_operator(crisis.db, name, role)
    return crisis


@pytest.fixture(scope="session")
def _scenario_demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo users open (`warroom --demo`): the bundled datacenter-fire scenario, built
    once per session (thousands of posts)."""
    from warroom.ingest.demo import seed_demo
    from warroom.store.db import CrisisDatabase

    path = tmp_path_factory.mktemp("scenario-demo-template") / "demo.warroom"
    db = CrisisDatabase.create(path, "Demo")
    seed_demo(db.db)
    db.close()
    return path


@pytest.fixture
def scenario_demo_crisis(tmp_path: Path, _scenario_demo_template: Path) -> Iterator:
    """A fresh copy of the full demo crisis for each test."""
    import shutil

    from warroom.store.db import CrisisDatabase

    path = tmp_path / "scenario-demo.warroom"
    shutil.copyfile(_scenario_demo_template, path)
    db = CrisisDatabase.open(path)
    yield db
    db.close()
