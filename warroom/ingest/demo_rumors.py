"""Demo content for the Rumors view: the posts that carry each rumor and the rebuttal,
the rumors' histories, evidence, rebuttal links and origin posts (called by
:func:`warroom.ingest.demo_statements.seed_statements_demo`)."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from warroom.domain.timeutil import parse_utc
from warroom.ingest.demo_statement_texts import SEVESO_FR
from warroom.store.models import (
    Author,
    Post,
    Rumor,
    RumorEvent,
    RumorEvidence,
    RumorRebuttal,
    Statement,
)

T0 = parse_utc("2021-03-09T23:47:00Z")
CLAIRE, INES = "Claire Martin", "Inès Benali"
REBUTTAL_URL = "https://x.com/hexacloud/status/1369651000000000001"


def _at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


def seed_rumors_demo(rng: random.Random, seveso: Statement, communique: Statement) -> None:
    _rumor_posts(rng)
    _rumors(seveso, communique)


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
