"""Authors as members of stakeholder groups: the list behind the per-author override."""

from __future__ import annotations

from dataclasses import dataclass

import peewee

from warroom.store.errors import translated_errors

UNASSIGNED = -1  # ``group_id`` filter value for authors in no group


@dataclass(frozen=True)
class MemberRow:
    id: int
    channel: str
    handle: str
    display_name: str
    kind: str
    followers: int
    verified: bool
    group_id: int | None
    group_name: str
    locked: bool
    posts: int


def search_members(
    db: peewee.Database, text: str = "", group_id: int | None = None, limit: int = 500
) -> list[MemberRow]:
    """Authors whose handle, name or profile contains ``text``, most followed first."""
    where = ["1 = 1"]
    params: list[object] = []
    if text.strip():
        plain = text.strip().lstrip("@")
        needle = "%" + plain.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            "(a.handle LIKE ? ESCAPE '\\' OR a.display_name LIKE ? ESCAPE '\\'"
            " OR a.profile LIKE ? ESCAPE '\\')"
        )
        params += [needle, needle, needle]
    if group_id == UNASSIGNED:
        where.append("a.group_id IS NULL")
    elif group_id is not None:
        where.append("a.group_id = ?")
        params.append(group_id)
    sql = (
        "SELECT a.id, a.channel, a.handle, a.display_name, a.kind, a.followers, a.verified,"
        " a.group_id, COALESCE(g.name, ''), a.group_locked,"
        " (SELECT COUNT(*) FROM post p WHERE p.author_id = a.id)"
        " FROM author a LEFT JOIN stakeholder_group g ON g.id = a.group_id"
        f" WHERE {' AND '.join(where)} ORDER BY a.followers DESC, a.id LIMIT ?"
    )
    with translated_errors("listing authors"):
        rows = db.execute_sql(sql, (*params, limit)).fetchall()
    return [
        MemberRow(i, c, h, d, k, int(f), bool(v), g, gn, bool(lk), int(n))
        for i, c, h, d, k, f, v, g, gn, lk, n in rows
    ]
