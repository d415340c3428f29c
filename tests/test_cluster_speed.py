"""The speed-ups of story clustering change nothing: packed features are the features, a part featurized
by the assigning process (no worker had started it) gives the same stories, the LSH short cut finds and
stores what ``MinHashLSH`` does, and the cached helpers equal the expressions they replace."""

from __future__ import annotations

import math
import os
import pickle
import random
from collections import Counter
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHashLSH

from storycheck.cluster import (
    _NAME,
    _NAME_OF,
    _NOT_NAMES,
    ClusterSettings,
    StoryIndex,
    _argsort_keys,
    _BatchTerms,
    _capitals,
    _featurize_packed,
    _Idf,
    _lead_slots,
    _Packed,
    cluster,
    featurize,
)
from storycheck.corpus import read_corpus
from storycheck.records import Document
from storycheck.refine import Linkage, Report

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus"


def sample() -> list[Document]:
    return list(read_corpus(SAMPLE))


def snapshot(index: StoryIndex) -> list:
    return [(s.id, s.members, s.links, s.merged_into) for s in index.stories]


def test_packed_features_are_the_features():
    features = featurize(sample())
    back = pickle.loads(pickle.dumps(_Packed.pack(features))).unpack()
    assert len(back) == len(features)
    for a, b in zip(features, back, strict=True):
        assert (a.id, a.time, a.names, a.years, a.lead) == (b.id, b.time, b.names, b.years, b.lead)
        assert list(a.terms.items()) == list(b.terms.items())  # same order: sums follow it
        assert a.minhash.dtype == b.minhash.dtype and np.array_equal(a.minhash, b.minhash)
        assert a.vector.dtype == b.vector.dtype and np.array_equal(a.vector, b.vector)
    rows = [(d.id, d.text, d.title, d.published) for d in sample()]
    assert [f.id for f in _featurize_packed(rows, ClusterSettings(), None).unpack()] == [f.id for f in features]
    assert _Packed.pack([]).unpack() == []


class _NeverStarts(Executor):
    """An executor whose tasks wait forever: every part must be featurized by the assigning process."""

    def __init__(self) -> None:
        self.futures: list[Future] = []

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        fut: Future = Future()
        self.futures.append(fut)
        return fut


class _Inline(Executor):
    """An executor that runs each task at once (its futures are done: they are unpacked, never stolen)."""

    def submit(self, fn, /, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN201
        fut: Future = Future()
        fut.set_result(fn(*args, **kwargs))
        return fut


def test_parts_no_worker_started_are_featurized_here_with_the_same_stories():
    docs = sample()
    alone = StoryIndex()
    expected = alone.add(docs, batch=4)
    never = _NeverStarts()
    stolen = StoryIndex()
    assert stolen.add(docs, batch=4, executor=never) == expected
    assert never.futures and all(f.cancelled() for f in never.futures)
    inline = StoryIndex()
    assert inline.add(docs, batch=4, executor=_Inline()) == expected
    assert snapshot(stolen) == snapshot(alone) == snapshot(inline)


def test_worker_processes_give_the_same_stories_and_links():
    docs = sample() * 3  # ids repeat: each copy is a near-duplicate of the first
    docs = [Document(id=f"{d.id}-{i}", text=d.text, title=d.title, published=d.published) for i, d in enumerate(docs)]
    alone, pooled = cluster(docs), cluster(docs, workers=1)
    assert snapshot(pooled) == snapshot(alone)
    assert pooled.merges == alone.merges
    # two workers, batches of several parts (their named terms come packed: ``_Packed.named``)
    here, two = StoryIndex(), StoryIndex()
    here.add(docs, batch=16)
    with ProcessPoolExecutor(2) as pool:
        two.add(docs, batch=16, executor=pool)
    here.settle()
    two.settle()
    assert snapshot(two) == snapshot(here) and two.merges == here.merges


def test_featurizing_workers_run_below_the_assigning_process(monkeypatch):
    """The pool of ``cluster(workers=N)`` lowers its workers' priority (the assignment, sequential, keeps its
    core): each worker's niceness is the caller's plus ``WORKER_NICENESS`` (at most 19), and the stories are
    those of a run without workers."""

    import storycheck.cluster as module

    if os.getpriority(os.PRIO_PROCESS, 0) >= 19:
        pytest.skip("the suite runs at the lowest priority already: workers cannot go below it")

    made: list[ProcessPoolExecutor] = []

    class Recording(ProcessPoolExecutor):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            made.append(self)

        def __exit__(self, *exc) -> bool:  # the niceness is read before the pool shuts down
            made.append(self.submit(os.nice, 0).result())
            return super().__exit__(*exc)

    monkeypatch.setattr(module, "ProcessPoolExecutor", Recording)
    docs = sample()
    assert snapshot(cluster(docs, workers=1)) == snapshot(cluster(docs))
    assert made[1] == min(19, os.nice(0) + module.WORKER_NICENESS) > os.nice(0)


def test_lsh_short_cut_finds_and_stores_what_minhashlsh_does():
    settings = ClusterSettings()
    index = StoryIndex(settings)
    reference = MinHashLSH(threshold=settings.near_duplicate, num_perm=settings.num_perm)
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=(20, settings.num_perm), dtype=np.uint64).astype(np.uint32)
    for i in range(60):
        values = base[i % 20].copy()
        values[rng.integers(0, settings.num_perm, size=8)] = rng.integers(0, 2**32, size=8, dtype=np.uint64)
        probe = index._hasher.minhash(values)
        assert set(index._lsh_query(probe)) == set(reference.query(probe))
        index._lsh_insert(f"d{i}", probe)
        reference.insert(f"d{i}", probe, check_duplication=False)
    for mine, theirs in zip(index.lsh.hashtables, reference.hashtables, strict=True):
        assert {k: set(mine.get(k)) for k in mine.keys()} == {k: set(theirs.get(k)) for k in theirs.keys()}
    assert {k: index.lsh.keys.get(k) for k in index.lsh.keys.keys()} == {
        k: reference.keys.get(k) for k in reference.keys.keys()
    }
    index._lsh_remove("d7")  # the short cut's removal leaves what datasketch's leaves
    reference.remove("d7")
    for mine, theirs in zip(index.lsh.hashtables, reference.hashtables, strict=True):
        assert {k: set(mine.get(k)) for k in mine.keys()} == {k: set(theirs.get(k)) for k in theirs.keys()}
    assert set(index.lsh.keys.keys()) == set(reference.keys.keys())
    index.lsh.remove("d5")  # datasketch's own removal finds what the short cut stored
    assert "d5" not in set(index._lsh_query(index._hasher.minhash(base[5].copy())))


def test_cached_helpers_equal_what_they_replace():
    rng = random.Random(5)
    texts = [d.text for d in sample()] + ["ÀB Ünïcode xY \ud800 Z", "", "ΑΒΓ ABC def"]
    for t in texts:
        assert _capitals(t) == sum(map(t.count, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    for t in texts:
        for m in _NAME.findall(t) + ["A.", "The", "Smith's", "Paris’s", "U.S."]:
            n = m.lower().rstrip(".").removesuffix("'s").removesuffix("’s")
            assert _NAME_OF[m] == (n if len(n) > 1 and n not in _NOT_NAMES else "")
    leads = ["Seven killed on Sunday", "THE THIRD ROUND: twelve goals", "Ten évènements: eleven", "nineteen seventy"]
    got = [_lead_slots(lead, True) for lead in leads]
    assert {"#:7", "d:sunday"} <= got[0] and "#:3" in got[1] and "#:12" in got[1]
    assert "#:11" in got[2] and "#:10" in got[2] and not any(s.startswith("#:") for s in got[3])
    df = Counter({f"w{i}": rng.randrange(1, 50) for i in range(200)})
    filled, lazy = _Idf(df, 1000), _Idf(df, 1000)
    filled.fill(list(df) + ["unseen"])
    assert all(filled[t] == lazy[t] for t in list(df) + ["unseen"])
    assert math.isclose(lazy["unseen"], math.log(1001) + 1.0)


def test_a_featurizing_worker_needs_no_datasketch(tmp_path):
    """A worker gets the MinHash permutations with its task: featurizing imports neither datasketch nor
    scipy (a second of start-up per worker), and gives the MinHash values the index would compute."""
    import subprocess
    import sys

    hasher = StoryIndex()._hasher
    task = tmp_path / "task.pkl"
    rows = [(d.id, d.text, d.title, d.published) for d in sample()]
    task.write_bytes(pickle.dumps((rows, ClusterSettings(), hasher)))
    script = (
        "import pickle, sys\n"
        "from storycheck.cluster import _featurize_packed\n"
        f"rows, settings, hasher = pickle.loads(open({str(task)!r}, 'rb').read())\n"
        "packed = _featurize_packed(rows, settings, None, hasher)\n"
        "assert 'datasketch' not in sys.modules and 'scipy' not in sys.modules, sorted(sys.modules)\n"
        "sys.stdout.buffer.write(pickle.dumps(packed.minhash))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()
    assert np.array_equal(pickle.loads(proc.stdout), np.stack([f.minhash for f in featurize(sample())]))


def test_lsh_bands_given_are_those_datasketch_works_out():
    """The bands an index gives its MinHashLSH (so that it needs no scipy.integrate) are the ones datasketch
    would work out for those settings; other settings let datasketch work them out."""
    from datasketch.lsh import _optimal_param

    from storycheck.cluster import _LSH_PARAMS

    for (threshold, num_perm), params in _LSH_PARAMS.items():
        assert _optimal_param(threshold, num_perm, 0.5, 0.5) == params
    lsh = StoryIndex().lsh
    assert (lsh.b, lsh.r) == _optimal_param(0.5, 64, 0.5, 0.5)
    other = StoryIndex(ClusterSettings(near_duplicate=0.7, num_perm=32)).lsh
    assert (other.b, other.r) == _optimal_param(0.7, 32, 0.5, 0.5)


def test_an_index_imports_no_scipy_integrate(tmp_path):
    """Building, filling, saving and loading an index leave scipy.integrate unimported (its import was a
    tenth of the assigning process at 10k articles); imported afterwards, it is the real module, and an
    index of other settings works out its bands with it."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "from storycheck.cluster import StoryIndex, ClusterSettings, cluster\n"
        "from storycheck.records import Document\n"
        "docs = [Document(id=f'd{i}', text=f'Storm {i % 3} hits the coast of Lisbon on Monday morning.') for i in range(6)]\n"
        "index = cluster(docs)\n"
        f"index.save({str(tmp_path / 'index.pkl')!r})\n"
        f"again = StoryIndex.load({str(tmp_path / 'index.pkl')!r})\n"
        "assert again.groups() == index.groups()\n"
        "assert 'scipy.integrate' not in sys.modules, 'scipy.integrate imported'\n"
        "import scipy.integrate\n"
        "assert scipy.integrate.quad.__module__.startswith('scipy.integrate')\n"
        "other = StoryIndex(ClusterSettings(near_duplicate=0.7, num_perm=32)).lsh\n"
        "print(other.b, other.r)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    from datasketch.lsh import _optimal_param

    assert tuple(map(int, proc.stdout.split())) == _optimal_param(0.7, 32, 0.5, 0.5)


def _pair_score_reference(a, b, detail_penalty=1.0):  # noqa: ANN001, ANN202
    """``refine.pair_score`` as it was written before ``pair_scores`` (one pair, list comprehensions)."""
    from storycheck.details import conflicts
    from storycheck.refine import LEAD_WEIGHT, NAME_WEIGHT, NEUTRAL_SHARE, SLOT_PENALTY, _contained

    def mean_share(x, y):  # noqa: ANN001, ANN202
        if x is None:
            return NEUTRAL_SHARE if y is None else y
        return x if y is None else 0.5 * (x + y)

    bv = b.vec
    score = sum([w * bv[t] for t, w in a.vec.items() if t in bv])
    an, bn = a.names, b.names
    if an and bn:
        common = [n for n in an if n in bn] if len(an) <= len(bn) else [n for n in bn if n in an]
        names = 0.5 * (sum([an[n] for n in common]) / a.names_total + sum([bn[n] for n in common]) / b.names_total) if common else 0.0
        x = sum([w for n, w in a.lead.items() if n in bn]) / a.lead_total if a.lead else None
        y = sum([w for n, w in b.lead.items() if n in an]) / b.lead_total if b.lead else None
        lead = mean_share(x, y)
    elif a.own_total or b.own_total:
        if a.own_total and b.own_total:
            names = 0.5 * (_contained(a, b) + _contained(b, a))
        else:
            names = _contained(a, b) if a.own_total else _contained(b, a)
        lead = names
    else:
        names = lead = NEUTRAL_SHARE
    score += NAME_WEIGHT * names + LEAD_WEIGHT * lead
    if a.slots and b.slots:
        bs = b.slots
        score -= SLOT_PENALTY * sum([1 for k, mine in a.slots.items() if k in bs and mine.isdisjoint(bs[k])])
    if a.details and b.details:
        score -= detail_penalty * conflicts(a.details, b.details)
    return score


def test_pair_scores_are_the_pair_scores_bit_for_bit():
    """``refine.pair_scores`` (one report against many, the loops in C) gives each pair the very float of the
    pair score written pair by pair: cased and lower-cased reports (names, or terms standing for them), lead
    slots and typed details; the linkage means sum them in the same order."""
    from dataclasses import replace

    from storycheck.refine import pair_score, pair_scores

    docs = sample()
    docs += [replace(d, id=f"{d.id}-lower", text=d.text.lower(), title=None) for d in docs]
    docs += [
        Document("quake-a", "A magnitude 5.6 earthquake struck Lombok on Sunday, killing 12 people, officials said."),
        Document("quake-b", "A 6.1 magnitude quake hit Lombok on Tuesday; the agency said 3 people died."),
    ]
    reports = list(cluster(docs, ClusterSettings(link_members=64))._linkage.reports.values())
    assert len(reports) == len(docs)
    assert any(r.own_total for r in reports) and any(r.details for r in reports) and any(r.names for r in reports)
    for penalty in (1.0, 0.5):
        for a in reports:
            want = [_pair_score_reference(a, b, penalty).hex() for b in reports]
            assert [x.hex() for x in pair_scores(a, reports, penalty)] == want
            assert [pair_score(a, b, penalty).hex() for b in reports] == want
    link = Linkage(1.0)
    link.reports = {f"r{i}": r for i, r in enumerate(reports)}
    members = list(link.reports)
    assert link.mean_between(members[:5], members[5:], 64) == sum(
        _pair_score_reference(x, y) for x in reports[:5] for y in reports[5:]
    ) / (5 * (len(reports) - 5))
    assert link.mean_to(reports[0], members[3:], 64) == sum(_pair_score_reference(reports[0], o) for o in reports[3:]) / (
        len(reports) - 3
    )
    n = len(reports)
    assert link.cohesion(members, 64) == sum(
        _pair_score_reference(reports[i], reports[j]) for i in range(n) for j in range(i + 1, n)
    ) / (n * (n - 1) / 2)


class _NoKeep(dict):
    """A ``StoryIndex._roots`` that keeps nothing: every lookup builds its sets afresh (as before the cache)."""

    def get(self, key, default=None):  # noqa: ANN001, ANN201
        return None

    def __setitem__(self, key, value) -> None:  # noqa: ANN001
        pass


def test_kept_sets_of_stories_are_the_sets_a_lookup_would_build():
    docs = sample() * 3  # repeats: posting lists grow, get cut and meet merged stories
    docs = [Document(id=f"{d.id}#{i}", text=d.text, title=d.title, published=d.published) for i, d in enumerate(docs)]
    settings = ClusterSettings(min_key_docs=len(docs), posting_cap=4)  # every term keyed; short lists get cut
    kept, fresh = StoryIndex(settings), StoryIndex(settings)
    fresh._roots = _NoKeep()
    for i in range(0, len(docs), 7):  # many batches: retirements and merge passes between them
        kept.add(docs[i : i + 7])
        fresh.add(docs[i : i + 7])
        if i == 7:  # two stories merged (as the merge pass does): their ids stay in the posting lists
            live = [n for n, story in enumerate(kept.stories) if story.merged_into is None]
            for index in (kept, fresh):
                index._merge(live[0], live[1], 0.5, 0.5, [])
        for term, roots in kept._roots.items():  # each kept set: same members, same order as one built now
            plist = kept._postings.get(term) or []
            built = set(plist)  # (as ``_lookup`` builds it)
            if built & kept._merged:
                built = {kept._root(s) for s in plist}
            assert list(roots) == list(built) and not roots & kept._dead
    assert kept._roots and kept._merged  # (the cache was used, merged stories met)
    assert snapshot(kept) == snapshot(fresh)
    assert kept.merges == fresh.merges


def _watch_assign(monkeypatch, probe):  # noqa: ANN001, ANN202
    """What ``probe()`` gives each time an article is assigned (StoryIndex._assign wrapped)."""
    seen = []
    assign = StoryIndex._assign

    def spy(self, f, *rest):  # noqa: ANN001, ANN002, ANN202
        seen.append(probe())
        return assign(self, f, *rest)

    monkeypatch.setattr(StoryIndex, "_assign", spy)
    return seen


def test_assigning_leaves_the_garbage_collector_as_it_was(monkeypatch):
    import gc

    seen = _watch_assign(monkeypatch, gc.isenabled)
    docs = sample()[:6]
    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            StoryIndex().add_features(featurize(docs))
            assert gc.isenabled() is state
    finally:
        (gc.enable if was else gc.disable)()
    assert seen and not any(seen)  # paused while assigning


class _GcWatchingEmbedder:
    """The static embedder, noting whether the cyclic collector was on each time it encoded."""

    def __init__(self) -> None:
        from storycheck.cluster import clustering_embedder

        self.inner, self.seen = clustering_embedder(), []

    def encode(self, texts):  # noqa: ANN001, ANN201
        import gc

        self.seen.append(gc.isenabled())
        return self.inner.encode(texts)


def test_featurizing_pauses_the_garbage_collector_and_leaves_it_as_it_was():
    import gc

    docs = sample()[:6]
    rows = [(d.id, d.text, d.title, d.published) for d in docs]
    was = gc.isenabled()
    try:
        for state in (True, False):
            (gc.enable if state else gc.disable)()
            emb = _GcWatchingEmbedder()
            features = featurize(docs, None, emb)
            assert gc.isenabled() is state
            packed = _featurize_packed(rows, ClusterSettings(), emb)
            assert gc.isenabled() is state
            assert emb.seen == [False, False]  # paused inside, both ways in
            # the same features as with the collector on (featurizing is pure)
            assert [list(f.terms.items()) for f in packed.unpack()] == [list(f.terms.items()) for f in features]
    finally:
        (gc.enable if was else gc.disable)()


def test_term_bound_is_above_every_term_cosine_with_the_story():
    """``_term_bound`` lets the candidate loop pass over a story without its term cosine: it must bound the
    cosine of any article with the story, across batches (the IDF moves) and as stories grow in a batch."""
    docs = sample()
    index = StoryIndex()
    features = featurize(docs)
    checked = 0
    for start in range(0, len(features), 4):  # small batches: the IDF changes between them
        batch = features[start : start + 4]
        index.add_features(batch)
        vecs = [index._top_terms(f.terms) for f in features[: start + 4]]
        for idx, story in enumerate(index.stories):
            if story.merged_into is not None:
                continue
            bound = index._term_bound(idx)
            for vec in vecs:
                sim, _ = index._similarity(vec, math.sqrt(sum(w * w for w in vec.values())), idx)
                assert sim <= bound, (idx, sim, bound)
                checked += 1
    assert checked > 50
    # a story grown after its bound was summed (same batch) keeps a bound above its cosines
    idx = next(i for i, s in enumerate(index.stories) if s.merged_into is None and index._profile[i])
    index._term_bound(idx)
    extra = features[0]
    index._add_profile(idx, {t: 50.0 for t in extra.terms})
    vec = index._top_terms(extra.terms)
    sim, _ = index._similarity(vec, math.sqrt(sum(w * w for w in vec.values())), idx)
    assert sim <= index._term_bound(idx)


def stream(n: int = 400, seed: int = 3) -> list[Document]:
    """``n`` articles recombined from the sample's sentences (a fixed seed): events of a few reports, most a
    near-duplicate of another, over several days (the IDF drifts, stories retire)."""
    rng = random.Random(seed)
    texts = [[x.strip() + "." for x in d.text.split(". ") if x.strip()] for d in sample()]
    docs: list[Document] = []
    while len(docs) < n:
        source = texts[rng.randrange(len(texts))]
        day, hour = len(docs) // 20, rng.randrange(24)
        for _ in range(rng.choice((1, 2, 3, 5))):
            keep = [x for x in source if rng.random() < 0.85] or source[:2]
            if rng.random() < 0.2:  # a sentence of another text
                keep.insert(rng.randrange(len(keep) + 1), rng.choice(texts[rng.randrange(len(texts))]))
            published = f"2026-03-{1 + day:02d}T{hour:02d}:00:00Z"
            docs.append(Document(id=f"r{len(docs)}", text=" ".join(keep), published=published))
    return docs[:n]


def test_same_event_cap_bounds_every_term_cosine_of_its_batch(monkeypatch):
    """``_same_event_cap`` lets an article with a near-duplicate skip the look-up's scoring: no term cosine
    worked out while a batch is assigned (or merged) may exceed it."""
    index = StoryIndex()
    seen: list[tuple[float, float]] = []
    similarity = StoryIndex._similarity

    def recording(self, vec, norm, idx):  # noqa: ANN001, ANN202
        sim, shared = similarity(self, vec, norm, idx)
        seen.append((sim, self._cap))
        return sim, shared

    monkeypatch.setattr(StoryIndex, "_similarity", recording)
    index.add(stream(), batch=25)
    assert len(seen) > 300
    assert all(sim <= cap for sim, cap in seen), max(sim - cap for sim, cap in seen)
    assert max(cap for _, cap in seen) > 1.0  # (the IDF drifted: the cap is no mere 1)


def test_an_untimed_stream_past_the_limit_makes_no_bound(monkeypatch):
    """Stories without a time never retire: past ``UNTIMED_BOUNDED`` of them the per-batch bound (a loop over
    all of them) is not made, so a batch's cost does not grow with the stream; the stories are the same."""
    import storycheck.cluster as module

    docs = [Document(d.id, d.text) for d in stream()]  # (no publication times)
    made: list[tuple[int, float]] = []
    bound = StoryIndex._same_event_cap

    def recording(self):  # noqa: ANN001, ANN202
        made.append((len(self._untimed), bound(self)))
        return made[-1][1]

    monkeypatch.setattr(StoryIndex, "_same_event_cap", recording)
    monkeypatch.setattr(module, "UNTIMED_BOUNDED", 8)
    limited = StoryIndex()
    limited.add(docs, batch=25)
    assert any(n > 8 for n, _ in made) and any(n <= 8 and cap < math.inf for n, cap in made)
    assert all((cap == math.inf) == (n > 8) for n, cap in made)
    monkeypatch.setattr(module, "UNTIMED_BOUNDED", 10**9)
    unlimited = StoryIndex()
    unlimited.add(docs, batch=25)
    assert snapshot(limited) == snapshot(unlimited)


def test_skipped_look_ups_change_no_story(monkeypatch):
    """The look-ups skipped under the cap leave what they would have left (kept sets, shortened posting
    lists): the stories, links and merges are those of a run that scores every look-up."""
    docs = stream()
    walks: list[int] = []
    walk = StoryIndex._walk_keys
    monkeypatch.setattr(StoryIndex, "_walk_keys", lambda self, vec: walks.append(1) or walk(self, vec))
    skipping = StoryIndex()
    skipping.add(docs, batch=25)
    assert len(walks) > 100
    monkeypatch.setattr(StoryIndex, "_same_event_cap", lambda self: math.inf)
    scoring = StoryIndex()
    scoring.add(docs, batch=25)
    assert snapshot(skipping) == snapshot(scoring)
    assert skipping.merges == scoring.merges
    assert skipping._postings == scoring._postings


def test_a_walk_of_the_keys_leaves_what_a_look_up_leaves():
    """``_walk_keys`` keeps the same sets, in the same order, and takes the same retired stories out of the
    posting lists as ``_lookup`` on the same terms."""
    docs = stream()
    index = StoryIndex(ClusterSettings(min_key_docs=len(docs)))  # (every term of two articles or more is a key)
    index.add(docs, batch=25)
    index._keyed = None
    # a story retired as ``_retire`` does (its posting-list entries stay until a look-up meets them)
    index._dead.add(next(i for i in range(len(index.stories)) if index._parent[i] == i and index._profile[i]))
    shortened = 0
    for f in featurize(docs[::5]):
        vec = index._top_terms(f.terms)
        index._roots.clear()  # (as a batch starts)
        walked, looked = pickle.loads(pickle.dumps(index)), pickle.loads(pickle.dumps(index))
        walked._walk_keys(vec)
        found = looked._lookup(vec)
        assert walked._postings == looked._postings
        # a set the walk kept is the look-up's, in its order; one it did not keep, the next look-up builds the same
        assert all(list(r) == list(looked._roots[t]) for t, r in walked._roots.items())
        shortened += walked._postings != index._postings
        assert walked._lookup(vec) == found == looked._lookup(vec)  # (the second look-up keeps what the first cleaned)
        assert {t: list(r) for t, r in walked._roots.items()} == {t: list(r) for t, r in looked._roots.items()}
    assert shortened  # (some walks met retired stories)


def test_a_walk_maps_only_the_lists_that_hold_a_retired_story():
    """A skipped look-up (``_walk_keys``) builds no story set for a posting list that holds no retired story nor
    one merged into a retired story (what a later look-up builds is the same); a list that holds one of those
    is cleaned as a look-up cleans it."""
    docs = stream()
    index = StoryIndex(ClusterSettings(min_key_docs=len(docs)))  # (every term of two articles or more is a key)
    index.add(docs, batch=25)
    index._keyed = None
    merged = next(iter(index._merged))
    gone = index._root(merged)
    index._dead.add(gone)  # (retired as ``_retire`` does; a story merged into it goes with it)
    assert merged in index._doomed_now() and gone in index._doomed_now()
    cleaned = passed = 0
    for f in featurize(docs):
        vec = index._top_terms(f.terms)
        index._roots.clear()
        index._doomed = None  # (as a batch starts)
        before = {t: list(p) for t, p in index._postings.items()}
        index._walk_keys(vec)
        for term in index._keys(vec)[: index.settings.query_terms]:
            had = before.get(term)
            if had and any(index._root(i) in index._dead for i in had):
                assert index._postings[term] == [i for i in had if index._root(i) not in index._dead]
                cleaned += 1
            else:
                assert term not in index._roots  # (on eb6467d every term walked kept its set)
                passed += had is not None
    assert cleaned and passed


def test_add_settles_each_batch_and_leaves_the_collector_as_it_was(monkeypatch):
    """``add`` freezes what exists after each batch (the collector's full passes no longer walk the index)
    and unfreezes it when done; a caller's own freeze, or a disabled collector, is left alone."""
    import gc

    frozen = _watch_assign(monkeypatch, gc.get_freeze_count)
    docs = sample()
    was = gc.isenabled()
    try:
        gc.enable()
        before = gc.get_freeze_count()
        assert before == 0
        fresh = StoryIndex()
        fresh.add(docs, batch=4)
        assert gc.get_freeze_count() == 0 and gc.isenabled()
        assert frozen[0] == 0 and frozen[-1] > 0  # the later batches ran with the earlier ones frozen
        gc.disable()  # (no settling: the same stories)
        plain = StoryIndex()
        plain.add(docs, batch=4)
        gc.enable()
        assert snapshot(fresh) == snapshot(plain)
        frozen.clear()
        gc.freeze()  # a caller's own freeze stays as it is
        mine = gc.get_freeze_count()
        StoryIndex().add(docs, batch=4)
        assert gc.get_freeze_count() <= mine and max(frozen) <= mine  # (nothing added: frozen objects may die)
    finally:
        gc.unfreeze()
        (gc.enable if was else gc.disable)()


def _scalar_top(index: StoryIndex, terms: dict[str, float]) -> tuple[list, list, list, list, list]:
    """What ``_assign``, ``_lookup`` and ``_rarest`` worked out term by term before ``_count_batch``."""
    vec = index._top_terms(terms)
    limit, df = index._limit(), index.df
    pairs = sorted([(d, t) for t in vec if 1 < (d := df[t]) <= limit])
    keyed = [t for _, t in pairs]
    rarest = [t for _, t in sorted([(-index._idf_cache[t], t) for t in vec])]
    return list(vec.items()), [(t, terms[t]) for t in vec], keyed, [t for t in vec if df[t] <= limit], rarest


def test_batch_top_terms_are_the_top_terms_of_each_article():
    """``_count_batch`` counts, weighs and ranks a batch's terms at once: the same document frequencies (in
    the same order), IDF, top terms (same order: sums follow it), look-up keys and posted terms as the term
    by term code, with ties in weight and in document frequency (broken by the term, here non-ASCII too)."""
    rng = random.Random(5)
    pool = [f"{a}{b}{c}" for a in "abzé" for b in "xyΩ" for c in ("", "s", "ü", "𝔞", "ab")]
    features = featurize(sample())
    for i, f in enumerate(features):  # many ties: few distinct counts, terms shared by several articles
        # (the batches after the first 5 articles hold terms so long that they are ordered without numpy's strings)
        words = pool + ["q" * 70, "q" * 71 + "a"] if i >= 5 else pool
        f.terms = {t: float(rng.choice((1.0, 1.0, 1.5, 2.0))) for t in rng.sample(words, rng.randrange(0, len(words)))}
        f.id = f"d{i}"
    settings = ClusterSettings(terms=8, min_key_docs=3, max_key_share=0.0)
    index, reference = StoryIndex(settings), Counter()
    for start in range(0, len(features), 5):
        batch = features[start : start + 5]
        for f in batch:
            reference.update(f.terms.keys())
        tops = index._count_batch(_BatchTerms.of(batch))
        assert list(index.df.items()) == list(reference.items()) and index.n_docs == start + len(batch)
        n1 = index.n_docs + 1
        for t in reference:
            assert index._idf_cache[t] == math.log(n1 / (reference[t] + 1)) + 1.0
        assert any(len(f.terms) > settings.terms for f in batch)
        for f, top in zip(batch, tops, strict=True):
            expected = _scalar_top(index, f.terms)
            assert (list(top.vec.items()), list(top.raw.items()), top.keyed, top.posted, top.rarest) == expected
            # an article of more than k terms has them strongest first, ties by term: Report.of sorts nothing
            assert top.ranked == (len(f.terms) > settings.terms)
            if top.ranked:
                assert list(top.vec) == [t for _, t in sorted((-w, t) for t, w in top.vec.items())]
                idf = index._idf_cache.__getitem__
                fast, slow = (Report.of(top.vec, f.names, f.lead, idf, f.details, r) for r in (True, False))
                assert fast == slow and (list(fast.vec.items()), list(fast.more)) == (list(slow.vec.items()), list(slow.more))
            index._keyed = (top.vec, top.keyed, top.rarest)  # ``_rarest`` of some of the article's terms
            shared = [t for i, t in enumerate(top.vec) if i % 3]
            assert index._rarest(shared) == [t for t in expected[4] if t in shared][:8]
            index._keyed = None


def test_one_key_sort_is_lexsort():
    rng = np.random.default_rng(3)
    for high in (5, 1000, 2**40):  # the last does not fit one 64-bit key: lexsort itself
        first = rng.integers(0, 50, 4000)
        second = rng.integers(0, high, 4000)
        third = rng.permutation(4000)  # distinct triples
        assert np.array_equal(_argsort_keys(first, second, third), np.lexsort((third, second, first)))


def test_one_key_sort_is_lexsort_even_when_keys_tie():
    """Review revc22: the one-key sort is stable, as ``np.lexsort`` is, so tied triples keep their input order
    in both and the two agree on any keys (the introsort of 777a4d1 gave tied keys another order than lexsort:
    a caller whose triples were not distinct would have ranked terms in another order, silently)."""
    rng = np.random.default_rng(5)
    for n in (40, 500, 4000):
        first = np.sort(rng.integers(0, 6, n))  # articles in runs, as a batch lays them out
        second, third = rng.integers(0, 3, n), rng.integers(0, 4, n)  # many tied triples
        assert np.array_equal(_argsort_keys(first, second, third), np.lexsort((third, second, first)))


def test_the_batch_sort_keys_are_distinct(monkeypatch):
    """``_count_batch``'s three sorts read (article, rank or document frequency, the term's place among the batch's
    terms): a term occurs once per article, so the triples are distinct and the order is the one order whatever
    the sort (review revc22: checked on a stream of real texts, each kind of call met)."""
    import storycheck.cluster as cl

    met: list[bool] = []
    sort = cl._argsort_keys

    def spy(first, second, third):  # noqa: ANN001, ANN202
        met.append(len(set(zip(first.tolist(), second.tolist(), third.tolist(), strict=True))) == len(first))
        return sort(first, second, third)

    monkeypatch.setattr(cl, "_argsort_keys", spy)
    StoryIndex(ClusterSettings(terms=12)).add(stream(200), batch=64)  # (few top terms: most articles have more)
    assert len(met) >= 3 * 3 and all(met)


def test_another_thread_importing_scipy_integrate_meanwhile_gets_the_real_module():
    """While datasketch imports, scipy.integrate is a stand-in; a thread that imports scipy.integrate in that
    window gets the real module's names (not only ``quad``), and ``quad`` through the stand-in integrates."""
    import subprocess
    import sys

    script = (
        "import sys, threading\n"
        "import storycheck.cluster as C\n"
        "got = {}\n"
        "def other():\n"
        "    while 'scipy.integrate' not in sys.modules:\n"
        "        pass\n"
        "    import scipy.integrate as si\n"
        "    got['simpson'] = si.simpson\n"
        "t = threading.Thread(target=other)\n"
        "t.start()\n"
        "C._datasketch()\n"
        "t.join(60)\n"
        "assert got['simpson'].__module__.startswith('scipy.integrate'), got\n"
        "assert abs(C._quad(lambda x: x * x, 0, 1)[0] - 1 / 3) < 1e-9\n"
        "import scipy.integrate\n"
        "assert hasattr(scipy.integrate, 'simpson') and scipy.integrate.quad is not C._quad\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr.decode()


def test_within_is_isin():
    """``casing._within`` (a sort and a binary search) answers what ``np.isin`` does: keys below, above and
    between the pool's, repeated keys, an empty pool or no keys."""
    from storycheck.casing import _within

    rng = np.random.default_rng(7)
    for size, span in ((0, 10), (1, 3), (50, 40), (3000, 10**9), (20000, 5000)):
        pool = rng.integers(0, span, size=size).astype(np.intp)
        for keys in (rng.integers(-5, span + 5, size=400).astype(np.intp), np.zeros(0, dtype=np.intp), pool[:7]):
            assert np.array_equal(_within(keys, pool), np.isin(keys, pool))


def test_merge_pass_weighs_a_profile_only_for_a_candidate_it_compares(monkeypatch):
    """The merge pass looks candidates up by the profile's terms and weighs the profile (``_weighted``) only
    when a candidate passes the embedding test: with none passing, no profile is weighed; with all passing,
    each story looked at is weighed (and again after each merge)."""
    import storycheck.cluster as cluster_module

    index = StoryIndex()
    index.add(stream(200), batch=50)
    live = [i for i in range(len(index.stories)) if index._parent[i] == i and index._profile[i]]
    weighed: list[int] = []
    weighted = cluster_module._weighted
    monkeypatch.setattr(cluster_module, "_weighted", lambda profile, idf: weighed.append(1) or weighted(profile, idf))
    looked = pickle.loads(pickle.dumps(index))
    monkeypatch.setattr(StoryIndex, "_story_cosine", lambda self, a, b: -1.0)
    looked._merge_pass(live)
    assert not weighed
    assert snapshot(looked) == snapshot(index)
    monkeypatch.setattr(StoryIndex, "_story_cosine", lambda self, a, b: 1.0)
    index._merge_pass(live)
    assert weighed


def test_dense_rank_is_the_inverse_of_unique():
    """``_dense_rank`` (``_count_batch``'s ranks of weights and IDFs) is ``np.unique``'s inverse: ties (few
    distinct values among many), negative values, one value, none."""
    from storycheck.cluster import _dense_rank

    rng = np.random.default_rng(3)
    cases = [
        -np.round(rng.random(5000) * 40) / 7.0, -rng.random(3000), np.full(9, -2.5), np.zeros(0),
        -(1.0 + np.log(rng.integers(1, 30, 4000))) * rng.choice([1.0, 2.25, 7.5], 4000),
    ]
    for values in cases:
        assert np.array_equal(_dense_rank(values), np.unique(values, return_inverse=True)[1])


def test_a_batch_is_frozen_before_the_collector_is_back_on():
    """``add`` freezes a batch's new objects while the collector is still paused (``_add_packed``'s
    ``settle``): no collection walks the stories just made (on 777a4d1 the first allocation after the
    pause started a collection of the youngest generation, which held every object the batch kept)."""
    import gc

    docs = stream(200)
    index = StoryIndex()
    walked: list[bool] = []

    def watch(phase: str, info: dict) -> None:
        if phase == "start" and index.stories:  # (frozen objects are in no generation)
            tracked = set(map(id, gc.get_objects()))
            walked.append(any(id(s) in tracked for s in index.stories))

    was = gc.isenabled()
    gc.collect()
    gc.enable()
    gc.callbacks.append(watch)
    try:
        index.add(docs, batch=32)
    finally:
        gc.callbacks.remove(watch)
        (gc.enable if was else gc.disable)()
    assert index.stories and not any(walked)
    assert gc.get_freeze_count() == 0  # (``add`` unfroze them when done)


def test_an_iso_time_is_read_as_the_lineage_reads_it_without_asking_it(monkeypatch):
    """``_posix`` reads an ISO 8601 ``published`` itself (zone or not, a date alone, spaces around), to the
    number ``lineage.read_published`` gives; anything else still goes to that reader."""
    import storycheck.cluster as module
    from storycheck.lineage import read_published

    values = [
        "2026-11-27T07:02:00Z", "2026-11-27T09:02:00+02:00", " 2026-11-27T02:02:00-05:00 ", "2026-11-27 07:02",
        "2026-11-27", "2026-11-27T07:02:00.250000+00:00", "2026-03-29T01:30:00+01:00",
    ]
    expected = [read_published(v)[0].replace(tzinfo=module.UTC).timestamp() for v in values]
    asked: list[str] = []
    monkeypatch.setattr(module, "read_published", lambda v: asked.append(v) or read_published(v))
    module._posix.cache_clear()
    try:
        assert [module._posix(v) for v in values] == expected
        assert asked == []  # (on eb6467d every value went through ``read_published``)
        assert module._posix("Thu, 27 Nov 2026 07:02:00 GMT") == expected[0] and asked == ["Thu, 27 Nov 2026 07:02:00 GMT"]
        assert module._posix("") is None and module._posix(None) is None
    finally:
        module._posix.cache_clear()


def _iso_shapes() -> list[str]:
    """``published`` values in the ISO 8601 shapes feeds send and the odd ones: every date form with every
    separator, clock and zone (a fixed sample of their product), and the edge cases named one by one."""
    dates = ["2026-11-27", "20261127", "2026-W48-5", "2026W485", "2026-W48", "2026-331", "0001-01-01",
             "9999-12-31", "2024-02-29", "2025-02-29", "2026-02-30", "2026-13-01", "2026-11", "1970-01-01"]
    seps = ["T", "t", " ", "_"]
    clocks = ["07", "07:02", "0702", "07:02:00", "070200", "07:02:00.5", "07:02:00,250", "07:02:00.123456789",
              "23:59:60", "24:00", "24:00:00", "00:00:00", "23:59:59.999999"]
    zones = ["", "Z", "z", "+02:00", "+0200", "+02", "-05:30", "+14:00", "-23:59", "+24:00", "+02:00:30",
             "-00:00", " UTC", " GMT", "+2", "-01:00"]
    wraps = ["{}", " {} ", "\t{}\n", "{} trailing text", "{}Z"]
    rng = random.Random(30)
    values = [d for d in dates] + [f" {d} " for d in dates]
    every = [d + s + c + z for d in dates for s in seps for c in clocks for z in zones]
    values += [rng.choice(wraps).format(v) for v in rng.sample(every, 700)]
    values += [
        "", " ", "2026-11-27T07:02:00Z", "2026-11-27t07:02:00z", "2026-11-27T09:02:00+02:00",
        "2026-11-27T23:59:60Z", "0001-01-01T00:00:00+01:00", "0001-01-01T00:00:00-01:00", "9999-12-31T23:30:00-01:00",
        "9999-12-31T23:59:59.999999+00:00", "9999-12-31T23:59:59", "0001-01-01", "2026-11-27T07:02:00Z [Reuters]",
        "Thu, 27 Nov 2026 07:02:00 GMT", "Mon, 01 Jan 0001 00:30:00 +0100", "Fri, 31 Dec 9999 23:30:00 -0100", "27 Nov 2026", "2026-11-27 07:02 CEST",
    ]
    return values


def test_an_iso_time_of_any_shape_is_the_lineage_reader_s(monkeypatch):
    """``_posix`` gives, for every shape of ``published`` a feed may send (zones "Z", "+02:00", "+0200", "+02",
    fractional seconds, a date alone, "T", space or lower case, week dates, ordinals, years 1 and 9999, a leap
    second, a day out of range, trailing text), the number ``lineage.read_published`` gives, or the same None;
    a moment whose UTC is outside years 1-9999 is None to both, where both raised OverflowError (on b047f47 the
    clustering of a corpus with one "0001-01-01T00:00:00+01:00" row ended there)."""
    import storycheck.cluster as module
    from storycheck.lineage import read_published

    def lineage(value: str) -> float | None:
        read = read_published(value)
        return None if read is None else read[0].replace(tzinfo=module.UTC).timestamp()

    module._posix.cache_clear()
    try:
        seen: Counter = Counter()
        for value in _iso_shapes():
            expected = lineage(value)
            assert module._posix(value) == expected, value
            seen["none" if expected is None else "read"] += 1
        assert seen["read"] > 150 and seen["none"] > 100  # (each case is met)
        for value in ("0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00"):
            assert lineage(value) is None and module._posix(value) is None, value
    finally:
        module._posix.cache_clear()


def test_one_row_dated_past_the_calendar_does_not_end_the_clustering():
    """A row whose ISO date with its zone is before year 1 or after 9999 in UTC is clustered without a time."""
    docs = [
        Document(id="a", text="The council of Harwick approved a new bridge over the Lume river on Tuesday.",
                 published="0001-01-01T00:00:00+01:00"),
        Document(id="b", text="Harwick's council approved the new bridge over the Lume river on Tuesday evening.",
                 published="2026-11-27T07:02:00Z"),
        Document(id="c", text="A storm closed the port of Velmar for two days, the harbour office said.",
                 published="9999-12-31T23:30:00-01:00"),
    ]
    index = StoryIndex(ClusterSettings())
    assert len(index.add(docs)) == 3
    assert [f.time for f in featurize(docs[:1] + docs[2:])] == [None, None]


def test_a_chain_of_merges_into_a_story_retired_is_cleaned_as_root_reads_it():
    """Stories merged in a chain of three steps (d into c into b into a, none of the paths shortened yet), then
    ``a`` retired: every look-up and walk after it (a batch's, which keeps ``_doomed``) meets what ``root`` and a
    walk that maps every list (eb6467d's) meet: the same lists cleaned, the same sets, the same stories scored;
    the survivor read without a call one step away is ``root``'s."""
    docs = stream()
    index = StoryIndex(ClusterSettings(min_key_docs=len(docs)))
    index.add(docs, batch=25)
    index._keyed = None
    live = [i for i in range(len(index.stories)) if index._parent[i] == i and index._profile[i] and i not in index._dead]
    a, b, c, d = live[:4]
    index._merge(c, d, 0.9, 0.5, [])
    index._merge(b, c, 0.9, 0.5, [])
    index._merge(a, b, 0.9, 0.5, [])
    assert [index._parent[i] for i in (d, c, b)] == [c, b, a]  # (three steps from d)

    def walk_all(self: StoryIndex, vec: dict[str, float]) -> None:  # (eb6467d's walk)
        left = self.settings.query_terms
        for term in self._keys(vec)[:left]:
            if term not in self._roots:
                self._term_roots(term)

    for retired in (False, True):
        if retired:
            index._dead.add(a)
        index._roots.clear()
        index._doomed = None
        assert {d, c, b, a} <= index._doomed_now() if retired else not {d, c, b, a} & index._doomed_now()
        walked, mapped = pickle.loads(pickle.dumps(index)), pickle.loads(pickle.dumps(index))
        met = 0
        for f in featurize(docs[::3]):
            vec = walked._top_terms(f.terms)
            walked._walk_keys(vec)
            walk_all(mapped, vec)
            assert walked._postings == mapped._postings
            assert walked._lookup(vec) == mapped._lookup(vec)
            assert {t: list(r) for t, r in walked._roots.items()} == {t: list(r) for t, r in mapped._roots.items()}
            met += any(i in (a, b, c, d) for t in walked._keys(vec) for i in index._postings.get(t, ()))
        assert met
        assert all(a not in p and d not in p for p in walked._postings.values()) == retired
