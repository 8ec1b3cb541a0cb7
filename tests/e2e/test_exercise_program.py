"""`warroom scenario play CRISIS SCENARIO` without --headless: the real program opens the
window with the exercise running, and the injects reach the crisis file."""

import json
import os
import sqlite3
import subprocess
import sys
import time

from tests.helpers.scenarios import mini, write


def posts_in(path):
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM post").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_scenario_play_opens_the_window_and_plays(tmp_path):
    doc = mini()
    for inject in doc["injects"]:
        inject["at"] = int(inject["at"][1:3]) * 60 + int(inject["at"][4:6])
    doc["injects"][1]["duration"] = 30
    scenario = write(tmp_path / "fast.json", doc)
    target = tmp_path / "exercise.warroom"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "warroom",
            "scenario",
            "play",
            str(target),
            str(scenario),
            "--speed",
            "100",
            "--operator",
            "E2E",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 40
        while time.monotonic() < deadline and posts_in(target) < 40:
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.3)
        assert posts_in(target) >= 40
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    stats = subprocess.run(
        [sys.executable, "-m", "warroom", "stats", str(target), "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(stats.stdout)["crisis"]["exercise"] is True
