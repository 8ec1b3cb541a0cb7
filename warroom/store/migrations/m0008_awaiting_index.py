"""Schema version 8: a partial index of the posts awaiting a reply.

The dashboard's "overdue" and "awaiting a reply" tiles, the status-bar counter, the spike
checks and the feed's *Needs reply* / *Overdue* filters all select the open posts that
need an answer. Through the status index they read every such post from the table (1.2 s
at 1.4M posts); this index holds only those posts, with the columns the deadline test
needs, and answers the same counts in about 0.1 s. Its WHERE clause is exactly the
condition ``warroom.store.posts.needs_reply_condition()`` writes (a test checks it).
"""

from __future__ import annotations

import peewee

VERSION = 8

AWAITING_CONDITION = (
    "status IN ('new', 'triaged', 'assigned') AND moderated = 0 AND repost_of IS NULL"
    " AND (triage_what IS NULL OR triage_what IN ('criticism', 'our_error', 'question',"
    " 'rumor'))"
)

STATEMENTS = [
    "CREATE INDEX post_awaiting ON post (created_at, channel, reply_deadline)"
    f" WHERE {AWAITING_CONDITION}",
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
