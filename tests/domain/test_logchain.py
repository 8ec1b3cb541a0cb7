from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from warroom.domain.logchain import (
    GENESIS_HASH,
    LogEntryData,
    canonical_bytes,
    compute_hash,
    verify_chain,
)

T = datetime(2021, 3, 10, 0, 47, tzinfo=UTC)


def chain(n: int = 4) -> list[LogEntryData]:
    entries, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        entry = LogEntryData(
            seq=seq,
            event_time=T + timedelta(minutes=seq),
            recorded_time=T + timedelta(minutes=seq, seconds=5),
            operator="Claire",
            category="event",
            text=f"entrée n°{seq} ✓",
            prev_hash=prev,
            links=(("post", seq),),
            amends=1 if seq == 4 else None,
        )
        entry = replace(entry, hash=compute_hash(entry))
        entries.append(entry)
        prev = entry.hash
    return entries


def test_canonical_serialisation_is_documented_form():
    entry = chain(1)[0]
    text = canonical_bytes(entry).decode("utf-8")
    assert text.startswith('{"action_due":null,"action_owner":null,"amends":null,')
    assert '"text":"entrée n°1 ✓"' in text  # UTF-8, not \\u escapes
    assert '"event_time":"2021-03-10T00:48:00.000000Z"' in text
    assert " " not in text.replace("entrée n°1 ✓", "")


def test_intact_chain_verifies():
    report = verify_chain(chain())
    assert report.ok and report.entries == 4
    assert report.first_hash == chain()[0].hash and report.last_hash == chain()[-1].hash


@pytest.mark.parametrize(
    "field,value",
    [
        ("text", "entrée modifiée"),
        ("operator", "Mallory"),
        ("category", "decision"),
        ("event_time", T),
        ("recorded_time", T),
        ("links", (("post", 99),)),
        ("on_behalf_of", "Someone"),
        ("automatic", True),
        ("info_status", "verified"),
    ],
)
def test_any_field_change_is_detected(field, value):
    entries = chain()
    entries[1] = replace(entries[1], **{field: value})
    report = verify_chain(entries)
    assert not report.ok
    assert report.problem.seq == 2 and "altered" in report.problem.reason


def test_removed_reordered_and_inserted_entries_are_detected():
    entries = chain()
    assert verify_chain(entries[:1] + entries[2:]).problem.seq == 3
    swapped = [entries[0], entries[2], entries[1], entries[3]]
    assert verify_chain(swapped).problem.seq == 3
    forged = replace(entries[1], text="forged", hash="")
    forged = replace(forged, hash=compute_hash(forged))
    report = verify_chain([entries[0], forged, *entries[2:]])
    assert report.problem.seq == 3 and "previous entry" in report.problem.reason


def test_amendment_must_point_backwards():
    entries = chain()
    bad = replace(entries[1], amends=3, hash="")
    bad = replace(bad, hash=compute_hash(bad))
    assert "does not precede" in verify_chain([entries[0], bad]).problem.reason
