"""Session 26 (lead): two subjects are one only by their own words, never by a shared "the" ("the army" / "the
mayor" scored 70.6 in rapidfuzz's token-set ratio, the bar being 70), left by the review of wt-judge22: "Neither the
police nor the army confirmed the report, but the mayor did" / "The mayor confirmed the report" was a negation
conflict, since the army's denial was read as the mayor's. (A denial by one subject against the act told of another,
"The union did not call the strike" / "The employers called the strike", stays a negation that names who: by design.)"""

from __future__ import annotations

import pytest
from pairhelp import conflicts, wire_gazette


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Neither the police nor the army confirmed the report, but the mayor did.", "The mayor confirmed the report."),
        ("The army did not confirm the report, but the mayor did.", "The mayor confirmed the report."),
    ],
)
def test_two_subjects_alike_only_by_their_article_are_two_subjects(a, b):
    report = wire_gazette(a, b)
    assert not conflicts(report, "negation"), sorted((f.kind, f.type) for f in report.findings)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The army did not confirm the report on Tuesday.", "The army confirmed the report on Tuesday."),
        ("The city council did not approve the budget on Monday.", "The council approved the budget on Monday."),
    ],
)
def test_one_subject_written_alike_is_still_one(a, b):
    assert conflicts(wire_gazette(a, b), "negation")
