"""Two reports whose sentences are one claim but for opposite verbs (``judge._opposed``): one team won and lost,
prices rose and fell, the same people were killed and injured: a conflict, not a claim stated alike. Reports that
tell like things of other doers, or say the same both ways, are left alone (hand-written pairs). ``check`` does
not call a pair its role checks contradict "alike" either (``check._uncontested``)."""

from __future__ import annotations

import pytest
from pairhelp import compare_pair, exact

from storycheck.check import check
from storycheck.records import Document


@pytest.mark.parametrize(("a", "b", "words"), [
    ("The Lakers won the game against the Celtics on Sunday.", "The Lakers lost the game against the Celtics on Sunday.", {"won", "lost"}),
    ("Prices rose sharply in March, the agency said.", "Prices fell sharply in March, the agency said.", {"rose", "fell"}),
    ("Police said three people were killed in the blast on Monday.", "Police said three people were injured in the blast on Monday.",
     {"killed", "injured"}),
    ("Shares of Tesco rose 3% on Monday.", "Shares of Tesco fell 3% on Monday.", {"rose", "fell"}),
    # a name ending in "-ly" after "is" is no passive (the parse says who is the subject, not a pattern of words)
    ("The truth is Italy won the match against Spain on Sunday.", "In truth Italy lost the match against Spain on Sunday.",
     {"won", "lost"}),
])  # fmt: skip
def test_opposites_of_one_claim_conflict(a: str, b: str, words: set[str]) -> None:
    report = compare_pair(a, b, tail="")
    exact(report)
    found = [f for f in report.findings if f.kind == "conflict" and f.type == "antonym"]
    assert len(found) == 1
    assert {s.text for s in found[0].evidence} == words and {s.doc for s in found[0].evidence} == {"a", "b"}
    assert "(a)" in found[0].explanation and "(b)" in found[0].explanation
    assert not [f for f in report.findings if f.kind == "corroborated"]  # not also "stated alike"


@pytest.mark.parametrize(("a", "b"), [
    ("The Lakers won the game against the Celtics on Sunday.", "The Celtics lost the game against the Lakers on Sunday."),
    ("The Lakers did not win the game on Sunday.", "The Lakers lost the game on Sunday."),
    ("Oil prices rose on Monday while gold prices fell.", "Gold prices fell on Monday."),
    ("Tesco shares fell 3% on Monday.", "Sainsbury shares rose 3% on Monday."),
    ("Shares of Tesco rose 3% on Monday.", "Shares of Sainsbury fell 3% on Monday."),
    ("The man was injured in the crash and later died in hospital.", "The man was killed in the crash."),
    ("Prices rose sharply in March, the agency said.", "Prices rose sharply in March, the agency said on Friday."),
    ("The Lakers may lose the game on Sunday.", "The Lakers won the game on Sunday."),
    ("Chelsea were beaten by Arsenal on Sunday.", "Chelsea lost to Arsenal on Sunday."),
    ("Chelsea were beaten on Sunday.", "Chelsea lost on Sunday."),
    ("Chelsea were not beaten on Sunday.", "Chelsea did not lose on Sunday."),
    ("Chelsea weren't beaten on Sunday.", "Chelsea did not lose on Sunday."),
    ("Chelsea were once again beaten at home on Sunday.", "Chelsea once again lost at home on Sunday."),
    ("If prices rise, the bank will act.", "If prices fall, the bank will act."),
    ("A man was killed when the bus crashed on Monday.", "Two men were injured when the bus crashed on Monday."),
    ("The bus driver was killed in the crash on Monday.", "The lorry driver was injured in the crash on Monday."),
])  # fmt: skip
def test_like_things_of_other_doers_or_the_same_both_ways_do_not_conflict(a: str, b: str) -> None:
    report = compare_pair(a, b, tail="")
    assert not [f for f in report.findings if f.type == "antonym"]


def test_check_does_not_call_a_contradicted_pair_alike() -> None:
    source = Document("s", "The Lakers won the game against the Celtics on Sunday. The work is due to finish in the spring.")
    report = check([source], Document("t", "The Lakers lost the game against the Celtics on Sunday."), embedder="none")
    assert [f for f in report.findings if f.type == "antonym"]
    assert not [f for f in report.findings if f.kind == "corroborated"]


# --- counts of two outcomes (analyze._elided_units, judge._slot_conflicts) -------------------------------------------


def _numbers(a: str, b: str) -> list[set[str]]:
    report = compare_pair(a, b, tail="")
    exact(report)
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "conflict" and f.type == "number"]


@pytest.mark.parametrize(("a", "b"), [
    ("Police said three people were killed and two injured in the blast.", "Police said two people were injured in the blast."),
    ("Three people were killed and five were injured in the blast.", "Five people were injured in the blast."),
    ("Three people were killed in the blast.", "Six people were injured in the blast."),
])  # fmt: skip
def test_a_count_of_one_outcome_is_no_figure_for_another(a: str, b: str) -> None:
    assert _numbers(a, b) == []


def test_the_count_of_the_same_outcome_is_the_one_compared() -> None:
    assert _numbers("Three people were killed and five were injured in the blast.", "Six people were injured in the blast.") == [{"five", "Six"}]


def test_a_bare_count_takes_the_noun_of_the_count_it_is_coordinated_with() -> None:
    from storycheck.core import analyze_documents

    a = analyze_documents([Document("a", "Three people were killed and five were injured. He said five were at home.")], None)[0]
    units = [(m.text, m.quantity.unit) for m in a.mentions if m.kind == "count"]
    assert units == [("Three", "people"), ("five", "people"), ("five", None)]  # (not across sentences)
