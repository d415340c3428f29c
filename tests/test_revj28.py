"""Session 31 (wt-revj28, issue 5): a hostile review of wt-judge28, on short news texts written for these tests.
judge28's spelling and transliteration tests of first names read a man and a woman of one surname as one person
(``Stephen`` / ``Stephanie``, ``Antonio`` / ``Antonia``), its entity linking merged two brothers a report names side
by side (``Jon`` / ``John``), and a title made one token ran two sentences into one (``... as a Col. He retired``):
each hid a change of person or lost a sentence that 29f9f79's parent read."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, exact


def _people_told_apart(report, a: str, b: str) -> bool:  # noqa: ANN001
    """Whether some conflict or partial has evidence naming both people (the swap is shown, not hidden)."""
    return any({a, b} <= {s.text for s in f.evidence} or any(a in s.text for s in f.evidence) and any(b in s.text for s in f.evidence)
               for f in report.findings if f.kind in ("conflict", "partial"))  # fmt: skip


def test_a_man_and_a_woman_of_one_surname_are_an_actor_conflict() -> None:
    """29f9f79 read ``Stephanie`` a spelling of ``Stephen`` (through the table's ``stephan``) and told nothing."""
    for report in both_ways("Stephen Ward was charged with fraud on Monday.", "Stephanie Ward was charged with fraud on Monday."):
        assert [{s.text for s in f.evidence} for f in conflicts(report, "actor")] == [{"Stephen Ward", "Stephanie Ward"}]
        exact(report)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Antonio Rossi was arrested at the airport on Friday.", "Antonia Rossi was arrested at the airport on Friday."),
        ("Christian Berg was named chief executive on Monday.", "Christina Berg was named chief executive on Monday."),
    ],
)  # fmt: skip
def test_a_man_s_name_and_a_woman_s_made_from_it_are_two_people(a: str, b: str) -> None:
    """29f9f79 linked them as one person (close spelling, or the same consonants) and told nothing at all."""
    for report in both_ways(a, b):
        assert _people_told_apart(report, a.split(" was")[0], b.split(" was")[0]), report.findings


@pytest.mark.parametrize(
    ("a", "b", "one", "other"),
    [
        ("Jon Turner and his brother John Turner ran the shop. Jon Turner was charged with fraud on Monday.",
         "John Turner was charged with fraud on Monday.", "Jon Turner", "John Turner"),
        ("Chris Hale and his sister Christine Hale own the firm. Chris Hale was arrested on Monday.",
         "Christine Hale was arrested on Monday.", "Chris Hale", "Christine Hale"),
    ],
)  # fmt: skip
def test_two_siblings_a_report_names_side_by_side_stay_two_people(a: str, b: str, one: str, other: str) -> None:
    """A report that names ``Jon Turner`` and ``John Turner`` tells two people apart: 29f9f79 linked its ``Jon`` to the
    other report's ``John`` (a short form in the ``nicknames`` table) and the swap was silent."""
    for report in both_ways(a, b):
        assert _people_told_apart(report, one, other), report.findings


def test_a_report_giving_one_woman_her_name_and_its_short_form_links_to_either() -> None:
    """Guard (passes on 29f9f79): ``Kathryn`` and ``Katie`` in two sentences of one report are one woman, as the
    other report's ``Katie`` is (ECB+ 32ecbplus lost such a link to the first form of revj28's rule)."""
    a = "Kathryn Jenkin, 20, was found dead at the house on Monday. Friends said Katie Jenkin loved music."
    b = "Katie Jenkin, 20, was found dead at the house on Monday."
    for report in both_ways(a, b):
        assert not [f for f in report.findings if f.kind == "partial" and f.type == "entity"], report.findings


def test_first_names_of_a_man_and_a_woman_are_not_alike() -> None:
    from storycheck.align import first_names_alike

    for a, b in [("stephen", "stephanie"), ("antonio", "antonia"), ("christian", "christina"), ("daniel", "danielle"),
                 ("michael", "michelle"), ("robert", "roberta"), ("louis", "louise"), ("paul", "paula"),
                 ("joseph", "josephine"), ("gabriel", "gabriela")]:  # fmt: skip
        assert not first_names_alike(a, b) and not first_names_alike(b, a), (a, b)
    for a, b in [("bill", "william"), ("kate", "catherine"), ("jack", "john"), ("sally", "sarah"), ("mohammed", "muhammad"),
                 ("hussein", "hussain"), ("sergei", "sergey"), ("kathy", "katherine"), ("ann", "anne")]:  # fmt: skip
        assert first_names_alike(a, b) and first_names_alike(b, a), (a, b)  # guards: one person's names still alike


def _sentences(text: str) -> list[str]:
    from storycheck.analyze import analyze
    from storycheck.records import Document

    out = analyze(Document("t", text)).sentences
    assert all(text[s.start : s.end] == s.text for s in out)
    return [s.text for s in out]


def test_a_rank_named_as_a_noun_ends_its_sentence() -> None:
    """A title after an article or a possessive, or before a pronoun, ends the sentence: 29f9f79 ran these into one."""
    assert _sentences("He served in the Army as a Col. He retired in 1998.") == [
        "He served in the Army as a Col.", "He retired in 1998."]
    assert _sentences("The award went to the Sgt. Police said he had saved two children.") == [
        "The award went to the Sgt.", "Police said he had saved two children."]


def test_titles_written_with_the_before_a_name_end_no_sentence() -> None:
    """Guards (one sentence on 29f9f79 too): ``the Rev.``, ``the St. Louis``, ``the Lt. Gov.`` before a name."""
    for text in ("The Rev. Al Sharpton spoke at the rally on Sunday.", "Voters backed the Lt. Gov. Ann Ray in the primary.",
                 "Fans cheered the St. Louis Cardinals on Monday.", "Lt. Col. Ann Ray led the unit."):  # fmt: skip
        assert _sentences(text) == [text]


def test_interim_acting_and_then_tell_a_tenure_not_another_office() -> None:
    """``interim FBI director`` / ``the FBI director`` of one man was a ``rank`` conflict on 29f9f79, and so was
    ``then-FBI director`` / ``former FBI director``; a deputy or a former holder against a plain title stays one."""
    from storycheck.judge import _title_clash

    for a, b in [("interim FBI director", "the FBI director"), ("acting police chief", "police chief"),
                 ("then-FBI director", "former FBI director")]:  # fmt: skip
        assert _title_clash(a, b) is None and _title_clash(b, a) is None, (a, b)
    for a, b in [("deputy director", "director"), ("former director", "director"), ("acting director", "deputy director")]:
        assert _title_clash(a, b) == "rank", (a, b)  # guards


def test_an_interim_director_and_the_director_of_one_man_are_no_title_conflict() -> None:
    a = "Nixon ordered interim FBI director Patrick Gray to fire Felt. Gray refused."
    b = "Nixon ordered the FBI director Patrick Gray to fire Felt. Gray refused."
    for report in both_ways(a, b):
        assert not conflicts(report, "title"), report.findings
