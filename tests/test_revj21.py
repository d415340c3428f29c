"""Review revj21 of wt-judge21 (session 25): wrong answers its changes brought, on short news texts written for these
tests. Two people whose lone surnames are close in spelling, each the speaker of one report's words, are no one man
spelled two ways; a weight in ``pounds`` is no sum of money to weigh against ``£60``; an ordinal of a month (``on 3rd
May``) is a date's day, no count of ``May`` things."""

from __future__ import annotations

import pytest
from pairhelp import conflicts, wire_gazette


def _kinds(report) -> list[tuple[str, str, dict]]:  # noqa: ANN001
    return sorted((f.kind, f.type, str(f.values)) for f in report.findings)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the officer speaks in one report, the man he stopped in the other: "say" is every speaker's verb
        (
            "Johnson said the man had run at officers with a knife on Tuesday night.",
            "Jonson said he had been unarmed when officers stopped him on Tuesday night.",
        ),
        (
            "Johnson told reporters the shooting was justified, the police chief said.",
            "Jonson told reporters the shooting was unjustified, his lawyer said.",
        ),
    ],
)
def test_two_speakers_close_in_spelling_are_no_name_conflict(a, b):
    report = wire_gazette(a, b)
    assert not conflicts(report, "name"), _kinds(report)


def test_a_lone_surname_in_the_same_place_of_a_deed_is_still_one_name():
    report = wire_gazette("Police shot Jonson on Tuesday night in the city centre.",
                      "Police shot Johnson on Tuesday night in the city centre.")
    assert [f.values for f in report.findings if f.type == "name"] == [{"wire": "Jonson", "gazette": "Johnson"}]


def test_a_weight_in_pounds_is_not_weighed_against_a_sum_in_sterling():
    report = wire_gazette("Police seized a package weighing 45 pounds on Tuesday, officers said.",
                      "Police seized a package worth £60 on Tuesday, officers said.")
    assert not conflicts(report, "number"), _kinds(report)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The levy of 45 pounds a day was paid by the firm on Monday.", "The levy, 60 pounds a day, was paid by the firm on Monday."),
        ("Police seized cannabis weighing 200 pounds on Tuesday, officers said.",
         "Police seized cannabis weighing 300 pounds on Tuesday, officers said."),
    ],
)
def test_figures_written_in_pounds_still_clash(a, b):
    report = wire_gazette(a, b)
    assert conflicts(report, "number"), _kinds(report)


def test_an_ordinal_of_a_month_is_no_count_of_it():
    report = wire_gazette("The bank raised rates on 3rd May, officials said.", "The bank raised rates on 4th May, officials said.")
    assert not [f for f in report.findings if f.type == "number"], _kinds(report)
