"""Facebook/Instagram Graph API with a page token: ``PAGE_ID`` reads a page's feed,
``comments:POST_ID`` a post's comments, ``ig:IG_USER_ID`` an Instagram account's media.
The cursor is the newest creation time (``since``); ``paging.next`` links (which carry
the token) are followed within a poll but never stored."""

from __future__ import annotations

import re
from typing import Any

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
from warroom.ingest.text import to_int
from warroom.ingest.timeparse import parse_time

FEED_FIELDS = (
    "id,message,story,created_time,from,permalink_url,shares,"
    "comments.summary(true).limit(0),reactions.summary(true).limit(0)"
)
COMMENT_FIELDS = "id,message,created_time,from,like_count,comment_count,permalink_url,parent{id}"
MEDIA_FIELDS = "id,caption,timestamp,username,permalink,like_count,comments_count"
_COMMENT_ID = re.compile(r"comment_id=(\d+)")


def _from(data: dict[str, Any], channel: str, fallback: str) -> NormalisedAuthor:
    sender = data.get("from") or {}
    handle = str(sender.get("id") or sender.get("name") or data.get("username") or fallback)
    return NormalisedAuthor(
        channel=channel,
        handle=handle,
        display_name=str(sender.get("name") or data.get("username") or ""),
        url=f"https://www.facebook.com/{sender['id']}" if sender.get("id") else "",
    )


def _summary(data: dict[str, Any], key: str) -> int:
    return to_int(((data.get(key) or {}).get("summary") or {}).get("total_count"))


class GraphMapper:
    def __init__(self, page: str, post: str | None) -> None:
        self.page = page
        self.post = post

    def feed_item(self, data: dict[str, Any]) -> list[NormalisedPost]:
        text = str(data.get("message") or data.get("story") or "")
        return [
            NormalisedPost(
                channel=Channel.FACEBOOK,
                id=str(data["id"]),
                created_at=parse_time(data["created_time"]),
                author=_from(data, Channel.FACEBOOK, self.page),
                text=text,
                url=str(data.get("permalink_url") or f"https://www.facebook.com/{data['id']}"),
                mentions=[
                    str(t.get("name")) for t in data.get("message_tags") or [] if t.get("name")
                ],
                likes=_summary(data, "reactions"),
                shares=to_int((data.get("shares") or {}).get("count")),
                replies=_summary(data, "comments"),
                raw=data,
            )
        ]

    def comment(self, data: dict[str, Any]) -> list[NormalisedPost]:
        ident = data.get("id")
        if not ident:  # without a page token the Graph API may omit ids and authors
            found = _COMMENT_ID.search(str(data.get("permalink_url", "")))
            if not found:
                raise KeyError("id")
            ident = found.group(1)
        parent = (data.get("parent") or {}).get("id") or self.post
        return [
            NormalisedPost(
                channel=Channel.FACEBOOK,
                id=str(ident),
                created_at=parse_time(data["created_time"]),
                author=_from(data, Channel.FACEBOOK, "facebook-user"),
                text=str(data.get("message") or ""),
                url=str(data.get("permalink_url") or ""),
                reply_to=str(parent) if parent else None,
                likes=to_int(data.get("like_count")),
                replies=to_int(data.get("comment_count")),
                raw=data,
            )
        ]

    def media(self, data: dict[str, Any]) -> list[NormalisedPost]:
        return [
            NormalisedPost(
                channel=Channel.INSTAGRAM,
                id=str(data["id"]),
                created_at=parse_time(data["timestamp"]),
                author=_from(data, Channel.INSTAGRAM, self.page),
                text=str(data.get("caption") or ""),
                url=str(data.get("permalink") or ""),
                likes=to_int(data.get("like_count")),
                replies=to_int(data.get("comments_count")),
                raw=data,
            )
        ]


class FacebookConnector(Connector):
    kind = "facebook"
    needs_secret = True
    secret_label = "page access token"
    bearer = False  # sent as a query parameter, as the API wants

    def _endpoint(self) -> tuple[str, dict[str, Any], Any]:
        query = self.spec.query.strip()
        if not query:
            raise SourceError("a Facebook source needs a query: PAGE_ID, comments:POST_ID or ig:ID")
        if query.startswith("comments:"):
            post = query[9:].strip()
            mapper = GraphMapper(post, post)
            fields = {
                "fields": COMMENT_FIELDS,
                "order": "reverse_chronological",
                "filter": "stream",
            }
            return f"{self.base}/{post}/comments", fields, mapper.comment
        if query.startswith("ig:"):
            user = query[3:].strip()
            return (
                f"{self.base}/{user}/media",
                {"fields": MEDIA_FIELDS},
                GraphMapper(user, None).media,
            )
        return (
            f"{self.base}/{query}/feed",
            {"fields": FEED_FIELDS},
            GraphMapper(query, None).feed_item,
        )

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        url, params, mapper = self._endpoint()
        since = (cursor or {}).get("since")
        params.update({"limit": 100, "access_token": self.secret})
        if since:
            params["since"] = int(since)
        result = FetchResult([], cursor)
        pages = 0
        next_url: str | None = url
        while next_url and pages < MAX_PAGES:
            data, _ = self.client.get_json(next_url, params if pages == 0 else None)
            pages += 1
            body = require_dict(data, where(url))
            map_items(require_list(body.get("data"), "items", where(url)), mapper, result)
            next_url = (body.get("paging") or {}).get("next")
            if not since:
                break  # first poll: the newest page only
            if next_url and not str(next_url).startswith(self.base):
                next_url = None  # never send the token to another host
        result.pages = pages
        newest = max((p.created_at for p in result.posts), default=None)
        result.cursor = {"since": int(newest.timestamp()) + 1} if newest else cursor
        return result
