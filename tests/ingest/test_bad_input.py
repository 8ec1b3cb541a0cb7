"""Every bad-input case of the issue: each gives a plain-words error and loses nothing."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from werkzeug import Request, Response

from tests.ingest.conftest import api_bytes, body_for
from tests.ingest.helpers import connector
from warroom.ingest.http import HttpPolicy, SourceError
from warroom.ingest.pipeline import poll_source
from warroom.store import sources as store_sources
from warroom.store.models import LogEntry, Post

TAG = "/api/v1/timelines/tag/hoot"


def _fail(kind, url, query="", secret=None, policy=None, **params):
    with pytest.raises(SourceError) as info:
        connector(kind, url, query, secret, policy, **params).fetch(None)
    return str(info.value)


def test_malformed_xml(httpserver, fast_policy):
    httpserver.expect_request("/feed").respond_with_data(
        b"<?xml version='1.0'?><rss><chan", content_type="application/rss+xml"
    )
    message = _fail("rss", httpserver.url_for("/feed"), policy=fast_policy)
    assert "did not send a readable RSS/Atom feed" in message


def test_malformed_xml_with_readable_entries_keeps_them_and_says_so(httpserver, fast_policy):
    httpserver.expect_request("/feed").respond_with_data(
        b"<rss version='2.0'><channel><title>T</title><item><title>Fire at STR</title>"
        b"<guid>a1</guid></item><item><title>broken &bad; <b>",
        content_type="application/rss+xml",
    )
    result = connector("rss", httpserver.url_for("/feed"), policy=fast_policy).fetch(None)
    assert [p.text for p in result.posts][:1] == ["Fire at STR"]
    assert "not well-formed XML" in result.notes[-1]


def test_malformed_json(httpserver, fast_policy):
    httpserver.expect_request(TAG).respond_with_data(
        b'[{"id": "1",, }]', content_type="application/json"
    )
    message = _fail("mastodon", httpserver.url_for("/"), "#hoot", policy=fast_policy)
    assert "malformed JSON" in message


def test_html_error_page_served_with_200(httpserver, fast_policy):
    page = b"<!DOCTYPE html><html><body><h1>Maintenance</h1></body></html>"
    httpserver.expect_request(TAG).respond_with_data(page, content_type="text/html")
    httpserver.expect_request("/feed").respond_with_data(page, content_type="text/html")
    assert "web page instead of data" in _fail(
        "mastodon", httpserver.url_for("/"), "#hoot", policy=fast_policy
    )
    assert "web page, not an RSS/Atom feed" in _fail(
        "rss", httpserver.url_for("/feed"), policy=fast_policy
    )


def test_truncated_json_body(httpserver, fast_policy):
    body = json.dumps(body_for("mastodon/test_hashtag_tl.responses.json", "timelines/tag"))
    httpserver.expect_request(TAG).respond_with_data(
        body[: len(body) // 2], content_type="application/json"
    )
    assert "truncated JSON" in _fail(
        "mastodon", httpserver.url_for("/"), "#hoot", policy=fast_policy
    )


class _ShortBody(BaseHTTPRequestHandler):
    """Announces more bytes than it sends, then closes: a body cut by the network."""

    def do_GET(self):
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "5000")
        self.end_headers()
        self.wfile.write(b'[{"id": "1"')
        self.wfile.flush()
        self.connection.shutdown(socket.SHUT_RDWR)

    def log_message(self, *args):
        pass


def test_truncated_body_on_the_wire(fast_policy):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ShortBody)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/"
        assert "cut the response short" in _fail("mastodon", url, "#hoot", policy=fast_policy)
    finally:
        server.shutdown()
        server.server_close()


def test_wrong_content_type_is_still_read_when_the_body_is_right(httpserver, fast_policy):
    body = api_bytes("rss_atom/youtube_channel_atom_kotlin_TRUNCATED_2entries.xml")
    httpserver.expect_request("/feed").respond_with_data(
        body, content_type="application/octet-stream"
    )
    assert (
        len(connector("rss", httpserver.url_for("/feed"), policy=fast_policy).fetch(None).posts)
        == 2
    )


def test_huge_payload_is_refused(httpserver):
    policy = HttpPolicy(max_bytes=10_000, backoff=0.01)
    httpserver.expect_request(TAG).respond_with_data(
        b"[" + b" " * 50_000 + b"]", content_type="application/json"
    )
    assert "too large" in _fail("mastodon", httpserver.url_for("/"), "#hoot", policy=policy)


def test_slow_server_times_out(httpserver):
    release = threading.Event()

    def slow(request: Request) -> Response:
        release.wait(3)
        return Response("[]", content_type="application/json")

    httpserver.expect_request(TAG).respond_with_handler(slow)
    policy = HttpPolicy(read_timeout=0.2, attempts=2, backoff=0.01)
    try:
        assert "did not answer in time" in _fail(
            "mastodon", httpserver.url_for("/"), "#hoot", policy=policy
        )
    finally:
        release.set()


@pytest.mark.parametrize("status", [401, 403])
def test_auth_errors_say_check_your_token(httpserver, fast_policy, status):
    httpserver.expect_request("/2/tweets/search/recent").respond_with_json(
        {"title": "Unauthorized"}, status=status
    )
    message = _fail(
        "x", httpserver.url_for("/"), "hexacloud", secret="SECRET-VALUE", policy=fast_policy
    )
    assert "check your token" in message and f"HTTP {status}" in message
    assert "SECRET-VALUE" not in message


def test_404(httpserver, fast_policy):
    httpserver.expect_request("/nope").respond_with_data("gone", status=404)
    assert "not found (HTTP 404)" in _fail("rss", httpserver.url_for("/nope"), policy=fast_policy)


def test_429_with_short_retry_after_is_retried(httpserver, fast_policy):
    calls = []
    statuses = body_for("mastodon/test_hashtag_tl.responses.json", "timelines/tag")

    def handler(request: Request) -> Response:
        calls.append(1)
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "0"})
        return Response(json.dumps(statuses), content_type="application/json")

    httpserver.expect_request(TAG).respond_with_handler(handler)
    result = connector("mastodon", httpserver.url_for("/"), "#hoot", policy=fast_policy).fetch(None)
    assert len(calls) == 2 and len(result.posts) == 1


def test_429_with_long_retry_after_defers_the_next_poll(httpserver, fast_policy):
    httpserver.expect_request(TAG).respond_with_data(
        "slow down", status=429, headers={"Retry-After": "900"}
    )
    with pytest.raises(SourceError) as info:
        connector("mastodon", httpserver.url_for("/"), "#hoot", policy=fast_policy).fetch(None)
    assert info.value.retry_in == 900 and "900 s" in str(info.value)
    assert len(httpserver.log) == 1  # it did not hammer the server


def test_429_without_retry_after_backs_off_then_reports(httpserver, fast_policy):
    httpserver.expect_request(TAG).respond_with_data("slow down", status=429)
    message = _fail("mastodon", httpserver.url_for("/"), "#hoot", policy=fast_policy)
    assert "rate limiting" in message and len(httpserver.log) == fast_policy.attempts


def test_5xx_is_retried_then_reported(httpserver, fast_policy):
    httpserver.expect_request(TAG).respond_with_data("oops", status=503)
    message = _fail("mastodon", httpserver.url_for("/"), "#hoot", policy=fast_policy)
    assert "server error (HTTP 503)" in message and len(httpserver.log) == 3


def test_dns_failure(fast_policy):
    message = _fail("rss", "http://no-such-host.invalid/feed", policy=fast_policy)
    assert "DNS lookup failed" in message or "cannot connect" in message


def test_missing_token_is_explained(fast_policy):
    message = _fail("x", "http://127.0.0.1:9/", "hexacloud", policy=fast_policy)
    assert "bearer token" in message and "keyring" in message


def test_failing_source_keeps_posts_and_cursor_and_logs_once(httpserver, crisis, fast_policy):
    statuses = body_for("mastodon/test_hashtag_tl.responses.json", "timelines/tag")
    state = {"fail": False}

    def handler(request: Request) -> Response:
        if state["fail"]:
            return Response("<html>down</html>", status=502, content_type="text/html")
        return Response(json.dumps(statuses), content_type="application/json")

    httpserver.expect_request(TAG).respond_with_handler(handler)
    db = crisis.db
    info = store_sources.add_source(
        db, "mastodon", "Mastodon hoot", {"url": httpserver.url_for("/"), "query": "#hoot"}, 60
    )
    assert poll_source(db, info, (), fast_policy).batch.new == 1
    good = store_sources.get_source(info.id)
    state["fail"] = True
    entries_before = LogEntry.select().count()
    for _ in range(3):
        outcome = poll_source(db, store_sources.get_source(info.id), (), fast_policy)
        assert not outcome.ok and "HTTP 502" in outcome.error
    failing = store_sources.get_source(info.id)
    assert failing.error_count == 3 and failing.cursor == good.cursor
    assert failing.next_poll > failing.last_error_at
    assert Post.select().count() == 1
    assert LogEntry.select().count() == entries_before + 1  # once per failure streak
    state["fail"] = False
    assert poll_source(db, store_sources.get_source(info.id), (), fast_policy).ok
    recovered = store_sources.get_source(info.id)
    assert recovered.error_count == 0
    last = LogEntry.select().order_by(LogEntry.seq.desc()).first()
    assert "works again" in last.text and last.automatic
