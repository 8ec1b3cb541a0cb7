"""Layout of 1k, 5k, 20k and 50k-account graphs: our ForceAtlas2 (Barnes-Hut, numpy,
pivot-MDS seed) beside networkx's forceatlas2_layout and spring_layout (on the sizes where
they finish in reasonable time, see --nx-max), igraph's Fruchterman-Reingold and DrL and
fa2 when they are installed (GPL: benchmark peers only, never dependencies).

Times: wall clock and the process's CPU time (on a shared machine the CPU time is the
fairer figure; every peer here is single-threaded). Quality: ``edge_ratio`` (mean edge
length / mean random-pair distance, lower = linked accounts drawn close) and ``stress``
(normalised, lower = drawn distances follow graph distances). Also the real Twitter15
cascades (all 100 trees) when the data is present.

    .venv/bin/python benchmarks/bench_layout.py [--sizes 1000 5000 20000 50000] [--nx-max 5000]
"""

from __future__ import annotations

import argparse
import ast
import sys
import time
from collections.abc import Callable
from pathlib import Path

import networkx as nx
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from graphs import community_graph, quality

from warroom.analysis import layout
from warroom.analysis.graph_drawing import iterations_for


def ours(n: int, edges: np.ndarray) -> np.ndarray:
    params = layout.LayoutParams(iterations=iterations_for(n))
    return layout.layout(layout.Edges.from_pairs(n, edges), seed=1, params=params)


def nx_graph(n: int, edges: np.ndarray) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_edges_from(edges.tolist())
    return graph


def from_dict(n: int, placed: dict) -> np.ndarray:
    return np.array([placed[i] for i in range(n)], dtype=float)


def nx_fa2(n: int, edges: np.ndarray) -> np.ndarray:
    return from_dict(n, nx.forceatlas2_layout(nx_graph(n, edges), max_iter=100, seed=1))


def nx_spring(n: int, edges: np.ndarray) -> np.ndarray:
    return from_dict(n, nx.spring_layout(nx_graph(n, edges), seed=1))


def igraph_peer(method: str) -> Callable[[int, np.ndarray], np.ndarray] | None:
    try:
        import igraph  # type: ignore[import-not-found]
    except ImportError:
        return None

    def run(n: int, edges: np.ndarray) -> np.ndarray:
        graph = igraph.Graph(n=n, edges=edges.tolist())
        placed = graph.layout_fruchterman_reingold() if method == "fr" else graph.layout_drl()
        return np.array(placed.coords, dtype=float)

    return run


def fa2_peer() -> Callable[[int, np.ndarray], np.ndarray] | None:
    try:
        from fa2 import ForceAtlas2  # type: ignore[import-not-found]
    except ImportError:
        return None

    def run(n: int, edges: np.ndarray) -> np.ndarray:
        from scipy.sparse import csr_matrix

        matrix = csr_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
        matrix = matrix + matrix.T
        placed = ForceAtlas2(barnesHutOptimize=True, verbose=False).forceatlas2(
            matrix, pos=None, iterations=100
        )
        return np.array(placed, dtype=float)

    return run


def twitter15_edges() -> tuple[int, np.ndarray] | None:
    folder = Path(__file__).resolve().parents[1].parent / "shared/data/propagation/twitter15"
    if not folder.is_dir():
        return None
    index: dict[str, int] = {}
    pairs = set()
    for path in sorted((folder / "tree").glob("*.txt")):
        for line in path.read_text().splitlines():
            if "->" not in line or line.startswith("['ROOT'"):
                continue
            left, right = line.split("->")
            parent, child = ast.literal_eval(left)[0], ast.literal_eval(right)[0]
            if parent != child:
                a = index.setdefault(child, len(index))
                b = index.setdefault(parent, len(index))
                pairs.add((min(a, b), max(a, b)))
    return len(index), np.array(sorted(pairs), dtype=np.int64)


def report(name: str, label: str, run: Callable, n: int, edges: np.ndarray) -> None:
    start, cpu = time.perf_counter(), time.process_time()
    pos = run(n, edges)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    figures = quality(pos, edges, n)
    print(
        f"{name:>18} {label:<30} wall {seconds:7.2f} s  cpu {cpu:7.2f} s"
        f"   edge_ratio {figures['edge_ratio']:.3f}   stress {figures['stress']:.3f}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000, 50000])
    parser.add_argument("--nx-max", type=int, default=1000, help="largest graph for networkx")
    parser.add_argument("--drl-max", type=int, default=50000, help="largest graph for DrL")
    args = parser.parse_args()
    peers = [
        ("igraph FR", igraph_peer("fr"), 10**9),
        ("igraph DrL", igraph_peer("drl"), args.drl_max),
        ("fa2 (100 it.)", fa2_peer(), 20000),
        ("nx forceatlas2", nx_fa2, args.nx_max),
        ("nx spring", nx_spring, args.nx_max),
    ]
    graphs = [(f"{n} nodes", n, community_graph(n)) for n in args.sizes]
    real = twitter15_edges()
    if real is not None:
        graphs.append((f"twitter15 {real[0]} accounts", real[0], real[1]))
    for label, n, edges in graphs:
        print(f"--- {label}, {len(edges)} edges", flush=True)
        report("warroom FA2-BH", label, ours, n, edges)
        for name, run, limit in peers:
            if run is None:
                print(f"{name:>18} (not installed)")
            elif n <= limit:
                report(name, label, run, n, edges)
            else:
                print(f"{name:>18} skipped above {limit} nodes (see --nx-max / --drl-max)")


if __name__ == "__main__":
    main()
