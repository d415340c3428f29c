"""Session 32 (wt-revj31, issue 5): a hostile review of wt-judge31, each test failing on the merged main (760045c).
News sentences written for these tests."""

from __future__ import annotations

import pytest

from storycheck import compare
from storycheck.check import check
from storycheck.records import Document

WORDS = "the new ferry timetable would cut crossings to Ardmore by half"


def _attributions(report) -> list[dict[str, str]]:  # noqa: ANN001
    return [f.values for f in report.findings if f.kind == "conflict" and f.type == "quote_attribution"]


def _both(source: str, text: str) -> list:
    """The ``quote_attribution`` conflicts of ``compare`` and of ``check`` on one source and one text."""
    found = _attributions(compare([Document("a", source), Document("b", text)], embedder=None))
    report = check([Document("source", source)], Document("text", text), embedder="none")
    return found + _attributions(report)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # a joint statement gives the words to both speakers, in either order
        (f"Harbour master Ian Colby and councillor Nora Venn said {WORDS}.", f"Nora Venn said {WORDS}."),
        (f"Nora Venn, Ian Colby and Peter Hale said {WORDS}.", f"Peter Hale said {WORDS}."),
        # the text's speaker takes up the other's words in the source
        (f"Harbour master Ian Colby said {WORDS}. Councillor Nora Venn echoed Colby's warning that {WORDS}.",
         f"Nora Venn said {WORDS}."),
        (f"'The new ferry timetable will cut crossings to Ardmore by half,' said harbour master Ian Colby. Councillor "
         f"Nora Venn agreed, saying {WORDS} and must be changed.", f"Nora Venn said {WORDS}."),
    ],
)  # fmt: skip
def test_no_attribution_conflict_when_both_said_it(source, text):
    assert _both(source, text) == []


KORMA = "A landslide buried part of the hill village of Korma on Monday, "


def test_others_that_are_things_are_no_count_of_people():
    """``destroying one house and damaging two others`` (two houses) is no ``injuring two villagers``: each report
    adds a figure the other lacks (judge31's ``_others_agree`` read every ``others`` as people, and both partials of
    the merged main were lost). ``killing one man and leaving two others missing`` still tells ``two people``."""
    houses = Document("a", f"{KORMA}destroying one house and damaging two others, officials said.")
    people = Document("b", f"{KORMA}destroying one house and injuring two villagers, officials said.")
    found = [f.explanation for f in compare([houses, people], embedder=None).findings if f.type == "number"]
    assert sorted(e[:7] for e in found) == ["a adds ", "b adds "], found
    report = check([Document("source", houses.text)], Document("text", people.text), embedder="none")
    assert [s.text for f in report.findings if f.type == "number" for s in f.evidence if s.doc == "text"][:1] == [people.text[:-1]]
    missing = Document("a", f"{KORMA}killing one man and leaving two others missing, officials said.")
    told = Document("b", f"{KORMA}killing one man and leaving two people missing, officials said.")
    assert not any(f.type == "number" for f in compare([missing, told], embedder=None).findings)


@pytest.mark.parametrize(
    "other",
    [
        f"Councillor Nora Venn rejected Colby's claim that {WORDS}.",
        f"Councillor Nora Venn denied that {WORDS}.",
        f"Councillor Nora Venn said it was untrue that {WORDS}.",
        f"Councillor Nora Venn said Colby's claim that {WORDS} was wrong.",
    ],
)
def test_words_the_text_speaker_disputes_are_still_misattributed(other):
    """The text's speaker named beside the words, disputing them, did not say them too: the conflict stays (guards
    of the fix above; they pass on the merged main)."""
    source = f"Harbour master Ian Colby said {WORDS}. {other}"
    assert len(_both(source, f"Nora Venn said {WORDS}.")) == 2


@pytest.mark.parametrize("words", ["it was time to act", "the council would appeal"])
def test_commonplace_reported_words_of_two_people_are_no_attribution_conflict(words):
    """Two people may each say a commonplace of two content words; the same words with three or more are still
    credited to one of them (the conflict stays: ``the ferry service would be cut`` below)."""
    assert _both(f"Ian Colby said {words}.", f"Nora Venn said {words}.") == []
    told = "the ferry service would be cut"
    assert len(_both(f"Ian Colby said {told}.", f"Nora Venn said {told}.")) == 2
