"""Cyclic garbage is collected on the GUI thread's timer, never automatically."""

import gc
import threading
import weakref

from warroom.ui.gc_guard import GuiThreadGarbageCollector


class Node:
    def __init__(self):
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_collection_happens_on_the_gui_timer(qtbot, _gc_in_gui_thread):
    assert not gc.isenabled()
    guard = _gc_in_gui_thread
    collected_in = []

    def callback(phase, _info):
        if phase == "start":
            collected_in.append(threading.current_thread() is threading.main_thread())

    gc.callbacks.append(callback)
    try:
        probe = weakref.ref(Node())
        for _ in range(3 * gc.get_threshold()[0]):
            Node()  # plenty of cyclic garbage: automatic collection would have run
        assert probe() is not None
        qtbot.waitUntil(lambda: probe() is None, timeout=3 * guard.INTERVAL_MS)
        assert collected_in and all(collected_in)
    finally:
        gc.callbacks.remove(callback)


def test_uninstall_restores_automatic_collection(qapp):
    gc.enable()
    guard = GuiThreadGarbageCollector()
    assert not gc.isenabled()
    guard.uninstall()
    assert gc.isenabled()
    guard.deleteLater()


def test_what_lives_with_the_window_is_frozen_out_of_collections(qapp):
    """freeze_long_lived: the objects alive then are no longer examined by collections
    (each full collection of them cost ~130 ms of the GUI thread); a closed crisis thaws
    them (GuiApp.close_crisis) so that its window's cycles are freed."""
    guard = GuiThreadGarbageCollector()
    try:
        survivor = Node()
        probe = weakref.ref(Node())  # garbage already: collected before freezing
        guard.freeze_long_lived()
        assert probe() is None
        assert gc.get_freeze_count() > 0
        assert not any(o is survivor for o in gc.get_objects())
        gc.unfreeze()
        assert any(o is survivor for o in gc.get_objects())
    finally:
        guard.freeze_long_lived()  # as the test session had it (tests/conftest.py)
        guard.uninstall()
        guard.deleteLater()
