"""Review revj24 of wt-judge24 (session 28): quantifier negation on short news texts written for these tests. A
subject's denial of a plural told otherwise (``Neither party`` / ``Both parties``, ``Neither man`` / ``The men``),
a bare ``No one`` / ``Nothing`` against anyone's affirmation, and ``Not a single`` / ``Not one`` as a denial."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, clause_of, conflicts, exact, one_conflict_between

from storycheck.check import check
from storycheck.records import Document


@pytest.mark.parametrize(
    ("denied", "told", "words"),
    [
        # a plural no ``s`` cut reads: the base's ``_same_head`` dropped the denial, so no finding at all
        ("Neither party wanted an early election, the paper reported.", "Both parties wanted an early election, the paper reported.",
         "Neither party wanted"),
        ("Neither man was charged over the fight on Sunday.", "The men were charged over the fight on Sunday.", "Neither man was charged"),
        # a bare ``No one`` / ``Nobody`` denies it of anyone: the base said no number check told it (none did)
        ("No one was injured in the blast on Sunday.", "Two people were injured in the blast on Sunday.", "No one was injured"),
        ("No one claimed responsibility for the attack on Monday.", "The rebels claimed responsibility for the attack on Monday.",
         "No one claimed"),
        ("Nobody was hurt in the fire at the mill on Sunday.", "A firefighter was hurt in the fire at the mill on Sunday.",
         "Nobody was hurt"),
        # a speech verb denied by its subject: the base corroborated the two (``_polarity_apart`` passed speech verbs)
        ("No one commented on the report on Monday.", "The ministry commented on the report on Monday.", "No one commented"),
        # ``Not a single`` read as affirmed on the base: a corroboration of ``Votes were cast``
        ("Not a single vote was cast for the motion on Tuesday.", "Votes were cast for the motion on Tuesday.", "Not a single vote was cast"),
    ],
)
def test_a_quantifier_denial_is_told_otherwise(denied, told, words):
    one_conflict_between(denied, told, "negation", {words, words.split()[-1]})


@pytest.mark.parametrize(
    ("text", "verb", "negated"),
    [("Not one passenger survived the crash on Monday.", "survive", True),
     ("Not one of the passengers survived the crash on Monday.", "survive", True),
     ("Not a single shot was fired at the march.", "fire", True)],
)
def test_not_one_denies_its_clause(text, verb, negated):
    assert clause_of(text, verb).negated is negated


# --- a title in the name tells the gender (check._genders): the pronoun reading stands -----------------------

VAN = "Mark Fell drove the stolen van through the town centre on Friday night. {} was a passenger. Police found the van in a canal."


@pytest.mark.parametrize(("name", "pronoun"), [("Mrs Cole", "She"), ("Ms Cole", "She")])
def test_a_title_in_the_name_gives_the_pronoun_reading(name, pronoun):
    # the tagger keeps the title in the name, so the base counted no gender and read no one (wt-judge24's guard)
    text = f"{name} was a passenger in the van. {pronoun} drove the stolen van through the town centre."
    report = check([Document("source", VAN.format(name))], Document("text", text), embedder="none")
    exact(report)
    found = [f for f in report.findings if f.kind == "conflict" and f.type == "coreference"]
    assert [[s.text for s in f.evidence] for f in found] == [[pronoun, "Mark Fell"]]


@pytest.mark.parametrize(
    ("a", "b"),
    [("If no deal is reached by Friday, workers will strike.", "A deal was reached on Friday."),
     ("If no charges are filed by Monday, the man will be released.", "Charges were filed against the man on Monday.")],
)
def test_a_subject_denial_on_condition_is_no_negation_conflict(a, b):
    # a condition is no fact: the base set a ``negation`` conflict (judge24's left item)
    for report in both_ways(a, b):
        assert not conflicts(report, "negation"), report.findings


# --- ``Not all`` / ``Not every``: a denial of part of a whole (analyze._nobody, judge._partial_denial) -----------


@pytest.mark.parametrize(
    ("denied", "told", "words"),
    [
        # read as affirmed on the base: a corroboration of its very opposite
        ("Not all passengers survived the crash on Monday.", "All passengers survived the crash on Monday.", "Not all passengers survived"),
        ("Not all of the passengers survived the crash on Monday.", "Every passenger survived the crash on Monday.",
         "Not all of the passengers survived"),
    ],
)
def test_not_all_is_told_otherwise_by_all(denied, told, words):
    one_conflict_between(denied, told, "negation", {words, "survived"})


@pytest.mark.parametrize(
    ("a", "b"),
    [("Not every passenger survived the crash on Monday.", "Three passengers survived the crash on Monday.")],
)
def test_not_every_is_no_conflict_with_a_part(a, b):
    # both may be true: the base set a ``negation`` conflict
    for report in both_ways(a, b):
        assert not conflicts(report, "negation"), report.findings
