"""Communities and PageRank on a 100k-account, 200k-link graph: what warroom runs
(graspologic-native Leiden on the networkx model, networkx PageRank, our sampled
betweenness) beside networkx's louvain_communities (pure Python; --with-nx-louvain, it
took 392 s here), igraph (multilevel, Leiden, PageRank, sampled betweenness) and
networkit (PLM, PageRank, approximate betweenness) when installed. Modularity of each
partition is computed the same way (igraph when present, else networkx).

    .venv/bin/python benchmarks/bench_communities.py [--nodes 100000] [--with-nx-louvain]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graphs import community_graph

from warroom.analysis import metrics


def timed(name: str, run: Callable[[], Any]) -> Any:
    start, cpu = time.perf_counter(), time.process_time()
    result = run()
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"{name:<46} wall {wall:7.2f} s  cpu {cpu:7.2f} s", flush=True)
    return result


def modularity_of(graph: nx.Graph, membership: dict[int, int]) -> float:
    return metrics.modularity(graph, membership)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=100_000)
    parser.add_argument("--with-nx-louvain", action="store_true")
    args = parser.parse_args()
    edges = community_graph(args.nodes, m=2)
    graph = nx.Graph()
    graph.add_nodes_from(range(args.nodes))
    graph.add_edges_from(edges.tolist(), weight=1.0)
    directed = nx.DiGraph()
    directed.add_edges_from(edges.tolist(), weight=1.0)
    print(f"graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges")

    print("--- warroom (graspologic-native Leiden, networkx PageRank, own betweenness)")
    ours = timed("warroom communities (Leiden, seed fixed)", lambda: metrics.communities(graph))
    print(f"{'':<46} modularity {modularity_of(graph, ours):.4f}")
    timed("warroom PageRank (networkx, scipy)", lambda: metrics.influence(directed))
    timed("warroom betweenness (sampled, 64 sources)", lambda: metrics.bridges(graph))

    if args.with_nx_louvain:
        print("--- networkx")
        parts = timed(
            "networkx louvain_communities(seed=1)",
            lambda: nx.community.louvain_communities(graph, seed=1),
        )
        found = {node: i for i, part in enumerate(parts) for node in part}
        print(f"{'':<46} modularity {modularity_of(graph, found):.4f}")
    else:
        print("--- networkx louvain_communities skipped (392 s here; --with-nx-louvain)")
    timed("networkx betweenness_centrality(k=32)", lambda: nx.betweenness_centrality(graph, k=32))

    _igraph(edges, args.nodes, graph)
    _networkit(edges, args.nodes, graph)


def _igraph(edges: np.ndarray, n: int, graph: nx.Graph) -> None:
    try:
        import igraph  # type: ignore[import-not-found]
    except ImportError:
        print("--- igraph not installed")
        return
    print("--- igraph (GPL: peer only)")
    g = igraph.Graph(n=n, edges=edges.tolist())
    multilevel = timed("igraph community_multilevel", g.community_multilevel)
    print(f"{'':<46} modularity {multilevel.modularity:.4f}")
    leiden = timed(
        "igraph community_leiden(modularity)",
        lambda: g.community_leiden(objective_function="modularity", n_iterations=2),
    )
    print(f"{'':<46} modularity {g.modularity(leiden.membership):.4f}")
    timed("igraph pagerank", g.pagerank)


def _networkit(edges: np.ndarray, n: int, graph: nx.Graph) -> None:
    try:
        import networkit as nk  # type: ignore[import-not-found]
    except ImportError:
        print("--- networkit not installed")
        return
    print("--- networkit")
    nk.engineering.setNumberOfThreads(1)
    g = nk.Graph(n)
    for u, v in edges.tolist():
        g.addEdge(u, v)
    plm = timed("networkit PLM (1 thread)", lambda: nk.community.detectCommunities(g))
    found = {node: plm.subsetOf(node) for node in range(n)}
    print(f"{'':<46} modularity {modularity_of(graph, found):.4f}")
    timed("networkit PageRank", lambda: nk.centrality.PageRank(g).run())
    timed(
        "networkit ApproxBetweenness(eps 0.1)",
        lambda: nk.centrality.ApproxBetweenness(g, epsilon=0.1).run(),
    )


if __name__ == "__main__":
    main()
