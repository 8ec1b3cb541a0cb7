"""The review dialog: the cell writes its lessons learned (stored in the crisis file),
then exports the post-crisis review PDF in a worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from warroom import paths
from warroom.store import review as review_store

Index = QModelIndex | QPersistentModelIndex
SECTION_TITLES = {
    "went_well": "What went well",
    "to_improve": "What to improve",
    "action": "Action",
    "lesson": "Lesson",
}


class LessonsModel(QAbstractTableModel):
    HEADERS = ("Section", "Lesson", "By")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.rows: list[review_store.LessonRow] = []

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.HEADERS[section]) if 0 <= section < 3 else None
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        row = self.rows[index.row()]
        return (SECTION_TITLES.get(row.section, row.section), row.text, row.author)[index.column()]

    def set_rows(self, rows: list[review_store.LessonRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()


class ReviewDialog(QDialog):
    """Lessons learned + Export. Writes go through ``ctx.runner``."""

    def __init__(self, ctx, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Post-crisis review"))
        self.resize(720, 460)
        self.model = LessonsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("lessons")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().resizeSection(0, 130)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.section = QComboBox(self)
        self.section.setObjectName("lessonSection")
        for key, title in SECTION_TITLES.items():
            self.section.addItem(self.tr(title), key)
        self.text = QLineEdit(self)
        self.text.setObjectName("lessonText")
        self.text.setPlaceholderText(self.tr("What did the cell learn?"))
        self.text.returnPressed.connect(self._on_add_clicked)
        add = QPushButton(self.tr("Add"), self)
        add.setObjectName("addLesson")
        add.clicked.connect(self._on_add_clicked)
        remove = QPushButton(self.tr("Remove"), self)
        remove.setObjectName("removeLesson")
        remove.clicked.connect(self._on_remove_clicked)
        entry = QHBoxLayout()
        entry.addWidget(self.section)
        entry.addWidget(self.text, 1)
        entry.addWidget(add)
        entry.addWidget(remove)
        default = paths.data_dir() / f"{ctx.crisis.path.stem}-review.pdf"
        self.output = QLineEdit(str(default), self)
        self.output.setObjectName("reviewOutput")
        browse = QPushButton(self.tr("Browse…"), self)
        browse.clicked.connect(self._on_browse_clicked)
        self.export_button = QPushButton(self.tr("Export PDF"), self)
        self.export_button.setObjectName("exportReview")
        self.export_button.clicked.connect(self.export)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel(self)
        self.status.setObjectName("reviewStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        out = QHBoxLayout()
        out.addWidget(QLabel(self.tr("PDF")))
        out.addWidget(self.output, 1)
        out.addWidget(browse)
        out.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Lessons learned (stored in the crisis file)")))
        layout.addWidget(self.table, 1)
        layout.addLayout(entry)
        layout.addLayout(out)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # Enter in the lesson line adds it, once
        self._load()

    def _load(self) -> None:
        self._ctx.runner.run_query(review_store.lessons, on_success=self.model.set_rows)

    def _on_add_clicked(self) -> None:
        text = self.text.text().strip()
        if not text:
            return
        db, section, who = self._ctx.crisis.db, self.section.currentData(), self._ctx.operator
        self._ctx.runner.run_write(
            lambda: review_store.add_lesson(db, section, text, who),
            changed={"crisis"},
            on_success=self._on_lesson_added,
            on_failure=lambda exc: self.status.setText(str(exc)),
        )

    def _on_lesson_added(self, _ident) -> None:
        self.text.clear()
        self._load()

    def _on_remove_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        ident = self.model.rows[rows[0].row()].id
        db = self._ctx.crisis.db
        self._ctx.runner.run_write(
            lambda: review_store.delete_lesson(db, ident),
            changed={"crisis"},
            on_success=lambda _r: self._load(),
        )

    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the review"), self.output.text(), self.tr("PDF (*.pdf)")
        )
        if path:
            self.output.setText(path)

    def export(self) -> None:
        target = Path(self.output.text().strip())
        if not target.parent.is_dir():
            self.status.setText(self.tr("No such folder: %1").replace("%1", str(target.parent)))
            return
        db, operator = self._ctx.crisis.db, self._ctx.operator

        def work(state):
            from warroom.analysis.review import build_review
            from warroom.report.review_pdf import write_review

            state.set_status("collecting figures")
            data = build_review(db, operator)
            state.set_status("writing the PDF")
            return write_review(data, target)

        self.export_button.setEnabled(False)
        self.progress.show()
        self._ctx.runner.run_long(work, on_success=self._on_exported, on_failure=self._on_failed)

    def _on_exported(self, path) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Review written to %1").replace("%1", str(path)))

    def _on_failed(self, exc: Exception) -> None:
        self.progress.hide()
        self.export_button.setEnabled(True)
        self.status.setText(self.tr("Export failed: %1").replace("%1", str(exc)))
