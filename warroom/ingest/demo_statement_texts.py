"""Texts of the demo statements (synthetic, modelled on a 2021 datacenter fire)."""

from __future__ import annotations

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
