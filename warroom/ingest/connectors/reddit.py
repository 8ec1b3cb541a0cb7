"""Reddit listings (JSON): ``r/sub`` for a subreddit's new posts, ``r/sub words`` to
search one subreddit, other words to search everywhere. Submissions and comments map to
posts; a comment replies to its parent, a crosspost reshares its original. The cursor is
the newest item's fullname (``before``), with its time as a fallback."""

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
from warroom.ingest.text import html_to_text, to_int
from warroom.ingest.timeparse import parse_time

PAGE = 100
SITE = "https://www.reddit.com"


def _bare(fullname: str | None) -> str | None:
    if not fullname:
        return None
    return fullname.split("_", 1)[1] if "_" in fullname else fullname


def map_thing(thing: dict[str, Any]) -> list[NormalisedPost]:
    kind, data = thing.get("kind"), thing["data"]
    if kind not in ("t1", "t3"):
        return []  # "more" stubs, accounts, subreddits
    author = str(data.get("author") or "[deleted]")
    if kind == "t3":
        title = html_to_text(data.get("title", ""), 1000)
        body = html_to_text(data.get("selftext", ""))
        text = f"{title}\n\n{body}".strip() if body else title
        reply_to = None
    else:
        text = html_to_text(data.get("body", ""))
        reply_to = _bare(data.get("parent_id"))
    crosspost = _bare(data.get("crosspost_parent"))
    return [
        NormalisedPost(
            channel=Channel.REDDIT,
            id=str(data["id"]),
            created_at=parse_time(data["created_utc"]),
            author=NormalisedAuthor(
                channel=Channel.REDDIT,
                handle=author,
                display_name=author,
                url=f"{SITE}/user/{author}" if author != "[deleted]" else "",
            ),
            text=text or ("[crosspost]" if crosspost else ""),
            url=f"{SITE}{data['permalink']}" if data.get("permalink") else str(data.get("url", "")),
            reply_to=reply_to,
            repost_of=crosspost,
            likes=to_int(data.get("score")),
            replies=to_int(data.get("num_comments")),
            shares=to_int(data.get("num_crossposts")),
            raw=data,
        )
    ]


def walk_comments(listing: Any, out: list[dict[str, Any]], depth: int = 0) -> None:
    """Every comment of a comment tree (replies nest as listings)."""
    if depth > 100 or not isinstance(listing, dict):
        return
    for child in (listing.get("data") or {}).get("children") or []:
        out.append(child)
        replies = (child.get("data") or {}).get("replies")
        if isinstance(replies, dict):
            walk_comments(replies, out, depth + 1)


class RedditConnector(Connector):
    kind = "reddit"

    def _endpoint(self) -> tuple[str, dict[str, Any]]:
        query = self.spec.query.strip()
        if not query:
            raise SourceError("a Reddit source needs a query: r/subreddit, or search words")
        params: dict[str, Any] = {"limit": PAGE, "raw_json": 1}
        if query.startswith(("r/", "/r/")):
            sub, _, words = query.lstrip("/")[2:].partition(" ")
            if words.strip():
                params.update({"q": words.strip(), "restrict_sr": 1, "sort": "new"})
                return f"{self.base}/r/{quote(sub)}/search.json", params
            return f"{self.base}/r/{quote(sub)}/new.json", params
        params.update({"q": query, "sort": "new"})
        return f"{self.base}/search.json", params

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        url, params = self._endpoint()
        before = (cursor or {}).get("before")
        if before:
            params["before"] = before
        result = FetchResult([], cursor)
        things: list[dict[str, Any]] = []
        pages = 0
        while pages < MAX_PAGES:
            data, _ = self.client.get_json(url, params)
            pages += 1
            listing = require_dict(require_dict(data, where(url)).get("data"), where(url))
            children = require_list(listing.get("children"), "items", where(url))
            things.extend(c for c in children if isinstance(c, dict))
            if not before or not children or not listing.get("before"):
                break  # first poll: the newest page only
            params["before"] = listing["before"]
        map_items(things, map_thing, result)
        result.pages = pages
        names = [str(t["data"].get("name")) for t in things if t.get("data", {}).get("name")]
        newest = self._newest(things)
        result.cursor = {"before": newest or (names[0] if names else before)}
        return result

    @staticmethod
    def _newest(things: list[dict[str, Any]]) -> str | None:
        dated = [
            (float(t["data"].get("created_utc") or 0), str(t["data"].get("name")))
            for t in things
            if isinstance(t.get("data"), dict) and t["data"].get("name")
        ]
        return max(dated)[1] if dated else None
