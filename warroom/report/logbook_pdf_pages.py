"""The cover page and the integrity page of the logbook PDF, and the styles they share
with the register (see ``logbook_pdf``)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import NextPageTemplate, PageBreak, Paragraph, Spacer, Table, TableStyle

from warroom.domain.logchain import ChainReport
from warroom.report.logbook_data import LogbookExport
from warroom.report.pdf_text import FONT, FONT_BOLD, FONT_ITALIC, markup

PAGE_W, PAGE_H = A4
MARGIN = 15 * mm
NAVY = colors.HexColor("#1d2b4f")


def make_styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, fontSize=7.5, leading=9.2)
    return {
        "cell": base,
        "auto": ParagraphStyle("auto", parent=base, fontName=FONT_ITALIC, textColor=NAVY),
        "title": ParagraphStyle("title", fontName=FONT_BOLD, fontSize=22, leading=28),
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=14, leading=18, spaceAfter=6),
        "day": ParagraphStyle(
            "day",
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13,
            spaceBefore=8,
            spaceAfter=3,
            textColor=NAVY,
        ),
        "body": ParagraphStyle("body", fontName=FONT, fontSize=10, leading=14),
        "small": ParagraphStyle("small", fontName=FONT, fontSize=8, leading=10.5),
        "mono": ParagraphStyle("mono", fontName=FONT, fontSize=8, leading=10.5, wordWrap="CJK"),
    }


def hm(value: datetime, tz: ZoneInfo, fmt: str) -> str:
    return value.astimezone(tz).strftime(fmt)


def _facts(rows: list[tuple[str, str]], key: ParagraphStyle, value: ParagraphStyle) -> Table:
    """A two-column table of labelled facts (values are paragraph markup)."""
    table = Table(
        [[Paragraph(f"<b>{k}</b>", key), Paragraph(v, value)] for k, v in rows],
        colWidths=[52 * mm, PAGE_W - 2 * MARGIN - 52 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.HexColor("#b8c0cc")),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def cover(export: LogbookExport, styles: dict[str, ParagraphStyle]) -> list[object]:
    tz = export.tz
    first, last = export.period or (None, None)
    period = (
        f"{hm(first, tz, '%d/%m/%Y %H:%M')} — {hm(last, tz, '%d/%m/%Y %H:%M')}"
        if first and last
        else "no entries"
    )
    members = (
        "<br/>".join(
            f"{markup(name)} <font color='#5b6b85'>({markup(role.replace('_', ' '))})</font>"
            for name, role in export.members
        )
        or "—"
    )
    rows = [
        ("Crisis", markup(export.crisis_label)),
        ("Period covered", period),
        ("Entries in this document", f"{len(export.entries)} of {export.total_entries}"),
        ("Selection", markup(export.filter_label)),
        ("Cell members", members),
        ("Exported", f"{hm(export.exported_at, tz, '%d/%m/%Y %H:%M:%S')} ({tz.key})"),
        ("Exported by", markup(export.operator)),
        (
            "Chain verification",
            "VERIFIED"
            if export.report.ok
            else "<font color='#b00020'><b>FAILED — see the last page</b></font>",
        ),
    ]
    table = _facts(rows, styles["body"], styles["body"])
    return [
        Spacer(1, 25 * mm),
        Paragraph("Main courante", styles["title"]),
        Paragraph("Crisis cell logbook — official export", styles["h1"]),
        Spacer(1, 10 * mm),
        table,
        Spacer(1, 12 * mm),
        Paragraph(
            "Entries are append-only and hash-chained (SHA-256). Corrections never alter an "
            "entry: they are recorded as new entries that reference it. Struck-through text "
            "was corrected later; automatic entries (recorded by warroom itself) are shaded "
            "and marked AUTO. The last page states whether the chain was intact at export.",
            styles["small"],
        ),
        NextPageTemplate("register"),
        PageBreak(),
    ]


def integrity(export: LogbookExport, styles: dict[str, ParagraphStyle]) -> list[object]:
    report: ChainReport = export.report
    verdict = (
        "<font color='#1e7d32'><b>VERIFIED — the chain is intact.</b></font>"
        if report.ok
        else "<font color='#b00020'><b>FAILED — "
        + markup(report.problem.describe() if report.problem else "")
        + "</b></font>"
    )
    rows = [
        ("Verification result", verdict),
        ("Entries in the logbook", str(export.total_entries)),
        ("Entries in this document", str(len(export.entries))),
        *(
            [("Entries in the chain", str(report.entries))]
            if report.ok
            else [
                (
                    "Entries verified",
                    f"{export.verified_entries} (the chain breaks at the next one)",
                )
            ]
        ),
        ("First hash", report.first_hash or "—"),
        ("Last hash" if report.ok else "Last good hash", report.last_hash or "—"),
        ("Verified at", hm(export.exported_at, export.tz, "%d/%m/%Y %H:%M:%S %Z")),
        ("Hash algorithm", "SHA-256 over the canonical JSON of each entry and the previous hash"),
    ]
    table = _facts(rows, styles["body"], styles["mono"])
    return [
        NextPageTemplate("integrity"),
        PageBreak(),
        Paragraph("Integrity", styles["h1"]),
        Spacer(1, 4 * mm),
        table,
        Spacer(1, 8 * mm),
        Paragraph(
            "Check again at any time with: warroom verify CRISIS-FILE. The hash of the last "
            "entry above identifies the state of the logbook this document was produced from.",
            styles["small"],
        ),
        Spacer(1, 14 * mm),
        _signatures(styles),
    ]


def _signatures(styles: dict[str, ParagraphStyle]) -> Table:
    """Boxes for the people who certify the printed document (name, role, date, signature)."""
    head = [
        Paragraph(f"<b>{t}</b>", styles["small"])
        for t in ("Certified by", "Role", "Date", "Signature")
    ]
    width = (PAGE_W - 2 * MARGIN) / 4
    table = Table(
        [head, ["", "", "", ""], ["", "", "", ""]],
        colWidths=[width] * 4,
        rowHeights=[7 * mm, 16 * mm, 16 * mm],
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a94a6")),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef1f6")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table
