"""Synthetic texts of the datacenter-fire scenario, per community and language.

Every sentence here was written for this fictional scenario: no real person's words.
"""

from __future__ import annotations

CUSTOMERS = {
    "fr": [
        "Tous nos sites sont hors ligne depuis cette nuit. Une idée du délai ? @hexacloud",
        "Boutique en ligne inaccessible, et aucune info claire. On fait comment ?",
        "Nos serveurs étaient sur STR2… Est-ce que les données sont perdues ? @hexacloud",
        "Ticket ouvert depuis ce matin, toujours aucune réponse du support #hexacloud",
        "Pas de sauvegarde hors site, je crois qu'on a tout perdu. Je suis dévasté.",
        "Le standard ne répond pas, le site support est saturé #hexacloud",
        "Courage aux équipes d'Hexacloud, mais il nous faut un calendrier de reprise",
        "Nos clients nous appellent en boucle, on n'a rien à leur dire #hexacloud",
        "On a activé notre PRA, bascule en cours vers un autre site. Ouf.",
        "Mes backups étaient… dans le même datacenter. Leçon apprise. #hexacloud",
        "Quelqu'un sait si STR3 redémarre aujourd'hui ?",
        "Facturation du mois : on paie pour des serveurs qui ont brûlé ? #hexacloud",
        "Merci pour le point de situation, enfin des infos concrètes",
        "Site de notre association en panne depuis l'incendie, des nouvelles ?",
    ],
    "en": [
        "Our whole shop has been offline since the Strasbourg fire. Any ETA? @hexacloud",
        "Were our STR2 servers destroyed? We need to know about the data. #hexacloud",
        "Support ticket open for 9 hours, no answer. Not acceptable. #hexacloud",
        "Activated our disaster recovery plan, failing over to another region now",
        "My backups were in the same building. Painful lesson. #hexacloud",
        "Thanks for the update, finally some concrete information",
        "Any news on the STR3 restart? Our customers keep asking",
    ],
}

ANSWERS = {
    "fr": [
        "Nous sommes désolés. Vos services sur STR sont à l'arrêt ; suivez la page statut, "
        "nous répondons à chaque ticket.",
        "Nous comprenons. Les équipes travaillent à la reprise de STR1 et STR3 ; prochain point "
        "à 18h sur la page support.",
        "Pouvez-vous nous envoyer votre numéro de ticket en message privé ? Nous regardons.",
    ],
    "en": [
        "We are sorry. STR services are down; follow the status page, every ticket gets an answer.",
        "Please DM us your ticket number and we will look into it right away.",
    ],
}

PUBLIC = {
    "fr": [
        "Énorme incendie au Port du Rhin, on voit les flammes depuis Kehl",
        "Des dizaines de camions de pompiers qui passent, ça a l'air grave",
        "C'est quoi Hexacloud ? Tout le monde en parle ce matin",
        "Le site de mon club de foot est en panne à cause d'un incendie ??",
        "Bravo aux pompiers du Bas-Rhin, intervention impressionnante cette nuit 👏",
        "La fumée est visible de tout le quartier, fenêtres fermées",
    ],
    "en": [
        "Huge fire across the Rhine, you can see it from Kehl",
        "So that's why half the websites I use are down today",
    ],
}

MEDIA = {
    "fr": [
        "Incendie chez Hexacloud à Strasbourg : des milliers de sites inaccessibles",
        "Hexacloud : ce que l'on sait de l'incendie du site STR",
        "Incendie d'Hexacloud : 3,6 millions de sites touchés selon les premières estimations",
        "Strasbourg : le feu du datacenter circonscrit, aucun blessé",
        "Après l'incendie d'Hexacloud, les entreprises redécouvrent le plan de reprise",
        "Hexacloud promet un point quotidien à ses clients",
    ],
    "en": [
        "Fire at Hexacloud's Strasbourg site takes thousands of websites offline",
        "Hexacloud fire: what we know so far",
        "European cloud provider hit by major datacenter fire",
    ],
}

CONSULTANTS = {
    "fr": [
        "5 leçons de l'incendie #hexacloud sur les plans de reprise d'activité",
        "Rappel : une sauvegarde dans le même bâtiment n'est pas une sauvegarde. Règle 3-2-1.",
        "Qui a testé son PRA cette année ? Vraiment testé ? #hexacloud",
        "Incendie STR : le risque physique revient dans les analyses de risque cloud",
        "Les DSI que j'accompagne ont tous relu leur contrat d'hébergement ce matin",
        "Multi-région n'est pas un luxe. Le coût d'une journée d'arrêt le montre.",
    ],
    "en": [
        "3-2-1 backups, people. The #hexacloud fire is a reminder.",
        "Your cloud is someone else's building. Plan for fire, flood and power.",
        "Disaster recovery is a process you test, not a checkbox in a contract",
    ],
}

SOVEREIGNTY = {
    "fr": [
        "Le cloud souverain brûle et personne n'a de plan B ? #souveraineté",
        "Ceux qui se moquent d'Hexacloud préfèrent-ils dépendre d'un cloud américain ?",
        "Un incendie ne remet pas en cause la souveraineté numérique, au contraire #cloud",
        "Soutien aux équipes d'Hexacloud, champion européen dans la tempête #souveraineté",
        "Souveraineté sans redondance = fragilité. Il faut des deux. #cloudeuropéen",
    ],
    "en": [
        "A fire does not make the case for US hyperscalers. Resilience does. #sovereignty",
        "European cloud needs more datacenters, not fewer #sovereignty",
    ],
}

EMPLOYEES = {
    "fr": [
        "Fier de mes collègues mobilisés toute la nuit. On va se relever. #teamhexa",
        "Nous sommes tous sur le pont pour remettre nos clients en ligne #teamhexa",
        "Merci aux clients pour vos messages de soutien, ils comptent énormément",
        "Les serveurs de remplacement partent des ateliers de Croix ce soir #teamhexa",
    ],
    "en": [
        "Proud of my colleagues who worked all night. We will get through this. #teamhexa",
    ],
}

COMPETITORS = {
    "fr": [
        "Clients impactés par l'incident STR : migration offerte pendant 3 mois chez nous",
        "Nos équipes vous aident à rétablir vos services dès aujourd'hui, contactez-nous",
        "Hébergement multi-sites, sauvegardes géorépliquées : parlons de votre PRA",
    ],
    "en": [
        "Affected by this week's outage? Free migration credits for 90 days.",
        "Our teams can help restore your services today. Get in touch.",
    ],
}

RUMOR_SEVESO = {
    "fr": [
        "Site classé Seveso en pleine ville ?! Et les riverains, on les prévient quand ?",
        "Un datacenter classé Seveso à côté des habitations, c'est normal ça ?",
        "Selon la préfecture le site serait Seveso : fumées toxiques ? #strasbourg",
    ],
    "en": ["A Seveso-classified site next to homes? Are the fumes toxic? #strasbourg"],
}

RUMOR_SEVESO_FIX = {
    "fr": [
        "Les pompiers confirment : le site n'est PAS classé Seveso, pas de pollution toxique",
        "Correction importante : pas de site Seveso, aucune pollution détectée",
    ],
    "en": ["Fire brigade: the site is NOT Seveso-classified, no toxic pollution detected"],
}

RUMOR_IPO = {
    "fr": [
        "Incendie juste avant l'introduction en bourse… étrange coïncidence #hexacloud",
        "Un feu « accidentel » quelques semaines avant l'IPO ? Posez-vous les bonnes questions",
        "Assurance + IPO + incendie = je dis ça je dis rien",
        "Qui profite du crime ? L'introduction en bourse tombe drôlement bien",
    ],
    "en": [
        "Fire weeks before the IPO. Coincidence? #hexacloud",
        "Convenient timing for an insurance payout right before listing",
    ],
}

RUMOR_IPO_FIX = {
    "fr": [
        "Les enquêteurs n'ont relevé aucun élément suspect, rappelle Hexacloud",
        "Théorie du complot sur l'IPO : l'enquête privilégie la piste d'un onduleur",
    ],
    "en": ["Investigators found nothing suspicious, the fire started in a UPS room"],
}

RUMOR_OUTAGE = {
    "fr": [
        "Le portail des démarches en panne à cause d'Hexacloud, dit le ministre. Incroyable.",
        "Même les services publics tombent avec l'incendie Hexacloud #panne",
        "Le ministre confirme : la panne des démarches en ligne vient de l'incendie",
    ],
    "en": ["Minister says the public services portal outage is due to the Hexacloud fire"],
}

RUMOR_OUTAGE_FIX = {
    "fr": [
        "En fait le portail des démarches n'était pas hébergé chez Hexacloud, panne sans lien",
        "Le ministère rectifie : la panne du portail n'a aucun lien avec l'incendie",
    ],
    "en": ["Correction: the portal outage was unrelated to the Hexacloud fire"],
}

INVESTORS = {
    "fr": [
        "Quel impact de l'incendie sur le calendrier de l'introduction en bourse d'Hexacloud ?",
        "Les assureurs couvriront-ils les pertes d'exploitation d'Hexacloud ?",
        "Hexacloud : la transparence de la communication rassure plutôt les analystes",
    ],
    "en": ["What does the fire mean for Hexacloud's planned IPO?"],
}

SUPPORT_PAGE = {
    "fr": [
        "Nos services sur STR1 sont toujours indisponibles, merci de nous tenir informés",
        "Question : les sauvegardes automatiques de STR2 sont-elles récupérables ?",
        "Le formulaire de ticket renvoie une erreur depuis ce matin",
        "Merci pour la page de suivi, mise à jour très utile",
        "Quand aurons-nous un geste commercial pour l'indisponibilité ?",
    ],
    "en": [
        "Still no access to our STR1 servers, please advise",
        "Are automatic backups of STR2 instances recoverable?",
    ],
}

VIDEO_REACTIONS = {
    "fr": [
        "Merci pour cette vidéo claire, on voit que vous êtes sur le terrain",
        "Enfin le fondateur qui parle. Il fallait le faire dès ce matin.",
        "Vidéo honnête, mais on attend toujours une date pour STR1",
        "Respect pour la transparence, ça change des communiqués juridiques",
    ],
    "en": [
        "Thanks for the clear video, good to see you on site",
        "Honest video. We still need a restart date for STR1.",
    ],
}

RECOVERY = {
    "fr": [
        "Nos serveurs STR1 sont de nouveau en ligne, merci aux équipes #hexacloud",
        "Toujours rien pour nous sur STR3, la reprise partielle c'est long",
        "Bonne nouvelle, le service est revenu cette nuit. Bravo.",
        "Serveur de remplacement livré, migration de nos données en cours",
    ],
    "en": [
        "Our STR1 servers are back online, thanks to the teams #hexacloud",
        "Replacement server delivered, restoring from backups now",
    ],
}
