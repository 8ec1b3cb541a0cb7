"""X/Twitter API v2 recent search with expansions: authors (``includes.users``) and the
tweets replied to, quoted and retweeted (``includes.tweets``), so the graph gets both
ends of every link. Bearer token required. Cursor: ``since_id`` (the newest id seen)."""

from __future__ import annotations

from typing import Any

from warroom.domain.enums import Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.domain.timeutil import utcnow
from warroom.ingest.connectors.base import (
    MAX_PAGES,
    Connector,
    FetchResult,
    map_items,
    require_dict,
)
from warroom.ingest.http import SourceError, where
from warroom.ingest.text import to_int
from warroom.ingest.timeparse import parse_time, snowflake_time

TWEET_FIELDS = (
    "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,"
    "public_metrics,lang,entities"
)
EXPANSIONS = (
    "author_id,referenced_tweets.id,referenced_tweets.id.author_id,entities.mentions.username"
)
USER_FIELDS = "username,name,verified,verified_type,public_metrics,description,url"


def _author(user: dict[str, Any] | None, author_id: str | None) -> NormalisedAuthor:
    if not user:
        handle = f"id:{author_id}" if author_id else "unknown"
        return NormalisedAuthor(channel=Channel.TWITTER, handle=handle)
    metrics = user.get("public_metrics") or {}
    username = str(user.get("username") or f"id:{user.get('id')}")
    return NormalisedAuthor(
        channel=Channel.TWITTER,
        handle=username,
        display_name=str(user.get("name") or ""),
        followers=to_int(metrics.get("followers_count")),
        verified=bool(user.get("verified"))
        or user.get("verified_type") in ("business", "government"),
        profile=str(user.get("description") or ""),
        url=f"https://x.com/{username}",
    )


class TweetMapper:
    """Maps tweets of one response, resolving authors from its ``includes``."""

    def __init__(self, includes: dict[str, Any]) -> None:
        self.users = {str(u["id"]): u for u in includes.get("users") or [] if "id" in u}

    def __call__(self, tweet: dict[str, Any]) -> list[NormalisedPost]:
        tweet_id = str(tweet["id"])
        refs = {str(r.get("type")): str(r.get("id")) for r in tweet.get("referenced_tweets") or []}
        metrics = tweet.get("public_metrics") or {}
        entities = tweet.get("entities") or {}
        author_id = str(tweet["author_id"]) if tweet.get("author_id") else None
        author = _author(self.users.get(author_id or ""), author_id)
        created = (
            parse_time(tweet["created_at"])
            if tweet.get("created_at")
            else snowflake_time(tweet_id) or utcnow()
        )
        return [
            NormalisedPost(
                channel=Channel.TWITTER,
                id=tweet_id,
                created_at=created,
                author=author,
                text=str(tweet.get("text", "")),
                url=f"https://x.com/{author.handle}/status/{tweet_id}",
                lang=str(tweet.get("lang") or "")
                if tweet.get("lang") not in ("und", "zxx")
                else "",
                reply_to=refs.get("replied_to"),
                repost_of=refs.get("retweeted"),
                quote_of=refs.get("quoted"),
                mentions=[str(m.get("username")) for m in entities.get("mentions") or []],
                hashtags=[str(h.get("tag")) for h in entities.get("hashtags") or []],
                likes=to_int(metrics.get("like_count")),
                shares=to_int(metrics.get("retweet_count")) + to_int(metrics.get("quote_count")),
                replies=to_int(metrics.get("reply_count")),
                views=to_int(metrics.get("impression_count")),
                raw=tweet,
            )
        ]


class XConnector(Connector):
    kind = "x"
    needs_secret = True
    secret_label = "bearer token"

    def fetch(self, cursor: dict[str, Any] | None) -> FetchResult:
        if not self.spec.query.strip():
            raise SourceError("an X source needs a search query")
        url = f"{self.base}/2/tweets/search/recent"
        since_id = (cursor or {}).get("since_id")
        params: dict[str, Any] = {
            "query": self.spec.query.strip(),
            "max_results": 100,
            "tweet.fields": TWEET_FIELDS,
            "expansions": EXPANSIONS,
            "user.fields": USER_FIELDS,
        }
        if since_id:
            params["since_id"] = since_id
        result = FetchResult([], cursor)
        newest = since_id
        pages = 0
        while pages < MAX_PAGES:
            data, _ = self.client.get_json(url, params)
            pages += 1
            body = require_dict(data, where(url))
            if (
                "errors" in body
                and "data" not in body
                and body.get("meta", {}).get("result_count") != 0
            ):
                detail = str((body["errors"][0] or {}).get("detail", ""))[:160]
                raise SourceError(f"X refused the search: {detail}")
            mapper = TweetMapper(body.get("includes") or {})
            map_items(body.get("data") or [], mapper, result)
            map_items((body.get("includes") or {}).get("tweets") or [], mapper, result)
            meta = body.get("meta") or {}
            if pages == 1 and meta.get("newest_id"):
                newest = str(meta["newest_id"])
            token = meta.get("next_token")
            if not token or not since_id:
                break  # first poll: the newest page only
            params["next_token"] = token
        result.pages = pages
        result.cursor = {"since_id": newest} if newest else cursor
        return result
