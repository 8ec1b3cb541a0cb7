"""GEXF and GraphML exports of the propagation graph that open in Gephi with the
positions, sizes and colours of the Graph view.

GEXF carries them in its ``viz`` namespace; GraphML as the node attributes Gephi's
importer reads (``x``, ``y``, ``size``, ``r``, ``g``, ``b``). Edges carry their weight,
the count of each link type, the dominant type (and its colour) and the first time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import networkx as nx
import peewee

from warroom.analysis.graph import EDGE_TYPES
from warroom.analysis.graph_drawing import (
    EDGE_COLOURS,
    GraphDrawing,
    colour_of,
    prepare_drawing,
)
from warroom.domain.timeutil import format_utc
from warroom.store.crisis import crisis_info
from warroom.store.errors import StoreError
from warroom.store.graph import GraphScope


@dataclass(frozen=True)
class GraphExportSummary:
    path: Path
    nodes: int
    edges: int


def _iso(seconds: float) -> str:
    return format_utc(datetime.fromtimestamp(seconds, UTC))


def styled_graph(drawing: GraphDrawing) -> nx.DiGraph:
    """A copy of the graph with plain, exportable attributes."""
    out = nx.DiGraph()
    for i, node in enumerate(drawing.nodes):
        account = drawing.accounts.get(node)
        community = int(drawing.community[i])
        r, g, b = colour_of(community)
        out.add_node(
            str(node),
            label=drawing.label(i),
            channel=account.channel if account else "",
            kind=account.kind if account else "unknown",
            followers=account.followers if account else 0,
            community=community,
            community_label=drawing.analysis.labels.get(community, ""),
            pagerank=float(drawing.analysis.pagerank.get(node, 0.0)),
            first_seen=_iso(float(drawing.node_time[i])),
            x=float(drawing.pos[i, 0]),
            y=float(drawing.pos[i, 1]),
            size=float(drawing.size[i]),
            r=r,
            g=g,
            b=b,
        )
    for u, v, data in drawing.result.graph.edges(data=True):
        counts = {t.value: int(data[t.value]) for t in EDGE_TYPES}
        kind = max(EDGE_TYPES, key=lambda t: counts[t.value])
        out.add_edge(
            str(u),
            str(v),
            weight=float(data["weight"]),
            type=kind.value,
            first=_iso(float(data["first"])),
            **{f"{name}_count": count for name, count in counts.items()},
        )
    return out


def _with_viz(graph: nx.DiGraph) -> nx.DiGraph:
    viz = graph.copy()
    for _node, data in viz.nodes(data=True):
        data["viz"] = {
            "position": {"x": data.pop("x"), "y": data.pop("y"), "z": 0.0},
            "size": data.pop("size"),
            "color": {"r": data.pop("r"), "g": data.pop("g"), "b": data.pop("b"), "a": 1.0},
        }
    for _u, _v, data in viz.edges(data=True):
        r, g, b = EDGE_COLOURS[next(t for t in EDGE_TYPES if t.value == data["type"])]
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 0.6}}
    return viz


def _marked(graph: nx.DiGraph) -> nx.DiGraph:
    """The graph named after its crisis ("EXERCISE — …" for an exercise): GEXF's graph
    name, GraphML's graph attributes ``name``, ``crisis`` and ``exercise``."""
    info = crisis_info()
    graph.graph.update(name=info.display_name, crisis=info.display_name, exercise=info.is_exercise)
    return graph


def _drawing(db: peewee.Database, scope: GraphScope, drawing: GraphDrawing | None) -> GraphDrawing:
    return drawing if drawing is not None else prepare_drawing(db, scope)


def export_gexf(
    path: Path,
    db: peewee.Database,
    scope: GraphScope = GraphScope(),
    drawing: GraphDrawing | None = None,
) -> GraphExportSummary:
    """Write the graph of ``scope`` as GEXF 1.2 (positions, sizes, colours)."""
    graph = _marked(styled_graph(_drawing(db, scope, drawing)))
    _write(path, lambda target: nx.write_gexf(_with_viz(graph), target, version="1.2draft"))
    return GraphExportSummary(path, graph.number_of_nodes(), graph.number_of_edges())


def export_graphml(
    path: Path,
    db: peewee.Database,
    scope: GraphScope = GraphScope(),
    drawing: GraphDrawing | None = None,
) -> GraphExportSummary:
    """Write the graph of ``scope`` as GraphML with Gephi's x/y/size/r/g/b attributes."""
    graph = _marked(styled_graph(_drawing(db, scope, drawing)))
    _write(path, lambda target: nx.write_graphml(graph, target, named_key_ids=True))
    return GraphExportSummary(path, graph.number_of_nodes(), graph.number_of_edges())


def _write(path: Path, writer: Callable[[str], None]) -> None:
    """Write to a temporary file beside ``path`` and rename: no half-written export."""
    target = Path(path)
    if not target.parent.is_dir():
        raise StoreError(f"{target.parent}: no such folder")
    partial = target.with_name(target.name + ".part")
    try:
        writer(str(partial))
        partial.replace(target)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"{target}: cannot be written ({exc.strerror or exc})") from exc
