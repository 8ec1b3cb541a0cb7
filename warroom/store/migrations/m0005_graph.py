"""Schema version 5: the propagation graph's saved layout and community labels.

``graph_node`` keeps each account's layout position and community, so that reopening a
crisis shows the graph without laying it out again; ``graph_community`` keeps each
community's label, which the operator may edit (``edited`` = 1 keeps it across
recomputations).
"""

from __future__ import annotations

import peewee

VERSION = 5

STATEMENTS = [
    """CREATE TABLE graph_node (
        author_id INTEGER NOT NULL PRIMARY KEY REFERENCES author (id) ON DELETE CASCADE,
        x REAL NOT NULL,
        y REAL NOT NULL,
        community INTEGER,
        updated_at TEXT NOT NULL)""",
    "CREATE INDEX graph_node_community ON graph_node (community)",
    """CREATE TABLE graph_community (
        community INTEGER NOT NULL PRIMARY KEY,
        label TEXT NOT NULL DEFAULT '',
        edited INTEGER NOT NULL DEFAULT 0,
        size INTEGER NOT NULL DEFAULT 0,
        updated_at TEXT NOT NULL)""",
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
