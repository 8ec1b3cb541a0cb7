"""Statement workflow, roles, channel limits, X threads, criteria hints, copies, diffs."""

import pytest

from warroom.domain.criteria import VersionText, auto_hints, verbatim_copies, word_diff
from warroom.domain.statements import (
    WorkflowError,
    check_length,
    check_transition,
    next_actions,
    split_thread,
    weighted_length,
)


@pytest.mark.parametrize("role", ["observer", "community_manager", "analyst", "legal", "nobody"])
def test_only_comms_lead_or_director_approve(role):
    with pytest.raises(WorkflowError, match="may not approve"):
        check_transition("in_review", "approved", role)


@pytest.mark.parametrize("role", ["comms_lead", "director"])
def test_comms_lead_and_director_approve(role):
    check_transition("in_review", "approved", role)


def test_legal_review_blocks_approval_until_cleared():
    with pytest.raises(WorkflowError, match="legal"):
        check_transition("in_review", "approved", "director", requires_legal=True)
    check_transition("in_review", "approved", "director", requires_legal=True, legal_cleared=True)


def test_impossible_moves_are_refused_whatever_the_role():
    with pytest.raises(WorkflowError, match="draft statement cannot become published"):
        check_transition("draft", "published", "director")
    with pytest.raises(WorkflowError, match="cannot become"):
        check_transition("superseded", "draft", "director")
    with pytest.raises(WorkflowError, match="may not"):
        check_transition("draft", "in_review", "observer")


def test_next_actions_depend_on_role():
    assert next_actions("in_review", "comms_lead") == ["draft", "approved", "withdrawn"]
    assert next_actions("in_review", "observer") == []
    assert next_actions("draft", "community_manager") == ["in_review"]


def test_x_counts_links_as_23_and_emoji_as_2():
    assert weighted_length("abc") == 3
    assert weighted_length("voir https://status.hexacloud.example/incident/str/very/long") == 5 + 23
    assert weighted_length("🔥") == 2
    assert check_length("x" * 280, "twitter").posts == 1
    assert check_length("x" * 3001, "linkedin").over
    assert not check_length("x" * 3000, "linkedin").over
    assert check_length("x" * 10_000, "support").limit is None


def test_thread_splitting_fits_every_post_and_keeps_every_word():
    sentence = "Incendie sur le site STR, personne n'est blessé, nos équipes sont sur place. "
    text = sentence * 9 + "Prochain point à 16h : https://status.hexacloud.example/incident"
    posts = split_thread(text, "twitter")
    assert len(posts) == check_length(text, "twitter").posts >= 3
    assert all(weighted_length(p) <= 280 for p in posts)
    assert [p.rsplit(" ", 1)[1] for p in posts] == [
        f"{i}/{len(posts)}" for i in range(1, len(posts) + 1)
    ]
    rebuilt = " ".join(p.rsplit(" ", 1)[0] for p in posts)
    assert rebuilt.split() == text.split()


def test_thread_splitting_cuts_an_unbreakable_word():
    posts = split_thread("a" * 700, "twitter")
    assert len(posts) == 3 and all(len(p) <= 280 for p in posts)
    assert "".join(p.rsplit(" ", 1)[0] for p in posts) == "a" * 700


def test_short_text_is_one_post_without_number():
    assert split_thread("Personne n'est blessé.", "twitter") == ["Personne n'est blessé."]


def test_verbatim_copy_across_channels_is_flagged_but_not_translations():
    text = "Nous sommes désolés. Nos équipes vérifient chaque service. Prochain point à 16h."
    versions = [
        VersionText(1, "facebook", "fr", text),
        VersionText(2, "twitter", "fr", text + " "),
        VersionText(3, "linkedin", "fr", "Chers clients, " + "un texte adapté et plus long. " * 5),
        VersionText(4, "twitter", "en", text),  # other language: not a copy
    ]
    copies = verbatim_copies(versions)
    assert copies == {1: ["twitter"], 2: ["facebook"]}


def test_hints_find_facts_empathy_and_victim_posture():
    good = auto_hints(
        "Cette nuit à 0h47, 3 bâtiments touchés. Nous sommes désolés. Nos équipes sont "
        "mobilisées. À ce stade nous ne savons pas encore la cause. Prochain point à 16h."
    )
    assert all(good[k].ok for k in ("facts", "empathy", "actions", "availability", "transparency"))
    assert good["no_victim"].ok and good["consistent"].ok is None
    bad = auto_hints("Nous sommes victimes d'un acharnement injuste.", copies_of=["twitter"])
    assert bad["facts"].ok is False and bad["empathy"].ok is False
    assert bad["no_victim"].ok is False and "victimes" in bad["no_victim"].reason
    assert bad["adapted"].ok is False and "twitter" in bad["adapted"].reason


def test_word_diff_marks_added_and_removed_words():
    pieces = word_diff("Prochain point dans la journée.", "Prochain point à 16h.")
    kinds = {(p.kind, p.text.strip()) for p in pieces}
    assert ("removed", "dans la journée.") in kinds and ("added", "à 16h.") in kinds
    assert "".join(p.text for p in pieces if p.kind != "removed") == "Prochain point à 16h."
