"""Language detection with py3langid (a small offline model shipped in the wheel),
restricted to the languages a European crisis cell meets."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

from warroom.domain.posts import NormalisedPost

LANGUAGES = ("fr", "en", "de", "es", "it", "nl", "pt", "pl", "ar", "ja")
MIN_LETTERS = 12  # below this, any guess is noise
MIN_CONFIDENCE = 0.6

_lock = threading.Lock()
_identifier: Any = None


def _get() -> Any:
    global _identifier
    with _lock:
        if _identifier is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            identifier.set_languages(list(LANGUAGES))
            _identifier = identifier
        return _identifier


def detect(text: str) -> str:
    """ISO 639-1 code, or "" when the text is too short or the model unsure."""
    if len(text) < 4 * MIN_LETTERS and sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        return ""
    lang, confidence = _get().classify(text[:2000])
    return str(lang) if confidence >= MIN_CONFIDENCE else ""


def detect_languages(posts: Sequence[NormalisedPost]) -> None:
    """Enricher: fill ``lang`` where the channel did not give it."""
    for post in posts:
        if not post.lang and post.text:
            post.lang = detect(post.text)
