"""The logbook PDF, CSV, JSON and evidence bundle: content, fonts, integrity, tampering."""

import csv
import hashlib
import json
import re
import sqlite3
import subprocess
import zipfile
from datetime import UTC, datetime, timedelta

import pytest
from pypdf import PdfReader

from warroom.app import EXIT_OK, EXIT_TAMPERED, main
from warroom.domain.logbook_rules import LogFilter
from warroom.report import logbook_export
from warroom.report.logbook_data import collect
from warroom.report.logbook_pdf import write_pdf
from warroom.store import logbook

T0 = datetime(2021, 3, 9, 23, 47, tzinfo=UTC)


def pdf_text(path):
    reader = PdfReader(str(path))
    return [page.extract_text() for page in reader.pages]


def squash(text):
    return re.sub(r"\s+", " ", text)


def tamper(path, sql):
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER log_entry_no_update")
    conn.execute(sql)
    conn.commit()
    conn.close()


def test_pdf_of_the_demo_has_every_entry_accents_pages_and_integrity(demo_crisis, tmp_path):
    logbook.append(
        demo_crisis.db,
        logbook.NewEntry(
            text="Émeute évitée — ça, « là » 🔥👍🏽 <b>gras</b> & co",
            operator="Inès Benali",
            category="information",
            on_behalf_of="Hugo",
        ),
    )
    export = collect(demo_crisis.db, LogFilter(), "Inès Benali")
    out = tmp_path / "logbook.pdf"
    result = write_pdf(export, out)
    pages = pdf_text(out)
    assert result.pages == len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in text
    whole = squash(" ".join(pages))
    cover = squash(pages[0])
    assert "Main courante" in cover and "Incendie datacenter STR — Hexacloud (démo)" in cover
    for member in ("Claire Martin", "Hugo Lefèvre", "Inès Benali", "Marc Weber"):
        assert member in cover
    assert "12 of 12" in cover and "Exported by Inès Benali" in cover
    for entry in logbook.entries(demo_crisis.db)[:11]:
        assert squash(entry.text) in whole, entry.seq
    assert "Émeute évitée — ça, « là » [fire][thumbs up sign] <b>gras</b> & co" in whole
    assert "CORRECTION of #9" in whole and "amended: see correction #11" in whole
    assert "AUTO" in whole  # the automatic entry is marked
    last = squash(pages[-1])
    report = logbook.verify(demo_crisis.db)
    assert "VERIFIED" in last and "Entries in the chain 12" in last
    assert report.first_hash[:20] in last.replace(" ", "") and report.last_hash[
        :20
    ] in last.replace(" ", "")
    outline = [item.title for item in PdfReader(str(out)).outline]
    assert outline[0] == "Wednesday 10 March 2021" and len(outline) == 2
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", str(out), str(tmp_path / "page")],
        check=True,
    )
    assert png.returncode == 0 and list(tmp_path.glob("page*.png"))


def test_pdf_filters_by_period_and_category(demo_crisis, tmp_path):
    flt = LogFilter(categories=frozenset({"decision"}), since=T0, until=T0 + timedelta(minutes=703))
    export = collect(demo_crisis.db, flt, "Claire Martin")
    assert [e.seq for e in export.entries] == [2, 9]
    out = tmp_path / "decisions.pdf"
    write_pdf(export, out)
    whole = squash(" ".join(pdf_text(out)))
    assert "Activation de la cellule de crise" in whole
    assert "Coupure électrique" not in whole  # an action
    assert "categories decision" in whole and "2 of 11" in whole
    assert "correction #11" in whole  # named, even though #11 is outside the period


def test_hostile_and_huge_text_is_laid_out_without_markup(crisis, tmp_path):
    huge = ("Mot " * 25_000) + "FIN"
    for text in ('<font size=80>big</font> <a href="x">', "nul\x00 bell\x07 ok", huge, "x" * 5000):
        logbook.append(crisis.db, logbook.NewEntry(text=text, operator="A"))
    out = tmp_path / "hostile.pdf"
    write_pdf(collect(crisis.db, LogFilter(), "A"), out)
    whole = squash(" ".join(pdf_text(out)))
    assert '<font size=80>big</font> <a href="x">' in whole
    assert "nul bell ok" in whole and "FIN" in whole


def test_5000_entry_export_is_complete(crisis, tmp_path):
    logbook.append_many(
        crisis.db,
        [
            logbook.NewEntry(
                text=f"Entrée n°{i} — vérifiée",
                operator="Claire Martin",
                category="event" if i % 3 else "decision",
                event_time=T0 + timedelta(minutes=2 * i),
            )
            for i in range(5000)
        ],
    )
    out = tmp_path / "big.pdf"
    result = write_pdf(collect(crisis.db, LogFilter(), "A"), out)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(out), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = text.split("\f")[:-1]  # poppler ends every page with a form feed
    assert result.entries == 5000 and len(pages) == result.pages > 60
    whole = " ".join(pages)
    found = {int(n) for n in re.findall(r"Entrée n°(\d+) — vérifiée", whole)}
    assert found == set(range(5000))
    assert f"page {len(pages)} of {len(pages)}" in pages[-1]


def test_tampering_between_export_and_verify(demo_crisis, tmp_path):
    bundle = tmp_path / "evidence.zip"
    assert main(["export", str(demo_crisis.path), "--format", "bundle", "-o", str(bundle)]) == 0
    exported = json.loads(zipfile.ZipFile(bundle).read("logbook.json"))
    assert exported["verification"]["ok"] is True
    demo_crisis.close()
    tamper(demo_crisis.path, "UPDATE log_entry SET text = 'Rien à signaler' WHERE seq = 6")
    assert main(["verify", str(demo_crisis.path)]) == EXIT_TAMPERED
    pdf = tmp_path / "after.pdf"
    code = main(["export", str(demo_crisis.path), "--format", "pdf", "-o", str(pdf)])
    assert code == EXIT_TAMPERED
    last = squash(pdf_text(pdf)[-1])
    assert "FAILED" in last and "entry #6" in last and "VERIFIED" not in last
    assert "Entries verified 5 (the chain breaks at the next one)" in last
    assert "Entries in the logbook 11" in last and "Last good hash" in last
    assert "FAILED — see the last page" in squash(pdf_text(pdf)[0])
    # the exported JSON still holds the original text and hash: the alteration is provable
    original = next(e for e in exported["entries"] if e["seq"] == 6)
    assert original["text"].startswith("La préfecture évoque un site")
    from warroom.domain.logchain import LogEntryData, compute_hash
    from warroom.domain.timeutil import parse_utc

    fields = {
        k: original[k]
        for k in (
            "seq",
            "operator",
            "category",
            "text",
            "prev_hash",
            "on_behalf_of",
            "info_status",
            "amends",
            "automatic",
            "action_owner",
        )
    }
    rebuilt = LogEntryData(
        event_time=parse_utc(original["event_time"]),
        recorded_time=parse_utc(original["recorded_time"]),
        links=tuple(tuple(p) for p in original["links"]),
        action_due=None,
        **fields,
    )
    assert compute_hash(rebuilt) == original["hash"]


def test_evidence_bundle_manifest_matches_its_files(demo_crisis, tmp_path):
    out = tmp_path / "bundle.zip"
    sums = logbook_export.write_bundle(collect(demo_crisis.db, LogFilter(), "A"), out)
    with zipfile.ZipFile(out) as bundle:
        assert sorted(bundle.namelist()) == sorted(
            ["logbook.pdf", "logbook.json", "MANIFEST.sha256", "manifest.json"]
        )
        lines = bundle.read("MANIFEST.sha256").decode().splitlines()
        for line in lines:
            digest, name = line.split("  ")
            assert hashlib.sha256(bundle.read(name)).hexdigest() == digest == sums[name]
        assert json.loads(bundle.read("manifest.json"))["chain_ok"] is True
        bundle.extractall(tmp_path / "x")
    check = subprocess.run(
        ["sha256sum", "-c", "MANIFEST.sha256"], cwd=tmp_path / "x", capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout
    assert logbook_export.check_bundle(out) == []
    forged = tmp_path / "forged.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(forged, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(
                name, data.replace(b"Seveso", b"SEVESO") if name.endswith("json") else data
            )
    assert logbook_export.check_bundle(forged) == ["logbook.json does not match its SHA-256"]


def test_csv_and_json_exports(demo_crisis, tmp_path):
    logbook.append(demo_crisis.db, logbook.NewEntry(text='=HYPERLINK("x")', operator="A"))
    export = collect(demo_crisis.db, LogFilter(), "A")
    logbook_export.write_csv(export, tmp_path / "l.csv")
    logbook_export.write_json(export, tmp_path / "l.json")
    with (tmp_path / "l.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 12 and rows[0]["seq"] == "1"
    by_seq = {r["seq"]: r for r in rows}
    assert by_seq["9"]["corrected_by"] == "11" and by_seq["11"]["amends"] == "9"
    assert by_seq["10"]["automatic"] == "1" and by_seq["10"]["links"] == "statement:1"
    assert by_seq["12"]["text"] == '\'=HYPERLINK("x")'  # not run as a formula
    document = json.loads((tmp_path / "l.json").read_text(encoding="utf-8"))
    assert document["format"] == "warroom.logbook/1" and len(document["entries"]) == 12
    assert document["entries"][5]["text"] == "La préfecture évoque un site « Seveso » : à vérifier."


def test_export_command_errors(demo_crisis, tmp_path, capsys):
    path = str(demo_crisis.path)
    assert main(["export", path, "--format", "docx", "-o", str(tmp_path / "a")]) == 1
    assert "unknown format 'docx'" in capsys.readouterr().err
    assert main(["export", path, "--format", "pdf", "-o", str(tmp_path), "--json"]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                path,
                "-f",
                "csv",
                "-o",
                str(tmp_path / "a.csv"),
                "--category",
                "decision,nope",
            ]
        )
        == 1
    )
    assert "unknown category 'nope'" in capsys.readouterr().err
    assert (
        main(
            [
                "export",
                path,
                "-f",
                "json",
                "-o",
                str(tmp_path / "a.json"),
                "--since",
                "2021-03-10T12:00Z",
                "--until",
                "2021-03-10T01:00Z",
            ]
        )
        == 1
    )
    assert not (tmp_path / "a.json").exists()
    assert (
        main(
            [
                "export",
                path,
                "-f",
                "json",
                "-o",
                str(tmp_path / "a.json"),
                "--json",
                "--since",
                "2021-03-10T10:00Z",
                "--category",
                "decision",
            ]
        )
        == EXIT_OK
    )
    summary = json.loads(capsys.readouterr().out)
    assert summary["entries"] == 2 and summary["chain_ok"] is True and summary["format"] == "json"


@pytest.mark.parametrize("fmt", ["pdf", "csv", "json", "bundle"])
def test_every_format_through_the_command_line(demo_crisis, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(demo_crisis.path), "--format", fmt, "-o", str(out)]) == EXIT_OK
    assert out.stat().st_size > 100
    assert not list(tmp_path.glob(".*partial"))


def test_cancelled_export_leaves_nothing(demo_crisis, tmp_path):
    from warroom.report.logbook_pdf import Cancelled

    out = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        write_pdf(collect(demo_crisis.db, LogFilter(), "A"), out, cancelled=lambda: True)
    assert not [p for p in tmp_path.iterdir() if "cancelled" in p.name]


def test_export_file_names_are_safe():
    from warroom.report.logbook_data import file_stem

    when = datetime(2021, 3, 10, 0, 47, tzinfo=UTC)
    assert file_stem("Incendie datacenter STR — Hexacloud (démo)", when) == (
        "main-courante_Incendie-datacenter-STR-Hexacloud-démo_20210310-0047"
    )
    assert file_stem("../../etc/passwd", when) == "main-courante_etc-passwd_20210310-0047"
    assert file_stem("///", when) == "main-courante_crisis_20210310-0047"


def _export_marks(path, fmt, tmp_path) -> list[str]:
    """What an export says of its crisis: one string per page, row or file part."""
    out = tmp_path / f"out-{fmt}.{fmt}"
    assert main(["export", str(path), "--format", fmt, "-o", str(out)]) == EXIT_OK
    if fmt == "pdf":
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True)
        return text.stdout.split("\f")[:-1]
    if fmt == "csv":
        with out.open(encoding="utf-8-sig", newline="") as handle:
            return [row["crisis"] for row in csv.DictReader(handle)]
    if fmt == "json":
        document = json.loads(out.read_text(encoding="utf-8"))
        return [document["crisis"] + (" exercise" if document["exercise"] else "")]
    if fmt == "bundle":
        with zipfile.ZipFile(out) as bundle:
            document = json.loads(bundle.read("logbook.json"))
            return [document["crisis"], json.loads(bundle.read("manifest.json"))["crisis"]]
    import networkx as nx

    graph = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    return [graph.graph["name"] if fmt == "gexf" else graph.graph["crisis"]]


@pytest.mark.parametrize("fmt", ["pdf", "csv", "json", "bundle", "gexf", "graphml"])
def test_every_export_of_an_exercise_says_so(scenario_demo_crisis, demo_crisis, tmp_path, fmt):
    """An exercise's exports are marked EXERCISE on every page, row and file (issue #9);
    a real crisis's are not."""
    marks = _export_marks(scenario_demo_crisis.path, fmt, tmp_path)
    assert marks and all("EXERCISE" in mark for mark in marks), marks[:3]
    (tmp_path / "real").mkdir()
    real = _export_marks(demo_crisis.path, fmt, tmp_path / "real")
    assert real and not any("EXERCISE" in mark for mark in real)
