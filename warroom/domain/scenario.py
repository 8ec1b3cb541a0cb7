"""Exercise scenarios: the pure model and its validation (format in resources/scenarios/).

A scenario is a JSON or YAML document (see ``resources/scenarios/README.md``): crisis settings,
stakeholders, sources, authors and communities, and a *chronogramme* of injects at times
relative to the scenario's start. This module checks a decoded document and turns it into
:class:`Scenario`; it reports every problem at once, each naming the inject index and the
field (and the line in the file when the loader could find it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from warroom.domain.enums import AuthorKind, CrisisPhase
from warroom.domain.scenario_base import (
    BURST_MODELS,
    FORMAT,
    FORMAT_VERSION,
    INJECT_TYPES,
    LINK_FIELDS,
    Problem,
    ScenarioError,
    format_offset,
    parse_offset,
)
from warroom.domain.scenario_checks import CHECKS, Checker, InjectState, pair, weights
from warroom.domain.timeutil import parse_utc

__all__ = [
    "BURST_MODELS",
    "FORMAT",
    "FORMAT_VERSION",
    "INJECT_TYPES",
    "LINK_FIELDS",
    "Inject",
    "Problem",
    "Scenario",
    "ScenarioError",
    "format_offset",
    "parse_offset",
    "parse_scenario",
]


@dataclass(frozen=True)
class Inject:
    """One timed entry of the chronogramme; ``data`` is the validated JSON object."""

    index: int
    at: timedelta
    kind: str
    data: dict[str, Any]

    @property
    def label(self) -> str:
        """A one-line description for the director's panel and the score sheet."""
        data = self.data
        if self.kind == "burst":
            names = data.get("community")
            who = ", ".join(names) if isinstance(names, list) else str(names)
            model = data.get("model", "uniform")
            return f"burst {who}: {data.get('count')} posts ({model}) over {data.get('duration')}"
        text = str(
            data.get("label")
            or data.get("text")
            or data.get("claim")
            or data.get("title")
            or data.get("phase")
            or ""
        )
        who = data.get("from") or data.get("author") or data.get("community") or ""
        head = f"{self.kind} {who}".strip()
        return f"{head}: {text}"[:160]


@dataclass(frozen=True)
class Scenario:
    name: str
    title: str
    description: str
    notice: str
    seed: int
    start: datetime  # the scenario's own T0 (used when loading it at its historical time)
    crisis: dict[str, Any]
    operators: list[dict[str, Any]]
    watches: list[dict[str, Any]]
    stakeholders: list[dict[str, Any]]
    sources: list[dict[str, Any]]
    authors: list[dict[str, Any]]
    communities: dict[str, dict[str, Any]]
    injects: list[Inject]
    own_accounts: frozenset[str] = field(default_factory=frozenset)

    @property
    def duration(self) -> timedelta:
        return max((i.at + end_of(i) for i in self.injects), default=timedelta(0))


def end_of(inject: Inject) -> timedelta:
    if inject.kind == "burst":
        return parse_offset(inject.data.get("duration", 0))
    return timedelta(0)


def _objects(checker: Checker, doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key, [])
    if not isinstance(value, list):
        checker.add(key, "must be a list")
        return []
    good = []
    for index, item in enumerate(value):
        if isinstance(item, dict):
            good.append(item)
        else:
            checker.add(f"{key}[{index}]", "must be an object")
    return good


def parse_scenario(
    doc: object, source: str = "scenario", lines: dict[str, int] | None = None
) -> Scenario:
    """Validate a decoded document; raise :class:`ScenarioError` listing every problem."""
    checker = Checker(lines or {})
    if not isinstance(doc, dict):
        raise ScenarioError(
            source, [Problem("", "the file must hold one object (keys and values)")]
        )
    if doc.get("format") != FORMAT:
        checker.add("format", f"must be {FORMAT!r} (is this a warroom scenario?)")
    if doc.get("version") != FORMAT_VERSION:
        checker.add("version", f"unsupported version {doc.get('version')!r} (expected 1)")
    name = checker.text(doc, "name", "scenario")
    start = _start(checker, doc)
    crisis = doc.get("crisis", {})
    if not isinstance(crisis, dict):
        checker.add("crisis", "must be an object")
        crisis = {}
    checker.choice(crisis, "phase", "crisis", tuple(p.value for p in CrisisPhase))
    checker.number(crisis, "severity", "crisis", 1, 5)
    stakeholders = _objects(checker, doc, "stakeholders")
    for index, group in enumerate(stakeholders):
        checker.text(group, "name", f"stakeholders[{index}]")
        checker.number(group, "power", f"stakeholders[{index}]", 1, 5)
        checker.number(group, "interest", f"stakeholders[{index}]", 1, 5)
    authors = _authors(checker, doc)
    communities = _communities(checker, doc)
    seed = doc.get("seed", 0)
    if isinstance(seed, bool) or not isinstance(seed, int):
        checker.add("seed", "must be an integer")
        seed = 0
    injects = _injects(checker, doc, authors, communities)
    if checker.problems:
        raise ScenarioError(source, checker.problems)
    own = doc.get("own_accounts", [])
    return Scenario(
        name=name,
        title=str(doc.get("title") or name),
        description=str(doc.get("description", "")),
        notice=str(doc.get("notice", "")),
        seed=seed,
        start=start or parse_utc("2000-01-01T00:00:00Z"),
        crisis=crisis,
        operators=_objects(checker, doc, "operators"),
        watches=_objects(checker, doc, "watches"),
        stakeholders=stakeholders,
        sources=_objects(checker, doc, "sources"),
        authors=authors,
        communities=communities,
        injects=injects,
        own_accounts=frozenset(str(a) for a in own) if isinstance(own, list) else frozenset(),
    )


def _start(checker: Checker, doc: dict[str, Any]) -> datetime | None:
    raw = doc.get("start")
    if not isinstance(raw, str):
        checker.add("start", "is required: the scenario's T0 in ISO 8601 (2021-03-10T00:47Z)")
        return None
    try:
        return parse_utc(raw)
    except ValueError:
        checker.add("start", f"not an ISO 8601 time: {raw!r}")
        return None


def _authors(checker: Checker, doc: dict[str, Any]) -> list[dict[str, Any]]:
    authors = _objects(checker, doc, "authors")
    kinds = tuple(k.value for k in AuthorKind)
    for index, author in enumerate(authors):
        where = f"authors[{index}]"
        checker.text(author, "handle", where)
        checker.channel(author, "channel", where)
        checker.choice(author, "kind", where, kinds)
        checker.number(author, "followers", where, 0, 10**10)
    return authors


def _communities(checker: Checker, doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    raw = doc.get("communities", {})
    if not isinstance(raw, dict):
        checker.add("communities", "must be an object of named communities")
        return {}
    kinds = tuple(k.value for k in AuthorKind)
    for name, community in raw.items():
        where = f"communities.{name}"
        if not isinstance(community, dict):
            checker.add(where, "must be an object")
            continue
        checker.number(community, "size", where, 1, 1_000_000)
        checker.choice(community, "kind", where, kinds)
        handle = community.get("handle", "")
        try:
            usable = isinstance(handle, str) and "{n" in handle and bool(handle.format(n=1))
        except (KeyError, IndexError, ValueError):
            usable = False
        if not usable:
            checker.add(f"{where}.handle", "must be a pattern containing {n}, e.g. 'client_{n}'")
        weights(checker, community, "channels", where, channels=True)
        weights(checker, community, "langs", where, channels=False)
        pair(checker, community, "followers", where, 0, 10**10)
    return {k: v for k, v in raw.items() if isinstance(v, dict)}


def _injects(
    checker: Checker,
    doc: dict[str, Any],
    authors: list[dict[str, Any]],
    communities: dict[str, dict[str, Any]],
) -> list[Inject]:
    raw = doc.get("injects")
    if not isinstance(raw, list) or not raw:
        checker.add("injects", "is required: a non-empty list (the chronogramme)")
        return []
    handles = {str(a.get("handle")) for a in authors}
    state = InjectState(handles, communities)
    result = []
    for index, item in enumerate(raw):
        where = f"injects[{index}]"
        if not isinstance(item, dict):
            checker.add(where, "must be an object")
            continue
        kind = item.get("type")
        at = checker.offset(item, "at", where)
        if kind not in INJECT_TYPES:
            checker.add(
                f"{where}.type", f"unknown inject type {kind!r} ({', '.join(INJECT_TYPES)})"
            )
            continue
        CHECKS[kind](checker, item, where, state)
        if at is not None:
            result.append(Inject(index, at, str(kind), item))
    for where, rumor in state.rumor_refs:
        if rumor not in state.rumors:
            checker.add(where, f"no rumor {rumor!r} is defined in the file")
    result.sort(key=lambda i: (i.at, i.index))
    return result
