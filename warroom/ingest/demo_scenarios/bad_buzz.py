"""A second, shorter bundled scenario: an ethical "bad buzz" for a cosmetics brand.

"Lumina Cosmetics" posts a campaign with a wording read as colourist; a boycott hashtag
takes off and volume jumps to about ten times the usual level within hours. Fictional
brand, accounts and posts (no real person's words).
"""

from __future__ import annotations

from typing import Any

from warroom.ingest.demo_scenarios.builder import ScenarioBuilder, at

NAME = "bad-buzz"
SEED = 20200605
START = "2020-06-05T07:00:00Z"
TAG = "boycottlumina"

ANGRY = {
    "fr": [
        "« Éclaircir le teint pour un éclat parfait » en 2020 ? Sérieusement. #boycottlumina",
        "Je n'achèterai plus rien chez Lumina tant qu'ils n'auront pas retiré cette pub",
        "Le marketing qui associe peau claire et beauté, c'est fini. #boycottlumina",
        "Et ils se disent engagés pour la diversité ? #boycottlumina",
    ],
    "en": [
        "'Brightening for perfect skin' in 2020? Really, @lumina? #boycottlumina",
        "Not buying Lumina again until this campaign is pulled #boycottlumina",
        "Colourism dressed up as skincare. #boycottlumina",
    ],
}
DEFENDERS = {
    "fr": [
        "C'est un produit anti-taches, pas un blanchissant. Lisez la notice.",
        "On attend les explications de la marque avant de juger",
    ],
    "en": ["It's an anti-spot cream, not a whitening one. Calm down."],
}
APOLOGY_REACTIONS = {
    "fr": [
        "Des excuses, enfin. Maintenant des actes.",
        "Trop tard, le mal est fait #boycottlumina",
        "Retirer la campagne était la bonne décision",
    ],
    "en": ["An apology, finally. Now show us actions.", "Too little too late #boycottlumina"],
}
BASELINE = {
    "fr": ["J'adore le nouveau sérum Lumina", "Quelqu'un a testé la crème de jour Lumina ?"],
    "en": ["Lumina's new serum is great", "Anyone tried the Lumina day cream?"],
}

COMMUNITIES: dict[str, dict[str, Any]] = {
    "consumers": {
        "handle": "conso_{n}",
        "name": "Consommatrice {n}",
        "size": 1200,
        "kind": "customer",
        "group": "Affected customers",
        "followers": [30, 3000],
        "langs": {"fr": 0.6, "en": 0.4},
        "channels": {"twitter": 4, "instagram": 3, "tiktok": 2, "facebook": 1},
    },
    "activists": {
        "handle": "militant_{n}",
        "name": "Militant·e {n}",
        "size": 200,
        "kind": "activist",
        "group": "Activists / opinion leaders",
        "followers": [500, 80000],
        "langs": {"fr": 0.5, "en": 0.5},
        "channels": {"twitter": 3, "instagram": 2, "tiktok": 1},
    },
    "media": {
        "handle": "media_{n}",
        "name": "Média {n}",
        "size": 40,
        "kind": "media",
        "group": "Media / journalists",
        "followers": [5000, 400000],
        "langs": {"fr": 0.6, "en": 0.4},
        "channels": {"twitter": 2, "press": 1},
    },
}


def build() -> dict[str, Any]:
    b = ScenarioBuilder(
        NAME,
        SEED,
        START,
        title="Bad buzz — campagne « éclat » de Lumina Cosmetics",
        description="An ethical bad buzz: a campaign wording read as colourist, a boycott "
        "hashtag, a ×10 volume spike, an apology and the campaign withdrawn.",
        notice="Fictional brand and accounts; every post is synthetic (no real person's "
        "words). Loosely modelled on the public shape of 2020 cosmetics bad buzzes.",
        own_accounts=["lumina"],
        crisis={
            "name": "Bad buzz — Lumina Cosmetics",
            "timezone": "Europe/Paris",
            "language": "fr",
            "severity": 3,
            "phase": "watch",
        },
        operators=[
            {"name": "Nadia Roux", "role": "director"},
            {"name": "Tom Girard", "role": "community_manager"},
        ],
        watches=[{"kind": "keyword", "term": "lumina"}, {"kind": "hashtag", "term": TAG}],
        communities=COMMUNITIES,
    )
    b.author(
        "lumina",
        "Lumina Cosmetics",
        240_000,
        "company",
        "Employees",
        "twitter",
        "instagram",
        "facebook",
    )
    b.author(
        "ayo_voices",
        "Ayo Voices",
        310_000,
        "activist",
        "Activists / opinion leaders",
        "twitter",
        "instagram",
        verified=False,
    )
    answers = {
        "share": 0.15,
        "by": {"twitter": "lumina", "instagram": "lumina"},
        "delay": {"twitter": "02:30", "instagram": "05:00"},
        "texts": {
            "fr": ["Nous vous entendons. Un message de notre part arrive."],
            "en": ["We hear you. A message from us is coming."],
        },
    }
    # Baseline chatter over three days: about 30 posts an hour.
    b.inject(
        at(0, 0, 0),
        "burst",
        model="uniform",
        count=2100,
        duration="72:00",
        community="consumers",
        texts=BASELINE,
        sentiment=[0.1, 0.8],
    )
    b.post(
        at(0, 2, 0),
        "instagram",
        "lumina",
        "Nouvelle gamme Éclat : éclaircit le teint pour un éclat parfait ✨",
        likes=3000,
    )
    spark = b.post(
        at(0, 9, 0),
        "twitter",
        "ayo_voices",
        "Lumina nous vend « éclaircir le teint » comme idéal de beauté. #boycottlumina",
        likes=22000,
        shares=9000,
    )
    b.inject(at(0, 10, 0), "phase", phase="alert")
    b.inject(
        at(0, 9, 5),
        "burst",
        model="cascade",
        root=spark,
        channel="twitter",
        count=950,
        duration="14:00",
        half_life="03:00",
        community=["consumers", "activists"],
        texts=ANGRY,
        hashtags=[TAG],
        repost_share=0.55,
        reply_share=0.2,
        sentiment=[-0.95, -0.4],
        answers=answers,
    )
    b.inject(
        at(0, 10, 0),
        "burst",
        model="decay",
        count=600,
        duration="20:00",
        half_life="04:00",
        community=["consumers", "activists"],
        texts=ANGRY,
        hashtags=[TAG],
        channels={"instagram": 3, "tiktok": 2, "facebook": 1},
        sentiment=[-0.95, -0.3],
        answers=answers,
    )
    b.inject(
        at(0, 11, 0),
        "burst",
        model="uniform",
        count=120,
        duration="10:00",
        community="consumers",
        texts=DEFENDERS,
        channels={"twitter": 1, "facebook": 1},
        sentiment=[-0.1, 0.4],
    )
    b.inject(at(0, 12, 0), "phase", phase="acute")
    b.inject(
        at(0, 12, 30),
        "press",
        **{"from": "Média 3"},
        text="La marque va-t-elle retirer la campagne ? Réponse avant 15h.",
    )
    b.inject(
        at(0, 13, 0),
        "rumor",
        id="factory",
        claim="La crème contiendrait de l'hydroquinone",
        match="hydroquinone",
        owner="Tom Girard",
    )
    b.inject(
        at(0, 13, 0),
        "burst",
        model="decay",
        count=150,
        duration="08:00",
        community="consumers",
        texts={"fr": ["Il paraît que la crème contient de l'hydroquinone, interdite en Europe !"]},
        channels={"tiktok": 1, "twitter": 1},
        rumor="factory",
        sentiment=[-0.9, -0.5],
    )
    b.inject(
        at(0, 14, 0),
        "log",
        category="decision",
        operator="Nadia Roux",
        text="Retrait de la campagne et excuses publiques validés.",
    )
    apology = b.post(
        at(0, 15, 0),
        "twitter",
        "lumina",
        "Nous retirons la campagne Éclat. Nos mots étaient blessants ; nous nous "
        "en excusons. La gamme ne contient aucun agent blanchissant.",
        likes=5000,
        shares=2500,
    )
    b.inject(
        at(0, 15, 0),
        "statement",
        id="apology",
        title="Excuses et retrait de la campagne",
        kind="communique",
        status="published",
        author="Nadia Roux",
        targets=["Affected customers", "Activists / opinion leaders"],
        versions=[
            {
                "channel": "twitter",
                "lang": "fr",
                "post": apology,
                "text": "Nous retirons la campagne Éclat et nous excusons.",
            },
            {
                "channel": "instagram",
                "lang": "en",
                "text": "We are withdrawing the Éclat campaign. We apologise.",
            },
        ],
    )
    b.inject(at(0, 15, 10), "rumor_update", rumor="factory", status="rebutted", statement="apology")
    b.inject(
        at(0, 15, 5),
        "burst",
        model="cascade",
        root=apology,
        channel="twitter",
        count=300,
        duration="12:00",
        half_life="02:00",
        community=["consumers", "activists", "media"],
        texts=APOLOGY_REACTIONS,
        sentiment=[-0.6, 0.5],
    )
    b.inject(at(1, 9, 0), "phase", phase="recovery")
    return b.build()
