"""Polarity of generic verbs and copulas: a negation dropped from or added to ``is``, ``has``, ``did`` is a
``negation`` conflict when the two clauses say the same thing of the same subject, and no conflict when the
source says it both ways or of someone else (hand-written texts)."""

from __future__ import annotations

import pytest

from storycheck.check import check
from storycheck.records import Document


def _check(source: str, text: str):  # noqa: ANN202
    source += " The work is due to finish in the spring."  # a text never repeats its whole source
    return check([Document("source", source)], Document("text", text), embedder="none")


def _negations(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and f.type == "negation"]


@pytest.mark.parametrize(
    ("source", "faithful", "edited"),
    [
        ("The inspectors said the old bridge is not safe for heavy lorries.",
         "The inspectors said the old bridge is not safe for heavy lorries.",
         "The inspectors said the old bridge is safe for heavy lorries."),
        ("The council was not happy with the contractor's report on the harbour wall.",
         "The council was not happy with the contractor's report on the harbour wall.",
         "The council was happy with the contractor's report on the harbour wall."),
        ("The ferry company does not have a licence to sail on Sundays.",
         "The ferry company does not have a licence to sail on Sundays.",
         "The ferry company has a licence to sail on Sundays."),
    ],
)
def test_a_negation_dropped_from_a_generic_verb_is_a_conflict(source: str, faithful: str, edited: str) -> None:
    good, bad = _check(source, faithful), _check(source, edited)
    assert not _negations(good)
    found = _negations(bad)
    assert found, bad.findings
    assert any(e.doc == "text" for e in found[0].evidence) and any(e.doc == "source" for e in found[0].evidence)
    assert bad.check.score < good.check.score


def test_a_negation_added_to_a_copula_is_still_a_conflict() -> None:
    report = _check("The museum is open on Mondays during the summer.", "The museum is not open on Mondays during the summer.")
    assert _negations(report)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # another subject: the road is not the bridge
        ("The old bridge is not safe. The new tunnel is safe for traffic.", "The new tunnel is safe for traffic."),
        # another predicate after the same verb
        ("The museum is not open on Mondays, and it is free for children.", "The museum is free for children."),
        # the source says it both ways, of two places
        ("The film was not a hit in America, but it was a hit in Europe.", "The film was a hit in Europe."),
        # a named other subject of a non-generic verb
        ("Smith was not injured, but Jones was injured in the crash.", "Jones was injured in the crash."),
        # "not only" affirms
        ("The harbour is not only deep but also sheltered from storms.", "The harbour is deep and sheltered from storms."),
        # a paraphrase with another word after the verb
        ("The company did not make a profit last year.", "The company made a loss last year."),
    ],
)
def test_faithful_texts_get_no_negation_conflict(source: str, text: str) -> None:
    assert not _negations(_check(source, text))


COPULA_SOURCE = ("Mary Jones is the new chief executive of the Harbour Bank. Peter Smith is its chairman. "
                 "The Briton Tom Hale is the bank's largest shareholder.")


def _actors(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and f.type == "actor"]


def test_a_copula_said_of_another_named_person_is_an_actor_conflict() -> None:
    source = Document("source", COPULA_SOURCE)
    swapped = check([source], Document("text", "Peter Smith is the new chief executive of the Harbour Bank."), embedder="none")
    faithful = check([source], Document("text", "Mary Jones is the new chief executive of the Harbour Bank."), embedder="none")
    found = _actors(swapped)
    assert found, swapped.findings
    assert {e.text for e in found[0].evidence} == {"Peter Smith", "Mary Jones"}
    assert not _actors(faithful)
    assert swapped.check.score < faithful.check.score


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # the source says it of both
        ("Mary Jones and Peter Smith sit on the board. Mary Jones is a member of the audit committee. "
         "Peter Smith is a member of the audit committee too.", "Peter Smith is a member of the audit committee."),
        # a description, not a name, as the text's subject: it may be the same person
        (COPULA_SOURCE, "The Briton is the bank's largest shareholder."),
        # another predicate after the verb
        (COPULA_SOURCE, "Peter Smith is the chairman of the Harbour Bank."),
    ],
)
def test_a_copula_with_the_same_or_another_statement_is_no_actor_conflict(source: str, text: str) -> None:
    assert not _actors(check([Document("source", source)], Document("text", text), embedder="none"))


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Alvarez is not likely to stay at the club next season, his agent said.",
         "Alvarez is likely to leave the club next season, his agent said."),
        ("The coach does not think Alvarez will stay at the club next season.",
         "The coach thinks Alvarez will leave the club next season."),
        ("The coach does not believe the Rovers will win the final on Sunday.",
         "The coach believes the Rovers will lose the final on Sunday."),
    ],
)
def test_a_negation_raised_over_likely_or_a_belief_passes_to_its_complement(source: str, text: str) -> None:
    """``is not likely to stay`` says ``is likely to leave``, ``does not think he will stay`` says ``thinks he will
    leave``: neither the negation nor the opposite is held against the text."""
    report = _check(source, text)
    assert not [f for f in report.findings if f.kind == "conflict" and f.type in ("negation", "antonym")], report.findings


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Alvarez is likely to stay at the club next season, his agent said.",
         "Alvarez is likely to leave the club next season, his agent said."),
        ("The coach thinks Alvarez will stay at the club next season.",
         "The coach thinks Alvarez will leave the club next season."),
        ("The coach does not think Alvarez will stay at the club next season.",
         "The coach thinks Alvarez will stay at the club next season."),
    ],
)
def test_an_opposite_or_a_dropped_negation_under_likely_or_a_belief_is_still_a_conflict(source: str, text: str) -> None:
    report = _check(source, text)
    assert [f for f in report.findings if f.kind == "conflict" and f.type in ("negation", "antonym")], report.findings


def test_a_denied_state_after_a_copula_agrees_with_its_opposite() -> None:
    """``is not open`` says ``is closed`` (``lexicon.STATES``), though ``did not open the museum`` is no ``closed
    the museum``."""
    state = _check("The museum is closed on Mondays during the winter.", "The museum is not open on Mondays during the winter.")
    assert not [f for f in state.findings if f.kind == "conflict"], state.findings
    event = _check("The owners did not open the museum on Monday.", "The owners closed the museum on Monday.")
    assert [f for f in event.findings if f.kind == "conflict" and f.type == "antonym"], event.findings


def test_alive_and_dead_are_opposites_whose_negation_says_the_other() -> None:
    source = "The climber was dead when the rescuers reached him."
    assert [f for f in _check(source, "The climber was alive when the rescuers reached him.").findings
            if f.kind == "conflict" and f.type == "antonym"]
    denied = _check("The climber was alive when the rescuers reached him.", "The climber was not dead when the rescuers reached him.")
    assert not [f for f in denied.findings if f.kind == "conflict"], denied.findings
