"""RSS 2.0 / Atom feeds (feedparser): press, blogs, YouTube channel feeds, status pages,
Google-Alerts-style feeds. The cursor keeps the feed's ETag/Last-Modified and the newest
entry time; entries already stored are skipped by the store's deduplication."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import feedparser

from warroom.domain.enums import Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.domain.timeutil import format_utc, utcnow
from warroom.ingest.connectors.base import Connector, FetchResult, map_items
from warroom.ingest.http import SourceError, where
from warroom.ingest.normalise import domain_of
from warroom.ingest.text import html_to_text

MAX_ENTRIES = 500


def guess_channel(feed_url: str, feed: Any) -> str:
    link = f"{feed_url} {feed.get('link', '')}".lower()
    if "youtube.com" in link:
        return Channel.YOUTUBE
    if "reddit.com" in link:
        return Channel.REDDIT
    if "status" in domain_of(feed_url) or "/status" in link:
        return Channel.SUPPORT
    return Channel.PRESS


def _entry_time(entry: Any) -> datetime:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            y, mo, d, h, mi, se = value[:6]
            return datetime(y, mo, d, h, mi, min(se, 59), tzinfo=UTC)
    return utcnow()


def _entry_id(entry: Any) -> str:
    ident = entry.get("id") or entry.get("link")
    if ident:
        return str(ident)[:500]
    digest = hashlib.sha256(f"{entry.get('title', '')}|{entry.get('summary', '')}".encode())
    return "sha256:" + digest.hexdigest()[:32]


class RssConnector(Connector):
    kind = "rss"

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        cursor = dict(cursor or {})
        headers = {
            "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"
        }
        if cursor.get("etag"):
            headers["If-None-Match"] = str(cursor["etag"])
        if cursor.get("modified"):
            headers["If-Modified-Since"] = str(cursor["modified"])
        response = self.client.get(self.spec.url, headers=headers)
        if response.status_code == 304:
            return FetchResult([], cursor)
        parsed = self._parse(
            response.content, response.headers.get("Content-Type", ""), response.url
        )
        feed = parsed.feed
        channel = str(self.spec.params.get("channel") or guess_channel(self.spec.url, feed))
        feed_title = html_to_text(feed.get("title", ""), 300) or domain_of(self.spec.url)
        feed_link = str(feed.get("link") or self.spec.url)
        result = FetchResult([], cursor)

        def mapper(entry: Any) -> list[NormalisedPost]:
            return [self._post(entry, channel, feed_title, feed_link)]

        map_items(parsed.entries[:MAX_ENTRIES], mapper, result)
        if parsed.get("bozo") and not isinstance(
            parsed.get("bozo_exception"), feedparser.CharacterEncodingOverride
        ):
            result.notes.append(
                f"the feed is not well-formed XML; {len(result.posts)} entries could be read"
            )
        new_cursor = {
            "etag": response.headers.get("ETag") or None,
            "modified": response.headers.get("Last-Modified") or None,
        }
        if result.posts:
            newest = max(p.created_at for p in result.posts)
            new_cursor["newest"] = format_utc(newest)
        elif cursor.get("newest"):
            new_cursor["newest"] = cursor["newest"]
        result.cursor = new_cursor
        return result

    def _parse(self, body: bytes, content_type: str, url: str) -> Any:
        head = body[:1024].lstrip().lower()
        if head.startswith((b"<!doctype html", b"<html")):
            raise SourceError(
                f"{where(url)} sent a web page, not an RSS/Atom feed: check the feed URL"
            )
        if not body.strip():
            raise SourceError(f"{where(url)} sent an empty response instead of a feed")
        parsed = feedparser.parse(body, response_headers={"content-type": content_type})
        version = parsed.get("version", "")
        if not parsed.entries and (parsed.get("bozo") or not version):
            reason = parsed.get("bozo_exception")
            detail = f" ({type(reason).__name__}: {str(reason)[:80]})" if reason else ""
            raise SourceError(f"{where(url)} did not send a readable RSS/Atom feed{detail}")
        return parsed

    def _post(self, entry: Any, channel: str, feed_title: str, feed_link: str) -> NormalisedPost:
        title = html_to_text(entry.get("title", ""), 1000)
        summary_html = entry.get("summary", "")
        contents = entry.get("content") or []
        if contents and len(str(contents[0].get("value", ""))) > len(str(summary_html)):
            summary_html = contents[0].get("value", "")
        summary = html_to_text(summary_html)
        text = f"{title}\n\n{summary}".strip() if summary and summary != title else title
        author_name = html_to_text(entry.get("author", ""), 300)
        detail = entry.get("author_detail") or {}
        author_url = str(detail.get("href") or feed_link)
        handle = author_name or feed_title
        if channel == Channel.PRESS:
            handle = domain_of(feed_link) or feed_title
        tags = [str(t.get("term", "")) for t in entry.get("tags", []) if t.get("term")]
        return NormalisedPost(
            channel=channel,
            id=_entry_id(entry),
            created_at=_entry_time(entry),
            author=NormalisedAuthor(
                channel=channel,
                handle=handle,
                display_name=author_name or feed_title,
                url=author_url,
            ),
            text=text,
            url=str(entry.get("link", "")),
            lang=str(entry.get("language", "") or "")[:2],
            hashtags=[t for t in tags if " " not in t][:20],
            raw={
                k: str(entry.get(k, ""))[:5000]
                for k in ("id", "title", "link", "published", "author")
            },
        )
