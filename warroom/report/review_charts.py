"""Charts of the review report, drawn directly with reportlab graphics (vector, no
screenshots): posts per day stacked by channel, and response times against targets."""

from __future__ import annotations

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from warroom.domain.review import ChannelResponse

SAME_DAY_HOURS = 8  # how a "same day" target is drawn (the legend says so)

PALETTE = [
    "#1d4e89",
    "#e07a1f",
    "#2e8b57",
    "#b23a48",
    "#6a4c93",
    "#00838f",
    "#8d6e63",
    "#c0a000",
    "#546e7a",
    "#ad1457",
]


def colour(index: int) -> colors.Color:
    return colors.HexColor(PALETTE[index % len(PALETTE)])


def volume_chart(
    by_day: dict[str, dict[str, int]], channels: list[str], width: float, font: str
) -> Drawing:
    """Stacked bars: posts per day (crisis time zone), one colour per channel."""
    days = sorted(by_day)
    height = 190.0
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 40, 40
    chart.width, chart.height = width - 170, height - 60
    chart.data = [[by_day[d].get(c, 0) for d in days] for c in channels] or [[0]]
    chart.categoryAxis.style = "stacked"
    chart.categoryAxis.categoryNames = [d[5:] if i % 3 == 0 else "" for i, d in enumerate(days)]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 6
    chart.categoryAxis.labels.angle = 45
    chart.categoryAxis.labels.boxAnchor = "ne"
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.barSpacing = 0.5
    chart.groupSpacing = 1
    for index in range(len(channels)):
        chart.bars[index].fillColor = colour(index)
        chart.bars[index].strokeColor = None
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 115, height - 25
    legend.fontName, legend.fontSize = font, 7
    legend.alignment = "right"
    legend.columnMaximum = 10
    legend.colorNamePairs = [(colour(i), c) for i, c in enumerate(channels)]
    drawing.add(legend)
    drawing.add(String(40, height - 12, "Posts per day, by channel", fontName=font, fontSize=8))
    return drawing


def response_chart(responses: list[ChannelResponse], width: float, font: str) -> Drawing:
    """Median time to answer per channel (hours) beside the channel's target."""
    rows = [r for r in responses if r.median_minutes is not None]
    height = 40.0 + 22 * max(1, len(rows))
    drawing = Drawing(width, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 70, 20
    chart.width, chart.height = width - 180, height - 35
    medians = [round((r.median_minutes or 0) / 60, 2) for r in rows]
    targets = [
        round(r.target_minutes / 60, 2) if r.target_minutes is not None else SAME_DAY_HOURS
        for r in rows
    ]
    chart.data = [medians or [0], targets or [0]]
    chart.categoryAxis.categoryNames = [r.channel for r in rows] or [""]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = colors.HexColor("#1d4e89")
    chart.bars[1].fillColor = colors.HexColor("#c8d3e6")
    drawing.add(chart)
    legend = Legend()
    legend.x, legend.y = width - 100, height - 10
    legend.fontName, legend.fontSize = font, 7
    legend.colorNamePairs = [
        (colors.HexColor("#1d4e89"), "median (h)"),
        (colors.HexColor("#c8d3e6"), "target (h; same day = 8)"),
    ]
    drawing.add(legend)
    return drawing
