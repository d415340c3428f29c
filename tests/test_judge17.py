"""Session 23's wt-judge17: the engine's known wrong answers session 22 left (revd1, dur1, revj16's lists).
(1) A colon figure after ``in`` / ``of`` that is a time of day (``the train leaves in 10:30``, ``local time 10:30``,
``8:00 sharp``) is a time (a ``date`` conflict), and odds or a ratio (``odds of 10:30``) nothing, never a race time.
(2) Durations in words of two or three units (``two hours and three minutes``, ``a 3-hour-12-minute flight``) and
game clocks (``with 2:15 left``, ``at 2:15 of the first period``) are figures in seconds, compared as race times
are. (3) A union and its workers are one owner, the employers another; an outlet the document's own byline or
dateline shows (``By Jane Doe, Coastal Herald``) owns no ``its``. Hand-written pairs, no benchmark item."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, conflicts, exact, one_conflict_between, owners_of

from storycheck.analyze import analyze, one_kind_of_owner
from storycheck.clock import find_clocks
from storycheck.quantities import parse_duration
from storycheck.records import Document

# --- (1) a time of day or odds after in / of ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The train leaves in 10:30 from platform two.", "The train leaves in 11:45 from platform two."),
        ("The show starts in 8:00 sharp tonight.", "The show starts in 9:00 sharp tonight."),
        ("The meeting began at local time 10:30 on Monday.", "The meeting began at local time 10:45 on Monday."),
        ("The ferry sailed in 10:30 of the morning on Monday.", "The ferry sailed in 11:30 of the morning on Monday."),
    ],
)  # fmt: skip
def test_a_time_of_day_after_in_is_a_date_conflict(a: str, b: str) -> None:
    """Base read each as an ``m:ss`` race time: a true disagreement typed ``number``."""
    for report in both_ways(a, b):
        assert len(conflicts(report, "date")) == 1 and not conflicts(report, "number"), report.findings
        exact(report)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("The bookmakers offered odds of 10:30 on the horse.", "The bookmakers offered odds of 11:45 on the horse."),
        ("The survey found a ratio of 3:15 in the region.", "The survey found a ratio of 3:45 in the region."),
    ],
)  # fmt: skip
def test_odds_and_ratios_are_no_figure_of_time(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report), report.findings


@pytest.mark.parametrize(
    "text",
    ["The train leaves in 10:30 from platform two.", "The show starts in 8:00 sharp.", "They met at local time 10:30.",
     "The ferry sailed in 10:30 of the morning."],
)  # fmt: skip
def test_find_clocks_reads_the_time(text: str) -> None:
    assert len(find_clocks(text)) == 1


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("She won the race in a time of 3:43 on Friday.", "She won the race in a time of 3:47 on Friday."),
        ("She won the mile in 3:43 on Friday.", "She won the mile in 3:47 on Friday."),
        ("Her personal best of 3:43 came on Friday.", "Her personal best of 3:47 came on Friday."),
    ],
)  # fmt: skip
def test_race_times_after_in_and_of_stay_figures(a: str, b: str) -> None:
    """Guards: the words of timing before ``in`` / ``of`` still make a race time."""
    for report in both_ways(a, b):
        assert len(conflicts(report, "number")) == 1 and not conflicts(report, "date"), report.findings


@pytest.mark.parametrize(
    "text", ["The train finished the route in 10:30 on Monday.", "The mile record of 3:43 stood for years."]
)
def test_no_clock_in_a_race_time(text: str) -> None:
    assert find_clocks(text) == []


# --- (2) durations in words and game clocks ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "seconds", "unit"),
    [
        ("two hours and three minutes", 7380, "h:mm:ss"),
        ("2 hours 3 minutes 45 seconds", 7425, "h:mm:ss"),
        ("3-hour-12-minute", 11520, "h:mm:ss"),
        ("an hour and 12 minutes", 4320, "h:mm:ss"),
        ("3 minutes 43 seconds", 223, "m:ss"),
        ("twenty-three minutes, 5 seconds", 1385, "m:ss"),
    ],
)  # fmt: skip
def test_parse_duration_in_words(text: str, seconds: int, unit: str) -> None:
    q = parse_duration(text)
    assert (q.value, q.unit) == (seconds, unit)
    assert q.low < seconds < q.high


@pytest.mark.parametrize("text", ["3 hours", "1 hour 75 minutes", "two minutes", "3 hours later"])
def test_parse_duration_in_words_none(text: str) -> None:
    assert parse_duration(text) is None


def test_a_duration_in_words_is_read_in_seconds() -> None:
    """Base read ``3 hours 12 minutes`` as 15 hours (it added the numbers up)."""
    a = analyze(Document("x", "The flight lasted 3 hours 12 minutes on Monday."))
    (q,) = [m.quantity for m in a.mentions if m.kind == "quantity"]
    assert (q.value, q.unit) == (11520, "h:mm:ss")


@pytest.mark.parametrize(
    ("a", "b", "spans"),
    [
        ("Kipchoge won the Berlin marathon in two hours and three minutes on Sunday.",
         "Kipchoge won the Berlin marathon in 2:05:00 on Sunday.", {"two hours and three minutes", "2:05:00"}),
        ("Kipchoge won the Berlin marathon in 2 hours 3 minutes 45 seconds on Sunday.",
         "Kipchoge won the Berlin marathon in 2:03:48 on Sunday.", {"2 hours 3 minutes 45 seconds", "2:03:48"}),
        ("The plane landed after a 3-hour-12-minute flight on Monday.",
         "The plane landed after a 3 hours 40 minutes flight on Monday.", {"3-hour-12-minute", "3 hours 40 minutes"}),
        ("She ran the mile in 3 minutes 43 seconds in Oslo on Friday.", "She ran the mile in 3:47 in Oslo on Friday.",
         {"3 minutes 43 seconds", "3:47"}),
        ("Smith scored with 2:15 left in the first period on Sunday.", "Smith scored with 4:15 left on Sunday.",
         {"2:15", "4:15"}),
        ("Smith scored at 2:15 of the first period on Sunday.", "Smith scored at 4:15 of the first period on Sunday.",
         {"2:15", "4:15"}),
    ],
)  # fmt: skip
def test_durations_and_game_clocks_conflict(a: str, b: str, spans: set) -> None:
    """Base found no conflict in any (a duration in words was no figure in seconds, a game clock no figure)."""
    one_conflict_between(a, b, "number", spans)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Kipchoge won the Berlin marathon in two hours and three minutes on Sunday.",
         "Kipchoge won the Berlin marathon in 2:03:45 on Sunday."),  # within the minute written
        ("Kipchoge won the Berlin marathon in 2 hours 3 minutes 45 seconds on Sunday.",
         "Kipchoge won the Berlin marathon in 2:03:45 on Sunday."),
        ("Kipchoge won the Berlin marathon in about two hours and three minutes on Sunday.",
         "Kipchoge won the Berlin marathon in 2:05:45 on Sunday."),  # hedged
        ("The flight lasted 3 hours 12 minutes on Monday.", "The flight lasted 3 hours on Monday."),  # an hour rounded
        ("Smith scored with 7:42 left in the first half on Sunday.",
         "Smith scored with 7:41 left in the first half on Sunday."),  # a second's slack
        ("Smith scored with 2:15 left in the first period on Sunday.",
         "Smith scored at 2:15 of the first period on Sunday."),  # time left is no time played
        ("Smith scored with 2:15 left in the first period on Sunday.",
         "Jones scored with 4:15 left in the first period on Sunday."),  # two goals
        ("Smith scored with 7 minutes 41 seconds to go on Sunday.", "Smith scored with 7:42 left on Sunday."),
        ("The flight to Paris lasted 3 hours 12 minutes on Monday.",
         "The drive to Paris lasted 3 hours 40 minutes on Monday."),  # two things timed
        ("Kipchoge won the Berlin marathon in 2 hours 3 minutes on Sunday.",
         "Kipchoge led the Berlin marathon for 2 hours 1 minute on Sunday."),  # two verbs
    ],
)  # fmt: skip
def test_no_duration_conflict(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report, "number"), report.findings


# --- (3) owners: a union and its workers; an outlet the document shows ----------------------------------------------


@pytest.mark.parametrize(
    ("one", "other", "same"),
    [("union", "worker", True), ("union", "employee", True), ("employer", "management", True),
     ("union", "employer", False), ("worker", "management", False), ("union", "management", False)],
)  # fmt: skip
def test_sides_of_a_dispute(one: str, other: str, same: bool) -> None:
    assert one_kind_of_owner(one, other) is same
    assert one_kind_of_owner(other, one) is same


def test_a_union_and_its_workers_are_one_owner() -> None:
    """Base told ``union`` from ``workers`` (WordNet files them apart): the contradiction was lost."""
    a, b = "The union said its membership rose 3% last year.", "The workers said their membership fell 3% last year."
    for report in both_ways(a, b):
        assert len(conflicts(report, "antonym")) == 1, report.findings


@pytest.mark.parametrize(
    "b", ["The employers said their membership fell 3% last year.", "The management said its membership fell 3% last year."]
)
def test_a_union_and_the_employers_are_two(b: str) -> None:
    for report in both_ways("The union said its membership rose 3% last year.", b):
        assert not conflicts(report, "antonym"), report.findings


BYLINES = ["By Jane Doe, Coastal Herald.", "By Jane Doe | The Coastal Herald.", "Coastal Herald staff."]  # fmt: skip
# (review revj17 dropped ``Source: Coastal Herald.``: a source line names a company's own press release as often)
HERALD = "The Coastal Herald reported that its shares rose 3% on Monday."


@pytest.mark.parametrize("line", BYLINES)
def test_a_bylined_outlet_owns_no_its(line: str) -> None:
    """Base read the Herald's own shares (only the wire agencies and an outlet ``told`` things were outlets)."""
    assert owners_of(f"{line} {HERALD}") == [None]


def test_a_dateline_outlet_owns_no_its() -> None:
    assert owners_of(f"LONDON (Coastal Herald) - {HERALD}") == [None]


def test_a_bylined_outlets_its_is_read_with_no_owner() -> None:
    source, text = f"By Jane Doe, Coastal Herald. {HERALD}", "Tesco shares fell 3% on Monday."
    for report in (check_pair(source, text), check_pair(text, source)):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        (HERALD, "herald"),  # no line shows it as an outlet: read as before
        ("By Jane Doe, Coastal Herald. Tesco reported that its profit rose 3% on Monday.", "tesco"),  # another name
        ("By Tuesday, Tesco said its shares rose 3%.", "tesco"),  # no byline: a sentence opening with "By"
        ("Tesco said the Coastal Herald staff were wrong. Tesco said its shares rose 3%.", "tesco"),
    ],
)  # fmt: skip
def test_owners_kept(text: str, owner: str) -> None:
    assert owners_of(text)[-1] == owner
