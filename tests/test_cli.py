"""The command line: clear one-line errors, stable JSON, real crisis files."""

import json

import pytest

from warroom import __version__
from warroom.app import EXIT_ERROR, EXIT_OK, main
from warroom.store import logbook
from warroom.store.db import CrisisDatabase
from warroom.store.models import Post, Rumor, Statement


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out.strip() == f"warroom {__version__}"


def test_new_log_verify_stats(tmp_path, capsys):
    path = tmp_path / "sbg.warroom"
    assert run(capsys, "new", path, "--name", "Incendie SBG")[0] == EXIT_OK
    code, out, _ = run(
        capsys,
        "log",
        path,
        "Appel du préfet",
        "--category",
        "contact",
        "--operator",
        "Claire Martin",
        "--at",
        "2021-03-10T03:47+01:00",
    )
    assert code == EXIT_OK and out.startswith("entry #1 recorded")
    code, out, _ = run(capsys, "verify", path)
    assert code == EXIT_OK and "1 entries, chain intact" in out
    code, out, _ = run(capsys, "stats", path, "--json")
    stats = json.loads(out)
    assert stats["log_entries"] == 1
    assert stats["stakeholder_groups"] == 11
    assert stats["posts"] == {"total": 0, "by_channel": {}}
    crisis = CrisisDatabase.open(path)
    entry = logbook.entries(crisis.db)[0]
    crisis.close()
    assert entry.operator == "Claire Martin"
    assert entry.event_time.isoformat() == "2021-03-10T02:47:00+00:00"


def test_stats_json_has_documented_keys(demo_crisis, capsys):
    demo_crisis.close()
    code, out, _ = run(capsys, "stats", demo_crisis.path, "--json")
    stats = json.loads(out)
    assert code == EXIT_OK
    assert {
        "posts",
        "authors",
        "log_entries",
        "statements",
        "rumors",
        "stakeholder_groups",
        "sources",
    } <= stats.keys()
    expected = Post.select().count()
    assert stats["posts"]["total"] == sum(stats["posts"]["by_channel"].values()) == expected
    assert set(stats["statements"]) == {"total", "by_status"}
    published = Statement.select().where(Statement.status == "published").count()
    assert stats["statements"]["by_status"]["published"] == published > 0
    assert stats["rumors"]["total"] == Rumor.select().count() > 0
    source = next(s for s in stats["sources"] if s["kind"] == "scenario")
    assert {"name", "kind", "last_success", "last_error", "post_count"} <= source.keys()
    assert source["post_count"] == expected


@pytest.mark.parametrize(
    "args,words",
    [
        (["log", "{missing}", "text"], "no such crisis file"),
        (["log", "{text}", "text"], "not a SQLite database"),
        (["log", "{crisis}", "text", "--category", "gossip"], "unknown category"),
        (["log", "{crisis}", "text", "--at", "tomorrow"], "not a time"),
        (["log", "{crisis}", "   "], "needs some text"),
        (["new", "{crisis}", "--name", "again"], "already exists"),
        (["stats", "{text}"], "not a SQLite database"),
        (["screenshot", "{crisis}", "--out", "{tmp}/shots", "--size", "big"], "--size"),
    ],
)
def test_errors_are_one_line_without_traceback(tmp_path, capsys, args, words):
    crisis = tmp_path / "c.warroom"
    CrisisDatabase.create(crisis, "C").close()
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    values = {
        "missing": tmp_path / "missing.warroom",
        "text": text,
        "crisis": crisis,
        "tmp": tmp_path,
    }
    code, _out, err = run(capsys, *[a.format(**values) for a in args])
    assert code == EXIT_ERROR
    assert err.count("\n") == 1 and err.startswith("warroom: error: ") and words in err
    assert "Traceback" not in err


def test_unknown_command_is_usage_error(capsys):
    with pytest.raises(SystemExit) as info:
        main(["stats"])
    assert info.value.code == 2
