"""The Rumors view: the register on the left, the selected rumor on the right.

"Show carriers" asks the feed (through ``ctx.navigator``) for the rumor's posts.

It follows the replay cursor (``navigator.as_of_changed``): while a time is set it shows
the register, the rumor and its spread as they stood then, under a banner, and changes
nothing."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
)

from warroom.domain.enums import RumorStatus
from warroom.domain.filters import PostFilter
from warroom.domain.rumors import TO_HANDLE_STATUSES
from warroom.store import rumor_matching as matching
from warroom.store import rumor_queries as queries
from warroom.store import rumors as store
from warroom.store.statement_queries import list_statements, operator_role
from warroom.ui.rumors.detail import RumorDetailPanel
from warroom.ui.rumors.dialogs import NEW_RUMOR, ClusterDialog, RumorFromPostDialog
from warroom.ui.rumors.models import IdRole, RumorTableModel
from warroom.ui.statements.util import guarded, scrolled
from warroom.ui.views.base import View
from warroom.ui.widgets.replay_banner import ReplayBanner

CHANGED = {"rumors", "logbook", "posts"}


class RumorsView(View):
    view_name = "rumors"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._pending_select: int | None = None
        self._detail_request = 0
        self._list_request = 0
        self._as_of = None  # the replay cursor (None: live)
        self._wanted: int | None = None  # the rumor the operator chose last
        self.banner = ReplayBanner(ctx.tz, self.tr("the rumors as they stood then"), self)
        self.model = RumorTableModel(ctx.tz, self)
        self.table = QTableView(self)
        self.table.setObjectName("rumorTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        header = self.table.horizontalHeader()
        for column, width in enumerate((300, 130, 90, 110, 160, 150)):
            header.resizeSection(column, width)
        header.setStretchLastSection(True)
        self.table.clicked.connect(self._on_table_clicked)
        self.summary = QLabel(self)
        self.summary.setObjectName("rumorSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        from_post = self.from_post_button = QPushButton(self.tr("New rumor…"), self)
        from_post.setToolTip(self.tr("From a post that carries the claim, or by hand"))
        from_post.setObjectName("rumorFromPost")
        from_post.clicked.connect(self._on_from_post_clicked)
        from_cluster = self.from_cluster_button = QPushButton(self.tr("From similar posts…"), self)
        from_cluster.setObjectName("rumorFromCluster")
        from_cluster.clicked.connect(self._on_from_cluster_clicked)
        self.detail = RumorDetailPanel(ctx, self)
        self.detail.write.connect(self._on_detail_write)
        self.detail.show_carriers.connect(self._on_detail_show_carriers)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(from_post)
        top.addWidget(from_cluster)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        split.addWidget(scrolled(self.detail, self))
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.show_item.connect(self._on_navigator_show_item)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.refresh()

    def title(self) -> str:
        return self.tr("Rumors")

    def item_count(self) -> int:
        return self.model.rowCount()

    def replaying(self) -> bool:
        return self._as_of is not None

    def refresh(self) -> None:
        self._list_request += 1
        token, as_of = self._list_request, self._as_of
        self._ctx.runner.run_query(
            lambda: queries.list_rumors(as_of),
            on_success=guarded(self, lambda r: self._on_loaded(r, token)),
            on_failure=guarded(self, self._on_failed),
        )
        current = self._wanted or self.detail.rumor_id()
        if current is not None and as_of is None:  # in a replay the list decides
            self.select_rumor(current)

    def _on_loaded(self, rows, token: int | None = None) -> None:
        if token is not None and token != self._list_request:
            return  # a newer load is on its way
        self.model.set_rows(rows)
        to_handle = sum(1 for r in rows if r.status in TO_HANDLE_STATUSES)
        followed = sum(1 for r in rows if r.status == RumorStatus.REBUTTED)
        self.summary.setText(
            self.tr("%1 rumors: %2 to handle (not yet rebutted), %3 rebutted and followed")
            .replace("%1", str(len(rows)))
            .replace("%2", str(to_handle))
            .replace("%3", str(followed))
        )
        if self._as_of is not None:
            self._show_replayed(rows)
            return
        wanted = (
            self._pending_select
            or self._wanted
            or self.detail.rumor_id()
            or (rows[0].id if rows else None)
        )
        if wanted is not None:
            row = self.model.row_of(wanted)
            if row >= 0:
                self.table.selectRow(row)
            if self.detail.rumor_id() != wanted:
                self.select_rumor(wanted)
        self._pending_select = None

    def _on_failed(self, exc: Exception) -> None:
        self.summary.setText(self.tr("Error: %1").replace("%1", str(exc)))
        self.summary.setStyleSheet("color: #b00020; font-weight: 600;")

    def _show_replayed(self, rows) -> None:
        """In a replay: the rumor chosen last if it had been seen by then, else the first."""
        ids = [r.id for r in rows]
        shown = self._wanted if self._wanted in ids else (ids[0] if ids else None)
        self._pending_select = None
        if shown is None:
            self._detail_request += 1  # an answer still on its way is obsolete
            self.detail.clear()
            return
        self.table.selectRow(self.model.row_of(shown))
        self._load_detail(shown)

    def select_rumor(self, rumor_id: int) -> None:
        self._wanted = rumor_id
        self._load_detail(rumor_id)

    def _load_detail(self, rumor_id: int) -> None:
        db, operator, as_of = self._ctx.crisis.db, self._ctx.operator, self._as_of
        self._detail_request += 1
        token = self._detail_request

        def fetch():
            detail = queries.get_rumor(rumor_id, as_of)
            if detail is None:
                return None, None, [], [], "observer"
            statements = [(s.id, s.title, s.status) for s in list_statements(as_of)]
            return (
                detail,
                queries.rumor_spread(db, rumor_id, as_of=as_of),
                queries.top_carriers(db, rumor_id, as_of=as_of),
                statements,
                operator_role(operator),
            )

        self._ctx.runner.run_query(
            fetch,
            on_success=guarded(self, lambda r: self._on_detail_loaded(token, r)),
            on_failure=guarded(self, self._on_failed),
        )

    def _on_detail_loaded(self, token: int, result) -> None:
        if token != self._detail_request:  # a later selection wins over a slower answer
            return
        self.detail.show_rumor(*result)
        if result[0] is None and self.replaying():
            self.detail.meta.setText(self.tr("This rumor had not been seen yet then."))

    # -- writes -----------------------------------------------------------------------------
    def _write(self, func, done: str, select: bool = False) -> None:
        if self.replaying():  # a replay never changes the crisis
            self.summary.setText(self.tr("Replay: return to Live to change the rumors."))
            return

        def ok(result) -> None:
            self.summary.setStyleSheet("")
            self.summary.setText(done)
            if select and isinstance(result, int):
                self._pending_select = result
                self.select_rumor(result)

        self._ctx.runner.run_write(
            func,
            changed=CHANGED,
            on_success=guarded(self, ok),
            on_failure=guarded(self, self._on_failed),
        )

    def _on_detail_write(self, func, done: str) -> None:
        self._write(func, done)

    def _on_from_post_clicked(self) -> None:
        if self.replaying():
            return
        dialog = RumorFromPostDialog(self._ctx, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.register_from_post(dialog.values())

    def register_from_post(self, values: dict) -> None:
        db, op = self._ctx.crisis.db, self._ctx.operator
        post_id, existing = values["post_id"], values["existing"]
        if existing not in (None, NEW_RUMOR) and post_id is not None:
            self._write(
                lambda: store.link_posts(db, existing, [post_id], op) and existing,
                self.tr("Post linked to the rumor"),
                select=True,
            )
            return
        claim, query = values["claim"], values["match_query"]
        self._write(
            lambda: store.create_rumor(db, claim, op, origin_post_id=post_id, match_query=query),
            self.tr("Rumor registered"),
            select=True,
        )

    def _on_from_cluster_clicked(self) -> None:
        if self.replaying():
            return
        db = self._ctx.crisis.db
        self.summary.setText(self.tr("Grouping similar posts…"))
        self._ctx.runner.run_query(
            lambda: matching.near_duplicate_clusters(db),
            on_success=guarded(self, self._on_clusters),
            on_failure=guarded(self, self._on_failed),
        )

    def _on_clusters(self, clusters) -> None:
        self.summary.setText(
            self.tr("%1 groups of similar posts").replace("%1", str(len(clusters)))
        )
        dialog = ClusterDialog(clusters, self._ctx.tz, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        values = dialog.values()
        if not values["post_ids"]:
            return
        db, op = self._ctx.crisis.db, self._ctx.operator
        self._write(
            lambda: store.create_rumor(
                db,
                values["claim"],
                op,
                post_ids=values["post_ids"],
                match_query=values["match_query"],
            ),
            self.tr("Rumor registered from %1 similar posts").replace(
                "%1", str(len(values["post_ids"]))
            ),
            select=True,
        )

    # -- slots ------------------------------------------------------------------------------
    def _on_table_clicked(self, index: QModelIndex) -> None:
        rumor_id = index.data(IdRole)
        if rumor_id is not None:
            self.select_rumor(int(rumor_id))

    def _on_detail_show_carriers(self) -> None:
        detail = self.detail.detail
        if detail is None:
            return
        summary = detail.summary
        label = self.tr("Rumor: %1").replace("%1", summary.claim[:60])
        if summary.match_query.strip():
            wanted = PostFilter(text_query=summary.match_query, label=label)
        else:
            wanted = PostFilter(rumor_id=summary.id, label=label)
        self._ctx.navigator.show_posts.emit(wanted)

    def _on_navigator_as_of_changed(self, when) -> None:
        self._as_of = when
        self.banner.set_as_of(when)
        for button, live_tip in (
            (self.from_post_button, self.tr("From a post that carries the claim, or by hand")),
            (self.from_cluster_button, ""),
        ):
            button.setEnabled(when is None)
            button.setToolTip(
                self.tr("Replay: return to Live to register a rumor") if when else live_tip
            )
        self.detail.set_replay(when is not None)
        self.refresh()

    def _on_changes_changed(self, topics: frozenset) -> None:
        if topics & {"rumors", "posts", "statements"}:
            self.refresh()

    def _on_navigator_show_item(self, kind: str, item_id: int) -> None:
        if kind == "rumor":
            self._ctx.navigator.show_view.emit(self.view_name)
            self._pending_select = item_id
            self.select_rumor(item_id)
