"""Review revj19 of judge19's rules, on news sentences written for these tests: a round figure of one unit of time
is a rounding to the nearest (``2 hours`` is no ``2 hours 30 minutes`` nor ``170 minutes``), ``neither ... nor``
gives no subject to its second verb, ``half a million`` and ``two and a half million`` are read whole, and a
byline in a wire's capitals is one."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, compare_pair, conflicts, one_conflict_between

RESCUE = "The rescue of the four miners from the flooded shaft near Leeds took {}, officials said on Monday."


@pytest.mark.parametrize(
    ("one", "other"),
    [("2 hours", "2 hours 30 minutes"), ("2 hours", "170 minutes"), ("1 hour", "100 minutes"),
     ("3 hours", "3 hours 55 minutes")],
)
def test_a_round_hour_is_no_duration_past_its_half_hour(one, other):
    """judge19 read ``2 hours`` as 1.5 to 3 hours in seconds (its last digit's step above it), so ``2 hours`` /
    ``2 hours 50 minutes`` agreed while ``2 hours`` / ``2.5 hours`` (one layout) conflict."""
    one_conflict_between(RESCUE.format(one), RESCUE.format(other), "number", {one, other})


@pytest.mark.parametrize(
    ("one", "other"),
    [("about 2 hours", "2 hours 30 minutes"), ("2 hours", "1 hour 59 minutes"), ("3 hours", "2 hours 55 minutes"),
     ("1.5 hours", "90 minutes"), ("2 hours 3 minutes", "123 minutes"), ("2 hours 10 minutes", "130 minutes")],
)
def test_a_rounding_or_a_hedge_still_agrees(one, other):
    for report in both_ways(RESCUE.format(one), RESCUE.format(other)):
        assert not [f for f in report.findings if f.kind in ("conflict", "partial")], report.findings


def test_in_seconds_rounds_a_figure_of_one_unit_to_the_nearest():
    from storycheck.quantities import Quantity, in_seconds, same_duration

    hours = lambda v: Quantity(value=v, low=v, high=v, unit="hour", approx=False)  # noqa: E731
    minutes = lambda v: Quantity(value=v, low=v, high=v, unit="minute", approx=False)  # noqa: E731
    two = in_seconds(hours(2.0))
    assert (two.low, two.high) == (5400.0, 9000.0)
    assert same_duration(hours(2.0), minutes(149.0)) is True
    assert same_duration(hours(2.0), minutes(150.0)) is False  # the half hour rounds up
    assert same_duration(hours(2.0), minutes(91.0)) is True


def test_neither_nor_gives_the_second_verb_no_affirmed_subject():
    """``neither confirmed nor denied``: judge19's shared subject made ``The company denied the report`` affirmed,
    an ``antonym`` conflict with ``The company confirmed the report`` in ``compare`` (none on 532cfc6)."""
    from storycheck.analyze import analyze
    from storycheck.records import Document

    one = "The company neither confirmed nor denied the report on Monday."
    clauses = {(c.verb, c.subject, c.negated) for c in analyze(Document("x", one)).clauses}
    assert ("deny", "The company", False) not in clauses
    for a, b in ((one, "The company confirmed the report on Monday."), ("The company confirmed the report on Monday.", one)):
        assert not conflicts(compare_pair(a, b), "antonym")


@pytest.mark.parametrize(
    ("text", "value"),
    [("half a million", 5e5), ("two and a half million people", 2.5e6), ("half a million dollars", 5e5)],
)
def test_figures_in_reads_a_half_whole(text, value):
    from storycheck.quantities import figures_in

    assert [q.value for q in figures_in(text)] == [value]  # judge19: 1e6 (``a million``), 2 (``two``)


SAID = "Okafor said on Monday"


def test_reported_speech_of_half_a_million_is_no_quote_of_a_million():
    quote, reported = "We will hire half a million workers", "they would hire a million workers"
    for report in both_ways(f'"{quote}," {SAID}.', f"{SAID} {reported}."):
        assert not [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"], report.findings


def test_a_byline_in_capitals_makes_its_name_the_outlet():
    from pairhelp import owners_of

    text = "BY JANE DOE, COASTAL HERALD. The Coastal Herald reported that its shares rose 3% on Monday."
    assert owners_of(text) == [None]  # as ``By Jane Doe, Coastal Herald`` (judge19: the paper's own shares)
