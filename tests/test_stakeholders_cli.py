"""`warroom stakeholders`: the matrix headless, templates and rules logged."""

import json

from warroom.app import EXIT_ERROR, EXIT_OK, main
from warroom.store import logbook
from warroom.store.db import CrisisDatabase


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_stakeholders_json_cells_and_gaps(demo_crisis, capsys):
    demo_crisis.close()
    code, out, _ = run(capsys, "stakeholders", demo_crisis.path, "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert set(data) == {"as_of", "window_hours", "groups", "cells"}
    assert len(data["groups"]) == 11
    cell = next(
        c for c in data["cells"] if (c["group"], c["channel"]) == ("Affected customers", "support")
    )
    assert cell["last_statement"] == "Communiqué n°1 — incendie du site STR"
    import sqlite3

    conn = sqlite3.connect(demo_crisis.path)
    (published,) = conn.execute(
        "SELECT max(published_at) FROM statement_version WHERE statement_id = 1"
        " AND channel = 'support'"
    ).fetchone()
    conn.close()
    assert cell["last_statement_at"] == published
    assert cell["gap"] is True and cell["weight"] == 1.0
    total = sum(c["posts"] for c in data["cells"])
    code, out, _ = run(capsys, "stakeholders", demo_crisis.path, "--json", "--window", "6")
    narrow = json.loads(out)
    assert narrow["window_hours"] == 6 and sum(c["posts"] for c in narrow["cells"]) < total


def test_stakeholders_template_and_rules_are_logged(demo_crisis, capsys):
    demo_crisis.close()
    code, out, _ = run(
        capsys,
        "stakeholders",
        demo_crisis.path,
        "--template",
        "ethical_bad_buzz",
        "--apply-rules",
        "--operator",
        "Claire Martin",
    )
    assert code == EXIT_OK
    assert "template ethical_bad_buzz: 6 group(s) changed" in out
    assert "rules: 0 of 62 authors changed group" in out
    assert "Activists / opinion leaders" in out and "P4 I5" in out
    crisis = CrisisDatabase.open(demo_crisis.path)
    try:
        last = logbook.entries(crisis.db, since_seq=logbook.count(crisis.db) - 1)[0]
        assert "“Ethical bad buzz” applied by Claire Martin" in last.text
        assert logbook.verify(crisis.db).ok
    finally:
        crisis.close()


def test_stakeholders_bad_input(demo_crisis, tmp_path, capsys):
    demo_crisis.close()
    code, _, err = run(capsys, "stakeholders", demo_crisis.path, "--window", "0")
    assert code == EXIT_ERROR and "--window must be a positive number" in err
    code, _, err = run(capsys, "stakeholders", demo_crisis.path, "--template", "volcano")
    assert code == EXIT_ERROR and "unknown crisis template 'volcano'" in err
    assert "technical_outage" in err
    code, _, err = run(capsys, "stakeholders", tmp_path / "missing.warroom")
    assert code == EXIT_ERROR and "no such crisis file" in err
