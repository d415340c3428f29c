"""Names of a text written all in lower case, as the cased articles of the stream write its words.

Why: ``featurize`` reads names from capitals, so a lower-cased text (FRANK's BBC summaries: "a man has been
arrested in connection with the rape of a 17-year-old girl in birmingham, police have said.") names nobody,
and the pair score of ``storycheck.refine`` then weighs the share of its terms that the other report gives.
Two such summaries of two same-kind events share most of their words ("a man has been arrested in
connection with a gang rape in a convent in kolkata, police have said."): only the place tells them apart,
and "rape" or "arrested" shared count as much as "birmingham" missing. The stream's cased articles say how
each word is written: a word that at least ``NAME_SHARE`` of the cased articles giving it write capitalised
inside a sentence ("birmingham", "kolkata", "wenger") is a name, and a lower-cased text that gives it among
its top terms names it (``Report.learned``). The pair score then asks the other report for those names
(``refine._contained``): another text that names nobody has its share of them scaled by the share of the
names it gives (two summaries of one article name the same places and people), a text with names that gives
none of them (among its names and top terms) is about someone or somewhere else, and the share is nothing.
(Against a text with names, scaling by the share given instead lost recall: an article's top terms leave out
names it gives once, and a summary often names one of those. FRANK ``valid``, means over 8 stream orders:
0.9098 scaled against 0.9137.) A word no cased article has given stays a term; the names path of the pair
score is not taken (a summary naming one place against an article naming thirty scored too low: FRANK all
0.852 -> 0.792, one order).

Counts are kept per batch, before its articles are assigned (a summary may come before its article in the
same batch), of the cased texts only (``Features.lower``: a text written in lower case, or whose capitals
open no word written in small letters, an acronym's or an ALL-CAPS text's, says nothing of how a word is
written): ``StoryIndex._cased_df`` counts those that give a word among their terms, ``_named_df`` those
that also write it as a name. Both sides of the share start together (an index saved before they existed
starts both from nothing when loaded: ``df`` would count its whole history against names counted from then
on, and nothing would be learned), and a name counts only where the text gives it among its terms (a name
the term list leaves out would count on one side only).
Measured (``bench_cluster.py --orders 8``, means over 8 stream orders; chosen on FRANK ``valid``): FRANK
``valid`` 0.9132 -> 0.9138, all 0.852 -> 0.867 (the summaries joined to another article's story were most
of its lost precision), held-out ``test`` 0.875 -> 0.881; ECB+ (cased) unchanged. ``NAME_SHARE`` 0.6, 0.7,
0.8, 0.85 and 0.95 gave 0.9124, 0.9129, 0.9138, 0.9138 and 0.9136 on ``valid``; at 0.85 a few ECB+ texts
that name nobody learned names and ECB+ topics 1-35 lost 0.0007 of ARI (at 0.7 and 0.8: unchanged): 0.8.
(Counted as above, against ``df`` less the lower-cased texts' top terms before: FRANK ``valid`` 0.9138, all
0.8669, ``test`` 0.8806, ECB+ unchanged; an index whose counts are dropped halfway through FRANK then has 978
texts of the second half learn names, against 1,062 when kept and 92 counted the earlier way.)
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from storycheck.cluster import Features, StoryIndex, _BatchTerms, _Top

__all__ = ["count_names", "learned_names"]

NAME_SHARE = 0.8  # a word is a name when at least this share of the cased articles giving it write it so


def count_names(index: StoryIndex, features: Sequence[Features], terms: _BatchTerms) -> None:
    """Count a batch's cased texts in ``index._cased_df`` (the word among their terms) and ``_named_df`` (the
    word among their terms and their names); ``terms``: the batch's terms laid end to end, in ``features``'
    order (for features from a worker, the only copy of their terms)."""
    cased = np.fromiter((not f.lower for f in features), dtype=bool, count=len(features))
    if not cased.any() or not terms.ids:
        return
    vocab = terms.vocab
    m = len(vocab)
    uid = np.concatenate(terms.ids)
    lens = np.asarray(terms.lens, dtype=np.intp)
    art = np.repeat(np.arange(len(lens)), lens)
    on = cased[art]
    # (article, term) of each cased occurrence, and of each name of a cased text that the batch gives as a term
    if terms.named is not None:  # worked out with the features (by a worker): the same terms, counted alike
        named = np.concatenate(terms.named) if terms.named else np.zeros(0, dtype=np.intp)
        given = uid[on]
    else:
        given = art[on] * m + uid[on]
        get = vocab.get
        named = np.fromiter(
            (i * m + t for i, f in enumerate(features) if cased[i] for t in map(get, f.names) if t is not None),
            dtype=np.intp,
        )
        named = named[_within(named, given)] % m  # a name the text does not give among its terms is not counted
        given = given % m
    words = terms.words
    for counter, ids in ((index._cased_df, given), (index._named_df, named)):
        counts = np.bincount(ids, minlength=m)
        nz = np.flatnonzero(counts)
        keys = map(sys.intern, map(words.__getitem__, nz.tolist()))  # (the strings ``df`` holds)
        get = counter.get  # (``Counter.update`` of a dict, without the dict: the same sums, in the same order)
        for key, count in zip(keys, counts[nz].tolist(), strict=True):
            counter[key] = count + get(key, 0)


def _within(keys: np.ndarray, pool: np.ndarray) -> np.ndarray:
    """``np.isin(keys, pool)`` for integer arrays: one sort of ``pool`` and a binary search of each key. Why:
    ``isin`` first takes ``np.unique`` of the pool, which for integers goes through a hash table in numpy 2.4,
    ~0.4 s for a batch's ~250k (article, term) keys where a sort takes ~0.03 s (~9% of the assigning process's
    time at bench_scale's 10k)."""
    if not len(pool):
        return np.zeros(len(keys), dtype=bool)
    pool = np.sort(pool)
    at = np.searchsorted(pool, keys)
    return pool[np.minimum(at, len(pool) - 1)] == keys


def learned_names(index: StoryIndex, f: Features, top: _Top) -> frozenset[str]:
    """For a text written in lower case that names nobody, its top terms that the cased articles write as
    names (else nothing)."""
    if f.names or not f.lower:
        return frozenset()
    named, cased = index._named_df, index._cased_df
    if not named:
        return frozenset()
    return frozenset(t for t in top.raw if (k := named.get(t, 0)) and k >= NAME_SHARE * cased[t])
