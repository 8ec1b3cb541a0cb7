"""`warroom source add|list|remove CRISIS …`: configure the connectors."""

from __future__ import annotations

import argparse
import getpass
import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warroom.commands.common import EXIT_OK, CliError, opened
from warroom.domain.timeutil import format_utc
from warroom.ingest.connectors import DEFAULT_URLS, KINDS
from warroom.ingest.records import RecordError, parse_channel
from warroom.ingest.secrets import SecretStoreError, delete_secret, has_secret, set_secret
from warroom.store.sources import SourceInfo, add_source, list_sources, remove_source

NAME = "source"
HELP = "configure connectors: source add|list|remove"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = sub.add_parser("add", help="add a source")
    add.add_argument("crisis", type=Path)
    add.add_argument("--kind", required=True, choices=sorted(KINDS))
    add.add_argument(
        "--url", help="feed URL (rss) or the service's base URL (default: the public service)"
    )
    add.add_argument("--query", default="", help="#tag, @account, search words … (see README)")
    add.add_argument("--name", help="display name (default: kind and query)")
    add.add_argument("--interval", type=int, default=300, help="seconds between polls")
    add.add_argument("--channel", help="channel of an RSS feed's posts (press, blog, support…)")
    add.add_argument(
        "--ask-token", action="store_true", help="prompt for a token/key and keep it in the keyring"
    )
    lst = sub.add_parser("list", help="list sources with their health")
    lst.add_argument("crisis", type=Path)
    lst.add_argument("--json", action="store_true", help="a JSON array (see README)")
    rem = sub.add_parser("remove", help="remove a source (its posts stay)")
    rem.add_argument("crisis", type=Path)
    rem.add_argument("name")


def _check_url(kind: str, url: str | None) -> str:
    if not url:
        if kind == "rss":
            raise CliError("an rss source needs --url (the feed's URL)")
        return DEFAULT_URLS[kind]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CliError(f"not an http(s) URL: {url!r}")
    if parts.query and any(k in parts.query.lower() for k in ("token", "key=", "secret")):
        raise CliError("put tokens in the keyring (--ask-token), not in the URL")
    return url


def _add(args: argparse.Namespace) -> int:
    url = _check_url(args.kind, args.url)
    if args.kind != "rss" and not args.query.strip():
        raise CliError(f"a {args.kind} source needs --query (see README)")
    params: dict[str, Any] = {"url": url, "query": args.query.strip()}
    if args.channel:
        try:
            params["channel"] = parse_channel(args.channel)
        except RecordError as exc:
            raise CliError(str(exc)) from None
    name = (args.name or f"{args.kind} {args.query or urlsplit(url).hostname}").strip()
    secret = getpass.getpass(f"token or key for {name!r}: ") if args.ask_token else None
    with opened(args.crisis) as crisis:
        info = add_source(crisis.db, args.kind, name, params, args.interval)
    if secret:
        try:
            set_secret(info.name, secret)
        except SecretStoreError as exc:
            raise CliError(f"source added, but the token was not stored: {exc}") from None
    print(f"added source {info.name!r} ({info.kind}, every {info.interval_s} s)")
    return EXIT_OK


def _time(value: Any) -> str | None:
    return format_utc(value) if value else None


def source_json(info: SourceInfo) -> dict[str, Any]:
    return {
        "name": info.name,
        "kind": info.kind,
        "url": info.url,
        "query": info.query,
        "interval_s": info.interval_s,
        "enabled": info.enabled,
        "last_success": _time(info.last_success),
        "last_error": info.last_error,
        "last_error_at": _time(info.last_error_at),
        "error_count": info.error_count,
        "next_poll": _time(info.next_poll),
        "post_count": info.post_count,
        "has_secret": has_secret(info.name, info.kind),
    }


def _list(args: argparse.Namespace) -> int:
    with opened(args.crisis):
        sources = list_sources()
    rows = [source_json(s) for s in sources]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return EXIT_OK
    if not rows:
        print("no sources (add one with 'warroom source add')")
    for row in rows:
        state = "paused" if not row["enabled"] else ("FAILING" if row["error_count"] else "ok")
        print(
            f"{row['name']} [{row['kind']}] {state}: {row['post_count']} posts; "
            f"last success {row['last_success'] or 'never'}; next poll {row['next_poll'] or 'now'}"
        )
        if row["last_error"]:
            print(f"    last error: {row['last_error']}")
    return EXIT_OK


def _remove(args: argparse.Namespace) -> int:
    with opened(args.crisis) as crisis:
        info = remove_source(crisis.db, args.name)
    delete_secret(info.name)
    print(f"removed source {info.name!r}; its {info.post_count} posts stay")
    return EXIT_OK


def run(args: argparse.Namespace) -> int:
    actions = {"add": _add, "list": _list, "remove": _remove}
    return actions[args.action](args)
