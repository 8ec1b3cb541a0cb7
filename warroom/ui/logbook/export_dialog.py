"""File → Export: the logbook as PDF, CSV, JSON or an evidence bundle, written by a
background job with progress and Cancel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QDateTime, Qt, QTimeZone, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from warroom import paths
from warroom.domain.enums import LogCategory
from warroom.domain.logbook_rules import LogFilter
from warroom.report import logbook_export, logbook_pdf
from warroom.report.logbook_data import collect, file_stem
from warroom.tasks import Task
from warroom.ui.context import AppContext
from warroom.ui.guard import alive

WRITERS = {
    "pdf": (logbook_pdf.write_pdf, ".pdf", "PDF document (*.pdf)"),
    "bundle": (logbook_export.write_bundle, ".zip", "Evidence bundle (*.zip)"),
    "json": (
        lambda export, path, *_: logbook_export.write_json(export, path),
        ".json",
        "JSON (*.json)",
    ),
    "csv": (lambda export, path, *_: logbook_export.write_csv(export, path), ".csv", "CSV (*.csv)"),
}
LABELS = {
    "pdf": "Logbook — PDF document",
    "bundle": "Logbook — evidence bundle (PDF + JSON + SHA-256 manifest)",
    "json": "Logbook — JSON",
    "csv": "Logbook — CSV",
}


def run_export(db, flt: LogFilter, operator: str, fmt: str, path: Path, state) -> str:
    """The background job (plain inputs, plain result)."""
    state.set_status("reading the logbook")
    export = collect(
        db, flt, operator, progress=lambda done, total: state.set_progress(done // 4, total)
    )
    state.set_status("writing")
    writer = WRITERS[fmt][0]
    writer(
        export,
        path,
        lambda done, total: state.set_progress(total // 4 + done * 3 // 4, total),
        lambda: state.cancelled,
    )
    return str(path)


class ExportDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle(self.tr("Export"))
        self._ctx = ctx
        self._task: Task | None = None
        self.format = QComboBox(self)
        self.format.setObjectName("exportFormat")
        for key, label in LABELS.items():
            self.format.addItem(self.tr(label), key)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        zone = QTimeZone(ctx.tz.key.encode())
        now = QDateTime.fromSecsSinceEpoch(int(datetime.now(UTC).timestamp()), zone)
        opened = QDateTime.fromSecsSinceEpoch(int(ctx.info.opened_at.timestamp()), zone)
        self.since_box, self.since = self._when(self.tr("from"), opened, zone)
        self.until_box, self.until = self._when(self.tr("until"), now.addSecs(60), zone)
        self.categories: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        for index, category in enumerate(LogCategory):
            box = QCheckBox(self.tr(category.value), self)
            box.setChecked(True)
            self.categories[category.value] = box
            grid.addWidget(box, index // 4, index % 4)
        self.path = QLineEdit(self)
        self.path.setObjectName("exportPath")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path, 1)
        path_row.addWidget(browse)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("exportProgress")
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("exportStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.export_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.export_button.setText(self.tr("Export"))
        self.open_button = self.buttons.addButton(
            self.tr("Show file"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.open_button.setObjectName("exportShow")
        self.open_button.hide()
        self.open_button.clicked.connect(self._on_open_clicked)
        self.buttons.accepted.connect(self._on_export_clicked)
        self.buttons.rejected.connect(self._on_cancel_clicked)
        form = QFormLayout()
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Period (event time)"), self._row(self.since_box, self.since))
        form.addRow("", self._row(self.until_box, self.until))
        form.addRow(self.tr("Categories"), grid)
        form.addRow(self.tr("File"), path_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self._on_format_changed()

    def _when(self, label: str, value: QDateTime, zone: QTimeZone):
        box = QCheckBox(label, self)
        edit = QDateTimeEdit(self)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        edit.setTimeZone(zone)
        edit.setDateTime(value)
        edit.setEnabled(False)
        box.toggled.connect(edit.setEnabled)
        return box, edit

    def _row(self, *widgets) -> QHBoxLayout:
        row = QHBoxLayout()
        for widget in widgets:
            row.addWidget(widget)
        row.addWidget(QLabel(self._ctx.tz.key, self))
        return row

    def _on_format_changed(self, *_args) -> None:
        fmt = self.format.currentData()
        suffix = WRITERS[fmt][1]
        current = self.path.text().strip()
        stem = file_stem(self._ctx.info.name, datetime.now(UTC))
        base = Path(current) if current else paths.data_dir() / stem
        self.path.setText(str(base.with_suffix(suffix)))

    def _on_browse_clicked(self) -> None:
        fmt = self.format.currentData()
        target, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export to"), self.path.text(), self.tr(WRITERS[fmt][2])
        )
        if target:
            self.path.setText(target)

    def selection(self) -> LogFilter:
        def moment(edit: QDateTimeEdit) -> datetime:
            return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)

        chosen = {name for name, box in self.categories.items() if box.isChecked()}
        return LogFilter(
            categories=frozenset(chosen) if len(chosen) < len(self.categories) else frozenset(),
            since=moment(self.since) if self.since_box.isChecked() else None,
            until=moment(self.until) + timedelta(seconds=0) if self.until_box.isChecked() else None,
        )

    def _on_export_clicked(self) -> None:
        path = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip() or path.is_dir() or not path.parent.is_dir():
            self.status.setText(self.tr("Choose a file name in an existing folder."))
            return
        if not any(box.isChecked() for box in self.categories.values()):
            self.status.setText(self.tr("Choose at least one category."))
            return
        flt, fmt = self.selection(), self.format.currentData()
        db, operator = self._ctx.crisis.db, self._ctx.operator
        self.export_button.setEnabled(False)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.status.setText(self.tr("Exporting…"))
        task = self._ctx.runner.run_long(
            lambda state: run_export(db, flt, operator, fmt, path, state),
            on_success=alive(self, self._on_export_done),
            on_failure=alive(self, self._on_export_failed),
        )
        task.emitter.progress.connect(self._on_task_progress)
        self._task = task

    def _on_task_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _on_export_done(self, path: str) -> None:
        self._task = None
        self.progress.setRange(0, 1)
        self.progress.setValue(1)
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Written: %1").replace("%1", path))
        self._written = path
        self.open_button.show()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))

    def _on_open_clicked(self) -> None:
        """Open the folder holding the export in the desktop's file manager."""
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self._written).parent)))

    def _on_export_failed(self, exc: Exception) -> None:
        self._task = None
        self.progress.hide()
        self.export_button.setEnabled(True)
        cancelled = isinstance(exc, logbook_pdf.Cancelled)
        self.status.setText(
            self.tr("Export cancelled; nothing was written.")
            if cancelled
            else self.tr("Export failed: %1").replace("%1", str(exc))
        )

    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status.setText(self.tr("Cancelling…"))
            return
        self.reject()
