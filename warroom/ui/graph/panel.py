"""The Graph view's side panel: summary, top hubs, bridges, communities, the account."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from warroom.analysis.graph_drawing import GraphDrawing, colour_of
from warroom.analysis.metrics import NO_COMMUNITY
from warroom.ui.graph.models import CommunityModel, CommunityRow, RankingModel, RankRow

TOP = 25


def _table(model, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(False)
    table.setAlternatingRowColors(True)
    vertical = table.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(22)
    vertical.hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setDefaultSectionSize(70)
    return table


class SidePanel(QTabWidget):
    """Signals:
    node_chosen(int): a hub or bridge row was clicked (node index in the drawing).
    show_feed(int): "Show posts in the feed" for the selected account (node index).
    renamed(int, str): the operator relabelled a community.
    """

    node_chosen = Signal(int)
    show_feed = Signal(int)
    renamed = Signal(int, str)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("graphSidePanel")
        self.setMinimumWidth(200)
        self.hubs = RankingModel((self.tr("Account"), self.tr("Influence"), self.tr("Links")))
        self.bridges = RankingModel(
            (self.tr("Account"), self.tr("Betweenness"), self.tr("Communities"))
        )
        self.communities = CommunityModel(
            (self.tr("Community (double-click to rename)"), self.tr("Accounts")),
            lambda community, label: self.renamed.emit(community, label),
        )
        self.hubs_table = _table(self.hubs, "graphHubs")
        self.bridges_table = _table(self.bridges, "graphBridges")
        self.communities_table = _table(self.communities, "graphCommunities")
        self.communities_table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        for table in (self.hubs_table, self.bridges_table):
            table.clicked.connect(self._on_table_clicked)
        self.pattern = QLabel()
        self.pattern.setWordWrap(True)
        self.pattern.setTextFormat(Qt.TextFormat.PlainText)
        communities = QWidget()
        layout = QVBoxLayout(communities)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.pattern)
        layout.addWidget(self.communities_table)
        self.account = QLabel(self.tr("Click an account in the graph."))
        self.account.setTextFormat(Qt.TextFormat.PlainText)
        self.account.setWordWrap(True)
        self.account.setObjectName("graphAccount")
        self.account.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.posts = QListWidget()
        self.posts.setObjectName("graphAccountPosts")
        self.posts.setWordWrap(True)
        self.feed_button = QPushButton(self.tr("Show this account's posts in the feed"))
        self.feed_button.setEnabled(False)
        self._selected = -1
        self.feed_button.clicked.connect(lambda: self.show_feed.emit(self._selected))
        account = QWidget()
        layout = QVBoxLayout(account)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.account)
        layout.addWidget(self.posts, 1)
        layout.addWidget(self.feed_button)
        self.addTab(self.hubs_table, self.tr("Top hubs"))
        self.addTab(self.bridges_table, self.tr("Bridges"))
        self.addTab(communities, self.tr("Communities"))
        self.addTab(account, self.tr("Account"))

    def _on_table_clicked(self, index) -> None:
        model = index.model()
        node = model.node_at(index.row()) if hasattr(model, "node_at") else -1
        if node >= 0:
            self.node_chosen.emit(node)

    def set_drawing(self, drawing: GraphDrawing) -> None:
        analysis = drawing.analysis
        index = drawing.index
        graph = drawing.result.graph

        def row(node: int, value: str, second: str) -> RankRow:
            i = index[node]
            return RankRow(
                i, "@" + drawing.label(i), value, second, colour_of(int(drawing.community[i]))
            )

        self.hubs.set_rows(
            [
                row(n, f"{analysis.pagerank[n]:.4f}", str(graph.degree(n)))
                for n in analysis.top_hubs(TOP)
            ]
        )
        self.bridges.set_rows(
            [
                row(n, f"{analysis.betweenness[n]:.4f}", str(_communities_around(drawing, n)))
                for n in analysis.top_bridges(TOP)
            ]
        )
        sizes: dict[int, int] = {}
        for community in drawing.community.tolist():
            if community != NO_COMMUNITY:
                sizes[community] = sizes.get(community, 0) + 1
        ordered = sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))[:200]
        self.communities.set_rows(
            [
                CommunityRow(c, analysis.labels.get(c, "") or f"community {c + 1}", s, colour_of(c))
                for c, s in ordered
            ]
        )
        fire = analysis.fireworks
        self.pattern.setText(
            self.tr(
                "Pattern: {pattern}. Modularity {modularity:.2f}; {inside:.0%} of activity inside "
                "the five largest communities; {hubs} isolated hubs carry {stars:.0%}."
            ).format(
                pattern=fire.get("pattern", ""),
                modularity=analysis.modularity,
                inside=fire.get("activity_in_top_communities", 0.0),
                hubs=fire.get("isolated_hubs", 0),
                stars=fire.get("activity_on_isolated_hub_stars", 0.0),
            )
        )

    def show_account(self, text: str, node: int) -> None:
        self._selected = node
        self.account.setText(text)
        self.posts.clear()
        self.feed_button.setEnabled(node >= 0)
        self.setCurrentIndex(3)

    def set_posts(self, lines: list[str]) -> None:
        self.posts.clear()
        self.posts.addItems(lines or [self.tr("No post in this crisis file.")])


def _communities_around(drawing: GraphDrawing, node: int) -> int:
    graph = drawing.result.graph
    membership = drawing.analysis.membership
    around = set(graph.successors(node)) | set(graph.predecessors(node)) | {node}
    return len({membership.get(n, NO_COMMUNITY) for n in around} - {NO_COMMUNITY})
