"""`warroom log CRISIS --file`: bulk entry from JSONL or CSV, bad lines reported by number."""

import json

from warroom.app import main
from warroom.store import logbook


def test_jsonl_import_reports_bad_lines_and_imports_the_rest(crisis, tmp_path, capsys):
    lines = [
        {
            "text": "Appel du SDIS",
            "category": "contact",
            "operator": "Claire Martin",
            "event_time": "2021-03-10T03:47",
        },
        "not json at all",
        {"text": "", "category": "event"},
        {
            "text": "Décision : PRA",
            "category": "decision",
            "on_behalf_of": "Marc Weber",
            "time": "2021-03-10T04:00:00+01:00",
        },
        {"text": "x", "category": "gossip"},
        {"text": "y", "event_time": "yesterday"},
        ["a", "list"],
        {"text": "auto", "category": "system"},
        {"text": "Dernière ligne", "at": "2021-03-10T05:00Z"},
    ]
    path = tmp_path / "entries.jsonl"
    path.write_text(
        "\n".join(
            line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)
            for line in lines
        )
        + "\n\n",
        encoding="utf-8",
    )
    code = main(["log", str(crisis.path), "--file", str(path), "--operator", "Inès Benali"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "imported 3 entries (#1–#3); 6 bad lines skipped" in out
    for number, message in [
        (2, "not valid JSON"),
        (3, "a logbook entry needs some text"),
        (5, "unknown category 'gossip'"),
        (6, "not an ISO 8601 time"),
        (7, "not a JSON object"),
        (8, "reserved for automatic"),
    ]:
        reported = [line for line in err.splitlines() if f"entries.jsonl: line {number}: " in line]
        assert len(reported) == 1 and message in reported[0]
    stored = logbook.entries(crisis.db)
    assert [e.text for e in stored] == ["Appel du SDIS", "Décision : PRA", "Dernière ligne"]
    assert stored[0].operator == "Claire Martin" and stored[2].operator == "Inès Benali"
    assert stored[1].on_behalf_of == "Marc Weber"
    # a time without offset is in the crisis time zone (UTC for this crisis)
    assert stored[0].event_time.isoformat() == "2021-03-10T03:47:00+00:00"
    assert stored[1].event_time.isoformat() == "2021-03-10T03:00:00+00:00"
    assert logbook.verify(crisis.db).ok


def test_csv_import_and_strict_mode(crisis, tmp_path, capsys):
    path = tmp_path / "courante.csv"
    path.write_text(
        "\ufeffText,Category,Operator,Event_Time,On_Behalf_Of\n"
        '"Réunion, salle B",decision,Claire Martin,2021-03-10T08:00Z,\n'
        "Appel presse,contact,,2021-03-10T08:30Z,Hugo Lefèvre\n"
        "mauvaise,ligne,en,trop,de,colonnes\n",
        encoding="utf-8",
    )
    assert main(["log", str(crisis.path), "--file", str(path), "--strict"]) == 1
    assert "line 4: more values than columns" in capsys.readouterr().err
    assert logbook.count(crisis.db) == 0
    assert main(["log", str(crisis.path), "--file", str(path), "--json"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary == {
        "imported": 2,
        "first_seq": 1,
        "last_seq": 2,
        "skipped": [{"line": 4, "error": "more values than columns"}],
    }
    stored = logbook.entries(crisis.db)
    assert stored[0].text == "Réunion, salle B" and stored[1].on_behalf_of == "Hugo Lefèvre"
    assert stored[1].operator == "Test Operator"


def test_bulk_file_errors(crisis, tmp_path, capsys):
    assert main(["log", str(crisis.path), "--file", str(tmp_path / "nope.jsonl")]) == 1
    assert "no such file" in capsys.readouterr().err
    bad = tmp_path / "bad.csv"
    bad.write_text("when,who\n1,2\n", encoding="utf-8")
    assert main(["log", str(crisis.path), "--file", str(bad)]) == 1
    assert "needs a header line with at least a 'text' column" in capsys.readouterr().err
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"text": "café"}'.encode("latin-1"))
    assert main(["log", str(crisis.path), "--file", str(latin)]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert main(["log", str(crisis.path)]) == 1
    assert "nothing to record" in capsys.readouterr().err
    assert main(["log", str(crisis.path), "Je suis le système", "--category", "system"]) == 1
    assert "reserved for automatic entries" in capsys.readouterr().err
    assert logbook.count(crisis.db) == 0
