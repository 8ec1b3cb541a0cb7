"""What the Graph view and the GEXF/GraphML exports draw, computed without Qt.

:func:`prepare_drawing` builds the graph of a scope, analyses it, and places its nodes:
saved positions are reused, missing nodes are placed incrementally next to their
neighbours, and a crisis without saved positions gets a full layout. The caller saves
what changed with :func:`save_drawing` (in the writer thread).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import peewee

from warroom.analysis import layout as layout_mod
from warroom.analysis import metrics
from warroom.analysis.graph import EDGE_TYPES, EdgeType, PropagationGraph, build_graph
from warroom.analysis.graph_summary import GraphAnalysis, analyse
from warroom.store import graph as graph_store
from warroom.store.graph import AccountInfo, GraphScope

# Few colours, so that the view keeps few brushes: 12 communities, then grey.
PALETTE: tuple[tuple[int, int, int], ...] = (
    (31, 119, 180),
    (255, 127, 14),
    (44, 160, 44),
    (214, 39, 40),
    (148, 103, 189),
    (140, 86, 75),
    (227, 119, 194),
    (188, 189, 34),
    (23, 190, 207),
    (174, 199, 232),
    (255, 187, 120),
    (152, 223, 138),
)
OTHER_COLOUR = (150, 150, 150)
EDGE_COLOURS: dict[EdgeType, tuple[int, int, int]] = {
    EdgeType.RESHARE: (70, 130, 180),
    EdgeType.REPLY: (230, 120, 40),
    EdgeType.QUOTE: (150, 90, 190),
    EdgeType.MENTION: (120, 160, 90),
}
MIN_SIZE, MAX_SIZE = 5.0, 30.0
SEED = metrics.SEED

Progress = Callable[[int, int], None]
Cancelled = Callable[[], bool]


@dataclass
class GraphDrawing:
    """Plain arrays for drawing; node ``i`` is account ``nodes[i]``."""

    scope: GraphScope
    result: PropagationGraph
    analysis: GraphAnalysis
    accounts: dict[int, AccountInfo]
    nodes: list[int]
    pos: np.ndarray  # n × 2
    size: np.ndarray  # n, pixels
    community: np.ndarray  # n, community number or -1
    edges: np.ndarray  # m × 2 node indices
    edge_type: np.ndarray  # m, index into EDGE_TYPES (the dominant type)
    node_time: np.ndarray  # n, Unix seconds first seen
    edge_time: np.ndarray  # m, Unix seconds of the first link
    new_positions: dict[int, tuple[float, float]] = field(default_factory=dict)
    save_communities: bool = False

    @property
    def index(self) -> dict[int, int]:
        return {node: i for i, node in enumerate(self.nodes)}

    def colour(self, community: int) -> tuple[int, int, int]:
        return colour_of(community)

    def label(self, i: int) -> str:
        account = self.accounts.get(self.nodes[i])
        return account.handle if account else str(self.nodes[i])


def colour_of(community: int) -> tuple[int, int, int]:
    return PALETTE[community] if 0 <= community < len(PALETTE) else OTHER_COLOUR


def node_sizes(pagerank: np.ndarray) -> np.ndarray:
    """Pixel size by influence: square root of PageRank relative to the average."""
    if len(pagerank) == 0:
        return pagerank
    relative = np.sqrt(pagerank * len(pagerank))
    return np.clip(MIN_SIZE + 5.0 * (relative - 1.0), MIN_SIZE, MAX_SIZE)


def prepare_drawing(
    db: peewee.Database,
    scope: GraphScope = GraphScope(),
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
    relayout: bool = False,
) -> GraphDrawing:
    """Build, analyse and place the graph of ``scope``; ``relayout`` ignores the saved
    positions and lays the whole graph out again."""
    builder, accounts = build_graph(db, scope)
    whole = scope == GraphScope()
    saved = graph_store.load_communities(db)
    analysis = analyse(builder.result, accounts, saved)
    if not whole:  # a filtered graph keeps the colours of the whole crisis
        analysis.membership = {
            n: saved.members.get(n, analysis.membership[n]) for n in analysis.membership
        }
        analysis.labels = {**analysis.labels, **saved.labels}
    saved_positions = {} if relayout else graph_store.load_positions(db)
    return _drawing(
        scope, builder.result, analysis, accounts, saved_positions, (progress, cancelled), whole
    )


def _drawing(
    scope: GraphScope,
    result: PropagationGraph,
    analysis: GraphAnalysis,
    accounts: dict[int, AccountInfo],
    saved: dict[int, tuple[float, float]],
    callbacks: tuple[Progress | None, Cancelled | None],
    whole: bool,
) -> GraphDrawing:
    progress, cancelled = callbacks
    nodes = sorted(result.graph.nodes)
    index = {node: i for i, node in enumerate(nodes)}
    node_time, edges, edge_time = result.time_arrays(nodes)
    weights = np.array([d["weight"] for _u, _v, d in result.graph.edges(data=True)], float)
    counts = np.array(
        [[d[t.value] for t in EDGE_TYPES] for _u, _v, d in result.graph.edges(data=True)]
    ).reshape(-1, len(EDGE_TYPES))
    edge_type = counts.argmax(axis=1).astype(np.int8)  # the dominant type of each edge
    known = {index[n]: xy for n, xy in saved.items() if n in index}
    pos = np.zeros((len(nodes), 2))
    new_positions: dict[int, tuple[float, float]] = {}
    if len(known) < len(nodes):
        layout_edges = layout_mod.Edges.from_pairs(len(nodes), edges, weights)
        params = layout_mod.LayoutParams(iterations=iterations_for(len(nodes)))
        pos = layout_mod.layout(layout_edges, SEED, params, known, progress, cancelled)
        new_positions = {
            nodes[i]: (float(pos[i, 0]), float(pos[i, 1]))
            for i in range(len(nodes))
            if i not in known
        }
    for i, xy in known.items():
        pos[i] = xy
    pagerank = np.array([analysis.pagerank.get(n, 0.0) for n in nodes])
    community = np.array(
        [analysis.membership.get(n, metrics.NO_COMMUNITY) for n in nodes], dtype=np.int64
    )
    return GraphDrawing(
        scope=scope,
        result=result,
        analysis=analysis,
        accounts=accounts,
        nodes=nodes,
        pos=pos,
        size=node_sizes(pagerank),
        community=community,
        edges=edges,
        edge_type=edge_type,
        node_time=node_time,
        edge_time=edge_time,
        new_positions=new_positions,
        save_communities=whole,
    )


def iterations_for(n: int) -> int:
    """Fewer force iterations on large graphs: the pivot-MDS seed is already close."""
    if n <= 2_000:
        return 80
    return max(30, int(80 - 10 * math.log2(n / 2_000)))


def save_drawing(db: peewee.Database, drawing: GraphDrawing) -> None:
    """Save new positions and (for the whole-crisis graph) communities and labels."""
    if drawing.new_positions:
        graph_store.save_positions(db, drawing.new_positions)
    if drawing.save_communities:
        members = {
            n: c for n, c in drawing.analysis.membership.items() if c != metrics.NO_COMMUNITY
        }
        graph_store.save_communities(db, members, drawing.analysis.labels)
