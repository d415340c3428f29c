"""Review of wt-lex14's implicative verbs (session 25, wt-revlex14), on short news sentences written for these tests:
an implicative head that is conditional (``if``, ``unless``) or asked (a question) says nothing of its complement,
as ``lexicon.HEDGES`` and ``analyze._implied``'s docstring meant; an asserted one still does."""

from __future__ import annotations

import pytest
from pairhelp import clause_of, negation_spans, wire_gazette

PAID = "The company paid its workers in March."


def _negations(a: str, b: str) -> list[list[str]]:
    return negation_spans(wire_gazette(a, b))


@pytest.mark.parametrize("text", [
    "If the company fails to pay its workers in March, the union will strike.",
    "The union will strike unless the company manages to pay its workers in March.",
    "The union will strike if the bank lends the money and the company fails to pay its workers in March.",
    "Did the company fail to pay its workers in March?",
    "Why did the company refuse to pay its workers in March?",
])
def test_a_conditional_or_asked_implicative_says_nothing_of_its_complement(text):
    assert clause_of(text, "pay") is None
    assert _negations(text, PAID) == []


@pytest.mark.parametrize(("text", "span"), [
    ("The company failed to pay its workers in March, and the union will strike if nothing changes.", "failed to pay"),
    ("The union said the company failed to pay its workers in March. Did the minister know?", "failed to pay"),
    ("The minister declined to comment on the report. Will the company pay its workers?", "declined to comment"),
])  # fmt: skip
def test_an_asserted_implicative_beside_a_question_or_condition_still_denies(text, span):
    verb = "comment" if "comment" in span else "pay"
    c = clause_of(text, verb)
    assert c is not None and c.negated and text[slice(*c.negation_span)] == span
