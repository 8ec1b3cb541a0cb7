"""Triage writes: QQOQCCP answers, status, assignment, moderation, sentiment corrections,
post↔statement links, logbook entries from a post, saved views and reply targets.

Run these through ``ctx.runner.run_write(…, changed={"posts"})``. Moderation, escalation
and changes of reply targets write automatic logbook entries (DESIGN §3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields
from datetime import datetime
from typing import Any

import peewee

from warroom.domain import deadlines
from warroom.domain.enums import LogCategory, TriageStatus
from warroom.domain.filters import PostFilter
from warroom.domain.logchain import LogEntryData
from warroom.domain.timeutil import format_utc, parse_utc, utcnow
from warroom.domain.triage import (
    MAX_PRIORITY,
    TriageError,
    TriageWhat,
    check_moderation,
    check_transition,
)
from warroom.store import logbook
from warroom.store.crisis import get_setting, set_setting
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Post, PostStatement, SavedView, Statement

UNSET: Any = object()
_POST_ID: Any = Post._meta.primary_key
MAX_REASON = 2_000


def _posts(post_ids: Sequence[int]) -> list[Post]:
    found = list(Post.select().where(_POST_ID.in_(list(post_ids))))
    if len(found) != len(set(post_ids)):
        missing = sorted(set(post_ids) - {p.id for p in found})
        raise StoreError(f"post #{missing[0]} does not exist")
    return found


def set_triage(
    db: peewee.Database,
    post_ids: Sequence[int],
    *,
    what: str | None = UNSET,
    where: str | None = UNSET,
    how: str | None = UNSET,
    why: str | None = UNSET,
    priority: int = UNSET,
) -> None:
    """Record QQOQCCP answers; a new post becomes "triaged" once its *what* is known."""
    if what not in (UNSET, None):
        try:
            TriageWhat(what)
        except ValueError:
            raise StoreError(f"unknown kind of post {what!r}") from None
    if priority is not UNSET and not 0 <= int(priority) <= MAX_PRIORITY:
        raise StoreError(f"priority must be between 0 and {MAX_PRIORITY}")
    values: dict[Any, Any] = {}
    for field, value in (
        (Post.triage_what, what),
        (Post.triage_where, where),
        (Post.triage_how, how),
        (Post.triage_why, why),
        (Post.priority, priority),
    ):
        if value is not UNSET:
            values[field] = value.strip()[:MAX_REASON] if isinstance(value, str) else value
    if not values:
        return
    with translated_errors("recording the triage"), db.atomic():
        Post.update(values).where(_POST_ID.in_(list(post_ids))).execute()
        if what not in (UNSET, None):
            Post.update(status=TriageStatus.TRIAGED.value).where(
                _POST_ID.in_(list(post_ids)) & (Post.status == TriageStatus.NEW.value)
            ).execute()


def set_status(
    db: peewee.Database,
    post_ids: Sequence[int],
    status: str,
    operator: str,
    *,
    reason: str = "",
    assignee: str | None = None,
) -> int:
    """Move posts to ``status`` (checked against the triage rules). Returns how many moved."""
    reason = reason.strip()[:MAX_REASON]
    with translated_errors("changing the triage status"), db.atomic():
        posts = _posts(post_ids)
        for post in posts:
            try:
                check_transition(post.status, status, reason, assignee or post.assignee)
            except TriageError as exc:
                raise StoreError(f"post #{post.id}: {exc}") from None
        now = utcnow()
        values: dict[Any, Any] = {Post.status: status, Post.status_reason: reason or None}
        if status == TriageStatus.ASSIGNED and assignee:
            values[Post.assignee] = assignee.strip()
        if status == TriageStatus.ANSWERED:
            values[Post.answered_at] = now
        moved = Post.update(values).where(_POST_ID.in_([p.id for p in posts])).execute()
        if status == TriageStatus.ESCALATED:
            for post in posts:
                logbook.system_entry(
                    db,
                    f"Post escalated: {_quote(post.text)}" + (f" — {reason}" if reason else ""),
                    [("post", post.id)],
                    operator,
                )
    return int(moved)


def assign(db: peewee.Database, post_ids: Sequence[int], assignee: str, operator: str) -> int:
    """Assign posts (an empty name unassigns them, back to "triaged")."""
    name = assignee.strip()
    if not name:
        with translated_errors("unassigning"), db.atomic():
            return int(
                Post.update(assignee=None, status=TriageStatus.TRIAGED.value)
                .where(_POST_ID.in_(list(post_ids)) & (Post.status == TriageStatus.ASSIGNED.value))
                .execute()
            )
    with translated_errors("assigning"), db.atomic():
        Post.update(assignee=name).where(_POST_ID.in_(list(post_ids))).execute()
        opened = [p.id for p in _posts(post_ids) if p.status in ("new", "triaged")]
        if opened:
            set_status(db, opened, TriageStatus.ASSIGNED.value, operator, assignee=name)
    return len(post_ids)


def _quote(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return f"“{flat[:limit]}…”" if len(flat) > limit else f"“{flat}”"


def moderate(
    db: peewee.Database, post_id: int, reason: str, operator: str, *, hide: bool = True
) -> LogEntryData:
    """Hide (or show again) a post; always logged with its reason. Never deletes it."""
    with translated_errors("moderating"), db.atomic():
        post = _posts([post_id])[0]
        if hide:
            try:
                check_moderation(post.triage_what, reason)
            except TriageError as exc:
                raise StoreError(str(exc)) from None
        elif not reason.strip():
            raise StoreError("showing a moderated post again needs a reason")
        Post.update(moderated=hide, moderation_reason=reason.strip()[:MAX_REASON]).where(
            Post.id == post_id
        ).execute()
        verb = "hidden" if hide else "shown again"
        return logbook.system_entry(
            db,
            f"Moderation: post by @{post.author.handle} on {post.channel} {verb} "
            f"— reason: {reason.strip()[:MAX_REASON]}",
            [("post", post_id)],
            operator,
        )


def correct_sentiment(db: peewee.Database, post_id: int, value: float | None) -> None:
    """An operator's correction of the sentiment score (None returns to the computed one)."""
    if value is not None and not -1.0 <= value <= 1.0:
        raise StoreError("a sentiment score is between -1 (negative) and 1 (positive)")
    with translated_errors("correcting the sentiment"), db.atomic():
        _posts([post_id])
        Post.update(sentiment_override=value).where(Post.id == post_id).execute()


def link_statement(db: peewee.Database, post_id: int, statement_id: int, operator: str) -> bool:
    """Link a post to a statement (the answer to it). Returns False if already linked."""
    with translated_errors("linking the post to the statement"), db.atomic():
        _posts([post_id])
        if Statement.get_or_none(Statement.id == statement_id) is None:
            raise StoreError(f"statement #{statement_id} does not exist")
        exists = (
            PostStatement.select()
            .where((PostStatement.post == post_id) & (PostStatement.statement == statement_id))
            .exists()
        )
        if not exists:
            PostStatement.create(
                post=post_id, statement=statement_id, operator=operator, created_at=utcnow()
            )
    return not exists


def statements_to_link() -> list[tuple[int, str, str]]:
    """Statements a post can be linked to: (id, title, status), newest first."""
    return [
        (s.id, s.title, s.status)
        for s in Statement.select(Statement.id, Statement.title, Statement.status).order_by(
            Statement.updated_at.desc()
        )
    ]


def log_post(
    db: peewee.Database,
    post_id: int,
    text: str,
    operator: str,
    category: str = LogCategory.INFORMATION,
) -> LogEntryData:
    """A logbook entry about a post, linked to it."""
    post = _posts([post_id])[0]
    body = text.strip() or f"Post by @{post.author.handle} on {post.channel}: {_quote(post.text)}"
    return logbook.append(
        db,
        logbook.NewEntry(
            text=body,
            operator=operator,
            category=category,
            event_time=post.created_at,
            links=[("post", post_id)],
        ),
    )


# -- saved views ------------------------------------------------------------------------
def filter_to_dict(f: PostFilter) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for item in fields(f):
        value = getattr(f, item.name)
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, datetime):
            value = format_utc(value)
        data[item.name] = value
    return data


def filter_from_dict(data: dict[str, Any]) -> PostFilter:
    known = {item.name: item for item in fields(PostFilter)}
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name not in known or value is None:
            continue
        if isinstance(value, list):
            value = frozenset(str(v) for v in value)
        elif name in ("since", "until"):
            value = parse_utc(str(value))
        values[name] = value
    return PostFilter(**values)


def save_view(db: peewee.Database, name: str, f: PostFilter, owner: str) -> None:
    clean = " ".join(name.split())[:120]
    if not clean:
        raise StoreError("a saved view needs a name")
    with translated_errors("saving the view"), db.atomic():
        SavedView.insert(
            name=clean, filter=filter_to_dict(f), owner=owner, created_at=utcnow()
        ).on_conflict(
            conflict_target=[SavedView.name],
            update={SavedView.filter: filter_to_dict(f), SavedView.owner: owner},
        ).execute()


def saved_views() -> list[tuple[str, PostFilter]]:
    result = []
    for view in SavedView.select().order_by(SavedView.name):
        try:
            result.append((view.name, filter_from_dict(view.filter or {})))
        except (TypeError, ValueError):
            continue  # a view saved by a newer version with fields we do not know
    return result


def delete_view(db: peewee.Database, name: str) -> None:
    with translated_errors("deleting the view"), db.atomic():
        SavedView.delete().where(SavedView.name == name).execute()


# -- reply targets ------------------------------------------------------------------------
def reply_targets() -> dict[str, str]:
    """Per-channel targets as configured (defaults filled in)."""
    merged = dict(deadlines.DEFAULT_TARGETS)
    merged.update(get_setting(deadlines.SETTING_KEY, {}) or {})
    return merged


def set_reply_target(db: peewee.Database, channel: str, text: str, operator: str) -> None:
    try:
        target = deadlines.parse_target(text)
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    with translated_errors("saving the reply target"), db.atomic():
        configured = dict(get_setting(deadlines.SETTING_KEY, {}) or {})
        configured[channel] = text.strip()
        set_setting(db, deadlines.SETTING_KEY, configured)
        logbook.system_entry(
            db, f"Reply target for {channel} set to {target.label()}", (), operator
        )
