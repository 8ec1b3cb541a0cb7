"""`warroom review CRISIS -o OUT.pdf`: the post-crisis review report.

``--lesson SECTION:TEXT`` records a lesson first (sections: went_well, to_improve, action,
lesson); ``--json`` prints the review's figures (documented in the README).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from warroom.analysis.review import ReviewData, build_review
from warroom.commands.common import EXIT_OK, CliError, opened
from warroom.store.review import LESSON_SECTIONS, add_lesson
from warroom.userenv import default_operator

NAME = "review"
HELP = "post-crisis review report (PDF) and its figures"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("-o", "--output", type=Path, help="the PDF to write")
    parser.add_argument(
        "--lesson",
        action="append",
        default=[],
        metavar="SECTION:TEXT",
        help=f"record a lesson first ({', '.join(LESSON_SECTIONS)})",
    )
    parser.add_argument("--operator", help="who records lessons / generates the report")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")


def _minutes(start: Any, end: Any) -> float | None:
    if start is None or end is None:
        return None
    return round((end - start).total_seconds() / 60, 1)


def figures(data: ReviewData, output: Path | None) -> dict[str, Any]:
    """The stable ``--json`` object."""
    return {
        "crisis": {"name": data.crisis.display_name, "exercise": data.crisis.is_exercise},
        "posts": data.totals.get("posts", 0),
        "phases": [
            {"phase": s.phase, "start": s.start.isoformat(), "end": s.end and s.end.isoformat()}
            for s in data.phases
        ],
        "responses": [
            {
                "channel": r.channel,
                "target": r.target,
                "answered": r.answered,
                "unanswered": r.unanswered,
                "median_minutes": r.median_minutes,
                "p90_minutes": r.p90_minutes,
                "within_target": r.within_target,
            }
            for r in data.responses
        ],
        "rumors": [
            {
                "claim": r["claim"],
                "status": r["status"],
                "posts": r["posts"],
                "minutes_to_rebuttal": _minutes(r["first_seen"], r["rebutted_at"]),
                "minutes_to_correction": _minutes(r["first_seen"], r["corrected_at"]),
            }
            for r in data.rumors
        ],
        "statements_published": sum(1 for s in data.statements if s["published_at"]),
        "coverage_gaps": {g["name"]: g["gaps"] for g in data.coverage if g["gaps"]},
        "decisions": len(data.decisions),
        "lessons": len(data.lessons),
        "output": str(output) if output else None,
    }


def run(args: argparse.Namespace) -> int:
    if args.output is None and not args.json:
        raise CliError("give -o OUT.pdf (or --json for the figures)")
    if args.output is not None and not args.output.parent.is_dir():
        raise CliError(f"{args.output.parent}: no such folder")
    operator = default_operator(args.operator)
    with opened(args.crisis) as crisis:
        for item in args.lesson:
            section, sep, text = item.partition(":")
            if not sep:
                raise CliError(f"--lesson must look like SECTION:TEXT, not {item!r}")
            add_lesson(crisis.db, section.strip(), text, operator)
        data = build_review(crisis.db, operator)
    if args.output is not None:
        from warroom.report.review_pdf import write_review

        write_review(data, args.output)
    if args.json:
        print(json.dumps(figures(data, args.output), ensure_ascii=False, indent=2))
    else:
        print(f"review written to {args.output}")
    return EXIT_OK
