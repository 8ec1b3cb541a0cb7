"""Datacenter fire, day 1 afternoon: outage and IPO rumors, competitors, founder video."""

from __future__ import annotations

from warroom.ingest.demo_scenarios import texts_fire as tx
from warroom.ingest.demo_scenarios.builder import ScenarioBuilder, at
from warroom.ingest.demo_scenarios.fire_common import ANSWERS, cascade, wave


def afternoon(b: ScenarioBuilder) -> None:
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
    cascade(
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
    rumor_ipo(b)
    competitors_and_camps(b)
    founder_video(b)


def rumor_ipo(b: ScenarioBuilder) -> None:
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
    cascade(
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
    wave(
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
    wave(
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
    cascade(
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


def competitors_and_camps(b: ScenarioBuilder) -> None:
    offer = b.post(
        at(0, 8, 30), "linkedin", "rival_cloud", tx.COMPETITORS["fr"][0], likes=400, shares=120
    )
    cascade(b, at(0, 8, 35), offer, "linkedin", 90, "competitors", tx.COMPETITORS, "20:00")
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
    cascade(
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
    cascade(
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
    cascade(
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
    wave(
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
    cascade(b, at(0, 9, 45), team, "linkedin", 260, "employees", tx.EMPLOYEES, "20:00")
    reddit = b.post(
        at(0, 7, 20),
        "reddit",
        "devops_fr",
        "Hexacloud STR on fire: megathread for affected customers",
        lang="en",
    )
    cascade(
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


def founder_video(b: ScenarioBuilder) -> None:
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
        cascade(
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
