"""Word meaning beyond one word (session 25, wt-lex14), on short texts written for these tests: an implicative
verb's complement (``failed to pay`` says it did not pay, ``managed to pay`` that it did; ``lexicon.IMPLICATIVES``),
read in ``analyze`` as a clause of the head's subject, so ``compare`` and ``check`` see a negation with its span."""

from __future__ import annotations

import pytest
from pairhelp import clause_of, negation_spans, wire_gazette

from storycheck.analyze import analyze
from storycheck.check import check
from storycheck.records import Document

PAID = "The company paid its workers in March."


# --- the reading ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "denied", "span"), [
    ("The company failed to pay its workers in March.", True, "failed to pay"),
    ("The company refused to pay its workers in March.", True, "refused to pay"),
    ("The minister declined to comment on the report.", True, "declined to comment"),
    ("The company has neglected to pay its workers.", True, "has neglected to pay"),
    ("The company did not manage to pay its workers in March.", True, "did not manage to pay"),
    ("The company managed to pay its workers in March.", False, None),
    ("The company did not fail to pay its workers in March.", False, None),
])  # fmt: skip
def test_an_implicative_heads_complement_is_a_clause_of_its_subject(text, denied, span):
    verb = "comment" if "comment" in text else "pay"
    c = clause_of(text, verb)
    assert c is not None and c.subject in ("The company", "The minister")
    assert c.negated is denied
    assert (text[slice(*c.negation_span)] if c.negation_span else None) == span


@pytest.mark.parametrize("text", [
    "The company tried to pay its workers in March.",  # no implicative: says nothing of the payment
    "The company wanted to pay its workers in March.",
    "The company did not refuse to pay its workers in March.",  # one-way: a denied refusal says nothing
    "The company may fail to pay its workers in March.",  # hedged
    "The company forgot paying its workers in March.",  # no "to": a gerund says it happened
])
def test_no_clause_where_the_head_says_nothing_of_its_complement(text):
    assert clause_of(text, "pay") is None


# --- compare and check ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("denied", "span"), [
    ("The company failed to pay its workers in March.", "failed to pay"),
    ("The company refused to pay its workers in March.", "refused to pay"),
    ("The company did not manage to pay its workers in March.", "did not manage to pay"),
])  # fmt: skip
def test_an_implicative_denial_is_a_negation_in_compare(denied, span):
    assert negation_spans(wire_gazette(denied, PAID)) == [[span, "paid"]]


def test_an_implicative_denial_is_a_negation_in_check():
    report = check([Document("src", "The minister declined to comment on the report.")],
                   Document("txt", "The minister commented on the report."), embedder="none")
    found = [f for f in report.findings if f.kind == "conflict" and f.type == "negation"]
    assert [sorted(s.text for s in f.evidence) for f in found] == [["commented", "declined to comment"]]
    assert report.check.sentences[0].verdict == "contradicted"


@pytest.mark.parametrize("other", [
    "The company managed to pay its workers in March.",
    "The company did not fail to pay its workers in March.",
    "The company tried to pay its workers in March.",
    "The company did not refuse to pay its workers in March.",
])
def test_no_negation_where_the_head_does_not_deny(other):
    assert negation_spans(wire_gazette(other, PAID)) == []


def test_two_denials_agree():
    assert negation_spans(wire_gazette("The company did not pay its workers in March.",
                               "The company failed to pay its workers in March.")) == []


# --- phrasal verbs ------------------------------------------------------------------------------------------

LEVY = "The High Court on Tuesday struck down the harbour levy that the city council imposed on fishing boats last year."


def _conflicts(source: str, text: str) -> list[str]:
    report = check([Document("src", source)], Document("txt", text), embedder="none")
    return [f.type for f in report.findings if f.kind == "conflict"]


def test_a_verb_and_its_particle_are_read_as_one_phrasal_verb():
    from storycheck.roles import verb_readings

    assert verb_readings(LEVY, analyze(Document("s", LEVY)))[(0, "strike")] == {"strike_down"}
    ran = "The suspect ran down the street before police caught him."
    assert verb_readings(ran, analyze(Document("s", ran)))[(0, "run")] == {"run"}  # a preposition, no particle


@pytest.mark.parametrize("text", [
    "A High Court judge on Tuesday scrapped the harbour levy charged to fishing boats.",
    "A High Court judge on Tuesday cancelled the harbour levy charged to fishing boats.",
])
def test_struck_down_and_scrapped_are_no_predicate_conflict(text):
    assert "predicate" not in _conflicts(LEVY, text)


def test_wordnet_joins_a_phrasal_verb_with_its_one_word_synonym():
    from storycheck.lexicon import said_alike
    from storycheck.senses import senses

    if not senses().has("call_off", "v"):
        pytest.skip("WordNet (extra 'senses') is not installed")
    assert said_alike("call_off", "cancel") and said_alike("cancel", "call_off")
    assert said_alike("step_down", "resign") and said_alike("blow_up", "explode")
    assert not said_alike("strike", "cancel")  # the verb alone is hit, or a walkout
    # the more general word for the source's is a paraphrase; the more specific one says more (not through ``slay``)
    assert said_alike("kill", "murder") and not said_alike("murder", "kill")


def test_the_phrasal_verb_keeps_a_real_predicate_conflict():
    assert "predicate" in _conflicts(
        "The High Court on Tuesday struck down the harbour levy and the council imposed a new tax on fishing boats.",
        "The High Court on Tuesday upheld the harbour levy and the council imposed a new tax on fishing boats.",
    )


@pytest.mark.parametrize(("source", "text"), [
    ("Organisers on Friday called off the final match of the tournament because of the storm.",
     "Organisers on Friday cancelled the final match of the tournament."),
    ("Organisers on Friday cancelled the final match of the tournament because of the storm.",
     "Organisers on Friday called off the final match of the tournament."),
    ("The chief executive stepped down on Monday after the board lost confidence in him.",
     "The chief executive resigned on Monday."),
])  # fmt: skip
def test_a_phrasal_verb_and_its_wordnet_synonym_are_no_predicate_conflict(source, text):
    from storycheck.senses import senses

    if not senses().has("call_off", "v"):
        pytest.skip("WordNet (extra 'senses') is not installed")
    assert "predicate" not in _conflicts(source, text)
