"""Statement writes: the workflow, versions per channel and language, publication.

Every change checks ``statement.lock_version`` (optimistic locking: two operators editing
the same statement never overwrite each other silently), records who and when in
``statement_event`` for status changes, and writes an automatic logbook entry.
Published and approved texts are frozen: a change makes a new version.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import cast

import peewee

from warroom.domain import statements as rules
from warroom.domain.enums import Channel, StatementKind, StatementStatus
from warroom.domain.timeutil import utcnow
from warroom.store import logbook
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Statement, StatementEvent, StatementTarget, StatementVersion
from warroom.store.statement_queries import VersionData, operator_role, version_data

S = StatementStatus
MAX_TEXT = 100_000


class ConcurrentEdit(StoreError):
    """Someone else changed the statement since it was loaded; nothing was written."""


class NotAllowed(StoreError):
    """The workflow or the operator's role forbids this change; nothing was written."""


def _statement(statement_id: int) -> Statement:
    row = Statement.get_or_none(Statement.id == statement_id)
    if row is None:
        raise StoreError(f"statement #{statement_id} does not exist")
    return row


def _bump(statement_id: int, expected: int | None, **changes: object) -> int:
    """Apply ``changes`` if nobody else wrote since ``expected``; return the new lock."""
    query = Statement.update(
        lock_version=Statement.lock_version + 1, updated_at=utcnow(), **changes
    ).where(Statement.id == statement_id)
    if expected is not None:
        query = query.where(Statement.lock_version == expected)
    if query.execute() != 1:
        _statement(statement_id)
        raise ConcurrentEdit(
            "this statement was changed by someone else since you opened it: reload it; "
            "nothing was written"
        )
    return int(_statement(statement_id).lock_version)


def _clean_text(text: str) -> str:
    if len(text) > MAX_TEXT:
        raise StoreError(f"the text is too long ({len(text)} characters; at most {MAX_TEXT})")
    cleaned = "".join(c for c in text if c in "\n\t" or c.isprintable())
    return cleaned.replace("\r\n", "\n")


def _check_edit(role: str) -> None:
    try:
        rules.check_can_edit(role)
    except rules.WorkflowError as exc:
        raise NotAllowed(str(exc)) from None


def _log(db: peewee.Database, text: str, statement_id: int, operator: str) -> None:
    logbook.system_entry(db, text, [("statement", statement_id)], operator)


def create_statement(
    db: peewee.Database,
    title: str,
    operator: str,
    *,
    kind: str = StatementKind.COMMUNIQUE,
    topic: str = "",
    requires_legal: bool = False,
    target_ids: Iterable[int] = (),
    versions: Iterable[tuple[str, str, str]] = (),
) -> int:
    """Create a draft statement with optional first versions ``(channel, language, text)``."""
    if not title.strip():
        raise StoreError("a statement needs a title")
    try:
        StatementKind(kind)
    except ValueError:
        raise StoreError(f"unknown statement kind {kind!r}") from None
    _check_edit(operator_role(operator))
    now = utcnow()
    with translated_errors("creating the statement"), db.atomic():
        row = Statement.create(
            title=title.strip()[:300],
            kind=str(kind),
            status=S.DRAFT.value,
            topic=topic.strip(),
            requires_legal=requires_legal,
            author=operator,
            created_at=now,
            updated_at=now,
        )
        for group_id in dict.fromkeys(target_ids):
            StatementTarget.create(statement=row, group=group_id)
        for channel, language, text in versions:
            _new_version(row.id, channel, language, text, operator, 1)
        StatementEvent.create(
            statement=row, from_status=None, to_status=S.DRAFT.value, operator=operator, at=now
        )
        _log(db, f"Statement « {row.title} » drafted ({kind}).", row.id, operator)
    return int(row.id)


def _new_version(
    statement_id: int, channel: str, language: str, text: str, operator: str, number: int
) -> StatementVersion:
    try:
        channel_value = Channel.parse(channel).value
    except ValueError:
        raise StoreError(f"unknown channel {channel!r}") from None
    language = language.strip().lower()[:8] or "fr"
    return StatementVersion.create(
        statement=statement_id,
        channel=channel_value,
        language=language,
        version=number,
        text=_clean_text(text),
        criteria={},
        created_by=operator,
        created_at=utcnow(),
    )


def _latest(statement_id: int, channel: str, language: str) -> StatementVersion | None:
    return (
        StatementVersion.select()
        .where(
            (StatementVersion.statement == statement_id)
            & (StatementVersion.channel == channel)
            & (StatementVersion.language == language)
        )
        .order_by(StatementVersion.version.desc())
        .first()
    )


def save_version(
    db: peewee.Database,
    statement_id: int,
    channel: str,
    language: str,
    text: str,
    operator: str,
    expected_lock: int | None,
) -> tuple[VersionData, int]:
    """Save the text of one channel/language version. A draft version is updated in
    place; a frozen one (approved or published) is kept and a new version is made, and an
    approved or published statement goes back to draft for a new approval.
    Returns the version as stored and the statement's new lock version."""
    _check_edit(operator_role(operator))
    with translated_errors("saving the statement"), db.atomic():
        row = _statement(statement_id)
        if row.status in (S.SUPERSEDED, S.WITHDRAWN):
            raise NotAllowed(f"a {row.status} statement cannot be edited")
        try:
            channel = Channel.parse(channel).value
        except ValueError:
            raise StoreError(f"unknown channel {channel!r}") from None
        language = language.strip().lower() or "fr"
        latest = _latest(statement_id, channel, language)
        if latest is not None and not latest.frozen:
            latest.text = _clean_text(text)
            latest.save()
            version = latest
            lock = _bump(statement_id, expected_lock)
        else:
            number = 1 if latest is None else latest.version + 1
            version = _new_version(statement_id, channel, language, text, operator, number)
            lock = _revise(db, row, expected_lock, operator, channel, language, number)
    return version_data(version), lock


def _revise(
    db: peewee.Database,
    row: Statement,
    expected: int | None,
    operator: str,
    channel: str,
    language: str,
    number: int,
) -> int:
    if row.status not in (S.APPROVED, S.PUBLISHED):
        return _bump(row.id, expected)
    lock = _bump(row.id, expected, status=S.DRAFT.value, approver=None, legal_reviewed_by=None)
    note = f"revised: {channel} ({language}) version {number}"
    StatementEvent.create(
        statement=row.id,
        from_status=row.status,
        to_status=S.DRAFT.value,
        operator=operator,
        at=utcnow(),
        note=note,
    )
    _log(
        db,
        f"Statement « {row.title} » revised after {row.status} ({note}): "
        "back to draft for approval.",
        row.id,
        operator,
    )
    return lock


def transition(
    db: peewee.Database,
    statement_id: int,
    target: str,
    operator: str,
    expected_lock: int | None,
    note: str = "",
) -> int:
    """Move a statement to ``target`` if the workflow and the operator's role allow it."""
    role = operator_role(operator)
    with translated_errors("changing the statement status"), db.atomic():
        row = _statement(statement_id)
        try:
            rules.check_transition(
                row.status,
                target,
                role,
                requires_legal=bool(row.requires_legal),
                legal_cleared=bool(row.legal_reviewed_by),
            )
        except rules.WorkflowError as exc:
            raise NotAllowed(str(exc)) from None
        changes: dict[str, object] = {"status": target}
        if target == S.IN_REVIEW:
            changes["reviewer"] = None
        if target == S.APPROVED:
            changes["approver"] = operator
            _freeze(statement_id)
        if target == S.DRAFT:
            changes.update(approver=None, legal_reviewed_by=None, legal_reviewed_at=None)
        lock = _bump(statement_id, expected_lock, **changes)
        StatementEvent.create(
            statement=statement_id,
            from_status=row.status,
            to_status=target,
            operator=operator,
            at=utcnow(),
            note=note.strip(),
        )
        label = rules.STATUS_LABELS[S(target)].lower()
        suffix = f" — {note.strip()}" if note.strip() else ""
        _log(
            db,
            f"Statement « {row.title} »: {row.status} → {target} ({label}){suffix}.",
            statement_id,
            operator,
        )
    return lock


def _freeze(statement_id: int) -> None:
    """The approved text is the text of the latest version of each channel/language."""
    latest: dict[tuple[str, str], tuple[int, int]] = {}
    for v in StatementVersion.select().where(StatementVersion.statement == statement_id):
        key = (v.channel, v.language)
        if key not in latest or v.version > latest[key][1]:
            latest[key] = (int(v.id), int(v.version))
    ids = [version_id for version_id, _ in latest.values()]
    if ids:
        StatementVersion.update(frozen=True).where(
            cast(peewee.Field, StatementVersion.id).in_(ids)
        ).execute()


def record_legal_review(
    db: peewee.Database, statement_id: int, operator: str, expected_lock: int | None, note: str = ""
) -> int:
    """Legal clears a statement in review (required before approval when flagged)."""
    with translated_errors("recording the legal review"), db.atomic():
        row = _statement(statement_id)
        try:
            rules.check_legal_review(operator_role(operator), row.status)
        except rules.WorkflowError as exc:
            raise NotAllowed(str(exc)) from None
        now = utcnow()
        lock = _bump(
            statement_id,
            expected_lock,
            legal_reviewed_by=operator,
            legal_reviewed_at=now,
            reviewer=operator,
        )
        StatementEvent.create(
            statement=statement_id,
            from_status=row.status,
            to_status=row.status,
            operator=operator,
            at=now,
            note=("legal review cleared. " + note.strip()).strip(),
        )
        _log(
            db,
            f"Statement « {row.title} »: legal review cleared by {operator}.",
            statement_id,
            operator,
        )
    return lock


def publish_version(
    db: peewee.Database,
    version_id: int,
    url: str,
    operator: str,
    expected_lock: int | None,
    at: datetime | None = None,
) -> int:
    """Record that one channel version was published (channel, time, URL, operator).
    The statement must be approved (its first publication makes it published)."""
    role = operator_role(operator)
    with translated_errors("recording the publication"), db.atomic():
        version = StatementVersion.get_or_none(StatementVersion.id == version_id)
        if version is None:
            raise StoreError(f"statement version #{version_id} does not exist")
        row = _statement(version.statement_id)
        if version.published_at is not None:
            raise NotAllowed(f"this {version.channel} version was already published")
        if not version.text.strip():
            raise NotAllowed("an empty version cannot be published")
        if row.status not in (S.APPROVED, S.PUBLISHED):
            raise NotAllowed("only an approved statement can be published")
        if role not in {r.value for r in rules.PUBLISHERS}:
            raise NotAllowed(f"the role {role} may not publish statements")
        when = at or utcnow()
        clean_url = url.strip()
        if clean_url and not clean_url.lower().startswith(("http://", "https://")):
            raise StoreError(f"not a web address: {clean_url[:80]!r} (use https://…)")
        StatementVersion.update(
            frozen=True, published_at=when, published_url=clean_url or None, published_by=operator
        ).where(StatementVersion.id == version_id).execute()
        lock = _bump(row.id, expected_lock, status=S.PUBLISHED.value)
        if row.status != S.PUBLISHED:
            StatementEvent.create(
                statement=row.id,
                from_status=row.status,
                to_status=S.PUBLISHED.value,
                operator=operator,
                at=when,
                note=f"{version.channel} ({version.language})",
            )
        where = f" — {clean_url}" if clean_url else ""
        _log(
            db,
            f"Statement « {row.title} » published on {version.channel} "
            f"({version.language}, version {version.version}){where}.",
            row.id,
            operator,
        )
    return lock
