"""Session 31 (wt-revj29, issue 5): a hostile review of wt-judge29, on news sentences written for these tests,
``check`` and ``compare`` both ways (``pairhelp.both_ways``). judge29 read WordNet's adverbs, so ``lawfully`` /
``unlawfully`` became opposites, and ``check``'s role checks took ``had not acted unlawfully`` / ``had acted
lawfully`` (which agree) for an antonym conflict: a negation before the verb was not read as the adverb's
(``roles._negated_word`` read only the word just before the adverb). And, older, ``check`` read ``Monday`` of
``open on Monday, 3 October`` and ``October`` of ``open on 3 October`` as rival values of one date slot.

The tests marked so fail on 3ffdaec (``PYTHONPATH=<a copy of 3ffdaec>/src pytest tests/test_revj29.py``)."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, exact

JUDGE = "The judge said the officers had {} when they entered the flat in March."


@pytest.mark.parametrize("denied", ["not acted unlawfully", "never acted unlawfully"])
def test_a_denied_verb_denies_its_prefixed_adverb(denied: str) -> None:  # fails on 3ffdaec
    for report in both_ways(JUDGE.format(denied), JUDGE.format("acted lawfully")):
        exact(report)
        assert not conflicts(report, "antonym"), report.findings


def test_an_adverb_and_its_opposite_still_clash() -> None:  # guard
    for report in both_ways(JUDGE.format("acted unlawfully"), JUDGE.format("acted lawfully")):
        assert len(conflicts(report, "antonym")) == 1, report.findings


CENTRE = "The health board said the vaccination centre would open on {} in the old library."


@pytest.mark.parametrize(("a", "b"), [("Monday, 3 October", "3 October"), ("Monday 3 October", "3 October"),
                                      ("Friday, 13 March 2020", "13 March")])  # fmt: skip
def test_a_weekday_and_a_month_are_no_rival_values(a: str, b: str) -> None:  # fails on 3ffdaec
    """check's role checks took ``Monday`` (of ``on Monday, 3 October``) and ``October`` (of ``on 3 October``),
    both hung on one ``open on``, for two values of one date slot."""
    for report in both_ways(CENTRE.format(a), CENTRE.format(b)):
        exact(report)
        assert not conflicts(report), report.findings


def test_two_weekdays_of_one_slot_still_clash() -> None:  # guard
    for report in both_ways(CENTRE.format("Monday"), CENTRE.format("Tuesday")):
        assert [sorted(s.text for s in f.evidence) for f in conflicts(report)] == [["Monday", "Tuesday"]], report.findings
