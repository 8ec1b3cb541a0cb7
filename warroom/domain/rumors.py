"""Rumor rules: the lifecycle, who may move it, spread series and near-duplicate posts.

detected → investigating → confirmed / false / partly true → rebutted →
corrected at source → closed. A rumor can be closed from any verdict (e.g. a confirmed
fact is handled as an issue, not rebutted) and reopened for investigation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
from rapidfuzz import fuzz, process

from warroom.domain.criteria import fold
from warroom.domain.enums import OperatorRole, RumorStatus

RS = RumorStatus


class RumorError(Exception):
    """A rumor change that the lifecycle or the operator's role does not allow."""


VERDICTS = frozenset({RS.CONFIRMED, RS.FALSE, RS.PARTLY_TRUE})
RUMOR_TRANSITIONS: dict[RumorStatus, frozenset[RumorStatus]] = {
    RS.DETECTED: frozenset({RS.INVESTIGATING, RS.CLOSED}),
    RS.INVESTIGATING: VERDICTS | {RS.CLOSED},
    RS.CONFIRMED: frozenset({RS.REBUTTED, RS.INVESTIGATING, RS.CLOSED}),
    RS.FALSE: frozenset({RS.REBUTTED, RS.CORRECTED_AT_SOURCE, RS.INVESTIGATING, RS.CLOSED}),
    RS.PARTLY_TRUE: frozenset({RS.REBUTTED, RS.CORRECTED_AT_SOURCE, RS.INVESTIGATING, RS.CLOSED}),
    RS.REBUTTED: frozenset({RS.CORRECTED_AT_SOURCE, RS.CLOSED, RS.INVESTIGATING}),
    RS.CORRECTED_AT_SOURCE: frozenset({RS.CLOSED}),
    RS.CLOSED: frozenset({RS.INVESTIGATING}),
}
OPEN_STATUSES = frozenset(RumorStatus) - {RS.CLOSED}
# Rebutted (or corrected at the source, or closed): what is left is following it. The
# others still need the cell — a verdict, then a rebuttal by the right voice.
HANDLED_STATUSES = frozenset({RS.REBUTTED, RS.CORRECTED_AT_SOURCE, RS.CLOSED})
TO_HANDLE_STATUSES = frozenset(RumorStatus) - HANDLED_STATUSES

STATUS_LABELS: dict[RumorStatus, str] = {
    RS.DETECTED: "Detected",
    RS.INVESTIGATING: "Investigating",
    RS.CONFIRMED: "Confirmed",
    RS.FALSE: "False",
    RS.PARTLY_TRUE: "Partly true",
    RS.REBUTTED: "Rebutted",
    RS.CORRECTED_AT_SOURCE: "Corrected at source",
    RS.CLOSED: "Closed",
}
BEST_VOICES = (
    "CEO / founder",
    "Communication lead",
    "Technical director",
    "Public authority (prefecture, fire brigade)",
    "Independent expert",
    "Customer support",
)


def check_rumor_transition(current: str, target: str, role: str) -> None:
    try:
        source, goal = RumorStatus(current), RumorStatus(target)
    except ValueError as exc:
        raise RumorError(f"unknown rumor status ({exc})") from None
    try:
        who = OperatorRole(role)
    except ValueError:
        who = OperatorRole.OBSERVER
    if who is OperatorRole.OBSERVER:
        raise RumorError("an observer may not change a rumor")
    if goal not in RUMOR_TRANSITIONS[source]:
        raise RumorError(
            f"a rumor that is {STATUS_LABELS[source].lower()} cannot become "
            f"{STATUS_LABELS[goal].lower()}"
        )


def next_rumor_statuses(current: str) -> list[RumorStatus]:
    try:
        source = RumorStatus(current)
    except ValueError:
        return []
    order = list(RumorStatus)
    return sorted(RUMOR_TRANSITIONS[source], key=order.index)


# -- spread series -----------------------------------------------------------------------


@dataclass(frozen=True)
class SpreadSeries:
    """Posts and reach per time bucket (bucket starts, UTC)."""

    starts: list[datetime]
    posts: list[int]
    reach: list[int]

    @property
    def total_posts(self) -> int:
        return sum(self.posts)

    @property
    def total_reach(self) -> int:
        return sum(self.reach)


def choose_step(first: datetime, last: datetime) -> timedelta:
    """A readable bucket width for the span: 15 min up to a day, then hours."""
    span = last - first
    for step in (timedelta(minutes=5), timedelta(minutes=15), timedelta(hours=1)):
        if span <= step * 96:
            return step
    return timedelta(hours=6) if span <= timedelta(days=10) else timedelta(days=1)


def bucket_series(
    points: Sequence[tuple[datetime, int]], start: datetime, end: datetime, step: timedelta
) -> SpreadSeries:
    """Count posts and sum reach per ``step`` bucket over [start, end]."""
    size = max(1, int((end - start) / step) + 1)
    posts = [0] * size
    reach = [0] * size
    for at, post_reach in points:
        index = int((at - start) / step)
        if 0 <= index < size:
            posts[index] += 1
            reach[index] += post_reach
    return SpreadSeries([start + step * i for i in range(size)], posts, reach)


# -- match queries and near-duplicates ------------------------------------------------------

_STOP = frozenset(
    [
        "alors",
        "aussi",
        "avec",
        "avoir",
        "cette",
        "dans",
        "depuis",
        "elle",
        "est",
        "etre",
        "leur",
        "mais",
        "meme",
        "nous",
        "pour",
        "plus",
        "quand",
        "quoi",
        "sans",
        "sont",
        "tout",
        "tous",
        "une",
        "vous",
        "votre",
        "about",
        "after",
        "again",
        "also",
        "been",
        "from",
        "have",
        "just",
        "like",
        "more",
        "that",
        "their",
        "there",
        "they",
        "this",
        "what",
        "when",
        "which",
        "will",
        "with",
        "would",
    ]
)


def suggest_match_query(text: str, limit: int = 3) -> str:
    """A first FTS query for a post: its hashtags, else its most distinctive long words."""
    tags = re.findall(r"#(\w{3,})", text)
    if tags:
        return " OR ".join(dict.fromkeys(fold(t) for t in tags[:limit]))
    words = [w for w in re.findall(r"\w{5,}", fold(_strip_noise(text))) if w not in _STOP]
    ranked = sorted(dict.fromkeys(words), key=len, reverse=True)[:limit]
    return " ".join(ranked)


def _strip_noise(text: str) -> str:
    return re.sub(r"https?://\S+|@\w+|#\w+", " ", text)


def cluster_near_duplicates(
    posts: Sequence[tuple[int, str]], threshold: float = 85.0, min_size: int = 2
) -> list[list[int]]:
    """Group posts whose texts are near-duplicates (rapidfuzz similarity ratio of the
    folded texts), largest group first. Links, mentions and hashtags are ignored; a
    copy-paste campaign with small edits lands in one group."""
    cleaned = [fold(_strip_noise(text)) for _, text in posts]
    keep = [i for i, text in enumerate(cleaned) if len(text) >= 12]
    if len(keep) < 2:
        return []
    texts = [cleaned[i] for i in keep]
    scores = process.cdist(
        texts,
        texts,
        scorer=fuzz.ratio,
        score_cutoff=threshold,
        dtype=np.uint8,
        workers=-1,
    )
    parent = list(range(len(keep)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    rows, cols = scores.nonzero()
    for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
        if a < b:
            parent[root(a)] = root(b)
    groups: dict[int, list[int]] = {}
    for index in range(len(keep)):
        groups.setdefault(root(index), []).append(posts[keep[index]][0])
    clusters = [g for g in groups.values() if len(g) >= min_size]
    clusters.sort(key=lambda g: (-len(g), g[0]))
    return clusters
