"""Writes of scenario content besides the posts themselves (which go through the
ingestion path, ``store_batch``): post annotations, rumors, statements, phases.

:func:`annotate_posts` adds what only a scenario knows: the stakeholder group of each
author, rumor links, and replies from our own accounts marking the parent as answered.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import peewee

from warroom.domain.enums import LogCategory
from warroom.domain.posts import NormalisedPost
from warroom.domain.timeutil import format_utc
from warroom.store import logbook
from warroom.store.errors import translated_errors
from warroom.store.models import (
    Crisis,
    Post,
    Rumor,
    RumorEvent,
    StakeholderGroup,
    Statement,
    StatementEvent,
    StatementTarget,
    StatementVersion,
)


def annotate_posts(
    db: peewee.Database,
    posts: Sequence[NormalisedPost],
    rumor_ids: dict[str, int],
    own_accounts: Iterable[str],
) -> None:
    """Scenario knowledge the generic ingestion does not have (see the module docstring)."""
    own = set(own_accounts)
    groups = {g.name: int(g.id) for g in StakeholderGroup.select()}
    author_groups: set[tuple[int, str, str]] = set()
    rumor_links = []
    answers = []
    for post in posts:
        raw = post.raw or {}
        group = groups.get(str(raw.get("group")))
        if group is not None:
            author_groups.add((group, post.channel, post.author.handle))
        rumor = rumor_ids.get(str(raw.get("rumor")))
        if rumor is not None:
            rumor_links.append((rumor, post.channel, post.id))
        if post.reply_to and post.author.handle in own:
            answers.append((format_utc(post.created_at), post.channel, post.reply_to))
    with translated_errors("annotating scenario posts"), db.atomic():
        cursor = db.cursor()
        cursor.executemany(
            "UPDATE author SET group_id = ? WHERE channel = ? AND handle = ? "
            "AND group_locked = 0 AND group_id IS NULL",
            sorted(author_groups),
        )
        cursor.executemany(
            "UPDATE post SET rumor_id = ? WHERE channel = ? AND external_id = ?", rumor_links
        )
        cursor.executemany(
            "UPDATE post SET answered_at = ?, status = 'answered' WHERE channel = ? "
            "AND external_id = ? AND answered_at IS NULL",
            answers,
        )


def _post_id(channel: str | None, external_id: object) -> int | None:
    if external_id is None:
        return None
    query = Post.select(Post.id).where(Post.external_id == str(external_id))
    if channel:
        query = query.where(Post.channel == channel)
    row = query.first()
    return int(row.id) if row else None


def create_rumor(db: peewee.Database, data: dict[str, Any], at: datetime, operator: str) -> int:
    """A rumor that appears (inject ``rumor``), logged at its scenario time."""
    with translated_errors("registering a scenario rumor"), db.atomic():
        origin = _post_id(None, data.get("origin"))
        rumor = Rumor.create(
            claim=data["claim"],
            first_seen=at,
            origin_post=origin,
            status=data.get("status", "detected"),
            match_query=data.get("match", ""),
            owner=data.get("owner", ""),
            best_voice=data.get("best_voice", ""),
            created_at=at,
            updated_at=at,
        )
        if origin is not None:
            Post.update(rumor=rumor.id).where(Post.id == origin).execute()
        RumorEvent.create(  # the history the rumor register and the replay read
            rumor=rumor.id, from_status=None, to_status=rumor.status, operator=operator, at=at
        )
        if data.get("id"):  # posts of the scenario that spread it before it was registered
            db.execute_sql(
                "UPDATE post SET rumor_id = ? WHERE rumor_id IS NULL AND raw IS NOT NULL "
                "AND json_extract(raw, '$.rumor') = ? AND json_extract(raw, '$.exercise')",
                (int(rumor.id), str(data["id"])),
            )
        links = [("rumor", int(rumor.id))] + ([("post", origin)] if origin else [])
        logbook.system_entry(
            db, f"Rumor registered: {data['claim']}", links, operator, event_time=at
        )
    return int(rumor.id)


def update_rumor(
    db: peewee.Database,
    rumor_id: int,
    data: dict[str, Any],
    at: datetime,
    statement_id: int | None,
    operator: str,
) -> None:
    """A rumor's status changes (rebutted, corrected at source…), logged at its time."""
    with translated_errors("updating a scenario rumor"), db.atomic():
        rumor = Rumor.get_by_id(rumor_id)
        changes: dict[str, Any] = {"updated_at": at}
        if data.get("status"):
            changes["status"] = data["status"]
        if statement_id is not None:
            changes["rebuttal_statement"] = statement_id
        if data.get("status") == "corrected_at_source" or data.get("corrected_by"):
            changes.update(
                corrected_at_source=True,
                corrected_by=data.get("corrected_by") or data.get("by"),
                corrected_at=at,
                corrected_url=data.get("url"),
            )
        if data.get("evidence"):
            changes["evidence"] = data["evidence"]
        Rumor.update(**changes).where(Rumor.id == rumor_id).execute()
        if changes.get("status", rumor.status) != rumor.status:
            RumorEvent.create(
                rumor=rumor_id,
                from_status=rumor.status,
                to_status=changes["status"],
                operator=operator,
                at=at,
                note=str(data.get("text") or ""),
            )
        note = f" — {data['text']}" if data.get("text") else ""
        logbook.system_entry(
            db,
            f"Rumor « {rumor.claim} »: {rumor.status} → {changes.get('status', rumor.status)}"
            f"{note}",
            [("rumor", rumor_id)],
            operator,
            event_time=at,
        )


def create_statement(db: peewee.Database, data: dict[str, Any], at: datetime) -> int:
    """A statement as the scenario says it stood (usually published), with its versions."""
    status = str(data.get("status", "published"))
    author = str(data.get("author", "comms"))
    with translated_errors("recording a scenario statement"), db.atomic():
        statement = Statement.create(
            title=data["title"],
            kind=data.get("kind", "communique"),
            status=status,
            topic=data.get("topic", ""),
            author=author,
            approver=data.get("approver"),
            created_at=at,
            updated_at=at,
        )
        groups = {g.name: g.id for g in StakeholderGroup.select()}
        for name in data.get("targets", []):
            if name in groups:
                StatementTarget.create(statement=statement, group=groups[name])
        published = status == "published"
        for version in data["versions"]:
            post_url = None
            if version.get("post"):
                post = Post.get_or_none(Post.external_id == str(version["post"]))
                post_url = post.url if post else None
            StatementVersion.create(
                statement=statement,
                channel=version["channel"],
                language=version.get("lang", "fr"),
                text=version["text"],
                created_by=author,
                created_at=at,
                frozen=published,
                published_at=at if published else None,
                published_url=post_url or version.get("url"),
                published_by=author if published else None,
            )
        for step in ("draft", "in_review", "approved", "published"):
            StatementEvent.create(
                statement=statement, from_status=None, to_status=step, operator=author, at=at
            )
            if step == status:
                break
        channels = ", ".join(sorted({str(v["channel"]) for v in data["versions"]}))
        logbook.system_entry(
            db,
            f"Statement « {data['title']} » {status} ({channels}).",
            [("statement", int(statement.id))],
            author,
            event_time=at,
        )
    return int(statement.id)


def set_phase(db: peewee.Database, phase: str, at: datetime, operator: str) -> None:
    """Change the crisis phase and log "Crisis phase: old → new" (the wording the
    timeline and the review read) at the inject's time. No entry if nothing changes."""
    with translated_errors("changing the crisis phase"), db.atomic():
        row = Crisis.select().order_by(Crisis.id).first()
        old = row.phase if row is not None else None
        if old == phase:
            return
        Crisis.update(phase=phase).execute()
        text = f"Crisis phase: {old} → {phase}" if old else f"Crisis phase: {phase}"
        logbook.append(
            db,
            logbook.NewEntry(
                text=text,
                operator=logbook.SYSTEM_OPERATOR,
                on_behalf_of=operator,
                category=LogCategory.SYSTEM,
                automatic=True,
                event_time=at,
            ),
        )
