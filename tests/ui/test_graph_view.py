"""The Graph view, driven like a user: a real 5,000-account graph offscreen, replay,
click, search, filters, community labels, persistence."""

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QMouseEvent
from PySide6.QtWidgets import QApplication

from tests.helpers.propagation import load_records, twitter15_records, twitter15_trees
from warroom.domain.filters import PostFilter
from warroom.store import graph as graph_store
from warroom.ui.graph.models import CommunityModel, CommunityRow, RankingModel, RankRow
from warroom.ui.graph.view import SLIDER_MAX, GraphView


def open_view(qtbot, ctx, size=(1300, 800)):
    view = GraphView(ctx)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: view._drawing is not None, timeout=60_000)
    return view


@pytest.fixture
def big_crisis(tmp_path):
    """The first Twitter15 trees holding at least 5,000 accounts, in a real crisis file."""
    from warroom.store.db import CrisisDatabase

    crisis = CrisisDatabase.create(tmp_path / "t15.warroom", "Twitter15")
    records = list(twitter15_records(twitter15_trees()[:12]))
    load_records(crisis.db, records)
    yield crisis
    crisis.close()


def drawn_pixels(image):
    background = QColor("#fbfbfa").rgb()
    step = 4
    return sum(
        1
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
        if image.pixel(x, y) != background
    )


def test_a_5000_account_graph_is_drawn_and_the_slider_replays_it(
    qtbot, big_crisis, make_context, tmp_path
):
    view = open_view(qtbot, make_context(big_crisis))
    total = len(view._drawing.nodes)
    assert total >= 5000
    assert view.item_count() == total
    assert len(view.canvas.nodes.data) == total
    canvas_image = view.canvas.grab().toImage()
    full = drawn_pixels(canvas_image)
    assert full > 2000  # not an empty canvas
    view.grab().save(str(tmp_path / "graph_5k.png"))
    assert "accounts" in view.summary.text()

    view.slider.setFocus()
    qtbot.keyClick(view.slider, Qt.Key.Key_Home)
    assert view.slider.value() == 0
    early = view.visible_count()
    assert 0 < early < total
    assert len(view.canvas.nodes.data) == early
    drawn_edges = sum(len(c.xData) // 2 for c in view.canvas.edge_items if c.xData is not None)
    assert drawn_edges == view.canvas.drawn_edges < len(view._drawing.edges)
    assert drawn_pixels(view.canvas.grab().toImage()) < full
    qtbot.keyClick(view.slider, Qt.Key.Key_PageUp)
    assert view.visible_count() >= early
    qtbot.keyClick(view.slider, Qt.Key.Key_End)
    assert view.visible_count() == total
    assert f"{total} / {total}" in view.moment.text()


def test_zooming_in_draws_only_the_edges_in_view(qtbot, demo_crisis, make_context):
    view = open_view(qtbot, make_context(demo_crisis))
    # The edges follow the view once per event-loop turn: wait for the first full fit.
    qtbot.waitUntil(lambda: view.canvas.drawn_edges > 50)
    qtbot.wait(100)
    everything = view.canvas.drawn_edges
    view.canvas.getPlotItem().vb.scaleBy((0.1, 0.1))
    qtbot.waitUntil(lambda: view.canvas.drawn_edges < everything)
    view.canvas.fit()
    qtbot.waitUntil(lambda: view.canvas.drawn_edges == everything)


def test_play_replays_from_the_start_to_the_end(qtbot, demo_crisis, make_context):
    view = open_view(qtbot, make_context(demo_crisis))
    seen = []
    view._play.setInterval(1)  # the real pace (50 ms per step) is for people
    view.slider.valueChanged.connect(lambda _v: seen.append(view.visible_count()))
    qtbot.mouseClick(view.play, Qt.MouseButton.LeftButton)
    assert view.play.isChecked()
    qtbot.waitUntil(lambda: not view.play.isChecked(), timeout=20_000)
    assert view.slider.value() == SLIDER_MAX
    assert seen[0] < seen[-1] == len(view._drawing.nodes)
    assert seen == sorted(seen)  # the graph only grows


def test_click_on_a_node_shows_the_account_and_filters_the_feed(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = open_view(qtbot, ctx)
    drawing = view._drawing
    hub = drawing.index[drawing.analysis.top_hubs(1)[0]]
    scene = view.canvas.scene_pos_of(hub)
    point = view.canvas.mapFromScene(scene)
    with qtbot.waitSignal(ctx.navigator.show_posts) as shown:
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert shown.args[0] == PostFilter(
        author_id=drawing.nodes[hub], label=f"Posts by @{drawing.label(hub)}"
    )
    assert view.panel.account.text().startswith("@" + drawing.label(hub))
    qtbot.waitUntil(lambda: view.panel.posts.count() > 0)
    assert "[" in view.panel.posts.item(0).text()
    # hovering the node names it
    # (QTest's mouseMove moves the cursor, which the offscreen platform does not report;
    # pyqtgraph also drops moves closer than 1/60 s, hence the repeated move)
    moved = QPointF(point + QPoint(1, 0))

    def hover_and_check():
        QApplication.sendEvent(
            view.canvas.viewport(),
            QMouseEvent(
                QEvent.Type.MouseMove,
                moved,
                view.canvas.viewport().mapToGlobal(moved),
                Qt.MouseButton.NoButton,
                Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            ),
        )
        return drawing.label(hub) in view.hover.text()

    qtbot.waitUntil(hover_and_check)
    # empty space: nothing happens
    with qtbot.assertNotEmitted(ctx.navigator.show_posts):
        qtbot.mouseClick(view.canvas.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(3, 3))


def test_search_finds_an_account_and_reports_unknown_ones(qtbot, demo_crisis, make_context):
    view = open_view(qtbot, make_context(demo_crisis))
    qtbot.keyClicks(view.search, "@HEXACLOUD")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert view.panel.account.text().startswith("@hexacloud\n")
    assert view.panel.currentIndex() == 3
    view.search.clear()
    qtbot.keyClicks(view.search, "nobody_here")
    qtbot.keyClick(view.search, Qt.Key.Key_Return)
    assert "nobody_here" in view.hover.text()


def test_hub_row_click_selects_and_panel_lists_hubs_bridges_communities(
    qtbot, demo_crisis, make_context
):
    view = open_view(qtbot, make_context(demo_crisis))
    panel = view.panel
    assert panel.hubs.rowCount() > 5 and panel.bridges.rowCount() > 3
    assert panel.communities.rowCount() >= 2
    assert "Pattern:" in panel.pattern.text()
    table = panel.hubs_table
    rect = table.visualRect(panel.hubs.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    first = panel.hubs.data(panel.hubs.index(0, 0))
    assert panel.account.text().startswith(first)


def test_positions_and_communities_are_saved_and_reused(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = open_view(qtbot, ctx)
    nodes = len(view._drawing.nodes)
    assert view._drawing.new_positions  # first opening: laid out
    qtbot.waitUntil(lambda: len(graph_store.load_positions(demo_crisis.db)) == nodes)
    qtbot.waitUntil(lambda: bool(graph_store.load_communities(demo_crisis.db).labels))
    again = open_view(qtbot, ctx)
    assert not again._drawing.new_positions  # reopened: no layout
    assert (again._drawing.pos == view._drawing.pos).all()
    assert (again._drawing.community == view._drawing.community).all()


def test_rename_a_community_by_typing(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = open_view(qtbot, ctx)
    table = view.panel.communities_table
    view.panel.setCurrentIndex(2)
    community = view.panel.communities.community_at(0)
    rect = table.visualRect(view.panel.communities.index(0, 0))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(table, Qt.Key.Key_F2)  # (or a double-click)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "company network")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            graph_store.load_communities(demo_crisis.db).labels.get(community) == "company network"
        )
    )
    assert community in graph_store.load_communities(demo_crisis.db).edited
    # a rebuild keeps the operator's label
    view.refresh()
    qtbot.waitUntil(lambda: not view.busy)
    assert view._drawing.analysis.labels[community] == "company network"


def test_channel_filter_rebuilds_the_graph(qtbot, demo_crisis, make_context):
    view = open_view(qtbot, make_context(demo_crisis))
    everything = len(view._drawing.nodes)
    index = view.channel.findData("twitter")
    assert index > 0 and view.rumor.count() == 4  # all posts + the three demo rumors
    view.channel.setCurrentIndex(index)
    view.channel.activated.emit(index)
    qtbot.waitUntil(lambda: view._drawing.scope.channel == "twitter")
    assert 0 < len(view._drawing.nodes) < everything
    assert {view._drawing.accounts[n].channel for n in view._drawing.nodes} == {"twitter"}


def test_hostile_account_names_are_plain_text(qtbot, crisis, make_context):
    load_records(
        crisis.db,
        [
            {
                "channel": "twitter",
                "id": str(i),
                "author": "<b>bold</b>" if i == 1 else f"user{i}",
                "author_name": "<img src=x onerror=alert(1)>" + "x" * 100_000,
                "created_at": f"2021-03-10T0{i}:00:00+00:00",
                "text": "\x00\x07 <script>",
                **({"repost_of": "1"} if i > 1 else {}),
            }
            for i in range(1, 5)
        ],
    )
    view = open_view(qtbot, make_context(crisis))
    view._on_search_chosen("<b>bold</b>")
    text = view.panel.account.text()
    assert text.startswith("@<b>bold</b>")
    assert view.panel.account.textFormat() == Qt.TextFormat.PlainText


def test_empty_crisis_says_so(qtbot, crisis, make_context):
    view = open_view(qtbot, make_context(crisis))
    assert view.item_count() == 0
    assert "No reshare" in view.summary.text()


def test_models_pass_the_model_tester(qtmodeltester):
    ranking = RankingModel(("a", "b", "c"))
    ranking.set_rows(
        [RankRow(0, "@x", "0.1", "3", (1, 2, 3)), RankRow(1, "@y", "0.05", "1", (4, 5, 6))]
    )
    qtmodeltester.check(ranking)
    renamed = []
    communities = CommunityModel(("label", "size"), lambda c, t: renamed.append((c, t)))
    communities.set_rows(
        [CommunityRow(0, "media", 12, (1, 2, 3)), CommunityRow(3, "x", 2, (0, 0, 0))]
    )
    qtmodeltester.check(communities)
    assert communities.setData(communities.index(1, 0), "  digital   consultants ")
    assert renamed == [(3, "digital consultants")]
    assert not communities.setData(communities.index(1, 0), "   ")


def test_export_for_gephi_from_the_view(qtbot, demo_crisis, make_context, tmp_path):
    import networkx as nx

    view = open_view(qtbot, make_context(demo_crisis))
    view.export_to(tmp_path / "demo.gexf")
    qtbot.waitUntil(lambda: "Exported" in view.hover.text())
    assert nx.read_gexf(tmp_path / "demo.gexf").number_of_nodes() == len(view._drawing.nodes)
    view.export_to(tmp_path / "demo.graphml", graphml=True)
    qtbot.waitUntil(lambda: "demo.graphml" in view.hover.text() and "Exported" in view.hover.text())
    assert nx.read_graphml(tmp_path / "demo.graphml").number_of_edges() == len(view._drawing.edges)
    view.export_to(tmp_path / "missing" / "x.gexf")
    qtbot.waitUntil(lambda: "no such folder" in view.hover.text())


def test_new_posts_grow_the_graph_and_keep_the_picture(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = open_view(qtbot, ctx)
    before = view._drawing
    qtbot.waitUntil(lambda: len(graph_store.load_positions(demo_crisis.db)) == len(before.nodes))
    view._reload.setInterval(10)
    load_records(
        demo_crisis.db,
        [
            {
                "channel": "twitter",
                "id": f"live-{i}",
                "author": f"newcomer{i}",
                "created_at": "2021-03-10T12:00:00+00:00",
                "text": "RT",
                "repost_of": "demo-00000",
            }
            for i in range(5)
        ],
    )
    ctx.changes.notify({"posts"})
    qtbot.waitUntil(lambda: view._drawing is not before and not view.busy, timeout=20_000)
    after = view._drawing
    assert len(after.nodes) == len(before.nodes) + 5
    assert len(after.new_positions) == 5  # only the newcomers were placed
    old = {n: tuple(before.pos[i]) for i, n in enumerate(before.nodes)}
    assert all(tuple(after.pos[i]) == old[n] for i, n in enumerate(after.nodes) if n in old)


def test_main_replay_cursor_shows_the_graph_as_it_stood(qtbot, demo_crisis, make_context):
    """At the cursor the canvas shows exactly the accounts and links of a graph built
    from the posts published by then; a move of the view's own slider takes over; live
    shows everything again."""
    import sqlite3

    import numpy as np

    from warroom.analysis.graph import build_graph
    from warroom.domain.timeutil import parse_utc
    from warroom.store.graph import GraphScope

    ctx = make_context(demo_crisis)
    view = open_view(qtbot, ctx)
    drawing = view._drawing
    total = len(drawing.nodes)
    conn = sqlite3.connect(demo_crisis.path)
    times = sorted({parse_utc(at) for (at,) in conn.execute("SELECT created_at FROM post")})
    conn.close()
    k = len(times) // 2
    when = times[k] + (times[k + 1] - times[k]) / 2  # between two posts: no tie
    builder, _accounts = build_graph(demo_crisis.db, GraphScope(until=when))
    then = builder.result.graph
    assert 0 < then.number_of_nodes() < total
    ctx.navigator.as_of_changed.emit(when)
    shown = {drawing.nodes[i] for i in np.flatnonzero(view.canvas.visible)}
    assert shown == set(then.nodes)
    assert view.visible_count() == len(shown)
    assert f"{len(shown)} / {total}" in view.moment.text()
    links = {
        (drawing.nodes[a], drawing.nodes[b])
        for (a, b), t in zip(drawing.edges, drawing.edge_time, strict=True)
        if t <= when.timestamp()
    }
    assert links == {(a, b) for a, b in then.edges if a != b}
    view.slider.setFocus()
    qtbot.keyClick(view.slider, Qt.Key.Key_End)  # the operator explores on their own
    assert view.visible_count() == total
    ctx.navigator.as_of_changed.emit(when)
    assert view.visible_count() == len(shown)
    ctx.navigator.as_of_changed.emit(None)
    assert view.visible_count() == total and view.slider.value() == SLIDER_MAX
