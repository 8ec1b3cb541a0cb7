from warroom.store import logbook
from warroom.store.models import Post, Rumor
from warroom.store.rumors import create_rumor


def test_rumor_from_post_is_linked_and_logged(demo_crisis):
    post = Post.select().order_by(Post.id).first()
    before = logbook.count(demo_crisis.db)
    rumor_id = create_rumor(
        demo_crisis.db,
        "Le site serait classé Seveso",
        "Inès Benali",
        origin_post_id=post.id,
        match_query="seveso",
    )
    rumor = Rumor.get_by_id(rumor_id)
    assert rumor.first_seen == post.created_at and rumor.status == "detected"
    assert Post.get_by_id(post.id).rumor_id == rumor_id
    entry = logbook.entries(demo_crisis.db, since_seq=before)[0]
    assert entry.automatic and entry.category == "system"
    assert entry.on_behalf_of == "Inès Benali"
    assert ("rumor", rumor_id) in entry.links and ("post", post.id) in entry.links
    assert logbook.verify(demo_crisis.db).ok
