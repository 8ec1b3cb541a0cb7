"""Graph layout: ForceAtlas2 forces with a Barnes-Hut-style approximation, in numpy.

Our own implementation (fa2 and igraph are GPL and serve only as benchmark peers):

1. **Seed** — pivot MDS (Brandes & Pich 2006) per connected component: breadth-first
   distances from a few max-min pivots, double-centred and projected on the two main
   axes; components are then packed on a spiral, largest in the middle. The seed is
   already a good global placement, so few force iterations are needed.
2. **Forces** — ForceAtlas2 (Jacomy et al. 2014): repulsion ``kr·(d_i+1)(d_j+1)/dist``,
   linear attraction along edges (times the edge weight), gravity towards the centre,
   and the adaptive per-node speed ("swinging"/"traction") of the paper.
3. **Barnes-Hut** — repulsion on a quadtree whose depth adapts to the data (see
   :mod:`warroom.analysis.barnes_hut`): far cells act through their centre of mass, near
   nodes exactly; all vectorised, about ``O(n log n)`` per iteration.

Everything is deterministic for a given seed. :func:`layout` places new nodes near their
already-placed neighbours and keeps existing positions (incremental layout).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components, shortest_path

from warroom.analysis.barnes_hut import repulsion

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]
_EPS = 1e-9


@dataclass(frozen=True)
class LayoutParams:
    iterations: int = 60
    scaling: float = 2.0  # kr, the repulsion strength
    gravity: float = 1.0
    edge_weight_influence: float = 1.0
    jitter_tolerance: float = 1.0
    pivots: int = 32
    near_budget: int = 24  # exact near-field pairs per node before the grid is refined


@dataclass
class Edges:
    """An undirected edge list over nodes ``0..n-1`` (as numpy arrays)."""

    n: int
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray

    @classmethod
    def from_pairs(cls, n: int, pairs: np.ndarray, weight: np.ndarray | None = None) -> Edges:
        pairs = np.asarray(pairs, dtype=np.int64).reshape(-1, 2)
        keep = pairs[:, 0] != pairs[:, 1]
        pairs = pairs[keep]
        w = np.ones(len(pairs)) if weight is None else np.asarray(weight, float)[keep]
        return cls(n, pairs[:, 0].copy(), pairs[:, 1].copy(), w)

    def degree(self) -> np.ndarray:
        return np.bincount(self.src, minlength=self.n) + np.bincount(self.dst, minlength=self.n)

    def csr(self) -> csr_matrix:
        data = np.ones(2 * len(self.src))
        rows = np.concatenate([self.src, self.dst])
        cols = np.concatenate([self.dst, self.src])
        return csr_matrix((data, (rows, cols)), shape=(self.n, self.n))


# -- seed: pivot MDS per component, packed on a spiral -----------------------------------


def pivot_mds(edges: Edges, seed: int = 0, pivots: int = 32) -> np.ndarray:
    """Initial positions (n × 2), scaled so that an edge is about one unit long."""
    rng = np.random.default_rng(seed)
    pos = np.zeros((edges.n, 2))
    if edges.n == 0:
        return pos
    graph = edges.csr()
    count, labels = connected_components(graph, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(count + 1))
    sizes = np.diff(bounds)
    placed = []
    for component in np.argsort(-sizes, kind="stable"):
        nodes = order[bounds[component] : bounds[component + 1]]
        local = _component_mds(graph, nodes, rng, pivots)
        placed.append((nodes, local))
    _pack(pos, placed)
    return pos


def _component_mds(
    graph: csr_matrix, nodes: np.ndarray, rng: np.random.Generator, pivots: int
) -> np.ndarray:
    size = len(nodes)
    if size <= 3:
        angle = rng.uniform(0, 2 * math.pi) + np.arange(size) * 2 * math.pi / 3
        return np.column_stack([np.cos(angle), np.sin(angle)]) * (0.6 if size > 1 else 0.0)
    sub = graph[nodes][:, nodes]
    k = min(pivots, size)
    chosen = [int(rng.integers(size))]
    dist = np.empty((k, size))
    for i in range(k):
        dist[i] = shortest_path(sub, unweighted=True, indices=chosen[i], directed=False)
        if i + 1 < k:
            nearest = dist[: i + 1].min(axis=0)
            chosen.append(int(np.argmax(nearest)))
    d2 = dist.T**2  # size × k
    centred = d2 - d2.mean(axis=0) - d2.mean(axis=1, keepdims=True) + d2.mean()
    centred *= -0.5
    values, vectors = np.linalg.eigh(centred.T @ centred)
    coords = centred @ vectors[:, ::-1][:, :2]
    scale = np.sqrt(values[::-1][:2].clip(min=_EPS)) ** 0.5
    coords /= scale.max()
    coords = _unit_edges(coords, sub)
    # Nodes with the same distances to every pivot (the leaves of a star) land on one
    # spot: spread them over a small disc so that the forces can tell them apart.
    return coords + rng.normal(scale=0.25, size=coords.shape)


def _unit_edges(coords: np.ndarray, sub: csr_matrix) -> np.ndarray:
    rows, cols = sub.nonzero()
    if len(rows) == 0:
        return coords
    length = np.linalg.norm(coords[rows] - coords[cols], axis=1).mean()
    return coords / max(length, _EPS)


def _pack(pos: np.ndarray, placed: list[tuple[np.ndarray, np.ndarray]]) -> None:
    golden = math.pi * (3 - math.sqrt(5))
    area = 0.0
    for index, (nodes, local) in enumerate(placed):
        local = local - local.mean(axis=0)
        radius = float(np.sqrt((local**2).sum(axis=1)).max()) + 1.0
        distance = 0.0 if index == 0 else math.sqrt(area / math.pi) + radius
        angle = index * golden
        pos[nodes] = local + distance * np.array([math.cos(angle), math.sin(angle)])
        area += math.pi * radius * radius * 1.4


# -- forces --------------------------------------------------------------------------------


def attraction(pos: np.ndarray, edges: Edges, influence: float) -> np.ndarray:
    delta = pos[edges.dst] - pos[edges.src]
    w = edges.weight**influence if influence != 1.0 else edges.weight
    pull = delta * w[:, None]
    n = len(pos)
    return np.column_stack(
        [
            np.bincount(edges.src, weights=pull[:, d], minlength=n)
            - np.bincount(edges.dst, weights=pull[:, d], minlength=n)
            for d in (0, 1)
        ]
    )


@dataclass
class _Speed:
    speed: float = 1.0
    efficiency: float = 1.0

    def step(self, swinging: float, traction: float, n: int, tolerance: float) -> float:
        """Global speed of FA2 (Jacomy et al. 2014, Gephi's implementation)."""
        estimated = 0.05 * math.sqrt(n)
        jitter = tolerance * max(
            math.sqrt(estimated), min(10.0, estimated * traction / max(n * n, 1))
        )
        if swinging / max(traction, _EPS) > 2.0:
            self.efficiency = max(0.05, self.efficiency * 0.5)
            jitter = max(jitter, tolerance)
        target = jitter * self.efficiency * traction / max(swinging, _EPS)
        if swinging > jitter * traction:
            self.efficiency = max(0.05, self.efficiency * 0.5)
        elif self.speed < 1000:
            self.efficiency *= 1.3
        self.speed += min(target - self.speed, 0.5 * self.speed)
        return self.speed


def forceatlas2(
    edges: Edges,
    pos: np.ndarray,
    params: LayoutParams = LayoutParams(),
    fixed: np.ndarray | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> np.ndarray:
    """Run ``params.iterations`` FA2 iterations from ``pos`` (n × 2, not modified)."""
    pos = np.array(pos, dtype=float, copy=True)
    n = edges.n
    if n < 2:
        return pos
    mass = edges.degree().astype(float) + 1.0
    previous = np.zeros_like(pos)
    speed = _Speed()
    movable = np.ones(n, dtype=bool) if fixed is None else ~np.asarray(fixed, dtype=bool)
    for iteration in range(params.iterations):
        if cancelled is not None and cancelled():
            break
        force = repulsion(pos, mass, params.scaling, params.near_budget)
        force += attraction(pos, edges, params.edge_weight_influence)
        centre_dist = np.sqrt((pos**2).sum(axis=1)) + _EPS
        force -= (params.gravity * mass / centre_dist)[:, None] * pos
        swinging = mass * np.sqrt(((force - previous) ** 2).sum(axis=1))
        traction = mass * np.sqrt(((force + previous) ** 2).sum(axis=1)) / 2
        global_speed = speed.step(
            float(swinging[movable].sum()),
            float(traction[movable].sum()),
            n,
            params.jitter_tolerance,
        )
        factor = global_speed / (1.0 + np.sqrt(global_speed * swinging))
        step = force * factor[:, None]
        length = np.sqrt((step**2).sum(axis=1)) + _EPS
        step *= (np.minimum(length, 10.0) / length)[:, None]
        pos[movable] += step[movable]
        previous = force
        if progress is not None:
            progress(iteration + 1, params.iterations)
    return pos


def layout(
    edges: Edges,
    seed: int = 0,
    params: LayoutParams = LayoutParams(),
    known: dict[int, tuple[float, float]] | None = None,
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> np.ndarray:
    """Full layout (pivot MDS seed, then FA2), or with ``known`` positions (node index ->
    (x, y)) an incremental one: known nodes keep their place, new ones start next to their
    placed neighbours and only they move."""
    if not known:
        start = pivot_mds(edges, seed, params.pivots) * math.sqrt(params.scaling)
        return forceatlas2(edges, start, params, None, progress, cancelled)
    start, fixed = place_new(edges, known, seed)
    if fixed.all():
        return start
    quick = LayoutParams(**{**params.__dict__, "iterations": max(10, params.iterations // 3)})
    return forceatlas2(edges, start, quick, fixed, progress, cancelled)


def place_new(
    edges: Edges, known: dict[int, tuple[float, float]], seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Starting positions: known ones as given, new nodes at the mean of their placed
    neighbours (repeated outwards), the rest on a ring around the layout."""
    rng = np.random.default_rng(seed)
    n = edges.n
    pos = np.zeros((n, 2))
    placed = np.zeros(n, dtype=bool)
    for node, xy in known.items():
        if 0 <= node < n:
            pos[node] = xy
            placed[node] = True
    fixed = placed.copy()
    src = np.concatenate([edges.src, edges.dst])
    dst = np.concatenate([edges.dst, edges.src])
    while True:
        usable = placed[dst] & ~placed[src]
        if not usable.any():
            break
        total = np.zeros((n, 2))
        np.add.at(total, src[usable], pos[dst[usable]])
        count = np.bincount(src[usable], minlength=n)
        new = count > 0
        pos[new] = total[new] / count[new, None] + rng.normal(scale=0.5, size=(int(new.sum()), 2))
        placed |= new
    rest = np.flatnonzero(~placed)
    if len(rest):
        radius = float(np.sqrt((pos[placed] ** 2).sum(axis=1)).max()) if placed.any() else 1.0
        angle = rng.uniform(0, 2 * math.pi, len(rest))
        pos[rest] = (radius + 2.0) * np.column_stack([np.cos(angle), np.sin(angle)])
    return pos, fixed


__all__ = ["Edges", "LayoutParams", "forceatlas2", "layout", "pivot_mds", "place_new", "repulsion"]
