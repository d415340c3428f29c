"""``storycheck batch --db``: every story of a run is put into a real store (a SQLite file and a real
PostgreSQL server), with the report its file holds, once however often the run is resumed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from storyhelp import fresh_pg, pg_url
from typer.testing import CliRunner

import storycheck.core
from storycheck.batch import run_batch
from storycheck.cli.main import app
from storycheck.errors import StoryExists
from storycheck.records import Document
from storycheck.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus"


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path: Path) -> str:
    return str(tmp_path / "stories.db") if request.param == "sqlite" else fresh_pg(pg_url())


def files(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted((out / "stories").glob("*.json"))}


def compared(story: dict) -> list[str]:
    return [m["id"] for m in story["members"] if m["fate"] == "compared"]


def kept(db: str, out: Path) -> dict[str, tuple]:
    """Each stored story of the run: (status, revision, report id, document keys, report)."""
    with Store(db) as store:
        found = {}
        for info in store.stories(limit=1000).items:
            assert info.name.startswith(f"{out.name}:"), info.name
            full = store.story(info.id)
            report = json.loads(store.report_json(info.id)) if info.has_report else None
            found[info.name.split(":", 1)[1]] = (info.status, full.revision, full.report_id,
                                                 [d.key for d in full.documents], report)
        return found


def test_every_story_is_put_with_the_report_its_file_holds_and_once_on_resume(db: str, tmp_path: Path):
    out = tmp_path / "run"
    summary = run_batch([SAMPLE], out, workers=0, db=db)
    written = files(out)
    assert summary.stored == summary.written == len(written) == 3
    stored = kept(db, out)
    assert set(stored) == set(written)
    for sid, story in written.items():
        status, _, _, keys, report = stored[sid]
        assert status == "ready"
        assert keys == compared(story)  # the texts the engine compared, in its order
        assert report == story["report"]  # byte for byte the engine's report, not a recomputation
    again = run_batch([SAMPLE], out, workers=0, db=db)
    assert again.written == 0 and again.stored == 0
    assert kept(db, out) == stored  # no revision moved, no report replaced


def test_a_story_written_but_not_yet_stored_is_put_on_resume_and_a_stored_one_not_twice(db: str, tmp_path: Path):
    """Killed between the store and the file (the store goes first), or run first without --db: the next
    run puts what the store lacks, from the file or the engine, and leaves the rest as it was."""
    out = tmp_path / "run"
    run_batch([SAMPLE], out, workers=0)  # no store
    first = files(out)
    victim = sorted(first)[0]
    (out / "stories" / f"{victim}.json").unlink()  # this one's engine run is repeated
    summary = run_batch([SAMPLE], out, workers=0, db=db)
    assert summary.written == 1 and summary.stored == 3
    stored = kept(db, out)
    assert {sid: s[4] for sid, s in stored.items()} == {sid: s["report"] for sid, s in files(out).items()}
    (out / "stories" / f"{victim}.json").unlink()  # now it is in the store: put again, nothing changes
    summary = run_batch([SAMPLE], out, workers=0, db=db)
    assert summary.written == 1 and summary.stored == 1
    assert kept(db, out) == stored


def test_the_stored_report_is_the_one_compute_would_reuse(db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    out = tmp_path / "run"
    run_batch([SAMPLE], out, workers=0, db=db, embedder="none")

    def boom(*a, **k):
        raise AssertionError("the engine ran again: the stored report's key is not compute's")

    monkeypatch.setattr(storycheck.core, "compare_documents", boom)
    with Store(db) as store:
        for info in store.stories(limit=1000).items:
            again = store.compute(info.id, embedder="none")
            assert again.status == "ready" and again.report_id == info.report_id


def test_a_name_holding_other_texts_is_refused_not_added_to(db: str, tmp_path: Path):
    out = tmp_path / "run"
    run_batch([SAMPLE], out, workers=0)
    sid = sorted(files(out))[0]
    other = [Document("x", "A text of another story entirely, about the harvest in Norland this autumn."),
             Document("y", "The harvest in Norland was late this year, farmers in the north said on Friday.")]
    with Store(db) as store:
        store.add_documents(f"run:{sid}", other, create=True)
    (out / "stories" / f"{sid}.json").unlink()
    with pytest.raises(StoryExists) as caught:
        run_batch([SAMPLE], out, workers=0, db=db)
    assert caught.value.code == "E503" and f"run:{sid}" in str(caught.value)
    with Store(db) as store:
        assert store.story(f"run:{sid}").n_documents == 2  # nothing added to it


def test_a_failed_story_is_kept_as_failed_with_its_message(db: str):
    docs = [Document("a", "The port of Selvan was shut on Monday after dockworkers walked out over pay."),
            Document("b", "Dockworkers in Selvan walked out on Monday and the port was shut, the union said.")]
    with Store(db) as store:
        info = store.put_report("run:s9", docs, None, embedder="static", error="[E613] story s9: it failed")
        assert info.status == "failed" and info.error == "[E613] story s9: it failed"
        assert store.kept_names("run:") == {"run:s9"}
        assert store.kept_names("ru_:") == set()  # a prefix is a prefix, not a LIKE pattern


def test_cli_batch_db_puts_the_stories_that_stories_lists(tmp_path: Path):
    db, out = str(tmp_path / "s.db"), tmp_path / "day"
    result = CliRunner().invoke(app, ["batch", str(SAMPLE), "--out", str(out), "--db", db, "--workers", "0", "-q"])
    assert result.exit_code == 0, result.output
    assert "3 stories put now (named day:<story id>)" in result.stdout
    listed = CliRunner().invoke(app, ["stories", "--db", db, "--json"])
    assert listed.exit_code == 0, listed.output
    names = {json.loads(line)["name"] for line in listed.stdout.splitlines()}
    assert names == {f"day:{sid}" for sid in files(out)}


def test_cli_batch_db_that_cannot_be_opened_fails_before_reading(tmp_path: Path):
    bad = tmp_path / "not-a-db"
    bad.write_bytes(b"this is no database at all" * 10)
    out = tmp_path / "day"
    result = CliRunner().invoke(app, ["batch", str(SAMPLE), "--out", str(out), "--db", str(bad), "--workers", "0"])
    assert result.exit_code == 1 and "E502" in result.output
    assert not (out / "manifest.json").exists()


def test_a_second_run_on_one_out_is_refused_while_the_first_holds_it_and_runs_after_a_kill_9(tmp_path: Path):
    """Two runs on one --out deleted each other's claims folder and temporary files; the second is now
    refused (E615, naming the holder), and a holder killed with SIGKILL leaves nothing that blocks a rerun."""
    import os
    import signal
    import subprocess
    import sys

    out = tmp_path / "day"
    out.mkdir()
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from pathlib import Path; from storycheck.batch import _held\n"
         "with _held(Path(sys.argv[1])):\n    print('held', flush=True); time.sleep(120)", str(out)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        result = CliRunner().invoke(app, ["batch", str(SAMPLE), "--out", str(out), "--workers", "0", "-q"])
        assert result.exit_code == 1
        assert "E615" in result.output and f"pid {holder.pid}" in result.output, result.output
        assert not (out / "manifest.json").exists()  # refused before anything was read or written
    finally:
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
    assert (out / ".lock").exists()  # a killed holder's file is left, its lock gone with the process
    summary = run_batch([SAMPLE], out, workers=0)
    assert summary.written == 3
    assert not (out / ".lock").exists()  # removed by the run that held it


def test_a_run_refused_in_process_names_this_pid(tmp_path: Path):
    import os

    from storycheck.batch import _held
    from storycheck.errors import OutputInUse

    with _held(tmp_path):
        with pytest.raises(OutputInUse) as caught:
            run_batch([SAMPLE], tmp_path, workers=0)
    assert caught.value.code == "E615" and f"pid {os.getpid()}" in str(caught.value)
    assert not (tmp_path / ".lock").exists() and not (tmp_path / "manifest.json").exists()


def test_cli_batch_with_a_store_and_no_out_keeps_its_record_in_a_folder_of_its_own_and_resumes(tmp_path: Path):
    db = str(tmp_path / "s.db")
    env = {"XDG_DATA_HOME": str(tmp_path / "data")}
    args = ["batch", str(SAMPLE), "--db", db, "--workers", "0", "-q"]
    first = CliRunner().invoke(app, args, env=env)
    assert first.exit_code == 0, first.output
    (folder,) = (tmp_path / "data" / "storycheck" / "batches").iterdir()
    assert folder.name.startswith("corpus-") and (folder / "manifest.json").exists()
    assert "3 stories put now (named corpus:<story id>)" in first.stdout  # the corpus's name (session 27), not the folder's
    again = CliRunner().invoke(app, args, env=env)
    assert again.exit_code == 0 and "written now 0, earlier 3" in again.stdout, again.stdout
    assert "0 stories put now" in again.stdout
    with Store(db) as store:
        assert {i.name for i in store.stories(limit=100).items} == {f"corpus:{sid}" for sid in files(folder)}


def test_cli_batch_needs_an_out_or_a_store():
    result = CliRunner().invoke(app, ["batch", str(SAMPLE), "--workers", "0"])
    assert result.exit_code == 2 and "give --out DIR, --db URL, or both" in result.output


# ----------------------------------------------------------------------- review (revlead20)


def test_two_puts_of_one_name_with_other_texts_never_merge_them(db: str, monkeypatch: pytest.MonkeyPatch):
    """The check that a name holds the same texts and the adding were two transactions: a second process
    putting other texts under the name between them had its texts merged with the first's (a story of four
    texts with the report of two). The check is now made under the story's lock, in the adding transaction."""
    mine = [Document("a", "The port of Selvan was shut on Monday after dockworkers walked out over pay."),
            Document("b", "Dockworkers in Selvan walked out on Monday and the port was shut, the union said.")]
    theirs = [Document("x", "A text of another story entirely, about the harvest in Norland this autumn."),
              Document("y", "The harvest in Norland was late this year, farmers in the north said on Friday.")]
    real = Store._find
    raced = []

    def meanwhile(self, s, ref, *, lock=False):  # the other process's put lands just before this one's adding
        if lock and not raced:
            raced.append(ref)
            with Store(db) as other:
                other.put_report(ref, theirs, None, embedder="none", error="theirs")
        return real(self, s, ref, lock=lock)

    monkeypatch.setattr(Store, "_find", meanwhile)
    with Store(db) as store:
        with pytest.raises(StoryExists) as caught:
            store.put_report("run:s1", mine, None, embedder="none", error="mine")
        assert caught.value.code == "E503"
        assert sorted(d.text for d in store.documents("run:s1")) == sorted(d.text for d in theirs)
        assert store.story("run:s1").error == "theirs"


def test_a_store_that_cannot_be_locked_runs_unlocked_with_a_warning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                    caplog: pytest.LogCaptureFixture):
    """flock fails with ENOLCK or EOPNOTSUPP on some NFS and FUSE mounts: the run went down with an OSError
    traceback; it now runs as before the lock existed, saying so."""
    import errno
    import fcntl

    def nolock(fd, op):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(fcntl, "flock", nolock)
    with caplog.at_level("WARNING", logger="storycheck.batch"):
        summary = run_batch([SAMPLE], tmp_path / "day", workers=0)
    assert summary.written == 3
    assert "not locked" in caplog.text and "No locks available" in caplog.text
    assert not (tmp_path / "day" / ".lock").exists()


def test_an_out_folder_of_a_long_name_gives_names_that_fit_and_resume(db: str, tmp_path: Path):
    """<out folder name>:<story id> over the store's MAX_NAME was a BadRequest at the first story, after the
    engine had run; the folder's part is now shortened (with a hash of the whole, so two long names sharing a
    beginning stay apart), the same on every run."""
    from storycheck.store.store import MAX_NAME

    long = "d" * 240
    one, two = tmp_path / f"{long}1", tmp_path / f"{long}2"
    assert run_batch([SAMPLE], one, workers=0, db=db).stored == 3
    assert run_batch([SAMPLE], two, workers=0, db=db).stored == 3
    with Store(db) as store:
        names = [i.name for i in store.stories(limit=100).items]
    assert len(names) == len(set(names)) == 6 and all(len(n) <= MAX_NAME for n in names)
    assert run_batch([SAMPLE], one, workers=0, db=db).stored == 0


def test_an_out_folder_name_with_runs_of_spaces_is_not_put_again_on_every_resume(db: str, tmp_path: Path):
    """The store keeps a name with its runs of white space made one; the resumed run looked its stories up
    under the folder's name as it is, found none, and put them all again each time."""
    out = tmp_path / "day  one "
    assert run_batch([SAMPLE], out, workers=0, db=db).stored == 3
    assert run_batch([SAMPLE], out, workers=0, db=db).stored == 0
    with Store(db) as store:
        assert {i.name.split(":")[0] for i in store.stories(limit=100).items} == {"day one"}


def test_a_name_taken_by_another_run_is_refused_before_the_engine_runs(db: str, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch):
    """Two runs whose --out folders share a name (yesterday's day/ and today's) on one store: today's story
    ids meet yesterday's names holding other texts. That was E503 at the first such story, after the engine
    had compared it (and again on every resume); it is now found before the engine runs."""
    import storycheck.batch as batch

    run_batch([SAMPLE], tmp_path / "a" / "day", workers=0, db=db)
    other = tmp_path / "other.jsonl"
    lines = []
    for line in (SAMPLE / "sample.jsonl").read_text().split("\n"):  # (its bad rows kept as they are)
        try:
            row = json.loads(line)
            lines.append(json.dumps({**row, "text": row["text"] + "\n\nMore to follow."}))
        except (ValueError, KeyError, TypeError):
            lines.append(line)
    other.write_text("\n".join(lines))
    ran = []
    real = batch.run_story
    monkeypatch.setattr(batch, "run_story", lambda *a, **k: ran.append(a[0]) or real(*a, **k))
    with pytest.raises(StoryExists) as caught:
        run_batch([other], tmp_path / "b" / "day", workers=0, db=db)
    assert caught.value.code == "E503" and "day:s0" in str(caught.value)
    assert ran == [] and not list((tmp_path / "b" / "day" / "stories").glob("*.json"))


KILL_AT = {  # where a run is killed with SIGKILL, on its second story put
    "in the put, its documents added": "storycheck.store.store:Store._new_report",
    "in the put, its report added, not committed": "storycheck.store.store:Store._info",
    "after the store, before the file": "storycheck.batch:write_atomic",
}


@pytest.mark.parametrize("point", sorted(KILL_AT))
def test_a_run_killed_9_at_any_point_of_a_put_keeps_each_story_once(db: str, tmp_path: Path, point: str):
    """A real process killed with SIGKILL at each step of putting a story (documents added, report row
    added, store committed but file not written), then resumed: every story is in the store once, ready, with the
    report its file holds, and no report row is left over."""
    import subprocess
    import sys

    out = tmp_path / "run"
    where, attr = KILL_AT[point].split(":")
    script = (
        "import importlib, os, signal, sys\n"
        "from pathlib import Path\n"
        "from storycheck.batch import run_batch\n"
        f"owner = importlib.import_module({where!r})\n"
        f"parts = {attr!r}.split('.')\n"
        "holder = getattr(owner, parts[0]) if len(parts) == 2 else owner\n"
        "real = getattr(holder, parts[-1])\n"
        "calls = []\n"
        "def hook(*a, **k):\n"
        "    if len(parts) == 2 or str(a[0]).endswith('.json') and '/stories/' in str(a[0]):\n"
        "        calls.append(1)\n"
        "        if len(calls) == 2:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(*a, **k)\n"
        "setattr(holder, parts[-1], hook)\n"
        "run_batch([sys.argv[1]], Path(sys.argv[2]), workers=0, db=sys.argv[3])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(SAMPLE), str(out), db], capture_output=True, timeout=300)
    assert done.returncode == -9, done.stderr.decode()[-2000:]
    summary = run_batch([SAMPLE], out, workers=0, db=db)
    written = files(out)
    assert summary.resumed + summary.written == len(written) == 3
    stored = kept(db, out)
    assert set(stored) == set(written)
    for sid, story in written.items():
        status, _, _, keys, report = stored[sid]
        assert status == "ready" and keys == compared(story) and report == story["report"]
    from sqlalchemy import func, select

    from storycheck.store.models import ReportRow

    with Store(db) as store, store._read() as s:
        assert s.scalar(select(func.count()).select_from(ReportRow)) == 3


def test_a_put_killed_midway_leaves_nothing_of_that_story(db: str, tmp_path: Path):
    """Putting a story was three commits (documents, report, status): a run killed between them left the
    story ``pending`` with its documents, which a ``storycheck serve`` on the store then computes again
    (``unfinished``), perhaps with another embedder. It is one transaction now: killed while encoding the
    report (after the documents are added), the store holds only the stories put before."""
    import subprocess
    import sys

    out = tmp_path / "run"
    script = (
        "import json, os, signal, sys\n"
        "from pathlib import Path\n"
        "from storycheck.batch import run_batch\n"
        "real, calls = json.dumps, []\n"
        "def hook(*a, **k):\n"
        "    if isinstance(a[0], dict) and 'findings' in a[0] and k.get('separators') == (',', ':'):\n"
        "        calls.append(1)\n"
        "        if len(calls) == 2:\n"
        "            os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(*a, **k)\n"
        "json.dumps = hook\n"
        "run_batch([sys.argv[1]], Path(sys.argv[2]), workers=0, db=sys.argv[3])\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(SAMPLE), str(out), db], capture_output=True, timeout=300)
    assert done.returncode == -9, done.stderr.decode()[-2000:]
    with Store(db) as store:
        left = [(i.name, i.status) for i in store.stories(limit=100).items]
    assert len(files(out)) == 1  # (killed in the second put)
    assert left == [(f"run:{sid}", "ready") for sid in files(out)]
