"""`warroom graph CRISIS --json`: the documented fields, filters and errors."""

import json

import networkx as nx

from tests.analysis.conftest import post
from tests.helpers.propagation import load_records
from warroom.app import EXIT_ERROR, EXIT_OK, main
from warroom.store.db import CrisisDatabase
from warroom.store.rumors import create_rumor


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def make_crisis(path):
    crisis = CrisisDatabase.create(path, "CLI graph")
    load_records(
        crisis.db,
        [
            post(1, "hexacloud", 0, text="Incendie sur le site STR"),
            post(2, "afp", 1, repost_of="1"),
            post(3, "client1", 2, reply_to="1", text="Nos sites sont down"),
            post(4, "client2", 3, repost_of="2"),
            post(5, "client2", 4, reply_to="3", mentions=["afp"], text="idem"),
            post(6, "client2", 5, reply_to="3"),
            post(7, "client2", 6, reply_to="6"),  # self-reply: no edge
            post(8, "militant", 7, text="Site Seveso ?!", channel="mastodon"),
            post(9, "curieux", 8, repost_of="8", channel="mastodon"),
        ],
    )
    rumor = create_rumor(crisis.db, "Seveso", "op", match_query="seveso")
    crisis.close()
    return rumor


def test_graph_json_has_the_documented_fields(tmp_path, capsys):
    path = tmp_path / "g.warroom"
    make_crisis(path)
    code, out, _ = run(capsys, "graph", path, "--json")
    assert code == EXIT_OK
    report = json.loads(out)
    assert {
        "scope",
        "node_count",
        "edge_count",
        "modularity",
        "community_count",
        "communities",
        "top_hubs",
        "bridges",
        "cascades",
        "fireworks",
    } <= set(report)
    assert report["node_count"] == 6
    # afp->hexacloud, client1->hexacloud, client2->afp (reshare + mention merged),
    # client2->client1, curieux->militant
    assert report["edge_count"] == 5
    assert report["top_hubs"][0]["account"] == "hexacloud"
    assert set(report["top_hubs"][0]) >= {"account", "pagerank", "degree"}
    assert {c["size"] for c in report["communities"]} and all(
        set(c) == {"id", "label", "size"} for c in report["communities"]
    )
    cascades = report["cascades"]
    assert cascades["count"] == 2
    assert cascades["size"]["max"] == 7 and cascades["depth"]["max"] == 3
    assert set(cascades) == {"count", "size", "depth", "max_breadth", "structural_virality"}
    tree = nx.Graph([(1, 2), (1, 3), (2, 4), (3, 5), (3, 6), (6, 7)])
    assert cascades["structural_virality"]["max"] == round(nx.average_shortest_path_length(tree), 4)


def test_graph_filters_by_channel_and_rumor(tmp_path, capsys):
    path = tmp_path / "g.warroom"
    rumor = make_crisis(path)
    report = json.loads(run(capsys, "graph", path, "--json", "--channel", "mastodon")[1])
    assert (report["node_count"], report["edge_count"]) == (2, 1)
    assert report["scope"]["channel"] == "mastodon"
    report = json.loads(run(capsys, "graph", path, "--json", "--rumor", rumor)[1])
    assert report["node_count"] == 2 and report["scope"]["rumor"] == rumor
    code, out, _ = run(capsys, "graph", path)
    assert code == EXIT_OK and out.startswith("accounts: 6  links: 5")


def test_graph_errors_are_one_line(tmp_path, capsys):
    path = tmp_path / "g.warroom"
    make_crisis(path)
    code, _, err = run(capsys, "graph", path, "--rumor", "77")
    assert code == EXIT_ERROR and err.strip() == "warroom: error: no rumor with id 77"
    code, _, err = run(capsys, "graph", path, "--since", "yesterday")
    assert code == EXIT_ERROR and "not a time" in err and "Traceback" not in err
    code, _, err = run(capsys, "graph", tmp_path / "missing.warroom")
    assert code == EXIT_ERROR and "no such crisis file" in err
