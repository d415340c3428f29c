"""Session 30 (wt-revj27, issue 5): a hostile review of wt-judge27, on short news texts written for these tests,
in ``check`` and ``compare`` both ways: ``up`` / ``down`` and ``in`` / ``out`` that finish one act (``shut up`` /
``shut down`` a plant, talks that ``broke up`` / ``broke down``, ``turned in`` / ``turned out`` profits), a first
name's short form or transliteration (``Bill`` / ``William``, ``Giannis`` / ``Yiannis``), ``Prof.`` / ``Dr`` of one
person, and dashed figures that are no tally of the claim (``the 9-11 memorial``, last week's ``3-0 win``)."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, one_conflict_between


def _typed(report, kind: str, type_: str) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == kind and f.type == type_]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The firm shut down its plant in Leeds on Monday.", "The firm shut up its plant in Leeds on Monday."),
        ("The talks broke up on Friday after six hours.", "The talks broke down on Friday after six hours."),
        ("The company turned in strong profits in March.", "The company turned out strong profits in March."),
        ("The fire burned down the barn on Sunday.", "The fire burned up the barn on Sunday."),
        ("The mayor held up the housing plan on Monday.", "The mayor held down the housing plan on Monday."),
    ],
)  # fmt: skip
def test_particles_wordnet_does_not_oppose_are_no_predicate_conflict(a: str, b: str) -> None:
    """a166b56 read any in/out, on/off, up/down pair of one verb as opposite acts; WordNet opposes none of these
    (``shut_up`` and ``shut_down`` are both ``close``), so no conflict: a166b56 gave a ``predicate`` conflict in
    all four (``burned``: in ``check`` only)."""
    for report in both_ways(a, b):
        assert not conflicts(report, "predicate"), report.findings


@pytest.mark.parametrize(
    ("a", "b", "spans"),
    [
        ("The minister played down the risk on Monday.", "The minister played up the risk on Monday.",
         {"played down", "played up"}),
        ("The driver pulled in at the station on Monday.", "The driver pulled out at the station on Monday.",
         {"pulled in", "pulled out"}),
    ],
)  # fmt: skip
def test_particles_wordnet_opposes_stay_a_predicate_conflict(a: str, b: str, spans: set[str]) -> None:
    """Guard (passes on a166b56 too): WordNet's opposites, directly or through the sense above (``pull_in`` is
    ``arrive``), are still read."""
    one_conflict_between(a, b, "predicate", spans)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Bill Clinton said the plan would go ahead on Monday.", "William Clinton said the plan would go ahead on Monday."),
        ("Liz Truss said the plan would go ahead on Monday.", "Elizabeth Truss said the plan would go ahead on Monday."),
        ("Bob Geldof said the concert would go ahead on Monday.", "Robert Geldof said the concert would go ahead on Monday."),
        # a Greek name in two transliterations (ECB+ 8ecb had one such union leader: the audit's one new finding)
        ("Yiannis Antetokounmpo scored 40 points on Sunday.", "Giannis Antetokounmpo scored 40 points on Sunday."),
    ],
)  # fmt: skip
def test_one_person_s_first_names_are_no_name_conflict(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report, "name"), report.findings


def test_two_sisters_of_one_claim_stay_a_name_conflict() -> None:
    """Guard (passes on a166b56 too): other first names, neither a short form nor a spelling of the other."""
    one_conflict_between("Sasha Obama said she would attend the gala on Monday.",
                         "Malia Obama said she would attend the gala on Monday.", "name", {"Sasha Obama", "Malia Obama"})  # fmt: skip


def test_prof_and_dr_of_one_surname_are_no_title_partial() -> None:
    """A professor is written ``Dr`` as often as ``Prof.``: a166b56 gave a ``title`` partial."""
    for report in both_ways("Prof. Hale told reporters the drug was safe.", "Dr Hale told reporters the drug was safe."):
        assert not _typed(report, "partial", "title"), report.findings


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a label with a dash in a sentence of voting is no tally (a166b56: ``9-11`` / ``7-4`` a number conflict)
        ("The council voted on Tuesday to fund the 9-11 memorial in the square.",
         "The council voted 7-4 on Tuesday to fund the memorial in the square."),
        # last week's score is no tally of Sunday's game, which the other report tells without one
        ("Arsenal beat Chelsea on Sunday, a week after a 3-0 win over Spurs.",
         "Arsenal beat Chelsea 2-1 on Sunday, a week after their win over Spurs."),
    ],
)  # fmt: skip
def test_a_dashed_figure_of_another_thing_is_no_tally_conflict(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report, "number"), report.findings


def test_the_sets_of_one_match_are_tallies() -> None:
    """Guard (passes on a166b56 too): a set's score after the first, which only a comma leads to, is read."""
    one_conflict_between("Murray won the final 6-4, 6-3 at Wimbledon on Sunday.",
                         "Murray won the final 6-4, 6-2 at Wimbledon on Sunday.", "number", {"6-3", "6-2"})  # fmt: skip


def test_wordnet_opposes_phrasal_readings_directly_or_through_the_sense_above() -> None:
    """``senses.opposed_senses`` (new): ``walk_in`` is under ``enter``, whose opposite ``leave`` is above
    ``walk_out``; ``shut_up`` / ``shut_down`` are both ``close``; nothing without WordNet."""
    from storycheck.senses import NoSenses, senses

    wordnet = senses()
    if isinstance(wordnet, NoSenses):
        pytest.skip("WordNet (the 'senses' extra) is not installed")
    assert wordnet.opposed_senses("walk_in", "walk_out", "v") and wordnet.opposed_senses("turn_off", "turn_on", "v")
    assert not wordnet.opposed_senses("shut_up", "shut_down", "v") and not wordnet.opposed_senses("break_up", "break_down", "v")
    assert not NoSenses().opposed_senses("walk_in", "walk_out", "v")
