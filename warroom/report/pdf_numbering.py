"""A reportlab canvas that writes "page X of Y" once the total is known.

Pages are kept as their drawing state until the document is complete, then the footer
is drawn on each with the final count (the usual two-pass-free recipe for platypus).
"""

from __future__ import annotations

from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from warroom.report.pdf_text import FONT


class NumberedCanvas(Canvas):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._saved: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._saved.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._saved)
        for state in self._saved:
            self.__dict__.update(state)
            self._footer(total)
            super().showPage()
        super().save()

    def _footer(self, total: int) -> None:
        width, _height = self._pagesize
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(colors.HexColor("#44506a"))
        self.setStrokeColor(colors.HexColor("#b8c0cc"))
        self.line(15 * mm, 13 * mm, width - 15 * mm, 13 * mm)
        self.drawString(15 * mm, 9 * mm, "warroom — main courante (append-only, SHA-256 chained)")
        self.drawRightString(width - 15 * mm, 9 * mm, f"page {self._pageNumber} of {total}")
        self.restoreState()
