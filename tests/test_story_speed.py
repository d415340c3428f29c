"""Work the engine did per story that gave nothing (session 19, wt-bspeed9): each test fails on the code before
(67db79b), which did it, and checks the result is what the longer way gives."""

from __future__ import annotations

from pairhelp import compare_pair

from storycheck import analyze, judge
from storycheck.records import Document


def test_a_pair_without_opposite_verbs_is_not_asked_whether_it_hedges(monkeypatch) -> None:  # noqa: ANN001
    """``judge._opposed`` asks ``_unsure`` only of a pair whose verbs are opposites (it was asked of every pair
    alike enough, ~20% of judging), and a hedged pair of opposites is still no conflict."""
    asked: list[str] = []
    unsure = judge._unsure

    def counted(text: str) -> bool:
        asked.append(text)
        return unsure(text)

    monkeypatch.setattr(judge, "_unsure", counted)
    report = compare_pair("The mayor opened the new bridge on Monday.", "The mayor opened the new bridge on Monday morning.", tail="")
    assert [f for f in report.findings if f.kind == "corroborated"] and not asked
    report = compare_pair("The Lakers may lose the game on Sunday.", "The Lakers won the game on Sunday.", tail="")
    assert asked and not [f for f in report.findings if f.type == "antonym"]
    report = compare_pair("The Lakers lost the game on Sunday.", "The Lakers won the game on Sunday.", tail="")
    assert [f for f in report.findings if f.type == "antonym"]


def test_mentions_read_the_documents_own_text_not_the_docs_rejoined_tokens(monkeypatch) -> None:  # noqa: ANN001
    """``Doc.text`` joins every token again on each read (~2% of a story's CPU); the bare counts after ``and``
    (``_elided_units``) are read in the document's own text, which the Doc's text equals."""
    seen: list[str] = []
    elided = analyze._elided_units

    def spy(mentions, text: str) -> None:  # noqa: ANN001
        seen.append(text)
        elided(mentions, text)

    monkeypatch.setattr(analyze, "_elided_units", spy)
    text = "Three people were killed and five were injured in the crash on Monday, police said."
    doc = Document("a", text)
    result = analyze.analyze_many([doc])[0]
    assert seen and seen[0] is doc.text  # the same object: no string built again
    injured = [m for m in result.mentions if m.text == "five"]
    assert injured and injured[0].quantity.unit == [m for m in result.mentions if m.text == "Three"][0].quantity.unit
