"""Rumor lifecycle, spread buckets, match-query suggestions, near-duplicate clusters."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.rumors import (
    RumorError,
    bucket_series,
    check_rumor_transition,
    choose_step,
    cluster_near_duplicates,
    next_rumor_statuses,
    suggest_match_query,
)


def test_lifecycle_path_and_refusals():
    path = ["detected", "investigating", "false", "rebutted", "corrected_at_source", "closed"]
    for current, target in itertools.pairwise(path):
        check_rumor_transition(current, target, "community_manager")
    with pytest.raises(RumorError, match="cannot become rebutted"):
        check_rumor_transition("detected", "rebutted", "director")
    with pytest.raises(RumorError, match="observer"):
        check_rumor_transition("detected", "investigating", "observer")
    assert next_rumor_statuses("investigating") == ["confirmed", "false", "partly_true", "closed"]


def test_buckets_count_posts_and_sum_reach():
    t0 = datetime(2021, 3, 10, 0, 0, tzinfo=UTC)
    points = [(t0 + timedelta(minutes=m), r) for m, r in ((5, 10), (50, 20), (61, 5), (185, 1))]
    series = bucket_series(points, t0, t0 + timedelta(hours=3), timedelta(hours=1))
    assert series.posts == [2, 1, 0, 1] and series.reach == [30, 5, 0, 1]
    assert series.starts[1] == t0 + timedelta(hours=1)
    assert choose_step(t0, t0 + timedelta(hours=2)) == timedelta(minutes=5)
    assert choose_step(t0, t0 + timedelta(days=3)) == timedelta(hours=1)
    assert choose_step(t0, t0 + timedelta(days=5)) == timedelta(hours=6)


def test_suggested_query_prefers_hashtags_then_long_words():
    assert suggest_match_query("Site classé Seveso ?! #Hexacloud #seveso") == "hexacloud OR seveso"
    query = suggest_match_query("Le datacenter était classé Seveso https://t.co/x @someone")
    assert "datacenter" in query.split() and "https" not in query


def test_near_duplicates_group_reworded_copies():
    posts = [
        (1, "Le site est classé Seveso, fermez vos fenêtres !"),
        (2, "le site est classé SEVESO fermez vos fenêtres https://t.co/abc"),
        (3, "@voisin Le site est classé Seveso, fermez vos fenêtres"),
        (4, "Merci aux pompiers de Strasbourg pour leur travail cette nuit"),
        (5, "merci aux pompiers de Strasbourg pour leur travail cette nuit !!"),
        (6, "Quelle est l'heure du prochain point de situation ?"),
    ]
    assert cluster_near_duplicates(posts) == [[1, 2, 3], [4, 5]]
    assert cluster_near_duplicates(posts[:1]) == []
