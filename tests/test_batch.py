"""Batch runs: the engine on every story on a real Dask LocalCluster gives exactly what the in-process
run gives; a run killed with SIGKILL (its Dask worker process included) and started again writes every
story exactly once and leaves no partial file under a final name."""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from storycheck import batch
from storycheck.batch import run_batch
from storycheck.cli.main import app
from storycheck.digest import tree_digest
from storycheck.errors import OutputMismatch
from storycheck.records import Document

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def stories(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted((out / "stories").glob("*.json"))}


@pytest.fixture(scope="module")
def in_process(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("inproc")
    summary = run_batch([SAMPLE], out, workers=0)
    assert summary.stories == 3 and summary.singletons == 1 and summary.written == 3
    assert summary.bad_rows == 2 and summary.bad_by_code == {"E108": 1, "E109": 1}
    return out


def test_local_dask_cluster_matches_in_process(in_process: Path, tmp_path: Path):
    summary = run_batch([SAMPLE], tmp_path, workers=2)
    assert summary.scheduler.startswith("LocalCluster")
    assert stories(tmp_path) == stories(in_process)
    assert (tmp_path / "stories.jsonl").read_text() == (in_process / "stories.jsonl").read_text()
    assert (tmp_path / "articles.jsonl").read_text() == (in_process / "articles.jsonl").read_text()  # fates, nearest
    ranked = [json.loads(line) for line in (tmp_path / "stories.jsonl").read_text().splitlines()]
    assert [r["conflicts"] for r in ranked] == sorted((r["conflicts"] for r in ranked), reverse=True)
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert {(b["line"], b["code"]) for b in manifest["bad_rows"]} == {(5, "E108"), (8, "E109")}
    again = run_batch([SAMPLE], tmp_path, workers=0)  # all done: nothing is written twice
    assert again.written == 0 and again.resumed == 3


def _worker_settings() -> dict:
    import dask

    return {
        "env": {k: os.environ.get(k) for k in ("MALLOC_TRIM_THRESHOLD_", "MALLOC_MMAP_THRESHOLD_", "OMP_NUM_THREADS")},
        "profile": dask.config.get("distributed.worker.profile.enabled"),
        "tick": dask.config.get("distributed.admin.tick.interval"),
        "monitor": dask.config.get("distributed.admin.system-monitor.interval"),
        "memory": dask.config.get("distributed.worker.memory.monitor-interval"),
    }


def test_started_cluster_workers_keep_freed_memory_and_one_thread():
    """The LocalCluster the batch starts: its workers get the allocator thresholds (Dask's own default trims
    freed memory at 64 kB, which cost the engine millions of page faults), one thread for the BLAS and
    OpenMP pools (the engine's results depend on it), and no statistical profiler."""
    from storycheck.batch import LOCAL_WORKER_CONFIG, _dask

    environ = LOCAL_WORKER_CONFIG["distributed.nanny.pre-spawn-environ"]
    with _dask(None, 1) as (client, name):
        assert name == "LocalCluster(1 workers)"
        (settings,) = client.run(_worker_settings).values()
    assert settings["env"] == {
        "MALLOC_TRIM_THRESHOLD_": str(environ["MALLOC_TRIM_THRESHOLD_"]),
        "MALLOC_MMAP_THRESHOLD_": str(environ["MALLOC_MMAP_THRESHOLD_"]),
        "OMP_NUM_THREADS": "1",
    }
    assert int(settings["env"]["MALLOC_TRIM_THRESHOLD_"]) > 65536
    assert settings["profile"] is False
    # (Dask's defaults: 20ms, 500ms, 100ms)
    assert (settings["tick"], settings["monitor"], settings["memory"]) == ("1s", "5s", "500ms")


def _mark_at_exit(path: str) -> int:
    """An exit handler registered before the batch's own: it runs only if the process tears down normally."""
    import atexit

    atexit.register(lambda: Path(path).write_text("torn down"))
    return os.getpid()


@pytest.mark.parametrize("fast", [True, False])
def test_started_cluster_workers_end_without_tearing_down_once_closed(tmp_path: Path, fast: bool):
    """A worker of the batch's own LocalCluster, once closed, ends at its interpreter's exit without the
    teardown (the exit handlers registered before, and the freeing of its heap); a worker
    not set up so tears down as usual (the marker shows the test can tell the two apart)."""
    from storycheck.batch import _dask, _exit_without_teardown_once_closed

    marker = tmp_path / "marker"
    with _dask(None, 1) as (client, _name):
        pid = client.submit(_mark_at_exit, str(marker), pure=False).result()
        if fast:  # (as a task; ``LocalWorkerSetup`` runs it as the worker joins)
            client.submit(_exit_without_teardown_once_closed, pure=False).result()
        process = psutil.Process(pid)
    assert not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    assert marker.exists() is not fast


def _torch_and_tagger() -> tuple:
    from storycheck.nlp import tagger

    ents = [e.label_ for e in tagger()("Angela Merkel visited Paris on Monday.").ents]
    return "torch" in sys.modules and sys.modules["torch"] is None, ents


def test_started_cluster_workers_leave_torch_out_with_the_static_embedder():
    """A worker of the batch's own LocalCluster, set up for the static embedder, never imports torch (thinc
    would, for nothing the engine uses): its tagger runs all the same."""
    from storycheck.batch import LocalWorkerSetup, _dask, warm_up

    with _dask(None, 1) as (client, _name):
        client.register_plugin(LocalWorkerSetup("static"))
        client.submit(warm_up, "static", pure=False).result()
        (state,) = client.run(_torch_and_tagger).values()
    assert state == (True, ["PERSON", "GPE", "DATE"])


def test_story_file_composed_from_the_encoded_report_equals_json_dumps_of_the_record(in_process: Path):
    """``run_story`` hands back the report already encoded and the driver puts that text in place: the file
    must be byte for byte what ``json.dumps`` of the whole record gave (and what a reader decodes back)."""
    from storycheck.batch import _rank_row, run_story, story_text
    from storycheck.corpus import read_corpus

    manifest = json.loads((in_process / "manifest.json").read_text())
    documents = {d.id: d for d in read_corpus([SAMPLE])}
    sid, members = next(iter(manifest["stories"].items()))
    result = run_story(sid, [documents[m] for m in members])
    assert result["status"] == "ok" and isinstance(result["report_json"], str)
    links = manifest["links"][sid]
    rows = [{"id": m, "story": sid, "fate": "compared", "note": "é \" \u2028"} for m in members]
    record = {"story": sid, "status": "ok", "report": json.loads(result["report_json"]), "links": links,
              "members": rows}
    text = story_text(result, links, rows)
    assert text == json.dumps(record, ensure_ascii=False)
    assert _rank_row(sid, {**result, "members": rows}) == _rank_row(sid, json.loads(text))
    failed = {"story": sid, "status": "failed", "code": "E000", "error": "x"}
    assert story_text(failed, links, rows) == json.dumps({**failed, "links": links, "members": rows},
                                                         ensure_ascii=False)


def test_cli_batch_summary(tmp_path: Path):
    result = CliRunner().invoke(app, ["batch", str(SAMPLE), "--out", str(tmp_path / "o"), "--workers", "0", "-q"])
    assert result.exit_code == 0, result.output
    assert "stories compared" in result.output and "E108" in result.output
    other = tmp_path / "other.jsonl"
    other.write_text((SAMPLE / "sample.jsonl").read_text().split("\n", 1)[1])
    result = CliRunner().invoke(app, ["batch", str(other), "--out", str(tmp_path / "o"), "--workers", "0", "-q"])
    assert result.exit_code == 1 and "E612" in result.output


def test_output_of_another_run_is_refused(tmp_path: Path, in_process: Path):
    other = tmp_path / "c.jsonl"
    other.write_text((SAMPLE / "sample.jsonl").read_text())
    with pytest.raises(OutputMismatch):
        run_batch([other], in_process, workers=0)


def test_kill_9_and_resume_writes_every_story_once(in_process: Path, tmp_path: Path):
    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "storycheck.cli.main", "batch", str(SAMPLE), "--out", str(out), "--workers", "1", "-q"]
    proc = subprocess.Popen(cmd, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    killed_worker = False
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if list((out / "stories").glob("*.json")):
                os.killpg(proc.pid, signal.SIGSTOP)  # freeze the whole run at once; the kill follows
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run finished before it could be killed"
        family = psutil.Process(proc.pid).children(recursive=True)
        workers = [p for p in family if "distributed" in " ".join(p.cmdline()) or "multiprocessing" in " ".join(p.cmdline())]
        for p in [psutil.Process(proc.pid), *family]:  # the batch process, the nanny and the worker itself
            try:
                p.send_signal(signal.SIGKILL)
                killed_worker = killed_worker or p in workers
            except psutil.NoSuchProcess:
                pass
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    finally:
        proc.wait(timeout=30)
    assert killed_worker, "no Dask worker process was found to kill"
    before = {p.stem: p.stat().st_mtime_ns for p in (out / "stories").glob("*.json")}
    ids = set(stories(in_process))  # the story ids clustering gives the sample (three stories)
    assert len(ids) == 3 and before and set(before) < ids
    for p in (out / "stories").glob("*.json"):
        json.loads(p.read_text())  # whatever is under a final name is complete
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    after = stories(out)
    assert set(after) == ids
    assert {p.stem: p.stat().st_mtime_ns for p in (out / "stories").glob("*.json") if p.stem in before} == before
    summary = json.loads((out / "summary.json").read_text())
    assert summary["resumed"] == len(before) and summary["written"] == 3 - len(before)
    assert after == stories(in_process)
    assert not list((out / "stories").glob(".*"))


def test_run_story_leaves_the_callers_garbage_collector_as_it_was():
    """Only the story stage of a batch and the workers of its own LocalCluster make full collections rare:
    a caller of the public ``run_story`` keeps its thresholds."""
    import gc

    from storycheck.batch import run_story

    before = gc.get_threshold()
    docs = [Document("a", "The council voted on Monday to close the library."),
            Document("b", "On Monday the council voted to shut the town library.")]
    assert run_story("s1", docs)["status"] == "ok"
    assert gc.get_threshold() == before


def test_local_cluster_started_meanwhile_is_closed_by_its_thread_and_its_failure_is_raised(monkeypatch) -> None:
    """The LocalCluster starts on a thread of its own while the driver reads and clusters: ``connect()``
    gives its client, the cluster is entered and left on that one thread (Dask's client keeps its context
    there), and a cluster that fails to start raises its error where the driver asks for it."""
    import contextlib
    import threading

    import storycheck.batch as B

    seen: list[tuple[str, int]] = []

    @contextlib.contextmanager
    def fake_dask(scheduler, workers):  # noqa: ANN001, ANN202
        seen.append(("enter", threading.get_ident()))
        try:
            yield "client", f"LocalCluster({workers} workers)"
        finally:
            seen.append(("exit", threading.get_ident()))

    monkeypatch.setattr(B, "_dask", fake_dask)
    monkeypatch.setattr(B, "_set_up_local_workers", lambda client, embedder: None)
    monkeypatch.setattr(B, "_warm_up_workers", lambda client, setup, embedder, priority=0: ["warm"])
    with B._local_cluster_meanwhile(2, "static") as connect:
        assert connect() == "client" and connect.warm_ups == ["warm"]
    assert [k for k, _ in seen] == ["enter", "exit"] and seen[0][1] == seen[1][1] != threading.get_ident()

    @contextlib.contextmanager
    def failing(scheduler, workers):  # noqa: ANN001, ANN202
        raise RuntimeError("Nanny failed to start.")
        yield

    monkeypatch.setattr(B, "_dask", failing)
    with pytest.raises(RuntimeError, match="Nanny failed"), B._local_cluster_meanwhile(2, "static") as connect:
        connect()


def test_tree_digest_follows_content_not_caches(tmp_path: Path):
    (tmp_path / "pkg" / "__pycache__").mkdir(parents=True)
    (tmp_path / "pkg" / "rules.py").write_text("WEIGHT = 0.1\n")
    first = tree_digest(tmp_path)
    (tmp_path / "pkg" / "__pycache__" / "rules.cpython-311.pyc").write_bytes(b"\0\1")
    assert tree_digest(tmp_path) == first
    (tmp_path / "pkg" / "rules.py").write_text("WEIGHT = 0.2\n")
    assert tree_digest(tmp_path) != first
    assert len(batch.engine_digest()) == 16


def test_run_of_another_engine_version_is_not_resumed(tmp_path: Path, in_process: Path, monkeypatch):
    manifest = json.loads((in_process / "manifest.json").read_text())
    assert manifest["engine"] == batch.engine_digest()
    out = tmp_path / "o"
    run_batch([SAMPLE], out, workers=0)
    monkeypatch.setattr(batch, "engine_digest", lambda: "0" * 16)
    with pytest.raises(OutputMismatch, match="another version of storycheck"):
        run_batch([SAMPLE], out, workers=0)


def _worker_state() -> dict:
    import gc

    return {"pid": os.getpid(), "full_gc_after": gc.get_threshold()[2], "torch": sys.modules.get("torch", "absent")}


def test_started_cluster_worker_restarted_by_the_nanny_gets_the_batch_settings():
    """A worker of the batch's own LocalCluster that the nanny restarts (here: killed) gets the batch's worker
    settings as the first ones did (rare full collections, no torch): a warm-up task reached only the
    workers up at the start."""
    from storycheck.batch import FULL_GC_AFTER, _local_cluster_meanwhile

    with _local_cluster_meanwhile(1, "static") as connect:
        client = connect()
        deadline = time.monotonic() + 60
        while True:  # (the first worker's settings: at once, or once its warm-up task ran)
            (first,) = client.run(_worker_state).values()
            if first["full_gc_after"] == FULL_GC_AFTER or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert first["full_gc_after"] == FULL_GC_AFTER and first["torch"] is None
        psutil.Process(first["pid"]).kill()
        # the restart's own minute (a slow first start under load no longer eats into it), and when it fails the
        # nanny's log says why: the one failure seen (revu27, "Worker failed to start") was the restarted worker
        # importing storycheck.batch while that file was being edited (NameError in the log), not a timing fault
        deadline = time.monotonic() + 60
        while True:
            states = [s for s in client.run(_worker_state, on_error="return").values() if isinstance(s, dict)]
            if states and states[0]["pid"] != first["pid"]:
                break
            if time.monotonic() > deadline:  # (the nannies run in this process: their log is captured below)
                pytest.fail("the nanny did not restart the worker: see distributed.nanny's errors below")
            time.sleep(0.2)
    assert states[0]["full_gc_after"] == FULL_GC_AFTER and states[0]["torch"] is None


def test_cli_batch_lists_bad_rows_and_stops_when_nothing_is_readable(tmp_path: Path):
    """The skipped rows are printed with their file, line and code (not only counted); a corpus with no
    readable row, an --out under a file and a manifest.json that is not one exit 1 with a code, where they
    used to write an empty run with exit code 0 or end in a traceback."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("{not json\n" + json.dumps({"id": "a", "text": "The port of Selvan was shut on Monday after "
                    "dockworkers walked out over pay, the union said."}) + "\n" + json.dumps({"id": "b"}) + "\n")
    result = CliRunner().invoke(app, ["batch", str(feed), "--out", str(tmp_path / "o"), "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert f"[E108] {feed}:1: not valid JSON" in result.output
    assert f"[E109] {feed}:3: no non-empty 'text'" in result.output
    (tmp_path / "empty.jsonl").write_text("")
    (tmp_path / "a-file").write_text("")
    (tmp_path / "bad-run").mkdir()
    (tmp_path / "bad-run" / "manifest.json").write_text("{half a manif")
    cases = {
        (str(tmp_path / "empty.jsonl"), str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "none")): "[E614]",
        (str(feed), "--out", str(tmp_path / "a-file" / "o")): "[E700]",
        (str(feed), "--out", str(tmp_path / "bad-run")): "[E612]",
    }
    for args, code in cases.items():
        result = CliRunner().invoke(app, ["batch", *args, "--workers", "0", "-q"])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (args, result.output)
        assert code in result.output, (args, result.output)
    assert "[E101]" in CliRunner().invoke(app, ["batch", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "n"),
                                                "--workers", "0", "-q"]).output  # fmt: skip
    assert not list((tmp_path / "none").iterdir())


def test_a_file_where_the_stories_folder_goes_is_e700_not_a_traceback(tmp_path: Path):
    """``stories`` in --out being a file was a FileExistsError traceback from ``mkdir``; now it is E700
    saying the file is a file, not a folder (make_folder said "File exists" of a path that is a file)."""
    from storycheck.errors import OutputError
    from storycheck.files import make_folder

    out = tmp_path / "o"
    out.mkdir()
    (out / "stories").write_text("")
    with pytest.raises(OutputError, match=r"stories is a file, not a folder"):
        run_batch([SAMPLE], out, workers=0)
    with pytest.raises(OutputError, match=r"stories: cannot write here: .*stories is a file, not a folder"):
        make_folder(out / "stories")


def test_a_failed_story_and_an_unreadable_manifest_say_what_they_are(tmp_path: Path):
    """A story the engine refuses says its code and message once (it said ``[E613] story s1: [E201] ...``,
    two bracketed codes), and a manifest.json that cannot be read says so (it said the folder held "a run
    of another corpus")."""
    from storycheck.batch import run_story

    same = "The port of Selvan was shut on Monday after dockworkers walked out over pay, the union said."
    result = run_story("s1", [Document("a", same)], embedder="none")
    assert result["status"] == "failed" and result["code"] == "E201"
    assert result["error"].startswith("[E613] story s1: nothing to compare: ") and result["error"].endswith("(E201)")
    assert result["error"].count("[") == 1, result["error"]
    out = tmp_path / "o"
    out.mkdir()
    (out / "manifest.json").write_text("{half a manif")
    with pytest.raises(OutputMismatch) as caught:
        run_batch([SAMPLE], out, workers=0)
    assert caught.value.code == "E612" and "manifest.json is unreadable" in str(caught.value)
    assert "another corpus" not in str(caught.value)


def test_one_thread_limits_blas_without_looking_for_libraries_every_story(monkeypatch: pytest.MonkeyPatch):
    """``_one_thread`` (around every story) puts the BLAS pool on one thread and back, with threadpoolctl's
    cached controller: the native libraries are looked for again only once a module has been imported
    since (a new ``threadpool_limits`` per story read ``/proc/self/maps`` and inspected every library mapped,
    ~2.5 ms a story)."""
    import numpy  # noqa: F401 - (its BLAS loaded)
    import threadpoolctl

    if not hasattr(threadpoolctl, "get_cached_controller"):
        pytest.skip("this threadpoolctl has no cached controller")
    made = []
    real = threadpoolctl.ThreadpoolController.__init__

    def counted(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        made.append(1)
        real(self, *args, **kwargs)

    with batch._one_thread():  # (the cache made, should no controller be cached yet)
        pass
    monkeypatch.setattr(threadpoolctl.ThreadpoolController, "__init__", counted)
    before = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    made.clear()
    for _ in range(3):
        with batch._one_thread():
            inside = [i["num_threads"] for i in threadpoolctl.get_cached_controller().info() if i["user_api"] == "blas"]
            assert inside and set(inside) == {1}
    assert not made
    after = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert after == before


def _packed_bytes(packed) -> list:  # noqa: ANN001
    """Packed features as comparable values: every field, arrays by their bytes, dicts in order, sets as sets
    (a frozenset pickles in the order of its process's string hashes)."""
    import dataclasses

    import numpy as np

    def value(v):  # noqa: ANN001, ANN202
        if isinstance(v, np.ndarray):
            return (v.dtype.str, v.shape, v.tobytes())
        return list(v.items()) if isinstance(v, dict) else v

    return [[(f.name, value(getattr(x, f.name))) for f in dataclasses.fields(x)] for x in packed.unpack()]


def test_featurize_parts_on_the_cluster_equal_the_drivers_own_and_a_killed_worker_is_made_here():
    """While the driver reads and clusters, the workers of the batch's own cluster featurize parts of its
    batches (``_ClusterParts``): what a worker made is what the driver makes; a part is made once, by whoever
    claims it first (the driver takes back only parts no worker has started: ``cancel``); a part whose worker
    was killed after claiming it is made by the driver. Parts made while the cluster starts go to it once it is
    up, but those the driver took back meanwhile."""
    from storycheck.batch import _featurize_claimed, _local_cluster_meanwhile
    from storycheck.cluster import ClusterSettings, _featurize_packed, clustering_embedder
    from storycheck.corpus import read_corpus

    docs = list(read_corpus([SAMPLE]))
    rows = [(d.id, d.text, d.title, d.published) for d in docs]
    many = [(f"{i}-{r[0]}", *r[1:]) for i in range(400) for r in rows]  # (seconds of work for one worker)
    settings, emb = ClusterSettings(), clustering_embedder()
    here = _featurize_packed(rows, settings, emb)
    with _local_cluster_meanwhile(1, "static") as cluster:
        parts = cluster.parts()
        try:
            early = parts.submit(_featurize_packed, rows, settings, emb)
            taken = parts.submit(_featurize_packed, rows, settings, emb)
            starting = cluster.ready() is None
            if starting:  # (the cluster is still starting: the parts wait for it)
                assert early.future is None and taken.future is None
                assert taken.cancel()  # (taken back by the driver before the cluster is up: never sent)
            deadline = time.monotonic() + 60
            while cluster.ready() is None or early.future is None or not early.future.done():
                assert time.monotonic() < deadline, "the cluster did not start"
                time.sleep(0.1)
            assert _packed_bytes(early.result()) == _packed_bytes(here)
            assert int(Path(early.claim).read_text()) not in (0, os.getpid())  # (made by a worker)
            if starting:
                assert taken.future is None
            on_worker = parts.submit(_featurize_packed, rows, settings, emb)
            while not os.path.exists(on_worker.claim):  # (a part no worker has taken is made here: ``result``)
                assert time.monotonic() < deadline, "the worker did not take the part"
                time.sleep(0.005)
            assert _packed_bytes(on_worker.result()) == _packed_bytes(here)
            assert int(Path(on_worker.claim).read_text()) not in (0, os.getpid())  # (made by the worker)
            assert on_worker.future is None  # (released: a big corpus has many parts)
            assert not on_worker.cancel()  # (the worker claimed it)
            big = parts.submit(_featurize_packed, many, settings, emb)
            queued = parts.submit(_featurize_packed, rows, settings, emb)
            while not os.path.exists(big.claim):
                assert time.monotonic() < deadline, "the worker did not take the part"
                time.sleep(0.01)
            assert not big.cancel()  # the worker has it...
            assert queued.cancel()  # ...not this one yet: the driver makes it, the worker leaves it
            assert _featurize_claimed(queued.claim, _featurize_packed, rows, settings, emb) is None
            (pid,) = cluster.ready().run(os.getpid).values()
            psutil.Process(pid).kill()  # killed with the part claimed: made here
            assert _packed_bytes(big.result()) == _packed_bytes(_featurize_packed(many, settings, emb))
        finally:
            parts.close()
        assert not os.path.exists(parts.folder)


_KILLED_AT_EACH_LINE = r"""
import os, signal, sys
from storycheck import batch

folder, lines = sys.argv[1], set()


def record(frame, event, arg):
    if frame.f_code.co_filename != batch.__file__:
        return None
    if event == "line":
        lines.add(frame.f_lineno)
    return record


sys.settrace(record)
batch._claim(os.path.join(folder, "probe"))
sys.settrace(None)
for n, line in enumerate(sorted(lines)):
    pid = os.fork()
    if pid == 0:
        def kill(frame, event, arg, line=line):
            if frame.f_code.co_filename != batch.__file__:
                return None
            if event == "line" and frame.f_lineno == line:
                os.kill(os.getpid(), signal.SIGKILL)
            return kill

        sys.settrace(kill)
        batch._claim(os.path.join(folder, str(n)))
        os._exit(0)
    os.waitpid(pid, 0)
print(len(lines))
"""


def test_a_claimer_killed_at_any_line_leaves_no_claim_or_a_whole_one_that_the_driver_sees_is_dead(tmp_path: Path):
    """A part's claim (``batch._claim``) is whole from the moment it has its name: a process killed (SIGKILL)
    before each line ``_claim`` runs in turn leaves either no claim (the part is free) or one holding its
    process id, which the driver sees is dead (``_taken_by_the_dead``: it makes the part). A file made with
    ``O_EXCL`` and then written was empty when its taker was killed between the two, and an empty claim
    looked taken by a live process: the driver waited for it until Dask ran the task again."""
    folder = tmp_path / "parts"
    folder.mkdir()
    script = tmp_path / "kill.py"
    script.write_text(_KILLED_AT_EACH_LINE, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(batch.__file__).parents[1])}
    done = subprocess.run([sys.executable, str(script), str(folder)], env=env, capture_output=True, text=True,  # noqa: S603
                          timeout=120, check=True)
    lines = int(done.stdout.split()[-1])
    claims = [folder / str(n) for n in range(lines)]
    left = [p for p in claims if p.exists()]
    assert 0 < len(left) < lines  # (killed before the claim was made, and after)
    for p in left:
        assert p.read_text(encoding="ascii").isdigit(), f"claim {p.name} is empty"
        assert batch._taken_by_the_dead(str(p))
    for p in claims:  # the free parts can be taken, the claimed ones not again
        assert batch._claim(str(p)) == (p not in left)
    empty = folder / "empty"  # (any claim without a process id: its taker is gone)
    empty.touch()
    assert batch._taken_by_the_dead(str(empty))


def _run_and_wait(call, seconds: float):  # noqa: ANN001, ANN202
    """``call()`` on a thread: its result, or an AssertionError if it has not ended after ``seconds``."""
    import threading

    box: dict = {}

    def run() -> None:
        try:
            box["result"] = call()
        except BaseException as exc:  # noqa: BLE001
            box["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still waiting after {seconds} s"
    if "error" in box:
        raise box["error"]
    return box["result"], thread


def test_a_part_queued_behind_a_stalled_worker_is_made_by_the_driver_not_waited_for():
    """``StoryIndex.add`` takes back, from a batch's last part down, the parts no worker has started, until it
    meets one a worker has; the parts before that one it reads in order (``_Part.result``). With two workers,
    the parts go round them: when one stalls (here stopped with SIGSTOP), its parts sit queued behind it,
    unclaimed, between parts the other worker has made, and the driver waited for them (until Dask gave the
    worker up, minutes later). It now takes a part no worker has claimed when it needs it. The stories are
    those of a run without workers."""
    from storycheck.batch import _local_cluster_meanwhile
    from storycheck.cluster import StoryIndex
    from storycheck.corpus import read_corpus

    sample = list(read_corpus([SAMPLE]))
    docs = [dataclasses.replace(d, id=f"{k}-{d.id}") for k in range(30) for d in sample]  # 270: 4+ batches
    expected = StoryIndex().add(docs, batch=64)
    with _local_cluster_meanwhile(2, "static") as cluster:
        deadline = time.monotonic() + 60
        while (client := cluster.ready()) is None or len(client.scheduler_info()["workers"]) < 2:
            assert time.monotonic() < deadline, "the cluster did not start"
            time.sleep(0.1)
        first, second = sorted(client.scheduler_info()["workers"])  # (parts 0, 2, 4... go to the first)
        stalled = psutil.Process(client.run(os.getpid, workers=[second])[second])
        parts = cluster.parts()

        def paced():  # the second batch read once the first worker has made its parts of the first batch
            for i, doc in enumerate(docs):
                if i == 128:
                    while not all(parts.submitted[k].future.done() for k in (0, 2, 4, 6)):
                        assert time.monotonic() < deadline, "the first worker did not make its parts"
                        time.sleep(0.01)
                yield doc

        stalled.suspend()
        try:
            got, _ = _run_and_wait(lambda: StoryIndex().add(paced(), batch=64, executor=parts), 90)
            assert int(Path(parts.submitted[1].claim).read_text()) == os.getpid()  # (queued behind the stall)
        finally:
            stalled.resume()
            parts.close()
    assert got == expected


def test_a_part_whose_worker_is_stuck_after_claiming_it_is_made_by_the_driver_after_the_patience():
    """A worker alive but stuck after it claimed a part (here stopped with SIGSTOP) was waited for until Dask
    gave the worker up (minutes; never for a task stuck on a lock or a socket with the worker alive). A part
    held longer than the parts' patience (``run_batch(part_patience=...)``, ``--part-patience``) is made by the
    driver: featurizing is pure, so it is what the worker would have given; the worker's late result is not
    read."""
    from storycheck.batch import _local_cluster_meanwhile
    from storycheck.cluster import ClusterSettings, _featurize_packed, clustering_embedder
    from storycheck.corpus import read_corpus

    rows = [(d.id, d.text, d.title, d.published) for d in read_corpus([SAMPLE])]
    many = [(f"{i}-{r[0]}", *r[1:]) for i in range(400) for r in rows]  # (seconds of work for one worker)
    settings, emb = ClusterSettings(), clustering_embedder()
    with _local_cluster_meanwhile(1, "static", part_patience=1.0) as cluster:
        deadline = time.monotonic() + 60
        while cluster.ready() is None:
            assert time.monotonic() < deadline, "the cluster did not start"
            time.sleep(0.1)
        (pid,) = cluster.ready().run(os.getpid).values()
        stuck = psutil.Process(pid)
        parts = cluster.parts()
        try:
            big = parts.submit(_featurize_packed, many, settings, emb)
            while not os.path.exists(big.claim):
                assert time.monotonic() < deadline, "the worker did not take the part"
                time.sleep(0.005)
            stuck.suspend()
            assert int(Path(big.claim).read_text()) == pid  # (the worker has it)
            made, _ = _run_and_wait(big.result, 60)
            assert _packed_bytes(made) == _packed_bytes(_featurize_packed(many, settings, emb))
            assert big.future is None  # (released: the worker's late result is not read)
        finally:
            stuck.resume()
            parts.close()


def test_the_cli_part_patience_defaults_to_the_batchs():
    import inspect

    from storycheck.cli.batch import batch as command

    assert inspect.signature(command).parameters["part_patience"].default == batch.PART_PATIENCE
    assert inspect.signature(run_batch).parameters["part_patience"].default == batch.PART_PATIENCE


def _no_hard_links(src, dst, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    """``os.link`` on a file system without hard links (FAT answers EPERM; some FUSE mounts ENOTSUP)."""
    import errno

    raise PermissionError(errno.EPERM, "Operation not permitted", src, None, dst)


def test_claims_are_made_without_hard_links_and_the_parts_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Where ``os.link`` fails for want of hard links (an ``--out`` on a FAT stick, some network or FUSE
    mounts) a claim is made with ``O_EXCL`` instead: one taker, its process id in it, no draft left; the
    driver takes and makes the parts no worker started, and the stories are those of a run without workers.
    On the merged wt-bclaim the ``PermissionError`` of ``os.link`` stopped the batch."""
    from concurrent.futures import Future

    from storycheck.cluster import StoryIndex
    from storycheck.corpus import read_corpus

    monkeypatch.setattr(os, "link", _no_hard_links)
    claim = str(tmp_path / "0")
    assert batch._claim(claim) and not batch._claim(claim)
    assert int(Path(claim).read_text(encoding="ascii")) == os.getpid()
    assert not batch._taken_by_the_dead(claim)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0"]  # (no draft left)

    sample = list(read_corpus([SAMPLE]))
    docs = [dataclasses.replace(d, id=f"{k}-{d.id}") for k in range(20) for d in sample]
    expected = StoryIndex().add(docs, batch=64)
    starting: Future = Future()  # (a cluster still starting: the driver makes every part)
    parts = batch._Cluster(starting, "static").parts(tmp_path)
    try:
        assert StoryIndex().add(docs, batch=64, executor=parts) == expected
        assert len(parts.submitted) > 8
        assert all(int(Path(p.claim).read_text(encoding="ascii")) == os.getpid() for p in parts.submitted)
    finally:
        parts.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["0"]


class _SlowFuture:
    """A Dask future's calls ``_Part.result`` makes, of a task that gives ``value`` ``seconds`` from now."""

    def __init__(self, value: str, seconds: float) -> None:
        self.value, self.at = value, time.monotonic() + seconds

    def result(self, timeout: float) -> str:
        left = self.at - time.monotonic()
        if left > timeout:
            time.sleep(timeout)
            raise TimeoutError
        time.sleep(max(left, 0))
        return self.value

    def cancel(self) -> None:
        pass

    def release(self) -> None:
        return None


def test_the_part_patience_runs_on_the_drivers_clock_not_the_claims_modification_time(tmp_path: Path):
    """A part held by a live worker is waited for ``patience`` seconds of the driver's own (monotonic) clock.
    The merged wt-bclaim counted from the claim's modification time, which is the file system's clock (a
    network mount's server's, 2-second local time on FAT) against this process's wall clock: a claim whose
    time read an hour old (a clock behind, or stepped) had every part a worker held made twice at once."""
    from concurrent.futures import Future

    holder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])  # noqa: S603 - a live worker
    try:
        parts = batch._Cluster(Future(), "static", part_patience=30.0).parts(tmp_path)
        claim = Path(parts.folder) / "0"
        claim.write_text(str(holder.pid), encoding="ascii")
        hour_ago = time.time() - 3600
        os.utime(claim, (hour_ago, hour_ago))
        part = batch._Part(parts, str(claim), lambda: "made by the driver", ())
        part.future = _SlowFuture("the worker's", 1.0)
        assert part.result() == "the worker's"  # (waited for, not made again)

        parts.patience = 0.5  # a worker that never gives it: made here once the patience is over
        stuck = batch._Part(parts, str(claim), lambda: "made by the driver", ())
        stuck.future = _SlowFuture("the worker's", 3600)
        t0 = time.monotonic()
        assert stuck.result() == "made by the driver"
        assert 0.5 <= time.monotonic() - t0 < 30 and stuck.future is None
        parts.close()
    finally:
        holder.kill()
        holder.wait()
