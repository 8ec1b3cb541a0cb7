"""Schema version 3: the feed — post↔statement links, saved views, triage indexes."""

from __future__ import annotations

import peewee

VERSION = 3

STATEMENTS = [
    """CREATE TABLE post_statement (
        id INTEGER PRIMARY KEY,
        post_id INTEGER NOT NULL REFERENCES post (id) ON DELETE CASCADE,
        statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
        operator TEXT NOT NULL,
        created_at TEXT NOT NULL,
        UNIQUE (post_id, statement_id))""",
    "CREATE INDEX post_statement_statement ON post_statement (statement_id)",
    """CREATE TABLE saved_view (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        filter TEXT NOT NULL DEFAULT '{}',
        owner TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    # The feed lists newest first within a status ("new", "assigned"…) and per assignee.
    "CREATE INDEX post_status_created ON post (status, created_at DESC, id DESC)",
    "CREATE INDEX post_assignee ON post (assignee, created_at)",
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
