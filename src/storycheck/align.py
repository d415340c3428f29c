"""Per-story alignment: which sentence of one report says (about) the same thing as which of another.

Cost is what matters here: a story of N units must not cost N² comparisons. Candidates come from an
inverted index over content lemmas and shared mentions (entities linked across reports, figures,
dates), so a unit is only ever scored against units that share something rare with it; very common
keys are not expanded. Candidates are then scored by IDF-weighted overlap and, when an embedder is
loaded, by sentence-embedding cosine. Many-to-many: a merged sentence aligns with both of its parts.
"""

from __future__ import annotations

import math
import re
import unicodedata
import weakref
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache

import numpy as np
from nicknames import NickNamer
from rapidfuzz import fuzz

from storycheck.analyze import CUE_VERBS, ROLE_WORDS, resolve_entity
from storycheck.lru import LRU
from storycheck.records import Alignment, Analysis, Entity, Pair, Unit

__all__ = ["align", "link_entities", "units_of", "ROLE_WORDS"]

TOP_K = 6  # candidates kept per unit and direction
MIN_SCORE = 0.3  # a pair below this is not the same claim
MUTUAL_MIN = 0.22  # ...unless each is the other's best match
MAX_POSTING = 400  # keys shared by more units than this are too common to generate candidates


def units_of(analysis: Analysis) -> list[Unit]:
    """The claim units of a document: its sentences."""
    return [Unit(analysis.doc_id, s.index, s.index, s.start, s.end, s.text) for s in analysis.sentences]


def align(analyses: Sequence[Analysis], embedder=None, *, top_k: int = TOP_K) -> Alignment:  # noqa: ANN001
    clusters, links = link_entities(analyses)
    units = {a.doc_id: units_of(a) for a in analyses}
    flat: list[Unit] = [u for a in analyses for u in units[a.doc_id]]
    keys = [k for a in analyses for k in _sentence_keys(a, clusters)]
    weights = _idf(keys)
    # keys are sets: iterate them sorted, so float sums and tie order do not depend on the hash seed
    # (each process, e.g. each Dask worker, has its own, and a batch must give the same reports anywhere)
    norms = [math.sqrt(sum(weights[k] ** 2 for k in sorted(ks))) or 1.0 for ks in keys]
    postings: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            postings[k].append(i)
    squared = {k: weights[k] ** 2 for k, posting in postings.items() if len(posting) <= MAX_POSTING}

    lexical: dict[tuple[int, int], float] = {}
    for i, j, dot in _overlaps(flat, postings, squared, top_k):
        key = (min(i, j), max(i, j))
        lexical[key] = dot / (norms[i] * norms[j])

    semantic = _semantic(flat, list(lexical), embedder)
    pairs, best_score = _select(flat, lexical, semantic, keys)
    return Alignment(units=units, pairs=pairs, entity_links=links, clusters=clusters, best=best_score)


OVERLAP_LOOP = 20_000  # rows (unit, other, weight) in all: fewer are summed in a Python loop (``_overlaps_loop``)
OVERLAP_ROWS = 1 << 21  # (unit, other, weight) rows made at once by ``_overlaps``: a bound on its memory
OVERLAP_CELLS = 1 << 22  # ...and the sums of a stretch of units kept in one dense array up to this many cells


def _overlaps(
    flat: list[Unit], postings: dict[str, list[int]], squared: dict[str, float], top_k: int
) -> Iterator[tuple[int, int, float]]:
    """Each unit's ``top_k`` units of other documents by summed squared weight of the keys they share (ties:
    the earlier unit), as (unit, other, sum), unit by unit, best first.

    In numpy, for a stretch of units at a time: one (unit, other, weight) row per unit of the stretch and
    unit of a key's posting list, keys in sorted order, and ``np.add.at`` (which adds row after row, in
    order) sums each pair's weights in the order of its keys, as a loop over each unit's sorted keys adds
    them: the same float bits, without a Python step per row (~2/3 of alignment's time)."""
    n = len(flat)
    shared = [k for k in sorted(squared) if len(postings[k]) > 1]
    total = sum(len(postings[k]) ** 2 for k in shared)
    if total < OVERLAP_LOOP:  # (a text against its source: numpy's cost per key outweighs the loop's per row)
        yield from _overlaps_loop(flat, postings, squared, top_k, shared)
        return
    doc = np.array(_doc_numbers(flat), dtype=np.int64)
    blocks = [(np.asarray(postings[k], dtype=np.int64), squared[k]) for k in shared]
    bounds = np.linspace(0, n, max(1, -(-total // OVERLAP_ROWS)) + 1).astype(np.int64).tolist()
    for lo, hi in zip(bounds, bounds[1:], strict=False):
        parts = [(p, p[np.searchsorted(p, lo) : np.searchsorted(p, hi)], w) for p, w in blocks]
        parts = [(p, own, w) for p, own, w in parts if len(own)]
        if not parts:
            continue
        rows = np.concatenate([np.repeat(own, len(p)) for p, own, _ in parts])
        cols = np.concatenate([np.tile(p, len(own)) for p, own, _ in parts])
        weights = np.concatenate([np.full(len(p) * len(own), w) for p, own, w in parts])
        other = doc[rows] != doc[cols]
        rows, cols, weights = rows[other], cols[other], weights[other]
        if (hi - lo) * n <= OVERLAP_CELLS:  # a sum per (unit of the stretch, unit) pair, most of them 0
            cells = (rows - lo) * n + cols
            sums, shared = np.zeros((hi - lo) * n), np.zeros((hi - lo) * n, dtype=bool)
            np.add.at(sums, cells, weights)
            shared[cells] = True  # (a pair that shares a key, whatever its sum: as the sparse path keeps it)
            pairs = np.flatnonzero(shared)
            sums = sums[pairs]
        else:  # a sum per pair that shares a key (a sort more)
            pairs, slot = np.unique((rows - lo) * n + cols, return_inverse=True)
            sums = np.zeros(len(pairs))
            np.add.at(sums, slot.ravel(), weights)
        units, others = pairs // n + lo, pairs % n
        order = np.lexsort((others, -sums, units))  # by unit, then the larger sum, then the earlier unit
        units, others, sums = units[order], others[order], sums[order]
        keep = np.arange(len(units)) - np.searchsorted(units, units, side="left") < top_k
        yield from zip(units[keep].tolist(), others[keep].tolist(), sums[keep].tolist(), strict=True)


def _overlaps_loop(
    flat: list[Unit], postings: dict[str, list[int]], squared: dict[str, float], top_k: int, shared: list[str]
) -> Iterator[tuple[int, int, float]]:
    """``_overlaps`` for a small story, unit by unit: each pair's weights added in the order of its keys (the
    same float bits), kept best first, ties to the earlier unit."""
    doc = _doc_numbers(flat)
    keys_of: dict[int, list[str]] = defaultdict(list)
    for k in shared:  # (sorted: each unit's keys come in sorted order)
        for i in postings[k]:
            keys_of[i].append(k)
    for i in sorted(keys_of):
        own, acc = doc[i], defaultdict(float)
        for k in keys_of[i]:
            w = squared[k]
            for j in postings[k]:
                if doc[j] != own:
                    acc[j] += w
        for j, dot in sorted(acc.items(), key=lambda kv: (-kv[1], kv[0]))[:top_k]:
            yield i, j, dot


def _doc_numbers(flat: list[Unit]) -> list[int]:
    numbers: dict[str, int] = {}
    return [numbers.setdefault(u.doc, len(numbers)) for u in flat]


def _sentence_keys(analysis: Analysis, clusters: dict[tuple[str, int], int]) -> list[set[str]]:
    """``_keys`` of every sentence of a document, its mentions read once (not once per sentence)."""
    by_sentence: dict[int, list] = defaultdict(list)
    for m in analysis.mentions:
        by_sentence[m.sentence].append(m)
    return [_keys(analysis, s.index, clusters, by_sentence.get(s.index, ())) for s in analysis.sentences]


def _keys(analysis: Analysis, sentence: int, clusters: dict[tuple[str, int], int], mentions=None) -> set[str]:  # noqa: ANN001
    keys = {f"w:{lemma}" for lemma in analysis.lemmas[sentence]}
    for m in analysis.mentions if mentions is None else mentions:
        if m.sentence != sentence:
            continue
        entity = resolve_entity(analysis.entities, m.entity)
        if entity is not None:
            keys.add(f"e:{clusters.get((analysis.doc_id, entity.id), -1)}")
        elif m.quantity is not None and m.quantity.value is not None:
            keys.add(f"n:{m.quantity.value:g}:{m.quantity.unit}")
        elif m.when is not None and m.when.iso:
            keys.add(f"d:{m.when.iso}")
    return keys


def _idf(keys: list[set[str]]) -> dict[str, float]:
    df: dict[str, int] = defaultdict(int)
    for ks in keys:
        for k in ks:
            df[k] += 1
    n = len(keys)
    return {k: math.log(1 + n / c) for k, c in df.items()}


def _semantic(flat: list[Unit], candidates: list[tuple[int, int]], embedder) -> dict[tuple[int, int], float]:  # noqa: ANN001
    if embedder is None or not candidates:
        return {}
    needed = sorted({i for pair in candidates for i in pair})
    vectors = _vectors(embedder, [flat[i].text for i in needed])
    row = {i: r for r, i in enumerate(needed)}
    a = np.array([row[i] for i, _ in candidates])
    b = np.array([row[j] for _, j in candidates])
    sims = np.einsum("ij,ij->i", vectors[a], vectors[b])
    # put every embedder on one scale: 0 for unrelated sentences, 1 for the same sentence
    base = float(getattr(embedder, "baseline", 0.0))
    sims = np.clip((sims - base) / (1.0 - base), 0.0, 1.0)
    return {pair: float(s) for pair, s in zip(candidates, sims, strict=True)}


# sentence vectors kept per process and embedder: ~2 KB each with its key at the static embedder's 256
# dimensions (~40 MB when full)
VECTORS_KEPT = 20_000
_VECTORS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # embedder -> LRU (not kept alive by it)


def _vectors(embedder, texts: list[str]) -> np.ndarray:  # noqa: ANN001
    """``embedder.encode(texts)``, the vectors of sentences met before in this process taken from a cache: the
    stories of a batch repeat their sources' sentences, and each story encoded all of its own again. Only for
    an embedder whose rows do not depend on the texts beside them (``rows_alone``): the same bits. New rows are
    taken from what ``encode`` gave, never read back from the cache (a call with more new texts than it keeps
    would find its first ones gone)."""
    if not getattr(embedder, "rows_alone", False):
        return embedder.encode(texts)
    try:
        cache = _VECTORS.setdefault(embedder, LRU(VECTORS_KEPT))
    except TypeError:  # (an embedder that cannot be weakly referenced)
        return embedder.encode(texts)
    rows = [cache.get(t) for t in texts]
    todo = list(dict.fromkeys(t for t, row in zip(texts, rows, strict=True) if row is None))
    if todo:
        new = {t: row.copy() for t, row in zip(todo, embedder.encode(todo), strict=True)}  # (a view keeps its batch)
        for t, row in new.items():
            cache.put(t, row)
        rows = [new[t] if row is None else row for t, row in zip(texts, rows, strict=True)]
    return np.stack(rows) if rows else embedder.encode([])


def forget() -> None:
    """Empty this module's per-process caches (sentence vectors, fuzzy ratios, folded names): ``nlp.forget_parses``
    calls it, so that a benchmark's warm run has not seen its sentences before."""
    _VECTORS.clear()
    for memo in (_token_set_ratio, _fold, _norm):
        memo.cache_clear()


def _select(flat, lexical, semantic, keys) -> tuple[list[Pair], dict[tuple[str, int], float]]:  # noqa: ANN001
    scored: dict[tuple[int, int], tuple[float, float, float | None]] = {}
    for key, lex in lexical.items():
        i, j = key
        chars = _token_set_ratio(flat[i].text, flat[j].text) / 100
        lex = max(lex, 0.9 * chars if chars > 0.9 else lex)
        sem = semantic.get(key)
        score = lex if sem is None else 0.5 * lex + 0.5 * max(sem, 0.0)
        scored[key] = (score, lex, sem)
    best: dict[int, float] = defaultdict(float)
    best_partner: dict[tuple[int, str], tuple[float, int]] = {}
    for (i, j), (score, _, _) in scored.items():
        best[i] = max(best[i], score)
        best[j] = max(best[j], score)
        for x, y in ((i, j), (j, i)):
            k = (x, flat[y].doc)
            if k not in best_partner or score > best_partner[k][0]:
                best_partner[k] = (score, y)
    pairs = []
    named: dict[int, set[str]] = {}  # per unit: its keys that are no word (made once, not once per pair)
    for (i, j), (score, lex, sem) in sorted(scored.items()):
        mutual = best_partner[(i, flat[j].doc)][1] == j and best_partner[(j, flat[i].doc)][1] == i
        if score >= MIN_SCORE or (mutual and score >= MUTUAL_MIN):
            for u in (i, j):
                if u not in named:
                    named[u] = {k for k in keys[u] if not k.startswith("w:")}
            shared = len(named[i] & named[j])  # entities, figures, dates
            pairs.append(Pair(flat[i], flat[j], round(score, 4), round(lex, 4), sem, shared))
    best_by_unit = {(u.doc, u.index): round(best[i], 4) for i, u in enumerate(flat)}
    return pairs, best_by_unit


# (a pair of sentences met in another story of this process: the texts of a batch repeat their sources')
_token_set_ratio = lru_cache(maxsize=1 << 16)(fuzz.token_set_ratio)


# --- entities across documents ----------------------------------------------------------------------


def link_entities(analyses: Sequence[Analysis]) -> tuple[dict[tuple[str, int], int], list[tuple]]:
    """Cluster each document's people, organisations and places into story-wide entities.

    Same name → same entity (a country or body also under its other common name: ``OTHER_NAMES``). A person also links across spellings (``Maria Costa`` ~ ``Maria Acosta``)
    when the first names agree and the surnames are close, and more readily when their roles agree;
    a surname alone (``Hale``) links only to a full name with that exact surname. Two names one report tells
    apart are two people in every report (``_told_apart``).
    """
    items: list[tuple[str, Entity]] = [
        (a.doc_id, e) for a in analyses for e in a.entities if e.kind != "alias" and e.mentions
    ]
    parent = list(range(len(items)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    links = []
    by_name: dict[str, list[int]] = defaultdict(list)
    by_block: dict[str, list[int]] = defaultdict(list)
    docs_naming: dict[str, set[str]] = defaultdict(set)  # a person's name -> the reports that name it
    told_in: dict[str, set[tuple[str, int]]] = defaultdict(set)  # ...and the sentences (report, start) it is told in
    posts: dict[tuple[str, str], set[str]] = defaultdict(set)  # (name, report) -> the role words of its titles there
    starts = {a.doc_id: [s.start for s in a.sentences] for a in analyses}
    for idx, (doc, e) in enumerate(items):
        name = _norm(e.name)
        by_name[name if e.kind == "person" else OTHER_NAMES.get(name, name)].append(idx)  # whatever kind the tagger gave it
        if e.kind == "person":
            docs_naming[name].add(doc)
            told_in[name].update((doc, bisect_right(starts[doc], m[0])) for m in e.mentions)
            posts[(name, doc)].update(_posts_of(e))
            by_block[name[:1]].append(idx)  # block on the first letter of the first name
            if len(parts := name.split()) >= 2:
                by_block["@" + parts[-1]].append(idx)  # and on the surname: ``Bill`` / ``William Gates`` (first letters differ)
    for group in by_name.values():
        for other in group[1:]:
            parent[find(other)] = find(group[0])
    for key, group in by_block.items():
        for x in range(len(group)):
            for y in range(x + 1, len(group)):
                i, j = group[x], group[y]
                (doc_i, ei), (doc_j, ej) = items[i], items[j]
                if doc_i == doc_j or find(i) == find(j) or (key[0] == "@" and _norm(ei.name)[:1] == _norm(ej.name)[:1]):
                    continue  # (a pair of one first letter and one surname is its first-letter block's)
                score = person_similarity(ei, ej)
                if score >= 0.8 and not _told_apart(_norm(ei.name), _norm(ej.name), docs_naming, told_in, posts):
                    parent[find(j)] = find(i)
                    links.append((doc_i, ei.id, doc_j, ej.id, round(score, 3)))
    # surname-only mentions in one report link to a unique full name in another
    surnames: dict[str, set[int]] = defaultdict(set)
    for idx, (_, e) in enumerate(items):
        parts = e.name.split()
        if e.kind == "person" and len(parts) >= 2:
            surnames[parts[-1].lower()].add(find(idx))
    for idx, (_, e) in enumerate(items):
        parts = e.name.split()
        if e.kind == "person" and len(parts) == 1 and len(surnames.get(parts[0].lower(), ())) == 1:
            parent[find(idx)] = next(iter(surnames[parts[0].lower()]))
    _link_first_names(items, find, parent)
    for i, j, score in _lone_spellings(analyses, items, find):
        parent[find(j)] = find(i)
        links.append((items[i][0], items[i][1].id, items[j][0], items[j][1].id, score))
    roots: dict[int, int] = {}
    clusters = {}
    for idx, (doc, e) in enumerate(items):
        clusters[(doc, e.id)] = roots.setdefault(find(idx), len(roots))
    return clusters, links


def _link_first_names(items: list[tuple[str, Entity]], find, parent: list[int]) -> None:  # noqa: ANN001
    """A first name alone in one report (``Lesley Cole's daughter Maya``) is the full name of another report that
    adds to it a surname the first report gives its family (``Maya Cole``): one person. Review revj25: after
    session 29 folded ``Mrs Cole`` into ``Lesley Cole``, a text's ``Maya Cole`` was a person no source named, and its
    sentence lost its alignment (BUMP's three lost pairs). Only where one full name of that first name and surname
    is met, never a first name that is a surname of a full name anywhere (``Hale``: the surname rule above), and
    never in its own report."""
    by_doc: dict[str, set[str]] = defaultdict(set)  # per report, the surnames of its full names
    firsts: dict[tuple[str, str], set[int]] = defaultdict(set)  # (first name, surname) -> the full names' items
    surnames = set()
    for idx, (doc, e) in enumerate(items):
        parts = _norm(e.name).split()
        if e.kind == "person" and len(parts) >= 2:
            by_doc[doc].add(parts[-1])
            surnames.add(parts[-1])
            if len(parts) == 2:
                firsts[(parts[0], parts[1])].add(idx)
    for idx, (doc, e) in enumerate(items):
        parts = _norm(e.name).split()
        if e.kind != "person" or len(parts) != 1 or parts[0] in surnames:
            continue
        found = {j for family in by_doc.get(doc, ()) for j in firsts.get((parts[0], family), ()) if items[j][0] != doc}
        if len({find(j) for j in found}) == 1:
            parent[find(idx)] = find(next(iter(found)))


# The other names news uses for one country or body, as compared (``_norm``: folded, no dots, no leading ``the``):
# ``The UK's economy`` and ``Britain's economy`` are one owner. Short and sure: not ``England`` (a part), ``Holland``
# (a region), ``Russia`` / ``the Soviet Union`` (another state). Never read for a person's name.
_OTHER_NAMES = {
    "united kingdom": "uk|britain|great britain",
    "united states": "us|usa|united states of america|america",
    "united arab emirates": "uae",
    "european union": "eu",
    "united nations": "un",
    "czech republic": "czechia",
    "democratic republic of congo": "drc|dr congo|democratic republic of the congo",
}
OTHER_NAMES = {alias: name for name, aliases in _OTHER_NAMES.items() for alias in aliases.split("|")}


# letters that NFKD leaves whole, as they are written without their marks
_UNMARKED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    """Lower case without accents or diacritics: ``Łódź`` → ``lodz``, ``José`` → ``jose``."""
    text = unicodedata.normalize("NFKD", text.lower()).translate(_UNMARKED)
    return "".join(c for c in text if not unicodedata.combining(c))


def _told_apart(a: str, b: str, docs_naming: dict[str, set[str]], told_in: dict[str, set[tuple[str, int]]],
                posts: dict[tuple[str, str], set[str]] | None = None) -> bool:  # fmt: skip
    """Whether a report names both people (normalised names) of two first names as two: in one sentence (``Chris
    Hale and his sister Christine Hale``), or at all where the first names are two spellings, not a name and its
    short form, which one report may give one person (``Kathryn Jenkin`` ... ``Katie Jenkin``, ECB+ 32ecbplus), or
    gives the two posts that share no role word (``Council leader Chris Ward`` ... ``His deputy, Christine Ward``:
    session 33, where another report's ``Christine Ward, the council leader`` was the leader's words corroborated,
    the two one cluster through it). Review revj28: ``Jon Turner
    and his brother John Turner`` in one report, ``John Turner was charged`` in another, was one person and the swap
    of brothers was hidden (judge28's ``first_names_alike`` reads ``jon`` a short form of ``john``)."""
    both = docs_naming[a] & docs_naming[b]
    if not both:
        return False
    wa, wb = [w for w in a.split() if len(w) > 1], [w for w in b.split() if len(w) > 1]  # (``Regina M. Benjamin``:
    if not wa or not wb or wa[0] == wb[0]:  # a middle initial more is one person, ECB+ 34ecbplus; and so is a name
        return False  # the tagger doubled, ``Sebastian Vettel Vettel`` of a FRANK valid source beside ``Sebastian Vettel``)
    if posts is not None and any(posts.get((a, d)) and posts.get((b, d)) and not posts[(a, d)] & posts[(b, d)] for d in both):
        return True
    return bool(told_in[a] & told_in[b]) or fuzz.ratio(wa[0], wb[0]) >= 75


def _posts_of(e: Entity) -> set[str]:
    """What ``_told_apart`` reads as a person's posts in one report: the role words of the titles and a kinship to
    someone (``His son, Robert Hale``). Review revj33: ``Mayor Bob Hale ... His son, Robert Hale`` was one person
    (``Bob`` a short form of ``Robert``, ``son`` no role word), so another report's ``Robert Hale said X`` told the
    mayor's words, corroborated."""
    return _role_words_of(e) | {w for _, _, t in e.titles for w in re.findall(r"[a-z]+", t.lower())} & _KIN


# kinship nouns of a title: the person is someone's relative, another than that someone
_KIN = frozenset("son daughter brother sister wife husband father mother widow widower nephew niece cousin uncle aunt "
                 "grandson granddaughter grandfather grandmother stepson stepdaughter stepfather stepmother".split())  # fmt: skip


def _role_words_of(e: Entity) -> set[str]:
    """The role words (``ROLE_WORDS``) of a person's titles in one report: ``Council leader`` -> ``leader``."""
    return {w for _, _, t in e.titles for w in re.findall(r"[a-z]+", t.lower())} & ROLE_WORDS


@lru_cache(maxsize=1 << 16)
def _norm(name: str) -> str:
    """A name as compared: folded (``José`` = ``Jose``), without punctuation (``O’Brien`` = ``O'Brien``)."""
    name = re.sub(r"[^\w\s]", "", _fold(name))
    return re.sub(r"^the\s+", "", name).strip()


def person_similarity(a: Entity, b: Entity) -> float:
    """How likely two differently spelled names are one person: close spelling, same first name (or one person's two
    first names: ``first_names_alike``), same role. An initial before a first name the other name opens with is left
    off (``J. Edgar Hoover`` / ``Edgar Hoover``, session 31: two people before)."""
    pa, pb = _norm(a.name).split(), _norm(b.name).split()
    if len(pa) < 2 or len(pb) < 2 or a.kind != "person" or b.kind != "person":
        return 0.0
    if len(pa) > 2 and len(pa[0]) == 1 and pa[1] == pb[0]:
        pa = pa[1:]
    elif len(pb) > 2 and len(pb[0]) == 1 and pb[1] == pa[0]:
        pb = pb[1:]
    first_same = pa[0] == pb[0] or (len(pa[0]) == 1 and pb[0].startswith(pa[0])) or (len(pb[0]) == 1 and pa[0].startswith(pb[0])) \
        or first_names_alike(pa[0], pb[0])  # fmt: skip
    if not first_same:
        return 0.0
    surname = fuzz.ratio(pa[-1], pb[-1]) / 100
    if surname < 0.7:
        return 0.0
    role = _role_overlap(a, b)
    return min(1.0, surname * 0.85 + 0.15 * (1.0 if role else 0.5) + (0.05 if role else 0.0))


_NICKNAMES = NickNamer()  # the ``nicknames`` package's hand-kept table of English given names and their short forms
_VOWELS = frozenset("aeiouy")


@lru_cache(maxsize=1 << 14)
def _forms_of(name: str) -> frozenset[str]:
    """The name, its short forms and the names it is a short form of, as the ``nicknames`` table lists them."""
    return frozenset({name} | _NICKNAMES.nicknames_of(name) | _NICKNAMES.canonicals_of(name))


def _consonants(name: str) -> str:
    """The first letter and the consonants after it, a doubled letter once: what a name's transliterations keep
    (``mohammed``, ``muhammad``, ``mohamed`` -> ``mhmd``; ``hussein`` / ``hussain``, ``yusuf`` / ``yousef``)."""
    out = name[:1]
    for ch in name[1:]:
        if ch not in _VOWELS and ch != out[-1]:
            out += ch
    return out


def _undoubled(name: str) -> str:
    """The name with each doubled letter once (``mohammed`` -> ``mohamed``): a doubling is a spelling, not a sound."""
    return re.sub(r"(.)\1+", r"\1", name)


@lru_cache(maxsize=1 << 16)
def first_names_alike(a: str, b: str) -> bool:
    """Two first names (folded, lower case) that may be one person's: a short form of the other or of a spelling of
    it (``bill`` / ``william``, ``kate`` / ``catherine``, through ``katherine``), or two spellings of one name out
    of another alphabet (``giannis`` / ``yiannis``: long and close; ``mohammed`` / ``muhammad``: the same
    consonants and fairly close, a doubled letter once, so not ``brian`` / ``bruno`` nor ``martin`` / ``morton``). Session 31: the short
    forms come from the ``nicknames`` package, not a hand list (revj27's ``_SHORT_FORMS``); a transliteration or a
    short form was an ``actor`` conflict in both commands (``Mohammed`` / ``Muhammad Salah``, ``Kate`` /
    ``Catherine Middleton``), where the schema has at most a ``name`` spelling."""
    if a == b:
        return True
    if _made_from(a, b) or _made_from(b, a):
        return False  # (a woman's name made from a man's: ``paul`` / ``paula``, ``louis`` / ``louise``, which the table ties)
    if min(len(a), len(b)) >= 5 and len(_consonants(a)) >= 3 and _consonants(a) == _consonants(b) \
            and fuzz.ratio(_undoubled(a), _undoubled(b)) >= 70 and _same_ending(a, b):  # fmt: skip
        return True
    if _spellings(a, b):
        return True
    mine, theirs = _forms_of(a), _forms_of(b)
    if a in theirs or b in mine:
        return True
    return any(_spellings(m, b) for m in mine - {a}) or any(_spellings(t, a) for t in theirs - {b})


def _spellings(a: str, b: str) -> bool:
    """Two long names all but a letter or two alike (``katherine`` / ``catherine``) that end alike (``_same_ending``)."""
    return min(len(a), len(b)) >= 6 and fuzz.ratio(a, b) >= 80 and _same_ending(a, b)


_WOMAN_S_ENDINGS = ("a", "e", "le", "ne", "ia", "ina", "ine", "ette", "elle")


def _made_from(name: str, other: str) -> bool:
    """Whether ``other`` is ``name`` (four letters or more: not ``ann`` / ``anne``) with a woman's ending after it
    (``paula``, ``roberta``, ``danielle``, ``josephine``, ``louise``: the ``nicknames`` table lists ``louise`` under
    ``louis``), so the two are a man and a woman (review revj28)."""
    return len(name) >= 4 and other.startswith(name) and other[len(name) :] in _WOMAN_S_ENDINGS


def _same_ending(a: str, b: str) -> bool:
    """Whether two close first names end in one letter (``y`` read as ``i``: ``sergei`` / ``sergey``). A given
    name's ending is where a man's name and a woman's made from it part (``antonio`` / ``antonia``, ``christian`` /
    ``christina``, ``daniel`` / ``danielle``, ``stephen`` / ``stephanie`` through ``stephan``), and two such in one
    story are mostly a brother and a sister: review revj28 (session 31), where judge28's spelling and
    transliteration tests read them one person and hid a swap (``Stephen Ward`` / ``Stephanie Ward was charged``:
    an ``actor`` conflict before, none after). No list of names tells a man's from a woman's under a licence the
    package can take (``gender-guesser``'s table is GPL), so the last letter stands for it."""
    return a[-1:].replace("y", "i") == b[-1:].replace("y", "i")


LONE_SPELLING = 80  # fuzz.ratio of two lone surnames that may be one name's spellings (judge.spelled_alike's)
NEAR_BLOCK = 1000  # distinct lone names of a first-letter block past which ``_near_spellings`` indexes shortened forms
LONG_SPELLING = 12  # letters of a lone name past which ``_near_spellings`` scores it against its block (800+ forms)
FORM_COST = 4  # pair scorings one shortened form costs (~1 us to make and file it, ~0.25 us to score a pair)


_NO_PLACE_VERBS = frozenset({"be", "have", "do"})


def _slots(analysis: Analysis, e: Entity) -> set[tuple[str, str]]:
    """The argument places an entity fills, as (verb lemma, doer/undergoer): the head of a clause's subject, object or
    passive doer phrase (``Police shot Jonson``: (shoot, undergoer); ``Jonson was shot``: the same). A name inside a
    longer phrase (``the wife of Jonson``) fills no place, and neither does the speaker of a cue verb or a verb of
    being and having (``Johnson said ...`` / ``Jonson said ...``: the officer in one report, the man he stopped in
    the other; every named person of a story says something, so saying ties no two spellings; review revj21)."""
    out = set()
    for c in analysis.clauses:
        if c.verb in CUE_VERBS or c.verb in _NO_PLACE_VERBS:
            continue
        for span, doer in ((c.subject_span, not c.passive), (c.object_span, False), (c.doer_span, True)):
            if span is not None and any(span[0] <= s and e2 == span[1] for s, e2 in e.mentions):
                out.add((c.verb, "doer" if doer else "undergoer"))
    return out


def _lone_spellings(analyses: Sequence[Analysis], items: list[tuple[str, Entity]], find) -> list[tuple[int, int, float]]:  # noqa: ANN001
    """Pairs of one-word person names in two reports that are one surname spelled two ways (``Police shot Jonson`` /
    ``Police shot Johnson``, ``Mr Jonson resigned`` / ``Mr Johnson resigned``): close letter for letter (fuzz
    ``LONE_SPELLING``) and filling the same place of the same verb (``_slots``). A full name carries its first name to
    go by (``person_similarity``); a lone surname has only its place in the claim, so it is linked only there, and
    only one to one: not when either report also names the other spelling, alone or as a full name's surname (two
    people: ``Johnson was arrested ... Police also arrested Mark Jonson`` / ``Jonson was arrested``; a full name
    was not read, session 26), or when the name has two such partners in one report. Linked, the two are one entity, and ``judge._name_conflict`` reads their spellings."""
    by_doc = {a.doc_id: a for a in analyses}
    lone = [(idx, doc, e) for idx, (doc, e) in enumerate(items) if e.kind == "person" and len(_norm(e.name).split()) == 1]
    names = defaultdict(set)  # per report, the surname of each person it names, lone or in full
    for doc, e in items:
        if e.kind == "person" and (words := _norm(e.name).split()):
            names[doc].add(words[-1])
    candidates: dict[tuple[int, str], list[tuple[int, float]]] = defaultdict(list)
    # distinct spellings are scored, not every pair of their mentions, and each entity's places are read once: a batch
    # story of 200 reports names one surname in many of them (review revj21: 8,000 lone names, 16 s with the places
    # read again for each pair)
    by_name: dict[str, list[tuple[int, str, Entity]]] = defaultdict(list)
    for i, doc, e in lone:
        by_name[_norm(e.name)].append((i, doc, e))
    blocks: dict[str, list[str]] = defaultdict(list)
    for name in by_name:
        blocks[name[:1]].append(name)  # (spellings of one name share its first letter, as above)
    slots: dict[int, set[tuple[str, str]]] = {}

    def places(i: int, doc: str, e: Entity) -> set[tuple[str, str]]:
        if i not in slots:
            slots[i] = _slots(by_doc[doc], e)
        return slots[i]

    for ni, nj in _near_spellings(blocks):
        if ni + "s" == nj or nj + "s" == ni:
            continue  # a name and its plural are two surnames (``William`` / ``Williams``, ``Edward`` / ``Edwards``)
        score = fuzz.ratio(ni, nj, score_cutoff=LONE_SPELLING)
        if not score:
            continue
        for i, doc_i, ei in by_name[ni]:
            for j, doc_j, ej in by_name[nj]:
                if doc_i == doc_j or nj in names[doc_i] or ni in names[doc_j] or find(i) == find(j):
                    continue
                if places(i, doc_i, ei) & places(j, doc_j, ej):
                    candidates[(i, doc_j)].append((j, score))
                    candidates[(j, doc_i)].append((i, score))
    return [(i, j, round(score / 100, 3)) for (i, _), js in sorted(candidates.items()) for j, score in js
            if i < j and len(js) == 1 and len(candidates[(j, items[i][0])]) == 1]  # fmt: skip


def _deletions(name: str) -> set[str]:
    """The name with up to a third of its letters left out, in every way (the name itself among them)."""
    out, frontier = {name}, {name}
    for _ in range(len(name) // 3):
        frontier = {w[:k] + w[k + 1 :] for w in frontier for k in range(len(w))} - out
        out |= frontier
    return out


def _form_count(letters: int) -> int:
    """How many shortened forms ``_deletions`` gives a name of so many letters at most (distinct letters)."""
    return sum(math.comb(letters, k) for k in range(letters // 3 + 1))


def _near_spellings(blocks: dict[str, list[str]]) -> Iterator[tuple[str, str]]:
    """The pairs of distinct spellings of a first-letter block that may be ``LONE_SPELLING`` close, in the order of
    the block (each pair once, the earlier first): those that share a spelling left when up to a third of each one's
    letters are dropped. Two names of fuzz ratio >= 80 (Indel: ``2 * common / (la + lb) >= 0.8``) keep a common
    subsequence that drops at most a third of either's letters (``la - common <= 0.6 la - 0.4 lb`` and ``lb >= 2/3
    la``), so no close pair is missed; what it saves is scoring every pair of a block, quadratic in a story's lone
    names (revj21's left item). Each name gives a fixed number of shortened forms (its length's, about 130 for nine
    letters), so the work grows with the names and the near pairs, not with their square. A block of up to
    ``NEAR_BLOCK`` names gives every pair: scoring one is ~0.2 us, shortening a name ~0.4 ms (Python), so the
    square only costs more past a few thousand names (a block of 1,000: ~0.1 s either way; of 8,000: 7.4 s every pair, 1.3 s indexed).
    The forms grow as ``C(len, len // 3)``, not with the length (111 for nine letters, 687 for twelve, 5,670 for
    sixteen), so a block is indexed only where its forms cost less than its pairs (``FORM_COST``), and a name past
    ``LONG_SPELLING`` letters is scored against the block: 1,001 names of 14 to 16 letters took 9.8 s and 700 MB
    indexed against 0.12 s every pair (review revj22)."""
    for block in blocks.values():
        n = len(block)
        short = [name for name in block if len(name) <= LONG_SPELLING]
        indexed = FORM_COST * sum(_form_count(len(name)) for name in short) + (n - len(short)) * n
        if n <= NEAR_BLOCK or indexed >= n * (n - 1) // 2:  # every pair: a C call each, cheaper than the forms here
            for k, a in enumerate(block):
                for b in block[k + 1 :]:
                    yield a, b
            continue
        at = {name: k for k, name in enumerate(block)}
        holders: dict[str, list[str]] = defaultdict(list)
        for name in short:
            for form in _deletions(name):
                holders[form].append(name)
        near = {(a, b) if at[a] < at[b] else (b, a) for names in holders.values() if len(names) > 1
                for a in names for b in names if a != b}  # fmt: skip
        # a name too long to shorten every way (a tagger's run of words) is scored against the block, as before
        near |= {(a, b) if at[a] < at[b] else (b, a) for a in block if len(a) > LONG_SPELLING for b in block if b != a}
        yield from sorted(near, key=lambda p: (at[p[0]], at[p[1]]))


def _role_overlap(a: Entity, b: Entity) -> bool:
    return bool(_role_words_of(a) & _role_words_of(b))
