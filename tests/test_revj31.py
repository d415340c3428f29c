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


def test_words_the_other_person_rejected_are_still_misattributed():
    """Naming the text's speaker beside the words is not enough: Venn rejected what Colby said."""
    source = f"Harbour master Ian Colby said {WORDS}. Councillor Nora Venn rejected Colby's claim that {WORDS}."
    assert len(_both(source, f"Nora Venn said {WORDS}.")) == 2
