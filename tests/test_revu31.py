"""Session 31 (wt-revu31): a hostile review of wt-user31 (a fact-checker's ``check`` and a data engineer's ``eval``).
News sentences written for these tests. Each test fails on abed4c0 (the merge of wt-user31)."""

from __future__ import annotations

from pathlib import Path

from storycheck.check import check
from storycheck.records import Document

UNION = Document("a", (
    "About 850 nurses joined the strike, according to Dr. Helen Okafor, the regional secretary of the union. "
    "The nurses walked out on Tuesday at Riverside General Hospital."))


def test_a_role_line_reads_its_head_past_a_title_with_a_stop():
    """"according to Dr. David Mercer": the window of ``_head_words`` ended at "Dr. " as at a sentence's end, and the
    line said the lemma again: "For 'accord' the text gives 'Mercer'"."""
    draft = Document("draft", "About 850 nurses joined the strike, according to Dr. David Mercer, the regional "
                              "secretary of the union.")  # fmt: skip
    (role,) = [f for f in check([UNION], draft, embedder="none").findings if f.type == "role"]
    assert role.explanation == "For 'according to' the text gives 'Mercer' where the source gives 'Okafor'.", role
