"""Sentiment over time of one group (hourly average), with its statements as markers."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from warroom.ui.stakeholders.colours import NEGATIVE, POSITIVE


class SentimentChart(pg.PlotWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent, axisItems={"bottom": pg.DateAxisItem(orientation="bottom")})
        self.setObjectName("groupSentimentChart")
        self.setBackground("w")
        self.setMinimumHeight(170)
        plot = self.getPlotItem()
        plot.showGrid(x=True, y=True, alpha=0.2)
        plot.setYRange(-1, 1, padding=0.05)
        plot.setMouseEnabled(x=True, y=False)
        plot.setLabel("left", self.tr("sentiment"))
        for axis in ("left", "bottom"):
            plot.getAxis(axis).setTextPen(QColor("#1f2a44"))
        self._zero = pg.InfiniteLine(0, angle=0, pen=pg.mkPen("#9aa3ad", width=1))
        self.addItem(self._zero)
        self._curve = pg.PlotDataItem(
            pen=pg.mkPen("#1f2a44", width=2), symbol="o", symbolSize=5, symbolBrush="#1f2a44"
        )
        self.addItem(self._curve)
        self._markers: list[pg.InfiniteLine] = []
        self.points = 0

    def set_series(self, points, marks, tz) -> None:
        if points:  # hours on the axis in the crisis time zone
            offset = points[-1].hour.astimezone(tz).utcoffset()
            self.getPlotItem().getAxis("bottom").utcOffset = -offset.total_seconds()
        xs = [p.hour.timestamp() + 1800 for p in points]
        ys = [p.sentiment for p in points]
        self._curve.setData(xs, ys)
        self.points = len(points)
        self._place_markers(marks, tz)
        if xs:
            lows = xs + [m.published_at.timestamp() for m in marks]
            self.getPlotItem().setXRange(min(lows) - 1800, max(lows) + 1800, padding=0.02)
        self._curve.setSymbolBrush(NEGATIVE if ys and sum(ys) < 0 else POSITIVE)

    def _place_markers(self, marks, tz) -> None:
        """Statement markers are reused, never destroyed: pyqtgraph lines hold reference
        cycles, and a cycle collected later in a worker thread would destroy Qt objects
        off the GUI thread."""
        while len(self._markers) < len(marks):
            line = pg.InfiniteLine(
                0,
                angle=90,
                pen=pg.mkPen("#e4572e", width=2, style=Qt.PenStyle.DashLine),
                label="",
                labelOpts={"position": 0.92, "color": "#b23a17", "fill": (255, 255, 255, 200)},
            )
            self.addItem(line)
            self._markers.append(line)
        for line, mark in zip(self._markers, marks, strict=False):
            line.setValue(mark.published_at.timestamp())
            line.label.setFormat(f"{mark.title[:40]} ({', '.join(mark.channels)})")
            line.setToolTip(f"{mark.title}\n{mark.published_at.astimezone(tz):%Y-%m-%d %H:%M}")
            line.show()
        for line in self._markers[len(marks) :]:
            line.hide()

    def marker_count(self) -> int:
        return sum(1 for line in self._markers if line.isVisible())
