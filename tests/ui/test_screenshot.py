"""`warroom screenshot` writes one non-blank PNG per view and a truthful views.json."""

import json

from PySide6.QtGui import QImage

from warroom.app import EXIT_OK, main
from warroom.store import logbook
from warroom.ui.views.registry import VIEW_SPECS


def distinct_colours(image: QImage) -> int:
    seen = set()
    for y in range(0, image.height(), 7):
        for x in range(0, image.width(), 7):
            seen.add(image.pixel(x, y))
    return len(seen)


def test_screenshot_renders_every_view(qapp, demo_crisis, tmp_path, capsys):
    entries = logbook.count(demo_crisis.db)
    demo_crisis.close()
    out = tmp_path / "shots"
    assert main(["screenshot", str(demo_crisis.path), "--out", str(out)]) == EXIT_OK
    described = json.loads((out / "views.json").read_text(encoding="utf-8"))
    names = [view["name"] for view in described["views"]]
    assert names == [spec.name for spec in VIEW_SPECS]
    for view in described["views"]:
        image = QImage(str(out / f"{view['name']}.png"))
        assert not image.isNull() and image.width() > 300 and image.height() > 200
        assert distinct_colours(image) >= 3, f"{view['name']} looks blank"
        assert view["title"]
    logbook_view = next(v for v in described["views"] if v["name"] == "logbook")
    assert logbook_view == {
        "name": "logbook",
        "title": "Logbook",
        "file": "logbook.png",
        "placeholder": False,
        "items": entries,
    }
    feed = next(v for v in described["views"] if v["name"] == "feed")
    assert feed["placeholder"] is False and feed["items"] == 420
    dashboard = next(v for v in described["views"] if v["name"] == "dashboard")
    assert dashboard["placeholder"] is False and dashboard["items"] == 9


def test_screenshot_as_of_replays_every_view_first(qapp, demo_crisis, tmp_path):
    import sqlite3

    from warroom.domain.timeutil import format_utc, parse_utc

    path = demo_crisis.path
    demo_crisis.close()
    conn = sqlite3.connect(path)
    times = sorted(parse_utc(at) for (at,) in conn.execute("SELECT created_at FROM post"))
    when = times[len(times) // 2].replace(second=0, microsecond=0)
    (posts,) = conn.execute(
        "SELECT count(*) FROM post WHERE created_at <= ?", (format_utc(when),)
    ).fetchone()
    (entries,) = conn.execute(
        "SELECT count(*) FROM log_entry WHERE event_time <= ?", (format_utc(when),)
    ).fetchone()
    conn.close()
    out = tmp_path / "replayed"
    stamp = when.strftime("%Y-%m-%dT%H:%MZ")
    assert main(["screenshot", str(path), "--out", str(out), "--as-of", stamp]) == EXIT_OK
    views = {v["name"]: v for v in json.loads((out / "views.json").read_text())["views"]}
    assert 0 < views["feed"]["items"] == posts < 420
    assert views["logbook"]["items"] == entries
    assert main(["screenshot", str(path), "--out", str(out), "--as-of", "yesterday"]) != EXIT_OK
