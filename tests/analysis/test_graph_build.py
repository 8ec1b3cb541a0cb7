"""Building the propagation graph from posts of every link type, scopes, incremental."""

import random

import pytest

from tests.analysis.conftest import T0, post
from warroom.analysis.graph import GraphBuilder, build_graph, update_graph
from warroom.store import graph as graph_store
from warroom.store.errors import StoreError
from warroom.store.graph import GraphScope
from warroom.store.models import Rumor
from warroom.store.rumors import create_rumor

FOUR_TYPES = [
    post(1, "alice", 0, text="Fire at the STR site #hexacloud"),
    post(2, "bob", 5, repost_of="1"),
    post(3, "carol", 6, reply_to="1", text="Any ETA? @alice"),
    post(4, "dave", 7, quote_of="1", text="Look at this"),
    post(5, "erin", 8, mentions=["bob", "Carol"], text="cc"),
    post(6, "bob", 9, repost_of="4"),
    post(7, "alice", 10, reply_to="1", text="Self reply: no edge"),
    post(8, "bob", 11, repost_of="1"),
]


def ids(crisis):
    return {h: i for i, h in crisis.db.execute_sql("SELECT id, handle FROM author")}


def test_every_link_type_makes_a_typed_weighted_timestamped_edge(crisis, add_posts):
    add_posts(*FOUR_TYPES)
    builder, accounts = build_graph(crisis.db)
    graph = builder.result.graph
    a = ids(crisis)
    assert set(graph.nodes) == set(a.values())
    assert graph.edges[a["bob"], a["alice"]]["reshare"] == 2
    assert graph.edges[a["bob"], a["alice"]]["weight"] == 2
    assert graph.edges[a["bob"], a["alice"]]["first"] == (T0.timestamp() + 5 * 60)
    # carol replied to alice and mentioned her in the text: two links, one edge
    carol_alice = graph.edges[a["carol"], a["alice"]]
    assert (carol_alice["reply"], carol_alice["mention"], carol_alice["weight"]) == (1, 1, 2)
    assert graph.edges[a["dave"], a["alice"]]["quote"] == 1
    assert graph.edges[a["erin"], a["bob"]]["mention"] == 1
    assert graph.edges[a["erin"], a["carol"]]["mention"] == 1  # handles: any case
    assert graph.edges[a["bob"], a["dave"]]["reshare"] == 1
    assert not graph.has_edge(a["alice"], a["alice"])  # self-loops are not edges
    assert builder.result.edge_count == 6
    assert accounts[a["alice"]].handle == "alice"
    # the cascade forest: 2, 3, 4, 7, 8 derive from 1, 6 from 4
    parent = builder.result.parent
    assert sorted(parent.values()) == sorted([1, 1, 1, 1, 1, 4])


def test_channel_time_window_and_term_scopes(crisis, add_posts):
    add_posts(*FOUR_TYPES, post(20, "zoe", 3, channel="mastodon", text="autre canal"))
    a = ids(crisis)
    only_mastodon, _ = build_graph(crisis.db, GraphScope(channel="mastodon"))
    assert list(only_mastodon.result.graph.nodes) == [a["zoe"]]
    late = T0.replace(minute=47 + 9)
    window, _ = build_graph(crisis.db, GraphScope(since=late))
    # posts 6, 7, 8 only: bob reshared dave's and alice's posts (parents outside the window)
    assert set(window.result.graph.edges) == {(a["bob"], a["dave"]), (a["bob"], a["alice"])}
    hashtag, _ = build_graph(crisis.db, GraphScope(term="#hexacloud"))
    # the post with the hashtag and everything derived from it (reshares have no text)
    assert len(hashtag.result.post_author) == 7
    account, _ = build_graph(crisis.db, GraphScope(term="@erin"))
    assert set(account.result.graph.nodes) == {a["erin"], a["bob"], a["carol"]}


def test_rumor_scope_uses_linked_posts_and_its_search_query(crisis, add_posts):
    add_posts(
        post(1, "alice", 0, text="Le site serait classé Seveso"),
        post(2, "bob", 1, repost_of="1"),
        post(3, "carol", 2, text="Rien à voir"),
        post(4, "dave", 3, reply_to="3"),
    )
    rumor = create_rumor(crisis.db, "Seveso", "op", match_query="seveso")
    builder, _ = build_graph(crisis.db, GraphScope(rumor_id=rumor))
    assert sorted(builder.result.post_author) == [1, 2]
    crisis.db.execute_sql("UPDATE post SET rumor_id = ? WHERE id = 3", (rumor,))
    builder, _ = build_graph(crisis.db, GraphScope(rumor_id=rumor))
    assert sorted(builder.result.post_author) == [1, 2, 3, 4]


def test_unknown_rumor_and_broken_query_are_clear_errors(crisis, add_posts):
    add_posts(post(1, "alice", 0))
    with pytest.raises(StoreError, match="no rumor with id 42"):
        build_graph(crisis.db, GraphScope(rumor_id=42))
    rumor = create_rumor(crisis.db, "x", "op", match_query="seveso")
    # create_rumor refuses a broken query; a file written by hand may still hold one.
    Rumor.update(match_query='"unbalanced').where(Rumor.id == rumor).execute()
    with pytest.raises(StoreError, match="search query"):
        build_graph(crisis.db, GraphScope(rumor_id=rumor))


def snapshot(result):
    graph = result.graph
    return (
        sorted(graph.nodes(data=True)),
        sorted((u, v, sorted(d.items())) for u, v, d in graph.edges(data=True)),
        sorted(
            (link.source, link.target, link.kind, link.at, link.post_id) for link in result.links
        ),
        sorted(result.parent.items()),
    )


def test_incremental_update_equals_full_rebuild(crisis, add_posts):
    rng = random.Random(7)
    records = [post(i, f"user{rng.randrange(40)}", i) for i in range(1, 4)]
    for i in range(4, 400):
        parent = str(rng.randrange(1, i + 30))  # sometimes a parent that arrives later
        link = rng.choice(["repost_of", "reply_to", "quote_of", None])
        extra = {link: parent} if link else {"mentions": [f"user{rng.randrange(40)}"]}
        records.append(post(i, f"user{rng.randrange(40)}", rng.randrange(600), **extra))
    rng.shuffle(records)
    add_posts(*records[:150])
    builder, accounts = build_graph(crisis.db)
    for start in range(150, 400, 60):
        add_posts(*records[start : start + 60])
        update_graph(crisis.db, builder, GraphScope(), accounts)
    full, _ = build_graph(crisis.db)
    assert snapshot(builder.result) == snapshot(full.result)
    assert builder.result.edge_count > 100


def test_builder_order_independent_without_store():
    posts = graph_store.PostLinks
    made = [
        posts(2, "twitter", "b", 20, 2.0, repost_of="a"),
        posts(1, "twitter", "a", 10, 1.0),
        posts(3, "twitter", "c", 30, 3.0, reply_to="b"),
    ]
    one = GraphBuilder()
    one.add_posts(made)
    other = GraphBuilder()
    for item in made:
        other.add_posts([item])
    assert snapshot(one.result) == snapshot(other.result)
    assert set(one.result.graph.edges) == {(20, 10), (30, 20)}
