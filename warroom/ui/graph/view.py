"""The Graph view: the propagation graph with replay, filters, search and side panel.

The graph is built, analysed and laid out in a worker (``ctx.runner.run_long``, with
progress and Cancel); new positions and communities are then saved by the writer. New
posts trigger a rebuild after a short delay: saved positions are kept and only new
accounts are placed, next to their neighbours.
"""

from __future__ import annotations

import threading
import weakref
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import shiboken6
from PySide6.QtCore import QStringListModel, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QToolButton,
)

from warroom.analysis.graph_drawing import GraphDrawing, prepare_drawing, save_drawing
from warroom.domain.filters import PostFilter
from warroom.report import graph_export
from warroom.store import graph as graph_store
from warroom.store.graph import GraphScope
from warroom.ui.context import AppContext
from warroom.ui.graph.canvas import GraphCanvas
from warroom.ui.graph.panel import SidePanel
from warroom.ui.graph.widgets import SLIDER_MAX, build_ui
from warroom.ui.views.base import View
from warroom.ui.widgets.replay_banner import ReplayBanner

PLAY_STEP = 8  # slider steps per tick: a full replay takes about 6 s
PLAY_INTERVAL_MS = 50
RELOAD_DELAY_MS = 2000


class GraphView(View):
    """Widgets are created by :func:`warroom.ui.graph.widgets.build_ui`."""

    view_name = "graph"
    channel: QComboBox
    rumor: QComboBox
    search: QLineEdit
    export: QPushButton
    relayout: QPushButton
    progress: QProgressBar
    cancel: QPushButton
    summary: QLabel
    hover: QLabel
    canvas: GraphCanvas
    panel: SidePanel
    play: QToolButton
    slider: QSlider
    moment: QLabel
    replay_banner: ReplayBanner
    _completion: QStringListModel

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._scope = GraphScope()
        self._drawing: GraphDrawing | None = None
        self._stop: threading.Event | None = None
        self.busy = False
        self._generation = 0
        self._handles: dict[str, int] = {}
        self._shown = 0
        self._cursor: float | None = None  # the main replay cursor (Unix seconds), or None
        self._build_ui()
        self._reload = QTimer(self, singleShot=True, interval=RELOAD_DELAY_MS)
        self._reload.timeout.connect(self.refresh)
        self._play = QTimer(self, interval=PLAY_INTERVAL_MS)
        self._play.timeout.connect(self._on_play_timeout)
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.refresh()

    # -- widgets --------------------------------------------------------------------------

    def _build_ui(self) -> None:
        build_ui(self)

    # -- View -----------------------------------------------------------------------------

    def title(self) -> str:
        return self.tr("Graph")

    def item_count(self) -> int:
        return self._shown

    def visible_count(self) -> int:
        return self._shown

    def refresh(self, relayout: bool = False) -> None:
        # The view keeps no reference to the task (only a cancellation flag) and the
        # callbacks hold the view weakly: no reference cycle between the view and a
        # task's QObject, which the garbage collector could then free in a worker thread.
        if self._stop is not None:
            self._stop.set()
        stop = self._stop = threading.Event()
        self._generation += 1
        generation = self._generation
        db = self._ctx.crisis.db
        scope = self._scope

        def work(state):
            def cancelled() -> bool:
                return state.cancelled or stop.is_set()

            drawing = prepare_drawing(db, scope, state.set_progress, cancelled, relayout)
            if cancelled():
                return None
            return drawing, graph_store.scope_choices(db)

        view = weakref.ref(self)

        def loaded(result) -> None:
            target = view()
            if target is not None:
                target._on_loaded(generation, result)

        def failed(exc: Exception) -> None:
            target = view()
            if target is not None:
                target._on_failed(generation, exc)

        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel.show()
        self.busy = True
        task = self._ctx.runner.run_long(work, on_success=loaded, on_failure=failed)
        task.emitter.progress.connect(self._on_task_progress)

    # -- results --------------------------------------------------------------------------

    def _alive(self) -> bool:
        """False once the view is being destroyed (a worker may still report back)."""
        return shiboken6.isValid(self) and shiboken6.isValid(self.progress)

    def _on_task_progress(self, done: int, total: int) -> None:
        if not self._alive():
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _on_loaded(self, generation: int, result) -> None:
        if not self._alive() or generation != self._generation:
            return
        self.busy = False
        self.progress.hide()
        self.cancel.hide()
        if result is None:
            return
        drawing, (channels, rumors) = result
        self._set_choices(channels, rumors)
        self._drawing = drawing
        self.canvas.set_drawing(drawing)
        self.panel.set_drawing(drawing)
        best: dict[str, int] = {}
        for i in range(len(drawing.nodes)):
            handle = drawing.label(i).lower()
            if handle not in best or drawing.size[i] > drawing.size[best[handle]]:
                best[handle] = i
        self._handles = best
        self._completion.setStringList(sorted({drawing.label(i) for i in best.values()}))
        self._shown = len(drawing.nodes)
        self.slider.blockSignals(True)
        self.slider.setValue(SLIDER_MAX)
        self.slider.blockSignals(False)
        if self._cursor is not None:
            self._show_cursor()
        self._update_moment()
        self._update_summary()
        if drawing.new_positions or drawing.save_communities:
            db = self._ctx.crisis.db
            self._ctx.runner.run_write(lambda: save_drawing(db, drawing), changed=())

    def _on_failed(self, generation: int, exc: Exception) -> None:
        if not self._alive() or generation != self._generation:
            return
        self.busy = False
        self.progress.hide()
        self.cancel.hide()
        self.summary.setText(self.tr("The graph could not be built: {error}").format(error=exc))

    def _set_choices(self, channels: list[str], rumors: list[tuple[int, str]]) -> None:
        for combo, items in ((self.channel, [(c, c) for c in channels]), (self.rumor, rumors)):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in items:
                shown = text if len(text) <= 60 else text[:59] + "…"
                combo.addItem(shown, value)
            found = combo.findData(current)
            combo.setCurrentIndex(max(0, found))
            combo.blockSignals(False)

    def _update_summary(self) -> None:
        drawing = self._drawing
        if drawing is None:
            return
        if not drawing.nodes:
            self.summary.setText(
                self.tr("No reshare, reply, quote or mention in this selection yet.")
            )
            return
        self.summary.setText(
            self.tr(
                "{nodes} accounts · {edges} links · {communities} communities · "
                "modularity {modularity:.2f} · {pattern}"
            ).format(
                nodes=len(drawing.nodes),
                edges=len(drawing.edges),
                communities=len(drawing.analysis.community_sizes()),
                modularity=drawing.analysis.modularity,
                pattern=drawing.analysis.fireworks.get("pattern", ""),
            )
        )

    # -- replay ---------------------------------------------------------------------------

    def _time_range(self) -> tuple[float, float] | None:
        drawing = self._drawing
        if drawing is None or len(drawing.node_time) == 0:
            return None
        return float(drawing.node_time.min()), float(drawing.node_time.max())

    def _slider_moment(self) -> float | None:
        """The slider walks through activity, not clock time: position p shows the graph
        when a share p of its accounts had appeared (bursts get as much room as they need,
        quiet nights little). The main replay cursor, while it is set and the slider has
        not been moved since, gives the exact instant instead."""
        if self._cursor is not None:
            return self._cursor
        drawing = self._drawing
        if drawing is None or len(drawing.node_time) == 0 or self.slider.value() >= SLIDER_MAX:
            return None
        return float(np.quantile(drawing.node_time, self.slider.value() / SLIDER_MAX))

    def _on_slider_value_changed(self, _value: int) -> None:
        self._cursor = None  # the operator explores on their own from here
        self.replay_banner.hide()
        self._shown = self.canvas.show_until(self._slider_moment())
        self._update_moment()

    def _on_navigator_as_of_changed(self, when) -> None:
        """The graph as it stood at the main replay cursor: the accounts and links that
        had appeared by then (None: everything)."""
        self._play.stop()
        self.play.setChecked(False)
        self._cursor = None if when is None else when.timestamp()
        self.replay_banner.set_as_of(when)
        self._show_cursor()

    def _show_cursor(self) -> None:
        drawing, moment = self._drawing, self._cursor
        if drawing is None:
            return
        share = 1.0
        if moment is not None and len(drawing.node_time):
            share = float(np.mean(drawing.node_time <= moment))
        self.slider.blockSignals(True)
        self.slider.setValue(round(share * SLIDER_MAX))
        self.slider.blockSignals(False)
        self._shown = self.canvas.show_until(moment)
        self._update_moment()

    def _update_moment(self) -> None:
        moment = self._slider_moment()
        bounds = self._time_range()
        if bounds is None:
            self.moment.setText("")
            return
        at = bounds[1] if moment is None else moment
        when = datetime.fromtimestamp(at, UTC).astimezone(self._ctx.tz)
        total = len(self._drawing.nodes) if self._drawing else 0
        self.moment.setText(
            self.tr("{when} — {shown} / {total} accounts").format(
                when=when.strftime("%d %b %H:%M"), shown=self._shown, total=total
            )
        )

    def _on_play_toggled(self, playing: bool) -> None:
        if playing:
            if self.slider.value() >= SLIDER_MAX:
                self.slider.setValue(0)
            self.play.setText(self.tr("❚❚ Pause"))
            self._play.start()
        else:
            self.play.setText(self.tr("▶ Replay"))
            self._play.stop()

    def _on_play_timeout(self) -> None:
        value = min(SLIDER_MAX, self.slider.value() + PLAY_STEP)
        self.slider.setValue(value)
        if value >= SLIDER_MAX:
            self.play.setChecked(False)

    # -- interaction ----------------------------------------------------------------------

    def _on_filter_activated(self, _index: int) -> None:
        self._scope = GraphScope(
            channel=self.channel.currentData(), rumor_id=self.rumor.currentData()
        )
        self.refresh()

    def _on_cancel_clicked(self) -> None:
        if self._stop is not None:
            self._stop.set()

    def _on_changes_changed(self, topics: frozenset) -> None:
        if topics & {"posts", "authors", "rumors"} or (
            "graph" in topics and self._drawing is not None
        ):
            # A rebuild costs seconds on a large crisis: a graph behind another tab waits.
            self.when_shown(self._reload.start)

    def _account_text(self, index: int) -> str:
        drawing = self._drawing
        assert drawing is not None
        node = drawing.nodes[index]
        account = drawing.accounts.get(node)
        graph = drawing.result.graph
        community = int(drawing.community[index])
        label = drawing.analysis.labels.get(community, "") if community >= 0 else ""
        lines = [
            f"@{drawing.label(index)}",
            account.display_name if account and account.display_name else "",
            self.tr("{channel} · {kind} · {followers} followers").format(
                channel=account.channel if account else "",
                kind=account.kind if account else "",
                followers=account.followers if account else 0,
            ),
            self.tr("Influence (PageRank) {pagerank:.4f} · in {inn} · out {out}").format(
                pagerank=drawing.analysis.pagerank.get(node, 0.0),
                inn=graph.in_degree(node),
                out=graph.out_degree(node),
            ),
            self.tr("Community: {label}").format(label=label or self.tr("none")),
        ]
        return "\n".join(line for line in lines if line)

    def _on_canvas_node_hovered(self, index: int) -> None:
        if index < 0 or self._drawing is None:
            self.hover.setText("")
            return
        self.hover.setText(self._account_text(index).replace("\n", "  ·  "))

    def _select(self, index: int, centre: bool = True) -> None:
        drawing = self._drawing
        if drawing is None:
            return
        self.canvas.select(index, centre)
        self.panel.show_account(self._account_text(index), index)
        author_id = drawing.nodes[index]
        db = self._ctx.crisis.db
        self._ctx.runner.run_query(
            lambda: graph_store.recent_posts_of(db, author_id),
            on_success=self._on_posts_loaded,
        )

    def _on_posts_loaded(self, rows: list) -> None:
        if not self._alive():
            return
        tz = self._ctx.tz
        lines = []
        for _id, at, channel, text in rows:
            when = at.astimezone(tz).strftime("%d %b %H:%M")
            lines.append(f"{when}  [{channel}]  {' '.join(text.split())[:300]}")
        self.panel.set_posts(lines)

    def _on_canvas_node_clicked(self, index: int) -> None:
        self._select(index, centre=False)  # the node is under the mouse: do not move it
        self._on_panel_show_feed(index)

    def _on_panel_node_chosen(self, index: int) -> None:
        self._select(index)

    def _on_panel_show_feed(self, index: int) -> None:
        if self._drawing is None or index < 0:
            return
        label = self.tr("Posts by @{handle}").format(handle=self._drawing.label(index))
        self._ctx.navigator.show_posts.emit(
            PostFilter(author_id=self._drawing.nodes[index], label=label)
        )

    def _on_search_chosen(self, text: str) -> None:
        index = self._handles.get(text.strip().lstrip("@").lower())
        if index is None:
            self.hover.setText(self.tr("No account “{text}” in this graph.").format(text=text))
            return
        if not bool(self.canvas.visible[index]) and self.slider.value() < SLIDER_MAX:
            self.slider.setValue(SLIDER_MAX)
        self._select(index)

    def _on_export_clicked(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the graph"),
            "graph.gexf",
            self.tr("GEXF for Gephi (*.gexf);;GraphML (*.graphml)"),
        )
        if path:
            self.export_to(Path(path), graphml=path.lower().endswith(".graphml"))

    def export_to(self, path: Path, graphml: bool = False) -> None:
        """Write the graph as shown (positions, sizes, colours) in the background."""
        drawing = self._drawing
        if drawing is None:
            return
        db = self._ctx.crisis.db
        writer = graph_export.export_graphml if graphml else graph_export.export_gexf
        self.hover.setText(self.tr("Exporting to {path}…").format(path=path))
        self._ctx.runner.run_long(
            lambda _state: writer(path, db, drawing.scope, drawing),
            on_success=self._on_exported,
            on_failure=self._on_export_failed,
        )

    def _on_export_failed(self, exc: Exception) -> None:
        if self._alive():
            self.hover.setText(str(exc))

    def _on_exported(self, summary) -> None:
        if self._alive():
            self.hover.setText(
                self.tr("Exported {nodes} accounts and {edges} links to {path}").format(
                    nodes=summary.nodes, edges=summary.edges, path=summary.path
                )
            )

    def _on_panel_renamed(self, community: int, label: str) -> None:
        db = self._ctx.crisis.db
        if self._drawing is not None:
            self._drawing.analysis.labels[community] = label
        self._ctx.runner.run_write(
            lambda: graph_store.set_community_label(db, community, label),
            changed=(),
            on_failure=lambda exc: self.hover.setText(str(exc)),
        )


def visible_nodes(canvas: GraphCanvas) -> np.ndarray:
    return np.flatnonzero(canvas.visible)
