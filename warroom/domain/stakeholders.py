"""Stakeholder rules: who belongs to which group, Mendelow quadrants and coverage gaps.

Pure Python: the store feeds these functions plain values and stores what they decide.

Assignment: an author belongs to the group of the first enabled rule (lowest priority
number, then lowest id) that matches *the author* — their kind, verification, profile URL,
handle, display name and profile text. What an author *writes* is never looked at: a
post saying "customers are furious" does not make its author a customer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from functools import cached_property
from urllib.parse import urlsplit

HIGH = 4
"""Power or interest of 4 or 5 is "high" (Mendelow grid and the gap rule)."""

LIVE_WINDOW = timedelta(hours=24)


class Quadrant(StrEnum):
    MANAGE_CLOSELY = "manage_closely"  # high power, high interest
    KEEP_SATISFIED = "keep_satisfied"  # high power, low interest
    KEEP_INFORMED = "keep_informed"  # low power, high interest
    MONITOR = "monitor"  # low power, low interest


def quadrant(power: int, interest: int) -> Quadrant:
    if power >= HIGH:
        return Quadrant.MANAGE_CLOSELY if interest >= HIGH else Quadrant.KEEP_SATISFIED
    return Quadrant.KEEP_INFORMED if interest >= HIGH else Quadrant.MONITOR


def check_level(value: int, what: str) -> int:
    """Power and interest are whole numbers from 1 to 5."""
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
        raise ValueError(f"{what} must be a whole number from 1 to 5, not {value!r}")
    return value


# -- assignment rules ----------------------------------------------------------------------


class RuleKind(StrEnum):
    EXPLICIT = "explicit"  # a list of handles ("handle" or "channel:handle"), one per line
    AUTHOR_KIND = "author_kind"  # author kinds, comma-separated (journalist, media…)
    VERIFIED_MEDIA = "verified_media"  # verified accounts of kind media or journalist
    URL_DOMAIN = "url_domain"  # domains of the author's profile URL (subdomains match)
    PROFILE_WORDS = "profile_words"  # words or phrases in the display name or profile
    HANDLE_WORDS = "handle_words"  # fragments of the handle
    ANY = "any"  # everyone (a fallback, with the highest priority number)


@dataclass(frozen=True)
class AuthorFacts:
    """What rules may look at: the account, never its posts."""

    channel: str
    handle: str
    display_name: str = ""
    kind: str = "unknown"
    verified: bool = False
    profile: str = ""
    url: str = ""


@dataclass(frozen=True)
class AssignmentRule:
    group_id: int
    kind: str
    pattern: str = ""
    priority: int = 100
    enabled: bool = True
    id: int = 0

    def terms(self) -> list[str]:
        """The pattern split into its items (comma- or line-separated), folded."""
        return [fold(t) for t in re.split(r"[,\n;]", self.pattern) if t.strip()]


def fold(text: str) -> str:
    """Lower case without accents, for matching ("Société" ~ "societe")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).strip()


def _domain(url: str) -> str:
    candidate = url.strip()
    if candidate and "://" not in candidate:
        candidate = "http://" + candidate
    try:
        host = urlsplit(candidate).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.")


class _Folded:
    """An author's fields folded once, however many rules look at them."""

    def __init__(self, author: AuthorFacts) -> None:
        self.author = author

    @cached_property
    def handle(self) -> str:
        return fold(self.author.handle).lstrip("@")

    @cached_property
    def channel(self) -> str:
        return fold(self.author.channel)

    @cached_property
    def kind(self) -> str:
        return fold(self.author.kind)

    @cached_property
    def text(self) -> str:
        return fold(f"{self.author.display_name}\n{self.author.profile}")

    @cached_property
    def host(self) -> str:
        return _domain(self.author.url)


Matcher = Callable[[_Folded], bool]


def _explicit(terms: list[str]) -> Matcher:
    listed = set()
    for item in terms:
        channel, sep, name = item.rpartition(":")
        listed.add((channel if sep else "", name.lstrip("@")))
    return lambda a: ("", a.handle) in listed or (a.channel, a.handle) in listed


def _words(terms: list[str]) -> Matcher:
    if not terms:
        return lambda a: False
    alternatives = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")
    return lambda a: pattern.search(a.text) is not None


def _domains(terms: list[str]) -> Matcher:
    suffixes = tuple("." + d for d in terms)
    return lambda a: bool(a.host) and (a.host in terms or a.host.endswith(suffixes))


def _matcher(rule: AssignmentRule) -> Matcher:
    kind, terms = RuleKind(rule.kind), rule.terms()
    if kind is RuleKind.ANY:
        return lambda a: True
    if kind is RuleKind.EXPLICIT:
        return _explicit(terms)
    if kind is RuleKind.AUTHOR_KIND:
        kinds = frozenset(terms)
        return lambda a: a.kind in kinds
    if kind is RuleKind.VERIFIED_MEDIA:
        return lambda a: a.author.verified and a.author.kind in ("media", "journalist")
    if kind is RuleKind.URL_DOMAIN:
        return _domains(terms)
    if kind is RuleKind.PROFILE_WORDS:
        return _words(terms)
    return lambda a: any(term in a.handle for term in terms)


class RuleSet:
    """Rules compiled once (terms folded, word lists as one regular expression), for
    assigning many authors."""

    def __init__(self, rules: list[AssignmentRule]) -> None:
        self.rules = ordered(rules)
        self._compiled = [(rule, _matcher(rule)) for rule in self.rules]

    def assign(self, author: AuthorFacts) -> AssignmentRule | None:
        """The rule that decides the author's group, or None (stays unassigned)."""
        folded = _Folded(author)
        for rule, matches in self._compiled:
            if matches(folded):
                return rule
        return None


def rule_matches(rule: AssignmentRule, author: AuthorFacts) -> bool:
    return _matcher(rule)(_Folded(author))


def ordered(rules: list[AssignmentRule]) -> list[AssignmentRule]:
    return sorted((r for r in rules if r.enabled), key=lambda r: (r.priority, r.id))


def assign(author: AuthorFacts, rules: list[AssignmentRule]) -> AssignmentRule | None:
    """The rule that decides the author's group (see :class:`RuleSet` for many authors)."""
    return RuleSet(rules).assign(author)


def validate_rule(kind: str, pattern: str) -> None:
    """Raise ValueError with a readable message for a rule that cannot work."""
    try:
        parsed = RuleKind(kind)
    except ValueError:
        valid = ", ".join(k.value for k in RuleKind)
        raise ValueError(f"unknown rule kind {kind!r} (use one of: {valid})") from None
    needs_pattern = parsed not in (RuleKind.ANY, RuleKind.VERIFIED_MEDIA)
    if needs_pattern and not re.sub(r"[,\n;\s]", "", pattern):
        raise ValueError(f"a {parsed.value} rule needs at least one term")
    if len(pattern) > 20_000:
        raise ValueError("a rule pattern is limited to 20,000 characters")


def describe_rule(rule: AssignmentRule) -> str:
    terms = ", ".join(rule.terms()[:4]) + ("…" if len(rule.terms()) > 4 else "")
    labels = {
        RuleKind.EXPLICIT: f"listed: {terms}",
        RuleKind.AUTHOR_KIND: f"author kind: {terms}",
        RuleKind.VERIFIED_MEDIA: "verified media or journalist",
        RuleKind.URL_DOMAIN: f"profile URL on {terms}",
        RuleKind.PROFILE_WORDS: f"profile mentions {terms}",
        RuleKind.HANDLE_WORDS: f"handle contains {terms}",
        RuleKind.ANY: "everyone else",
    }
    return labels[RuleKind(rule.kind)]


# -- coverage gaps -------------------------------------------------------------------------

DEFAULT_GAP_HOURS: dict[str, float] = {
    "twitter": 2,
    "mastodon": 2,
    "bluesky": 2,
    "support": 2,
    "facebook": 6,
    "instagram": 6,
    "tiktok": 6,
    "linkedin": 6,
    "reddit": 6,
    "youtube": 12,
    "forum": 12,
    "press": 12,
    "blog": 24,
    "other": 12,
}


@dataclass(frozen=True)
class GapPolicy:
    """A high-power or high-interest group active on a channel (``min_posts`` posts in the
    window) with no statement addressed to it there for more than ``hours[channel]``."""

    hours: dict[str, float] = field(default_factory=lambda: dict(DEFAULT_GAP_HOURS))
    default_hours: float = 12
    min_posts: int = 3

    def threshold(self, channel: str) -> timedelta:
        return timedelta(hours=self.hours.get(channel, self.default_hours))


@dataclass(frozen=True)
class CellStats:
    """One group on one channel. Counts are over the selected window; ``first_post_at``
    is the group's first post there ever; the statement is the latest published one
    addressed to the group on that channel, up to the reference time."""

    group_id: int
    channel: str
    posts: int = 0
    reach: int = 0
    sentiment: float | None = None
    first_post_at: datetime | None = None
    last_statement_at: datetime | None = None
    last_statement_id: int | None = None
    last_statement_title: str = ""
    weight: float | None = None  # declared audience weight, None when not declared


def uncovered_since(cell: CellStats) -> datetime | None:
    """Since when the group has gone without a statement on this channel."""
    return cell.last_statement_at or cell.first_post_at


def is_gap(cell: CellStats, power: int, interest: int, as_of: datetime, policy: GapPolicy) -> bool:
    if power < HIGH and interest < HIGH:
        return False
    if cell.posts < policy.min_posts:
        return False
    since = uncovered_since(cell)
    return since is not None and as_of - since > policy.threshold(cell.channel)


def reference_time(now: datetime, latest_activity: datetime | None) -> datetime:
    """ "Now" for ages and gaps: the clock for a live crisis, the last activity for an
    archived or replayed one (no post for a day)."""
    if latest_activity is None or now - latest_activity <= LIVE_WINDOW:
        return now
    return latest_activity


def format_age(delta: timedelta | None) -> str:
    """A short age: "45 min", "3 h 20", "2 d 4 h"; "never" for None."""
    if delta is None:
        return "never"
    minutes = max(0, int(delta.total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes:02d}"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h"


# -- value objects handed to the UI and the command line -----------------------------------


@dataclass(frozen=True)
class GroupInfo:
    id: int
    name: str
    description: str = ""
    power: int = 3
    interest: int = 3
    attitude: str = "neutral"
    expectations: str = ""
    key_messages: str = ""
    owner: str = ""
    sort_order: int = 0
    channels: tuple[tuple[str, float], ...] = ()  # (channel, audience weight 0–1)

    @property
    def quadrant(self) -> Quadrant:
        return quadrant(self.power, self.interest)

    @property
    def is_high(self) -> bool:
        return self.power >= HIGH or self.interest >= HIGH


MAX_TEXT = 20_000


def validate_group(group: GroupInfo, channels: frozenset[str], attitudes: frozenset[str]) -> None:
    """Raise ValueError with one readable sentence for a group that cannot be saved."""
    if not group.name.strip():
        raise ValueError("a stakeholder group needs a name")
    if len(group.name) > 200:
        raise ValueError("a group name is limited to 200 characters")
    check_level(group.power, "power")
    check_level(group.interest, "interest")
    if group.attitude not in attitudes:
        raise ValueError(
            f"unknown attitude {group.attitude!r} (use one of: {', '.join(sorted(attitudes))})"
        )
    for text in (group.description, group.expectations, group.key_messages, group.owner):
        if len(text) > MAX_TEXT:
            raise ValueError(f"a group text field is limited to {MAX_TEXT:,} characters")
    seen: set[str] = set()
    for channel, weight in group.channels:
        if channel not in channels:
            raise ValueError(f"unknown channel {channel!r}")
        if channel in seen:
            raise ValueError(f"channel {channel} is listed twice")
        seen.add(channel)
        if not 0.0 <= weight <= 1.0:
            raise ValueError(f"the audience weight on {channel} must be between 0 and 1")


def describe_changes(before: GroupInfo, after: GroupInfo) -> list[str]:
    """Human-readable differences, for the logbook ("power 3 → 5", "channels: +linkedin")."""
    changes = []
    for name in ("name", "power", "interest", "attitude", "owner"):
        old, new = getattr(before, name), getattr(after, name)
        if old != new:
            changes.append(f"{name} {old or '—'} → {new or '—'}")
    for name in ("description", "expectations", "key_messages"):
        if getattr(before, name) != getattr(after, name):
            changes.append(f"{name.replace('_', ' ')} edited")
    old_channels, new_channels = dict(before.channels), dict(after.channels)
    moves = [f"+{c} {w:g}" for c, w in new_channels.items() if c not in old_channels]
    moves += [f"−{c}" for c in old_channels if c not in new_channels]
    moves += [
        f"{c} {old_channels[c]:g} → {w:g}"
        for c, w in new_channels.items()
        if c in old_channels and old_channels[c] != w
    ]
    if moves:
        changes.append("channels: " + ", ".join(moves))
    if before.quadrant != after.quadrant:
        changes.append(f"now in “{after.quadrant.value.replace('_', ' ')}”")
    return changes
