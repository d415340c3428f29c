"""Session 31 (bspeed19): output-neutral cuts for the full batch. A text's durations in words are searched only
when it holds their units; a sentence's honorifics are read once per story; a name's words are kept; the batch's
young garbage is collected less often. News sentences written for these tests."""

from __future__ import annotations

from collections import Counter

import pytest

from storycheck import analyze, compare
from storycheck import judge as judge_module
from storycheck.quantities import DURATION_WORDS
from storycheck.records import Document

# every text holds a duration in words that DURATION_WORDS reads, however it is written
DURATIONS = [
    "The marathon winner finished in two hours and three minutes.",
    "It was a 3-hour-12-minute flight from Lisbon.",
    "THE RESCUE TOOK 2 HOURS 5 MINUTES, OFFICIALS SAID.",
    "She ran the race in 4 min 30 sec on a wet track.",
    "The record stood at 4 minutes, 30 seconds for a decade.",
    "He held his breath for eleven minutes and twenty seconds.",
    "The ceremony lasted an hour and a minute, the organisers said.",
    "Der Lauf dauerte 3 hours 10 minutes — ein Rekord für München.",
    "in 4 minutes 30 ſeconds",
]
# texts holding "min" and no such duration
NONE_HERE = [
    "The prime minister said the security council would meet on Monday.",
    "The administration's second budget cut spending by 3%.",
    "Officials said the mine had been closed for hours.",
]


@pytest.mark.parametrize("text", DURATIONS)
def test_a_text_with_a_duration_in_words_passes_the_search_for_its_units(text):
    assert DURATION_WORDS.search(text), text  # (the table above is what it says)
    assert analyze._MINUTES.search(text) and analyze._HOURS_OR_SECONDS.search(text)


def test_the_search_for_units_answers_as_the_pattern_on_random_texts():
    import random

    rng = random.Random(31)
    words = ["2", "two", "an", "a", "hour", "hours", "HOURS", "min", "minute", "mins", "sec", "seconds", "Sec", "and",
             ",", "-", " ", "minister", "second", "ſec", "ſeconds", "3", "twelve", "\n"]
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice([" ", "-", "", ", "]) for _ in range(rng.randint(1, 8)))
        if DURATION_WORDS.search(text):
            assert analyze._MINUTES.search(text) and analyze._HOURS_OR_SECONDS.search(text), text


class _Counting:
    """A compiled pattern whose ``finditer`` counts the texts it is asked to search."""

    def __init__(self, pattern) -> None:  # noqa: ANN001
        self.pattern, self.texts = pattern, Counter()

    def finditer(self, text: str, *args):  # noqa: ANN002, ANN201
        self.texts[text] += 1
        return self.pattern.finditer(text, *args)

    def __getattr__(self, name: str):  # noqa: ANN204
        return getattr(self.pattern, name)


def test_a_text_without_the_units_is_not_searched_for_durations(monkeypatch):
    counting = _Counting(DURATION_WORDS)
    monkeypatch.setattr(analyze, "DURATION_WORDS", counting)
    for i, text in enumerate(NONE_HERE):
        analyze.analyze(Document(f"n{i}", text))
    assert not counting.texts  # (on 3bd8b04 each was searched: every one holds "min")
    found = analyze.analyze(Document("d", "The winner crossed the line in two hours and three minutes on Sunday."))
    assert counting.texts  # a text with the units is searched, and its duration is read as before
    assert any(m.quantity is not None and m.quantity.value == 2 * 3600 + 3 * 60 for m in found.mentions)


# three reports: the sentence naming "Mr Cole" is aligned with the two naming "Mrs Cole"
COLES = [
    Document("wire", "Mr Cole said the council would close the library in June. The library opened in 1962."),
    Document("gazette", "Mrs Cole said the council would close the library in June. The library first opened in 1962."),
    Document("herald", "Mrs Cole said the council would shut the library in June. It opened in 1962."),
]


def test_a_sentences_honorifics_are_read_once_per_story(monkeypatch):
    counting = _Counting(judge_module._HONORIFIC)
    monkeypatch.setattr(judge_module, "_HONORIFIC", counting)
    report = compare(COLES, embedder=None)
    whole = {d.text for d in COLES}  # (``_honorifics_of`` reads each report whole once, as before)
    sentences = {t: n for t, n in counting.texts.items() if t not in whole}
    assert sentences and max(sentences.values()) == 1  # (3bd8b04: the wire's sentence twice, in its two pairs)
    named = [f for f in report.findings if f.kind == "conflict" and f.type == "name"]
    assert {s.doc for f in named for s in f.evidence} == {"wire", "gazette", "herald"}


@pytest.mark.parametrize(("a", "b", "apart"), [
    ("Real Madrid", "Atletico Madrid", True),
    ("Manchester City", "Manchester United", True),
    ("Madrid", "Real Madrid", False),
    ("Dalian Wanda", "Dalian Wanda Group", False),
    ("President Biden", "Joe Biden", False),
    ("Jon Smith", "John Smith", False),
])
def test_names_apart_as_before_with_their_words_kept(a, b, apart):
    judge_module._name_words.cache_clear()
    assert judge_module._words_apart(a, a, b, b) is apart
    assert judge_module._words_apart(a, a, b, b) is apart  # (again: from the kept words)
    assert judge_module._name_words.cache_info().hits >= 2
    assert isinstance(judge_module._name_words(a), frozenset)  # (shared between callers: never changed in place)
    assert judge_module._own_words(a, b) == judge_module._name_words(a) - judge_module._phrase_words(b)


def test_the_batchs_collector_collects_young_garbage_less_often():
    import gc

    from storycheck import batch

    was = gc.get_threshold()
    try:
        gc.set_threshold(700, 10, 10)
        before = batch._rare_full_collections()
        assert before == (700, 10, 10)
        assert gc.get_threshold() == (batch.YOUNG_GC_AFTER, 10, batch.FULL_GC_AFTER) == (20_000, 10, 1000)
    finally:
        gc.set_threshold(*was)
