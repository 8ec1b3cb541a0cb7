"""Expanding a scenario's chronogramme into timed steps, and bursts into their posts.

A burst of N posts is drawn deterministically from the scenario's seed and the inject's
index, following its propagation model:

- ``uniform``: posts spread evenly at random over the window;
- ``decay``: most posts early, then an exponential tail (``half_life``);
- ``cascade``: like ``decay``, and each post reshares, replies to or quotes a post
  already in the cascade started by ``root``, preferring well-followed authors, so that a
  few hubs ignite sub-cascades (preferential attachment).

Communities are pools of synthetic authors (``handle`` pattern with ``{n}``); some members
post far more than others (a heavy-tailed choice).
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from warroom.domain.enums import Channel
from warroom.domain.posts import NormalisedAuthor, NormalisedPost
from warroom.domain.scenario import Inject, Scenario, parse_offset


@dataclass(frozen=True)
class Step:
    """One thing to deliver at ``at`` after the start: a post, or another inject."""

    at: timedelta
    inject: Inject
    post: dict[str, Any] | None = None  # the post's fields (for posts and expanded bursts)

    @property
    def kind(self) -> str:
        return "post" if self.post is not None else self.inject.kind


def expand(scenario: Scenario) -> list[Step]:
    """Every step of the scenario in delivery order (deterministic)."""
    steps: list[Step] = []
    posts: dict[tuple[str, str], dict[str, Any]] = {}
    authors = declared_authors(scenario)
    for inject in scenario.injects:
        if inject.kind == "post":
            post = dict(inject.data)
            post["channel"] = Channel.parse(str(post["channel"])).value
            author = authors.get((post["channel"], str(post["author"])), {})
            post["author_followers"] = int(author.get("followers", 0))
            posts[(post["channel"], str(post["id"]))] = post
            steps.append(Step(inject.at, inject, post))
        elif inject.kind == "burst":
            for offset, post in expand_burst(scenario, inject, posts):
                steps.append(Step(inject.at + offset, inject, post))
        else:
            steps.append(Step(inject.at, inject))
    steps.sort(key=lambda s: (s.at, s.inject.index))
    return steps


def community_member(name: str, community: dict[str, Any], n: int) -> dict[str, Any]:
    """The n-th member of a community: a synthetic author, the same on every run."""
    rng = random.Random(f"{name}:{n}")
    low, high = community.get("followers", [20, 2000])
    followers = int(math.exp(rng.uniform(math.log(max(1, low)), math.log(max(2, high)))))
    handle = str(community["handle"]).format(n=n)
    label = str(community.get("name", "{n}")).format(n=n)
    return {
        "handle": handle,
        "name": label,
        "followers": followers,
        "kind": community.get("kind", "unknown"),
        "group": community.get("group"),
    }


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    keys = sorted(weights)
    return rng.choices(keys, [float(weights[k]) for k in keys])[0]


def _burst_time(rng: random.Random, model: str, duration: float, half_life: float) -> float:
    if model == "uniform" or duration <= 0:
        return rng.uniform(0, duration)
    rate = math.log(2) / max(half_life, 1.0)
    while True:  # truncated exponential: most posts early, a long tail
        value = rng.expovariate(rate)
        if value <= duration:
            return value


def expand_burst(
    scenario: Scenario, inject: Inject, known: dict[tuple[str, str], dict[str, Any]]
) -> list[tuple[timedelta, dict[str, Any]]]:
    """The posts of a burst inject with their offsets from the inject's time."""
    data = inject.data
    rng = random.Random(f"{scenario.seed}:{inject.index}")
    model = str(data.get("model", "uniform"))
    duration = parse_offset(data["duration"]).total_seconds()
    half_life = parse_offset(data.get("half_life", duration / 4 or 1)).total_seconds()
    names = data["community"] if isinstance(data["community"], list) else [data["community"]]
    root_channel = Channel.parse(str(data["channel"])).value if data.get("channel") else None
    root = known.get((root_channel or "", str(data.get("root")))) if data.get("root") else None
    times = sorted(_burst_time(rng, model, duration, half_life) for _ in range(data["count"]))
    shares = {
        "repost_of": float(data.get("repost_share", 0.5 if root else 0.0)),
        "reply_to": float(data.get("reply_share", 0.2 if root else 0.0)),
        "quote_of": float(data.get("quote_share", 0.05 if root else 0.0)),
    }
    cascade: list[dict[str, Any]] = [root] if root else []
    cumulative: list[float] = [_weight(root)] if root else []
    result: list[tuple[timedelta, dict[str, Any]]] = []
    prefix = str(data.get("id_prefix") or f"s{inject.index}")
    for k, offset in enumerate(times):
        name = rng.choice(names)
        community = scenario.communities[name]
        n = min(int(rng.paretovariate(1.1)), int(community.get("size", 100))) - 1
        n = rng.randrange(int(community.get("size", 100))) if rng.random() < 0.6 else n
        member = community_member(name, community, n)
        channel = (
            root_channel
            or Channel.parse(_weighted(rng, data.get("channels") or community["channels"])).value
        )
        post = _burst_post(rng, data, community, member, channel, f"{prefix}-{k:05d}")
        link = _pick_link(rng, shares) if cascade else None
        if link is not None and model == "cascade":
            # Half the links go to the spark itself; the rest follow preferential
            # attachment, so well-followed relays start their own sub-cascades.
            parent = cascade[0] if rng.random() < 0.5 else _preferred(rng, cascade, cumulative)
            post[link] = parent["id"]
            if link == "repost_of":
                post["text"] = ""
        elif link is not None and root is not None:
            post[link] = root["id"]
            if link == "repost_of":
                post["text"] = ""
        result.append((timedelta(seconds=round(offset)), post))
        if root is not None and post["channel"] == root["channel"]:
            cascade.append(post)
            cumulative.append(cumulative[-1] + _weight(post))
        known[(post["channel"], post["id"])] = post
        result.extend(_maybe_answer(rng, scenario, data, post, offset))
    return result


def _pick_link(rng: random.Random, shares: dict[str, float]) -> str | None:
    roll = rng.random()
    for link, share in shares.items():
        if roll < share:
            return link
        roll -= share
    return None


def _preferred(
    rng: random.Random, cascade: list[dict[str, Any]], cumulative: list[float]
) -> dict[str, Any]:
    return rng.choices(cascade, cum_weights=cumulative)[0]


def _weight(post: dict[str, Any]) -> float:
    """Reshare someone already in the cascade, more likely the well-followed (hubs)."""
    return 1.0 + float(post.get("author_followers", 0)) ** 0.75


def _burst_post(
    rng: random.Random,
    data: dict[str, Any],
    community: dict[str, Any],
    member: dict[str, Any],
    channel: str,
    post_id: str,
) -> dict[str, Any]:
    texts: dict[str, list[str]] = data["texts"]
    langs = community.get("langs") or {lang: 1.0 for lang in texts}
    lang = _weighted(rng, {k: v for k, v in langs.items() if k in texts} or {sorted(texts)[0]: 1})
    text = rng.choice(texts[lang])
    tags = data.get("hashtags") or []
    if tags and rng.random() < 0.5 and f"#{tags[0]}" not in text:
        text = f"{text} #{rng.choice(tags)}"
    low, high = data.get("sentiment", [-0.6, 0.2])
    return {
        "channel": channel,
        "id": post_id,
        "author": member["handle"],
        "author_name": member["name"],
        "author_followers": member["followers"],
        "author_kind": member["kind"],
        "author_group": member["group"],
        "text": text,
        "lang": lang,
        "sentiment": round(rng.uniform(low, high), 2),
        "likes": int(rng.paretovariate(1.4)) - 1,
        "shares": int(rng.paretovariate(1.8)) - 1,
        "rumor": data.get("rumor"),
        "hashtags": [w[1:].lower().strip(".,!?") for w in text.split() if w.startswith("#")],
    }


def _maybe_answer(
    rng: random.Random,
    scenario: Scenario,
    data: dict[str, Any],
    post: dict[str, Any],
    offset: float,
) -> list[tuple[timedelta, dict[str, Any]]]:
    """A reply from our own account to some posts of the burst (response-time realism)."""
    answer = data.get("answers")
    if not isinstance(answer, dict) or post.get("repost_of") or rng.random() >= answer["share"]:
        return []
    by = answer.get("by", {})
    author = by.get(post["channel"]) if isinstance(by, dict) else by
    if not author:
        return []
    delays = answer.get("delay", {})
    mean = parse_offset(delays.get(post["channel"], delays.get("default", "4:00"))).total_seconds()
    delay = max(120.0, rng.expovariate(1 / mean))
    texts = answer["texts"].get(post["lang"]) or next(iter(answer["texts"].values()))
    reply = {
        "channel": post["channel"],
        "id": f"{post['id']}-r",
        "author": author,
        "text": rng.choice(texts),
        "lang": post["lang"],
        "reply_to": post["id"],
        "sentiment": 0.2,
    }
    return [(timedelta(seconds=round(offset + delay)), reply)]


def to_normalised(
    scenario: Scenario,
    authors: dict[tuple[str, str], dict[str, Any]],
    post: dict[str, Any],
    created_at: datetime,
    inject: Inject,
) -> NormalisedPost:
    """A scenario post as the ingestion path expects it (times anchored at ``created_at``).
    ``authors`` is :func:`declared_authors` of the scenario."""
    declared = authors.get((post["channel"], post["author"]))
    details = declared or {
        "name": post.get("author_name", ""),
        "followers": post.get("author_followers", 0),
        "verified": False,
        "kind": post.get("author_kind", "unknown"),
    }
    author = NormalisedAuthor(
        channel=post["channel"],
        handle=str(post["author"]),
        display_name=str(details.get("name", "")),
        followers=int(details.get("followers", 0)),
        verified=bool(details.get("verified", False)),
        kind=str(details.get("kind", "unknown")),
    )
    text = str(post.get("text", ""))
    return NormalisedPost(
        channel=post["channel"],
        id=str(post["id"]),
        created_at=created_at,
        author=author,
        text=text,
        url=str(post.get("url") or f"https://example.org/{post['channel']}/{post['id']}"),
        lang=str(post.get("lang", "")),
        reply_to=post.get("reply_to"),
        repost_of=post.get("repost_of"),
        quote_of=post.get("quote_of"),
        mentions=[w[1:].strip(".,:!?") for w in text.split() if w.startswith("@")],
        hashtags=list(post.get("hashtags") or _tags(text)),
        likes=max(0, int(post.get("likes", 0))),
        shares=max(0, int(post.get("shares", 0))),
        replies=max(0, int(post.get("replies", 0))),
        views=max(0, int(post.get("views", 0))),
        sentiment=post.get("sentiment"),
        matched_terms=[],
        raw={
            "scenario": scenario.name,
            "inject": inject.index,
            "exercise": True,
            "rumor": post.get("rumor"),
            "group": (declared or {}).get("group") or post.get("author_group"),
        },
    )


def _tags(text: str) -> list[str]:
    return [w[1:].lower().strip(".,:!?") for w in text.split() if w.startswith("#")]


def declared_authors(scenario: Scenario) -> dict[tuple[str, str], dict[str, Any]]:
    """The scenario's named authors by (channel, handle)."""
    return {(Channel.parse(str(a["channel"])).value, str(a["handle"])): a for a in scenario.authors}
