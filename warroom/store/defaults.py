"""The stakeholder groups a new crisis starts from (operators edit them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupTemplate:
    name: str
    description: str
    power: int
    interest: int
    attitude: str
    expectations: str
    channels: tuple[tuple[str, float], ...]


DEFAULT_GROUPS: tuple[GroupTemplate, ...] = (
    GroupTemplate(
        "Affected customers",
        "Customers whose service is disrupted",
        4,
        5,
        "critical",
        "Restoration time, data safety, compensation",
        (("twitter", 1.0), ("facebook", 0.8), ("linkedin", 0.6), ("support", 1.0)),
    ),
    GroupTemplate(
        "Prospects",
        "Companies evaluating our offer",
        2,
        3,
        "neutral",
        "Reassurance on reliability",
        (("linkedin", 0.8), ("press", 0.5)),
    ),
    GroupTemplate(
        "Employees",
        "Staff and their families",
        3,
        5,
        "supportive",
        "Safety, what to say, job security",
        (("linkedin", 1.0), ("other", 0.5)),
    ),
    GroupTemplate(
        "Media / journalists",
        "National, regional and trade press",
        4,
        4,
        "neutral",
        "Facts, figures, a spokesperson",
        (("twitter", 1.0), ("press", 1.0), ("linkedin", 0.3)),
    ),
    GroupTemplate(
        "Regulators",
        "Data-protection authority, sector regulators",
        5,
        3,
        "neutral",
        "Compliance, notification of data incidents",
        (("press", 0.5), ("other", 1.0)),
    ),
    GroupTemplate(
        "Public authorities",
        "Prefecture, fire brigade, ministers, local officials",
        5,
        3,
        "neutral",
        "Safety, accurate information",
        (("twitter", 1.0), ("press", 0.6)),
    ),
    GroupTemplate(
        "Investors / financial community",
        "Shareholders, analysts",
        5,
        4,
        "neutral",
        "Financial impact, continuity",
        (("linkedin", 0.8), ("press", 1.0)),
    ),
    GroupTemplate(
        "Partners / suppliers",
        "Resellers, integrators, suppliers",
        3,
        4,
        "neutral",
        "Impact on their own customers",
        (("linkedin", 1.0),),
    ),
    GroupTemplate(
        "Competitors",
        "Other providers",
        2,
        3,
        "hostile",
        "Market share",
        (("twitter", 1.0), ("linkedin", 1.0)),
    ),
    GroupTemplate(
        "Activists / opinion leaders",
        "Influencers, experts, advocacy groups",
        3,
        4,
        "critical",
        "Accountability, transparency",
        (("twitter", 1.0), ("mastodon", 0.6), ("blog", 0.8), ("youtube", 0.5)),
    ),
    GroupTemplate(
        "General public",
        "Everyone else",
        1,
        2,
        "neutral",
        "Understand what happened",
        (("facebook", 1.0), ("twitter", 0.6), ("reddit", 0.5), ("youtube", 0.6)),
    ),
)
