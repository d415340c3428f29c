"""Batch runs: a corpus into stories (``cluster``), the engine on every story (on Dask), reports on disk.

Why it is built this way:

- **The engine's own functions.** A story is compared by ``storycheck.core.compare_documents`` and written
  with ``storycheck.report.to_dict``; the single-process run (``workers=0``) and a Dask run call the same
  ``run_story``, so their outputs are identical.
- **Dask, not a home-made pool.** Without a scheduler address a ``distributed.LocalCluster`` is started
  (one single-threaded worker process per core asked for); with one, that cluster is used. Stories are
  submitted as tasks; results come back to this process, which alone writes files, so workers need no
  shared file system and a worker killed mid-task only means Dask runs that task again elsewhere.
- **Resumable, exactly once.** Clustering is deterministic, so a restarted run finds the same stories.
  ``manifest.json`` (written first, atomically) names the corpus fingerprint, the settings and every
  story with its members. Each story's report is written to a temporary file and renamed to
  ``stories/<id>.json``: a file under that name is complete, and a story whose file exists is never run
  again. A run killed at any point (``kill -9``) and started again writes each remaining story once; a
  leftover temporary file (``.<id>.json.*``) is never read and is removed on restart.
- **Ranked.** At the end ``stories.jsonl`` lists every compared story, most conflicts first, and
  ``summary.json`` has the counts (articles, stories, findings by kind and type, bad rows, time).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storycheck.cluster import ClusterSettings, StoryIndex
from storycheck.corpus import read_corpus
from storycheck.errors import OutputMismatch, SchedulerUnavailable, StorycheckError, StoryFailed
from storycheck.files import write_atomic
from storycheck.ingest import MAX_BYTES
from storycheck.records import Document

__all__ = ["BatchSummary", "run_batch", "run_story"]

MANIFEST = "manifest.json"
STORIES = "stories"


@dataclass
class BatchSummary:
    articles: int = 0
    rows: int = 0
    bad_rows: int = 0
    bad_by_code: dict[str, int] = field(default_factory=dict)
    stories: int = 0  # stories of two or more distinct articles: those the engine compares
    singletons: int = 0  # articles alone in their story: nothing to compare them with
    written: int = 0  # story reports written by this run
    resumed: int = 0  # story reports found complete from an earlier run
    failed: int = 0  # stories the engine refused (e.g. identical texts), recorded as such
    findings_by_kind: dict[str, int] = field(default_factory=dict)
    conflicts_by_type: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    scheduler: str = ""
    out: str = ""


_CACHE = None


def run_story(story_id: str, documents: Sequence[Document], embedder: str = "static") -> dict[str, Any]:
    """One story through the engine: the report as JSON-ready data, or a coded failure record.

    Runs on a Dask worker or in this process alike; a per-process analysis cache is kept, since the
    same text (a wire story) often sits in many stories' inputs across a corpus.
    """
    global _CACHE
    from storycheck.core import AnalysisCache, compare_documents
    from storycheck.report import to_dict

    if _CACHE is None:
        _CACHE = AnalysisCache(512)
    try:
        report = compare_documents(list(documents), embedder=embedder, cache=_CACHE)
    except StorycheckError as exc:
        err = StoryFailed(story=story_id, detail=str(exc))
        return {"story": story_id, "status": "failed", "code": exc.code, "error": str(err)}
    return {"story": story_id, "status": "ok", "report": to_dict(report)}


def _fingerprint(inputs: Sequence[Path], settings: ClusterSettings, embedder: str, max_bytes: int) -> str:
    """The corpus (paths, sizes, modification times) and the settings: a resumed run must match it."""
    h = hashlib.sha256()
    for path in sorted(str(Path(p).resolve()) for p in inputs):
        h.update(path.encode())
        for root, _dirs, files in os.walk(path) if os.path.isdir(path) else [("", [], [path])]:
            for name in sorted(files):
                full = os.path.join(root, name)
                try:
                    st = os.stat(full)
                except OSError:
                    continue
                h.update(f"{full}:{st.st_size}:{st.st_mtime_ns}".encode())
    h.update(json.dumps(dataclasses.asdict(settings), sort_keys=True).encode())
    h.update(f"{embedder}:{max_bytes}".encode())
    return h.hexdigest()[:16]


def run_batch(
    inputs: Sequence[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    scheduler: str | None = None,
    workers: int = 2,
    embedder: str = "static",
    settings: ClusterSettings | None = None,
    max_bytes: int = MAX_BYTES,
    progress: Callable[[str, int, int], None] | None = None,
) -> BatchSummary:
    """Cluster the corpus, compare every story of two or more articles, write reports and a ranking.

    ``workers=0`` runs every story in this process (no Dask); otherwise a ``LocalCluster`` of ``workers``
    processes is started, or the cluster at ``scheduler`` (``tcp://host:port``) is used.
    ``progress(stage, done, total)`` is called as stories complete.
    """
    settings = settings or ClusterSettings()
    out = Path(out)
    paths = [Path(p) for p in inputs]
    summary = BatchSummary(out=str(out))
    clock = time.perf_counter()

    # 1. read and cluster (the texts of the run are kept: every multi-article story needs them)
    corpus = read_corpus(paths, max_bytes=max_bytes)
    documents: dict[str, Document] = {}

    def stream():
        for doc in corpus:
            documents[doc.id] = doc
            yield doc

    index = StoryIndex(settings)
    index.add(stream())
    summary.articles, summary.rows = corpus.documents, corpus.rows
    summary.bad_rows, summary.bad_by_code = corpus.skipped, corpus.bad_by_code()
    summary.seconds["read_and_cluster"] = round(time.perf_counter() - clock, 3)

    stories = [s for s in index.live() if len(s.members) >= 2]
    summary.stories = len(stories)
    summary.singletons = sum(1 for s in index.live() if len(s.members) == 1)

    # 2. the manifest: written once; a resumed run must find the same corpus, settings and stories
    manifest = {
        "fingerprint": _fingerprint(paths, settings, embedder, max_bytes),
        "settings": dataclasses.asdict(settings),
        "embedder": embedder,
        "inputs": [str(p) for p in paths],
        "stories": {s.id: s.members for s in stories},
        "links": {s.id: [dataclasses.asdict(link) for link in s.links] for s in stories},
        "bad_rows": [dataclasses.asdict(b) for b in corpus.bad_rows],
    }
    folder = out / STORIES
    manifest_path = out / MANIFEST
    if manifest_path.exists():
        old = json.loads(manifest_path.read_text(encoding="utf-8"))
        if old.get("fingerprint") != manifest["fingerprint"] or old.get("stories") != manifest["stories"]:
            raise OutputMismatch(input=str(out), detail=f"manifest fingerprint {old.get('fingerprint')}")
    else:
        write_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1))
    folder.mkdir(parents=True, exist_ok=True)
    for leftover in folder.glob(".*.json.*"):  # temporary files of a killed run: never complete
        leftover.unlink(missing_ok=True)
    done = {p.stem for p in folder.glob("*.json")}
    pending = [s for s in stories if s.id not in done]
    summary.resumed = len(stories) - len(pending)

    # 3. the engine on every pending story
    clock = time.perf_counter()
    total, count = len(stories), summary.resumed
    if progress:
        progress("stories", count, total)

    def record(result: dict[str, Any]) -> None:
        nonlocal count
        result["links"] = manifest["links"][result["story"]]
        write_atomic(folder / f"{result['story']}.json", json.dumps(result, ensure_ascii=False))
        summary.written += 1
        count += 1
        if progress:
            progress("stories", count, total)

    if workers <= 0 and scheduler is None:
        summary.scheduler = "in-process"
        for s in pending:
            record(run_story(s.id, [documents[d] for d in s.members], embedder))
    elif pending:
        summary.scheduler = _run_dask(pending, documents, embedder, scheduler, workers, record)
    else:
        summary.scheduler = scheduler or f"LocalCluster({workers})"
    summary.seconds["stories"] = round(time.perf_counter() - clock, 3)

    # 4. ranking and summary, from the files (so a resumed run counts what earlier runs wrote)
    _rank(out, [s.id for s in stories], summary)
    summary.seconds["total"] = round(sum(summary.seconds.values()), 3)
    write_atomic(out / "summary.json", json.dumps(dataclasses.asdict(summary), indent=1))
    return summary


def _run_dask(pending, documents, embedder, scheduler, workers, record) -> str:  # noqa: ANN001
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    try:
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as exc:
                raise SchedulerUnavailable(input=scheduler, detail=str(exc)) from exc
            name = scheduler
        else:
            cluster = LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                silence_logs=40,
            )
            client = Client(cluster)
            name = f"LocalCluster({workers} workers)"
        with client:
            futures = [
                client.submit(run_story, s.id, [documents[d] for d in s.members], embedder, key=f"story-{s.id}",
                              retries=2, pure=False)
                for s in pending
            ]
            for future in as_completed(futures):
                record(future.result())
                future.release()
        return name
    finally:
        if cluster is not None:
            cluster.close()


def _rank(out: Path, story_ids: list[str], summary: BatchSummary) -> None:
    kinds: Counter[str] = Counter()
    conflicts: Counter[str] = Counter()
    rows = []
    for sid in story_ids:
        path = out / STORIES / f"{sid}.json"
        if not path.exists():
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("status") != "ok":
            summary.failed += 1
            rows.append({"story": sid, "status": data.get("status"), "code": data.get("code"), "conflicts": 0})
            continue
        s = data["report"]["summary"]
        kinds.update(s["by_kind"])
        conflicts.update(s["conflicts_by_type"])
        rows.append({
            "story": sid,
            "status": "ok",
            "documents": s["documents"],
            "conflicts": s["by_kind"].get("conflict", 0),
            "single_source": s["by_kind"].get("single_source", 0),
            "findings": s["findings"],
            "conflicts_by_type": s["conflicts_by_type"],
            "titles": [d.get("title") for d in data["report"]["documents"]][:3],
            "file": f"{STORIES}/{sid}.json",
        })
    rows.sort(key=lambda r: (-r["conflicts"], -r.get("single_source", 0), r["story"]))
    write_atomic(out / "stories.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows))
    summary.findings_by_kind = dict(kinds)
    summary.conflicts_by_type = dict(conflicts.most_common())
