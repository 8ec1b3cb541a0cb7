"""The statement criteria checklist (DESIGN §1 "Practice"), the app's automatic hints,
verbatim-copy detection across channel versions, and word diffs between versions.

Hints are *help for the reviewer*, never a verdict: the reviewer ticks each criterion.
Word lists cover French and English, the crisis languages of the demo.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from rapidfuzz import fuzz


@dataclass(frozen=True)
class Criterion:
    key: str
    label: str
    help: str


CRITERIA: tuple[Criterion, ...] = (
    Criterion("facts", "Facts and figures", "dates, times, numbers, places"),
    Criterion("empathy", "Empathy", "acknowledges those affected"),
    Criterion("actions", "Concrete actions", "what we are doing now"),
    Criterion("availability", "Availability", "who to contact, when the next update comes"),
    Criterion("transparency", "Transparency", "what is known and what is not yet known"),
    Criterion("no_victim", "No victim posture", "we do not present ourselves as the victim"),
    Criterion("consistent", "Consistent with earlier statements", "see earlier statements"),
    Criterion("adapted", "Adapted to the channel", "not a copy of another channel's text"),
)
CRITERION_KEYS = tuple(c.key for c in CRITERIA)


def fold(text: str) -> str:
    """Lower-case, accents removed, whitespace collapsed: for matching, never for display."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.replace("’", "'").split())


_FACTS = re.compile(
    r"\b\d{1,2}\s?[h:]\s?\d{0,2}\b|\b\d+([.,]\d+)?\s?(%|k|m|millions?|clients?|customers?|"
    r"serveurs?|servers?|sites?|personnes|people)?\b|\b(lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday|janvier|"
    r"fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|"
    r"february|march|april|june|july|august|september|october|november|december)\b"
)
_WORDS: dict[str, tuple[str, ...]] = {
    "empathy": (
        "desole",
        "regrett",
        "excuse",
        "pensees",
        "pensons",
        "comprenons",
        "conscients",
        "inquietude",
        "impactes",
        "touches",
        "affected",
        "sorry",
        "apolog",
        "regret",
        "understand",
        "we know how",
        "frustrat",
        "our thoughts",
        "solidarite",
    ),
    "actions": (
        "nous avons",
        "nous allons",
        "mobilis",
        "mis en place",
        "mettons en place",
        "active",
        "deploy",
        "restaur",
        "redemarr",
        "rétabl",
        "retabl",
        "we have",
        "we are",
        "we will",
        "our teams",
        "nos equipes",
        "migration",
        "travaillons",
        "working",
        "recommand",
    ),
    "availability": (
        "prochain point",
        "next update",
        "contact",
        "joindre",
        "support",
        "hotline",
        "numero",
        "telephone",
        "phone",
        "email",
        "@",
        "http",
        "www.",
        "faq",
        "a 16h",
        "at 4",
        "des que",
        "as soon as",
        "heures",
        "demain",
        "tomorrow",
    ),
    "transparency": (
        "a ce stade",
        "pas encore",
        "ne savons pas",
        "nous ignorons",
        "enquete",
        "investigation",
        "en cours",
        "not yet",
        "we do not know",
        "we don't know",
        "still unknown",
        "ce que nous savons",
        "what we know",
        "being assessed",
        "evalu",
    ),
    "victim": (
        "nous sommes victimes",
        "nous sommes aussi victimes",
        "we are victims",
        "we are the victim",
        "injuste",
        "unfair",
        "acharnement",
        "pas de notre faute",
        "not our fault",
        "nous ne sommes pas responsables",
        "we are not responsible",
        "malveillance a notre egard",
        "on nous accuse",
    ),
}


@dataclass(frozen=True)
class Hint:
    """``ok`` True: the app found support for the criterion; False: it found a problem or
    nothing; None: the app cannot judge (the reviewer decides)."""

    ok: bool | None
    reason: str


def _found(folded: str, key: str) -> list[str]:
    return [w for w in _WORDS[key] if fold(w) in folded]


def auto_hints(text: str, *, copies_of: list[str] | None = None) -> dict[str, Hint]:
    """The app's help for each criterion, from the text of one version."""
    folded = fold(text)
    hints: dict[str, Hint] = {}
    facts = [m.group(0).strip() for m in _FACTS.finditer(folded) if m.group(0).strip()]
    hints["facts"] = (
        Hint(True, "found: " + ", ".join(dict.fromkeys(facts[:4])))
        if facts
        else Hint(False, "no date, time or number found")
    )
    for key, missing in (
        ("empathy", "no word acknowledging those affected"),
        ("actions", "no concrete action stated"),
        ("availability", "no contact or next update given"),
        ("transparency", "does not say what is known and not yet known"),
    ):
        words = _found(folded, key)
        hints[key] = Hint(True, "found: " + ", ".join(words[:3])) if words else Hint(False, missing)
    victim = _found(folded, "victim")
    hints["no_victim"] = (
        Hint(False, "victim posture: " + ", ".join(victim[:3]))
        if victim
        else Hint(True, "no victim posture found")
    )
    hints["consistent"] = Hint(None, "compare with the earlier statements listed")
    if copies_of:
        hints["adapted"] = Hint(False, "verbatim copy of: " + ", ".join(copies_of))
    else:
        hints["adapted"] = Hint(True, "not a copy of another channel's version")
    return hints


# -- verbatim copies ---------------------------------------------------------------------

VERBATIM_THRESHOLD = 92.0


@dataclass(frozen=True)
class VersionText:
    key: int  # the version id
    channel: str
    language: str
    text: str


def verbatim_copies(
    versions: list[VersionText], threshold: float = VERBATIM_THRESHOLD
) -> dict[int, list[str]]:
    """For each version, the other channels (same language) whose text is (almost) the
    same: the Twitter text pasted on LinkedIn. Returns ``{version key: [channel, …]}``."""
    result: dict[int, list[str]] = {}
    folded = [(v, fold(v.text)) for v in versions if v.text.strip()]
    for index, (first, first_text) in enumerate(folded):
        for second, second_text in folded[index + 1 :]:
            if first.channel == second.channel or first.language != second.language:
                continue
            if fuzz.ratio(first_text, second_text) >= threshold:
                result.setdefault(first.key, []).append(second.channel)
                result.setdefault(second.key, []).append(first.channel)
    return result


# -- diff --------------------------------------------------------------------------------


@dataclass(frozen=True)
class DiffPiece:
    kind: str  # "same", "added", "removed"
    text: str


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """A word-level diff of two texts, whitespace kept with the words."""
    old_words = re.findall(r"\s*\S+", old)
    new_words = re.findall(r"\s*\S+", new)
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    pieces: list[DiffPiece] = []
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(DiffPiece("same", "".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(DiffPiece("removed", "".join(old_words[a1:a2])))
        if op in ("insert", "replace"):
            pieces.append(DiffPiece("added", "".join(new_words[b1:b2])))
    return pieces
