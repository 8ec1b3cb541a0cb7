"""The Stakeholders view: which groups matter, where they speak, and where we are silent.

Two modes share one side panel: the Mendelow power/interest grid and the group × channel
heat map. The side panel shows the selected group (expectations, key messages, owner),
its sentiment over time with statement markers, and each statement's reach into it.
All reads and writes go through ``ctx.runner``; nothing here queries on the GUI thread.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from warroom.domain.filters import PostFilter
from warroom.domain.stakeholder_templates import CRISIS_TEMPLATES
from warroom.domain.stakeholders import GroupInfo
from warroom.store import stakeholders
from warroom.store.crisis import operators
from warroom.store.errors import StoreError
from warroom.store.stakeholder_matrix import build_matrix, set_gap_policy
from warroom.store.stakeholder_series import sentiment_series, statement_marks, statement_reach
from warroom.ui.guard import alive
from warroom.ui.stakeholders.assigner import NewAuthorAssigner
from warroom.ui.stakeholders.editor import GroupEditorDialog
from warroom.ui.stakeholders.grid import MendelowGrid
from warroom.ui.stakeholders.group_panel import GroupPanel
from warroom.ui.stakeholders.heatmap import HeatMapView
from warroom.ui.stakeholders.members import MembersDialog
from warroom.ui.stakeholders.rules import RulesDialog
from warroom.ui.stakeholders.thresholds import GapThresholdsDialog
from warroom.ui.views.base import View
from warroom.ui.widgets.replay_banner import ReplayBanner

WINDOWS = (
    ("Last hour", timedelta(hours=1)),
    ("Last 6 hours", timedelta(hours=6)),
    ("Last 24 hours", timedelta(hours=24)),
    ("Whole crisis", None),
)
TOPICS = frozenset({"stakeholders", "posts", "authors", "statements", "crisis"})


class StakeholdersView(View):
    view_name = "stakeholders"

    def __init__(self, ctx, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.matrix: Any = None  # the last Matrix read from the store
        self.operators: list[str] = []
        self.selected_group: int | None = None
        self.dialog: Any = None  # the dialog opened last (tests drive it)
        self.loads = 0
        self._loading = self._reload_pending = False
        self.cursor_at = None  # the replay cursor (None: live)
        self._build()
        self.assigner = NewAuthorAssigner(ctx, self._alive(self._on_failed), self)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(300)
        self._debounce.timeout.connect(self.refresh)
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.refresh()
        self.assigner.run()

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self.grid = MendelowGrid(self)
        self.heatmap = HeatMapView(self)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.heatmap)
        self.grid.group_moved.connect(self._on_grid_group_moved)
        self.grid.group_selected.connect(self._on_group_selected)
        self.grid.group_activated.connect(self._on_group_activated)
        self.heatmap.cell_activated.connect(self._on_heatmap_cell_activated)
        self.summary = QLabel(self)
        self.summary.setObjectName("stakeholderSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.message = QLabel(self)
        self.message.setObjectName("stakeholderMessage")
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020; font-weight: bold;")
        self.message.hide()
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.stack, 1)
        left_layout.addWidget(self.summary)
        left_layout.addWidget(self.message)
        splitter.addWidget(left)
        self.panel = GroupPanel(splitter)
        splitter.addWidget(self.panel)
        self.chart = self.panel.chart
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._toolbar())
        self.replay_banner = ReplayBanner(
            self._ctx.tz, self.tr("the matrix as it stood then"), self
        )
        layout.addWidget(self.replay_banner)
        layout.addWidget(splitter, 1)
        self.splitter = splitter
        self._sized = False

    def _toolbar(self) -> QToolBar:
        """A tool bar, so that a narrow dock folds the last buttons into its » menu."""
        bar = QToolBar(self)
        bar.setObjectName("stakeholderToolBar")
        self.grid_button = QToolButton(self)
        self.grid_button.setText(self.tr("Power / interest"))
        self.heat_button = QToolButton(self)
        self.heat_button.setText(self.tr("Group × channel"))
        self.modes = QButtonGroup(self)
        for index, button in enumerate((self.grid_button, self.heat_button)):
            button.setCheckable(True)
            self.modes.addButton(button, index)
            bar.addWidget(button)
        self.grid_button.setChecked(True)
        self.modes.idClicked.connect(self.set_mode)
        self.window_box = QComboBox(self)
        for label, span in WINDOWS:
            self.window_box.addItem(self.tr(label), span)
        self.window_box.setCurrentIndex(len(WINDOWS) - 1)
        self.window_box.currentIndexChanged.connect(self.refresh)
        bar.addSeparator()
        bar.addWidget(QLabel(self.tr(" Window: ")))
        bar.addWidget(self.window_box)
        self.as_of = QLabel(self)
        self.as_of.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.as_of)
        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        self.edit_button = QPushButton(self.tr("Edit group…"), self)
        self.edit_button.setObjectName("editGroup")
        self.edit_button.clicked.connect(lambda: self.edit_group(self.selected_group))
        self.members_button = QPushButton(self.tr("Members…"), self)
        self.members_button.clicked.connect(self.open_members)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.members_button)
        more = self.more_button = QToolButton(self)
        more.setText(self.tr("More"))
        more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(more)
        menu.addAction(self.tr("New group…"), self.new_group)
        menu.addAction(self.tr("Delete selected group…"), self._on_delete_triggered)
        menu.addAction(self.tr("Assignment rules…"), self.open_rules)
        menu.addAction(self.tr("Gap thresholds…"), self.open_thresholds)
        templates = menu.addMenu(self.tr("Apply crisis template"))
        for template in CRISIS_TEMPLATES:
            action = templates.addAction(self.tr(template.title))
            action.setToolTip(template.description)
            action.triggered.connect(lambda _c=False, k=template.key: self._on_template(k))
        more.setMenu(menu)
        bar.addWidget(more)
        return bar

    def _alive(self, func):
        return alive(self.grid, func)  # the grid dies with the view, before it

    # -- View ----------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Stakeholders")

    def item_count(self) -> int:
        return len(self.matrix.groups) if self.matrix is not None else 0

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # first show: the side panel gets about a third
            self._sized = True
            width = max(self.splitter.width(), 600)
            self.splitter.setSizes([int(width * 0.66), int(width * 0.34)])

    def set_mode(self, mode: int) -> None:
        self.stack.setCurrentIndex(mode)
        self.modes.button(mode).setChecked(True)

    def refresh(self) -> None:
        """Reload the matrix in a worker; while one load runs, further requests (posts
        streaming in) are folded into a single reload after it."""
        if self._loading:
            self._reload_pending = True
            return
        self._loading, self._reload_pending = True, False
        db, when = self._ctx.crisis.db, self.cursor_at
        span = self.window_box.currentData()
        self._ctx.runner.run_query(
            lambda: (build_matrix(db, span, as_of=when), [name for name, _role in operators()]),
            on_success=self._alive(self._on_matrix_loaded),
            on_failure=self._alive(self._on_read_failed),
        )

    def _after_load(self) -> None:
        self._loading = False
        if self._reload_pending:
            self.refresh()

    def _on_matrix_loaded(self, result) -> None:
        self._after_load()
        self.matrix, self.operators = result
        matrix = self.matrix
        self.grid.set_data(matrix.groups, matrix.totals)
        self.heatmap.heat_model.set_matrix(matrix)
        stamp = matrix.as_of.astimezone(self._ctx.tz).strftime("%Y-%m-%d %H:%M")
        if self.cursor_at is not None:
            self.as_of.setText("  " + self.tr("Replay at %1 (read-only)").replace("%1", stamp))
        else:
            self.as_of.setText("  " + self.tr("as of %1").replace("%1", stamp))
        self.summary.setText(self._summary_text())
        ids = [g.id for g in matrix.groups]
        if self.selected_group not in ids:
            self.selected_group = ids[0] if ids else None
        self.grid.select_group(self.selected_group)
        self.loads += 1
        self._load_group()

    def _summary_text(self) -> str:
        matrix = self.matrix
        names = {g.id: g.name for g in matrix.groups}
        if not matrix.gaps:
            text = self.tr("No coverage gap: every high-stake active group has been addressed.")
        else:
            worst = sorted(
                matrix.gaps,
                key=lambda k: matrix.cell(*k).last_statement_at or matrix.cell(*k).first_post_at,
            )[:3]
            listed = ", ".join(f"{names[g]} on {c}" for g, c in worst)
            text = self.tr("⚠ %n coverage gap(s). Oldest: %1", "", len(matrix.gaps)).replace(
                "%1", listed
            )
        if matrix.unassigned_authors:
            text += "  " + self.tr("%n author(s) in no group.", "", matrix.unassigned_authors)
        return text

    def _on_read_failed(self, exc: Exception) -> None:
        self._after_load()
        self._show_read_error(exc)

    def _show_read_error(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, StoreError) else repr(exc)
        self.summary.setText(self.tr("Cannot read the stakeholders: %1").replace("%1", message))

    def _on_failed(self, exc: Exception) -> None:
        """A write failed: say so until the next one succeeds, and redraw from what is
        stored (a refused drag snaps back)."""
        message = str(exc) if isinstance(exc, StoreError) else repr(exc)
        self.message.setText(self.tr("Not done: %1").replace("%1", message))
        self.message.show()
        self.refresh()

    def _on_written(self, done, result) -> None:
        self.message.hide()
        if done is not None:
            done(result)

    # -- the selected group ----------------------------------------------------------------
    def group(self, group_id: int | None) -> GroupInfo | None:
        if self.matrix is None or group_id is None:
            return None
        return next((g for g in self.matrix.groups if g.id == group_id), None)

    def _on_group_selected(self, group_id: int) -> None:
        self.selected_group = group_id
        self._load_group()

    def _load_group(self) -> None:
        group = self.group(self.selected_group)
        if group is None:
            self.panel.details.setText(self.tr("No stakeholder group yet: More → New group…"))
            return
        self.panel.show_group(group, self.matrix.totals[group.id])
        db, gid, until = self._ctx.crisis.db, group.id, self.matrix.as_of
        replayed = self.cursor_at  # statements published later do not exist yet
        self._ctx.runner.run_query(
            lambda: (
                gid,
                sentiment_series(db, gid, until),
                statement_marks(db, gid, replayed),
                [r for r in statement_reach(db, replayed) if r.group_id == gid],
            ),
            on_success=self._alive(self._on_group_loaded),
            on_failure=self._alive(self._show_read_error),
        )

    def _on_group_loaded(self, result) -> None:
        gid, points, marks, reach = result
        if gid == self.selected_group:
            self.panel.show_series(points, marks, reach, self.matrix.as_of, self._ctx.tz)

    # -- actions -------------------------------------------------------------------------
    def _write(self, func, topics=frozenset({"stakeholders", "logbook"}), done=None) -> None:
        runner = self._ctx.runner
        runner.run_write(
            func,
            changed=topics,
            on_success=self._alive(lambda result: self._on_written(done, result)),
            on_failure=self._alive(self._on_failed),
        )

    def _on_grid_group_moved(self, group_id: int, power: int, interest: int) -> None:
        if self.cursor_at is not None:
            return  # a replay never changes the crisis
        db, who = self._ctx.crisis.db, self._ctx.operator
        self._write(lambda: stakeholders.move_group(db, group_id, power, interest, who))

    def _on_group_activated(self, group_id: int) -> None:
        self.selected_group = group_id
        self.edit_group(group_id)

    def _on_heatmap_cell_activated(self, group_id: int, channel: str) -> None:
        group = self.group(group_id)
        if group is None:
            return
        self.selected_group = group_id
        self._load_group()
        self._ctx.navigator.show_posts.emit(
            PostFilter(
                group_id=group_id,
                channels=frozenset({channel}),
                since=self.matrix.since,
                label=self.tr("%1 on %2").replace("%1", group.name).replace("%2", channel),
            )
        )

    def edit_group(self, group_id: int | None) -> None:
        if self.cursor_at is not None:
            return
        group = self.group(group_id)
        if group is None:
            return
        self._open_editor(group)

    def new_group(self) -> None:
        self._open_editor(GroupInfo(id=0, name=""))

    def _open_editor(self, group: GroupInfo) -> None:
        dialog = GroupEditorDialog(group, self.operators, self)
        dialog.accepted.connect(lambda: self._on_editor_accepted(dialog))
        self.dialog = dialog
        dialog.open()

    def _on_editor_accepted(self, dialog: GroupEditorDialog) -> None:
        edited, db, who = dialog.group(), self._ctx.crisis.db, self._ctx.operator
        if edited.id:
            self._write(lambda: stakeholders.save_group(db, edited, who))
        else:
            self._write(lambda: stakeholders.create_group(db, edited, who))

    def _on_delete_triggered(self) -> None:
        group = self.group(self.selected_group)
        if group is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Delete group"),
            self.tr(
                "Delete “%1”? Its members become unassigned and its rules are removed."
            ).replace("%1", group.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            db, who, gid = self._ctx.crisis.db, self._ctx.operator, group.id
            self._write(
                lambda: stakeholders.delete_group(db, gid, who),
                frozenset({"stakeholders", "authors", "logbook"}),
            )

    def _on_template(self, key: str) -> None:
        db, who = self._ctx.crisis.db, self._ctx.operator
        self._write(lambda: stakeholders.apply_template(db, key, who))

    def open_members(self) -> None:
        if self.matrix is None:
            return
        self.dialog = MembersDialog(self._ctx, self.matrix.groups, self.selected_group, self)
        self.dialog.open()

    def open_thresholds(self) -> None:
        if self.matrix is None:
            return
        dialog = GapThresholdsDialog(self.matrix.policy, self)
        dialog.accepted.connect(lambda: self._on_thresholds_accepted(dialog))
        self.dialog = dialog
        dialog.open()

    def _on_thresholds_accepted(self, dialog: GapThresholdsDialog) -> None:
        policy, db, who = dialog.policy(), self._ctx.crisis.db, self._ctx.operator
        self._write(
            lambda: set_gap_policy(db, policy, who),
            frozenset({"stakeholders", "logbook", "settings"}),
        )

    def open_rules(self) -> None:
        if self.matrix is None:
            return
        self.dialog = RulesDialog(self._ctx, self.matrix.groups, self)
        self.dialog.open()

    # -- replay --------------------------------------------------------------------------
    def _on_navigator_as_of_changed(self, when) -> None:
        """The matrix as it stood then: activity, statements and gaps up to the cursor.
        Groups keep today's power and interest; nothing can be edited meanwhile."""
        self.cursor_at = when
        self.grid.set_read_only(when is not None)
        self.replay_banner.set_as_of(when)
        for widget in (self.edit_button, self.members_button, self.more_button):
            widget.setEnabled(when is None)
        self.when_shown(self._debounce.start)

    # -- live updates --------------------------------------------------------------------
    def _on_changes_changed(self, topics: frozenset) -> None:
        if topics & TOPICS:  # behind another tab: when it comes to the front
            self.when_shown(self._debounce.start)
        if topics & {"authors", "posts"}:
            self.assigner.run()  # a write (new authors join their group): never deferred
