"""The Timeline view: phases, logbook milestones, statements, rumors and volume spikes on
one time axis (pyqtgraph), zoomable from minutes to weeks; a click jumps to the item."""

from __future__ import annotations

from datetime import timedelta

import pyqtgraph as pg
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QToolButton, QVBoxLayout

from warroom.domain.filters import PostFilter
from warroom.domain.timeline import LANE_PHASES, LANES, Timeline, TimelineItem
from warroom.store import timeline as timeline_store
from warroom.ui.context import AppContext
from warroom.ui.guard import alive
from warroom.ui.views.base import View

LANE_TITLES = {
    "phases": "Phases",
    "milestones": "Logbook",
    "statements": "Statements",
    "rumors": "Rumors",
    "spikes": "Spikes",
}
COLOURS = {
    "event": "#c62828",
    "decision": "#1565c0",
    "action": "#2e7d32",
    "communication": "#6a1b9a",
    "system": "#5b6b85",
    "published": "#2e7d32",
    "approved": "#1565c0",
    "open": "#c62828",
    "rebutted": "#2e7d32",
    "spike": "#ef6c00",
    "watch": "#90a4ae",
    "alert": "#ffb300",
    "acute": "#e53935",
    "recovery": "#43a047",
    "closed": "#9e9e9e",
}
ZOOMS = (
    ("30 min", timedelta(minutes=30)),
    ("6 h", timedelta(hours=6)),
    ("1 day", timedelta(days=1)),
    ("1 week", timedelta(weeks=1)),
)


def _colour(style: str) -> QColor:
    return QColor(COLOURS.get(style, "#546e7a"))


class TimelineView(View):
    view_name = "timeline"

    def __init__(self, ctx: AppContext, parent=None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.timeline = Timeline()
        self._points: list[tuple[pg.ScatterPlotItem, list[TimelineItem]]] = []
        self._stacked_labels: list[pg.TextItem] = []
        self.axis = pg.DateAxisItem(orientation="bottom", utcOffset=self._utc_offset())
        self.plot = pg.PlotWidget(axisItems={"bottom": self.axis}, background="w")
        self.plot.setObjectName("timelinePlot")
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.plot.getPlotItem().hideButtons()
        self.plot.setMenuEnabled(False)
        left = self.plot.getAxis("left")
        left.setTicks([[(-i, self.tr(LANE_TITLES[lane])) for i, lane in enumerate(LANES)]])
        self.plot.setYRange(-len(LANES) + 0.4, 0.6, padding=0)
        self.status = QLabel(self)
        self.status.setObjectName("timelineStatus")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Zoom:"), self))
        for label, span in ZOOMS:
            button = QToolButton(self)
            button.setText(self.tr(label))
            button.setObjectName(f"zoom_{label.replace(' ', '')}")
            button.clicked.connect(lambda _=False, s=span: self.zoom_to(s))
            bar.addWidget(button)
        fit = QToolButton(self)
        fit.setText(self.tr("All"))
        fit.setObjectName("zoom_all")
        fit.clicked.connect(self.zoom_all)
        bar.addWidget(fit)
        bar.addWidget(self.status, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(self.plot, 1)
        # The replay cursor, drawn across every lane while a replay is on.
        self.cursor_line = pg.InfiniteLine(
            angle=90, movable=False, pen=pg.mkPen("#c62828", width=2, style=Qt.PenStyle.DashLine)
        )
        self.cursor_line.setObjectName("timelineCursor")
        self.cursor_line.setZValue(50)
        self.cursor_line.hide()
        self.plot.addItem(self.cursor_line, ignoreBounds=True)
        ctx.changes.changed.connect(self._on_changes_changed)
        ctx.navigator.as_of_changed.connect(self._on_navigator_as_of_changed)
        self.refresh()

    def _on_navigator_as_of_changed(self, when) -> None:
        if when is None:
            self.cursor_line.hide()
            return
        self.cursor_line.setValue(when.timestamp())
        self.cursor_line.show()

    def _utc_offset(self) -> float:
        offset = self._ctx.info.opened_at.astimezone(self._ctx.tz).utcoffset()
        return -(offset.total_seconds() / 3600) if offset else 0.0

    # -- View API -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(560, 300)

    def title(self) -> str:
        return self.tr("Timeline")

    def item_count(self) -> int:
        return len(self.timeline.items)

    def refresh(self) -> None:
        db = self._ctx.crisis.db
        self._ctx.runner.run_query(
            lambda: timeline_store.load(db), on_success=alive(self, self._on_loaded)
        )

    def _on_changes_changed(self, topics: frozenset) -> None:
        if topics & {"logbook", "statements", "rumors", "posts", "crisis"}:
            self.refresh()

    # -- drawing ------------------------------------------------------------------------
    def _on_loaded(self, timeline: Timeline) -> None:
        first_load = not self.timeline.items
        self.timeline = timeline
        self.plot.clear()
        self.plot.addItem(self.cursor_line, ignoreBounds=True)
        self._points = []
        self._stacked_labels = []
        for row, lane in enumerate(LANES):
            items = timeline.lane(lane)
            self._draw_bars(-row, [i for i in items if i.end is not None], lane == LANE_PHASES)
            self._draw_points(-row, [i for i in items if i.end is None])
        self.status.setText(self.tr("%n items — click one to open it", "", len(timeline.items)))
        self._fit_labels()
        if first_load:
            self.zoom_all()

    def _fit_labels(self) -> None:
        """Bars stacked three to a lane (rumors) keep their labels only when the plot is tall
        enough for three lines of text per lane; otherwise their tooltips name them."""
        per_lane = self.plot.height() / max(1, len(LANES))
        tall = per_lane >= 3 * self.fontMetrics().height() + 6
        for text in self._stacked_labels:
            text.setVisible(tall)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_labels()

    def _draw_bars(self, y: float, items: list[TimelineItem], band: bool) -> None:
        height = 0.8 if band else 0.22
        starts = []
        for index, item in enumerate(items):
            assert item.end is not None
            lane_y = y if band else y + 0.25 - (index % 3) * 0.25
            starts.append(lane_y)
            start, end = (
                item.start.timestamp(),
                max(item.end.timestamp(), item.start.timestamp() + 60),
            )
            colour = _colour(item.style)
            colour.setAlpha(110 if band else 200)
            rect = pg.QtWidgets.QGraphicsRectItem(start, lane_y - height / 2, end - start, height)
            rect.setBrush(pg.mkBrush(colour))
            rect.setPen(pg.mkPen(None))
            rect.setToolTip(item.label)
            self.plot.addItem(rect)
            if band and (end - start) < 0.04 * self._span_seconds():
                continue  # a short phase: its tooltip names it, a label would overlap
            text = pg.TextItem(item.label[:60], color="#263238", anchor=(0, 0.5))
            text.setPos(start, lane_y)
            self.plot.addItem(text)
            if not band:
                self._stacked_labels.append(text)
        if not band:
            for index, item in enumerate(items):
                self._draw_points(starts[index], [item], symbol="t1")

    def _span_seconds(self) -> float:
        span = self.timeline.span()
        return (span[1] - span[0]).total_seconds() if span else 0.0

    def _draw_points(self, y: float, items: list[TimelineItem], symbol: str = "o") -> None:
        if not items:
            return
        spots = [
            {
                "pos": (item.start.timestamp(), y),
                "brush": pg.mkBrush(_colour(item.style)),
                "data": index,
            }
            for index, item in enumerate(items)
        ]
        scatter = pg.ScatterPlotItem(
            size=11,
            pen=pg.mkPen("w"),
            symbol=symbol,
            hoverable=True,
            tip=lambda x, y, data: self._tip(items[int(data)]),
        )
        scatter.addPoints(spots)
        scatter.sigClicked.connect(self._on_scatter_clicked)
        self.plot.addItem(scatter)
        self._points.append((scatter, items))

    def _tip(self, item: TimelineItem) -> str:
        when = item.start.astimezone(self._ctx.tz).strftime("%d/%m %H:%M")
        return f"{when}  {item.label[:200]}\n" + self.tr("Click to open")

    # -- zoom and navigation ------------------------------------------------------------
    def zoom_all(self) -> None:
        span = self.timeline.span()
        if span is None:
            return
        start, end = span
        margin = max((end - start).total_seconds() * 0.03, 300)
        self.plot.setXRange(start.timestamp() - margin, end.timestamp() + margin, padding=0)

    def zoom_to(self, width: timedelta) -> None:
        low, high = self.plot.viewRange()[0]
        centre = (low + high) / 2
        half = width.total_seconds() / 2
        self.plot.setXRange(centre - half, centre + half, padding=0)

    def visible_seconds(self) -> float:
        low, high = self.plot.viewRange()[0]
        return float(high - low)

    def _on_scatter_clicked(self, scatter, points, *_args) -> None:
        items = next((items for item, items in self._points if item is scatter), None)
        if items is None or len(points) == 0:
            return
        self.open_item(items[int(points[0].data())])

    def open_item(self, item: TimelineItem) -> None:
        """Jump to the item in the view that owns it."""
        navigator = self._ctx.navigator
        if item.kind == "posts":
            navigator.show_posts.emit(
                PostFilter(
                    since=item.start,
                    until=item.start + timedelta(hours=1),
                    label=item.label,
                )
            )
        elif item.kind in ("entry", "statement", "rumor"):
            navigator.show_item.emit(item.kind, item.ident)
        self.status.setText(self.tr("Opened: %1").replace("%1", item.label[:80]))
