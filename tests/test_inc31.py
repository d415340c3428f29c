"""Session 31 (wt-inc31): following a run, left items. Followers on two machines sharing a store are stopped by a lock
of the chain's stories in the store (a PostgreSQL advisory lock; a file beside a SQLite store), not only by the fork
check after the fact; the lock files a follower makes are removed when it ends; ``stream.texts`` is compacted as it
is written (a corrected article's first text left out), a SIGKILL while compacting leaving a whole state; a time whose
offset names no zone ("+15", "+20") is read as none, with an E609 notice in a batch's corpus. Real SQLite files, the
real PostgreSQL server (``STORYCHECK_TEST_PG``), real processes killed with SIGKILL. The news texts are the ones
written for test_batch_follow (tests/data/follow_days.json) and sentences written here."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import types
from datetime import UTC, datetime
from pathlib import Path

import pytest
from storyhelp import fresh_pg, pg_url
from test_batch_follow import BRIDGE, FERRY, ORCHESTRA, _row, _second_meanwhile, digest, files, stored

from storycheck import batch
from storycheck.batch import STATE, TEXTS, run_batch
from storycheck.cluster import _posix
from storycheck.corpus import read_corpus
from storycheck.errors import FollowInUse
from storycheck.lineage import no_zone, read_published

CORRECTED = {**BRIDGE[0], "text": BRIDGE[0]["text"].replace("four people were injured", "nine people were injured")}


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path: Path) -> str:
    return str(tmp_path / "news.db") if request.param == "sqlite" else fresh_pg(pg_url())


def _token_lock(out: Path) -> Path:
    import pickle

    with (out / STATE).open("rb") as fh:
        token = pickle.load(fh)["token"]
    return Path(tempfile.gettempdir()) / f"storycheck-follow-{token}.lock"


# ------------------------------------------------------------------ (1) the chain's stories locked in the store

HOLD = """
import os, sys, time
from pathlib import Path
from storycheck import batch
real = batch.run_story
def paused(*a, **k):
    print("held", flush=True)
    time.sleep(300)
batch.run_story = paused
batch.run_batch([sys.argv[1]], Path(sys.argv[2]), workers=0, db=sys.argv[3], follow=sys.argv[4])
"""


def test_a_follower_on_another_machine_sharing_the_store_is_refused_naming_it(db: str, tmp_path: Path):
    """Two machines, each with its own copy of day 1's folder and its own temporary folder, sharing one store: the
    file locks (the state's, the token's) are each machine's, so both followers passed the fork check (the store as
    day 1 left it) and both replaced the bridge. The first now holds the lock of the chain's stories in the store:
    the second is E617 before its manifest, naming the holder (PostgreSQL: its session, address and the host and
    pid it runs as; SQLite: its pid and command line); once the holder is killed with SIGKILL the lock is gone."""
    import shutil

    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text("".join(map(_row, FERRY + [CORRECTED])))
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    shutil.copytree(tmp_path / "day1", tmp_path / "other" / "day1")  # (the other machine's copy)
    (tmp_path / "other" / "tmp").mkdir()
    env = {**os.environ, "TMPDIR": str(tmp_path / "other" / "tmp"), "PYTHONPATH": os.pathsep.join(sys.path)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(day2), str(tmp_path / "other" / "day2"), db,
                               str(tmp_path / "other" / "day1")], stdout=subprocess.PIPE, env=env)
    try:
        assert holder.stdout.readline().strip() == b"held"
        held = (rf"storycheck pid {holder.pid} on {socket.gethostname()} \[[0-9a-f]{{8}}\] since .* lapses at .*"
                if "://" in db else rf"pid {holder.pid}: .*python.*")  # (session 32: a lease row's words; revinc32: the
        # host's key of its boot and pid namespace)
        held += r", holding the lock of day1:\.\.\. in "
        with pytest.raises(FollowInUse, match=rf"E617.*{held}"):
            run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
        assert not (tmp_path / "day2" / "manifest.json").exists()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    assert run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1").written == 2
    assert len(stored(db)["day1:s000001"][1]) == 3


def test_the_stores_lock_is_a_sessions_own_and_gone_with_it():
    """``Store.held`` on PostgreSQL: a second session is refused while the first holds the name, another name is
    not, and the name is free again once the holder's block ends (its connection closed, not pooled)."""
    from storycheck.store import LockHeld, Store

    url = pg_url()
    with Store(url) as one, Store(url) as two:
        with one.held("storycheck follow a:"):
            with pytest.raises(LockHeld, match=rf"storycheck pid {os.getpid()}"), two.held("storycheck follow a:"):
                pass
            with two.held("storycheck follow b:"):
                pass
        with two.held("storycheck follow a:"):
            pass


# ------------------------------------------------------------------ (2) the lock files removed at the end


def _held_elsewhere(path: Path) -> bool:
    """Whether ``path`` exists and another open file holds its ``flock``."""
    fd = os.open(path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def test_a_followers_lock_files_are_removed_when_it_ends_and_not_by_a_refused_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The token's lock file stayed in the temporary folder for good (one per followed state), as would the one
    beside a SQLite store. Both exist while the follower runs, a second follower refused meanwhile leaves them
    (held, still locked), and both are gone when the first ends."""
    db = str(tmp_path / "news.db")
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text("".join(map(_row, FERRY + [CORRECTED])))
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    token = _token_lock(tmp_path / "day1")
    seen: list[list[Path]] = []

    def second():  # noqa: ANN202
        try:
            run_batch([day2], tmp_path / "day2b", workers=0, db=db, follow=tmp_path / "day1")
        finally:
            locks = [token, *tmp_path.glob("news.db.follow-*.lock")]
            seen.append([p for p in locks if p.exists()])
            assert all(map(_held_elsewhere, locks))  # (still held by the first)

    caught = _second_meanwhile(monkeypatch, second, FollowInUse)
    assert run_batch([day2], tmp_path / "day2a", workers=0, db=db, follow=tmp_path / "day1").written == 2
    assert len(caught) == 1 and len(seen[0]) == 2
    assert not token.exists() and not list(tmp_path.glob("*.lock"))


def test_a_lock_file_removed_between_its_open_and_its_lock_is_not_taken_as_held(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The removal's race: a follower opened the lock file, the holder ended (removing it, then unlocking), and the
    follower then locked the removed file: a third would make a new file and lock it too, two holders. The
    follower takes a file only while its name is still that file: here the new one, locked, and removed at the
    end."""
    path = tmp_path / "x.lock"
    real_open = os.open
    opened: list[int] = []

    def opening(name, flags, mode=0o777):  # noqa: ANN001, ANN202
        fd = real_open(name, flags, mode)
        if Path(name) == path and not opened:
            opened.append(fd)
            os.unlink(path)  # (the holder ended between this open and the lock)
        return fd

    monkeypatch.setattr(os, "open", opening)
    with contextlib.ExitStack() as stack:
        batch._flocked(stack, path, types.SimpleNamespace(folder=tmp_path), remove=True)
        monkeypatch.undo()
        assert opened and _held_elsewhere(path)
    assert not path.exists()


# ------------------------------------------------------------------ (3) stream.texts compacted


def test_a_corrected_articles_first_text_is_left_out_of_the_next_state(tmp_path: Path):
    """A save copied the followed texts file whole and appended the run's texts: a corrected article's first text
    stayed in every later state of the chain, unread. The next state holds each text once, the corrected one; a
    third day reads the bridge's texts from it as from an uncompacted one."""
    day1, day2, day3 = (tmp_path / f"day{n}.jsonl" for n in (1, 2, 3))
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text(_row(CORRECTED) + _row(FERRY[0]))
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    assert run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1").known_changed == 1
    data = (tmp_path / "day2" / TEXTS).read_bytes()
    texts = [a["text"] for a in [CORRECTED, *BRIDGE[1:], *ORCHESTRA, FERRY[0]]]
    assert len(data) == len(data.split(b"\n", 1)[0]) + 1 + sum(len(t.encode()) for t in texts)
    assert BRIDGE[0]["text"].encode() not in data and all(t.encode() in data for t in texts)
    day3.write_text(_row(FERRY[1]) + _row({**BRIDGE[1], "id": "valley-news-3"}))
    run_batch([day3], tmp_path / "day3", workers=0, follow=tmp_path / "day2")
    report = files(tmp_path / "day3")["s000001"]["report"]
    assert {d["id"]: d["text"] for d in report["documents"]}["harbour-post-1"] == CORRECTED["text"]


KILL = """
import os, signal, sys
from pathlib import Path
from storycheck import batch
real = batch._copy_range
def copy(src, dst, start, end):
    real(src, dst, start, end)
    dst.flush()
    os.kill(os.getpid(), signal.SIGKILL)
batch._copy_range = copy
batch.run_batch([sys.argv[1]], Path(sys.argv[2]), workers=0, follow=sys.argv[3])
"""


def test_a_follow_killed_9_while_compacting_its_texts_leaves_whole_states(tmp_path: Path):
    """Killed with SIGKILL in the middle of the compacted copy (its first run of texts written, the rest not): the
    followed folder is as it was, the killed run's folder holds no state (a temporary file only), started again it
    saves the state a run never killed saves, and a third day follows either alike."""
    day1, day2, day3 = (tmp_path / f"day{n}.jsonl" for n in (1, 2, 3))
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text(_row(CORRECTED) + _row(FERRY[0]))
    day3.write_text(_row(FERRY[1]))
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    before = digest(tmp_path / "day1")
    run_batch([day2], tmp_path / "day2-clean", workers=0, follow=tmp_path / "day1")
    out = tmp_path / "day2-killed"
    done = subprocess.run([sys.executable, "-c", KILL, str(day2), str(out), str(tmp_path / "day1")],
                          capture_output=True, timeout=300, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.returncode == -9, done.stderr.decode()[-2000:]
    assert not (out / STATE).exists() and not (out / TEXTS).exists() and list(out.glob(f".{TEXTS}.*"))
    assert digest(tmp_path / "day1") == before
    run_batch([day2], out, workers=0, follow=tmp_path / "day1")
    assert not list(out.glob(f".{TEXTS}.*")) and files(out) == files(tmp_path / "day2-clean")
    assert len((out / TEXTS).read_bytes()) == len((tmp_path / "day2-clean" / TEXTS).read_bytes())
    for name in ("killed", "clean"):
        run_batch([day3], tmp_path / f"day3-{name}", workers=0, follow=tmp_path / f"day2-{name}")
    assert files(tmp_path / "day3-killed") == files(tmp_path / "day3-clean") != {}


# ------------------------------------------------------------------ (4) offsets no zone has

NO_ZONE = [
    "Fri, 27 Nov 2026 07:02:00 +15",  # (email.utils: 15 minutes ahead of UTC)
    "Fri, 27 Nov 2026 07:02:00 +20",
    "Fri, 27 Nov 2026 07:02:00 -15",
    "Fri, 27 Nov 2026 07:02:00 GMT+15",  # (read as UTC, the offset dropped)
    "Fri, 27 Nov 2026 07:02:00 +1500",
    "Fri, 27 Nov 2026 07:02:00 +1430",
    "2026-11-27 07:02 +20",  # (ISO: twenty hours)
    "2026-11-27T07:02:00+15:00",
]
ZONES = {  # the farthest zones and others: read as before
    "Fri, 27 Nov 2026 07:02:00 +14": datetime(2026, 11, 26, 17, 2),
    "Fri, 27 Nov 2026 07:02:00 -12": datetime(2026, 11, 27, 19, 2),
    "Fri, 27 Nov 2026 07:02:00 +13:45": datetime(2026, 11, 26, 17, 17),
    "Fri, 27 Nov 2026 07:02:00 +0530": datetime(2026, 11, 27, 1, 32),
    "2026-11-27T07:02:00-14:00": datetime(2026, 11, 27, 21, 2),
    "Fri, 27 Nov 2026 07:02:00 +2 (CET)": datetime(2026, 11, 27, 5, 2),
}


@pytest.mark.parametrize("value", NO_ZONE)
def test_a_time_whose_offset_names_no_zone_is_no_time(value: str):
    """"+15" and "+20" after an RFC 2822 clock were 15 and 20 minutes to ``email.utils`` and ISO's "+20" twenty hours:
    one row a day apart depending on its spelling. No zone is more than 14 hours from UTC: such a time is none, to
    the lineage and the clustering alike."""
    assert read_published(value) is None and _posix(value) is None and no_zone(value)


@pytest.mark.parametrize("value", sorted(ZONES))
def test_the_farthest_zones_are_read_as_before(value: str):
    assert read_published(value) == (ZONES[value], True) and not no_zone(value)
    assert _posix(value) == ZONES[value].replace(tzinfo=UTC).timestamp()


def test_a_corpus_row_whose_offset_names_no_zone_is_read_without_it_with_a_notice(tmp_path: Path):
    """A batch's corpus reads such a row without its time, saying so (E609, the row's line and value), as it reads a
    date past the future margin (E607); a row at UTC+14 is read with its time, without a word."""
    path = tmp_path / "feed.jsonl"
    rows = [{"id": "a", "text": "The ferry ran aground near the harbour on Friday morning.",
             "published": "Fri, 27 Nov 2026 07:02:00 +15"},
            {"id": "b", "text": "The harbour master said the ferry would be towed off at high tide.",
             "published": "Fri, 27 Nov 2026 07:02:00 +14"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    corpus = read_corpus([path], today=datetime(2026, 11, 28).date())
    docs = {d.id: d for d in corpus}
    assert docs["a"].published is None and docs["b"].published == rows[1]["published"]
    assert [(b.line, b.code, b.skipped) for b in corpus.bad_rows] == [(1, "E609", False)]
    assert "+15" in corpus.bad_rows[0].message and "no time zone" in corpus.bad_rows[0].message
