"""Starting points for the stakeholder matrix: default assignment rules and crisis-type
templates (technical outage, ethical bad buzz, product safety).

Group names are those of the default set (``warroom.store.defaults``). A template sets
power, interest, attitude, expectations, key messages and channel weights of the groups
it names; groups it does not name, and everything an operator added, are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass

CUSTOMERS = "Affected customers"
PROSPECTS = "Prospects"
EMPLOYEES = "Employees"
MEDIA = "Media / journalists"
REGULATORS = "Regulators"
AUTHORITIES = "Public authorities"
INVESTORS = "Investors / financial community"
PARTNERS = "Partners / suppliers"
COMPETITORS = "Competitors"
ACTIVISTS = "Activists / opinion leaders"
PUBLIC = "General public"


@dataclass(frozen=True)
class RuleSpec:
    group: str
    kind: str
    pattern: str
    priority: int


# Regulators before media and authorities (a data-protection authority is an authority
# but is addressed as a regulator); media before customers (a journalist who is also a
# customer speaks publicly as a journalist); everyone else ends in the general public.
DEFAULT_RULES: tuple[RuleSpec, ...] = (
    RuleSpec(
        REGULATORS,
        "profile_words",
        "cnil, data protection, protection des données, données personnelles, regulator, "
        "régulateur, autorité de contrôle, arcep, amf, anssi, dgccrf, ansm",
        10,
    ),
    RuleSpec(MEDIA, "verified_media", "", 20),
    RuleSpec(MEDIA, "author_kind", "media, journalist", 21),
    RuleSpec(MEDIA, "profile_words", "journaliste, journalist, reporter, rédaction, newsroom", 22),
    RuleSpec(AUTHORITIES, "author_kind", "authority, politician", 30),
    RuleSpec(
        INVESTORS,
        "profile_words",
        "investor, investisseur, shareholder, actionnaire, equity analyst, analyste financier",
        31,
    ),
    RuleSpec(EMPLOYEES, "author_kind", "employee", 40),
    RuleSpec(COMPETITORS, "author_kind", "competitor", 50),
    RuleSpec(ACTIVISTS, "author_kind", "activist, influencer", 60),
    RuleSpec(ACTIVISTS, "profile_words", "activist, militant, militante, collectif, ngo, ong", 61),
    RuleSpec(
        PARTNERS,
        "profile_words",
        "reseller, revendeur, integrator, intégrateur, supplier, fournisseur, partenaire",
        70,
    ),
    RuleSpec(CUSTOMERS, "author_kind", "customer", 80),
    RuleSpec(PUBLIC, "any", "", 1000),
)


@dataclass(frozen=True)
class GroupSetting:
    name: str
    power: int
    interest: int
    attitude: str
    expectations: str
    key_messages: str
    channels: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class CrisisTemplate:
    key: str
    title: str
    description: str
    groups: tuple[GroupSetting, ...]


TECHNICAL_OUTAGE = CrisisTemplate(
    "technical_outage",
    "Technical outage",
    "A service is down (fire, cyber-attack, failed upgrade): customers and their own "
    "customers are stranded; IT directors, media and regulators want facts and timelines.",
    (
        GroupSetting(
            CUSTOMERS,
            5,
            5,
            "critical",
            "Restoration time per service, data safety, compensation, a contact",
            "What works, what does not, next update time; how to activate recovery plans",
            (("twitter", 1.0), ("linkedin", 0.9), ("support", 1.0), ("facebook", 0.6)),
        ),
        GroupSetting(
            MEDIA,
            4,
            4,
            "neutral",
            "Facts, figures, a spokesperson, photos",
            "Nobody hurt; scale in numbers; what we are doing now",
            (("twitter", 1.0), ("press", 1.0), ("linkedin", 0.4)),
        ),
        GroupSetting(
            REGULATORS,
            5,
            3,
            "neutral",
            "Notification of personal-data incidents within 72 h",
            "Data affected or not; notification made; point of contact",
            (("other", 1.0), ("press", 0.4)),
        ),
        GroupSetting(
            INVESTORS,
            5,
            4,
            "neutral",
            "Financial impact, insurance, continuity",
            "Insured; continuity plan; next financial communication",
            (("press", 1.0), ("linkedin", 0.8)),
        ),
        GroupSetting(
            PARTNERS,
            4,
            4,
            "neutral",
            "What to tell their own customers",
            "Partner briefing pack; dedicated contact",
            (("linkedin", 1.0), ("other", 0.6)),
        ),
        GroupSetting(
            COMPETITORS,
            2,
            3,
            "hostile",
            "Poach affected customers",
            "Migration help from us first",
            (("linkedin", 1.0), ("twitter", 0.8)),
        ),
    ),
)

ETHICAL_BAD_BUZZ = CrisisTemplate(
    "ethical_bad_buzz",
    "Ethical bad buzz",
    "Words, an advert or a product are judged offensive; the public and activists "
    "mobilise on social networks (boycott hashtags), media amplify.",
    (
        GroupSetting(
            ACTIVISTS,
            4,
            5,
            "hostile",
            "Acknowledgement, a concrete change, accountability",
            "We heard you; what changes, when; who is accountable",
            (("twitter", 1.0), ("instagram", 0.9), ("tiktok", 0.8), ("youtube", 0.6)),
        ),
        GroupSetting(
            PUBLIC,
            3,
            4,
            "critical",
            "Sincerity, no victim posture",
            "Apology without conditions; the change; where to follow",
            (("instagram", 1.0), ("facebook", 0.9), ("tiktok", 0.8), ("twitter", 0.7)),
        ),
        GroupSetting(
            CUSTOMERS,
            4,
            4,
            "critical",
            "Whether the brand shares their values",
            "Our values in acts; product facts",
            (("instagram", 1.0), ("facebook", 0.8), ("support", 0.6)),
        ),
        GroupSetting(
            MEDIA,
            4,
            5,
            "critical",
            "A statement, a spokesperson, what changes",
            "One voice; the change; the timeline",
            (("twitter", 1.0), ("press", 1.0)),
        ),
        GroupSetting(
            EMPLOYEES,
            3,
            4,
            "neutral",
            "What to say to friends and customers; pride",
            "Internal briefing first; the line to use",
            (("linkedin", 1.0), ("other", 1.0)),
        ),
        GroupSetting(
            REGULATORS,
            2,
            2,
            "neutral",
            "Advertising rules respected",
            "Compliance facts",
            (("other", 1.0),),
        ),
    ),
)

PRODUCT_SAFETY = CrisisTemplate(
    "product_safety",
    "Product safety",
    "A product may hurt people (contamination, defect, recall): regulators, authorities "
    "and distributors act; customers need precise instructions at once.",
    (
        GroupSetting(
            CUSTOMERS,
            5,
            5,
            "critical",
            "Am I affected? What do I do? Refund?",
            "Batch numbers, what to do, refund, hotline",
            (("facebook", 1.0), ("support", 1.0), ("twitter", 0.8), ("instagram", 0.6)),
        ),
        GroupSetting(
            REGULATORS,
            5,
            5,
            "neutral",
            "Notification, recall plan, traceability",
            "Recall scope; traceability; measures taken",
            (("other", 1.0), ("press", 0.6)),
        ),
        GroupSetting(
            AUTHORITIES,
            5,
            4,
            "neutral",
            "Public safety, coordinated messages",
            "Coordinated recall notice",
            (("twitter", 1.0), ("press", 0.8)),
        ),
        GroupSetting(
            PARTNERS,
            4,
            5,
            "critical",
            "Withdrawal instructions, logistics, who pays",
            "Withdrawal procedure; returns logistics; compensation",
            (("other", 1.0), ("linkedin", 0.6)),
        ),
        GroupSetting(
            MEDIA,
            4,
            5,
            "neutral",
            "Facts: batches, cases, cause",
            "Precise scope; precaution first; next update",
            (("press", 1.0), ("twitter", 1.0)),
        ),
        GroupSetting(
            ACTIVISTS,
            3,
            4,
            "critical",
            "Consumer associations: transparency on the cause",
            "Cause under investigation; independent tests",
            (("twitter", 0.8), ("blog", 1.0)),
        ),
        GroupSetting(
            INVESTORS,
            5,
            4,
            "neutral",
            "Cost of the recall, liability",
            "Insured; scope limited to batches",
            (("press", 1.0),),
        ),
    ),
)

CRISIS_TEMPLATES: tuple[CrisisTemplate, ...] = (TECHNICAL_OUTAGE, ETHICAL_BAD_BUZZ, PRODUCT_SAFETY)


def template(key: str) -> CrisisTemplate:
    for candidate in CRISIS_TEMPLATES:
        if candidate.key == key:
            return candidate
    valid = ", ".join(t.key for t in CRISIS_TEMPLATES)
    raise ValueError(f"unknown crisis template {key!r} (use one of: {valid})")
