"""Readable labels for communities, from their members' kinds, hashtags and profiles.

"company network", "media", "customers · #hexacloud", "#souveraineté · cloud": the most
frequent author kind when it dominates, then the most frequent hashtag or profile word.
The operator can overwrite any label; edited labels are kept (see ``store.graph``).
"""

from __future__ import annotations

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
    """An automatic label for every community number in ``members`` (negative = none)."""
    grouped: dict[int, list[int]] = {}
    for node, community in members.items():
        if community >= 0:
            grouped.setdefault(community, []).append(node)
    return {
        community: _label(community, nodes, accounts, hashtags)
        for community, nodes in grouped.items()
    }


def _label(
    community: int,
    nodes: list[int],
    accounts: Mapping[int, AccountInfo],
    hashtags: Mapping[int, Mapping[str, int]],
) -> str:
    kinds = Counter(
        accounts[n].kind for n in nodes if n in accounts and accounts[n].kind != "unknown"
    )
    tags: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for node in nodes:
        for tag, count in hashtags.get(node, {}).items():
            tags[tag] += count
        account = accounts.get(node)
        if account is not None:
            words.update({w.lower() for w in WORD_RE.findall(account.profile)} - STOPWORDS)
    parts: list[str] = []
    if kinds:
        kind, count = kinds.most_common(1)[0]
        if count >= DOMINANT_SHARE * len(nodes):
            parts.append(KIND_LABELS.get(kind, kind))
    if tags:
        parts.append("#" + sorted(tags.items(), key=lambda kv: (-kv[1], kv[0]))[0][0])
    if len(parts) < 2 and words:
        word, count = sorted(words.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        if count >= 2 or len(nodes) < 3:
            parts.append(word)
    if not parts:
        return f"community {community + 1}"
    return " · ".join(parts[:2])
