"""Features working together, as the integrator wired them in the composition roots."""

import json

from warroom.app import EXIT_OK, main
from warroom.store.db import CrisisDatabase
from warroom.store.models import Post


def test_import_scores_language_and_sentiment(tmp_path, capsys):
    crisis = tmp_path / "c.warroom"
    assert main(["new", str(crisis), "--name", "Import"]) == EXIT_OK
    lines = [
        {
            "channel": "twitter",
            "id": "1",
            "created_at": "2021-03-10T08:00:00Z",
            "author": "client_a",
            "text": "Service horrible, aucune réponse, c'est une honte !",
        },
        {
            "channel": "twitter",
            "id": "2",
            "created_at": "2021-03-10T08:01:00Z",
            "author": "client_b",
            "text": "Thank you, great support team, wonderful work!",
        },
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    assert main(["import", str(crisis), str(path)]) == EXIT_OK
    capsys.readouterr()
    db = CrisisDatabase.open(crisis)
    try:
        rows = {p.external_id: p for p in Post.select()}
    finally:
        db.close()
    assert rows["1"].lang == "fr" and rows["2"].lang == "en"
    assert rows["1"].sentiment < 0 < rows["2"].sentiment


def test_heat_map_click_filters_the_feed_in_the_window(qtbot, demo_crisis):
    """Issue #5 end to end: a heat-map cell click shows that group's posts on that channel."""
    from PySide6.QtCore import Qt

    from warroom.store.models import Author, StakeholderGroup
    from warroom.ui.application import build_context, make_settings
    from warroom.ui.main_window import MainWindow

    ctx = build_context(demo_crisis, make_settings(), "Inès Benali")
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show()
    stakeholders, feed = window.views["stakeholders"], window.views["feed"]
    window.show_view("stakeholders")
    qtbot.mouseClick(stakeholders.heat_button, Qt.MouseButton.LeftButton)
    customers = StakeholderGroup.get(StakeholderGroup.name == "Affected customers").id
    qtbot.waitUntil(
        lambda: (
            stakeholders.matrix is not None
            and customers in [g.id for g in stakeholders.matrix.groups]
        )
    )
    row = [g.id for g in stakeholders.matrix.groups].index(customers)
    column = stakeholders.matrix.channels.index("facebook")
    rect = stakeholders.heatmap.visualRect(stakeholders.heatmap.heat_model.index(row, column))
    qtbot.mouseClick(stakeholders.heatmap.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    expected = (
        Post.select()
        .join(Author)
        .where(Author.group == customers, Post.channel == "facebook")
        .count()
    )
    assert expected > 0
    qtbot.waitUntil(lambda: feed.filter.group_id == customers)
    qtbot.waitUntil(lambda: feed.item_count() == expected, timeout=10_000)
    assert feed.filter.channels == frozenset({"facebook"})
    ctx.runner.shutdown()


def test_export_graph_formats_from_the_command_line(demo_crisis, tmp_path, capsys):
    """Issue #8: `warroom export --format gexf|graphml` files that Gephi reads."""
    import xml.etree.ElementTree as ET

    import networkx as nx

    demo_crisis.close()
    for fmt in ("gexf", "graphml"):
        out = tmp_path / f"graph.{fmt}"
        code = main(["export", str(demo_crisis.path), "--format", fmt, "-o", str(out)])
        assert code == EXIT_OK
        assert f"{fmt}: wrote {out}" in capsys.readouterr().out
        graph = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
        assert graph.number_of_nodes() > 10 and graph.number_of_edges() > 10
        ET.parse(out)  # well-formed XML
    gexf = (tmp_path / "graph.gexf").read_text("utf-8")
    assert "viz:position" in gexf and "viz:color" in gexf and "viz:size" in gexf
