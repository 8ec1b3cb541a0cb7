"""The Qt binding must not corrupt reference counts: PySide6 6.12.0 decrements True's
reference count on every Python-side Signal.emit() (on Python 3.11 True is not immortal),
so a long session aborts with "Fatal Python error: bool_dealloc". pyproject excludes it."""

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    carrying = Signal(object)


def test_signal_emit_keeps_reference_counts():
    emitter = _Emitter()
    before = sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(200):
        emitter.plain.emit()
        emitter.carrying.emit(None)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert after == before
