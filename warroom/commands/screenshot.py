"""`warroom screenshot CRISIS --out DIR`: render every view to PNG offscreen."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from warroom.commands.common import EXIT_OK, CliError
from warroom.domain.timeutil import parse_utc

NAME = "screenshot"
HELP = "render every view to PNG offscreen, with views.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", default="1600x1000", help="window size WxH")
    parser.add_argument(
        "--as-of",
        default=None,
        help="replay the crisis at this instant first (ISO 8601, e.g. 2021-03-10T12:00Z)",
    )


def run(args: argparse.Namespace) -> int:
    width, _, height = args.size.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise CliError(f"--size must look like 1600x1000, not {args.size!r}")
    as_of = None
    if args.as_of:
        try:
            as_of = parse_utc(args.as_of)
        except ValueError:
            raise CliError(
                f"--as-of must be an ISO 8601 time such as 2021-03-10T12:00Z, not {args.as_of!r}"
            ) from None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from warroom.ui.screenshot import render_views

    views = render_views(args.crisis, args.out, (int(width), int(height)), as_of)
    for view in views:
        kind = "placeholder" if view["placeholder"] else f"{view['items']} items"
        print(f"{args.out / view['file']}: {view['title']} ({kind})")
    return EXIT_OK
