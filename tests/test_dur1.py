"""Session 22's wt-dur1: race and finishing times written as clocks (``2:03:45``, ``3:43``, ``1:21.5``) are figures
of their verb in seconds (``quantities.parse_duration``), so two reports giving two times for one race conflict
(``number``), within the figure's written precision; never a time of day, a score, a Bible verse, nor an
``m:ss`` against an ``h:mm:ss`` (``2:04`` may be either). Hand-written pairs, no benchmark item."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, one_conflict_between

from storycheck.analyze import analyze
from storycheck.quantities import compatible, describe_quantity, parse_duration
from storycheck.records import Document

WON = "Kipchoge won the Berlin marathon in {} on Sunday."
MILE = "She ran the mile at {} in Oslo on Friday."


@pytest.mark.parametrize(
    ("a", "b", "spans"),
    [
        (WON.format("2:03:45"), WON.format("2:05:45"), {"2:03:45", "2:05:45"}),
        (WON.format("2:03:45"), WON.format("2:03:48"), {"2:03:45", "2:03:48"}),  # within 2%: a margin of seconds
        (MILE.format("3:43"), MILE.format("3:47"), {"3:43", "3:47"}),
        ("Her lap of 1:21.5 set a record in Monza.", "Her lap of 1:22.9 set a record in Monza.", {"1:21.5", "1:22.9"}),
    ],
)  # fmt: skip
def test_two_race_times_conflict(a: str, b: str, spans: set) -> None:
    """Base read no figure in a colon duration: no conflict at all."""
    one_conflict_between(a, b, "number", spans)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (WON.format("2:03:45"), WON.format("2:03:45.6")),  # a reporter's rounding
        (WON.format("2:03:45"), WON.format("2:03:46")),  # rounded up
        (WON.format("2:03:45"), WON.format("about 2:04")),  # hedged
        (WON.format("2:03:45"), WON.format("2:04")),  # h:mm or m:ss: not weighed against h:mm:ss
        ("The race started at 9:30 on Sunday.", "The race started in 2:03:45 on Sunday."),  # a time of day
        ("Arsenal won 2:1 at home on Sunday.", "Arsenal won 3:1 at home on Sunday."),  # a score
        ("The pastor quoted John 3:16 on Sunday.", "The pastor quoted John 3:17 on Sunday."),  # a Bible verse
        ("The quake struck at 10:45:30 a.m. on Monday.", "The quake struck at 10:45:38 a.m. on Monday."),  # seconds
        ("The quake struck at 10:45:30 on Monday.", "The quake struck at 10:45:38 on Monday."),  # a clock's seconds
        ("The ratio was 10:30 in the survey.", "The ratio was 10:45 in the survey."),  # no word of timing
    ],
)  # fmt: skip
def test_no_race_time_conflict(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report, "number"), report.findings


def test_a_time_of_day_stays_a_time() -> None:
    """``at 9:30`` is a clock (a ``date`` conflict), never a duration figure too."""
    for report in both_ways("The race started at 9:30 on Sunday.", "The race started at 9:45 on Sunday."):
        assert conflicts(report, "date") and not conflicts(report, "number"), report.findings
    a = analyze(Document("x", "The race started at 9:30 on Sunday."))
    assert not [m for m in a.mentions if m.quantity is not None]


@pytest.mark.parametrize(
    "text",
    ["The quake struck at 10:45:30 local time on Monday.", "The quake struck at 10:45:30 GMT on Monday.",
     "The ratio was 10:30 in the survey.", "See John 3:16 for details.", "Arsenal won 2:1 at home."],
)  # fmt: skip
def test_no_race_time_read(text: str) -> None:
    assert not [m for m in analyze(Document("x", text)).mentions if m.quantity is not None]


def test_the_tagger_misses_a_race_time() -> None:
    """The tagger tags ``2:03:45`` and not ``2:05:45`` in the same sentence: both are read."""
    for time in ("2:03:45", "2:05:45", "2:03:45.6"):
        a = analyze(Document("x", WON.format(time)))
        assert [(m.kind, m.text, m.verb) for m in a.mentions if m.quantity] == [("quantity", time, "win")]


@pytest.mark.parametrize(
    ("text", "seconds", "unit", "high"),
    [("2:03:45", 7425, "h:mm:ss", 7426), ("3:43", 223, "m:ss", 224), ("1:21.5", 81.5, "m:ss", 81.6),
     ("2:03:45.62", 7425.62, "h:mm:ss", 7425.63)],
)  # fmt: skip
def test_parse_duration(text: str, seconds: float, unit: str, high: float) -> None:
    q = parse_duration(text)
    assert (q.value, q.unit) == (pytest.approx(seconds), unit)
    assert q.low == pytest.approx(seconds - (high - seconds) / 2)  # rounded to the nearest: half a step below
    assert q.high == pytest.approx(high)
    assert describe_quantity(q) == text


@pytest.mark.parametrize("text", ["2:1", "2:75", "2:03:75", "John 3:16", "9.30"])
def test_no_duration(text: str) -> None:
    assert parse_duration(text) is None


def test_duration_margin_is_its_precision() -> None:
    assert not compatible(parse_duration("2:03:45"), parse_duration("2:03:47"))
    assert compatible(parse_duration("2:03:45"), parse_duration("2:03:47", approx=True))
    assert compatible(parse_duration("2:03:45"), parse_duration("2:04"))  # two layouts: not ours to weigh


def test_check_weighs_a_race_time_in_its_unit() -> None:
    """``check._same_figure`` dropped units before ``compatible``: 2:03:47 was the source's 2:03:45 (2% apart)."""
    from storycheck.check import _same_figure
    from storycheck.records import Quantity

    mine, theirs = Quantity(7427.0, 7427.0, 7428.0, "h:mm:ss"), Quantity(7425.0, 7425.0, 7426.0, "h:mm:ss")
    assert not _same_figure(mine, "2:03:47", theirs, "won in 2:03:45")
    assert _same_figure(Quantity(7425.6, 7425.6, 7425.7, "h:mm:ss"), "2:03:45.6", theirs, "won in 2:03:45")


@pytest.mark.parametrize(
    ("a", "b"),
    [(WON.format("2:03:45.6"), WON.format("2:03:46")), (WON.format("2:03:44.6"), WON.format("2:03:45")),
     ("Her lap of 1:21.5 set a record in Monza.", "Her lap of 1:22 set a record in Monza.")],
)  # fmt: skip
def test_a_race_time_rounded_to_the_nearest_agrees(a: str, b: str) -> None:
    """Review revd1: a reporter rounds ``2:03:45.6`` to ``2:03:46`` as often as he truncates it to ``2:03:45``;
    f46c494 read ``2:03:46`` as 7,426-7,427 s only and called the pair a ``number`` conflict."""
    for report in both_ways(a, b):
        assert not conflicts(report, "number"), report.findings
