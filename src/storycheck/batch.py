"""Batch runs: a corpus into stories (``cluster``), the engine on every story (on Dask), reports on disk.

Why it is built this way:

- **The engine's own functions.** A story is compared by ``storycheck.core.compare_documents`` and written
  with ``storycheck.report.to_dict``; the single-process run (``workers=0``) and a Dask run call the same
  ``run_story``, so their outputs are identical. The engine runs on one thread (BLAS, OpenMP, torch's
  intra-op pool) wherever it runs: its results depend on torch's thread count (measured on a 10k batch:
  12 of 556 story reports differed, e.g. a finding's confidence 0.871 with one thread and 0.797 with two),
  and Dask's workers run with ``OMP_NUM_THREADS=1`` while this process may not.
  With that, a 10k batch still gave 9 of 556 reports that differ between the two runs: alignment broke
  top-k ties in set order, which follows each process's ``PYTHONHASHSEED`` (fixed in ``align``; reports
  are now identical across hash seeds, tests/test_determinism.py).
- **Dask, not a home-made pool.** Without a scheduler address a ``distributed.LocalCluster`` is started
  (one single-threaded worker process per core asked for); with one, that cluster is used. Stories are
  submitted as tasks; results come back to this process, which alone writes files, so workers need no
  shared file system and a worker killed mid-task only means Dask runs that task again elsewhere.
  The LocalCluster started here runs its periodic chores less often than Dask's defaults
  (``LOCAL_WORKER_CONFIG``: ~5 CPU-s fewer of a 3k batch's ~80, on the cores the engine runs on), and its
  workers, once closed, end without freeing their heap object by object (``LocalWorkerSetup``, a worker plugin:
  restarted workers get it too). While this process reads and clusters, the LocalCluster's workers featurize
  parts of the corpus's batches (``_ClusterParts``, ``StoryIndex.add``'s executor), then load the models: the
  driver read, featurized and assigned on one core while the other waited for the stories.
- **Resumable, exactly once.** Clustering is deterministic, so a restarted run finds the same stories.
  ``manifest.json`` (written first, atomically) names the corpus fingerprint, the settings, the engine
  (a digest of this package's files: a run resumed by another version of storycheck would mix its reports
  with the old version's, so it is refused) and every story with its members. Each story's report is written to a temporary file and renamed to
  ``stories/<id>.json``: a file under that name is complete, and a story whose file exists is never run
  again. A run killed at any point (``kill -9``) and started again writes each remaining story once; a
  leftover temporary file (``.<id>.json.*``) is never read and is removed on restart, as is the folder of
  featurize claims (``.parts-*``, ``_ClusterParts``) of a run killed while it read.
- **Nothing analysed twice, nothing lost.** The parse is the cost of a batch (~0.1 s per article per core
  when parsed whole), and a news stream repeats itself: within a story, an exact copy of an article (same
  text) or a near-exact one (word 3-shingle Jaccard >= ``COPY_JACCARD`` and at most ``COPY_MAX_WORDS``
  words removed or added, none of them a figure, a name or a negation, which the engine would compare) is
  not analysed: it is
  recorded as a copy of its representative, with the Jaccard and the words that differ. A story of one
  article has nothing to compare. Every article's fate (``compared``, ``copy``, ``singleton``, or
  ``only_text`` when all other articles of its story are copies of it) is written to ``articles.jsonl``
  and in its story's file, and counted in the summary with the number of texts this run analysed.
  Analyses are also cached by content hash in each worker process (texts repeated across stories), and
  below that the engine parses sentence by sentence, each distinct sentence once per process
  (``nlp.parse``): the rewrites of one story share most of their sentences. Measured on the 3k benchmark
  corpus (in one process): 9,744 distinct pieces parsed for 2,443 analysed texts; spaCy's neural components
  on those pieces (~5 ms each: NER ~2.7, tok2vec ~1.4, parser ~0.7; the rule components are looked up token
  by token, ``nlp.TokenRules``) are ~60% of the CPU, analysis, alignment and judging ~25%; ~40% less for the
  neural part since its matrix products go through numpy's BLAS (``nlp._numpy_gemm``), and ~20% less for
  the whole parse since the entity recognizer's transition loop is decoded in numpy (``nlp.GreedyEntities``;
  the 10,664 pieces of the 3k corpus on one thread: 46.8 -> 37.1 CPU-s, every annotation equal), and the dependency
  parser's states are scored in numpy (``nlp.GreedyParser``: its step on those pieces ~6.7 -> ~5.0 CPU-s, every
  annotation equal). Pieces are parsed per
  story (batches of a few dozen): parsing the pieces of 40 stories in one call was no faster within the
  noise (~5.3 against ~5.0 ms a piece in batches of 35 and 256).
- **The next day joins the stories of the day before** (``follow``, ``keep_state``). A run keeps nothing
  between runs unless asked: ``keep_state`` saves its index, texts and stories' members at its end, in its own
  folder, and a run that ``follow``s it loads them, adds its corpus (articles held by id skipped) and runs only the
  stories its articles changed or opened, under the same ids and store names (a stored story replaced, texts and
  report, in one transaction). The followed folder is only read and the new state is saved last, so a run killed
  anywhere and started again resumes from the same followed state (clustering is deterministic) and any state a
  follower finds is a finished run's. Clustering a stream whole each day instead would re-run every story.
- **Ranked.** At the end ``stories.jsonl`` lists every compared story, most conflicts first, and
  ``summary.json`` has the counts (articles, stories, findings by kind and type, bad rows, noted rows, time).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import gc
import hashlib
import json
import logging
import os
import re
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storycheck import native
from storycheck.cluster import ClusterSettings, StoryIndex
from storycheck.core import AnalysisCache, compare_documents
from storycheck.corpus import read_corpus
from storycheck.digest import engine_digest
from storycheck.errors import (
    FollowInUse,
    FollowLockLost,
    FollowMismatch,
    NoArticles,
    OutputError,
    OutputInUse,
    OutputMismatch,
    SchedulerUnavailable,
    StorycheckError,
    StoryExists,
    StoryFailed,
    StoryNotFound,
    UnreadableManifest,
)
from storycheck.files import make_folder, real_path, write_atomic
from storycheck.ingest import MAX_BYTES
from storycheck.lru import made_once
from storycheck.records import Document, Notice
from storycheck.regroup import thread_controller
from storycheck.report import to_dict

__all__ = ["BatchSummary", "run_batch", "run_story"]

MANIFEST = "manifest.json"
# A featurize part the driver has waited this long for, held by a worker, is made by the driver (``_Part.result``):
# a part of 256 articles takes ~0.15 CPU-s (0.4-0.8 s of wall time on this 2-core machine at load 10); a worker
# alive but stuck would be waited for until Dask gave it up, if ever. Featurizing is pure: the same output.
PART_PATIENCE = 30.0
ARTICLES = "articles.jsonl"
STORIES = "stories"


@dataclass
class BatchSummary:
    articles: int = 0
    rows: int = 0
    bad_rows: int = 0
    bad_by_code: dict[str, int] = field(default_factory=dict)
    # rows read with a notice (E605 a renamed id, E606/E607/E609/E618 a ``published`` read otherwise, E602 and E608
    # files): the terminal summary counted them from the manifest, summary.json a monitor reads had none of them
    noted_by_code: dict[str, int] = field(default_factory=dict)
    stories: int = 0  # stories of two or more distinct articles: those the engine compares
    singletons: int = 0  # articles alone in their story: nothing to compare them with
    written: int = 0  # story reports written by this run
    stored: int = 0  # stories this run put into the store (``db``), those an earlier run wrote without it included
    resumed: int = 0  # story reports found complete from an earlier run
    failed: int = 0  # stories the engine refused (e.g. no readable text), recorded as such
    copy_stories: int = 0  # stories of two or more articles that are all copies of one text: nothing to compare
    fates: dict[str, int] = field(default_factory=dict)  # articles by fate: compared, copy, singleton, only_text
    exact_copies: int = 0  # copies with the same text as their representative (the others differ by a few words)
    analysed: int = 0  # texts this run parsed and analysed (copies, singletons and cache hits are not)
    findings_by_kind: dict[str, int] = field(default_factory=dict)
    conflicts_by_type: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    scheduler: str = ""
    out: str = ""
    store_prefix: str = ""  # what the names of the run's stories in the store begin with (``store_prefix``)
    follows: str = ""  # the run whose stories this one continues (``run_batch(follow=...)``), if any
    known: int = 0  # articles of the corpus the followed run's index already held (by id): not clustered again
    # ...of which the text is not the one held (a correction under the same id): the new text replaces the held one
    # and the story holding it is run again with it (it keeps its place: the index is not asked again); their ids
    # (the first few), so an editor sees which corrections reached the report
    known_changed: int = 0
    known_changed_ids: list[str] = field(default_factory=list)
    untouched: int = 0  # the followed run's stories this run's articles did not change: not run again
    # ...of which the store (``db``) lacked the followed run's version (a run of the chain without --db, or another
    # store): put from the chain's story files, or deleted when that run merged them away (``_Keeper.fill``)
    filled: int = 0
    merged_away: int = 0  # the followed run's stories this run's articles merged into another (out of the store)


BATCH_FORMAT = 2  # part of the fingerprint: an output folder of another format is not resumed
COPY_JACCARD = 0.9  # word 3-shingle Jaccard (exact) from which a text may be a copy of another...
COPY_MAX_WORDS = 4  # ...when at most this many words are removed or added, none of them substantive
_NEGATIONS = frozenset("not no never none nobody nothing neither nor without cannot n't".split())

_CACHE = None


def _analysis_cache() -> AnalysisCache:
    """The process's analysis cache, made once under a lock (``lru.made_once``): a Dask worker of several threads
    runs stories at once, and two meeting None each made one, so a story counted its ``analysed`` from a cache
    another thread had replaced."""
    return made_once(globals(), "_CACHE", lambda: AnalysisCache(512))


def run_story(story_id: str, documents: Sequence[Document], embedder: str = "static") -> dict[str, Any]:
    """One story through the engine: the report already JSON-encoded, or a coded failure record.

    The report goes back as the text its story file holds (``report_json``), with the few fields the
    ranking reads (``summary``, ``titles``): a report can weigh MBs, and a nested dict was pickled on the
    worker, unpickled on the driver and only then encoded there, on the one process that writes every file.
    ``story_text`` composes the file from it, byte for byte what ``json.dumps`` of the whole record gives.

    Runs on a Dask worker or in this process alike; a per-process analysis cache is kept (models are
    loaded once per process too), since the same text (a wire story) can sit in several stories. The
    number of texts parsed is returned under ``analysed`` for the summary; it is not written to the story's
    file (it depends on which worker ran the story, the file must not).
    """
    cache = _analysis_cache()
    misses = cache.misses
    try:
        warm_up(embedder)  # loaded first (once): the thread limits apply to the libraries they bring
        with _one_thread():
            report = compare_documents(list(documents), embedder=embedder, cache=cache)
    except StorycheckError as exc:
        # its message once, its code once: ``[E613] story s1: nothing to compare: ... (E201)``, not two
        # bracketed codes; the record's ``code`` is the engine's
        where = f"{exc.input}: " if exc.input and exc.input not in exc.message else ""
        err = StoryFailed(story=story_id, detail=f"{where}{exc.message} ({exc.code})")
        return {"story": story_id, "status": "failed", "code": exc.code, "error": str(err),
                "analysed": cache.misses - misses}
    data = to_dict(report)
    return {"story": story_id, "status": "ok", "report_json": json.dumps(data, ensure_ascii=False),
            "summary": data["summary"], "titles": _titles(data), "analysed": cache.misses - misses}


def story_text(result: dict[str, Any], links: list[dict[str, Any]], members: list[dict[str, Any]]) -> str:
    """A story's file: ``json.dumps({"story", "status", "report", "links", "members"})`` with the report's
    text as encoded by ``run_story`` put in place (not decoded and encoded again)."""
    if "report_json" not in result:
        return json.dumps({**result, "links": links, "members": members}, ensure_ascii=False)
    return "".join((
        '{"story": ', json.dumps(result["story"], ensure_ascii=False), ', "status": "ok", "report": ',
        result["report_json"], ', "links": ', json.dumps(links, ensure_ascii=False),
        ', "members": ', json.dumps(members, ensure_ascii=False), "}",
    ))


def _titles(report: dict[str, Any]) -> list[str]:
    """The first three titles the story's reports have, in the report's order: a story's row in
    ``stories.jsonl`` says what it is about. The first three reports' titles were taken, ``None`` or not: a
    story of three untitled feed rows and a titled HTML page listed ``[null, null, null]``."""
    return [t for t in (d.get("title") for d in report["documents"]) if t][:3]


@contextlib.contextmanager
def _one_thread():  # noqa: ANN202
    """BLAS, OpenMP and torch (loaded by spaCy's thinc) on one thread for the engine: its results depend on
    the thread count (see the module's notes), and Dask's workers have one.

    The native libraries are found by threadpoolctl's cached controller (``regroup.thread_controller``), not by a
    new ``threadpool_limits`` per story, which reads ``/proc/self/maps`` and inspects every library mapped
    (~2.5 ms a story, ~0.8% of a worker's CPU on the 3k batch)."""
    torch = sys.modules.get("torch")
    before = torch.get_num_threads() if torch is not None else None
    try:
        if torch is not None:
            torch.set_num_threads(1)
        with thread_controller().limit(limits=1):
            yield
    finally:
        if torch is not None:
            torch.set_num_threads(before)


FULL_GC_AFTER = 1000  # the engine's cyclic collector: a full collection after this many of the middle generation
YOUNG_GC_AFTER = 20_000  # ...and a young one after this many new containers (Python's default: 700)


def _rare_full_collections() -> tuple[int, int, int]:
    """Make the cyclic garbage collector's full collections (of the oldest generation) rare in this process;
    returns the thresholds before.

    The engine allocates many short-lived containers (records, token lists) beside long-lived ones (the
    models, the analysis and piece caches, and in one process the clustering's index): a full collection
    walks them all, ~0.3 s each on the 3k benchmark batch, and Python's default (one after 10 collections of
    the middle generation, once the old generation has grown by a quarter) ran 17-31 of them, ~6 of the
    run's ~85 CPU-s. Young garbage is collected after ``YOUNG_GC_AFTER`` new containers, not 700: the
    engine's own cycles are few, and at 700 the young collections of a 1k-article story stage (2,265 of them
    and 205 of the middle generation) took 0.56 of its 19.3 CPU-s, at 20,000 0.34 (session 31; a collection
    walks the young objects, most of them alive, so rarer ones walk each fewer times). Set for the whole story
    stage (here) or for the life of a worker of the batch's own LocalCluster (``LocalWorkerSetup``): set and
    restored around each story, the full collections only moved to the gaps between stories."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], YOUNG_GC_AFTER), before[1], max(before[2], FULL_GC_AFTER))
    return before


@dataclass(slots=True)
class Fate:
    """What the batch did with one article (``articles.jsonl``, and ``members`` in its story's file)."""

    id: str
    story: str
    fate: str  # "compared" | "copy" | "singleton" | "only_text"
    copy_of: str | None = None  # the representative whose analysis stands for this copy
    jaccard: float | None = None  # word 3-shingle Jaccard with ``copy_of`` (exact, not a MinHash estimate)
    changed: list[str] | None = None  # the words that differ from ``copy_of``: "-removed", "+added"


def _shingles(words: list[str]) -> set[tuple[str, ...]]:
    """The word 3-shingles (a text of fewer than three words: itself). ``zip`` makes the tuples ~3x faster
    than slicing (the same set: tests/test_plan_story.py)."""
    if len(words) < 3:
        return {tuple(words)}
    return set(zip(words, words[1:], words[2:], strict=False))


def _substantive(word: str) -> bool:
    """A word the engine compares (a figure, a name, a negation): a text that changes one is no copy."""
    return any(c.isdigit() or c.isupper() for c in word) or word.lower().strip(".,;:!?\"'“”’()") in _NEGATIONS


def _copy_diff(a: list[str], b: list[str]) -> list[str] | None:
    """The words removed from ``a`` and added in ``b`` when they are few and not substantive, else None."""
    from difflib import SequenceMatcher

    changed: list[str] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        changed += [f"-{w}" for w in a[i1:i2]] + [f"+{w}" for w in b[j1:j2]]
        if len(changed) > COPY_MAX_WORDS:
            return None
    return None if any(_substantive(w[1:]) for w in changed) else changed


def plan_story(story_id: str, members: Sequence[Document]) -> list[Fate]:
    """The fate of each member of one story, in member order: representatives are compared, copies are not.

    Deterministic (it depends on the texts, their ``published`` and their order only), so a resumed or
    distributed run plans the same. Members are met earliest published first (``lineage._when_key``: a date
    alone after the timed reports of its day, no date last; reading order at a tie) and each is checked against
    the representatives met before it, closest length first. Why not reading order alone: a repost listed (or
    clustered) before its original was compared and the original reported as its copy (session 28's walk); a
    reader takes the earliest published text for the original, and the lineage orders by the same key.
    """
    if len(members) == 1:
        return [Fate(members[0].id, story_id, "singleton")]
    from storycheck.lineage import _when_key  # (the lineage's order of publication: one meaning of "earlier")

    order = sorted(range(len(members)), key=lambda i: _when_key(members[i].published))  # (stable: reading order)
    fates: list[Fate] = []
    # representative, its words, its shingles, its set of words (made the first time a text of a close
    # length meets it: most representatives never do)
    reps: list[list] = []
    by_hash: dict[str, str] = {}
    for doc in (members[i] for i in order):
        digest = doc.hash  # (a property: sha256 of the text on each read)
        twin = by_hash.get(digest)
        if twin is not None:
            fates.append(Fate(doc.id, story_id, "copy", twin, 1.0, []))
            continue
        words = doc.text.split()
        shingles = vocabulary = None
        found = None
        for entry in sorted(reps, key=lambda r: abs(len(r[1]) - len(words))):
            rep, rep_words, rep_shingles, rep_vocabulary = entry
            if abs(len(rep_words) - len(words)) > COPY_MAX_WORDS:
                break
            # A word one text has and the other lacks is removed or added in any alignment: more than
            # COPY_MAX_WORDS of them and ``_copy_diff`` says None, whatever the Jaccard (on the 3k batch
            # most pairs of a close length end here, before their shingles are made).
            vocabulary = vocabulary if vocabulary is not None else set(words)
            if rep_vocabulary is None:
                rep_vocabulary = entry[3] = set(rep_words)
            if len(vocabulary ^ rep_vocabulary) > COPY_MAX_WORDS:
                continue
            shingles = shingles if shingles is not None else _shingles(words)
            if rep_shingles is None:
                rep_shingles = entry[2] = _shingles(rep_words)
            common = len(shingles & rep_shingles)
            jaccard = common / (len(shingles) + len(rep_shingles) - common)  # (the union's size, not made)
            if jaccard < COPY_JACCARD:
                continue
            changed = _copy_diff(rep_words, words)
            if changed is not None:
                found = Fate(doc.id, story_id, "copy", rep.id, round(jaccard, 4), changed)
                break
        if found is not None:
            fates.append(found)
            continue
        by_hash[digest] = doc.id
        reps.append([doc, words, shingles, vocabulary])
        fates.append(Fate(doc.id, story_id, "compared"))
    if len(reps) == 1:
        fates = [dataclasses.replace(f, fate="only_text") if f.fate == "compared" else f for f in fates]
    placed: list[Fate] = [None] * len(members)  # type: ignore[list-item]  (each filled once below)
    for i, fate in zip(order, fates, strict=True):
        placed[i] = fate
    return placed


def _fingerprint(
    inputs: Sequence[Path], settings: ClusterSettings, embedder: str, max_bytes: int, follows: str = ""
) -> str:
    """The corpus (paths, sizes, modification times), the settings, the engine and the state of the run it
    follows (its token): a resumed run must match it."""
    h = hashlib.sha256()
    h.update(engine_digest().encode())
    if follows:
        h.update(f"follows:{follows}".encode())
    for path in sorted(str(real_path(p)) for p in inputs):  # a symlink loop is the reader's E113
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
    h.update(f"{embedder}:{max_bytes}:{BATCH_FORMAT}:{COPY_JACCARD}:{COPY_MAX_WORDS}".encode())
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
    part_patience: float = PART_PATIENCE,
    db: str | None = None,
    store_name: str | None = None,
    follow: str | os.PathLike[str] | None = None,
    keep_state: bool = False,
) -> BatchSummary:
    """Cluster the corpus, compare every story of two or more distinct texts, write reports and a ranking.

    ``workers=0`` runs every story in this process (no Dask); otherwise a ``LocalCluster`` of ``workers``
    processes is started, or the cluster at ``scheduler`` (``tcp://host:port``) is used.
    ``progress(stage, done, total)`` is called as stories complete. While the driver reads, a started
    ``LocalCluster``'s workers featurize parts of the corpus; a part the driver needs and has waited for
    longer than ``part_patience`` seconds, held by a worker, is made by the driver (the worker is stuck; the
    outputs are the same). An ``out`` that cannot be made is an
    ``OutputError`` before anything is read; a corpus of which no row is readable is ``NoArticles``, with
    nothing written.

    With ``db`` (a SQLite path or a database URL) every story of two or more texts is also put into the
    store, named ``<store_name>:<story id>`` (``store_name`` defaults to the out folder's name; ``batch`` without
    ``--out`` gives the corpus's, ``feed`` for ``feed.jsonl``, unless another run took it: ``_new_prefix``): its
    compared texts and its report (or its failure), so ``storycheck stories``, ``show`` and the web page list
    it. The name is chosen at the first start and kept in the manifest (``store_prefix``): a run resumed after
    its folder was renamed or moved names its stories as before (until session 27 it put them all again under the
    new folder's name), and a folder of a run from before session 27 keeps its folder's name. ``out`` stays the run's record and
    what a resumed run reads; a story written there by an earlier run but missing from the store is put from
    its file. A store that cannot be opened is E502 before anything is read.

    With ``keep_state`` the run saves its clustering state (``STATE``: the index, the texts, each story's members)
    in ``out`` once it has finished. With ``follow`` (the folder of such a run) the corpus joins that run's
    stories: its index is loaded, articles it holds by id are skipped (``known``), and only the stories the new
    articles changed or opened are run, under the followed run's ids and store names (a story in the store is
    replaced, ``Store.put_report(replace=True)``); the new state is saved here at the end (``follow`` implies
    ``keep_state``), the followed folder is only read. Other settings or another engine than the followed run's
    are E616, before the corpus is read.
    """
    make_folder(Path(out))
    followed = _load_state(Path(follow), Path(out), settings or ClusterSettings(), embedder) if follow else None
    with contextlib.ExitStack() as stack:
        stack.enter_context(_held(Path(out)))
        store = None
        if db is not None:
            from storycheck.store import Store

            store = stack.enter_context(Store(db))
        if followed is not None:  # one follower of a run (and of its chain's stories) at a time (``_following``)
            stack.enter_context(_following(followed, store))
        connect, warm = None, []
        if scheduler is not None:  # connected first: a wrong address fails before the corpus is read
            client, name = stack.enter_context(_dask(scheduler, workers))
            warm = _warm_up_workers(client, warm_up, embedder)  # (the workers load their models meanwhile)
            connect = lambda: client  # noqa: E731
        elif workers > 0:  # started on a thread of its own while this one reads and clusters
            connect = stack.enter_context(_local_cluster_meanwhile(workers, embedder, part_patience))
            name = f"LocalCluster({workers} workers)"
        else:
            name = "in-process"
        summary = _run(inputs, out, connect, name, embedder, settings or ClusterSettings(), max_bytes, progress, store,
                       store_name, followed, keep_state or followed is not None)
        del warm
    return summary


def _warm_up_workers(client, setup: Callable[[str], int], embedder: str, priority: int = 0) -> list:  # noqa: ANN001
    """Each worker loads the models (``setup``) as soon as it is up: the futures, to be kept until the end."""
    return [client.submit(setup, embedder, workers=[w], allow_other_workers=False, pure=False, key=f"warm-up-{i}",
                          priority=priority)
            for i, w in enumerate(client.scheduler_info()["workers"])]


def _set_up_local_workers(client, embedder: str) -> None:  # noqa: ANN001
    """The batch's settings on every worker of its own LocalCluster, those the nanny restarts included, as
    each joins (``LocalWorkerSetup``). The models load later, as a task on each (``_Cluster.warm``): the
    plugin runs on the worker's event loop, which must stay free."""
    client.register_plugin(LocalWorkerSetup(embedder))


class _Cluster:
    """The batch's own ``LocalCluster`` as it starts on a thread of its own (``_local_cluster_meanwhile``).

    Called, it waits for the cluster and returns its client, each worker loading the models by then (or
    raises what stopped the cluster from starting). Before that, while the driver reads and clusters, its
    workers featurize parts of the corpus's batches for ``StoryIndex.add`` (``parts``: the driver assigned
    and read on one core while the other waited for the stories, ~4 core-s of a 3k batch's ~60); they load
    the models once the corpus is read (``read``), after the parts of its last batch: a worker runs a
    higher-priority task first, and loading the models first made it miss the first batch's parts."""

    def __init__(self, started, embedder: str, part_patience: float = PART_PATIENCE) -> None:  # noqa: ANN001 - a concurrent.futures.Future
        self.started, self.embedder, self.part_patience = started, embedder, part_patience
        self.warm_ups: list | None = None  # the warm-up futures, to be kept until the end
        self.corpus_read = False

    def __call__(self):  # noqa: ANN204
        client = self.started.result()[1]
        self.warm(client)
        return client

    def ready(self):  # noqa: ANN201
        """The client when the cluster is up (without waiting for it), else None."""
        started = self.started
        if started is None or not started.done() or started.exception() is not None:
            return None
        return started.result()[1]

    def read(self) -> None:
        """The corpus is read: the workers load the models once its last batch's parts are submitted."""
        self.corpus_read = True

    def warm(self, client=None) -> None:  # noqa: ANN001
        """Each worker loads the models (once: the warm-up futures are kept until the end)."""
        client = client or self.ready()
        if self.warm_ups is None and client is not None:
            self.warm_ups = _warm_up_workers(client, warm_up, self.embedder, priority=-1)

    def parts(self, within: str | os.PathLike[str] | None = None) -> _ClusterParts:
        """The executor of ``StoryIndex.add``: its claims in a folder made ``within`` the run's output
        folder (the system's temporary folder if None)."""
        return _ClusterParts(self, within, self.part_patience)


def _claim(path: str) -> bool:
    """Take a featurize part (made once: by the worker that takes it first, or the driver): True when this
    process took it. The claim is a file holding the taker's process id (the cluster's workers share this
    machine), whole from the moment it has its name: the id is written to a draft of its own in the same
    folder, which is then linked to the claim's name (``os.link`` fails when the name exists: one taker). A
    file made with ``O_EXCL`` and then written was empty in between: its taker killed there left a claim that
    looked taken by a live process, waited for until Dask ran the task again (``_taken_by_the_dead``).
    On a file system without hard links (FAT, some network and FUSE mounts: ``os.link`` fails with another
    error) the claim is made with ``O_EXCL`` and then written (``_claim_unlinked``) rather than the batch
    stopped on that error."""
    import tempfile

    folder, name = os.path.split(path)
    fd, draft = tempfile.mkstemp(prefix=f".{name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(str(os.getpid()))
        try:
            os.link(draft, path)
        except FileExistsError:
            return False
        except OSError:  # (no hard links here)
            return _claim_unlinked(path)
    finally:
        os.unlink(draft)  # (killed before this, a draft is left: never read, removed with the folder)
    return True


def _claim_unlinked(path: str) -> bool:
    """``_claim`` where the file system has no hard links: the claim made with ``O_EXCL``, then its taker's
    process id written. Empty in between, it counts as dead (``_taken_by_the_dead``): a driver that reads it
    then makes the part too, which is the same output, where waiting could have been for a killed taker."""
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(str(os.getpid()))
    return True


def _taken_by_the_dead(path: str) -> bool:
    """Whether nobody is making a claimed part (``_claim``): the process that took it has ended (a killed
    worker), or the claim holds no process id (unreadable or empty: ``_claim`` leaves none, so its taker
    is gone). Then the driver makes it."""
    import psutil

    try:
        pid = int(Path(path).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return True
    if pid <= 0:
        return True
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _featurize_claimed(claim: str, featurize: Callable, *args: Any) -> Any:
    """A featurize part on a worker: None when the driver (or a worker that died on it) took it first."""
    return featurize(*args) if _claim(claim) else None


class _ClusterParts:
    """``StoryIndex.add``'s executor (``submit``) on the batch's own cluster: each featurize part is a task,
    sent round the workers in order; the driver takes back the parts no worker has started (``cancel``).

    A Dask future says "pending" until its task has ended, so ``cancel`` alone would take back parts a worker
    is computing: a part is taken by a claim instead (``_claim``), by the driver or by the worker that starts
    it, whichever comes first, and the other leaves it. A part the driver needs (``_Part.result``) is made by
    the driver when no worker has taken it yet (queued behind a busy worker, it would wait for that worker's
    part), when its worker died after its claim, when it has waited for its taker longer than ``patience``
    seconds (alive but stuck: its late result is not read), or when it failed. Parts made while the cluster starts go
    to it once it is up.
    Featurizing is per article and pure, and ``add`` assigns the batches in order: the stories are those
    of a run without workers (``StoryIndex.add``)."""

    def __init__(
        self, cluster: _Cluster, within: str | os.PathLike[str] | None = None, patience: float = PART_PATIENCE
    ) -> None:
        import tempfile
        import threading

        self.cluster, self.patience = cluster, patience
        # (in the run's output folder: a driver killed leaves it there, and the next run removes it; in the
        # system's temporary folder nobody would)
        self.folder = tempfile.mkdtemp(prefix=_PARTS_PREFIX if within is not None else "storycheck-parts-", dir=within)
        self.submitted: list[_Part] = []
        self.waiting: list[_Part] = []  # parts made before the cluster was up: sent to it once it is
        self.workers: list[str] | None = None
        self.lock = threading.Lock()
        self.closed = False
        cluster.started.add_done_callback(self._cluster_up)  # (run by the thread that started the cluster)

    def submit(self, featurize: Callable, *args: Any) -> _Part:
        part = _Part(self, os.path.join(self.folder, str(len(self.submitted))), featurize, args)
        self.submitted.append(part)
        with self.lock:
            client = self.cluster.ready()
            if client is None:
                self.waiting.append(part)
            else:
                self._send(client, [part])
        return part

    def _cluster_up(self, _started) -> None:  # noqa: ANN001
        """The parts made while the cluster started go to its workers, but those the driver took meanwhile."""
        client = self.cluster.ready()
        with self.lock:
            waiting, self.waiting = self.waiting, []
            if client is not None and not self.closed:
                self._send(client, [part for part in waiting if not os.path.exists(part.claim)])

    def _send(self, client, parts: list[_Part]) -> None:  # noqa: ANN001
        # the workers up when the first part goes (a part of one that left goes elsewhere); read again while none is:
        # an empty list kept left every later part of the run unpinned once the workers came (review revb30)
        if not self.workers:
            self.workers = sorted(client.scheduler_info()["workers"])
        for part in parts:
            n = int(os.path.basename(part.claim))
            # no worker registered yet (a loaded machine: the cluster is up before its workers): the part goes to
            # any, unpinned; Dask refuses ``allow_other_workers`` without ``workers`` (ValueError, the batch ended;
            # session 30, load ~15)
            part.future = client.submit(
                _featurize_claimed, part.claim, part.featurize, *part.args,
                key=f"featurize-{os.path.basename(self.folder)}-{n}",
                workers=[self.workers[n % len(self.workers)]] if self.workers else None,
                allow_other_workers=bool(self.workers), pure=False, priority=_PARTS_FIRST - n,  # (in order, before the models)
            )  # fmt: skip

    def close(self) -> None:
        """The parts' futures released, the claims removed."""
        import shutil

        with self.lock:
            self.closed = True
            for part in self.submitted:
                if part.future is not None:
                    part.future.release()
            self.submitted = self.waiting = []
        shutil.rmtree(self.folder, ignore_errors=True)


_PARTS_PREFIX = ".parts-"  # the claims folder of a run's featurize parts, in its output folder (``_ClusterParts``)
_PARTS_FIRST = 1 << 30  # featurize parts' Dask priority, less their number: in order, and before the models load


class _Part:
    """One featurize part: the ``concurrent.futures.Future`` calls ``StoryIndex.add`` makes (``done``,
    ``cancel``, ``result``). Once the corpus is read, the first call submits the models' load (``_Cluster``)."""

    def __init__(self, parts: _ClusterParts, claim: str, featurize: Callable, args: tuple) -> None:
        self.parts, self.claim, self.featurize, self.args = parts, claim, featurize, args
        self.future = None  # (its Dask future, once the cluster is up)

    def _read(self) -> None:
        if self.parts.cluster.corpus_read:
            self.parts.cluster.warm()

    def done(self) -> bool:
        self._read()
        return self.future is not None and self.future.done()

    def cancel(self) -> bool:
        """True when no worker has taken the part: the driver makes it (and its task does nothing)."""
        self._read()
        if not _claim(self.claim):
            return False
        if self.future is not None:
            self.future.cancel()
            self.future = self.future.release()  # (a part's result is not kept: a big corpus has many)
        return True

    def result(self) -> Any:
        """The worker's features; made here when no worker has taken the part yet (``cancel``: queued behind
        a worker busy with another part, it would wait for that one too), when its worker was killed after
        taking it (Dask may run it again elsewhere, where it is left, or wait for a worker that no longer
        exists), when it has waited for its taker longer than the parts' ``patience`` (a worker alive but stuck
        would be waited for until Dask gave it up, if ever: featurizing is pure, so what is made here is what
        the worker would have given, and its late result is not read) or when it failed (an error is then
        raised here)."""
        made = None
        if not self.cancel():
            # (the patience counted on this process's monotonic clock from when it began to wait, not from the
            # claim's modification time: that is the file system's clock, on a network mount its server's, and
            # a clock behind or stepped made every part a worker held look stuck, so made twice)
            patience, since = self.parts.patience, time.monotonic()
            while self.future is not None:
                try:
                    made = self.future.result(timeout=0.25)
                except TimeoutError:
                    if _taken_by_the_dead(self.claim) or time.monotonic() - since > patience:
                        break
                    continue
                except Exception:  # noqa: BLE001 - lost with its worker, or an error: made here (raised here, if one)
                    pass
                break
            if self.future is not None:
                self.future = self.future.release()
        return made if made is not None else self.featurize(*self.args)


@contextlib.contextmanager
def _local_cluster_meanwhile(workers: int, embedder: str, part_patience: float = PART_PATIENCE):  # noqa: ANN202
    """A ``LocalCluster`` started on a thread of its own, while the caller reads and clusters: starting its
    processes took ~1.3 s of wall time before the corpus was even opened. Yields a ``_Cluster``: called, it
    waits for the cluster and returns its client (or raises what stopped it from starting); meanwhile its
    workers can featurize (a part the driver has waited for longer than ``part_patience`` seconds is made by it). The
    cluster is closed on exit, by the same thread, once its start has ended."""
    from concurrent.futures import ThreadPoolExecutor

    def start():  # noqa: ANN202
        manager = _dask(None, workers)
        client, _ = manager.__enter__()
        try:
            _set_up_local_workers(client, embedder)
            return manager, client
        except BaseException:
            manager.__exit__(*sys.exc_info())
            raise

    with ThreadPoolExecutor(1, thread_name_prefix="storycheck-cluster") as pool:
        started = pool.submit(start)
        cluster = _Cluster(started, embedder, part_patience)
        try:
            yield cluster
        finally:
            if started.exception() is None:  # (waits for the start to end; a failed start has nothing to close)
                manager = started.result()[0]
                started = cluster.started = cluster.warm_ups = None  # (released before the cluster closes)
                # closed on the thread that started it (the client's context is that thread's)
                pool.submit(manager.__exit__, None, None, None).result()


def run_folder(inputs: Sequence[str | os.PathLike[str]], db: str) -> Path:
    """Where a run given a store and no ``--out`` keeps its record (manifest, story files, lock): one folder
    per corpus and store, beside the store's default file, so the same command run again resumes it."""
    from storycheck.store.database import default_path, display_url, resolve_url

    paths = [str(real_path(p)) for p in inputs]
    key = hashlib.sha256(json.dumps([*paths, display_url(resolve_url(db))]).encode()).hexdigest()[:8]
    stem = Path(paths[0]).name.split(".")[0] or "corpus"
    return default_path().parent / "batches" / f"{stem}-{key}"


LOCK = ".lock"  # in --out while a run writes there: flock-ed, holding its pid; removed when the run ends


@contextlib.contextmanager
def _held(out: Path):  # noqa: ANN202
    """The output folder's lock for the run's whole life, or ``OutputInUse`` naming the holder's pid.

    ``flock`` rather than a pid file alone: the kernel releases it when the holder ends, ``kill -9``
    included, so a resumed run never meets a stale lock (the file a killed run leaves is taken over). The
    file is removed at the end while still held; a run that locked a file just removed tries again (the
    inode it holds is no longer the name's). Where there is no ``fcntl`` (Windows), nothing is locked.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms the tests run on
        yield
        return
    path = out / LOCK
    while True:
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise OutputError(input=str(out), detail=f"{LOCK}: {exc.strerror or exc}") from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 64, 0).decode("ascii", "replace").strip()
            os.close(fd)
            raise OutputInUse(input=str(out), detail=f"pid {holder}" if holder else "its pid not yet written") from None
        except OSError as exc:  # ENOLCK, EOPNOTSUPP: some NFS and FUSE mounts lock nothing; run as before the lock
            os.close(fd)
            with contextlib.suppress(OSError):
                os.unlink(path)  # (a file no one holds would only puzzle whoever looks)
            logging.getLogger(__name__).warning(
                "the output folder %s is not locked (%s): run one batch on it at a time", out, exc.strerror or exc
            )
            yield
            return
        if _still_named(path, fd):
            break
        os.close(fd)  # removed by the run that held it, between our open and our lock: take the new one
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
        os.close(fd)  # (the lock goes with the descriptor)


@contextlib.contextmanager
def _following(followed: _Followed, store=None):  # noqa: ANN001, ANN202 - a Store or None
    """An exclusive ``flock`` on the followed run's state file for this run's whole life, or ``FollowInUse`` naming
    the run and the holder. Why: two runs following one run, started together, each found the store as that run
    left it and passed the fork check (``_Keeper.check_chain``), then both replaced its stories (a fork no check
    saw). The state file itself is locked, opened read-only (the followed folder is never written: no lock file
    there); the kernel drops the lock when its holder ends, ``kill -9`` included. A follower that starts after the
    first has ended is the fork check's. Where there is no ``fcntl``, or the file system locks nothing, nothing is
    locked. A copy of the followed folder (``cp -r runs/day1 backup/day1``) is another file with the same state:
    its follower took another lock and forked the store unseen; so a file named by the state's token (copied with
    it) in the temporary folder is locked too, on this machine, and removed when the run ends (session 31: one
    was left per followed state, for good).

    With a store (``--db``), the chain's stories in it (its ``store_prefix``) are locked too (``_chain_held``):
    followers on two machines sharing a PostgreSQL store, or following two runs of one chain, hold no file lock in
    common."""
    import tempfile

    try:
        import fcntl  # noqa: F401 - (whether this platform locks files)
    except ImportError:  # pragma: no cover - not on the platforms the tests run on
        yield
        return
    by_token = Path(tempfile.gettempdir()) / f"storycheck-follow-{followed.token}.lock"
    _swept(by_token)
    with contextlib.ExitStack() as stack:
        _flocked(stack, followed.path, followed, remove=False)
        _flocked(stack, by_token, followed, remove=True)
        if store is not None:
            stack.enter_context(_chain_held(store, followed))
        yield


_TOKEN_LOCK = re.compile(r"storycheck-follow-[0-9a-f]{32}\.lock")


def _swept(mine: Path) -> None:
    """Removes the token lock files (``_following``) in ``mine``'s folder that no run holds, this user's: earlier
    versions (before session 31 removed its own) left one per followed state, for good. Safe beside a run that holds one (its ``flock``
    refuses ours: kept) and one that opened one and has not yet locked it: we remove it only while we hold its lock,
    and that run, locking the removed file after us, finds the name gone and makes it again (``_still_named``)."""
    import fcntl

    uid = os.geteuid()
    try:
        names = [e for e in os.scandir(mine.parent) if _TOKEN_LOCK.fullmatch(e.name) and e.name != mine.name]
    except OSError:
        return
    for entry in names:
        try:
            if not entry.is_file(follow_symlinks=False) or entry.stat(follow_symlinks=False).st_uid != uid:
                continue
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if _still_named(Path(entry.path), fd):
                os.unlink(entry.path)  # (while held: then the lock goes with the descriptor)
        except OSError:  # (held by a run: kept; or gone meanwhile)
            pass
        finally:
            os.close(fd)


def _flocked(stack: contextlib.ExitStack, path: Path, followed: _Followed, *, remove: bool, what: str = "") -> None:
    """``path`` ``flock``-ed for as long as ``stack`` lasts, or ``FollowInUse`` naming the holder. ``remove``: a lock
    file of its own (made if missing, never through a link), removed at the end while still held; a run that
    opened it before the removal and locks it after finds the name no longer its inode and takes the name's new
    file (``_held``'s rule), so a removal never lets two runs hold "the" lock. Not made (a temporary folder not
    writable, a link planted there) or not lockable (some NFS and FUSE mounts): a warning, not a stop."""
    import fcntl

    flags = os.O_RDONLY | (os.O_CREAT | os.O_NOFOLLOW if remove else 0)
    while True:
        try:
            fd = os.open(path, flags, 0o644)
        except OSError as exc:
            if not remove:
                raise
            logging.getLogger(__name__).warning("%s not locked (%s): other followers of %s may not be seen",
                                                path, exc.strerror or exc, followed.folder)
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _lock_holder(os.fstat(fd))
            os.close(fd)
            raise FollowInUse(input=str(followed.folder), detail=holder + what) from None
        except OSError as exc:  # (ENOLCK, EOPNOTSUPP: some NFS and FUSE mounts)
            os.close(fd)
            logging.getLogger(__name__).warning("%s is not locked (%s): follow %s with one run at a time", path,
                                                exc.strerror or exc, followed.folder)
            return
        if not remove:
            stack.callback(os.close, fd)  # (the lock goes with the descriptor)
            return
        if _still_named(path, fd):
            stack.callback(_unlinked_then_closed, path, fd)
            return
        os.close(fd)  # removed by the run that held it, between our open and our lock: take the new one


def _still_named(path: Path, fd: int) -> bool:
    """Whether ``path`` is still the file open as ``fd`` (not removed, nor made again, since it was opened)."""
    held = os.fstat(fd)
    try:
        now = os.lstat(path)
    except FileNotFoundError:
        return False
    return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


def _unlinked_then_closed(path: Path, fd: int) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)
    os.close(fd)  # (the lock goes with the descriptor: after the name, so no one locks a name about to go)


@contextlib.contextmanager
def _chain_held(store, followed: _Followed):  # noqa: ANN001, ANN202 - a Store
    """The lock of the followed chain's stories in ``store`` (named by its ``store_prefix``) for the run, or
    ``FollowInUse`` naming the holder. Why (session 31): the file locks (``_following``) are one machine's and one
    state's: two followers on two machines sharing a PostgreSQL store, or following two runs of one chain (day 2
    made without ``--db``: both find the store as day 1 left it), both passed the fork check and both replaced its
    stories. PostgreSQL: a lease row (``Store.held``: the holder's host and pid named, and when it lapses); SQLite:
    a ``flock``-ed file beside the database, removed at the end (a SQLite store in WAL mode is one machine's)."""
    from storycheck.store import LockHeld

    name, what = f"storycheck follow {followed.prefix}", f", holding the lock of {followed.prefix}... in {store.display_url}"
    if store.dialect == "postgresql":
        try:
            with store.held(name):
                yield
        except LockHeld as held:
            raise FollowInUse(input=str(followed.folder), detail=held.holder + what) from None
        return
    with contextlib.ExitStack() as stack:
        if store.path and store.path != ":memory:":
            key = hashlib.sha256(followed.prefix.encode()).hexdigest()[:12]
            _flocked(stack, Path(f"{store.path}.follow-{key}.lock"), followed, remove=True, what=what)
        yield


def _lock_holder(st: os.stat_result) -> str:
    """Who holds the ``flock`` of the file of this device and inode, as far as ``/proc/locks`` (Linux) says: its pid
    and command line, e.g. "pid 4242: storycheck batch day2.jsonl --out runs/day2b --follow runs/day1"; else less."""
    import psutil

    where = f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"  # (as /proc/locks writes it)
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return "its pid unknown"
    for line in lines:
        parts = line.split()
        if "->" in parts or len(parts) < 6 or parts[1] != "FLOCK":  # ("->": a waiter's line, not the holder's)
            continue
        if parts[5] == where and parts[4].isdigit():
            pid = int(parts[4])
            try:
                command = " ".join(" ".join(psutil.Process(pid).cmdline()).split())  # (one line)
            except (psutil.Error, OSError):
                command = ""
            return f"pid {pid}" + (f": {command[:300]}" if command else "")
    return "its pid unknown"


def _run(inputs, out, connect, name, embedder, settings, max_bytes, progress, store=None, store_name=None,  # noqa: ANN001, PLR0913
         followed: _Followed | None = None, keep_state: bool = False) -> BatchSummary:
    out = Path(out)
    paths = [Path(p) for p in inputs]
    summary = BatchSummary(out=str(out), scheduler=name, follows=str(followed.folder) if followed else "")
    clock = time.perf_counter()

    # 1. read and cluster (the texts of the run are kept: every multi-article story needs them; a followed run's
    # index and texts are loaded first, and the articles it holds by id are skipped, its texts kept)
    corpus = read_corpus(paths, max_bytes=max_bytes, today=_first_today(out / MANIFEST))
    earlier: dict[str, list[str]] = {}  # the followed run's stories -> their members
    was_compared: dict[str, list[str]] = {}  # ...-> the hashes of the texts it compared (its store's, with --db)
    if followed is not None:
        index, documents, earlier, was_compared = followed.body()
        known_stories = len(index.stories)  # (the ids the followed chain made: s000001 up to this)
        summary.seconds["load_state"] = round(time.perf_counter() - clock, 3)
        clock = time.perf_counter()
    else:
        index, documents = StoryIndex(settings), _StateTexts()
    corrected: set[str] = set()  # the followed run's articles that came again with another text

    def stream():
        for doc in corpus:
            if doc.id in documents.followed:
                summary.known += 1
                if documents.followed_hash(doc.id) != doc.hash:  # a correction: its story runs again with the new text
                    summary.known_changed += 1
                    if len(summary.known_changed_ids) < 20:
                        summary.known_changed_ids.append(doc.id)
                    corrected.add(doc.id)
                    documents[doc.id] = doc
                continue
            documents[doc.id] = doc
            yield doc
        if isinstance(connect, _Cluster):
            connect.read()

    for leftover in out.glob(f"{_PARTS_PREFIX}*"):  # the claims of a killed run's featurize parts: never read
        shutil.rmtree(leftover, ignore_errors=True)
    for leftover in [*out.glob(f".{STATE}.*"), *out.glob(f".{TEXTS}.*")]:  # a state a killed run was saving
        leftover.unlink(missing_ok=True)
    parts = connect.parts(out) if isinstance(connect, _Cluster) else None
    try:
        index.add(stream(), executor=parts)
    finally:
        if parts is not None:
            parts.close()
    index.settle()  # (the corpus is read: every small story waiting for the regroup or the attach is decided)
    summary.articles, summary.rows = corpus.documents, corpus.rows
    if not corpus.documents:  # an empty run written would look like a corpus with no stories in it
        raise NoArticles(", ".join(map(str, paths)), detail=_first_bad_rows(corpus.notices()))
    summary.bad_rows, summary.bad_by_code = corpus.skipped, corpus.bad_by_code()
    summary.noted_by_code = dict(sorted(Counter(b.code for b in corpus.bad_rows if not b.skipped).items()))
    summary.seconds["read_and_cluster"] = round(time.perf_counter() - clock, 3)
    if followed is not None and keep_state:  # (a damaged text: E616 before anything is written; ``verify``)
        clock = time.perf_counter()
        documents.verify()
        summary.seconds["verify_state"] = round(time.perf_counter() - clock, 3)

    # 2. each article's fate: representatives are compared, copies stand on them, singletons wait alone. After a
    # followed run, only the stories this corpus changed or opened (``touched``): the others are as it left them
    clock = time.perf_counter()
    every = index.live()
    # (touched: its members differ from the followed run's, or one of them came corrected under its id)
    live = [s for s in every if earlier.get(s.id) != s.members or any(m in corrected for m in s.members)] \
        if followed is not None else every
    # (a story of the followed run that this run's merge pass or regroup joined to another: out of the store)
    merged = {sid: now for sid in earlier if (now := index.live_id(sid)) != sid}
    summary.untouched, summary.merged_away = len(every) - len(live), len(merged)
    plans = {s.id: plan_story(s.id, [documents[d] for d in s.members]) for s in live}
    stories = [s for s in live if len(s.members) >= 2]
    summary.stories = len(stories)
    summary.singletons = sum(1 for s in live if len(s.members) == 1)
    fates = Counter(f.fate for plan in plans.values() for f in plan)
    summary.fates = {k: fates[k] for k in ("compared", "copy", "only_text", "singleton") if fates[k]}
    summary.exact_copies = sum(1 for plan in plans.values() for f in plan if f.fate == "copy" and f.jaccard == 1.0)
    summary.copy_stories = sum(1 for s in stories if not _compared(plans[s.id]))
    summary.seconds["plan"] = round(time.perf_counter() - clock, 3)

    if followed is not None and store is not None:  # a fork refused before this folder holds anything of it
        chain = _Keeper(store, followed.prefix, embedder, summary, replace=True)
        # (a story the followed chain merged into another, in a run without --db: still in the store, out of it now)
        gone = lambda sid: (sid not in earlier and re.fullmatch(r"s\d{6,}", sid) is not None  # noqa: E731
                            and 0 < int(sid[1:]) <= known_stories and index.live_id(sid) != sid)
        chain.check_chain(
            {s.id: {documents[d].hash for d in _compared(plans[s.id])} for s in stories},
            {sid: set().union(*map(documents.held_hashes, members)) for sid, members in earlier.items()}, followed.folder,
            gone)
        # (the followed run's stories this run leaves as they are: the store must hold them as that run left them)
        touched = {s.id for s in live}
        chain.fill({sid: set(h) for sid, h in was_compared.items() if sid not in touched and sid not in merged},
                   earlier, documents, followed.folder, gone)

    # 3. the manifest: written once; a resumed run must find the same corpus, settings and stories
    manifest = {
        "fingerprint": _fingerprint(paths, settings, embedder, max_bytes, followed.token if followed else ""),
        "settings": dataclasses.asdict(settings),
        "engine": engine_digest(),
        "clustering_core": native.describe(),  # compiled or pure Python (storycheck.native): the same stories
        "embedder": embedder,
        "inputs": [str(p) for p in paths],
        "today": corpus.today.isoformat(),  # the date E607 held the rows to: a resumed run reads with it
        "stories": {s.id: s.members for s in stories},
        "links": {s.id: [dataclasses.asdict(link) for link in s.links] for s in stories},
        "bad_rows": [dataclasses.asdict(b) for b in corpus.bad_rows],
        # (after a followed run: which, and its stories this run merged into others, each -> the one it is in now)
        **({"follows": {"run": str(followed.folder), "token": followed.token}, "merged": merged} if followed else {}),
    }
    folder = out / STORIES
    manifest_path = out / MANIFEST
    if manifest_path.exists():
        try:
            old = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:  # not written by a run (a manifest written by one is always whole)
            raise UnreadableManifest(input=str(out), detail=MANIFEST, reason=str(exc)) from exc
        if not isinstance(old, dict):
            raise UnreadableManifest(input=str(out), detail=MANIFEST, reason="not a JSON object")
        if old.get("fingerprint") != manifest["fingerprint"] or old.get("stories") != manifest["stories"]:
            engine = old.get("engine")
            if engine != manifest["engine"]:
                detail = f"written by another version of storycheck: engine {engine}, this one {manifest['engine']}"
            elif changed := _changed_settings(old.get("settings"), manifest["settings"]):
                detail = f"started with {changed}; give it the same options to resume"
            elif (was := _followed_token(old)) != (followed.token if followed else None):
                # (a resume that forgot its --follow, or gave another run's folder, was only "fingerprint ...")
                detail = ("started without --follow; resume it without one" if was is None else
                          f"started following {old['follows'].get('run')} (another state than "
                          f"{followed.folder}'s)" if followed else
                          f"started with --follow {old['follows'].get('run')}; give it again to resume")
            else:
                detail = f"manifest fingerprint {old.get('fingerprint')}"
            raise OutputMismatch(input=str(out), detail=detail)
        prefix = old.get("store_prefix") if isinstance(old.get("store_prefix"), str) else store_prefix(out)
    else:
        wanted = {s.id: {documents[d].hash for d in _compared(plans[s.id])} for s in stories} if store_name else {}
        with _names_held(out if store_name else None):  # (two first starts do not both take one name)
            # (a followed run's stories keep their names: its prefix, whatever this folder's name)
            prefix = followed.prefix if followed is not None else _new_prefix(out, store_name, store, wanted)
            # (first: ``_claimed`` reads a manifest's head only; ``store``, whose names they are)
            manifest = {"store_prefix": prefix, **({"store": store.display_url} if store is not None else {}), **manifest}
            write_atomic(out / ARTICLES, "".join(
                json.dumps(_article_row(f, index), ensure_ascii=False) + "\n" for s in live for f in plans[s.id]
            ))  # fmt: skip
            write_atomic(manifest_path, json.dumps(manifest, ensure_ascii=False, indent=1))
    make_folder(folder)  # E700 for a file named stories there, as for --out itself
    for leftover in folder.glob(".*.json.*"):  # temporary files of a killed run: never complete
        leftover.unlink(missing_ok=True)
    done = {p.stem for p in folder.glob("*.json")}
    pending = [s for s in stories if s.id not in done]
    summary.resumed = len(stories) - len(pending)

    def texts(sid: str) -> list[Document]:  # what the engine compares of a story: its representatives
        return [documents[d] for d in _compared(plans[sid])]

    summary.store_prefix = prefix
    keep = _Keeper(store, prefix, embedder, summary, replace=followed is not None) if store is not None else None
    if keep is not None:  # written by an earlier run (perhaps without --db): put what the store lacks
        if followed is None:  # (after a followed run: ``check_chain``, above)
            keep.check({s.id: texts(s.id) for s in stories})
        keep.backfill([s.id for s in stories if s.id in done], folder, texts)

    # 4. the engine on every pending story with two or more distinct texts (largest first: the last
    # tasks of a cluster are then short ones)
    clock = time.perf_counter()
    total, count = len(stories), summary.resumed
    if progress:
        progress("stories", count, total)

    rows: dict[str, dict[str, Any]] = {}

    def record(result: dict[str, Any]) -> None:
        nonlocal count
        summary.analysed += result.pop("analysed", 0)
        sid = result["story"]
        members = [_fate_row(f) for f in plans[sid]]
        if keep is not None:  # the store first: a story whose file is written is in the store
            keep.put(result, texts(sid))
        write_atomic(folder / f"{sid}.json", story_text(result, manifest["links"][sid], members))
        rows[sid] = _rank_row(sid, {**result, "members": members})
        summary.written += 1
        count += 1
        if progress:
            progress("stories", count, total)

    work = []
    for s in pending:
        if compared := texts(s.id):
            work.append((s.id, compared))
        else:  # every article is a copy of one text: nothing to compare, recorded all the same
            record({"story": s.id, "status": "copies"})
    work.sort(key=lambda w: (-sum(len(d.text) for d in w[1]), w[0]))
    client = connect() if connect is not None else None
    before = _rare_full_collections()
    try:
        if client is None:
            for sid, docs in work:
                record(run_story(sid, docs, embedder))
        elif work:
            _run_dask(client, work, embedder, record)
    finally:
        gc.set_threshold(*before)
    summary.seconds["stories"] = round(time.perf_counter() - clock, 3)

    if keep is not None:  # (after their survivors are put: the store never lacks what they held)
        keep.retire(merged)

    # 5. ranking and summary, from the files (so a resumed run counts what earlier runs wrote)
    clock = time.perf_counter()
    _rank(out, [s.id for s in stories], summary, rows)
    summary.seconds["rank"] = round(time.perf_counter() - clock, 3)
    if keep_state:  # last: a run can be followed once every story of it is written
        clock = time.perf_counter()
        compared = {**was_compared, **{sid: sorted(documents[d].hash for d in _compared(plan))
                                       for sid, plan in plans.items() if len(plan) >= 2}}
        _save_state(out, index, documents, every, settings, embedder, prefix,
                    {s.id: compared[s.id] for s in every if len(s.members) >= 2})
        summary.seconds["save_state"] = round(time.perf_counter() - clock, 3)
    documents.close()
    summary.seconds["total"] = round(sum(summary.seconds.values()), 3)
    write_atomic(out / "summary.json", json.dumps(dataclasses.asdict(summary), indent=1))
    return summary


STATE = "stream.pkl"  # a finished run's clustering state (``keep_state``), what ``follow`` loads
TEXTS = "stream.texts"  # ...its articles' texts, beside it, read on demand (``_StateTexts``)
STATE_FORMAT = 2  # 1 (session 29): the texts inside the pickle, loaded whole (another engine's: never followed)


_META = tuple(f.name for f in dataclasses.fields(Document) if f.name not in ("id", "text"))  # kept in the pickle


class _StateTexts:
    """A batch's articles by id: this run's in memory (``new``), the followed run's texts in its ``TEXTS`` file, each
    read when first asked for (``followed``: id -> offset, length and hash of its text there, its other fields).

    Why: the state held every article's text for good (50k articles: 141 MB, two-thirds texts), loaded whole by each
    follower although a follower reads the texts of the stories it touches only (and the hashes of the rest, kept
    here: a correction is found and the fork check made without reading a text). The state's pickle keeps the
    offsets and the small fields (titles, sources, dates); a save copies the followed file's texts the new state
    still holds, each checked, and appends this run's (``write``). Raw UTF-8, not a JSON line each: encoding
    10k articles as JSON took ~0.7 s, the texts ~0.05 s."""

    def __init__(self, path: Path | None = None, followed: dict[str, tuple] | None = None,
                 earlier: dict[str, tuple[str, ...]] | None = None) -> None:
        self.path, self.followed = path, followed or {}
        # the hashes of the texts an id held in the chain before a correction replaced them (oldest first): a day
        # run without --db left the store holding one, which is the chain's, not a fork's (``held_hashes``)
        self.earlier = earlier or {}
        self.new: dict[str, Document] = {}
        self.read: dict[str, Document] = {}  # the followed run's articles read so far
        self._fh = None

    def __contains__(self, key: str) -> bool:
        return key in self.new or key in self.followed

    def __getitem__(self, key: str) -> Document:
        doc = self.new.get(key) or self.read.get(key)
        if doc is None:
            offset, length, _, meta = self.followed[key]  # (KeyError: an id neither holds)
            if self._fh is None:
                self._fh = self.path.open("rb")
            self._fh.seek(offset)
            raw = self._fh.read(length)
            # (a torn or edited file gave a cut or changed text, compared, reported and stored without a word)
            if len(raw) != length or hashlib.sha256(raw).hexdigest() != self.followed[key][2]:
                raise self._damaged(key)
            doc = self.read[key] = Document(key, raw.decode("utf-8"), **dict(zip(_META, meta, strict=True)))
        return doc

    def _damaged(self, key: str) -> FollowMismatch:
        return FollowMismatch(input=str(self.path.parent), detail=(
            f"{TEXTS} is damaged: the text of {key!r} is not the one its {STATE} holds (cut or edited)"))

    def __setitem__(self, key: str, doc: Document) -> None:
        self.new[key] = doc
        self.read.pop(key, None)

    def __len__(self) -> int:
        return len(self.followed) + sum(1 for k in self.new if k not in self.followed)

    def followed_hash(self, key: str) -> str:
        """The hash of the text the followed run held under this id (the one it compared, perhaps corrected now)."""
        return self.followed[key][2]

    def held_hashes(self, key: str) -> set[str]:
        """The hashes of every text the chain held under this followed id: the one held now and those corrected."""
        return {self.followed[key][2], *self.earlier.get(key, ())}

    def earlier_after(self) -> dict[str, tuple[str, ...]]:
        """``earlier`` for the state this run saves: its corrections' replaced texts added."""
        earlier = dict(self.earlier)
        for key, doc in self.new.items():
            if key in self.followed and (old := self.followed[key][2]) != doc.hash:
                earlier[key] = (*earlier.get(key, ()), old)
        return earlier

    def close(self) -> None:
        if self._fh is not None:
            self._fh.close()
            self._fh = None

    def _kept(self) -> list[tuple[int, int, str]]:
        """The followed file's texts the next state holds (not replaced by a correction), as (offset, length, id), in
        their order there."""
        return sorted((o, n, k) for k, (o, n, *_) in self.followed.items() if k not in self.new)

    def verify(self) -> None:
        """E616 naming the followed run's file when a text the next state holds is not the one its pickle names (a
        disk fault, a hand edit). Why (session 32): ``write`` found it at the save, the run's last step, after the
        stories were put in the store and written: a run that stopped there had already replaced stories, and was
        run again (after the file was mended) over a store it had half written. Asked once the corpus is read (the
        corrections known), before the manifest and the store are written: one pass reading the kept texts in
        order (50k texts, 124 MB: ~0.3 s when the file is cached), again at the save as they are copied."""
        if not self.followed or self.path is None:
            return
        with self.path.open("rb") as fh:
            for offset, length, key in self._kept():
                if fh.tell() != offset:
                    fh.seek(offset)
                raw = fh.read(length)
                if len(raw) != length or hashlib.sha256(raw).hexdigest() != self.followed[key][2]:
                    raise self._damaged(key)

    def write(self, fh, token: str) -> dict[str, tuple]:  # noqa: ANN001 - a binary file open for writing
        """The texts file of a new state: ``token``'s line, the followed file's texts this state still holds (in
        their order there), this run's articles' texts (UTF-8, one after another); returns each article's offset,
        length, hash and other fields (title, source, ...: ``_META``).

        Compacted as it is written (session 31): a corrected article's first text, which the followed file holds
        and no state names any more, is left out (the file was copied whole, so each correction's first text
        stayed in every later state of the chain). Each followed text is checked against its length and hash as it
        is copied (review revinc31: a damaged text of a story the run did not touch was carried on unread, and the
        next follower that touched it stopped at E616 naming this run's file, not the one damaged). The followed
        file is only read; the new one is a temporary file synced and renamed by ``_written``, so a crash at any
        point leaves the followed state whole and this run's none (a resumed run writes it again)."""
        header = f"{token}\n".encode("ascii")
        fh.write(header)
        where: dict[str, tuple] = {}
        if self.followed and self.path is not None:
            with self.path.open("rb") as old:
                for offset, length, key in self._kept():
                    where[key] = (fh.tell(), *self.followed[key][1:])
                    if _copy_range(old, fh, offset, offset + length) != self.followed[key][2]:
                        raise self._damaged(key)
        at = fh.tell()
        for key, doc in self.new.items():
            data = doc.text.encode("utf-8")
            fh.write(data)
            where[key] = (at, len(data), doc.hash, tuple(getattr(doc, f) for f in _META))
            at += len(data)
        return where


def _copy_range(src, dst, start: int, end: int) -> str:  # noqa: ANN001 - binary files
    """Bytes ``start`` to ``end`` of ``src`` appended to ``dst``, their SHA-256 returned; a source shorter than that
    is E616 (the followed file was cut: ``_Followed.body`` checks its length first, so only a file cut meanwhile)."""
    if src.tell() != start:  # (the texts kept are adjacent but for those left out: no seek, the buffer kept)
        src.seek(start)
    left, digest = end - start, hashlib.sha256()
    while left > 0:
        chunk = src.read(min(left, 1 << 20))
        if not chunk:
            raise FollowMismatch(input=str(Path(src.name).parent), detail=f"{TEXTS} was cut short while copied")
        dst.write(chunk)
        digest.update(chunk)
        left -= len(chunk)
    return digest.hexdigest()


@dataclass
class _Followed:
    """The run a batch follows (``run_batch(follow=...)``): its state file's head, read and checked before the
    corpus is; its body (the index, the texts, each story's members) loaded by ``body`` when clustering starts."""

    folder: Path
    path: Path
    token: str  # made at each save: a resumed run must follow the same state (the manifest's fingerprint)
    prefix: str

    def body(self) -> tuple[StoryIndex, _StateTexts, dict[str, list[str]], dict[str, list[str]]]:
        """The index, the texts (read on demand from ``TEXTS``), each story's members, each story's compared texts'
        hashes. Unpickled with the cyclic garbage collector paused: its passes walked the objects being made again
        and again, freeing nothing (at 50k articles the index loaded in 3.3 s, 1.0 s paused)."""
        import pickle

        from storycheck.cluster import _cyclic_gc_paused

        with self.path.open("rb") as fh, _cyclic_gc_paused():
            pickle.load(fh)  # (the head, read already)
            _datasketch_loaded()
            body = pickle.load(fh)
        index = StoryIndex.restore(body["index"])
        path = self.folder / TEXTS
        try:
            with path.open("rb") as fh:
                mark = fh.readline().strip().decode("ascii", "replace")
        except OSError as exc:
            raise FollowMismatch(input=str(self.folder), detail=f"{TEXTS} is unreadable ({exc})") from exc
        if mark != self.token:
            raise FollowMismatch(input=str(self.folder), detail=f"{TEXTS} is not the texts of its {STATE} (copied "
                                 "from another run?)")
        # (a cut file: found now, before anything runs, not when a text past its end is first read)
        end = max((offset + length for offset, length, *_ in body["texts"].values()), default=0)
        if path.stat().st_size < end:
            raise FollowMismatch(input=str(self.folder), detail=f"{TEXTS} is cut short ({path.stat().st_size:,} "
                                 f"bytes, its {STATE} places texts up to {end:,}): copy it whole again")
        return index, _StateTexts(path, body["texts"], body.get("earlier")), body["members"], body["compared"]


def _datasketch_loaded() -> None:
    from storycheck.cluster import _datasketch

    _datasketch()  # (before the index's MinHashLSH is unpickled, which imports it)


def _load_state(folder: Path, out: Path, settings: ClusterSettings, embedder: str) -> _Followed:
    """The head of the followed run's state, checked: E616 when there is none (not a run of ``keep_state``, or
    not finished: its state is saved last), when it is this run's own folder, or when that run had other
    clustering settings, another embedder or another engine (named)."""
    import pickle

    path = folder / STATE
    if real_path(folder) == real_path(out):
        raise FollowMismatch(input=str(folder), detail="it is this run's own --out; give the next day a folder of its own")
    try:
        with path.open("rb") as fh:
            _trusted(path, os.fstat(fh.fileno()))
            head = pickle.load(fh)
        if not isinstance(head, dict) or head.get("format") != STATE_FORMAT:
            raise ValueError("not a state of this format")
    except FileNotFoundError:
        raise FollowMismatch(input=str(folder), detail=f"no {STATE}: not a finished run of --keep-state or --follow") from None
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError, ImportError) as exc:
        raise FollowMismatch(input=str(folder), detail=f"{STATE} is unreadable ({exc})") from exc
    now = dataclasses.asdict(settings)
    if head.get("engine") != engine_digest():
        raise FollowMismatch(input=str(folder), detail=f"it ran another version of storycheck: engine {head.get('engine')}, "
                             f"this one {engine_digest()}")
    if changed := _changed_settings(head.get("settings"), now):
        raise FollowMismatch(input=str(folder), detail=f"it clustered with {changed}; give the same options")
    if head.get("embedder") != embedder:
        raise FollowMismatch(input=str(folder), detail=f"it ran with --embedder {head.get('embedder')}, now {embedder}")
    return _Followed(folder, path, head["token"], head["store_prefix"])


def _trusted(path: Path, st: os.stat_result) -> None:
    """E616 for a state file another user could have written (owned by another, or writable by the group or
    others): unpickling it runs whatever code it holds, with this run's rights. ``_save_state`` makes it ``0600``
    (``mkstemp``), so a run's own state passes; one copied from elsewhere is made the user's own first."""
    import stat

    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        raise FollowMismatch(input=str(path.parent), detail=f"{path.name} belongs to another user (uid {st.st_uid}): "
                             "loading it would run its code as you; follow only states you wrote")
    if st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        raise FollowMismatch(input=str(path.parent), detail=f"{path.name} is writable by others "
                             f"({stat.filemode(st.st_mode)}): loading it would run its code as you; chmod go-w it")


def _save_state(out: Path, index: StoryIndex, documents: _StateTexts, live: list, settings: ClusterSettings,
                embedder: str, prefix: str, compared: dict[str, list[str]] | None = None) -> None:
    """The run's state in ``out``: its texts (``TEXTS``, first line this save's token) then its pickle (``STATE``),
    each written to a temporary file, synced and renamed, the pickle last: a follower finds a whole state or none,
    and the texts its pickle's token names. The pickle: a head (settings, engine, store prefix, the token), then
    the body (the index, each article's place in ``TEXTS``, each live story's members and the hashes of the texts
    it compared: what the store holds of it after a run with ``--db``). A resumed run that finds its state saved
    leaves it (the same stories: clustering is deterministic); one killed between the two renames writes both
    again."""
    import pickle
    import uuid

    path = out / STATE
    if path.exists():
        return
    token = uuid.uuid4().hex
    with _written(out, TEXTS) as fh:
        where = documents.write(fh, token)
    head = {"format": STATE_FORMAT, "token": token, "settings": dataclasses.asdict(settings),
            "engine": engine_digest(), "embedder": embedder, "store_prefix": prefix, "articles": len(where)}
    body = {"index": index, "texts": where, "members": {s.id: list(s.members) for s in live},
            "compared": compared or {}, "earlier": documents.earlier_after()}
    from storycheck.cluster import _cyclic_gc_paused

    with _written(out, STATE) as fh, _cyclic_gc_paused():
        pickle.dump(head, fh, protocol=pickle.HIGHEST_PROTOCOL)
        pickle.dump(body, fh, protocol=pickle.HIGHEST_PROTOCOL)


@contextlib.contextmanager
def _written(out: Path, name: str):  # noqa: ANN202
    """A binary file ``out/name`` written whole or not at all: a temporary file (``0600``, by ``mkstemp``: a state
    is followed only when others cannot write it, ``_trusted``), synced, then renamed."""
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", dir=out)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, out / name)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _followed_token(manifest: dict[str, Any]) -> str | None:
    """The token of the state a run's manifest says it followed (``follows``), or None when it followed none."""
    follows = manifest.get("follows")
    return follows.get("token") if isinstance(follows, dict) else None


def _changed_settings(old: Any, now: dict[str, Any]) -> str:
    """The clustering settings a resumed run was given otherwise than its first start, worded ("subject_share
    0.34, now None"), or "". Why: ``batch --subject-share`` is an option of the command, and a run restarted
    without it was refused with a fingerprint only, which does not say what to give it."""
    if not isinstance(old, dict):
        return ""
    return ", ".join(f"{k} {old[k]!r}, now {now.get(k)!r}" for k in sorted(old) if old[k] != now.get(k))


def _first_today(manifest: Path) -> datetime.date | None:
    """The date the run's first start read the corpus against (``Corpus.today``, the manifest's ``today``), or
    None for a first start. Why: a row dated past that day's margin is read without its date (E607); a run
    resumed on a later day that read the machine's today kept that date, clustered the row apart and refused
    its own --out (E612), though nothing in the corpus had changed. An unreadable manifest is refused later (E612)."""
    try:
        return datetime.date.fromisoformat(json.loads(manifest.read_text(encoding="utf-8"))["today"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store_prefix(out: Path, name: str | None = None) -> str:
    """What the names of a run's stories in the store begin with: ``<name>:``, by default the out folder's name
    (not ``/``: a name is also an API path's last part), as the store keeps a name (runs of white space made
    one, so a resumed run finds them), and short enough that any story id after it fits the store's
    ``MAX_NAME`` (a longer name keeps its beginning and a hash of the whole, the same on every run)."""
    from storycheck.store.store import MAX_NAME

    name = " ".join((name or real_path(out).name or "batch").split()) or "batch"
    room = MAX_NAME - 33  # story ids are s000001..., 32 characters are plenty
    if len(name) > room:
        name = f"{name[: room - 9]}~{hashlib.sha256(name.encode()).hexdigest()[:8]}"
    return name + ":"


def _new_prefix(out: Path, store_name: str | None, store, wanted: dict[str, set[str]]) -> str:  # noqa: ANN001 - a Store or None
    """A first start's ``store_prefix``: ``store_name``'s when given and free, else the out folder's. Free: every
    story the store holds under it is one of this run's (``wanted``: story id -> the hashes of the texts it
    compares) with the same texts, and no other run folder beside ``out`` claims it for this store (``_claimed``).
    So another run of the same corpus (its folder since removed) finds its stories under that name again, and
    another corpus of that name (the next day's ``feed.jsonl``) takes its folder's. Why: ``batch feed.jsonl --db``
    with no ``--out`` named its stories after the folder it made, ``feed-1a2b3c4d:s000001``, a hash its user never
    chose (session 26 left it). Review revu27: checked on this run's story ids only, the next day's corpus whose
    stories had other ids took the name too (its stories listed with the first day's), and a run killed before
    its first story was put, its name taken meanwhile by another corpus, could never be resumed (E503)."""
    if not store_name:
        return store_prefix(out)
    candidate = store_prefix(out, store_name)
    held = store.texts_by_name(candidate) if store is not None else {}
    ours = all(wanted.get(name[len(candidate):]) == hashes for name, hashes in held.items())
    taken = not ours or _claimed(out, candidate, store.display_url if store is not None else None)
    return store_prefix(out) if taken else candidate


def _claimed(out: Path, prefix: str, store: str | None) -> bool:
    """Whether another run folder beside ``out`` (``batch`` without ``--out`` keeps them all in one folder) took
    ``prefix`` for the same store: a run still reading its corpus, or one killed before it put a story, holds
    nothing in the store yet, and its manifest is what says the name is its own."""
    for manifest in out.parent.glob(f"*/{MANIFEST}"):
        if manifest.parent.name == out.name:
            continue
        try:
            with manifest.open("rb") as f:  # its head and its tail: a manifest holds every story (tens of MB)
                ends = f.read(_MANIFEST_ENDS)
                size = f.seek(0, os.SEEK_END)
                f.seek(max(len(ends), size - _MANIFEST_ENDS))
                ends += b"\n" + f.read()
            said = {k: json.loads(v) for k, v in _CLAIM.findall(ends.decode("utf-8", "replace"))}
        except (OSError, ValueError):
            continue
        if said.get("store_prefix") == prefix and said.get("store", store) == store:
            return True
    return False


_MANIFEST_ENDS = 4096  # bytes read at each end of a manifest for its ``store_prefix`` and ``store``
_CLAIM = re.compile(r'(?<!\\)"(store_prefix|store)": ("(?:[^"\\]|\\.)*")')


@contextlib.contextmanager
def _names_held(out: Path | None):  # noqa: ANN202
    """A lock on ``out``'s parent folder while a first start chooses its store name and writes its manifest, so
    that two runs started together do not both find a name free (``_claimed``). Nothing is locked without ``out``
    (a name chosen by the caller's --out), without ``fcntl``, or where the folder cannot be locked."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not on the platforms the tests run on
        fcntl = None
    fd = None
    if out is not None and fcntl is not None:
        try:
            fd = os.open(out.parent, os.O_RDONLY)  # (the folder itself: no file left among the run folders)
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:
            if fd is not None:
                os.close(fd)
            fd = None
    try:
        yield
    finally:
        if fd is not None:
            os.close(fd)  # (the lock goes with the descriptor)


class _Keeper:
    """Puts a batch's stories into the store (``run_batch(db=...)``), each once however often the run is
    resumed: ``Store.put_report`` leaves a story it already holds as it is. After a followed run (``replace``) a
    story the new articles changed is replaced in the store (its texts and report, in one transaction)."""

    def __init__(self, store, prefix: str, embedder: str, summary: BatchSummary, replace: bool = False) -> None:  # noqa: ANN001 - a Store
        self.store, self.embedder, self.summary = store, embedder, summary
        self.prefix, self.replace = prefix, replace

    def check(self, stories: dict[str, list[Document]]) -> None:
        """E503 before the engine runs when a name of this run holds other texts (another run's folder of
        the same name on this store): found by ``put_report`` only at that story, after comparing it."""
        held = self.store.texts_by_name(self.prefix)
        for sid, docs in stories.items():
            name = self.prefix + sid
            if docs and name in held and held[name] != {d.hash for d in docs}:
                raise StoryExists(name, detail=f" ({name!r}) holding other texts; choose another --out")

    def check_chain(self, wanted: dict[str, set[str]], was: dict[str, set[str]], follows: Path,
                    gone: Callable[[str], bool] = lambda sid: False) -> None:
        """After a followed run (``was``: the texts of each story of its state, every member's), every name under
        its prefix must hold this run's texts of that story (``wanted``: a resumed run) or texts of the followed
        state's story (what that run, or one before it, put; fewer when it ran without ``--db``): E616
        otherwise, before the manifest is written. Why: day 3 following day 1 again, after day 2 had followed day
        1 into the same store (a fork), replaced the stories both touched, left day 2's others (its texts, its
        new stories) beside day 3's state, and the next run that touched one of them stopped at E503. The E503
        test (the store's texts against the followed run's compared texts) also refused a day following one run
        without ``--db``, whose texts the store never held. A story the chain merged into another in a run without
        ``--db`` (``gone``: not in the followed state, merged in its index) is ``fill``'s to delete, not a fork; so
        is a text a run without ``--db`` corrected (``was`` holds every text the chain held under each member's id:
        ``_StateTexts.held_hashes``). Another chain's stories under the same prefix (two feeds whose first runs were
        both ``--out .../day1``) are refused the same way: filling them would overwrite that chain's reports."""
        for name, hashes in sorted(self.store.texts_by_name(self.prefix).items()):
            sid = name[len(self.prefix):]
            if hashes == wanted.get(sid) or hashes <= was.get(sid, set()) or gone(sid):
                continue
            raise FollowMismatch(input=str(follows), detail=(
                f"the store holds {name!r} with texts its state does not have: a later run that followed it put "
                f"them there (a fork; follow the latest run of this chain), or another chain whose first run had "
                f"this name (give this chain another --db)"))

    def fill(self, expected: dict[str, set[str]], members: dict[str, list[str]], documents: _StateTexts,
             follows: Path, gone: Callable[[str], bool] = lambda sid: False) -> None:
        """After a followed run: the stories of its state this run leaves untouched (``expected``: id -> the hashes of
        the texts it compared) that the store lacks or holds in an earlier day's version are put from the chain's
        story files (the followed folder's, then the run it followed, ...; the file whose members and compared texts
        are the state's), before the manifest is written; E616 naming them when a file is not found, before anything
        is put. Those the state says are not to be stored (all copies of one text: nothing compared) or merged into
        another (``gone``) are deleted. Why: a day run without ``--db`` between two with it (or a first day without
        it, or ``--db`` of another store) never put its stories nor deleted those it merged away, and the next day
        puts only those it touches: the rest were missing or stale in the store for good. A resumed run finds them
        put (each once)."""
        held = self.store.texts_by_name(self.prefix)
        kept = self.store.kept_names(self.prefix)
        drop = sorted(name for name in held if gone(sid := name[len(self.prefix):]) or expected.get(sid) == set())
        lacking = sorted(sid for sid, hashes in expected.items() if hashes
                         and (self.prefix + sid not in kept or held.get(self.prefix + sid) != hashes))
        if not lacking and not drop:
            return
        folders = _chain(follows)
        found = {sid: _story_file(folders, sid, members[sid], expected[sid], lambda d: documents[d].hash)
                 for sid in lacking}
        if missing := [sid for sid, f in found.items() if f is None]:
            raise FollowMismatch(input=str(follows), detail=(
                f"the store lacks {len(missing)} of its stories as it left them (first {self.prefix + missing[0]!r}) "
                "and no story file of its chain has them: a run of the chain ran without this --db; run each such "
                "run again with the same command and this --db (it puts what the store lacks), oldest first"))
        for sid in lacking:
            result, compared = found[sid]
            self.put(result, [documents[d] for d in compared], count=False)
            self.summary.filled += 1
        for name in drop:
            with self.ours(), contextlib.suppress(StoryNotFound):
                self.store.delete_story(name)
            self.summary.filled += 1

    @contextlib.contextmanager
    def ours(self):  # noqa: ANN201
        """E617 when the lock of the chain's stories this run took (``_chain_held``: a PostgreSQL lease) was lost
        during the run: a follower whose lock another has taken since writes nothing more (review revinc31; its
        stories are put when the command is run again). Asked in each write's transaction (``Store._write``, session
        32: before it, in a transaction of its own, a lapse could fall between the check and the write)."""
        from storycheck.store import LockHeld

        try:
            yield
        except LockHeld as lost:
            raise FollowLockLost(input=self.prefix, detail=f"{lost.holder} in {self.store.display_url}") from None

    def put(self, result: dict[str, Any], compared: list[Document], count: bool = True) -> None:
        with self.ours():
            self._put(result, compared, count)

    def _put(self, result: dict[str, Any], compared: list[Document], count: bool) -> None:
        if result["status"] == "copies":  # one text: nothing was compared
            if self.replace:  # (a followed run's story whose texts all became copies of today's earlier original:
                # its stored report compared copies, so it goes, as a copies story is never stored; once)
                with contextlib.suppress(StoryNotFound):
                    self.store.delete_story(self.prefix + result["story"])
            return
        data = json.loads(result["report_json"]) if "report_json" in result else result.get("report")
        self.store.put_report(self.prefix + result["story"], compared, data, embedder=self.embedder,
                              error=result.get("error"), replace=self.replace)
        self.summary.stored += count

    def backfill(self, done: list[str], folder: Path, compared: Callable[[str], list[Document]]) -> None:
        """The stories written by an earlier start whose report the store lacks, put from their files; after a
        followed run, also those it still holds with the followed run's texts (killed between the two)."""
        kept = self.store.kept_names(self.prefix)
        held = self.store.texts_by_name(self.prefix) if self.replace else {}
        for sid in done:
            name = self.prefix + sid
            if name not in kept or (self.replace and held.get(name) != {d.hash for d in compared(sid)}):
                self.put(json.loads((folder / f"{sid}.json").read_text(encoding="utf-8")), compared(sid))

    def retire(self, merged: dict[str, str]) -> None:
        """The followed run's stories this run merged into others, out of the store (their texts are their
        survivor's now): each once, a resumed run finds them gone."""
        for sid in sorted(merged):
            with self.ours(), contextlib.suppress(StoryNotFound):
                self.store.delete_story(self.prefix + sid)


def _chain(folder: Path, limit: int = 64) -> list[Path]:
    """A followed run's folder, then the folder of the run it followed (its manifest's ``follows``), and so on, as
    far as they are found (``limit`` at most). A relative path is read from the working folder, else beside the
    folder that names it (``runs/day1`` from ``runs/day2``)."""
    folders = [folder]
    while len(folders) < limit:
        try:
            run = json.loads((folders[-1] / MANIFEST).read_text(encoding="utf-8"))["follows"]["run"]
        except (OSError, ValueError, KeyError, TypeError):
            break
        path = Path(run)
        if not path.is_absolute() and not (path / MANIFEST).exists():
            path = folders[-1].parent / path.name
        if not (path / MANIFEST).exists() or any(real_path(path) == real_path(f) for f in folders):
            break
        folders.append(path)
    return folders


def _story_file(folders: list[Path], sid: str, members: list[str], hashes: set[str],
                hash_of: Callable[[str], str]) -> tuple[dict, list[str]] | None:
    """The record of story ``sid`` in the first of ``folders`` whose file of it has these members and compared
    these texts (``hash_of`` an article id: the state's; and its report's, by hash: a corrected text under a kept
    id is another version), with its compared ids; None when no folder has it."""
    from storycheck.records import content_hash

    for folder in folders:
        try:
            data = json.loads((folder / STORIES / f"{sid}.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        try:  # (a file edited or written by something else: any shape but a story record's is not the story)
            rows = data.get("members") or []
            compared = [m["id"] for m in rows if m.get("fate") == "compared"]
            if [m.get("id") for m in rows] != members or data.get("status") not in ("ok", "failed") or \
                    {hash_of(d) for d in compared} != hashes:
                continue
            report = data.get("report")
            if (report is None) != (data["status"] == "failed") or \
                    (report is not None and {content_hash(d["text"]) for d in report["documents"]} != hashes):
                continue
        except (AttributeError, KeyError, TypeError):
            continue
        return data, compared
    return None


def _first_bad_rows(notices: list[Notice], limit: int = 5) -> str:
    """The first skipped rows or files of a corpus, as one line: what an error with no manifest can show."""
    skipped = [n for n in notices if n.skipped]
    shown = "; ".join(str(n) for n in skipped[:limit])
    more = f"; and {len(skipped) - limit} more" if len(skipped) > limit else ""
    return (shown + more) if skipped else "the corpus has no rows"


def _compared(plan: list[Fate]) -> list[str]:
    return [f.id for f in plan if f.fate == "compared"]


def _fate_row(f: Fate) -> dict[str, Any]:
    return {k: v for k, v in dataclasses.asdict(f).items() if v is not None}


def _article_row(f: Fate, index: StoryIndex) -> dict[str, Any]:
    """An article's row of ``articles.jsonl``: its fate, and for a ``singleton`` the ``nearest`` story that
    refused it and why (``StoryIndex.why_not``: an editor asks why it is not with the others)."""
    row = _fate_row(f)
    if f.fate == "singleton" and (miss := index.why_not(f.id)) is not None:
        row["nearest"] = miss.row()
    return row


def warm_up(embedder: str = "static") -> int:
    """Load the models in this process (a worker does it once, while the driver still clusters), and
    dateparser's parser (``quantities.warm_up``)."""
    from storycheck import quantities
    from storycheck.nlp import embedder as load_embedder
    from storycheck.nlp import tagger

    tagger()
    load_embedder(embedder)
    quantities.warm_up()
    return os.getpid()


def _local_worker_settings(embedder: str = "static", worker=None) -> None:  # noqa: ANN001
    """The settings of a worker of the ``LocalCluster`` this module starts: full garbage collections made
    rare for the worker's life (``_rare_full_collections``), since the engine is all it runs and it ends with
    the batch; torch kept out; an exit without teardown once closed. The workers of a cluster given by
    address may serve others after the batch: they are left as they are configured.

    With an embedder that needs no torch (``TORCHLESS_EMBEDDERS``), torch is kept out of the worker: thinc
    imports it when present, only to offer wrappers the tagger does not use, and that import was ~1.5 of
    the ~2.3 CPU-s of importing spaCy, in each worker, while the driver reads and clusters on the same
    cores. (``import torch`` then fails in that worker: nothing the engine runs there asks for it.)"""
    _rare_full_collections()
    if os.environ.get("STORYCHECK_EMBEDDER", embedder) in TORCHLESS_EMBEDDERS:
        sys.modules.setdefault("torch", None)  # (a None entry makes ``import torch`` an ImportError)
    _exit_without_teardown_once_closed(worker)


try:
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover - distributed is a dependency; without it there is no LocalCluster
    WorkerPlugin = object


class LocalWorkerSetup(WorkerPlugin):
    """``_local_worker_settings`` on every worker of the batch's own ``LocalCluster``, registered on its client.

    A task submitted to each worker at the start (what ran it before) reaches only the workers up then: a
    worker the nanny restarts (over its memory limit, or killed) came back with Python's default garbage
    collector thresholds, torch importable and the slow teardown at its exit. Dask runs a registered plugin
    on each worker as it joins the cluster, restarted ones included."""

    name = "storycheck-batch-worker"
    idempotent = True

    def __init__(self, embedder: str = "static") -> None:
        self.embedder = embedder

    def setup(self, worker) -> None:  # noqa: ANN001
        _local_worker_settings(self.embedder, worker)


def _exit_without_teardown_once_closed(worker=None) -> None:  # noqa: ANN001 - a distributed.Worker
    """End this worker process at its interpreter's exit without tearing down its heap, once its Dask worker
    has closed.

    A worker of a batch holds the models and the engine's caches (thousands of parsed pieces, hundreds of
    analyses): Python's finalization freed them object by object, and the cluster's close waited for it,
    ~1-4 s of a 3k batch's wall time after its last story (0.4 s with this). The handler runs before every
    exit handler registered earlier (Dask's, logging's, multiprocessing's; those of modules imported later,
    blis's or certifi's, run before it, and cost little); by then the worker has closed and the nanny's queues are flushed and joined (its process
    function has returned). Logging and the standard streams are flushed first. A closed worker always exits
    with 0 (an error raised after the close still prints its traceback); a worker that did not close (an
    error before it did) exits the ordinary way, with its own exit code."""
    import atexit

    from distributed import get_worker
    from distributed.core import Status

    if worker is None:
        try:
            worker = get_worker()
        except ValueError:  # (not on a Dask worker)
            return

    def exit_now() -> None:
        if worker.status != Status.closed:
            return
        logging.shutdown()
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(0)

    atexit.register(exit_now)


TORCHLESS_EMBEDDERS = frozenset({"static", "none"})


# The workers of the LocalCluster this module starts (a cluster given by address is left as it is).
# Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers, so that a worker hands freed memory back
# to the system at once; the engine allocates and frees large buffers all the time (spaCy, numpy), and a
# worker then faulted its pages in again and again: measured on a 1k batch with 1 worker, 1.86M minor page
# faults inside the engine (140k in one process) and 40.0 CPU-s in ``run_story`` against 35.3 CPU-s with
# the thresholds below (30k faults). A worker then keeps up to a few hundred MB of freed memory, which
# is the allocator's ordinary behaviour in a plain process. The statistical profiler (a stack sample
# every 10 ms for the dashboard, which is not started) is off. The thread counts stay at one as Dask sets
# them: the engine's results depend on them (see the module's notes).
LOCAL_WORKER_CONFIG = {
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1,
        "MALLOC_TRIM_THRESHOLD_": 256 << 20, "MALLOC_MMAP_THRESHOLD_": 32 << 20, "MALLOC_TOP_PAD_": 64 << 20,
    },
    "distributed.worker.profile.enabled": False,
    # The periodic chores of the scheduler, nannies and workers, less often: an event loop health check every
    # 20 ms, a system monitor (psutil) every 500 ms, a nanny's memory check every 100 ms, in each of the
    # driver's and the workers' event loops; they took CPU from the engine on the same cores (the driver's
    # event loop ~4.5 CPU-s during a 3k batch's story stage, each worker's ~2). Timeouts and memory limits
    # keep their meaning; they are checked less often. The nanny's memory check every 500 ms: a worker over its
    # limit (a share of the machine's memory) may overshoot by half a second of allocation before it is
    # restarted (at 1 s the reviewer measured 1.45 GiB reached under a 1 GiB limit at 2.5 GB/s; Dask's 100 ms:
    # 0.9), and most of the saving is in the other two.
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "500ms",
}


@contextlib.contextmanager
def _dask(scheduler: str | None, workers: int):  # noqa: ANN202
    """A client of the cluster at ``scheduler`` or of a new ``LocalCluster`` (closed on exit)."""
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError) as exc:
            raise SchedulerUnavailable(input=scheduler, detail=str(exc)) from exc
        with client:
            yield client, scheduler
        return
    with dask.config.set(LOCAL_WORKER_CONFIG):  # read by the nannies as they start their workers
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40,
        )
    try:
        with Client(cluster) as client:
            yield client, f"LocalCluster({workers} workers)"
    finally:
        cluster.close()


def _run_dask(client, work, embedder, record) -> None:  # noqa: ANN001
    from distributed import as_completed

    futures = [
        client.submit(run_story, sid, docs, embedder, key=f"story-{sid}", retries=2, pure=False,
                      priority=len(work) - i)
        for i, (sid, docs) in enumerate(work)
    ]
    for future in as_completed(futures):
        record(future.result())
        future.release()


def _rank_row(sid: str, data: dict[str, Any]) -> dict[str, Any]:
    """One line of ``stories.jsonl`` from a story's record: as written to its file, or as ``run_story``
    returned it (``summary`` and ``titles`` beside the encoded report) with its ``members``."""
    articles = len(data.get("members", ()))
    if data.get("status") != "ok":
        return {"story": sid, "status": data.get("status"), "code": data.get("code"), "articles": articles,
                "conflicts": 0}
    s = data["summary"] if "summary" in data else data["report"]["summary"]
    titles = data["titles"] if "titles" in data else _titles(data["report"])
    return {
        "story": sid,
        "status": "ok",
        "articles": articles,
        "documents": s["documents"],
        "conflicts": s["by_kind"].get("conflict", 0),
        "single_source": s["by_kind"].get("single_source", 0),
        "findings": s["findings"],
        "by_kind": s["by_kind"],
        "conflicts_by_type": s["conflicts_by_type"],
        "titles": titles,
        "file": f"{STORIES}/{sid}.json",
    }


def _rank(out: Path, story_ids: list[str], summary: BatchSummary, rows: dict[str, dict[str, Any]]) -> None:
    """``stories.jsonl``, most conflicts first, and the summary's counts; stories written by an earlier run
    are read from their files (``rows`` holds those this run wrote: a report can weigh tens of MB)."""
    kinds: Counter[str] = Counter()
    conflicts: Counter[str] = Counter()
    ranked = []
    for sid in story_ids:
        row = rows.get(sid)
        if row is None:
            path = out / STORIES / f"{sid}.json"
            if not path.exists():
                continue
            row = _rank_row(sid, json.loads(path.read_text(encoding="utf-8")))
        summary.failed += row["status"] == "failed"
        kinds.update(row.get("by_kind", {}))
        conflicts.update(row.get("conflicts_by_type", {}))
        ranked.append({k: v for k, v in row.items() if k != "by_kind"})
    ranked.sort(key=lambda r: (-r["conflicts"], -r.get("single_source", 0), r["story"]))
    write_atomic(out / "stories.jsonl", "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ranked))
    summary.findings_by_kind = dict(kinds)
    summary.conflicts_by_type = dict(conflicts.most_common())
