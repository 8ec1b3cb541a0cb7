"""The main courante's hash chain: canonical serialisation and verification rules.

Each logbook entry is hashed over a canonical serialisation of its content and the hash
of the entry before it, so that altering, removing, inserting or reordering any entry
breaks the chain from that entry on.

Canonical serialisation (version 1), documented in the README:

* a JSON object with exactly these keys, sorted, no insignificant whitespace
  (``separators=(",", ":")``), non-ASCII characters kept as UTF-8 (``ensure_ascii=False``):
  ``v`` (1), ``seq``, ``event_time``, ``recorded_time`` (both ``YYYY-MM-DDTHH:MM:SS.ffffffZ``
  in UTC), ``operator``, ``on_behalf_of`` (string or null), ``category``, ``text``,
  ``info_status`` (string or null), ``amends`` (sequence number or null), ``automatic``
  (boolean), ``links`` (list of ``[kind, id]`` pairs sorted), ``action_owner`` and
  ``action_due`` (string or null), ``prev_hash``;
* encoded as UTF-8 and hashed with SHA-256; the hash is stored as 64 lowercase hex digits.

The first entry's ``prev_hash`` is 64 zeros (``GENESIS_HASH``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from warroom.domain.timeutil import format_utc

GENESIS_HASH = "0" * 64
CANONICAL_VERSION = 1

LinkKind = str  # "post", "statement", "rumor", "stakeholder", "entry"


@dataclass(frozen=True)
class LogEntryData:
    """One logbook entry as stored: what the hash covers, plus the stored hash."""

    seq: int
    event_time: datetime
    recorded_time: datetime
    operator: str
    category: str
    text: str
    prev_hash: str
    on_behalf_of: str | None = None
    info_status: str | None = None
    amends: int | None = None
    automatic: bool = False
    links: tuple[tuple[LinkKind, int], ...] = field(default_factory=tuple)
    action_owner: str | None = None
    action_due: datetime | None = None
    hash: str = ""


def normalise_links(links: Iterable[Sequence[object]]) -> tuple[tuple[str, int], ...]:
    """Sorted, de-duplicated ``(kind, id)`` pairs."""
    return tuple(sorted({(str(kind), int(str(ident))) for kind, ident in links}))


def canonical_bytes(entry: LogEntryData) -> bytes:
    """The exact bytes that are hashed for ``entry`` (its ``hash`` field excluded)."""
    payload = {
        "v": CANONICAL_VERSION,
        "seq": entry.seq,
        "event_time": format_utc(entry.event_time),
        "recorded_time": format_utc(entry.recorded_time),
        "operator": entry.operator,
        "on_behalf_of": entry.on_behalf_of,
        "category": entry.category,
        "text": entry.text,
        "info_status": entry.info_status,
        "amends": entry.amends,
        "automatic": entry.automatic,
        "links": [list(pair) for pair in normalise_links(entry.links)],
        "action_owner": entry.action_owner,
        "action_due": format_utc(entry.action_due) if entry.action_due else None,
        "prev_hash": entry.prev_hash,
    }
    text = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return text.encode("utf-8")


def compute_hash(entry: LogEntryData) -> str:
    """SHA-256 of the canonical serialisation, as lowercase hex."""
    return hashlib.sha256(canonical_bytes(entry)).hexdigest()


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the chain does not hold."""

    seq: int
    row_position: int
    reason: str

    def describe(self) -> str:
        return f"entry #{self.seq} (row {self.row_position}): {self.reason}"


@dataclass(frozen=True)
class ChainReport:
    """Result of verifying a whole chain."""

    entries: int
    first_hash: str | None
    last_hash: str | None
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_chain(entries: Iterable[LogEntryData], after: ChainReport | None = None) -> ChainReport:
    """Check sequence numbers, back-links and hashes, in stored order.

    ``entries`` must come in the order they are stored (by row id), not sorted by ``seq``:
    a reordering is thus visible as a sequence jump. With ``after`` (an intact report of
    the first ``after.entries`` entries), ``entries`` are the ones that follow them and the
    chain is checked from there on, with the same rules.
    """
    expected_prev = GENESIS_HASH
    count = 0
    first_hash: str | None = None
    last_hash: str | None = None
    seen: set[int] = set()
    if after is not None and after.entries:
        count = after.entries
        first_hash, last_hash = after.first_hash, after.last_hash
        expected_prev = after.last_hash or GENESIS_HASH
        seen = set(range(1, after.entries + 1))
    for position, entry in enumerate(entries, start=count + 1):
        count = position
        problem = _check_entry(entry, position, expected_prev, seen)
        if problem is not None:
            return ChainReport(count, first_hash, last_hash, problem)
        seen.add(entry.seq)
        first_hash = first_hash or entry.hash
        last_hash = entry.hash
        expected_prev = entry.hash
    return ChainReport(count, first_hash, last_hash, None)


def _check_entry(
    entry: LogEntryData, position: int, expected_prev: str, seen: set[int]
) -> ChainProblem | None:
    if entry.seq != position:
        return ChainProblem(
            entry.seq,
            position,
            f"sequence number {entry.seq} where {position} was expected "
            "(an entry was removed, inserted or moved)",
        )
    if entry.prev_hash != expected_prev:
        return ChainProblem(
            entry.seq,
            position,
            "its link to the previous entry does not match "
            "(an entry before it was removed, inserted or altered)",
        )
    if entry.hash != compute_hash(entry):
        return ChainProblem(
            entry.seq,
            position,
            "its content does not match its hash (a field of this entry was altered)",
        )
    if entry.amends is not None and (entry.amends not in seen):
        return ChainProblem(
            entry.seq, position, f"it amends entry #{entry.amends}, which does not precede it"
        )
    return None
