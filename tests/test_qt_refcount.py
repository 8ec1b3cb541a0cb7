"""Guard against a Qt binding that leaks references on every signal emission.

PySide6 6.12.0 drops a reference to ``True`` on every ``Signal.emit()``. On Python 3.11
(where ``True`` is not immortal) the process aborts with "bool_dealloc" once the count
reaches zero: after a few thousand background tasks, i.e. within hours of a live crisis.
pyproject excludes that release; this test fails if such a binding comes back.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Source(QObject):
    fired = Signal(object)


def test_emitting_signals_does_not_leak_references_to_true(qapp):
    source = _Source()
    received = []
    source.fired.connect(received.append)
    before = sys.getrefcount(True), sys.getrefcount(False)
    for index in range(200):
        source.fired.emit(index)
    after = sys.getrefcount(True), sys.getrefcount(False)
    assert len(received) == 200
    assert abs(after[0] - before[0]) < 20, f"True refcount {before[0]} → {after[0]}"
    assert abs(after[1] - before[1]) < 20, f"False refcount {before[1]} → {after[1]}"
