"""Schema version 4: statement legal review, rumor history, evidence and rebuttals.

- ``statement``: who cleared legal review and when (approval waits for it when
  ``requires_legal`` is set).
- ``rumor_event``: every rumor status change (who, when, note), like ``statement_event``.
- ``rumor_evidence``: links, notes and attachments (by path) supporting a verdict.
- ``rumor_rebuttal``: the statements that rebut a rumor (``rumor.rebuttal_statement_id``
  stays the main one).
"""

from __future__ import annotations

import peewee

VERSION = 4

STATEMENTS = [
    "ALTER TABLE statement ADD COLUMN legal_reviewed_by TEXT",
    "ALTER TABLE statement ADD COLUMN legal_reviewed_at TEXT",
    """CREATE TABLE rumor_event (
        id INTEGER PRIMARY KEY,
        rumor_id INTEGER NOT NULL REFERENCES rumor (id) ON DELETE CASCADE,
        from_status TEXT,
        to_status TEXT NOT NULL,
        operator TEXT NOT NULL,
        at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT '')""",
    """CREATE TABLE rumor_evidence (
        id INTEGER PRIMARY KEY,
        rumor_id INTEGER NOT NULL REFERENCES rumor (id) ON DELETE CASCADE,
        kind TEXT NOT NULL DEFAULT 'note',
        text TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        path TEXT NOT NULL DEFAULT '',
        added_by TEXT NOT NULL,
        added_at TEXT NOT NULL)""",
    """CREATE TABLE rumor_rebuttal (
        id INTEGER PRIMARY KEY,
        rumor_id INTEGER NOT NULL REFERENCES rumor (id) ON DELETE CASCADE,
        statement_id INTEGER NOT NULL REFERENCES statement (id) ON DELETE CASCADE,
        UNIQUE (rumor_id, statement_id))""",
    "CREATE INDEX rumor_event_rumor ON rumor_event (rumor_id)",
    "CREATE INDEX rumor_evidence_rumor ON rumor_evidence (rumor_id)",
    "CREATE INDEX statement_topic ON statement (topic)",
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
