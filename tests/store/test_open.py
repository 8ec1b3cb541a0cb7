"""Opening files that are not ours, damaged, or from a newer version leaves them untouched."""

import sqlite3
from pathlib import Path

import pytest

from tests.helpers.files import digest, sidecars
from warroom.store import (
    CorruptCrisisFile,
    CrisisFileError,
    ForeignDatabase,
    NewerVersion,
    NotACrisisFile,
)
from warroom.store.db import CrisisDatabase


def assert_refused(path: Path, error: type[Exception], words: str) -> None:
    before = digest(path)
    with pytest.raises(error) as info:
        CrisisDatabase.open(path)
    assert words in str(info.value)
    assert str(path) in str(info.value)
    assert digest(path) == before
    assert not sidecars(path)
    assert not list(path.parent.glob("*backup*"))


def test_text_file_is_not_a_crisis_file(tmp_path):
    path = tmp_path / "notes.warroom"
    path.write_text("main courante sur papier\n", encoding="utf-8")
    assert_refused(path, NotACrisisFile, "not a SQLite database")


def test_empty_file(tmp_path):
    path = tmp_path / "empty.warroom"
    path.write_bytes(b"")
    assert_refused(path, NotACrisisFile, "empty")


def test_foreign_sqlite_database(tmp_path):
    path = tmp_path / "firefox.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    conn.execute("INSERT INTO moz_places (url) VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    assert_refused(path, ForeignDatabase, "another application")


def test_newer_version(crisis_path):
    CrisisDatabase.create(crisis_path, "Future").close()
    conn = sqlite3.connect(crisis_path)
    conn.execute("PRAGMA user_version = 999")
    conn.commit()
    conn.close()
    assert_refused(crisis_path, NewerVersion, "newer warroom")


def test_corrupt_pages(crisis_path, tmp_path):
    CrisisDatabase.create(crisis_path, "Damaged").close()
    # A self-contained copy (no WAL beside it, whatever other connections exist).
    damaged = tmp_path / "damaged.warroom"
    source, target = sqlite3.connect(crisis_path), sqlite3.connect(damaged)
    source.backup(target)
    target.execute("PRAGMA journal_mode = delete")
    source.close()
    target.close()
    data = bytearray(damaged.read_bytes())
    data[100:4096] = b"\xde\xad\xbe\xef" * ((4096 - 100) // 4)  # smash the schema page
    damaged.write_bytes(bytes(data))
    assert_refused(damaged, CorruptCrisisFile, "damaged")


def test_truncated_header(tmp_path):
    path = tmp_path / "cut.warroom"
    path.write_bytes(b"SQLite format 3\x00" + b"\x10\x00")
    assert_refused(path, CorruptCrisisFile, "truncated")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CrisisFileError, match="no such crisis file"):
        CrisisDatabase.open(tmp_path / "nope.warroom")
    with pytest.raises(NotACrisisFile, match="folder"):
        CrisisDatabase.open(tmp_path)


def test_create_never_overwrites(crisis_path):
    crisis_path.write_text("precious", encoding="utf-8")
    with pytest.raises(CrisisFileError, match="already exists"):
        CrisisDatabase.create(crisis_path, "X")
    assert crisis_path.read_text(encoding="utf-8") == "precious"


def test_new_file_is_wal_with_foreign_keys_and_application_id(crisis):
    db = crisis.db
    assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute_sql("PRAGMA application_id").fetchone()[0] == 0x5752524D
    reopened = CrisisDatabase.open(crisis.path)
    assert reopened.schema_version == crisis.schema_version
