"""Session 34 (wt-bspeed22, issue 4): the plain date forms read without ``dateparser``.

``quantities._plain_when`` reads a year, a month, a month and a year, a day and a month (either order, with a
suffix, a year and a weekday maybe) itself; ``parse_when`` must give the same ``When`` as through ``dateparser``
for every such text. The sweeps ask dateparser a share of each family (it takes ~1 ms a text)."""

import itertools

import pytest

from storycheck import quantities
from storycheck.quantities import MONTHS, WEEKDAYS, parse_when


def _through_dateparser(text: str):
    """``parse_when`` with the plain reader off: every date text goes to dateparser, as on the base."""
    keep = quantities._plain_when
    quantities._plain_when = lambda lower: None
    try:
        return parse_when(text)
    finally:
        quantities._plain_when = keep


def _same(text: str, read: bool = True) -> None:
    assert (quantities._plain_when(text.lower()) is not None) == read, text
    assert parse_when(text) == _through_dateparser(text), text


def _real(month: int, day: int, year: int) -> bool:
    return day <= (31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def test_every_day_of_every_month_reads_as_dateparser_reads_it():
    """Each month and day 1-31, both orders, without a year, with a leap year and a common year: a real date is
    read here and equal to dateparser's; a day the month lacks (Feb 30, Apr 31, Feb 29 without a year) is left to
    dateparser."""
    asked = 0
    for (number, month), day in itertools.product(enumerate(MONTHS, 1), range(1, 32)):
        for year, tail in ((2001, ""), (2024, " 2024"), (2023, ", 2023")):
            for text in (f"{month.title()} {day}{tail}", f"{day} {month.title()}{tail}"):
                real = _real(number, day, year) and not (tail == "" and (number, day) == (2, 29))
                if not real or (number + day + len(tail)) % 4 == 0:  # a quarter of the real ones, every unreal one
                    asked += 1
                    _same(text, real)
                else:
                    assert quantities._plain_when(text.lower()) is not None, text
    assert asked > 500


@pytest.mark.parametrize("month", [*MONTHS, *(m[:3] for m in MONTHS), *(m[:3] + "." for m in MONTHS), "sept", "sept."])
def test_every_spelling_and_case_of_a_month(month):
    for case in (str.lower, str.title, str.upper):
        m = case(month)
        for text in (m, f"{m} 2005", f"{m} of 1955", f"in {m}", f"{m} 7", f"7 {m}", f"{m} 7, 2008", f"7 {m}, 2008",
                     f"{m} 21st", f"3rd {m}", f"on {m} 28"):
            _same(text)


def test_every_suffix_on_every_day():
    """Right and wrong suffixes alike (``3th``, ``1nd``): dateparser reads them all as the day."""
    for day, suffix in itertools.product(range(1, 32), ("st", "nd", "rd", "th")):
        if (day + len(suffix)) % 3 == 0:
            _same(f"December {day}{suffix}")
            _same(f"{day}{suffix} May, 1999")


def test_years_weekdays_and_prepositions():
    for year in range(1600, 2100, 7):
        _same(str(year))
        _same(f"since {year}")
    for weekday, case in itertools.product(WEEKDAYS, (str.title, str.upper)):
        _same(f"{case(weekday)}, Oct. 10, 1972")  # (10 October 1972 was a Tuesday: the weekday is kept as written)
        _same(f"{case(weekday)}, 3 March")
    for word in ("in", "on", "since", "by", "until", "from", "of", "at", "In", "ON"):
        _same(f"{word} March 3")
        _same(f"{word} May 2005")


@pytest.mark.parametrize("text", ["the 1960s", "Jan. A", "2007-08", "March 3-4", "late December", "May  2005",
                                  "3 March 2020 10:00", "Tuesday March 3", "March 03", "early 2010", "1581"])
def test_other_forms_go_to_dateparser(text):
    _same(text, read=False)


def test_the_forms_read_give_year_month_and_day_precision():
    assert parse_when("in May") == parse_when("May") and parse_when("May").iso == "--05"
    assert (parse_when("Jan. 31, 2008").iso, parse_when("Jan. 31, 2008").precision) == ("2008-01-31", "day")
    assert (parse_when("November of 2013").iso, parse_when("November of 2013").precision) == ("2013-11", "month")
    assert (parse_when("1972").iso, parse_when("1972").precision) == ("1972", "year")
    assert parse_when("Tuesday, Dec. 16").weekday == "tuesday" and parse_when("Tuesday, Dec. 16").iso == "--12-16"
