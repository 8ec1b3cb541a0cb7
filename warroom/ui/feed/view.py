"""The Feed view: the live table of posts with filters, detail pane, triage and chart."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QInputDialog,
    QLabel,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
)

from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import utcnow
from warroom.store import posts, triage
from warroom.store.errors import StoreError
from warroom.store.ingest_store import set_author_kind
from warroom.ui.context import AppContext
from warroom.ui.feed import loaders
from warroom.ui.feed.actions import PostActions
from warroom.ui.feed.alerts import FeedAlerts
from warroom.ui.feed.chart import VolumeChart
from warroom.ui.feed.chart_loader import ChartLoader
from warroom.ui.feed.detail import DetailPane
from warroom.ui.feed.filter_bar import FilterBar
from warroom.ui.feed.table import ROW_HEIGHT, FeedTable
from warroom.ui.guard import alive
from warroom.ui.models.feed_model import FeedModel
from warroom.ui.views.base import View
from warroom.ui.widgets.replay_banner import ReplayBanner

log = logging.getLogger("warroom.ui")
DETAIL_WIDTH = 290
ARRIVALS_MS = 1000


class FeedView(View):
    """Every post of the crisis, newest first; live arrivals on the "posts" topic."""

    view_name = "feed"

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter = PostFilter()
        self._generation = 0
        self._superseded = threading.Event()  # set when the generation's reads are obsolete
        self._as_of: datetime | None = None  # replay cursor (None: live)
        self._top_id = 0
        self._loading = False
        self._dirty = False
        self._pending_select: int | None = None
        self._first: np.ndarray | None = None
        self._anchor: tuple[int, int] | None = None  # (post id at the top, pixel offset)
        db = ctx.crisis.db
        self.model = FeedModel(
            lambda ids: posts.fetch_rows(db, ids, self.rules()), ctx.tz, parent=self
        )
        self.bar = FilterBar(ctx.tz, self)
        self.table = self._build_table()
        self.chart = VolumeChart(self)
        self.detail = DetailPane(ctx.tz, self)
        self.summary = QLabel(self)
        self.summary.setObjectName("feedSummary")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        # Its text changes with every batch of arrivals: a label that may not resize keeps
        # the view's layout (and so a repaint of the whole view) out of it.
        self.summary.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.summary.setFixedHeight(self.summary.fontMetrics().height() + 4)
        left = QSplitter(Qt.Orientation.Vertical, self)
        left.addWidget(self.table)
        left.addWidget(self.chart)
        left.setSizes([520, 200])
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.detail)
        # The posts first: the detail pane keeps its width when the view grows or shrinks.
        self.splitter.setSizes([1000, DETAIL_WIDTH])
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 0)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.replay_banner = ReplayBanner(
            ctx.tz, self.tr("the posts published by then, deadlines as they stood"), self
        )
        layout.addWidget(self.replay_banner)
        layout.addWidget(self.bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.splitter, 1)
        self.post_actions = PostActions(self)
        self._install_shortcuts()
        self._coalesce = QTimer(self)
        self._coalesce.setSingleShot(True)
        # Arrivals join the table at most once a second: each batch repaints the table
        # (30–40 ms of the GUI thread on a slow laptop), four times a second was too often.
        self._coalesce.setInterval(ARRIVALS_MS)
        self._coalesce.timeout.connect(self._on_coalesce_timeout)
        self._ticker = QTimer(self)
        self._ticker.setInterval(30_000)
        self._ticker.timeout.connect(self.model.tick)
        self._ticker.start()
        self.bar.filter_changed.connect(self.apply_filter)
        self.bar.save_requested.connect(self.post_actions.save_view)
        self.bar.view_chosen.connect(self._on_bar_view_chosen)
        self.bar.targets_requested.connect(self.post_actions.edit_reply_targets)
        self.chart.interval_clicked.connect(self.bar.set_interval)
        self.bar.range_hint = self.chart.shown_span
        self.detail.triage_applied.connect(self.post_actions.apply_triage)
        self.detail.action_requested.connect(self.post_actions.run)
        self.detail.post_requested.connect(self._on_detail_post_requested)
        self.detail.author_kind_requested.connect(self._on_detail_author_kind_requested)
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.show_posts.connect(self._on_navigator_show_posts)
        ctx.navigator.show_item.connect(self._on_navigator_show_item)
        self.chart_loader = ChartLoader(self)
        self._replay_timer = QTimer(self)  # a dragged cursor reloads once it pauses
        self._replay_timer.setSingleShot(True)
        self._replay_timer.setInterval(120)
        self._replay_timer.timeout.connect(self.refresh)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.alerts = FeedAlerts(ctx, self)
        self.reload_choices()
        self.apply_filter(PostFilter())

    # -- building --------------------------------------------------------------------------
    def _build_table(self) -> FeedTable:
        table = FeedTable(self.model, self)
        table.selectionModel().currentRowChanged.connect(self._on_table_current_changed)
        return table

    def _install_shortcuts(self) -> None:
        self.shortcuts = self.post_actions.install(self.table)
        search = QShortcut(QKeySequence.StandardKey.Find, self)
        search.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        search.activated.connect(lambda: self.bar.search.setFocus())

    # -- View API ----------------------------------------------------------------------------
    def _schedule(self) -> None:
        """Refresh soon; a stream of notifications must not postpone it forever."""
        if not self._coalesce.isActive():
            self._coalesce.start()

    def title(self) -> str:
        return self.tr("Feed")

    def item_count(self) -> int:
        return self.model.rowCount()

    def refresh(self) -> None:
        self.apply_filter(self.filter)

    def status_widgets(self) -> list:
        return self.alerts.widgets()

    def rules(self) -> posts.DeadlineRules:
        """Deadlines as of now — or as of the replay cursor (what was overdue then)."""
        return posts.DeadlineRules.load(self.ctx.tz, self._as_of or utcnow())

    # -- replay ------------------------------------------------------------------------------
    def replaying(self) -> bool:
        return self._as_of is not None

    def effective_filter(self, f: PostFilter | None = None) -> PostFilter:
        """The operator's filter, limited to the posts that existed at the replay cursor."""
        f = self.filter if f is None else f
        if self._as_of is None:
            return f
        cap = self._as_of + timedelta(microseconds=1)  # ``until`` is exclusive
        return replace(f, until=cap if f.until is None else min(f.until, cap))

    def _on_navigator_as_of_changed(self, when) -> None:
        self._as_of = when
        self.post_actions.set_enabled(when is None)
        self.detail.set_read_only(when is not None)
        self.replay_banner.set_as_of(when)
        self._replay_timer.start()

    # -- loading -----------------------------------------------------------------------------
    def apply_filter(self, f: PostFilter) -> None:
        """Show the posts matching ``f`` (the id list is read in the background)."""
        self.filter = f
        generation = self._next_generation()
        self._loading = True
        self._dirty = False
        self._first = None
        db, rules, shown = self.ctx.crisis.db, self.rules(), self.effective_filter(f)
        self.summary.setText(self.tr("Searching…"))
        self.ctx.runner.run_query(
            lambda: loaders.load_ids(db, shown, rules, limit=loaders.FIRST_SCREEN),
            on_success=alive(self, lambda result: self._on_first_loaded(generation, result)),
            on_failure=alive(self, lambda exc: self._on_load_failed(generation, exc)),
        )
        # The chart's highlight is repainted once the first rows are in: painting it first
        # would make the operator wait for the chart before the posts.

    def _reload_keeping_view(self) -> None:
        """Reload the whole list (older posts arrived), then put back the row that was at
        the top of the screen where it was, and the selection."""
        top_row = self.table.rowAt(0)
        if top_row >= 0 and self.table.verticalScrollBar().value() > 0:
            offset = self.table.verticalScrollBar().value() - top_row * ROW_HEIGHT
            self._anchor = (self.model.post_id(top_row), offset)
        self._next_generation()
        self._loading = True
        self._dirty = False
        self._first = None
        self._load_all(self._generation, None)

    def _next_generation(self) -> int:
        """Start a new load; the reads of the previous one are abandoned where they are."""
        self._superseded.set()
        self._superseded = threading.Event()
        self._generation += 1
        return self._generation

    def _load_all(self, generation: int, top: int | None) -> None:
        db, rules, stop = self.ctx.crisis.db, self.rules(), self._superseded
        f = self.effective_filter()
        self.ctx.runner.run_query(
            lambda: loaders.load_ids(db, f, rules, top=top, stop=stop.is_set),
            on_success=alive(self, lambda result: self._on_ids_loaded(generation, result)),
            on_failure=alive(self, lambda exc: self._on_load_failed(generation, exc)),
        )

    def _on_first_loaded(self, generation: int, result) -> None:
        """Show the first screen at once, then read the whole list (same snapshot)."""
        if generation != self._generation:
            return
        ids, top, _elapsed = result
        self._top_id = top
        if len(ids) < loaders.FIRST_SCREEN:  # that was everything
            self._on_ids_loaded(generation, result)
            self.chart.highlight(self.filter.since, self.filter.until)
            return
        selected = self.current_post_id()
        self._first = ids
        self.model.set_ids(ids)
        self.chart.highlight(self.filter.since, self.filter.until)
        self.summary.setText(
            self.tr("Counting… (the newest %1 are shown)").replace("%1", str(len(ids)))
        )
        if selected is not None:
            self.select_post(selected)
        self._load_all(generation, top)

    def _on_ids_loaded(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        ids, top, elapsed = result
        selected = self.current_post_id()
        self._top_id = top
        first = self._first
        self._first = None
        if first is not None and np.array_equal(ids[: len(first)], first):
            self.model.extend(ids[len(first) :])  # keeps the scroll position and selection
        else:
            self.model.set_ids(ids)
        self._loading = False
        self._update_summary(elapsed)
        self.chart_loader.load(generation)
        keep = self._pending_select or selected
        self._pending_select = None
        anchor, self._anchor = self._anchor, None
        if keep is not None:
            self.select_post(keep, scroll=anchor is None)
        if anchor is not None and self.model.row_of(anchor[0]) >= 0:
            row = self.model.row_of(anchor[0])
            self.table.verticalScrollBar().setValue(row * ROW_HEIGHT + anchor[1])
        if self._dirty:
            self._schedule()

    def _on_load_failed(self, generation: int, exc: Exception) -> None:
        if generation != self._generation:
            return
        self._loading = False
        self.model.set_ids(np.zeros(0, dtype=np.int64))
        message = str(exc) if isinstance(exc, StoreError) else repr(exc)
        self.summary.setText(self.tr("Cannot search: %1").replace("%1", message))

    def _update_summary(self, elapsed: float | None = None) -> None:
        count = self.model.rowCount()
        text = self.tr("%n posts", "", count)
        if self.filter.label:
            text += f" — {self.filter.label}"
        if self._as_of is not None:
            text = self.tr("Replay: ") + text
        if elapsed is not None:
            text += self.tr(" (%1 ms)").replace("%1", str(round(elapsed * 1000)))
        self.summary.setText(text)

    # -- live arrivals -----------------------------------------------------------------------
    def _on_changes_changed(self, topics: frozenset) -> None:
        if "posts" in topics or "settings" in topics:
            self._schedule()
        if topics & {"rumors", "statements", "stakeholders"}:
            self.reload_choices()

    def _on_coalesce_timeout(self) -> None:
        if self._loading:
            self._dirty = True
            return
        self._loading = True
        generation = self._generation
        db, rules, top = self.ctx.crisis.db, self.rules(), self._top_id
        f = self.effective_filter()
        shown = self._visible_ids()
        self.ctx.runner.run_query(
            lambda: loaders.load_arrivals(db, f, rules, top, shown),
            on_success=alive(self, lambda result: self._on_arrivals(generation, result)),
            on_failure=alive(self, lambda exc: self._on_load_failed(generation, exc)),
        )

    def _visible_ids(self) -> list[int]:
        """Ids of the rows on screen (and the first row), re-read with the arrivals so that
        the GUI thread does no database work while posts stream in."""
        count = self.model.rowCount()
        if not count:
            return []
        viewport = self.table.viewport()
        top = max(0, self.table.rowAt(0))
        bottom = self.table.rowAt(viewport.height() - 1)
        bottom = count - 1 if bottom < 0 else bottom
        rows = {0, *range(top, min(count, bottom + 5))}
        return [self.model.post_id(r) for r in sorted(rows)]

    def _on_arrivals(self, generation: int, result) -> None:
        if generation != self._generation:
            return
        self._loading = False
        found, top, fresh = result
        self._top_id = top
        newest = fresh.get(self.model.post_id(0)) if self.model.rowCount() else None
        in_order = newest is None or all(at >= newest.created_at for _i, at in found)
        self.model.replace_rows(fresh)  # triage and corrections of shown posts
        if found and not in_order:  # back-filled older posts: reload, keeping the view
            self._reload_keeping_view()
            return
        if found:
            self._prepend_keeping_view([i for i, _at in found])
        if self._dirty:
            self._dirty = False
            self._schedule()

    def _prepend_keeping_view(self, ids: list[int]) -> None:
        """Insert arrivals above; an operator who scrolled down keeps seeing the same rows."""
        bar = self.table.verticalScrollBar()
        at_top = bar.value() == 0
        before = bar.value()
        viewport = self.table.viewport()
        viewport.setUpdatesEnabled(False)  # one repaint for the insertion and the scroll
        try:
            self.model.prepend(ids)
            self.table.executeDelayedItemsLayout()  # now, not in a second repaint later
            if not at_top:
                bar.setValue(before + len(ids) * ROW_HEIGHT)
        finally:
            viewport.setUpdatesEnabled(True)
        self._update_summary()

    # -- selection and navigation -----------------------------------------------------------
    def current_post_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.post_id(index.row()) if index.isValid() else None

    def selected_post_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.post_id(r) for r in rows]

    def select_post(self, post_id: int, scroll: bool = True) -> bool:
        row = self.model.row_of(post_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows
        )
        self.table.selectionModel().setCurrentIndex(index, flags)
        if scroll:
            self.table.scrollTo(index)
        return True

    def step_selection(self, step: int) -> None:
        row = max(0, min(self.model.rowCount() - 1, self.table.currentIndex().row() + step))
        if self.model.rowCount():
            self.select_post(self.model.post_id(row))

    def _on_table_current_changed(self, current, _previous) -> None:
        if not current.isValid():
            self.detail.clear()
            return
        self.load_detail(self.model.post_id(current.row()))

    def load_detail(self, post_id: int) -> None:
        db, rules = self.ctx.crisis.db, self.rules()
        self.ctx.runner.run_query(
            lambda: loaders.load_detail(db, post_id, rules),
            on_success=alive(self, self._on_detail_loaded),
            on_failure=alive(self, lambda exc: self.detail.clear()),
        )

    def _on_detail_loaded(self, detail) -> None:
        if detail.post.id != self.current_post_id():
            return
        if self._as_of is not None:  # the thread and the author's posts as they were then
            until = self._as_of
            detail = replace(
                detail,
                replies=[r for r in detail.replies if r.created_at <= until],
                author_posts=[r for r in detail.author_posts if r.created_at <= until],
            )
        self.detail.show_detail(detail)

    def _on_detail_author_kind_requested(self, author_id: int, kind: str) -> None:
        db = self.ctx.crisis.db
        self.ctx.runner.run_write(
            lambda: set_author_kind(db, author_id, kind),
            changed={"authors", "posts"},
            on_success=lambda _r: self.summary.setText(
                self.tr("Author kind set to %1").replace("%1", kind)
            ),
        )

    def _on_detail_post_requested(self, post_id: int) -> None:
        if not self.select_post(post_id):
            self._pending_select = post_id
            self.bar.clear()

    def _on_navigator_show_item(self, kind: str, ident: int) -> None:
        """A post opened from elsewhere (a dashboard list, a logbook link, an alert): the
        Feed comes to the front with it selected (the filter is cleared if it hid it)."""
        if kind == "post":
            self.ctx.navigator.show_view.emit("feed")
            self._on_detail_post_requested(ident)
            self.table.setFocus()

    def _on_navigator_show_posts(self, f: PostFilter) -> None:
        self.bar.set_filter(f)
        self.ctx.navigator.show_view.emit("feed")

    def _on_bar_view_chosen(self, name: str) -> None:
        for saved, f in triage.saved_views():
            if saved == name:
                self.bar.set_filter(replace(f, label=f.label or name))

    def reload_choices(self) -> None:
        self.ctx.runner.run_query(
            loaders.load_choices,
            on_success=alive(self, self._on_choices_loaded),
            on_failure=alive(self, log.warning),
        )

    def _on_choices_loaded(self, result) -> None:
        assignees, rumors, views, groups = result
        self.bar.set_choices(assignees, rumors, groups)
        self.bar.set_saved_views(views)

    def show_error(self, exc: Exception) -> None:
        message = str(exc) if isinstance(exc, StoreError) else repr(exc)
        QMessageBox.warning(self, self.tr("Feed"), message)

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getText(self, title, label, text=text)
        return value if ok else None

    def ask_item(self, title: str, label: str, items: list[str]) -> str | None:
        if not items:
            return None
        value, ok = QInputDialog.getItem(self, title, label, items, 0, False)
        return value if ok else None
