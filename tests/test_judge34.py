"""Session 34 (wt-judge34, issue 5): known wrong answers session 33 left (causes, one deed of two titled doers,
duties with times, datelines, titles). News sentences written for these tests; each fails on df0becd unless it
says it is a guard."""

from __future__ import annotations

import pytest

from storycheck import compare
from storycheck.check import check
from storycheck.records import Document


def _conflicts(report, kind: str) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and f.type == kind]


def _verdict(report, start: str) -> str:  # noqa: ANN001
    return next(s.verdict for s in report.check.sentences if s.text.startswith(start))


# --- (a) causes: the common shapes, and two causes named -----------------------------------------------------------

MILL = "A fire gutted a disused textile mill in Ardley on Tuesday evening, the fire service said."
MILL_UNKNOWN = "Station manager Leo Fenn said crews had not yet determined the cause of the fire."
DEPOT = "An explosion tore through a fuel depot outside Harlow on Sunday, injuring four workers."
DEPOT_UNKNOWN = "The cause of the explosion remains unknown, the company said."


@pytest.mark.parametrize(
    ("source", "text", "named"),
    [
        # a headline's cause: no article, no "was"
        (f"{MILL} {MILL_UNKNOWN}", f"Faulty wiring blamed for Ardley mill fire\n\n{MILL}", "Faulty wiring blamed for Ardley mill fire"),
        (f"{DEPOT} {DEPOT_UNKNOWN}", f"Gas leak caused Harlow depot explosion\n\n{DEPOT}", "Gas leak caused Harlow depot explosion"),
        # blame
        (f"{MILL} {MILL_UNKNOWN}", f"{MILL} Investigators blamed faulty wiring for the blaze.",
         "Investigators blamed faulty wiring for the blaze"),
        # the cause after the thing, in a clause of its own
        (f"{DEPOT} {DEPOT_UNKNOWN}", f"{DEPOT} The explosion, caused by a gas leak, shattered windows a mile away.",
         "The explosion, caused by a gas leak"),
        (f"{MILL} {MILL_UNKNOWN}", f"{MILL} A faulty heater was blamed for the fire.", "A faulty heater was blamed for the fire"),
    ],
)  # fmt: skip
def test_common_shapes_of_a_cause_named_against_one_unknown(source, text, named):
    """On df0becd each of these was no finding: ``_NAMED_CAUSE`` read one shape only."""
    found = _conflicts(compare([Document("a", source), Document("b", text)], embedder=None), "cause")
    assert len(found) == 1 and {s.doc for s in found[0].evidence} == {"a", "b"}
    assert found[0].values["b"] == named
    assert all(Document("x", source if s.doc == "a" else text).text[s.start : s.end] == s.text for s in found[0].evidence)
    report = check([Document("source", source)], Document("text", text), embedder="none")
    assert _verdict(report, named[:12]) == "contradicted"


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (f"{MILL} A faulty heater caused the fire, the fire service said.",
         f"{MILL} Station manager Leo Fenn said the fire was started by a discarded cigarette."),
        (f"{DEPOT} Police said a gas leak was the cause of the explosion.",
         f"{DEPOT} A welding torch sparked the explosion, the company said."),
    ],
)  # fmt: skip
def test_two_causes_named_as_found_are_a_cause_conflict(one, two):
    """A heater and a cigarette, each told as found: no finding on df0becd (each named one cause)."""
    for a, b in ((one, two), (two, one)):
        found = _conflicts(compare([Document("a", a), Document("b", b)], embedder=None), "cause")
        assert len(found) == 1 and {s.doc for s in found[0].evidence} == {"a", "b"}
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert _conflicts(report, "cause")


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # one cause in two words (guard: a fault in wiring, the faulty wiring)
        (f"{MILL} The blaze was caused by an electrical fault, officials said.",
         f"{MILL} Faulty electrical wiring sparked the blaze, officials said."),
        # a guess is no cause found (guard)
        (f"{MILL} A faulty heater may have started the fire.", f"{MILL} A discarded cigarette started the fire, police said."),
        # a report that tells both causes (guard)
        (f"{MILL} Arson was first suspected, but officials said a faulty heater caused the fire.",
         f"{MILL} Police said arson caused the fire."),
        # a blame names who is at fault, not what caused it (guard)
        (f"{MILL} Residents blamed the mill's owner for the fire.", f"{MILL} Officials said a faulty heater caused the fire."),
        # another thing caused (guard)
        (f"{MILL} A faulty heater caused the fire.", f"{MILL} A burst pipe caused the flooding in the cellar."),
    ],
)  # fmt: skip
def test_no_two_causes_conflict(one, two):
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "cause") == []
