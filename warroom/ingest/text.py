"""Safe plain text from untrusted input: HTML stripped, control characters removed,
hashtags and mentions extracted, sizes bounded.

Nothing here interprets markup: HTML is parsed only to throw the tags away (scripts and
styles with their content), and entities are decoded once.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

MAX_TEXT = 20_000  # characters kept in a post's text; the full body stays in ``raw``
MAX_FIELD = 1_000  # names, handles, urls

_BLOCK_TAGS = {"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"}
_SKIP_TAGS = {"script", "style", "template", "noscript", "iframe", "object", "head"}
# Bidirectional overrides and zero-width characters can disguise text: drop them (the
# zero-width joiner stays: emoji sequences need it).
_INVISIBLE = dict.fromkeys(
    [0x200B, 0x200C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF], None
)
_HASHTAG = re.compile(r"(?<![\w#&])#(\w[\w\-]{0,138})", re.UNICODE)
_MENTION = re.compile(r"(?<![\w@/])@([A-Za-z0-9_][\w.\-]{0,99}(?:@[\w.\-]+\.\w+)?)", re.UNICODE)
_SPACES = re.compile(r"[ \t\u00a0]+")
# Anything clean_text would change (besides length and surrounding spaces).
_DIRTY = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u00a0\u200b\u200c\u200e\u200f\u202a-\u202e"
    "\u2066-\u2069\ufeff\ud800-\udfff\ufffe\uffff]|  |\n\n\n| \n|\n "
)
# C0/C1 controls (but newline), lone surrogates (invalid in UTF-8), non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n{3,}")
_TAG_HINT = re.compile(r"<[a-zA-Z/!]")


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_html(value: str) -> str:
    """Plain text of an HTML fragment (or of plain text, left as it is)."""
    if not _TAG_HINT.search(value) and "&" not in value:
        return value
    parser = _TextExtractor()
    parser.feed(value)
    parser.close()
    return "".join(parser.parts)


def clean_text(value: object, limit: int = MAX_TEXT) -> str:
    """Printable text: control characters and invisible overrides removed, whitespace tidied,
    at most ``limit`` characters (a note says how much was cut)."""
    if not value:
        return ""
    text = value if isinstance(value, str) else str(value)
    if len(text) <= limit and not _DIRTY.search(text) and text == text.strip():
        return text  # the common case: nothing to clean
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text.translate(_INVISIBLE))
    text = _SPACES.sub(" ", text)
    if "\n" in text:
        text = _BLANK_LINES.sub("\n\n", "\n".join(ln.strip() for ln in text.split("\n")))
    text = text.strip()
    if len(text) > limit:
        cut = len(text) - limit
        text = f"{text[:limit]}… [{cut} characters not shown]"
    return text


def html_to_text(value: object, limit: int = MAX_TEXT) -> str:
    return clean_text(strip_html(str(value or "")), limit)


def clean_field(value: object, limit: int = MAX_FIELD) -> str:
    """A one-line field (name, handle, url)."""
    return clean_text(str(value or "").replace("\n", " "), limit)


def hashtags_in(text: str) -> list[str]:
    return _unique(m.group(1) for m in _HASHTAG.finditer(text))


def mentions_in(text: str) -> list[str]:
    return _unique(m.group(1).rstrip(".") for m in _MENTION.finditer(text))


def _unique(values: object) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:  # type: ignore[attr-defined]
        seen.setdefault(str(value), None)
    return list(seen)


def to_int(value: object) -> int:
    """Engagement counts: ints from ints, floats or numeric strings; 0 otherwise."""
    if value is None or value == "":
        return 0
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return max(0, value)
    try:
        return max(0, int(float(str(value).replace(",", "").strip())))
    except (TypeError, ValueError):
        return 0
