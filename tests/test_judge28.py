"""Session 31 (wt-judge28, issue 5): known wrong answers of ``compare`` and ``check``, on short news texts written
for these tests, each command both ways: one person's two first names (a transliteration, ``Mohammed`` /
``Muhammad``; a short form, ``Kate`` / ``Catherine``, ``Bill`` / ``William``) and an initial before a first name
(``J. Edgar Hoover``) were two people; ``Jr.`` / ``Sr.`` were not."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, one_conflict_between


def _typed(report, kind: str, type_: str) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == kind and f.type == type_]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a transliteration of one Arabic name: 3bd8b04 gave an ``actor`` conflict in both commands
        ("Mohammed Salah scored twice as Liverpool beat Chelsea on Sunday.",
         "Muhammad Salah scored twice as Liverpool beat Chelsea on Sunday."),
        # a short form the ``nicknames`` table gives of ``Katherine``, a spelling of ``Catherine``: an ``actor`` conflict
        ("Kate Middleton opened the new children's hospital in London on Tuesday.",
         "Catherine Middleton opened the new children's hospital in London on Tuesday."),
    ],
)  # fmt: skip
def test_one_person_s_two_first_names_are_no_actor_conflict(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report), report.findings


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a short form of another first letter: 3bd8b04 gave two ``entity`` partials (each a person the other lacks)
        ("Bill Gates gave ten million dollars to the clinic on Friday.",
         "William Gates gave ten million dollars to the clinic on Friday."),
        # an initial before the first name: two ``entity`` partials on 3bd8b04
        ("J. Edgar Hoover ordered the files sealed in 1971, aides said.",
         "Edgar Hoover ordered the files sealed in 1971, aides said."),
    ],
)  # fmt: skip
def test_one_person_written_two_ways_is_one_entity(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report) and not _typed(report, "partial", "entity"), report.findings


def test_junior_and_senior_of_one_claim_are_a_name_conflict() -> None:
    """A father and a son: 3bd8b04 gave two ``entity`` partials only."""
    one_conflict_between("Ken Griffey Jr. hit a home run in the ninth inning on Saturday.",
                         "Ken Griffey Sr. hit a home run in the ninth inning on Saturday.", "name",
                         {"Ken Griffey Jr", "Ken Griffey Sr"})  # fmt: skip


def test_a_report_naming_father_and_son_gives_no_name_conflict() -> None:
    """Guard: a report that writes both generations tells of two people, as the other may of one of them."""
    a = "Ken Griffey Jr. hit a home run on Saturday as his father Ken Griffey Sr. watched."
    b = "Ken Griffey Sr. hit a home run on Saturday."
    for report in both_ways(a, b):
        assert not conflicts(report, "name"), report.findings


@pytest.mark.parametrize(
    ("a", "b", "spans"),
    [
        # guards (pass on 3bd8b04 too): other first names, neither a short form nor a spelling of the other
        ("Mohammed Salah scored twice as Liverpool beat Chelsea on Sunday.",
         "Sadio Salah scored twice as Liverpool beat Chelsea on Sunday.", {"Mohammed Salah", "Sadio Salah"}),
        ("Sasha Obama said she would attend the gala on Monday.", "Malia Obama said she would attend the gala on Monday.",
         {"Sasha Obama", "Malia Obama"}),
    ],
)  # fmt: skip
def test_other_first_names_stay_a_name_conflict(a: str, b: str, spans: set[str]) -> None:
    for report in both_ways(a, b):
        assert [{s.text for s in f.evidence} for f in conflicts(report, "name")] == [spans], report.findings


def test_first_names_alike() -> None:
    """``align.first_names_alike`` (new): short forms from the ``nicknames`` table, through a spelling of the long
    name too, and transliterations by their consonants; not two names that merely share consonants."""
    from storycheck.align import first_names_alike

    for a, b in [("bill", "william"), ("kate", "catherine"), ("bob", "robert"), ("mohammed", "muhammad"),
                 ("mohamed", "muhammad"), ("hussein", "hussain"), ("yiannis", "giannis"), ("jim", "james")]:  # fmt: skip
        assert first_names_alike(a, b) and first_names_alike(b, a), (a, b)
    for a, b in [("sasha", "malia"), ("brian", "bruno"), ("martin", "morton"), ("jane", "joan"), ("maria", "marie")]:
        assert not first_names_alike(a, b), (a, b)


@pytest.mark.parametrize(
    ("a", "b", "spans"),
    [
        # the parser (and the pieces a text is parsed in) ended the sentence at ``Col.``: nothing was aligned on
        # 3bd8b04, so the rank clash was never read
        ("Gen. Mark Milley told senators on Tuesday that the troops would stay.",
         "Col. Mark Milley told senators on Tuesday that the troops would stay.", {"Gen. Mark Milley", "Col. Mark Milley"}),
        ("Sgt. Dan Hale was injured in the blast near the base on Monday.",
         "Capt. Dan Hale was injured in the blast near the base on Monday.", {"Sgt. Dan Hale", "Capt. Dan Hale"}),
        ("Gen. Milley told senators on Tuesday that the troops would stay.",
         "Col. Mark Milley told senators on Tuesday that the troops would stay.", {"Gen. Milley", "Col. Mark Milley"}),
    ],
)  # fmt: skip
def test_two_ranks_of_one_person_are_a_title_conflict(a: str, b: str, spans: set[str]) -> None:
    one_conflict_between(a, b, "title", spans)


def test_two_offices_of_one_full_name_are_a_title_partial() -> None:
    """One may have held both (``Dr`` / ``Sen.`` of revj27, now of a full name too): a partial, not a conflict;
    nothing on 3bd8b04 (the honorific was read before one capitalised word only)."""
    for report in both_ways("Gov. Ann Ray signed the budget bill in Albany on Friday.",
                            "Sen. Ann Ray signed the budget bill in Albany on Friday."):  # fmt: skip
        assert [{s.text for s in f.evidence} for f in _typed(report, "partial", "title")] == [{"Gov. Ann Ray", "Sen. Ann Ray"}]
        assert not conflicts(report), report.findings


def test_a_title_before_a_name_ends_no_sentence() -> None:
    """``Lt.``, ``Sgt.``, ``Capt.`` (which the tokenizer cuts from their stop) before a name stay in their sentence;
    a stop after a title that no name follows still ends one (guard)."""
    from storycheck.analyze import analyze
    from storycheck.records import Document

    def sentences(text: str) -> list[str]:
        return [s.text for s in analyze(Document("t", text)).sentences]

    assert sentences("Police Lt. Craig Moss said the road would reopen. Capt. Ann Lee agreed.") == [
        "Police Lt. Craig Moss said the road would reopen.", "Capt. Ann Lee agreed."]
    assert sentences("The regiment lost its best Sgt. He was 41.") == ["The regiment lost its best Sgt.", "He was 41."]


def test_a_full_width_question_mark_asks() -> None:
    """``？`` (a text typed in a CJK layout) asks as ``?`` does: 3bd8b04 read the question as a statement, a
    corroborated claim in both commands; ``¿ ... ?`` and ``?`` ask there too (guard)."""
    statement = "The council will approve the new stadium plan on Monday."
    for question in ("Will the council approve the new stadium plan on Monday？",
                     "¿Will the council approve the new stadium plan on Monday?"):  # fmt: skip
        for report in both_ways(question, statement):
            assert not _typed(report, "corroborated", "claim"), report.findings
