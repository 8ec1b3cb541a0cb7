"""PostFilter: what a view asks the feed to show (a dashboard tile, a heat-map cell…).

Every field is optional; set fields combine with AND. The feed issue builds the queries;
other views only build a PostFilter and ask the navigator to show it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class PostFilter:
    channels: frozenset[str] = field(default_factory=frozenset)
    since: datetime | None = None
    until: datetime | None = None
    text_query: str = ""  # FTS5 syntax (prefix*, "phrases"), accents folded
    sentiment_min: float | None = None
    sentiment_max: float | None = None
    author_kinds: frozenset[str] = field(default_factory=frozenset)
    author_id: int | None = None
    group_id: int | None = None  # stakeholder group of the author
    statuses: frozenset[str] = field(default_factory=frozenset)  # triage statuses
    assignee: str | None = None
    rumor_id: int | None = None
    needs_reply: bool = False
    overdue: bool = False
    label: str = ""  # how the filter is described to the user ("Customers on Facebook")

    def is_empty(self) -> bool:
        return self == PostFilter(label=self.label)
