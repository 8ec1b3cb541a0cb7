"""The spread chart: the rumor's posts per time bucket against its rebuttal's, with the
rebuttal's publications, the correction at the source and the replay instant marked."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from warroom.store.rumor_queries import SpreadData

RUMOR_PEN = "#c62828"
REBUTTAL_PEN = "#1e7d32"


def group_publications(
    publications: list[tuple[datetime, str, str]], window: timedelta = timedelta(minutes=30)
) -> list[tuple[datetime, list[str]]]:
    """Publications close in time share one marker: (first time, [channels])."""
    groups: list[tuple[datetime, list[str]]] = []
    for at, channel, _url in sorted(publications):
        if groups and at - groups[-1][0] <= window:
            if channel not in groups[-1][1]:
                groups[-1][1].append(channel)
        else:
            groups.append((at, [channel]))
    return groups


class SpreadChart(QWidget):
    def __init__(self, tz: ZoneInfo, parent=None) -> None:
        super().__init__(parent)
        self._tz = tz
        self.axis = pg.DateAxisItem(orientation="bottom")
        self.plot = pg.PlotWidget(self, axisItems={"bottom": self.axis})
        self.plot.setObjectName("spreadPlot")
        self.plot.setBackground("w")
        self.plot.showGrid(x=True, y=True, alpha=0.2)
        self.plot.setLabel("left", self.tr("posts per interval"))
        self.plot.setMouseEnabled(x=True, y=False)
        self.legend = self.plot.addLegend(offset=(10, 10))
        self.totals = QLabel(self)
        self.totals.setObjectName("spreadTotals")
        self.totals.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.totals)
        self.data: SpreadData | None = None

    def show_spread(self, data: SpreadData | None) -> None:
        self.data = data
        self.plot.clear()
        if data is None or not data.rumor.starts:
            self.totals.setText(self.tr("No post matches this rumor yet."))
            return
        offset = data.rumor.starts[0].astimezone(self._tz).utcoffset()
        # pyqtgraph wants seconds *west* of UTC, like time.timezone: show the crisis zone.
        self.axis.utcOffset = -int(offset.total_seconds()) if offset is not None else 0
        step = data.step.total_seconds()
        edges = [s.timestamp() for s in data.rumor.starts] + [
            data.rumor.starts[-1].timestamp() + step
        ]
        if data.as_of is not None and edges[-2] < data.as_of.timestamp() < edges[-1]:
            edges[-1] = data.as_of.timestamp()  # a replay: the last interval is cut short
        self.plot.plot(
            edges,
            data.rumor.posts,
            stepMode="center",
            fillLevel=0,
            brush=(198, 40, 40, 60),
            pen=pg.mkPen(RUMOR_PEN, width=2),
            name=self.tr("Rumor"),
        )
        self.plot.plot(
            edges,
            data.rebuttal.posts,
            stepMode="center",
            fillLevel=0,
            brush=(30, 125, 50, 60),
            pen=pg.mkPen(REBUTTAL_PEN, width=2),
            name=self.tr("Rebuttal"),
        )
        for at, channels in group_publications(data.publications):
            line = pg.InfiniteLine(
                pos=at.timestamp(),
                angle=90,
                pen=pg.mkPen(REBUTTAL_PEN, width=1, style=Qt.PenStyle.DashLine),
                label=self.tr("rebuttal: %1").replace("%1", ", ".join(channels)),
                labelOpts={"position": 0.7, "color": REBUTTAL_PEN, "rotateAxis": (1, 0)},
            )
            self.plot.addItem(line)
        if data.corrected_at is not None:
            self.plot.addItem(
                pg.InfiniteLine(
                    pos=data.corrected_at.timestamp(),
                    angle=90,
                    pen=pg.mkPen("#2f5fb3", width=1, style=Qt.PenStyle.DotLine),
                    label=self.tr("corrected at source"),
                    labelOpts={"position": 0.35, "color": "#2f5fb3", "rotateAxis": (1, 0)},
                )
            )
        if data.as_of is not None and data.as_of <= data.rumor.starts[-1] + data.step:
            self.plot.addItem(
                pg.InfiniteLine(
                    pos=data.as_of.timestamp(),
                    angle=90,
                    pen=pg.mkPen("#8a6d00", width=2),
                    label=self.tr("replay %1").replace(
                        "%1", data.as_of.astimezone(self._tz).strftime("%d/%m %H:%M")
                    ),
                    labelOpts={"position": 0.55, "color": "#8a6d00", "rotateAxis": (1, 0)},
                )
            )
        self.totals.setText(
            self.tr("Rumor: %1 posts, reach %2 — Rebuttal: %3 posts, reach %4")
            .replace("%1", str(data.rumor.total_posts))
            .replace("%2", f"{data.rumor.total_reach:,}".replace(",", " "))
            .replace("%3", str(data.rebuttal.total_posts))
            .replace("%4", f"{data.rebuttal.total_reach:,}".replace(",", " "))
        )
