"""A small, deterministic crisis covering every entity: the test suite's fixture.

The demo that users open (`warroom --demo`) is the full datacenter-fire scenario
(:mod:`warroom.ingest.demo`); this small seed keeps unit tests fast and their
expectations stable.

Fictionalised datacenter fire ("Hexacloud", Strasbourg site STR), modelled on the public
timeline of the OVHcloud Strasbourg fire of 10 March 2021. Every post and person here is
synthetic: no real person's words. The full scenario engine replaces this seed later.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

import peewee

from warroom.domain.enums import LogCategory
from warroom.domain.timeutil import parse_utc
from warroom.ingest.demo_sources import seed_demo_sources
from warroom.ingest.demo_stakeholders import seed_stakeholder_demo
from warroom.ingest.demo_statements import seed_statements_demo
from warroom.ingest.feed_demo import seed_feed_demo
from warroom.store import logbook
from warroom.store.crisis import ensure_operator
from warroom.store.errors import translated_errors
from warroom.store.models import (
    Author,
    Crisis,
    Post,
    Rumor,
    Source,
    StakeholderGroup,
    Statement,
    StatementEvent,
    StatementTarget,
    StatementVersion,
    Watch,
)

DEMO_NAME = "Incendie datacenter STR — Hexacloud (démo)"
T0 = parse_utc("2021-03-09T23:47:00Z")  # 00:47 in Strasbourg

OPERATORS = [
    ("Claire Martin", "director"),
    ("Hugo Lefèvre", "comms_lead"),
    ("Inès Benali", "community_manager"),
    ("Marc Weber", "legal"),
]

# handle, display name, followers, verified, kind, group name
AUTHORS = (
    [
        ("ycorre_hexa", "Yann Corre", 180_000, True, "company", "Employees"),
        ("hexacloud", "Hexacloud", 95_000, True, "company", "Employees"),
        ("hexacloud_status", "Hexacloud Status", 21_000, True, "company", "Employees"),
        (
            "dna_alsace",
            "Dernières Nouvelles d'Alsace",
            310_000,
            True,
            "media",
            "Media / journalists",
        ),
        ("afp_tech", "AFP Tech", 520_000, True, "media", "Media / journalists"),
        ("lemag_it", "LeMagIT", 88_000, True, "media", "Media / journalists"),
        ("j_rousseau", "Julie Rousseau", 24_000, True, "journalist", "Media / journalists"),
        ("prefet67", "Préfecture du Bas-Rhin", 60_000, True, "authority", "Public authorities"),
        ("sdis67", "Pompiers du Bas-Rhin", 45_000, True, "authority", "Public authorities"),
        ("regul_data", "Autorité données perso", 150_000, True, "authority", "Regulators"),
        (
            "minister_num",
            "Ministre du numérique",
            400_000,
            True,
            "politician",
            "Public authorities",
        ),
        (
            "souverain_num",
            "Collectif Cloud Souverain",
            32_000,
            False,
            "activist",
            "Activists / opinion leaders",
        ),
        (
            "archi_cloud",
            "Lena Archi (consultante)",
            12_000,
            False,
            "influencer",
            "Activists / opinion leaders",
        ),
        ("devops_fr", "DevOps FR", 41_000, False, "influencer", "Activists / opinion leaders"),
        ("rival_cloud", "RivalCloud", 70_000, True, "competitor", "Competitors"),
        ("nimbus_eu", "Nimbus EU", 30_000, True, "competitor", "Competitors"),
        ("invest_watch", "Invest Watch", 55_000, False, "media", "Investors / financial community"),
    ]
    + [
        (
            f"client_{i:02d}",
            f"Client {i:02d}",
            150 + 37 * i,
            False,
            "customer",
            "Affected customers",
        )
        for i in range(1, 31)
    ]
    + [
        (f"public_{i:02d}", f"Citoyen {i:02d}", 40 + 11 * i, False, "unknown", "General public")
        for i in range(1, 16)
    ]
)

CHANNEL_BY_KIND = {
    "media": ["twitter", "press", "linkedin"],
    "journalist": ["twitter"],
    "authority": ["twitter"],
    "politician": ["twitter"],
    "activist": ["twitter", "mastodon", "blog"],
    "influencer": ["linkedin", "twitter", "youtube", "mastodon"],
    "competitor": ["linkedin", "twitter"],
    "company": ["twitter", "linkedin"],
    "customer": ["twitter", "facebook", "reddit", "support"],
    "unknown": ["facebook", "twitter", "reddit", "youtube"],
}

TEXTS = {
    "customer": [
        "Nos sites sont tous down depuis cette nuit, aucune info du support #hexacloud",
        "Our whole shop is offline since the STR fire. Any ETA for restore? #hexacloud",
        "Pas de sauvegarde hors site… on a tout perdu ? @hexacloud répondez svp",
        "Ticket ouvert il y a 6h, toujours rien. Inacceptable. #hexacloud",
        "Merci aux équipes qui bossent cette nuit, courage #hexacloud",
    ],
    "media": [
        "Incendie dans un datacenter d'Hexacloud à Strasbourg : des milliers de sites "
        "inaccessibles",
        "Fire at Hexacloud Strasbourg site: 3.6M websites affected",
        "Hexacloud : ce que l'on sait de l'incendie du site STR",
    ],
    "journalist": [
        "Sur place à Strasbourg, 100 pompiers mobilisés sur le site #hexacloud",
        "Question à @hexacloud : combien de clients avaient des backups hors site ?",
    ],
    "authority": [
        "Incendie en cours sur un site industriel au Port du Rhin. Évitez le secteur.",
        "Le feu est circonscrit. Aucun blessé. Pas de pollution toxique détectée.",
    ],
    "politician": [
        "Les pannes de services publics ce matin sont dues à l'incendie #hexacloud",
        "Cet incendie rappelle l'enjeu de la souveraineté numérique.",
    ],
    "activist": [
        "Le cloud souverain brûle et personne n'a de plan B ? #souveraineté",
        "Incendie juste avant l'introduction en bourse… étrange coïncidence #hexacloud",
        "Site classé Seveso en pleine ville ?! #hexacloud",
    ],
    "influencer": [
        "Thread : 5 leçons de l'incendie #hexacloud sur les plans de reprise (PRA)",
        "3-2-1 backups, people. The #hexacloud fire is a reminder.",
        "Vidéo : comment activer votre PRA après l'incident STR",
    ],
    "competitor": [
        "Clients impactés par l'incident STR : migration offerte 3 mois chez nous",
        "We're offering free migration credits to anyone affected this week.",
    ],
    "company": [
        "Tout le monde est sain et sauf. Le feu a détruit STR2, une partie de STR1.",
        "Point 10h : nous sommes sur place avec les pompiers. Prochain point à 16h.",
        "Nous recommandons d'activer votre plan de reprise d'activité (PRA).",
    ],
    "unknown": [
        "C'est quoi Hexacloud ? Tout le monde en parle",
        "Mon site de club de foot est en panne à cause d'un incendie ??",
        "Les pompiers de Strasbourg au top cette nuit 👏",
    ],
}


def seed_small_demo(db: peewee.Database, *, posts: int = 420, seed: int = 20210310) -> None:
    """Fill an empty crisis with the demo content (deterministic for a given seed)."""
    rng = random.Random(seed)
    with translated_errors("creating the demo crisis"), db.atomic():
        Crisis.update(
            name=DEMO_NAME,
            opened_at=T0,
            phase="acute",
            severity=5,
            timezone="Europe/Paris",
            description="Fictionalised datacenter fire (synthetic posts) modelled "
            "on the public timeline of a 2021 datacenter fire.",
        ).execute()
        for name, role in OPERATORS:
            ensure_operator(db, name, role)
        _watches()
        source = Source.create(
            kind="scenario",
            name="Demo scenario",
            params={"seed": seed},
            interval_s=0,
            enabled=False,
            created_at=T0,
            last_success=T0,
        )
        seed_demo_sources(T0)
        authors = _authors()
        post_ids = _posts(rng, authors, source, posts)
        statements = _statements()
        _rumors(post_ids, statements)
    seed_feed_demo(db)
    seed_stakeholder_demo(db)
    _logbook(db)
    seed_statements_demo(db)


def _watches() -> None:
    terms = [
        ("keyword", "hexacloud"),
        ("keyword", "incendie strasbourg"),
        ("hashtag", "hexacloud"),
        ("account", "ycorre_hexa"),
        ("account", "hexacloud_status"),
        ("exclusion", "hexacloud recrute"),
    ]
    for kind, term in terms:
        Watch.create(kind=kind, term=term, created_at=T0)


def _authors() -> list[Author]:
    groups = {g.name: g for g in StakeholderGroup.select()}
    result = []
    for index, (handle, name, followers, verified, kind, group) in enumerate(AUTHORS):
        choices = CHANNEL_BY_KIND[kind]
        channel = choices[0] if followers > 50_000 else choices[index % len(choices)]
        result.append(
            Author.create(
                channel=channel,
                handle=handle,
                display_name=name,
                followers=followers,
                verified=verified,
                kind=kind,
                group=groups.get(group),
                created_at=T0,
            )
        )
    return result


def _posts(rng: random.Random, authors: list[Author], source: Source, count: int) -> list[int]:
    weights = [max(1.0, (a.followers**0.3) if a.kind != "customer" else 6.0) for a in authors]
    stored: list[Post] = []
    for index in range(count):
        author = rng.choices(authors, weights)[0]
        at = T0 + timedelta(minutes=int(rng.expovariate(1 / 420)))
        text = rng.choice(TEXTS.get(author.kind, TEXTS["unknown"]))
        parent = rng.choice(stored) if stored and rng.random() < 0.45 else None
        link = rng.choice(["reply_to", "repost_of", "quote_of"]) if parent else None
        if parent and parent.channel != author.channel:
            parent, link = None, None
        negative = any(w in text.lower() for w in ("inacceptable", "perdu", "down", "étrange"))
        post = Post.create(
            channel=author.channel,
            external_id=f"demo-{index:05d}",
            author=author,
            text=text,
            url=f"https://example.org/{author.channel}/{author.handle}/{index}",
            lang="en" if text.isascii() and " the " in f" {text.lower()} " else "fr",
            created_at=at,
            fetched_at=at + timedelta(seconds=30),
            hashtags=[w[1:].lower() for w in text.split() if w.startswith("#")],
            likes=int(rng.paretovariate(1.3)) * 3,
            shares=int(rng.paretovariate(1.6)),
            replies=int(rng.paretovariate(1.8)),
            reach=author.followers,
            sentiment=round(rng.uniform(-0.9, -0.2) if negative else rng.uniform(-0.3, 0.6), 2),
            matched_terms=["hexacloud"],
            status=rng.choice(["new"] * 5 + ["triaged", "answered"]),
            source=source,
            **({link: parent.external_id} if parent and link else {}),
        )
        stored.append(post)
    return [p.id for p in stored]


def _statements() -> list[Statement]:
    groups = {g.name: g for g in StakeholderGroup.select()}
    specs = [
        (
            "Communiqué n°1 — incendie du site STR",
            "communique",
            "published",
            T0 + timedelta(hours=10, minutes=13),
            ["Affected customers", "Media / journalists"],
        ),
        (
            "Vidéo du fondateur — point de situation",
            "video_script",
            "approved",
            T0 + timedelta(hours=15, minutes=53),
            ["Affected customers", "Employees"],
        ),
        (
            "Réponse type — sauvegardes",
            "reply_template",
            "in_review",
            T0 + timedelta(hours=20),
            ["Affected customers"],
        ),
    ]
    result = []
    for title, kind, status, at, targets in specs:
        statement = Statement.create(
            title=title,
            kind=kind,
            status=status,
            topic="incendie",
            author="Hugo Lefèvre",
            created_at=at,
            updated_at=at,
        )
        for name in targets:
            StatementTarget.create(statement=statement, group=groups[name])
        for channel, text in (
            (
                "support",
                "Un incendie s'est déclaré cette nuit sur notre site "
                "STR. Tout le monde est sain et sauf. Prochain point à 16h.",
            ),
            (
                "twitter",
                "Incendie sur le site STR : personne n'est blessé. "
                "Activez votre PRA. Prochain point 16h.",
            ),
        ):
            StatementVersion.create(
                statement=statement,
                channel=channel,
                text=text,
                created_by="Hugo Lefèvre",
                created_at=at,
                frozen=status == "published",
                published_at=at if status == "published" else None,
            )
        StatementEvent.create(
            statement=statement, from_status=None, to_status=status, operator="Hugo Lefèvre", at=at
        )
        result.append(statement)
    return result


def _rumors(post_ids: list[int], statements: list[Statement]) -> None:
    specs = [
        ("Le site serait classé Seveso", "corrected_at_source", "seveso", 2),
        (
            "Incendie « suspect » juste avant l'introduction en bourse",
            "investigating",
            "bourse OR coïncidence",
            5,
        ),
        (
            "Un ministre attribue une panne de service public à l'incendie",
            "detected",
            "pannes services publics",
            9,
        ),
    ]
    for claim, status, query, hours in specs:
        at: datetime = T0 + timedelta(hours=hours)
        Rumor.create(
            claim=claim,
            first_seen=at,
            origin_post=post_ids[hours],
            status=status,
            match_query=query,
            owner="Inès Benali",
            created_at=at,
            updated_at=at,
            rebuttal_statement=statements[0] if status != "detected" else None,
            corrected_at_source=status == "corrected_at_source",
            corrected_by="Préfecture du Bas-Rhin" if hours == 2 else None,
        )


def _logbook(db: peewee.Database) -> None:
    timeline = [
        (
            0,
            "event",
            "Incendie déclaré dans le bâtiment STR2 (appel d'astreinte).",
            "Claire Martin",
        ),
        (25, "decision", "Activation de la cellule de crise, salle B + visio.", "Claire Martin"),
        (40, "action", "Coupure électrique de précaution sur STR1-4.", "Claire Martin"),
        (
            95,
            "communication",
            "Premier message du fondateur sur X : personne n'est blessé.",
            "Hugo Lefèvre",
        ),
        (180, "contact", "Appel de la préfecture : point presse prévu à 7h.", "Claire Martin"),
        (
            250,
            "information",
            "La préfecture évoque un site « Seveso » : à vérifier.",
            "Inès Benali",
        ),
        (
            400,
            "information",
            "Le SDIS confirme : site non Seveso, pas de pollution toxique.",
            "Inès Benali",
        ),
        (613, "communication", "Communiqué n°1 publié sur la page support.", "Hugo Lefèvre"),
        (
            700,
            "decision",
            "Prochain point de situation à 16h ; vidéo du fondateur.",
            "Claire Martin",
        ),
    ]
    entries = [
        logbook.NewEntry(
            text=text, operator=op, category=cat, event_time=T0 + timedelta(minutes=minutes)
        )
        for minutes, cat, text, op in timeline
    ]
    entries.append(
        logbook.NewEntry(
            text="Statement « Communiqué n°1 » published on support.",
            operator="system",
            category=LogCategory.SYSTEM,
            automatic=True,
            links=[("statement", 1)],
            event_time=T0 + timedelta(minutes=613),
        )
    )
    logbook.append_many(db, entries)
    logbook.amend(
        db,
        9,
        logbook.NewEntry(
            text="Correction : prochain point de situation à 16h40 (vidéo), pas 16h.",
            operator="Claire Martin",
            category="decision",
            event_time=T0 + timedelta(minutes=705),
        ),
    )
