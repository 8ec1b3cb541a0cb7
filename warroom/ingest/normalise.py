"""The last step every post goes through before storing: cleaned text and fields,
hashtags and mentions extracted when the channel did not give them, author kind guessed.

``finish`` is idempotent and cheap; connectors and importers call it on each post.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from urllib.parse import urlsplit

from warroom.domain.enums import AuthorKind, Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.ingest.text import clean_field, clean_text, hashtags_in, mentions_in

Enricher = Callable[[list[NormalisedPost]], None]

# Domains whose accounts and feeds are press or broadcasters (extend per crisis).
MEDIA_DOMAINS = frozenset(
    {
        "afp.com",
        "reuters.com",
        "apnews.com",
        "bbc.co.uk",
        "bbc.com",
        "lemonde.fr",
        "lefigaro.fr",
        "liberation.fr",
        "francetvinfo.fr",
        "bfmtv.com",
        "lesechos.fr",
        "20minutes.fr",
        "dna.fr",
        "ouest-france.fr",
        "leparisien.fr",
        "latribune.fr",
        "lemagit.fr",
        "zdnet.fr",
        "01net.com",
        "nytimes.com",
        "theguardian.com",
        "ft.com",
        "bloomberg.com",
        "cnn.com",
        "spiegel.de",
        "elpais.com",
        "techcrunch.com",
        "theregister.com",
        "arstechnica.com",
        "wired.com",
        "heise.de",
    }
)
AUTHORITY_SUFFIXES = (".gouv.fr", ".gov", ".gov.uk", ".europa.eu", ".gc.ca", ".admin.ch")
MEDIA_WORDS = ("news", "press", "presse", "journal", "media", "tv", "radio", "info", "actu")


def domain_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


def guess_author_kind(author: NormalisedAuthor) -> str:
    """Simple rules: known press and authority domains, verified media-like accounts."""
    if author.kind and author.kind != AuthorKind.UNKNOWN:
        return author.kind
    domain = domain_of(author.url) if author.url else ""
    if domain and domain.endswith(AUTHORITY_SUFFIXES):
        return AuthorKind.AUTHORITY
    if domain and (domain in MEDIA_DOMAINS or any(domain.endswith("." + d) for d in MEDIA_DOMAINS)):
        return AuthorKind.MEDIA
    if author.channel == Channel.PRESS:
        return AuthorKind.MEDIA
    label = f"{author.handle} {author.display_name}".lower()
    if author.verified and any(word in label for word in MEDIA_WORDS):
        return AuthorKind.MEDIA
    return AuthorKind.UNKNOWN


def finish(post: NormalisedPost) -> NormalisedPost:
    """Clean every text field in place and fill what can be derived."""
    post.text = clean_text(post.text)
    post.url = clean_field(post.url)
    post.lang = clean_field(post.lang, 12).lower()
    author = post.author
    author.handle = clean_field(author.handle, 200) or "unknown"
    author.display_name = clean_field(author.display_name, 300)
    author.url = clean_field(author.url)
    author.profile = clean_text(author.profile, 2000)
    author.kind = guess_author_kind(author)
    if not post.hashtags:
        post.hashtags = hashtags_in(post.text)
    if not post.mentions:
        post.mentions = mentions_in(post.text)
    post.hashtags = [clean_field(t, 140).lstrip("#") for t in post.hashtags if t][:100]
    post.mentions = [clean_field(m, 200).lstrip("@") for m in post.mentions if m][:100]
    return post


def enrich(posts: list[NormalisedPost], enrichers: Sequence[Enricher]) -> None:
    """Apply each enricher to the batch (language, sentiment …), in order."""
    for enricher in enrichers:
        enricher(posts)
