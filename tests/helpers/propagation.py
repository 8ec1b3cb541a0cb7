"""Real propagation data (../shared/data) converted to the JSONL exchange format (DESIGN §5)
and loaded into a real crisis file.

``load_jsonl`` is a minimal stand-in for the importer (warroom/ingest, issue of the
ingestion helper): it inserts authors and posts with SQL into the real schema. Once
``warroom import CRISIS FILE --format jsonl`` exists, ``import_jsonl`` can call it instead
(the JSONL written here is the exchange format, so nothing else changes).

Twitter15 conversion rules (the quirks listed in SOURCES.md):
- a post is a ``(uid, tweet_id)`` node of the tree; its id is ``"<tweet_id>-<uid>"`` (a
  retweet is recorded under the source tweet's id, so the tweet id alone is not unique);
- the first line naming a child (as a child) gives its parent; later lines for the same child
  (duplicate edges, second parents) are dropped, and so are self-loops (child == parent);
- a child carrying the source tweet's id (or its parent's) is a reshare (``repost_of``),
  any other a reply (``reply_to``);
- ``created_at`` is a fixed base time plus the child's delay (kept as is, even when it is
  earlier than the parent's: the data says so).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.conftest import SHARED_DATA

TWITTER15 = SHARED_DATA / "propagation" / "twitter15"
RUMOUREVAL = SHARED_DATA / "rumoureval" / "traindev"
BASE_TIME = datetime(2015, 3, 1, tzinfo=UTC)

Node = tuple[str, str]  # (uid, tweet_id)


def twitter15_trees() -> list[Path]:
    return sorted((TWITTER15 / "tree").glob("*.txt"))


def parse_tree_line(line: str) -> tuple[list[str], list[str]] | None:
    if "->" not in line:
        return None
    left, right = line.split("->", 1)
    return ast.literal_eval(left.strip()), ast.literal_eval(right.strip())


def tree_posts(path: Path) -> tuple[Node, dict[Node, Node | None], dict[Node, float]]:
    """The post tree of one Twitter15 file under the rules above: (root, parent of each
    post, delay in minutes of each post)."""
    parent: dict[Node, Node | None] = {}
    delay: dict[Node, float] = {}
    has_parent: set[Node] = set()
    root: Node | None = None
    for line in path.read_text().splitlines():
        parsed = parse_tree_line(line)
        if parsed is None:
            continue
        (puid, ptid, pdelay), (cuid, ctid, cdelay) = parsed
        child = (cuid, ctid)
        if puid == "ROOT":
            root = child
            parent.setdefault(child, None)
            delay.setdefault(child, float(cdelay))
            has_parent.add(child)
            continue
        up = (puid, ptid)
        if up == child or child in has_parent:
            continue
        parent[child] = up
        has_parent.add(child)
        delay[child] = float(cdelay)
        if up not in parent:  # a parent never listed as a child
            parent[up] = None
            delay[up] = float(pdelay)
    assert root is not None, f"{path}: no ROOT line"
    return root, parent, delay


def post_id(node: Node) -> str:
    return f"{node[1]}-{node[0]}"


def twitter15_records(paths: Iterable[Path], channel: str = "twitter") -> Iterator[dict]:
    """JSONL exchange records (DESIGN §5) of the given Twitter15 trees."""
    for path in paths:
        root, parent, delay = tree_posts(path)
        for node, up in parent.items():
            record = {
                "channel": channel,
                "id": post_id(node),
                "created_at": (BASE_TIME + timedelta(minutes=delay[node])).isoformat(),
                "author": node[0],
                "text": "" if node[1] == root[1] and node != root else f"tweet {node[1]}",
            }
            if up is not None:
                reshare = node[1] in (root[1], up[1])
                record["repost_of" if reshare else "reply_to"] = post_id(up)
            yield record


def rumoureval_records(limit: int | None = None) -> Iterator[dict]:
    """RumourEval threads as replies with text. The dataset has no author ids: each post
    gets its own account (``u<post id>``). Entries listed beside the source at the top of
    a thread (replies whose parent is missing) become posts without a parent."""
    structures = json.loads((RUMOUREVAL / "structures.json").read_text())
    posts = json.loads((RUMOUREVAL / "posts.json").read_text())
    for index, (thread, tree) in enumerate(structures.items()):
        if limit is not None and index >= limit:
            break
        stack: list[tuple[str, object, str | None]] = [(k, v, None) for k, v in tree.items()]
        while stack:
            pid, children, up = stack.pop()
            info = posts.get(pid)
            if info is None:
                continue
            record = {
                "channel": "twitter",
                "id": pid,
                "created_at": datetime.fromtimestamp(info["time"], UTC).isoformat(),
                "author": f"u{pid}",
                "text": info["text"],
                "thread": thread,
            }
            if up is not None:
                record["reply_to"] = up
            yield record
            if isinstance(children, dict):
                stack.extend((k, v, pid) for k, v in children.items())


def write_jsonl(path: Path, records: Iterable[dict]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def load_jsonl(db, path: Path) -> int:
    """Insert the JSONL posts (and their authors) into the crisis; returns posts added."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return load_records(db, records)


def load_records(db, records: list[dict]) -> int:
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    conn = db.connection()
    with db.atomic():
        authors = {
            (r["channel"], r["author"]): (
                r.get("author_name", ""),
                int(r.get("author_followers", 0)),
                r.get("author_kind", "unknown"),
                r.get("author_profile", ""),
            )
            for r in records
        }
        conn.executemany(
            "INSERT OR IGNORE INTO author (channel, handle, display_name, followers, kind,"
            " profile, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(c, h, *details, now) for (c, h), details in authors.items()],
        )
        ids = {(c, h): i for i, c, h in conn.execute("SELECT id, channel, handle FROM author")}
        before = conn.execute("SELECT COUNT(*) FROM post").fetchone()[0]
        conn.executemany(
            "INSERT OR IGNORE INTO post (channel, external_id, author_id, text, created_at,"
            " fetched_at, reply_to, repost_of, quote_of, mentions, hashtags, raw)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [_post_row(r, ids, now) for r in records],
        )
        after = conn.execute("SELECT COUNT(*) FROM post").fetchone()[0]
    return after - before


def _post_row(record: dict, ids: dict, now: str) -> tuple:
    created = datetime.fromisoformat(record["created_at"]).astimezone(UTC)
    return (
        record["channel"],
        str(record["id"]),
        ids[(record["channel"], record["author"])],
        record.get("text", ""),
        created.strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        now,
        record.get("reply_to"),
        record.get("repost_of"),
        record.get("quote_of"),
        json.dumps(record.get("mentions", [])),
        json.dumps(record.get("hashtags", [])),
        json.dumps(record, ensure_ascii=False),
    )
