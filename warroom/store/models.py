"""peewee models of the crisis file (DESIGN §4).

The schema itself is created by the migrations in ``warroom.store.migrations``; these
models map onto it, and ``tests/store/test_schema.py`` checks that they agree.
Models are bound to the open crisis database by :func:`warroom.store.db.CrisisDatabase`.
"""

from __future__ import annotations

import peewee as pw

from warroom.store.fields import JsonField, UtcDateTimeField


class BaseModel(pw.Model):
    id: int

    class Meta:
        legacy_table_names = False


class Meta(BaseModel):
    key = pw.TextField(primary_key=True)
    value = pw.TextField()


class Crisis(BaseModel):
    uuid = pw.TextField()
    name = pw.TextField()
    description = pw.TextField(default="")
    opened_at = UtcDateTimeField()
    closed_at = UtcDateTimeField(null=True)
    phase = pw.TextField(default="alert")
    severity = pw.IntegerField(default=3)
    timezone = pw.TextField(default="UTC")
    language = pw.TextField(default="fr")
    is_exercise = pw.BooleanField(default=False)


class Setting(BaseModel):
    key = pw.TextField(primary_key=True)
    value = JsonField()


class Operator(BaseModel):
    name = pw.TextField(unique=True)
    initials = pw.TextField(default="")
    role = pw.TextField(default="community_manager")
    created_at = UtcDateTimeField()


class Source(BaseModel):
    kind = pw.TextField()
    name = pw.TextField(unique=True)
    params = JsonField(default=dict)
    interval_s = pw.IntegerField(default=300)
    enabled = pw.BooleanField(default=True)
    cursor = JsonField(null=True)
    last_success = UtcDateTimeField(null=True)
    last_error = pw.TextField(null=True)
    last_error_at = UtcDateTimeField(null=True)
    error_count = pw.IntegerField(default=0)
    next_poll = UtcDateTimeField(null=True)
    created_at = UtcDateTimeField()


class Watch(BaseModel):
    kind = pw.TextField()
    term = pw.TextField()
    channel = pw.TextField(default="")
    created_at = UtcDateTimeField()


class StakeholderGroup(BaseModel):
    name = pw.TextField(unique=True)
    description = pw.TextField(default="")
    power = pw.IntegerField(default=3)
    interest = pw.IntegerField(default=3)
    attitude = pw.TextField(default="neutral")
    expectations = pw.TextField(default="")
    key_messages = pw.TextField(default="")
    owner = pw.TextField(default="")
    sort_order = pw.IntegerField(default=0)
    created_at = UtcDateTimeField()


class StakeholderPresence(BaseModel):
    group = pw.ForeignKeyField(StakeholderGroup, backref="presence", on_delete="CASCADE")
    channel = pw.TextField()
    weight = pw.FloatField(default=1.0)


class StakeholderRule(BaseModel):
    group = pw.ForeignKeyField(StakeholderGroup, backref="rules", on_delete="CASCADE")
    kind = pw.TextField()
    pattern = pw.TextField(default="")
    priority = pw.IntegerField(default=100)
    enabled = pw.BooleanField(default=True)
    created_by = pw.TextField(default="")
    created_at = UtcDateTimeField()


class Author(BaseModel):
    channel = pw.TextField()
    handle = pw.TextField()
    display_name = pw.TextField(default="")
    followers = pw.IntegerField(default=0)
    verified = pw.BooleanField(default=False)
    kind = pw.TextField(default="unknown")
    kind_locked = pw.BooleanField(default=False)
    group = pw.ForeignKeyField(StakeholderGroup, null=True, backref="members", on_delete="SET NULL")
    group_locked = pw.BooleanField(default=False)
    profile = pw.TextField(default="")
    url = pw.TextField(default="")
    created_at = UtcDateTimeField()


class Statement(BaseModel):
    title = pw.TextField()
    kind = pw.TextField(default="communique")
    status = pw.TextField(default="draft")
    topic = pw.TextField(default="")
    requires_legal = pw.BooleanField(default=False)
    author = pw.TextField(default="")
    reviewer = pw.TextField(null=True)
    approver = pw.TextField(null=True)
    next_update_at = UtcDateTimeField(null=True)
    lock_version = pw.IntegerField(default=1)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()
    legal_reviewed_by = pw.TextField(null=True)
    legal_reviewed_at = UtcDateTimeField(null=True)


class StatementTarget(BaseModel):
    statement_id: int
    group_id: int
    statement = pw.ForeignKeyField(Statement, backref="targets", on_delete="CASCADE")
    group = pw.ForeignKeyField(StakeholderGroup, on_delete="CASCADE")


class StatementVersion(BaseModel):
    statement_id: int
    statement = pw.ForeignKeyField(Statement, backref="versions", on_delete="CASCADE")
    channel = pw.TextField()
    language = pw.TextField(default="fr")
    version = pw.IntegerField(default=1)
    text = pw.TextField(default="")
    criteria = JsonField(default=dict)
    frozen = pw.BooleanField(default=False)
    published_at = UtcDateTimeField(null=True)
    published_url = pw.TextField(null=True)
    published_by = pw.TextField(null=True)
    created_by = pw.TextField(default="")
    created_at = UtcDateTimeField()


class StatementEvent(BaseModel):
    statement_id: int
    statement = pw.ForeignKeyField(Statement, backref="events", on_delete="CASCADE")
    from_status = pw.TextField(null=True)
    to_status = pw.TextField()
    operator = pw.TextField()
    at = UtcDateTimeField()
    note = pw.TextField(default="")


class Rumor(BaseModel):
    origin_post_id: int | None
    rebuttal_statement_id: int | None
    claim = pw.TextField()
    first_seen = UtcDateTimeField()
    origin_post = pw.DeferredForeignKey("Post", null=True, on_delete="SET NULL")
    status = pw.TextField(default="detected")
    evidence = pw.TextField(default="")
    owner = pw.TextField(default="")
    best_voice = pw.TextField(default="")
    match_query = pw.TextField(default="")
    rebuttal_statement = pw.ForeignKeyField(Statement, null=True, on_delete="SET NULL")
    corrected_at_source = pw.BooleanField(default=False)
    corrected_by = pw.TextField(null=True)
    corrected_at = UtcDateTimeField(null=True)
    corrected_url = pw.TextField(null=True)
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()


class Post(BaseModel):
    channel = pw.TextField()
    external_id = pw.TextField()
    author = pw.ForeignKeyField(Author, backref="posts")
    text = pw.TextField(default="")
    url = pw.TextField(default="")
    lang = pw.TextField(default="")
    created_at = UtcDateTimeField()
    fetched_at = UtcDateTimeField()
    reply_to = pw.TextField(null=True)
    repost_of = pw.TextField(null=True)
    quote_of = pw.TextField(null=True)
    mentions = JsonField(default=list)
    hashtags = JsonField(default=list)
    likes = pw.IntegerField(default=0)
    shares = pw.IntegerField(default=0)
    replies = pw.IntegerField(default=0)
    views = pw.IntegerField(default=0)
    reach = pw.IntegerField(default=0)
    sentiment = pw.FloatField(null=True)
    sentiment_override = pw.FloatField(null=True)
    matched_terms = JsonField(default=list)
    triage_what = pw.TextField(null=True)
    triage_where = pw.TextField(null=True)
    triage_how = pw.TextField(null=True)
    triage_why = pw.TextField(null=True)
    priority = pw.IntegerField(default=0)
    status = pw.TextField(default="new")
    status_reason = pw.TextField(null=True)
    assignee = pw.TextField(null=True)
    reply_deadline = UtcDateTimeField(null=True)
    answered_at = UtcDateTimeField(null=True)
    moderated = pw.BooleanField(default=False)
    moderation_reason = pw.TextField(null=True)
    rumor = pw.ForeignKeyField(Rumor, null=True, backref="posts", on_delete="SET NULL")
    source = pw.ForeignKeyField(Source, null=True, on_delete="SET NULL")
    raw = JsonField(null=True)
    own = pw.BooleanField(default=False)  # by one of our own accounts (triggers, schema 10)


class RumorEvent(BaseModel):
    rumor_id: int
    rumor = pw.ForeignKeyField(Rumor, backref="events", on_delete="CASCADE")
    from_status = pw.TextField(null=True)
    to_status = pw.TextField()
    operator = pw.TextField()
    at = UtcDateTimeField()
    note = pw.TextField(default="")


class RumorEvidence(BaseModel):
    rumor_id: int
    rumor = pw.ForeignKeyField(Rumor, backref="evidence_items", on_delete="CASCADE")
    kind = pw.TextField(default="note")
    text = pw.TextField(default="")
    url = pw.TextField(default="")
    path = pw.TextField(default="")
    added_by = pw.TextField()
    added_at = UtcDateTimeField()


class RumorRebuttal(BaseModel):
    rumor_id: int
    statement_id: int
    rumor = pw.ForeignKeyField(Rumor, backref="rebuttals", on_delete="CASCADE")
    statement = pw.ForeignKeyField(Statement, backref="rebutted_rumors", on_delete="CASCADE")


class GraphNode(BaseModel):
    """An account's saved layout position and community in the propagation graph."""

    author = pw.ForeignKeyField(Author, primary_key=True, on_delete="CASCADE")
    x = pw.FloatField()
    y = pw.FloatField()
    community = pw.IntegerField(null=True)
    updated_at = UtcDateTimeField()


class GraphCommunity(BaseModel):
    """A community's label; ``edited`` marks a label the operator wrote."""

    community = pw.IntegerField(primary_key=True)
    label = pw.TextField(default="")
    edited = pw.BooleanField(default=False)
    size = pw.IntegerField(default=0)
    updated_at = UtcDateTimeField()


class LogEntry(BaseModel):
    """A main-courante entry. Never updated, never deleted (see ``store.logbook``)."""

    seq = pw.IntegerField(unique=True)
    event_time = UtcDateTimeField()
    recorded_time = UtcDateTimeField()
    operator = pw.TextField()
    on_behalf_of = pw.TextField(null=True)
    category = pw.TextField()
    text = pw.TextField()
    info_status = pw.TextField(null=True)
    amends = pw.IntegerField(null=True)
    automatic = pw.BooleanField(default=False)
    links = pw.TextField(default="[]")
    action_owner = pw.TextField(null=True)
    action_due = UtcDateTimeField(null=True)
    prev_hash = pw.TextField()
    hash = pw.TextField(unique=True)

    def save(self, force_insert: bool = False, only: object = None) -> int:
        if self.id is not None and not force_insert:
            from warroom.store.errors import AppendOnlyViolation

            raise AppendOnlyViolation("logbook entries are append-only: use an amendment")
        return int(super().save(force_insert=force_insert, only=only))

    def delete_instance(self, *args: object, **kwargs: object) -> int:
        from warroom.store.errors import AppendOnlyViolation

        raise AppendOnlyViolation("logbook entries are append-only: they cannot be deleted")


class PostStatement(BaseModel):
    """A post answered by, or quoted in, a statement (schema 3)."""

    post = pw.ForeignKeyField(Post, backref="statement_links", on_delete="CASCADE")
    statement = pw.ForeignKeyField(Statement, backref="post_links", on_delete="CASCADE")
    operator = pw.TextField()
    created_at = UtcDateTimeField()


class SavedView(BaseModel):
    """A named feed filter (schema 3); ``filter`` is the PostFilter as JSON."""

    name = pw.TextField(unique=True)
    filter = JsonField(default=dict)
    owner = pw.TextField(default="")
    created_at = UtcDateTimeField()


class ExerciseInject(BaseModel):
    """A scenario inject delivered into an exercise crisis (director's panel, score sheet)."""

    scenario = pw.TextField()
    inject_index = pw.IntegerField()
    kind = pw.TextField()
    summary = pw.TextField(default="")
    scheduled_at = UtcDateTimeField()
    delivered_at = UtcDateTimeField()
    post_count = pw.IntegerField(default=0)
    ref_kind = pw.TextField(null=True)
    ref_id = pw.IntegerField(null=True)

    class Meta:
        indexes = ((("scenario", "inject_index"), True),)


class Lesson(BaseModel):
    """A lessons-learned item of the post-crisis review (section: went_well, to_improve,
    action, lesson)."""

    section = pw.TextField(default="lesson")
    text = pw.TextField()
    author = pw.TextField(default="")
    created_at = UtcDateTimeField()
    updated_at = UtcDateTimeField()


ALL_MODELS: list[type[BaseModel]] = [
    Meta,
    Crisis,
    Setting,
    Operator,
    Source,
    Watch,
    StakeholderGroup,
    StakeholderPresence,
    StakeholderRule,
    Author,
    Statement,
    StatementTarget,
    StatementVersion,
    StatementEvent,
    Rumor,
    Post,
    RumorEvent,
    RumorEvidence,
    RumorRebuttal,
    GraphNode,
    GraphCommunity,
    LogEntry,
    PostStatement,
    SavedView,
    ExerciseInject,
    Lesson,
]
