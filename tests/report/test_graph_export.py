"""GEXF and GraphML exports: they parse, and carry positions, sizes and colours the
way Gephi reads them."""

import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from tests.analysis.conftest import post
from tests.helpers.propagation import load_records
from warroom.analysis.graph_drawing import PALETTE, prepare_drawing
from warroom.report.graph_export import export_gexf, export_graphml
from warroom.store.errors import StoreError

VIZ = "{http://www.gexf.net/1.2draft/viz}"


@pytest.fixture
def graph_crisis(crisis):
    load_records(
        crisis.db,
        [post(1, "hub", 0, text="<b>hello</b> & ünïcode")]
        + [post(i, f"fan{i}", i, repost_of="1") for i in range(2, 12)]
        + [post(20, "fan2", 30, reply_to="3", mentions=["hub"])],
    )
    return crisis


def test_gexf_has_viz_positions_sizes_colours(graph_crisis, tmp_path):
    drawing = prepare_drawing(graph_crisis.db)
    summary = export_gexf(tmp_path / "g.gexf", graph_crisis.db, drawing=drawing)
    assert (summary.nodes, summary.edges) == (11, 11)
    root = ET.parse(tmp_path / "g.gexf").getroot()
    nodes = root.findall(".//{*}node")
    assert len(nodes) == 11
    hub = next(n for n in nodes if n.get("label") == "hub")
    position = hub.find(f"{VIZ}position")
    i = [drawing.label(k) for k in range(11)].index("hub")
    assert float(position.get("x")) == pytest.approx(drawing.pos[i, 0])
    assert float(hub.find(f"{VIZ}size").get("value")) == pytest.approx(drawing.size[i])
    colour = hub.find(f"{VIZ}color")
    assert (int(colour.get("r")), int(colour.get("g")), int(colour.get("b"))) in [
        *PALETTE,
        (150, 150, 150),
    ]
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.number_of_edges() == 11
    assert not (tmp_path / "g.gexf.part").exists()


def test_graphml_has_gephi_attributes(graph_crisis, tmp_path):
    summary = export_graphml(tmp_path / "g.graphml", graph_crisis.db)
    assert summary.nodes == 11
    back = nx.read_graphml(tmp_path / "g.graphml")
    data = next(d for _n, d in back.nodes(data=True) if d["label"] == "hub")
    assert {"x", "y", "size", "r", "g", "b", "community", "pagerank"} <= set(data)
    edge = next(d for _u, _v, d in back.edges(data=True) if d["mention_count"] == 1)
    # fan2 reshared the hub's post and later mentioned it: one edge, both counted
    assert (edge["weight"], edge["reshare_count"], edge["type"]) == (2.0, 1, "reshare")


def test_export_to_a_missing_folder_is_a_clear_error(graph_crisis, tmp_path):
    with pytest.raises(StoreError, match="no such folder"):
        export_gexf(tmp_path / "nope" / "g.gexf", graph_crisis.db)
