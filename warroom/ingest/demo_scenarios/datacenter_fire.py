"""The bundled demo: a fictionalised datacenter fire ("Hexacloud", site STR, Strasbourg).

Modelled on the public timeline of the OVHcloud Strasbourg fire of 10 March 2021 (see
``/work/shared/data/ovh_sbg_2021``): fire declared at 00:47, about a hundred firefighters,
a prefecture's "Seveso" claim corrected (here: at source by the fire brigade), power cut
on the whole site, the recommendation to activate disaster-recovery plans, knock-on
outages, a first communiqué at 11:00, the founder's video at 16:40, daily updates, the
data-protection authority's note on day 12, a partial restart on day 7 and substitute
servers on day 27. Names, accounts and every post are synthetic.
"""

from __future__ import annotations

from typing import Any

from warroom.ingest.demo_scenarios import texts_fire as tx
from warroom.ingest.demo_scenarios.builder import ScenarioBuilder, at

NAME = "datacenter-fire"
SEED = 20210310
START = "2021-03-09T23:47:00Z"  # 00:47 in Strasbourg, 10 March
SCALE = 0.6  # burst sizes below are relative; this keeps the demo quick to load
OWN = ["hexacloud", "hexacloud_support", "hexacloud_status", "ycorre_hexa"]

COMMUNITIES: dict[str, dict[str, Any]] = {
    "customers": {
        "handle": "client_{n}",
        "name": "Client {n}",
        "size": 1800,
        "kind": "customer",
        "group": "Affected customers",
        "followers": [20, 4000],
        "langs": {"fr": 0.75, "en": 0.25},
        "channels": {"twitter": 4, "facebook": 3, "support": 2, "reddit": 1},
    },
    "public": {
        "handle": "habitant_{n}",
        "name": "Habitant {n}",
        "size": 900,
        "kind": "unknown",
        "group": "General public",
        "followers": [10, 1500],
        "langs": {"fr": 0.9, "en": 0.1},
        "channels": {"facebook": 3, "twitter": 2, "youtube": 1},
    },
    "media": {
        "handle": "journaliste_{n}",
        "name": "Journaliste {n}",
        "size": 160,
        "kind": "journalist",
        "group": "Media / journalists",
        "followers": [800, 60000],
        "langs": {"fr": 0.8, "en": 0.2},
        "channels": {"twitter": 3, "press": 1, "linkedin": 1},
    },
    "consultants": {
        "handle": "consultant_{n}",
        "name": "Consultant·e {n}",
        "size": 400,
        "kind": "influencer",
        "group": "Activists / opinion leaders",
        "followers": [300, 25000],
        "langs": {"fr": 0.7, "en": 0.3},
        "channels": {"linkedin": 5, "twitter": 1, "youtube": 1},
    },
    "sovereignty": {
        "handle": "souverain_{n}",
        "name": "Cloud souverain {n}",
        "size": 300,
        "kind": "activist",
        "group": "Activists / opinion leaders",
        "followers": [50, 12000],
        "langs": {"fr": 0.85, "en": 0.15},
        "channels": {"twitter": 3, "mastodon": 2, "blog": 1},
    },
    "employees": {
        "handle": "hexa_team_{n}",
        "name": "Équipe Hexa {n}",
        "size": 350,
        "kind": "employee",
        "group": "Employees",
        "followers": [100, 5000],
        "langs": {"fr": 0.8, "en": 0.2},
        "channels": {"linkedin": 5, "twitter": 1},
    },
    "competitors": {
        "handle": "sales_rival_{n}",
        "name": "Commercial RivalCloud {n}",
        "size": 60,
        "kind": "competitor",
        "group": "Competitors",
        "followers": [200, 6000],
        "langs": {"fr": 0.6, "en": 0.4},
        "channels": {"linkedin": 3, "twitter": 1},
    },
    "investors": {
        "handle": "analyste_{n}",
        "name": "Analyste {n}",
        "size": 80,
        "kind": "media",
        "group": "Investors / financial community",
        "followers": [300, 20000],
        "langs": {"fr": 0.6, "en": 0.4},
        "channels": {"twitter": 2, "linkedin": 2, "blog": 1},
    },
}

ANSWERS = {
    "share": 0.35,
    "by": {"twitter": "hexacloud_support", "facebook": "hexacloud", "support": "hexacloud_status"},
    "texts": tx.ANSWERS,
}


def build() -> dict[str, Any]:
    b = ScenarioBuilder(
        NAME,
        SEED,
        START,
        title="Incendie datacenter STR — Hexacloud",
        description=(
            "A night fire destroys building STR2 of Hexacloud's Strasbourg site and stops the "
            "whole site: 15,000 customer companies and 3.6 million websites offline. 30 days "
            "of crisis: first 72 hours in detail, then daily updates until substitute servers."
        ),
        notice=(
            "Fictionalised exercise modelled on the public timeline of the OVHcloud "
            "Strasbourg fire of 10 March 2021. Every name, account and post is synthetic: "
            "no real person's words."
        ),
        own_accounts=OWN,
        crisis={
            "name": "Incendie datacenter STR — Hexacloud (démo)",
            "timezone": "Europe/Paris",
            "language": "fr",
            "severity": 5,
            "phase": "alert",
            "description": "Fictionalised datacenter fire (synthetic posts), modelled on the "
            "public timeline of a 2021 datacenter fire.",
        },
        operators=[
            {"name": "Claire Martin", "role": "director"},
            {"name": "Hugo Lefèvre", "role": "comms_lead"},
            {"name": "Inès Benali", "role": "community_manager"},
            {"name": "Marc Weber", "role": "legal"},
            {"name": "Sophie Keller", "role": "analyst"},
        ],
        watches=[
            {"kind": "keyword", "term": "hexacloud"},
            {"kind": "keyword", "term": "incendie strasbourg"},
            {"kind": "hashtag", "term": "hexacloud"},
            {"kind": "account", "term": "ycorre_hexa"},
            {"kind": "account", "term": "hexacloud_status"},
            {"kind": "exclusion", "term": "hexacloud recrute"},
        ],
        stakeholders=[
            {
                "name": "Affected customers",
                "owner": "Inès Benali",
                "key_messages": "Restoration plan per building; backups; daily update at 18:00",
            },
            {
                "name": "Investors / financial community",
                "owner": "Claire Martin",
                "key_messages": "Insurance cover; no change to the strategy",
            },
            {"name": "Regulators", "owner": "Marc Weber"},
            {"name": "Media / journalists", "owner": "Hugo Lefèvre"},
        ],
        sources=[{"name": "Scenario: datacenter-fire", "kind": "scenario"}],
        communities=COMMUNITIES,
    )
    _authors(b)
    _night(b)
    _morning(b)
    _afternoon(b)
    _days_two_three(b)
    _long_tail(b)
    return b.build()


def _authors(b: ScenarioBuilder) -> None:
    b.author("ycorre_hexa", "Yann Corre", 180_000, "company", "Employees", "twitter", "linkedin")
    b.author("hexacloud", "Hexacloud", 95_000, "company", "Employees", "twitter", "linkedin")
    b.author("hexacloud", "Hexacloud", 60_000, "company", "Employees", "facebook", "youtube")
    b.author("hexacloud_support", "Hexacloud Support", 30_000, "company", "Employees", "twitter")
    b.author("hexacloud_status", "Hexacloud Status", 21_000, "company", "Employees", "support")
    media = "Media / journalists"
    b.author("dna_alsace", "Dernières Nouvelles d'Alsace", 310_000, "media", media, "twitter")
    b.author("dna_alsace", "DNA", 250_000, "media", media, "press", "facebook")
    b.author("afp_tech", "AFP Tech", 520_000, "media", media, "twitter", "press")
    b.author("lemag_it", "LeMagIT", 88_000, "media", media, "press", "twitter", "linkedin")
    b.author("j_rousseau", "Julie Rousseau", 24_000, "journalist", media, "twitter")
    authorities = "Public authorities"
    b.author("prefet67", "Préfecture du Bas-Rhin", 60_000, "authority", authorities, "twitter")
    b.author("sdis67", "Pompiers du Bas-Rhin", 45_000, "authority", authorities, "twitter")
    b.author("sdis67", "Pompiers du Bas-Rhin", 80_000, "authority", authorities, "facebook")
    b.author(
        "minister_num", "Ministre délégué (fictif)", 400_000, "politician", authorities, "twitter"
    )
    b.author(
        "regul_data",
        "Autorité données perso",
        150_000,
        "authority",
        "Regulators",
        "press",
        "twitter",
    )
    opinion = "Activists / opinion leaders"
    b.author(
        "souverain_num",
        "Collectif Cloud Souverain",
        32_000,
        "activist",
        opinion,
        "twitter",
        "mastodon",
        "blog",
        verified=False,
    )
    b.author(
        "archi_cloud",
        "Lena Archi (consultante)",
        12_000,
        "influencer",
        opinion,
        "linkedin",
        "youtube",
        verified=False,
    )
    b.author(
        "devops_fr",
        "DevOps FR",
        41_000,
        "influencer",
        opinion,
        "twitter",
        "youtube",
        "support",
        "reddit",
        verified=False,
    )
    b.author(
        "rival_cloud", "RivalCloud", 70_000, "competitor", "Competitors", "linkedin", "twitter"
    )
    b.author("nimbus_eu", "Nimbus EU", 30_000, "competitor", "Competitors", "linkedin", "twitter")
    b.author(
        "invest_watch",
        "Invest Watch",
        55_000,
        "media",
        "Investors / financial community",
        "twitter",
        "blog",
        verified=False,
    )
    b.author(
        "bourse_doute",
        "Le Doute Boursier",
        9_000,
        "activist",
        opinion,
        "blog",
        "mastodon",
        verified=False,
    )


def _cascade(
    b: ScenarioBuilder,
    when: str,
    root: str,
    channel: str,
    count: int,
    community: Any,
    texts: dict[str, list[str]],
    duration: str = "06:00",
    **extra: Any,
) -> None:
    b.inject(
        when,
        "burst",
        model="cascade",
        root=root,
        channel=channel,
        count=max(1, round(count * SCALE)),
        duration=duration,
        half_life=extra.pop("half_life", "00:50"),
        community=community,
        texts=texts,
        **extra,
    )


def _wave(
    b: ScenarioBuilder,
    when: str,
    count: int,
    community: Any,
    texts: dict[str, list[str]],
    duration: str,
    **extra: Any,
) -> None:
    b.inject(
        when,
        "burst",
        model=extra.pop("model", "decay"),
        count=max(1, round(count * SCALE)),
        duration=duration,
        half_life=extra.pop("half_life", "03:00"),
        community=community,
        texts=texts,
        **extra,
    )


def _night(b: ScenarioBuilder) -> None:
    b.inject(at(0, 0, 0), "phase", phase="alert")
    b.inject(
        at(0, 0, 5),
        "call",
        **{"from": "Astreinte site STR"},
        text="Départ de feu dans le bâtiment STR2, pompiers appelés.",
    )
    b.inject(
        at(0, 0, 25),
        "log",
        category="decision",
        operator="Claire Martin",
        text="Activation de la cellule de crise, salle B + visio.",
    )
    b.inject(at(0, 0, 26), "phase", phase="acute")
    b.inject(
        at(0, 0, 40),
        "log",
        category="action",
        operator="Claire Martin",
        text="Coupure électrique de précaution sur STR1 à STR4 demandée par les pompiers.",
    )
    _wave(
        b,
        at(0, 0, 20),
        160,
        "public",
        tx.PUBLIC,
        "03:00",
        half_life="01:00",
        channels={"facebook": 3, "twitter": 2},
        sentiment=[-0.5, 0.1],
    )
    fire = b.post(
        at(0, 0, 58),
        "twitter",
        "sdis67",
        "Incendie en cours sur un site industriel au Port du Rhin. Plus de 100 "
        "sapeurs-pompiers engagés. Évitez le secteur.",
        likes=900,
        shares=1400,
    )
    _cascade(
        b,
        at(0, 1, 0),
        fire,
        "twitter",
        260,
        ["public", "media"],
        tx.PUBLIC,
        "05:00",
        repost_share=0.7,
        reply_share=0.15,
    )
    status = b.post(
        at(0, 1, 53),
        "support",
        "hexacloud_status",
        "Incident majeur sur notre site de Strasbourg : un feu s'est déclaré dans le "
        "bâtiment STR2. Par précaution, l'électricité est coupée sur tout le site. "
        "Si votre production est à Strasbourg, activez votre plan de reprise "
        "d'activité (PRA). Toutes nos équipes sont mobilisées.",
    )
    _wave(
        b,
        at(0, 2, 0),
        320,
        "customers",
        tx.SUPPORT_PAGE,
        "10:00",
        channels={"support": 1},
        answers={**ANSWERS, "delay": {"support": "05:00"}, "share": 0.25},
        sentiment=[-0.8, 0.0],
    )
    b.post(
        at(0, 2, 10),
        "support",
        "devops_fr",
        "Tous nos services STR sont tombés. Merci de communiquer une estimation.",
        reply_to=status,
    )
    founder = b.post(
        at(0, 2, 55),
        "twitter",
        "ycorre_hexa",
        "Tout le monde est sain et sauf. Le feu a détruit STR2 et une partie de "
        "STR1. Les pompiers protègent STR3. Pas d'impact sur STR4. Je vous tiens "
        "informés.",
        likes=6200,
        shares=4100,
    )
    b.inject(
        at(0, 3, 0),
        "log",
        category="communication",
        operator="Hugo Lefèvre",
        text="Premier message du fondateur sur X : personne n'est blessé.",
    )
    _cascade(
        b,
        at(0, 3, 0),
        founder,
        "twitter",
        950,
        ["customers", "media", "employees", "public", "consultants"],
        {"fr": tx.CUSTOMERS["fr"] + tx.EMPLOYEES["fr"], "en": tx.CUSTOMERS["en"]},
        "14:00",
        half_life="02:30",
        repost_share=0.55,
        reply_share=0.3,
        answers={**ANSWERS, "delay": {"twitter": "06:00"}, "share": 0.2},
    )
    b.inject(
        at(0, 3, 10),
        "call",
        **{"from": "Préfecture du Bas-Rhin"},
        text="Point presse prévu à 7h ; la préfecture demande le nombre de clients touchés.",
    )


def _morning(b: ScenarioBuilder) -> None:
    b.post(
        at(0, 6, 5),
        "twitter",
        "prefet67",
        "Le feu est circonscrit. Aucun blessé. Point presse à 7h30 à la préfecture.",
        likes=700,
        shares=650,
    )
    seveso = b.post(
        at(0, 6, 40),
        "twitter",
        "dna_alsace",
        "Incendie au Port du Rhin : selon les premières informations le site serait "
        "classé Seveso. Les riverains sont invités à fermer leurs fenêtres.",
        shares=900,
    )
    b.inject(
        at(0, 6, 30),
        "press",
        **{"from": "AFP — Julie Rousseau"},
        text="Combien de clients et de sites touchés ? Réponse souhaitée avant 9h.",
    )
    b.inject(
        at(0, 7, 0),
        "rumor",
        id="seveso",
        claim="Le site serait classé Seveso",
        origin=seveso,
        match="seveso",
        owner="Inès Benali",
        best_voice="Pompiers du Bas-Rhin",
    )
    _cascade(
        b,
        at(0, 7, 0),
        seveso,
        "twitter",
        240,
        ["public", "sovereignty", "media"],
        tx.RUMOR_SEVESO,
        "04:00",
        rumor="seveso",
        repost_share=0.6,
        sentiment=[-0.8, -0.3],
    )
    _wave(
        b,
        at(0, 7, 10),
        110,
        "public",
        tx.RUMOR_SEVESO,
        "04:00",
        rumor="seveso",
        channels={"facebook": 1},
        sentiment=[-0.8, -0.3],
    )
    b.inject(
        at(0, 7, 30),
        "rumor_update",
        rumor="seveso",
        status="investigating",
        text="Vérification auprès du SDIS et de la DREAL.",
    )
    _wave(
        b,
        at(0, 6, 0),
        900,
        "customers",
        tx.CUSTOMERS,
        "16:00",
        half_life="04:00",
        channels={"twitter": 4, "facebook": 3, "reddit": 1},
        sentiment=[-0.9, 0.1],
        answers={**ANSWERS, "delay": {"twitter": "04:30", "facebook": "09:00"}},
    )
    for i, (hour, who, text) in enumerate(
        [
            (7, "afp_tech", tx.MEDIA["fr"][0]),
            (8, "dna_alsace", tx.MEDIA["fr"][1]),
            (9, "lemag_it", tx.MEDIA["fr"][2]),
            (10, "afp_tech", tx.MEDIA["en"][0]),
        ]
    ):
        channel = "press" if i % 2 else "twitter"
        article = b.post(
            at(0, hour, 15), channel, who, text, lang="en" if i == 3 else "fr", shares=800 - 100 * i
        )
        if channel == "twitter":
            _cascade(
                b,
                at(0, hour, 20),
                article,
                "twitter",
                180,
                ["media", "public", "customers"],
                tx.MEDIA,
                "05:00",
                repost_share=0.75,
                reply_share=0.1,
            )
    _wave(b, at(0, 8, 0), 160, "media", tx.MEDIA, "12:00", channels={"press": 1, "linkedin": 1})
    fix = b.post(
        at(0, 9, 20),
        "twitter",
        "sdis67",
        "Précision : le site n'est pas classé Seveso. Aucune pollution toxique n'a été "
        "détectée par nos mesures.",
        likes=1500,
        shares=2100,
    )
    b.inject(
        at(0, 9, 25),
        "rumor_update",
        rumor="seveso",
        status="false",
        evidence="Communiqué du SDIS 67 : site non Seveso, mesures négatives.",
    )
    _cascade(
        b,
        at(0, 9, 25),
        fix,
        "twitter",
        170,
        ["public", "media"],
        tx.RUMOR_SEVESO_FIX,
        "04:00",
        repost_share=0.75,
    )
    update = b.post(
        at(0, 9, 13),
        "twitter",
        "ycorre_hexa",
        "Point 10h (je suis sur place) : nous coupons les onduleurs de STR3 avec les "
        "pompiers. Prochain point dans l'après-midi.",
        likes=3000,
        shares=1800,
    )
    _cascade(
        b,
        at(0, 9, 15),
        update,
        "twitter",
        300,
        ["customers", "employees", "media"],
        {"fr": tx.CUSTOMERS["fr"], "en": tx.CUSTOMERS["en"]},
        "08:00",
    )
    communique = b.post(
        at(0, 10, 13),
        "support",
        "hexacloud_status",
        "Communiqué : incendie du site STR. Personne n'est blessé. STR2 est "
        "détruit, STR1 partiellement. Plan de reprise : STR1, STR3, STR4 "
        "bâtiment par bâtiment. Prochain point à 16h.",
        likes=500,
    )
    b.inject(
        at(0, 10, 13),
        "statement",
        id="c1",
        title="Communiqué n°1 — incendie du site STR",
        kind="communique",
        status="published",
        author="Hugo Lefèvre",
        approver="Claire Martin",
        targets=["Affected customers", "Media / journalists"],
        versions=[
            {
                "channel": "support",
                "lang": "fr",
                "post": communique,
                "text": "Un incendie s'est déclaré cette nuit sur notre site STR. Personne "
                "n'est blessé. STR2 est détruit. Reprise bâtiment par bâtiment ; prochain "
                "point à 16h.",
            },
            {
                "channel": "support",
                "lang": "en",
                "text": "A fire broke out last night at our STR site. Nobody was hurt. STR2 "
                "is destroyed. Restart building by building; next update at 4 pm.",
            },
        ],
    )
    b.inject(
        at(0, 10, 40),
        "rumor_update",
        rumor="seveso",
        status="corrected_at_source",
        corrected_by="Pompiers du Bas-Rhin",
        url="https://example.org/twitter/" + fix,
        text="Le SDIS a corrigé l'information à la source.",
    )
    b.inject(
        at(0, 11, 40),
        "log",
        category="decision",
        operator="Claire Martin",
        id="next-point",
        text="Prochain point de situation à 16h ; vidéo du fondateur.",
    )
    b.inject(
        at(0, 11, 45),
        "log",
        category="decision",
        operator="Claire Martin",
        amends="next-point",
        text="Correction : prochain point de situation à 16h40 (vidéo), pas 16h.",
    )
    b.inject(
        at(0, 10, 45),
        "log",
        category="decision",
        operator="Claire Martin",
        text="Relayer la correction du SDIS plutôt qu'un démenti propre : voix la plus crédible.",
    )


def _afternoon(b: ScenarioBuilder) -> None:
    claim = b.post(
        at(0, 10, 30),
        "twitter",
        "minister_num",
        "La panne du portail des démarches en ligne ce matin est due à l'incendie "
        "chez Hexacloud. Nos équipes sont mobilisées.",
        likes=2500,
        shares=1900,
    )
    b.inject(
        at(0, 11, 0),
        "rumor",
        id="outage",
        claim="Un ministre attribue la panne du portail public à l'incendie",
        origin=claim,
        match="portail",
        owner="Inès Benali",
        best_voice="Ministère (correction à la source)",
    )
    _cascade(
        b,
        at(0, 10, 35),
        claim,
        "twitter",
        230,
        ["public", "media", "sovereignty"],
        tx.RUMOR_OUTAGE,
        "06:00",
        rumor="outage",
        sentiment=[-0.7, -0.1],
    )
    b.inject(
        at(0, 11, 30),
        "call",
        **{"from": "Cabinet du ministre"},
        text="Le cabinet demande confirmation que le portail est hébergé chez nous.",
    )
    b.inject(
        at(0, 12, 0),
        "log",
        category="information",
        operator="Sophie Keller",
        text="Vérification : le portail public n'est pas hébergé sur STR (aucun contrat).",
    )
    rebut = b.post(
        at(0, 13, 10),
        "twitter",
        "hexacloud",
        "Précision : le portail des démarches en ligne n'est pas hébergé chez "
        "Hexacloud. Sa panne de ce matin est sans lien avec l'incendie de STR.",
        likes=1200,
        shares=900,
    )
    b.inject(
        at(0, 13, 10),
        "statement",
        id="r-outage",
        title="Précision — panne du portail public",
        kind="reply_template",
        status="published",
        author="Hugo Lefèvre",
        approver="Claire Martin",
        targets=["Public authorities", "Media / journalists"],
        versions=[
            {
                "channel": "twitter",
                "lang": "fr",
                "post": rebut,
                "text": "Le portail des démarches en ligne n'est pas hébergé chez "
                "Hexacloud : sa panne est sans lien avec l'incendie.",
            }
        ],
    )
    b.inject(at(0, 13, 15), "rumor_update", rumor="outage", status="rebutted", statement="r-outage")
    _rumor_ipo(b)
    _competitors_and_camps(b)
    _founder_video(b)


def _rumor_ipo(b: ScenarioBuilder) -> None:
    origin = b.post(
        at(0, 13, 0),
        "blog",
        "bourse_doute",
        "Un incendie « accidentel » quelques semaines avant l'introduction en bourse "
        "d'Hexacloud ? Posons les questions que personne ne pose.",
        shares=300,
    )
    b.inject(
        at(0, 14, 0),
        "rumor",
        id="ipo",
        claim="Incendie « suspect » juste avant l'introduction en bourse",
        origin=origin,
        match="bourse OR IPO",
        owner="Marc Weber",
        best_voice="Direction financière",
    )
    toot = b.post(
        at(0, 13, 40),
        "mastodon",
        "souverain_num",
        "Incendie juste avant l'IPO… étrange coïncidence, non ? #hexacloud",
        shares=400,
    )
    _cascade(
        b,
        at(0, 13, 45),
        toot,
        "mastodon",
        140,
        ["sovereignty", "public"],
        tx.RUMOR_IPO,
        "10:00",
        rumor="ipo",
        sentiment=[-0.8, -0.2],
    )
    _wave(
        b,
        at(0, 14, 0),
        220,
        ["public", "investors", "sovereignty"],
        tx.RUMOR_IPO,
        "20:00",
        rumor="ipo",
        channels={"twitter": 3, "reddit": 1, "blog": 1},
        sentiment=[-0.8, -0.2],
    )
    _wave(
        b,
        at(0, 12, 0),
        120,
        "investors",
        tx.INVESTORS,
        "30:00",
        channels={"twitter": 2, "linkedin": 2, "blog": 1},
    )
    b.inject(
        at(0, 15, 0),
        "rumor_update",
        rumor="ipo",
        status="investigating",
        text="Demande d'éléments aux enquêteurs et à l'assureur.",
    )
    b.inject(
        at(1, 9, 0),
        "press",
        **{"from": "Invest Watch"},
        text="Confirmez-vous le maintien du calendrier d'introduction en bourse ?",
    )
    note = b.post(
        at(1, 10, 30),
        "twitter",
        "hexacloud",
        "Les premières constatations des enquêteurs désignent un onduleur. Aucun "
        "élément ne suggère un acte malveillant. Le calendrier financier est "
        "inchangé.",
        likes=900,
        shares=700,
    )
    b.inject(
        at(1, 10, 30),
        "statement",
        id="r-ipo",
        title="Mise au point — origine de l'incendie",
        kind="communique",
        status="published",
        author="Marc Weber",
        approver="Claire Martin",
        targets=["Investors / financial community", "Media / journalists"],
        versions=[
            {
                "channel": "twitter",
                "lang": "fr",
                "post": note,
                "text": "Les enquêteurs désignent un onduleur ; aucun acte malveillant. "
                "Le calendrier financier est inchangé.",
            },
            {
                "channel": "press",
                "lang": "en",
                "text": "Investigators point to a UPS unit; no sign of foul play. The "
                "financial calendar is unchanged.",
            },
        ],
    )
    b.inject(at(1, 10, 35), "rumor_update", rumor="ipo", status="rebutted", statement="r-ipo")
    _cascade(
        b,
        at(1, 10, 35),
        note,
        "twitter",
        120,
        ["investors", "media"],
        tx.RUMOR_IPO_FIX,
        "08:00",
        repost_share=0.7,
    )


def _competitors_and_camps(b: ScenarioBuilder) -> None:
    offer = b.post(
        at(0, 8, 30), "linkedin", "rival_cloud", tx.COMPETITORS["fr"][0], likes=400, shares=120
    )
    _cascade(b, at(0, 8, 35), offer, "linkedin", 90, "competitors", tx.COMPETITORS, "20:00")
    b.post(at(0, 9, 0), "twitter", "nimbus_eu", tx.COMPETITORS["en"][0], lang="en")
    b.inject(
        at(0, 9, 30),
        "log",
        category="information",
        operator="Sophie Keller",
        text="Concurrents : offres de migration gratuite publiées (RivalCloud, Nimbus).",
    )
    lesson = b.post(
        at(0, 8, 0), "linkedin", "archi_cloud", tx.CONSULTANTS["fr"][0], likes=2300, shares=600
    )
    _cascade(
        b,
        at(0, 8, 5),
        lesson,
        "linkedin",
        420,
        ["consultants", "employees"],
        tx.CONSULTANTS,
        "30:00",
        half_life="05:00",
        repost_share=0.45,
        reply_share=0.35,
    )
    video = b.post(
        at(0, 12, 0),
        "youtube",
        "devops_fr",
        "Vidéo : incendie STR, comment activer votre PRA pas à pas",
        shares=200,
    )
    _cascade(
        b,
        at(0, 12, 5),
        video,
        "youtube",
        110,
        ["public", "consultants", "customers"],
        tx.CONSULTANTS,
        "30:00",
        repost_share=0.0,
        reply_share=0.9,
    )
    camp = b.post(
        at(0, 7, 50), "twitter", "souverain_num", tx.SOVEREIGNTY["fr"][1], likes=1800, shares=1200
    )
    _cascade(
        b,
        at(0, 7, 55),
        camp,
        "twitter",
        300,
        "sovereignty",
        tx.SOVEREIGNTY,
        "24:00",
        half_life="04:00",
    )
    _wave(
        b,
        at(0, 9, 0),
        120,
        "sovereignty",
        tx.SOVEREIGNTY,
        "40:00",
        channels={"mastodon": 2, "blog": 1},
    )
    team = b.post(
        at(0, 9, 40), "linkedin", "hexacloud", tx.EMPLOYEES["fr"][1], likes=4000, shares=800
    )
    _cascade(b, at(0, 9, 45), team, "linkedin", 260, "employees", tx.EMPLOYEES, "20:00")
    reddit = b.post(
        at(0, 7, 20),
        "reddit",
        "devops_fr",
        "Hexacloud STR on fire: megathread for affected customers",
        lang="en",
    )
    _cascade(
        b,
        at(0, 7, 25),
        reddit,
        "reddit",
        160,
        ["customers", "consultants"],
        tx.CUSTOMERS,
        "20:00",
        repost_share=0.0,
        reply_share=0.9,
    )


def _founder_video(b: ScenarioBuilder) -> None:
    versions = []
    for channel in ("linkedin", "twitter"):
        post = b.post(
            at(0, 15, 53),
            channel,
            "ycorre_hexa",
            "Vidéo — point de situation depuis Strasbourg : ce qui s'est passé, ce que "
            "nous savons, ce que nous ne savons pas encore, et le plan de reprise "
            "bâtiment par bâtiment. Prochain point demain 18h.",
            likes=8000,
            shares=3500,
        )
        versions.append(
            {
                "channel": channel,
                "lang": "fr",
                "post": post,
                "text": "Vidéo du fondateur : situation, inconnues, plan de reprise, "
                "prochain point demain 18h.",
            }
        )
        _cascade(
            b,
            at(0, 15, 55),
            post,
            channel,
            420 if channel == "twitter" else 300,
            ["customers", "employees", "media", "consultants"],
            tx.VIDEO_REACTIONS,
            "12:00",
            half_life="02:00",
            answers={**ANSWERS, "delay": {"twitter": "01:30"}, "share": 0.15},
        )
    b.inject(
        at(0, 15, 53),
        "statement",
        id="video",
        kind="video_script",
        title="Vidéo du fondateur — point de situation",
        status="published",
        author="Hugo Lefèvre",
        approver="Claire Martin",
        targets=["Affected customers", "Employees", "Prospects"],
        versions=versions,
    )
    b.inject(
        at(0, 16, 0),
        "log",
        category="decision",
        operator="Claire Martin",
        text="Point quotidien à 18h sur la page support, X et LinkedIn, jusqu'à la reprise.",
    )
    b.inject(
        at(0, 23, 43),
        "log",
        category="event",
        operator="Inès Benali",
        text="Support téléphonique et tickets de nouveau opérationnels (après minuit).",
    )


def _days_two_three(b: ScenarioBuilder) -> None:
    for day in (1, 2):
        _wave(
            b,
            at(day, 6, 0),
            700 if day == 1 else 450,
            "customers",
            tx.CUSTOMERS,
            "16:00",
            channels={"twitter": 3, "facebook": 3, "support": 2, "reddit": 1},
            sentiment=[-0.8, 0.3],
            answers={
                **ANSWERS,
                "delay": {"twitter": "01:40", "facebook": "05:00", "support": "03:00"},
            },
        )
        _wave(
            b,
            at(day, 7, 0),
            160,
            ["media", "consultants"],
            tx.MEDIA,
            "14:00",
            channels={"twitter": 2, "press": 1, "linkedin": 2},
        )
        _wave(
            b, at(day, 8, 0), 120, "consultants", tx.CONSULTANTS, "14:00", channels={"linkedin": 1}
        )
    b.inject(
        at(1, 8, 0),
        "statement",
        id="faq",
        title="Réponse type — sauvegardes et PRA",
        kind="reply_template",
        status="in_review",
        author="Inès Benali",
        targets=["Affected customers"],
        versions=[
            {
                "channel": "twitter",
                "lang": "fr",
                "text": "Les sauvegardes automatiques hébergées hors STR sont intactes. "
                "Pour les autres, voir la FAQ.",
            }
        ],
    )
    b.inject(
        at(1, 12, 0),
        "statement",
        id="investors",
        title="Note aux investisseurs",
        kind="internal_note",
        status="approved",
        author="Marc Weber",
        approver="Claire Martin",
        targets=["Investors / financial community"],
        versions=[
            {
                "channel": "press",
                "lang": "en",
                "text": "Insurance covers the site; the restart plan is funded.",
            }
        ],
    )


def _daily_update(b: ScenarioBuilder, day: int, text: str) -> None:
    post = b.post(at(day, 17, 13), "support", "hexacloud_status", text, likes=300)
    tweet = b.post(at(day, 17, 13), "twitter", "hexacloud", text[:270], shares=400)
    b.inject(
        at(day, 17, 13),
        "statement",
        id=f"daily-{day}",
        title=f"Point quotidien J+{day}",
        kind="communique",
        status="published",
        author="Hugo Lefèvre",
        approver="Claire Martin",
        targets=["Affected customers", "Media / journalists"],
        versions=[
            {"channel": "support", "lang": "fr", "post": post, "text": text},
            {"channel": "twitter", "lang": "fr", "post": tweet, "text": text[:270]},
        ],
    )
    _cascade(
        b,
        at(day, 17, 20),
        tweet,
        "twitter",
        140 if day < 4 else 40,
        ["customers", "media"],
        tx.CUSTOMERS,
        "05:00",
        repost_share=0.5,
        answers={**ANSWERS, "delay": {"twitter": "01:20"}, "share": 0.2},
    )


def _long_tail(b: ScenarioBuilder) -> None:
    for day in range(1, 15):
        state = "STR1 : reprise partielle en cours" if day >= 6 else "STR1 : nettoyage, tests"
        _daily_update(
            b,
            day,
            f"Point J+{day} à 18h : {state}. STR3 : remise en état électrique. "
            "STR4 : redémarrage progressif. Détails et calendrier sur la page statut.",
        )
    for day in range(3, 27):
        _wave(
            b,
            at(day, 8, 0),
            60 if day < 10 else 25,
            "customers",
            tx.RECOVERY,
            "12:00",
            channels={"twitter": 2, "facebook": 1, "support": 1},
            sentiment=[-0.5, 0.6],
            answers={**ANSWERS, "delay": {"twitter": "01:10", "facebook": "03:00"}},
        )
    b.inject(at(6, 9, 0), "phase", phase="recovery")
    restart = b.post(
        at(6, 10, 0),
        "twitter",
        "ycorre_hexa",
        "Jour 7 : les premiers serveurs de STR1 redémarrent. Merci à toutes les "
        "équipes et à nos clients pour leur patience.",
        likes=5000,
        shares=2000,
    )
    b.inject(
        at(6, 10, 0),
        "statement",
        id="restart",
        title="Reprise partielle de STR1 (J+7)",
        kind="communique",
        status="published",
        author="Hugo Lefèvre",
        approver="Claire Martin",
        targets=["Affected customers", "Investors / financial community"],
        versions=[
            {
                "channel": "twitter",
                "lang": "fr",
                "post": restart,
                "text": "Jour 7 : les premiers serveurs de STR1 redémarrent.",
            }
        ],
    )
    _cascade(
        b,
        at(6, 10, 5),
        restart,
        "twitter",
        200,
        ["customers", "employees", "media"],
        tx.RECOVERY,
        "10:00",
    )
    b.inject(
        at(9, 5, 0),
        "call",
        **{"from": "Astreinte site STR"},
        text="Nouveau dégagement de fumée dans un local batteries du bâtiment 1.",
    )
    b.inject(
        at(9, 5, 30),
        "log",
        category="event",
        operator="Claire Martin",
        text="Départ de fumée maîtrisé dans un local batteries ; aucun serveur endommagé.",
    )
    _wave(
        b,
        at(9, 6, 0),
        150,
        ["public", "media", "customers"],
        tx.MEDIA,
        "08:00",
        channels={"twitter": 2, "facebook": 1},
    )
    note = b.post(
        at(11, 10, 0),
        "press",
        "regul_data",
        "Incendie d'un hébergeur : rappel des obligations des responsables de "
        "traitement (notification des violations de données dans les 72 heures).",
        shares=500,
    )
    b.inject(
        at(11, 10, 30),
        "log",
        category="information",
        operator="Marc Weber",
        text="Note de l'autorité de protection des données publiée ; FAQ juridique à "
        "préparer pour les clients.",
    )
    _cascade(
        b,
        at(11, 10, 5),
        note,
        "press",
        30,
        ["consultants", "media"],
        tx.CONSULTANTS,
        "24:00",
        repost_share=0.0,
        reply_share=0.0,
        quote_share=0.8,
    )
    servers = b.post(
        at(26, 10, 0),
        "support",
        "hexacloud_status",
        "Serveurs de substitution : tous les clients de STR2 peuvent désormais "
        "commander un serveur équivalent, offert pendant 3 mois.",
    )
    b.inject(
        at(26, 10, 0),
        "statement",
        id="substitute",
        kind="communique",
        title="Serveurs de substitution pour les clients de STR2",
        status="published",
        author="Hugo Lefèvre",
        approver="Claire Martin",
        targets=["Affected customers"],
        versions=[
            {
                "channel": "support",
                "lang": "fr",
                "post": servers,
                "text": "Serveurs de substitution disponibles pour tous les clients de "
                "STR2, offerts pendant 3 mois.",
            }
        ],
    )
    _wave(
        b,
        at(26, 10, 30),
        120,
        "customers",
        tx.RECOVERY,
        "24:00",
        channels={"twitter": 2, "support": 1},
        sentiment=[0.0, 0.7],
    )
