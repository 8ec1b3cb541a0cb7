"""The post-crisis review report (PDF, reportlab platypus).

Sections: timeline, volume by channel and phase, response times against targets,
statements and their reach, rumors and time-to-rebuttal, stakeholder coverage and gaps,
top accounts and communities, the logbook's decisions, the exercise score sheet (for
exercises), and the lessons learned the cell recorded. Exercises carry "EXERCISE" on the
cover and in every page header. Times are in the crisis time zone.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas as pdfcanvas
from reportlab.platypus import (
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from warroom import paths
from warroom.analysis.review import ReviewData
from warroom.report import review_charts
from warroom.report.review_sections import SECTIONS

FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
NAVY = colors.HexColor("#1d2b4f")
RED = colors.HexColor("#b00020")
PAGE_W, PAGE_H = A4
MARGIN = 16 * mm
BODY_W = PAGE_W - 2 * MARGIN


@functools.cache
def register_fonts() -> None:
    for name, filename in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT)


def text(value: object, limit: int = 600) -> str:
    """Untrusted text made safe for paragraph markup (escaped, no control characters)."""
    raw = "".join(ch for ch in str(value) if ch >= " " or ch in "\n\t")
    if len(raw) > limit:
        raw = raw[: limit - 1] + "…"
    return escape(raw)


class Styles:
    def __init__(self) -> None:
        register_fonts()
        base = ParagraphStyle("body", fontName=FONT, fontSize=8.5, leading=11)
        self.body = base
        self.small = ParagraphStyle("small", parent=base, fontSize=7.5, leading=9.5)
        self.cell = ParagraphStyle("cell", parent=base, fontSize=7.5, leading=9)
        self.h1 = ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            textColor=NAVY,
            spaceBefore=6,
            spaceAfter=6,
        )
        self.title = ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=22, leading=28, textColor=NAVY
        )
        self.banner = ParagraphStyle(
            "banner", parent=base, fontName=FONT_BOLD, fontSize=16, leading=20, textColor=RED
        )


class NumberedCanvas(pdfcanvas.Canvas):
    """Two passes: pages are kept, then each is drawn with "page X of Y"."""

    def __init__(self, *args: Any, header: str = "", exercise: bool = False, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []
        self._header = header
        self._exercise = exercise

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._decorate(total)
            super().showPage()
        super().save()

    def _decorate(self, total: int) -> None:
        self.saveState()
        self.setStrokeColor(NAVY)
        self.line(MARGIN, PAGE_H - 12 * mm, PAGE_W - MARGIN, PAGE_H - 12 * mm)
        self.setFont(FONT_BOLD if self._exercise else FONT, 7.5)
        self.setFillColor(RED if self._exercise else NAVY)
        self.drawString(MARGIN, PAGE_H - 10 * mm, self._header[:120])
        self.setFillColor(colors.black)
        self.setFont(FONT, 7.5)
        self.drawRightString(PAGE_W - MARGIN, 9 * mm, f"page {self._pageNumber} of {total}")
        self.drawString(MARGIN, 9 * mm, "Post-crisis review — warroom")
        self.restoreState()


def table(
    rows: Sequence[Sequence[object]], widths: Sequence[float], styles: Styles, header: bool = True
) -> Table:
    data = [[Paragraph(text(cell), styles.cell) for cell in row] for row in rows]
    result = Table(data, colWidths=[w * BODY_W for w in widths], repeatRows=1 if header else 0)
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.HexColor("#b8c0d0")),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e3e8f2"))]
    for index in range(2, len(rows), 2):
        commands.append(("BACKGROUND", (0, index), (-1, index), colors.HexColor("#f6f7fa")))
    result.setStyle(TableStyle(commands))
    return result


def local(data: ReviewData, at: datetime | None, full: bool = False) -> str:
    """A time in the crisis time zone: day and month in tables (the cover gives the year
    and the zone), the full date with ``full``."""
    if at is None:
        return "—"
    return at.astimezone(data.tz).strftime("%d/%m/%Y %H:%M" if full else "%d/%m %H:%M")


def duration(value: timedelta | None) -> str:
    if value is None:
        return "—"
    minutes = int(value.total_seconds() // 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    return f"{days}d {hours}h{minutes:02d}" if days else f"{hours}h{minutes:02d}"


def write_review(data: ReviewData, out: Path) -> Path:
    """Render the review to ``out`` (written to a temporary name, then renamed)."""
    styles = Styles()
    story: list[Any] = _cover(data, styles)
    for number, (title, build) in enumerate(SECTIONS, start=1):
        flowables = build(data, styles)
        if not flowables:
            continue
        heading = Paragraph(f"{number}. {escape(title)}", styles.h1)
        story.append(KeepTogether([heading, *flowables[:1]]))
        story.extend(flowables[1:])
        story.append(Spacer(1, 4 * mm))
    partial = out.with_name(out.name + ".part")
    header = f"{data.crisis.display_name} — post-crisis review"
    doc = SimpleDocTemplate(
        str(partial),
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=18 * mm,
        bottomMargin=16 * mm,
        title=f"Post-crisis review — {data.crisis.display_name}",
        author=data.operator or "warroom",
    )

    def make_canvas(*args: Any, **kwargs: Any) -> NumberedCanvas:
        return NumberedCanvas(*args, header=header, exercise=data.crisis.is_exercise, **kwargs)

    try:
        doc.build(story, canvasmaker=make_canvas)
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return out


def _cover(data: ReviewData, styles: Styles) -> list[Any]:
    info = data.crisis
    story: list[Any] = [Spacer(1, 30 * mm)]
    if info.is_exercise:
        story.append(Paragraph("EXERCISE — NOT A REAL CRISIS", styles.banner))
        story.append(Spacer(1, 4 * mm))
    story += [
        Paragraph("Post-crisis review", styles.title),
        Spacer(1, 4 * mm),
        Paragraph(text(info.display_name), styles.h1),
        Paragraph(text(info.description), styles.body),
        Spacer(1, 8 * mm),
    ]
    last = data.phases[-1]
    rows = [
        ["", ""],
        ["Opened", local(data, info.opened_at, full=True)],
        ["Closed", local(data, info.closed_at, full=True) if info.closed_at else "not closed"],
        ["Current phase", last.phase],
        ["Time zone", f"{info.timezone} (every time in this report)"],
        ["Posts collected", f"{data.totals.get('posts', 0):,}"],
        ["Logbook entries", f"{data.totals.get('entries', 0):,}"],
        ["Statements", str(len(data.statements))],
        ["Rumors", str(len(data.rumors))],
        [
            "Report generated",
            f"{local(data, data.generated_at, full=True)} by {data.operator or '—'}",
        ],
    ]
    story.append(table(rows[1:], [0.3, 0.7], styles, header=False))
    story.append(Spacer(1, 6 * mm))
    phase_rows = [["Phase", "From", "To"]] + [
        [
            span.phase,
            local(data, span.start, full=True),
            local(data, span.end, full=True) if span.end else "…",
        ]
        for span in data.phases
    ]
    story.append(table(phase_rows, [0.3, 0.35, 0.35], styles))
    story.append(PageBreak())
    return story


def chart_volume(data: ReviewData) -> Any:
    return review_charts.volume_chart(data.volume_by_day, data.channels[:10], BODY_W, FONT)


def chart_responses(data: ReviewData) -> Any:
    return review_charts.response_chart(data.responses, BODY_W, FONT)
