"""Offline sentiment, French and English, and the ingestion enricher."""

from datetime import UTC, datetime

from warroom.analysis import sentiment
from warroom.domain.posts import NormalisedAuthor, NormalisedPost


def test_french_and_english_polarity():
    assert sentiment.score("Inacceptable, nous avons perdu toutes nos données !", "fr") < -0.3
    assert sentiment.score("Merci aux pompiers pour leur travail formidable", "fr") > 0.3
    assert sentiment.score("This outage is unacceptable, I lost all my data", "en") < -0.3
    assert sentiment.score("Great job, thanks for the quick and honest update", "en") > 0.3
    assert sentiment.score("", "fr") == 0.0


def test_language_is_guessed_when_unknown_and_hostile_text_is_safe():
    assert sentiment.guess_language("Nous sommes très déçus par la communication") == "fr"
    assert sentiment.guess_language("We are not happy with this at all") == "en"
    assert sentiment.score("Horrible, terrible service", "") < 0
    for text in ("<script>alert(1)</script>", "\x00\x1b[31m" * 100, "😡" * 50, "a" * 100_000):
        value = sentiment.score(text, "xx")
        assert -1.0 <= value <= 1.0


def test_enrich_fills_only_missing_scores():
    author = NormalisedAuthor("twitter", "someone")
    made = datetime(2021, 3, 10, tzinfo=UTC)
    posts = [
        NormalisedPost("twitter", "1", made, author, text="Quelle honte, service nul", lang="fr"),
        NormalisedPost("twitter", "2", made, author, text="whatever", sentiment=0.5),
    ]
    sentiment.enrich(posts)
    assert posts[0].sentiment is not None and posts[0].sentiment < 0
    assert posts[1].sentiment == 0.5
