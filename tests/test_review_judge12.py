"""Review of the merge of wt-judge12 (names sharing a word as the objects of one doer's verb, a count of one outcome
told in two words in a pair below CONFLICT_MIN): realistic pairs it misread, each with the reading a fact-checker
expects (hand-written)."""

from __future__ import annotations

import pytest
from pairhelp import check_pair, compare_pair, conflicts, exact

BLAST = "Three people were killed in the blast."


# --- objects: one place at two scales, two denials, a hedge ---------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # one place and a part of it: an act on the one is on the other
        ("Israel struck Gaza City on Friday.", "Israel struck the Gaza Strip on Friday."),
        ("The storm hit New York City on Monday.", "The storm hit New York State on Monday."),
        # two denials tell of no act
        ("Barcelona did not beat Real Madrid on Sunday.", "Barcelona did not beat Atletico Madrid on Sunday."),
        # a hedge states no fact against the other's
        ("Barcelona may beat Real Madrid on Sunday.", "Barcelona beat Atletico Madrid on Sunday."),
    ],
)  # fmt: skip
def test_objects_that_may_both_be_true_are_no_actor_conflict(source: str, text: str) -> None:
    for report in (compare_pair(source, text), compare_pair(text, source)):
        assert not conflicts(report, "actor"), report.findings


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Barcelona beat Manchester City on Sunday.", "Barcelona beat Manchester United on Sunday."),  # "City" alone
        ("Barcelona beat Real Madrid on Sunday.", "Barcelona beat Real Sociedad on Sunday."),
    ],
)  # fmt: skip
def test_two_teams_sharing_a_word_are_still_two(source: str, text: str) -> None:
    report = compare_pair(source, text)
    assert len(conflicts(report, "actor")) == 1, report.findings
    exact(report)


# (session 21: "The storm hit North Carolina" / "... South Carolina", an xfail here, is a ``place`` conflict: two places a
# direction word tells apart, the other words one; tests/test_judge14.py)


# --- counts of one outcome in a loose pair: a hedge, another event -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Four people may have died in the blast.",  # a hedge
        "Four people might have died in the blast.",
        "If four people died in the blast, it would be the worst this year.",  # a condition
        "Four people died in another blast in Kabul.",  # another event
        "Four people died in a second blast nearby.",
        "Four people died in an earlier blast.",
        "Four people died in a similar blast last year.",
    ],
)  # fmt: skip
def test_a_hedged_count_or_one_of_another_event_is_no_number_conflict(text: str) -> None:
    for report in (check_pair(BLAST, text), compare_pair(BLAST, text), compare_pair(text, BLAST)):
        assert not conflicts(report, "number"), report.findings


@pytest.mark.parametrize(
    "text",
    [
        "Four people died in the blast.",
        "Four people died in the blast, officials said.",
        "At least four people died in the blast.",
    ],
)  # fmt: skip
def test_a_count_of_one_outcome_told_in_two_words_still_conflicts(text: str) -> None:
    for report in (check_pair(BLAST, text), compare_pair(BLAST, text)):
        assert len(conflicts(report, "number")) == 1, report.findings
        exact(report)
