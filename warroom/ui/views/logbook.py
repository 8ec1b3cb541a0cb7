"""The Logbook view: the main courante, newest last, with its integrity indicator."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout

from warroom.store import logbook
from warroom.ui.context import AppContext
from warroom.ui.models.logbook_model import LogbookModel
from warroom.ui.views.base import View


class LogbookView(View):
    view_name = "logbook"

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        db = ctx.crisis.db
        self.model = LogbookModel(
            lambda after, limit: logbook.entries(db, after, limit), ctx.tz, self
        )
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setObjectName("logbookTable")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        vertical = self.table.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vertical.setDefaultSectionSize(24)
        vertical.hide()
        header = self.table.horizontalHeader()
        for column, width in enumerate((44, 120, 140, 150, 130)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        ctx.changes.changed.connect(self._on_changes_changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("Logbook")

    def item_count(self) -> int:
        return self.model.rowCount()

    def refresh(self) -> None:
        arrived = self.model.load_new()
        self.summary.setText(self.tr("%n entries — newest last", "", self.model.rowCount()))
        if arrived:
            self.table.scrollToBottom()

    def _on_changes_changed(self, topics: frozenset) -> None:
        if "logbook" in topics:
            self.refresh()
