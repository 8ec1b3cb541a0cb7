"""The bundled scenarios: deterministic generation and the content the issue asks for."""

import statistics
from collections import Counter
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.helpers.files import digest
from warroom import paths
from warroom.ingest.demo_scenarios import write_all
from warroom.ingest.scenario import load_scenario
from warroom.ingest.scenario_expand import expand

PARIS = ZoneInfo("Europe/Paris")


def test_same_seed_same_file_hash_and_bundled_files_are_current(tmp_path):
    first = write_all(tmp_path / "a")
    second = write_all(tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        assert digest(one) == digest(two)
        bundled = paths.resources_dir() / "scenarios" / one.name
        assert digest(bundled) == digest(one), f"{one.name}: regenerate the bundled file"


def test_generator_output_changes_with_the_seed(tmp_path, monkeypatch):
    from warroom.ingest.demo_scenarios import bad_buzz

    original = write_all(tmp_path / "a")[1]
    monkeypatch.setattr(bad_buzz, "SEED", bad_buzz.SEED + 1)
    changed = write_all(tmp_path / "b")[1]
    assert digest(original) != digest(changed)


@pytest.fixture(scope="module")
def fire():
    scenario = load_scenario("datacenter-fire")
    return scenario, expand(scenario)


def local(scenario, step):
    return (scenario.start + step.at).astimezone(PARIS)


def test_fire_has_thousands_of_posts_in_two_languages_on_many_channels(fire):
    scenario, steps = fire
    posts = [s.post for s in steps if s.post is not None]
    first_72h = [s for s in steps if s.post is not None and s.at <= timedelta(hours=72)]
    assert len(first_72h) >= 5000
    channels = Counter(p["channel"] for p in posts)
    assert len(channels) >= 6 and channels["twitter"] < len(posts) * 0.7
    languages = Counter(p["lang"] for p in posts)
    assert languages["fr"] > languages["en"] > 500
    assert "synthetic" in scenario.notice and "no real person" in scenario.notice


def test_fire_has_hubs_igniting_cascades_and_communities(fire):
    _scenario, steps = fire
    posts = [s.post for s in steps if s.post is not None]
    parents = Counter(
        p.get("repost_of") or p.get("reply_to") or p.get("quote_of")
        for p in posts
        if p.get("repost_of") or p.get("reply_to") or p.get("quote_of")
    )
    top = [count for _post, count in parents.most_common(10)]
    assert top[0] > 100 and statistics.median(parents.values()) <= 2  # a few hubs, long tail
    # Sub-cascades: some reshared posts are themselves reshares/replies in a cascade.
    burst_ids = {p["id"] for p in posts if p.get("author_group") is not None}
    nested = [pid for pid in parents if pid in burst_ids]
    assert len(nested) > 50
    groups = Counter(p.get("author_group") for p in posts if p.get("author_group"))
    for group in ("Employees", "Media / journalists", "Activists / opinion leaders",
                  "Affected customers", "Competitors"):  # fmt: skip
        assert groups[group] > 20, group


def test_fire_follows_the_public_timeline(fire):
    scenario, steps = fire
    statements = {s.inject.data["id"]: s for s in steps if s.kind == "statement"}
    first = local(scenario, statements["c1"])
    assert (first.day, first.hour, first.minute) == (10, 11, 0)
    assert statements["c1"].inject.data["versions"][0]["channel"] == "support"
    video = local(scenario, statements["video"])
    assert (video.day, video.hour, video.minute) == (10, 16, 40)
    assert {v["channel"] for v in statements["video"].inject.data["versions"]} == {
        "linkedin",
        "twitter",
    }
    daily = [k for k in statements if k.startswith("daily-")]
    assert len(daily) >= 10
    assert local(scenario, statements["restart"]).day == 16  # day 7
    assert local(scenario, statements["substitute"]).strftime("%m-%d") == "04-05"  # day 27
    regulator = [s for s in steps if s.post and s.post["author"] == "regul_data"]
    assert local(scenario, regulator[0]).day == 21  # day 12
    fire_post = next(s for s in steps if s.post and s.post["author"] == "sdis67")
    assert scenario.start.astimezone(PARIS).strftime("%d %H:%M") == "10 00:47"
    assert local(scenario, fire_post).strftime("%H:%M") < "02:00"


def test_fire_rumors_and_their_rebuttals(fire):
    _scenario, steps = fire
    rumors = {s.inject.data["id"]: s.inject.data for s in steps if s.kind == "rumor"}
    assert set(rumors) == {"seveso", "ipo", "outage"}
    updates = [s.inject.data for s in steps if s.kind == "rumor_update"]
    final = {u["rumor"]: u["status"] for u in updates}
    assert final == {"seveso": "corrected_at_source", "ipo": "rebutted", "outage": "rebutted"}
    seveso_fix = next(u for u in updates if u["status"] == "corrected_at_source")
    assert seveso_fix["corrected_by"] == "Pompiers du Bas-Rhin"
    posts = [s.post for s in steps if s.post is not None]
    assert sum(1 for p in posts if p.get("rumor") == "ipo") > 100
    poaching = [p for p in posts if p.get("author_kind") == "competitor"]
    assert any("migration" in p["text"].lower() for p in poaching if p["text"])


def test_bad_buzz_has_a_boycott_hashtag_and_a_tenfold_spike():
    scenario = load_scenario("bad-buzz")
    posts = [s for s in expand(scenario) if s.post is not None]
    hourly = Counter(int(s.at.total_seconds() // 3600) for s in posts)
    volumes = [hourly.get(h, 0) for h in range(72)]
    ratio = max(volumes) / statistics.median(volumes)
    assert 8 <= ratio <= 14
    tagged = [s for s in posts if "boycottlumina" in s.post.get("hashtags", [])]
    assert len(tagged) > 300
    assert "synthetic" in scenario.notice
