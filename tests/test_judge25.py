"""Session 29 (wt-judge25, issue 5): the known wrong answers left by session 28, on short news texts written for
these tests, in ``check`` and ``compare`` both ways. A phrasal verb the parse reads as a preposition (``backed off
the plan``), opposite phrasal readings (``stepped aside`` / ``stepped in``), ``dismissed`` / ``fired`` of a person,
a question against a statement, and a courtesy title with a surname (``Mrs Cole``) as the one person of that name."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, conflicts, exact, one_conflict_between

from storycheck.analyze import analyze
from storycheck.records import Document


def _kinds(report) -> set[tuple[str, str]]:  # noqa: ANN001
    return {(f.kind, f.type) for f in report.findings if f.kind in ("conflict", "corroborated")}


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # ``off`` linked as a preposition of ``the plan``: the base read ``backed`` alone against ``back_down``
        ("The governor backed off the tax plan on Monday.", "The governor backed down on the tax plan on Monday."),
        ("The governor backed off the tax plan on Monday.", "The governor backed down from the tax plan on Monday."),
        # ``dismissed`` / ``fired`` of staff: one act (the base: a ``predicate`` conflict in ``check``)
        ("The company dismissed 40 staff in March.", "The company fired 40 staff in March."),
        ("The club dismissed its manager Tom Hale on Monday.", "The club fired its manager Tom Hale on Monday."),
        ("The company dismissed 40 staff in March.", "The company sacked 40 staff in March."),
    ],
)
def test_one_act_is_no_conflict(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report), report.findings
        assert ("corroborated", "claim") in _kinds(report)


@pytest.mark.parametrize(
    ("a", "b", "spans"),
    [
        # leaving against taking over: the base corroborated them in both commands
        ("The mayor stepped aside on Tuesday.", "The mayor stepped in on Tuesday.", {"stepped aside", "stepped in"}),
        ("The mayor stepped down on Tuesday.", "The mayor stepped in on Tuesday.", {"stepped down", "stepped in"}),
        ("The coach stepped in to run the team on Tuesday.", "The coach stepped aside on Tuesday.", {"stepped in", "stepped aside"}),
    ],
)
def test_stepping_aside_is_not_stepping_in(a: str, b: str, spans: set[str]) -> None:
    one_conflict_between(a, b, "predicate", spans)


@pytest.mark.parametrize(
    ("a", "b", "kinds"),
    [
        # guards, as on the base: a step into a puddle is no taking over; a weaker stepping down is one act
        ("The mayor stepped in the puddle on Tuesday.", "The mayor stepped aside on Tuesday.", {("corroborated", "claim")}),
        ("The mayor stepped aside on Tuesday.", "The mayor stepped down on Tuesday.", {("corroborated", "claim")}),
        # the verb's own act against its phrasal reading stays told otherwise
        ("The governor backed down on the tax plan on Monday.", "The governor backed the tax plan on Monday.", {("conflict", "predicate")}),
    ],
)
def test_phrasal_guards(a: str, b: str, kinds: set[tuple[str, str]]) -> None:
    for report in both_ways(a, b):
        assert _kinds(report) == kinds, report.findings


@pytest.mark.parametrize("thing", ["the claim", "rubber bullets at the crowd"])
def test_dismissing_a_thing_is_no_firing(thing: str) -> None:
    """Of a thing the two verbs are other acts: ``check``'s roles keep the ``predicate`` conflict (as on the base)."""
    for report in (check_pair(f"Police dismissed {thing} on Friday.", f"Police fired {thing} on Friday."),
                   check_pair(f"Police fired {thing} on Friday.", f"Police dismissed {thing} on Friday.")):
        assert [f.type for f in conflicts(report)] == ["predicate"], report.findings


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a question asserts nothing: the base corroborated each
        ("Was no deal reached by the unions on Friday?", "A deal was reached by the unions on Friday."),
        ("Was a deal reached by the unions on Friday?", "A deal was reached by the unions on Friday."),
        ('"Was a deal reached?" the unions asked on Friday.', "A deal was reached by the unions on Friday."),
    ],
)
def test_a_question_corroborates_nothing(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not _kinds(report), report.findings


def test_a_lost_character_is_no_question() -> None:
    """A ``?`` standing for a currency sign a bad encoding lost (ECB+ has them) leaves a statement that corroborates."""
    a = "The government agreed to slash spending in return for? 110bn in loans from the fund."
    b = "The government agreed to slash spending in return for 110bn in loans from the fund."
    for report in both_ways(a, b):
        assert ("corroborated", "claim") in _kinds(report), report.findings


def _people(text: str) -> list[tuple[str, list[str]]]:
    a = analyze(Document("t", text))
    return [(e.name, [text[s:t] for s, t in e.mentions]) for e in a.entities if e.kind == "person"]


def test_a_title_and_surname_is_the_one_person_of_that_name() -> None:
    assert _people("Sam Cole was a passenger in the van. Mrs Cole was unhurt, police said.") == \
        [("Sam Cole", ["Sam Cole", "Mrs Cole"])]
    # two Coles named: the title does not choose between them
    assert len(_people("Sam Cole and Ann Cole were in the van. Mrs Cole was unhurt, police said.")) == 3


def test_a_pronoun_read_as_the_titled_name_keeps_its_conflict() -> None:
    """``She`` is read as Mrs Cole, who is Sam Cole, whom the source genders: the source's driver is someone else."""
    source = "Sam Cole was a passenger in the van, where she was unhurt. Mark Fell drove the van, police said."
    text = "Sam Cole was a passenger in the van. Mrs Cole was unhurt. She drove the van."
    report = check_pair(source, text)
    found = conflicts(report, "coreference")
    assert [[s.text for s in f.evidence] for f in found] == [["She", "Mark Fell"]], report.findings
    exact(report)


@pytest.mark.parametrize(
    ("a", "b", "found"),
    [
        # whose office (a name, a place, a possessive) is no other office: the base called each a ``title`` conflict
        ("Palin spokesman Bill McAllister said on Monday the governor would attend.",
         "Her spokesman Bill McAllister said on Monday the governor would attend.", []),
        ("B.C. Attorney General Wally Oppal said on Wednesday charges were likely.",
         "British Columbia Attorney General Wally Oppal said on Wednesday charges were likely.", []),
        # a guard: another portfolio stays a clash
        ("Foreign minister Tom Hale said on Monday the talks would resume.",
         "Finance minister Tom Hale said on Monday the talks would resume.", [["Foreign minister", "Finance minister"]]),
    ],
)
def test_whose_office_is_no_other_office(a: str, b: str, found: list[list[str]]) -> None:
    from pairhelp import wire_gazette

    report = wire_gazette(a, b)
    assert [[s.text for s in f.evidence] for f in conflicts(report, "title")] == found, report.findings


@pytest.mark.parametrize(
    ("a", "b", "clash"),
    [
        ("Deputy", "Officer", None),  # a sheriff's deputy is an office, no rank (the base: ``rank``)
        ("Deputy", "member of the anti-gang detail", None),
        ("deputy director", "director", "rank"),  # guards: a rank of one office
        ("former director", "director", "rank"),
    ],
)
def test_a_rank_word_alone_is_an_office(a: str, b: str, clash: str | None) -> None:
    from storycheck.judge import _title_clash

    assert _title_clash(a, b) == _title_clash(b, a) == clash


def test_the_plural_lemma_of_people_is_person() -> None:
    """``_same_head`` reads spaCy's lemmas now; ``people`` is its own there, read as ``person`` (a guard, as on the base)."""
    one_conflict_between("No person was hurt in the blast at the mill on Sunday.",
                         "Two people were hurt in the blast at the mill on Sunday.", "negation", {"No person was hurt", "hurt"})
