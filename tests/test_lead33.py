"""Session 33 (lead): ``lineage.read_published``'s plain dates. Fails on d0b5fea: a bare year was read as a day,
a dotted date month first, and every plain date went through ``dateparser`` (1-6 ms a value)."""

from __future__ import annotations

from datetime import datetime

import dateparser
import pytest

from storycheck import lineage
from storycheck.lineage import read_published

SETTINGS = {"STRICT_PARSING": True, "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": False,
            "PARSERS": lineage._ABSOLUTE}


def _dateparser(value: str, order: str | None = None) -> datetime | None:
    return dateparser.parse(value, languages=["en"], settings=SETTINGS | ({"DATE_ORDER": order} if order else {}))


@pytest.mark.parametrize("value", ["2026", "2008", " 1999 ", "1700"])
def test_a_bare_year_gives_no_moment(value):
    assert read_published(value) is None


@pytest.mark.parametrize(("value", "moment", "timed"), [
    ("06.12.2008", datetime(2008, 12, 6), False),
    ("6.12.2008 10:00", datetime(2008, 12, 6, 10), True),
    ("06.13.2008", datetime(2008, 6, 13), False),  # no 13th month: month first after all, as dateparser would
    ("12/06/2008", datetime(2008, 12, 6), False),  # slashes stay month first
    ("13/06/2008 07:02:30", datetime(2008, 6, 13, 7, 2, 30), True),
    ("2008.12.06", datetime(2008, 12, 6), False),  # year first is no day-first date
])
def test_dotted_dates_are_day_first_and_slashes_month_first(value, moment, timed):
    assert read_published(value) == (moment, timed)


def test_a_dotted_date_with_a_zone_is_day_first_too():
    assert read_published("06.12.2008 10:00 CET") == (datetime(2008, 12, 6, 9), True)


def test_the_plain_reader_agrees_with_dateparser_on_every_day_and_month_figure():
    """Every figure pair 1-31 with slashes (dateparser's English order) and dots (day first), with and without a
    clock: where ``_plain_date`` answers, dateparser answers the same; it answers every real date."""
    asked = 0
    for a in range(1, 32):
        for b in range(1, 32):
            for sep, order in (("/", None), (".", "DMY")):
                for clock in ("", " 21:05"):
                    value = f"{a:02d}{sep}{b}{sep}2024{clock}"
                    plain = lineage._plain_date(value)
                    month, day = (a, b) if sep == "/" else (b, a)
                    real = (month <= 12 or day <= 12) and _valid(2024, *((month, day) if month <= 12 else (day, month)))
                    assert (plain is not None) == real, value
                    if plain is not None and (a + b) % 3 == 0:  # a third of them against dateparser (time)
                        asked += 1
                        assert plain == _dateparser(value, order), value
    assert asked > 300


@pytest.mark.parametrize("month", ["Jan", "February", "Mar.", "apr", "May", "June", "Jul", "Aug.", "Sept", "Sep",
                                   "October", "Nov", "DECEMBER"])
def test_month_names_read_as_dateparser_reads_them(month):
    for value in (f"{month} 7, 2024", f"{month} 7 2024 18:30", f"7 {month} 2024", f"29 {month}, 2024 06:00:01"):
        plain = lineage._plain_date(value)
        assert plain is not None and plain == _dateparser(value), value


@pytest.mark.parametrize("value", ["Decembe 6 2008", "31 Feb 2024", "02/30/2008", "6 Dec 2008 10:00 PM",
                                   "Dec 6, 2008, 10:00 a.m.", "Saturday, December 6, 2008"])
def test_other_forms_go_to_dateparser(value):
    assert lineage._plain_date(value) is None
    expected = _dateparser(value)
    assert read_published(value) == (None if expected is None else (expected, ":" in value))


def _valid(year: int, month: int, day: int) -> bool:
    try:
        datetime(year, month, day)
    except ValueError:
        return False
    return True


WIRE_BODY = ("A fire tore through the Harlow Plastics factory in Millbridge on Tuesday, killing two workers, fire "
             "officials said. The blaze broke out shortly after 6 a.m. in the packing hall and took four hours to "
             "put out. About 120 people were working in the plant when the fire began.")


def test_a_wire_dateline_is_neither_dropped_nor_added_text_in_the_lineage():
    """A reprint under its own dateline took the wire's every sentence, but each dateline (a sentence of its own)
    was text the other "dropped" and "added", and counted against the reprint's reuse."""
    from storycheck import Document
    from storycheck.core import compare_documents

    wire = Document("wire", "MILLBRIDGE, March 3 (Northwire) -\n" + WIRE_BODY, published="2024-03-03T09:00:00Z")
    copy = Document("ledger", "MILLBRIDGE, March 4 (Daily Ledger) -\n" + WIRE_BODY, published="2024-03-04T07:00:00Z")
    (edge,) = compare_documents([wire, copy], embedder="none").lineage
    assert (edge.source, edge.derived, edge.likely_source) == ("wire", "ledger", True)
    assert edge.reuse == 1.0
    assert edge.added == [] and edge.dropped == []
    # the dateline's sentence alone is left out, on its own line or before the lead on one line
    from storycheck.analyze import analyze

    inline = Document("inline", "MILLBRIDGE, March 4 (Daily Ledger) - " + WIRE_BODY)
    for doc, left in ((wire, 1), (inline, 1)):
        analysis = analyze(doc)
        assert len(analysis.sentences) - len(lineage._told(analysis, doc)) == left
