"""The main courante as an official PDF document (reportlab platypus).

Cover page (crisis, period, cell members, export time and operator, filter), then one
register table per day (event time, recorded time, operator, category, text), with
amendments struck through and linked to their correction, automatic entries shaded and
marked, a running header with the column titles, a "page X of Y" footer, and a final
integrity page (entry count, first and last hash, verification result).

Times are shown in the crisis time zone. Long days are laid out as consecutive tables of
``CHUNK`` rows so that platypus never re-wraps a day of thousands of rows at every page
break (a single long table is quadratic to split).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

from warroom.domain.logchain import LogEntryData
from warroom.report.logbook_data import LogbookExport
from warroom.report.logbook_pdf_pages import (
    MARGIN,
    NAVY,
    PAGE_H,
    PAGE_W,
    cover,
    hm,
    integrity,
    make_styles,
)
from warroom.report.pdf_numbering import NumberedCanvas
from warroom.report.pdf_text import FONT, FONT_BOLD, markup, register_fonts, split_long

Progress = Callable[[int, int], None]
CHUNK = 60
COLUMNS = (("#", 11), ("Event", 15), ("Recorded", 24), ("Operator", 30), ("Category", 21))
TEXT_W = PAGE_W - 2 * MARGIN - sum(w for _, w in COLUMNS) * mm
WIDTHS = [w * mm for _, w in COLUMNS] + [TEXT_W]
HEADER_BAND = 17 * mm
AUTO_BG = colors.HexColor("#eef1f6")
FIX_BG = colors.HexColor("#fff4e0")


class CellParagraph(Paragraph):
    """A table-cell paragraph that remembers its layout for a given width.

    A platypus table wraps every cell to measure rows, again when it splits at a page
    break and again when it draws; the result only depends on the width, so it is kept.
    """

    _cached: tuple[float, tuple[float, float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        if self._cached is not None and self._cached[0] == availWidth:
            return self._cached[1]
        size = super().wrap(availWidth, availHeight)
        self._cached = (availWidth, size)
        return size


class Cancelled(Exception):
    """The export was cancelled by the user; nothing was written."""


@dataclass(frozen=True)
class PdfResult:
    path: Path
    entries: int
    pages: int


class _Document(BaseDocTemplate):
    def __init__(self, target: str, export: LogbookExport, on_flowable: Callable[[object], None]):
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN + HEADER_BAND,
            bottomMargin=MARGIN + 6 * mm,
            title=f"Main courante — {export.crisis.name}",
            author=export.operator,
            subject="Logbook (main courante) export",
            creator="warroom",
        )
        self._export = export
        self._on_flowable = on_flowable
        self._outlined: list[str] = []
        frame = Frame(
            MARGIN,
            MARGIN + 6 * mm,
            PAGE_W - 2 * MARGIN,
            PAGE_H - 2 * MARGIN - HEADER_BAND - 6 * mm,
            id="f",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], onPage=self._plain_page),
                PageTemplate("register", [frame], onPage=self._register_page),
                PageTemplate("integrity", [frame], onPage=self._plain_page),
            ]
        )

    def afterFlowable(self, flowable: object) -> None:
        outline = getattr(flowable, "warroom_outline", None)
        if outline is not None:  # a day heading: a bookmark in the PDF's outline
            key = f"day{self.page}_{len(self._outlined)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(outline, key, level=0)
            self._outlined.append(key)
        self._on_flowable(flowable)

    def _head(self, c: Any, with_columns: bool) -> None:
        export = self._export
        top = PAGE_H - MARGIN
        c.saveState()
        c.setFont(FONT_BOLD, 8.5)
        c.setFillColor(NAVY)
        c.drawString(MARGIN, top - 3 * mm, f"MAIN COURANTE — {export.crisis_label}"[:110])
        c.setFont(FONT, 7.5)
        c.drawRightString(PAGE_W - MARGIN, top - 3 * mm, f"Times: {export.tz.key}")
        c.setStrokeColor(NAVY)
        c.setLineWidth(0.8)
        c.line(MARGIN, top - 5 * mm, PAGE_W - MARGIN, top - 5 * mm)
        if with_columns:
            y = top - 11 * mm
            c.setFillColor(NAVY)
            c.rect(MARGIN, y - 2 * mm, PAGE_W - 2 * MARGIN, 6 * mm, stroke=0, fill=1)
            c.setFillColor(colors.white)
            c.setFont(FONT_BOLD, 7.5)
            x = MARGIN
            for (title, _), width in zip((*COLUMNS, ("Text", 0)), WIDTHS, strict=True):
                c.drawString(x + 1.5 * mm, y, title)
                x += width
        c.restoreState()

    def _plain_page(self, canvas: object, doc: object) -> None:
        self._head(canvas, with_columns=False)

    def _register_page(self, canvas: object, doc: object) -> None:
        self._head(canvas, with_columns=True)


def _ref(seq: int, export: LogbookExport) -> str:
    """``#seq``, a link inside the document when that entry is in it."""
    return f'<a href="#e{seq}">#{seq}</a>' if seq in export.included else f"#{seq}"


def _row_cells(
    entry: LogEntryData, export: LogbookExport, styles: dict[str, ParagraphStyle]
) -> list[list[object]]:
    tz = export.tz
    recorded_fmt = (
        "%H:%M:%S"
        if entry.recorded_time.astimezone(tz).date() == entry.event_time.astimezone(tz).date()
        else "%d/%m/%y %H:%M"
    )
    operator = entry.operator + (f"\nfor {entry.on_behalf_of}" if entry.on_behalf_of else "")
    category = entry.category + ("\nAUTO" if entry.automatic else "")
    if entry.info_status:
        category += f"\n({entry.info_status})"
    text = entry.text
    pieces = split_long(text)
    head = ""
    if entry.amends is not None:
        head = f"<b>CORRECTION of {_ref(entry.amends, export)}</b> — "
    if entry.action_owner or entry.action_due:
        due = hm(entry.action_due, tz, "%d/%m %H:%M") if entry.action_due else "—"
        head += f"<b>[action: {markup(entry.action_owner or '—')}, due {due}]</b> "
    correction = export.corrections.get(entry.seq)
    style = styles["auto"] if entry.automatic else styles["cell"]
    rows: list[list[object]] = []
    for index, piece in enumerate(pieces):
        body = markup(piece)
        if correction is not None:
            body = f"<strike>{body}</strike>"
        if index == 0:
            anchor = entry.seq in export.link_targets
            body = (f'<a name="e{entry.seq}"/>' if anchor else "") + head + body
        if index == len(pieces) - 1 and correction is not None:
            body += f"<br/><b>→ amended: see correction {_ref(correction, export)}</b>"
        if index == len(pieces) - 1 and entry.links:
            shown = ", ".join(f"{k} {i}" for k, i in entry.links)
            body += f"<br/><font size=6.5 color='#5b6b85'>links: {markup(shown)}</font>"
        if index == 0:
            rows.append(
                [
                    str(entry.seq),
                    hm(entry.event_time, tz, "%H:%M:%S"),
                    hm(entry.recorded_time, tz, recorded_fmt),
                    operator,
                    category,
                    CellParagraph(body, style),
                ]
            )
        else:
            rows.append([f"({entry.seq})", "", "", "", "cont.", CellParagraph(body, style)])
    return rows


def _table(rows: list[list[object]], kinds: list[str]) -> Table:
    table = Table(rows, colWidths=WIDTHS, splitByRow=1)
    commands: list[tuple[object, ...]] = [
        ("FONT", (0, 0), (-2, -1), FONT, 7),
        ("LEADING", (0, 0), (-2, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#b8c0cc")),
        ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 1 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8),
    ]
    for index, kind in enumerate(kinds):
        if kind == "auto":
            commands.append(("BACKGROUND", (0, index), (-1, index), AUTO_BG))
            commands.append(("TEXTCOLOR", (0, index), (-2, index), NAVY))
        elif kind == "fix":
            commands.append(("BACKGROUND", (0, index), (-1, index), FIX_BG))
    table.setStyle(TableStyle(commands))
    return table


def _day_flowables(
    day: str, entries: list[LogEntryData], export: LogbookExport, styles: dict[str, ParagraphStyle]
) -> Iterator[object]:
    heading = Paragraph(f"{markup(day)} — {len(entries)} entries", styles["day"])
    heading.keepWithNext = True
    heading.warroom_outline = day
    yield heading
    rows: list[list[object]] = []
    kinds: list[str] = []
    for entry in entries:
        kind = "auto" if entry.automatic else ("fix" if entry.amends is not None else "")
        for row in _row_cells(entry, export, styles):
            rows.append(row)
            kinds.append(kind)
        if len(rows) >= CHUNK:
            table = _table(rows, kinds)
            table.warroom_done = len(entries)
            yield table
            rows, kinds = [], []
    if rows:
        yield _table(rows, kinds)


def flowables(export: LogbookExport) -> Iterator[object]:
    styles = make_styles()
    yield from cover(export, styles)
    if not export.entries:
        yield Paragraph("No entry matches this selection.", styles["body"])

    def day_of(entry: LogEntryData) -> str:
        return entry.event_time.astimezone(export.tz).strftime("%A %d %B %Y")

    for day, group in groupby(export.entries, key=day_of):
        yield from _day_flowables(day, list(group), export, styles)
    yield from integrity(export, styles)


def write_pdf(
    export: LogbookExport,
    path: Path,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> PdfResult:
    """Write the document to ``path`` atomically (a temporary file renamed at the end)."""
    register_fonts()
    total = max(1, len(export.entries))
    done = 0

    def on_flowable(flowable: object) -> None:
        nonlocal done
        if cancelled is not None and cancelled():
            raise Cancelled("export cancelled")
        if isinstance(flowable, Table) and hasattr(flowable, "warroom_done"):
            done = min(total, done + CHUNK)
            if progress is not None:
                progress(done, total)

    temp = path.with_name(f".{path.name}.partial")
    doc = _Document(str(temp), export, on_flowable)
    try:
        doc.build(list(flowables(export)), canvasmaker=NumberedCanvas)
        os.replace(temp, path)
    finally:
        temp.unlink(missing_ok=True)
    if progress is not None:
        progress(total, total)
    return PdfResult(path, len(export.entries), doc.page)
