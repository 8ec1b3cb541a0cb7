"""Where things live: bundled resources, user data (crisis files) and settings.

Resources are found in a source checkout (``<repo>/resources``), an installed wheel
(``warroom/resources``) and a PyInstaller bundle (``sys._MEIPASS/resources``) alike.
User folders come from platformdirs and can be redirected with the environment variables
``WARROOM_DATA_DIR`` and ``WARROOM_CONFIG_DIR`` (tests always do).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from warroom import APP_NAME

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    candidates = [_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"]
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        candidates.insert(0, Path(frozen) / "resources")
    for candidate in candidates:
        if (candidate / "RESOURCES.md").is_file():
            return candidate
    raise FileNotFoundError("warroom's resources folder is missing from this installation")


def resource(*parts: str) -> Path:
    """Path of a bundled resource, e.g. ``resource("icons", "app.svg")``."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"missing resource: {'/'.join(parts)}")
    return path


def data_dir() -> Path:
    """Crisis files created by the app (the demo crisis among them)."""
    override = os.environ.get("WARROOM_DATA_DIR")
    path = Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Per-user settings (window layout, operator name, recent files)."""
    override = os.environ.get("WARROOM_CONFIG_DIR")
    path = Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME, False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_crisis_path() -> Path:
    return data_dir() / "demo.warroom"
