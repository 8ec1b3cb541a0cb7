"""File import and store_batch: streaming, dedup, watchlists, hostile text, bad lines."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.ingest.csvmap import BUILTIN_PRESETS
from warroom.ingest.fileimport import import_file
from warroom.ingest.language import detect_languages
from warroom.ingest.normalise import finish
from warroom.store import watch
from warroom.store.ingest_store import store_batch
from warroom.store.models import Author, Post


def _line(i: int, **extra) -> str:
    record = {
        "channel": "twitter",
        "id": str(i),
        "created_at": "2021-03-10T00:47:00+01:00",
        "text": f"Incendie en cours sur le site de Strasbourg, message {i}",
        "author": f"user{i % 7}",
    }
    record.update(extra)
    return json.dumps(record, ensure_ascii=False)


def test_jsonl_import_reports_bad_lines_and_reimport_adds_nothing(crisis, tmp_path):
    lines = [_line(i) for i in range(1, 6)]
    lines.insert(2, "{not json")
    lines.insert(4, json.dumps({"channel": "twitter", "id": "x", "created_at": "2021-03-10"}))
    lines.append(_line(99, channel="myspace"))
    lines.append(_line(100, likes="12", hashtags=["OVH"], extra_field="kept"))
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    report = import_file(crisis.db, path)
    assert (report.new, report.duplicate, report.error_count) == (6, 0, 3)
    assert report.errors[0][0] == 3 and "not valid JSON" in report.errors[0][1]
    assert report.errors[1] == (5, "missing author")
    assert report.errors[2] == (8, "unknown channel 'myspace'")
    post = Post.get(Post.external_id == "100")
    assert post.likes == 12 and post.hashtags == ["OVH"] and post.raw["extra_field"] == "kept"
    assert post.lang == "fr"
    assert post.created_at == datetime(2021, 3, 9, 23, 47, tzinfo=UTC)
    again = import_file(crisis.db, path)
    assert (again.new, again.duplicate) == (0, 6)
    assert Post.select().count() == 6


def test_hostile_text_is_stored_as_safe_plain_text(crisis, tmp_path):
    huge = "A" * 100_000
    lines = [
        _line(
            1, text="<script>alert('x')</script><b>Bold</b> &amp; <a href='javascript:x'>link</a>"
        ),
        _line(2, text=huge),
        _line(
            3,
            text="bell\x07 nul\x00 esc\x1b[31m right\u202eleft zero\u200bwidth",
            author="evil\x00name",
        ),
    ]
    path = tmp_path / "hostile.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = import_file(crisis.db, path)
    assert report.new == 3 and report.error_count == 0
    texts = {p.external_id: p.text for p in Post.select()}
    assert texts["1"] == "Bold & link"
    assert texts["2"].startswith("A" * 1000) and len(texts["2"]) < 21_000
    assert "characters not shown" in texts["2"]
    assert "\x07" not in texts["3"] and "\x00" not in texts["3"] and "\u202e" not in texts["3"]
    assert Author.get(Author.handle == "evilname")


def test_csv_with_invalid_utf8_and_mapping_preset(crisis, tmp_path):
    header = "Date,Author,Content,Post URL,Reactions\n"
    rows = [
        '2021-03-10 09:00:00,ceo_hexa,"Nous sommes mobilisés, merci à tous",https://linkedin.example/p/1,40\n',
        "2021-03-10 10:00:00,consultant,Caf\xe9 bad bytes here,https://linkedin.example/p/2,3\n",
        "2021-03-10 11:00:00,,no author,https://linkedin.example/p/3,1\n",
    ]
    data = header.encode() + rows[0].encode() + rows[1].encode("latin-1") + rows[2].encode()
    path = tmp_path / "linkedin.csv"
    path.write_bytes(data)
    report = import_file(crisis.db, path, "csv", mapping=BUILTIN_PRESETS["linkedin"])
    assert report.new == 2 and report.error_count == 1
    assert report.errors == [(4, "missing author")]
    assert report.warnings == [(3, "invalid UTF-8 bytes replaced by �")]
    first = Post.get(Post.external_id == "https://linkedin.example/p/1")
    assert first.channel == "linkedin" and first.likes == 40
    assert "Caf� bad bytes" in Post.get(Post.external_id.endswith("/2")).text


def test_csv_mapping_is_guessed_from_the_header(crisis, tmp_path):
    path = tmp_path / "bw.csv"
    path.write_text(
        "Date,Page Type,Author,Full Text,Url,Resource Id\n"
        '2021-03-10T08:00:00Z,news,dna.fr,"Le site STR en feu",https://dna.fr/a,r1\n'
        '2021-03-10T08:05:00Z,blogs,someone,"multi\nline",https://b.example/x,r2\n',
        encoding="utf-8",
    )
    report = import_file(crisis.db, path)
    assert report.mapping == "brandwatch" and report.new == 2
    assert {p.channel for p in Post.select()} == {"press", "blog"}
    assert Post.get(Post.external_id == "r2").text == "multi\nline"


def test_cancel_keeps_what_was_stored(crisis, tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(_line(i) for i in range(5000)), encoding="utf-8")
    progress = []
    report = import_file(
        crisis.db,
        path,
        enrichers=(),
        progress=lambda d, t: progress.append((d, t)),
        cancelled=lambda: len(progress) >= 1,
    )
    assert report.cancelled and 0 < report.new < 5000
    assert Post.select().count() == report.new
    rest = import_file(crisis.db, path, enrichers=())
    assert rest.new == 5000 - report.new and Post.select().count() == 5000
    assert progress[-1][0] <= progress[-1][1]


def _post(pid: str, text: str, handle: str = "someone", channel: str = "twitter") -> NormalisedPost:
    return finish(
        NormalisedPost(
            channel=channel,
            id=pid,
            created_at=datetime(2021, 3, 10, tzinfo=UTC),
            author=NormalisedAuthor(channel=channel, handle=handle),
            text=text,
        )
    )


def test_watchlist_accounts_keywords_hashtags_and_exclusions(crisis):
    db = crisis.db
    watch.add_watch(db, "keyword", "Incendie Strasbourg")
    watch.add_watch(db, "hashtag", "#HexaCloud")
    watch.add_watch(db, "account", "@ycorre_hexa")
    watch.add_watch(db, "exclusion", "recrute")
    posts = [
        _post("1", "Un incendie à Strasbourg ce matin"),
        _post("2", "Tout le monde parle de #hexacloud"),
        _post("3", "We are all hands on deck tonight.", handle="ycorre_hexa"),
        _post("4", "Hexacloud recrute! #hexacloud"),
        _post("5", "Nous recrutons, on recrute", handle="ycorre_hexa"),
        _post("6", "Rien à voir"),
    ]
    result = store_batch(db, posts, None)
    assert (result.new, result.rejected, result.excluded) == (5, 1, 1)
    terms = {p.external_id: p.matched_terms for p in Post.select()}
    assert terms["1"] == ["incendie strasbourg"]
    assert terms["2"] == ["#hexacloud"]
    assert terms["3"] == ["@ycorre_hexa"]  # the founder's post without the keyword
    assert terms["5"] == ["@ycorre_hexa"]  # exclusions never hide a watched account
    assert terms["6"] == []
    assert len(result.new_ids) == 5


def test_store_batch_dedups_within_and_across_batches_and_keeps_operator_kind(crisis):
    from warroom.store.ingest_store import set_author_kind

    db = crisis.db
    first = store_batch(db, [_post("1", "a"), _post("1", "a again"), _post("2", "b")], None)
    assert (first.new, first.duplicate) == (2, 1)
    author = Author.get(Author.handle == "someone")
    set_author_kind(db, author.id, "journalist")
    again = _post("3", "c")
    again.author.kind = "media"
    again.author.followers = 99
    second = store_batch(db, [_post("2", "b"), again], None)
    assert (second.new, second.duplicate) == (1, 1)
    refreshed = Author.get_by_id(author.id)
    assert refreshed.kind == "journalist" and refreshed.followers == 99
    assert Post.get(Post.external_id == "1").text == "a"


def test_invalid_posts_are_rejected_with_reasons(crisis):
    bad = _post("1", "")
    worse = _post("2", "x", channel="myspace")
    result = store_batch(crisis.db, [bad, worse, _post("3", "ok")], None)
    assert (result.new, result.rejected) == (1, 2)
    assert "no text" in result.problems[0] and "unknown channel" in result.problems[1]


def test_language_detection_enricher():
    posts = [
        _post("1", "Le feu a pris dans la nuit au datacenter de Strasbourg"),
        _post("2", "The fire started during the night at the Strasbourg datacenter"),
        _post("3", "ok"),
    ]
    detect_languages(posts)
    assert [p.lang for p in posts] == ["fr", "en", ""]
