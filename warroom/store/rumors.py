"""Rumor register: store functions (the statements-and-rumors issue extends this)."""

from __future__ import annotations

from datetime import datetime

import peewee

from warroom.domain.enums import RumorStatus
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Post, Rumor


def create_rumor(
    db: peewee.Database,
    claim: str,
    operator: str,
    *,
    origin_post_id: int | None = None,
    match_query: str = "",
    first_seen: datetime | None = None,
) -> int:
    """Register a rumor (status ``detected``) and log it automatically. Returns its id."""
    if not claim.strip():
        raise StoreError("a rumor needs a claim")
    now = utcnow()
    with translated_errors("registering the rumor"), db.atomic():
        seen = first_seen
        if seen is None and origin_post_id is not None:
            origin = Post.get_or_none(Post.id == origin_post_id)
            seen = origin.created_at if origin else None
        rumor = Rumor.create(
            claim=claim.strip(),
            first_seen=seen or now,
            origin_post=origin_post_id,
            status=RumorStatus.DETECTED.value,
            match_query=match_query,
            owner=operator,
            created_at=now,
            updated_at=now,
        )
        if origin_post_id is not None:
            Post.update(rumor=rumor.id).where(Post.id == origin_post_id).execute()
        links = [("rumor", rumor.id)] + ([("post", origin_post_id)] if origin_post_id else [])
        logbook.system_entry(db, f"Rumor registered: {claim.strip()}", links, operator)
    return int(rumor.id)
