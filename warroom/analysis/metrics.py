"""Metrics of the propagation graph: influence, bridges, communities, cascades.

- Influence: PageRank on the weighted directed graph (a reshare A → B gives B influence).
- Bridges: betweenness on the undirected graph, sampled from ``k`` sources on large graphs.
- Communities: Leiden (graspologic-native, MIT, Rust) with a fixed seed on the undirected
  weighted graph; networkx stays the graph model. Communities are numbered by size
  (0 = largest) and can be aligned with saved ones so their ids and labels stay stable.
- Cascades: each root post and everything derived from it: size, depth, maximum breadth
  and structural virality (mean pairwise distance in the tree, Goel et al. 2016).
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import graspologic_native as gn
import networkx as nx
import numpy as np

from warroom.analysis.graph import PropagationGraph

SEED = 20210310
NO_COMMUNITY = -1
BETWEENNESS_BUDGET = 40_000_000  # sources × (nodes + edges) for sampled betweenness


def undirected(graph: nx.DiGraph) -> nx.Graph:
    """Both directions merged, weights summed."""
    result = nx.Graph()
    result.add_nodes_from(graph.nodes)
    for u, v, data in graph.edges(data=True):
        weight = data.get("weight", 1)
        if result.has_edge(u, v):
            result.edges[u, v]["weight"] += weight
        else:
            result.add_edge(u, v, weight=weight)
    return result


def influence(graph: nx.DiGraph) -> dict[int, float]:
    """Weighted PageRank (sums to 1); empty for an empty graph."""
    if graph.number_of_nodes() == 0:
        return {}
    return dict(nx.pagerank(graph, alpha=0.85, weight="weight"))


def bridges(graph: nx.Graph, seed: int = SEED, max_sources: int = 64) -> dict[int, float]:
    """Betweenness centrality of the undirected graph (normalised as networkx does):
    exact up to ``max_sources`` nodes, else estimated from that many random sources
    (Brandes' accumulation, all sources at once as sparse-matrix products)."""
    nodes = list(graph.nodes)
    n = len(nodes)
    if n < 3 or graph.number_of_edges() == 0:
        return dict.fromkeys(nodes, 0.0)
    budget = max(16, BETWEENNESS_BUDGET // (n + graph.number_of_edges()))
    k = min(n, max_sources, budget)
    rng = np.random.default_rng(seed)
    sources = np.arange(n) if k >= n else np.sort(rng.choice(n, size=k, replace=False))
    adjacency = nx.to_scipy_sparse_array(graph, nodelist=nodes, weight=None, format="csr")
    adjacency.data[:] = 1.0
    total = np.zeros(n)
    for start in range(0, len(sources), 32):
        total += _dependencies(adjacency, sources[start : start + 32]).sum(axis=1)
    scale = (n / len(sources)) / ((n - 1) * (n - 2))
    return dict(zip(nodes, (total * scale).tolist(), strict=True))


def _dependencies(adjacency: Any, sources: np.ndarray) -> np.ndarray:
    """Brandes' dependencies (n × len(sources)) by breadth-first levels."""
    n, k = adjacency.shape[0], len(sources)
    columns = np.arange(k)
    dist = np.full((n, k), -1, dtype=np.int32)
    sigma = np.zeros((n, k))
    dist[sources, columns] = 0
    sigma[sources, columns] = 1.0
    level = 0
    while True:
        reached = adjacency @ np.where(dist == level, sigma, 0.0)
        new = (dist < 0) & (reached > 0)
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma[new] = reached[new]
    delta = np.zeros((n, k))
    for depth in range(level, 0, -1):
        at = dist == depth
        coeff = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
        pulled = adjacency @ coeff
        before = dist == depth - 1
        delta[before] += (sigma * pulled)[before]
    delta[sources, columns] = 0.0
    return delta


def communities(graph: nx.Graph, seed: int = SEED) -> dict[int, int]:
    """Leiden communities of the undirected graph: node -> community, numbered by size
    (0 = largest, ties by smallest node id). Nodes without any edge get NO_COMMUNITY."""
    edges = sorted(
        (str(u), str(v), float(d.get("weight", 1.0)))
        for u, v, d in graph.edges(data=True)
        if u != v
    )
    if not edges:
        return dict.fromkeys(graph.nodes, NO_COMMUNITY)
    _quality, found = gn.leiden(edges, seed=seed, trials=1, resolution=1.0)
    groups: dict[int, list[int]] = {}
    for node, community in found.items():
        groups.setdefault(community, []).append(int(node))
    ordered = sorted(groups.values(), key=lambda members: (-len(members), min(members)))
    result = dict.fromkeys(graph.nodes, NO_COMMUNITY)
    for number, members in enumerate(ordered):
        for node in members:
            result[node] = number
    return result


def modularity(graph: nx.Graph, membership: Mapping[int, int]) -> float:
    if graph.number_of_edges() == 0:
        return 0.0
    groups: dict[int, set[int]] = {}
    singles = []
    for node in graph.nodes:
        community = membership.get(node, NO_COMMUNITY)
        if community == NO_COMMUNITY:
            singles.append({node})
        else:
            groups.setdefault(community, set()).add(node)
    parts = list(groups.values()) + singles
    return float(nx.community.modularity(graph, parts, weight="weight"))


def align_communities(new: Mapping[int, int], saved: Mapping[int, int]) -> dict[int, int]:
    """Renumber ``new`` so that a community mostly made of a saved community keeps that
    community's number (and so its colour and label); the others get fresh numbers."""
    overlap: Counter[tuple[int, int]] = Counter()
    sizes: Counter[int] = Counter()
    for node, community in new.items():
        if community == NO_COMMUNITY:
            continue
        sizes[community] += 1
        old = saved.get(node)
        if old is not None and old != NO_COMMUNITY:
            overlap[(community, old)] += 1
    mapping: dict[int, int] = {}
    taken: set[int] = set()
    for (community, old), count in sorted(overlap.items(), key=lambda kv: (-kv[1], kv[0])):
        if community in mapping or old in taken or count * 2 <= sizes[community]:
            continue
        mapping[community] = old
        taken.add(old)
    fresh = max([*taken, *saved.values(), -1]) + 1
    for community in sorted(sizes):
        if community not in mapping:
            mapping[community] = fresh
            fresh += 1
    return {node: mapping.get(c, NO_COMMUNITY) for node, c in new.items()}


@dataclass(frozen=True)
class Cascade:
    root: int  # post id
    size: int
    depth: int
    max_breadth: int
    structural_virality: float


def cascades(result: PropagationGraph) -> list[Cascade]:
    """Every cascade of the post forest (roots with no parent in the graph), largest first.
    A cycle of parent links (damaged data) is cut at its smallest post id."""
    children: dict[int, list[int]] = {}
    for child, parent in result.parent.items():
        children.setdefault(parent, []).append(child)
    posts = sorted(result.post_author)
    roots = [p for p in posts if p not in result.parent]
    visited: set[int] = set()
    found = [_walk(root, children, visited) for root in roots]
    for post in posts:  # posts caught in a parent cycle
        if post not in visited:
            found.append(_walk(post, children, visited))
    return sorted(found, key=lambda c: (-c.size, c.root))


def _walk(root: int, children: Mapping[int, list[int]], visited: set[int]) -> Cascade:
    """Breadth-first walk of one cascade; the Wiener index (sum of pairwise distances)
    of a tree is the sum over its edges of ``s * (n - s)``, ``s`` the size below the edge."""
    order = [root]
    parent_of: dict[int, int] = {}
    depth_of = {root: 0}
    visited.add(root)
    index = 0
    while index < len(order):
        node = order[index]
        index += 1
        for child in children.get(node, ()):
            if child not in visited:
                visited.add(child)
                parent_of[child] = node
                depth_of[child] = depth_of[node] + 1
                order.append(child)
    n = len(order)
    subtree = dict.fromkeys(order, 1)
    wiener = 0
    for node in reversed(order[1:]):
        size = subtree[node]
        wiener += size * (n - size)
        subtree[parent_of[node]] += size
    virality = 2.0 * wiener / (n * (n - 1)) if n > 1 else 0.0
    breadth = Counter(depth_of.values())
    return Cascade(root, n, max(depth_of.values()), max(breadth.values()), virality)


def distribution(values: list[float]) -> dict[str, float]:
    if not values:
        return {"min": 0, "median": 0, "mean": 0, "p90": 0, "max": 0}
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))]
    return {
        "min": ordered[0],
        "median": statistics.median(ordered),
        "mean": round(statistics.fmean(ordered), 4),
        "p90": p90,
        "max": ordered[-1],
    }
