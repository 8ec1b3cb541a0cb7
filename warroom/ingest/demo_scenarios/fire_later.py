"""Datacenter fire, days 2 to 27: daily updates, partial restart, regulator note, substitutes."""

from __future__ import annotations

from warroom.ingest.demo_scenarios import texts_fire as tx
from warroom.ingest.demo_scenarios.builder import ScenarioBuilder, at
from warroom.ingest.demo_scenarios.fire_common import ANSWERS, cascade, wave


def days_two_three(b: ScenarioBuilder) -> None:
    for day in (1, 2):
        wave(
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
        wave(
            b,
            at(day, 7, 0),
            160,
            ["media", "consultants"],
            tx.MEDIA,
            "14:00",
            channels={"twitter": 2, "press": 1, "linkedin": 2},
        )
        wave(
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


def daily_update(b: ScenarioBuilder, day: int, text: str) -> None:
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
    cascade(
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


def long_tail(b: ScenarioBuilder) -> None:
    for day in range(1, 15):
        state = "STR1 : reprise partielle en cours" if day >= 6 else "STR1 : nettoyage, tests"
        daily_update(
            b,
            day,
            f"Point J+{day} à 18h : {state}. STR3 : remise en état électrique. "
            "STR4 : redémarrage progressif. Détails et calendrier sur la page statut.",
        )
    for day in range(3, 27):
        wave(
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
    cascade(
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
    wave(
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
    cascade(
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
    wave(
        b,
        at(26, 10, 30),
        120,
        "customers",
        tx.RECOVERY,
        "24:00",
        channels={"twitter": 2, "support": 1},
        sentiment=[0.0, 0.7],
    )
