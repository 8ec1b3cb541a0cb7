"""Guard against a Qt binding that corrupts reference counts on every signal emission.

PySide6 6.12.0 drops a reference to ``True`` on each ``Signal.emit()``: after a few
hundred emissions (a live feed makes thousands) Python aborts with "deallocating True".
pyproject excludes that version; this test fails fast if such a binding comes back.
"""

import sys

from PySide6.QtCore import QObject, Signal


class _Probe(QObject):
    fired = Signal()


def test_emit_keeps_reference_counts(qapp):
    probe = _Probe()
    probe.fired.connect(lambda: None)
    before = sys.getrefcount(True)
    for _ in range(50):
        probe.fired.emit()
    assert sys.getrefcount(True) >= before - 5
