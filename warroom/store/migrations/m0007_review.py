"""Schema version 7: exercises and post-crisis review.

- ``exercise_inject``: each scenario inject delivered into an exercise crisis (when it
  was due, when it arrived, what it created), for the director's panel and score sheet.
- ``lesson``: the lessons-learned section of the post-crisis review, filled in by the cell.
"""

from __future__ import annotations

import peewee

VERSION = 7

STATEMENTS = [
    """CREATE TABLE exercise_inject (
        id INTEGER PRIMARY KEY,
        scenario TEXT NOT NULL,
        inject_index INTEGER NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL DEFAULT '',
        scheduled_at TEXT NOT NULL,
        delivered_at TEXT NOT NULL,
        post_count INTEGER NOT NULL DEFAULT 0,
        ref_kind TEXT,
        ref_id INTEGER,
        UNIQUE (scenario, inject_index))""",
    """CREATE TABLE lesson (
        id INTEGER PRIMARY KEY,
        section TEXT NOT NULL DEFAULT 'lesson',
        text TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL)""",
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
