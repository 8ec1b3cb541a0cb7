"""The main courante is append-only and any alteration of the file is detected."""

import itertools
import sqlite3
from datetime import UTC, datetime

import pytest

from warroom.app import EXIT_OK, EXIT_TAMPERED, main
from warroom.store import AppendOnlyViolation, StoreError, logbook
from warroom.store.models import LogEntry


def fill(crisis, n=5):
    for i in range(1, n + 1):
        logbook.append(
            crisis.db,
            logbook.NewEntry(
                text=f"Entrée {i} — évacuation",
                operator="Claire Martin",
                category="event" if i % 2 else "decision",
                links=[("post", i)],
            ),
        )


def tamper(path, *sql):
    """Change the file as an attacker with sqlite3 would: triggers dropped first."""
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER log_entry_no_update")
    conn.execute("DROP TRIGGER log_entry_no_delete")
    for statement in sql:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_append_chains_entries(crisis):
    fill(crisis)
    report = logbook.verify(crisis.db)
    assert report.ok and report.entries == 5
    rows = logbook.entries(crisis.db)
    assert [r.seq for r in rows] == [1, 2, 3, 4, 5]
    assert all(b.prev_hash == a.hash for a, b in itertools.pairwise(rows))


def test_backdated_entry_keeps_both_times(crisis):
    stored = logbook.append(
        crisis.db,
        logbook.NewEntry(
            text="Appel reçu de la préfecture",
            operator="Inès",
            category="contact",
            event_time=datetime(2021, 3, 10, 3, 47, tzinfo=UTC),
        ),
    )
    assert stored.event_time == datetime(2021, 3, 10, 3, 47, tzinfo=UTC)
    assert stored.recorded_time > stored.event_time


def test_store_api_refuses_updates_and_deletes(crisis):
    fill(crisis, 2)
    row = LogEntry.get(LogEntry.seq == 1)
    row.text = "rewritten"
    with pytest.raises(AppendOnlyViolation):
        row.save()
    with pytest.raises(AppendOnlyViolation):
        row.delete_instance()
    with pytest.raises(AppendOnlyViolation), crisis.atomic():
        LogEntry.update(text="rewritten").execute()
    with pytest.raises(AppendOnlyViolation), crisis.atomic():
        LogEntry.delete().where(LogEntry.seq == 2).execute()
    assert [e.text for e in logbook.entries(crisis.db)] == [
        "Entrée 1 — évacuation",
        "Entrée 2 — évacuation",
    ]


def test_raw_sql_is_refused_by_triggers(crisis):
    fill(crisis, 2)
    crisis.close()
    conn = sqlite3.connect(crisis.path)
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("UPDATE log_entry SET text = 'x' WHERE seq = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        conn.execute("DELETE FROM log_entry")
    conn.close()


def test_amendment_references_original(crisis):
    fill(crisis, 3)
    correction = logbook.amend(
        crisis.db,
        2,
        logbook.NewEntry(
            text="Correction : décision prise à 01h15",
            operator="Claire Martin",
            category="decision",
        ),
    )
    assert correction.amends == 2 and correction.seq == 4
    assert logbook.entries(crisis.db)[1].text == "Entrée 2 — évacuation"
    with pytest.raises(StoreError, match="does not exist"):
        logbook.amend(crisis.db, 42, logbook.NewEntry(text="x", operator="y"))


def test_invalid_entries_are_refused_with_reasons(crisis):
    with pytest.raises(StoreError, match="needs some text"):
        logbook.append(crisis.db, logbook.NewEntry(text="  ", operator="a"))
    with pytest.raises(StoreError, match="unknown category"):
        logbook.append(crisis.db, logbook.NewEntry(text="x", operator="a", category="gossip"))
    assert logbook.count(crisis.db) == 0


def test_hostile_text_is_stored_verbatim(crisis):
    text = "<script>alert(1)</script>\x00\x1b[31m" + "é" * 100_000
    logbook.append(crisis.db, logbook.NewEntry(text=text, operator="a"))
    assert logbook.entries(crisis.db)[0].text == text
    assert logbook.verify(crisis.db).ok


TAMPERINGS = {
    "text": ["UPDATE log_entry SET text = 'Entrée 3 — rien à signaler' WHERE seq = 3"],
    "event time": ["UPDATE log_entry SET event_time = '2021-03-10T00:00:00.000000Z' WHERE seq = 3"],
    "recorded time": [
        "UPDATE log_entry SET recorded_time = '2020-01-01T00:00:00.000000Z' WHERE seq = 3"
    ],
    "operator": ["UPDATE log_entry SET operator = 'Mallory' WHERE seq = 3"],
    "category": ["UPDATE log_entry SET category = 'information' WHERE seq = 3"],
    "links": ["UPDATE log_entry SET links = '[[\"post\",99]]' WHERE seq = 3"],
    "unreadable links": ["UPDATE log_entry SET links = 'oops' WHERE seq = 3"],
    "amends": ["UPDATE log_entry SET amends = 1 WHERE seq = 3"],
    "hash": ["UPDATE log_entry SET hash = 'ab' || substr(hash, 3) WHERE seq = 3"],
    "deleted": ["DELETE FROM log_entry WHERE seq = 3"],
    "reordered": [
        "UPDATE log_entry SET seq = -3 WHERE seq = 3",
        "UPDATE log_entry SET seq = 3 WHERE seq = 4",
        "UPDATE log_entry SET seq = 4 WHERE seq = -3",
    ],
    "unparsable time": ["UPDATE log_entry SET event_time = 'yesterday' WHERE seq = 3"],
}


@pytest.mark.parametrize("kind", sorted(TAMPERINGS))
def test_verify_names_first_altered_entry(crisis, kind, capsys):
    fill(crisis)
    crisis.close()
    assert main(["verify", str(crisis.path)]) == EXIT_OK
    tamper(crisis.path, *TAMPERINGS[kind])
    capsys.readouterr()
    assert main(["verify", str(crisis.path)]) == EXIT_TAMPERED
    err = capsys.readouterr().err.strip()
    assert err.startswith("warroom: TAMPERED: entry #3") or err.startswith(
        "warroom: TAMPERED: entry #4"
    ), err
    assert "\n" not in err


def test_forged_entry_appended_by_hand_is_detected(crisis, capsys):
    fill(crisis, 3)
    crisis.close()
    conn = sqlite3.connect(crisis.path)
    conn.execute(
        "INSERT INTO log_entry (seq, event_time, recorded_time, operator, category, text,"
        " links, prev_hash, hash) SELECT 4, event_time, recorded_time, operator, category,"
        " 'forged', links, hash, 'f00d' FROM log_entry WHERE seq = 3"
    )
    conn.commit()
    conn.close()
    assert main(["verify", str(crisis.path)]) == EXIT_TAMPERED
    assert "entry #4" in capsys.readouterr().err
