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
        self._as_of = None
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("Logbook")

    def item_count(self) -> int:
        return self.visible_count()

    def visible_count(self) -> int:
        """Entries shown: all of them live, those recorded by the replay instant otherwise."""
        rows = range(self.model.rowCount())
        return sum(1 for row in rows if not self.table.isRowHidden(row))

    def refresh(self) -> None:
        arrived = self.model.load_new()
        self._apply_as_of()
        if arrived and self._as_of is None:
            self.table.scrollToBottom()

    def _apply_as_of(self) -> None:
        """Replay: hide the entries whose event happened after the cursor."""
        as_of = self._as_of
        for row in range(self.model.rowCount()):
            hidden = as_of is not None and self.model.entry_at(row).event_time > as_of
            if self.table.isRowHidden(row) != hidden:
                self.table.setRowHidden(row, hidden)
        if as_of is None:
            self.summary.setText(self.tr("%n entries — newest last", "", self.model.rowCount()))
        else:
            stamp = as_of.astimezone(self._ctx.tz).strftime("%d/%m %H:%M")
            self.summary.setText(
                self.tr("Replay at %1: %n entries", "", self.visible_count()).replace("%1", stamp)
            )

    def _on_navigator_as_of_changed(self, when) -> None:
        self._as_of = when
        self._apply_as_of()

    def _on_changes_changed(self, topics: frozenset) -> None:
        if "logbook" in topics:
            self.refresh()
