"""Demo realism for the Feed and Dashboard: triage in progress, assignments, answers,
a post linked to the published statement, and two saved views.

Called once from ``seed_demo``. Deterministic. Writes no logbook entry (the demo
logbook is written by ``seed_demo`` itself).
"""

from __future__ import annotations

import random
from datetime import timedelta

import peewee

from warroom.domain.filters import PostFilter
from warroom.domain.timeutil import utcnow
from warroom.domain.triage import suggest_priority
from warroom.store.models import Author, Post, PostStatement, SavedView, Statement
from warroom.store.triage import filter_to_dict

ASSIGNEES = ("Inès Benali", "Hugo Lefèvre")
_RULES = (
    (("inacceptable", "perdu", "toujours rien", "aucune info"), "criticism"),
    (("seveso", "étrange", "suspicious"), "rumor"),
    (("?",), "question"),
    (("merci", "bravo", "courage"), "praise"),
)


def _what(text: str, sentiment: float | None) -> str | None:
    lowered = text.lower()
    for words, what in _RULES:
        if any(word in lowered for word in words):
            return what
    if sentiment is not None and sentiment <= -0.3:
        return "criticism"
    if sentiment is not None and sentiment >= 0.4:
        return "praise"
    return None


def seed_feed_demo(db: peewee.Database, seed: int = 4) -> None:
    """Give about half of the demo posts a triage, as a cell a few hours in would have."""
    rng = random.Random(seed)
    with db.atomic():
        kinds = {a.id: (a.kind, a.followers) for a in Author.select()}
        for post in Post.select().order_by(Post.created_at):
            if post.repost_of or rng.random() < 0.45:
                Post.update(status="new").where(Post.id == post.id).execute()
                continue
            what = _what(post.text, post.sentiment)
            kind, followers = kinds[post.__data__["author"]]
            values: dict[str, object] = {
                "triage_what": what,
                "priority": suggest_priority(followers, kind, what),
                "triage_how": "monitoring",
                "status": "triaged",
            }
            roll = rng.random()
            if what == "praise":
                values["status"] = "answered"
                values["answered_at"] = post.created_at + timedelta(minutes=40)
            elif roll < 0.35:
                values["status"] = "assigned"
                values["assignee"] = rng.choice(ASSIGNEES)
            elif roll < 0.75:
                values["status"] = "answered"
                values["assignee"] = rng.choice(ASSIGNEES)
                values["answered_at"] = post.created_at + timedelta(minutes=rng.randint(20, 180))
            elif roll < 0.8 and what is None:
                values["status"] = "ignored"
                values["status_reason"] = "off-topic"
            Post.update(values).where(Post.id == post.id).execute()
        statement = Statement.select().where(Statement.status == "published").first()
        answered = Post.select().where(Post.triage_what == "question").first()
        if statement is not None and answered is not None:
            PostStatement.create(
                post=answered, statement=statement, operator="Hugo Lefèvre", created_at=utcnow()
            )
        views = {
            "Clients sans réponse": PostFilter(
                author_kinds=frozenset({"customer"}), needs_reply=True
            ),
            "Rumeur Seveso": PostFilter(text_query="seveso"),
        }
        for name, f in views.items():
            SavedView.create(
                name=name, filter=filter_to_dict(f), owner="Inès Benali", created_at=utcnow()
            )
