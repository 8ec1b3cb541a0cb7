"""The first `warroom --demo`: the demo is built in a worker behind a progress dialog."""

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from warroom import paths
from warroom.store.models import Post
from warroom.ui.application import open_or_create_demo


def test_first_demo_start_shows_progress_and_keeps_the_gui_alive(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("WARROOM_DATA_DIR", str(tmp_path))
    assert not paths.demo_crisis_path().exists()
    seen = []
    beats = []

    def look() -> None:
        dialogs = [
            w
            for w in QApplication.topLevelWidgets()
            if isinstance(w, QProgressDialog) and w.isVisible()
        ]
        seen.append([d.labelText() for d in dialogs])

    QTimer.singleShot(300, look)
    heartbeat = QTimer()
    heartbeat.setInterval(50)
    heartbeat.timeout.connect(lambda: beats.append(1))
    heartbeat.start()
    crisis = open_or_create_demo()
    heartbeat.stop()
    try:
        assert seen and seen[0] and "demo crisis" in seen[0][0]
        assert len(beats) > 5  # the GUI thread kept running its event loop
        assert Post.select().count() > 5000
        assert not list(tmp_path.glob("*.creating*"))
    finally:
        crisis.close()
    reopened = open_or_create_demo()  # second start: opened, not rebuilt
    reopened.close()
