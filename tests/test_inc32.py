"""Session 32 (wt-inc32, issue 4): following a run, the items revinc31 left (a time range in ``published``, words
after a short offset, old token lock files, E617's words, a damaged text found before the store is written, the
chain's lock through a connection pooler). The values are written for these tests; the news sentences too."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from storycheck.cluster import _posix
from storycheck.lineage import no_zone, read_published

# a time range after a date: "10:00-15:00" was 10:00 at the offset -15:00 (no zone: no time, E609 about an offset);
# "10:00–15:00" (an en dash) no time without a word, "10:00-11:00" 21:00 UTC (the offset -11:00)
RANGES = {
    "Fri, 27 Nov 2026 10:00-15:00": datetime(2026, 11, 27, 10, 0),
    "27 Nov 2026 10:00-15:00 GMT": datetime(2026, 11, 27, 10, 0),
    "27 Nov 2026, 10:00\u201315:00": datetime(2026, 11, 27, 10, 0),
    "27 Nov 2026 10:00-11:00": datetime(2026, 11, 27, 10, 0),
    "27 Nov 2026 9:30am-11am": datetime(2026, 11, 27, 9, 30),
    "2026-11-27 10:00-15:00": datetime(2026, 11, 27, 10, 0),
    "2026-11-27T10:00-15:00": datetime(2026, 11, 27, 10, 0),
}


@pytest.mark.parametrize("value", sorted(RANGES))
def test_a_time_range_is_read_as_its_start(value: str):
    assert read_published(value) == (RANGES[value], True) and not no_zone(value)
    assert _posix(value) == RANGES[value].replace(tzinfo=UTC).timestamp()


# offsets that look like a range and are not: ISO 8601's offset within 14 hours, an end before the start, seconds
OFFSETS = {
    "2026-11-27T10:00-11:00": datetime(2026, 11, 27, 21, 0),
    "27 Nov 2026 10:00-05:00": datetime(2026, 11, 27, 15, 0),
    "Fri, 27 Nov 2026 07:02:00-05:00": datetime(2026, 11, 27, 12, 2),
    "27 Nov 2026 10:00 - 20": datetime(2026, 11, 27, 10, 0),
}


@pytest.mark.parametrize("value", sorted(OFFSETS))
def test_an_offset_is_not_a_range(value: str):  # (guards: these pass on base32 too)
    assert read_published(value) == (OFFSETS[value], True)
    assert _posix(value) == OFFSETS[value].replace(tzinfo=UTC).timestamp()


def test_an_iso_offset_past_14_hours_with_seconds_is_still_no_time():  # (a guard)
    assert read_published("2026-11-27T10:00:00-15:00") is None and no_zone("2026-11-27T10:00:00-15:00")


# a short offset with words after it: only a zone word after a bare "+2" was read; these were 07:02 UTC
WORDS = {
    "Fri, 27 Nov 2026 07:02 PM +2 updated": datetime(2026, 11, 27, 17, 2),
    "27 Nov 2026 07:02 GMT+2 updated": datetime(2026, 11, 27, 5, 2),
    "Fri, 27 Nov 2026 07:02:00 +2, updated": datetime(2026, 11, 27, 5, 2),
    "Fri, 27 Nov 2026 07:02:00 +5:30 updated": datetime(2026, 11, 27, 1, 32),
}


@pytest.mark.parametrize("value", sorted(WORDS))
def test_a_short_offset_with_words_after_it_is_hours(value: str):
    assert read_published(value) == (WORDS[value], True) and not no_zone(value)
    assert _posix(value) == WORDS[value].replace(tzinfo=UTC).timestamp()
