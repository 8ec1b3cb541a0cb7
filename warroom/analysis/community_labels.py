"""Readable labels for communities, from their members' kinds, hashtags and profiles.

"company network", "media", "customers · #hexacloud", "#souveraineté · cloud": the most
frequent author kind when it dominates, then the most frequent hashtag or profile word.
The operator can overwrite any label; edited labels are kept (see ``store.graph``).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

from warroom.store.graph import AccountInfo

KIND_LABELS = {
    "company": "company network",
    "employee": "employees",
    "media": "media",
    "journalist": "journalists",
    "politician": "politicians",
    "authority": "authorities",
    "customer": "customers",
    "competitor": "competitors",
    "influencer": "digital influencers",
    "activist": "activists",
}
DOMINANT_SHARE = 0.4
WORD_RE = re.compile(r"[^\W\d_][\w'-]{3,}", re.UNICODE)
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "your",
        "our",
        "you",
        "are",
        "was",
        "were",
        "have",
        "has",
        "not",
        "but",
        "all",
        "about",
        "les",
        "des",
        "une",
        "pour",
        "dans",
        "avec",
        "sur",
        "par",
        "pas",
        "qui",
        "que",
        "est",
        "sont",
        "nous",
        "vous",
        "ses",
        "son",
        "aux",
        "mais",
        "plus",
        "der",
        "die",
        "das",
        "und",
        "mit",
        "von",
        "den",
        "ist",
        "ein",
        "eine",
        "auf",
        "official",
        "officiel",
        "compte",
        "account",
        "tweets",
        "twitter",
        "views",
        "opinions",
        "own",
        "mine",
    ]
)


def label_communities(
    members: Mapping[int, int],
    accounts: Mapping[int, AccountInfo],
    hashtags: Mapping[int, Mapping[str, int]],
) -> dict[int, str]:
    """An automatic label for every community number in ``members`` (negative = none).
    Hashtags and profile words are weighted by how specific they are to the community
    (tf-idf over communities): the crisis hashtag everyone uses does not name anyone."""
    grouped: dict[int, list[int]] = {}
    for node, community in members.items():
        if community >= 0:
            grouped.setdefault(community, []).append(node)
    tags = {c: _tags(nodes, hashtags) for c, nodes in grouped.items()}
    words = {c: _words(nodes, accounts) for c, nodes in grouped.items()}
    tag_spread = Counter(tag for counts in tags.values() for tag in counts)
    word_spread = Counter(word for counts in words.values() for word in counts)
    total = len(grouped)
    labels = {}
    for community, nodes in grouped.items():
        parts = _kind_part(nodes, accounts)
        tag = _specific(tags[community], tag_spread, total)
        if tag:
            parts.append("#" + tag)
        word = _specific(words[community], word_spread, total, minimum=2 if len(nodes) > 2 else 1)
        if len(parts) < 2 and word:
            parts.append(word)
        if not parts:
            parts = _mixed_kinds(nodes, accounts)
        labels[community] = " · ".join(parts[:2]) if parts else f"community {community + 1}"
    return labels


def _mixed_kinds(nodes: list[int], accounts: Mapping[int, AccountInfo]) -> list[str]:
    """ "media & authorities": the two most frequent kinds when none dominates."""
    kinds = Counter(
        accounts[n].kind for n in nodes if n in accounts and accounts[n].kind != "unknown"
    )
    top = [KIND_LABELS.get(kind, kind) for kind, _count in kinds.most_common(2)]
    return [" & ".join(top)] if top else []


def _tags(nodes: list[int], hashtags: Mapping[int, Mapping[str, int]]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for node in nodes:
        counts.update(hashtags.get(node, {}))
    return counts


def _words(nodes: list[int], accounts: Mapping[int, AccountInfo]) -> Counter[str]:
    counts: Counter[str] = Counter()
    for node in nodes:
        account = accounts.get(node)
        if account is not None:
            counts.update({w.lower() for w in WORD_RE.findall(account.profile)} - STOPWORDS)
    return counts


def _kind_part(nodes: list[int], accounts: Mapping[int, AccountInfo]) -> list[str]:
    kinds = Counter(
        accounts[n].kind for n in nodes if n in accounts and accounts[n].kind != "unknown"
    )
    if kinds:
        kind, count = kinds.most_common(1)[0]
        if count >= DOMINANT_SHARE * len(nodes):
            return [KIND_LABELS.get(kind, kind)]
    return []


def _specific(counts: Counter[str], spread: Counter[str], total: int, minimum: int = 1) -> str:
    """The term with the best tf-idf (ties by name), or "" when none is frequent enough."""
    scored = [
        (count * math.log(1 + total / spread[term]), term)
        for term, count in counts.items()
        if count >= minimum and (spread[term] < total or total == 1)  # not everyone's term
    ]
    if not scored:
        return ""
    return min(scored, key=lambda item: (-item[0], item[1]))[1]
