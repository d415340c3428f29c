"""Story clustering: a stream of articles into stories (near-duplicates and reports of the same event).

Why it works the way it does:

- **Never all pairs.** An article is compared only with the stories its *candidates* belong to. Candidates
  come from two indexes that a query touches in time independent of the corpus size: a MinHash LSH index
  (datasketch) over word shingles, which finds copies and light rewrites of wire copy, and an inverted index
  of each story's *rare terms* (content words and names, IDF-weighted), which finds other outlets' reports of
  the same event and short, lower-cased summaries of an article (they share its rare words, rarely its
  sentences). A term in more than ``max_key_share`` of all articles opens no candidates, a term only one
  article has (or, in the merge pass, only the story itself) is passed over for the next one, and a term's
  posting list keeps only its ``posting_cap`` most recent stories, so a query costs the same at 10k or 1M
  articles.
- **Refinement inside the candidates only.** Each candidate story is scored by the TF-IDF cosine between the
  article's top terms and the story's term profile (what the reports of one event share: their names,
  places, numbers and rare words) and by the cosine between the article's embedding (the static sentence
  embedder on its title and lead) and the story's centroid. Two reports of the same *kind* of event (two
  earthquakes on one island, two acquisitions by one company) embed alike; they differ in what only one
  event has, which the term profile weighs by rarity. On ECB+ the term cosine separates the two events of a
  topic far better than the embedding (pairwise AUC 0.89 vs 0.75), so both are required.
- **What differs counts against.** Two same-kind events share their big names (the country, the company)
  and differ in details. Joining weighs one *evidence* score (``StoryIndex._evidence``, weights in
  ``ClusterSettings``): the term cosine, less ``year_penalty`` when the article's years, decimal figures and
  dates ("Dec 14") are all absent from a story that has its own, less ``name_penalty`` when less than
  ``name_share`` of the article's names, IDF-weighted (a name in many articles weighs little, a rare one
  decides), are names of the story. The *lead* (title and first sentences) says what the event is: who it
  names (``lead_weight`` × the share of those names the story has) and which weekday and figures it gives
  ("on Sunday", "6.1", "forty", "seventh round"); each kind of such slot that both sides give with no value
  in common takes ``slot_penalty`` off. The merge pass applies the same score to two stories. Page chrome
  that scraped articles start with (share bars, "Media playback is not supported") is not read as the lead.
- **Checked against the reports, not only the pool** (``storycheck.refine``). A story's profile and names
  are the union of its members: once one report of a same-kind event slips in, the union holds both events'
  details. So a join the pooled evidence allows must also pass average linkage with the story's latest
  ``link_members`` reports (mean pair score ≥ ``link_score``; two stories ≥ ``link_merge``), and an article
  no story took joins the one candidate story it clearly links to best
  (``rescue_score``, ``rescue_margin``; reason ``linkage``), never over conflicting years or figures. A text
  written in lower case joins a story of at most ``arrival_members`` articles on arrival only when its mean
  pair score there leads that with every other candidate a rescue could take by ``arrival_margin``
  (``StoryIndex._unsure``); else it opens a story of its own, which its article and the later stages may
  join. A pair
  whose leads give a *typed* detail (``storycheck.details``: a magnitude, a route, an ordinal with its noun,
  a sum, a date) with values that disagree loses ``detail_penalty``: two same-kind events differ there.
- **A publication-time window.** When both sides have a publication time, a story whose time span is more
  than ``window_hours`` away from the article's is not a candidate (it takes no place among the
  ``candidates`` best term matches either). What is older than the window of a whole incoming batch is
  forgotten: those articles leave the LSH index and those stories the posting lists, so the cost of an
  article follows what the window holds, not the size of the corpus.
- **Incremental.** ``StoryIndex.add`` assigns new articles to existing stories or opens new ones (single-pass
  clustering, as in topic-detection-and-tracking systems). Then a *merge pass* looks, for each story the
  batch touched and only for those, at the stories its rare terms lead to, and merges two stories that the
  same rules would have joined (a summary that arrived before its article opened a story of its own), and a
  *regroup* (``storycheck.regroup``) merges a small touched story into the candidate its reports clearly link
  to on average, or *attaches* a story of one or two articles to the story of several it clearly links to best
  (off with ``regroup_score=None`` or ``merge=False``). An article never moves to another story; stories only grow or merge (into the older one),
  but for the *split* (``storycheck.split``): a story made in the batch, which no caller has seen yet, that holds
  two same-kind events (two halves that link weakly across, each led by someone the other never names) is split
  in two before the batch's merges (off with ``split_gap=None``). ``cluster`` is
  ``StoryIndex().add`` on the whole corpus.
- **Explained.** Every article but the first of a story records the ``Link`` by which it joined: the
  member it was closest to, the reason (``near_duplicate``, ``same_event``, ``linkage`` for a rescue, or
  ``merge``, ``regroup``, ``attach`` and ``nearest`` for two stories joined), the estimated shingle Jaccard, the term and embedding cosines, and the shared rare terms.
  ``StoryIndex.why(a, b)`` gives the chain that put two articles together. Every article that opened a story
  records why it did: ``StoryIndex.why_not(a)`` gives a ``Miss``, the nearest candidate story that refused it (as
  it is now), its closest member, the test that refused it and that test's figures (kept as numbers, for the
  openers only, and worded when asked for: the joins run as before), and, when the story it opened was later
  joined to another (``contained``, ``attach``, ``regroup`` ...), that link (``Miss.joined``).
- **Shallow and vectorised.** Features are regular expressions, one MinHash per article computed for a whole
  chunk of articles at once in numpy (datasketch's ``affine32`` scheme and permutations, so the values are
  exactly what ``datasketch.MinHash.update_batch`` gives for the same shingle hashes), a chunk's words
  numbered once and its shingle hashes and term counts worked out for the whole chunk in numpy
  (``_count_terms``: the counts, weights and orders a dict per article gave), and one embedder call per chunk;
  no parser runs. Featurization is pure, so ``cluster(workers=N)`` (or ``StoryIndex.add`` with
  an executor) runs it in worker processes while the assignment, sequential, goes on here: articles go out
  as plain rows and come back packed in a few flat lists and arrays (``_Packed``), and the parts of a batch
  no worker has started yet are featurized here (while workers start, or when they fall behind), so the
  rate is about that of the slower half, assignment or featurization, not of their sum. A chunk's terms
  travel as numbers with each distinct term once, and the assigning process counts, weighs and ranks a
  whole batch's terms at once in numpy (``StoryIndex._count_batch``: document frequencies, IDF, each
  article's top terms and look-up keys, with the very numbers and orders of the term-by-term code).

Deterministic: the same articles in the same order give the same stories (hashes are CRC32, not Python's
salted ``hash``), which a resumed or distributed batch relies on.
"""

from __future__ import annotations

import gc
import heapq
import importlib
import math
import multiprocessing
import os
import pickle
import re
import sys
import threading
import types
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields
from datetime import UTC, datetime
from functools import lru_cache
from itertools import chain, filterfalse, islice, repeat
from operator import itemgetter, mul
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from storycheck.actors import (
    SUBJECT_MEMBERS,
    SUBJECT_REPORTS,
    apart,
    first_sentence,
    lead_subjects,
    may_be_apart,
    require,
)
from storycheck.casing import count_names, learned_names
from storycheck.details import details as _details
from storycheck.lineage import FARTHEST, read_published
from storycheck.records import Document
from storycheck.refine import MISFIT, RELINK_SURE, Linkage, Report, pair_scores, pick, relink
from storycheck.regroup import regroup, regroup_waiting, wait_short
from storycheck.split import split

if TYPE_CHECKING:
    from datasketch import MinHash
# datasketch is imported where it is used (``_datasketch``): a featurizing worker does not need it


def _datasketch() -> types.ModuleType:
    """The datasketch package, imported without scipy.integrate when neither is imported yet.

    Why: ``datasketch.lsh`` imports scipy.integrate's ``quad`` at module level (~0.5 s of CPU, with
    scipy.special and scipy.optimize: about a tenth of the assigning process's time on 10k articles) only to
    work out an LSH index's bands, which ``StoryIndex`` gives it for its settings (``_LSH_PARAMS``). While
    datasketch imports, ``scipy.integrate`` is a stand-in whose ``quad`` imports the real one when first
    called (bands of other settings: then datasketch integrates as it always does); the stand-in leaves
    ``sys.modules`` once datasketch is in, so any other import of scipy.integrate gets the real module.
    (``storycheck.split`` still imports scipy.cluster.hierarchy, ~0.3 s, when it first judges a story.) Any
    other name asked of the stand-in (another thread importing scipy.integrate in that window, a datasketch
    that wants more of it) puts the real module in its place and answers from it."""
    if "datasketch.lsh" not in sys.modules and "scipy.integrate" not in sys.modules:
        stand_in = types.ModuleType("scipy.integrate")
        stand_in.quad = _quad  # type: ignore[attr-defined]
        stand_in.__getattr__ = _real_integrate_attr  # type: ignore[attr-defined]
        sys.modules["scipy.integrate"] = stand_in
        try:
            import datasketch.lsh  # noqa: F401
        finally:
            if sys.modules.get("scipy.integrate") is stand_in:
                del sys.modules["scipy.integrate"]
    import datasketch
    import datasketch.storage  # noqa: F401

    return datasketch


def _real_integrate() -> types.ModuleType:
    """The real scipy.integrate (the stand-in of ``_datasketch`` taken out of ``sys.modules`` first)."""
    module = sys.modules.get("scipy.integrate")
    if module is None or getattr(module, "quad", None) is _quad:
        sys.modules.pop("scipy.integrate", None)
        module = importlib.import_module("scipy.integrate")
    return module


def _real_integrate_attr(name: str):  # noqa: ANN202
    if name.startswith("__"):  # (the import machinery's probes: ``__path__``, ``__spec__`` ...)
        raise AttributeError(name)
    return getattr(_real_integrate(), name)


def _quad(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
    """scipy.integrate.quad, imported on the first call (``_datasketch``)."""
    return _real_integrate().quad(*args, **kwargs)


# MinHashLSH's (bands, rows) for (threshold, num_perm), as datasketch's ``_optimal_param`` works them out with
# its default weights (test_cluster_speed checks they agree): given, the index integrates nothing
_LSH_PARAMS = {(0.5, 64): (14, 4)}

__all__ = ["ClusterSettings", "Features", "Link", "Miss", "Story", "StoryIndex", "cluster", "featurize"]


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """Every threshold of the clustering, with defaults chosen on ECB+ topics 1-35 and FRANK's ``valid``
    articles (benchmarks/bench_cluster.py)."""

    num_perm: int = 64  # MinHash permutations: 64 keeps the Jaccard estimate within ~±0.06
    shingle_words: int = 3  # words per shingle
    near_duplicate: float = 0.5  # estimated shingle Jaccard at which two texts are the same story regardless
    window_hours: float | None = 96.0  # publication-time window (only when both times are known)
    lead_chars: int = 600  # title + this much of the text is embedded: the news lead carries the event
    slot_chars: int = 300  # title + this much of the text gives the key slots (names, weekday, figures)
    terms: int = 64  # an article's top terms (TF-IDF) kept for its story's profile and the term index
    query_terms: int = 24  # an article's rarest terms that look up candidate stories
    max_key_share: float = 0.01  # terms in more of the corpus than this open no candidates...
    min_key_docs: int = 20  # ...unless they are in at most this many articles (small corpora)
    posting_cap: int = 64  # a term's posting list keeps its most recent stories only
    profile_cap: int = 256  # a story's term profile is pruned to its strongest terms beyond this size
    candidates: int = 8  # candidate stories refined per article (and per story in the merge pass)
    # Joining weighs the evidence of "same event" (``StoryIndex._evidence``):
    #   term cosine + cosine_weight × embedding cosine
    #   + name_weight × (name share − name_share) − name_penalty if the name share is below name_share
    #   + lead_weight × (lead-name share − name_share) − slot_penalty × disagreeing lead slot kinds
    #   − year_penalty when the years, dates and decimal figures conflict
    # where a name share is the IDF-weighted share of one side's names that the other side names.
    join_score: float = 0.2  # evidence an article needs to join a story...
    join_similarity: float = 0.0  # ...with at least this term cosine (TF-IDF) with the story's profile...
    join_cosine: float = 0.3  # ...and this embedding cosine to the story's centroid
    cosine_weight: float = 0.0  # weight of the embedding cosine in the evidence (same-kind events embed alike)
    year_penalty: float = 0.2
    name_share: float = 0.4
    name_weight: float = 0.0
    name_penalty: float = 0.3  # disjoint participants
    lead_weight: float = 0.2  # who the lead (title + first sentences) names is who the event is about
    slot_penalty: float = 0.1  # per kind of lead slot (weekday, figures) both sides give with no value in common
    core_share: float = 0.0  # a story's names and slots are those at least this share of its members give
    merge: bool = True  # the merge pass over the stories a batch touched
    merge_score: float = 0.15  # evidence two stories need to merge (0.3 without link_merge, 0.2 without details)...
    merge_similarity: float = 0.0  # ...with at least this term cosine between their profiles...
    merge_cosine: float = 0.5  # ...and this centroid cosine
    seed: int = 7
    # Fields added since are kept after these, in the order they came: a slotted dataclass pickles its fields
    # by position, so an index saved before them unpickles its own values into the fields above, and
    # ``StoryIndex.load`` gives the newer ones their defaults.
    # average linkage with the story's latest reports (storycheck.refine): None turns a test off
    link_score: float | None = 0.4  # mean pair score an article needs with the story's latest members...
    link_merge: float | None = 0.4  # ...and two stories need between their latest members to merge
    link_members: int = 10  # the latest members compared (the cost does not grow with the story; was 16)
    # an article no story took joins the candidate it links to best on average, when that reaches
    # rescue_score and leads the next candidate by rescue_margin
    rescue_score: float | None = 0.45
    rescue_margin: float = 0.05
    detail_chars: int = 300  # title + this much of the text gives the typed details (storycheck.details)
    detail_penalty: float = 1.0  # off a pair's score per typed detail both give with values that disagree
    # after a batch (once regroup_lag more articles have come), a touched story of at most regroup_members
    # articles merges into the candidate story it links to best on average (storycheck.regroup), when that
    # reaches regroup_score and leads the next candidate by regroup_margin; None (or merge=False) turns it off
    regroup_score: float | None = 0.3
    regroup_margin: float = 0.1  # (0.15 before the misfit test of refine.Linkage: see storycheck.regroup)
    regroup_members: int = 4
    regroup_reports: int = 6  # the latest reports of a candidate story compared (the cost stays bounded)
    # an article the rules joined to a story goes instead to another candidate it links to better on average
    # by more than this (storycheck.refine.relink); None turns it off
    relink_margin: float | None = 0.1
    # an article whose mean pair score with a story is below misfit_score and below the mean among the story's
    # own reports by more than misfit_gap fails every linkage test with it (storycheck.refine.Linkage.cohesion);
    # None turns it off
    misfit_score: float | None = 0.55
    misfit_gap: float = 0.2
    # after a batch's assignment (before its merges), a story made in it splits in two when its reports fall into two halves of at least
    # split_members, linked across by split_gap less than within each, each with a lead name the other half
    # never names (storycheck.split); None turns it off
    split_gap: float | None = 0.1
    split_members: int = 3
    # a story of one or two articles that the regroup left alone is attached to the candidate story of two or
    # more articles it links to best on average, when that reaches attach_score and leads every other such
    # candidate by attach_margin (storycheck.regroup), once attach_lag more articles have come (or when the
    # corpus is closed: ``StoryIndex.settle``, which ``cluster`` calls); None (or regroup_score=None,
    # regroup_members=0 or merge=False) turns it off
    attach_score: float | None = 0.2
    attach_margin: float = 0.1
    attach_lag: int = 2048
    # the regroup of a small story waits as long, counted from the last batch that touched it (or until the corpus
    # is closed): at the end of the batch it arrived in, its own event's story is often not there yet (see
    # storycheck.regroup); 0 decides at the end of each batch
    regroup_lag: int = 2048
    # a lower-cased text joins a story of at most arrival_members articles on arrival only when its mean pair
    # score there leads every other candidate's (those a rescue could take) by arrival_margin; else it opens a
    # story of its own, which its own article may join and the merge pass, the regroup and the attach place
    # later with more evidence (``StoryIndex._unsure``); None turns it off
    arrival_margin: float | None = 0.15
    arrival_members: int = 3
    # the attach also weighs the attach_nearest stories of two or more articles (in the window) whose embedding
    # centroids lie nearest a waiting story of one article's, beside those its terms look up: a short text's rare words are often not among
    # its event's story's top terms (storycheck.regroup); 0 turns it off.
    # (New fields go last: a frozen dataclass with slots pickles its fields as a list, by position, and an index
    # pickled by an older version must load with each value in its own field; ``_complete`` fills the rest.)
    attach_nearest: int = 1
    # a waiting story of one short article (at most contain_terms distinct content words: a one-sentence summary,
    # a headline, a post) that the attach left alone joins the candidate story of two or more articles whose
    # profile holds the largest IDF-weighted share of its words, when that share reaches contain_score and
    # leads every other such candidate's by contain_margin, and that story holds three of its words at least
    # (storycheck.regroup, link reason "contained"): a short text is judged by what of it the long one says, not
    # by a symmetric score; 0 turns it off
    contain_terms: int = 24
    contain_score: float = 0.3
    contain_margin: float = 0.1
    # two stories of ``actors.SUBJECT_MEMBERS`` (3) articles or more that the merge pass or the regroup would merge
    # stay apart when the subjects that at least subject_share of one story's latest leads give (the parse of its
    # ``actors.SUBJECT_REPORTS`` latest leads, made only then) are hardly mentioned by the other story's reports:
    # two events of one kind, each about its own actor (storycheck.actors). Off (None) by default: it loads the
    # analyzer's model into the clustering process and parses ~14% of a stream's leads (10k generated articles:
    # 7.0 -> 16.5 CPU s of the assigning process, peak 290 -> 569 MB) for 0.375 fewer merged ECB+ topics of 33;
    # 0.34 is the share chosen on ECB+ topics 1-35 (0.25 / 0.5 / 0.67 did no better)
    subject_share: float | None = None
    # a waiting story of one full article (more than contain_terms distinct content words) that the attach left
    # alone is weighed as a short text is (``contained``): the candidate story of two or more articles whose
    # profile holds the largest IDF-weighted share of its profile's words, when that share reaches hold_score,
    # leads every other such candidate's by contain_margin and that story's centroid also lies nearest
    # (storycheck.regroup, link reason "contained"); None turns it off
    hold_score: float | None = 0.2
    # the attach's margin is asked over the candidates of two or more articles that link to its best one below
    # attach_peer (mean pair score): two stories of one event that the merge pass kept apart are no rivals for a
    # report of that event (storycheck.regroup); None turns it off
    attach_peer: float | None = 0.3


@dataclass(slots=True)
class Features:
    """What clustering needs of one article; computed per article (pure), so it can run on workers."""

    id: str
    minhash: np.ndarray  # MinHash values (uint32, datasketch's affine32 scheme), ``num_perm`` of them
    terms: dict[str, float]  # content word -> sublinear term frequency (1 + log tf)
    names: frozenset[str]  # lower-cased words written capitalised inside a sentence
    years: frozenset[str]  # discriminating details: four-digit years, decimal figures, dates ("Dec 14")
    vector: np.ndarray  # unit-normalised float32 embedding of title + lead
    time: float | None  # publication time, POSIX seconds
    # the event's key slots as the lead gives them: "n:<name>", "d:<weekday>", "#:<figure>"
    lead: frozenset[str] = frozenset()
    # typed details of the lead (storycheck.details): "magnitude=5.6", "doctor=#11", "money=1.6e+08"
    details: frozenset[str] = frozenset()
    # written in lower case: (nearly) no capitals, or none opening a word in small letters (acronyms, "UNK",
    # ALL CAPS): its capitals say nothing of which words are names (storycheck.casing)
    lower: bool = False
    # the first sentence of the lead as the lead slots read it (title + ``slot_chars``) of a cased text when
    # ``subject_share`` is on, "" otherwise: what ``storycheck.actors`` parses for its subject when two stories
    # are about to merge (never per article)
    opening: str = ""

    def __setstate__(self, state: Sequence) -> None:
        """Features pickled before ``lower`` existed: a text that names nobody was taken as lower-cased; before
        ``opening``: no lead kept (its subject is never read)."""
        _set_state(self, state, lower=lambda: not self.names, opening=str)


def _set_state(obj: object, state: Sequence, **defaults: Callable[[], object]) -> None:
    """A slotted dataclass unpickled from ``state`` (``(None, {slot: value})``, as ``object.__getstate__``
    gives it); the fields it lacks (pickled by an older version) from ``defaults``, made after the others."""
    values = state[1]
    for name in (f.name for f in fields(obj)):  # type: ignore[arg-type]
        object.__setattr__(obj, name, values[name] if name in values else defaults[name]())


@dataclass(slots=True)
class Link:
    """Why an article joined a story: the member it was closest to and the evidence."""

    doc: str
    to: str
    # "near_duplicate" | "same_event" | "linkage" (rescued) | "merge" (``doc``'s story was merged into ``to``'s)
    # | "regroup" (the same, by average linkage at the end of a batch: storycheck.regroup)
    # | "attach" (a story of one or two articles joined to the story of two or more articles it clearly links to
    # best, other stories of one article being no rivals: storycheck.regroup; as for any merge into the older
    # story, the link sits on the younger story's first article)
    # | "nearest" (the same attach, into a story its terms did not look up: the story of several whose embedding
    # centroid lies nearest, ``attach_nearest``; ``cosine`` is that centroid cosine, ``shared`` what the terms share)
    # | "contained" (the same attach for a short text whose mean pair score decided nothing: the story of several
    # whose profile holds the largest share of its words, ``contain_terms``; ``key_share`` is that share; for a story
    # of short texts moved whole, ``regroup._short``, the share of all its texts' words together; for a lone full
    # report, ``hold_score``, the share of its profile's words)
    # | "split" (the story was split in two and the link ``doc`` had named an article of the other half: it names
    # the article of its own half it scores best with, and the figures below are those of that pair)
    reason: str
    jaccard: float  # estimated shingle Jaccard with ``to``
    cosine: float  # embedding cosine with the story centroid at the time of joining
    # term cosine (TF-IDF) with the story's profile at the time of joining; for a "contained" link, the IDF-weighted
    # share of the short text's words (of a full report's, ``hold_score``: its profile's, its ``terms`` strongest)
    # that the story's profile holds (what decided it, not a cosine)
    key_share: float
    shared: list[str]  # the shared terms, rarest first (at most 8)


@dataclass(slots=True)
class Miss:
    """Why an article opened a story of its own (``StoryIndex.why_not``): the nearest candidate story that
    refused it, the member of that story it scored best with, and the test that refused it with the figures
    that test read. Why: a ``Link`` explains every join, but an article left alone carried nothing, so an
    editor could not see why a report is not with the others about its event, nor a data engineer which
    threshold of ``ClusterSettings`` kept it out. Made when asked for, from the numbers kept at the decision.

    ``reason`` (the test that refused the nearest candidate, in the order ``_candidates`` applies them):
    "embedding" (embedding cosine with the story's centroid below ``join_cosine``), "term_cosine" (term cosine
    below ``join_similarity``), "join_score" (the evidence below ``join_score``), "linkage" (mean pair score with
    the story's latest reports below ``link_score``), "misfit" (that mean below ``misfit_score`` and more than
    ``misfit_gap`` below the story's own cohesion: ``refine.Linkage.mean_to``), "arrival" (a lower-cased text
    whose mean there leads another candidate's by less than ``arrival_margin``: ``StoryIndex._unsure``),
    "window" (the only stories met are outside the publication-time window), "no_candidate" (no story shared
    enough rare terms, and no near-duplicate). Near-duplicates are never refused (they always join)."""

    doc: str
    story: str | None  # the candidate's story as it is now: the one ``member`` ended in (None: no candidate)
    member: str | None  # its member with the highest estimated shingle Jaccard (as a ``Link`` names one)
    reason: str
    says: str  # the same in words
    # jaccard, cosine (embedding, with the centroid), key_share (term cosine), evidence (the join score it
    # reached), mean (mean pair score with the latest reports; None when they have none), and what the refusing
    # test needed or compared with (join_cosine, join_similarity, join_score, link_score, cohesion, misfit_score,
    # misfit_gap, second (the rival's mean), lead, arrival_margin, hours_apart, window_hours)
    figures: dict[str, float | None]
    shared: list[str]  # the shared terms, rarest first (at most 8)
    rival: str | None = None  # "arrival": the story of the candidate whose mean came too close (as it is now)
    # the ``Link`` by which the story the article opened was later joined to another ("contained", "attach",
    # "nearest", "regroup", "merge": the link sits on that story's first article), or None while it is apart
    joined: Link | None = None

    def row(self) -> dict:
        """The JSON form (``articles.jsonl`` of a batch): without ``doc`` (the row names it)."""
        out = {k: getattr(self, k) for k in ("story", "member", "reason", "says", "figures", "shared", "rival")}
        if self.joined is not None:
            out["joined"] = {k: v for k, v in asdict(self.joined).items() if k != "doc"}
        return {k: v for k, v in out.items() if v is not None}


@dataclass(slots=True)
class Story:
    id: str
    members: list[str] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    first: float | None = None
    last: float | None = None
    merged_into: str | None = None  # set when the merge pass or the regroup joined this story to another


# --------------------------------------------------------------------------------------------------
# Features

# possessive (``++``, ``*+``): the same words (nothing follows that a given-back character could match), with
# no backtracking state kept: ~15% faster
_WORD = re.compile(r"[^\W_]++(?:['’][^\W_]++)*+", re.UNICODE)
# a capitalised word after a word, a comma or a bracket and one space: not at the start of a sentence.
# The patterns below start with a character class and check what precedes it with a lookbehind placed after
# it (same matches as a leading lookbehind or ``\b``, but ``re`` can skip ahead to the candidate characters:
# 3-4× faster).
_NAME = re.compile(r"[A-Z](?<=[^\W_] [A-Z]|[,;)] [A-Z])(?:[\w'’.-]*\w)?")
_CASED_WORD = re.compile(r"[A-Z][a-z]")  # a word opened by a capital and written on in small letters
_YEAR = re.compile(r"(?:1[89]|20)(?<=\b\d\d)\d\d\b")
# other discriminating details: decimal figures (magnitudes, prices, rates) and day-of-month dates
_DECIMAL = re.compile(r"\d(?<![\d.]\d)\d{0,3}\.\d{1,2}(?![\d.])")
# a month's name or abbreviation (not "Marines 5" or "Mars 2"), then a day of the month
_DATE = re.compile(
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)(?<=\b[A-Z][a-z][a-z])"
    r"(?:(?<=Jan)uary|(?<=Feb)ruary|(?<=Mar)ch|(?<=Apr)il|(?<=Jun)e|(?<=Jul)y|(?<=Aug)ust|(?<=Sep)t(?:ember)?"
    r"|(?<=Oct)ober|(?<=Nov)ember|(?<=Dec)ember)?\.? (\d{1,2})(?!\d)"
)


def _word_alternation(words: Iterable[str]) -> str:
    """``\\b(w1|w2|...)\\b`` with each word's leading ``\\b`` checked after its first letter: the same matches,
    but a pattern that starts with literals lets ``re`` skip ahead to their first letters."""
    return "(" + "|".join(f"{w[0]}(?<=\\b{w[0]}){w[1:]}" for w in words) + r")\b"


_WEEKDAY = re.compile(_word_alternation("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()))
_FIGURE = re.compile(r"\d(?<![\w.,]\d)[\d,]*(?:\.\d+)?(?![\w,]*\d)")
_NUMBER_WORDS = {
    w: str(i) for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve".split())
}
_NUMBER_WORDS.update(
    {w: str(i + 3) for i, w in enumerate("third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split())}
)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(list(_NUMBER_WORDS)[2:]) + r")\b", re.IGNORECASE)
_MONTHS = frozenset(
    "january february march april june july august september october november december jan feb mar apr jun jul "
    "aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)
# page chrome that scraped articles start with (share bars, video notices): it would be the "lead" that is
# embedded and a run of glued words that looks like a rare term
_CHROME = re.compile(
    r"^\s*(?:Share this with[A-Za-z ]{0,120}?Copy this link|Media playback is (?:not supported|unsupported) on "
    r"(?:this|your) device)\s*"
)
_STOP = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we
    were what when where which while who whom why will with would you your yours said says say told according
    one two three four five six seven eight nine ten new year years last first people may might must us
    mr mrs ms dr st unk monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    week month time like get got make made back well even still way many much could n't don't it's""".split()
)
_NOT_NAMES = _STOP | _MONTHS | frozenset(
    "president minister prime chief government police news report share click photo video".split()
)


def _word_trie(words: Sequence[str]) -> str:
    """``w1|w2|...`` grouped by first letter (``t(?:wo|hree|...)|f(?:our|...)``): within ``\\b(...)\\b`` the
    same whole words match, with one branch tried per letter instead of one per word."""
    rests: dict[str, list[str]] = {}
    for w in words:
        rests.setdefault(w[0], []).append(w[1:])
    return "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in rests.items())


# for ASCII leads (lower-cased): ASCII classes and the trie, 2× faster than ``_NUMBER_WORD`` without IGNORECASE
# (``_word_alternation`` does not pay here: e, n, s and t are too common in lower-case text to skip to)
_NUMBER_WORD_LOWER = re.compile(r"\b(" + _word_trie(list(_NUMBER_WORDS)[2:]) + r")\b", re.ASCII)
_CAPITAL_BYTES = bytes(range(ord("A"), ord("Z") + 1))
# Plain text: ASCII but for these marks news is full of, none of them a word character. There ``\w``, ``\d``
# and ``\b`` mean what they mean in ASCII, and the patterns below, with ASCII classes, find the same matches
# as ``_WORD`` (on the lower-cased text) and ``_NAME``, 10-30% faster (a Unicode class looks each character up).
_PLAIN_MARKS = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026\u00a3\u20ac\u00b0\u00a9\u00ae\u2122\u00a0"
_NOT_PLAIN = re.compile("[^\\x00-\\x7f" + _PLAIN_MARKS + "]")
_WORD_PLAIN = re.compile(r"[a-z0-9]++(?:['’][a-z0-9]++)*+")
_NAME_PLAIN = re.compile(_NAME.pattern, re.ASCII)
# ``_YEAR`` and ``_DECIMAL`` in one pass over plain text: both match only where a run of digits starts, so one
# pattern stops at each run's first digit and looks ahead for either (the rest of a year, of a decimal figure)
_YEAR_DECIMAL_PLAIN = re.compile(
    r"(\d)(?<!\d\d)(?:(?<!\w\d)(?=((?<=1)[89]\d\d|(?<=2)0\d\d)\b))?(?:(?<!\.\d)(?=(\d{0,3}\.\d{1,2})(?![\d.])))?",
    re.ASCII,
)


def _years_and_decimals(text: str, plain: bool) -> tuple[list[str], list[str]]:
    """``_YEAR.findall(text)`` and ``_DECIMAL.findall(text)`` (in one pass when the text is plain)."""
    if not plain:
        return _YEAR.findall(text), _DECIMAL.findall(text)
    found = _YEAR_DECIMAL_PLAIN.findall(text)
    return [d + y for d, y, _ in found if y], [d + x for d, _, x in found if x]


class _Normalised(dict):
    """Raw name match -> the name it stands for ("" when it is no name: too short, or a common word),
    cached: the same names recur across a corpus, and a dict hit is cheaper than four string methods."""

    def __init__(self, strip_possessive: bool) -> None:
        super().__init__()
        self.strip_possessive = strip_possessive

    def __missing__(self, match: str) -> str:
        if len(self) > 1_000_000:
            self.clear()
        name = match.lower().rstrip(".")
        if self.strip_possessive:
            name = name.removesuffix("'s").removesuffix("’s")
        value = self[match] = name if len(name) > 1 and name not in _NOT_NAMES else ""
        return value


_NAME_OF = _Normalised(strip_possessive=True)  # names in the text (and lead slots)
_TITLE_NAME_OF = _Normalised(strip_possessive=False)  # names in the title

try:  # Counter.update's own C loop, without its type checks (CPython; plain update elsewhere)
    from collections import _count_elements
except ImportError:  # pragma: no cover

    def _count_elements(mapping, iterable):  # noqa: ANN001, ANN202
        mapping.update(Counter(iterable))


def _capitals(text: str) -> int:
    """How many of the 26 ASCII capitals ``text`` holds (in its UTF-8 bytes, where no other character has
    a byte of A-Z: deleting them is one C loop)."""
    raw = text.encode("utf-8", "surrogatepass")
    return len(raw) - len(raw.translate(None, _CAPITAL_BYTES))


_FMIX32 = (16, 0x85EBCA6B, 13, 0xC2B2AE35, 16)  # MurmurHash3's 32-bit finalizer, as datasketch's affine32


def _fmix32(hv: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX32
    hv = hv ^ (hv >> np.uint32(s1))
    hv = hv * np.uint32(m1)
    hv = hv ^ (hv >> np.uint32(s2))
    hv = hv * np.uint32(m2)
    return hv ^ (hv >> np.uint32(s3))


class _Hasher:
    """One MinHash template (its permutations are drawn once, not per article). A worker receives it
    pickled (plain arrays), so that it needs no datasketch import of its own."""

    def __init__(self, num_perm: int, seed: int) -> None:
        MinHash = _datasketch().MinHash  # noqa: N806

        self.num_perm, self.seed = num_perm, seed
        template = MinHash(num_perm=num_perm, seed=seed, hashfunc=_word_hash)
        self._perms, self._scheme = template.permutations, template.scheme
        self.empty = template.hashvalues.copy()

    @staticmethod
    def of(num_perm: int, seed: int) -> _Hasher:
        """The hasher of these settings in this process (made once)."""
        hasher = _HASHERS.get((num_perm, seed))
        if hasher is None:
            hasher = _HASHERS[num_perm, seed] = _Hasher(num_perm, seed)
        return hasher

    def minhash(self, hashvalues: np.ndarray | None = None) -> MinHash:
        return _datasketch().MinHash(
            num_perm=self.num_perm, seed=self.seed, hashfunc=_word_hash, permutations=self._perms,
            hashvalues=hashvalues, scheme=self._scheme,
        )

    def hashvalues(self, shingles: list[np.ndarray]) -> np.ndarray:
        """MinHash values of many shingle-hash arrays at once: the same as ``update_batch`` on each."""
        sizes = np.fromiter((len(s) for s in shingles), dtype=np.int64, count=len(shingles))
        flat = np.concatenate(shingles) if shingles else np.zeros(0, dtype=np.uint32)
        return self.hashvalues_flat(flat.astype(np.uint32, copy=False), sizes)

    def hashvalues_flat(self, flat: np.ndarray, sizes: np.ndarray) -> np.ndarray:
        """``hashvalues`` of the arrays laid end to end in ``flat`` (``sizes[i]`` values for the i-th)."""
        a, b = self._perms
        a, b = a.astype(np.uint32)[:, None], b.astype(np.uint32)[:, None]
        out = np.tile(self.empty, (len(sizes), 1))
        ends = np.cumsum(sizes)
        start = 0
        while start < len(sizes):  # slices of ~16k shingles keep the (perms × shingles) matrix small
            stop = max(start + 1, int(np.searchsorted(ends, (ends[start - 1] if start else 0) + 16384, "right")))
            stop = min(stop, len(sizes))
            rows = np.flatnonzero(sizes[start:stop]) + start
            if rows.size:
                lo, hi = (int(ends[start - 1]) if start else 0), int(ends[stop - 1])
                hv = _fmix32(flat[lo:hi])
                # (perms × shingles), each row contiguous: reduceat along the fast axis. uint32 arithmetic
                # wraps, as datasketch's affine32 does.
                phv = hv[None, :] * a
                phv += b
                offsets = (ends[rows] - sizes[rows]) - lo
                out[rows] = np.minimum.reduceat(phv, offsets, axis=1).T
            start = stop
        return out


_HASHERS: dict[tuple[int, int], _Hasher] = {}


class _Sublinear(dict):
    """Count -> 1 + log(count), worked out once per count."""

    def __missing__(self, count: int) -> float:
        value = self[count] = 1.0 + math.log(count)
        return value


def _is_term(word: str) -> bool:
    """Whether a word can be a term: longer than two characters, no stop word, not starting with a digit."""
    return len(word) > 2 and word not in _STOP and not word[0].isdigit()


class _Words(dict):
    """Word -> its number in this process (the next one on a miss), with each number's CRC32 and whether the
    word can be a term (``_is_term``) kept in arrays: a chunk's words are looked up once each (one C call per
    word, ``map(words.__getitem__, ...)``), and what is known of them is gathered in numpy for the whole chunk
    (shingle hashes, which words are terms, their counts), not looked up again word by word in three caches.
    Shared by every chunk of a process (emptied past ``_WORDS_KEPT`` words; the numbers are never sent)."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []  # number -> word
        self._crc: list[int] = []
        self._term: list[bool] = []
        self.crc = np.zeros(0, dtype=np.uint64)  # number -> CRC32 of the word's UTF-8
        self.term = np.zeros(0, dtype=bool)  # number -> whether the word can be a term

    def __missing__(self, word: str) -> int:
        value, crc, term = len(self.words), zlib.crc32(word.encode()), _is_term(word)
        self.words.append(word)
        self._crc.append(crc)
        self._term.append(term)
        self[word] = value
        return value

    def whole(self) -> bool:
        """Whether the table's parts are in step: an exception that arrived while a word was numbered or the
        arrays grown (Ctrl-C, a MemoryError) can leave one a word longer than another, and every word numbered
        after it would read another's CRC32 or term flag (the callers empty such a table)."""
        n = len(self.words)
        return len(self) == n == len(self._crc) == len(self._term) and len(self.crc) == len(self.term) <= n

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """``crc`` and ``term``, grown by the words numbered since the last call."""
        if len(self.crc) < len(self._crc):
            k = len(self.crc)
            self.crc = np.concatenate((self.crc, np.array(self._crc[k:], dtype=np.uint64)))
            self.term = np.concatenate((self.term, np.array(self._term[k:], dtype=bool)))
        return self.crc, self.term

    def clear(self) -> None:
        super().clear()
        self.words, self._crc, self._term = [], [], []
        self.crc, self.term = np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=bool)


_WORDS = _Words()
_WORDS_KEPT = 2_000_000
# held while a chunk's words are numbered and the numbers used: the table is the process's, and threads of one
# process featurizing at once (a thread pool as ``StoryIndex.add``'s executor, a Dask worker of several threads,
# this process's own parts beside them) would otherwise number words between another chunk's numbering and its
# reading, or empty the table there (session 21 review: an IndexError, or another word's CRC32, silently)
_WORDS_LOCK = threading.Lock()


_SUBLINEAR = _Sublinear()


def _word_hash(item: bytes) -> int:
    return zlib.crc32(item)


def _shingle_hashes(words: list[str], n: int) -> np.ndarray:
    """CRC32 of each word (``_WORDS``), combined into one 32-bit hash per n-word shingle."""
    if not words:
        return np.zeros(0, dtype=np.uint32)
    with _WORDS_LOCK:  # (as in ``_featurize``)
        if len(_WORDS) > _WORDS_KEPT or not _WORDS.whole():
            _WORDS.clear()
        numbers = np.fromiter(map(_WORDS.__getitem__, words), dtype=np.intp, count=len(words))
        arr = _WORDS.arrays()[0][numbers]
    if len(arr) < n:
        n = len(arr)
    h = arr[: len(arr) - n + 1].copy()
    for k in range(1, n):
        h = (h * np.uint64(0x01000193) + np.uint64(k)) ^ arr[k : len(arr) - n + 1 + k]
    return np.unique((h ^ (h >> np.uint64(32))).astype(np.uint32))


def _chunk_shingles(hashes: np.ndarray, lengths: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``_shingle_hashes`` of every article of a chunk at once, laid end to end (with repeats: the MinHash
    of a multiset is that of its set), and the number of values of each article. ``hashes``: the CRC32 of
    the chunk's words (uint64), one article after another, ``lengths[i]`` of them for the i-th."""
    total = int(lengths.sum())
    arr = np.zeros(total + n, dtype=np.uint64)  # padded: shingles that run past the end are dropped below
    arr[:total] = hashes
    h = arr[:total].copy()
    for k in range(1, n):
        h = (h * np.uint64(0x01000193) + np.uint64(k)) ^ arr[k : total + k]
    starts = np.cumsum(lengths) - lengths
    sizes = np.where(lengths >= n, lengths - n + 1, np.minimum(lengths, 1))
    doc = np.repeat(np.arange(len(lengths)), lengths)
    keep = (np.arange(total) - starts[doc]) < sizes[doc]
    for d in np.flatnonzero((lengths > 0) & (lengths < n)):  # shorter than a shingle: one of all its words
        lo, m = int(starts[d]), int(lengths[d])
        v = arr[lo : lo + 1].copy()
        for k in range(1, m):
            v = (v * np.uint64(0x01000193) + np.uint64(k)) ^ arr[lo + k : lo + k + 1]
        h[lo] = v[0]
    flat = h[keep]
    return (flat ^ (flat >> np.uint64(32))).astype(np.uint32), sizes


@dataclass(slots=True)
class _ChunkTerms:
    """A chunk's term counts, worked out for the whole chunk at once (``_count_terms``)."""

    numbers: np.ndarray  # the chunk's distinct terms (their ``_WORDS`` numbers), in the order they first occur
    term_ids: np.ndarray  # each article's terms in the order they first occur in it: their place in ``numbers``
    weights: np.ndarray  # their weights, 1 + log(count) (``_SUBLINEAR``'s floats)
    per_article: np.ndarray  # how many terms each article has
    pairs: np.ndarray  # (article << bits) | number of every (article, term), sorted: a membership test
    bits: int


def _count_terms(numbers: np.ndarray, lengths: np.ndarray, is_term: np.ndarray, vocabulary: int) -> _ChunkTerms:
    """What counting each article's term words in a dict (``Counter``: the first occurrence fixes a term's place)
    and numbering a chunk's distinct terms in the order they first occur gives, in numpy: the term words'
    (article, word number, position) sorted as one 64-bit key, each run of one (article, word) is a term, its
    length the count and its first position its place. ``numbers``: the chunk's words as ``_WORDS`` numbers
    (below ``vocabulary``), one article after another, ``lengths[i]`` for the i-th."""
    n_docs = len(lengths)
    pos = np.flatnonzero(is_term[numbers])
    word = numbers[pos].astype(np.int64)
    doc = np.searchsorted(np.cumsum(lengths), pos, side="right").astype(np.int64)
    bits, pos_bits = max(1, int(vocabulary).bit_length()), max(1, len(numbers).bit_length())
    pair = (doc << bits) | word
    if int(n_docs).bit_length() + bits + pos_bits <= 63:
        key = np.sort((pair << pos_bits) | pos)
        pair, pos = key >> pos_bits, key & ((1 << pos_bits) - 1)
    else:  # pragma: no cover (a chunk of billions of words)
        order = np.lexsort((pos, pair))
        pair, pos = pair[order], pos[order]
    start = np.flatnonzero(np.concatenate(([True], pair[1:] != pair[:-1]))) if len(pair) else np.zeros(0, dtype=np.intp)
    counts = np.diff(np.append(start, len(pair)))
    pairs = pair[start]
    in_order = np.argsort(pos[start])  # (distinct positions: any sort gives this order)
    term_pair, counts = pairs[in_order], counts[in_order]
    term_word = term_pair & ((1 << bits) - 1)
    distinct, first, inverse = np.unique(term_word, return_index=True, return_inverse=True)
    by_first = np.argsort(first)
    place = np.empty(len(distinct), dtype=np.int64)
    place[by_first] = np.arange(len(distinct))
    most = int(counts.max()) if len(counts) else 0
    sublinear = np.fromiter(map(_SUBLINEAR.__getitem__, range(1, most + 1)), dtype=np.float64, count=most)
    return _ChunkTerms(
        distinct[by_first], place[inverse.ravel()].astype(np.int32), sublinear[counts - 1],
        np.bincount(term_pair >> bits, minlength=n_docs), pairs, bits,
    )


@lru_cache(maxsize=1)
def clustering_embedder():  # noqa: ANN201
    """The static embedder, whatever ``STORYCHECK_EMBEDDER`` says: clustering's thresholds were chosen on its
    vectors and a saved index holds them, and it ships with the package (no model to fetch). The variable
    chooses the engine's alignment embedder only (``none`` there must not stop a batch's clustering)."""
    from storycheck.nlp import EMBEDDERS

    return EMBEDDERS["static"]()


def featurize(
    documents: Sequence[Document], settings: ClusterSettings | None = None, embedder=None  # noqa: ANN001
) -> list[Features]:
    """Features of each article (pure; the embedder is the engine's static one unless given).

    The cyclic garbage collector is paused meanwhile (``_cyclic_gc_paused``): featurizing makes many
    short-lived lists, dicts and sets and no reference cycles, so the collections it triggers (~300 per
    25,000 articles, walking the word caches that survive them) free nothing; ~3% of a featurizing
    worker's CPU (bench_scale's corpus). Reference counting frees the rest as before."""
    with _cyclic_gc_paused():
        return _featurize(documents, settings, embedder).unpack()


def _featurize(
    documents: Sequence[Document], settings: ClusterSettings | None, embedder  # noqa: ANN001
) -> _Packed:
    """The features of a chunk, packed (``_Packed``). Each article's text is read by the regular expressions
    one by one; its words are then numbered (``_WORDS``: one dict look-up per word) and hashed into shingles
    and counted into terms for the whole chunk at once in numpy (``_chunk_shingles``, ``_count_terms``): no
    dict of terms per article (the assigning process reads a chunk's terms laid end to end, and ``unpack``
    makes the dicts for a caller that wants them), ~20% of a featurizing worker's CPU less."""
    settings = settings or ClusterSettings()
    if embedder is None:
        embedder = clustering_embedder()
    hasher = _Hasher.of(settings.num_perm, settings.seed)
    ids: list[str] = []
    times: list[float | None] = []
    leads: list[str] = []
    all_words: list[list[str]] = []
    strings: list[str] = []
    string_ends: list[int] = []
    lowers: list[bool] = []
    openings: list[str] = []
    named_names: list[str] = []  # the names of each cased article that names someone, one article after another
    named_counts: list[int] = []
    for doc in documents:
        text = doc.text
        if text[:1] in "SM":
            text = _CHROME.sub("", text, count=1)
        title = doc.title or ""
        both = f"{title} {text}"
        plain = both.isascii() or _NOT_PLAIN.search(both) is None
        word_re, name_re = (_WORD_PLAIN, _NAME_PLAIN) if plain else (_WORD, _NAME)
        all_words.append(word_re.findall(text.lower()))
        head = text[:2000]
        lowercase = _capitals(head) < 0.004 * len(head)  # (nearly) no capitals: names unseen
        lower = lowercase or _CASED_WORD.search(both) is None
        names: frozenset[str] = frozenset()
        if not lowercase:
            found = set(map(_NAME_OF.__getitem__, name_re.findall(text)))
            found.update(map(_TITLE_NAME_OF.__getitem__, name_re.findall(title)))
            found.discard("")
            names = frozenset(found)
        year_list, decimal_list = _years_and_decimals(both, plain)
        years = frozenset(year_list) | frozenset(decimal_list)
        years |= frozenset(f"{m} {int(d)}" for m, d in _DATE.findall(both))
        leads.append((title + "\n" + text[: settings.lead_chars]).strip())
        opening = (title + "\n" + text[: settings.slot_chars]).strip()
        slots = _lead_slots(opening, not lowercase)
        typed = _details((title + "\n" + text[: settings.detail_chars]).strip())
        ids.append(doc.id)
        times.append(_posix(doc.published))
        for part in (names, years, slots, typed):
            strings.extend(part)
            string_ends.append(len(strings))
        lowers.append(lower)
        openings.append("" if lower or settings.subject_share is None else first_sentence(opening))
        if not lower and names:
            named_names.extend(names)
            named_counts.append(len(names))
        else:
            named_counts.append(0)
    n = len(ids)
    if not n:
        return _Packed(
            [], [], np.zeros((0, 0), dtype=np.uint32), np.zeros((0, 0), dtype=np.float32), [],
            np.array([], dtype=np.int32), np.array([], dtype=np.float64), [], [], [], np.zeros(0, dtype=np.int32), [],
        )
    lengths = np.fromiter(map(len, all_words), dtype=np.int64, count=n)
    # the chunk's word numbers mean something only until the table is emptied or numbered by another chunk:
    # numbered, read and turned into words under the table's lock (``_WORDS_LOCK``), nothing of them kept
    with _WORDS_LOCK:
        if len(_WORDS) > _WORDS_KEPT or not _WORDS.whole():
            _WORDS.clear()
        numbers = np.fromiter(
            map(_WORDS.__getitem__, chain.from_iterable(all_words)), dtype=np.intp, count=int(lengths.sum())
        )
        crc, is_term = _WORDS.arrays()
        terms = _count_terms(numbers, lengths, is_term, len(crc))
        hashes = crc[numbers]
        words = list(map(_WORDS.words.__getitem__, terms.numbers.tolist()))
        named = _named(named_names, named_counts, terms)
    values = hasher.hashvalues_flat(*_chunk_shingles(hashes, lengths, settings.shingle_words))
    vectors = np.asarray(embedder.encode(leads), dtype=np.float32)
    ends = np.empty((n, 5), dtype=np.int64)
    ends[:, 0] = np.cumsum(terms.per_article)
    ends[:, 1:] = np.array(string_ends, dtype=np.int64).reshape(n, 4)
    return _Packed(
        ids, times, values, vectors, words, terms.term_ids, terms.weights, strings, ends.ravel().tolist(), lowers, named,
        openings,
    )


def _named(names: list[str], counts: list[int], terms: _ChunkTerms) -> np.ndarray:
    """Of ``names`` (``counts[i]`` for the i-th article), those the article gives among its terms, as places in the
    chunk's terms (``_Packed.named``), in their order."""
    word = np.fromiter(map(_WORDS.get, names, repeat(-1, len(names))), dtype=np.int64, count=len(names))
    doc = np.repeat(np.arange(len(counts), dtype=np.int64), counts)
    known = word >= 0
    word, doc = word[known], doc[known]
    pair = (doc << terms.bits) | word
    at = np.searchsorted(terms.pairs, pair)
    given = at < len(terms.pairs)
    given[given] = terms.pairs[at[given]] == pair[given]
    order = np.argsort(terms.numbers)
    return order[np.searchsorted(terms.numbers, word[given], sorter=order)].astype(np.int32)


@dataclass(slots=True)
class _Packed:
    """The features of a chunk of articles laid end to end in a few lists and two arrays: what a worker
    sends back. Pickling and unpickling one ``Features`` per article (an object, two small arrays, a dict
    and three sets each) costs the assigning process about a tenth of what assigning costs; this, a few
    bulk copies."""

    ids: list[str]
    times: list[float | None]
    minhash: np.ndarray  # (articles, num_perm) uint32
    vector: np.ndarray  # (articles, dim) float32
    words: list[str]  # the chunk's distinct terms, in the order they first occur
    term_ids: np.ndarray  # each article's terms, in order, one article after another: their place in ``words``
    weights: np.ndarray  # their weights (float64)
    strings: list[str]  # each article's names, then years, then lead slots, then typed details
    ends: list[int]  # where each article's terms end in ``term_ids``, then its four sets in ``strings``
    lower: list[bool] = field(default_factory=list)  # ``Features.lower`` of each
    # each cased article's names that it also gives among its terms, as places in ``words``, one article after
    # another: what ``storycheck.casing.count_names`` counts in ``_named_df``, worked out here from the article
    # alone (the worker's work, not the assigning process's); None: not given (a pack of an older version)
    named: np.ndarray | None = None
    openings: list[str] = field(default_factory=list)  # ``Features.opening`` of each (empty: none kept)

    def __setstate__(self, state: Sequence) -> None:
        """A pack from a worker of an older version: ``unpack`` takes a text that names nobody as lower-cased,
        ``count_names`` finds the named terms itself, and no lead is kept."""
        _set_state(self, state, lower=list, named=_nothing, openings=list)

    @staticmethod
    def pack(features: Sequence[Features]) -> _Packed:
        # a chunk's articles share most of their terms: each distinct term travels (and is unpickled) once
        vocab = _Vocab()
        ids: list[int] = []
        weights: list[float] = []
        strings: list[str] = []
        ends: list[int] = []
        for f in features:
            ids.extend(map(vocab.__getitem__, f.terms))
            weights.extend(f.terms.values())
            ends.append(len(ids))
            for part in (f.names, f.years, f.lead, f.details):
                strings.extend(part)
                ends.append(len(strings))
        n = len(features)
        return _Packed(
            [f.id for f in features], [f.time for f in features],
            np.stack([f.minhash for f in features]) if n else np.zeros((0, 0), dtype=np.uint32),
            np.stack([f.vector for f in features]) if n else np.zeros((0, 0), dtype=np.float32),
            list(vocab), np.array(ids, dtype=np.int32), np.array(weights, dtype=np.float64), strings, ends,
            [f.lower for f in features], np.fromiter(_named_terms(features, vocab), dtype=np.int32),
            [f.opening for f in features],
        )

    def unpack(self, terms: bool = True) -> list[Features]:
        """The features; with ``terms=False`` their ``terms`` are left empty (``_BatchTerms.add_packed`` gives
        the assigning process a chunk's terms laid end to end, which is all it reads of them)."""
        strings, ends = self.strings, self.ends
        words = list(map(self.words.__getitem__, self.term_ids.tolist())) if terms else []
        weights = self.weights.tolist() if terms else []
        out = []
        w0 = s0 = 0
        keep = terms
        for i, doc in enumerate(self.ids):
            w1, s1, s2, s3, s4 = tuple(ends[5 * i : 5 * i + 5])
            own = dict(zip(words[w0:w1], weights[w0:w1], strict=True)) if keep else {}
            names, years, lead = frozenset(strings[s0:s1]), frozenset(strings[s1:s2]), frozenset(strings[s2:s3])
            typed = frozenset(strings[s3:s4])
            lower = self.lower[i] if self.lower else not names
            opening = self.openings[i] if self.openings else ""
            out.append(
                Features(doc, self.minhash[i], own, names, years, self.vector[i], self.times[i], lead, typed, lower, opening)
            )
            w0, s0 = w1, s4
        return out


class _Vocab(dict):
    """Term -> its number, the next one for a term not met yet (in the order terms first occur)."""

    def __missing__(self, term: str) -> int:
        value = self[term] = len(self)
        return value


@dataclass(slots=True)
class _Top:
    """An article's top terms as ``StoryIndex._count_batch`` works them out for ``_assign``."""

    vec: dict[str, float]  # ``_top_terms``: term -> TF-IDF weight, strongest first (ties by term)
    raw: dict[str, float]  # the same terms -> their weight in the article's ``terms``
    keyed: list[str]  # the terms ``_lookup`` keys on, in its order (rarest first, ties by term)
    posted: list[str]  # the terms whose posting lists take the article's story (in ``vec``'s order)
    rarest: list[str]  # ``vec``'s terms, rarest first (by IDF, ties by term: ``_rarest``)
    # ``vec`` is strongest first, ties by term (``Report.of``'s order: it then sorts nothing), as for an article
    # of more than ``terms`` terms; an article of fewer has them in its own order
    ranked: bool = False


@dataclass(slots=True)
class _BatchTerms:
    """The terms of a batch's articles laid end to end, each article's in its ``terms`` order, as numbers
    (``words``: the batch's distinct terms, in the order they first occur): what the assigning process
    counts, weighs and ranks for the whole batch at once (``StoryIndex._count_batch``) instead of term by
    term in dicts (for packed features, without ever making their ``terms`` dicts)."""

    vocab: _Vocab = field(default_factory=_Vocab)
    ids: list[np.ndarray] = field(default_factory=list)  # parts of the term numbers, laid end to end
    weights: list[np.ndarray] = field(default_factory=list)  # parts of their weights
    lens: list[int] = field(default_factory=list)  # terms per article
    # parts of the cased articles' names that they give among their terms, as term numbers (``_Packed.named``);
    # None when a part came without them (``count_names`` then works them out from the features)
    named: list[np.ndarray] | None = field(default_factory=list)

    @property
    def words(self) -> list[str]:
        return list(self.vocab)

    @staticmethod
    def of(features: Sequence[Features]) -> _BatchTerms:
        terms = _BatchTerms()
        terms.add_features(features)
        return terms

    def add_features(self, features: Sequence[Features]) -> None:
        words = chain.from_iterable(f.terms for f in features)
        self.ids.append(np.fromiter(map(self.vocab.__getitem__, words), dtype=np.intp))
        self.weights.append(np.fromiter(chain.from_iterable(f.terms.values() for f in features), dtype=np.float64))
        self.lens.extend([len(f.terms) for f in features])
        if self.named is not None:  # (every term is numbered above: the look-ups add none)
            self.named.append(np.fromiter(_named_terms(features, self.vocab), dtype=np.intp))

    def add_packed(self, packed: _Packed) -> None:
        number = np.fromiter(map(self.vocab.__getitem__, packed.words), dtype=np.intp, count=len(packed.words))
        self.ids.append(number[packed.term_ids])
        self.weights.append(packed.weights)
        ends = packed.ends[0::5]
        self.lens.extend(map(int.__sub__, ends, [0, *ends[:-1]]))
        if self.named is not None:
            self.named = None if packed.named is None else [*self.named, number[packed.named]]


def _featurize_packed(
    rows: list[tuple[str, str, str | None, str | None]], settings: ClusterSettings, embedder,  # noqa: ANN001
    hasher: _Hasher | None = None,
) -> _Packed:
    """``featurize`` in a worker process: (id, text, title, published) rows in, packed features out (with
    the sender's ``hasher``, the worker imports no datasketch)."""
    if hasher is not None:
        _HASHERS.setdefault((hasher.num_perm, hasher.seed), hasher)
    with _cyclic_gc_paused():  # (as in ``featurize``: packing makes no cycles either)
        documents = [Document(id=i, text=text, title=title, published=published) for i, text, title, published in rows]
        return _featurize(documents, settings, embedder)


def _featurize_here(documents: Sequence[Document], settings: ClusterSettings, embedder) -> _Packed:  # noqa: ANN001
    """``_featurize`` in the assigning process (no workers, or parts no worker has started), the cyclic garbage
    collector paused as in ``featurize``."""
    with _cyclic_gc_paused():
        return _featurize(documents, settings, embedder)


def _lead_slots(lead: str, cased: bool) -> frozenset[str]:
    """What the lead says of the event's key slots: who (names, when the text is cased), which day, and
    which figures (magnitudes, tolls, sums, rounds; digits or number words). Two same-kind events differ
    here even when they share their topic words; two reports of one event mostly agree."""
    slots = {f"d:{m.lower()}" for m in _WEEKDAY.findall(lead)}
    slots.update(f"#:{m.replace(',', '')}" for m in _FIGURE.findall(lead))
    # ASCII (most news): the same matches on the lower-cased lead without IGNORECASE, 3× faster
    number_words = _NUMBER_WORD_LOWER.findall(lead.lower()) if lead.isascii() else _NUMBER_WORD.findall(lead)
    slots.update(f"#:{_NUMBER_WORDS[m.lower()]}" for m in number_words)
    if cased:
        for m in _NAME.findall(lead):
            n = _NAME_OF[m]
            if n:
                slots.add(f"n:{n}")
    return frozenset(slots)


def _argsort_keys(first: np.ndarray, second: np.ndarray, third: np.ndarray) -> np.ndarray:
    """``np.lexsort((third, second, first))`` for keys of non-negative integers: one sort of one 64-bit key
    when they fit in it, ~5x faster. The sort is numpy's stable one (timsort for 64-bit integers): ``first``
    is the article, and a batch's entries come article by article, so the keys are runs already in order of
    their high bits, which a merge sort joins in a gallop; ~2x faster than the default introsort on a batch's
    ~250k keys. Stable as lexsort is, so the two agree even on tied triples (the callers' are distinct: a term
    occurs once in an article's terms; with the introsort, only distinct triples gave lexsort's order)."""
    bits = [int(k.max()).bit_length() if len(k) else 0 for k in (first, second, third)]
    if sum(bits) > 63:
        return np.lexsort((third, second, first))
    key = (first.astype(np.int64) << (bits[1] + bits[2])) | (second.astype(np.int64) << bits[2]) | third
    return np.argsort(key, kind="stable")


def _dense_rank(values: np.ndarray) -> np.ndarray:
    """``np.unique(values, return_inverse=True)[1]`` (each value's place among the distinct values, sorted) for
    float values without NaN: the distinct values by ``np.unique`` alone (it sorts the values themselves, where
    ``return_inverse`` sorts their indices and scatters the inverse back), each value's place by a binary
    search in them (a batch's TF-IDF weights repeat: ~2k distinct in ~230k); ~40% less. (Not for integers:
    numpy 2.4's ``np.unique`` of integers without an inverse goes through a hash table, ~10x slower than a
    sort at these sizes: see ``casing._within``.)"""
    return np.searchsorted(np.unique(values), values)


class _Idf(dict):
    """Term -> IDF with the counts of the moment it was made (a batch's), filled on first lookup: ``idf[t]``
    is a dict hit in C, not a Python call, on the hot paths."""

    def __init__(self, df: Counter[str], n_docs: int) -> None:
        super().__init__()
        self.df, self.n_docs = df, n_docs

    def fill(self, terms: Iterable[str]) -> None:
        """Compute the IDF of ``terms`` in one loop (what ``__missing__`` gives each, without a call each)."""
        n1, df, log = self.n_docs + 1, self.df, math.log
        get = df.get
        self.update({t: log(n1 / (get(t, 0) + 1)) + 1.0 for t in terms})

    def __missing__(self, term: str) -> float:
        value = self[term] = math.log((self.n_docs + 1) / (self.df.get(term, 0) + 1)) + 1.0
        return value


def _norm(vec: dict[str, float]) -> float:
    """Euclidean norm of a term vector (summed in its order, as ``sum`` of a generator would)."""
    values = list(vec.values())
    return math.sqrt(sum(map(mul, values, values)))


def _weighted(profile: dict[str, float], idf: Mapping[str, float]) -> tuple[dict[str, float], float]:
    """A story profile's TF-IDF vector and its norm (the loops in C)."""
    vec = dict(zip(profile, map(mul, profile.values(), map(idf.__getitem__, profile)), strict=True))
    return vec, _norm(vec)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused, then restored as it was. Assigning makes many small objects
    and keeps most of them (the index grows), so the collector's full passes walk the whole index again and
    again and find no cycle to free: about a tenth of the assigning process's time at 50k articles, more as
    the index grows. Reference counting still frees what is dropped; only cycles wait for the next pass."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def _index_settled() -> Iterator[Callable[[], None]]:
    """A ``settle()`` to call after each batch of ``StoryIndex.add``: what exists then (the index, grown by the
    batch) is moved out of the cyclic garbage collector's generations (``gc.freeze``) until ``add`` returns
    (``gc.unfreeze``). Between two batches the collector still runs (reading and featurizing allocate), and
    its full passes walked the whole index again and again, freeing nothing: ~7% of the assigning process at
    50k articles. Only when the collector is on and nothing is frozen already (a caller's own freeze is left
    alone); cycles made before a settle are collected after ``add``, not lost."""
    own = gc.isenabled() and gc.get_freeze_count() == 0
    try:
        yield gc.freeze if own else _nothing
    finally:
        if own:
            gc.unfreeze()


def _nothing() -> None:
    return None


def _named_terms(features: Sequence[Features], vocab: Mapping[str, int]) -> Iterator[int]:
    """Each cased article's names that it also gives among its terms, one article after another, as the numbers
    ``vocab`` gave its terms: what ``storycheck.casing.count_names`` counts in ``_named_df``."""
    return (vocab[n] for f in features if not f.lower and f.names for n in f.names if n in f.terms)


@lru_cache(maxsize=65536)
def _posix(published: str | None) -> float | None:
    """The POSIX time of a ``published`` as ``lineage.read_published`` reads it (ISO 8601, RFC 2822, an RSS feed's
    ``pubDate``, or a written date naming a year: "27 Nov 2026", a date alone the start of its day in UTC), or None.
    Why that reader: the future-date margin and the lineage ask it too; session 28 read RFC 2822 here with a step of
    its own, which read "09:02 CEST" as 09:02 UTC and "7:02 PM" as 07:02 where the lineage read 07:02 and 19:02
    (session 29). A feed's day has as many distinct times as rows: ``read_published`` reads RFC 2822 with
    ``email.utils``, not ``dateparser`` (a millisecond a value), unless its zone word is one only ``dateparser``
    knows. An ISO 8601 value (what a feed's normalised rows and bench_scale give) is read here first, as
    ``read_published`` reads it (``datetime.fromisoformat`` of the stripped value, a time without a zone in UTC):
    the same number without its RFC 2822 and clock tests (~0.8 µs against ~3.9 for a value not in the cache).
    A moment whose UTC falls outside years 1-9999 ("0001-01-01T00:00:00+01:00", "9999-12-31T23:30:00-01:00") is
    no time (None): ``astimezone`` raised OverflowError there, which ended the whole clustering over one row's
    date (review revs30; ``read_published`` gives None there too). So is an offset past ``lineage.FARTHEST`` (14
    hours: no zone's, "T07:02+20:00"), as ``read_published`` reads it (session 31), but for a time range read as one
    ("10:00-15:00": its start, session 32), asked of ``read_published``."""
    try:
        if published:
            try:
                moment = datetime.fromisoformat(published.strip())
            except ValueError:
                pass
            else:
                if moment.tzinfo is None:
                    return moment.replace(tzinfo=UTC).timestamp()
                if abs(moment.utcoffset()) <= FARTHEST:
                    return moment.astimezone(UTC).timestamp()
                # (past it: no time, unless a range's end was read as the offset, "T10:00-15:00": the lineage's)
        read = read_published(published)
    except OverflowError:
        return None
    return None if read is None else read[0].replace(tzinfo=UTC).timestamp()


# --------------------------------------------------------------------------------------------------
# The index


class StoryIndex:
    """Stories so far and the indexes that find candidates; ``add`` new articles, ``save``/``load`` it."""

    def __init__(self, settings: ClusterSettings | None = None) -> None:
        self.settings = settings or ClusterSettings()
        s = self.settings
        if s.subject_share is not None:
            require()  # (the model it parses with is missing: said now, not at the first merge mid-batch)
        MinHashLSH = _datasketch().MinHashLSH  # noqa: N806

        self._hasher = _Hasher(s.num_perm, s.seed)
        params = _LSH_PARAMS.get((s.near_duplicate, s.num_perm))  # (None: datasketch works them out)
        self.lsh = MinHashLSH(threshold=s.near_duplicate, num_perm=s.num_perm, params=params)
        self.stories: list[Story] = []
        self.story_of: dict[str, int] = {}
        self._row: dict[str, int] = {}  # article -> its row in ``_minhashes``
        self._minhashes = np.zeros((1024, s.num_perm), dtype=np.uint32)
        self._centroid: list[np.ndarray] = []
        self._profile: list[dict[str, float]] = []  # story -> term -> summed weight of its articles
        self._norm: list[float] = []  # story -> IDF-weighted norm of its profile (kept up to date as it grows)
        self._years: list[Counter[str]] = []
        self._names: list[Counter[str]] = []  # story -> names of its articles (with counts)
        self._slots: list[Counter[str]] = []  # story -> lead slots of its articles (with counts)
        self._slot_kinds: list[Counter[str]] = []  # story -> kind of slot -> articles that give one
        self._postings: dict[str, list[int]] = {}  # term -> the (at most posting_cap) latest stories with it
        self.df: Counter[str] = Counter()  # term -> articles that carry it
        self._cased_df: Counter[str] = Counter()  # term -> cased articles that carry it (storycheck.casing)
        self._named_df: Counter[str] = Counter()  # term -> those of them that write it as a name
        self.n_docs = 0
        self._idf_cache = _Idf(self.df, self.n_docs)
        self._parent: list[int] = []  # story -> the story it was merged into (itself when live)
        self.merges: list[tuple[str, str]] = []  # (merged story id, surviving story id), in order
        # the latest members' reports, for the average-linkage tests
        self._linkage = Linkage(s.detail_penalty, s.misfit_score, s.misfit_gap, s.link_score)
        # a story of one or two articles waiting for the attach -> articles seen then
        self._waiting: dict[int, int] = {}
        # a small story a batch touched -> articles seen then, until the regroup decides it (``regroup_lag``)
        self._regrouping: dict[int, int] = {}
        self._short_waits = True  # a story of 3-4 short texts waits for the attach (``regroup.wait_short``)
        self._report: Report | None = None  # the report of the article being assigned
        # an article that opened a story -> why the nearest candidate refused it, as numbers (``why_not``)
        self._misses: dict[str, tuple] = {}
        self._init_caches()

    def _init_caches(self) -> None:
        """State that only makes clustering faster (rebuilt for an index pickled before it existed)."""
        n = len(self.stories)
        self._cnorm: list[float] = [-1.0] * n  # story -> norm of its centroid (-1: to recompute)
        self._dead: set[int] = set()  # stories retired: out of the time window for good (see _retire)
        self._active: set[int] = {i for i in range(n) if self.stories[i].last is not None}  # may retire
        self._horizon = -math.inf  # stories that ended before this (POSIX seconds) are retired
        self._probe = self._hasher.minhash()  # one MinHash whose values are swapped in per query
        self._lsh_times: list[tuple[float, str]] = []  # heap of (time, article) in the LSH index (_retire)
        self._init_lookup_caches()

    def _init_lookup_caches(self) -> None:
        """Caches of the hot loop only (set again for an index pickled before they existed)."""
        self._merged: set[int] = {i for i, p in enumerate(self._parent) if p != i}  # (no root look-ups without)
        self._bands_of: np.ndarray | None = None  # the values whose LSH band keys are in ``_bands``
        self._bands: list[bytes] = []
        self._roots: dict[str, set[int]] = {}  # term -> its stories, as ``_lookup`` made them (see there)
        self._doomed: set[int] | None = None  # what ``_term_roots`` takes out of a list, for one batch's assigning
        self._init_rank_bound()

    def _init_rank_bound(self) -> None:
        """What ``_same_event_cap`` reads (for an index pickled before it existed: its stories count as
        summed from the start, the loosest bound)."""
        # story -> articles counted when its kept norm began (``_add_profile``: the oldest IDF in it)
        self._norm_since: list[int] = [0] * len(self.stories)
        self._untimed: set[int] = {i for i, s in enumerate(self.stories) if s.last is None}  # never retired
        self._cap = math.inf  # ``_same_event_cap`` of the batch being assigned

    # -- public -----------------------------------------------------------------------------------

    def add(
        self, documents: Iterable[Document], embedder=None, batch: int = 2048, executor: Executor | None = None  # noqa: ANN001
    ) -> list[str]:
        """Assign each article to a story (existing or new); returns the story id of each, in order: the
        story it is in when the call ends (after every merge).

        With an ``executor`` (a process pool, or a Dask client's ``get_executor()``), ``featurize`` runs
        there on parts of each batch while this process assigns the previous batch: featurization is per
        article and pure, and the batches are assigned in order, so the stories are those of a run
        without one. The embedder travels to the workers by pickling (the static one as a reference to its
        files, loaded once per worker).

        An article whose id the index already holds (sent again: a feed read twice, a retried import), or
        that came earlier in the same call, is not clustered again: its entry is the story it is in. A
        second report under one id would replace the first one's report and sit in two stories."""
        ids: list[str] = []  # every article's id, in order (the answer is read for each at the end)
        with _index_settled() as settle:
            self._add(self._fresh(documents, ids), embedder, batch, executor, settle)
        return self._stories_of(ids)

    def _stories_of(self, ids: list[str]) -> list[str]:
        """The id of the story each article is in now."""
        story_of, root, stories = self.story_of, self._root, self.stories
        return [stories[root(story_of[doc])].id for doc in ids]

    def _fresh(self, documents: Iterable, ids: list[str]) -> Iterator:
        """The articles (or their features) whose id the index does not hold yet (every id goes to ``ids``)."""
        known = self.story_of
        seen: set[str] = set()
        for doc in documents:
            ids.append(doc.id)
            if doc.id in known or doc.id in seen:
                continue
            seen.add(doc.id)
            yield doc

    def _add(
        self, documents: Iterable[Document], embedder, batch: int, executor: Executor | None,  # noqa: ANN001
        settle: Callable[[], None],
    ) -> None:
        if executor is None:
            chunk: list[Document] = []
            for doc in documents:
                chunk.append(doc)
                if len(chunk) >= batch:
                    self._add_packed([_featurize_here(chunk, self.settings, embedder)], settle)
                    chunk = []
            if chunk:
                self._add_packed([_featurize_here(chunk, self.settings, embedder)])
            return
        if embedder is None:
            embedder = clustering_embedder()
        part = max(1, batch // 8)
        settings = self.settings
        # batches being featurized, in order: each a list of (its articles, the future of their features)
        pending: deque[list[tuple[list[Document], Future]]] = deque()

        def submit(chunk: list[Document]) -> None:
            parts = []
            for i in range(0, len(chunk), part):
                docs = chunk[i : i + part]
                rows = [(d.id, d.text, d.title, d.published) for d in docs]  # (a Document pickles slower)
                parts.append((docs, executor.submit(_featurize_packed, rows, settings, embedder, self._hasher)))
            pending.append(parts)

        def assign_oldest() -> None:
            parts = pending.popleft()
            # the parts no worker has started yet, from the last one back, are featurized here rather than
            # waited for (the workers are starting, or behind the assignment): the workers take the parts
            # from the front, this process from the back, until they meet
            here: dict[int, _Packed] = {}
            for k in range(len(parts) - 1, -1, -1):
                docs, fut = parts[k]
                if fut.done() or not fut.cancel():
                    break
                here[k] = _featurize_here(docs, settings, embedder)
            self._add_packed([here[k] if k in here else fut.result() for k, (_, fut) in enumerate(parts)], settle)

        chunk = []
        for doc in documents:
            chunk.append(doc)
            if len(chunk) >= batch:
                submit(chunk)
                chunk = []
                if len(pending) > 2:  # two batches ahead of the one being assigned keep the workers busy
                    assign_oldest()
        if chunk:
            submit(chunk)
        while pending:
            assign_oldest()

    def add_features(self, features: Sequence[Features]) -> list[str]:
        """Assign pre-computed features (``featurize`` may have run elsewhere, e.g. on Dask workers); returns
        the story id of each, in order, as ``add`` does: the story its article is in when the call ends (a
        split may have moved it). Features of an id the index holds, or met earlier in the call, are not
        assigned again (see ``add``)."""
        ids: list[str] = []
        fresh = list(self._fresh(features, ids))
        if fresh:
            with _cyclic_gc_paused():
                self._add_features(fresh)
        return self._stories_of(ids)

    def _add_packed(self, packs: Sequence[_Packed], settle: Callable[[], None] = _nothing) -> None:
        """Assign a batch of packed features (made here or by workers: the same path for both), their terms
        read laid end to end (``_BatchTerms.add_packed``), never as one dict per article. ``settle``
        (``_index_settled``'s) runs before the collector is on again: the batch's new objects are frozen
        while the collector is still paused. Called after, the first allocation once the collector was
        back on started a collection of the youngest generation, which then held every object the batch
        made and kept (its objects and allocations were counted while paused): a walk over all of them,
        frozen right after anyway, ~3% of the assigning process (py-spy, bench_scale's 50k packs replayed).
        A cycle the batch made is frozen with it and freed when ``add`` ends (a few dozen objects a batch), and
        so is one that another thread of the process made meanwhile: a Dask client's event loop (its timeouts'
        tracebacks and frames) left 5,568 objects (~0.8 MB) to the collection after ``add`` of 20k articles on
        a ``get_executor()`` (952 at 5k: it grows with the stream), against 988 when the collection came first
        (777a4d1); a process pool 327 against 10 at 50k, 327 at 200k; peak RSS the same (review revc22). A
        sweep (unfreeze, collect, freeze) to bound it walks the whole index: 0.21 CPU-s at 10k, as much as
        the early freeze saves there."""
        features: list[Features] = []
        terms = _BatchTerms()
        with _cyclic_gc_paused():  # (the unpacked features die after the batch: no pass needs to meet them)
            for packed in packs:
                features.extend(packed.unpack(terms=False))  # (their terms: in ``terms``)
                terms.add_packed(packed)
            self._add_features(features, terms)
            settle()

    def _add_features(self, features: Sequence[Features], terms: _BatchTerms | None = None) -> None:
        """``terms``: the features' terms laid end to end (then their own ``terms`` are not read). The
        articles' entries are read from ``story_of`` by the callers, after the batch (a split moves some)."""
        # term frequencies first: a batch's articles inform each other
        terms = terms if terms is not None else _BatchTerms.of(features)
        tops = self._count_batch(terms)
        count_names(self, features, terms)
        window = self.settings.window_hours
        times = [f.time for f in features if f.time is not None]
        if window is not None and times:
            self._retire(min(times) - window * 3600.0)
        self._cap = self._same_event_cap()
        opened = len(self.stories)  # stories from here on are made in this batch: no caller has seen them
        touched = list(map(self._assign, features, tops))
        self._keyed = self._doomed = None  # (the merges below change what is doomed)
        touched.extend(split(self, touched, features, tops, opened))
        if self.settings.merge:
            self._merge_pass(sorted(set(touched)))
            regroup(self, sorted(set(touched)))

    def settle(self) -> None:
        """The corpus is closed (no more articles will come for now): decide the regroup of every small story
        still waiting for it, then the attach of every story of one or two articles still waiting for that
        (``storycheck.regroup.regroup_waiting``). ``cluster`` calls it; a caller that feeds ``add`` a stream calls
        it at the stream's end, or never (they then wait for ``regroup_lag`` and ``attach_lag`` more articles)."""
        if self.settings.merge:
            regroup_waiting(self, closed=True)

    def live(self) -> list[Story]:
        """The stories, without those merged into others."""
        return [s for s in self.stories if s.merged_into is None]

    def story(self, doc: str) -> Story:
        return self.stories[self.story_of[doc]]

    def groups(self) -> list[list[str]]:
        return [list(s.members) for s in self.live()]

    def why(self, a: str, b: str) -> list[Link] | None:
        """The links that put ``a`` and ``b`` in one story (each one's chain up to the story's first
        article), or None when they are in different stories."""
        if self.story_of.get(a) is None or self.story_of.get(a) != self.story_of.get(b):
            return None
        story = self.stories[self.story_of[a]]
        link_of = {link.doc: link for link in story.links}
        chain: list[Link] = []
        for start in (a, b):
            doc, seen = start, set()
            while doc in link_of and doc not in seen:
                seen.add(doc)
                chain.append(link_of[doc])
                doc = link_of[doc].to
        unique = {(lk.doc, lk.to): lk for lk in chain}
        return list(unique.values())

    def why_not(self, doc: str) -> Miss | None:
        """Why ``doc`` opened a story of its own on arrival (every article left alone did): the nearest
        candidate story that refused it (as it is now: it may have merged or split since), the member it scored
        best with, the test that refused it and the figures; None for an article that joined a story on arrival
        (its ``Link`` says why), an unknown one, or one assigned by a version that kept no misses."""
        found = self._misses.get(doc)
        if found is None:
            return None
        reason, near, cosine, sim, evidence, mean, extra, shared, rival = found
        s = self.settings
        now = self.stories
        member, jac = (None, None) if near is None else self._closest_of(near, self._minhashes[self._row[doc]])
        story = None if member is None else now[self._root(self.story_of[member])].id
        rival_story = None if rival is None else now[self._root(self.story_of[rival])].id
        # (no item types on ``figures``: compiled, Cython reads ``dict[str, float]`` items as C doubles, and the
        # settings' figures an int was given for, ``join_score=0``, came out 0.0 where pure Python says 0)
        figures: dict = {"jaccard": jac, "cosine": cosine, "key_share": sim, "evidence": evidence, "mean": mean}
        if reason == "embedding":
            figures["join_cosine"] = s.join_cosine
            says = f"embedding cosine {_fig(cosine)} with {story} is below join_cosine {s.join_cosine}"
        elif reason == "term_cosine":
            figures["join_similarity"] = s.join_similarity
            says = f"term cosine {_fig(sim)} with {story} is below join_similarity {s.join_similarity}"
        elif reason == "join_score":
            figures["join_score"] = s.join_score
            says = f"evidence {_fig(evidence)} for {story} is below join_score {s.join_score}"
        elif reason == "linkage":
            figures["link_score"] = s.link_score
            says = f"mean pair score {_fig(mean)} with {story}'s latest reports is below link_score {s.link_score}"
        elif reason == "misfit":
            figures |= {"cohesion": extra, "misfit_score": s.misfit_score, "misfit_gap": s.misfit_gap}
            says = (
                f"mean pair score {_fig(mean)} with {story}'s latest reports is below misfit_score {s.misfit_score} and "
                f"more than misfit_gap {s.misfit_gap} below their own mean {_fig(extra)} (misfit)"
            )
        elif reason == "arrival":
            lead = None if extra is None else mean - extra
            figures |= {"second": extra, "lead": lead, "arrival_margin": s.arrival_margin}
            says = (
                f"a lower-cased text: its mean pair score {_fig(mean)} with {story} leads that with the next "
                f"candidate (now in {rival_story}), {_fig(extra)}, by less than arrival_margin {s.arrival_margin}"
            )
        elif reason == "window":
            figures = {"jaccard": jac, "cosine": cosine, "key_share": sim, "hours_apart": extra, "window_hours": s.window_hours}
            says = (
                f"{story}, the nearest story met, is {extra:.1f} hours from the article's time: outside the "
                f"{s.window_hours:g}-hour publication-time window"
            )
        else:
            figures = {}
            says = "no candidate shared enough rare terms (and no near-duplicate)"
        figures = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in figures.items() if v is not None}
        joined = self._joined_later(doc)
        if joined is not None:
            says += f"; {self._later_words(joined)}"
        return Miss(doc, story, member, reason, says, figures, list(shared), rival_story, joined)

    def _joined_later(self, doc: str) -> Link | None:
        """The link by which the story ``doc`` opened joined another after its arrival, if it did. Why: the miss
        tells the arrival only, so a short text the ``contained`` step (or the attach, the regroup, a merge)
        later put with its event's reports was still explained as "refused", with no word of where it is now."""
        home = self.stories[self._root(self.story_of[doc])]
        return next((link for link in home.links if link.doc == doc), None)

    def _later_words(self, link: Link) -> str:
        story = self.stories[self._root(self.story_of[link.to])].id
        if link.reason == "contained":
            how = f"{_fig(link.key_share)} of its words are in that story's profile"
        elif link.reason == "nearest":
            how = f"that story's centroid is the nearest, cosine {_fig(link.cosine)}"
        else:
            how = f"term cosine {_fig(link.key_share)}, embedding cosine {_fig(link.cosine)}"
        return f"later joined {story} ({link.reason}: {how}; closest to {link.to})"

    def save(self, path: str | Path) -> None:
        """Pickle the index (written beside the target and renamed: never half a file)."""
        path = Path(path)
        tmp = path.with_name(f".{path.name}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @staticmethod
    def load(path: str | Path) -> StoryIndex:
        _datasketch()  # (before the index's MinHashLSH is unpickled, which imports it)
        with open(path, "rb") as fh:
            return StoryIndex.restore(pickle.load(fh))

    @staticmethod
    def restore(index: StoryIndex) -> StoryIndex:
        """An index just unpickled (by ``load``, or inside a batch's saved state) made current: the state an index
        pickled by an older version lacks, set as ``load`` always did."""
        if not hasattr(index, "_dead"):
            index._init_caches()
        elif not hasattr(index, "_bands_of") or not hasattr(index, "_roots"):
            index._init_lookup_caches()
        elif not hasattr(index, "_norm_since"):
            index._init_rank_bound()
        index.settings = _complete(index.settings)
        if index.settings.subject_share is not None:
            require()
        if not hasattr(index, "_linkage"):  # pickled before the linkage tests: they start from here on
            index._linkage, index._report = Linkage(index.settings.detail_penalty), None
        s = index.settings
        index._linkage.misfit = Linkage(s.detail_penalty, s.misfit_score, s.misfit_gap, s.link_score).misfit
        if not hasattr(index, "_waiting"):  # pickled before the attach: its lone stories are not waiting
            index._waiting = {}
        if not hasattr(index, "_regrouping"):  # pickled before the regroup waited: its regroups were all decided
            index._regrouping = {}
        if not hasattr(index, "_misses"):  # pickled before the misses were kept: those from here on
            index._misses = {}
        if not hasattr(index, "_cased_df"):  # pickled before (or as) the counts of cased articles: both from here on
            index._cased_df, index._named_df = Counter(), Counter()
            index.__dict__.pop("_lower_df", None)
        if not hasattr(index, "_short_waits"):  # pickled before a story of short texts waited for the attach
            wait_short(index)
            index._short_waits = True
        return index

    # -- internals --------------------------------------------------------------------------------

    def _idf(self, term: str) -> float:
        """IDF with today's counts (cached: counts change only between batches)."""
        return self._idf_cache[term]

    def _limit(self) -> float:
        return max(self.settings.min_key_docs, self.settings.max_key_share * self.n_docs)

    def _count_batch(self, terms: _BatchTerms) -> list[_Top]:
        """The batch's articles counted in the document frequencies, today's IDF made, and each article's
        ``_Top``: what ``_assign`` would otherwise work out term by term (``_top_terms``, the raw weights of
        those terms, ``_lookup``'s keys, the terms that index its story), for the whole batch at once. The
        same numbers: the counts are added per distinct term, the IDF is ``math.log`` of the same quotient,
        a weight is the same product of two floats, and the orders are the same sort keys (a term's place
        among the batch's terms sorted stands for the term in ties)."""
        # in the order they first occur (as ``Counter.update`` adds them); interned: the same term is the same
        # string object in every dict of the index (profiles, posting lists, counts), so that a look-up
        # compares pointers, not the characters of another copy of the term somewhere else in memory
        unique = list(map(sys.intern, terms.words))
        m = len(unique)
        uid = np.concatenate(terms.ids) if terms.ids else np.zeros(0, dtype=np.intp)  # each occurrence's term
        weights = np.concatenate(terms.weights) if terms.weights else np.zeros(0, dtype=np.float64)
        n = len(uid)
        df = self.df
        get = df.get
        for t, c in zip(unique, np.bincount(uid, minlength=m).tolist(), strict=True):
            df[t] = get(t, 0) + c
        self.n_docs += len(terms.lens)
        self._roots.clear()  # (stories are retired below)
        self._doomed = None  # (``_doomed_now``: worked out again after the retiring)
        idf = self._idf_cache = _Idf(df, self.n_docs)
        dfu = np.fromiter(map(df.__getitem__, unique), dtype=np.int64, count=m)
        # (what ``_Idf`` computes: ``log((n_docs + 1) / (df + 1)) + 1.0``; the quotient of two exact integers
        # is the same correctly rounded float in numpy, and the log is ``math.log``'s)
        idfu = np.fromiter(map(math.log, ((self.n_docs + 1) / (dfu + 1)).tolist()), dtype=np.float64, count=m) + 1.0
        idf.update(zip(unique, idfu.tolist(), strict=True))
        if not n:
            return [_Top({}, {}, [], [], []) for _ in terms.lens]
        k = self.settings.terms
        limit = self._limit()
        lens = np.asarray(terms.lens, dtype=np.intp)
        starts = np.cumsum(lens) - lens
        w = weights * idfu[uid]
        art = np.repeat(np.arange(len(lens)), lens)
        order_u = np.empty(m, dtype=np.intp)  # a term's place among the batch's terms in string order
        if max(map(len, unique)) <= 64:  # numpy's sort of fixed-width strings: the same order, faster
            order_u[np.argsort(np.array(unique), kind="stable")] = np.arange(m)
        else:  # (one long run of letters would make every row of that array as wide)
            order_u[sorted(range(m), key=unique.__getitem__)] = np.arange(m)
        rank = order_u[uid]
        seq = np.arange(n) - starts[art]  # place in the article's top terms: its own order when it has <= k
        big = lens > k
        if big.any():  # the others: strongest first, ties by term (``_top_terms``), the first k kept
            b = np.flatnonzero(big[art])
            # (``np.lexsort((rank[b], -w[b], art[b]))``, as one integer key: 5x faster)
            order = b[_argsort_keys(art[b], _dense_rank(-w[b]), rank[b])]
            blens = np.where(big, lens, 0)
            seq[order] = np.arange(len(order)) - (np.cumsum(blens) - blens)[art[order]]
        keep = seq < k
        kept = np.minimum(lens, k)
        dest = (np.cumsum(kept) - kept)[art[keep]] + seq[keep]
        sel = np.empty(len(dest), dtype=np.intp)
        sel[dest] = np.flatnonzero(keep)
        # the kept terms' strings picked by numpy from an array of the (interned) string objects themselves, and
        # each list below picked from theirs: the same objects as ``map(unique.__getitem__, ...)`` gives, in C
        uobj = np.empty(m, dtype=object)
        uobj[:] = unique
        top_obj = uobj[uid[sel]]
        top_words = top_obj.tolist()
        top_w = w[sel].tolist()
        top_tf = weights[sel].tolist()
        d = dfu[uid[sel]]
        a = art[sel]
        keyed = (d > 1) & (d <= limit)  # ``_lookup``: rarest first, ties by term
        kidx = np.flatnonzero(keyed)
        kidx = kidx[_argsort_keys(a[kidx], d[kidx], rank[sel[kidx]])]
        key_words = top_obj[kidx].tolist()
        posted = np.flatnonzero(d <= limit)  # ``_assign``: the terms that index its story, in top-term order
        post_words = top_obj[posted].tolist()
        # ``_rarest``: by IDF (a rank of the batch's distinct terms' IDFs, read for each kept term: the same order as
        # ranking the kept terms' own, over a tenth of the values), ties by term
        rare = _argsort_keys(a, _dense_rank(-idfu)[uid[sel]], rank[sel])
        rare_words = top_obj[rare].tolist()
        out = []
        o = ko = po = 0
        for size, nk, npost, ranked in zip(
            kept.tolist(), np.bincount(a[keyed], minlength=len(lens)).tolist(),
            np.bincount(a[posted], minlength=len(lens)).tolist(), big.tolist(), strict=True,
        ):
            names = top_words[o : o + size]
            out.append(_Top(
                dict(zip(names, top_w[o : o + size], strict=True)), dict(zip(names, top_tf[o : o + size], strict=True)),
                key_words[ko : ko + nk], post_words[po : po + npost], rare_words[o : o + size], ranked,
            ))
            o, ko, po = o + size, ko + nk, po + npost
        return out

    def _top_terms(self, terms: dict[str, float]) -> dict[str, float]:
        """The article's ``terms`` strongest terms by TF-IDF, with their TF-IDF weight."""
        names = list(terms)
        weights = list(map(mul, terms.values(), map(self._idf_cache.__getitem__, names)))  # (C loops)
        k = self.settings.terms
        if len(weights) > k:  # the k smallest (-weight, term): strongest first, ties by term
            # only the terms at or above the k-th largest weight are sorted as pairs (sorting floats is cheap,
            # comparing pairs is not); the ties at that weight are all in, the pair order picks among them
            cut = sorted(weights, reverse=True)[k - 1]
            top = sorted([(-w, t) for w, t in zip(weights, names, strict=True) if w >= cut])[:k]
            return {t: -nw for nw, t in top}
        return dict(zip(names, weights, strict=True))

    def _similarity(self, vec: dict[str, float], norm: float, idx: int) -> tuple[float, list[str]]:
        """TF-IDF cosine between an article's weighted terms and story ``idx``'s profile; shared terms."""
        profile = self._profile[idx]
        idf = self._idf_cache
        shared = list(filter(profile.__contains__, vec))  # in the article's order: the sum below is the same
        dot = 0.0
        for t in shared:
            dot += vec[t] * profile[t] * idf[t]
        denom = norm * self._norm[idx]
        return (dot / denom if denom else 0.0), shared

    def _core_count(self, idx: int) -> int:
        """Members that must mention a name or detail for it to count as the story's: a big story has
        picked up side mentions (another year, a person quoted once) that would let anything share them."""
        return max(1, int(self.settings.core_share * len(self.stories[idx].members)))

    def _years_conflict(self, years: Iterable[str], idx: int) -> bool:
        theirs = self._years[idx]
        years = set(years)
        if not years or not theirs:
            return False
        least = self._core_count(idx)
        core = [y for y, c in theirs.items() if c >= least]
        return bool(core) and not any(theirs.get(y, 0) >= least for y in years)

    def _name_share(self, names: Iterable[str], idx: int) -> float | None:
        """IDF-weighted share of ``names`` that story ``idx`` also names (None when a side names nobody):
        names common to many articles weigh little, the rare ones decide."""
        theirs = self._names[idx]
        if not theirs:
            return None
        least = self._core_count(idx)
        idf = self._idf_cache
        total = shared = 0.0
        for n in names:
            w = idf[n]
            total += w
            if theirs.get(n, 0) >= least:
                shared += w
        return shared / total if total > 0.0 else None

    def _slot_evidence(self, slots: Iterable[str], idx: int) -> float:
        """Lead slots of an article (or the core ones of a story) against story ``idx``'s: the share of the
        lead's names the story names, and a penalty for each kind of slot (weekday, figures) given on both
        sides without a value in common."""
        s = self.settings
        if not s.lead_weight and not s.slot_penalty:
            return 0.0
        theirs, names, kinds = self._slots[idx], self._names[idx], self._slot_kinds[idx]
        least = self._core_count(idx)
        idf = self._idf_cache
        total = shared = 0.0
        agree: dict[str, bool] = {}
        for slot in slots:  # the article's few slots only: the cost does not grow with the story
            kind = slot[0]
            if kind == "n":
                w = idf[slot[2:]]
                total += w
                if names.get(slot[2:], 0) >= least:
                    shared += w
            elif kinds.get(kind, 0) >= least:  # the story's reports give this kind of slot
                agree[kind] = agree.get(kind, False) or theirs.get(slot, 0) >= least
        evidence = s.lead_weight * (shared / total - s.name_share) if total > 0.0 and names else 0.0
        return evidence - s.slot_penalty * sum(1 for ok in agree.values() if not ok)

    @property
    def _most_bonus(self) -> float:
        """The most evidence names can add (all of them shared)."""
        s = self.settings
        return max(0.0, s.name_weight * (1.0 - s.name_share)) + max(0.0, s.lead_weight * (1.0 - s.name_share))

    def _core_slots(self, idx: int) -> list[str]:
        least = self._core_count(idx)
        return [slot for slot, count in self._slots[idx].items() if count >= least]

    def _evidence(self, sim: float, cosine: float, share: float | None, conflict: bool) -> float:
        """One score for "same event": topical similarity (terms and embedding), moved up or down by how
        many of the participants are shared, and down when the discriminating details conflict. Two
        same-kind events score high on topic and low on participants; a short paraphrase (few terms, no
        capitals) leans on its embedding."""
        s = self.settings
        evidence = sim + s.cosine_weight * cosine - (s.year_penalty if conflict else 0.0)
        if share is not None:
            evidence += s.name_weight * (share - s.name_share) - (s.name_penalty if share < s.name_share else 0.0)
        return evidence

    def _new_story(self, f: Features) -> int:
        index = len(self.stories)
        self.stories.append(Story(id=f"s{index + 1:06d}"))
        self._centroid.append(np.zeros_like(f.vector))
        self._profile.append({})
        self._norm.append(0.0)
        self._years.append(Counter())
        self._names.append(Counter())
        self._slots.append(Counter())
        self._slot_kinds.append(Counter())
        self._parent.append(index)
        self._cnorm.append(-1.0)
        self._norm_since.append(self.n_docs)
        if f.time is None:
            self._untimed.add(index)
        return index

    def _assign(self, f: Features, top: _Top | None = None) -> int:
        """``top``: the article's top terms worked out with its batch's (``_count_batch``)."""
        if top is None:
            vec = self._top_terms(f.terms)
            terms = f.terms
            top = _Top(vec, {t: terms[t] for t in vec}, [], [t for t in vec if self.df[t] <= self._limit()], [])
            self._keyed = None
        else:
            vec = top.vec
            self._keyed = (vec, top.keyed, top.rarest)  # (``_lookup`` and ``_rarest`` of this very vector)
        norm = _norm(vec)
        minhash = self._probe  # the LSH reads only its values: one object serves every article
        minhash.hashvalues = f.minhash
        self._report = Report.of(
            vec, f.names, f.lead, self._idf_cache.__getitem__, f.details, top.ranked, learned_names(self, f, top),
            f.opening, f.lower,
        )
        found = self._candidates(f, vec, norm, minhash)
        if found is None:
            index = self._new_story(f)
            story = self.stories[index]
        else:
            index, link = found
            story = self.stories[index]
            story.links.append(link)
        story.members.append(f.id)
        self.story_of[f.id] = index
        self._linkage.remember(f.id, self._report, story.members, self.settings.link_members)
        self._pool(index, f, top)
        row = len(self._row)
        if row >= len(self._minhashes):
            self._minhashes = np.concatenate([self._minhashes, np.zeros_like(self._minhashes)])
        self._minhashes[row] = f.minhash
        self._row[f.id] = row
        self._lsh_insert(f.id, minhash)
        if f.time is not None:
            heapq.heappush(self._lsh_times, (f.time, f.id))
        return index

    def _pool(self, index: int, f: Features, top: _Top, post: bool = True) -> None:
        """Story ``index`` takes in the article's features: its times, centroid, counters, term profile and
        (``post``) the posting lists of the article's posted terms (also ``storycheck.split``'s rebuild)."""
        story = self.stories[index]
        if f.time is not None:
            story.first = f.time if story.first is None else min(story.first, f.time)
            story.last = f.time if story.last is None else max(story.last, f.time)
            self._active.add(index)  # (a story opened by an article without a time may get one)
        self._centroid[index] += f.vector
        self._cnorm[index] = -1.0
        # (``Counter.update`` of an iterable, without its Python-level checks)
        _count_elements(self._years[index], f.years)
        _count_elements(self._names[index], f.names)
        _count_elements(self._slots[index], f.lead)
        _count_elements(self._slot_kinds[index], {slot[0] for slot in f.lead})
        self._add_profile(index, top.raw)
        if not post:
            return
        cap = self.settings.posting_cap
        postings_of, roots_of, dead = self._postings, self._roots, self._dead
        for term in top.posted:  # (the top terms in at most ``_limit()`` articles)
            postings = postings_of.setdefault(term, [])
            if index in postings[-8:]:
                continue
            postings.append(index)
            if len(postings) > cap + cap // 2:
                del postings[: len(postings) - cap]
                roots_of.pop(term, None)
            elif (roots := roots_of.get(term)) is not None:
                # the kept set gains the story as a set rebuilt from the longer list would (the same adds
                # in the same order), unless the story is retired (that set would be cleaned, not kept)
                if index in dead:
                    del roots_of[term]
                else:
                    roots.add(index)

    def _band_keys(self, hashvalues: np.ndarray) -> list[bytes] | None:
        """The LSH's bucket key of each band, as ``MinHashLSH`` makes them (each band's values byte-swapped),
        cut from one byte string; kept for the article's insert after its query. None when the index
        hashes or pickles its keys (then its own methods run)."""
        if self._bands_of is hashvalues:
            return self._bands
        lsh = self.lsh
        if lsh.prepickle or lsh.hashfunc is not None or not hasattr(lsh, "hashranges"):
            return None
        raw, size = hashvalues.byteswap().tobytes(), hashvalues.itemsize
        self._bands_of, self._bands = hashvalues, [raw[a * size : b * size] for a, b in lsh.hashranges]
        return self._bands

    def _lsh_query(self, minhash: MinHash) -> Iterable[str]:
        """``self.lsh.query(minhash)`` (as a set), band keys computed once for the query and the insert."""
        keys = self._band_keys(minhash.hashvalues)
        if keys is None:
            return self.lsh.query(minhash)
        found: set[str] = set()
        dicts = self._lsh_dicts()
        if dicts is not None:  # the buckets themselves: no storage method call and no empty set per band
            for key, table in zip(keys, dicts[1], strict=True):
                bucket = table.get(key)
                if bucket:
                    found.update(bucket)
            return found
        for key, table in zip(keys, self.lsh.hashtables, strict=True):
            found.update(table.get(key))
        return found

    def _lsh_insert(self, doc: str, minhash: MinHash) -> None:
        """``self.lsh.insert(doc, minhash, check_duplication=False)`` with the query's band keys."""
        keys = self._band_keys(minhash.hashvalues)
        lsh = self.lsh
        if keys is None or getattr(lsh, "_minhash_scheme", None) is None:  # (the first insert learns the scheme)
            lsh.insert(doc, minhash, check_duplication=False)
            return
        dicts = self._lsh_dicts()
        if dicts is not None:  # what the storages' ``insert`` do, on their dicts
            dicts[0][doc].extend(keys)
            for key, table in zip(keys, dicts[1], strict=True):
                table[key].add(doc)
            return
        lsh.keys.insert(doc, *keys)
        for key, table in zip(keys, lsh.hashtables, strict=True):
            table.insert(key, doc)

    def _lsh_remove(self, doc: str) -> None:
        """``self.lsh.remove(doc)``: the article leaves its buckets (an emptied bucket is dropped)."""
        dicts = self._lsh_dicts()
        if dicts is None:
            self.lsh.remove(doc)
            return
        for key, table in zip(dicts[0].pop(doc), dicts[1], strict=True):
            bucket = table[key]
            bucket.remove(doc)
            if not bucket:
                del table[key]

    def _lsh_dicts(self) -> tuple[dict[str, list[bytes]], list[dict[bytes, set[str]]]] | None:
        """The dicts behind the LSH index's in-memory storages (article -> its band keys; per band, key ->
        articles), or None when it has other storages (then their methods run)."""
        dicts = self.__dict__.get("_lsh_direct", False)
        if dicts is False:
            storage = _datasketch().storage
            DictListStorage, DictSetStorage = storage.DictListStorage, storage.DictSetStorage  # noqa: N806

            lsh = self.lsh
            dicts = None
            if type(lsh.keys) is DictListStorage and all(type(t) is DictSetStorage for t in lsh.hashtables):
                dicts = (lsh.keys._dict, [t._dict for t in lsh.hashtables])
            self._lsh_direct = dicts
        return dicts

    def _add_profile(self, index: int, terms: dict[str, float]) -> None:
        profile, idf = self._profile[index], self._idf_cache
        norm2 = self._norm[index] ** 2
        for t, w in terms.items():
            old = profile.get(t, 0.0)
            new = old + w
            profile[t] = new
            i = idf[t]
            norm2 += (new * new - old * old) * i * i
        cap = self.settings.profile_cap
        if len(profile) > cap:  # prune to the strongest terms; recompute the norm with today's IDF
            # (the sort keys as tuples made in one comprehension, compared in C: no key function called per
            # term; the keys are those of ``key=lambda x: (-x[1] * idf[x[0]], x[0])``, all distinct: one order)
            ranked = sorted([(-w * idf[t], t) for t, w in profile.items()])[: cap // 2]
            kept = [(t, profile[t]) for _, t in ranked]
            profile.clear()
            profile.update(kept)
            norm2 = sum([(w * idf[t]) ** 2 for t, w in kept])
            self._norm_since[index] = self.n_docs
        self._norm[index] = math.sqrt(max(norm2, 0.0))

    def _lookup(self, vec: dict[str, float], exclude: int = -1) -> list[tuple[int, float]]:
        """Stories that share the article's rarest terms, scored by the IDF of what they share, best first
        (ties in the order they were met, as ``Counter.most_common``). Retired stories are dropped from the
        posting lists as they are met."""
        keyed = self._keys(vec)
        score: dict[int, float] = {}
        get = score.get
        idf = self._idf_cache
        left = self.settings.query_terms
        # a term's set of stories is kept between the lookups of a batch (``_term_roots``); never changed here
        # (the merge pass's own story is passed over, not taken out)
        cache = self._roots
        for term in keyed:
            roots = cache.get(term)
            if roots is None:
                roots = self._term_roots(term)
            weight = idf[term]
            if exclude in roots:  # (the merge pass: ``exclude`` >= 0)
                if len(roots) == 1:
                    continue  # only the story itself has it: take the next term
                for idx in roots:
                    if idx != exclude:
                        score[idx] = get(idx, 0) + weight
            elif not roots and exclude >= 0:
                continue
            else:
                for idx in roots:
                    score[idx] = get(idx, 0) + weight
            left -= 1
            if not left:
                break
        return sorted(score.items(), key=itemgetter(1), reverse=True)

    def _keys(self, vec: dict[str, float]) -> list[str]:
        """The terms ``_lookup`` looks up, in its order: a term only one article has finds no other story (it
        would take the place of one that can); rarest first, ties by term."""
        pre = self.__dict__.get("_keyed")
        if pre is not None and pre[0] is vec:
            return pre[1]  # (worked out for the article's batch: ``_count_batch``)
        limit = self._limit()
        df = self.df
        return list(map(itemgetter(1), sorted([(d, t) for t in vec if 1 < (d := df[t]) <= limit])))

    def _term_roots(self, term: str) -> set[int]:
        """The live stories of a term's posting list, as a set kept (in ``_roots``) for the next look-ups of
        the batch: the very set built from the posting list (its order is the order stories are met), dropped
        when the list, the merges or the retired stories change. Retired stories leave the list here."""
        plist = self._postings.get(term)
        roots = set(plist) if plist else set()  # (built as the set comprehension below would be)
        if roots and not roots.isdisjoint(self._merged):
            parent, root = self._parent, self._root
            # (``root(i)``'s value; a call only past two steps: its path compression leaves most merged stories
            # one step from their root, and ~40% of a long list's entries are merged stories at 200k)
            roots = {i if (p := parent[i]) == i else p if parent[p] == p else root(i) for i in plist}
        dead = self._dead
        if roots and not roots.isdisjoint(dead):
            root = self._root
            plist[:] = [i for i in plist if root(i) not in dead]  # type: ignore[index]
            roots -= dead  # (not kept: a set built from the shortened list may meet them in another order)
        else:
            self._roots[term] = roots
        return roots

    def _walk_keys(self, vec: dict[str, float]) -> None:
        """What an article's ``_lookup`` leaves behind (the sets it keeps, the retired stories it takes out of
        posting lists) without scoring a story: a look-up skipped must not change what a later one meets
        (a set built from a shortened list may list its stories in another order, and ties keep that order)."""
        keyed, left = self._keys(vec), self.settings.query_terms
        cache, postings = self._roots, self._postings
        doomed = self._doomed if self._doomed is not None else self._doomed_now()
        for term in keyed[:left] if left > 0 else keyed:  # (``_lookup`` stops after ``query_terms`` terms)
            if term not in cache:
                plist = postings.get(term)
                if plist and not doomed.isdisjoint(plist):
                    self._term_roots(term)  # (it takes the retired stories out of the list)

    def _doomed_now(self) -> set[int]:
        """The stories of a posting list that ``_term_roots`` would take out now: the retired ones and those
        merged into one (kept for the batch's assignment, when neither the merges nor the retired change).
        Why: an article's skipped look-up (``_walk_keys``, 9 in 10) needs only that cleaning; the sets it
        kept are what a later look-up builds again the same, so the terms whose lists hold no such story are
        passed over, not mapped to their roots (~19k sets a batch at 200k, ~14 entries a list)."""
        parent, dead = self._parent, self._dead
        doomed = set(dead)
        for i in self._merged:
            r = parent[i]
            while parent[r] != r:  # (``_root`` without its path compression: nothing is changed here)
                r = parent[r]
            if r in dead:
                doomed.add(i)
        self._doomed = doomed
        return doomed

    def _same_event_cap(self) -> float:
        """A bound of the term cosine (``_similarity``) of anything with any story a look-up can meet while
        this batch is assigned, computed once per batch. Most articles have a near-duplicate, ranked
        2 + term cosine + 0.5 × embedding cosine (``_candidates``); a same-event candidate ranks its term
        cosine + 0.5 × its embedding cosine, so when the near-duplicate's rank is above this cap + 0.5 × the
        norm of the article's vector, no look-up candidate can win and the look-up's scoring is skipped (the
        stories are the same; bench_scale's 50k corpus: 9 look-ups in 10).
        Why it bounds: the term cosine is at most S / N (``_term_bound``), S the profile's norm with today's
        IDF, N its norm as kept, summed with the IDF of each batch since ``_norm_since`` (articles counted
        then: n0). A term's IDF, log((n + 1) / (df + 1)) + 1, is at least 1 and grows by at most
        log((n + 1) / (n0 + 1)) from then to now (df never falls), so S / N <= 1 + log((n + 1) / (n0 + 1)),
        for each story a look-up can meet (not retired; the stories opened in this batch start now: 1). An
        index holding more than ``UNTIMED_BOUNDED`` stories without a time (they never retire) makes none
        (infinite: nothing is skipped), so the cost per batch stays bounded on an untimed stream. A story
        summed long ago (one that kept getting reports) takes the tighter ``_term_bound`` instead, which holds
        for the whole batch too, and is the one ``_candidates`` reads for it. Widened far beyond rounding."""
        if len(self._untimed) > UNTIMED_BOUNDED:
            return math.inf  # (no skip: the look-ups score as without it, the same stories)
        n1, since = self.n_docs + 1, self._norm_since
        cap = 1.0
        for i in chain(self._active, self._untimed):  # (the largest: the order does not matter)
            bound = 1.0 + math.log(n1 / (since[i] + 1))
            if bound > SUMMED_LONG_AGO:
                bound = min(bound, self._term_bound(i))
            cap = max(cap, bound)
        return cap * (1.0 + 1e-6) + 1e-6

    def _candidates(
        self, f: Features, vec: dict[str, float], norm: float, minhash: MinHash
    ) -> tuple[int, Link] | None:
        """The story the article joins (best candidate that passes), or None: it opens a story."""
        s = self.settings
        stories, time = self.stories, f.time
        slack = None if s.window_hours is None or time is None else s.window_hours * 3600.0

        def in_window(idx: int) -> bool:  # story in the time window of this article (``_in_window``, inlined)
            if slack is None:
                return True
            story = stories[idx]
            first, last = story.first, story.last
            return first is None or last is None or first - slack <= time <= last + slack

        bonus = self._most_bonus
        # 1. near-duplicates (LSH on shingles), in a story of the time window; Jaccard estimates at once
        near: dict[int, tuple[float, str]] = {}
        hits = sorted(self._lsh_query(minhash))  # a set: its order would follow PYTHONHASHSEED
        if hits:
            story_of, root = self.story_of, self._root
            pairs = [(other, idx) for other in hits if in_window(idx := root(story_of[other]))]
            if pairs:
                rows = [self._row[other] for other, _ in pairs]
                # (equal values per row, counted: ``take`` and ``sum`` cost a third of ``count_nonzero(axis=1)``)
                equal = (self._minhashes.take(rows, 0) == f.minhash).sum(1).tolist()
                perm = s.num_perm
                for (other, idx), count in zip(pairs, equal, strict=True):
                    jac = count / perm
                    if jac >= s.near_duplicate and (idx not in near or jac > near[idx][0]):
                        near[idx] = (jac, other)
        # the best so far: (rank, story, reason, near-duplicate Jaccard and member, cosine, sim, shared); the
        # Link (and the member closest to the article) is made for the winner only
        best: tuple[float, int, str, tuple[float, str] | None, float, float, list[str]] | None = None
        linked: list[tuple[float, int, float, float, list[str]]] = []  # same-event candidates awaiting linkage
        vector = f.vector
        for idx in sorted(near):  # near-duplicates first: what they rank spares the others' evidence
            sim, shared = self._similarity(vec, norm, idx)
            cosine = self._cosine_to(idx, vector)
            rank = 2.0 + sim + 0.5 * cosine
            if best is None or rank > best[0]:
                best = (rank, idx, "near_duplicate", near[idx], cosine, sim, shared)
        # 2. the stories of the time window that share the most rare terms, unless none of them could outrank
        # the near-duplicate (``_same_event_cap``; the embedding cosine is at most the vector's norm)
        ranked: list[int] = []
        looked: list[tuple[int, float]] = []  # (kept for ``_miss``: the stories met outside the window)
        if best is not None and best[0] > self._cap + 0.5 * float(np.sqrt(vector.dot(vector))) * (1.0 + 1e-3):
            self._walk_keys(vec)
        else:
            looked = self._lookup(vec)
            for idx, _ in looked:
                if len(ranked) == s.candidates:
                    break
                if in_window(idx):
                    ranked.append(idx)
        candidates = set(near) | set(ranked)
        for idx in sorted(candidates.difference(near)):
            cosine = self._cosine_to(idx, vector)
            if cosine < s.join_cosine:
                continue
            if best is not None and self._term_bound(idx) + 0.5 * cosine < best[0] - 1e-9:
                continue  # it could not win (see below) whatever its term cosine: spared computing it
            sim, shared = self._similarity(vec, norm, idx)
            if sim < s.join_similarity:
                continue
            rank = sim + 0.5 * cosine
            if best is not None and (rank, -idx) < (best[0], -best[1]):
                continue  # it could not win (ties go to the lower story, as in one pass over all in order)
            if sim + s.cosine_weight * cosine + bonus < s.join_score:
                continue  # no names could lift it: skip the name and slot look-ups
            evidence = self._join_evidence(f, idx, sim, cosine)
            if evidence < s.join_score:
                continue
            linked.append((-rank, idx, sim, cosine, shared))  # the linkage test: below
        # the average-linkage test (the costly one) only for what could still win, best first: the first
        # that passes is the candidate the loop above would have kept (highest rank, then lowest index)
        for nrank, idx, sim, cosine, shared in sorted(linked, key=itemgetter(0, 1)):
            if best is not None and (-nrank, -idx) < (best[0], -best[1]):
                break
            if self._links_to(idx):
                best = (-nrank, idx, "same_event", None, cosine, sim, shared)
                break
        if best is not None and best[2] == "same_event" and s.relink_margin is not None and self._report is not None:
            best = self._relink(f, vec, norm, best, sorted(candidates))
        if best is not None and f.lower and best[2] != "near_duplicate" and self._unsure(f, best[1], candidates):
            self._misses[f.id] = self._arrival_miss(f, best, candidates)
            return None
        if best is None:
            if s.rescue_score is not None and self._report is not None:
                rescued = self._rescue(f, vec, norm, sorted(candidates))
                if rescued is not None:
                    return rescued
            self._misses[f.id] = self._miss(f, vec, norm, sorted(candidates), hits, looked)
            return None
        _, idx, reason, dup, cosine, sim, shared = best
        jac, to = dup if dup is not None else self._closest(idx, f.minhash)[::-1]
        return idx, Link(f.id, to, reason, round(jac, 3), round(cosine, 3), round(sim, 3), self._rarest(shared))

    def _unsure(self, f: Features, chosen: int, candidates: Iterable[int]) -> bool:
        """A join on arrival to leave to the later stages: a lower-cased text (a one-sentence summary) joining
        a story of at most ``arrival_members`` articles, whose mean pair score there leads no other candidate
        (those a rescue could take) by ``arrival_margin``. Why: such a text shares a few common words with many
        stories, and a small story of another article took it on those and held it for good (its own article,
        coming later, then often followed it there); a wrong join of a summary leads its second candidate by
        less than 0.1 four times as often as a right one (FRANK, session 18). Refused, it opens a story of its
        own: its article joins that, or the merge pass, regroup and attach place it once more is known. A text
        with one candidate, or a cased one, or a near-duplicate, joins as before. Traced on FRANK (all articles,
        8 stream orders, ``scripts/trace_arrival.py``): of the joins it refuses, right ones outnumber wrong ones
        4 to 1 (589 to 135), and nearly all of the right ones end with their own article anyway; the means
        over 8 orders rose on FRANK ``valid`` 0.9207 -> 0.9220 (docs/history.md, issue 4)."""
        s = self.settings
        if (
            s.arrival_margin is None
            or not f.lower
            or len(self.stories[chosen].members) > s.arrival_members
            or self._report is None
        ):
            return False
        mine = self._mean_to(chosen)
        if mine is None or not math.isfinite(mine):
            return False  # (no evidence either way: the rules decide, as the linkage test lets them)
        for i in sorted(candidates):  # (a set: its order would follow PYTHONHASHSEED)
            if i == chosen or self._cosine_to(i, f.vector) < s.join_cosine or self._years_conflict(f.years, i):
                continue
            other = self._mean_to(i)
            # the lead as ``refine.pick`` (the rescue, the regroup, the attach) measures it, so the two agree on
            # the same scores (``other > mine - margin`` rounds otherwise near the margin: 0.41 over 0.26 joined)
            if other is not None and math.isfinite(other) and mine - other < s.arrival_margin:
                return True
        return False

    def _miss(
        self, f: Features, vec: dict[str, float], norm: float, candidates: list[int], hits: list[str],
        looked: list[tuple[int, float]],
    ) -> tuple:
        """Why no candidate took the article (it opens a story), as numbers (``why_not`` words them): the
        candidate ranked first as the join ranks them (term cosine + 0.5 × embedding cosine, ties to the lower
        story) and the first of the join's tests it fails, in their order; with no candidate, the nearest story
        met outside the publication-time window, if any. Only for an article that opens a story (the join's own
        loop is not slowed); it reads what the join read and changes nothing (the linkage memo is the
        article's own, the cohesion cache only spares work)."""
        s = self.settings
        if not candidates:
            root, story_of, in_window = self._root, self.story_of, self._in_window
            met = dict.fromkeys(chain((root(story_of[o]) for o in hits), (i for i, _ in looked)))
            outside = list(islice((i for i in met if not in_window(i, f.time)), s.candidates))
            if not outside:
                return _NO_CANDIDATE
            idx, cosine, sim, shared = self._nearest(f, vec, norm, outside)
            story, time = self.stories[idx], f.time
            hours = ((story.first - time) if time < story.first else (time - story.last)) / 3600.0  # type: ignore[operator]
            near = self._near(idx)
            return ("window", near, cosine, sim, None, None, hours, self._rarest(shared), None)
        idx, cosine, sim, shared = self._nearest(f, vec, norm, candidates)
        near = self._near(idx)
        evidence = self._join_evidence(f, idx, sim, cosine)
        mean, cohesion = self._mean_parts(idx)
        if cosine < s.join_cosine:
            reason = "embedding"
        elif sim < s.join_similarity:
            reason = "term_cosine"
        elif evidence < s.join_score:
            reason = "join_score"
        elif cohesion is not None:
            reason = "misfit"
        else:  # (what is left: its mean is below link_score, or the candidate would have been taken)
            reason = "linkage"
        return (reason, near, cosine, sim, evidence, mean, cohesion, self._rarest(shared), None)

    def _nearest(
        self, f: Features, vec: dict[str, float], norm: float, stories: list[int]
    ) -> tuple[int, float, float, list[str]]:
        """The story the join would rank first (term cosine + 0.5 × embedding cosine; ties: the lower story),
        with its embedding cosine, term cosine and shared terms."""
        best: tuple | None = None
        for idx in stories:
            cosine = self._cosine_to(idx, f.vector)
            sim, shared = self._similarity(vec, norm, idx)
            if best is None or (sim + 0.5 * cosine, -idx) > (best[0], -best[1]):
                best = (sim + 0.5 * cosine, idx, cosine, sim, shared)
        return best[1:]  # type: ignore[index, return-value]

    def _mean_parts(self, idx: int) -> tuple[float | None, float | None]:
        """The article's mean pair score with story ``idx``'s latest reports as the pair scores give it (the
        misfit test's lowering undone), and the story's cohesion when that test lowered it (else None)."""
        if self._report is None:
            return None, None
        got = self._mean_to(idx)
        floor = self._linkage.misfit[0]
        if got is None or floor is None or got >= floor - MISFIT:
            return got, None  # (a misfit's mean is below misfit_score - MISFIT: any other is the mean itself)
        link, cap, members = self._linkage, self.settings.link_members, self.stories[idx].members
        others = [link.reports[m] for m in members[-cap:] if m in link.reports]
        raw = sum(pair_scores(self._report, others, link.detail_penalty)) / len(others)
        return (raw, link.cohesion(members, cap)) if got < raw - MISFIT / 2 else (raw, None)

    def _arrival_miss(self, f: Features, best: tuple, candidates: Iterable[int]) -> tuple:
        """Why ``_unsure`` refused the join to ``best``'s story (as ``_miss``): the article's mean there and the
        best mean among the other candidates a rescue could take (the rival), which came within the margin."""
        s = self.settings
        _, idx, _, _, cosine, sim, shared = best
        near = self._near(idx)
        evidence = self._join_evidence(f, idx, sim, cosine)
        mine = self._mean_to(idx)
        rival, second = None, None
        for i in sorted(candidates):
            if i == idx or self._cosine_to(i, f.vector) < s.join_cosine or self._years_conflict(f.years, i):
                continue
            other = self._mean_to(i)
            if other is not None and math.isfinite(other) and (second is None or other > second):
                rival, second = i, other
        rival_member = None if rival is None else self.stories[rival].members[0]
        return ("arrival", near, cosine, sim, evidence, mine, second, self._rarest(shared), rival_member)

    def _term_bound(self, idx: int) -> float:
        """An upper bound of the term cosine (``_similarity``) of any article with story ``idx`` in this batch.
        Cauchy-Schwarz bounds the dot product by the article's norm times S, the norm of the profile weighted
        with today's IDF; the cosine divides by the profile's norm N as kept (summed with the IDF of the
        batch each term came in), so S / N bounds it (widened far beyond rounding). Most articles have a
        near-duplicate, whose rank (2 + ...) a same-event candidate reaches only with a term cosine above
        1.5: with this bound, those candidates are passed over without their cosine.
        S is summed once per story and batch: within a batch the profile changes only in ``_add_profile``,
        which moves N² by what it moves S² (the same, today's, IDF), or prunes and sets N = S; so
        S² <= max(S0² + N² - N0², N²) with S0, N0 those of the sum."""
        kept = self._norm[idx]
        profile = self._profile[idx]
        if not kept or not profile:
            return 0.0  # (the cosine is 0.0)
        cache = self.__dict__.get("_bounds")
        if cache is None or cache[0] != self.n_docs:
            cache = self._bounds = (self.n_docs, {})
        found = cache[1].get(idx)
        if found is None:
            idf = self._idf_cache
            missing = list(filterfalse(idf.__contains__, profile))
            if missing:
                idf.fill(missing)
            weights = list(map(mul, profile.values(), map(idf.__getitem__, profile)))
            found = cache[1][idx] = (sum(map(mul, weights, weights)), kept * kept)
        s0, n0 = found
        return math.sqrt(max(s0 + kept * kept - n0, kept * kept)) / kept * (1.0 + 1e-9) + 1e-12

    def _rescue(self, f: Features, vec: dict[str, float], norm: float, candidates: list[int]) -> tuple[int, Link] | None:
        """The candidate story the article links to best (mean pair score with its latest reports), when
        it is clearly the one: what the pooled evidence missed (a short report, few shared terms)."""
        s = self.settings
        scored = [
            (self._mean_to(i), i)
            for i in candidates
            if not self._years_conflict(f.years, i)  # a rescue never overrides conflicting details
            and self._cosine_to(i, f.vector) >= s.join_cosine
        ]
        idx = pick(scored, s.rescue_score, s.rescue_margin)
        if idx is None:
            return None
        sim, shared = self._similarity(vec, norm, idx)
        cosine = self._cosine_to(idx, f.vector)
        to, jac = self._closest(idx, f.minhash)
        return idx, Link(f.id, to, "linkage", round(jac, 3), round(cosine, 3), round(sim, 3), self._rarest(shared))

    def _relink(self, f: Features, vec: dict[str, float], norm: float, best: tuple, candidates: list[int]) -> tuple:  # noqa: ANN001
        """``best`` (a same-event join), or the candidate the article links to clearly better on average
        (``refine.relink``) among those a rescue could take (embedding cosine, no conflicting years). A story
        the article links to with a mean of ``RELINK_SURE`` or more stays, the others unscored (half the cost)."""
        s = self.settings
        chosen = best[1]
        mine = self._mean_to(chosen)
        if mine is None or mine >= RELINK_SURE:
            return best
        scored = [
            (mine if i == chosen else self._mean_to(i), i)
            for i in candidates
            if i == chosen or (self._cosine_to(i, f.vector) >= s.join_cosine and not self._years_conflict(f.years, i))
        ]
        idx = relink(scored, chosen, s.relink_margin)
        if idx is None:
            return best
        sim, shared = self._similarity(vec, norm, idx)
        return (best[0], idx, "linkage", None, self._cosine_to(idx, f.vector), sim, shared)

    def _merge_pass(self, touched: list[int]) -> None:
        """Stories touched by this batch merged with a story the same rules would join them to (the stream
        had opened them apart: a summary before its article). Only those stories are looked at."""
        s = self.settings
        for idx in touched:
            idx = self._root(idx)
            if self.stories[idx].merged_into is not None or not self._profile[idx]:
                continue
            idf = self._idf_cache
            # the look-up reads only the profile's terms, in its order (those of the weighted vector): the
            # vector is weighted when a candidate passes the embedding test (most stories meet none)
            vec: dict[str, float] | None = None
            for other in self._merge_candidates(idx, self._profile[idx]):
                if other == idx or not self._overlaps(idx, other):
                    continue
                cosine = self._story_cosine(idx, other)
                if cosine < s.merge_cosine:
                    continue  # (tested before the term cosine, which costs a pass over the profile)
                if vec is None:
                    vec, norm = _weighted(self._profile[idx], idf)
                sim, shared = self._similarity(vec, norm, other)
                if sim < s.merge_similarity or sim + s.cosine_weight * cosine + self._most_bonus < s.merge_score:
                    continue
                evidence = self._evidence(
                    sim, cosine, self._name_share(self._names[idx], other),
                    self._years_conflict(self._years[idx], other),
                ) + self._slot_evidence(self._core_slots(idx), other)
                if evidence < s.merge_score or not self._links_between(idx, other) or self._subjects_apart(idx, other):
                    continue
                into, source = min(idx, other), max(idx, other)
                self._merge(into, source, round(cosine, 3), round(sim, 3), self._rarest(shared))
                idx = into
                vec = None  # (weighted again when needed: the profile has changed)

    def _merge_candidates(self, idx: int, vec: dict[str, float]) -> list[int]:
        """The first ``candidates`` stories the look-up leads story ``idx``'s profile to that overlap it in time:
        what the merge pass and the regroup compare a story with. ``vec``: the profile, weighted or not (the
        look-up reads its terms only, in their order)."""
        found = self._lookup(vec, exclude=idx)
        return list(islice((o for o, _ in found if o != idx and self._overlaps(idx, o)), self.settings.candidates))

    def _story_cosine(self, a: int, b: int) -> float:
        """Embedding cosine between two stories' centroids (0.0 when either has none)."""
        return float(self._centroid[a].dot(self._centroid[b])) / (
            (self._centroid_norm(a) or 1.0) * (self._centroid_norm(b) or 1.0)
        )

    def _cosine_to(self, idx: int, vector: np.ndarray) -> float:
        """Embedding cosine between a vector and story ``idx``'s centroid."""
        cnorm = self._centroid_norm(idx)
        return float(self._centroid[idx].dot(vector)) / cnorm if cnorm else 0.0  # (the same BLAS dot as ``@``)

    def _rarest(self, shared: list[str]) -> list[str]:
        """The eight rarest shared terms a link names (by IDF, ties by term)."""
        pre = self.__dict__.get("_keyed")
        if pre is not None and (within := set(shared)) <= pre[0].keys():  # the article's terms, ordered already
            return list(islice(filter(within.__contains__, pre[2]), 8))
        idf = self._idf_cache
        # (pairs sorted in C, no key function called per term; terms are unique, so the order is the same)
        return [t for _, t in sorted([(-idf[t], t) for t in shared])[:8]]

    def _links_to(self, idx: int) -> bool:
        """The article being assigned agrees, on average, with story ``idx``'s latest reports."""
        s = self.settings
        if s.link_score is None or self._report is None:
            return True
        mean = self._mean_to(idx)
        return mean is None or mean >= s.link_score  # (no reports to test: the pooled evidence decides)

    def _mean_to(self, idx: int) -> float | None:
        """The mean pair score of the article being assigned with story ``idx``'s latest reports, worked out
        once per article and story: the linkage test, the relink and the rescue ask again for the same
        stories. The memo holds the report it is for and is emptied for another one: no story changes while
        one article is placed (merges and regroups run after its batch)."""
        memo = self.__dict__.get("_means")
        if memo is None or memo[0] is not self._report:
            memo = self._means = (self._report, {})
        means = memo[1]
        if idx not in means:
            means[idx] = self._linkage.mean_to(self._report, self.stories[idx].members, self.settings.link_members)
        return means[idx]

    def _links_between(self, a: int, b: int) -> bool:
        s = self.settings
        if s.link_merge is None:
            return True
        ma, mb = self.stories[a].members, self.stories[b].members
        mean = self._linkage.mean_between(ma, mb, s.link_members)
        return mean is None or mean >= s.link_merge

    def _subjects_apart(self, a: int, b: int) -> bool:
        """Stories ``a`` and ``b`` (each of ``actors.SUBJECT_MEMBERS`` articles or more) are about two actors:
        the principal subjects of one story's latest leads are hardly mentioned by the other's latest reports
        (``storycheck.actors.apart``). Each lead is parsed once, and only here: when every other test would
        merge the two. A refusal is kept for ``why_apart``."""
        share = self.settings.subject_share
        sa, sb = self.stories[a], self.stories[b]
        if share is None or min(len(sa.members), len(sb.members)) < SUBJECT_MEMBERS:
            return False
        reports = self._linkage.reports
        sides = [
            [(m, reports[m]) for m in story.members[-SUBJECT_REPORTS:] if m in reports and reports[m].opening]
            for story in (sa, sb)
        ]
        if not sides[0] or not sides[1]:
            return False  # (a side of lower-cased texts: its leads' subjects are not read)
        says = [[_says(r) for _, r in side] for side in sides]
        if not may_be_apart([r.opening for _, r in sides[0]], [r.opening for _, r in sides[1]], *says, share):
            return False  # (no word that could be a principal subject is hardly mentioned across: no parse)
        cache: dict[str, frozenset[str]] = self.__dict__.setdefault("_lead_subjects", {})
        todo = [(m, r.opening) for side in sides for m, r in side if m not in cache]
        if todo:
            if len(cache) > 4 * len(reports) + 4096:  # (bounded: only the reports kept can be asked for)
                for m in [m for m in cache if m not in reports]:
                    del cache[m]
            cache.update(zip([m for m, _ in todo], lead_subjects([o for _, o in todo]), strict=True))
        found = apart([cache[m] for m, _ in sides[0]], [cache[m] for m, _ in sides[1]], *says, share)
        if found is None:
            return False
        self.__dict__.setdefault("_apart", {})[(sa.id, sb.id)] = found
        return True

    def why_apart(self, a: str, b: str) -> str | None:
        """Why the stories of articles ``a`` and ``b`` were kept from merging, when a merge between stories they
        are in now was refused for their actors ("refused: subjects jackson / williams": ``a``'s story's first,
        whichever story the refused merge was tried from); None otherwise."""
        first, second = self.story(a).id, self.story(b).id
        if first == second:
            return None
        for (x, y), (mine, theirs) in self.__dict__.get("_apart", {}).items():
            now = (self.live_id(x), self.live_id(y))
            if now in ((second, first), (first, second)):
                if now[0] == second:
                    mine, theirs = theirs, mine
                return f"refused: subjects {', '.join(mine)} / {', '.join(theirs)}"
        return None

    def live_id(self, story_id: str) -> str:
        """The id of the live story a story (perhaps merged since) is part of now: its own id unless it was merged
        (what a followed batch asks of the day before's stories)."""
        story = self.stories[int(story_id[1:]) - 1]
        while story.merged_into is not None:
            story = self.stories[int(story.merged_into[1:]) - 1]
        return story.id

    def _overlaps(self, a: int, b: int) -> bool:
        sa, sb = self.stories[a], self.stories[b]
        window = self.settings.window_hours
        if window is None or sa.first is None or sb.first is None:
            return True
        slack = window * 3600.0
        return sa.first - slack <= sb.last and sb.first - slack <= sa.last  # type: ignore[operator]

    def _merge(
        self, into: int, other: int, cosine: float, sim: float, shared: list[str], reason: str = "merge"
    ) -> None:
        """Story ``other`` joins the older story ``into``; the link names the closest pair of members."""
        target, source = self.stories[into], self.stories[other]
        first = source.members[0]
        to, jac = self._closest(into, self._minhashes[self._row[first]])
        target.links.append(Link(first, to, reason, jac, cosine, sim, shared))
        target.links.extend(source.links)
        for doc in source.members:
            self.story_of[doc] = into
        target.members.extend(source.members)
        cap = self.settings.link_members  # the reports only the latest members keep: those just pushed out go
        self._linkage.forget(target.members[-(cap + len(source.members)) : -cap])
        if source.first is not None:
            target.first = source.first if target.first is None else min(target.first, source.first)
            target.last = source.last if target.last is None else max(target.last, source.last)  # type: ignore[type-var]
        self._centroid[into] += self._centroid[other]
        self._cnorm[into] = -1.0
        if target.last is not None:
            self._active.add(into)
        self._years[into].update(self._years[other])
        self._names[into].update(self._names[other])
        self._slots[into].update(self._slots[other])
        self._slot_kinds[into].update(self._slot_kinds[other])
        self._add_profile(into, self._profile[other])
        for term in self._profile[other]:
            postings = self._postings.get(term)
            if postings is not None and into not in postings[-8:]:
                postings.append(into)
        self._roots.clear()  # (the stories of ``other`` are now ``into``'s)
        source.members, source.links, source.merged_into = [], [], target.id
        self._parent[other] = into
        self._merged.add(other)
        self._centroid[other] = np.zeros(0, dtype=np.float32)
        self._profile[other] = {}
        self._years[other] = Counter()
        self._names[other] = Counter()
        self._slots[other] = Counter()
        self._slot_kinds[other] = Counter()
        self.merges.append((source.id, target.id))

    def _centroid_norm(self, idx: int) -> float:
        """Norm of story ``idx``'s centroid, kept until the story changes (it is met by many articles)."""
        norm = self._cnorm[idx]
        if norm < 0.0:
            centroid = self._centroid[idx]  # (what ``np.linalg.norm`` computes for a float vector, without its checks)
            norm = self._cnorm[idx] = float(np.sqrt(centroid.dot(centroid)))
        return norm

    def _retire(self, horizon: float) -> None:
        """Forget what is older than ``horizon`` (the earliest publication time of the incoming batch minus
        the window), so that a query costs what the stories of the window hold, not the corpus: the
        articles published before it leave the LSH index (a near-duplicate is looked for among the articles
        of the window), and the stories whose last article is before it are retired (no article of this
        batch is in their window; they leave the posting lists as they are met). An article that arrives
        later still but is older than the horizon, or has no time, is compared with what is left."""
        if horizon <= self._horizon:
            return
        self._horizon = horizon
        times = self._lsh_times
        while times and times[0][0] < horizon:
            self._lsh_remove(heapq.heappop(times)[1])
        for idx in sorted(self._active):
            story = self.stories[idx]
            if story.merged_into is not None:
                self._active.discard(idx)  # its articles went with the surviving story
            elif story.last is not None and story.last < horizon:
                self._active.discard(idx)
                self._dead.add(idx)

    def _root(self, idx: int) -> int:
        while self._parent[idx] != idx:
            self._parent[idx] = self._parent[self._parent[idx]]
            idx = self._parent[idx]
        return idx

    def _closest(self, idx: int, minhash: np.ndarray) -> tuple[str, float]:
        """The member (of the story's last ``_CLOSEST_AMONG``) with the highest estimated Jaccard: whom the link names."""
        return self._closest_of(self.stories[idx].members[-_CLOSEST_AMONG:], minhash)

    def _near(self, idx: int) -> tuple[str, ...]:
        """The members ``_closest`` would choose among now, kept by a miss (whom it names is worked out when asked for)."""
        return tuple(self.stories[idx].members[-_CLOSEST_AMONG:])

    def _join_evidence(self, f: Features, idx: int, sim: float, cosine: float) -> float:
        """The join's evidence for story ``idx``: term and embedding cosines, the name share, a years conflict and
        the lead slots (``join_score`` is its bar)."""
        return self._evidence(sim, cosine, self._name_share(f.names, idx), self._years_conflict(f.years, idx)) \
            + self._slot_evidence(f.lead, idx)

    def _closest_of(self, members: Sequence[str], minhash: np.ndarray) -> tuple[str, float]:
        """The one of ``members`` with the highest estimated Jaccard with ``minhash`` (the first of a tie)."""
        rows = [self._row[m] for m in members]
        equal = (self._minhashes.take(rows, 0) == minhash).sum(1)  # equal values per member (÷ num_perm: Jaccard)
        best = int(np.argmax(equal))
        return members[best], round(int(equal[best]) / self.settings.num_perm, 3)

    def _in_window(self, idx: int, time: float | None) -> bool:
        story = self.stories[idx]
        window = self.settings.window_hours
        if window is None or time is None or story.first is None or story.last is None:
            return True
        slack = window * 3600.0
        return story.first - slack <= time <= story.last + slack


_CLOSEST_AMONG = 64  # a link names the closest of a story's latest members (``_closest``)


def _says(r: Report) -> Callable[[str], bool]:
    """Whether report ``r`` mentions a (lower-cased) word: among its names, its top terms or in its lead."""
    lead = r.opening.lower()
    return lambda w: w in r.names or w in r.vec or w in r.more or w in lead


def _fig(value: float | None) -> str:
    """A figure in ``Miss.says`` (None: the side had no reports to score)."""
    return "n/a" if value is None else f"{value:.3f}"


# ``StoryIndex._miss``: no candidate and no story met outside the window
_NO_CANDIDATE = ("no_candidate", None, None, None, None, None, None, (), None)
# ``StoryIndex._same_event_cap``: a story whose IDF-drift bound is above this has its term bound computed (most
# stories in the window were summed recently enough to stay below it)
SUMMED_LONG_AGO = 1.25
# ``StoryIndex._same_event_cap``: stories without a publication time never retire, so a bound over all of
# them, once per batch, would grow with the stream (quadratic over it); past this many, no bound is made
UNTIMED_BOUNDED = 4096


def _complete(settings: ClusterSettings) -> ClusterSettings:
    """Settings unpickled from an older version lack the fields added since: those take their defaults."""
    missing = [f.name for f in fields(ClusterSettings) if not hasattr(settings, f.name)]
    if not missing:
        return settings
    return ClusterSettings(**{f.name: getattr(settings, f.name) for f in fields(ClusterSettings) if f.name not in missing})


def cluster(
    documents: Iterable[Document], settings: ClusterSettings | None = None, embedder=None, workers: int = 0  # noqa: ANN001
) -> StoryIndex:
    """Cluster a corpus (streamed) into stories; the returned index can take more articles later.

    ``workers`` > 0 featurizes in that many worker processes (a stdlib process pool, started with
    ``spawn``: the tokenizer's threads do not survive a fork) while this process assigns; the stories are
    the same as with ``workers=0``. The workers are started before the index is built (they start while
    it imports datasketch); until they take the first parts, this process featurizes parts itself. The
    workers run at a lower priority (``_lower_priority``): the assignment here sets the pace."""
    if workers <= 0:
        index = StoryIndex(settings)
        index.add(documents, embedder)
        index.settle()
        return index
    if embedder is None:
        embedder = clustering_embedder()
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=multiprocessing.get_context("spawn"), initializer=_lower_priority
    ) as pool:
        # the workers start (a Python, numpy, the embedder's files: a few tenths of a second each) while this
        # process builds the index (datasketch: ~0.1 s, see ``_datasketch``); started after it, they began that late
        for _ in range(workers):
            pool.submit(_start_worker, embedder)
        index = StoryIndex(settings)
        index.add(documents, embedder, executor=pool)
    index.settle()
    return index


# what ``_lower_priority`` adds to a featurizing worker's niceness: at +5 (a third of the weight) two workers
# weigh less than the assigning process, so the scheduler leaves it a core of its own; more would starve the
# workers on a machine busy with other work (the assigning process then featurizes what they have not started)
WORKER_NICENESS = 5


def _lower_priority() -> None:
    """A featurizing worker yields the CPU to the assigning process. The assignment is sequential and sets
    the pace; the workers only need to stay ahead of it (and when they fall behind, the assigning process
    featurizes the parts they have not started). At equal priority, with as many busy processes as cores
    or more, the scheduler shares every core among the workers and the assigning process alike, and the
    assignment, slowed, slows the whole run. (Featurization is pure: the priority changes when work is
    done, never what is decided.)"""
    try:
        os.nice(WORKER_NICENESS)
    except OSError:  # pragma: no cover (a platform without it: the workers run at the caller's priority)
        pass


def _start_worker(embedder) -> None:  # noqa: ANN001
    """Nothing: a first task that starts a worker process, the embedder loaded as it is unpickled."""
    return None
