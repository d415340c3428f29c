"""Session 31 (wt-revinc31): a hostile review of wt-inc31 (a follower's lock of its chain in the store, its lock files
removed, ``stream.texts`` compacted, an offset past 14 hours read as no time). The values are written for these
tests; the news sentences too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from storycheck.cluster import _posix
from storycheck.ingest import read
from storycheck.lineage import no_zone, read_published

# an offset past 14 hours that ``email.utils`` read as minutes, or dropped with a clock's PM, when words followed it
# or a PM came before it: each was read as a time (07:02 PM +15 as 07:02 UTC, PM and offset gone), no E609 said
PAST = [
    "Fri, 27 Nov 2026 07:02 PM +15",
    "27 Nov 2026 10:00 AM +15",
    "Fri, 27 Nov 2026 07:02:00 +15 updated",
    "Fri, 27 Nov 2026 07:02:00 +20 EST",
    "27 Nov 2026 10:00 +44 20 7946 0958",  # (a telephone number run into the date)
]


@pytest.mark.parametrize("value", PAST)
def test_an_offset_past_14_hours_with_words_or_a_pm_is_no_time(value: str):
    assert read_published(value) is None and _posix(value) is None and no_zone(value)


# a one- or two-digit offset with a zone word after it: ``email.utils`` read "+2" as two minutes (07:00 UTC)
SHORT = {
    "Fri, 27 Nov 2026 07:02:00 +2 CET": datetime(2026, 11, 27, 5, 2),
    "Fri, 27 Nov 2026 07:02:00 +02 GMT": datetime(2026, 11, 27, 5, 2),
    "Fri, 27 Nov 2026 07:02:00 -5 EST": datetime(2026, 11, 27, 12, 2),
}


@pytest.mark.parametrize("value", sorted(SHORT))
def test_a_short_offset_with_a_zone_word_after_it_is_hours(value: str):
    assert read_published(value) == (SHORT[value], True) and not no_zone(value)
    assert _posix(value) == SHORT[value].replace(tzinfo=UTC).timestamp()


@pytest.mark.parametrize("value", ["27 Nov 2026 10:00 +2 days", "27 Nov 2026 10:00 +3 hours ago"])
def test_a_relative_phrase_after_a_date_is_not_counted_from_today(value: str):
    """``dateparser``'s relative parser read "27 Nov 2026 10:00 +2 days" as the machine's now plus two days: the
    written date gone, the moment another at each run. The written date stays."""
    read = read_published(value)
    assert read is not None and read[0].date() == datetime(2026, 11, 27).date()


def test_a_compared_files_offset_past_14_hours_is_said_not_dropped_unsaid(tmp_path: Path):
    """A batch's corpus said E609 for such a row; ``compare``, ``check`` and the API read files (``ingest.read``)
    and documents through ``held_to_margin``, where the time was read as none without a word."""
    text = tmp_path / "report.txt"
    text.write_text("Published: Fri, 27 Nov 2026 07:02:00 +15\n\nThe ferry ran aground near the harbour on Friday "
                    "morning, the coastguard said.\n")
    rows = tmp_path / "feed.jsonl"
    rows.write_text('{"id": "b", "published": "2026-11-27T07:02+20:00", "text": "The harbour master said the '
                    'ferry would be towed off at high tide."}\n'
                    '{"id": "c", "published": "2026-11-27T07:02+14:00", "text": "Tugs waited outside the harbour '
                    'for the tide to turn."}\n')
    docs, notices = read([text, rows])
    assert [d.published for d in docs] == [None, None, "2026-11-27T07:02+14:00"]
    said = [n for n in notices if n.code == "E609"]
    assert len(said) == 2 and "line 1" in said[0].message and "Published: Fri, 27 Nov 2026 07:02:00 +15" in said[0].message
    assert "+HHMM" in said[1].message and "2026-11-27T07:02+20:00" in said[1].message


def test_a_follower_whose_store_lock_is_lost_mid_run_stops_before_writing(tmp_path: Path, monkeypatch):
    """The chain's lock on PostgreSQL is its session's: when the server ends that session during the run (a
    restart, ``idle_session_timeout``, a DBA's ``pg_terminate_backend``, a NAT dropping an idle connection) the lock
    is gone and another follower takes it, while the first went on replacing the chain's stories unaware (its
    unlock's error swallowed at the end): two writers. The follower asks before it writes: E617, nothing put."""
    from sqlalchemy import create_engine, text
    from storyhelp import fresh_pg, pg_url
    from test_batch_follow import BRIDGE, FERRY, ORCHESTRA, _row, stored
    from test_inc31 import CORRECTED

    from storycheck import batch
    from storycheck.errors import FollowInUse
    from storycheck.store import Store

    db = fresh_pg(pg_url())
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text("".join(map(_row, FERRY + [CORRECTED])))
    batch.run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    before = stored(db)
    real, other = batch.run_story, []

    def dropped(*a, **k):  # noqa: ANN002, ANN003
        if not other:  # the server ends the follower's lock session; another follower then takes the lock
            engine = create_engine(db)
            with engine.begin() as conn:  # (session 32: the lock is a lease row; it lapses, as if unrenewed)
                conn.execute(text("UPDATE leases SET expires_at = now() - interval '1 second'"))
            engine.dispose()
            other.append(Store(db))
            with other[0].held("storycheck follow day1:"):  # (free: the lock lapsed)
                pass
        return real(*a, **k)

    monkeypatch.setattr(batch, "run_story", dropped)
    with pytest.raises(FollowInUse, match=r"E617.*lock .storycheck follow day1:. was lost during the run \(it lapsed.*\).* nothing more was put"):
        batch.run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    other[0].close()
    assert stored(db) == before


def test_a_damaged_text_is_not_carried_into_the_next_state(tmp_path: Path):
    """A byte of an untouched story's text changed in day 1's ``stream.texts`` (a disk fault, a hand edit): the
    compacted copy carried it on unread, day 2 saved a state with it, and the follower that touched the story at
    last stopped at E616 naming day 2's file, which was sound as far as day 2 knew. Each copied text is checked:
    day 2 stops naming day 1's file and leaves no state to follow."""
    from test_batch_follow import BRIDGE, FERRY, ORCHESTRA, _row

    from storycheck.batch import STATE, TEXTS, run_batch
    from storycheck.errors import FollowMismatch

    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text(_row(FERRY[0]))
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    data = (tmp_path / "day1" / TEXTS).read_bytes()
    at = data.index(ORCHESTRA[0]["text"].encode()) + 4
    (tmp_path / "day1" / TEXTS).write_bytes(data[:at] + (b"X" if data[at:at + 1] != b"X" else b"Y") + data[at + 1:])
    with pytest.raises(FollowMismatch, match=rf"E616.*day1: .*{TEXTS} is damaged: the text of '{ORCHESTRA[0]['id']}'"):
        run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    assert not (tmp_path / "day2" / STATE).exists()
