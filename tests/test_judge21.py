"""Known wrong answers session 24 left in ``compare`` and ``check`` (session 25, wt-judge21), on short news texts
written for these tests: a lone surname spelled two ways, the pound read as money and as weight, ordinals, ``neither
... nor``, and figures of a count."""

from __future__ import annotations

import pytest
from pairhelp import conflicts, number_conflicts, wire_gazette

from storycheck.check import check
from storycheck.core import compare_documents
from storycheck.records import Document


def _kinds(report) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((f.kind, f.type) for f in report.findings)


# --- 1. a lone surname spelled two ways ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Police shot Jonson on Tuesday night in the city centre.", "Police shot Johnson on Tuesday night in the city centre."),
        ("Mr Jonson resigned on Tuesday after the vote, aides said.", "Mr Johnson resigned on Tuesday after the vote, aides said."),
        ("Jonson was shot by police on Tuesday night in the city centre.", "Police shot Johnson on Tuesday night in the city centre."),
    ],
)
def test_a_lone_surname_spelled_two_ways_is_a_name_conflict(a, b):
    report = wire_gazette(a, b)
    names = [f.values for f in conflicts(report, "name")]
    assert names == [{"wire": "Jonson", "gazette": "Johnson"}], _kinds(report)
    assert not [f for f in report.findings if f.kind == "partial" and f.type == "entity"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # another name, not a spelling
        ("Police shot Jonson on Tuesday night in the city centre.", "Police shot Peterson on Tuesday night in the city centre."),
        # close spelling, but another place in the claim: no reason to take them for one man
        ("Police shot Jonson on Tuesday night in the city centre.", "Johnson praised the police on Tuesday night in the city centre."),
        # a report that names both spellings has two men
        (
            "Police shot Jonson on Tuesday night. Johnson, his brother, was unhurt.",
            "Police shot Johnson on Tuesday night in the city centre.",
        ),
    ],
)
def test_lone_surnames_that_are_not_one_name_are_no_name_conflict(a, b):
    report = wire_gazette(a, b)
    assert not conflicts(report, "name"), _kinds(report)


def test_check_reads_a_lone_surname_spelled_otherwise_as_a_name_conflict():
    report = check(
        [Document("src", "Police shot Jonson on Tuesday night in the city centre.")],
        Document("text", "Police shot Johnson on Tuesday night in the city centre."),
        embedder="none",
    )
    conflicts = [(f.type, f.values) for f in report.findings if f.kind == "conflict"]
    assert conflicts == [("name", {"text": "Johnson", "src": "Jonson"})]


# --- 2. the pound: one unit at analysis -----------------------------------------------------------------


def _figures(text: str) -> list[tuple[str, str, str | None]]:
    from storycheck.core import analyze_documents

    (analysis,) = analyze_documents([Document("x", text)])
    return [(m.kind, m.text, m.quantity.unit) for m in analysis.mentions if m.quantity is not None]


@pytest.mark.parametrize(
    "text",
    [
        "The levy, 45 pounds a day, raised 3.2 million pounds, the council said.",  # QUANTITY to the tagger
        "The levy of 45 pounds a day had raised 3.2 million pounds since March.",  # MONEY to the tagger
    ],
)
def test_a_figure_in_pounds_is_one_unit_however_the_tagger_reads_it(text):
    # one unit; the kind stays the tagger's, so a weight is weighed only against figures written in pounds (revj21)
    assert [unit for _, written, unit in _figures(text) if written == "45 pounds"] == ["GBP"]


def test_other_writings_of_the_pound_keep_their_units():
    assert _figures("The fine was £45, the court said.") == [("money", "£45", "GBP")]
    assert ("quantity", "six feet", "foot") in _figures("He weighed 200 pounds and stood six feet tall.")


def test_figures_in_pounds_read_two_ways_still_clash_and_agree():
    # one unit, so one value compared: a conflict where the values differ, none where they agree
    clash = wire_gazette(
        "The levy, 45 pounds a day, has cost the fleet dearly, the fishermen said on Tuesday.",
        "The levy of 50 pounds a day has cost the fleet dearly, the fishermen said on Tuesday.",
    )
    assert [f.values for f in conflicts(clash, "number")] == [
        {"wire": "45 pounds", "gazette": "50 pounds"}
    ]
    alike = wire_gazette(
        "The levy, 45 pounds a day, has cost the fleet dearly, the fishermen said on Tuesday.",
        "The levy of 45 pounds a day has cost the fleet dearly, the fishermen said on Tuesday.",
    )
    assert not [f for f in alike.findings if f.kind in {"conflict", "partial"}], _kinds(alike)


# --- 5. a count's rate; a figure with only an upper bound ----------------------------------------------


def test_a_count_a_night_is_no_reading_of_a_count_in_all():
    report = wire_gazette(
        "The storm killed 3 people a night in the town, officials said.",
        "The storm killed 12 people in all in the town, officials said.",
    )
    assert number_conflicts(report) == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # one rate each side (the noun before it, one word or two)
        ("The storm killed 3 people a night in the town, officials said.", "The storm killed 4 people each night in the town, officials said."),
        ("The clinic saw 30 new patients a day last month, officials said.", "The clinic saw 40 new patients a day last month, officials said."),
        # two totals; and ``a year ago`` is no rate
        ("The storm killed 3 people in the town, officials said.", "The storm killed 4 people in the town, officials said."),
        ("Police arrested 3 men a year ago in the town, officials said.", "Police arrested 5 men in the town, officials said."),
    ],
)
def test_counts_of_one_rate_still_clash(a, b):
    assert len(number_conflicts(wire_gazette(a, b))) == 1


def test_a_figure_with_only_an_upper_bound_is_paired_by_its_size():
    report = wire_gazette(
        "The fund paid up to 40 dollars to each resident and 900 dollars to each shop, the mayor said.",
        "The fund paid 900,000 dollars to the shops and 60 dollars to each resident, the mayor said.",
    )
    assert number_conflicts(report) == [("900 dollars", "900,000 dollars"), ("up to 40 dollars", "60 dollars")]


# --- 3. ordinals: ``third`` is ``3rd``, and no ``fourth`` ------------------------------------------------

_RATES = "It was the {} time the bank raised rates this year, officials said on Tuesday."


@pytest.mark.parametrize(("a", "b"), [("third", "fourth"), ("3rd", "fourth"), ("second", "third")])
def test_two_ordinals_of_one_thing_are_a_number_conflict(a, b):
    report = wire_gazette(_RATES.format(a), _RATES.format(b))
    assert number_conflicts(report) == [(a, b)]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (_RATES.format("third"), _RATES.format("3rd")),
        # a fraction and ``at first`` number no thing
        ("Police said a third of the houses were damaged in the storm.", "Police said a fourth of the houses were damaged in the storm."),
        ("At first the bank raised rates by 0.5%, officials said on Tuesday.", "At second glance the bank raised rates by 0.5%, officials said on Tuesday."),
    ],
)
def test_ordinals_that_agree_or_number_nothing_are_no_conflict(a, b):
    assert number_conflicts(wire_gazette(a, b)) == []


_QUOTE = '"This is the {} time the bank has raised rates this year," the governor said on Tuesday.'
_REPORTED = "The governor said on Tuesday that this is the {} time the bank has raised rates this year."


def _quote_verdict(a: str, b: str) -> list[str]:
    return [f.kind for f in wire_gazette(a, b).findings if f.type == "quote"]


@pytest.mark.parametrize(("said", "reported"), [("third", "3rd"), ("3rd", "third"), ("third", "third")])
def test_a_quote_and_its_reported_speech_with_one_ordinal_corroborate(said, reported):
    assert _quote_verdict(_QUOTE.format(said), _REPORTED.format(reported)) == ["corroborated"]


def test_a_quote_reported_with_another_ordinal_is_no_corroboration():
    assert "corroborated" not in _quote_verdict(_QUOTE.format("third"), _REPORTED.format("fourth"))


def test_told_otherwise_reads_ordinals_by_value():
    from storycheck.judge import _told_otherwise

    assert not _told_otherwise("the third time", "the 3rd time")
    assert not _told_otherwise("Game 3 was lost", "the third game was lost")
    assert _told_otherwise("the third time", "the fourth time")
    assert not _told_otherwise("at first we waited three days", "we waited three days")  # one side only: no change
    assert _told_otherwise("we waited three days", "we waited four days")  # figures as before


# --- 4. ``neither ... nor`` denies both verbs ----------------------------------------------------------

_NEITHER = "The company neither confirmed nor denied the report on Tuesday."


def _negations(report) -> list[dict]:  # noqa: ANN001
    return [f.values for f in conflicts(report, "negation")]


@pytest.mark.parametrize(
    ("other", "said"),
    [("The company confirmed the report on Tuesday.", "neither confirmed"), ("The company denied the report on Tuesday.", "nor denied")],
)
def test_neither_confirmed_nor_denied_is_told_otherwise_by_either(other, said):
    report = wire_gazette(_NEITHER, other)
    assert _negations(report) == [{"wire": said, "gazette": other.split()[2]}], _kinds(report)
    assert not [f for f in report.findings if f.kind == "corroborated" and f.type == "claim"]


@pytest.mark.parametrize(
    "other",
    ["The company did not confirm the report on Tuesday.", "On Tuesday the company neither confirmed nor denied the report."],
)
def test_neither_confirmed_nor_denied_agrees_with_a_denial_of_either(other):
    report = wire_gazette(_NEITHER, other)
    assert not [f for f in report.findings if f.kind == "conflict"], _kinds(report)


def test_neither_nor_of_two_real_acts_denies_both():
    report = wire_gazette("The firm neither paid the fine nor returned the money.", "The firm paid the fine and returned the money.")
    assert _negations(report) == [{"wire": "neither paid", "gazette": "paid"}, {"wire": "nor returned", "gazette": "returned"}]
    agree = wire_gazette("The firm neither paid the fine nor returned the money.", "The firm did not pay the fine and did not return the money.")
    assert not [f for f in agree.findings if f.kind == "conflict"], _kinds(agree)


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        ("The company confirmed the report on Tuesday.", "contradicted"),
        ("The company denied the report on Tuesday.", "contradicted"),
        ("The company did not confirm the report on Tuesday.", "partial"),
    ],
)
def test_check_reads_neither_nor_as_two_denials(text, verdict):
    report = check([Document("src", _NEITHER)], Document("text", text), embedder="none")
    assert [v.verdict for v in report.check.sentences] == [verdict]
    if verdict == "partial":
        assert not [f for f in report.findings if f.kind == "conflict"]
    else:
        assert [f.type for f in report.findings if f.kind == "conflict"] == ["negation"]


def test_two_full_names_that_differ_say_the_name_conflict_alone():
    report = compare_documents(
        [
            Document("wire", "Former minister Peter Lindqvist backed the plan on Tuesday, aides said."),
            Document("gazette", "Former minister Peter Lindkvist backed the plan on Tuesday, aides said."),
            Document("post", "Lindqvist backed the plan on Tuesday, aides to the former minister said."),
        ],
        embedder="none",
    )
    names = [f.values for f in conflicts(report, "name")]
    assert names == [{"wire": "Peter Lindqvist", "gazette": "Peter Lindkvist"}]
