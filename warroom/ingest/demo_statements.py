"""Demo content for the Statements and Rumors views (called from ``seed_demo``).

Gives the demo crisis statements in every workflow status with channel versions in French
and English, ticked criteria, publication records with URLs, a rebuttal of the "Seveso"
rumor, rumor histories and evidence, and the posts that carried the rumor and the
rebuttal (synthetic, deterministic), so that the spread chart tells the real story: the
rumor grows, the rebuttal is published, the rumor fades and the rebuttal spreads.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import peewee

from warroom.domain.criteria import CRITERION_KEYS
from warroom.domain.timeutil import parse_utc
from warroom.ingest.demo_rumors import REBUTTAL_URL, seed_rumors_demo
from warroom.ingest.demo_statement_texts import (
    COMMUNIQUE_EN,
    COMMUNIQUE_FR,
    FIRST_TWEET_FR,
    HOLDING_FR,
    LINKEDIN_FR,
    REPLY_EN,
    REPLY_FR,
    SEVESO_FR,
    THREAD_FR,
    VIDEO_FR,
)
from warroom.store.errors import translated_errors
from warroom.store.models import (
    StakeholderGroup,
    Statement,
    StatementEvent,
    StatementTarget,
    StatementVersion,
)

T0 = parse_utc("2021-03-09T23:47:00Z")
HUGO, CLAIRE, INES, MARC = "Hugo Lefèvre", "Claire Martin", "Inès Benali", "Marc Weber"
ALL_TICKED = {key: True for key in CRITERION_KEYS}


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def seed_statements_demo(db: peewee.Database, seed: int = 7) -> None:
    """Enrich the demo statements and rumors (idempotent per fresh demo crisis)."""
    rng = random.Random(seed)
    with translated_errors("creating the demo statements"), db.atomic():
        by_title = {s.title.split(" — ")[0]: s for s in Statement.select()}
        first = _first_message()
        communique = by_title["Communiqué n°1"]
        _communique(communique)
        _video(by_title["Vidéo du fondateur"])
        _reply(by_title["Réponse type"])
        seveso = _seveso_rebuttal()
        _holding()
        StatementEvent.create(
            statement=first,
            from_status="published",
            to_status="superseded",
            operator=HUGO,
            at=_at(613),
            note="replaced by Communiqué n°1",
        )
        seed_rumors_demo(rng, seveso, communique)


def _versions(statement: Statement, specs: list[tuple[str, str, str, int | None, str]]) -> None:
    StatementVersion.delete().where(StatementVersion.statement == statement.id).execute()
    for channel, language, text, published, url in specs:
        StatementVersion.create(
            statement=statement,
            channel=channel,
            language=language,
            version=1,
            text=text,
            criteria=ALL_TICKED if published is not None else {"facts": True, "empathy": True},
            frozen=published is not None,
            created_by=HUGO,
            created_at=statement.created_at,
            published_at=_at(published) if published is not None else None,
            published_url=url or None,
            published_by=HUGO if published is not None else None,
        )


def _events(statement: Statement, steps: list[tuple[str, str, str, int, str]]) -> None:
    StatementEvent.delete().where(StatementEvent.statement == statement.id).execute()
    previous = None
    for status, operator, _, minutes, note in [("draft", HUGO, "", 0, ""), *steps]:
        at = statement.created_at if minutes == 0 else _at(minutes)
        StatementEvent.create(
            statement=statement,
            from_status=previous,
            to_status=status,
            operator=operator,
            at=at,
            note=note,
        )
        previous = status


def _first_message() -> Statement:
    created = _at(90)
    statement = Statement.create(
        title="Premier message du fondateur",
        kind="communique",
        status="superseded",
        topic="incendie",
        author=HUGO,
        approver=CLAIRE,
        created_at=created,
        updated_at=_at(613),
    )
    _versions(
        statement,
        [
            (
                "twitter",
                "fr",
                FIRST_TWEET_FR,
                95,
                "https://x.com/ycorre_hexa/status/1369481000000000000",
            )
        ],
    )
    _events(
        statement,
        [
            ("in_review", HUGO, "", 91, ""),
            ("approved", CLAIRE, "", 93, ""),
            ("published", HUGO, "", 95, "twitter (fr)"),
        ],
    )
    return statement


def _communique(statement: Statement) -> None:
    Statement.update(approver=CLAIRE, next_update_at=_at(16 * 60 + 13), created_at=_at(560)).where(
        Statement.id == statement.id
    ).execute()
    statement = Statement.get_by_id(statement.id)
    _versions(
        statement,
        [
            ("support", "fr", COMMUNIQUE_FR, 613, "https://status.hexacloud.example/incident/str"),
            (
                "support",
                "en",
                COMMUNIQUE_EN,
                615,
                "https://status.hexacloud.example/en/incident/str",
            ),
            ("twitter", "fr", THREAD_FR, 618, "https://x.com/hexacloud/status/1369600000000000000"),
            ("linkedin", "fr", LINKEDIN_FR, 625, "https://www.linkedin.com/feed/update/urn:li:1"),
        ],
    )
    # A first wording of the support text, revised before approval: the diff shows it.
    StatementVersion.update(version=2).where(
        (StatementVersion.statement == statement.id)
        & (StatementVersion.channel == "support")
        & (StatementVersion.language == "fr")
    ).execute()
    StatementVersion.create(
        statement=statement,
        channel="support",
        language="fr",
        version=1,
        frozen=True,
        text=COMMUNIQUE_FR.replace("et nous en sommes sincèrement désolés", "").replace(
            "Prochain point à 16h", "Prochain point dans la journée"
        ),
        created_by=INES,
        created_at=_at(565),
    )
    _events(
        statement,
        [
            ("in_review", HUGO, "", 590, ""),
            ("approved", CLAIRE, "", 605, ""),
            ("published", HUGO, "", 613, "support (fr)"),
        ],
    )


def _video(statement: Statement) -> None:
    Statement.update(
        requires_legal=True,
        legal_reviewed_by=MARC,
        legal_reviewed_at=_at(940),
        approver=CLAIRE,
        next_update_at=_at(16 * 60 + 53),
        created_at=_at(920),  # drafted before its review (the history starts here)
    ).where(Statement.id == statement.id).execute()
    statement = Statement.get_by_id(statement.id)
    _versions(
        statement,
        [
            ("youtube", "fr", VIDEO_FR, None, ""),
            ("linkedin", "fr", VIDEO_FR.split("\n", 1)[1][:600], None, ""),
        ],
    )
    _events(
        statement,
        [
            ("in_review", HUGO, "", 930, ""),
            ("in_review", MARC, "", 940, "legal review cleared."),
            ("approved", CLAIRE, "", 950, ""),
        ],
    )


def _reply(statement: Statement) -> None:
    _versions(
        statement,
        [
            ("facebook", "fr", REPLY_FR, None, ""),
            ("twitter", "fr", REPLY_FR, None, ""),  # pasted as is: the checklist flags it
            ("facebook", "en", REPLY_EN, None, ""),
        ],
    )
    _events(statement, [("in_review", INES, "", 1205, "")])


def _seveso_rebuttal() -> Statement:
    groups = {g.name: g for g in StakeholderGroup.select()}
    statement = Statement.create(
        title="Démenti — le site n'est pas classé Seveso",
        kind="communique",
        status="published",
        topic="seveso",
        author=INES,
        approver=CLAIRE,
        created_at=_at(380),
        updated_at=_at(402),
    )
    for name in ("General public", "Public authorities", "Media / journalists"):
        StatementTarget.create(statement=statement, group=groups[name])
    _versions(
        statement,
        [
            ("twitter", "fr", SEVESO_FR, 400, REBUTTAL_URL),
            (
                "facebook",
                "fr",
                SEVESO_FR + "\n\nRetrouvez nos points de situation sur status.hexacloud.example.",
                402,
                "https://facebook.com/hexacloud/posts/981",
            ),
        ],
    )
    _events(
        statement,
        [
            ("in_review", INES, "", 385, ""),
            ("approved", CLAIRE, "", 395, ""),
            ("published", INES, "", 400, "twitter (fr)"),
        ],
    )
    return statement


def _holding() -> None:
    groups = {g.name: g for g in StakeholderGroup.select()}
    statement = Statement.create(
        title="Point de situation 16h40 (attente)",
        kind="holding",
        status="draft",
        topic="incendie",
        author=INES,
        created_at=_at(980),
        updated_at=_at(980),
        next_update_at=_at(1013),
    )
    StatementTarget.create(statement=statement, group=groups["Affected customers"])
    _versions(statement, [("support", "fr", HOLDING_FR, None, "")])
    _events(statement, [])
