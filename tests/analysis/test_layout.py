"""Layout: Barnes-Hut accuracy, determinism with a seed, quality, incremental placement,
positions saved in the crisis file."""

import networkx as nx
import numpy as np
import pytest

from tests.analysis.conftest import post
from warroom.analysis import layout
from warroom.analysis.graph_drawing import prepare_drawing
from warroom.store import graph as graph_store
from warroom.store.db import CrisisDatabase


def edges_of(graph):
    nodes = sorted(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    pairs = np.array([(index[u], index[v]) for u, v in graph.edges()])
    return layout.Edges.from_pairs(len(nodes), pairs)


def exact_repulsion(pos, mass, kr):
    delta = pos[:, None, :] - pos[None, :, :]
    dist2 = (delta**2).sum(axis=2)
    np.fill_diagonal(dist2, np.inf)
    return (delta * (kr * mass[:, None] * mass[None, :] / dist2)[:, :, None]).sum(axis=1)


@pytest.mark.parametrize("n", [50, 1500])
def test_barnes_hut_repulsion_is_close_to_exact(n):
    rng = np.random.default_rng(1)
    pos = np.concatenate([rng.normal(size=(n // 2, 2)), rng.normal(5, 0.3, size=(n - n // 2, 2))])
    mass = rng.integers(1, 6, n).astype(float)
    approx = layout.repulsion(pos, mass, 2.0, 48)
    exact = exact_repulsion(pos, mass, 2.0)
    error = np.linalg.norm(approx - exact, axis=1).mean() / np.linalg.norm(exact, axis=1).mean()
    assert error < 0.02


def test_layout_is_deterministic_for_a_seed_and_differs_with_another():
    edges = edges_of(nx.barabasi_albert_graph(400, 2, seed=3))
    first = layout.layout(edges, seed=5)
    assert np.array_equal(first, layout.layout(edges, seed=5))
    assert not np.allclose(first, layout.layout(edges, seed=6))
    assert np.isfinite(first).all()


def stress_ratio(pos, graph):
    """Mean edge length over mean distance between random pairs: small when linked
    accounts are drawn close together."""
    nodes = sorted(graph.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    lengths = [np.linalg.norm(pos[index[u]] - pos[index[v]]) for u, v in graph.edges()]
    rng = np.random.default_rng(0)
    a, b = rng.integers(0, len(nodes), (2, 2000))
    return np.mean(lengths) / np.linalg.norm(pos[a] - pos[b], axis=1).mean()


def test_layout_draws_communities_apart_and_neighbours_close():
    graph = nx.connected_caveman_graph(6, 12)
    pos = layout.layout(edges_of(graph), seed=1)
    assert stress_ratio(pos, graph) < 0.35
    random_pos = np.random.default_rng(1).normal(size=pos.shape)
    assert stress_ratio(random_pos, graph) > 0.8
    # each cave is tighter than the whole drawing
    caves = [pos[i * 12 : (i + 1) * 12] for i in range(6)]
    spread = np.mean([np.linalg.norm(c - c.mean(axis=0), axis=1).mean() for c in caves])
    assert spread < 0.3 * np.linalg.norm(pos - pos.mean(axis=0), axis=1).mean()


def test_disconnected_components_and_tiny_graphs():
    assert layout.layout(layout.Edges.from_pairs(0, np.zeros((0, 2))), seed=1).shape == (0, 2)
    one = layout.layout(layout.Edges.from_pairs(1, np.zeros((0, 2))), seed=1)
    assert one.shape == (1, 2)
    graph = nx.disjoint_union_all([nx.star_graph(20), nx.path_graph(5), nx.empty_graph(3)])
    pos = layout.layout(edges_of(graph), seed=2)
    assert np.isfinite(pos).all()
    assert len({tuple(np.round(p, 6)) for p in pos}) == len(pos)  # no two on one spot


def test_incremental_layout_keeps_known_positions_and_places_new_near_neighbours():
    graph = nx.barabasi_albert_graph(300, 2, seed=9)
    edges = edges_of(graph)
    full = layout.layout(edges, seed=1)
    known = {i: tuple(full[i]) for i in range(250)}
    grown = layout.layout(edges, seed=1, known=known)
    assert np.array_equal(grown[:250], full[:250])
    extent = np.linalg.norm(full - full.mean(axis=0), axis=1).mean()
    for new in range(250, 300):
        neighbours = [v for v in graph[new] if v < 250]
        if neighbours:
            centre = full[neighbours].mean(axis=0)
            assert np.linalg.norm(grown[new] - centre) < extent


def test_positions_persist_in_the_crisis_file(crisis_path):
    from tests.helpers.propagation import load_records

    crisis = CrisisDatabase.create(crisis_path, "Layout")
    load_records(
        crisis.db,
        [
            post(i, f"u{i % 30}", i, **({"repost_of": str(i // 3)} if i > 3 else {}))
            for i in range(1, 120)
        ],
    )
    drawing = prepare_drawing(crisis.db)
    assert len(drawing.new_positions) == len(drawing.nodes)
    graph_store.save_positions(crisis.db, drawing.new_positions)
    crisis.close()
    reopened = CrisisDatabase.open(crisis_path)
    try:
        again = prepare_drawing(reopened.db)
        assert again.new_positions == {}
        assert np.array_equal(again.pos, drawing.pos)
        relaid = prepare_drawing(reopened.db, relayout=True)
        assert len(relaid.new_positions) == len(drawing.nodes)
    finally:
        reopened.close()
