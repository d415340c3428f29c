"""Session 32 (wt-judge30, issue 5): known wrong answers session 31 left, on news sentences written for these tests,
``check`` and ``compare`` both ways where a rule is about two reports (``pairhelp.both_ways``).

(a) The ``title`` rule called one post in two wordings of two reports two offices; (b) a double negative (``had not acted
unlawfully`` / ``had acted lawfully``) was a ``negation``; (c) ``must close`` / ``must stay open`` was withdrawn as
hedged; (d) ``check`` set a hedged or asked ``possible`` against ``impossible``; (e) a weekday of a list with its
date after it was not read as a conjunct; (f) an age in brackets made a name an organisation, and ``No. 10`` ended a
sentence. The tests not marked guard fail on a533ddc (``PYTHONPATH=<a copy of a533ddc>/src pytest`` on a copy of
this file beside that copy's ``pairhelp.py``)."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, compare_pair, conflicts, exact

from storycheck.analyze import analyze
from storycheck.records import Document


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a descriptor of the holder, not of the office
        ("On Monday, Greek Prime Minister Ana Vidal said the talks would resume in May.",
         "On Monday, conservative Prime Minister Ana Vidal said the talks would resume in May."),
        # the sentence's own words taken into the title (``criticised the policies of President ...``)
        ("The opposition criticised the policies of President Tom Hale at the rally in the capital on Monday.",
         "Crowds at the rally in the capital on Monday cheered Hale's successor, President Tom Hale."),
        # two posts of one man at once, of a role many hold
        ("Tom Hale, a senior Harlow campaign official, said on Monday the count had been fair.",
         "Tom Hale, a high-ranking Harlow council official, said on Monday the count had been fair."),
    ],
)
def test_one_post_in_two_wordings_is_no_title_conflict(a: str, b: str) -> None:
    """Two reports word one post their own way (``compare``); ``check`` reads a text's title strictly (below)."""
    for report in (compare_pair(a, b), compare_pair(b, a)):
        exact(report)
        assert not conflicts(report, "title"), report.findings


def test_a_text_that_rewords_its_source_s_title_is_still_checked() -> None:  # guard
    """A text has nothing of its own to word: a title it gives otherwise than its source stays a conflict in
    ``check`` (FRANK valid holds a summary that so moved a post from one man to another)."""
    source = "On Monday, the club sacked managing director Tom Hale after the team lost the final."
    text = "On Monday, the club sacked new director Tom Hale after the team lost the final."
    assert conflicts(check_pair(source, text), "title")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("On Monday, Former president John Mahama told reporters the vote had been fair.",
         "On Monday, President John Mahama told reporters the vote had been fair."),
        ("Col. Mark Milley told reporters on Friday that the base would close in June.",
         "Gen. Mark Milley told reporters on Friday that the base would close in June."),
        ("Foreign minister Tom Hale said on Monday the talks would resume.",
         "Finance minister Tom Hale said on Monday the talks would resume."),
    ],
)
def test_a_rank_or_another_portfolio_is_still_a_title_conflict(a: str, b: str) -> None:  # guard
    for report in (compare_pair(a, b), compare_pair(b, a)):
        assert conflicts(report, "title"), report.findings


JUDGE = "The judge said the officers had {} when they entered the flat in March."


def test_a_denied_opposite_manner_agrees() -> None:
    for report in both_ways(JUDGE.format("not acted unlawfully"), JUDGE.format("acted lawfully")):
        exact(report)
        assert not conflicts(report), report.findings


def test_a_denied_manner_is_still_denied() -> None:  # guard
    for report in both_ways(JUDGE.format("not acted unlawfully"), JUDGE.format("acted unlawfully")):
        assert conflicts(report, "negation"), report.findings


POOL = "Under the council's order the swimming pool {} until the repairs are finished."


def test_one_order_of_opposite_states_is_an_antonym_conflict() -> None:
    for report in both_ways(POOL.format("must close"), POOL.format("must stay open")):
        exact(report)
        assert [f.type for f in conflicts(report)] == ["antonym"], report.findings


def test_two_possibilities_are_no_conflict_in_compare() -> None:  # guard
    for report in (compare_pair(POOL.format("may close"), POOL.format("may stay open")),
                   compare_pair(POOL.format("must close"), POOL.format("may stay open"))):  # fmt: skip
        assert not conflicts(report), report.findings


BRIDGE = "The engineers said {} to finish the bridge by June, the ministry said on Monday."


@pytest.mark.parametrize(("unsure", "plain"), [("it may be possible", "it was impossible"),
                                               ("they asked whether it was impossible", "it was possible")])
def test_a_hedged_or_asked_opposite_is_no_antonym(unsure: str, plain: str) -> None:
    for report in both_ways(BRIDGE.format(unsure), BRIDGE.format(plain)):
        exact(report)
        assert not conflicts(report, "antonym"), report.findings


def test_a_plain_opposite_is_still_an_antonym() -> None:  # guard
    for report in (check_pair(BRIDGE.format("it was possible"), BRIDGE.format("it was impossible")),
                   check_pair(BRIDGE.format("it was impossible"), BRIDGE.format("it was possible"))):  # fmt: skip
        assert conflicts(report, "antonym"), report.findings


CENTRE = "The health board said the vaccination centre would open on {} in the old library."


def test_a_weekday_of_a_dated_list_is_no_rival() -> None:
    for report in both_ways(CENTRE.format("Wednesday, 15 October,"), CENTRE.format("Tuesday, 14 October, and Wednesday")):
        exact(report)
        assert not conflicts(report, "role"), report.findings


def test_a_weekday_outside_the_list_is_still_a_rival() -> None:  # guard
    report = check_pair(CENTRE.format("Thursday"), CENTRE.format("Tuesday and Wednesday"))
    assert conflicts(report), report.findings


def test_an_age_in_brackets_makes_a_person() -> None:
    text = "Lesley Conman (38) was arrested in Leeds on Friday, police said."
    kinds = {m.text: m.kind for m in analyze(Document("x", text)).mentions}
    assert kinds["Lesley Conman"] == "person"


def test_a_body_with_a_figure_in_brackets_stays_a_body() -> None:  # guard
    text = "Harlow Town Council (12) voted against the plan on Monday."
    kinds = {m.text: m.kind for m in analyze(Document("x", text)).mentions}
    assert kinds["Harlow Town Council"] == "org"


def test_no_before_a_number_ends_no_sentence() -> None:
    text = "The prime minister held talks at No. 10 Downing Street on Monday with union leaders. They agreed a deal."
    assert [s.text for s in analyze(Document("x", text)).sentences] == [
        "The prime minister held talks at No. 10 Downing Street on Monday with union leaders.", "They agreed a deal."]


def test_no_at_a_sentence_end_still_ends_it() -> None:  # guard
    text = "Asked about the deal, he said No. Then he left the hall."
    assert len(analyze(Document("x", text)).sentences) == 2
