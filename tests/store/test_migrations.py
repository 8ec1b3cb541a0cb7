"""A crisis file made by an older schema opens in this version, after a backup copy."""

import sqlite3

from warroom.store import migrations
from warroom.store.db import CrisisDatabase
from warroom.store.models import ALL_MODELS


def make_v1_file(path):
    old = CrisisDatabase.create(path, "Old crisis", target_version=1)
    assert old.schema_version == 1
    old.db.execute_sql(
        "INSERT INTO author (channel, handle, created_at) VALUES "
        "('twitter', 'pompiers67', '2021-03-10T00:50:00.000000Z')"
    )
    old.db.execute_sql(
        "INSERT INTO post (channel, external_id, author_id, text, created_at, fetched_at) "
        "VALUES ('twitter', '1', 1, 'Incendie maîtrisé à Strasbourg', "
        "'2021-03-10T06:55:00.000000Z', '2021-03-10T06:56:00.000000Z')"
    )
    old.close()


def test_old_file_is_backed_up_then_migrated(crisis_path):
    make_v1_file(crisis_path)
    opened = CrisisDatabase.open(crisis_path)
    try:
        assert opened.schema_version == migrations.LATEST_VERSION > 1
        assert opened.backup is not None and opened.backup.exists()
        backup_conn = sqlite3.connect(opened.backup)
        assert backup_conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert backup_conn.execute("SELECT text FROM post").fetchone()[0].startswith("Incendie")
        backup_conn.close()
        # Posts stored under schema 1 are searchable (accents folded) after migration 2.
        rows = opened.db.execute_sql(
            "SELECT rowid FROM post_fts WHERE post_fts MATCH 'maitrise'"
        ).fetchall()
        assert rows == [(1,)]
    finally:
        opened.close()
    conn = sqlite3.connect(crisis_path)  # what any reader sees now: the migrated schema
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.LATEST_VERSION
    conn.close()
    again = CrisisDatabase.open(crisis_path)
    assert again.backup is None  # already current: no second backup
    again.close()


def test_models_match_migrated_schema(crisis):
    for model in ALL_MODELS:
        table = model._meta.table_name
        columns = {row[1] for row in crisis.db.execute_sql(f"PRAGMA table_info({table})")}
        fields = {field.column_name for field in model._meta.sorted_fields}
        assert fields == columns, f"model {model.__name__} and table {table} disagree"


def test_migrations_are_numbered_without_gaps():
    versions = [m.version for m in migrations.all_migrations()]
    assert versions == list(range(1, len(versions) + 1))
