"""Session 32 (wt-revj30, issue 5): a hostile review of wt-judge30, on news sentences written for these tests. Each
test fails on main at d67054b (judge30 merged); the guards (marked) pass there too."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, compare_pair, conflicts, exact

CUTS = "On Monday, {} Tom Hale said the company would cut 200 jobs at its plant in Leeds."


@pytest.mark.parametrize(("a", "b"), [("chief executive", "chief financial officer"),
                                      ("chief executive officer", "chief financial officer"),
                                      ("chief operating officer", "chief executive")])  # fmt: skip
def test_two_jobs_that_open_with_one_role_word_clash(a: str, b: str) -> None:
    """judge30's ``compare`` read only the word before a shared role noun: ``chief executive`` / ``chief financial
    officer`` (a ``title`` conflict on a533ddc) became one post."""
    for report in both_ways(CUTS.format(a), CUTS.format(b)):
        exact(report)
        assert [f.type for f in conflicts(report, "title")] == ["title"], report.findings


def test_one_job_in_a_longer_name_is_no_clash() -> None:  # guard
    for report in (compare_pair(CUTS.format("chief executive"), CUTS.format("chief executive officer")),
                   compare_pair(CUTS.format("chief executive officer"), CUTS.format("chief executive"))):  # fmt: skip
        assert not conflicts(report, "title"), report.findings
