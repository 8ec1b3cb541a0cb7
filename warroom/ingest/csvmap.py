"""CSV exports of listening tools: a mapping from exchange-format fields to column names.

Built-in presets cover common exports; operators save their own (kept in the crisis
file's settings, see ``warroom.store.csv_presets``). Matching of column names ignores
case and surrounding spaces.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from warroom.ingest.records import FIELDS


@dataclass(frozen=True)
class CsvMapping:
    """``columns``: exchange field → CSV column. ``channel``: fixed channel when the file
    has no channel column (LinkedIn exports)."""

    name: str
    columns: dict[str, str] = field(default_factory=dict)
    channel: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"columns": dict(self.columns), "channel": self.channel}

    @classmethod
    def from_json(cls, name: str, data: Mapping[str, Any]) -> CsvMapping:
        columns = data.get("columns") or {}
        return cls(
            name, {str(k): str(v) for k, v in columns.items() if v}, str(data.get("channel") or "")
        )

    def resolve(self, header: Sequence[str]) -> dict[str, int]:
        """Field → column index for this file's header (missing columns are left out)."""
        index = {h.strip().lower(): i for i, h in enumerate(header)}
        return {
            name: index[column.strip().lower()]
            for name, column in self.columns.items()
            if column.strip().lower() in index
        }


_EXCHANGE = {name: name for name in FIELDS}  # the JSONL exchange format, 1:1

BUILTIN_PRESETS: dict[str, CsvMapping] = {
    "warroom": CsvMapping("warroom", _EXCHANGE),
    "brandwatch": CsvMapping(
        "brandwatch",
        {
            "channel": "Page Type",
            "id": "Resource Id",
            "created_at": "Date",
            "text": "Full Text",
            "author": "Author",
            "author_name": "Full Name",
            "author_followers": "Twitter Followers",
            "author_verified": "Twitter Verified",
            "url": "Url",
            "lang": "Language",
            "reply_to": "Thread Id",
            "mentions": "Mentioned Authors",
            "hashtags": "Hashtags",
            "likes": "Likes",
            "shares": "Reposts",
            "replies": "Replies",
            "views": "Impressions",
        },
    ),
    "talkwalker": CsvMapping(
        "talkwalker",
        {
            "channel": "source_type",
            "id": "external_id",
            "created_at": "published",
            "text": "content",
            "author": "extra_author_attributes.short_name",
            "author_name": "extra_author_attributes.name",
            "author_followers": "source_extra.followers",
            "url": "url",
            "lang": "lang",
            "likes": "engagement.likes",
            "shares": "engagement.shares",
            "replies": "engagement.comments",
            "views": "reach",
        },
    ),
    "linkedin": CsvMapping(
        "linkedin",
        {
            "id": "Post URL",
            "created_at": "Date",
            "text": "Content",
            "author": "Author",
            "author_name": "Author Name",
            "author_followers": "Followers",
            "url": "Post URL",
            "likes": "Reactions",
            "replies": "Comments",
            "shares": "Reposts",
            "views": "Impressions",
        },
        channel="linkedin",
    ),
}


def guess_mapping(header: Sequence[str], presets: Mapping[str, CsvMapping]) -> CsvMapping | None:
    """The preset that finds the required columns in ``header`` and most others."""
    best: tuple[int, CsvMapping] | None = None
    for mapping in presets.values():
        found = mapping.resolve(header)
        needed = {"created_at", "author"} | (set() if mapping.channel else {"channel"})
        if not needed <= found.keys() or not ({"text"} & found.keys()):
            continue
        if best is None or len(found) > best[0]:
            best = (len(found), mapping)
    return best[1] if best else None
