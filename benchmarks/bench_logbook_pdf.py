"""Logbook PDF export: warroom's document beside a minimal reportlab document of the same
rows, built in the same run.

Entries: texts of real tweets from the RumourEval threads (../shared/data/rumoureval),
cycled, one entry every 3 minutes of event time (so 5,000 entries span ~10 days), a mix of
categories, 1 in 10 automatic, 1 in 50 a correction of an earlier entry.

Peer: the same rows read with the standard library's sqlite3 and laid out by reportlab's
``SimpleDocTemplate`` as one table per day (text column as a Paragraph, since text must
wrap), same font, no cover, no header, no page count, no integrity page.

Each measurement runs in its own process; peak memory is that process's peak RSS. Each
side runs ``--repeat`` times (alternating) and its best time is printed, since other work
on the machine slows single runs unevenly.

    .venv/bin/python benchmarks/bench_logbook_pdf.py [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parent.parent
POSTS = REPO.parent / "shared" / "data" / "rumoureval" / "traindev" / "posts.json"
CATEGORIES = ("event", "decision", "action", "communication", "information", "contact")


def texts() -> list[str]:
    data = json.loads(POSTS.read_text(encoding="utf-8"))
    return [str(v["text"]) for v in data.values() if v.get("text")]


def make_crisis(path: Path, n: int) -> None:
    from warroom.domain.timeutil import parse_utc
    from warroom.store import logbook
    from warroom.store.crisis import ensure_operator
    from warroom.store.db import CrisisDatabase

    pool = texts()
    people = ["Claire Martin", "Hugo Lefèvre", "Inès Benali", "Marc Weber"]
    crisis = CrisisDatabase.create(path, "Benchmark — incendie STR", timezone="Europe/Paris")
    for name in people:
        ensure_operator(crisis.db, name)
    t0 = parse_utc("2021-03-09T23:47:00Z")
    batch = []
    for i in range(n):
        auto = i % 10 == 9
        batch.append(
            logbook.NewEntry(
                text=pool[i % len(pool)],
                operator="system" if auto else people[i % 4],
                category="system" if auto else CATEGORIES[i % len(CATEGORIES)],
                automatic=auto,
                event_time=t0 + timedelta(minutes=3 * i),
                amends=(i - 5) if i % 50 == 49 else None,
            )
        )
    logbook.append_many(crisis.db, batch)
    crisis.close()


def run_warroom(crisis_path: Path, out: Path) -> int:
    from warroom.domain.logbook_rules import LogFilter
    from warroom.report.logbook_data import collect
    from warroom.report.logbook_pdf import write_pdf
    from warroom.store.db import CrisisDatabase

    crisis = CrisisDatabase.open(crisis_path)
    export = collect(crisis.db, LogFilter(), "Benchmark")
    result = write_pdf(export, out)
    crisis.close()
    return result.pages


def run_peer(crisis_path: Path, out: Path) -> int:
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    font = REPO / "resources" / "fonts" / "DejaVuSans.ttf"
    pdfmetrics.registerFont(TTFont("PeerSans", str(font)))
    tz = ZoneInfo("Europe/Paris")
    conn = sqlite3.connect(crisis_path)
    rows = conn.execute(
        "SELECT seq, event_time, recorded_time, operator, category, text FROM log_entry "
        "ORDER BY event_time, seq"
    ).fetchall()
    conn.close()
    style = ParagraphStyle("p", fontName="PeerSans", fontSize=7.5, leading=9.2)

    def local(text: str) -> datetime:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(tz)

    story = []
    for _day, group in groupby(rows, key=lambda r: local(r[1]).date()):
        data: list[list[object]] = [["#", "Event", "Recorded", "Operator", "Category", "Text"]]
        for seq, event, recorded, operator, category, text in group:
            data.append(
                [
                    str(seq),
                    local(event).strftime("%H:%M:%S"),
                    local(recorded).strftime("%d/%m/%y %H:%M"),
                    operator,
                    category,
                    Paragraph(escape(text), style),
                ]
            )
        table = Table(
            data, colWidths=[11 * mm, 15 * mm, 24 * mm, 30 * mm, 21 * mm, 79 * mm], repeatRows=1
        )
        table.setStyle(
            TableStyle(
                [("FONT", (0, 0), (-2, -1), "PeerSans", 7), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            )
        )
        story.append(table)
    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm)
    doc.build(story)
    return int(doc.page)


def child(kind: str, crisis_path: Path, out: Path) -> None:
    start = time.perf_counter()
    pages = (run_warroom if kind == "warroom" else run_peer)(crisis_path, out)
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "pages": pages}))


def measure(kind: str, crisis_path: Path, out: Path) -> dict[str, float]:
    output = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(crisis_path), str(out)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(output.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "CRISIS", "OUT"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return
    print(
        f"{'entries':>8} | {'warroom s':>9} {'MB':>6} {'pages':>6} | "
        f"{'peer s':>7} {'MB':>6} {'pages':>6} | ratio"
    )
    with tempfile.TemporaryDirectory() as work:
        for n in args.sizes:
            path = Path(work) / f"bench-{n}.warroom"
            make_crisis(path, n)
            runs: dict[str, list[dict[str, float]]] = {"warroom": [], "peer": []}
            for _ in range(args.repeat):  # alternate, so that machine load hits both alike
                for kind in runs:
                    runs[kind].append(measure(kind, path, Path(work) / f"{kind}-{n}.pdf"))
            ours = min(runs["warroom"], key=lambda r: r["seconds"])
            peer = min(runs["peer"], key=lambda r: r["seconds"])
            ratio = ours["seconds"] / peer["seconds"]
            print(
                f"{n:>8} | {ours['seconds']:>9.2f} {ours['peak_mb']:>6.0f} {ours['pages']:>6.0f} | "
                f"{peer['seconds']:>7.2f} {peer['peak_mb']:>6.0f} {peer['pages']:>6.0f} | "
                f"{ratio:.2f}×",
                flush=True,
            )


if __name__ == "__main__":
    main()
