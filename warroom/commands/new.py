"""`warroom new CRISIS --name NAME`: create a crisis file."""

from __future__ import annotations

import argparse
from pathlib import Path

from warroom.commands.common import EXIT_OK
from warroom.store.db import CrisisDatabase

NAME = "new"
HELP = "create a crisis file"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("crisis", type=Path)
    parser.add_argument("--name", required=True)
    parser.add_argument("--exercise", action="store_true", help="mark it as an exercise")
    parser.add_argument("--timezone", default="Europe/Paris")
    parser.add_argument("--language", default="fr")


def run(args: argparse.Namespace) -> int:
    crisis = CrisisDatabase.create(
        args.crisis,
        args.name,
        exercise=args.exercise,
        timezone=args.timezone,
        language=args.language,
    )
    crisis.close()
    print(f"created {args.crisis}")
    return EXIT_OK
