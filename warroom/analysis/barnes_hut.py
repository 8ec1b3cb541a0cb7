"""ForceAtlas2 repulsion with a Barnes-Hut-style quadtree, vectorised with numpy.

The plane is cut into levels (2^l × 2^l cells). At each level a node feels, as one mass
at its centre of mass, every cell that is a child of its parent cell's neighbours but not
one of its own neighbours: the *well-separated* cells of that level (27 at most). The
field of those cells is evaluated once per occupied cell, at the cell's centre of mass,
with its first-order expansion (Jacobian) carrying it to each node of the cell.

Depth adapts to the data: a node whose neighbouring cells hold nobody else has met every
other node at the levels already done and drops out; the others go one level deeper,
until the exact interactions with the nodes of their own and adjacent cells fit within
``near_budget`` pairs per node. Sparse regions stop early, dense clusters (a hub's
thousand leaves) go deep, and the cost stays about ``O(n log n)``.
"""

from __future__ import annotations

import math

import numpy as np

MAX_LEVEL = 20
DENSE_GRID = 2048  # levels up to 2048 × 2048 cells use a lookup table
_EPS = 1e-9


def _interaction_offsets() -> dict[tuple[int, int], np.ndarray]:
    table = {}
    for px in (0, 1):
        for py in (0, 1):
            cells = [
                (dx, dy)
                for dx in range(-2 - px, 4 - px)
                for dy in range(-2 - py, 4 - py)
                if abs(dx) > 1 or abs(dy) > 1
            ]
            table[(px, py)] = np.array(cells, dtype=np.int64)
    return table


_INTERACTIONS = _interaction_offsets()
_NEAR = np.array([(dx, dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)], dtype=np.int64)


class _Level:
    """The occupied cells of one level: keys, masses, centres of mass, members."""

    def __init__(self, pos: np.ndarray, unit: np.ndarray, mass: np.ndarray, level: int):
        self.grid = 1 << level
        cell = np.minimum((unit * self.grid).astype(np.int64), self.grid - 1)
        self.cell = cell
        key = cell[:, 0] * self.grid + cell[:, 1]
        self.order = np.argsort(key, kind="stable")
        self.keys, self.start, self.count = np.unique(
            key[self.order], return_index=True, return_counts=True
        )
        self.inverse = np.empty(len(key), dtype=np.int64)
        self.inverse[self.order] = np.repeat(np.arange(len(self.keys)), self.count)
        self.mass = np.bincount(self.inverse, weights=mass)
        self.centre = np.column_stack(
            [np.bincount(self.inverse, weights=mass * pos[:, i]) / self.mass for i in (0, 1)]
        )

        # Dense lookup table on the levels where it is small (the busy ones).
        self.table: np.ndarray | None = None
        if self.grid <= DENSE_GRID:
            self.table = np.full(self.grid * self.grid, -1, dtype=np.int64)
            self.table[self.keys] = np.arange(len(self.keys))

    def find(self, qx: np.ndarray, qy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Index of cells (qx, qy) among the occupied ones, and whether they exist."""
        inside = (qx >= 0) & (qx < self.grid) & (qy >= 0) & (qy < self.grid)
        wanted = np.where(inside, qx * self.grid + qy, 0)
        if self.table is not None:
            where = self.table[wanted]
            found = inside & (where >= 0)
            return np.maximum(where, 0), found
        where = np.searchsorted(self.keys, wanted).clip(max=len(self.keys) - 1)
        return where, inside & (self.keys[where] == wanted)


def repulsion(pos: np.ndarray, mass: np.ndarray, kr: float, near_budget: int = 24) -> np.ndarray:
    """Approximate FA2 repulsion ``kr·m_i·m_j/d`` on every node (n × 2)."""
    n = len(pos)
    force = np.zeros_like(pos)
    if n < 2:
        return force
    low = pos.min(axis=0)
    span = float((pos.max(axis=0) - low).max()) * (1 + 1e-6) + _EPS
    unit = (pos - low) / span
    active = np.arange(n)
    # Below this level the near pairs cannot fit the budget even if spread evenly.
    first_check = max(2, math.ceil(math.log(max(9.0 * n / near_budget, 1.0), 4)))
    for level in range(2, MAX_LEVEL + 1):
        cells = _Level(pos, unit, mass, level)
        force[active] += _far_field(pos, mass, kr, cells, active)
        if level < first_check:
            continue
        qx = cells.cell[active, 0:1] + _NEAR[:, 0]
        qy = cells.cell[active, 1:2] + _NEAR[:, 1]
        where, found = cells.find(qx, qy)
        counts = np.where(found, cells.count[where], 0)
        others = counts.sum(axis=1) - 1
        crowded = others > 0
        active, where, found, counts = (
            active[crowded],
            where[crowded],
            found[crowded],
            counts[crowded],
        )
        if len(active) == 0:
            break
        if int(counts.sum()) <= near_budget * n or level == MAX_LEVEL:
            force[active] += _near_field(pos, mass, kr, cells, active, where, counts)
            break
    return force


def _far_field(
    pos: np.ndarray, mass: np.ndarray, kr: float, cells: _Level, active: np.ndarray
) -> np.ndarray:
    """Repulsion on ``active`` nodes from the well-separated cells of this level."""
    targets = np.unique(cells.inverse[active])
    cx, cy = cells.cell[cells.order[cells.start[targets]]].T
    field = np.zeros((len(targets), 2))
    jac = np.zeros((len(targets), 3))  # xx, xy, yy
    for (px, py), offsets in _INTERACTIONS.items():
        chosen = np.flatnonzero(((cx & 1) == px) & ((cy & 1) == py))
        if len(chosen) == 0:
            continue
        where, found = cells.find(
            cx[chosen, None] + offsets[:, 0], cy[chosen, None] + offsets[:, 1]
        )
        weight = np.where(found, cells.mass[where], 0.0)
        centre = cells.centre[targets[chosen]]
        rx = centre[:, 0, None] - cells.centre[where, 0]
        ry = centre[:, 1, None] - cells.centre[where, 1]
        r2 = rx * rx + ry * ry + _EPS
        inv = weight / r2
        inv2 = inv / r2
        field[chosen, 0] = (rx * inv).sum(axis=1)
        field[chosen, 1] = (ry * inv).sum(axis=1)
        jac[chosen, 0] = (inv - 2 * rx * rx * inv2).sum(axis=1)
        jac[chosen, 1] = (-2 * rx * ry * inv2).sum(axis=1)
        jac[chosen, 2] = (inv - 2 * ry * ry * inv2).sum(axis=1)
    slot = np.searchsorted(targets, cells.inverse[active])
    offset = pos[active] - cells.centre[targets[slot]]
    j = jac[slot]
    fx = field[slot, 0] + j[:, 0] * offset[:, 0] + j[:, 1] * offset[:, 1]
    fy = field[slot, 1] + j[:, 1] * offset[:, 0] + j[:, 2] * offset[:, 1]
    return (kr * mass[active])[:, None] * np.column_stack([fx, fy])


def _near_field(
    pos: np.ndarray,
    mass: np.ndarray,
    kr: float,
    cells: _Level,
    active: np.ndarray,
    where: np.ndarray,
    counts: np.ndarray,
) -> np.ndarray:
    """Exact repulsion on ``active`` nodes from every node of their own and adjacent
    cells (``where``/``counts``: those cells, per active node)."""
    flat = counts.ravel()
    total = int(flat.sum())
    first = np.repeat(cells.start[where].ravel(), flat)
    step = np.arange(total) - np.repeat(np.cumsum(flat) - flat, flat)
    row = np.repeat(np.repeat(np.arange(len(active)), len(_NEAR)), flat)
    i = active[row]
    j = cells.order[first + step]
    keep = i != j
    row, i, j = row[keep], i[keep], j[keep]
    delta = pos[i] - pos[j]
    dist2 = (delta**2).sum(axis=1) + _EPS
    strength = kr * mass[i] * mass[j] / dist2
    m = len(active)
    return np.column_stack(
        [np.bincount(row, weights=delta[:, d] * strength, minlength=m) for d in (0, 1)]
    )
