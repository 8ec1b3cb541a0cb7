"""UI fixtures: an AppContext over a real crisis file, and a main window."""

from __future__ import annotations

import pytest

from warroom.ui.application import build_context, make_settings


@pytest.fixture
def make_context(qapp):
    built = []

    def factory(crisis, operator="Inès Benali"):
        ctx = build_context(crisis, make_settings(), operator)
        built.append(ctx)
        return ctx

    yield factory
    for ctx in built:
        ctx.runner.shutdown()


@pytest.fixture
def window(qtbot, demo_crisis, make_context):
    from warroom.ui.main_window import MainWindow

    ctx = make_context(demo_crisis)
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture(autouse=True)
def _gc_in_gui_thread(qapp):
    """As in the app (warroom.ui.gc_guard): never collect Qt objects in a worker thread."""
    from warroom.ui.gc_guard import GuiThreadGarbageCollector

    guard = GuiThreadGarbageCollector()
    yield guard
    guard.uninstall()
    guard.deleteLater()
