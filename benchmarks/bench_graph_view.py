"""Frames per second while panning the Graph view's canvas at 50,000 accounts.

Ours: edges as four batched paths (one pen per link type), nodes with few shared brushes
and sizes rounded to even pixels. Peer, same data in the same run: the naive pyqtgraph
way — one brush object per node and unrounded sizes (a symbol per node in the atlas) —
and the same with antialiasing on. Rendering is Qt's raster engine (offscreen), the path
a laptop without GPU acceleration takes.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_graph_view.py [--nodes 50000]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))
from graphs import community_graph
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication

from warroom.analysis import layout
from warroom.analysis.graph import PropagationGraph
from warroom.analysis.graph_drawing import GraphDrawing, iterations_for, node_sizes
from warroom.analysis.graph_summary import GraphAnalysis
from warroom.store.graph import AccountInfo, GraphScope
from warroom.ui.graph.canvas import GraphCanvas


def drawing_for(n: int) -> GraphDrawing:
    edges = community_graph(n)
    params = layout.LayoutParams(iterations=iterations_for(n))
    pos = layout.layout(layout.Edges.from_pairs(n, edges), seed=1, params=params)
    degree = np.bincount(edges.ravel(), minlength=n).astype(float) + 1
    pagerank = degree / degree.sum()
    rng = np.random.default_rng(1)
    community = np.minimum(rng.zipf(1.6, n) - 1, 30)
    analysis = GraphAnalysis(
        pagerank=dict(enumerate(pagerank.tolist())),
        betweenness={},
        membership=dict(enumerate(community.tolist())),
        modularity=0.0,
        labels={},
        cascades=[],
        fireworks={},
    )
    return GraphDrawing(
        scope=GraphScope(),
        result=PropagationGraph(),
        analysis=analysis,
        accounts={i: AccountInfo(i, "twitter", f"user{i}") for i in range(n)},
        nodes=list(range(n)),
        pos=pos,
        size=node_sizes(pagerank),
        community=community,
        edges=edges,
        edge_type=rng.integers(0, 4, len(edges)).astype(np.int8),
        node_time=np.arange(n, dtype=float),
        edge_time=np.maximum(edges[:, 0], edges[:, 1]).astype(float),
    )


def fps(canvas: GraphCanvas, frames: int = 40) -> str:
    """Frames per second by the wall clock and by the process's CPU time (rendering is
    single-threaded: the CPU figure is what an idle machine would give)."""
    vb = canvas.getPlotItem().vb
    box = vb.viewRect()
    step = box.width() / 80
    QApplication.processEvents()
    start, cpu = time.perf_counter(), time.process_time()
    for i in range(frames):
        vb.translateBy(x=step if i % 20 < 10 else -step, y=0)
        QApplication.processEvents()  # the event loop: edges follow the view, one paint
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    return f"{frames / wall:6.1f} frames/s (wall)  {frames / cpu:6.1f} frames/s (cpu)"


def naive(canvas: GraphCanvas, drawing: GraphDrawing) -> None:
    """One brush per node and raw sizes, as a first attempt would do."""
    index = np.flatnonzero(canvas.visible)
    palette = [QColor.fromHsv(int(h) % 360, 160, 200) for h in drawing.community * 37]
    canvas.nodes.setData(
        x=drawing.pos[index, 0],
        y=drawing.pos[index, 1],
        size=drawing.size[index] + np.random.default_rng(1).random(len(index)),
        brush=[QBrush(palette[i]) for i in index],
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--nodes", type=int, default=50_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    drawing = drawing_for(args.nodes)
    canvas = GraphCanvas()
    canvas.resize(1280, 800)
    canvas.show()
    canvas.set_drawing(drawing)
    app.processEvents()
    print(f"{args.nodes} nodes, {len(drawing.edges)} edges, canvas 1280×800")
    print(f"{'warroom canvas (batched edges, few brushes)':<48} {fps(canvas)}")
    canvas.getPlotItem().vb.scaleBy((0.25, 0.25))
    print(f"{'  same, zoomed in 4×':<48} {fps(canvas)}")
    canvas.fit()
    naive(canvas, drawing)
    print(f"{'peer: one brush per node, raw sizes':<48} {fps(canvas)}")
    canvas.setAntialiasing(True)
    print(f"{'peer: same, antialiased':<48} {fps(canvas)}")


if __name__ == "__main__":
    main()
