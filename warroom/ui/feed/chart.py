"""The volume chart under the feed: stacked bars per channel, negative share, markers."""

from __future__ import annotations

import html
from datetime import UTC, datetime, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from warroom.store.feed_stats import Marker, VolumeSeries
from warroom.ui.models.feed_model import CHANNEL_COLOURS

MAX_STACKED = 6
SHARE_WINDOW = 3  # buckets: the negative share is read over a short window, not one bar
SHARE_MIN_POSTS = 10  # … and only where the window holds enough posts to mean something


def rolling_share(negatives: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """Negative share over a centred window of SHARE_WINDOW buckets, weighted by volume
    (NaN where the window holds fewer than SHARE_MIN_POSTS posts)."""
    kernel, pad = np.ones(SHARE_WINDOW), SHARE_WINDOW // 2
    neg = np.convolve(np.pad(negatives.astype(float), pad), kernel, mode="valid")
    tot = np.convolve(np.pad(totals.astype(float), pad), kernel, mode="valid")
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(tot >= SHARE_MIN_POSTS, neg / np.maximum(tot, 1), np.nan)


class VolumeChart(QWidget):
    """Signals:
    interval_clicked(object, object): start and end (UTC datetimes) of the clicked bar.
    """

    interval_clicked = Signal(object, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.plot = pg.PlotWidget(axisItems={"bottom": pg.DateAxisItem()}, background="w")
        self.plot.setObjectName("volumePlot")
        self.plot.setMinimumHeight(120)
        self.plot.showGrid(y=True, alpha=0.2)
        self.plot.setLabel("left", self.tr("posts"))
        self.plot.setMouseEnabled(x=True, y=False)
        self.share = pg.ViewBox()
        self.plot.showAxis("right")
        self.plot.scene().addItem(self.share)
        self.plot.getAxis("right").linkToView(self.share)
        self.plot.getAxis("right").setLabel(self.tr("negative share"))
        self.share.setXLink(self.plot)
        self.share.setYRange(0, 1)
        self.plot.getViewBox().sigResized.connect(self._sync_views)
        self.plot.scene().sigMouseClicked.connect(self._on_scene_clicked)
        self.series: VolumeSeries | None = None
        self.selection = pg.LinearRegionItem(movable=False, brush=(255, 193, 7, 60))
        self.selection.setZValue(-10)
        # The legend is a line of its own above the plot: inside it, it hid bars and markers.
        self.legend = QLabel(self)
        self.legend.setObjectName("volumeLegend")
        self.legend.setTextFormat(Qt.TextFormat.RichText)  # names are escaped
        self.legend.setWordWrap(True)
        self.legend.setStyleSheet("color: #37474f; font-size: 8pt; padding-left: 4px;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.legend)
        layout.addWidget(self.plot)

    def _set_legend(self, entries: list[tuple[str, str]]) -> None:
        """Colour swatches of the stacked channels, then the negative-share line."""
        parts = [
            f'<span style="color:{colour}; font-size:11pt">■</span>&nbsp;{html.escape(name)}'
            for name, colour in entries
        ]
        share = html.escape(self.tr("negative share"))
        parts.append(f'<span style="color:#b00020; font-size:11pt">━</span>&nbsp;{share}')
        self.legend.setText("&nbsp;&nbsp; ".join(parts))

    def _sync_views(self) -> None:
        self.share.setGeometry(self.plot.getViewBox().sceneBoundingRect())
        self.share.linkedViewChanged(self.plot.getViewBox(), self.share.XAxis)

    def show_series(self, series: VolumeSeries, markers: list[Marker]) -> None:
        self.series = series
        self.plot.clear()
        self.share.clear()
        if series.buckets == 0:
            return
        step = series.interval.total_seconds()
        x = series.start.timestamp() + step * (np.arange(series.buckets) + 0.5)
        base = np.zeros(series.buckets)
        legend = []
        for index, channel in enumerate(series.channels[:MAX_STACKED]):
            heights = series.counts[index].astype(float)
            colour = CHANNEL_COLOURS.get(channel, "#777")
            self._bars(x, heights, base, step, colour, channel)
            legend.append((channel, colour))
            base = base + heights
        if len(series.channels) > MAX_STACKED:
            rest = series.counts[MAX_STACKED:].sum(axis=0).astype(float)
            self._bars(x, rest, base, step, "#bbbbbb", self.tr("other"))
            legend.append((self.tr("other"), "#bbbbbb"))
        self._set_legend(legend)
        share = rolling_share(series.negatives, series.totals)
        curve = pg.PlotCurveItem(x, share, pen=pg.mkPen("#b00020", width=2), connect="finite")
        self.share.addItem(curve)
        # Only markers far enough from the previous labelled one get a text label (the
        # others keep their line and tooltip), so a busy crisis does not pile labels up.
        span = max(x[-1] - series.start.timestamp(), step)
        last_labelled: float | None = None
        shown = 0
        for marker in sorted(markers, key=lambda m: m.at):
            at = marker.at.timestamp()
            labelled = last_labelled is None or at - last_labelled > span / 6
            if labelled:
                last_labelled = at
                shown += 1
            self._marker(marker, 0.95 - 0.1 * (shown % 3), labelled)
        self.plot.addItem(self.selection)
        self.selection.hide()
        self.plot.setXRange(series.start.timestamp(), x[-1] + step / 2, padding=0.01)
        self._sync_views()

    def _bars(self, x, heights, base, step, colour, name) -> None:
        item = pg.BarGraphItem(
            x=x, height=heights, y0=base, width=step * 0.9, brush=colour, pen=None, name=name
        )
        self.plot.addItem(item)

    def _marker(self, marker: Marker, height: float, labelled: bool = True) -> None:
        statement = marker.kind == "statement"
        colour = "#1e7d32" if statement else "#c77700"
        short = marker.label if len(marker.label) <= 22 else marker.label[:21] + "…"
        label = ("✔ " if statement else "⚠ ") + short
        line = pg.InfiniteLine(
            pos=marker.at.timestamp(),
            angle=90,
            pen=pg.mkPen(colour, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine),
            label=label if labelled else None,
            labelOpts={"position": height, "color": colour, "anchors": [(0, 0.5), (0, 0.5)]},
        )
        line.setToolTip(marker.label)
        self.plot.addItem(line)

    def bucket_at(self, x_value: float) -> tuple[datetime, datetime] | None:
        series = self.series
        if series is None or series.buckets == 0:
            return None
        step = series.interval.total_seconds()
        index = int((x_value - series.start.timestamp()) // step)
        if not 0 <= index < series.buckets:
            return None
        start = series.start + timedelta(seconds=step * index)
        return start, start + series.interval

    def shown_span(self) -> tuple[datetime, datetime] | None:
        """The time span on screen (zoomed or not), within the series; None before it loads."""
        series = self.series
        if series is None or series.buckets == 0:
            return None
        first = series.start.timestamp()
        last = first + series.interval.total_seconds() * series.buckets
        (low, high), _ys = self.plot.getViewBox().viewRange()
        low, high = max(low, first), min(high, last)
        if high <= low:
            low, high = first, last
        return (
            datetime.fromtimestamp(low // 60 * 60, UTC),
            datetime.fromtimestamp(-(-high // 60) * 60, UTC),
        )

    def highlight(self, since: datetime | None, until: datetime | None) -> None:
        if since is None or until is None:
            self.selection.hide()
            return
        self.selection.setRegion((since.timestamp(), until.timestamp()))
        self.selection.show()

    def _on_scene_clicked(self, event) -> None:
        view = self.plot.getViewBox()
        if not view.sceneBoundingRect().contains(event.scenePos()):
            return
        point = view.mapSceneToView(event.scenePos())
        found = self.bucket_at(point.x())
        if found is not None:
            self.highlight(*found)
            self.interval_clicked.emit(found[0].astimezone(UTC), found[1].astimezone(UTC))
