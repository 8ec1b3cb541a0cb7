"""`warroom scenario play|check|list`: exercises from scenario files.

``play CRISIS SCENARIO`` delivers the scenario's injects into an exercise crisis through
the normal ingestion path, at 1×–100× speed (``--headless`` returns when the last inject
is in; without it, the window opens with the exercise director's panel). A CRISIS that
does not exist yet is created as an exercise; an existing crisis must be an exercise, or
still empty (it is then marked as one): exercise data never mixes with a real crisis.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from warroom.commands.common import EXIT_ERROR, EXIT_OK, CliError
from warroom.domain.scenario import Scenario, ScenarioError, format_offset
from warroom.ingest.scenario import MAX_SPEED, MIN_SPEED, bundled_names, load_scenario
from warroom.ingest.scenario_expand import expand
from warroom.ingest.scenario_play import PlayProgress, load_instantly, play_headless
from warroom.store.crisis import ensure_operator
from warroom.store.db import CrisisDatabase
from warroom.store.exercise import claim_for_exercise
from warroom.userenv import default_operator

NAME = "scenario"
HELP = "play, check or list exercise scenarios"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    play = sub.add_parser("play", help="play a scenario into an exercise crisis")
    play.add_argument("crisis", type=Path, help="exercise crisis file (created if missing)")
    play.add_argument("scenario", help="scenario file, or a bundled name (datacenter-fire)")
    play.add_argument("--speed", type=float, default=1.0, help="1 to 100 (default 1)")
    play.add_argument("--headless", action="store_true", help="no window; return at the end")
    play.add_argument(
        "--instant",
        action="store_true",
        help="deliver everything now, each inject at its scenario time (no waiting)",
    )
    play.add_argument("--operator", help="the exercise director (default: you)")
    play.add_argument("--quiet", action="store_true", help="print only the summary")
    check = sub.add_parser("check", help="validate a scenario file and summarise it")
    check.add_argument("scenario")
    check.add_argument("--json", action="store_true", help="one JSON object (see README)")
    sub.add_parser("list", help="the bundled scenarios")


def _load(name: str) -> Scenario:
    try:
        return load_scenario(name)
    except ScenarioError as exc:
        print(exc.report(), file=sys.stderr)
        count = len(exc.problems)
        plural = "problem" if count == 1 else "problems"
        raise CliError(f"{exc.source}: invalid scenario ({count} {plural})") from None


def run(args: argparse.Namespace) -> int:
    if args.action == "list":
        for name in bundled_names():
            print(name)
        return EXIT_OK
    if args.action == "check":
        return _check(args)
    return _play(args)


def summary(scenario: Scenario) -> dict[str, object]:
    """What ``scenario check --json`` prints (documented in the README)."""
    steps = expand(scenario)
    kinds: dict[str, int] = {}
    channels: dict[str, int] = {}
    for step in steps:
        kinds[step.kind] = kinds.get(step.kind, 0) + 1
        if step.post is not None:
            channels[step.post["channel"]] = channels.get(step.post["channel"], 0) + 1
    return {
        "name": scenario.name,
        "title": scenario.title,
        "start": scenario.start.isoformat(),
        "duration": format_offset(scenario.duration),
        "injects": len(scenario.injects),
        "steps": kinds,
        "posts_by_channel": dict(sorted(channels.items())),
        "notice": scenario.notice,
    }


def _check(args: argparse.Namespace) -> int:
    info = summary(_load(args.scenario))
    if args.json:
        print(json.dumps(info, ensure_ascii=False, indent=2))
        return EXIT_OK
    by_channel = info["posts_by_channel"]
    posts = sum(by_channel.values()) if isinstance(by_channel, dict) else 0
    print(f"ok: {info['name']} — {info['title']}")
    print(f"{info['injects']} injects, {posts} posts over {info['duration']}")
    return EXIT_OK


def _open_exercise(path: Path, scenario: Scenario, operator: str) -> tuple[CrisisDatabase, bool]:
    if not path.exists():
        title = str(scenario.crisis.get("name") or scenario.title)
        crisis = CrisisDatabase.create(
            path,
            title,
            exercise=True,
            timezone=str(scenario.crisis.get("timezone", "UTC")),
            language=str(scenario.crisis.get("language", "fr")),
        )
        return crisis, True
    crisis = CrisisDatabase.open(path)
    try:
        claim_for_exercise(crisis.db, scenario.name, operator)
    except Exception:
        crisis.close()
        raise
    return crisis, False


def _play(args: argparse.Namespace) -> int:
    try:
        speed = float(args.speed)
        if not MIN_SPEED <= speed <= MAX_SPEED:
            raise ValueError
    except ValueError:
        raise CliError(f"--speed must be between 1 and 100, not {args.speed}") from None
    scenario = _load(args.scenario)
    operator = default_operator(args.operator)
    if not args.headless and not args.instant:
        return _play_in_window(args, scenario, operator)
    crisis, created = _open_exercise(args.crisis, scenario, operator)
    try:
        ensure_operator(crisis.db, operator)
        if args.instant:
            report = load_instantly(crisis.db, scenario, rename=created)
        else:
            printer = None if args.quiet else _printer(scenario)
            report = play_headless(crisis.db, scenario, speed=speed, progress=printer)
    finally:
        crisis.close()
    print(
        f"EXERCISE {scenario.name}: {report.injects} injects and {report.posts} posts "
        f"delivered into {args.crisis}"
    )
    return EXIT_OK


def _printer(scenario: Scenario) -> Callable[[PlayProgress], None]:
    def show(progress: PlayProgress) -> None:
        for step in progress.steps:
            if step.post is None:
                print(f"{format_offset(step.at):>10}  {step.inject.label}", flush=True)

    return show


def _play_in_window(args: argparse.Namespace, scenario: Scenario, operator: str) -> int:
    crisis, _created = _open_exercise(args.crisis, scenario, operator)
    crisis.close()
    from warroom.ui.exercise.launch import run_exercise_gui

    code = run_exercise_gui(args.crisis, scenario, args.speed, operator)
    return EXIT_OK if code == 0 else EXIT_ERROR
