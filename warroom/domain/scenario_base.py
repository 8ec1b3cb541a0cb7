"""Scenario format constants, problems and time offsets (shared by model and checks)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

FORMAT = "warroom-scenario"
FORMAT_VERSION = 1
INJECT_TYPES = (
    "post",
    "burst",
    "log",
    "call",
    "press",
    "rumor",
    "rumor_update",
    "statement",
    "phase",
)
BURST_MODELS = ("uniform", "decay", "cascade")
LINK_FIELDS = ("reply_to", "repost_of", "quote_of")
_REL_TIME = re.compile(r"^\+?(?:(\d+)d\s*)?(\d+):([0-5]\d)(?::([0-5]\d))?$")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a scenario file."""

    where: str  # "injects[12].text", "authors[3].channel", "" for the whole file
    message: str
    line: int | None = None

    def describe(self) -> str:
        place = f"line {self.line}: " if self.line else ""
        field_name = f"{self.where}: " if self.where else ""
        return f"{place}{field_name}{self.message}"


class ScenarioError(ValueError):
    """A scenario that cannot be played; ``problems`` lists every issue found."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        first = problems[0].describe() if problems else "invalid scenario"
        extra = len(problems) - 1
        more = f" (and {extra} more problem{'s' if extra > 1 else ''})" if extra else ""
        super().__init__(f"{source}: {first}{more}")

    def report(self) -> str:
        return "\n".join(f"{self.source}: {p.describe()}" for p in self.problems)


def parse_offset(value: object) -> timedelta:
    """``"+1d 02:30"``, ``"+02:30"``, ``"02:30:15"`` or a number of seconds."""
    if isinstance(value, bool):
        raise ValueError(f"not a time offset: {value!r}")
    if isinstance(value, int | float):
        if value < 0:
            raise ValueError(f"a time offset cannot be negative ({value})")
        return timedelta(seconds=float(value))
    if isinstance(value, str):
        match = _REL_TIME.match(value.strip())
        if match:
            days, hours, minutes, seconds = (int(g or 0) for g in match.groups())
            return timedelta(days=days, hours=hours, minutes=minutes, seconds=seconds)
    raise ValueError(f"not a time offset: {value!r} (use '+HH:MM', '+2d HH:MM' or seconds)")


def format_offset(value: timedelta) -> str:
    total = int(value.total_seconds())
    days, rest = divmod(total, 86_400)
    hours, rest = divmod(rest, 3600)
    minutes, seconds = divmod(rest, 60)
    clock = f"{hours:02d}:{minutes:02d}" + (f":{seconds:02d}" if seconds else "")
    return f"+{days}d {clock}" if days else f"+{clock}"
