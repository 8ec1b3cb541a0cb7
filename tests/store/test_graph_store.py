"""Saved graph state: positions, communities, operator labels."""

import pytest

from tests.analysis.conftest import post
from tests.helpers.propagation import load_records
from warroom.store import graph as graph_store
from warroom.store.errors import StoreError


def authors(crisis, count):
    load_records(crisis.db, [post(i, f"user{i}", i) for i in range(1, count + 1)])
    return [row[0] for row in crisis.db.execute_sql("SELECT id FROM author ORDER BY id")]


def test_positions_round_trip_and_update(crisis):
    ids = authors(crisis, 3)
    graph_store.save_positions(crisis.db, {ids[0]: (1.5, -2.0), ids[1]: (0.0, 3.0)})
    graph_store.save_positions(crisis.db, {ids[1]: (4.0, 4.0)})
    assert graph_store.load_positions(crisis.db) == {ids[0]: (1.5, -2.0), ids[1]: (4.0, 4.0)}


def test_communities_keep_edited_labels(crisis):
    ids = authors(crisis, 4)
    graph_store.save_communities(
        crisis.db, {ids[0]: 0, ids[1]: 0, ids[2]: 1}, {0: "media", 1: "customers"}
    )
    graph_store.set_community_label(crisis.db, 1, "  digital   consultants ")
    graph_store.save_communities(
        crisis.db, {ids[0]: 0, ids[2]: 1, ids[3]: 1}, {0: "media · #fire", 1: "auto"}
    )
    saved = graph_store.load_communities(crisis.db)
    assert saved.members == {ids[0]: 0, ids[2]: 1, ids[3]: 1}
    assert saved.labels == {0: "media · #fire", 1: "digital consultants"}
    assert saved.edited == {1}
    sizes = dict(crisis.db.execute_sql("SELECT community, size FROM graph_community"))
    assert sizes == {0: 1, 1: 2}


def test_bad_labels_are_refused(crisis):
    with pytest.raises(StoreError, match="cannot be empty"):
        graph_store.set_community_label(crisis.db, 0, " \n ")
    with pytest.raises(StoreError, match="at most 80"):
        graph_store.set_community_label(crisis.db, 0, "x" * 81)


def test_deleting_an_author_drops_its_position(crisis):
    ids = authors(crisis, 2)
    graph_store.save_positions(crisis.db, {ids[0]: (1.0, 1.0)})
    crisis.db.execute_sql("DELETE FROM post WHERE author_id = ?", (ids[0],))
    crisis.db.execute_sql("DELETE FROM author WHERE id = ?", (ids[0],))
    assert graph_store.load_positions(crisis.db) == {}


def test_scope_choices(crisis):
    load_records(crisis.db, [post(1, "a", 0), post(2, "b", 1, channel="mastodon")])
    channels, rumors = graph_store.scope_choices(crisis.db)
    assert channels == ["mastodon", "twitter"] and rumors == []
