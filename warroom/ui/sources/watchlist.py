"""The watchlist editor: keywords, hashtags, accounts and exclusions of the crisis."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from warroom.domain.enums import Channel
from warroom.domain.watchlist import KINDS
from warroom.store import watch
from warroom.store.errors import StoreError
from warroom.ui.context import AppContext
from warroom.ui.guard import alive
from warroom.ui.sources.models import WatchTableModel

HELP = (
    'Keywords: every word must appear ("quotes" for an exact phrase); accents and case '
    "do not matter. Hashtags without #. Accounts: posts by or mentioning the handle are "
    "caught even without a keyword. Exclusions drop matching posts, except a watched "
    "account's own. Each stored post records the terms it matched."
)


class WatchlistDialog(QDialog):
    """Edits the watch table through the writer thread; refreshes on "settings" changes."""

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.setWindowTitle(self.tr("Watchlist"))
        self.setObjectName("watchlistDialog")
        self.resize(560, 440)
        self.model = WatchTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("watchTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.kind = QComboBox(self)
        self.kind.setObjectName("watchKind")
        for kind in KINDS:
            self.kind.addItem(self.tr(kind), kind)
        self.term = QLineEdit(self)
        self.term.setObjectName("watchTerm")
        self.term.setPlaceholderText(self.tr("term, #hashtag or @account"))
        self.term.returnPressed.connect(self._on_add_clicked)
        self.channel = QComboBox(self)
        self.channel.setObjectName("watchChannel")
        self.channel.addItem(self.tr("all channels"), "")
        for channel in Channel:
            self.channel.addItem(channel.value, channel.value)
        add = QPushButton(self.tr("&Add"), self)
        add.setObjectName("watchAdd")
        add.clicked.connect(self._on_add_clicked)
        self.remove = QPushButton(self.tr("&Remove"), self)
        self.remove.setObjectName("watchRemove")
        self.remove.clicked.connect(self._on_remove_clicked)
        self.message = QLabel(self)
        self.message.setObjectName("watchMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        explain = QLabel(self.tr(HELP), self)
        explain.setWordWrap(True)
        explain.setStyleSheet("color: #5b6b85;")
        entry = QHBoxLayout()
        entry.addWidget(self.kind)
        entry.addWidget(self.term, 1)
        entry.addWidget(self.channel)
        entry.addWidget(add)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.addButton(self.remove, QDialogButtonBox.ButtonRole.ActionRole)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addLayout(entry)
        layout.addWidget(self.message)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        ctx.changes.changed.connect(self._on_changes_changed)
        self.refresh()

    def refresh(self) -> None:
        self._ctx.runner.run_query(watch.list_watches, on_success=alive(self, self.model.set_rows))

    def _on_changes_changed(self, topics: frozenset) -> None:
        if "settings" in topics:
            self.refresh()

    def _on_add_clicked(self) -> None:
        kind, term = str(self.kind.currentData()), self.term.text()
        channel = str(self.channel.currentData() or "")
        text = term.strip()
        if kind == "keyword" and text.startswith(("#", "@")):
            kind = "hashtag" if text.startswith("#") else "account"
        db = self._ctx.crisis.db
        self._ctx.runner.run_write(
            lambda: watch.add_watch(db, kind, text, channel),
            changed={"settings"},
            on_success=alive(self, self._on_added),
            on_failure=alive(self, self._on_failed),
        )

    def _on_added(self, row) -> None:
        self.term.clear()
        self.message.setText(self.tr("Added %1 %2").replace("%1", row.kind).replace("%2", row.term))

    def _on_failed(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, StoreError) else repr(exc)
        self.message.setText(self.tr("Not saved: %1").replace("%1", message))

    def _on_remove_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_at(rows[0].row()) if rows else None
        if row is None:
            self.message.setText(self.tr("Select a term to remove."))
            return
        db = self._ctx.crisis.db
        self._ctx.runner.run_write(
            lambda: watch.remove_watch(db, row.id),
            changed={"settings"},
            on_failure=alive(self, self._on_failed),
        )
