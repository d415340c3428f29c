"""Session 30 (wt-inc30): a feed row's one-digit offset (``lineage.read_published``). Fails on eb6467d."""

from __future__ import annotations

import pytest


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
    from storycheck.lineage import read_published

    assert read_published(value) == (datetime.fromisoformat(utc), True)
    assert datetime.fromtimestamp(_posix(value), UTC).replace(tzinfo=None).isoformat() == utc


@pytest.mark.parametrize("value", ["Thu, 27 Nov 2026 09:02:00 +0200", "2026-11-27T09:02:00+02:00", "2026-11-27"])
def test_offsets_of_four_digits_and_dates_alone_are_read_as_before(value: str) -> None:
    from storycheck.lineage import read_published

    moment, timed = read_published(value)
    assert moment.isoformat() == ("2026-11-27T07:02:00" if timed else "2026-11-27T00:00:00")
