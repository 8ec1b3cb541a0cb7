"""Schema version 6: stakeholder assignment rules (author → group).

A rule assigns authors to a stakeholder group by author kind, verified media, profile URL
domain, words in the profile or handle, or an explicit list (see
``warroom.domain.stakeholders``). Crisis files upgraded from version 2 get the default
rules for the default groups they already hold (matched by name); new crises get them
when their default groups are created.
"""

from __future__ import annotations

import peewee

VERSION = 6

STATEMENTS = [
    """CREATE TABLE stakeholder_rule (
        id INTEGER PRIMARY KEY,
        group_id INTEGER NOT NULL REFERENCES stakeholder_group (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        pattern TEXT NOT NULL DEFAULT '',
        priority INTEGER NOT NULL DEFAULT 100,
        enabled INTEGER NOT NULL DEFAULT 1,
        created_by TEXT NOT NULL DEFAULT '',
        created_at TEXT NOT NULL)""",
    "CREATE INDEX stakeholder_rule_group ON stakeholder_rule (group_id)",
]

# The default rules as of this version (frozen here, like the schema).
_DEFAULT_RULES = [
    (
        "Regulators",
        "profile_words",
        "cnil, data protection, protection des données, données personnelles, regulator, "
        "régulateur, autorité de contrôle, arcep, amf, anssi, dgccrf, ansm",
        10,
    ),
    ("Media / journalists", "verified_media", "", 20),
    ("Media / journalists", "author_kind", "media, journalist", 21),
    (
        "Media / journalists",
        "profile_words",
        "journaliste, journalist, reporter, rédaction, newsroom",
        22,
    ),
    ("Public authorities", "author_kind", "authority, politician", 30),
    (
        "Investors / financial community",
        "profile_words",
        "investor, investisseur, shareholder, actionnaire, equity analyst, analyste financier",
        31,
    ),
    ("Employees", "author_kind", "employee", 40),
    ("Competitors", "author_kind", "competitor", 50),
    ("Activists / opinion leaders", "author_kind", "activist, influencer", 60),
    (
        "Activists / opinion leaders",
        "profile_words",
        "activist, militant, militante, collectif, ngo, ong",
        61,
    ),
    (
        "Partners / suppliers",
        "profile_words",
        "reseller, revendeur, integrator, intégrateur, supplier, fournisseur, partenaire",
        70,
    ),
    ("Affected customers", "author_kind", "customer", 80),
    ("General public", "any", "", 1000),
]


def up(db: peewee.Database) -> None:
    for statement in STATEMENTS:
        db.execute_sql(statement)
    now = db.execute_sql("SELECT strftime('%Y-%m-%dT%H:%M:%f000Z', 'now')").fetchone()[0]
    for group, kind, pattern, priority in _DEFAULT_RULES:
        db.execute_sql(
            "INSERT INTO stakeholder_rule (group_id, kind, pattern, priority, created_by,"
            " created_at) SELECT id, ?, ?, ?, 'system', ? FROM stakeholder_group WHERE name = ?",
            (kind, pattern, priority, now, group),
        )
