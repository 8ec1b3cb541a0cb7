"""A record of the JSONL exchange format (DESIGN §5) → a NormalisedPost.

CSV rows become the same records through a column mapping, so every file format shares
these rules. A bad record raises :class:`RecordError` with a message naming the field.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from warroom.domain.enums import AuthorKind, Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.ingest.text import clean_field, html_to_text, to_int
from warroom.ingest.timeparse import parse_time

FIELDS = (
    "channel",
    "id",
    "created_at",
    "text",
    "author",
    "author_name",
    "author_followers",
    "author_verified",
    "author_kind",
    "url",
    "lang",
    "reply_to",
    "repost_of",
    "quote_of",
    "mentions",
    "hashtags",
    "likes",
    "shares",
    "replies",
    "views",
)
REQUIRED = ("channel", "created_at", "author")
CHANNEL_ALIASES = {
    "news": "press",
    "online news": "press",
    "blogs": "blog",
    "forums": "forum",
    "tweet": "twitter",
    "tweets": "twitter",
    "fb": "facebook",
    "ig": "instagram",
    "youtube comments": "youtube",
    "reviews": "other",
    "web": "other",
}
_TRUE = {"1", "true", "yes", "y", "oui", "verified", "x"}
_SPLIT = re.compile(r"[\s,;|]+")


class RecordError(ValueError):
    """A record that cannot become a post; the message names the problem."""


def parse_channel(value: object) -> str:
    text = str(value or "").strip().lower()
    if not text:
        raise RecordError("missing channel")
    try:
        return Channel.parse(CHANNEL_ALIASES.get(text, text)).value
    except ValueError:
        raise RecordError(f"unknown channel {text[:30]!r}") from None


def _list(value: object) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [str(v) for v in value if v not in (None, "")]
    return [v for v in _SPLIT.split(str(value)) if v]


def _opt_id(value: object) -> str | None:
    text = clean_field(value, 512) if value not in (None, "") else ""
    return text or None


def _verified(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in _TRUE


def _kind(value: object) -> str:
    text = str(value or "").strip().lower()
    return text if text in set(AuthorKind) else AuthorKind.UNKNOWN


def stable_id(record: Mapping[str, Any]) -> str:
    """For rows without an id: their URL, else a digest of author, time and text (so a
    re-import finds the same post)."""
    if record.get("url"):
        return str(record["url"])[:512]
    digest = hashlib.sha256(
        f"{record.get('author')}|{record.get('created_at')}|{record.get('text')}".encode()
    )
    return "sha256:" + digest.hexdigest()[:32]


def record_to_post(
    record: Mapping[str, Any], default_channel: str | None = None, derive_id: bool = False
) -> NormalisedPost:
    if not isinstance(record, Mapping):
        raise RecordError("not a JSON object")
    channel = parse_channel(record.get("channel") or default_channel)
    for name in REQUIRED[1:]:
        if record.get(name) in (None, ""):
            raise RecordError(f"missing {name}")
    ident = record.get("id")
    if ident in (None, ""):
        if not derive_id:
            raise RecordError("missing id")
        ident = stable_id(record)
    try:
        created = parse_time(record["created_at"])
    except ValueError as exc:
        raise RecordError(f"bad created_at: {exc}") from None
    text = html_to_text(record.get("text") or "")
    repost_of = _opt_id(record.get("repost_of"))
    if not text and not repost_of:
        raise RecordError("missing text")
    author = NormalisedAuthor(
        channel=channel,
        handle=clean_field(record["author"], 200).lstrip("@"),
        display_name=str(record.get("author_name") or ""),
        followers=to_int(record.get("author_followers")),
        verified=_verified(record.get("author_verified")),
        kind=_kind(record.get("author_kind")),
    )
    return NormalisedPost(
        channel=channel,
        id=clean_field(ident, 512),
        created_at=created,
        author=author,
        text=text,
        url=str(record.get("url") or ""),
        lang=str(record.get("lang") or ""),
        reply_to=_opt_id(record.get("reply_to")),
        repost_of=repost_of,
        quote_of=_opt_id(record.get("quote_of")),
        mentions=_list(record.get("mentions")),
        hashtags=_list(record.get("hashtags")),
        likes=to_int(record.get("likes")),
        shares=to_int(record.get("shares")),
        replies=to_int(record.get("replies")),
        views=to_int(record.get("views")),
        raw=dict(record),
    )
