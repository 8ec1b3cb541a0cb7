"""Members: find authors, see which group they are in and why, and override it."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from warroom.store import stakeholder_members, stakeholder_rules
from warroom.store.errors import StoreError
from warroom.store.stakeholder_members import UNASSIGNED
from warroom.ui.guard import alive
from warroom.ui.stakeholders.rows_model import RowsModel

Index = QModelIndex | QPersistentModelIndex


class MembersModel(RowsModel):
    HEADERS = ("Handle", "Name", "Channel", "Kind", "Followers", "Posts", "Group")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            values = (
                f"@{row.handle}" + (" ✔" if row.verified else ""),
                " ".join(row.display_name.split())[:120],
                row.channel,
                row.kind,
                row.followers,
                row.posts,
                (row.group_name or self.tr("(none)")) + ("  🔒" if row.locked else ""),
            )
            return values[column]
        if role == Qt.ItemDataRole.ForegroundRole and column == 6 and row.locked:
            return QColor("#2f5fb3")
        if role == Qt.ItemDataRole.ToolTipRole and column == 6 and row.locked:
            return self.tr("Placed by an operator: rules leave this author here.")
        return None


class MembersDialog(QDialog):
    """Search authors; assign the selected ones to a group (locked) or back to the rules."""

    def __init__(self, ctx, groups, group_id: int | None = None, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("membersDialog")
        self.setWindowTitle(self.tr("Stakeholder members"))
        self.resize(860, 520)
        self._ctx = ctx
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search handle, name or profile…"))
        self.search.setClearButtonEnabled(True)
        self.filter = QComboBox()
        self.filter.addItem(self.tr("All groups"), None)
        self.filter.addItem(self.tr("(no group)"), UNASSIGNED)
        self.target = QComboBox()
        self.target.addItem(self.tr("(no group)"), None)
        for group in groups:
            self.filter.addItem(group.name, group.id)
            self.target.addItem(group.name, group.id)
        if group_id is not None:
            self.filter.setCurrentIndex(self.filter.findData(group_id))
        self.model = MembersModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.reason = QLabel()
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        self.assign_button = QPushButton(self.tr("Assign selected to"))
        self.assign_button.setObjectName("assignMembers")
        self.release_button = QPushButton(self.tr("Return to rules"))
        self.release_button.setObjectName("releaseMembers")
        top = QHBoxLayout()
        top.addWidget(self.search, 2)
        top.addWidget(self.filter, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.assign_button)
        bottom.addWidget(self.target, 1)
        bottom.addWidget(self.release_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.reason)
        layout.addLayout(bottom)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.reload)
        self.search.textChanged.connect(self._debounce.start)
        self.filter.currentIndexChanged.connect(self.reload)
        self.assign_button.clicked.connect(self._on_assign_clicked)
        self.release_button.clicked.connect(self._on_release_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.loaded = 0
        self.reload()

    def reload(self) -> None:
        db = self._ctx.crisis.db
        text, group = self.search.text(), self.filter.currentData()
        self._ctx.runner.run_query(
            lambda: stakeholder_members.search_members(db, text, group),
            on_success=alive(self, self._on_loaded),
            on_failure=alive(self, self._on_failed),
        )

    def _on_loaded(self, rows) -> None:
        self.model.set_rows(rows)
        self.loaded += 1
        self.reason.setText(self.tr("%n authors shown (most followed first)", "", len(rows)))

    def _on_failed(self, exc: Exception) -> None:
        self.reason.setText(str(exc) if isinstance(exc, StoreError) else repr(exc))

    def selected_ids(self) -> list[int]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.rows[r].id for r in sorted(rows)]

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            return
        author_id = self.model.rows[current.row()].id
        self._ctx.runner.run_query(
            lambda: stakeholder_rules.explain(author_id),
            on_success=alive(self, self._on_explained),
            on_failure=alive(self, self._on_failed),
        )

    def _on_explained(self, why: str) -> None:
        self.reason.setText(self.tr("Why: %1").replace("%1", why))

    def _write(self, func) -> None:
        self._ctx.runner.run_write(
            func,
            changed={"authors", "stakeholders", "logbook"},
            on_success=alive(self, lambda _n: self.reload()),
            on_failure=alive(self, self._on_failed),
        )

    def _on_assign_clicked(self) -> None:
        ids, group, db, who = self.selected_ids(), self.target.currentData(), None, None
        if not ids:
            self.reason.setText(self.tr("Select one or more authors first."))
            return
        db, who = self._ctx.crisis.db, self._ctx.operator
        self._write(lambda: stakeholder_rules.override_authors(db, ids, group, who))

    def _on_release_clicked(self) -> None:
        ids = self.selected_ids()
        if not ids:
            self.reason.setText(self.tr("Select one or more authors first."))
            return
        db, who = self._ctx.crisis.db, self._ctx.operator
        self._write(lambda: stakeholder_rules.release_authors(db, ids, who))
