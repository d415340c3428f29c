"""Known wrong answers of compare and check (session 21, wt-judge14), each with the reading a fact-checker expects
(hand-written pairs): an owner given by ``its``/``their``, a kind of people given by the word before ``officers``,
an act done alongside another kind, two places a direction word tells apart."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, compare_pair, conflicts, exact

from storycheck.analyze import analyze, pronoun_owner
from storycheck.records import Document

# --- 1. an owner given by a possessive pronoun ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "owner"),
    [
        ("Tesco said its shares rose 3% on Monday.", "tesco"),
        ("Its shares rose 3% on Monday, Royal Mail said.", "mail"),
        ("The banks said on Monday that their shares fell.", "bank"),
        ("Tesco beat forecasts as its shares rose.", "tesco"),
        ("He said its shares rose 3% on Monday.", None),  # a pronoun over it: no owner read
        ("Tesco reported a rise in its shares.", None),  # no subject: read through its verb elsewhere
    ],
)  # fmt: skip
def test_pronoun_owner_is_the_reporting_clauses_subject(sentence: str, owner: str | None) -> None:
    a = analyze(Document("x", sentence))
    poss = next(r for r in a.relations if r.dep == "poss")
    found = pronoun_owner(a.relations, poss)
    assert (found.child if found else None) == owner


LONG = " on Monday that its shares {} 3% in early trading in London after the results."


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Tesco said its shares rose 3% on Monday.", "Sainsbury said its shares fell 3% on Monday."),
        ("Tesco said on Monday that its shares rose 3%.", "Sainsbury said on Monday that its shares fell 3%."),
        ("Tesco said" + LONG.format("rose"), "Sainsbury said" + LONG.format("fell")),
        ("Its shares rose 3% on Monday, Tesco said.", "Its shares fell 3% on Monday, Sainsbury said."),
    ],
)  # fmt: skip
def test_its_shares_of_two_companies_are_no_antonym(source: str, text: str) -> None:
    for report in both_ways(source, text):
        assert not conflicts(report, "antonym"), report.findings


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Tesco said its shares rose 3% on Monday.", "Tesco said its shares fell 3% on Monday."),
        ("Tesco said" + LONG.format("rose"), "Tesco said" + LONG.format("fell")),
        ("Tesco said its shares rose 3% on Monday.", "Tesco shares fell 3% on Monday."),
    ],
)  # fmt: skip
def test_its_shares_of_one_company_told_both_ways_is_an_antonym(source: str, text: str) -> None:
    for report in (compare_pair(source, text), check_pair(source, text)):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


# --- 2. a kind of people given by the word before a unit head --------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Police officers arrested the man on Monday.", "Army officers arrested the man on Monday."),
        ("Police personnel arrested the man on Monday.", "Army personnel arrested the man on Monday."),
        ("Police officers arrested the man on Monday.", "Military officers arrested the man on Monday."),
    ],
)  # fmt: skip
def test_two_kinds_of_officers_are_two_actors(source: str, text: str) -> None:
    for report in both_ways(source, text):
        assert len(conflicts(report, "actor")) == 1, report.findings
        exact(report)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Police officers arrested the man on Monday.", "Officers arrested the man on Monday."),
        ("Police officers arrested the man on Monday.", "Police arrested the man on Monday."),
        ("Police officers arrested the man on Monday.", "Riot police officers arrested the man on Monday."),
        ("Police officers arrested the man on Monday.", "Military police officers arrested the man on Monday."),
        ("Police and army officers arrested the man on Monday.", "Army officers arrested the man on Monday."),
        ("Police officers, backed by army officers, arrested the man on Monday.", "Army officers arrested the man on Monday."),
        ("Police officers confirmed the death on Monday.", "Army officers confirmed the death on Monday."),  # speakers
    ],
)  # fmt: skip
def test_officers_of_one_kind_or_a_joint_force_are_no_actor_conflict(source: str, text: str) -> None:
    for report in both_ways(source, text):
        assert not conflicts(report, "actor"), report.findings


# --- 3. an act done alongside another kind --------------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "Firefighters searched the area alongside police on Monday.",
        "Firefighters searched the area, working alongside police, on Monday.",
        "Firefighters helped police search the area on Monday.",
        "Firefighters, together with police, searched the area on Monday.",
        "Firefighters joined police in searching the area on Monday.",
    ],
)  # fmt: skip
def test_a_joint_effort_is_no_actor_conflict(source: str) -> None:
    for report in both_ways(source, "Police searched the area on Monday."):
        assert not conflicts(report, "actor"), report.findings


@pytest.mark.parametrize(
    "source",
    [
        "Firefighters searched the area on Monday.",
        "Firefighters searched the area on Monday after police sealed off the street.",  # two acts, not one effort
    ],
)  # fmt: skip
def test_another_kind_doing_the_act_is_still_an_actor_conflict(source: str) -> None:
    report = compare_pair(source, "Police searched the area on Monday.")
    assert len(conflicts(report, "actor")) == 1, report.findings


# --- 4. two places a direction word tells apart ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("North Carolina", "South Carolina"),
        ("North Korea", "South Korea"),
        ("East Germany", "West Germany"),
        ("New York", "York"),
    ],
)  # fmt: skip
def test_two_places_a_direction_tells_apart_are_a_place_conflict(one: str, other: str) -> None:
    source, text = f"The storm hit {one} on Monday.", f"The storm hit {other} on Monday."
    for report in both_ways(source, text):
        found = conflicts(report)
        assert [f.type for f in found] == ["place"], report.findings
        assert {s.text for s in found[0].evidence} == {one, other}
        exact(report)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The storm hit Carolina on Monday.", "The storm hit North Carolina on Monday."),  # the short name may be it
        ("The storm hit the Carolinas on Monday.", "The storm hit North Carolina on Monday."),  # one of them
        ("The storm hit North Carolina and South Carolina on Monday.", "The storm hit South Carolina on Monday."),
        ("The storm hit North Carolina on Monday.", "The storm did not hit South Carolina on Monday."),
        ("The storm may hit North Carolina on Monday.", "The storm hit South Carolina on Monday."),
    ],
)  # fmt: skip
def test_one_place_its_short_name_or_its_plural_are_no_place_conflict(source: str, text: str) -> None:
    for report in both_ways(source, text):
        assert not conflicts(report), report.findings


def test_two_teams_the_recognizer_calls_places_stay_actors() -> None:
    report = compare_pair("Barcelona beat Manchester City on Sunday.", "Barcelona beat Manchester United on Sunday.")
    assert [f.type for f in conflicts(report)] == ["actor"], report.findings


def test_a_place_conflict_blocks_check_as_an_actor_one_did() -> None:
    """``check.BLOCKING`` holds ``place``: the sentence stays ``contradicted`` (it was, as an ``actor`` finding)."""
    report = check_pair("The storm hit North Carolina on Monday.", "The storm hit South Carolina on Monday.")
    assert [v.verdict for v in report.check.sentences] == ["contradicted"]
