"""Triage of a post (QQOQCCP): what it is, its priority, and its status transitions.

Who (the author's kind) and how much (reach) come from the author and the post; the
operator answers what, where, how and why. Status moves new → triaged → assigned →
answered / escalated / ignored (with a reason). Pure rules: no Qt, no database.
"""

from __future__ import annotations

from enum import StrEnum

from warroom.domain.enums import TriageStatus


class TriageError(ValueError):
    """A triage change that the rules refuse, with a message for the operator."""


class TriageWhat(StrEnum):
    CRITICISM = "criticism"
    OUR_ERROR = "our_error"
    RUMOR = "rumor"
    QUESTION = "question"
    PRAISE = "praise"
    INSULT_THREAT = "insult_threat"
    SPAM = "spam"


# The digit keys of the feed (1…7) set these, in this order.
WHAT_KEYS: tuple[TriageWhat, ...] = tuple(TriageWhat)

WHERE_SUGGESTIONS = ("our page", "their account", "media site", "blog", "forum", "review site")
HOW_SUGGESTIONS = ("monitoring", "mention of us", "customer service", "media call", "employee")
WHY_SUGGESTIONS = ("an answer", "information", "a fix", "compensation", "an apology", "attention")

# What needs an answer from the cell (not triaged yet counts as needing one).
NEEDS_REPLY_WHAT_VALUES: tuple[str, ...] = (
    TriageWhat.CRITICISM.value,
    TriageWhat.OUR_ERROR.value,
    TriageWhat.QUESTION.value,
    TriageWhat.RUMOR.value,
)
OPEN_STATUSES: tuple[str, ...] = (
    TriageStatus.NEW.value,
    TriageStatus.TRIAGED.value,
    TriageStatus.ASSIGNED.value,
)
CLOSED_STATUSES: tuple[str, ...] = (
    TriageStatus.ANSWERED.value,
    TriageStatus.ESCALATED.value,
    TriageStatus.IGNORED.value,
)

PRIORITY_LABELS = ("none", "low", "high", "urgent")
MAX_PRIORITY = len(PRIORITY_LABELS) - 1

_ALLOWED: dict[str, frozenset[str]] = {
    "new": frozenset({"triaged", "assigned", "answered", "escalated", "ignored"}),
    "triaged": frozenset({"new", "assigned", "answered", "escalated", "ignored"}),
    "assigned": frozenset({"triaged", "answered", "escalated", "ignored"}),
    "escalated": frozenset({"assigned", "answered", "ignored"}),
    "answered": frozenset({"assigned", "escalated"}),  # a follow-up question reopens it
    "ignored": frozenset({"new", "triaged", "assigned"}),
}


def check_transition(old: str, new: str, reason: str = "", assignee: str | None = None) -> None:
    """Raise :class:`TriageError` if a post cannot move from ``old`` to ``new``."""
    try:
        TriageStatus(new)
    except ValueError:
        valid = ", ".join(s.value for s in TriageStatus)
        raise TriageError(f"unknown triage status {new!r} (use one of: {valid})") from None
    if old == new:
        return
    if new not in _ALLOWED.get(old, frozenset()):
        raise TriageError(f"a post cannot go from {old} to {new}")
    if new == TriageStatus.IGNORED and not reason.strip():
        raise TriageError("ignoring a post needs a reason (it stays visible to the cell)")
    if new == TriageStatus.ASSIGNED and not (assignee or "").strip():
        raise TriageError("assigning a post needs an assignee")


OWN_KIND = "company"  # the author kind of the company's own accounts


def needs_reply(
    status: str, what: str | None, moderated: bool, is_repost: bool, author_kind: str = ""
) -> bool:
    """Whether the cell owes this post an answer (and so whether a deadline applies): not
    a post of our own accounts, nor one moderated, a repost, closed, or of a kind that
    needs no answer."""
    if moderated or is_repost or status not in OPEN_STATUSES or author_kind == OWN_KIND:
        return False
    return what is None or what in NEEDS_REPLY_WHAT_VALUES


def suggest_priority(followers: int, author_kind: str, what: str | None) -> int:
    """A starting priority 0–3 from reach, the author's weight and what the post is."""
    score = 0
    if followers >= 100_000 or author_kind in ("media", "journalist", "politician", "authority"):
        score += 2
    elif followers >= 10_000 or author_kind in ("influencer", "activist"):
        score += 1
    if what in (TriageWhat.OUR_ERROR, TriageWhat.RUMOR, TriageWhat.INSULT_THREAT):
        score += 1
    elif what in (TriageWhat.PRAISE, TriageWhat.SPAM):
        score = 0
    return min(MAX_PRIORITY, score)


MODERATION_GROUNDS = ("insult", "threat", "personal data", "spam")


def check_moderation(what: str | None, reason: str) -> None:
    """Moderation hides insults, threats, personal data (and spam); never criticism."""
    if not reason.strip():
        raise TriageError("moderation needs a reason; it is written to the logbook")
    if what in (TriageWhat.CRITICISM, TriageWhat.OUR_ERROR, TriageWhat.QUESTION):
        raise TriageError(
            "criticism and questions are answered, not hidden: re-triage the post first if "
            "it really is an insult, a threat or personal data"
        )
