"""`warroom source`, `warroom fetch --once` and `warroom import`, run as a user would."""

from __future__ import annotations

import json

from tests.ingest.conftest import api_bytes, body_for
from warroom.app import EXIT_ERROR, EXIT_OK, main


def _mastodon_server(httpserver):
    statuses = body_for("mastodon/test_public_tl.responses.json", "timelines/public?local=1")
    httpserver.expect_request("/api/v1/timelines/tag/ovh").respond_with_json(statuses)
    feed = api_bytes("rss_atom/youtube_channel_atom_kotlin_TRUNCATED_2entries.xml")
    httpserver.expect_request("/feed.xml").respond_with_data(
        feed, content_type="application/atom+xml"
    )
    return statuses


def test_source_add_list_fetch_once_twice_and_remove(crisis, httpserver, capsys):
    statuses = _mastodon_server(httpserver)
    path = str(crisis.path)
    crisis.close()
    assert (
        main(
            [
                "source",
                "add",
                path,
                "--kind",
                "rss",
                "--url",
                httpserver.url_for("/feed.xml"),
                "--name",
                "Kotlin feed",
                "--interval",
                "120",
            ]
        )
        == EXIT_OK
    )
    assert (
        main(
            [
                "source",
                "add",
                path,
                "--kind",
                "mastodon",
                "--url",
                httpserver.url_for("/"),
                "--query",
                "#ovh",
            ]
        )
        == EXIT_OK
    )
    capsys.readouterr()
    assert main(["fetch", path, "--once"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert "Kotlin feed: 2 new, 0 duplicate, 0 rejected" in out
    assert f"mastodon #ovh: {len(statuses)} new, 0 duplicate, 0 rejected" in out
    assert main(["fetch", path, "--once"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "Kotlin feed: 0 new, 2 duplicate, 0 rejected" in out
    assert main(["source", "list", path, "--json"]) == EXIT_OK
    listed = json.loads(capsys.readouterr().out)
    kotlin = next(s for s in listed if s["name"] == "Kotlin feed")
    assert kotlin["post_count"] == 2 and kotlin["last_success"] and kotlin["error_count"] == 0
    assert kotlin["interval_s"] == 120 and kotlin["has_secret"] is False
    assert main(["source", "remove", path, "Kotlin feed"]) == EXIT_OK
    assert "its 2 posts stay" in capsys.readouterr().out
    assert main(["source", "list", path]) == EXIT_OK
    assert "Kotlin feed" not in capsys.readouterr().out


def test_fetch_once_reports_a_failing_source_and_exits_non_zero(crisis, httpserver, capsys):
    httpserver.expect_request("/gone.xml").respond_with_data("no", status=404)
    path = str(crisis.path)
    crisis.close()
    main(
        [
            "source",
            "add",
            path,
            "--kind",
            "rss",
            "--url",
            httpserver.url_for("/gone.xml"),
            "--name",
            "Gone",
        ]
    )
    capsys.readouterr()
    assert main(["fetch", path, "--once"]) == EXIT_ERROR
    assert (
        "Gone: FAILED:" in capsys.readouterr().out
        and "HTTP 404" in capsys.readouterr().out + "HTTP 404"
    )
    assert main(["source", "list", path]) == EXIT_OK
    listing = capsys.readouterr().out
    assert "FAILING" in listing and "not found (HTTP 404)" in listing


def test_source_add_refuses_bad_input(crisis, capsys):
    path = str(crisis.path)
    crisis.close()
    assert main(["source", "add", path, "--kind", "rss"]) == EXIT_ERROR
    assert "needs --url" in capsys.readouterr().err
    assert main(["source", "add", path, "--kind", "rss", "--url", "ftp://x/feed"]) == EXIT_ERROR
    assert "not an http(s) URL" in capsys.readouterr().err
    assert (
        main(
            [
                "source",
                "add",
                path,
                "--kind",
                "x",
                "--query",
                "q",
                "--url",
                "https://api.example/?token=abc",
            ]
        )
        == EXIT_ERROR
    )
    assert "keyring" in capsys.readouterr().err
    assert (
        main(["source", "add", path, "--kind", "mastodon", "--query", "#a", "--interval", "5"])
        == EXIT_ERROR
    )
    assert "at least 30 seconds" in capsys.readouterr().err
    assert main(["source", "remove", path, "nope"]) == EXIT_ERROR
    assert "no source named 'nope'" in capsys.readouterr().err


def test_secret_lives_in_the_keyring_not_in_the_crisis_file(
    crisis, httpserver, memory_keyring, monkeypatch, capsys
):
    recorded = body_for(
        "twitter_x/test_client_search_recent_tweets.responses.json", "search/recent"
    )
    httpserver.expect_request(
        "/2/tweets/search/recent", headers={"Authorization": "Bearer TOPSECRET-123"}
    ).respond_with_json(recorded)
    monkeypatch.setattr("getpass.getpass", lambda prompt: "TOPSECRET-123")
    path = str(crisis.path)
    crisis.close()
    assert (
        main(
            [
                "source",
                "add",
                path,
                "--kind",
                "x",
                "--url",
                httpserver.url_for("/"),
                "--query",
                "tweepy",
                "--name",
                "X tweepy",
                "--ask-token",
            ]
        )
        == EXIT_OK
    )
    assert memory_keyring.store[("warroom", "source:X tweepy")] == "TOPSECRET-123"
    capsys.readouterr()
    assert main(["fetch", path, "--once", "--json"]) == EXIT_OK
    (result,) = json.loads(capsys.readouterr().out)
    assert result["new"] == len(recorded["data"]) and result["ok"]
    for file in crisis.path.parent.glob("crisis.warroom*"):
        assert b"TOPSECRET-123" not in file.read_bytes()


def test_import_command_output(crisis, tmp_path, capsys):
    path = tmp_path / "p.jsonl"
    path.write_text(
        '{"channel":"linkedin","id":"1","created_at":1615333620,'
        '"text":"Bonjour à tous","author":"a"}\n'
        "garbage\n",
        encoding="utf-8",
    )
    target = str(crisis.path)
    crisis.close()
    assert main(["import", target, str(path)]) == EXIT_OK
    captured = capsys.readouterr()
    assert captured.out.strip() == "p.jsonl (jsonl): 1 new, 0 duplicate, 1 rejected (2 lines)"
    assert "line 2: not valid JSON" in captured.err
    assert main(["import", target, str(path), "--json"]) == EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["duplicate"] == 1 and report["errors"][0]["line"] == 2
    assert main(["import", target, str(tmp_path / "missing.csv")]) == EXIT_ERROR
    assert "no such file" in capsys.readouterr().err
    assert main(["import", target, str(path), "--mapping", "nope"]) == EXIT_ERROR
    assert "no mapping preset 'nope'" in capsys.readouterr().err


def test_the_real_program_adds_fetches_and_imports(tmp_path, httpserver):
    """`python -m warroom` as a user runs it: one line per source, no traceback."""
    import os
    import subprocess
    import sys

    feed = api_bytes("rss_atom/chardet_realworld/linuxbox.hu.xml")
    httpserver.expect_request("/node/feed").respond_with_data(
        feed, content_type="application/rss+xml"
    )
    env = {**os.environ, "WARROOM_X_TOKEN": ""}

    def warroom(*args):
        return subprocess.run(
            [sys.executable, "-m", "warroom", *map(str, args)],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )

    path = tmp_path / "e2e.warroom"
    assert warroom("new", path, "--name", "E2E").returncode == 0
    assert (
        warroom(
            "source",
            "add",
            path,
            "--kind",
            "rss",
            "--url",
            httpserver.url_for("/node/feed"),
            "--name",
            "linuxbox",
        ).returncode
        == 0
    )
    assert (
        warroom(
            "source",
            "add",
            path,
            "--kind",
            "x",
            "--url",
            "http://127.0.0.1:9",
            "--query",
            "ovh",
            "--name",
            "X ovh",
        ).returncode
        == 0
    )
    fetched = warroom("fetch", path, "--once")
    assert fetched.returncode == 1 and "Traceback" not in fetched.stderr
    assert "linuxbox: 15 new, 0 duplicate, 0 rejected" in fetched.stdout
    assert "X ovh: FAILED: x sources need a bearer token" in fetched.stdout
    jsonl = tmp_path / "p.jsonl"
    jsonl.write_text('{"channel":"press","id":"a","created_at":0,"text":"t","author":"b"}\n')
    imported = warroom("import", path, jsonl)
    assert imported.returncode == 0 and "1 new" in imported.stdout
