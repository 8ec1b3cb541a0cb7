"""Schema version 10: posts of the company's own accounts await no reply.

Our own accounts (author kind ``company``) publish statements and answers: the cell owes
them no reply. ``post.own`` says a post is one of theirs; triggers keep it right whatever
writes the post or changes the author's kind (an operator's correction, an import). The
index of posts awaiting a reply (schema 8) is rebuilt to leave them out, so the
"awaiting a reply" and "overdue" counts still read the index alone (checking each open
post's author through the table made them ten times slower).
"""

from __future__ import annotations

import peewee

from warroom.store.migrations.m0008_awaiting_index import AWAITING_CONDITION

VERSION = 10

OWN_KIND = "company"
AWAITING_CONDITION_10 = f"{AWAITING_CONDITION} AND own = 0"

STATEMENTS = [
    "ALTER TABLE post ADD COLUMN own INTEGER NOT NULL DEFAULT 0",
    f"UPDATE post SET own = 1 WHERE author_id IN (SELECT id FROM author WHERE kind = '{OWN_KIND}')",
    f"""CREATE TRIGGER post_own_insert AFTER INSERT ON post
        WHEN (SELECT kind FROM author WHERE id = new.author_id) = '{OWN_KIND}'
        BEGIN UPDATE post SET own = 1 WHERE id = new.id; END""",
    f"""CREATE TRIGGER author_own_kind AFTER UPDATE OF kind ON author
        WHEN (old.kind = '{OWN_KIND}') <> (new.kind = '{OWN_KIND}')
        BEGIN UPDATE post SET own = (new.kind = '{OWN_KIND}') WHERE author_id = new.id; END""",
    "DROP INDEX post_awaiting",
    "CREATE INDEX post_awaiting ON post (created_at, channel, reply_deadline)"
    f" WHERE {AWAITING_CONDITION_10}",
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
