"""Known wrong answers session 27 left in ``compare`` and ``check`` (session 28, wt-judge24), on short news texts
written for these tests: a subject that denies its clause (``Neither side``, ``No one``), verbs of one act read
apart (``sacked`` / ``fired``, ``stepped aside`` / ``stepped down``, ``backed down on`` / ``backed``), a third
subject of ``neither ... nor`` after a comma, and a he/she read as a person whose gender no source gives."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, clause_of, conflicts, exact, one_conflict_between, wire_gazette

from storycheck.analyze import analyze
from storycheck.check import check
from storycheck.records import Document


def _kinds(report) -> list[tuple[str, str]]:  # noqa: ANN001
    return sorted((f.kind, f.type) for f in report.findings)


def _corroborated(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "corroborated"]


# --- 1. a subject that denies its clause (analyze._nobody, judge._denied_by_subject) -------------------------


@pytest.mark.parametrize(
    ("denied", "told", "words"),
    [
        ("Neither side confirmed the ceasefire on Sunday.", "Each side confirmed the ceasefire on Sunday.", "Neither side confirmed"),
        ("No side confirmed the ceasefire on Sunday.", "Each side confirmed the ceasefire on Sunday.", "No side confirmed"),
        ("Neither man was charged on Sunday.", "The man was charged on Sunday.", "Neither man was charged"),
        ("No charges have been filed against the driver.", "Charges have been filed against the driver.", "No charges have been filed"),
    ],
)
def test_a_subject_that_denies_its_clause_is_told_otherwise_by_an_affirmation(denied, told, words):
    # both commands, both ways: one ``negation`` conflict (the base corroborated each pair as one claim)
    verb = words.split()[-1]
    one_conflict_between(denied, told, "negation", {words, verb})


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("No one was injured in the blast on Sunday.", "Nobody was hurt in the blast on Sunday."),
        ("None of the passengers was hurt in the crash.", "No passengers were hurt in the crash."),
        ("Neither side confirmed the ceasefire on Sunday.", "The two sides did not confirm the ceasefire on Sunday."),
        # item 2: one act in other words (lexicon.SYNONYMS; ``stepped aside`` read ``step_aside`` by verb_readings)
        ("The firm fired 40 staff at its Leeds office on Monday.", "The firm sacked 40 staff at its Leeds office on Monday."),
        ("The minister stepped down on Monday after the report.", "The minister stepped aside on Monday after the report."),
    ],
)
def test_two_reports_that_agree_have_no_conflict(a, b):
    for report in both_ways(a, b):
        assert not conflicts(report), _kinds(report)


def test_no_gun_recovered_agrees_with_the_gun_not_recovered():
    # the base read "No gun has been recovered" as affirmed: a negation conflict with "has not been recovered"
    report = wire_gazette("Police said no gun has been recovered from the scene.", "Police said the gun has not been recovered from the scene.")
    assert not conflicts(report, "negation"), _kinds(report)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # "no damage was reported" says nothing against what an agency reported (ECB+ event 37)
        ("The quake was felt in Darwin, but no damage was reported.", "The quake was felt in Darwin, the agency reported."),
        # review revj24: a bare ``No one`` denies it of anyone, but ``No one else`` leaves someone out
        ("No one else was injured in the crash, police said.", "The driver was injured in the crash, police said."),
        ("No charges were filed over the fight on Friday.", "The club filed a complaint over the fight on Friday."),
    ],
)
def test_a_denial_of_another_thing_is_no_negation_conflict(a, b):
    for report in both_ways(a, b):
        assert not conflicts(report, "negation"), _kinds(report)


@pytest.mark.parametrize(
    ("text", "verb"),
    [("No 10 said the talks went well.", "say"), ("No fewer than 20 people were killed in the attack.", "kill"),
     ("No more than 40 per cent of the seats were filled on Friday.", "fill"),
     ("Either the police or the army confirmed the report on Sunday.", "confirm")],
)
def test_no_denial_where_no_subject_denies(text, verb):
    assert not clause_of(text, verb).negated


# --- 2. verbs of one act read apart (lexicon.SYNONYMS, judge.verb_readings, judge._particle_object) ------------


def test_backed_down_on_a_plan_is_not_backing_it():
    # the base: a predicate conflict in check, a corroborated claim in compare
    one_conflict_between("The minister backed down on the tax plan on Monday.", "The minister backed the tax plan on Monday.",
                         "predicate", {"backed down", "backed"})  # fmt: skip


def test_hiring_is_still_the_opposite_of_sacking():
    report = check_pair("The firm hired 40 staff at its Leeds office on Monday.", "The firm sacked 40 staff at its Leeds office on Monday.")
    assert conflicts(report), _kinds(report)


# --- 3. a third subject of neither ... nor after a comma (analyze._neither_subjects) --------------------------


def test_a_third_neither_subject_after_a_comma_is_denied_too():
    clauses = analyze(Document("t", "Neither Smith nor Jones, nor their lawyers, commented on the verdict.")).clauses
    assert sorted((c.subject, c.negated) for c in clauses if c.verb == "comment") == [
        ("Jones", True), ("Smith", True), ("their lawyers", True)]


# --- 4. a he/she read as a person of no known gender (check.pronoun_deeds) -------------------------------------


def _coref(source: str, text: str) -> list:
    report = check([Document("source", source)], Document("text", text), embedder="none")
    exact(report)
    return [f for f in report.findings if f.kind == "conflict" and f.type == "coreference"]


VAN = "Mark Fell drove the stolen van through the town centre on Friday night. {} was a passenger. Police found the van in a canal."


def test_a_pronoun_read_as_a_person_of_unknown_gender_is_no_conflict():
    # the source never says he or she of Jane Cole: "He" may be anyone, not a claim that she drove
    assert not _coref(VAN.format("Jane Cole"), "Jane Cole was a passenger in the van. He drove the stolen van through the town centre.")


def test_a_pronoun_read_as_a_person_the_sources_call_so_is_still_a_conflict():
    source = VAN.format("Sam Cole") + " Sam Cole said he was scared."
    [found] = _coref(source, "Sam Cole was a passenger in the van. He drove the stolen van through the town centre.")
    assert [s.text for s in found.evidence] == ["He", "Mark Fell"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nothing was stolen from the house, police said.", "Jewellery was stolen from the house, police said."),
        ("This is not true, the minister said.", "This is true, the minister said."),
    ],
)
def test_a_denial_and_an_affirmation_are_no_corroboration(a, b):
    # judge._polarity_apart: no conflict is set between these (another subject; a copula), but the base
    # corroborated each pair as one claim
    for report in both_ways(a, b):
        assert not _corroborated(report), _kinds(report)


def test_a_denied_speech_verb_beside_the_claim_withholds_no_corroboration():
    # guard (ECB+ event 18): the parse gives the second "said" no clause, so the sentence's one "say" is denied
    report = wire_gazette("Fire chief Tom Fanning couldn't say if anyone else was in the building, but said no one else was injured.",
                          "Fire chief Tom Fanning said no one else was injured.")  # fmt: skip
    assert _corroborated(report), _kinds(report)
