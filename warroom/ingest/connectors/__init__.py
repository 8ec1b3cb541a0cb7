"""One connector per channel family (DESIGN §5), chosen by the source's kind."""

from __future__ import annotations

from warroom.ingest.connectors.base import Connector, FetchResult, SourceSpec
from warroom.ingest.connectors.bluesky import BlueskyConnector
from warroom.ingest.connectors.facebook import FacebookConnector
from warroom.ingest.connectors.mastodon import MastodonConnector
from warroom.ingest.connectors.reddit import RedditConnector
from warroom.ingest.connectors.rss import RssConnector
from warroom.ingest.connectors.x import XConnector
from warroom.ingest.connectors.youtube import YouTubeConnector

CONNECTORS: dict[str, type[Connector]] = {
    c.kind: c
    for c in (
        RssConnector,
        MastodonConnector,
        BlueskyConnector,
        RedditConnector,
        XConnector,
        YouTubeConnector,
        FacebookConnector,
    )
}
KINDS = frozenset(CONNECTORS)

# The base URL a new source gets when none is given (``--url`` overrides it).
DEFAULT_URLS = {
    "mastodon": "https://mastodon.social",
    "bluesky": "https://public.api.bsky.app",
    "reddit": "https://www.reddit.com",
    "x": "https://api.twitter.com",
    "youtube": "https://www.googleapis.com/youtube/v3",
    "facebook": "https://graph.facebook.com/v19.0",
}

__all__ = ["CONNECTORS", "DEFAULT_URLS", "KINDS", "Connector", "FetchResult", "SourceSpec"]
