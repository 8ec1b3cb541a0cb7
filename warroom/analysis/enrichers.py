"""The enrichers every arriving post goes through, whatever its path (connector, file
import, scenario): language detection (ingest) then sentiment (analysis).

The composition roots (the window, `warroom fetch`, `warroom import`) pass ``ENRICHERS``
to the ingestion pipeline, which sits below this layer and cannot import it itself.
"""

from __future__ import annotations

from collections.abc import Callable

from warroom.analysis.sentiment import enrich as score_sentiment
from warroom.domain.posts import NormalisedPost
from warroom.ingest.language import detect_languages

ENRICHERS: tuple[Callable[[list[NormalisedPost]], None], ...] = (
    detect_languages,
    score_sentiment,
)
