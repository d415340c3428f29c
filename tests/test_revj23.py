"""Review revj23 (session 27) of wt-judge23: a verb against its own phrasal reading (``judge._opposed``), on short
news texts written for these tests. Two phrasal readings of one verb are often one act, an object that runs on past
its span hides the particle written after it, and a particle WordNet does not join to the verb is no verb alone."""

from __future__ import annotations

import pytest
from pairhelp import check_pair, conflicts, exact, wire_gazette


def _kinds(report) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((f.kind, f.type) for f in report.findings)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two phrasal readings that say one act: postponed, retreated, cancelled as a loss (roles' ``said_alike``)
        ("The council put off the vote until June after the row.", "The council put back the vote until June after the row."),
        ("The party backed down on Monday after the protests.", "The party backed off on Monday after the protests."),
        ("The bank wrote off the loans to the city on Friday.", "The bank wrote down the loans to the city on Friday."),
        # the object runs on past its span: the particle after it is the same phrasal verb
        ("The union called the strike planned for Monday off after the talks.",
         "The union called off the strike planned for Monday after the talks."),
        ("The union called the strike over pay off on Monday.", "The union called off the strike over pay on Monday."),
    ],
)
def test_one_act_told_with_two_readings_of_a_verb_is_no_predicate_conflict(a, b):
    for report in (wire_gazette(a, b), wire_gazette(b, a), check_pair(a, b), check_pair(b, a)):
        assert not conflicts(report, "predicate"), _kinds(report)
        exact(report)


@pytest.mark.parametrize("aside", ["stepped aside", "stepped back"])
def test_a_particle_wordnet_does_not_join_is_no_verb_alone_in_compare(aside):
    # ``step_aside`` / ``step_back`` are no WordNet verbs, so the verb reads ``step``; it is not ``stepped`` alone
    a = "The minister stepped down on Friday after the vote."
    b = f"The minister {aside} on Friday after the vote."
    for report in (wire_gazette(a, b), wire_gazette(b, a)):
        assert not conflicts(report, "predicate"), _kinds(report)


@pytest.mark.parametrize(
    ("a", "b", "words"),
    [
        # guards: the verb alone against its phrasal reading is still the conflict judge23 made it
        ("The board turned down the offer on Friday.", "The board turned the offer on Friday.", {"turned down", "turned"}),
        ("The council put the vote off until June.", "The council put the vote to members in June.", {"put the vote off", "put"}),
    ],
)
def test_the_verb_alone_against_its_phrasal_reading_is_still_a_conflict(a, b, words):
    report = wire_gazette(a, b)
    found = conflicts(report, "predicate")
    assert len(found) == 1 and {s.text for s in found[0].evidence} == words, _kinds(report)
    exact(report)


# --- three subjects of ``neither ... nor``, the second parsed as the first's apposition (analyze._neither_subjects) ---

APPOSED = "Neither the minister, the police chief nor the mayor, all of whom were at the meeting, confirmed the report."


def test_a_second_neither_subject_parsed_as_an_apposition_is_denied_too():
    from storycheck.analyze import analyze
    from storycheck.records import Document

    clauses = [c for c in analyze(Document("t", APPOSED)).clauses if c.verb == "confirm"]
    assert [(c.subject, c.negated) for c in clauses] == [("the minister", True), ("the police chief", True), ("the mayor", True)]


def test_the_mayor_confirming_is_a_negation_of_three_neither_subjects_with_an_apposition():
    other = "The mayor confirmed the report at the meeting."
    for report in (wire_gazette(APPOSED, other), wire_gazette(other, APPOSED), check_pair(APPOSED, other)):
        assert len(conflicts(report, "negation")) == 1, _kinds(report)
        exact(report)


def test_an_apposition_without_nor_may_be_a_title_and_is_no_subject_of_its_own():
    from storycheck.analyze import analyze
    from storycheck.records import Document

    text = "Neither Smith, the mayor, nor Jones confirmed the report on Sunday."
    assert [c.subject for c in analyze(Document("t", text)).clauses if c.verb == "confirm"] == ["Smith", "Jones"]
