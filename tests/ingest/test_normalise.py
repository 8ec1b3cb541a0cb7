"""Normalisation rules: times, author kinds, secrets lookup, hashtags and mentions."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.ingest.helpers import connector
from warroom.domain.posts import NormalisedAuthor
from warroom.ingest import secrets
from warroom.ingest.http import SourceError
from warroom.ingest.normalise import guess_author_kind
from warroom.ingest.text import hashtags_in, html_to_text, mentions_in
from warroom.ingest.timeparse import parse_time, snowflake_time


@pytest.mark.parametrize(
    "value",
    [
        "2021-03-10T00:47:00+01:00",
        "2021-03-09T23:47:00Z",
        "2021-03-09T23:47:00.000Z",
        "2021-03-09T23:47:00+0000",  # Facebook
        "Tue, 09 Mar 2021 23:47:00 GMT",  # RSS
        1615333620,
        "1615333620",
        1615333620000,  # milliseconds
    ],
)
def test_times_become_utc(value):
    assert parse_time(value) == datetime(2021, 3, 9, 23, 47, tzinfo=UTC)


def test_bad_times_are_refused_in_words():
    with pytest.raises(ValueError, match="not a time"):
        parse_time("yesterday-ish")
    assert snowflake_time("1578516068309794817").year == 2022


@pytest.mark.parametrize(
    "author,kind",
    [
        (NormalisedAuthor("press", "lemonde.fr", url="https://www.lemonde.fr/rss"), "media"),
        (NormalisedAuthor("blog", "x", url="https://www.interieur.gouv.fr/feed"), "authority"),
        (NormalisedAuthor("twitter", "afp_news", "AFP News", verified=True), "media"),
        (NormalisedAuthor("twitter", "afp_news", "AFP News", verified=False), "unknown"),
        (NormalisedAuthor("twitter", "bob", kind="journalist"), "journalist"),
    ],
)
def test_author_kind_rules(author, kind):
    assert guess_author_kind(author) == kind


def test_hashtags_mentions_and_html():
    text = "Incendie #OVHcloud à #Strasbourg, merci @ovh_fr et @Gargron@mastodon.social! a@b.c"
    assert hashtags_in(text) == ["OVHcloud", "Strasbourg"]
    assert mentions_in(text) == ["ovh_fr", "Gargron@mastodon.social"]
    assert html_to_text("<p>Un</p><p>Deux &lt;3</p><style>p{}</style>") == "Un\n\nDeux <3"


def test_secrets_come_from_the_keyring_then_the_environment(memory_keyring, monkeypatch):
    assert secrets.get_secret("Press FR", "x") is None
    monkeypatch.setenv("WARROOM_X_TOKEN", "kind-wide")
    assert secrets.get_secret("Press FR", "x") == "kind-wide"
    monkeypatch.setenv("WARROOM_SECRET_PRESS_FR", "per-source")
    assert secrets.get_secret("Press FR", "x") == "per-source"
    secrets.set_secret("Press FR", "from-keyring")
    assert secrets.get_secret("Press FR", "x") == "from-keyring"
    secrets.delete_secret("Press FR")
    assert secrets.get_secret("Press FR", "x") == "per-source"


def test_a_key_in_the_query_string_never_reaches_a_message(httpserver, fast_policy):
    httpserver.expect_request("/youtube/v3/search").respond_with_json({"error": {}}, status=403)
    source = connector(
        "youtube", httpserver.url_for("/youtube/v3"), "q", "AIza-SECRET", fast_policy
    )
    with pytest.raises(SourceError) as info:
        source.fetch(None)
    assert "check your token" in str(info.value) and "AIza-SECRET" not in str(info.value)
