"""Session 31 (wt-judge29, issue 5): judging faults a fact-checker met in session 31's walk, on news sentences
written for these tests, each with ``check`` and ``compare`` both ways (``pairhelp.both_ways``): a weekday written
before its date after a comma (``Wednesday, 15 October``) was a conflict of the weekdays alone, its day a missing
word; ``acted lawfully`` / ``acted unlawfully`` was no antonym (and ``legal`` / ``illegal`` one in ``check`` only).

Every test here but the guards (marked) fails on the base abed4c0 (``PYTHONPATH=<a copy of abed4c0>/src pytest tests/test_judge29.py``)."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, exact, one_conflict_between

from storycheck.analyze import analyze
from storycheck.lexicon import ANTONYMS
from storycheck.records import Document

CENTRE = "The health board said the vaccination centre would open on {} in the old library."


def _dates(text: str) -> list[str]:
    return [m.text for m in analyze(Document("t", text)).mentions if m.kind == "date"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Tuesday, 14 October", "Wednesday, 15 October"),
        ("Tuesday, October 14, 2025", "Wednesday, October 15, 2025"),  # guard: the tagger reads this one whole
        ("Friday, 3rd April", "Saturday, 4th April"),  # guard: ``_ordinal_days`` reads it
    ],
)  # fmt: skip
def test_a_weekday_and_its_date_after_a_comma_are_one_date_conflict(a: str, b: str) -> None:
    one_conflict_between(CENTRE.format(a), CENTRE.format(b), "date", {a, b})


def test_a_weekday_and_its_date_are_one_mention():
    assert _dates(CENTRE.format("Wednesday, 15 October")) == ["Wednesday, 15 October"]
    assert _dates("Sales rose on Monday, 3 stores said.") == ["Monday"]  # a count after a weekday is no day


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Wednesday, 15 October", "Thursday, 15 October"),  # the same day, two weekdays: one of them is wrong
        ("Wednesday, 15 October", "Thursday"),  # a weekday alone against a date's weekday (the base: one too)
    ],
)  # fmt: skip
def test_two_weekdays_of_one_date_are_a_date_conflict(a: str, b: str) -> None:
    for report in both_ways(CENTRE.format(a), CENTRE.format(b)):
        exact(report)
        assert [sorted(s.text for s in f.evidence) for f in conflicts(report, "date")] == [sorted([a, b])], report.findings


@pytest.mark.parametrize("b", ["15 October", "Wednesday", "Wednesday 15 October"])
def test_a_weekday_date_agrees_with_its_parts(b: str) -> None:  # guard
    for report in both_ways(CENTRE.format("Wednesday, 15 October"), CENTRE.format(b)):
        assert not conflicts(report, "date"), report.findings


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        ("The High Court ruled on Friday that the city council acted unlawfully when it voted to close the pool.",
         "The High Court ruled on Friday that the city council acted lawfully when it voted to close the pool.",
         {"unlawfully", "lawfully"}),
        # check found this one on the base (its role checks), compare called the pair alike
        ("Inspectors said the landlord's eviction of the tenants was illegal under the housing act.",
         "Inspectors said the landlord's eviction of the tenants was legal under the housing act.",
         {"illegal", "legal"}),
    ],
)  # fmt: skip
def test_a_word_and_its_prefixed_opposite_are_one_antonym_conflict(a: str, b: str, words: set[str]) -> None:
    """WordNet links ``lawfully`` / ``unlawfully`` as opposites (as adverbs, apart from ``lawful`` / ``unlawful``);
    the base read no adverbs, and ``acted lawfully`` was only a missing word; the judge opposed verbs alone."""
    one_conflict_between(a, b, "antonym", words)


def test_a_denied_opposite_agrees():  # guard
    for report in both_ways("The council said the eviction was not illegal under the housing act.",
                            "The council said the eviction was legal under the housing act."):
        assert not conflicts(report, "antonym"), report.findings


@pytest.mark.parametrize(("word", "other"), [("flammable", "inflammable"), ("valuable", "invaluable"),
                                             ("famous", "infamous"), ("famously", "infamously")])  # fmt: skip
def test_a_prefix_alone_makes_no_opposite(word: str, other: str) -> None:  # guard
    assert other not in ANTONYMS.get(word, ()) and word not in ANTONYMS.get(other, ())
