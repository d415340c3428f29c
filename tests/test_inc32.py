"""Session 32 (wt-inc32, issue 4): following a run, the items revinc31 left (a time range in ``published``, words
after a short offset, old token lock files, E617's words, a damaged text found before the store is written, the
chain's lock through a connection pooler). The values are written for these tests; the news sentences too."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

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



# offsets that look like a range and are not: ISO 8601's offset within 14 hours, an end before the start, seconds
OFFSETS = {
    "2026-11-27T10:00-11:00": datetime(2026, 11, 27, 21, 0),
    "27 Nov 2026 10:00-05:00": datetime(2026, 11, 27, 15, 0),
    "Fri, 27 Nov 2026 07:02:00-05:00": datetime(2026, 11, 27, 12, 2),
    "27 Nov 2026 10:00 - 20": datetime(2026, 11, 27, 10, 0),
    "27 Nov 2026 7:02 PM -5": datetime(2026, 11, 28, 0, 2),
    "27 Nov 2026 7:02 PM-05:00": datetime(2026, 11, 28, 0, 2),
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


@pytest.mark.parametrize("value", sorted(RANGES | WORDS))
def test_a_time_range_is_read_as_its_start_and_a_short_offset_before_words_as_hours(value: str):
    assert read_published(value) == ((RANGES | WORDS)[value], True) and not no_zone(value)
    assert _posix(value) == (RANGES | WORDS)[value].replace(tzinfo=UTC).timestamp()


# ------------------------------------------------------------------ the chain's lock: a lease row in the store


def _leases(url: str) -> list[tuple]:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.begin() as conn:
            return [tuple(r) for r in conn.execute(text("SELECT name, pid, host FROM leases"))]
    finally:
        engine.dispose()


def _sql(url: str, statement: str, **params) -> None:  # noqa: ANN003
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.begin() as conn:
            conn.execute(text(statement), params)
    finally:
        engine.dispose()


def test_the_chains_lock_holds_when_its_sessions_end_as_behind_a_pooler():
    """Behind a pooler in transaction mode each statement may run on another server connection: a session's
    advisory lock (sessions 29-31) was then on a connection no client held, and its check asked another session.
    Here every server session of the database is ended while the lock is held (what a pooler's switching comes to
    for a session's state): the lock holds (a row: ``leases`` names its pid and host), a second store is refused,
    the holder's check passes, and the row is gone at the end."""
    from storyhelp import fresh_pg, pg_url

    from storycheck.store import LockHeld, Store
    from storycheck.store.store import _this_host

    url = fresh_pg(pg_url())
    # (its own sessions only, named so: the test database is shared, review revinc32: every client's were ended,
    # a benchmark's and other runs' beside it too)
    app = f"storycheck-test-{os.getpid()}"
    mine = f"{url}{'&' if '?' in url else '?'}application_name={app}"
    with Store(mine) as one, Store(mine) as two:
        with one.held("storycheck follow a:"):
            assert _leases(url) == [("storycheck follow a:", os.getpid(), _this_host())]
            _sql(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() "
                      "AND application_name = :app", app=app)
            one.still_held()
            with pytest.raises(LockHeld, match=rf"storycheck pid {os.getpid()} on .* lapses at "), \
                    two.held("storycheck follow a:"):
                pass
        assert _leases(url) == []
        with two.held("storycheck follow a:"):
            pass


def test_a_lapsed_lock_is_taken_over_and_its_holder_stops_before_its_next_write(caplog):
    """A holder whose renewals stopped reaching the store (a machine lost, a network cut) lets its lock lapse; the
    next run takes it over with a warning naming the holder, and the first, reaching the store again, is told
    before its next write that its lock was lost (E617's words for that: run again when no other follower runs)."""
    from storyhelp import fresh_pg, pg_url

    from storycheck.batch import _Keeper
    from storycheck.errors import FollowLockLost
    from storycheck.store import LockHeld, Store

    url = fresh_pg(pg_url())
    with Store(url) as one, Store(url) as two:
        with one.held("storycheck follow a:"):
            _sql(url, "UPDATE leases SET expires_at = now() - interval '1 second'")
            with caplog.at_level("WARNING"), two.held("storycheck follow a:"):
                assert "took over the lock 'storycheck follow a:'" in caplog.text and "lapsed" in caplog.text
                keeper = _Keeper(one, "a:", "none", None, replace=True)
                with pytest.raises(FollowLockLost, match=r"E617\].*lost during the run.* nothing more was put\. If "
                                   r"another follower .* follow the run it makes; if none is, run this command again"):
                    keeper.retire({"s000001": "s000002"})  # (a write: refused in its own transaction, first asked)
                with pytest.raises(LockHeld, match="was lost during the run"):
                    one.still_held()
                two.still_held()


def test_a_lock_left_by_a_dead_process_on_this_host_is_taken_at_once():
    """A holder killed on this host (``kill -9``: no release) left a row that lapses only in two minutes; its pid
    is gone, so the next follower on this host takes it at once (the SIGKILL test of session 31 stays true)."""
    import subprocess
    import sys

    from storyhelp import fresh_pg, pg_url

    from storycheck.store import Store
    from storycheck.store.store import _this_host

    url = fresh_pg(pg_url())
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with Store(url) as one:
        with one.held("storycheck follow a:"):
            pass
        _sql(url, "INSERT INTO leases VALUES ('storycheck follow a:', 'x', :pid, :host, now(), now(), "
                  "now() + interval '2 minutes')", pid=gone.pid, host=_this_host())
        with one.held("storycheck follow a:"):
            assert _leases(url) == [("storycheck follow a:", os.getpid(), _this_host())]


# ------------------------------------------------------------------ old token lock files swept


def test_old_token_lock_files_no_run_holds_are_swept(tmp_path: Path, monkeypatch):
    """Earlier versions left a ``storycheck-follow-<token>.lock`` in the temporary folder per followed state, for
    good. A follower removes those no run holds (this user's); one another run holds is kept, and so are files of
    other names."""
    import fcntl
    import tempfile

    from test_batch_follow import BRIDGE, FERRY, ORCHESTRA, _row

    from storycheck.batch import run_batch

    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    left, held, other = (temp / f"storycheck-follow-{'a' * 32}.lock", temp / f"storycheck-follow-{'b' * 32}.lock",
                         temp / "storycheck-follow-notes.lock")
    for path in (left, held, other):
        path.write_text("")
    fd = os.open(held, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # (another run's, still following)
    try:
        day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
        day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
        day2.write_text("".join(map(_row, FERRY)))
        run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
        run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    finally:
        os.close(fd)
    assert sorted(p.name for p in temp.iterdir()) == sorted([held.name, other.name])


# ------------------------------------------------------------------ a damaged text found before anything is written


def test_a_damaged_text_stops_the_follower_before_the_store_or_its_folder_is_written(tmp_path: Path):
    """A byte of an untouched story's text changed in day 1's ``stream.texts``: day 2 found it at the save, its last
    step, after it had put its stories in the store and written their files (session 31). The kept texts are
    checked once the corpus is read: E616 naming day 1's file, the store as day 1 left it, no manifest."""
    from test_batch_follow import BRIDGE, FERRY, ORCHESTRA, _row, stored

    from storycheck.batch import MANIFEST, TEXTS, run_batch
    from storycheck.errors import FollowMismatch

    db = str(tmp_path / "news.db")
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text("".join(map(_row, FERRY)))
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    before = stored(db)
    data = (tmp_path / "day1" / TEXTS).read_bytes()
    at = data.index(ORCHESTRA[0]["text"].encode()) + 4
    (tmp_path / "day1" / TEXTS).write_bytes(data[:at] + (b"X" if data[at:at + 1] != b"X" else b"Y") + data[at + 1:])
    with pytest.raises(FollowMismatch, match=rf"E616.*day1: .*{TEXTS} is damaged: the text of '{ORCHESTRA[0]['id']}'"):
        run_batch([day2], tmp_path / "day2", workers=0, db=db, keep_state=True, follow=tmp_path / "day1")
    assert stored(db) == before and not (tmp_path / "day2" / MANIFEST).exists()
