"""Session 32 (wt-revj30, issue 5): a hostile review of wt-judge30, on news sentences written for these tests. Each
test fails on main at d67054b (judge30 merged); the guards (marked) pass there too."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, compare_pair, conflicts, exact

from storycheck.analyze import analyze
from storycheck.records import Document

CUTS = "On Monday, {} Tom Hale said the company would cut 200 jobs at its plant in Leeds."


@pytest.mark.parametrize(("a", "b"), [("chief executive", "chief financial officer"),
                                      ("chief executive officer", "chief financial officer"),
                                      ("chief operating officer", "chief executive")])  # fmt: skip
def test_two_jobs_that_open_with_one_role_word_clash(a: str, b: str) -> None:
    """judge30's ``compare`` read only the word before a shared role noun: ``chief executive`` / ``chief financial
    officer`` (a ``title`` conflict on a533ddc) became one post."""
    for report in both_ways(CUTS.format(a), CUTS.format(b)):
        exact(report)
        assert [f.type for f in conflicts(report, "title")] == ["title"], report.findings


def test_one_job_in_a_longer_name_is_no_clash() -> None:  # guard
    for report in (compare_pair(CUTS.format("chief executive"), CUTS.format("chief executive officer")),
                   compare_pair(CUTS.format("chief executive officer"), CUTS.format("chief executive"))):  # fmt: skip
        assert not conflicts(report, "title"), report.findings


TALKS = "On Monday, {} Tom Hale said the talks with the unions would resume in May."


@pytest.mark.parametrize(("a", "b"), [("Defence Minister", "finance minister"), ("Justice Secretary", "health secretary")])
def test_a_capitalised_portfolio_is_a_portfolio(a: str, b: str) -> None:
    """A portfolio a report capitalises (``Defence Minister``, which the tagger reads an organisation) against
    another: no ``title`` conflict in either command on d67054b (nor on a533ddc)."""
    for report in both_ways(TALKS.format(a), TALKS.format(b)):
        exact(report)
        assert [f.type for f in conflicts(report, "title")] == ["title"], report.findings


def test_one_portfolio_capitalised_or_not_is_no_clash() -> None:  # guard
    for report in both_ways(TALKS.format("Defence Minister"), TALKS.format("defence minister")):
        assert not conflicts(report, "title"), report.findings


def kinds(text: str) -> dict[str, str]:
    return {m.text: m.kind for m in analyze(Document("x", text)).mentions}


@pytest.mark.parametrize(("text", "name"), [("Real Madrid (2) drew with Bayern Munich (2) in Madrid on Tuesday.", "Bayern Munich"),
                                            ("Manchester City (3) beat Aston Villa (1) at home on Sunday.", "Aston Villa"),
                                            ("Acme Holdings (38) said on Monday its profits had fallen.", "Acme Holdings")])  # fmt: skip
def test_a_body_with_a_score_or_figure_in_brackets_is_no_person(text: str, name: str) -> None:
    """judge30 made any two capitalised words before ``(n)`` a person's name: a score is one figure, a company's
    name has its own words."""
    assert kinds(text)[name] != "person"


def test_an_adult_s_age_in_brackets_still_makes_a_person() -> None:  # guard
    assert kinds("Lesley Conman (38) was arrested in Leeds on Friday, police said.")["Lesley Conman"] == "person"


POOL = "Under the council's order the swimming pool {} until the repairs are finished."


@pytest.mark.parametrize("denied", ["must not stay open", "must never stay open"])
def test_a_denied_opposite_state_agrees_in_check(denied: str) -> None:
    """``must close`` / ``must not stay open`` say one thing: ``check`` gave a ``predicate`` conflict (``close`` /
    ``stay``) on d67054b and a533ddc, ``compare`` none."""
    for report in both_ways(POOL.format("must close"), POOL.format(denied)):
        exact(report)
        assert not conflicts(report), report.findings


def test_an_undenied_opposite_state_still_conflicts() -> None:  # guard
    for report in both_ways(POOL.format("must close"), POOL.format("must stay open")):
        assert [f.type for f in conflicts(report)] == ["antonym"], report.findings
