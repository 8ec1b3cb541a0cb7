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
