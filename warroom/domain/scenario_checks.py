"""Validation of scenario parts: the problem collector and one check per inject type."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from warroom.domain.enums import Channel, CrisisPhase, LogCategory, RumorStatus
from warroom.domain.scenario_base import BURST_MODELS, LINK_FIELDS, Problem, parse_offset


class Checker:
    """Collects problems while walking the document."""

    def __init__(self, lines: dict[str, int]) -> None:
        self.problems: list[Problem] = []
        self._lines = lines

    def add(self, where: str, message: str) -> None:
        line = self._lines.get(where) or self._lines.get(where.split(".")[0])
        self.problems.append(Problem(where, message, line))

    def text(self, obj: dict[str, Any], key: str, where: str, required: bool = True) -> str:
        value = obj.get(key)
        if value is None:
            if required:
                self.add(f"{where}.{key}", "is required")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.add(f"{where}.{key}", f"must be a non-empty text, not {value!r}"[:120])
            return ""
        return value

    def number(self, obj: dict[str, Any], key: str, where: str, low: float, high: float) -> None:
        value = obj.get(key)
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(f"{where}.{key}", f"must be a number, not {value!r}"[:120])
        elif not low <= value <= high:
            self.add(f"{where}.{key}", f"must be between {low:g} and {high:g} (got {value})")

    def channel(self, obj: dict[str, Any], key: str, where: str) -> str:
        raw = self.text(obj, key, where)
        if not raw:
            return ""
        try:
            return Channel.parse(raw).value
        except ValueError:
            valid = ", ".join(c.value for c in Channel)
            self.add(f"{where}.{key}", f"unknown channel {raw!r} (use one of: {valid})")
            return ""

    def offset(self, obj: dict[str, Any], key: str, where: str) -> timedelta | None:
        if key not in obj:
            self.add(f"{where}.{key}", "is required")
            return None
        try:
            return parse_offset(obj[key])
        except ValueError as exc:
            self.add(f"{where}.{key}", str(exc))
            return None

    def choice(self, obj: dict[str, Any], key: str, where: str, valid: tuple[str, ...]) -> None:
        value = obj.get(key)
        if value is not None and value not in valid:
            self.add(f"{where}.{key}", f"unknown value {value!r} (use one of: {', '.join(valid)})")


@dataclass
class InjectState:
    handles: set[str]
    communities: dict[str, dict[str, Any]]
    posts: set[tuple[str, str]] = field(default_factory=set)
    rumors: set[str] = field(default_factory=set)
    statements: set[str] = field(default_factory=set)
    rumor_refs: list[tuple[str, str]] = field(default_factory=list)
    entries: set[str] = field(default_factory=set)


def _check_post(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    channel = checker.channel(item, "channel", where)
    post_id = checker.text(item, "id", where)
    author = checker.text(item, "author", where)
    if author and author not in st.handles:
        checker.add(f"{where}.author", f"unknown author {author!r} (declare it in 'authors')")
    if not item.get("repost_of"):
        checker.text(item, "text", where)
    for link in LINK_FIELDS:
        target = item.get(link)
        if target is not None and (channel, str(target)) not in st.posts:
            checker.add(f"{where}.{link}", f"no post {target!r} on {channel} earlier in the file")
    if (channel, post_id) in st.posts:
        checker.add(f"{where}.id", f"post {post_id!r} on {channel} is already defined")
    checker.number(item, "sentiment", where, -1, 1)
    _check_rumor_ref(checker, item, where, st)
    st.posts.add((channel, post_id))


def _check_rumor_ref(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    """Posts may belong to a rumor registered later (it spreads before it is detected)."""
    rumor = item.get("rumor")
    if rumor is not None:
        st.rumor_refs.append((f"{where}.rumor", str(rumor)))


def _check_burst(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    count = item.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= 100_000:
        checker.add(f"{where}.count", "must be a whole number of posts between 1 and 100000")
    checker.offset(item, "duration", where)
    checker.choice(item, "model", where, BURST_MODELS)
    names = item.get("community")
    for name in names if isinstance(names, list) else [names]:
        if name not in st.communities:
            checker.add(f"{where}.community", f"unknown community {name!r}")
    texts = item.get("texts")
    if not isinstance(texts, dict) or not all(
        isinstance(v, list) and v and all(isinstance(t, str) for t in v) for v in texts.values()
    ):
        checker.add(f"{where}.texts", "must map a language to a non-empty list of texts")
    root = item.get("root")
    if root is not None:
        channel = Channel.parse(str(item.get("channel", ""))).value if item.get("channel") else ""
        if (channel, str(root)) not in st.posts:
            checker.add(
                f"{where}.root", f"no post {root!r} on {channel or '?'} earlier in the file"
            )
    elif item.get("model") == "cascade":
        checker.add(f"{where}.root", "a cascade needs the id of the post that starts it")
    if root is not None or item.get("channel"):
        checker.channel(item, "channel", where)
    else:
        channels = item.get("channels")
        wanted = names if isinstance(names, list) else [names]
        pools = [st.communities.get(str(n), {}) for n in wanted]
        if not channels and not all(isinstance(c.get("channels"), dict) for c in pools):
            checker.add(f"{where}.channels", "give 'channel' or 'channels' {name: weight}")
        elif channels is not None and (not isinstance(channels, dict) or not channels):
            checker.add(f"{where}.channels", "must map channel names to weights")
    _check_burst_shape(checker, item, where)
    _check_rumor_ref(checker, item, where, st)


def _check_burst_shape(checker: Checker, item: dict[str, Any], where: str) -> None:
    """The numbers a burst is drawn from: checked here so that playing never fails."""
    if "half_life" in item:
        checker.offset(item, "half_life", where)
    for share in ("repost_share", "reply_share", "quote_share"):
        checker.number(item, share, where, 0, 1)
    weights(checker, item, "channels", where, channels=True)
    pair(checker, item, "sentiment", where, -1, 1)
    answers = item.get("answers")
    if answers is None:
        return
    if not isinstance(answers, dict) or not isinstance(answers.get("share"), int | float):
        checker.add(f"{where}.answers", "must be {share, by, delay, texts} (see the format)")
        return
    checker.number(answers, "share", f"{where}.answers", 0, 1)
    by = answers.get("by")
    if not isinstance(by, str | dict) or not by:
        checker.add(f"{where}.answers.by", "must be a handle or {channel: handle}")
    for channel, delay in (answers.get("delay") or {}).items():
        checker.offset({"delay": delay}, "delay", f"{where}.answers.delay.{channel}")
    texts = answers.get("texts")
    if (
        not isinstance(texts, dict)
        or not texts
        or not all(
            isinstance(v, list) and v and all(isinstance(t, str) for t in v) for v in texts.values()
        )
    ):
        checker.add(f"{where}.answers.texts", "must map a language to a non-empty list of texts")


def weights(checker: Checker, obj: dict[str, Any], key: str, where: str, channels: bool) -> None:
    """``{name: positive number}``; with ``channels``, names must be channels."""
    value = obj.get(key)
    if value is None:
        return
    if not isinstance(value, dict) or not value:
        checker.add(f"{where}.{key}", "must map names to positive weights")
        return
    for name, weight in value.items():
        if isinstance(weight, bool) or not isinstance(weight, int | float) or weight <= 0:
            checker.add(
                f"{where}.{key}.{name}", f"weight must be a positive number, not {weight!r}"
            )
        if channels:
            try:
                Channel.parse(str(name))
            except ValueError:
                checker.add(f"{where}.{key}.{name}", f"unknown channel {name!r}")


def pair(
    checker: Checker, obj: dict[str, Any], key: str, where: str, low: float, high: float
) -> None:
    """``[min, max]`` within ``low``..``high``."""
    value = obj.get(key)
    if value is None:
        return
    ok = (
        isinstance(value, list)
        and len(value) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in value)
        and low <= value[0] <= value[1] <= high
    )
    if not ok:
        checker.add(f"{where}.{key}", f"must be [min, max] between {low:g} and {high:g}")


def _check_log(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    checker.text(item, "text", where)
    checker.choice(item, "category", where, tuple(c.value for c in LogCategory))
    amends = item.get("amends")
    if amends is not None and amends not in st.entries:
        checker.add(f"{where}.amends", f"no logbook inject with id {amends!r} earlier in the file")
    if item.get("id") is not None:
        st.entries.add(str(item["id"]))


def _check_contact(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    checker.text(item, "from", where)
    checker.text(item, "text", where)


def _check_rumor(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    rumor_id = checker.text(item, "id", where)
    checker.text(item, "claim", where)
    origin = item.get("origin")
    if origin is not None and not any(p[1] == origin for p in st.posts):
        checker.add(f"{where}.origin", f"no post {origin!r} earlier in the file")
    if rumor_id in st.rumors:
        checker.add(f"{where}.id", f"rumor {rumor_id!r} is already defined")
    st.rumors.add(rumor_id)


def _check_rumor_update(
    checker: Checker, item: dict[str, Any], where: str, st: InjectState
) -> None:
    rumor = checker.text(item, "rumor", where)
    if rumor and rumor not in st.rumors:
        checker.add(f"{where}.rumor", f"no rumor {rumor!r} defined earlier in the file")
    checker.choice(item, "status", where, tuple(s.value for s in RumorStatus))
    statement = item.get("statement")
    if statement is not None and statement not in st.statements:
        checker.add(f"{where}.statement", f"no statement {statement!r} defined earlier")


def _check_statement(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    statement_id = checker.text(item, "id", where)
    checker.text(item, "title", where)
    versions = item.get("versions")
    if not isinstance(versions, list) or not versions:
        checker.add(f"{where}.versions", "must list at least one {channel, lang, text}")
    else:
        for vindex, version in enumerate(versions):
            if not isinstance(version, dict):
                checker.add(f"{where}.versions[{vindex}]", "must be an object")
                continue
            checker.channel(version, "channel", f"{where}.versions[{vindex}]")
            checker.text(version, "text", f"{where}.versions[{vindex}]")
    if statement_id in st.statements:
        checker.add(f"{where}.id", f"statement {statement_id!r} is already defined")
    st.statements.add(statement_id)


def _check_phase(checker: Checker, item: dict[str, Any], where: str, st: InjectState) -> None:
    if item.get("phase") not in tuple(p.value for p in CrisisPhase):
        valid = ", ".join(p.value for p in CrisisPhase)
        checker.add(f"{where}.phase", f"must be one of: {valid}")


CHECKS = {
    "post": _check_post,
    "burst": _check_burst,
    "log": _check_log,
    "call": _check_contact,
    "press": _check_contact,
    "rumor": _check_rumor,
    "rumor_update": _check_rumor_update,
    "statement": _check_statement,
    "phase": _check_phase,
}
