"""The post-crisis review: figures checked against the data, the PDF's sections (text
extraction, page by page), EXERCISE marking, lessons stored in the crisis file, and
rendered pages that are not blank."""

import json
import shutil
import subprocess
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtGui import QImage

from warroom.analysis.review import build_review
from warroom.app import EXIT_ERROR, EXIT_OK, main
from warroom.domain.deadlines import targets_from
from warroom.domain.review import percentile, phase_spans, response_stats, within_target
from warroom.domain.timeutil import parse_utc
from warroom.report.review_pdf import write_review
from warroom.report.review_sections import SECTIONS
from warroom.store.models import Post
from warroom.store.review import add_lesson, delete_lesson, lessons, update_lesson

PARIS = ZoneInfo("Europe/Paris")
needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils is not installed"
)


def pages_text(pdf):
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True)
    return out.stdout.split("\f")[:-1]


def t(text):
    return parse_utc(text)


TARGETS = targets_from({})  # the defaults, as a new crisis has them


def test_response_targets_per_channel():
    assert within_target("twitter", t("2021-03-10T10:00Z"), t("2021-03-10T11:59Z"), TARGETS, PARIS)
    assert not within_target(
        "twitter", t("2021-03-10T10:00Z"), t("2021-03-10T12:01Z"), TARGETS, PARIS
    )
    # Facebook: same day in the crisis time zone (22:30 UTC is 23:30 in Paris).
    assert within_target("facebook", t("2021-03-10T07:00Z"), t("2021-03-10T22:30Z"), TARGETS, PARIS)
    assert not within_target(
        "facebook", t("2021-03-10T07:00Z"), t("2021-03-10T23:30Z"), TARGETS, PARIS
    )
    # LinkedIn answers are due the same day too, as in the feed (not 24 h).
    assert not within_target(
        "linkedin", t("2021-03-10T07:00Z"), t("2021-03-11T06:00Z"), TARGETS, PARIS
    )
    # The crisis's own targets win: 30 minutes on X, none on blogs.
    mine = targets_from({"twitter": "30m", "blog": "none"})
    assert not within_target("twitter", t("2021-03-10T10:00Z"), t("2021-03-10T10:45Z"), mine, PARIS)
    assert (
        within_target("blog", t("2021-03-10T10:00Z"), t("2021-03-20T10:00Z"), mine, PARIS) is None
    )


def test_response_stats_by_hand():
    replies = [
        ("twitter", t("2021-03-10T10:00Z"), t("2021-03-10T10:30Z")),
        ("twitter", t("2021-03-10T10:00Z"), t("2021-03-10T11:00Z")),
        ("twitter", t("2021-03-10T10:00Z"), t("2021-03-10T15:00Z")),
    ]
    (stats,) = response_stats(replies, {"twitter": 4}, TARGETS, PARIS)
    assert (stats.answered, stats.unanswered) == (3, 4)
    assert stats.median_minutes == 60 and stats.p90_minutes == 300
    assert stats.within_target == pytest.approx(2 / 3)
    assert (stats.target, stats.target_minutes) == ("2 h", 120)
    (fb,) = response_stats([], {"facebook": 1}, TARGETS, PARIS)
    assert (fb.target, fb.target_minutes, fb.within_target) == ("same day", None, None)
    assert percentile([5, 1, 3], 50) == 3


def test_phase_spans_follow_recorded_changes():
    opened = t("2021-03-09T23:47Z")
    spans = phase_spans(opened, [(t("2021-03-10T00:13Z"), "acute"), (t("2021-03-16Z"), "recovery")])
    assert [s.phase for s in spans] == ["alert", "acute", "recovery"]
    assert spans[1].start == t("2021-03-10T00:13Z") and spans[-1].end is None


def test_review_figures_match_the_data(scenario_demo_crisis):
    data = build_review(scenario_demo_crisis.db, "Claire Martin")
    assert data.totals["posts"] == Post.select().count()
    assert sum(sum(v.values()) for v in data.volume_by_phase.values()) == data.totals["posts"]
    answered = Post.select().where(Post.answered_at.is_null(False)).count()
    assert sum(r.answered for r in data.responses) == answered
    seveso = next(r for r in data.rumors if "Seveso" in r["claim"])
    assert seveso["corrected_by"] == "Pompiers du Bas-Rhin"
    assert timedelta(hours=2) < seveso["corrected_at"] - seveso["first_seen"] < timedelta(hours=6)
    assert data.top_accounts[0]["handle"] == "ycorre_hexa"  # the founder is the main hub
    assert {c["group"] for c in data.communities} >= {"Affected customers", "Competitors"}
    assert any(g["gaps"] for g in data.coverage)
    assert any(d.amends for d in data.decisions)
    assert data.score is not None and data.score.rumors_rebutted == 3


def test_lessons_are_stored_edited_and_deleted(crisis):
    ident = add_lesson(crisis.db, "to_improve", "  Answer Facebook faster  ", "Inès")
    update_lesson(crisis.db, ident, "action", "Staff a Facebook shift")
    (row,) = lessons()
    assert (row.section, row.text, row.author) == ("action", "Staff a Facebook shift", "Inès")
    delete_lesson(crisis.db, ident)
    assert lessons() == []
    from warroom.store.errors import StoreError

    with pytest.raises(StoreError, match="unknown section"):
        add_lesson(crisis.db, "gossip", "x", "Inès")
    with pytest.raises(StoreError, match="needs some text"):
        add_lesson(crisis.db, "lesson", "   ", "Inès")


@needs_poppler
def test_review_pdf_has_every_section_and_marks_the_exercise(scenario_demo_crisis, tmp_path):
    add_lesson(scenario_demo_crisis.db, "went_well", "<b>Relayer le SDIS</b> & vite\x07", "Claire")
    out = write_review(build_review(scenario_demo_crisis.db, "Claire"), tmp_path / "review.pdf")
    pages = pages_text(out)
    whole = "\n".join(pages)
    assert len(pages) >= 5
    for number, (title, _build) in enumerate(SECTIONS, start=1):
        assert f"{number}. {title}" in whole, title
    assert "EXERCISE — NOT A REAL CRISIS" in pages[0]
    assert all("EXERCISE — Incendie datacenter STR" in page for page in pages)
    assert all(f"page {i} of {len(pages)}" in page for i, page in enumerate(pages, start=1))
    assert "<b>Relayer le SDIS</b> & vite" in whole  # untrusted text stays plain text
    assert "Pompiers du Bas-Rhin" in whole and "Point quotidien J+1" in whole


def test_real_crisis_review_is_not_marked(crisis, tmp_path):
    data = build_review(crisis.db)
    assert not data.crisis.is_exercise and data.score is None
    out = write_review(data, tmp_path / "empty.pdf")
    if shutil.which("pdftotext"):
        whole = "".join(pages_text(out))
        assert "EXERCISE" not in whole and "No rumor was registered." in whole


@needs_poppler
def test_rendered_pages_are_not_blank(scenario_demo_crisis, tmp_path):
    out = write_review(build_review(scenario_demo_crisis.db), tmp_path / "review.pdf")
    subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "3", str(out), str(tmp_path / "page")],
        check=True,
    )
    images = sorted(tmp_path.glob("page-*.png"))
    assert len(images) == 3
    chart_page = QImage(str(images[2]))
    colours = {
        chart_page.pixel(x, y)
        for x in range(0, chart_page.width(), 4)
        for y in range(0, chart_page.height(), 4)
    }
    assert len(colours) > 12  # the stacked volume chart and tables are drawn


def test_cli_review_writes_pdf_records_lessons_and_prints_json(
    scenario_demo_crisis, tmp_path, capsys
):
    scenario_demo_crisis.close()
    out = tmp_path / "review.pdf"
    code = main(
        [
            "review",
            str(scenario_demo_crisis.path),
            "-o",
            str(out),
            "--json",
            "--lesson",
            "action:Tester le PRA chaque trimestre",
        ]
    )
    printed = json.loads(capsys.readouterr().out)
    assert code == EXIT_OK and out.read_bytes().startswith(b"%PDF")
    assert printed["crisis"]["exercise"] is True and printed["lessons"] == 1
    assert {r["status"] for r in printed["rumors"]} == {"corrected_at_source", "rebutted"}
    assert printed["output"] == str(out)
    code = main(["review", str(scenario_demo_crisis.path), "--lesson", "nope", "--json"])
    assert code == EXIT_ERROR and "SECTION:TEXT" in capsys.readouterr().err
    assert main(["review", str(scenario_demo_crisis.path)]) == EXIT_ERROR


def test_phases_come_from_the_logged_phase_changes(crisis):
    from warroom.store import logbook
    from warroom.store.crisis import crisis_info

    opened = crisis_info().opened_at
    acute, recovery = opened + timedelta(hours=1), opened + timedelta(days=6)
    logbook.system_entry(crisis.db, "Crisis phase: alert → acute", event_time=acute)
    logbook.system_entry(crisis.db, "Crisis phase: acute → recovery", event_time=recovery)
    spans = build_review(crisis.db).phases
    assert [s.phase for s in spans] == ["alert", "acute", "recovery"]
    assert (spans[1].start, spans[2].start) == (acute, recovery)
