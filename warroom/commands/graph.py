"""`warroom graph CRISIS [--json] [--rumor ID] [--channel C]`: the propagation graph's
accounts, links, communities, hubs, bridges and cascades (keys documented in the README).

Read-only: it never writes the crisis file (saved community labels are used).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from warroom.analysis.graph import build_graph
from warroom.analysis.graph_summary import analyse, to_json
from warroom.commands.common import EXIT_OK, CliError, opened
from warroom.domain.timeutil import format_utc, parse_user_time
from warroom.store import graph as graph_store
from warroom.store.graph import GraphScope

NAME = "graph"
HELP = "propagation graph: accounts, links, communities, hubs, bridges, cascades"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("--json", action="store_true", help="one JSON object (see README)")
    parser.add_argument("--rumor", type=int, help="only the posts of this rumor (id)")
    parser.add_argument("--channel", help="only this channel (twitter, facebook, …)")
    parser.add_argument("--term", default="", help="only posts matching a watch term")
    parser.add_argument("--since", help="from this time (ISO 8601)")
    parser.add_argument("--until", help="up to this time (ISO 8601)")


def _scope(args: argparse.Namespace) -> GraphScope:
    since = parse_user_time(args.since) if args.since else None
    until = parse_user_time(args.until) if args.until else None
    if since and until and since > until:
        raise CliError("--since is after --until")
    if args.rumor is not None and args.rumor < 1:
        raise CliError(f"--rumor must be a rumor id (a positive number), not {args.rumor}")
    return GraphScope(args.channel or None, since, until, args.rumor, args.term)


def _scope_json(scope: GraphScope) -> dict[str, Any]:
    return {
        "channel": scope.channel,
        "rumor": scope.rumor_id,
        "term": scope.term or None,
        "since": format_utc(scope.since) if scope.since else None,
        "until": format_utc(scope.until) if scope.until else None,
    }


def run(args: argparse.Namespace) -> int:
    scope = _scope(args)
    with opened(args.crisis) as crisis:
        builder, accounts = build_graph(crisis.db, scope)
        saved = graph_store.load_communities(crisis.db)
        analysis = analyse(builder.result, accounts, saved)
        report = to_json(builder.result, analysis, accounts, _scope_json(scope))
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return EXIT_OK
    _print_text(report)
    return EXIT_OK


def _print_text(report: dict[str, Any]) -> None:
    print(
        f"accounts: {report['node_count']}  links: {report['edge_count']}  "
        f"communities: {report['community_count']}  modularity: {report['modularity']}"
    )
    print(f"pattern: {report['fireworks']['pattern']}")
    for community in report["communities"][:8]:
        print(f"  community {community['id']}: {community['label']} ({community['size']})")
    print("top hubs:")
    for hub in report["top_hubs"]:
        print(f"  @{hub['account']} ({hub['channel']}) pagerank {hub['pagerank']:.4f}")
    print("bridges:")
    for bridge in report["bridges"]:
        print(f"  @{bridge['account']} betweenness {bridge['betweenness']:.4f}")
    cascades = report["cascades"]
    print(
        f"cascades: {cascades['count']}  largest {cascades['size']['max']}  "
        f"deepest {cascades['depth']['max']}"
    )
