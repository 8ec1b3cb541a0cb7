"""Scenario validation: every problem reported, each naming its line, inject and field."""

import json

import pytest

from tests.helpers.scenarios import mini, write
from warroom.domain.scenario import ScenarioError, format_offset, parse_offset, parse_scenario
from warroom.ingest.scenario import load_scenario


def problems(doc):
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc, "test.json")
    return [p.describe() for p in info.value.problems]


def test_the_mini_scenario_is_valid():
    scenario = parse_scenario(mini())
    assert scenario.name == "mini"
    assert [i.kind for i in scenario.injects][:3] == ["post", "burst", "post"]
    assert format_offset(scenario.duration) == "+01:10"


@pytest.mark.parametrize(
    "text,seconds",
    [("+00:30", 1800), ("01:02:03", 3723), ("+2d 01:00", 176400), (90, 90), (1.5, 1.5)],
)
def test_offsets(text, seconds):
    assert parse_offset(text).total_seconds() == seconds


@pytest.mark.parametrize("bad", ["soon", "-01:00", "+1:75", -3, True, None])
def test_bad_offsets_are_refused(bad):
    with pytest.raises(ValueError, match="offset"):
        parse_offset(bad)


def test_every_problem_names_inject_and_field():
    doc = mini()
    doc["injects"][0]["channel"] = "myspace"
    doc["injects"][2]["reply_to"] = "nope"
    doc["injects"][4]["at"] = "later"
    del doc["injects"][6]["title"]
    doc["injects"][7]["rumor"] = "ghost"
    doc["injects"][9]["amends"] = "zz"
    found = problems(doc)
    assert any(p.startswith("injects[0].channel: unknown channel 'myspace'") for p in found)
    assert "injects[2].reply_to: no post 'nope' on facebook earlier in the file" in found
    assert any(p.startswith("injects[4].at: not a time offset: 'later'") for p in found)
    assert "injects[6].title: is required" in found
    assert "injects[7].rumor: no rumor 'ghost' defined earlier in the file" in found
    assert "injects[9].amends: no logbook inject with id 'zz' earlier in the file" in found


def test_errors_carry_the_line_of_the_inject(tmp_path):
    doc = mini()
    doc["injects"][5]["type"] = "fax"
    path = write(tmp_path / "s.json", doc, indent=1)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problem = info.value.problems[0]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert problem.where == "injects[5].type"
    assert "unknown inject type 'fax'" in problem.message
    assert problem.line is not None and lines[problem.line - 1].strip() == "{"
    assert '"type": "fax"' in "\n".join(lines[problem.line : problem.line + 8])
    assert str(info.value).startswith(f"{path}: line {problem.line}: injects[5].type")


def test_json_syntax_error_gives_line_and_column(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{\n "format": "warroom-scenario",\n "name": "x",,\n}', encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    assert "line 3: not valid JSON" in str(info.value)


def test_gzip_scenarios_load_and_damaged_gzip_is_reported(tmp_path):
    path = write(tmp_path / "s.json.gz", mini(), compress=True)
    assert load_scenario(path).name == "mini"
    path.write_bytes(path.read_bytes()[:30])
    with pytest.raises(ScenarioError, match="damaged gzip"):
        load_scenario(path)


@pytest.mark.parametrize(
    "doc,words",
    [
        ([], "must hold one object"),
        ({"format": "other"}, "is this a warroom scenario"),
        (mini(version=9), "unsupported version 9"),
        (mini(injects=[]), "injects: is required"),
        (mini(start="yesterday"), "not an ISO 8601 time"),
    ],
)
def test_whole_file_problems(doc, words):
    assert any(words in p for p in problems(doc))


def test_hostile_text_is_kept_as_data(tmp_path):
    doc = mini()
    doc["injects"][0]["text"] = "<b>bold</b>\x00\x07" + "x" * 100_000
    scenario = parse_scenario(json.loads(json.dumps(doc)))
    assert scenario.injects[0].data["text"].startswith("<b>bold</b>")


def test_unknown_bundled_name_lists_the_bundled_ones():
    with pytest.raises(ScenarioError) as info:
        load_scenario("no-such-scenario")
    assert "datacenter-fire" in str(info.value) and "bad-buzz" in str(info.value)


MUTATIONS = [
    ("injects.1.half_life", "soon", "injects[1].half_life"),
    ("injects.1.sentiment", [1], "injects[1].sentiment"),
    ("injects.1.channels", {"myspace": 1}, "injects[1].channels.myspace"),
    ("injects.1.repost_share", 3, "injects[1].repost_share"),
    ("injects.1.answers", {"share": 0.5}, "injects[1].answers.by"),
    ("injects.1.answers", "yes", "injects[1].answers"),
    ("communities.cust.handle", "c_{x}", "communities.cust.handle"),
    ("communities.cust.followers", [10], "communities.cust.followers"),
    ("communities.cust.channels", {"twitter": "many"}, "communities.cust.channels.twitter"),
]


@pytest.mark.parametrize("path,value,where", MUTATIONS)
def test_burst_shapes_are_checked_so_playing_never_fails(path, value, where):
    doc = mini()
    target = doc
    keys = path.split(".")
    for key in keys[:-1]:
        target = target[int(key)] if key.isdigit() else target[key]
    target[keys[-1]] = value
    with pytest.raises(ScenarioError) as info:
        parse_scenario(doc)
    assert any(p.where == where for p in info.value.problems), info.value.report()


def test_channel_aliases_in_bursts_become_channels():
    from warroom.ingest.scenario_expand import expand

    doc = mini()
    del doc["injects"][1]["root"], doc["injects"][1]["channel"]
    doc["injects"][1]["model"] = "uniform"
    doc["injects"][1]["channels"] = {"X": 1}
    posts = [s.post for s in expand(parse_scenario(doc)) if s.post and s.inject.index == 1]
    assert posts and {p["channel"] for p in posts} == {"twitter"}
