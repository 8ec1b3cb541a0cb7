"""The real Twitter15 trees and RumourEval threads, imported through the JSONL exchange
format into a real crisis file, against values computed independently with networkx on
the raw files."""

import ast
import json

import networkx as nx
import pytest

from tests.helpers.propagation import (
    RUMOUREVAL,
    load_jsonl,
    rumoureval_records,
    twitter15_records,
    twitter15_trees,
    write_jsonl,
)
from warroom.analysis import metrics
from warroom.analysis.graph import build_graph
from warroom.analysis.graph_summary import analyse, to_json

TREES = twitter15_trees()[:30]


def reference_tree(path):
    """Raw file -> networkx post tree (first parent of a child wins, self-loops dropped)
    and account graph, written without the helpers under test."""
    tree = nx.DiGraph()
    has_parent = set()
    root = None
    for line in path.read_text().splitlines():
        if "->" not in line:
            continue
        left, right = (ast.literal_eval(side.strip()) for side in line.split("->"))
        child = (right[0], right[1])
        if left[0] == "ROOT":
            root = child
            tree.add_node(child)
            has_parent.add(child)
            continue
        up = (left[0], left[1])
        if up == child or child in has_parent:
            continue
        has_parent.add(child)
        tree.add_edge(up, child)
    return tree, root


@pytest.fixture(scope="module")
def twitter15(tmp_path_factory):
    from warroom.store.db import CrisisDatabase

    folder = tmp_path_factory.mktemp("t15")
    crisis = CrisisDatabase.create(folder / "t15.warroom", "Twitter15")
    path = write_jsonl(folder / "t15.jsonl", twitter15_records(TREES))
    assert load_jsonl(crisis.db, path) > 5000
    yield crisis
    crisis.close()


def test_twitter15_node_and_edge_counts_match_networkx(twitter15):
    accounts = nx.DiGraph()
    for path in TREES:
        tree, _root = reference_tree(path)
        accounts.add_nodes_from(uid for uid, _tid in tree.nodes)
        accounts.add_edges_from((child[0], up[0]) for up, child in tree.edges if up[0] != child[0])
    builder, found = build_graph(twitter15.db)
    assert builder.result.node_count == accounts.number_of_nodes()
    assert builder.result.edge_count == accounts.number_of_edges()
    handles = {found[n].handle for n in builder.result.graph.nodes}
    assert handles == set(accounts.nodes)
    by_handle = {found[n].handle: n for n in builder.result.graph.nodes}
    mapped = {(found[u].handle, found[v].handle) for u, v in builder.result.graph.edges}
    assert mapped == set(accounts.edges)
    assert by_handle  # every account resolved


def test_twitter15_cascade_depths_and_sizes_match_networkx(twitter15):
    builder, _ = build_graph(twitter15.db)
    cascades = {c.root: c for c in metrics.cascades(builder.result)}
    ids = dict(twitter15.db.execute_sql("SELECT external_id, id FROM post").fetchall())
    for path in TREES:
        tree, root = reference_tree(path)
        reached = nx.single_source_shortest_path_length(tree, root)
        cascade = cascades[ids[f"{root[1]}-{root[0]}"]]
        assert cascade.depth == max(reached.values()), path.name
        assert cascade.size == len(reached), path.name
        levels = nx.utils.groups(reached)
        assert cascade.max_breadth == max(len(v) for v in levels.values())


def test_twitter15_summary_is_fireworks(twitter15):
    builder, accounts = build_graph(twitter15.db)
    analysis = analyse(builder.result, accounts)
    report = to_json(builder.result, analysis, accounts, {})
    # each rumor tree is a star around its source: fireworks, high modularity
    assert report["fireworks"]["pattern"] == "fireworks"
    assert report["modularity"] > 0.8
    assert report["cascades"]["count"] >= len(TREES)
    top = report["top_hubs"][0]
    sources = {reference_tree(p)[1][0] for p in TREES}
    assert top["account"] in sources  # the most influential account is a tree's source


def test_rumoureval_threads(tmp_path):
    from warroom.store.db import CrisisDatabase

    crisis = CrisisDatabase.create(tmp_path / "re.warroom", "RumourEval")
    try:
        path = write_jsonl(tmp_path / "re.jsonl", rumoureval_records())
        load_jsonl(crisis.db, path)
        builder, _ = build_graph(crisis.db)
        structures = json.loads((RUMOUREVAL / "structures.json").read_text())
        posts = json.loads((RUMOUREVAL / "posts.json").read_text())
        ids = dict(crisis.db.execute_sql("SELECT external_id, id FROM post").fetchall())
        cascades = {c.root: c for c in metrics.cascades(builder.result)}
        checked = 0
        for thread, tree in structures.items():
            reference = nx.DiGraph()
            stack = [(k, v) for k, v in tree.items()]
            while stack:
                node, children = stack.pop()
                reference.add_node(node)
                if isinstance(children, dict):
                    for child, grand in children.items():
                        if child in posts:
                            reference.add_edge(node, child)
                            stack.append((child, grand))
            if thread not in posts:
                continue
            # some threads list replies whose parent is missing beside the source: those
            # are cascades of their own
            reached = nx.single_source_shortest_path_length(reference, thread)
            assert cascades[ids[thread]].depth == max(reached.values()), thread
            assert cascades[ids[thread]].size == len(reached), thread
            checked += 1
        assert checked > 250
    finally:
        crisis.close()
