"""Review revj14 of session 21's wt-judge14 (its/their read as the reporting clause's subject; places a direction
word or ``New`` tells apart): inputs on which the merged rules read the wrong owner or the wrong place, each with
the reading a fact-checker expects (hand-written pairs, no benchmark item)."""

from __future__ import annotations

import pytest
from pairhelp import check_pair, compare_pair, conflicts, exact, owners_of

# --- one lemma, two reporting verbs: the owner is the subject of the clause that reports the noun's -----------------


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        ("Ford said its profit rose 3% on Monday, while Toyota said its profit fell 3%.", ["ford", "toyota"]),
        ("Ford said its profit rose, while Toyota said its sales rose.", ["ford", "toyota"]),
        ("Tesco said its profit rose and he said its shares fell.", ["tesco", None]),  # a pronoun speaker: none
    ],
)  # fmt: skip
def test_each_its_is_owned_by_the_subject_of_its_own_reporting_clause(sentence: str, owners: list) -> None:
    assert owners_of(sentence) == owners


def test_the_other_companys_outcome_is_no_antonym() -> None:
    """Main read the second ``its`` as Ford's (the first ``say`` of the sentence): Ford's profit rose and fell."""
    two = "Ford said its profit rose 3% on Monday, while Toyota said its profit fell 3%."
    for other in ("Ford said its profit rose 3% on Monday.", "Ford profit rose 3% on Monday, and Toyota profit fell 3%."):
        for report in (compare_pair(two, other), compare_pair(other, two), check_pair(two, other), check_pair(other, two)):
            assert not conflicts(report, "antonym"), report.findings


def test_one_companys_outcome_told_both_ways_is_still_an_antonym() -> None:
    """Main read Toyota's ``its`` as Ford's and told the two apart: the contradiction on Toyota was missed."""
    two, one = "Ford said its profit fell 3% on Monday, while Toyota said its profit rose 3%.", "Toyota said its profit fell 3% on Monday."
    for report in (compare_pair(two, one), check_pair(two, one), check_pair(one, two)):
        found = conflicts(report, "antonym")
        assert len(found) == 1, report.findings
        assert {s.text for s in found[0].evidence} == {"rose", "fell"}
        exact(report)


def test_a_parenthetical_reporter_is_not_the_owner() -> None:
    """The parser puts ``fell`` under ``reported`` and ``reported`` under ``said``: main read Reuters' profit and told it
    from Tesco's, so Tesco's profit rising and falling was no conflict."""
    one, other = "Tesco said its profit rose 3% in the quarter.", "Tesco said its profit fell 3% in the quarter, Reuters reported."
    assert owners_of(other) == ["tesco"]
    for report in (compare_pair(one, other), check_pair(one, other), check_pair(other, one)):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


# --- an owner must agree with the pronoun: a speaker who is a person or many is no owner of "its" ------------------


@pytest.mark.parametrize(
    ("sentence", "owners"),
    [
        ("Analysts said its shares rose 3% on Monday.", [None]),
        ("Chief executive Ken Murphy said its shares fell 3% on Monday.", [None]),
        ("A spokesman said its shares rose 3% on Monday.", [None]),
        ("Sources close to the company said its shares would rise.", [None]),
        ("Tesco said its shares rose 3% on Monday.", ["tesco"]),
        ("Officials said their investigation found the man fled.", ["official"]),
        ("The banks said on Monday that their shares fell.", ["bank"]),
    ],
)  # fmt: skip
def test_an_owner_agrees_with_its_pronoun(sentence: str, owners: list) -> None:
    assert owners_of(sentence) == owners


@pytest.mark.parametrize(
    "speaker", ["Analysts said its shares fell 3% on Monday.", "Chief executive Ken Murphy said its shares fell 3% on Monday."]
)
def test_a_speaker_is_not_told_apart_from_the_company(speaker: str) -> None:
    """Main read the speaker as the owner (``Analysts``' shares, ``Murphy``'s) and told it apart from Tesco: the
    antonym the session before gave was lost."""
    report = check_pair("Tesco shares rose 3% on Monday.", speaker)
    assert len(conflicts(report, "antonym")) == 1, report.findings
    exact(report)


# --- "New" before a place that lies within the place of the short name ------------------------------------------


@pytest.mark.parametrize("verb", ["The storm hit", "The prime minister visited"])
def test_new_delhi_and_delhi_are_one_place(verb: str) -> None:
    source, text = f"{verb} New Delhi on Monday.", f"{verb} Delhi on Monday."
    for report in (compare_pair(source, text), compare_pair(text, source), check_pair(source, text), check_pair(text, source)):
        assert not conflicts(report), report.findings


def test_new_york_and_york_stay_two_places() -> None:
    report = compare_pair("The storm hit New York on Monday.", "The storm hit York on Monday.")
    assert [f.type for f in conflicts(report)] == ["place"], report.findings


# --- a capitalised word and its plural are one name's places only when they are places -----------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Police arrested Williams on Monday.", "Police arrested William on Monday."),
        ("The club signed Edwards on Monday.", "The club signed Edward on Monday."),
    ],
)  # fmt: skip
def test_a_name_and_its_plural_are_two_people(source: str, text: str) -> None:
    """Main's ``roles._places_of_one_name`` (for ``the Carolinas`` / ``North Carolina``) asked no place of either and
    dropped the role conflict the session before gave for two people."""
    for report in (check_pair(source, text), check_pair(text, source)):
        assert [f.type for f in conflicts(report)] == ["role"], report.findings
        exact(report)


# --- one direction written two ways, or a part of the other, is no place conflict ------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("North-East England", "North East England"),
        ("South West England", "Southwest England"),
        ("Northern Nigeria", "North Nigeria"),
        ("North Nigeria", "Northeast Nigeria"),  # the northeast is in the north
    ],
)  # fmt: skip
def test_one_direction_written_two_ways_is_one_place(one: str, other: str) -> None:
    source, text = f"The storm hit {one} on Monday.", f"The storm hit {other} on Monday."
    for report in (compare_pair(source, text), compare_pair(text, source), check_pair(source, text), check_pair(text, source)):
        assert not conflicts(report), report.findings


@pytest.mark.parametrize(("one", "other"), [("Northeast Nigeria", "Northwest Nigeria"), ("Upper Austria", "Lower Austria")])
def test_two_directions_stay_two_places(one: str, other: str) -> None:
    report = compare_pair(f"The storm hit {one} on Monday.", f"The storm hit {other} on Monday.")
    assert [f.type for f in conflicts(report)] == ["place"], report.findings
    exact(report)
