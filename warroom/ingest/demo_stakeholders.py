"""Stakeholder realism for the demo crisis: profiles, owners, key messages and the
crisis-specific assignment rules, without adding posts, authors or statements (other
parts of the app count those).

Includes the two classic tricky cases: a journalist who is also a customer (she speaks
publicly as a journalist: Media) and an employee posting from a private account
(``public_07``, moved from the general public to Employees by the profile rule).
"""

from __future__ import annotations

import peewee

from warroom.domain.timeutil import utcnow
from warroom.store.errors import translated_errors
from warroom.store.models import Author, StakeholderGroup, StakeholderRule
from warroom.store.stakeholder_rules import apply_rules

PROFILES = {
    "ycorre_hexa": ("Fondateur et président d'Hexacloud", "https://hexacloud.example"),
    "hexacloud": ("Compte officiel Hexacloud", "https://hexacloud.example"),
    "hexacloud_status": ("État des services Hexacloud", "https://status.hexacloud.example"),
    "j_rousseau": (
        "Journaliste tech. Cliente Hexacloud pour mon blog perso, qui est down aussi.",
        "https://jrousseau.example",
    ),
    "regul_data": (
        "Autorité de contrôle de la protection des données personnelles",
        "https://autorite-donnees.example",
    ),
    "invest_watch": ("Actualité des marchés et des introductions en bourse", ""),
    "public_07": (
        "Ingénieure réseau chez Hexacloud. Compte perso, opinions personnelles.",
        "",
    ),
    "archi_cloud": ("Consultante cloud, architecte, conférencière", "https://archi.example"),
}
CUSTOMER_ROLES = ("DSI", "CTO", "Gérante de PME", "Responsable e-commerce", "Développeur")

GROUP_DETAILS = {
    "Affected customers": (
        "Inès Benali",
        "Personne n'est blessé. Vos données sur STR1/STR3 sont intactes ; STR2 est détruit. "
        "Activez votre PRA. Prochain point à 16h.",
    ),
    "Media / journalists": (
        "Hugo Lefèvre",
        "Faits et chiffres : 4 bâtiments, STR2 détruit, aucun blessé. Porte-parole : le "
        "fondateur. Prochain point presse à 16h.",
    ),
    "Regulators": (
        "Marc Weber",
        "Pas de violation de données personnelles identifiée à ce stade ; notification "
        "sous 72 h si cela change.",
    ),
    "Public authorities": ("Claire Martin", "Coordination avec la préfecture et le SDIS."),
    "Investors / financial community": (
        "Claire Martin",
        "Sinistre assuré ; plan de continuité activé ; calendrier financier inchangé.",
    ),
    "Employees": ("Claire Martin", "Tout le monde est sain et sauf. Ne pas commenter en ligne."),
}

DEMO_RULES = (
    ("Employees", "explicit", "ycorre_hexa\nhexacloud\nhexacloud_status", 0),
    ("Investors / financial community", "explicit", "invest_watch", 0),
    ("Employees", "url_domain", "hexacloud.example", 34),
    ("Employees", "profile_words", "chez hexacloud, at hexacloud, salarié hexacloud", 35),
)


def seed_stakeholder_demo(db: peewee.Database) -> None:
    with translated_errors("preparing the demo stakeholders"), db.atomic():
        for handle, (profile, url) in PROFILES.items():
            Author.update(profile=profile, url=url).where(Author.handle == handle).execute()
        for index, author in enumerate(Author.select().where(Author.kind == "customer")):
            role = CUSTOMER_ROLES[index % len(CUSTOMER_ROLES)]
            author.profile = f"{role} — client Hexacloud (site STR)"
            author.save()
        groups = {g.name: g for g in StakeholderGroup.select()}
        for name, (owner, messages) in GROUP_DETAILS.items():
            if name in groups:
                StakeholderGroup.update(owner=owner, key_messages=messages).where(
                    StakeholderGroup.id == groups[name].id
                ).execute()
        for name, kind, pattern, priority in DEMO_RULES:
            if name in groups:
                StakeholderRule.create(
                    group=groups[name],
                    kind=kind,
                    pattern=pattern,
                    priority=priority,
                    created_by="Inès Benali",
                    created_at=utcnow(),
                )
    apply_rules(db)
