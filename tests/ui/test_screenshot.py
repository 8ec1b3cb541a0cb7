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
