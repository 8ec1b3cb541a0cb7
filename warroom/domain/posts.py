"""Normalised posts: what every connector, importer and scenario produces.

The fields follow the JSONL exchange format of DESIGN §5. Connectors map their channel's
payload to these; the store writes them (deduplicated on ``(channel, id)``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass
class NormalisedAuthor:
    channel: str
    handle: str
    display_name: str = ""
    followers: int = 0
    verified: bool = False
    kind: str = "unknown"
    profile: str = ""
    url: str = ""


@dataclass
class NormalisedPost:
    channel: str
    id: str  # the post's id on its channel: the dedup key with ``channel``
    created_at: datetime  # timezone-aware, UTC
    author: NormalisedAuthor
    text: str = ""
    url: str = ""
    lang: str = ""
    reply_to: str | None = None
    repost_of: str | None = None
    quote_of: str | None = None
    mentions: list[str] = field(default_factory=list)
    hashtags: list[str] = field(default_factory=list)
    likes: int = 0
    shares: int = 0
    replies: int = 0
    views: int = 0
    sentiment: float | None = None  # filled by an enricher (analysis.sentiment)
    matched_terms: list[str] = field(default_factory=list)
    raw: dict[str, Any] | None = None  # the original payload, kept for audit
