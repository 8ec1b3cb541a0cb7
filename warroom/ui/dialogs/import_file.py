"""File → Import posts: JSONL, JSON or CSV, with a progress bar and a Cancel button.

The import runs on the writer thread (``run_long``); the dialog stays responsive and a
cancelled import keeps what it stored (a re-import skips it).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from warroom.domain.enums import Channel
from warroom.ingest.csvmap import BUILTIN_PRESETS, CsvMapping
from warroom.ingest.fileimport import FORMATS, ImportError_, ImportReport, import_file
from warroom.ingest.pipeline import DEFAULT_ENRICHERS
from warroom.ingest.presets import all_presets
from warroom.store.errors import StoreError
from warroom.ui.dialogs.import_mapping import CsvMappingDialog, read_header
from warroom.ui.guard import alive

SHOWN_ERRORS = 200


def describe(report: ImportReport) -> str:
    lines = [
        f"{Path(report.path).name}: {report.new} new, {report.duplicate} duplicate, "
        f"{report.rejected + report.error_count} rejected ({report.lines} lines)"
        + (f", mapping {report.mapping}" if report.mapping else "")
    ]
    if report.cancelled:
        lines.append("Cancelled: the posts stored so far are kept; import again to continue.")
    lines += [f"line {n}: {m}" for n, m in report.errors[:SHOWN_ERRORS]]
    if report.error_count > len(report.errors):
        lines.append(f"… and {report.error_count - len(report.errors)} more bad lines")
    lines += [f"line {n}: warning: {m}" for n, m in report.warnings[:SHOWN_ERRORS]]
    return "\n".join(lines)


class ImportDialog(QDialog):
    """Choose a file, its format, channel and CSV mapping; import with progress and cancel."""

    def __init__(self, ctx, parent=None, path: str = "") -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._task = None
        self._mapping: CsvMapping | None = None
        self._presets: dict[str, CsvMapping] = dict(BUILTIN_PRESETS)
        self.setWindowTitle(self.tr("Import posts"))
        self.setObjectName("importDialog")
        self.resize(640, 460)
        self.path = QLineEdit(path, self)
        self.path.setObjectName("importPath")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.format = QComboBox(self)
        self.format.setObjectName("importFormat")
        for fmt in FORMATS:
            self.format.addItem(fmt, fmt)
        self.channel = QComboBox(self)
        self.channel.setObjectName("importChannel")
        self.channel.addItem(self.tr("as in the file"), "")
        for channel in Channel:
            self.channel.addItem(channel.value, channel.value)
        self.mapping_button = QPushButton(self.tr("Column mapping…"), self)
        self.mapping_button.setObjectName("mappingButton")
        self.mapping_button.clicked.connect(self._on_mapping_clicked)
        self.mapping_label = QLabel(self.tr("guessed from the header"), self)
        self.mapping_label.setObjectName("mappingLabel")
        mapping_row = QHBoxLayout()
        mapping_row.addWidget(self.mapping_label, 1)
        mapping_row.addWidget(self.mapping_button)
        form = QFormLayout()
        form.addRow(self.tr("File"), row)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.tr("CSV columns"), mapping_row)
        self.progress = QProgressBar(self)
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 1000)
        self.progress.setValue(0)
        self.status = QLabel(self)
        self.status.setObjectName("importStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        self.report = QPlainTextEdit(self)
        self.report.setObjectName("importReport")
        self.report.setReadOnly(True)
        self.report.setPlaceholderText(self.tr("Bad lines are listed here with their numbers."))
        self.start_button = QPushButton(self.tr("&Import"), self)
        self.start_button.setObjectName("importStart")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start_clicked)
        self.cancel_button = QPushButton(self.tr("&Cancel"), self)
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.clicked.connect(self._on_cancel_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.report, 1)
        layout.addLayout(buttons)
        self.format.currentIndexChanged.connect(self._on_format_changed)
        self.path.textChanged.connect(self._on_format_changed)
        self._on_format_changed()
        ctx.runner.run_query(all_presets, on_success=alive(self, self._on_presets_loaded))

    @property
    def running(self) -> bool:
        return self._task is not None

    def _is_csv(self) -> bool:
        fmt = self.format.currentData()
        suffix = Path(self.path.text().strip()).suffix.lower()
        return fmt == "csv" or (fmt == "auto" and suffix in (".csv", ".tsv"))

    def _on_format_changed(self) -> None:
        self.mapping_button.setEnabled(self._is_csv())

    def _on_presets_loaded(self, presets: dict) -> None:
        self._presets = presets

    def _on_browse_clicked(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import posts"),
            self.path.text(),
            self.tr("Posts (*.jsonl *.ndjson *.json *.csv *.tsv);;All files (*)"),
        )
        if chosen:
            self.path.setText(chosen)

    def _on_mapping_clicked(self) -> None:
        path = Path(self.path.text().strip())
        try:
            header = read_header(path)
        except OSError as exc:
            self.status.setText(
                self.tr("Cannot read %1: %2")
                .replace("%1", str(path))
                .replace("%2", exc.strerror or "")
            )
            return
        dialog = CsvMappingDialog(self._ctx, header, self._presets, self._mapping, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.set_mapping(dialog.mapping())

    def set_mapping(self, mapping: CsvMapping) -> None:
        self._mapping = mapping
        self.mapping_label.setText(
            self.tr("%1 columns mapped").replace("%1", str(len(mapping.columns)))
        )

    def start(self) -> None:
        self._on_start_clicked()

    def _on_start_clicked(self) -> None:
        if self.running:
            return
        path = Path(self.path.text().strip())
        if not path.is_file():
            self.status.setText(self.tr("Choose a file to import."))
            return
        fmt = str(self.format.currentData())
        channel = str(self.channel.currentData() or "") or None
        mapping, presets = self._mapping, self._presets
        enrichers = getattr(self._ctx, "enrichers", None) or DEFAULT_ENRICHERS
        db = self._ctx.crisis.db

        def work(state) -> ImportReport:
            return import_file(
                db,
                path,
                fmt,
                channel=channel,
                mapping=mapping,
                presets=presets,
                enrichers=enrichers,
                progress=lambda done, total: state.set_progress(done * 1000 // total, 1000),
                cancelled=lambda: state.cancelled,
            )

        self.report.clear()
        self.progress.setValue(0)
        self.status.setText(self.tr("Importing %1…").replace("%1", path.name))
        self.start_button.setEnabled(False)
        task = self._ctx.runner.run_long(
            work,
            on_success=alive(self, self._on_finished),
            on_failure=alive(self, self._on_failed),
            writes={"posts", "authors"},
        )
        task.emitter.progress.connect(self._on_progress)
        self._task = task

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setValue(min(done, total))

    def _on_finished(self, report: ImportReport) -> None:
        self._task = None
        self.start_button.setEnabled(True)
        self.progress.setValue(1000 if not report.cancelled else self.progress.value())
        self.status.setText(
            self.tr("Cancelled.") if report.cancelled else self.tr("Import finished.")
        )
        self.report.setPlainText(describe(report))
        self.cancel_button.setText(self.tr("&Close"))

    def _on_failed(self, exc: Exception) -> None:
        self._task = None
        self.start_button.setEnabled(True)
        text = str(exc) if isinstance(exc, ImportError_ | StoreError | OSError) else repr(exc)
        self.status.setText(self.tr("Not imported: %1").replace("%1", text))

    def _on_cancel_clicked(self) -> None:
        if self._task is not None:
            self._task.cancel()
            self.status.setText(self.tr("Cancelling… (the posts stored so far are kept)"))
            return
        self.reject()

    def reject(self) -> None:
        if self._task is not None:
            self._task.cancel()
            return
        super().reject()
