"""Connectors against a real local HTTP server serving the real recorded payloads
(../shared/data/api), including pagination and cursors across two polls."""

from __future__ import annotations

import copy
import json

from werkzeug import Request, Response

from tests.ingest.conftest import api_bytes, api_json, body_for
from tests.ingest.helpers import connector


def test_rss_youtube_channel_feed(httpserver):
    body = api_bytes("rss_atom/youtube_channel_atom_kotlin_TRUNCATED_2entries.xml")
    httpserver.expect_request("/feeds/videos.xml").respond_with_data(
        body, content_type="application/atom+xml", headers={"ETag": '"v1"'}
    )
    result = connector("rss", httpserver.url_for("/feeds/videos.xml")).fetch(None)
    assert [p.id for p in result.posts] == ["yt:video:ULBuIB9lHkc", result.posts[1].id]
    first = result.posts[0]
    assert first.channel == "youtube"
    assert first.text.startswith("Multi-dollar String Interpolation in Kotlin")
    assert first.url == "https://www.youtube.com/watch?v=ULBuIB9lHkc"
    assert first.created_at.isoformat() == "2024-12-16T15:10:21+00:00"
    assert first.author.display_name == "Kotlin by JetBrains"
    assert result.cursor["etag"] == '"v1"'


def test_rss_second_poll_sends_etag_and_accepts_304(httpserver):
    body = api_bytes("rss_atom/chardet_realworld/linuxbox.hu.xml")
    seen = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"abc"':
            return Response(status=304)
        return Response(body, content_type="application/rss+xml", headers={"ETag": '"abc"'})

    httpserver.expect_request("/node/feed").respond_with_handler(handler)
    source = connector("rss", httpserver.url_for("/node/feed"))
    first = source.fetch(None)
    assert len(first.posts) == 15
    assert all(p.channel == "press" and p.author.handle == "linuxbox.hu" for p in first.posts)
    assert all("<" not in p.text for p in first.posts)
    second = source.fetch(first.cursor)
    assert second.posts == [] and second.cursor["etag"] == '"abc"'
    assert seen == [None, '"abc"']
    assert first.cursor["newest"]


def test_rss_blogger_atom_03_with_channel_override(httpserver):
    body = api_bytes("rss_atom/chardet_realworld/anitabee.blogspot.com.xml")
    httpserver.expect_request("/atom.xml").respond_with_data(body, content_type="text/xml")
    result = connector("rss", httpserver.url_for("/atom.xml"), channel="blog").fetch(None)
    assert result.posts and all(p.channel == "blog" for p in result.posts)
    assert all(p.text and p.created_at.tzinfo for p in result.posts)


def _tag_handler(statuses):
    """A tag timeline that honours min_id like Mastodon: the oldest page after min_id."""

    def handler(request: Request) -> Response:
        min_id = request.args.get("min_id")
        newer = [s for s in statuses if not min_id or int(s["id"]) > int(min_id)]
        newer.sort(key=lambda s: int(s["id"]), reverse=True)
        return Response(json.dumps(newer[:40]), content_type="application/json; charset=utf-8")

    return handler


def test_mastodon_tag_timeline_two_polls_with_cursor(httpserver):
    public = body_for("mastodon/test_public_tl.responses.json", "timelines/public?local=1")
    tag = body_for("mastodon/test_hashtag_tl.responses.json", "timelines/tag/hoot")
    everything = copy.deepcopy(tag + public)
    available = everything[:3]
    httpserver.expect_request("/api/v1/timelines/tag/hoot").respond_with_handler(
        _tag_handler(available)
    )
    source = connector("mastodon", httpserver.url_for("/"), "#hoot")
    first = source.fetch(None)
    assert {p.id for p in first.posts} == {s["id"] for s in available}
    hoot = next(p for p in first.posts if p.id == tag[0]["id"])
    assert hoot.text == "#hoot (hashtag toot)"
    assert hoot.hashtags == ["hoot"] and hoot.lang == "ja"
    assert hoot.author.handle == "mastodonpy_test_2"
    available.extend(everything[3:])  # new statuses arrive between the polls
    second = source.fetch(first.cursor)
    ids = {p.id for p in second.posts}
    assert ids == {s["id"] for s in everything[3:] if int(s["id"]) > int(first.cursor["min_id"])}
    assert not ids & {p.id for p in first.posts}
    assert int(second.cursor["min_id"]) >= int(first.cursor["min_id"])


def test_mastodon_search_and_reblogs(httpserver):
    search = body_for("mastodon/test_search.responses.json", "type=statuses")
    httpserver.expect_request("/api/v2/search").respond_with_json(search)
    result = connector("mastodon", httpserver.url_for("/"), "mastodonpy_test").fetch(None)
    assert len(result.posts) == len(search["statuses"])
    reblog = body_for("mastodon/test_status_reblogged_by.responses.json", "/reblog")
    from warroom.ingest.connectors.mastodon import map_status

    posts = map_status(reblog)
    assert posts[-1].repost_of == reblog["reblog"]["id"] == posts[0].id


def _search_lexicon_page(views, cursor=None):
    """searchPosts output per the official lexicon: {cursor?, hitsTotal?, posts: [postView]}."""
    page = {"posts": views, "hitsTotal": len(views)}
    if cursor:
        page["cursor"] = cursor
    return page


def _thread_views():
    from warroom.ingest.connectors.bluesky import walk_thread

    views = []
    walk_thread(api_json("bluesky/getPostThread_thread_vercel.json")["thread"], views)
    return views


def test_bluesky_thread_reply_tree(httpserver):
    thread = api_json("bluesky/getPostThread_thread_vercel.json")
    httpserver.expect_request("/xrpc/app.bsky.feed.getPostThread").respond_with_json(thread)
    uri = thread["thread"]["post"]["uri"]
    result = connector("bluesky", httpserver.url_for("/"), uri).fetch(None)
    root = result.posts[0]
    assert root.id == uri and root.author.handle == "vercel.com"
    assert root.likes == 28 and root.replies == 3
    replies = result.posts[1:]
    assert replies and all(p.reply_to for p in replies)
    assert {p.reply_to for p in replies} <= {p.id for p in result.posts}
    assert root.url.startswith("https://bsky.app/profile/vercel.com/post/")


def test_bluesky_search_two_polls_uses_since(httpserver):
    views = _thread_views()
    requests_seen = []

    def handler(request: Request) -> Response:
        requests_seen.append(dict(request.args))
        if request.args.get("since"):
            return Response(json.dumps(_search_lexicon_page([])), content_type="application/json")
        return Response(
            json.dumps(_search_lexicon_page(views, "c1")), content_type="application/json"
        )

    httpserver.expect_request("/xrpc/app.bsky.feed.searchPosts").respond_with_handler(handler)
    source = connector("bluesky", httpserver.url_for("/"), "react")
    first = source.fetch(None)
    assert len(first.posts) == len(views)
    second = source.fetch(first.cursor)
    assert second.posts == [] and second.cursor == first.cursor
    assert requests_seen[1]["since"] == first.cursor["since"]
    assert requests_seen[0]["sort"] == "latest"


def test_reddit_new_listing_two_polls(httpserver):
    listing = body_for("reddit/TestSubredditListings.test_new.responses.json", "/new")
    children = listing["data"]["children"]
    seen = []

    def handler(request: Request) -> Response:
        before = request.args.get("before")
        seen.append(before)
        if before is None:
            page = {"kind": "Listing", "data": {**listing["data"], "children": children[5:]}}
        else:
            names = [c["data"]["name"] for c in children]
            newer = children[: names.index(before)]
            page = {
                "kind": "Listing",
                "data": {**listing["data"], "children": newer, "before": None},
            }
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/r/askreddit/new.json").respond_with_handler(handler)
    source = connector("reddit", httpserver.url_for("/"), "r/askreddit")
    first = source.fetch(None)
    assert len(first.posts) == len(children) - 5
    assert first.cursor["before"] == children[5]["data"]["name"]
    post = next(p for p in first.posts if p.id == children[5]["data"]["id"])
    assert post.text.startswith(children[5]["data"]["title"][:20])
    assert post.url.startswith("https://www.reddit.com/r/AskReddit/")
    second = source.fetch(first.cursor)
    assert [p.id for p in second.posts] == [c["data"]["id"] for c in children[:5]]
    assert seen == [None, children[5]["data"]["name"]]


def test_reddit_comments_reply_to_parents():
    from warroom.ingest.connectors.reddit import map_thing, walk_comments

    body = body_for("reddit/TestSubmission.test_comments.responses.json", "/comments/")
    things = []
    walk_comments(body[1], things)
    posts = [p for t in things for p in map_thing(t)]
    assert posts and all(p.reply_to for p in posts)
    crosspost = body_for("reddit/TestSubmission.test_crosspost.responses.json", "6vx8n0")
    (cross,) = map_thing(crosspost[0]["data"]["children"][0])
    assert cross.repost_of == "6vx01b"


def _with_expansions(body):
    """The recorded v2 search plus ``includes`` shaped as the v2 documentation shows."""
    data = copy.deepcopy(body)
    tweets = data["data"]
    for index, tweet in enumerate(tweets):
        tweet["author_id"] = str(1000 + index % 3)
        tweet["public_metrics"] = {
            "retweet_count": index,
            "reply_count": 0,
            "like_count": 2 * index,
            "quote_count": 0,
        }
    tweets[1]["referenced_tweets"] = [{"type": "replied_to", "id": tweets[0]["id"]}]
    tweets[2]["referenced_tweets"] = [{"type": "quoted", "id": "1293593516040269825"}]
    quoted = body_for("twitter_x/test_client_get_tweet.responses.json", "1293593516040269825")[
        "data"
    ]
    data["includes"] = {
        "users": [
            {
                "id": "1000",
                "username": "hexa_fan",
                "name": "Hexa Fan",
                "verified": False,
                "public_metrics": {"followers_count": 12},
            },
            {
                "id": "1001",
                "username": "afp_tech",
                "name": "AFP Tech",
                "verified": True,
                "public_metrics": {"followers_count": 520000},
            },
        ],
        "tweets": [quoted],
    }
    return data


def test_x_recent_search_with_expansions_two_polls(httpserver):
    recorded = body_for(
        "twitter_x/test_client_search_recent_tweets.responses.json", "search/recent"
    )
    page = _with_expansions(recorded)
    seen = []

    def handler(request: Request) -> Response:
        seen.append((dict(request.args), request.headers.get("Authorization")))
        if request.args.get("since_id"):
            return Response(
                json.dumps({"meta": {"result_count": 0}}), content_type="application/json"
            )
        return Response(json.dumps(page), content_type="application/json")

    httpserver.expect_request("/2/tweets/search/recent").respond_with_handler(handler)
    source = connector("x", httpserver.url_for("/"), "hexacloud", secret="s3cret")
    first = source.fetch(None)
    ids = {p.id for p in first.posts}
    assert {t["id"] for t in recorded["data"]} | {"1293593516040269825"} == ids
    by_id = {p.id: p for p in first.posts}
    tweets = recorded["data"]
    assert by_id[tweets[1]["id"]].reply_to == tweets[0]["id"]
    assert by_id[tweets[2]["id"]].quote_of == "1293593516040269825"
    assert by_id[tweets[1]["id"]].author.handle == "afp_tech"
    assert by_id[tweets[1]["id"]].author.verified is True
    # no created_at was requested in the recording: the time comes from the snowflake id
    assert by_id[tweets[0]["id"]].created_at.isoformat().startswith("2022-10-07T22:42:12")
    assert first.cursor == {"since_id": recorded["meta"]["newest_id"]}
    second = source.fetch(first.cursor)
    assert second.posts == [] and second.cursor == first.cursor
    assert seen[1][0]["since_id"] == recorded["meta"]["newest_id"]
    assert seen[0][1] == "Bearer s3cret"
    assert "referenced_tweets.id" in seen[0][0]["expansions"]


def test_youtube_comment_threads_pages(httpserver):
    page1 = api_json("youtube/comment_threads_comment_threads_by_video_paged_1.json")
    page2 = api_json("youtube/comment_threads_comment_threads_by_video_paged_2.json")
    seen = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.args))
        body = page2 if request.args.get("pageToken") else page1
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/youtube/v3/commentThreads").respond_with_handler(handler)
    source = connector("youtube", httpserver.url_for("/youtube/v3"), "video:F1UP7wRCPH8", "KEY")
    first = source.fetch(None)
    assert len(seen) == 1  # first poll: newest page only
    assert first.posts[0].text == "Google.com"  # textOriginal, not the HTML display text
    assert all(p.reply_to for p in first.posts)
    assert seen[0]["key"] == "KEY" and seen[0]["order"] == "time"
    # a later poll pages until it reaches what it saw (here: both pages are older)
    cursor = {"since": "2000-01-01T00:00:00.000000Z"}
    later = source.fetch(cursor)
    assert len(seen) == 3 and seen[2]["pageToken"] == page1["nextPageToken"]
    assert len(later.posts) == len(page1["items"]) + len(page2["items"]) + sum(
        len((t.get("replies") or {}).get("comments", [])) for t in page1["items"] + page2["items"]
    )


def test_youtube_search_maps_videos(httpserver):
    body = api_json("youtube/search_search_by_keywords_p1.json")
    httpserver.expect_request("/youtube/v3/search").respond_with_json(body)
    result = connector("youtube", httpserver.url_for("/youtube/v3"), "surfing", "KEY").fetch(None)
    videos = [i for i in body["items"] if i["id"].get("videoId")]
    assert len(result.posts) == len(videos)
    assert result.posts[0].url == f"https://www.youtube.com/watch?v={videos[0]['id']['videoId']}"


def test_facebook_feed_two_pages_without_leaking_the_token(httpserver):
    page1 = api_json("facebook/posts_feed_fields_p1.json")
    page2 = api_json("facebook/posts_feed_fields_p2.json")
    base = httpserver.url_for("/v19.0")
    local1 = copy.deepcopy(page1)
    local1["paging"]["next"] = base + "/4/feed?page=2&access_token=T0KEN"
    seen = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.args))
        body = page2 if request.args.get("page") else local1
        return Response(json.dumps(body), content_type="application/json")

    httpserver.expect_request("/v19.0/4/feed").respond_with_handler(handler)
    source = connector("facebook", base, "4", secret="T0KEN")
    first = source.fetch(None)
    assert [p.id for p in first.posts] == [d["id"] for d in page1["data"]]
    assert first.posts[0].text == "Happy July 4th! 🇺🇸"
    assert "T0KEN" not in json.dumps(first.cursor)
    later = source.fetch({"since": 1})
    assert len(later.posts) == len(page1["data"]) + len(page2["data"])
    assert seen[0]["access_token"] == "T0KEN"


def test_facebook_comments_without_ids_use_the_permalink(httpserver):
    page = api_json("facebook/comments_comments_p1.json")
    httpserver.expect_request("/v19.0/10158407654328553/comments").respond_with_json(page)
    source = connector("facebook", httpserver.url_for("/v19.0"), "comments:10158407654328553", "T")
    result = source.fetch(None)
    assert len(result.posts) == len(page["data"])
    assert result.posts[0].id == "10158407835073553"
    assert all(p.reply_to == "10158407654328553" for p in result.posts)


def test_bluesky_app_password_opens_a_session(httpserver):
    thread = api_json("bluesky/getPostThread_thread_vercel.json")
    httpserver.expect_request(
        "/xrpc/com.atproto.server.createSession",
        method="POST",
        json={"identifier": "cell.bsky.social", "password": "abcd-efgh"},
    ).respond_with_json({"accessJwt": "JWT-1", "refreshJwt": "R", "handle": "cell.bsky.social"})
    httpserver.expect_request(
        "/xrpc/app.bsky.feed.getPostThread", headers={"Authorization": "Bearer JWT-1"}
    ).respond_with_json(thread)
    uri = thread["thread"]["post"]["uri"]
    source = connector("bluesky", httpserver.url_for("/"), uri, "cell.bsky.social:abcd-efgh")
    assert source.fetch(None).posts[0].id == uri


def test_bluesky_wrong_app_password_says_check_your_token(httpserver, fast_policy):
    import pytest

    from warroom.ingest.http import SourceError

    httpserver.expect_request("/xrpc/com.atproto.server.createSession").respond_with_json(
        {"error": "AuthenticationRequired"}, status=401
    )
    secret = "a.bsky.social:wrong-pass"
    source = connector("bluesky", httpserver.url_for("/"), "incendie", secret, fast_policy)
    with pytest.raises(SourceError) as info:
        source.fetch(None)
    assert "check your token" in str(info.value) and "wrong-pass" not in str(info.value)
