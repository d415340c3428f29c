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
same batch): ``_named_df`` counts the articles that write a word as a name, ``_lower_df`` the texts that
name nobody and give it among their top terms, so that the cased articles giving a word are ``df`` less
``_lower_df`` (the lower-cased ones would otherwise dilute the share: five summaries per article on FRANK).
Measured (``bench_cluster.py --orders 8``, means over 8 stream orders; chosen on FRANK ``valid``): FRANK
``valid`` 0.9132 -> 0.9138, all 0.852 -> 0.867 (the summaries joined to another article's story were most
of its lost precision), held-out ``test`` 0.875 -> 0.881; ECB+ (cased) unchanged. ``NAME_SHARE`` 0.6, 0.7,
0.8, 0.85 and 0.95 gave 0.9124, 0.9129, 0.9138, 0.9138 and 0.9136 on ``valid``; at 0.85 a few ECB+ texts
that name nobody learned names and ECB+ topics 1-35 lost 0.0007 of ARI (at 0.7 and 0.8: unchanged): 0.8.
A text that names nobody counts as lower-cased here, whether or not it is (a cased article that names no one
is rare in news; its top terms then count as a lower-cased text's).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from itertools import chain
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storycheck.cluster import Features, StoryIndex, _Top

__all__ = ["count_names", "learned_names"]

NAME_SHARE = 0.8  # a word is a name when at least this share of the cased articles giving it write it so


def count_names(index: StoryIndex, features: Sequence[Features], tops: Sequence[_Top]) -> None:
    """Count a batch's articles (after ``StoryIndex._count_batch`` has counted their terms)."""
    named = index.__dict__.setdefault("_named_df", Counter())
    lower = index.__dict__.setdefault("_lower_df", Counter())
    # (one update per batch and counter: the counting loop runs in C)
    named.update(chain.from_iterable(f.names for f in features))
    lower.update(chain.from_iterable(top.raw for f, top in zip(features, tops, strict=True) if not f.names))


def learned_names(index: StoryIndex, f: Features, top: _Top) -> frozenset[str]:
    """For a text that names nobody, its top terms that the cased articles write as names (else nothing)."""
    if f.names:
        return frozenset()
    named = index.__dict__.get("_named_df")
    if not named:
        return frozenset()
    df, lower = index.df, index._lower_df
    return frozenset(
        t for t in top.raw if (k := named.get(t, 0)) and k >= NAME_SHARE * (df.get(t, 0) - lower.get(t, 0))
    )
