"""Offline sentiment for French and English posts.

English uses vaderSentiment; French uses vaderSentiment-fr (a French adaptation of VADER
with its own lexicon). Both ship their lexicons inside the package: nothing is downloaded.
Scores are VADER's compound score, in [-1, 1]. Analysers are built once, lazily, per
process, and are safe to share between threads (they only read their lexicon).
"""

from __future__ import annotations

import logging
import re
import threading
import warnings
from collections.abc import Iterable
from functools import cache
from typing import Any, Protocol

from warroom.domain.posts import NormalisedPost

log = logging.getLogger("warroom.analysis")

MAX_CHARS = 5_000  # longer texts are scored on their beginning (VADER is per sentence)
_FRENCH_HINTS = re.compile(
    r"\b(le|la|les|des|est|une|pour|pas|nous|vous|sont|avec|sur|qui|dans|très|ça|c'est)\b",
    re.IGNORECASE,
)
_ENGLISH_HINTS = re.compile(
    r"\b(the|is|are|and|not|with|for|this|that|you|we|our|have|was|it's)\b", re.IGNORECASE
)


class _Analyser(Protocol):
    def polarity_scores(self, text: str) -> dict[str, float]: ...


_lock = threading.Lock()


@cache
def _analyser(lang: str) -> Any:
    with _lock, warnings.catch_warnings():
        # vaderSentiment-fr imports fuzzywuzzy, which warns when python-Levenshtein is
        # missing; the pure-Python matcher is fine for our short texts.
        warnings.simplefilter("ignore")
        if lang == "fr":
            from vaderSentiment_fr.vaderSentiment import SentimentIntensityAnalyzer as FrVader

            return FrVader()
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as EnVader

        return EnVader()


def guess_language(text: str) -> str:
    """ "fr" or "en" from common function words (the two languages we score)."""
    french = len(_FRENCH_HINTS.findall(text)) + sum(text.count(c) for c in "éèàùçêô")
    english = len(_ENGLISH_HINTS.findall(text))
    return "en" if english > french else "fr"


def score(text: str, lang: str = "") -> float:
    """Sentiment of ``text`` in [-1, 1] (negative to positive). ``lang`` "fr"/"en"/""."""
    clean = " ".join(text[:MAX_CHARS].split())
    if not clean:
        return 0.0
    code = (lang or "").lower()[:2]
    if code not in ("fr", "en"):
        code = guess_language(clean)
    analyser: _Analyser = _analyser(code)
    try:
        value = float(analyser.polarity_scores(clean)["compound"])
    except Exception:  # a lexicon edge case must never stop ingestion
        log.debug("sentiment failed for %.40r", clean, exc_info=True)
        return 0.0
    return max(-1.0, min(1.0, round(value, 4)))


def enrich(posts: Iterable[NormalisedPost]) -> None:
    """Fill ``.sentiment`` of posts that have none (an enricher for ingestion)."""
    for post in posts:
        if post.sentiment is None:
            post.sentiment = score(post.text, post.lang)
