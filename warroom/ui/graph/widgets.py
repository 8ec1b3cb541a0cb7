"""The Graph view's widgets and their wiring (kept apart from its behaviour)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSlider,
    QSplitter,
    QToolButton,
    QVBoxLayout,
)

from warroom.ui.graph.canvas import GraphCanvas
from warroom.ui.graph.panel import SidePanel
from warroom.ui.widgets.replay_banner import ReplayBanner

SLIDER_MAX = 1000


def _named(widget, name: str):
    widget.setObjectName(name)
    return widget


def build_ui(view) -> None:
    """Create the view's widgets as attributes of ``view`` and connect them to its slots."""
    view.channel = _named(QComboBox(), "graphChannel")
    view.channel.addItem(view.tr("All channels"), None)
    view.rumor = _named(QComboBox(), "graphRumor")
    view.rumor.addItem(view.tr("All posts"), None)
    view.rumor.setMaximumWidth(260)
    for combo in (view.channel, view.rumor):  # long claims must not widen the window
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(4)
    view.channel.activated.connect(view._on_filter_activated)
    view.rumor.activated.connect(view._on_filter_activated)
    view.search = _named(QLineEdit(), "graphSearch")
    view.search.setPlaceholderText(view.tr("Find an account…"))
    view.search.setClearButtonEnabled(True)
    view._completion = QStringListModel(view)
    completer = QCompleter(view._completion, view)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    completer.activated.connect(view._on_search_chosen)
    view.search.setCompleter(completer)
    view.search.returnPressed.connect(lambda: view._on_search_chosen(view.search.text()))
    view.relayout = _named(QPushButton(view.tr("Lay out again")), "graphRelayout")
    view.relayout.clicked.connect(lambda: view.refresh(relayout=True))
    view.export = _named(QPushButton(view.tr("Export…")), "graphExport")
    view.export.setToolTip(view.tr("Export the graph for Gephi (GEXF or GraphML)"))
    view.export.clicked.connect(view._on_export_clicked)
    view.progress = _named(QProgressBar(), "graphProgress")
    view.progress.setMaximumWidth(120)
    view.progress.setMinimumWidth(40)
    view.progress.setTextVisible(False)
    view.progress.hide()
    view.cancel = _named(QPushButton(view.tr("Cancel")), "graphCancel")
    view.cancel.hide()
    view.cancel.clicked.connect(view._on_cancel_clicked)
    top = QHBoxLayout()
    for widget in (view.channel, view.rumor, view.search):
        top.addWidget(widget)
    top.addStretch(1)
    for widget in (view.progress, view.cancel, view.export, view.relayout):
        top.addWidget(widget)
    view.summary = _named(QLabel(), "graphSummary")
    view.summary.setTextFormat(Qt.TextFormat.PlainText)
    view.hover = _named(QLabel(), "graphHover")
    view.hover.setTextFormat(Qt.TextFormat.PlainText)
    view.canvas = GraphCanvas()
    view.canvas.node_hovered.connect(view._on_canvas_node_hovered)
    view.canvas.node_clicked.connect(view._on_canvas_node_clicked)
    view.panel = SidePanel()
    view.panel.node_chosen.connect(view._on_panel_node_chosen)
    view.panel.show_feed.connect(view._on_panel_show_feed)
    view.panel.renamed.connect(view._on_panel_renamed)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    splitter.addWidget(view.canvas)
    splitter.addWidget(view.panel)
    splitter.setStretchFactor(0, 3)
    splitter.setStretchFactor(1, 1)
    splitter.setSizes([700, 360])
    view.play = _named(QToolButton(), "graphPlay")
    view.play.setText(view.tr("▶ Replay"))
    view.play.setCheckable(True)
    view.play.toggled.connect(view._on_play_toggled)
    view.slider = _named(QSlider(Qt.Orientation.Horizontal), "graphTime")
    view.slider.setRange(0, SLIDER_MAX)
    view.slider.setValue(SLIDER_MAX)
    view.slider.setPageStep(50)
    view.slider.valueChanged.connect(view._on_slider_value_changed)
    view.moment = _named(QLabel(), "graphMoment")
    view.moment.setMinimumWidth(160)
    bottom = QHBoxLayout()
    bottom.addWidget(view.play)
    bottom.addWidget(view.slider, 1)
    bottom.addWidget(view.moment)
    layout = QVBoxLayout(view)
    layout.setContentsMargins(4, 4, 4, 4)
    view.replay_banner = ReplayBanner(
        view._ctx.tz, view.tr("the accounts and links that had appeared by then"), view
    )
    layout.addWidget(view.replay_banner)
    layout.addLayout(top)
    layout.addWidget(view.summary)
    layout.addWidget(splitter, 1)
    layout.addWidget(view.hover)
    layout.addLayout(bottom)
