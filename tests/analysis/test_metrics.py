"""Metrics on small hand-checked graphs."""

import networkx as nx
import pytest

from warroom.analysis import metrics
from warroom.analysis.community_labels import label_communities
from warroom.analysis.graph import PropagationGraph
from warroom.analysis.graph_summary import fireworks
from warroom.store.graph import AccountInfo


def forest(parent):
    result = PropagationGraph()
    posts = set(parent) | set(parent.values())
    result.post_author = {p: p for p in posts}
    result.parent = dict(parent)
    return result


def test_cascade_of_a_star_a_path_and_a_broom():
    star = {i: 0 for i in range(1, 6)}  # root 0 and 5 reshares
    path = {11: 10, 12: 11, 13: 12}  # 10 <- 11 <- 12 <- 13
    broom = {21: 20, 22: 21, 23: 21, 24: 21}
    found = {c.root: c for c in metrics.cascades(forest({**star, **path, **broom}))}
    assert (found[0].size, found[0].depth, found[0].max_breadth) == (6, 1, 5)
    # star of n nodes: pairwise distances 1 (leaf-root) and 2 (leaf-leaf): 2(n-1)/n... here
    # (5*1 + 10*2) / 15 pairs
    assert found[0].structural_virality == pytest.approx(25 / 15)
    assert (found[10].size, found[10].depth, found[10].max_breadth) == (4, 3, 1)
    assert found[10].structural_virality == pytest.approx((3 * 1 + 2 * 2 + 1 * 3) / 6)
    assert (found[20].depth, found[20].max_breadth) == (2, 3)
    tree = nx.Graph([(20, 21), (21, 22), (21, 23), (21, 24)])
    assert found[20].structural_virality == pytest.approx(nx.average_shortest_path_length(tree))


def test_parent_cycle_does_not_hang():
    found = metrics.cascades(forest({1: 2, 2: 1, 3: 1}))
    assert sum(c.size for c in found) == 3


def test_pagerank_and_betweenness_match_networkx():
    graph = nx.DiGraph()
    graph.add_weighted_edges_from([(1, 2, 3), (3, 2, 1), (2, 4, 1), (4, 5, 2), (5, 4, 1)])
    assert metrics.influence(graph) == pytest.approx(nx.pagerank(graph, weight="weight"))
    plain = metrics.undirected(graph)
    assert plain.edges[4, 5]["weight"] == 3
    assert metrics.bridges(plain) == pytest.approx(nx.betweenness_centrality(plain))
    karate = nx.karate_club_graph()
    assert metrics.bridges(karate) == pytest.approx(nx.betweenness_centrality(karate))


def test_sampled_betweenness_finds_the_bridge():
    graph = nx.barbell_graph(150, 3)  # two cliques joined by a 3-node path
    values = metrics.bridges(graph, max_sources=20)
    top = sorted(values, key=values.get, reverse=True)[:5]
    assert set(top) == {149, 150, 151, 152, 153}  # the path and its two ends


def test_communities_are_deterministic_numbered_by_size_and_have_modularity():
    graph = nx.Graph()
    graph.add_edges_from(nx.complete_graph(range(10)).edges)
    graph.add_edges_from(nx.complete_graph(range(10, 16)).edges)
    graph.add_edge(0, 10)
    graph.add_node(99)  # an account with no link
    nx.set_edge_attributes(graph, 1, "weight")
    first = metrics.communities(graph)
    assert first == metrics.communities(graph)
    assert {first[n] for n in range(10)} == {0}
    assert {first[n] for n in range(10, 16)} == {1}
    assert first[99] == metrics.NO_COMMUNITY
    expected = nx.community.modularity(graph, [set(range(10)), set(range(10, 16)), {99}])
    assert metrics.modularity(graph, first) == pytest.approx(expected)


def test_alignment_keeps_saved_numbers():
    saved = {1: 7, 2: 7, 3: 7, 4: 2, 5: 2}
    new = {1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 1, 8: 2, 9: 2}
    aligned = metrics.align_communities(new, saved)
    assert aligned[1] == 7 and aligned[4] == 2 and aligned[6] == 2
    assert aligned[8] == 8  # a new community gets a fresh number


def test_labels_from_kinds_hashtags_and_profiles():
    accounts = {
        1: AccountInfo(1, "twitter", "afp", kind="media", profile="Agence de presse"),
        2: AccountInfo(2, "twitter", "dna", kind="media", profile="Quotidien régional presse"),
        3: AccountInfo(3, "twitter", "x", profile="Cloud souverain, numérique"),
        4: AccountInfo(4, "twitter", "y", profile="Souverain et fier"),
    }
    labels = label_communities(
        {1: 0, 2: 0, 3: 1, 4: 1, 5: -1},
        accounts,
        {1: {"hexacloud": 3}, 3: {"souveraineté": 2}},
    )
    assert labels == {0: "media · #hexacloud", 1: "#souveraineté · souverain"}


def test_fireworks_vs_communities():
    stars = nx.Graph()
    for hub in range(5):
        stars.add_edges_from((hub * 100, hub * 100 + i) for i in range(1, 20))
    nx.set_edge_attributes(stars, 1, "weight")
    member = metrics.communities(stars)
    summary = fireworks(stars, member, metrics.modularity(stars, member))
    assert summary["pattern"] == "fireworks"
    assert summary["isolated_hubs"] == 5
    cliques = nx.connected_caveman_graph(4, 8)
    nx.set_edge_attributes(cliques, 1, "weight")
    member = metrics.communities(cliques)
    summary = fireworks(cliques, member, metrics.modularity(cliques, member))
    assert summary["pattern"] == "communities"
    assert summary["isolated_hubs"] == 0
    assert summary["activity_in_top_communities"] > 0.8


def test_a_hashtag_everyone_uses_names_no_community():
    accounts = {
        1: AccountInfo(1, "twitter", "a", kind="media"),
        2: AccountInfo(2, "twitter", "b", kind="authority"),
        3: AccountInfo(3, "twitter", "c", kind="customer"),
        4: AccountInfo(4, "twitter", "d", kind="customer"),
        5: AccountInfo(5, "twitter", "e", kind="politician"),
    }
    tags = {1: {"hexacloud": 5}, 2: {"hexacloud": 1}, 3: {"hexacloud": 2, "pra": 1}}
    labels = label_communities({1: 0, 2: 0, 5: 0, 3: 1, 4: 1}, accounts, tags)
    assert labels == {0: "media & authorities", 1: "customers · #pra"}
