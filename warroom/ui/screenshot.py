"""`warroom screenshot`: render every view offscreen, and describe them in views.json."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from warroom.store.db import CrisisDatabase
from warroom.ui.application import build_context, ensure_app, make_settings


def render_views(
    crisis_path: Path, out_dir: Path, size: tuple[int, int], as_of: datetime | None = None
) -> list[dict[str, Any]]:
    """Write ``out_dir/<view>.png`` for each view and ``out_dir/views.json`` — live, or
    as the crisis stood at ``as_of`` (the replay cursor)."""
    from warroom.ui.main_window import MainWindow
    from warroom.userenv import default_operator

    out_dir.mkdir(parents=True, exist_ok=True)
    app = ensure_app()
    crisis = CrisisDatabase.open(crisis_path)
    settings = make_settings()
    ctx = build_context(
        crisis, settings, default_operator(str(settings.value("operator") or "") or None)
    )
    window = MainWindow(ctx)
    try:
        window.resize(*size)
        window.show()
        ctx.runner.general.waitForDone(10_000)
        QApplication.processEvents()
        if as_of is not None:
            window.replay_bar.set_as_of(as_of)
            _settle(ctx)
        described = []
        for name, view in window.views.items():
            dock = window.docks[name]
            dock.show()
            dock.raise_()
            QApplication.processEvents()
            if as_of is not None:  # a view behind a tab replays once it is in front
                _settle(ctx)
            image = view.grab()
            file_name = f"{name}.png"
            if not image.save(str(out_dir / file_name)):
                raise OSError(f"cannot write {out_dir / file_name}")
            described.append(
                {
                    "name": name,
                    "title": dock.windowTitle(),
                    "file": file_name,
                    "placeholder": view.is_placeholder,
                    "items": view.item_count(),
                }
            )
        first = next(iter(window.docks.values()))
        first.raise_()
        QApplication.processEvents()
        window.grab().save(str(out_dir / "main_window.png"))
        (out_dir / "views.json").write_text(
            json.dumps(
                {"crisis": ctx.info.display_name, "views": described}, ensure_ascii=False, indent=2
            ),
            encoding="utf-8",
        )
        return described
    finally:
        window.close()
        ctx.runner.shutdown()
        # Destroy the window here, in the GUI thread: left to Python's garbage collector
        # it could be destroyed later from a worker thread (Qt objects must not be).
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        crisis.close()
        del app


def _settle(ctx) -> None:
    """Let the views' debounce timers fire and their reads finish (twice: a read's result
    may start another)."""
    for wait_ms in (400, 100):  # the views' debounce timers are at most 300 ms
        loop = QEventLoop()
        QTimer.singleShot(wait_ms, loop.quit)
        loop.exec()
        ctx.runner.general.waitForDone(20_000)
        QApplication.processEvents()
