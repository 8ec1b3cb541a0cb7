"""Schema version 2: full-text search over post text (FTS5, accents folded, prefixes)."""

from __future__ import annotations

import peewee

VERSION = 2

STATEMENTS = [
    """CREATE VIRTUAL TABLE post_fts USING fts5(
        text, content='post', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='2 3')""",
    """CREATE TRIGGER post_fts_insert AFTER INSERT ON post BEGIN
        INSERT INTO post_fts (rowid, text) VALUES (new.id, new.text); END""",
    """CREATE TRIGGER post_fts_delete AFTER DELETE ON post BEGIN
        INSERT INTO post_fts (post_fts, rowid, text) VALUES ('delete', old.id, old.text); END""",
    """CREATE TRIGGER post_fts_update AFTER UPDATE OF text ON post BEGIN
        INSERT INTO post_fts (post_fts, rowid, text) VALUES ('delete', old.id, old.text);
        INSERT INTO post_fts (rowid, text) VALUES (new.id, new.text); END""",
    # Posts stored before this version become searchable too.
    "INSERT INTO post_fts (post_fts) VALUES ('rebuild')",
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
