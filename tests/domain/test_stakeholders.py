"""Stakeholder rules without a database: assignment, quadrants, gaps, templates."""

from __future__ import annotations

from datetime import timedelta

import pytest

from warroom.domain.stakeholder_templates import CRISIS_TEMPLATES, DEFAULT_RULES, template
from warroom.domain.stakeholders import (
    AssignmentRule,
    AuthorFacts,
    CellStats,
    GapPolicy,
    GroupInfo,
    Quadrant,
    assign,
    describe_changes,
    format_age,
    is_gap,
    quadrant,
    reference_time,
    validate_rule,
)
from warroom.domain.timeutil import parse_utc
from warroom.store.defaults import DEFAULT_GROUPS
from warroom.store.migrations import m0006_stakeholders

NAMES = [g.name for g in DEFAULT_GROUPS]
IDS = {name: index + 1 for index, name in enumerate(NAMES)}


def default_rules(extra=()):
    specs = [*DEFAULT_RULES, *extra]
    return [
        AssignmentRule(IDS[s.group], s.kind, s.pattern, s.priority, True, index + 1)
        for index, s in enumerate(specs)
    ]


def group_of(author, rules):
    rule = assign(author, rules)
    return None if rule is None else NAMES[rule.group_id - 1]


class Spec:  # a RuleSpec-like for crisis-specific rules in tests
    def __init__(self, group, kind, pattern, priority):
        self.group, self.kind, self.pattern, self.priority = group, kind, pattern, priority


COMPANY_RULES = (
    Spec("Employees", "url_domain", "hexacloud.example", 34),
    Spec("Employees", "profile_words", "chez hexacloud, at hexacloud", 35),
)


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        # A journalist who is also a customer speaks publicly as a journalist.
        (
            AuthorFacts(
                "twitter",
                "j_rousseau",
                "Julie Rousseau",
                "journalist",
                True,
                "Journaliste tech. Cliente Hexacloud pour mon blog perso.",
            ),
            "Media / journalists",
        ),
        # Same person, unverified and with kind unknown: her profile still says journalist.
        (
            AuthorFacts(
                "linkedin",
                "julie-r",
                "Julie R.",
                "unknown",
                False,
                "Journaliste indépendante, cliente Hexacloud",
            ),
            "Media / journalists",
        ),
        # An employee posting from a private account.
        (
            AuthorFacts(
                "twitter",
                "nadia_net",
                "Nadia",
                "unknown",
                False,
                "Ingénieure réseau chez Hexacloud. Compte perso.",
            ),
            "Employees",
        ),
        (
            AuthorFacts(
                "linkedin",
                "marc-dupont",
                "Marc Dupont",
                "customer",
                False,
                "",
                "https://blog.hexacloud.example/team/marc",
            ),
            "Employees",
        ),
        # A data-protection authority is addressed as a regulator, not a public authority.
        (
            AuthorFacts(
                "twitter",
                "cnil",
                "CNIL",
                "authority",
                True,
                "Commission nationale de l'informatique et des libertés",
            ),
            "Regulators",
        ),
        (AuthorFacts("twitter", "prefet67", "Préfet", "authority", True), "Public authorities"),
        (AuthorFacts("press", "afp", "AFP", "media", True), "Media / journalists"),
        (AuthorFacts("twitter", "rival", "RivalCloud", "competitor", True), "Competitors"),
        (AuthorFacts("facebook", "client_1", "Client", "customer"), "Affected customers"),
        (
            AuthorFacts("mastodon", "collectif_num", "Collectif Numérique Libre", "unknown"),
            "Activists / opinion leaders",
        ),
        # Saying "clients" or "customers" in a name or a post makes nobody a customer.
        (
            AuthorFacts("twitter", "lambda42", "Je défends les clients", "unknown"),
            "General public",
        ),
        (AuthorFacts("reddit", "someone", "", "unknown"), "General public"),
    ],
)
def test_rules_assign_realistic_authors(author, expected):
    assert group_of(author, default_rules(COMPANY_RULES)) == expected


def test_words_match_whole_words_without_accents_or_case():
    rules = [AssignmentRule(1, "profile_words", "ONG, Salarié Hexacloud", 1, True, 1)]
    assert assign(AuthorFacts("x", "a", profile="une ong locale"), rules)
    assert assign(AuthorFacts("x", "a", profile="SALARIE hexacloud depuis 2019"), rules)
    assert assign(AuthorFacts("x", "a", profile="une longue histoire"), rules) is None
    assert assign(AuthorFacts("x", "a", profile="salariée hexacloudienne"), rules) is None


def test_domain_rule_matches_subdomains_only():
    rules = [AssignmentRule(1, "url_domain", "hexacloud.example", 1, True, 1)]
    assert assign(AuthorFacts("x", "a", url="https://www.hexacloud.example/a"), rules)
    assert assign(AuthorFacts("x", "a", url="status.hexacloud.example"), rules)
    assert assign(AuthorFacts("x", "a", url="https://nothexacloud.example"), rules) is None
    assert assign(AuthorFacts("x", "a", url="https://hexacloud.example.evil.org"), rules) is None
    assert assign(AuthorFacts("x", "a", url="http://[::1"), rules) is None  # unparsable


def test_explicit_lists_with_or_without_channel():
    rules = [AssignmentRule(7, "explicit", "@ycorre_hexa\nlinkedin:anne-martin", 0, True, 1)]
    assert assign(AuthorFacts("twitter", "YCorre_Hexa"), rules).group_id == 7
    assert assign(AuthorFacts("linkedin", "anne-martin"), rules).group_id == 7
    assert assign(AuthorFacts("twitter", "anne-martin"), rules) is None


def test_priority_then_id_and_disabled_rules_skipped():
    author = AuthorFacts("twitter", "a", kind="customer")
    rules = [
        AssignmentRule(1, "any", "", 50, True, 9),
        AssignmentRule(2, "author_kind", "customer", 50, True, 3),
        AssignmentRule(3, "author_kind", "customer", 10, False, 1),
    ]
    assert assign(author, rules).group_id == 2
    assert assign(author, []) is None


def test_rule_validation_messages():
    with pytest.raises(ValueError, match="unknown rule kind"):
        validate_rule("mentions", "clients")
    with pytest.raises(ValueError, match="needs at least one term"):
        validate_rule("profile_words", " , ;\n")
    validate_rule("any", "")
    validate_rule("verified_media", "")


@pytest.mark.parametrize(
    ("power", "interest", "expected"),
    [
        (5, 5, Quadrant.MANAGE_CLOSELY),
        (4, 4, Quadrant.MANAGE_CLOSELY),
        (4, 3, Quadrant.KEEP_SATISFIED),
        (3, 4, Quadrant.KEEP_INFORMED),
        (3, 3, Quadrant.MONITOR),
        (1, 1, Quadrant.MONITOR),
    ],
)
def test_mendelow_quadrants(power, interest, expected):
    assert quadrant(power, interest) is expected


T = parse_utc("2021-03-10T00:00:00Z")
POLICY = GapPolicy(hours={"twitter": 2, "linkedin": 6}, min_posts=3)


def cell(posts=5, first=T, last=None, channel="twitter"):
    return CellStats(1, channel, posts=posts, first_post_at=first, last_statement_at=last)


def test_gap_needs_high_power_or_interest():
    late = T + timedelta(hours=10)
    assert not is_gap(cell(), 3, 3, late, POLICY)
    assert is_gap(cell(), 4, 1, late, POLICY)
    assert is_gap(cell(), 1, 4, late, POLICY)


def test_gap_needs_activity_at_the_threshold():
    late = T + timedelta(hours=10)
    assert not is_gap(cell(posts=2), 5, 5, late, POLICY)
    assert is_gap(cell(posts=3), 5, 5, late, POLICY)


def test_gap_starts_strictly_after_the_channel_threshold():
    group = (5, 5)
    assert not is_gap(cell(), *group, T + timedelta(hours=2), POLICY)
    assert is_gap(cell(), *group, T + timedelta(hours=2, minutes=1), POLICY)
    # LinkedIn's threshold is 6 h: the same age is not a gap there.
    assert not is_gap(cell(channel="linkedin"), *group, T + timedelta(hours=5), POLICY)
    assert is_gap(cell(channel="linkedin"), *group, T + timedelta(hours=6, seconds=1), POLICY)
    # A channel without its own threshold uses the default (12 h).
    assert not is_gap(cell(channel="forum"), *group, T + timedelta(hours=11), POLICY)


def test_a_statement_there_resets_the_clock():
    now = T + timedelta(hours=10)
    assert not is_gap(cell(last=now - timedelta(hours=1)), 5, 5, now, POLICY)
    assert is_gap(cell(last=now - timedelta(hours=3)), 5, 5, now, POLICY)
    assert not is_gap(cell(first=None), 5, 5, now, POLICY)


def test_reference_time_live_or_archived():
    now = parse_utc("2026-11-25T10:00:00Z")
    assert reference_time(now, now - timedelta(hours=3)) == now
    assert reference_time(now, None) == now
    old = parse_utc("2021-03-11T23:40:00Z")
    assert reference_time(now, old) == old


def test_describe_changes_for_the_logbook():
    before = GroupInfo(1, "Clients", power=3, interest=4, channels=(("twitter", 1.0),))
    after = GroupInfo(
        1,
        "Clients",
        power=5,
        interest=4,
        owner="Inès",
        key_messages="x",
        channels=(("twitter", 0.5), ("linkedin", 1.0)),
    )
    text = "; ".join(describe_changes(before, after))
    assert "power 3 → 5" in text and "owner — → Inès" in text
    assert "key messages edited" in text
    assert "+linkedin 1" in text and "twitter 1 → 0.5" in text
    assert "now in “manage closely”" in text
    assert describe_changes(before, before) == []


def test_format_age():
    assert format_age(None) == "never"
    assert format_age(timedelta(minutes=45)) == "45 min"
    assert format_age(timedelta(hours=36, minutes=40)) == "36 h 40"
    assert format_age(timedelta(days=3, hours=5)) == "3 d 5 h"


def test_templates_and_default_rules_name_existing_groups():
    for crisis in CRISIS_TEMPLATES:
        assert {g.name for g in crisis.groups} <= set(NAMES)
        for group in crisis.groups:
            assert 1 <= group.power <= 5 and 1 <= group.interest <= 5
            assert group.key_messages and group.channels
    assert {r.group for r in DEFAULT_RULES} <= set(NAMES)
    with pytest.raises(ValueError, match="unknown crisis template"):
        template("volcano")


def test_the_migration_seeds_the_default_rules_of_its_time():
    frozen = [(g, k, " ".join(p.split()), n) for g, k, p, n in m0006_stakeholders._DEFAULT_RULES]
    current = [(r.group, r.kind, " ".join(r.pattern.split()), r.priority) for r in DEFAULT_RULES]
    assert frozen == current
