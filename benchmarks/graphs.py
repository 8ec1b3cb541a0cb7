"""Test graphs for the graph benchmarks, and layout quality figures.

``community_graph`` grows a graph the way a crisis spreads: accounts join one of ``k``
communities and link (reshare/reply) mostly inside it, preferentially to accounts that
are already linked (hubs), sometimes to another community.
"""

from __future__ import annotations

import numpy as np


def community_graph(n: int, m: int = 2, k: int | None = None, seed: int = 1) -> np.ndarray:
    """Edges (as an array of index pairs) of a clustered preferential-attachment graph."""
    rng = np.random.default_rng(seed)
    k = k or max(4, int(np.sqrt(n) / 4))
    community = rng.integers(0, k, n)
    members: list[list[int]] = [[] for _ in range(k)]
    ends: list[int] = []
    edges = []
    for node in range(n):
        own = members[community[node]]
        for _ in range(m if node > m else 0):
            if own and rng.random() < 0.9:
                target = own[int(rng.integers(len(own)))]
                if rng.random() < 0.5 and ends:  # preferential: an end of an edge
                    candidate = ends[int(rng.integers(len(ends)))]
                    if community[candidate] == community[node]:
                        target = candidate
            else:
                target = int(rng.integers(node))
            if target != node:
                edges.append((node, target))
                ends.extend((node, target))
        own.append(node)
    return np.unique(np.array(edges, dtype=np.int64), axis=0)


def quality(pos: np.ndarray, edges: np.ndarray, n: int, seed: int = 0) -> dict[str, float]:
    """``edge_ratio``: mean edge length / mean distance of random pairs (lower: linked
    accounts are close). ``stress``: normalised stress between drawn distances (best
    scaled) and graph distances from 20 random sources (lower is better)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import shortest_path

    rng = np.random.default_rng(seed)
    length = np.linalg.norm(pos[edges[:, 0]] - pos[edges[:, 1]], axis=1).mean()
    a, b = rng.integers(0, n, (2, 20_000))
    pairs = np.linalg.norm(pos[a] - pos[b], axis=1).mean()
    graph = csr_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    sources = rng.choice(n, size=min(20, n), replace=False)
    dist = shortest_path(graph, unweighted=True, directed=False, indices=sources)
    drawn = np.linalg.norm(pos[sources][:, None, :] - pos[None, :, :], axis=2)
    ok = np.isfinite(dist) & (dist > 0)
    d, e = dist[ok], drawn[ok]
    alpha = (d * e).sum() / max((e * e).sum(), 1e-12)
    stress = ((alpha * e - d) ** 2).sum() / (d * d).sum()
    return {"edge_ratio": float(length / pairs), "stress": float(stress)}
