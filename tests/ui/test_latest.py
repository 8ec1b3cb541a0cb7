"""LatestRead: one read at a time, and only the newest answer is delivered."""

import threading

from PySide6.QtWidgets import QWidget

from warroom.ui.latest import LatestRead


def test_requests_made_during_a_read_collapse_into_the_newest(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    owner = QWidget()
    qtbot.addWidget(owner)
    reads = LatestRead(ctx.runner, owner)
    release = threading.Event()
    ran, delivered = [], []

    def read(n):
        def work():
            if n == 0:
                release.wait(5)  # the first read is slow
            ran.append(n)
            return n

        return work

    for n in range(6):  # the cursor moves six times while the first read runs
        reads.request(read(n), delivered.append)
    assert reads.busy
    release.set()
    qtbot.waitUntil(lambda: delivered == [5], timeout=5000)
    assert ran == [0, 5]  # 1 to 4 were never run; 0's answer was dropped
    assert not reads.busy
    reads.request(read(6), delivered.append)
    qtbot.waitUntil(lambda: delivered == [5, 6], timeout=5000)


def test_a_failed_read_still_lets_the_next_one_run(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    owner = QWidget()
    qtbot.addWidget(owner)
    reads = LatestRead(ctx.runner, owner)
    errors, delivered = [], []

    def boom():
        raise ValueError("no such instant")

    reads.request(boom, delivered.append, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=5000)
    reads.request(lambda: 42, delivered.append, errors.append)
    qtbot.waitUntil(lambda: delivered == [42], timeout=5000)
