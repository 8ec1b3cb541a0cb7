"""Datacenter fire, the night and the morning of day 1 (fire, first messages, Seveso rumor)."""

from __future__ import annotations

from warroom.ingest.demo_scenarios import texts_fire as tx
from warroom.ingest.demo_scenarios.builder import ScenarioBuilder, at
from warroom.ingest.demo_scenarios.fire_common import ANSWERS, cascade, wave


def night(b: ScenarioBuilder) -> None:
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
    wave(
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
    cascade(
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
    wave(
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
    cascade(
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


def morning(b: ScenarioBuilder) -> None:
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
    cascade(
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
    wave(
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
    wave(
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
            cascade(
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
    wave(b, at(0, 8, 0), 160, "media", tx.MEDIA, "12:00", channels={"press": 1, "linkedin": 1})
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
    cascade(
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
    cascade(
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
