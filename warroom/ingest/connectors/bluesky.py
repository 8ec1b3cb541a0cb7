"""Bluesky (AT Protocol AppView, e.g. https://public.api.bsky.app):
``app.bsky.feed.searchPosts`` for words, ``app.bsky.feed.getPostThread`` for a thread
(query ``at://…`` or a bsky.app post URL): the reply tree becomes reply links.
Authentication is optional: a secret ``handle:app-password`` opens a session
(``com.atproto.server.createSession`` on the source's URL, e.g. https://bsky.social, which
forwards the feed queries); any other secret is sent as a Bearer access token."""

from __future__ import annotations

from typing import Any

from warroom.domain.enums import Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.domain.timeutil import format_utc
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

PAGE = 100


def post_url(uri: str, handle: str) -> str:
    rkey = uri.rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{handle}/post/{rkey}"


def _facets(record: dict[str, Any]) -> tuple[list[str], list[str]]:
    tags: list[str] = []
    mentions: list[str] = []
    text_bytes = str(record.get("text", "")).encode("utf-8")
    for facet in record.get("facets") or []:
        index = facet.get("index") or {}
        for feature in facet.get("features") or []:
            kind = str(feature.get("$type", ""))
            if kind.endswith("#tag"):
                tags.append(str(feature.get("tag", "")))
            elif kind.endswith("#mention"):
                start, end = index.get("byteStart", 0), index.get("byteEnd", 0)
                label = text_bytes[start:end].decode("utf-8", errors="ignore").lstrip("@")
                mentions.append(label or str(feature.get("did", "")))
    return tags, mentions


def map_post_view(view: dict[str, Any]) -> list[NormalisedPost]:
    record = view.get("record") or {}
    author = view["author"]
    reply = record.get("reply") or {}
    embed = record.get("embed") or {}
    quoted = embed.get("record") if isinstance(embed.get("record"), dict) else None
    if quoted and "record" in quoted and isinstance(quoted["record"], dict):
        quoted = quoted["record"]  # recordWithMedia
    tags, mentions = _facets(record)
    handle = str(author.get("handle") or author["did"])
    return [
        NormalisedPost(
            channel=Channel.BLUESKY,
            id=str(view["uri"]),
            created_at=parse_time(record.get("createdAt") or view["indexedAt"]),
            author=NormalisedAuthor(
                channel=Channel.BLUESKY,
                handle=handle,
                display_name=str(author.get("displayName") or ""),
                followers=to_int(author.get("followersCount")),
                url=f"https://bsky.app/profile/{handle}",
            ),
            text=str(record.get("text", "")),
            url=post_url(str(view["uri"]), handle),
            lang=str((record.get("langs") or [""])[0])[:8],
            reply_to=str((reply.get("parent") or {}).get("uri") or "") or None,
            quote_of=str(quoted.get("uri")) if quoted and quoted.get("uri") else None,
            mentions=mentions,
            hashtags=tags,
            likes=to_int(view.get("likeCount")),
            shares=to_int(view.get("repostCount")) + to_int(view.get("quoteCount")),
            replies=to_int(view.get("replyCount")),
            raw=view,
        )
    ]


def walk_thread(node: dict[str, Any], out: list[dict[str, Any]], depth: int = 0) -> None:
    """Post views of a thread: the parents, the post, then every reply (depth first)."""
    if depth > 200 or not isinstance(node, dict):
        return
    if isinstance(node.get("post"), dict):
        out.append(node["post"])
    parent = node.get("parent")
    if isinstance(parent, dict) and depth == 0:
        chain: list[dict[str, Any]] = []
        while isinstance(parent, dict) and isinstance(parent.get("post"), dict):
            chain.append(parent["post"])
            parent = parent.get("parent")
        out.extend(chain)
    for reply in node.get("replies") or []:
        walk_thread(reply, out, depth + 1)


def thread_uri(query: str) -> str | None:
    if query.startswith("at://"):
        return query
    if "bsky.app/profile/" in query and "/post/" in query:
        profile, _, rkey = query.split("bsky.app/profile/", 1)[1].partition("/post/")
        return f"at://{profile}/app.bsky.feed.post/{rkey.strip('/')}"
    return None


class BlueskyConnector(Connector):
    kind = "bluesky"
    bearer = False  # an app password first becomes a session token

    def _login(self) -> None:
        secret = self.secret or ""
        identifier, colon, password = secret.partition(":")
        if not colon or not identifier or "." not in identifier:
            self.client.session.headers["Authorization"] = f"Bearer {secret}"
            return
        url = f"{self.base}/xrpc/com.atproto.server.createSession"
        session = require_dict(
            self.client.post_json(url, {"identifier": identifier, "password": password}),
            where(url),
        )
        token = session.get("accessJwt")
        if not token:
            raise SourceError(f"{where(url)} did not open a session: check the app password")
        self.client.session.headers["Authorization"] = f"Bearer {token}"

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        if self.secret:
            self._login()
        query = self.spec.query.strip()
        if not query:
            raise SourceError("a Bluesky source needs a query: search words or a post URL")
        uri = thread_uri(query)
        if uri:
            return self._thread(uri, cursor)
        return self._search(query, cursor)

    def _thread(self, uri: str, cursor: dict[str, Any] | None) -> FetchResult:
        url = f"{self.base}/xrpc/app.bsky.feed.getPostThread"
        data, _ = self.client.get_json(url, {"uri": uri, "depth": 100, "parentHeight": 20})
        thread = require_dict(require_dict(data, where(url)).get("thread"), where(url))
        if "post" not in thread:
            raise SourceError(f"the Bluesky thread {uri} is not available (deleted or blocked)")
        views: list[dict[str, Any]] = []
        walk_thread(thread, views)
        result = FetchResult([], cursor)
        map_items(views, map_post_view, result)
        result.cursor = {"seen": len(views)}
        return result

    def _search(self, query: str, cursor: dict[str, Any] | None) -> FetchResult:
        url = f"{self.base}/xrpc/app.bsky.feed.searchPosts"
        since = (cursor or {}).get("since")
        params: dict[str, Any] = {"q": query, "sort": "latest", "limit": PAGE}
        if since:
            params["since"] = since
        result = FetchResult([], cursor)
        page_cursor: str | None = None
        pages = 0
        while pages < MAX_PAGES:
            if page_cursor:
                params["cursor"] = page_cursor
            data, _ = self.client.get_json(url, params)
            pages += 1
            body = require_dict(data, where(url))
            views = require_list(body.get("posts"), "posts", where(url))
            map_items(views, map_post_view, result)
            page_cursor = body.get("cursor")
            if not views or not page_cursor or not since:
                break  # first poll: the latest page only
        result.pages = pages
        newest = max((p.created_at for p in result.posts), default=None)
        result.cursor = {"since": format_utc(newest)} if newest else (cursor or None)
        return result
