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

from warroom.ingest.demo_scenarios import fire_day1, fire_day1_afternoon, fire_later
from warroom.ingest.demo_scenarios.builder import ScenarioBuilder

NAME = "datacenter-fire"
SEED = 20210310
START = "2021-03-09T23:47:00Z"  # 00:47 in Strasbourg, 10 March
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
    fire_day1.night(b)
    fire_day1.morning(b)
    fire_day1_afternoon.afternoon(b)
    fire_later.days_two_three(b)
    fire_later.long_tail(b)
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
