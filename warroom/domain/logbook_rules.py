"""Rules of the main courante that are not the hash chain: categories, significance,
link kinds, filters, templates, actions and the texts of automatic entries.

Link kinds are the first element of an entry's ``links`` pairs. Because links are part of
the hashed canonical form, the two *marker* kinds below are evidence too:

* ``("closes", seq)`` — this entry closes the action recorded as entry ``seq``;
* ``("briefing", n)`` — this entry is situation briefing (point de situation) number ``n``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from warroom.domain.enums import LogCategory
from warroom.domain.logchain import LogEntryData

LINK_POST = "post"
LINK_STATEMENT = "statement"
LINK_RUMOR = "rumor"
LINK_STAKEHOLDER = "stakeholder"
LINK_ENTRY = "entry"
LINK_CLOSES = "closes"
LINK_BRIEFING = "briefing"

#: Link kinds an operator can attach to an entry (the object kinds of DESIGN §4).
OBJECT_LINK_KINDS = (LINK_POST, LINK_STATEMENT, LINK_RUMOR, LINK_STAKEHOLDER, LINK_ENTRY)
MARKER_LINK_KINDS = (LINK_CLOSES, LINK_BRIEFING)

#: Categories that make an entry a milestone (shown in "significant only" and the timeline).
SIGNIFICANT_CATEGORIES = frozenset(
    {LogCategory.EVENT, LogCategory.DECISION, LogCategory.ACTION, LogCategory.COMMUNICATION}
)

# Automatic entries start with one of these prefixes, so that the timeline and the reports
# can recognise them without a schema of their own. Never change a prefix: old crisis files
# keep the old text.
PREFIX_STATEMENT = "Statement"
PREFIX_RUMOR = "Rumor"
PREFIX_SPIKE = "Spike alert"
PREFIX_SOURCE_FAILURE = "Source failure"
PREFIX_MODERATION = "Moderation"
PREFIX_STAKEHOLDER = "Stakeholder"
PREFIX_PHASE = "Crisis phase"
SIGNIFICANT_PREFIXES = (PREFIX_STATEMENT, PREFIX_SPIKE, PREFIX_PHASE)


def is_significant(entry: LogEntryData) -> bool:
    """A milestone: an event, decision, action or communication, a briefing, a
    correction, or an automatic entry about a statement, a spike or a phase change."""
    if entry.category in SIGNIFICANT_CATEGORIES or entry.amends is not None:
        return True
    if any(kind == LINK_BRIEFING for kind, _ in entry.links):
        return True
    return entry.automatic and entry.text.startswith(SIGNIFICANT_PREFIXES)


def briefing_number(entry: LogEntryData) -> int | None:
    for kind, number in entry.links:
        if kind == LINK_BRIEFING:
            return number
    return None


def closed_action(entry: LogEntryData) -> int | None:
    """The seq of the action this entry closes, if it closes one."""
    for kind, seq in entry.links:
        if kind == LINK_CLOSES:
            return seq
    return None


def is_action(entry: LogEntryData) -> bool:
    """An action that can be open: an action entry with an owner or a due time."""
    return entry.category == LogCategory.ACTION and (
        entry.action_owner is not None or entry.action_due is not None
    )


def parse_links(text: str) -> list[tuple[str, int]]:
    """``"post 12, rumor 3"`` (or ``post:12``) → pairs; raises ValueError naming the bad part."""
    links = []
    for part in text.replace(";", ",").split(","):
        chunk = part.strip().replace(":", " ").replace("#", " ")
        if not chunk:
            continue
        bits = chunk.split()
        if len(bits) != 2 or bits[0].lower() not in OBJECT_LINK_KINDS or not bits[1].isdigit():
            kinds = ", ".join(OBJECT_LINK_KINDS)
            raise ValueError(
                f"cannot read link “{part.strip()}” (write e.g. “post 12”; kinds: {kinds})"
            )
        links.append((bits[0].lower(), int(bits[1])))
    return links


@dataclass(frozen=True)
class LogFilter:
    """What the Logbook view, the exports and the CLI ask for. Set fields combine with AND."""

    categories: frozenset[str] = field(default_factory=frozenset)
    operator: str = ""  # operator or on-behalf-of, exact (case-insensitive)
    since: datetime | None = None  # event time, inclusive
    until: datetime | None = None  # event time, exclusive
    text: str = ""  # substring, case-insensitive
    link: tuple[str, int] | None = None  # linked object
    significant_only: bool = False
    order: str = "seq"  # "seq" (order recorded, the chain's order) or "event" (event time)

    @property
    def is_empty(self) -> bool:
        return self == LogFilter(order=self.order)


@dataclass(frozen=True)
class EntryTemplate:
    key: str
    title: str
    category: str
    text: str


TEMPLATES: tuple[EntryTemplate, ...] = (
    EntryTemplate(
        "briefing",
        "Situation briefing (point de situation)",
        LogCategory.COMMUNICATION,
        "Point de situation\nFacts:\nActions in progress:\nDecisions:\nNext point:",
    ),
    EntryTemplate(
        "call",
        "Call received",
        LogCategory.CONTACT,
        "Call received from: \nOrganisation: \nSubject: \nCall back before: ",
    ),
    EntryTemplate(
        "decision",
        "Decision taken",
        LogCategory.DECISION,
        "Decision: \nTaken by: \nReason: \nConsequences: ",
    ),
    EntryTemplate(
        "action",
        "Action assigned",
        LogCategory.ACTION,
        "Action: \nExpected result: ",
    ),
)


def template(key: str) -> EntryTemplate:
    for item in TEMPLATES:
        if item.key == key:
            return item
    raise KeyError(key)


@dataclass(frozen=True)
class OpenAction:
    seq: int
    text: str
    owner: str | None
    due: datetime | None
    recorded_by: str

    def overdue(self, now: datetime) -> bool:
        return self.due is not None and self.due < now


def open_actions(actions: Iterable[LogEntryData], closed: Iterable[int]) -> list[OpenAction]:
    """Actions not yet closed (nor corrected by a later entry), soonest due first."""
    done = set(closed)
    result = [
        OpenAction(a.seq, a.text, a.action_owner, a.action_due, a.operator)
        for a in actions
        if is_action(a) and a.seq not in done
    ]
    return sorted(result, key=lambda a: (a.due is None, a.due.timestamp() if a.due else 0, a.seq))


# -- texts of automatic entries --------------------------------------------------------
def statement_text(title: str, old: str | None, new: str, channel: str = "") -> str:
    where = f" on {channel}" if channel else ""
    move = f"{old} → {new}" if old else new
    return f"{PREFIX_STATEMENT} « {title} »: {move}{where}"


def rumor_text(claim: str, old: str | None, new: str) -> str:
    move = f"{old} → {new}" if old else new
    return f"{PREFIX_RUMOR} « {claim} »: {move}"


def spike_text(channel: str, count: int, baseline: float, window: str = "1 h") -> str:
    ratio = count / baseline if baseline > 0 else float("inf")
    times = f"×{ratio:.1f}" if ratio != float("inf") else "from nothing"
    return f"{PREFIX_SPIKE}: {count} posts on {channel} in {window} ({times} the baseline)"


def source_failure_text(source: str, error: str) -> str:
    return f"{PREFIX_SOURCE_FAILURE}: {source}: {error}"


def moderation_text(action: str, author: str, reason: str) -> str:
    return f"{PREFIX_MODERATION}: {action} a post by {author} ({reason})"


def stakeholder_text(group: str, change: str) -> str:
    return f"{PREFIX_STAKEHOLDER} group « {group} »: {change}"


def phase_text(old: str | None, new: str) -> str:
    return f"{PREFIX_PHASE}: {old} → {new}" if old else f"{PREFIX_PHASE}: {new}"


def phase_change(text: str) -> tuple[str | None, str] | None:
    """(old phase or None, new phase) named by an automatic phase-change entry."""
    if not text.startswith(PREFIX_PHASE + ":"):
        return None
    body = text.split(":", 1)[1]
    old, arrow, new = body.rpartition("→")
    new = new.strip()
    if not new:
        return None
    return (old.strip() or None) if arrow else None, new


def phase_from_text(text: str) -> str | None:
    """The new phase named by an automatic phase-change entry."""
    change = phase_change(text)
    return change[1] if change else None
