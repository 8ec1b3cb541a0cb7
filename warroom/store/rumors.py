"""Rumor register: writes. Every change is recorded (``rumor_event`` for status changes)
and logged automatically in the logbook. Reads and spread series are in
:mod:`warroom.store.rumor_queries`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import cast

import peewee

from warroom.domain.enums import RumorStatus
from warroom.domain.rumors import STATUS_LABELS, RumorError, check_rumor_transition
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Post, Rumor, RumorEvent, RumorEvidence, RumorRebuttal, Statement
from warroom.store.statement_queries import operator_role

EVIDENCE_KINDS = ("note", "link", "attachment")
MAX_FIELD = 20_000


class RumorNotAllowed(StoreError):
    """The lifecycle or the operator's role forbids this change; nothing was written."""


def _post_id() -> peewee.Field:
    return cast(peewee.Field, Post.id)


def _rumor(rumor_id: int) -> Rumor:
    row = Rumor.get_or_none(Rumor.id == rumor_id)
    if row is None:
        raise StoreError(f"rumor #{rumor_id} does not exist")
    return row


def _clean(text: str) -> str:
    """Untrusted text without control characters (newlines and tabs kept), bounded."""
    kept = "".join(c for c in text if c in "\n\t" or c.isprintable())
    return kept.strip()[:MAX_FIELD]


def _short(text: str, size: int = 90) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def check_match_query(db: peewee.Database, query: str) -> None:
    """Raise StoreError with a readable message if ``query`` is not valid FTS5 syntax."""
    if not query.strip():
        return
    try:
        db.execute_sql("SELECT rowid FROM post_fts WHERE post_fts MATCH ? LIMIT 1", (query,))
    except (peewee.OperationalError, peewee.DatabaseError) as exc:
        raise StoreError(
            f"the match query {_short(query, 60)!r} is not valid search syntax ({exc}); "
            'use words, "exact phrases", prefix* and OR'
        ) from None


def create_rumor(
    db: peewee.Database,
    claim: str,
    operator: str,
    *,
    origin_post_id: int | None = None,
    match_query: str = "",
    first_seen: datetime | None = None,
    post_ids: Iterable[int] = (),
    best_voice: str = "",
) -> int:
    """Register a rumor (status ``detected``) and log it automatically. Returns its id.

    ``post_ids`` (e.g. a cluster of near-duplicate posts) are linked to the rumor too;
    without an explicit origin, the earliest of them is the origin post."""
    if not claim.strip():
        raise StoreError("a rumor needs a claim")
    check_match_query(db, match_query)
    linked = list(dict.fromkeys(post_ids))
    now = utcnow()
    with translated_errors("registering the rumor"), db.atomic():
        if origin_post_id is None and linked:
            earliest = Post.select().where(_post_id().in_(linked)).order_by(Post.created_at).first()
            origin_post_id = earliest.id if earliest else None
        seen = first_seen
        if seen is None and origin_post_id is not None:
            origin = Post.get_or_none(Post.id == origin_post_id)
            seen = origin.created_at if origin else None
        rumor = Rumor.create(
            claim=_clean(claim),
            first_seen=seen or now,
            origin_post=origin_post_id,
            status=RumorStatus.DETECTED.value,
            match_query=match_query.strip(),
            owner=operator,
            best_voice=best_voice.strip(),
            created_at=now,
            updated_at=now,
        )
        all_posts = linked + ([origin_post_id] if origin_post_id else [])
        if all_posts:
            Post.update(rumor=rumor.id).where(_post_id().in_(all_posts)).execute()
        RumorEvent.create(
            rumor=rumor.id,
            from_status=None,
            to_status=RumorStatus.DETECTED.value,
            operator=operator,
            at=now,
        )
        links = [("rumor", rumor.id)] + ([("post", origin_post_id)] if origin_post_id else [])
        extra = f" ({len(set(all_posts))} posts linked)" if len(set(all_posts)) > 1 else ""
        logbook.system_entry(db, f"Rumor registered: {_clean(claim)}{extra}", links, operator)
    return int(rumor.id)


def set_status(
    db: peewee.Database, rumor_id: int, target: str, operator: str, note: str = ""
) -> None:
    """Move a rumor along its lifecycle; records who/when and logs it."""
    with translated_errors("changing the rumor status"), db.atomic():
        row = _rumor(rumor_id)
        try:
            check_rumor_transition(row.status, target, operator_role(operator))
        except RumorError as exc:
            raise RumorNotAllowed(str(exc)) from None
        _record_status(db, row, target, operator, note)


def _record_status(db: peewee.Database, row: Rumor, target: str, operator: str, note: str) -> None:
    now = utcnow()
    Rumor.update(status=target, updated_at=now).where(Rumor.id == row.id).execute()
    RumorEvent.create(
        rumor=row.id,
        from_status=row.status,
        to_status=target,
        operator=operator,
        at=now,
        note=_clean(note),
    )
    label = STATUS_LABELS[RumorStatus(target)].lower()
    suffix = f" — {note.strip()}" if note.strip() else ""
    logbook.system_entry(
        db,
        f"Rumor « {_short(row.claim)} »: {row.status} → {target} ({label}){suffix}.",
        [("rumor", row.id)],
        operator,
    )


def mark_corrected_at_source(
    db: peewee.Database,
    rumor_id: int,
    operator: str,
    *,
    corrected_by: str,
    url: str = "",
    at: datetime | None = None,
) -> None:
    """Record that the source corrected itself: who corrected (e.g. the fire brigade's
    account), when, and the link; the rumor becomes ``corrected_at_source``."""
    if not corrected_by.strip():
        raise StoreError("say who corrected the rumor at its source")
    link = url.strip()
    if link and not link.lower().startswith(("http://", "https://")):
        raise StoreError(f"not a web address: {link[:80]!r} (use https://…)")
    when = at or utcnow()
    with translated_errors("recording the correction"), db.atomic():
        row = _rumor(rumor_id)
        try:
            check_rumor_transition(
                row.status, RumorStatus.CORRECTED_AT_SOURCE, operator_role(operator)
            )
        except RumorError as exc:
            raise RumorNotAllowed(str(exc)) from None
        Rumor.update(
            corrected_at_source=True,
            corrected_by=corrected_by.strip()[:300],
            corrected_at=when,
            corrected_url=link or None,
        ).where(Rumor.id == rumor_id).execute()
        note = f"corrected by {corrected_by.strip()} at {when:%Y-%m-%d %H:%M} UTC"
        _record_status(db, row, RumorStatus.CORRECTED_AT_SOURCE, operator, f"{note} {link}".strip())


def update_rumor(
    db: peewee.Database,
    rumor_id: int,
    operator: str,
    *,
    claim: str | None = None,
    owner: str | None = None,
    best_voice: str | None = None,
    match_query: str | None = None,
) -> None:
    """Edit the register fields; owner, voice and query changes are logged."""
    if match_query is not None:
        check_match_query(db, match_query)
    if claim is not None and not claim.strip():
        raise StoreError("a rumor needs a claim")
    if operator_role(operator) == "observer":
        raise RumorNotAllowed("an observer may not change a rumor")
    with translated_errors("saving the rumor"), db.atomic():
        row = _rumor(rumor_id)
        changes: dict[str, object] = {}
        described = []
        for name, value in (
            ("claim", claim),
            ("owner", owner),
            ("best_voice", best_voice),
            ("match_query", match_query),
        ):
            if value is not None and value.strip() != getattr(row, name):
                changes[name] = _clean(value)
                described.append(f"{name.replace('_', ' ')}: {_short(value.strip(), 60)}")
        if not changes:
            return
        Rumor.update(updated_at=utcnow(), **changes).where(Rumor.id == rumor_id).execute()
        logbook.system_entry(
            db,
            f"Rumor « {_short(row.claim)} » updated — " + "; ".join(described) + ".",
            [("rumor", rumor_id)],
            operator,
        )


def add_evidence(
    db: peewee.Database,
    rumor_id: int,
    operator: str,
    *,
    kind: str = "note",
    text: str = "",
    url: str = "",
    path: str = "",
) -> int:
    """Attach evidence (a note, a link, or a file by its path: the file is not copied)."""
    if kind not in EVIDENCE_KINDS:
        raise StoreError(f"unknown evidence kind {kind!r} (use one of: note, link, attachment)")
    if not (text.strip() or url.strip() or path.strip()):
        raise StoreError("evidence needs a note, a link or a file path")
    if url.strip() and not url.strip().lower().startswith(("http://", "https://")):
        raise StoreError(f"not a web address: {url.strip()[:80]!r} (use https://…)")
    if operator_role(operator) == "observer":
        raise RumorNotAllowed("an observer may not change a rumor")
    with translated_errors("adding evidence"), db.atomic():
        row = _rumor(rumor_id)
        item = RumorEvidence.create(
            rumor=rumor_id,
            kind=kind,
            text=_clean(text),
            url=url.strip(),
            path=path.strip(),
            added_by=operator,
            added_at=utcnow(),
        )
        what = _short(text or url or path, 80)
        logbook.system_entry(
            db,
            f"Evidence ({kind}) added to rumor « {_short(row.claim)} »: {what}",
            [("rumor", rumor_id)],
            operator,
        )
    return int(item.id)


def link_rebuttal(db: peewee.Database, rumor_id: int, statement_id: int, operator: str) -> None:
    """Link a statement that rebuts the rumor (the first linked is the main rebuttal)."""
    if operator_role(operator) == "observer":
        raise RumorNotAllowed("an observer may not change a rumor")
    with translated_errors("linking the rebuttal"), db.atomic():
        row = _rumor(rumor_id)
        statement = Statement.get_or_none(Statement.id == statement_id)
        if statement is None:
            raise StoreError(f"statement #{statement_id} does not exist")
        RumorRebuttal.insert(rumor=rumor_id, statement=statement_id).on_conflict_ignore().execute()
        if row.rebuttal_statement_id is None:
            Rumor.update(rebuttal_statement=statement_id).where(Rumor.id == rumor_id).execute()
        logbook.system_entry(
            db,
            f"Rumor « {_short(row.claim)} »: rebuttal statement « {statement.title} » linked.",
            [("rumor", rumor_id), ("statement", statement_id)],
            operator,
        )


def link_posts(db: peewee.Database, rumor_id: int, post_ids: Iterable[int], operator: str) -> int:
    """Mark posts as carrying the rumor. Returns how many were linked."""
    ids = list(dict.fromkeys(post_ids))
    if not ids:
        return 0
    with translated_errors("linking posts to the rumor"), db.atomic():
        row = _rumor(rumor_id)
        changed = cast(int, Post.update(rumor=rumor_id).where(_post_id().in_(ids)).execute())
        logbook.system_entry(
            db,
            f"{changed} post(s) linked to rumor « {_short(row.claim)} ».",
            [("rumor", rumor_id)] + [("post", i) for i in ids[:20]],
            operator,
        )
    return changed


def draft_rebuttal(db: peewee.Database, rumor_id: int, title: str, operator: str) -> int:
    """Create a draft statement rebutting the rumor (topic ``rumor-<id>``), link it, and
    return its id; the statement then follows the normal approval workflow."""
    from warroom.store.statements import create_statement

    with translated_errors("drafting the rebuttal"), db.atomic():
        _rumor(rumor_id)
        statement_id = create_statement(
            db, title, operator, kind="communique", topic=f"rumor-{rumor_id}"
        )
        link_rebuttal(db, rumor_id, statement_id, operator)
    return statement_id
