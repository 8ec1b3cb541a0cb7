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
from warroom.store.errors import translated_errors
from warroom.store.models import (
    Author,
    Post,
    Rumor,
    RumorEvent,
    RumorEvidence,
    RumorRebuttal,
    StakeholderGroup,
    Statement,
    StatementEvent,
    StatementTarget,
    StatementVersion,
)

T0 = parse_utc("2021-03-09T23:47:00Z")
HUGO, CLAIRE, INES, MARC = "Hugo Lefèvre", "Claire Martin", "Inès Benali", "Marc Weber"
REBUTTAL_URL = "https://x.com/hexacloud/status/1369651000000000001"
ALL_TICKED = {key: True for key in CRITERION_KEYS}

COMMUNIQUE_FR = (
    "Cette nuit, à 0h47, un incendie s'est déclaré dans le bâtiment STR2 de notre site de "
    "Strasbourg. Tout le monde est sain et sauf. Le feu a détruit STR2 et une partie de "
    "STR1 ; STR3 et STR4 sont arrêtés par précaution. Nous savons que cette situation est "
    "très difficile pour vous et nous en sommes sincèrement désolés. Nos équipes sont "
    "mobilisées avec les pompiers. À ce stade, nous ne savons pas encore quand les services "
    "de STR3 et STR4 redémarreront : nous vous le dirons dès que possible. Nous vous "
    "recommandons d'activer votre plan de reprise d'activité. Prochain point à 16h sur "
    "status.hexacloud.example et au support : support@hexacloud.example."
)
COMMUNIQUE_EN = (
    "Last night at 0:47 a fire broke out in building STR2 of our Strasbourg site. Everyone "
    "is safe. The fire destroyed STR2 and part of STR1; STR3 and STR4 are shut down as a "
    "precaution. We know how hard this is for you and we are truly sorry. Our teams are on "
    "site with the fire brigade. We do not know yet when STR3 and STR4 will restart; we "
    "will tell you as soon as we do. We recommend activating your disaster recovery plan. "
    "Next update at 4 pm on status.hexacloud.example; support: support@hexacloud.example."
)
THREAD_FR = (
    "Incendie cette nuit à 0h47 sur notre site STR à Strasbourg. Tout le monde est sain et "
    "sauf. Nous pensons à tous nos clients touchés et sommes désolés. Nos équipes sont sur "
    "place avec les pompiers. STR2 est détruit, une partie de STR1 aussi ; STR3 et STR4 "
    "sont arrêtés par précaution. À ce stade nous ne savons pas encore quand ils "
    "redémarreront. Activez votre PRA si vous en avez un. Prochain point à 16h : "
    "https://status.hexacloud.example"
)
LINKEDIN_FR = (
    "Chers clients, chers partenaires,\n\nCette nuit à 0h47, un incendie a touché notre "
    "site de Strasbourg. Personne n'est blessé. Nous mesurons l'impact pour vos entreprises "
    "et vos propres clients, et nous en sommes désolés.\n\nCe que nous savons : STR2 est "
    "détruit, une partie de STR1 aussi ; STR3 et STR4 sont arrêtés par précaution.\nCe que "
    "nous ne savons pas encore : la date de redémarrage de STR3 et STR4.\nCe que nous "
    "faisons : nos équipes sont sur place avec les pompiers et préparent des capacités de "
    "remplacement à Roubaix et Gravelines.\n\nProchain point à 16h. Vos interlocuteurs "
    "habituels restent joignables ; support@hexacloud.example."
)
SEVESO_FR = (
    "Non, notre site de Strasbourg n'est pas classé Seveso. Le SDIS 67 l'a confirmé à 6h : "
    "pas de pollution toxique. Nous comprenons l'inquiétude des riverains. Les mesures de la "
    "préfecture sont en cours ; nous publierons leurs résultats. Questions : "
    "support@hexacloud.example"
)
REPLY_FR = (
    "Bonjour, nous sommes désolés de la gêne. Les sauvegardes stockées sur STR2 sont "
    "touchées ; celles d'autres sites ne le sont pas. Nos équipes vérifient chaque service "
    "et vous contacteront d'ici 48h. Prochain point à 16h sur status.hexacloud.example"
)
REPLY_EN = (
    "Hello, we are sorry for the disruption. Backups stored in STR2 are affected; backups "
    "on other sites are not. Our teams are checking every service and will contact you "
    "within 48 hours. Next update at 4 pm on status.hexacloud.example"
)
VIDEO_FR = (
    "[Plan serré, le fondateur face caméra]\nBonjour à toutes et à tous. Cette nuit, un "
    "incendie a détruit notre bâtiment STR2 à Strasbourg. Personne n'a été blessé, et je "
    "remercie les 115 pompiers mobilisés. Je sais ce que cela représente pour vous : vos "
    "sites, vos données, vos clients. Je vous présente nos excuses. Voici ce que nous "
    "faisons : 1) sécuriser le site avec les pompiers ; 2) redémarrer STR1, STR3 et STR4 "
    "dès que les experts le permettront ; 3) fournir 10 000 serveurs de remplacement dans "
    "nos autres datacenters. Ce que nous ne savons pas encore : l'origine du feu, une "
    "enquête est en cours. Je ferai un point chaque jour à 16h40."
)
HOLDING_FR = (
    "Un incident touche actuellement notre site de [SITE] depuis [HEURE]. Nos équipes sont "
    "mobilisées. À ce stade, nous ne connaissons pas encore [CE QUI RESTE INCONNU]. Prochain "
    "point à [HEURE DU PROCHAIN POINT] sur [PAGE DE STATUT]."
)
FIRST_TWEET_FR = (
    "Nous avons un incendie majeur dans le bâtiment SBG2. Les pompiers sont intervenus "
    "immédiatement. Personne n'est blessé."
)


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
        _rumor_posts(rng)
        _rumors(seveso, communique)


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
    ).where(Statement.id == statement.id).execute()
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


RUMOR_TEXTS = [
    "Site classé Seveso en pleine ville ?! #hexacloud",
    "On apprend que le datacenter était classé Seveso… et personne n'était prévenu ?",
    "Seveso à 2 km des habitations, fumée noire partout. Fermez vos fenêtres #Strasbourg",
    "Un site SEVESO qui brûle et aucune alerte de la préfecture ? #hexacloud",
    "Les riverains n'ont jamais été informés que c'était un site Seveso",
]
REBUTTAL_TEXTS = [
    "Mise au point d'Hexacloud : le site n'est pas Seveso " + REBUTTAL_URL,
    "Bon à savoir, pas de classement Seveso confirmé par le SDIS " + REBUTTAL_URL,
    "Fin de la rumeur Seveso : " + REBUTTAL_URL,
]


BOURSE_TEXTS = [
    "Incendie juste avant l'introduction en bourse… étrange coïncidence #hexacloud",
    "Un incendie pile avant l'entrée en bourse ? Je ne crois pas aux coïncidences",
    "Qui profite de l'incendie à quelques jours de l'introduction en bourse ?",
]
OTHER_RUMORS = ("bourse", "coïncidence", "services publics")


def _rumor_posts(rng: random.Random) -> None:
    """Reword existing demo posts (counts, authors, times and links stay as they are) so
    that the rumor rises before the rebuttal and fades after it, and the rebuttal link
    spreads after its publication."""
    kinds = ["activist", "unknown", "customer", "influencer"]
    candidates = list(
        Post.select(Post.id, Post.created_at, Post.text)
        .join(Author)
        .where(Author.kind.in_(kinds) & Post.repost_of.is_null())
        .order_by(Post.id)
    )
    origins = {r.origin_post_id for r in Rumor.select(Rumor.origin_post)}
    rumor_ids, rebuttal_ids, bourse_ids = [], [], []
    for post in candidates:
        if post.id in origins or any(w in post.text for w in OTHER_RUMORS):
            continue  # keep the carriers of the other rumors
        minutes = (post.created_at - T0).total_seconds() / 60
        chance = 0.85 if minutes <= 410 else 0.12  # the rebuttal is published at 06:27
        if 100 <= minutes <= 700 and rng.random() < chance:
            rumor_ids.append(post.id)
        elif 400 <= minutes <= 900 and rng.random() < 0.6:
            rebuttal_ids.append(post.id)
        elif 260 <= minutes <= 1100 and rng.random() < 0.3:
            bourse_ids.append(post.id)
    for post_id in bourse_ids:
        _reword(post_id, rng.choice(BOURSE_TEXTS))
    for post_id in rumor_ids:
        _reword(post_id, rng.choice(RUMOR_TEXTS))
    for post_id in rebuttal_ids:
        _reword(post_id, rng.choice(REBUTTAL_TEXTS))
    official = (
        Post.select()
        .join(Author)
        .where((Author.handle == "hexacloud") & (Post.created_at >= _at(400)))
        .order_by(Post.created_at)
        .first()
    )
    if official is not None:
        Post.update(text=SEVESO_FR, url=REBUTTAL_URL).where(Post.id == official.id).execute()


def _reword(post_id: int, text: str) -> None:
    tags = [w[1:].lower() for w in text.split() if w.startswith("#")]
    Post.update(text=text, hashtags=tags).where(Post.id == post_id).execute()


def _rumors(seveso: Statement, communique: Statement) -> None:
    rumors = {r.match_query: r for r in Rumor.select()}
    first = rumors["seveso"]
    Rumor.update(
        rebuttal_statement=seveso,
        best_voice="Public authority (prefecture, fire brigade)",
        corrected_by="Préfecture du Bas-Rhin (@prefet67)",
        corrected_at=_at(490),
        corrected_url="https://x.com/prefet67/status/1369700000000000000",
        first_seen=_at(110),
    ).where(Rumor.id == first.id).execute()
    RumorRebuttal.create(rumor=first, statement=seveso)
    _history(
        first,
        [
            ("investigating", INES, 130, "vérification auprès du SDIS"),
            ("false", CLAIRE, 365, "SDIS 67 : site non Seveso, pas de pollution"),
            ("rebutted", INES, 400, "démenti publié sur X et Facebook"),
            ("corrected_at_source", INES, 490, "corrected by Préfecture du Bas-Rhin (@prefet67)"),
        ],
    )
    for kind, text, url, path, minutes in (
        (
            "link",
            "Message du SDIS 67 : aucun produit toxique",
            "https://x.com/sdis67/status/1369640000000000000",
            "",
            362,
        ),
        ("note", "Classement ICPE du site : soumis à déclaration, non Seveso (DREAL)", "", "", 370),
        ("attachment", "Arrêté préfectoral ICPE", "", "preuves/arrete_icpe_str.pdf", 372),
    ):
        RumorEvidence.create(
            rumor=first,
            kind=kind,
            text=text,
            url=url,
            path=path,
            added_by=INES,
            added_at=_at(minutes),
        )
    second = rumors["bourse OR coïncidence"]
    Rumor.update(best_voice="CEO / founder").where(Rumor.id == second.id).execute()
    RumorRebuttal.create(rumor=second, statement=communique)
    _history(second, [("investigating", CLAIRE, 320, "attendre les premières constatations")])
    RumorEvidence.create(
        rumor=second,
        kind="note",
        added_by=CLAIRE,
        added_at=_at(330),
        text="Aucune constatation d'origine criminelle à ce stade (pompiers).",
    )
    _history(rumors["pannes services publics"], [])
    _origins()


def _origins() -> None:
    """Each rumor's origin is the earliest post that carries it (linked to the rumor)."""
    for rumor in Rumor.select():
        word = rumor.match_query.split(" OR ")[0].split()[0]
        first = (
            Post.select()
            .where(Post.text.contains(word) & (Post.url != REBUTTAL_URL))
            .order_by(Post.created_at)
            .first()
        )
        if first is not None:
            Rumor.update(origin_post=first.id, first_seen=first.created_at).where(
                Rumor.id == rumor.id
            ).execute()
            Post.update(rumor=rumor.id).where(Post.id == first.id).execute()


def _history(rumor: Rumor, steps: list[tuple[str, str, int, str]]) -> None:
    row = Rumor.get_by_id(rumor.id)
    RumorEvent.create(
        rumor=row, from_status=None, to_status="detected", operator=row.owner, at=row.first_seen
    )
    previous = "detected"
    for status, operator, minutes, note in steps:
        RumorEvent.create(
            rumor=row,
            from_status=previous,
            to_status=status,
            operator=operator,
            at=_at(minutes),
            note=note,
        )
        previous = status
