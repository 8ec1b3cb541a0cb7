"""The real program, started as a user would start it."""

import json
import os
import subprocess
import sys
import time

import pytest

from tests.helpers.demo import demo_post_count


def warroom(*args, env=None, timeout=60):
    return subprocess.run(
        [sys.executable, "-m", "warroom", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_cli_end_to_end(tmp_path):
    path = tmp_path / "e2e.warroom"
    assert warroom("new", path, "--name", "E2E").returncode == 0
    assert warroom("log", path, "Point de situation n°1").returncode == 0
    result = warroom("stats", path, "--json")
    assert json.loads(result.stdout)["log_entries"] == 1
    bad = warroom("verify", tmp_path / "absent.warroom")
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_demo_window_starts_and_stays_up():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "warroom", "--demo", "--operator", "E2E"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        data_dir = os.environ["WARROOM_DATA_DIR"]
        demo_file = os.path.join(data_dir, "demo.warroom")
        while time.monotonic() < deadline and not os.path.exists(demo_file):
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.2)
        time.sleep(2)
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    result = warroom("stats", demo_file, "--json")
    assert json.loads(result.stdout)["posts"]["total"] == demo_post_count()


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(flag):
    result = warroom(flag)
    assert result.returncode == 0 and "screenshot" in result.stdout


@pytest.fixture
def xvfb_display():
    """A real X server on a virtual screen (Debian's xvfb, installed by .ci/run)."""
    import shutil

    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb is not installed (sudo apt-get install xvfb)")
    for number in range(90, 120):
        if not os.path.exists(f"/tmp/.X11-unix/X{number}") and not os.path.exists(
            f"/tmp/.X{number}-lock"
        ):
            break
    server = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while not os.path.exists(f"/tmp/.X11-unix/X{number}"):
        assert server.poll() is None and time.monotonic() < deadline, "Xvfb did not start"
        time.sleep(0.1)
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


def test_demo_in_a_real_x11_window(xvfb_display):
    env = {key: value for key, value in os.environ.items() if key != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=xvfb_display, QT_QPA_PLATFORM="xcb")
    proc = subprocess.Popen(
        [sys.executable, "-m", "warroom", "--demo", "--operator", "X11"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        time.sleep(5)
        assert proc.poll() is None, proc.communicate()
    finally:
        proc.terminate()
        _out, err = proc.communicate(timeout=10)
    assert "could not load the Qt platform plugin" not in err
