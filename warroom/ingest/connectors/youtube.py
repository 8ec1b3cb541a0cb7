"""YouTube Data API v3 (API key): ``video:ID`` reads a video's comment threads (replies
included) newest first; other queries search videos by date. The cursor is the newest
publication time seen: older items end the paging."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from warroom.domain.enums import Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.domain.timeutil import format_utc, parse_utc
from warroom.ingest.connectors.base import (
    MAX_PAGES,
    Connector,
    FetchResult,
    map_items,
    require_dict,
    require_list,
)
from warroom.ingest.http import SourceError, where
from warroom.ingest.text import html_to_text, to_int
from warroom.ingest.timeparse import parse_time


def _comment(comment: dict[str, Any], video_id: str, parent: str | None) -> NormalisedPost:
    snippet = comment["snippet"]
    channel_id = str((snippet.get("authorChannelId") or {}).get("value") or "")
    name = str(snippet.get("authorDisplayName") or channel_id or "unknown")
    text = snippet.get("textOriginal")
    if text is None:
        text = html_to_text(snippet.get("textDisplay", ""))
    return NormalisedPost(
        channel=Channel.YOUTUBE,
        id=str(comment["id"]),
        created_at=parse_time(snippet["publishedAt"]),
        author=NormalisedAuthor(
            channel=Channel.YOUTUBE,
            handle=channel_id or name,
            display_name=name,
            url=str(snippet.get("authorChannelUrl") or ""),
        ),
        text=str(text),
        url=f"https://www.youtube.com/watch?v={video_id}&lc={comment['id']}",
        reply_to=parent or snippet.get("parentId") or video_id,
        likes=to_int(snippet.get("likeCount")),
        raw=comment,
    )


def map_thread(thread: dict[str, Any]) -> list[NormalisedPost]:
    snippet = thread["snippet"]
    video_id = str(snippet.get("videoId") or "")
    top = snippet["topLevelComment"]
    first = _comment(top, video_id, None)
    first.replies = to_int(snippet.get("totalReplyCount"))
    posts = [first]
    for reply in (thread.get("replies") or {}).get("comments") or []:
        posts.append(_comment(reply, video_id, str(top["id"])))
    return posts


def map_search_result(item: dict[str, Any]) -> list[NormalisedPost]:
    ident = item.get("id") or {}
    video_id = ident.get("videoId")
    if not video_id:
        return []  # channels and playlists
    snippet = item["snippet"]
    title = html_to_text(snippet.get("title", ""), 1000)
    description = html_to_text(snippet.get("description", ""))
    channel_id = str(snippet.get("channelId") or "")
    return [
        NormalisedPost(
            channel=Channel.YOUTUBE,
            id=str(video_id),
            created_at=parse_time(snippet["publishedAt"]),
            author=NormalisedAuthor(
                channel=Channel.YOUTUBE,
                handle=channel_id or str(snippet.get("channelTitle", "unknown")),
                display_name=str(snippet.get("channelTitle") or ""),
                url=f"https://www.youtube.com/channel/{channel_id}" if channel_id else "",
            ),
            text=f"{title}\n\n{description}".strip(),
            url=f"https://www.youtube.com/watch?v={video_id}",
            raw=item,
        )
    ]


class YouTubeConnector(Connector):
    kind = "youtube"
    needs_secret = True
    secret_label = "API key"
    bearer = False  # sent as a query parameter, as the API wants

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        query = self.spec.query.strip()
        if not query:
            raise SourceError("a YouTube source needs a query: video:ID, or search words")
        since_text = (cursor or {}).get("since")
        since = parse_utc(since_text) if since_text else None
        if query.startswith("video:"):
            url = f"{self.base}/commentThreads"
            params: dict[str, Any] = {
                "part": "snippet,replies",
                "videoId": query[6:].strip(),
                "order": "time",
                "maxResults": 100,
                "textFormat": "plainText",
            }
            mapper: Any = map_thread
        else:
            url = f"{self.base}/search"
            params = {
                "part": "snippet",
                "q": query,
                "type": "video",
                "order": "date",
                "maxResults": 50,
            }
            if since_text:
                params["publishedAfter"] = (
                    format_utc(since).replace(".000000", "") if since else None
                )
            mapper = map_search_result
        return self._pages(url, params, mapper, since, cursor)

    def _pages(
        self, url: str, params: dict[str, Any], mapper: Any, since: datetime | None, cursor: Any
    ) -> FetchResult:
        result = FetchResult([], cursor)
        pages = 0
        params["key"] = self.secret
        while pages < MAX_PAGES:
            data, _ = self.client.get_json(url, params)
            pages += 1
            body = require_dict(data, where(url))
            items = require_list(body.get("items"), "items", where(url))
            before = len(result.posts)
            map_items(items, mapper, result)
            batch = result.posts[before:]
            token = body.get("nextPageToken")
            if not token or since is None or any(p.created_at <= since for p in batch):
                break  # first poll: newest page; later: stop at what was seen
            params["pageToken"] = token
        result.pages = pages
        newest = max((p.created_at for p in result.posts), default=since)
        result.cursor = {"since": format_utc(newest)} if newest else cursor
        return result
