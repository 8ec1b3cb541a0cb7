"""Stakeholder groups, rules and the matrix on real crisis files."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import timedelta

import pytest

from warroom.domain.stakeholders import GapPolicy
from warroom.domain.timeutil import parse_utc
from warroom.ingest.demo_small import AUTHORS, T0
from warroom.store import logbook, stakeholder_rules
from warroom.store.db import CrisisDatabase
from warroom.store.errors import StoreError
from warroom.store.models import (
    Author,
    Post,
    StakeholderGroup,
    StakeholderRule,
    Statement,
    StatementTarget,
    StatementVersion,
)
from warroom.store.stakeholder_matrix import build_matrix, gap_policy, set_gap_policy
from warroom.store.stakeholder_members import UNASSIGNED, search_members
from warroom.store.stakeholder_series import sentiment_series, statement_marks, statement_reach
from warroom.store.stakeholders import (
    apply_template,
    create_group,
    delete_group,
    get_group,
    list_groups,
    move_group,
    save_group,
)


def gid(name):
    return StakeholderGroup.get(StakeholderGroup.name == name).id


def last_text(db):
    return logbook.entries(db, since_seq=logbook.count(db) - 1)[0].text


def test_new_crisis_has_default_groups_and_rules(crisis):
    groups = list_groups()
    assert len(groups) == 11
    assert groups[0].name == "Affected customers" and dict(groups[0].channels)["support"] == 1.0
    rules = stakeholder_rules.list_rules()
    assert len(rules) == 13
    assert rules[-1].kind == "any" and rules[-1].group_id == gid("General public")


def test_upgraded_file_gets_rules_for_the_groups_it_has(crisis_path):
    old = CrisisDatabase.create(crisis_path, "Old", target_version=2)
    old.db.execute_sql(
        "INSERT INTO stakeholder_group (name, created_at) VALUES"
        " ('Media / journalists', '2021-03-10T00:00:00.000000Z'),"
        " ('Nos fans', '2021-03-10T00:00:00.000000Z')"
    )
    old.close()
    opened = CrisisDatabase.open(crisis_path)
    try:
        rules = stakeholder_rules.list_rules()
        assert {r.group_id for r in rules} == {gid("Media / journalists")}
        assert [r.kind for r in rules] == ["verified_media", "author_kind", "profile_words"]
    finally:
        opened.close()


def test_save_group_logs_what_changed(crisis):
    group = get_group(gid("Prospects"))
    edited = replace(
        group,
        power=4,
        interest=4,
        owner=" Hugo Lefèvre ",
        key_messages="Fiabilité : plan de reprise testé.",
        channels=(("linkedin", 1.0), ("press", 0.5)),
    )
    before = logbook.count(crisis.db)
    stored = save_group(crisis.db, edited, "Claire Martin")
    assert stored.owner == "Hugo Lefèvre" and stored.power == 4
    assert dict(stored.channels) == {"linkedin": 1.0, "press": 0.5}
    assert logbook.count(crisis.db) == before + 1
    entry = logbook.entries(crisis.db, since_seq=before)[0]
    assert entry.automatic and entry.on_behalf_of == "Claire Martin"
    assert entry.links == (("stakeholder", group.id),)
    for part in (
        "power 2 → 4",
        "interest 3 → 4",
        "owner — → Hugo Lefèvre",
        "key messages edited",
        "linkedin 0.8 → 1",
        "now in “manage closely”",
    ):
        assert part in entry.text
    # Saving unchanged values writes nothing.
    save_group(crisis.db, stored, "Claire Martin")
    assert logbook.count(crisis.db) == before + 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"power": 6}, "power must be a whole number from 1 to 5"),
        ({"interest": 0}, "interest must be a whole number from 1 to 5"),
        ({"name": "  "}, "needs a name"),
        ({"name": "Competitors"}, "already exists"),
        ({"attitude": "furious"}, "unknown attitude"),
        ({"channels": (("myspace", 1.0),)}, "unknown channel"),
        ({"channels": (("twitter", 1.5),)}, "between 0 and 1"),
        ({"channels": (("twitter", 1.0), ("twitter", 0.5))}, "listed twice"),
        ({"key_messages": "x" * 100_000}, "limited to 20,000"),
    ],
)
def test_bad_group_edits_are_refused_and_change_nothing(crisis, change, message):
    group = get_group(gid("Prospects"))
    before = logbook.count(crisis.db)
    with pytest.raises(StoreError, match=message):
        save_group(crisis.db, replace(group, **change), "Claire Martin")
    assert get_group(group.id) == group
    assert logbook.count(crisis.db) == before


def test_hostile_text_is_stored_verbatim(crisis):
    group = get_group(gid("Prospects"))
    hostile = "<script>alert(1)</script> \x07 '); DROP TABLE author; --"
    save_group(crisis.db, replace(group, description=hostile), "Inès Benali")
    assert get_group(group.id).description == hostile
    assert Author.select().count() == 0  # the table still exists


def test_move_group_is_logged_and_a_no_op_is_not(crisis):
    group = gid("General public")
    before = logbook.count(crisis.db)
    move_group(crisis.db, group, 1, 2, "Inès Benali")
    assert logbook.count(crisis.db) == before
    moved = move_group(crisis.db, group, 3, 5, "Inès Benali")
    assert (moved.power, moved.interest) == (3, 5)
    assert "power 1 → 3; interest 2 → 5; now in “keep informed”" in last_text(crisis.db)
    with pytest.raises(StoreError, match="does not exist"):
        move_group(crisis.db, 999, 3, 3, "Inès Benali")


def test_create_and_delete_group(demo_crisis):
    db = demo_crisis.db
    from warroom.domain.stakeholders import GroupInfo

    created = create_group(
        db,
        GroupInfo(0, "DSI de grands comptes", power=4, interest=5, channels=(("linkedin", 1.0),)),
        "Claire Martin",
    )
    assert created.id and list_groups()[-1].name == "DSI de grands comptes"
    assert "“DSI de grands comptes” created by Claire Martin" in last_text(db)
    competitors = gid("Competitors")
    members = Author.select().where(Author.group == competitors).count()
    assert members == 2
    delete_group(db, competitors, "Claire Martin")
    assert "its 2 members are now unassigned" in last_text(db)
    assert Author.select().where(Author.group.is_null()).count() == 2
    assert not StakeholderRule.select().where(StakeholderRule.group == competitors).exists()
    assert logbook.verify(db).ok


def test_apply_template_updates_named_groups_and_logs_once(crisis):
    before = logbook.count(crisis.db)
    changed = apply_template(crisis.db, "product_safety", "Claire Martin")
    assert "Regulators" in changed and "Affected customers" in changed
    regulators = get_group(gid("Regulators"))
    assert (regulators.power, regulators.interest) == (5, 5)
    assert regulators.key_messages.startswith("Recall scope")
    assert get_group(gid("Prospects")).power == 2  # not in the template: untouched
    assert logbook.count(crisis.db) == before + 1
    assert "“Product safety” applied by Claire Martin" in last_text(crisis.db)
    with pytest.raises(StoreError, match="unknown crisis template"):
        apply_template(crisis.db, "volcano", "Claire Martin")


def demo_groups():
    return {a.handle: (a.group.name if a.group else None) for a in Author.select()}


def test_rules_reproduce_the_demo_assignment(demo_crisis):
    expected = {handle: group for handle, *_rest, group in AUTHORS}
    expected["public_07"] = "Employees"  # the employee posting privately
    assert demo_groups() == expected
    report = stakeholder_rules.apply_rules(demo_crisis.db)
    assert report.moved == 0 and report.examined == len(AUTHORS)


def test_apply_rules_in_small_batches_gives_the_same_result(demo_crisis):
    db = demo_crisis.db
    Author.update(group=None).execute()
    steps = []
    report = stakeholder_rules.apply_rules(
        db, batch=7, progress=lambda d, t: steps.append((d, t)) or True
    )
    assert report.examined == len(AUTHORS) and report.moved == len(AUTHORS)
    assert steps[0] == (7, len(AUTHORS)) and steps[-1] == (len(AUTHORS), len(AUTHORS))
    assert demo_groups()["j_rousseau"] == "Media / journalists"
    assert report.by_group["Affected customers"] == 30


def test_cancelled_apply_stops_between_batches(demo_crisis):
    Author.update(group=None).execute()
    report = stakeholder_rules.apply_rules(demo_crisis.db, batch=10, progress=lambda d, t: False)
    assert report.cancelled and report.examined == 10
    assert Author.select().where(Author.group.is_null()).count() == len(AUTHORS) - 10


def test_operator_override_survives_rules_and_is_logged(demo_crisis):
    db = demo_crisis.db
    rousseau = Author.get(Author.handle == "j_rousseau")
    count = stakeholder_rules.override_authors(db, [rousseau.id], gid("Affected customers"), "Inès")
    assert count == 1
    assert (
        "Inès placed @j_rousseau (twitter) in “Affected customers” (manual override"
        in last_text(db)
    )
    stakeholder_rules.apply_rules_logged(db, "Inès")
    assert Author.get_by_id(rousseau.id).group.name == "Affected customers"
    assert stakeholder_rules.explain(rousseau.id) == "placed by an operator (manual override)"
    stakeholder_rules.release_authors(db, [rousseau.id], "Inès")
    assert Author.get_by_id(rousseau.id).group.name == "Media / journalists"
    assert "returned @j_rousseau to automatic group assignment" in last_text(db)
    with pytest.raises(StoreError, match="no longer exist"):
        stakeholder_rules.override_authors(db, [rousseau.id, 99999], None, "Inès")


def test_rule_edits_are_logged_and_validated(demo_crisis):
    from warroom.domain.stakeholders import AssignmentRule

    db = demo_crisis.db
    rule = stakeholder_rules.save_rule(
        db, AssignmentRule(gid("Partners / suppliers"), "handle_words", "rival", 5), "Inès"
    )
    assert rule.id and "handle contains rival → “Partners / suppliers”, priority 5" in last_text(db)
    report = stakeholder_rules.apply_rules_logged(db, "Inès")
    assert report.moved == 1  # rival_cloud
    assert f"1 of {len(AUTHORS)} authors changed group (1 → Partners / suppliers)" in last_text(db)
    stakeholder_rules.delete_rule(db, rule.id, "Inès")
    assert f"Assignment rule #{rule.id} deleted by Inès" in last_text(db)
    with pytest.raises(StoreError, match="needs at least one term"):
        stakeholder_rules.save_rule(db, AssignmentRule(1, "explicit", ""), "Inès")
    with pytest.raises(StoreError, match="does not exist"):
        stakeholder_rules.save_rule(db, AssignmentRule(1, "any", "", id=4242), "Inès")


def test_new_authors_after_the_watermark_are_assigned(demo_crisis):
    db = demo_crisis.db
    mark = stakeholder_rules.last_author_id()
    Author.create(channel="linkedin", handle="dsi-acme", kind="customer", created_at=T0)
    Author.create(channel="twitter", handle="old_unassigned", kind="customer", created_at=T0)
    report = stakeholder_rules.assign_new_authors(db, mark)
    assert report.moved == 2 and report.last_author_id == mark + 2
    assert Author.get(Author.handle == "dsi-acme").group.name == "Affected customers"


def test_members_search(demo_crisis):
    db = demo_crisis.db
    found = search_members(db, "@j_rousseau")
    assert [m.handle for m in found] == ["j_rousseau"]
    assert found[0].group_name == "Media / journalists" and found[0].posts > 0
    assert search_members(db, "100%_") == []  # wildcards are literal
    customers = search_members(db, group_id=gid("Affected customers"))
    assert len(customers) == 30
    Author.update(group=None).where(Author.handle == "public_01").execute()
    assert [m.handle for m in search_members(db, group_id=UNASSIGNED)] == ["public_01"]


def test_matrix_counts_match_the_posts(demo_crisis):
    db = demo_crisis.db
    matrix = build_matrix(db)
    customers = gid("Affected customers")
    expected = (
        Post.select()
        .join(Author)
        .where(Author.group == customers, Post.channel == "facebook")
        .count()
    )
    assert matrix.cell(customers, "facebook").posts == expected > 0
    assert sum(t.posts for t in matrix.totals.values()) == Post.select().count()
    assert matrix.totals[customers].members == 30
    assert matrix.as_of == max(p.created_at for p in Post.select())
    # A narrower window counts fewer posts, never more.
    narrow = build_matrix(db, timedelta(hours=6), matrix.as_of)
    assert narrow.since == matrix.as_of - timedelta(hours=6)
    assert sum(t.posts for t in narrow.totals.values()) < Post.select().count()
    assert all(narrow.cell(*k).posts <= c.posts for k, c in matrix.cells.items())


def make_cell_crisis(crisis, posts_at, statement_at=None, status="published"):
    """Customers (power 4, interest 5) posting on twitter at the given times."""
    customers = gid("Affected customers")
    author = Author.create(
        channel="twitter", handle="c1", kind="customer", group=customers, created_at=T0
    )
    for index, minutes in enumerate(posts_at):
        at = T0 + timedelta(minutes=minutes)
        Post.create(
            channel="twitter",
            external_id=str(index),
            author=author,
            text="down",
            created_at=at,
            fetched_at=at,
            reach=100,
            sentiment=-0.5,
        )
    if statement_at is not None:
        statement = Statement.create(title="Point", status=status, created_at=T0, updated_at=T0)
        StatementTarget.create(statement=statement, group=customers)
        StatementVersion.create(
            statement=statement,
            channel="twitter",
            created_at=T0,
            published_at=T0 + timedelta(minutes=statement_at),
        )
    return customers


def test_gap_detection_at_the_thresholds(crisis):
    customers = make_cell_crisis(crisis, [0, 10, 20])
    policy = GapPolicy(hours={"twitter": 2}, min_posts=3)
    at = lambda minutes: build_matrix(crisis.db, None, T0 + timedelta(minutes=minutes), policy)  # noqa: E731
    assert (customers, "twitter") not in at(120).gaps  # exactly 2 h since the first post
    assert (customers, "twitter") in at(121).gaps
    strict = GapPolicy(hours={"twitter": 2}, min_posts=4)
    assert build_matrix(crisis.db, None, T0 + timedelta(hours=5), strict).gaps == []
    # Interest lowered to 3 and power to 3: no longer a gap.
    move_group(crisis.db, customers, 3, 3, "Inès")
    assert at(300).gaps == []


def test_a_statement_on_the_channel_closes_the_gap(crisis):
    customers = make_cell_crisis(crisis, [0, 10, 20], statement_at=60)
    policy = GapPolicy(hours={"twitter": 2}, min_posts=3)
    matrix = build_matrix(crisis.db, None, T0 + timedelta(minutes=170), policy)
    cell = matrix.cell(customers, "twitter")
    assert cell.last_statement_title == "Point" and matrix.gaps == []
    assert matrix.ages[(customers, "twitter")] == timedelta(minutes=110)
    later = build_matrix(crisis.db, None, T0 + timedelta(minutes=181), policy)
    assert later.gaps == [(customers, "twitter")]


def test_a_withdrawn_statement_covers_nobody(crisis):
    make_cell_crisis(crisis, [0, 10, 20], statement_at=60, status="withdrawn")
    policy = GapPolicy(hours={"twitter": 2}, min_posts=3)
    matrix = build_matrix(crisis.db, None, T0 + timedelta(minutes=170), policy)
    assert len(matrix.gaps) == 1


def test_gap_policy_is_stored_and_logged(crisis):
    set_gap_policy(crisis.db, GapPolicy(hours={"twitter": 1, "linkedin": 4}, min_posts=2), "Claire")
    policy = gap_policy()
    assert policy.hours["twitter"] == 1 and policy.hours["facebook"] == 6 and policy.min_posts == 2
    assert "gap thresholds set by Claire" in last_text(crisis.db)
    with pytest.raises(StoreError, match="positive"):
        set_gap_policy(crisis.db, GapPolicy(hours={"twitter": 0}), "Claire")


def test_statement_reach_into_targets(demo_crisis):
    reach = {(r.statement_id, r.group_name): r for r in statement_reach(demo_crisis.db)}
    customers = reach[(1, "Affected customers")]
    from warroom.store.models import StatementVersion

    published = StatementVersion.select(StatementVersion.channel).where(
        StatementVersion.statement == 1, StatementVersion.published_at.is_null(False)
    )
    channels = tuple(sorted({v.channel for v in published}))
    assert customers.channels == channels and "support" in channels
    on_channels = Author.select().where(
        Author.group == gid("Affected customers"), Author.channel.in_(list(channels))
    )
    assert customers.members_reached == on_channels.count() < customers.members == 30
    assert customers.audience_reached == sum(a.followers for a in on_channels)
    assert 0 < customers.share < 1
    from warroom.store.models import Statement, StatementTarget

    targeted = (
        StatementTarget.select(StatementTarget.group)
        .join(Statement)
        .where(Statement.status == "published")
    )
    expected = {StakeholderGroup.get_by_id(t.group_id).name for t in targeted}
    assert {name for _sid, name in reach} == expected


def test_sentiment_series_and_markers(demo_crisis):
    customers = gid("Affected customers")
    points = sentiment_series(demo_crisis.db, customers)
    total = Post.select().join(Author).where(Author.group == customers).count()
    assert sum(p.posts for p in points) == total
    assert all(-1 <= p.sentiment <= 1 for p in points)
    assert [p.hour for p in points] == sorted(p.hour for p in points)
    marks = statement_marks(demo_crisis.db, customers)
    assert [m.title for m in marks] == ["Communiqué n°1 — incendie du site STR"]
    assert marks[0].published_at == parse_utc("2021-03-10T10:00:00Z")
    assert statement_marks(demo_crisis.db, gid("Regulators")) == []


def test_stats_json_has_per_group_counts_and_gaps(demo_crisis, capsys):
    from warroom.app import main

    demo_crisis.close()
    assert main(["stats", str(demo_crisis.path), "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["stakeholder_groups"] == 11  # the old key stays
    block = stats["stakeholders"]
    assert set(block) == {"as_of", "groups", "gaps", "unassigned_authors"}
    by_name = {g["name"]: g for g in block["groups"]}
    customers = by_name["Affected customers"]
    assert set(customers) == {
        "id",
        "name",
        "power",
        "interest",
        "quadrant",
        "attitude",
        "owner",
        "members",
        "posts",
        "reach",
        "sentiment",
        "gaps",
    }
    assert customers["members"] == 30 and customers["quadrant"] == "manage_closely"
    assert sum(g["posts"] for g in block["groups"]) == stats["posts"]["total"]
    assert "facebook" in customers["gaps"]
    gap = next(
        g for g in block["gaps"] if g == {**g, "group": "Affected customers", "channel": "facebook"}
    )
    assert gap["last_statement_at"] is None and gap["hours_without_statement"] > 2
    assert by_name["General public"]["gaps"] == []  # low power and interest
