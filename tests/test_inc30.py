"""Session 30 (wt-inc30): a feed row's one-digit offset (``lineage.read_published``). Fails on eb6467d."""

from __future__ import annotations

import pytest

from storycheck.lineage import read_published


@pytest.mark.parametrize(
    ("value", "utc"),
    [
        ("Thu, 27 Nov 2026 09:02:00 +2", "2026-11-27T07:02:00"),  # two minutes ahead of UTC to email.utils
        ("Thu, 27 Nov 2026 02:02 -5", "2026-11-27T07:02:00"),
        ("27 Nov 2026 09:02:00 +2", "2026-11-27T07:02:00"),
        ("2026-11-27 09:02 +2", "2026-11-27T07:02:00"),  # not read at all (fromisoformat wants two digits)
        ("2026-11-27T02:02:00-5", "2026-11-27T07:02:00"),
        ("Nov 27, 2026 9:02 PM +2", "2026-11-27T19:02:00"),
    ],
)
def test_a_one_digit_offset_is_hours_not_minutes(value: str, utc: str) -> None:
    """A feed's "09:02:00 +2" was read by ``email.utils`` as two minutes ahead of UTC (07:02 at +2 was taken for
    09:00 UTC), and the ISO form was not read at all: the lineage's order, the future-date margin and the clustering
    window all read the one moment (``cluster._posix`` asks the same reader)."""
    from datetime import UTC, datetime

    from storycheck.cluster import _posix

    assert read_published(value) == (datetime.fromisoformat(utc), True)
    assert datetime.fromtimestamp(_posix(value), UTC).replace(tzinfo=None).isoformat() == utc


@pytest.mark.parametrize("value", ["Thu, 27 Nov 2026 09:02:00 +0200", "2026-11-27T09:02:00+02:00", "2026-11-27"])
def test_offsets_of_four_digits_and_dates_alone_are_read_as_before(value: str) -> None:

    moment, timed = read_published(value)
    assert moment.isoformat() == ("2026-11-27T07:02:00" if timed else "2026-11-27T00:00:00")


@pytest.mark.parametrize("value", ["0001-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00",
                                   "Fri, 31 Dec 9999 23:30:00 -0100"])
def test_a_date_moved_past_the_calendar_by_its_zone_is_no_date_not_an_error(value: str):
    """Such a row's date raised OverflowError out of the reader (the lineage, the future-date margin and a
    compare of its story ended on it; revs30 guarded the clustering's copy only)."""
    assert read_published(value) is None
