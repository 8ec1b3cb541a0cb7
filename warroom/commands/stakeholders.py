"""`warroom stakeholders CRISIS`: the stakeholder matrix and its gaps, headless.

``--template`` applies a crisis-type template and ``--apply-rules`` re-assigns every
unlocked author by the rules; both are logged like the same actions in the window.
"""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path
from typing import Any

from warroom.commands.common import EXIT_OK, CliError, opened
from warroom.domain.stakeholder_templates import CRISIS_TEMPLATES
from warroom.domain.timeutil import format_utc
from warroom.store.crisis import ensure_operator
from warroom.store.stakeholder_matrix import Matrix, build_matrix
from warroom.store.stakeholder_rules import apply_rules_logged
from warroom.store.stakeholders import apply_template
from warroom.userenv import default_operator

NAME = "stakeholders"
HELP = "stakeholder groups × channels: posts, sentiment, last statement, gaps"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object (see README)")
    parser.add_argument(
        "--window", type=float, metavar="HOURS", help="count posts of the last HOURS only"
    )
    parser.add_argument(
        "--template",
        metavar="KEY",
        help="apply a crisis-type template to the groups first (logged): "
        + ", ".join(t.key for t in CRISIS_TEMPLATES),
    )
    parser.add_argument(
        "--apply-rules", action="store_true", help="re-assign unlocked authors first (logged)"
    )
    parser.add_argument("--operator", help="who does it (default: $WARROOM_OPERATOR or you)")


def _cells(matrix: Matrix) -> list[dict[str, Any]]:
    names = {g.id: g.name for g in matrix.groups}
    gaps = set(matrix.gaps)
    result = []
    for (group_id, channel), cell in sorted(matrix.cells.items()):
        if not cell.posts and cell.weight is None and cell.last_statement_at is None:
            continue
        at = cell.last_statement_at
        result.append(
            {
                "group": names[group_id],
                "channel": channel,
                "posts": cell.posts,
                "reach": cell.reach,
                "sentiment": None if cell.sentiment is None else round(cell.sentiment, 3),
                "weight": cell.weight,
                "last_statement_at": format_utc(at) if at else None,
                "last_statement": cell.last_statement_title or None,
                "gap": (group_id, channel) in gaps,
            }
        )
    return result


def as_json(matrix: Matrix, window: float | None) -> dict[str, Any]:
    return {
        "as_of": format_utc(matrix.as_of),
        "window_hours": window,
        "groups": [
            {
                "name": g.name,
                "power": g.power,
                "interest": g.interest,
                "quadrant": g.quadrant.value,
                "members": matrix.totals[g.id].members,
                "posts": matrix.totals[g.id].posts,
            }
            for g in matrix.groups
        ],
        "cells": _cells(matrix),
    }


def _print_table(matrix: Matrix) -> None:
    names = {g.id: g.name for g in matrix.groups}
    print(f"as of {format_utc(matrix.as_of)}")
    for group in matrix.groups:
        totals = matrix.totals[group.id]
        gaps = [c for g, c in matrix.gaps if g == group.id]
        sentiment = "—" if totals.sentiment is None else f"{totals.sentiment:+.2f}"
        print(
            f"{group.name[:34]:<34} P{group.power} I{group.interest} "
            f"{group.quadrant.value:<15} {totals.members:>6} members {totals.posts:>7} posts "
            f"{sentiment:>6}" + (f"  GAPS: {', '.join(gaps)}" if gaps else "")
        )
    print(f"{len(matrix.gaps)} gap(s); {matrix.unassigned_authors} author(s) in no group")
    if matrix.gaps:
        oldest = matrix.gaps[0]
        print(f"first listed gap: {names[oldest[0]]} on {oldest[1]}")


def run(args: argparse.Namespace) -> int:
    if args.window is not None and args.window <= 0:
        raise CliError("--window must be a positive number of hours")
    with opened(args.crisis) as crisis:
        if args.template or args.apply_rules:
            operator = default_operator(args.operator)
            ensure_operator(crisis.db, operator)
            if args.template:
                changed = apply_template(crisis.db, args.template, operator)
                print(f"template {args.template}: {len(changed)} group(s) changed")
            if args.apply_rules:
                report = apply_rules_logged(crisis.db, operator)
                print(f"rules: {report.moved} of {report.examined} authors changed group")
        span = timedelta(hours=args.window) if args.window else None
        matrix = build_matrix(crisis.db, span)
    if args.json:
        print(json.dumps(as_json(matrix, args.window), ensure_ascii=False, indent=2))
    else:
        _print_table(matrix)
    return EXIT_OK
