"""One analysis of the propagation graph: what the Graph view's side panel and
``warroom graph --json`` show.

The "fireworks vs communities" summary (DESIGN §1.2): a technical crisis typically spreads
as *fireworks* — isolated hubs whose audiences do not talk to each other — while the
communities involved stay identifiable. We report the share of activity (link weight)
inside the five largest communities, the isolated hubs (accounts with at least
``HUB_DEGREE`` neighbours of which at least 80 % touch no one else) and the share of
activity on their star edges, and name the pattern:

- ``fireworks``: star edges of isolated hubs carry more than half of the activity;
- ``communities``: the top communities hold more than half of it and modularity ≥ 0.3;
- ``mixed`` otherwise (``empty`` without edges).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import peewee

from warroom.analysis import metrics
from warroom.analysis.community_labels import label_communities
from warroom.analysis.graph import PropagationGraph
from warroom.store import graph as graph_store
from warroom.store.graph import AccountInfo

HUB_DEGREE = 5
TOP_COMMUNITIES = 5
TOP_N = 10


@dataclass
class GraphAnalysis:
    pagerank: dict[int, float]
    betweenness: dict[int, float]
    membership: dict[int, int]
    modularity: float
    labels: dict[int, str]
    cascades: list[metrics.Cascade]
    fireworks: dict[str, Any]
    degree: dict[int, int] = field(default_factory=dict)

    def top_hubs(self, n: int = TOP_N) -> list[int]:
        return sorted(self.pagerank, key=lambda node: (-self.pagerank[node], node))[:n]

    def top_bridges(self, n: int = TOP_N) -> list[int]:
        ranked = sorted(self.betweenness, key=lambda node: (-self.betweenness[node], node))
        return [node for node in ranked[:n] if self.betweenness[node] > 0]

    def community_sizes(self) -> list[tuple[int, int]]:
        sizes: dict[int, int] = {}
        for community in self.membership.values():
            if community != metrics.NO_COMMUNITY:
                sizes[community] = sizes.get(community, 0) + 1
        return sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))


def analyse(
    result: PropagationGraph,
    accounts: dict[int, AccountInfo],
    saved: graph_store.SavedCommunities | None = None,
    seed: int = metrics.SEED,
) -> GraphAnalysis:
    graph = result.graph
    plain = metrics.undirected(graph)
    membership = metrics.communities(plain, seed)
    if saved is not None and saved.members:
        membership = metrics.align_communities(membership, saved.members)
    labels = label_communities(membership, accounts, result.hashtags)
    if saved is not None:
        labels.update({c: saved.labels[c] for c in saved.edited if c in saved.labels})
    quality = metrics.modularity(plain, membership)
    return GraphAnalysis(
        pagerank=metrics.influence(graph),
        betweenness=metrics.bridges(plain, seed),
        membership=membership,
        modularity=quality,
        labels=labels,
        cascades=metrics.cascades(result),
        fireworks=fireworks(plain, membership, quality),
        degree=dict(plain.degree()),
    )


def fireworks(plain: nx.Graph, membership: dict[int, int], modularity: float) -> dict[str, Any]:
    total = float(plain.size(weight="weight"))
    sizes: dict[int, int] = {}
    for community in membership.values():
        if community != metrics.NO_COMMUNITY:
            sizes[community] = sizes.get(community, 0) + 1
    top = set(sorted(sizes, key=lambda c: (-sizes[c], c))[:TOP_COMMUNITIES])
    inside = sum(
        d["weight"]
        for u, v, d in plain.edges(data=True)
        if membership.get(u) in top and membership.get(u) == membership.get(v)
    )
    degree = dict(plain.degree())
    hubs = []
    star_weight = 0.0
    for node, deg in degree.items():
        if deg < HUB_DEGREE:
            continue
        leaves = [nb for nb in plain[node] if degree[nb] == 1]
        if len(leaves) >= 0.8 * deg:
            hubs.append(node)
            star_weight += sum(plain.edges[node, nb]["weight"] for nb in leaves)
    share_top = inside / total if total else 0.0
    share_star = star_weight / total if total else 0.0
    if total == 0:
        pattern = "empty"
    elif share_star > 0.5:
        pattern = "fireworks"
    elif share_top > 0.5 and modularity >= 0.3:
        pattern = "communities"
    else:
        pattern = "mixed"
    return {
        "pattern": pattern,
        "activity_in_top_communities": round(share_top, 4),
        "isolated_hubs": len(hubs),
        "activity_on_isolated_hub_stars": round(share_star, 4),
    }


def to_json(
    result: PropagationGraph,
    analysis: GraphAnalysis,
    accounts: dict[int, AccountInfo],
    scope: dict[str, Any],
) -> dict[str, Any]:
    """The documented ``warroom graph --json`` object (README: keys are only added)."""
    graph = result.graph

    def handle(node: int) -> str:
        account = accounts.get(node)
        return account.handle if account else str(node)

    def channel(node: int) -> str:
        account = accounts.get(node)
        return account.channel if account else ""

    sizes = analysis.community_sizes()
    cascades = [c for c in analysis.cascades if c.size >= 2]
    return {
        "scope": scope,
        "node_count": result.node_count,
        "edge_count": result.edge_count,
        "modularity": round(analysis.modularity, 4),
        "community_count": len(sizes),
        "communities": [
            {"id": c, "label": analysis.labels.get(c, ""), "size": size} for c, size in sizes[:100]
        ],
        "top_hubs": [
            {
                "account": handle(node),
                "channel": channel(node),
                "author_id": node,
                "pagerank": round(analysis.pagerank[node], 6),
                "degree": int(analysis.degree.get(node, 0)),
                "in_degree": int(graph.in_degree(node)),
                "out_degree": int(graph.out_degree(node)),
                "community": analysis.membership.get(node, metrics.NO_COMMUNITY),
            }
            for node in analysis.top_hubs()
        ],
        "bridges": [
            {
                "account": handle(node),
                "channel": channel(node),
                "author_id": node,
                "betweenness": round(analysis.betweenness[node], 6),
                "communities_linked": _communities_linked(graph, analysis.membership, node),
            }
            for node in analysis.top_bridges()
        ],
        "cascades": {
            "count": len(cascades),
            "size": metrics.distribution([c.size for c in cascades]),
            "depth": metrics.distribution([c.depth for c in cascades]),
            "max_breadth": metrics.distribution([c.max_breadth for c in cascades]),
            "structural_virality": metrics.distribution(
                [round(c.structural_virality, 4) for c in cascades]
            ),
        },
        "fireworks": analysis.fireworks,
    }


def _communities_linked(graph: nx.DiGraph, membership: dict[int, int], node: int) -> int:
    neighbours = set(graph.successors(node)) | set(graph.predecessors(node)) | {node}
    return len({membership.get(n) for n in neighbours} - {metrics.NO_COMMUNITY, None})


def analyse_and_save(
    db: peewee.Database, result: PropagationGraph, accounts: dict[int, AccountInfo]
) -> GraphAnalysis:
    """Analyse the whole-crisis graph and save its communities and labels."""
    saved = graph_store.load_communities(db)
    analysis = analyse(result, accounts, saved)
    graph_store.save_communities(
        db,
        {n: c for n, c in analysis.membership.items() if c != metrics.NO_COMMUNITY},
        analysis.labels,
    )
    return analysis
