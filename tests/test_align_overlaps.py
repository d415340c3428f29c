"""Alignment's candidate overlaps in numpy (``align._overlaps``) against the plain loop they replaced:
the same (unit, other, sum) rows, float for float, in the same order, whole or in stretches of units."""

from __future__ import annotations

import math
import random
from collections import defaultdict

import pytest

from storycheck import align as A
from storycheck.records import Unit


def _loop(flat, keys, weights, top_k):  # noqa: ANN001, ANN202
    """The loop ``_overlaps`` replaced (each unit's sorted keys, their posting lists, a dict of sums)."""
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            postings[k].append(i)
    out = []
    for i, ks in enumerate(keys):
        acc: dict[int, float] = defaultdict(float)
        for k in sorted(ks):
            posting = postings[k]
            if len(posting) > A.MAX_POSTING:
                continue
            for j in posting:
                if flat[j].doc != flat[i].doc:
                    acc[j] += weights[k] ** 2
        out += [(i, j, s) for j, s in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]]
    return out


def _story(seed: int, docs: int, vocabulary: int):  # noqa: ANN202
    rng = random.Random(seed)
    flat, keys = [], []
    for d in range(docs):
        for s in range(rng.randint(0, 12)):
            flat.append(Unit(f"d{d}", s, s, 0, 1, "x"))
            keys.append({f"w:{rng.randrange(vocabulary)}" for _ in range(rng.randint(0, 9))})
    n = max(1, len(keys))
    df = defaultdict(int)
    for ks in keys:
        for k in ks:
            df[k] += 1
    weights = {k: math.log(1 + n / c) for k, c in df.items()}
    return flat, keys, weights


@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize(
    ("rows", "cells", "loop"),
    [(A.OVERLAP_ROWS, A.OVERLAP_CELLS, 0), (50, A.OVERLAP_CELLS, 0), (A.OVERLAP_ROWS, 0, 0), (50, 0, 0),
     (A.OVERLAP_ROWS, A.OVERLAP_CELLS, 10**9)],
)  # fmt: skip
def test_overlaps_equal_the_loop(seed: int, rows: int, cells: int, loop: int, monkeypatch) -> None:  # noqa: ANN001
    """Each path (numpy: dense or sparse sums, one stretch or many; the small story's loop) equals the loop
    the numpy path replaced, float for float."""
    monkeypatch.setattr(A, "OVERLAP_LOOP", loop)
    flat, keys, weights = _story(seed, docs=1 + seed % 6, vocabulary=[5, 30, 200][seed % 3])
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            postings[k].append(i)
    squared = {k: weights[k] ** 2 for k, p in postings.items() if len(p) <= A.MAX_POSTING}
    monkeypatch.setattr(A, "OVERLAP_ROWS", rows)  # 50: many stretches of units, each summed apart
    monkeypatch.setattr(A, "OVERLAP_CELLS", cells)  # 0: the sums of the pairs found, not a dense array
    for top_k in (A.TOP_K, 1):
        mine = list(A._overlaps(flat, postings, squared, top_k))
        assert mine == _loop(flat, keys, weights, top_k)  # (floats compared exactly)
    if len({u.doc for u in flat}) > 1 and seed % 3 == 0:  # (a small vocabulary: units do share keys)
        assert mine


def test_too_common_keys_make_no_candidates(monkeypatch) -> None:  # noqa: ANN001
    monkeypatch.setattr(A, "MAX_POSTING", 3)
    flat = [Unit(f"d{i}", 0, 0, 0, 1, "x") for i in range(5)]
    keys = [{"w:common"} for _ in range(5)]
    weights = {"w:common": 1.0}
    assert _loop(flat, keys, weights, 6) == []
    postings = {"w:common": list(range(5))}
    assert list(A._overlaps(flat, postings, {}, 6)) == []


def test_a_pair_sharing_a_key_of_weight_zero_is_kept_on_both_paths(monkeypatch) -> None:  # noqa: ANN001
    """The dense and the sparse sums keep the same pairs: every pair that shares a key, whatever its sum
    (the dense path once kept only the non-zero sums; weights are above 0 today, so nothing showed)."""
    flat = [Unit("d0", 0, 0, 0, 1, "x"), Unit("d1", 0, 0, 0, 1, "y")]
    postings, squared = {"w:a": [0, 1]}, {"w:a": 0.0}
    loop = list(A._overlaps(flat, postings, squared, 6))
    monkeypatch.setattr(A, "OVERLAP_LOOP", 0)
    dense = list(A._overlaps(flat, postings, squared, 6))
    monkeypatch.setattr(A, "OVERLAP_CELLS", 0)
    assert loop == dense == list(A._overlaps(flat, postings, squared, 6)) == [(0, 1, 0.0), (1, 0, 0.0)]


def test_sentence_vectors_kept_per_process_are_the_embedders_own_bits():
    """``align._vectors``: a sentence met before (in another story of the process) is not encoded again, and
    every row is the one ``encode`` gives for the whole list, bit for bit; an embedder whose rows may depend
    on the batch (no ``rows_alone``) encodes every time."""
    import numpy as np

    from storycheck.nlp import embedder

    emb = embedder("static")
    assert emb.rows_alone
    texts = ["The port reopened on Monday.", "Officials said 4,000 workers returned.", "The port reopened on Monday.",
             "Talks were suspended.", ""]
    asked: list[list[str]] = []

    class Counting:
        rows_alone = True

        def encode(self, batch: list[str]) -> np.ndarray:
            asked.append(list(batch))
            return emb.encode(batch)

    counting = Counting()
    first = A._vectors(counting, texts)
    again = A._vectors(counting, [*reversed(texts), "A new sentence."])
    assert asked == [list(dict.fromkeys(texts)), ["A new sentence."]]
    assert first.dtype == np.float32 and first.tobytes() == emb.encode(texts).tobytes()
    assert again.tobytes() == emb.encode([*reversed(texts), "A new sentence."]).tobytes()

    class Batchwise(Counting):
        rows_alone = False

    asked.clear()
    batchwise = Batchwise()
    A._vectors(batchwise, texts)
    A._vectors(batchwise, texts)
    assert asked == [texts, texts]


def test_sentence_vectors_of_a_call_larger_than_the_cache_are_all_given(monkeypatch):
    """A call with more new sentences than the per-process cache keeps (review of session 16: the first rows were
    read back after eviction and the stack failed)."""
    from storycheck import align
    from storycheck.nlp import embedder

    static = embedder("static")
    monkeypatch.setattr(align, "VECTORS_KEPT", 3)
    align.forget()
    texts = [f"Officials said {i} containers were waiting at the port." for i in range(7)]
    got = align._vectors(static, texts + texts[:2])
    want = static.encode(texts + texts[:2])
    assert got.shape == want.shape and (got == want).all()
    align.forget()
    assert not align._VECTORS
