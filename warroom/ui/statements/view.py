"""The Statements view: a board (kanban by status) and a list on the left, the editor on
the right. Loads through ``ctx.runner`` and refreshes on the "statements" topic.

It follows the replay cursor (``navigator.as_of_changed``): while a time is set it shows
the statements as they stood then, under a banner, and changes nothing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListView,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.enums import StatementStatus
from warroom.domain.statements import STATUS_LABELS
from warroom.domain.timeutil import utcnow
from warroom.store import statement_queries as queries
from warroom.store import statements as store
from warroom.ui.statements.card_delegate import CardDelegate
from warroom.ui.statements.dialogs import NewStatementDialog
from warroom.ui.statements.editor import StatementEditor
from warroom.ui.statements.models import IdRole, StatementTableModel, StatusColumnModel
from warroom.ui.statements.util import guarded, scrolled
from warroom.ui.views.base import View
from warroom.ui.widgets.replay_banner import ReplayBanner

BOARD_STATUSES = [s.value for s in StatementStatus]


class StatementsView(View):
    view_name = "statements"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._topics: list[str] = []
        self._editor_request = 0
        self._list_request = 0
        self._as_of = None  # the replay cursor (None: live)
        self._wanted: int | None = None  # the statement the operator chose last
        self.banner = ReplayBanner(ctx.tz, self.tr("the statements as they stood then"), self)
        self.model = StatementTableModel(ctx.tz, self)
        self.columns: dict[str, QListView] = {}
        self._headings: dict[str, QLabel] = {}
        self._cards = CardDelegate(self)
        self.new_button = QPushButton(self.tr("New statement…"), self)
        self.new_button.setObjectName("newStatement")
        self.new_button.clicked.connect(self._on_new_clicked)
        self.summary = QLabel(self)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_board(), self.tr("Board"))
        self.tabs.addTab(self._build_list(), self.tr("List"))
        self.editor = StatementEditor(ctx, self)
        self.editor.message.connect(self._on_editor_message)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.tabs)
        split.addWidget(scrolled(self.editor, self))
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._clock = QTimer(self)
        self._clock.setInterval(30_000)
        self._clock.timeout.connect(self._on_clock_timeout)
        self._clock.start()
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.show_item.connect(self._on_navigator_show_item)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.refresh()

    def _build_board(self) -> QWidget:
        board = QWidget(self)
        row = QHBoxLayout(board)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for status in BOARD_STATUSES:
            column = QWidget(board)
            box = QVBoxLayout(column)
            box.setContentsMargins(0, 0, 0, 0)
            heading = QLabel(self.tr(STATUS_LABELS[StatementStatus(status)]), column)
            heading.setObjectName(f"boardHeading_{status}")
            heading.setStyleSheet("font-weight: 700; color: #1f2a44;")
            proxy = StatusColumnModel(status, self)
            proxy.setSourceModel(self.model)
            view = QListView(column)
            view.setObjectName(f"board_{status}")
            view.setModel(proxy)
            view.setWordWrap(True)
            view.setSpacing(3)
            view.setResizeMode(QListView.ResizeMode.Adjust)
            view.setTextElideMode(Qt.TextElideMode.ElideNone)
            view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            view.setStyleSheet("QListView { background: #eef1f7; border: 0; }")
            view.setItemDelegate(self._cards)
            view.clicked.connect(self._on_card_clicked)
            self._headings[status] = heading
            box.addWidget(heading)
            box.addWidget(view, 1)
            row.addWidget(column, 1)
            self.columns[status] = view
        return board

    def _update_headings(self) -> None:
        for status, heading in self._headings.items():
            label = self.tr(STATUS_LABELS[StatementStatus(status)])
            heading.setText(f"{label} ({self.columns[status].model().rowCount()})")

    def _build_list(self) -> QWidget:
        self.table = QTableView(self)
        self.table.setObjectName("statementTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSortingEnabled(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column, width in enumerate((300, 120, 90, 150, 200, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.clicked.connect(self._on_card_clicked)
        return self.table

    # -- View ------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Statements")

    def item_count(self) -> int:
        return self.model.rowCount()

    def replaying(self) -> bool:
        return self._as_of is not None

    def refresh(self) -> None:
        self._list_request += 1
        token, as_of = self._list_request, self._as_of
        self._ctx.runner.run_query(
            lambda: (queries.list_statements(as_of), queries.topics()),
            on_success=guarded(self, lambda r: self._on_loaded(r, token)),
            on_failure=guarded(self, self._on_load_failed),
        )
        if as_of is None:  # in a replay the list says which statement can be shown
            self._load_editor(self._wanted or self.editor.statement_id())

    def _on_loaded(self, result, token: int | None = None) -> None:
        if token is not None and token != self._list_request:
            return  # a newer load is on its way
        rows, topics = result
        self._topics = topics
        self.model.set_rows(rows, self._as_of or utcnow())
        self._update_headings()
        awaiting = sum(1 for r in rows if r.status == StatementStatus.IN_REVIEW)
        self.summary.setText(
            self.tr("%1 statements — %2 awaiting approval")
            .replace("%1", str(len(rows)))
            .replace("%2", str(awaiting))
        )
        if self._as_of is not None:
            ids = [r.id for r in rows]
            shown = self._wanted if self._wanted in ids else (ids[0] if ids else None)
            self._load_editor(shown, keep_wanted=True)
        elif self.editor.statement_id() is None and rows and self._wanted is None:
            self.select_statement(rows[0].id)  # the first load: show the newest

    def _on_load_failed(self, exc: Exception) -> None:
        self.summary.setText(self.tr("Cannot load statements: %1").replace("%1", str(exc)))

    def select_statement(self, statement_id: int) -> None:
        self._load_editor(statement_id)

    def _load_editor(self, statement_id: int | None, keep_wanted: bool = False) -> None:
        if not keep_wanted and statement_id is not None:
            self._wanted = statement_id
        if statement_id is None and self._as_of is None:
            return
        operator, as_of = self._ctx.operator, self._as_of
        self._editor_request += 1
        token = self._editor_request

        def fetch():
            if statement_id is None:  # nothing recorded yet at the replay instant
                return None, [], [], queries.operator_role(operator)
            detail = queries.get_statement(statement_id, as_of)
            topic = detail.summary.topic if detail else ""
            earlier = queries.earlier_published(topic, statement_id, as_of) if detail else []
            return detail, earlier, queries.stakeholder_groups(), queries.operator_role(operator)

        self._ctx.runner.run_query(
            fetch,
            on_success=guarded(self, lambda r: self._on_detail_loaded(token, r, statement_id)),
            on_failure=guarded(self, self._on_load_failed),
        )

    def _on_detail_loaded(self, token: int, result, asked: int | None = None) -> None:
        if token != self._editor_request:  # a later selection wins over a slower answer
            return
        self.editor.show_detail(*result)
        if result[0] is None and asked is not None and self.replaying():
            self.editor.meta.setText(self.tr("This statement had not been started yet then."))

    # -- slots ------------------------------------------------------------------------------
    def _on_card_clicked(self, index: QModelIndex) -> None:
        statement_id = index.data(IdRole)
        if statement_id is not None:
            self.select_statement(int(statement_id))

    def _on_new_clicked(self) -> None:
        if self.replaying():
            return
        dialog = NewStatementDialog(self._topics, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.create_statement(dialog.values())

    def create_statement(self, values: dict) -> None:
        if self.replaying():  # a replay never changes the crisis
            self.summary.setText(self.tr("Replay: return to Live to create a statement."))
            return
        db, op = self._ctx.crisis.db, self._ctx.operator
        self._ctx.runner.run_write(
            lambda: store.create_statement(db, operator=op, **values),
            changed={"statements", "logbook"},
            on_success=guarded(self, self.select_statement),
            on_failure=guarded(
                self,
                lambda exc: self.summary.setText(
                    self.tr("Not created: %1").replace("%1", str(exc))
                ),
            ),
        )

    def _on_editor_message(self, text: str) -> None:
        self.summary.setText(text)

    def _on_navigator_as_of_changed(self, when) -> None:
        self._as_of = when
        self.banner.set_as_of(when)
        self.new_button.setEnabled(when is None)
        self.new_button.setToolTip(
            self.tr("Replay: return to Live to create a statement") if when is not None else ""
        )
        self.editor.set_replay(when)
        self.model.set_now(when or utcnow())
        self.refresh()

    def _on_changes_changed(self, topics: frozenset) -> None:
        if "statements" in topics:
            self.refresh()

    def _on_navigator_show_item(self, kind: str, item_id: int) -> None:
        if kind == "statement":
            self._ctx.navigator.show_view.emit(self.view_name)
            self.select_statement(item_id)

    def _on_clock_timeout(self) -> None:
        self.model.set_now(self._as_of or utcnow())
        self.editor.tick()
