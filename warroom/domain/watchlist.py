"""Watchlists: which keywords, hashtags, accounts and exclusions a crisis follows.

Pure rules, shared by every way a post arrives (connectors, file import, scenarios).
Accounts matter on their own: a founder's post without the keyword is still caught.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

KINDS = ("keyword", "hashtag", "account", "exclusion")


def fold(text: str) -> str:
    """Lower case without accents: "Incendie à Strasbourg" matches "incendie a strasbourg"."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def clean_term(kind: str, term: str) -> str:
    """The stored form of a term: trimmed, folded; hashtags without '#', accounts without '@'."""
    value = " ".join(term.split())
    if kind == "hashtag":
        value = value.lstrip("#")
    elif kind == "account":
        value = value.lstrip("@")
    return fold(value)


@dataclass(frozen=True)
class WatchTerm:
    kind: str
    term: str
    channel: str = ""  # empty: every channel

    @property
    def label(self) -> str:
        """How the term is recorded on a post: "hexacloud", "#hexacloud", "@ycorre"."""
        prefix = {"hashtag": "#", "account": "@", "exclusion": "-"}.get(self.kind, "")
        return prefix + self.term


def _patterns(term: str) -> list[re.Pattern[str]]:
    """A quoted term is an exact phrase; otherwise every word must appear, in any order."""
    quoted = len(term) > 2 and term[0] == term[-1] == '"'
    words = [term[1:-1]] if quoted else term.split()
    return [re.compile(r"(?<!\w)" + re.escape(word) + r"(?!\w)") for word in words]


@dataclass
class Watchlist:
    """A compiled watchlist. ``match`` returns the labels of the terms a post matches."""

    terms: list[WatchTerm] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._patterns = {
            t: _patterns(t.term) for t in self.terms if t.kind in ("keyword", "exclusion")
        }

    def _found(self, term: WatchTerm, folded: str) -> bool:
        patterns = self._patterns[term]
        return bool(patterns) and all(p.search(folded) for p in patterns)

    @classmethod
    def of(cls, terms: Iterable[tuple[str, str, str]]) -> Watchlist:
        return cls(
            [WatchTerm(kind, clean_term(kind, term), channel) for kind, term, channel in terms]
        )

    def _applies(self, term: WatchTerm, channel: str) -> bool:
        return not term.channel or term.channel == channel

    def match(
        self, channel: str, text: str, hashtags: Iterable[str], author: str, mentions: Iterable[str]
    ) -> tuple[list[str], bool]:
        """(matched labels, excluded). Exclusions never apply to watched accounts."""
        folded = fold(text)
        tags = {fold(t.lstrip("#")) for t in hashtags}
        handle = fold(author.lstrip("@"))
        mentioned = {fold(m.lstrip("@")) for m in mentions}
        matched: list[str] = []
        excluded = False
        account_hit = False
        for term in self.terms:
            if not self._applies(term, channel):
                continue
            if (term.kind == "keyword" and self._found(term, folded)) or (
                term.kind == "hashtag" and (term.term in tags or f"#{term.term}" in folded.split())
            ):
                matched.append(term.label)
            elif term.kind == "account" and (term.term == handle or term.term in mentioned):
                matched.append(term.label)
                account_hit = account_hit or term.term == handle
            elif term.kind == "exclusion" and self._found(term, folded):
                excluded = True
        return matched, excluded and not account_hit
