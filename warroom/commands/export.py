"""`warroom export CRISIS --format FORMAT -o OUT`: exports of the crisis file.

Formats are a table, ``FORMATS``: name → :class:`ExportFormat` (what it is, its usual file
suffix, and a handler ``(crisis, args, out) -> summary``). Another export (the graph's
GEXF/GraphML) adds itself with :func:`register` without touching the others.

Logbook formats (pdf, csv, json, bundle) take ``--since``/``--until`` (event time, ISO 8601
or HH:MM) and ``--category`` (repeatable, or comma-separated). If the logbook chain does not
verify, the export is still written — the document says so on its integrity page — and the
command exits with status 3, as ``warroom verify`` does.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from warroom.commands.common import EXIT_OK, EXIT_TAMPERED, CliError, opened
from warroom.domain.enums import LogCategory
from warroom.domain.logbook_rules import LogFilter
from warroom.domain.timeutil import parse_user_time
from warroom.report import graph_export, logbook_export, logbook_pdf
from warroom.report.logbook_data import LogbookExport, collect
from warroom.store.db import CrisisDatabase
from warroom.store.graph import GraphScope
from warroom.userenv import default_operator

NAME = "export"
HELP = "export the logbook (pdf, csv, json, evidence bundle) or other parts of a crisis"

Handler = Callable[[CrisisDatabase, argparse.Namespace, Path], dict[str, Any]]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    help: str
    suffix: str
    handler: Handler


FORMATS: dict[str, ExportFormat] = {}


def register(fmt: ExportFormat) -> None:
    FORMATS[fmt.name] = fmt


def logbook_filter(args: argparse.Namespace) -> LogFilter:
    categories: set[str] = set()
    for value in args.category or []:
        categories |= {c.strip().lower() for c in value.split(",") if c.strip()}
    valid = {c.value for c in LogCategory}
    unknown = sorted(categories - valid)
    if unknown:
        raise CliError(f"unknown category {unknown[0]!r} (use one of: {', '.join(sorted(valid))})")
    since = parse_user_time(args.since) if args.since else None
    until = parse_user_time(args.until) if args.until else None
    if since and until and until <= since:
        raise CliError("--until must be later than --since")
    return LogFilter(categories=frozenset(categories), since=since, until=until)


def _collect(crisis: CrisisDatabase, args: argparse.Namespace) -> LogbookExport:
    return collect(crisis.db, logbook_filter(args), default_operator(args.operator))


def _summary(export: LogbookExport, **extra: Any) -> dict[str, Any]:
    return {
        "entries": len(export.entries),
        "chain_ok": export.report.ok,
        "chain_entries": export.verified_entries,
        "last_hash": export.report.last_hash,
        "problem": export.report.problem.describe() if export.report.problem else None,
        **extra,
    }


def _pdf(crisis: CrisisDatabase, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    export = _collect(crisis, args)
    result = logbook_pdf.write_pdf(export, out)
    return _summary(export, pages=result.pages)


def _csv(crisis: CrisisDatabase, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    export = _collect(crisis, args)
    logbook_export.write_csv(export, out)
    return _summary(export)


def _json(crisis: CrisisDatabase, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    export = _collect(crisis, args)
    logbook_export.write_json(export, out)
    return _summary(export)


def _bundle(crisis: CrisisDatabase, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    export = _collect(crisis, args)
    sums = logbook_export.write_bundle(export, out)
    return _summary(export, files=sums)


def _graph_scope(args: argparse.Namespace) -> GraphScope:
    since = parse_user_time(args.since) if args.since else None
    until = parse_user_time(args.until) if args.until else None
    return GraphScope(since=since, until=until)


def _gexf(crisis: CrisisDatabase, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    result = graph_export.export_gexf(out, crisis.db, _graph_scope(args))
    return {"nodes": result.nodes, "edges": result.edges}


def _graphml(crisis: CrisisDatabase, args: argparse.Namespace, out: Path) -> dict[str, Any]:
    result = graph_export.export_graphml(out, crisis.db, _graph_scope(args))
    return {"nodes": result.nodes, "edges": result.edges}


for _fmt in (
    ExportFormat("pdf", "the logbook as an official PDF document", ".pdf", _pdf),
    ExportFormat("csv", "the logbook as CSV (UTF-8, one row per entry)", ".csv", _csv),
    ExportFormat("json", "the logbook as JSON with every hashed field", ".json", _json),
    ExportFormat("bundle", "evidence zip: PDF + JSON + SHA-256 manifest", ".zip", _bundle),
    ExportFormat(
        "gexf", "the propagation graph for Gephi (positions, sizes, colours)", ".gexf", _gexf
    ),
    ExportFormat(
        "graphml", "the propagation graph as GraphML (Gephi attributes)", ".graphml", _graphml
    ),
):
    register(_fmt)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("--format", "-f", required=True, help=", ".join(FORMATS))
    parser.add_argument("-o", "--output", type=Path, required=True, help="file to write")
    parser.add_argument("--since", help="event time from (ISO 8601 or HH:MM)")
    parser.add_argument("--until", help="event time until (exclusive)")
    parser.add_argument(
        "--category", action="append", help="logbook: only these categories (repeatable)"
    )
    parser.add_argument("--operator", help="who exports (default: $WARROOM_OPERATOR or you)")
    parser.add_argument("--json", action="store_true", help="print a JSON summary")


def run(args: argparse.Namespace) -> int:
    fmt = FORMATS.get(str(args.format).lower())
    if fmt is None:
        raise CliError(f"unknown format {args.format!r} (use one of: {', '.join(FORMATS)})")
    out: Path = args.output
    if out.is_dir():
        raise CliError(
            f"{out} is a folder: give a file name such as {out / ('logbook' + fmt.suffix)}"
        )
    if not out.parent.exists():
        raise CliError(f"the folder {out.parent} does not exist")
    with opened(args.crisis) as crisis:
        summary = fmt.handler(crisis, args, out)
    summary = {"format": fmt.name, "output": str(out), **summary}
    if args.json:
        print(json.dumps(summary, ensure_ascii=False))
    else:
        what = (
            f"{summary['nodes']} accounts, {summary['edges']} links"
            if "nodes" in summary
            else f"{summary.get('entries', 0)} entries"
        )
        print(f"{fmt.name}: wrote {out} ({what})")
    if summary.get("chain_ok") is False:
        print(f"warroom: TAMPERED: {summary.get('problem')}", file=sys.stderr)
        return EXIT_TAMPERED
    return EXIT_OK
