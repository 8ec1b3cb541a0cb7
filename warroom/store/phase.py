"""Changing the crisis phase, which the logbook records automatically (the timeline's
phase lane is built from these entries)."""

from __future__ import annotations

import peewee

from warroom.domain.enums import CrisisPhase
from warroom.domain.logbook_rules import phase_text
from warroom.domain.logchain import LogEntryData
from warroom.store import logbook
from warroom.store.errors import StoreError, translated_errors
from warroom.store.models import Crisis


def change_phase(db: peewee.Database, phase: str, operator: str) -> LogEntryData:
    """Set the crisis phase and log "Crisis phase: old → new" in the same transaction."""
    try:
        new = CrisisPhase(phase)
    except ValueError:
        valid = ", ".join(p.value for p in CrisisPhase)
        raise StoreError(f"unknown phase {phase!r} (use one of: {valid})") from None
    with translated_errors("changing the crisis phase"), db.atomic():
        row = Crisis.select().order_by(Crisis.id).first()
        if row is None:
            raise StoreError("the crisis file holds no crisis record")
        if row.phase == new.value:
            raise StoreError(f"the crisis is already in phase {new.value}")
        old = row.phase
        Crisis.update(phase=new.value).where(Crisis.id == row.id).execute()
        return logbook.system_entry(db, phase_text(old, new.value), operator=operator)
