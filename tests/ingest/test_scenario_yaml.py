"""Scenarios written in YAML: same validation, lines of the YAML file, YAML 1.2 scalars."""

import gzip
import json

import pytest
import yaml

from tests.helpers.scenarios import mini
from warroom.app import EXIT_OK, main
from warroom.domain.scenario import ScenarioError, format_offset
from warroom.domain.scenario_base import INJECT_TYPES
from warroom.ingest.scenario import bundled_names, load_scenario, parse_text
from warroom.ingest.scenario_expand import expand
from warroom.store import logbook
from warroom.store.crisis import crisis_info
from warroom.store.db import CrisisDatabase
from warroom.store.models import Post, Rumor


def as_yaml(doc) -> str:
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, default_flow_style=False)


def test_a_yaml_scenario_equals_its_json_form(tmp_path):
    path = tmp_path / "mini.yaml"
    path.write_text(as_yaml(mini()), encoding="utf-8")
    from_yaml = load_scenario(path)
    from_json = parse_text(json.dumps(mini()), "mini.json")
    assert [(i.at, i.kind, i.data) for i in from_yaml.injects] == [
        (i.at, i.kind, i.data) for i in from_json.injects
    ]
    posts = [s.post for s in expand(from_yaml) if s.post]
    assert posts == [s.post for s in expand(from_json) if s.post]


def test_unquoted_offsets_dates_and_language_codes_stay_what_was_written():
    # YAML 1.1 would read +1:05 as the integer 65, the start as a datetime, 'no' as False.
    text = as_yaml(mini())
    assert "at: +00:05\n" in text and "start: '2021-03-10T00:00:00Z'\n" in text
    text = text.replace("at: +00:05\n", "at: +1:05\n").replace(
        "'2021-03-10T00:00:00Z'", "2021-03-10T00:00:00Z"
    )
    text = text.replace(
        "text: Fire at the site. Everyone is safe.\n",
        "text: Fire at the site. Everyone is safe.\n  lang: no\n",
    )
    scenario = parse_text(text, "mini.yml")
    burst = next(i for i in scenario.injects if i.kind == "burst")
    assert format_offset(burst.at) == "+01:05"
    assert scenario.start.isoformat() == "2021-03-10T00:00:00+00:00"
    assert scenario.injects[0].data["lang"] == "no"


def test_problems_name_the_line_of_the_yaml_inject(tmp_path):
    doc = mini()
    doc["injects"][5]["type"] = "fax"
    path = tmp_path / "bad.yaml"
    path.write_text(as_yaml(doc), encoding="utf-8")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problem = info.value.problems[0]
    line = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    assert problem.where == "injects[5].type" and "unknown inject type 'fax'" in problem.message
    assert line.strip() == "- at: +00:35"
    assert str(info.value).startswith(f"{path}: line {problem.line}: injects[5].type")


@pytest.mark.parametrize(
    "text,line,words",
    [
        ("format: warroom-scenario\nname: [unclosed\nversion: 1\n", 3, "not valid YAML"),
        ("format: warroom-scenario\nname: a\nname: b\n", 3, "the key 'name' is given twice"),
        ("format: warroom-scenario\n\tname: a\n", 2, "not valid YAML"),
    ],
)
def test_yaml_syntax_errors_give_their_line(text, line, words):
    with pytest.raises(ScenarioError) as info:
        parse_text(text, "broken.yaml")
    problem = info.value.problems[0]
    assert words in problem.message and problem.line == line, info.value.report()


def test_yaml_that_is_not_a_mapping_is_refused():
    with pytest.raises(ScenarioError, match="must hold one object"):
        parse_text("- just\n- a list\n", "list.yaml")
    with pytest.raises(ScenarioError, match="must hold one object"):
        parse_text("", "empty.yaml")


def test_yaml_tags_cannot_build_objects():
    text = as_yaml(mini()).replace("name: mini", "name: !!python/object/apply:os.system [id]")
    with pytest.raises(ScenarioError, match="not valid YAML"):
        parse_text(text, "hostile.yaml")


def test_gzip_yaml_and_anchors(tmp_path):
    text = as_yaml(mini()) + "x-shared: &common {operator: Claire}\n"
    path = tmp_path / "s.yaml.gz"
    path.write_bytes(gzip.compress(text.encode("utf-8"), mtime=0))
    assert load_scenario(path).name == "mini"


def test_the_bundled_yaml_scenario_is_valid_and_plays_every_kind_of_inject():
    assert "stranded-train" in bundled_names()
    scenario = load_scenario("stranded-train")
    kinds = {i.kind for i in scenario.injects}
    assert set(INJECT_TYPES) <= kinds
    posts = [s.post for s in expand(scenario) if s.post]
    assert len(posts) > 800
    assert {p["channel"] for p in posts} >= {"twitter", "facebook", "tiktok", "press"}


def test_the_yaml_scenario_plays_from_the_command_line(tmp_path, capsys):
    target = tmp_path / "train.warroom"
    assert main(["scenario", "play", str(target), "stranded-train", "--instant"]) == EXIT_OK
    assert "EXERCISE stranded-train: " in capsys.readouterr().out
    crisis = CrisisDatabase.open(target)
    try:
        assert crisis_info().is_exercise and crisis_info().name == "Train 4512 bloqué — Lignéo"
        expected = sum(1 for s in expand(load_scenario("stranded-train")) if s.post)
        assert Post.select().count() == expected
        assert Rumor.get().status == "corrected_at_source"
        texts = [e.text for e in logbook.entries(crisis.db, limit=100)]
        assert any(t.startswith("Incoming call — Préfecture du Bas-Rhin") for t in texts)
    finally:
        crisis.close()


@pytest.mark.parametrize(
    "text,words,line",
    [
        ("format: warroom-scenario\nversion: 1\nname: bell\x07\n", "character 0x0007", 3),
        ("\x00\x01binary", "character 0x0000", 1),
    ],
)
def test_control_characters_in_a_yaml_file_are_reported_with_their_line(text, words, line):
    with pytest.raises(ScenarioError) as info:
        parse_text(text, "ctrl.yaml")
    problem = info.value.problems[0]
    assert words in problem.message and problem.line == line
