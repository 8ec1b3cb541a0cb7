"""Statement rules: the approval workflow, roles, channel length limits and X threads.

Pure Python (DESIGN §3). The criteria checklist and its automatic hints live in
:mod:`warroom.domain.criteria`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from warroom.domain.enums import OperatorRole, StatementKind, StatementStatus

S = StatementStatus
R = OperatorRole


class WorkflowError(Exception):
    """A transition that the workflow or the operator's role does not allow."""


# Which status may follow which. "Changes requested" sends a statement back to draft.
TRANSITIONS: dict[StatementStatus, frozenset[StatementStatus]] = {
    S.DRAFT: frozenset({S.IN_REVIEW, S.WITHDRAWN}),
    S.IN_REVIEW: frozenset({S.APPROVED, S.DRAFT, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.PUBLISHED, S.DRAFT, S.WITHDRAWN}),
    S.PUBLISHED: frozenset({S.SUPERSEDED, S.WITHDRAWN}),
    S.SUPERSEDED: frozenset(),
    S.WITHDRAWN: frozenset({S.DRAFT}),
}

EDITORS = frozenset({R.DIRECTOR, R.COMMS_LEAD, R.COMMUNITY_MANAGER, R.LEGAL, R.ANALYST})
APPROVERS = frozenset({R.DIRECTOR, R.COMMS_LEAD})
PUBLISHERS = frozenset({R.DIRECTOR, R.COMMS_LEAD, R.COMMUNITY_MANAGER})
REVIEWERS = frozenset({R.DIRECTOR, R.COMMS_LEAD, R.LEGAL})

# Who may move a statement *into* each status.
ALLOWED_ROLES: dict[StatementStatus, frozenset[OperatorRole]] = {
    S.DRAFT: REVIEWERS | {R.COMMUNITY_MANAGER},  # reopen / request changes
    S.IN_REVIEW: EDITORS,
    S.APPROVED: APPROVERS,
    S.PUBLISHED: PUBLISHERS,
    S.SUPERSEDED: APPROVERS,
    S.WITHDRAWN: APPROVERS,
}

ACTION_LABELS: dict[StatementStatus, str] = {
    S.DRAFT: "Back to draft",
    S.IN_REVIEW: "Submit for review",
    S.APPROVED: "Approve",
    S.PUBLISHED: "Mark published",
    S.SUPERSEDED: "Supersede",
    S.WITHDRAWN: "Withdraw",
}

STATUS_LABELS: dict[StatementStatus, str] = {
    S.DRAFT: "Draft",
    S.IN_REVIEW: "In review",
    S.APPROVED: "Approved",
    S.PUBLISHED: "Published",
    S.SUPERSEDED: "Superseded",
    S.WITHDRAWN: "Withdrawn",
}

KIND_LABELS: dict[StatementKind, str] = {
    StatementKind.COMMUNIQUE: "Communiqué",
    StatementKind.FAQ: "FAQ entry",
    StatementKind.REPLY_TEMPLATE: "Reply template",
    StatementKind.VIDEO_SCRIPT: "Executive video script",
    StatementKind.INTERNAL_NOTE: "Internal note",
    StatementKind.HOLDING: "Holding statement",
}


def parse_role(value: str) -> OperatorRole:
    try:
        return OperatorRole(value)
    except ValueError:
        return OperatorRole.OBSERVER  # an unknown role gets the least rights


def check_transition(
    current: str,
    target: str,
    role: str,
    *,
    requires_legal: bool = False,
    legal_cleared: bool = False,
) -> None:
    """Raise :class:`WorkflowError` (one readable sentence) unless the move is allowed."""
    try:
        source, goal = StatementStatus(current), StatementStatus(target)
    except ValueError as exc:
        raise WorkflowError(f"unknown statement status ({exc})") from None
    who = parse_role(role)
    if goal not in TRANSITIONS[source]:
        raise WorkflowError(
            f"a {STATUS_LABELS[source].lower()} statement cannot become "
            f"{STATUS_LABELS[goal].lower()}"
        )
    if who not in ALLOWED_ROLES[goal]:
        allowed = ", ".join(sorted(r.value for r in ALLOWED_ROLES[goal]))
        raise WorkflowError(
            f"the role {who.value} may not {ACTION_LABELS[goal].lower()} a statement "
            f"(allowed: {allowed})"
        )
    if goal is S.APPROVED and requires_legal and not legal_cleared:
        raise WorkflowError("this statement requires legal review: legal must clear it first")


def check_legal_review(role: str, status: str) -> None:
    if parse_role(role) is not R.LEGAL:
        raise WorkflowError("only the legal role can record a legal review")
    if status != S.IN_REVIEW:
        raise WorkflowError("legal review is recorded while the statement is in review")


def check_can_edit(role: str) -> None:
    if parse_role(role) not in EDITORS:
        raise WorkflowError(f"the role {parse_role(role).value} may not edit statements")


def next_actions(current: str, role: str) -> list[StatementStatus]:
    """The transitions this role may attempt now (legal clearance is checked on the move)."""
    try:
        source = StatementStatus(current)
    except ValueError:
        return []
    who = parse_role(role)
    order = list(StatementStatus)
    return sorted(
        (goal for goal in TRANSITIONS[source] if who in ALLOWED_ROLES[goal]), key=order.index
    )


# -- channel length limits ---------------------------------------------------------------


@dataclass(frozen=True)
class ChannelLimit:
    """``limit`` characters per post (None: no practical limit); ``threads``: a longer
    text is split into a numbered thread of posts; ``weighted``: X's counting rules."""

    limit: int | None
    threads: bool = False
    weighted: bool = False
    note: str = ""


CHANNEL_LIMITS: dict[str, ChannelLimit] = {
    "twitter": ChannelLimit(280, threads=True, weighted=True, note="per post; links count 23"),
    "bluesky": ChannelLimit(300, threads=True, note="per post"),
    "mastodon": ChannelLimit(500, threads=True, note="per post (default instance limit)"),
    "linkedin": ChannelLimit(3000, note="post"),
    "facebook": ChannelLimit(63_206, note="post"),
    "instagram": ChannelLimit(2200, note="caption"),
    "youtube": ChannelLimit(5000, note="video description"),
    "tiktok": ChannelLimit(2200, note="caption"),
    "reddit": ChannelLimit(40_000, note="post body"),
}
NO_LIMIT = ChannelLimit(None, note="no length limit")

URL_RE = re.compile(r"https?://\S+", re.IGNORECASE)
X_URL_LENGTH = 23
# twitter-text v3: these code point ranges weigh 1, everything else (CJK, emoji…) 2.
_LIGHT_RANGES = ((0, 4351), (8192, 8205), (8208, 8223), (8242, 8247))


def channel_limit(channel: str) -> ChannelLimit:
    return CHANNEL_LIMITS.get(channel, NO_LIMIT)


def _char_weight(char: str) -> int:
    code = ord(char)
    return 1 if any(lo <= code <= hi for lo, hi in _LIGHT_RANGES) else 2


def weighted_length(text: str) -> int:
    """X's count: every link is 23, CJK and emoji count 2, the rest 1."""
    total = 0
    position = 0
    for match in URL_RE.finditer(text):
        total += sum(_char_weight(c) for c in text[position : match.start()]) + X_URL_LENGTH
        position = match.end()
    return total + sum(_char_weight(c) for c in text[position:])


def text_length(text: str, channel: str) -> int:
    return weighted_length(text) if channel_limit(channel).weighted else len(text)


@dataclass(frozen=True)
class LengthCheck:
    length: int
    limit: int | None
    posts: int  # how many posts the text needs (threads), 1 otherwise
    over: bool  # exceeds the limit on a channel without threads, or a post is too long

    def describe(self) -> str:
        if self.limit is None:
            return f"{self.length} characters"
        base = f"{self.length} / {self.limit}"
        if self.posts > 1:
            return f"{base} — thread of {self.posts} posts"
        return base + (" — too long" if self.over else "")


def check_length(text: str, channel: str) -> LengthCheck:
    rule = channel_limit(channel)
    length = text_length(text, channel)
    if rule.limit is None or length <= rule.limit:
        return LengthCheck(length, rule.limit, 1, False)
    if rule.threads:
        posts = split_thread(text, channel)
        return LengthCheck(length, rule.limit, len(posts), False)
    return LengthCheck(length, rule.limit, 1, True)


def split_thread(text: str, channel: str = "twitter", numbered: bool = True) -> list[str]:
    """Split ``text`` into posts that each fit the channel's limit, numbered " 1/3".

    Breaks at paragraph or sentence ends when possible, else between words; a single
    word longer than a post is cut. Whitespace inside a post is kept as written.
    """
    rule = channel_limit(channel)
    clean = text.strip()
    if rule.limit is None or text_length(clean, channel) <= rule.limit:
        return [clean] if clean else []
    reserve = len(" 99/99") if numbered else 0
    budget = rule.limit - reserve
    parts = _pack(_pieces(clean), budget, channel)
    if numbered:
        total = len(parts)
        parts = [f"{part} {index}/{total}" for index, part in enumerate(parts, start=1)]
    return parts


def _pieces(text: str) -> list[str]:
    """Sentences (with their trailing space) split further into words when needed."""
    return [p for p in re.split(r"(?<=[.!?…:;\n])\s+", text) if p]


def _pack(pieces: list[str], budget: int, channel: str) -> list[str]:
    posts: list[str] = []
    current = ""
    queue = list(pieces)
    while queue:
        piece = queue.pop(0)
        candidate = f"{current} {piece}".strip() if current else piece
        if text_length(candidate, channel) <= budget:
            current = candidate
            continue
        if current:
            posts.append(current)
            current = ""
            queue.insert(0, piece)
            continue
        words = piece.split(" ")
        if len(words) > 1:
            queue[0:0] = words
            continue
        posts.append(piece[:budget])  # one unbreakable word
        if piece[budget:]:
            queue.insert(0, piece[budget:])
    if current:
        posts.append(current)
    return posts
