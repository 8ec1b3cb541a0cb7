"""File → Import: progress bar, Cancel, bad-line report, CSV mapping with presets."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.ingest.conftest import in_modal
from warroom.store.csv_presets import load_presets
from warroom.store.models import Post
from warroom.ui.dialogs.import_file import ImportDialog
from warroom.ui.dialogs.import_mapping import CsvMappingDialog, read_header


def _jsonl(path, count, bad_every=0):
    with path.open("w", encoding="utf-8") as handle:
        for i in range(1, count + 1):
            if bad_every and i % bad_every == 0:
                handle.write("{broken\n")
                continue
            record = {
                "channel": "facebook",
                "id": str(i),
                "created_at": 1615333620 + i,
                "text": f"Post numéro {i} sur l'incendie",
                "author": f"u{i % 50}",
            }
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _dialog(qtbot, ctx, path):
    dialog = ImportDialog(ctx, path=str(path))
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_import_shows_progress_and_reports_bad_lines(qtbot, ingest_ctx, tmp_path):
    path = tmp_path / "posts.jsonl"
    _jsonl(path, 3000, bad_every=1000)
    dialog = _dialog(qtbot, ingest_ctx, path)
    with qtbot.waitSignal(ingest_ctx.changes.changed, timeout=20_000):
        qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.progress.value() == 1000
    report = dialog.report.toPlainText().splitlines()
    assert report[0] == "posts.jsonl: 2997 new, 0 duplicate, 3 rejected (3000 lines)"
    assert report[1].startswith("line 1000: not valid JSON")
    assert Post.select().count() == 2997


def test_cancel_keeps_what_was_stored_and_reimport_completes(qtbot, ingest_ctx, tmp_path):
    path = tmp_path / "big.jsonl"
    _jsonl(path, 12_000)
    dialog = _dialog(qtbot, ingest_ctx, path)
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.value() > 0, timeout=20_000)
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.running, timeout=20_000)
    assert dialog.status.text() == "Cancelled."
    stored = Post.select().count()
    assert 0 < stored < 12_000
    assert "Cancelled: the posts stored so far are kept" in dialog.report.toPlainText()
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not dialog.running and dialog.status.text() == "Import finished.", timeout=60_000
    )
    assert Post.select().count() == 12_000
    assert f"{12_000 - stored} new, {stored} duplicate" in dialog.report.toPlainText()


def test_missing_file_is_explained(qtbot, ingest_ctx, tmp_path):
    dialog = _dialog(qtbot, ingest_ctx, tmp_path / "nothing.csv")
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    assert dialog.status.text() == "Choose a file to import."


def test_csv_mapping_dialog_maps_saves_a_preset_and_imports(qtbot, ingest_ctx, tmp_path):
    path = tmp_path / "listening.csv"
    path.write_text(
        "When,Who,Body,Link,Network\n"
        "2021-03-10 08:00:00,cm_hexa,Nous suivons la situation,https://x.example/1,twitter\n"
        "2021-03-10 08:01:00,press,Article,https://x.example/2,news\n",
        encoding="utf-8",
    )
    dialog = _dialog(qtbot, ingest_ctx, path)
    assert dialog.mapping_button.isEnabled()

    def map_columns(mapping_dialog: CsvMappingDialog):
        assert mapping_dialog.problem() is not None
        for field, column in (
            ("created_at", "When"),
            ("author", "Who"),
            ("text", "Body"),
            ("url", "Link"),
            ("channel", "Network"),
        ):
            box = mapping_dialog.boxes[field]
            box.setCurrentIndex(box.findData(column))
        qtbot.keyClicks(mapping_dialog.preset_name, "Our tool")
        save = mapping_dialog.findChild(QPushButton, "savePreset")
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: "saved" in mapping_dialog.message.text())
        mapping_dialog.accept()

    in_modal(map_columns)
    qtbot.mouseClick(dialog.mapping_button, Qt.MouseButton.LeftButton)
    assert dialog.mapping_label.text() == "5 columns mapped"
    assert load_presets()["Our tool"]["columns"]["author"] == "Who"
    qtbot.mouseClick(dialog.start_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(
        lambda: not dialog.running and "new" in dialog.report.toPlainText(), timeout=10_000
    )
    assert {p.channel for p in Post.select()} == {"twitter", "press"}


def test_mapping_dialog_applies_a_builtin_preset(qtbot, ingest_ctx, tmp_path):
    from warroom.ingest.csvmap import BUILTIN_PRESETS

    path = tmp_path / "li.csv"
    path.write_text("Date,Author,Content,Post URL,Reactions\n", encoding="utf-8")
    header = read_header(path)
    dialog = CsvMappingDialog(ingest_ctx, header, dict(BUILTIN_PRESETS))
    qtbot.addWidget(dialog)
    dialog.preset.setCurrentIndex(dialog.preset.findData("linkedin"))
    mapping = dialog.mapping()
    assert mapping.channel == "linkedin"
    assert mapping.columns == {
        "id": "Post URL",
        "created_at": "Date",
        "text": "Content",
        "author": "Author",
        "url": "Post URL",
        "likes": "Reactions",
    }
    assert dialog.problem() is None
