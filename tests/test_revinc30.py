"""Session 30 (wt-revinc30): offsets ``lineage.read_published`` still misread after wt-inc30's "+2" (a one-digit
hour with its minutes, or with the zone's name in brackets after it). Fails on 252a798."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("value", "utc"),
    [
        ("Thu, 27 Nov 2026 09:02 +1 (CET)", "2026-11-27T08:02:00"),  # one minute ahead of UTC before
        ("27 Nov 2026 09:02:00 GMT+2 (Athens)", "2026-11-27T07:02:00"),
        ("27 Nov 2026 09:02:00 +2:00", "2026-11-27T07:02:00"),  # the offset dropped before: 09:02 UTC
        ("27 Nov 2026 12:32 +5:30", "2026-11-27T07:02:00"),
        ("2026-11-27T04:32-2:30", "2026-11-27T07:02:00"),
    ],
)
def test_a_short_offset_with_its_minutes_or_its_zone_name_is_read(value: str, utc: str) -> None:
    """A feed writes "+5:30" for India and "+1 (CET)" with the zone's name as RFC 2822 allows a comment: the first
    lost its offset (read as UTC), the second was one minute ahead of UTC. The lineage and ``cluster._posix`` read
    the same moment."""
    from datetime import UTC, datetime

    from storycheck.cluster import _posix
    from storycheck.lineage import read_published

    assert read_published(value) == (datetime.fromisoformat(utc), True)
    assert datetime.fromtimestamp(_posix(value), UTC).replace(tzinfo=None).isoformat() == utc


@pytest.mark.parametrize(
    ("value", "utc"),
    [
        ("Thu, 27 Nov 2026 09:02:00 +0200 (EET)", "2026-11-27T07:02:00"),
        ("2026-11-27T09:02:00+02:00", "2026-11-27T07:02:00"),
        ("2026-11-27T09:02:00-03:30", "2026-11-27T12:32:00"),
        ("27 Nov 2026 09:02", "2026-11-27T09:02:00"),
    ],
)
def test_offsets_read_before_are_read_the_same(value: str, utc: str) -> None:
    from storycheck.lineage import read_published

    assert read_published(value)[0].isoformat() == utc


@pytest.mark.parametrize("value", ["Page 2", "27 Nov 2026, page 2", "Call 0800-12:30-2 for details"])
def test_things_that_are_not_offsets_are_not_read_as_times(value: str) -> None:
    from storycheck.lineage import read_published

    assert read_published(value) is None
