"""Known wrong answers session 26 left in ``compare`` and ``check`` (session 27, wt-judge23), on short news texts
written for these tests: a verb against its own phrasal reading in ``compare``, a phrasal verb and its hand synonym
in ``check``'s new verbs, three subjects of ``neither ... nor``, choices still open without ``whether``, two people
of close surnames, and a street named by a date."""

from __future__ import annotations

import pytest
from pairhelp import check_pair, conflicts, exact, one_conflict_between, wire_gazette

from storycheck.check import check
from storycheck.records import Document


def _kinds(report) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((f.kind, f.type) for f in report.findings)


# --- 1. a verb against its own phrasal reading in compare (judge._opposed) -------------------------------


@pytest.mark.parametrize(
    ("called_off", "words"),
    [("The union called off the strike on Monday after the talks.", "called off"),
     ("The union called the strike off on Monday after the talks.", "called the strike off")],
)
def test_compare_tells_a_strike_called_off_from_a_strike_called(called_off, words):
    # compare and check, both ways: one ``predicate`` conflict of the verb and the verb with its particle
    one_conflict_between(called_off, "The union called the strike on Monday after the talks.", "predicate", {words, "called"})


def test_check_keeps_one_finding_of_a_strike_called_off():
    report = check_pair("The union called off the strike on Monday after the talks.",
                        "The union called the strike on Monday after the talks.")  # fmt: skip
    assert [f.type for f in conflicts(report)] == ["predicate"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the same phrasal verb written two ways, and a particle that finishes the verb's own act
        ("The union called off the strike on Monday after the talks.", "The union called the strike off on Monday after the talks."),
        ("The firm shut down the plant in May after the fire.", "The firm shut the plant in May after the fire."),
        # the strike called off by one side, a meeting called by the other: another object, no such pair
        ("The union called off the strike on Monday.", "The union called a meeting on Monday."),
        # a report that hedges states no fact to set against
        ("The union may call off the strike on Monday after the talks.", "The union called the strike on Monday after the talks."),
    ],
)
def test_compare_finds_no_phrasal_conflict_where_none_is(a, b):
    assert not conflicts(wire_gazette(a, b), "predicate")


# --- 2. a phrasal verb and its hand synonym are no new verb in check (check.new_verbs) ---------------------


def _new_verbs(source: str, text: str, monkeypatch) -> list[str]:  # noqa: ANN001
    """The text's first sentence's new verbs (``check.new_verbs``) as ``check`` reads them against the source."""
    import storycheck.check as checking

    seen: list[str] = []
    real = checking.new_verbs

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        out = real(*args, **kwargs)
        seen.extend(s.text for s in out if args[2] == 0)
        return out

    monkeypatch.setattr(checking, "new_verbs", spy)
    check([Document("source", source + " The factory will close in March.")], Document("text", text), embedder="none")
    return seen


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The carmaker laid off 200 workers at its Leeds factory on Tuesday.", "The carmaker fired 200 workers at its Leeds factory on Tuesday."),
        ("The carmaker fired 200 workers at its Leeds factory on Tuesday.", "The carmaker laid off 200 workers at its Leeds factory on Tuesday."),
        ("Police executed a raid on the house on Friday.", "Police carried out a raid on the house on Friday."),
        ("Police carried out a raid on the house on Friday.", "Police executed a raid on the house on Friday."),
    ],
)
def test_a_phrasal_verb_and_its_hand_synonym_are_no_new_verb(source, text, monkeypatch):
    assert _new_verbs(source, text, monkeypatch) == []


@pytest.mark.parametrize(
    ("source", "text", "new"),
    [
        # another act stays new: hand pairs only, and only with the phrasal reading
        ("The carmaker laid off 200 workers at its Leeds factory on Tuesday.", "The carmaker hired 200 workers at its Leeds factory on Tuesday.", ["hired"]),
        ("Police carried out a raid on the house on Friday.", "Police called off a raid on the house on Friday.", ["called"]),
    ],
)
def test_another_verb_against_a_phrasal_verb_stays_new(source, text, new, monkeypatch):
    assert _new_verbs(source, text, monkeypatch) == new


# --- 3. three subjects of ``neither ... nor`` (analyze._neither_subjects) ---------------------------------


NEITHER = [
    "Neither the police, the army nor the mayor confirmed the report on Sunday.",
    "Neither the police, the army, nor the mayor confirmed the report on Sunday.",
    "Neither Smith, Jones nor Brown confirmed the report on Sunday.",
]


@pytest.mark.parametrize("neither", NEITHER)
def test_each_of_three_neither_subjects_is_denied(neither):
    from pairhelp import clause_of

    from storycheck.analyze import analyze

    clauses = [c for c in analyze(Document("t", neither)).clauses if c.verb == "confirm"]
    assert len(clauses) == 3 and all(c.negated for c in clauses)
    assert [c.subject for c in clauses][1:] in (["the army", "the mayor"], ["Jones", "Brown"])
    assert clause_of(neither, "confirm").subject in ("the police", "Smith")


@pytest.mark.parametrize("neither", NEITHER)
def test_the_third_neither_subject_confirming_is_a_negation(neither):
    last = "Brown" if "Brown" in neither else "The mayor"
    other = f"{last} confirmed the report on Sunday."
    for report in (wire_gazette(neither, other), wire_gazette(other, neither), check_pair(neither, other)):
        assert len(conflicts(report, "negation")) == 1, _kinds(report)
        exact(report)


def test_the_third_neither_subject_denying_agrees():
    report = wire_gazette(NEITHER[0], "The mayor did not confirm the report on Sunday.")
    assert not conflicts(report), _kinds(report)


# session 28 (wt-judge24): ``Neither side confirmed`` is now a denial of its own (``analyze._nobody``: each side did
# not confirm; tests/test_judge24.py), so only ``either ... or`` is asked here
@pytest.mark.parametrize("text", ["Either the police or the army confirmed the report on Sunday."])
def test_no_nor_is_no_denial_of_each(text):
    from storycheck.analyze import analyze

    assert not any(c.negated for c in analyze(Document("t", text)).clauses if c.verb == "confirm")


# --- 4. a choice still open without ``whether`` (judge._undecided, _choice_apart) ----------------------------


def _corroborated(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "corroborated"]


INTENT = "The company would appeal the ruling, its lawyer said."


@pytest.mark.parametrize(
    "open_",
    [
        "The company was considering if it would appeal the ruling, its lawyer said.",
        "The company had yet to decide on an appeal against the ruling, its lawyer said.",
        "The company has not decided if it would appeal the ruling, its lawyer said.",
    ],
)
def test_an_open_choice_without_whether_is_no_corroboration(open_):
    for report in (wire_gazette(INTENT, open_), wire_gazette(open_, INTENT)):
        assert not _corroborated(report), _kinds(report)
        assert not conflicts(report), _kinds(report)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a choice made, a condition (``_unsure``'s), a hedge (another rule), and two open choices
        (INTENT, "The company decided on an appeal against the ruling, its lawyer said."),
        (INTENT, "If it loses, the company would appeal the ruling, its lawyer said."),
        (INTENT, "The company might appeal the ruling, its lawyer said."),
        ("The company was considering if it would appeal the ruling, its lawyer said.",
         "The company was weighing if it would appeal the ruling, its lawyer said."),
    ],
)
def test_a_choice_made_a_condition_or_two_open_choices_still_corroborate(a, b):
    assert len(_corroborated(wire_gazette(a, b))) == 1


# --- 5. two people of close surnames (align._lone_spellings): guards, right on the base too -----------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # the report that writes one spelling in the claim writes the other elsewhere, of another person
        ("Johnson was arrested in Leeds on Monday. His neighbour, Peter Jonson, said he was shocked.",
         "Jonson was arrested in Leeds on Monday."),
        ("Johnson was arrested in Leeds on Monday.",
         "Jonson was arrested in Leeds on Monday. Peter Johnson, a witness, said the arrest was quick."),
        # the full names differ: two men
        ("Mark Johnson, 34, a builder, lives in Leeds. Johnson was arrested in Leeds on Monday.",
         "Paul Jonson, 51, a teacher, lives in Leeds. Jonson was arrested in Leeds on Monday."),
    ],
)
def test_two_people_of_close_surnames_are_no_name_conflict(a, b):
    for report in (wire_gazette(a, b), check_pair(a, b)):
        assert not conflicts(report, "name"), _kinds(report)


@pytest.mark.parametrize(
    "a",
    [
        "Johnson was arrested in Leeds on Monday. Officers also arrested Mark Jonson, his cousin.",
        "Police arrested Johnson in Leeds on Monday. Mark Jonson, a friend, was questioned.",
    ],
)
def test_a_report_naming_both_spellings_in_full_links_no_lone_spelling(a):
    # the wire names two men, Johnson and Mark Jonson: the gazette's Jonson is not the wire's Johnson spelled otherwise
    b = "Police arrested Jonson in Leeds on Monday." if a.startswith("Police") else "Jonson was arrested in Leeds on Monday."
    for report in (wire_gazette(a, b), check_pair(a, b)):
        assert not conflicts(report, "name"), _kinds(report)
        assert not [f for f in report.findings if f.kind == "corroborated"], _kinds(report)


def test_one_man_spelled_two_ways_is_still_a_name_conflict():
    report = wire_gazette("Johnson was arrested in Leeds on Monday.", "Jonson was arrested in Leeds on Monday.")
    assert len(conflicts(report, "name")) == 1


# --- 6. a street named by a date (analyze._dated_name) -------------------------------------------------------


@pytest.mark.parametrize("digits", [True, False])
def test_a_street_named_by_a_date_is_a_place_as_written_in_words(digits):
    third, fourth = ("3rd", "4th") if digits else ("Third", "Fourth")
    a = f"The protest on {third} May Street drew 500 people on Saturday."
    b = f"The protest on {fourth} May Street drew 500 people on Saturday."
    for report in (wire_gazette(a, b), check_pair(a, b)):
        found = conflicts(report)
        assert [f.type for f in found] == ["actor"], _kinds(report)
        assert {v.split(" on ")[-1] for v in found[0].values.values()} == {f"{third} May Street", f"{fourth} May Street"}
        exact(report)


def test_a_street_named_by_a_date_is_no_date_and_agrees_with_itself():
    from storycheck.analyze import analyze

    a = analyze(Document("t", "The fire broke out at a house on 3rd May Street on Saturday."))
    assert [(m.text, m.kind) for m in a.mentions if "May" in m.text] == [("3rd May Street", "place")]
    same = wire_gazette("The protest on 3rd May Street drew 500 people on Saturday.",
                        "The protest on 3rd May Street drew 500 people on Saturday, police said.")  # fmt: skip
    assert not conflicts(same), _kinds(same)


def test_a_protest_dated_by_its_day_is_still_a_date_conflict():
    report = wire_gazette("The 2nd March protest drew 500 people, police said.", "The 3rd March protest drew 500 people, police said.")
    assert [f.type for f in conflicts(report)] == ["date"]
