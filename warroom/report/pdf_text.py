"""Fonts and safe text for PDF reports.

DejaVu Sans (shipped in ``resources/fonts``, licence beside it) covers Latin, Greek,
Cyrillic and many symbols. Characters it has no glyph for (most emoji) are replaced by
their Unicode name in brackets, ``🔥`` → ``[fire]``, instead of an empty box. Untrusted
text is escaped before it reaches reportlab's paragraph markup: an entry can never inject
markup, and control characters are dropped.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from xml.sax.saxutils import escape

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from warroom import paths

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
}


@functools.cache
def register_fonts() -> frozenset[int]:
    """Register the shipped fonts once; returns the code points the regular face covers."""
    for name, filename in _FILES.items():
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(paths.resource("fonts", filename))))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC)
    font = pdfmetrics.getFont(FONT)
    return frozenset(font.face.charToGlyph)


@functools.cache
def _fallback(char: str) -> str:
    name = unicodedata.name(char, "")
    if not name:
        return "\ufffd" if ord("\ufffd") in register_fonts() else "?"
    return f"[{name.lower()}]"


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_BEYOND_LATIN = re.compile(r"[^\x00-\u024f]")
_INVISIBLE = {0xFE0F, 0x200D}


def _glyph(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code in register_fonts():
        return char
    if code in _INVISIBLE or unicodedata.category(char) in ("Mn", "Cf", "Sk"):
        return ""  # variation selectors, joiners, skin tones: part of an emoji already named
    return _fallback(char)


def printable(text: str) -> str:
    """``text`` with control characters removed and unsupported glyphs named."""
    text = _CONTROL.sub("", text)
    return _BEYOND_LATIN.sub(_glyph, text) if _BEYOND_LATIN.search(text) else text


def markup(text: str) -> str:
    """Plain text → safe paragraph markup (escaped, line breaks kept)."""
    return escape(printable(text)).replace("\t", " ").replace("\n", "<br/>")


def split_long(text: str, limit: int = 1800) -> list[str]:
    """Cut a very long text into pieces that each fit on a page, at line or word breaks."""
    if len(text) <= limit:
        return [text]
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        cut = rest.rfind("\n", limit // 2, limit)
        if cut < 0:
            cut = rest.rfind(" ", limit // 2, limit)
        if cut < 0:
            cut = limit
        pieces.append(rest[:cut])
        rest = rest[cut:].lstrip("\n ")
    if rest:
        pieces.append(rest)
    return pieces
