"""The CSV column-mapping dialog: which column holds each field; presets load and save."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.enums import Channel
from warroom.ingest.csvmap import CsvMapping
from warroom.ingest.records import FIELDS
from warroom.store.csv_presets import save_preset
from warroom.store.errors import StoreError
from warroom.ui.guard import alive

REQUIRED_HINT = (
    "created_at and author are required, and text (or repost_of); channel or a fixed channel."
)


def read_header(path: Path) -> list[str]:
    """The first row of a CSV file (read in the GUI thread: one line only)."""
    with path.open("rb") as handle:
        first = handle.readline(1_000_000)
    text = first.decode("utf-8-sig", errors="replace")
    return next(csv.reader([text]), [])


class CsvMappingDialog(QDialog):
    """Signals: none. After exec(), :meth:`mapping` is the chosen CsvMapping."""

    def __init__(
        self,
        ctx,
        header: list[str],
        presets: dict[str, CsvMapping],
        current: CsvMapping | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._presets = dict(presets)
        self.setWindowTitle(self.tr("CSV column mapping"))
        self.setObjectName("csvMappingDialog")
        self.resize(520, 560)
        self.preset = QComboBox(self)
        self.preset.setObjectName("mappingPreset")
        self.preset.addItem(self.tr("(choose a preset)"), "")
        for name in sorted(self._presets):
            self.preset.addItem(name, name)
        self.preset.currentIndexChanged.connect(self._on_preset_changed)
        self.fixed_channel = QComboBox(self)
        self.fixed_channel.setObjectName("mappingChannel")
        self.fixed_channel.addItem(self.tr("from the channel column"), "")
        for channel in Channel:
            self.fixed_channel.addItem(channel.value, channel.value)
        self.boxes: dict[str, QComboBox] = {}
        form = QFormLayout()
        form.addRow(self.tr("Preset"), self.preset)
        form.addRow(self.tr("Fixed channel"), self.fixed_channel)
        for name in FIELDS:
            box = QComboBox(self)
            box.setObjectName(f"map_{name}")
            box.addItem(self.tr("(none)"), "")
            for column in header:
                box.addItem(column[:60], column)
            self.boxes[name] = box
            form.addRow(name, box)
        inner = QWidget(self)
        inner.setLayout(form)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        self.preset_name = QLineEdit(self)
        self.preset_name.setObjectName("presetName")
        self.preset_name.setPlaceholderText(self.tr("name of a new preset"))
        save = QPushButton(self.tr("Save as preset"), self)
        save.setObjectName("savePreset")
        save.clicked.connect(self._on_save_clicked)
        saving = QHBoxLayout()
        saving.addWidget(self.preset_name, 1)
        saving.addWidget(save)
        self.message = QLabel(self.tr(REQUIRED_HINT), self)
        self.message.setObjectName("mappingMessage")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(saving)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        if current is not None:
            self.apply(current)

    def apply(self, mapping: CsvMapping) -> None:
        for name, box in self.boxes.items():
            column = mapping.columns.get(name, "")
            index = next(
                (
                    i
                    for i in range(box.count())
                    if str(box.itemData(i)).strip().lower() == column.strip().lower()
                ),
                0,
            )
            box.setCurrentIndex(index if column else 0)
        self.fixed_channel.setCurrentIndex(max(0, self.fixed_channel.findData(mapping.channel)))

    def mapping(self, name: str = "custom") -> CsvMapping:
        columns = {f: str(b.currentData()) for f, b in self.boxes.items() if b.currentData()}
        return CsvMapping(name, columns, str(self.fixed_channel.currentData() or ""))

    def problem(self) -> str | None:
        mapping = self.mapping()
        missing = [f for f in ("created_at", "author") if f not in mapping.columns]
        if "text" not in mapping.columns and "repost_of" not in mapping.columns:
            missing.append("text")
        if "channel" not in mapping.columns and not mapping.channel:
            missing.append("channel")
        if missing:
            return self.tr("Choose a column for: %1").replace("%1", ", ".join(missing))
        return None

    def _on_preset_changed(self) -> None:
        name = self.preset.currentData()
        if name:
            self.apply(self._presets[name])

    def _on_save_clicked(self) -> None:
        name = self.preset_name.text().strip()
        if not name:
            self.message.setText(self.tr("Enter a name for the preset."))
            return
        mapping = self.mapping(name)
        db = self._ctx.crisis.db
        self._ctx.runner.run_write(
            lambda: save_preset(db, name, mapping.to_json()),
            changed={"settings"},
            on_success=alive(self, lambda _r: self._on_saved(mapping)),
            on_failure=alive(self, self._on_save_failed),
        )

    def _on_saved(self, mapping: CsvMapping) -> None:
        self._presets[mapping.name] = mapping
        if self.preset.findData(mapping.name) < 0:
            self.preset.addItem(mapping.name, mapping.name)
        self.message.setText(self.tr("Preset %1 saved.").replace("%1", mapping.name))

    def _on_save_failed(self, exc: Exception) -> None:
        text = str(exc) if isinstance(exc, StoreError) else repr(exc)
        self.message.setText(self.tr("Not saved: %1").replace("%1", text))

    def _on_buttons_accepted(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        self.accept()
