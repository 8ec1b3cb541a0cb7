"""The propagation graph: accounts linked by reshares, replies, quotes and mentions.

Nodes are accounts (author ids). A post by account A that reshares, replies to or quotes
a post of account B, or mentions B, makes a typed, timestamped *link* A → B. Links between
the same ordered pair are merged into one edge of a :class:`networkx.DiGraph` whose
``weight`` is the number of links and which keeps a count per type and the first time;
self-links (an account replying to itself) are not edges. Posts also form cascades: each
post points to the post it derives from (reshare, then quote, then reply).

:class:`GraphBuilder` is incremental: ``add_posts`` with new posts updates the graph, and
the result equals building from all posts at once, whatever the order in which posts
arrive (a reply stored before its parent is resolved when the parent arrives).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

import networkx as nx
import numpy as np
import peewee

from warroom.store import graph as graph_store
from warroom.store.graph import AccountInfo, GraphScope, PostLinks

MENTION_RE = re.compile(r"(?<![\w@])@([A-Za-z0-9_][A-Za-z0-9_.]{0,49})")


class EdgeType(StrEnum):
    RESHARE = "reshare"
    REPLY = "reply"
    QUOTE = "quote"
    MENTION = "mention"


EDGE_TYPES: tuple[EdgeType, ...] = tuple(EdgeType)

PostKey = tuple[str, str]  # (channel, external id)
PostLookup = Callable[[Iterable[PostKey]], dict[PostKey, tuple[int, float]]]
HandleLookup = Callable[[Iterable[tuple[str, str]]], dict[tuple[str, str], int]]


@dataclass(frozen=True)
class Link:
    source: int  # the account that reshares / replies / quotes / mentions
    target: int
    kind: EdgeType
    at: float  # Unix seconds
    post_id: int


@dataclass
class _Pending:
    post: PostLinks
    kind: EdgeType
    ref: str  # external id of the parent post, or the mentioned handle (lower case)


@dataclass
class PropagationGraph:
    """The built graph, the links it merges, and the post forest of the cascades."""

    graph: nx.DiGraph = field(default_factory=nx.DiGraph)
    links: list[Link] = field(default_factory=list)
    parent: dict[int, int] = field(default_factory=dict)  # post id -> parent post id
    post_author: dict[int, int] = field(default_factory=dict)
    post_time: dict[int, float] = field(default_factory=dict)
    hashtags: dict[int, dict[str, int]] = field(default_factory=dict)  # account -> counts

    @property
    def node_count(self) -> int:
        return int(self.graph.number_of_nodes())

    @property
    def edge_count(self) -> int:
        return int(self.graph.number_of_edges())

    def time_arrays(self, order: list[int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """For replay: first-seen time of each node in ``order``, and the edges as index
        pairs with the time each first appeared."""
        index = {node: i for i, node in enumerate(order)}
        node_t = np.array([self.graph.nodes[n].get("first_seen", 0.0) for n in order])
        edges = np.array(
            [(index[u], index[v]) for u, v in self.graph.edges() if u in index and v in index],
            dtype=np.int64,
        ).reshape(-1, 2)
        edge_t = np.array(
            [d["first"] for u, v, d in self.graph.edges(data=True) if u in index and v in index]
        )
        return node_t, edges, edge_t


class GraphBuilder:
    """Builds a :class:`PropagationGraph` from posts, incrementally.

    ``lookup_posts`` resolves parents that are not among the posts given (outside the
    scope of a filtered graph); ``lookup_handles`` resolves mentioned handles to accounts.
    """

    def __init__(
        self,
        lookup_posts: PostLookup | None = None,
        lookup_handles: HandleLookup | None = None,
    ) -> None:
        self.result = PropagationGraph()
        self._lookup_posts = lookup_posts or (lambda keys: {})
        self._lookup_handles = lookup_handles or (lambda pairs: {})
        self._posts: dict[PostKey, tuple[int, int, float]] = {}  # -> (post, author, time)
        self._pending: list[_Pending] = []
        self._seen: set[int] = set()
        self._parent_kind: dict[int, EdgeType] = {}
        self.last_post_id = 0

    def add_posts(self, posts: Iterable[PostLinks]) -> int:
        """Add posts (already-seen ids are ignored); returns how many were new."""
        fresh = [p for p in posts if p.id not in self._seen]
        for post in fresh:
            self._seen.add(post.id)
            self.last_post_id = max(self.last_post_id, post.id)
            self._posts[(post.channel, post.external_id)] = (
                post.id,
                post.author_id,
                post.created_at,
            )
            self._add_node(post.author_id, post.created_at, posts=1)
            self.result.post_author[post.id] = post.author_id
            self.result.post_time[post.id] = post.created_at
            tags = self.result.hashtags.setdefault(post.author_id, {})
            for tag in post.hashtags:
                tags[tag.lower()] = tags.get(tag.lower(), 0) + 1
        pending = self._pending + [item for post in fresh for item in _references(post)]
        self._pending = self._resolve(pending)
        return len(fresh)

    # -- internals ---------------------------------------------------------------------

    def _add_node(self, node: int, at: float, posts: int = 0) -> None:
        graph = self.result.graph
        if node in graph:
            data = graph.nodes[node]
            data["first_seen"] = min(data["first_seen"], at)
            data["posts"] += posts
        else:
            graph.add_node(node, first_seen=at, posts=posts)

    def _resolve(self, pending: list[_Pending]) -> list[_Pending]:
        missing_posts = [
            (p.post.channel, p.ref)
            for p in pending
            if p.kind != EdgeType.MENTION and (p.post.channel, p.ref) not in self._posts
        ]
        outside = self._lookup_posts(missing_posts) if missing_posts else {}
        handles = self._lookup_handles(
            [(p.post.channel, p.ref) for p in pending if p.kind == EdgeType.MENTION]
        )
        unresolved = []
        for item in pending:
            key = (item.post.channel, item.ref)
            if item.kind == EdgeType.MENTION:
                target = handles.get(key)
            elif key in self._posts:
                parent_post, target, _t = self._posts[key]
                self._link_posts(item.post.id, parent_post, item.kind)
            elif key in outside:
                target = outside[key][0]
            else:
                target = None
            if target is None:
                unresolved.append(item)
            else:
                self._add_link(item.post, target, item.kind)
        return unresolved

    def _link_posts(self, child: int, parent: int, kind: EdgeType) -> None:
        """Cascade tree: a post derives from one parent (reshare, then quote, then reply)."""
        rank = {EdgeType.RESHARE: 0, EdgeType.QUOTE: 1, EdgeType.REPLY: 2}
        current = self._parent_kind.get(child)
        if current is None or rank[kind] < rank[current]:
            self.result.parent[child] = parent
            self._parent_kind[child] = kind

    def _add_link(self, post: PostLinks, target: int, kind: EdgeType) -> None:
        source = post.author_id
        if source == target:
            return
        self.result.links.append(Link(source, target, kind, post.created_at, post.id))
        self._add_node(target, post.created_at)
        graph = self.result.graph
        if graph.has_edge(source, target):
            data = graph.edges[source, target]
            data["weight"] += 1
            data[kind.value] += 1
            data["first"] = min(data["first"], post.created_at)
        else:
            counts = {t.value: 0 for t in EDGE_TYPES}
            counts[kind.value] = 1
            graph.add_edge(source, target, weight=1, first=post.created_at, **counts)


def _references(post: PostLinks) -> list[_Pending]:
    found = []
    for ref, kind in (
        (post.repost_of, EdgeType.RESHARE),
        (post.quote_of, EdgeType.QUOTE),
        (post.reply_to, EdgeType.REPLY),
    ):
        if ref:
            found.append(_Pending(post, kind, ref))
    for handle in mentioned_handles(post):
        found.append(_Pending(post, EdgeType.MENTION, handle))
    return found


def mentioned_handles(post: PostLinks) -> list[str]:
    """The post's mentions (lower case, once each); taken from its text when the post
    carries no mention list (older imports, demo data)."""
    handles = post.mentions or tuple(MENTION_RE.findall(post.text))
    seen: list[str] = []
    for handle in handles:
        value = handle.lstrip("@").lower()
        if value and value not in seen:
            seen.append(value)
    return seen


# -- building from the crisis file --------------------------------------------------------


def builder_for(db: peewee.Database) -> GraphBuilder:
    return GraphBuilder(
        lambda keys: graph_store.post_channels_and_ids(db, keys),
        lambda pairs: graph_store.account_ids_by_handle(db, pairs),
    )


def build_graph(
    db: peewee.Database, scope: GraphScope = GraphScope()
) -> tuple[GraphBuilder, dict[int, AccountInfo]]:
    """Build the graph of ``scope`` from the crisis file; returns the builder (keep it to
    update incrementally with :func:`update_graph`) and the accounts of its nodes."""
    builder = builder_for(db)
    builder.add_posts(graph_store.load_posts(db, scope))
    accounts = graph_store.load_accounts(db, list(builder.result.graph.nodes))
    _annotate(builder.result, accounts)
    return builder, accounts


def update_graph(
    db: peewee.Database,
    builder: GraphBuilder,
    scope: GraphScope,
    accounts: dict[int, AccountInfo],
) -> int:
    """Add the posts stored since the last build or update; returns how many."""
    added = builder.add_posts(graph_store.load_posts(db, scope, after_id=builder.last_post_id))
    new_nodes = [n for n in builder.result.graph.nodes if n not in accounts]
    if new_nodes:
        accounts.update(graph_store.load_accounts(db, new_nodes))
    _annotate(builder.result, accounts)
    return added


def _annotate(result: PropagationGraph, accounts: dict[int, AccountInfo]) -> None:
    for node, data in result.graph.nodes(data=True):
        account = accounts.get(node)
        if account is not None and "handle" not in data:
            data["handle"] = account.handle
            data["channel"] = account.channel
            data["kind"] = account.kind
