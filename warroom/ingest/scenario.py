"""Loading scenario files, expanding bursts into posts, and the playback clock.

- :func:`load_scenario` reads a path or a bundled scenario's name (``datacenter-fire``),
  JSON or YAML, gzip-compressed or not, and validates it (errors name the line, inject and field).
- :mod:`warroom.ingest.scenario_expand` turns the chronogramme into timed steps.
- :class:`PlaybackClock` maps wall-clock time to scenario time at 1×–100× speed, with
  pause, resume and jump; :class:`ScenarioPlayer` hands out the steps that are due.
"""

from __future__ import annotations

import gzip
import json
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from warroom import paths
from warroom.domain.posts import NormalisedPost
from warroom.domain.scenario import Problem, Scenario, ScenarioError, parse_scenario
from warroom.ingest.scenario_expand import Step
from warroom.ingest.scenario_yaml import is_yaml, parse_yaml

log = logging.getLogger("warroom.ingest")

MIN_SPEED, MAX_SPEED = 1.0, 100.0
SCENARIO_SUFFIXES = (".json.gz", ".json", ".yaml.gz", ".yaml", ".yml.gz", ".yml")
PostSink = Callable[[list[NormalisedPost]], object]


# -- loading ------------------------------------------------------------------------------
def bundled_dir() -> Path:
    return paths.resources_dir() / "scenarios"


def bundled_names() -> list[str]:
    names = set()
    for path in bundled_dir().iterdir():
        for suffix in SCENARIO_SUFFIXES:
            if path.name.endswith(suffix):
                names.add(path.name[: -len(suffix)])
    return sorted(names)


def resolve(name_or_path: str | Path) -> Path:
    """A file path, or the name of a bundled scenario (``datacenter-fire``)."""
    path = Path(name_or_path).expanduser()
    if path.is_file():
        return path
    for suffix in SCENARIO_SUFFIXES:
        candidate = bundled_dir() / f"{name_or_path}{suffix}"
        if candidate.is_file():
            return candidate
    known = ", ".join(bundled_names()) or "none"
    raise ScenarioError(
        str(name_or_path), [Problem("", f"no such file or bundled scenario (bundled: {known})")]
    )


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ScenarioError(str(path), [Problem("", f"cannot be read ({exc.strerror})")]) from exc
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise ScenarioError(str(path), [Problem("", f"damaged gzip file ({exc})")]) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError(str(path), [Problem("", f"not UTF-8 text (byte {exc.start})")]) from exc


def parse_text(text: str, source: str = "scenario") -> Scenario:
    """Validate a scenario's text: YAML when ``source`` ends in .yaml/.yml(.gz), else JSON."""
    if is_yaml(source):
        doc, lines = parse_yaml(text, source)
        return parse_scenario(doc, source, lines)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ScenarioError(
            source, [Problem("", f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno)]
        ) from None
    return parse_scenario(doc, source, top_level_lines(text))


def load_scenario(name_or_path: str | Path) -> Scenario:
    path = resolve(name_or_path)
    return parse_text(read_text(path), str(path))


def top_level_lines(text: str) -> dict[str, int]:
    """Line numbers of the top-level keys and of each ``injects[i]`` (for error messages)."""
    decoder = json.JSONDecoder()
    lines: dict[str, int] = {}

    def line_of(pos: int) -> int:
        return text.count("\n", 0, pos) + 1

    def skip(pos: int, chars: str = " \t\r\n") -> int:
        while pos < len(text) and text[pos] in chars:
            pos += 1
        return pos

    try:
        pos = skip(0)
        if text[pos] != "{":
            return lines
        pos = skip(pos + 1)
        while pos < len(text) and text[pos] != "}":
            key, pos = decoder.raw_decode(text, pos)
            pos = skip(skip(pos) + 1)  # the colon
            lines[str(key)] = line_of(pos)
            if key == "injects" and text[pos] == "[":
                pos = _inject_lines(text, skip(pos + 1), decoder, lines, line_of, skip)
            else:
                _value, pos = decoder.raw_decode(text, pos)
            pos = skip(pos, " \t\r\n,")
    except (ValueError, IndexError):
        pass  # the line numbers are a courtesy; validation reports the problem itself
    return lines


def _inject_lines(
    text: str,
    pos: int,
    decoder: json.JSONDecoder,
    lines: dict[str, int],
    line_of: Callable[[int], int],
    skip: Callable[..., int],
) -> int:
    index = 0
    while text[pos] != "]":
        lines[f"injects[{index}]"] = line_of(pos)
        _value, pos = decoder.raw_decode(text, pos)
        pos = skip(pos, " \t\r\n,")
        index += 1
    return pos + 1


# -- playback -----------------------------------------------------------------------------
@dataclass
class PlaybackClock:
    """Scenario time as a function of wall time: ``position = base + (now - since) × speed``."""

    speed: float = 1.0
    now: Callable[[], float] = time.monotonic
    _base: float = 0.0
    _since: float | None = None  # wall time when last resumed; None while paused

    def __post_init__(self) -> None:
        self.speed = check_speed(self.speed)

    @property
    def running(self) -> bool:
        return self._since is not None

    def position(self) -> timedelta:
        elapsed = 0.0 if self._since is None else (self.now() - self._since) * self.speed
        return timedelta(seconds=self._base + elapsed)

    def start(self) -> None:
        if self._since is None:
            self._since = self.now()

    def pause(self) -> None:
        self._base = self.position().total_seconds()
        self._since = None

    def resume(self) -> None:
        self.start()

    def set_speed(self, speed: float) -> None:
        self._base = self.position().total_seconds()
        self._since = None if self._since is None else self.now()
        self.speed = check_speed(speed)

    def jump(self, to: timedelta) -> None:
        """Move scenario time forward (never back: delivered injects stay delivered)."""
        target = to.total_seconds()
        if target < self.position().total_seconds():
            raise ValueError("an exercise cannot jump back in time")
        self._base = target
        self._since = None if self._since is None else self.now()


def check_speed(speed: float) -> float:
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise ValueError(f"speed must be between 1 and 100 (got {speed:g})")
    return float(speed)


@dataclass
class ScenarioPlayer:
    """Hands out the steps whose time has come, in order."""

    steps: list[Step]
    clock: PlaybackClock = field(default_factory=PlaybackClock)
    _next: int = 0

    @property
    def finished(self) -> bool:
        return self._next >= len(self.steps)

    @property
    def delivered(self) -> int:
        return self._next

    def due(self) -> list[Step]:
        now = self.clock.position()
        start = self._next
        while self._next < len(self.steps) and self.steps[self._next].at <= now:
            self._next += 1
        return self.steps[start : self._next]

    def upcoming(self, limit: int = 50) -> list[Step]:
        return self.steps[self._next : self._next + limit]

    def seconds_until_next(self) -> float | None:
        """Wall seconds until the next step is due (None when finished or paused)."""
        if self.finished or not self.clock.running:
            return None
        gap = (self.steps[self._next].at - self.clock.position()).total_seconds()
        return max(0.0, gap / self.clock.speed)
