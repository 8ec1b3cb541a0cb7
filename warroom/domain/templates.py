"""Holding-statement templates: what to say in the first minutes, before the facts are
known (acknowledge, say what is being done, promise the next update). Square brackets
mark what the cell fills in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Template:
    name: str
    channel: str
    language: str
    text: str


HOLDING_TEMPLATES: tuple[Template, ...] = (
    Template(
        "Holding statement — incident in progress (FR)",
        "support",
        "fr",
        "Un incident touche actuellement [SERVICE / SITE] depuis [HEURE]. Nous savons "
        "que cette situation vous pénalise et nous en sommes désolés. Nos équipes sont "
        "mobilisées pour [ACTION EN COURS]. À ce stade, nous ne savons pas encore [CE QUI "
        "RESTE INCONNU]. Prochain point à [HEURE] sur [PAGE DE STATUT] ; contact : [CONTACT].",
    ),
    Template(
        "Holding statement — incident in progress (EN)",
        "support",
        "en",
        "An incident has been affecting [SERVICE / SITE] since [TIME]. We know this is "
        "disrupting your work and we are sorry. Our teams are [ACTION UNDER WAY]. We do "
        "not know yet [WHAT IS STILL UNKNOWN]. Next update at [TIME] on [STATUS PAGE]; "
        "contact: [CONTACT].",
    ),
    Template(
        "Holding post — X (FR)",
        "twitter",
        "fr",
        "Incident en cours sur [SERVICE] depuis [HEURE]. Nos équipes sont mobilisées. "
        "Nous ne savons pas encore [INCONNU]. Prochain point à [HEURE] : [LIEN]",
    ),
    Template(
        "Holding statement — people safe (FR)",
        "support",
        "fr",
        "[ÉVÉNEMENT] s'est produit à [HEURE] sur notre site de [LIEU]. Tout le monde est "
        "sain et sauf. Nous travaillons avec [AUTORITÉS]. Nous pensons aux clients touchés. "
        "Nous ne connaissons pas encore [INCONNU]. Prochain point à [HEURE].",
    ),
)
