"""Mastodon: tag timeline (``#tag``), account statuses (``@user`` or ``@user@host``),
or search (anything else). Optional token. The cursor is the newest status id seen
(``min_id``); newer pages are followed through the ``Link: rel="prev"`` header."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from warroom.domain.enums import Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.ingest.connectors.base import (
    MAX_PAGES,
    Connector,
    FetchResult,
    map_items,
    require_dict,
    require_list,
)
from warroom.ingest.http import SourceError, where
from warroom.ingest.text import clean_field, html_to_text, to_int
from warroom.ingest.timeparse import parse_time

PAGE = 40


def _author(account: dict[str, Any]) -> NormalisedAuthor:
    return NormalisedAuthor(
        channel=Channel.MASTODON,
        handle=str(account["acct"]),
        display_name=str(account.get("display_name") or account.get("username") or ""),
        followers=to_int(account.get("followers_count")),
        verified=any(f.get("verified_at") for f in account.get("fields") or []),
        profile=html_to_text(account.get("note", ""), 2000),
        url=str(account.get("url") or ""),
    )


def map_status(status: dict[str, Any]) -> list[NormalisedPost]:
    """A status and, for a boost, the boosted status too (the graph needs both ends)."""
    posts: list[NormalisedPost] = []
    reblog = status.get("reblog")
    if isinstance(reblog, dict):
        posts.extend(map_status(reblog))
    quote_of = None
    quote_info = status.get("quote")
    if isinstance(quote_info, dict):
        quoted = quote_info.get("quoted_status")
        if isinstance(quoted, dict):
            quote_of = str(quoted["id"])
            posts.extend(map_status(quoted))
    text = "" if isinstance(reblog, dict) else html_to_text(status.get("content", ""))
    if status.get("spoiler_text"):
        text = f"[{clean_field(status['spoiler_text'])}] {text}"
    posts.append(
        NormalisedPost(
            channel=Channel.MASTODON,
            id=str(status["id"]),
            created_at=parse_time(status["created_at"]),
            author=_author(status["account"]),
            text=text,
            url=str(status.get("url") or status.get("uri") or ""),
            lang=str(status.get("language") or ""),
            reply_to=str(status["in_reply_to_id"]) if status.get("in_reply_to_id") else None,
            repost_of=str(reblog["id"]) if isinstance(reblog, dict) else None,
            quote_of=quote_of,
            mentions=[str(m["acct"]) for m in status.get("mentions") or []],
            hashtags=[str(t["name"]) for t in status.get("tags") or []],
            likes=to_int(status.get("favourites_count")),
            shares=to_int(status.get("reblogs_count")),
            replies=to_int(status.get("replies_count")),
            raw=status,
        )
    )
    return posts


def _newest(ids: list[str], current: str | None) -> str | None:
    values = [i for i in ids if i.isdigit()] + ([current] if current else [])
    return max(values, key=lambda v: (len(v), v)) if values else current


class MastodonConnector(Connector):
    kind = "mastodon"

    def _first_request(self, min_id: str | None) -> tuple[str, dict[str, Any], str]:
        query = self.spec.query.strip()
        params: dict[str, Any] = {"limit": PAGE}
        if min_id:
            params["min_id"] = min_id
        if query.startswith("#"):
            return f"{self.base}/api/v1/timelines/tag/{quote(query[1:])}", params, "list"
        if query.startswith("@"):
            data, _ = self.client.get_json(
                f"{self.base}/api/v1/accounts/lookup", {"acct": query[1:]}
            )
            account_id = require_dict(data, where(self.base)).get("id")
            if not account_id:
                raise SourceError(f"no Mastodon account {query!r} on {where(self.base)}")
            return f"{self.base}/api/v1/accounts/{account_id}/statuses", params, "list"
        if not query:
            raise SourceError("a Mastodon source needs a query: #tag, @account or search words")
        params.update({"q": query, "type": "statuses", "resolve": "false"})
        return f"{self.base}/api/v2/search", params, "search"

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        min_id = (cursor or {}).get("min_id")
        url, params, shape = self._first_request(min_id)
        result = FetchResult([], cursor)
        newest = min_id
        pages = 0
        next_url: str | None = url
        while next_url and pages < MAX_PAGES:
            data, response = self.client.get_json(next_url, params if pages == 0 else None)
            pages += 1
            place = where(next_url)
            items = require_dict(data, place).get("statuses") if shape == "search" else data
            statuses = require_list(items, "statuses", place)
            map_items(statuses, map_status, result)
            newest = _newest(
                [str(s.get("id", "")) for s in statuses if isinstance(s, dict)], newest
            )
            if not statuses or not min_id or shape == "search":
                break  # first poll: newest page only; search has no "newer" links
            next_url = response.links.get("prev", {}).get("url")
        result.pages = pages
        result.cursor = {"min_id": newest} if newest else cursor
        return result
