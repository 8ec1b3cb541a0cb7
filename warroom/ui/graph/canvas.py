"""The graph canvas: pyqtgraph items drawing a GraphDrawing, fluid at 50,000 nodes.

Edges are four PlotCurveItems (one per link type, one pen each, ``connect="pairs"``), so
all edges of a type are one path; nodes are one ScatterPlotItem in pixel mode with a few
shared brushes (one per community colour) and sizes rounded to even pixels, so its symbol
atlas stays small. Hover and click use a k-d tree over the visible nodes.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QPen
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from warroom.analysis.graph import EDGE_TYPES
from warroom.analysis.graph_drawing import EDGE_COLOURS, OTHER_COLOUR, PALETTE, GraphDrawing

HUB_LABELS = 12
EDGE_BUDGET = 20_000  # edges drawn at most; beyond, a stable sample (see _update_edges)
BACKGROUND = "#fbfbfa"


def _framed_nodes(n: int, edges: np.ndarray) -> np.ndarray:
    """The nodes worth framing: the largest connected groups holding 90 % of the linked
    accounts (accounts without links sit on a ring around the layout, and a stray pair
    far out should not shrink the picture)."""
    if len(edges) == 0:
        return np.ones(n, dtype=bool)
    graph = csr_matrix((np.ones(len(edges)), (edges[:, 0], edges[:, 1])), shape=(n, n))
    _count, labels = connected_components(graph, directed=False)
    linked = np.zeros(n, dtype=bool)
    linked[edges.ravel()] = True
    sizes = np.bincount(labels[linked])
    order = np.argsort(-sizes, kind="stable")
    enough = np.searchsorted(np.cumsum(sizes[order]), 0.9 * linked.sum()) + 1
    return linked & np.isin(labels, order[:enough])


class GraphCanvas(pg.PlotWidget):
    """Signals:
    node_hovered(int): index of the node under the mouse, -1 when none.
    node_clicked(int): index of the clicked node.
    """

    node_hovered = Signal(int)
    node_clicked = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent, background=BACKGROUND)
        self.setObjectName("graphCanvas")
        item = self.getPlotItem()
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMenuEnabled(False)
        item.hideButtons()
        item.setAspectLocked(True)
        self.setAntialiasing(False)
        self._brushes = [QBrush(QColor(*rgb)) for rgb in (*PALETTE, OTHER_COLOUR)]
        self._node_pen = QPen(QColor(255, 255, 255, 200))
        self._node_pen.setCosmetic(True)
        self._node_pen.setWidthF(0.6)
        self.edge_items: list[pg.PlotCurveItem] = []
        for kind in EDGE_TYPES:
            pen = pg.mkPen(QColor(*EDGE_COLOURS[kind], 90), width=1)  # overlaps show density
            pen.setCosmetic(True)
            curve = pg.PlotCurveItem(connect="pairs", pen=pen, skipFiniteCheck=True)
            curve.setSegmentedLineMode("on")  # drawLines: far faster than one long path
            curve.setZValue(0)
            self.addItem(curve)
            self.edge_items.append(curve)
        self.nodes = pg.ScatterPlotItem(pxMode=True, symbol="o", hoverable=False, tip=None)
        self.nodes.setZValue(1)
        self.addItem(self.nodes)
        ring = pg.mkPen(QColor(20, 20, 20), width=2.5)
        self.highlight = pg.ScatterPlotItem(pxMode=True, symbol="o", pen=ring, brush=None)
        self.highlight.setZValue(3)
        self.addItem(self.highlight)
        self.labels: list[pg.TextItem] = []
        self.drawing: GraphDrawing | None = None
        self.visible = np.zeros(0, dtype=bool)
        self._visible_index = np.zeros(0, dtype=np.int64)
        self._tree: cKDTree | None = None
        self._hovered = -1
        self._edge_rank = np.zeros(0)
        self._ends = np.zeros((0, 2, 2))
        self._low = self._high = np.zeros((0, 2))
        self._kinds = np.zeros(0, dtype=np.int8)
        self._ranks = np.zeros(0)
        self._edge_signature: int | None = None
        self.drawn_edges = 0
        # Edges follow the view once per event-loop turn, never from inside the view box's
        # own range update (re-entrant setData there made the interpreter abort at exit).
        self._edge_timer = QTimer(self, singleShot=True, interval=0)
        self._edge_timer.timeout.connect(self._update_edges)
        item.vb.sigTransformChanged.connect(self._on_view_transform_changed)
        item.vb.sigRangeChangedManually.connect(self._on_range_changed_manually)  # (no bools)
        self._auto_fit = True  # keep framing the graph until the user pans or zooms
        self.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        self.scene().sigMouseClicked.connect(self._on_scene_mouse_clicked)

    # -- content --------------------------------------------------------------------------

    def set_drawing(self, drawing: GraphDrawing) -> None:
        self.drawing = drawing
        n = len(drawing.nodes)
        colours = np.where(
            (drawing.community >= 0) & (drawing.community < len(PALETTE)),
            drawing.community,
            len(PALETTE),
        )
        brushes = np.empty(len(self._brushes), dtype=object)
        brushes[:] = self._brushes
        self._brush_of = brushes[colours] if n else brushes[:0]
        self._size_of = 2 * np.round(drawing.size / 2) if n else drawing.size
        # a fixed pseudo-random rank per edge, so that the sample drawn is stable
        count = len(drawing.edges)
        self._edge_rank = (
            (np.arange(count, dtype=np.uint64) * 2654435761) % 4294967296
        ) / 4294967296.0
        self._make_labels()
        self.show_until(None)
        self._auto_fit = True
        self.fit()

    def _make_labels(self) -> None:
        for label in self.labels:
            self.removeItem(label)
        self.labels = []
        drawing = self.drawing
        if drawing is None:
            return
        order = sorted(
            range(len(drawing.nodes)),
            key=lambda i: -drawing.analysis.pagerank.get(drawing.nodes[i], 0.0),
        )
        for i in order[:HUB_LABELS]:
            label = pg.TextItem(text=drawing.label(i), color=(30, 30, 30), anchor=(0.5, 1.3))
            label.setPos(float(drawing.pos[i, 0]), float(drawing.pos[i, 1]))
            label.setZValue(2)
            label.node_index = i
            self.addItem(label)
            self.labels.append(label)

    def show_until(self, moment: float | None) -> int:
        """Show the graph as it was at ``moment`` (Unix seconds; None = everything).
        Returns the number of visible nodes."""
        drawing = self.drawing
        if drawing is None:
            return 0
        if moment is None:
            visible = np.ones(len(drawing.nodes), dtype=bool)
            edge_visible = np.ones(len(drawing.edges), dtype=bool)
        else:
            visible = drawing.node_time <= moment
            edge_visible = drawing.edge_time <= moment
        self.visible = visible
        index = np.flatnonzero(visible)
        self._visible_index = index
        pos = drawing.pos
        self.nodes.setData(
            x=pos[index, 0],
            y=pos[index, 1],
            size=self._size_of[index],
            brush=self._brush_of[index],
            pen=self._node_pen,
        )
        self._prepare_edges(edge_visible)
        self._edge_signature = None
        self._update_edges()
        for label in self.labels:
            label.setVisible(bool(visible[label.node_index]))
        self._tree = cKDTree(pos[index]) if len(index) else None
        return len(index)

    def _prepare_edges(self, edge_visible: np.ndarray) -> None:
        drawing = self.drawing
        assert drawing is not None
        chosen = np.flatnonzero(edge_visible)
        ends = drawing.pos[drawing.edges[chosen]] if len(chosen) else np.zeros((0, 2, 2))
        self._ends = ends
        self._low, self._high = ends.min(axis=1), ends.max(axis=1)
        self._kinds = drawing.edge_type[chosen]
        self._ranks = self._edge_rank[chosen]

    def _update_edges(self) -> None:
        """Draw the edges that cross the view, at most EDGE_BUDGET of them (a stable
        sample when zoomed out: the hairball looks the same with a fraction of its lines,
        and panning stays fluid); edges shorter than a pixel are left to the nodes."""
        if self.drawing is None:
            return
        view = self.getPlotItem().vb.viewRect()
        low, high = self._low, self._high
        keep = (high[:, 0] >= view.left()) & (low[:, 0] <= view.right())
        keep &= (high[:, 1] >= view.top()) & (low[:, 1] <= view.bottom())
        pixel = self.getPlotItem().vb.viewPixelSize()
        keep &= ((high[:, 0] - low[:, 0]) >= pixel[0]) | ((high[:, 1] - low[:, 1]) >= pixel[1])
        count = int(np.count_nonzero(keep))
        if count > EDGE_BUDGET:
            keep &= self._ranks < EDGE_BUDGET / count
        self.drawn_edges = int(np.count_nonzero(keep))
        # Skip setData when the same edges are drawn (most pan steps): each setData emits
        # signals, and every signal emitted from Python under PySide6 6.12 drops a
        # reference to True (see the report), so fewer emits also mean a longer session.
        signature = hash(np.packbits(keep).tobytes())
        if signature == self._edge_signature:
            return
        self._edge_signature = signature
        for kind, curve in enumerate(self.edge_items):
            points = self._ends[keep & (self._kinds == kind)].reshape(-1, 2)
            curve.setData(x=points[:, 0], y=points[:, 1], connect="pairs")

    def _on_view_transform_changed(self, _view_box) -> None:
        self._edge_timer.start()

    def _on_range_changed_manually(self, *_args) -> None:
        self._auto_fit = False

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if getattr(self, "_auto_fit", False):  # (also called while pyqtgraph builds it)
            self.fit()

    def fit(self) -> None:
        drawing = self.drawing
        if drawing is None or len(drawing.nodes) == 0:
            return
        chosen = drawing.pos[_framed_nodes(len(drawing.nodes), drawing.edges)]
        low, high = chosen.min(axis=0), chosen.max(axis=0)
        margin = float((high - low).max()) * 0.05 + 1.0
        self.getPlotItem().vb.setRange(
            xRange=(low[0] - margin, high[0] + margin),
            yRange=(low[1] - margin, high[1] + margin),
            padding=0,
        )

    def select(self, index: int, centre: bool = True) -> None:
        drawing = self.drawing
        if drawing is None or not 0 <= index < len(drawing.nodes):
            self.highlight.setData(x=[], y=[])
            return
        x, y = (float(v) for v in drawing.pos[index])
        self.highlight.setData(x=[x], y=[y], size=[float(self._size_of[index]) + 8])
        if centre:
            box = self.getPlotItem().vb.viewRect()
            self.getPlotItem().vb.setRange(
                xRange=(x - box.width() / 2, x + box.width() / 2),
                yRange=(y - box.height() / 2, y + box.height() / 2),
                padding=0,
            )

    def scene_pos_of(self, index: int) -> QPointF:
        """Where node ``index`` is drawn, in scene coordinates (tests click there)."""
        assert self.drawing is not None
        x, y = (float(v) for v in self.drawing.pos[index])
        return self.getPlotItem().vb.mapViewToScene(QPointF(x, y))

    # -- mouse ----------------------------------------------------------------------------

    def node_at(self, scene_pos: QPointF) -> int:
        if self._tree is None or self.drawing is None:
            return -1
        vb = self.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            return -1
        point = vb.mapSceneToView(scene_pos)
        distance, found = self._tree.query([point.x(), point.y()])
        index = int(self._visible_index[found])
        pixel = vb.viewPixelSize()
        reach = (float(self._size_of[index]) / 2 + 4) * max(pixel[0], pixel[1])
        return index if distance <= reach else -1

    def _on_scene_mouse_moved(self, scene_pos) -> None:
        index = self.node_at(scene_pos)
        if index != self._hovered:
            self._hovered = index
            self.node_hovered.emit(index)

    def _on_scene_mouse_clicked(self, event) -> None:
        if event.double() or event.button() != pg.QtCore.Qt.MouseButton.LeftButton:
            return
        index = self.node_at(event.scenePos())
        if index >= 0:
            self.node_clicked.emit(index)
