"""Lineage: which report reuses which, how much, in what order, and what the reuse adds and drops.

Reuse is measured on the aligned sentence pairs (no new comparisons): a sentence of one report is
reused from another when its best counterpart there is near-verbatim. Direction follows publication
time when both are known and differ; otherwise the one that keeps the other's first sentence under a new top of
its own is the derived one (a reprint under a byline); otherwise the one with less text found in no other report
of the story (a compilation of others); otherwise the report more covered by the other (a rewrite keeps most of
its source, the source holds more than the rewrite took); at equal shares, the text whose content hash sorts
first is the source (``_direction``). A report's likely source is the one it reuses most; at equal reuse the one
its reused sentences are closer to, then one no other such candidate is upstream of, then the earlier published,
then the content hash (``_likely_source``); a report made of two or more others has each for a source
(``_sources``). None of these reads the order the documents were given in: a user who lists the files the other
way round gets the same lineage. Undated, two reports each holding the other but for sentences reworded on both
sides are ``unordered``: nothing says which came first (``_rewrites``). A reused sentence that gives another
figure, name or negation than its source's is marked on the edge (``_changes``). Measured by
``benchmarks/bench_lineage.py``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta, timezone
from functools import lru_cache

from rapidfuzz import fuzz

from storycheck.records import Alignment, Analysis, Document, LineageEdge, Span

__all__ = ["first_published", "lineage"]

REUSE_MIN = 0.8  # a sentence pair this close in characters is reuse, not paraphrase
SOURCE_MIN = 0.5  # a report that takes this share of its text from another derives from it
# ... or, its clauses moved or a word or two swapped ("X, Y said." -> "Y told reporters X."), its words sorted this
# close (``fuzz.token_sort_ratio``; session 33, bench_lineage: 68 of the light rewrites' aligned pairs under
# REUSE_MIN at 0.85 or more, none of 379 pairs of independent reports of one event)
REWORDED_MIN = 0.85
# ... both sentences this many words or more (review revl33): sorted, the few words of a headline or a short line
# match those of any report of the event written apart ("Navy foils Somali pirate attack off Gulf of Aden." /
# "Somali pirate attack foiled in Gulf of Aden.", 0.86; "The MPs term of office is five years." / "The term of
# office of Turkmen MPs is five years.", 0.87): 8 of ECB+'s 19 pairs taken at REWORDED_MIN alone, first 8 reports
# of each event, were such short lines of reports written independently
REWORDED_WORDS = 12
PART_MIN = 0.25  # ... or from two or more, each giving this share it takes from no other of them (``_sources``)


def lineage(documents: Sequence[Document], analyses: Sequence[Analysis], alignment: Alignment) -> list[LineageEdge]:
    docs = {d.id: d for d in documents}
    sentences = {a.doc_id: _told(a, docs[a.doc_id]) for a in analyses}
    names = {a.doc_id: [m for e in a.entities for m in e.mentions] for a in analyses}
    reused: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)  # (derived, source) -> {derived s: source s}
    alike: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)  # (derived, source) -> {derived s: best sim}
    paired: dict[tuple[str, str], dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))  # any aligned pair
    changes: dict[tuple[str, int, str, int], list[tuple[Span, Span]]] = {}  # (x, x s, y, y s) -> [(x's, y's)]
    for pair in alignment.pairs:
        paired[(pair.a.doc, pair.b.doc)][pair.a.sentence].add(pair.b.sentence)
        paired[(pair.b.doc, pair.a.doc)][pair.b.sentence].add(pair.a.sentence)
        sim = fuzz.ratio(pair.a.text, pair.b.text) / 100
        if sim < REUSE_MIN and not _reworded(pair.a.text, pair.b.text):
            continue
        if pair.a.text != pair.b.text:
            found = _changes(pair.a, pair.b, names)
            changes[(pair.a.doc, pair.a.sentence, pair.b.doc, pair.b.sentence)] = found
            changes[(pair.b.doc, pair.b.sentence, pair.a.doc, pair.a.sentence)] = [(y, x) for x, y in found]
        for x, y in ((pair.a, pair.b), (pair.b, pair.a)):
            current = reused[(x.doc, y.doc)].get(x.sentence)
            if current is None:
                reused[(x.doc, y.doc)][x.sentence] = y.sentence
            alike[(x.doc, y.doc)][x.sentence] = max(sim, alike[(x.doc, y.doc)].get(x.sentence, 0.0))
    edges = []
    ids = [d.id for d in documents]
    own = _own_shares(ids, sentences, reused)
    made = _made_of_others(ids, sentences, reused, own)
    for i, a in enumerate(ids):
        for b in ids[i + 1 :]:
            share_a = _share(sentences[a], reused[(a, b)])  # of a's text, found in b
            share_b = _share(sentences[b], reused[(b, a)])
            source, derived, basis = _direction(
                docs[a], docs[b], share_a, share_b,
                _new_top(sentences[a], sentences[b], reused[(a, b)], reused[(b, a)]),
                _new_top(sentences[b], sentences[a], reused[(b, a)], reused[(a, b)]),
                own[a], own[b], made[a], made[b])
            mapping = reused[(derived, source)]
            taken = set(mapping.values())
            share = share_a if derived == a else share_b
            changed = [c for k in sorted(mapping) for c in changes.get((derived, k, source, mapping[k]), ())]
            unordered = (basis in _UNSAID and min(share_a, share_b) >= SOURCE_MIN
                         and _rewrites(sentences[a], reused[(a, b)], reused[(b, a)], paired[(a, b)])
                         and _rewrites(sentences[b], reused[(b, a)], reused[(a, b)], paired[(b, a)]))
            edges.append(
                LineageEdge(
                    source=source,
                    derived=derived,
                    reuse=round(share, 3),
                    order=round(_order(mapping), 3),
                    added=[_span(docs[derived], s) for s in sentences[derived] if s.index not in mapping],
                    dropped=[_span(docs[source], s) for s in sentences[source] if s.index not in taken],
                    likely_source=False,
                    changed=[mine for mine, _ in changed],
                    changed_from=[theirs for _, theirs in changed],
                    unordered=unordered,
                )
            )
    derives = {(e.derived, e.source) for e in edges if e.reuse >= SOURCE_MIN}  # (derived, source)
    candidates: dict[str, list[LineageEdge]] = defaultdict(list)
    for edge in edges:
        if edge.reuse >= PART_MIN:
            candidates[edge.derived].append(edge)
    for derived, found in candidates.items():
        for edge in _sources(derived, found, docs, sentences, reused, alike, derives):
            edge.likely_source = True
    return edges


def _told(analysis: Analysis, doc: Document) -> list:
    """The report's sentences but one that is only a wire dateline (``analyze.dateline``: "MILLBRIDGE, March 3
    (Northwire) -" set apart by the splitter). Why (session 33): where and when a report was filed tells nothing of
    the event, and two reports of one story filed apart differ in it, so the wire's dateline was "dropped" by every
    report that reprinted it under its own, and counted against the reuse of each. A dateline that opens a sentence
    of the event keeps that sentence."""
    from storycheck.analyze import dateline_of

    _, alone = dateline_of(doc, analysis)
    return analysis.sentences if alone is None else [s for s in analysis.sentences if s.index != alone]


def _reworded(a: str, b: str) -> bool:
    """Whether two sentences under ``REUSE_MIN`` are one reworded (``REWORDED_MIN``): clauses moved or a word or
    two swapped, in sentences of ``REWORDED_WORDS`` or more."""
    return (min(len(a.split()), len(b.split())) >= REWORDED_WORDS
            and fuzz.token_sort_ratio(a, b) / 100 >= REWORDED_MIN)


def _sources(derived: str, found: list[LineageEdge], docs, sentences, reused, alike,  # noqa: ANN001
             derives: set[tuple[str, str]]) -> list[LineageEdge]:
    """The edges of ``derived``'s sources: its likely source (``_likely_source``, of the candidates holding
    ``SOURCE_MIN`` of its text), then each other report that gives it ``PART_MIN`` of its text no source taken
    before gives (the most new text first); with no single candidate at ``SOURCE_MIN``, the same from the one
    giving most, kept only when together they give ``SOURCE_MIN``.

    Why (session 33, ``benchmarks/bench_lineage.py``): a report made of two wires, half from each, reached
    ``SOURCE_MIN`` with neither and was said to derive from nothing (65 of 65 such merges with no source right);
    one taking 60% from one and 40% from another was said to derive from the first alone. A shared quote is
    under ``PART_MIN`` of a report (ECB+'s independent reports of one event share a sentence or two)."""
    whole = [e for e in found if e.reuse >= SOURCE_MIN]
    first = _likely_source(whole, docs, sentences, alike, derives) if whole else max(
        found, key=lambda e: (e.reuse, _closeness(e, sentences, alike), e.source))
    picked, covered = [first], set(reused[(derived, first.source)])
    lengths = {s.index: s.end - s.start for s in sentences[derived]}
    total = sum(lengths.values()) or 1
    rest = [e for e in found if e is not first]
    while rest:
        gain = {e.source: sum(lengths.get(i, 0) for i in reused[(derived, e.source)] if i not in covered) / total
                for e in rest}
        best = max(rest, key=lambda e: (gain[e.source], e.reuse, e.source))
        if gain[best.source] < PART_MIN:
            break
        picked.append(best)
        covered |= set(reused[(derived, best.source)])
        rest.remove(best)
    if len(picked) == 1 and not whole:
        return []
    if not whole and sum(lengths.get(i, 0) for i in covered) / total < SOURCE_MIN:
        return []
    return picked


def _new_top(mine, theirs, mine_in_theirs: dict[int, int], theirs_in_mine: dict[int, int]) -> bool:  # noqa: ANN001
    """Whether a report put a new top over the other's text: it keeps the other's first sentence, its own first
    sentence is not the other's, and of its text not the other's as much lies above that kept lead as below it,
    or what lies below is under ``PART_MIN`` of it (a tagline: "Reporting by ...; editing by ..."). Why the last
    (session 33, the ECB+ audit): a short version that left out its source's lead (into its headline: 7_4ecbplus,
    sentences 2-4 of 7_3's 21) keeps the source's second sentence as its own first, so the source seemed to add
    a top; it adds one sentence above and 17 below, a trim's shape."""
    if not mine or not theirs or mine[0].index in mine_in_theirs or theirs[0].index not in theirs_in_mine:
        return False
    lead = theirs_in_mine[theirs[0].index]
    above = sum(s.end - s.start for s in mine if s.index not in mine_in_theirs and s.index < lead)
    below = sum(s.end - s.start for s in mine if s.index not in mine_in_theirs and s.index > lead)
    return above > 0 and (above >= below or below < PART_MIN * sum(s.end - s.start for s in mine))


def _made_of_others(ids: list[str], sentences, reused, own: dict[str, float]) -> dict[str, bool]:  # noqa: ANN001
    """Whether each report reads as made of two or more others (``_direction``'s own-text rule): none of its text
    is its own in the story, and no one other report holds ``1 - PART_MIN`` of it. Why the second (review
    revl33): a wire reprinted whole under a byline has no text of its own either, its every sentence being in
    the reprint; a third report that keeps the wire's first three sentences and adds its own analysis then had
    the wire "derive" from it (the wire: no own text, the rewrite: its analysis), a cycle with the reprint. A
    compilation of two wires is found in each in part, never most of it in one."""
    out = {}
    for d in ids:
        held = max((_share(sentences[d], reused[(d, o)]) for o in ids if o != d and (d, o) in reused), default=0.0)
        out[d] = own[d] < 1e-9 and held < 1 - PART_MIN
    return out


def _own_shares(ids: list[str], sentences, reused) -> dict[str, float]:  # noqa: ANN001
    """Each report's share of text found in no other report of the story (from the aligned pairs' reuse only)."""
    found: dict[str, set[int]] = defaultdict(set)
    for (x, _y), mapping in reused.items():
        found[x] |= mapping.keys()
    return {d: 1 - _share(sentences[d], dict.fromkeys(found[d], 0)) for d in ids}


def _likely_source(found: list[LineageEdge], docs, sentences, alike, derives: set[tuple[str, str]]) -> LineageEdge:  # noqa: ANN001
    """Of one derived report's candidate edges, the one whose source is most likely where its words came from:
    the most reuse; at equal reuse, reused sentences closer to it (``_closeness``); when those tie too, a
    candidate no other tied candidate derives from is preferred (upstream), then the earlier ``published``,
    then the content hash (and the id, for two identical texts).

    Why closeness: a wire story, a rewrite of it (new top, some figures changed) and a reprint of the wire with
    a new top. The reprint reuses the same sentences from both (a changed figure keeps a sentence above
    ``REUSE_MIN``), so the reuse ties, and the document order chose the rewrite, whose changes the reprint does
    not carry. The reprint's sentences are the wire's character for character: the closer text is the one
    copied. When even that ties (the rewrite changed nothing the reprint took), the report upstream of the
    other wins: the copy's copy is not where the words came from.

    Why a key and not a pass over the edges keeping the first at a tie (as before): the pass read the order the
    documents were given in. Two near-copies of one length (ECB+ 31_6 and 31_11, 0.938 of each in the other)
    that a third report reuses alike swapped roles when the files were listed the other way round. The
    published date and the content hash are the same whatever that order."""
    top = max((e.reuse, _closeness(e, sentences, alike)) for e in found)
    tied = [e for e in found if (e.reuse, _closeness(e, sentences, alike)) == top]
    sources = {e.source for e in tied}
    upstream = [e for e in tied if not any((e.source, other) in derives for other in sources)] or tied
    return min(upstream, key=lambda e: (_when_key(docs[e.source].published), docs[e.source].hash, e.source))


def _when_key(published: str | None) -> tuple:
    """Sorts the earlier publication first and an unknown one last; a date without a time of day after the
    timed reports of that day (it says nothing of the hour)."""
    when = read_published(published)
    if when is None:
        return (1,)
    moment, timed = when
    return (0, moment.date(), 0 if timed else 1, moment)


def _closeness(edge: LineageEdge, sentences, alike) -> float:  # noqa: ANN001
    """The reused sentences' character similarity to ``edge.source``, weighted by their length."""
    sims = alike[(edge.derived, edge.source)]
    lengths = {s.index: s.end - s.start for s in sentences[edge.derived]}
    weight = sum(lengths.get(i, 0) for i in sims) or 1
    return round(sum(sim * lengths.get(i, 0) for i, sim in sims.items()) / weight, 6)


def _share(sentences, mapping: dict[int, int]) -> float:  # noqa: ANN001
    total = sum(s.end - s.start for s in sentences) or 1
    return sum(s.end - s.start for s in sentences if s.index in mapping) / total


def first_published(a: Document, b: Document) -> Document | None:
    """The report of the two published first, or None when their ``published`` does not say (one unknown, or the
    same moment; a date alone says nothing about the order within that day). Public: the views say whether a
    copy's direction rests on it (``report.derivation_lines``)."""
    when_a, when_b = read_published(a.published), read_published(b.published)
    if when_a is None or when_b is None:
        return None
    (moment_a, timed_a), (moment_b, timed_b) = when_a, when_b
    if not (timed_a and timed_b):
        moment_a, moment_b = moment_a.date(), moment_b.date()
    return None if moment_a == moment_b else a if moment_a < moment_b else b


def _direction(a: Document, b: Document, share_a: float, share_b: float, top_a: bool = False,  # noqa: PLR0913
               top_b: bool = False, own_a: float = 0.0, own_b: float = 0.0, made_a: bool = False,
               made_b: bool = False) -> tuple[str, str, str]:
    """(source, derived, the rule that decided: ``_UNSAID`` for the last two): the earlier published; else, when one keeps the other's first sentence and its own is
    not the other's, the one with the new top derives (``top_a``: a put a new top over b's lead, ``_new_top``); else one with
    no text of its own in the story (``own_a``: a's share found in no other report) and made of others
    (``made_a``, ``_made_of_others``: no one report holds most of it) derives from one with ``PART_MIN`` of its
    own; else the one more covered by the other; else the content hash.

    Why the lead (session 33, ``bench_lineage``): a reprint under a byline or a new top holds all of the wire and
    more, so the wire was "more covered" and was called the reprint's derivative (59 of 65 undated reprints
    the wrong way). A copy keeps its source's lead: trims cut from the foot (the inverted pyramid), and a new
    top goes above the lead. Why own text: a report made of two others (half of each) is as covered by either as
    that one is by it; the one whose every sentence is found in the story's other reports is the compilation.
    Only then: less own text alone is no sign, since a wire copied by two reports has little of its own (the
    bundled story's northwire, 0.35, was called daily-ledger's copy, 0.44)."""
    if (first := first_published(a, b)) is not None:
        return (a.id, b.id, "published") if first is a else (b.id, a.id, "published")
    if top_a != top_b:
        return (b.id, a.id, "new_top") if top_a else (a.id, b.id, "new_top")
    if share_a > 0 and made_a != made_b and (own_b if made_a else own_a) >= PART_MIN:
        return (b.id, a.id, "own_text") if made_a else (a.id, b.id, "own_text")
    if share_a != share_b:
        return (b.id, a.id, "coverage") if share_a > share_b else (a.id, b.id, "coverage")
    # equal shares (two near-copies of one length): the document order decided ("the later is the source"), so
    # a user who listed the files the other way round got the other lineage; the content hash is order-free
    return (a.id, b.id, "hash") if (a.hash, a.id) <= (b.hash, b.id) else (b.id, a.id, "hash")


# the ``_direction`` rules that read no date and no sign of which text was made from which: coverage (a trim keeps
# less than its source) tells only when one holds text the other has not (``_rewrites``)
_UNSAID = ("coverage", "hash")


def _rewrites(mine, mine_in_theirs: dict[int, int], theirs_in_mine: dict[int, int],  # noqa: ANN001
              mine_paired: dict[int, set[int]]) -> bool:
    """Whether each of ``mine``'s sentences not reused from the other report is aligned with one of the other's
    not reused from it: a sentence reworded past ``REUSE_MIN`` on both sides, not one added or dropped.

    Why (session 34, the light rewrites of ``bench_lineage``; lin33 and revl33 left it): a report rewritten
    sentence by sentence ("said" -> "told reporters") keeps the other's lead, adds nothing and drops nothing,
    and its reworded sentences fall under reuse on both sides alike; coverage then named as the source whichever
    lost fewer characters to the rewording (undated, 0.29 of them the right way: under a coin's 0.5). Nothing
    in two such texts says which came first, as for two exact copies, and the views say so (``unordered``)."""
    return all(any(t not in theirs_in_mine for t in mine_paired.get(s.index, ()))
               for s in mine if s.index not in mine_in_theirs)


# a word of a sentence as ``_changes`` reads it: letters or digits, with inner stops, commas and apostrophes
# ("5.2", "1,000", "don't")
_TOKEN = re.compile(r"\w+(?:[.,'’]\w+)*")
_NEGATION = frozenset({"not", "no", "never", "without", "none", "nobody", "nothing", "neither", "nor"})
# a day or a month named in words is a date, as a figure is (``_fact``): "on Tuesday" -> "on Wednesday"
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec".split())


def _fact(token, unit, names: dict[str, list[tuple[int, int]]]) -> str | None:  # noqa: ANN001
    """What kind of fact a word (a match in ``unit.text``) carries, for ``_changes``: a figure, a negation, a
    name (inside a mention of a person, organisation or place the analysis found); None for any other word."""
    word = token.group()
    low = word.lower()
    if any(c.isdigit() for c in word) or low in _DATE_WORDS and word[0].isupper():
        return "figure"
    if low in _NEGATION or low.endswith(("n't", "n\u2019t")):
        return "negation"
    at = unit.start + token.start()
    if any(start <= at < end for start, end in names.get(unit.doc, ())):
        return "name"
    return None


CHANGE_WORDS = 3  # a changed stretch this many words or fewer on each side (``_changes``)


def _changes(x, y, names: dict[str, list[tuple[int, int]]]) -> list[tuple[Span, Span]]:  # noqa: ANN001
    """The places where two reused sentences (aligned units) give another figure, name or negation: (x's words,
    y's words in their place). A stretch of up to ``CHANGE_WORDS`` words on each side replaced by another, holding
    a figure or a negation the other sentence does not hold at all, or a name in both (a clause moved keeps its
    words, so it is no change); or a negation added or dropped (shown with a word on each side).

    Why (session 34; review revl33): "killed 5" and "killed 50" are one sentence to the reuse (ratio 0.99), so a
    copy that changed the toll read "copies of each other: every sentence of each is in the other". A copy that
    changed a fact is still a copy (its words are the source's), and the change is what an editor most needs to
    see of it: the edge keeps the reuse and names the change (``LineageEdge.changed``). Why only short
    stretches replaced (bench_lineage): one text split into sentences at other places in two reports ("Sept."
    ending one, "Sept. 8, 2010" the other) reads as words added at a sentence's end ("Sept" / "Sept. 8"); 36 of
    the marks on copies that changed nothing were such; a name is the analysis's, not a capital (a rewrite's
    "City officials" -> "Town authorities" moved mid-sentence)."""
    from difflib import SequenceMatcher

    xs, ys = list(_TOKEN.finditer(x.text)), list(_TOKEN.finditer(y.text))
    x_low, y_low = [_fold(m.group()) for m in xs], [_fold(m.group()) for m in ys]
    x_words, y_words = set(x_low), set(y_low)
    # the figures of the two sentences by value, in order: equal, a figure written two ways ("5" / "five", "$5m" /
    # "$5 million", "5,000" / "5000") is one figure, no change (review revl34)
    same_figures = _values(x.text) == _values(y.text)
    out = []
    matcher = SequenceMatcher(None, x_low, y_low, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal" or i2 - i1 > CHANGE_WORDS or j2 - j1 > CHANGE_WORDS:
            continue
        kinds_x = {_fact(m, x, names) for m, low in zip(xs[i1:i2], x_low[i1:i2], strict=True) if low not in y_words}
        kinds_y = {_fact(m, y, names) for m, low in zip(ys[j1:j2], y_low[j1:j2], strict=True) if low not in x_words}
        if same_figures and not _dated(xs[i1:i2], ys[j1:j2]):
            kinds_x.discard("figure")
            kinds_y.discard("figure")
        if op == "replace":
            if not ({"figure", "negation"} & (kinds_x | kinds_y) or "name" in kinds_x & kinds_y):
                continue
        elif "negation" not in kinds_x | kinds_y:
            continue
        else:  # a negation added or dropped: shown between the words around it
            i1, i2, j1, j2 = max(i1 - 1, 0), min(i2 + 1, len(xs)), max(j1 - 1, 0), min(j2 + 1, len(ys))
            if i1 == i2 or j1 == j2:
                continue
        out.append((Span(x.doc, x.start + xs[i1].start(), x.start + xs[i2 - 1].end(),
                         x.text[xs[i1].start() : xs[i2 - 1].end()]),
                    Span(y.doc, y.start + ys[j1].start(), y.start + ys[j2 - 1].end(),
                         y.text[ys[j1].start() : ys[j2 - 1].end()])))
    return out


def _fold(word: str) -> str:
    """A word as ``_changes`` matches it: lower-cased, accents dropped ("José" / "Jose" is one name spelt two
    ways, not another name; review revl34)."""
    return "".join(c for c in unicodedata.normalize("NFKD", word.lower()) if not unicodedata.combining(c))


def _values(text: str) -> list[tuple[float, str | None]]:
    """The figures of a sentence by value and unit, in order (``quantities.figures_in``): "five" and "5" alike;
    then its ordinals ("12th" / "twelfth", which ``figures_in`` does not read)."""
    from storycheck.quantities import figures_in, ordinals_in

    return [(q.value, q.unit) for q in figures_in(text)] + [(float(v), "ordinal") for _, _, v in ordinals_in(text)]


def _dated(xs, ys) -> bool:  # noqa: ANN001
    """Whether two replaced stretches differ in a day or a month named in words, which ``figures_in`` does not
    read ("Tuesday" / "Wednesday"): such a change stays one with the figures equal."""
    return {m.group().lower() for m in xs if m.group().lower() in _DATE_WORDS} != \
        {m.group().lower() for m in ys if m.group().lower() in _DATE_WORDS}


@lru_cache(maxsize=4096)
def read_published(value: str | None) -> tuple[datetime, bool] | None:
    """(moment in UTC, whether a time of day is given) from ISO 8601, RFC 2822 (an RSS feed's ``pubDate``, "Thu,
    27 Nov 2026 07:02:00 GMT") or a full written date such as ``May 13, 2024``; None when it cannot be read:
    publication strings compared as text order ``April`` before ``March``, and ``10:00+02:00`` after ``09:30Z``.
    The one reader of a written date: the future-date margin (``ingest``) and the clustering window
    (``cluster._posix``) ask it too.

    RFC 2822 is ``email.utils``'s (session 29: the clustering read it with its own step first, the lineage and the
    margin through ``dateparser``, and the two disagreed). Where they differ: a two-digit year ("27 Nov 26") is
    ``email.utils``'s (2026, as RFC 2822 says; ``dateparser`` is asked of a four-digit year only, "yesterday"
    being read against today otherwise); a zone word ``email.utils`` does not know ("CEST", "BST"; it knows UT,
    GMT and the American zones) or a clock's "PM" is ``dateparser``'s, which reads them (``email.utils`` read
    09:02 CEST as 09:02 UTC and 7:02 PM as 07:02); a zone word neither knows is read in UTC."""
    if not value:
        return None
    moment = _moment(value)
    if moment is None:
        return None
    if moment.tzinfo is not None:
        if abs(moment.utcoffset()) > FARTHEST:  # ("+15", "+20", "+1500": no zone's; ``FARTHEST``)
            return None
        try:
            moment = moment.astimezone(UTC).replace(tzinfo=None)
        except OverflowError:  # "0001-01-01T00:30+01:00": before year 1 in UTC; one row's date, not the run's end
            return None
    return moment, bool(re.search(r"\d:\d\d", value))


def _moment(value: str) -> datetime | None:
    """The moment ``value`` gives, in its own zone, or None: ISO 8601 first as given (what it reads needs no
    rewriting, and ``cluster._posix`` reads so), then with a short offset made four digits, RFC 2822, a written
    date."""
    moment = _iso(value)
    if moment is not None and (moment.tzinfo is None or abs(moment.utcoffset()) <= FARTHEST):
        return moment
    start = _range_start(value, iso=moment is not None)
    if start is not None:
        return _moment(start)
    if moment is None:
        value = _whole_offset(value)
        moment = _iso(value) or _rfc2822(value.strip()) or _dateparser_parse(value)
    return moment


# a time range after a date ("27 Nov 2026 10:00-15:00", "10:00 – 15:00 GMT", "9:30am-11am"): a clock without
# seconds, a dash, a clock or an hour with its AM/PM; what follows (a zone) is kept
_RANGE = re.compile(r"(?<![\d:])(\d\d?):(\d\d)(\s*[AP]\.?M\.?)?(\s*)([-\u2013\u2014])(\s*)(\d\d?)(?::(\d\d))?(\s*[AP]\.?M\.?)?"
                    r"(?![\d:])", re.IGNORECASE)


def _range_start(value: str, *, iso: bool) -> str | None:
    """``value`` with a time range written as its start ("27 Nov 2026 10:00-15:00" -> "27 Nov 2026 10:00"), or None
    when it holds none. Why (session 32): "10:00-15:00" was read as 10:00 at the offset -15:00, which no zone has,
    so as no time at all (E609, whose words spoke of an offset). A range: an en or em dash, a hyphen with spaces
    around it, or a hyphen between two clocks the second later ("10:00-15:00", "9:30am-11am"; AM and PM read). An
    offset's spellings stay offsets: a hyphen and a bare hour ("7:02 PM -5", "10:00-12"), an end before the start
    ("7:02 PM-05:00", "10:00-05:00"), and any ISO 8601 value (``iso``: "2026-11-27T10:00-11:00" at UTC-11) unless
    its offset is past ``FARTHEST`` (``_moment`` asks only then: the offset reading is no time anyway)."""
    found = _RANGE.search(value)
    if found is None:
        return None
    start, end = _minutes(int(found[1]), int(found[2]), found[3]), _minutes(int(found[7]), int(found[8] or 0), found[9])
    spaced = found[5] != "-" or (found[4] and found[6])
    if iso and not end > start or not iso and not spaced and (
            (found[8] is None and not found[9]) or not end > start):
        return None
    return value[: found.start()] + f"{found[1]}:{found[2]}{found[3] or ''}" + value[found.end():]


def _iso(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def _minutes(hour: int, minute: int, half: str | None) -> int:
    """Minutes after midnight of a clock, its "AM"/"PM" read."""
    if half and hour <= 12:
        hour = hour % 12 + (12 if half.strip()[0] in "pP" else 0)
    return hour * 60 + minute


# an offset of whole hours written with one or two digits after a clock, its zone word optional: "07:02 +2",
# "07:02:00 GMT-5", "07:02+02", "7:02 PM +2" (any figure an hour count: "+15" and "+20" were 15 and 20 minutes to
# ``email.utils`` while ISO's "+20" is 20 hours; past 14 it names no zone, and the time is none: ``FARTHEST``); its
# minutes after a colon ("+5:30", "+2:00": read as UTC before, the offset dropped), and a zone's name in brackets
# after it, as RFC 2822 writes a comment ("+1 (CET)": read as one minute ahead of UTC before); words after it are
# dropped (session 32: "7:02 PM +2 updated", "GMT+2 updated", "+2, updated", "+5:30 updated" were 07:02 UTC, the
# offset lost or two minutes: only a zone word after a bare "+2" was read)
_SHORT_OFFSET = re.compile(r"(\d:\d\d(?::\d\d(?:\.\d+)?)?(?:\s*[AP]\.?M\.?)?)\s*(?:(?:GMT|UTC|UT)\s*)?([+-])(\d\d?)"
                           r"(?::(00|15|30|45))?(?:\s*\([A-Za-z][A-Za-z0-9 +:-]{0,30}\)|[\s,;]+[A-Za-z(].*)?\s*$",
                           re.IGNORECASE)


# The farthest a zone is from UTC (UTC+14, Kiribati's Line Islands; the farthest west is UTC-12). A time given with
# a larger offset ("07:02 +15", "07:02 +20", "+1500", ISO "T07:02+20:00") is read as no time at all (session 31):
# no zone has it, so the figure is a typo or another field run into the date, and which moment was meant is
# unknown; ``email.utils`` read "+15" and "+20" as minutes (07:02 +20 as 06:42 UTC), ``datetime.fromisoformat``
# reads "+20" as hours (11:02 UTC the day before): a row's two spellings a day apart in the clustering's window
# and the lineage's order. Dropped, the row is kept and clustered and ordered without its time, as a row with an
# unreadable ``published`` is. ``cluster._posix`` reads ISO 8601 itself and holds to the same limit.
FARTHEST = timedelta(hours=14)


# a clock, then an offset past FARTHEST in any spelling _whole_offset and the readers take ("+15", "GMT-20", "+1500",
# "+14:30", "T07:02+20:00"): what ``no_zone`` asks ``read_published`` about (every other value is not read twice)
_PAST_FARTHEST = re.compile(r"\d:\d\d(?::\d\d(?:[.,]\d+)?)?\s*(?:[AP]\.?M\.?\s*)?(?:(?:GMT|UTC|UT)\s*)?[+-](?:1[5-9]|[2-9]\d|14:?(?!00)\d\d)",
                            re.IGNORECASE)


def no_zone(value: str | None) -> bool:
    """Whether ``value`` is a time whose offset names no zone (past ``FARTHEST``), read by ``read_published`` as no
    time: a batch's corpus reads such a row without it, with a notice (``corpus._not_ahead``, E609)."""
    if not value or (clock := value.find(":")) < 0 or ("+" not in value[clock:] and "-" not in value[clock:]):
        return False  # (no offset after a clock: "...T07:02:00Z", a date alone; most rows, asked of each: under 1 µs)
    return _PAST_FARTHEST.search(value) is not None and read_published(value) is None


def _whole_offset(value: str) -> str:
    """A one- or two-digit offset after a clock written as RFC 2822's four digits ("07:02:00 +2" -> "07:02:00 +0200",
    "07:02 +5:30" -> "07:02 +0530"), which ``email.utils`` and ``datetime.fromisoformat`` read: ``email.utils`` read
    "+2" as two minutes (the moment 07:00 UTC for 07:02 at UTC+2, where 05:02 is meant), and ``dateparser`` none of
    the forms that fall back to it."""
    return _SHORT_OFFSET.sub(lambda m: f"{m.group(1)} {m.group(2)}{int(m.group(3)):02d}{m.group(4) or '00'}",
                             value.rstrip())


def _rfc2822(value: str) -> datetime | None:
    """An RFC 2822 date as ``email.utils`` reads it, its zone given; None for a value it cannot read, or whose last
    word is a zone (or "AM"/"PM") it does not know and ``dateparser`` can read (``read_published``)."""
    from email.utils import parsedate_to_datetime

    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    clock = re.search(r"\d:\d\d(?::\d\d)?(.*)$", value)
    rest = clock.group(1).strip() if clock else ""  # what follows the clock: the zone, if any
    if not rest or re.fullmatch(r"[+-]\d{4}(?:\s*\(.*\))?", rest) or (moment.tzinfo is not None and rest.isalpha()):
        return moment  # a zone it knows, an RFC 2822 offset (+0200, "-0000": UTC), none: the moment in UTC
    # a zone it misread: a word it does not know (CEST), a clock's PM, or an offset not in RFC 2822's four digits
    # ("+02:00", "GMT+2", "-05:00" were the moment in UTC to it, "+2" two minutes; revu29)
    found = _dateparser_parse(value) or _dateparser_parse(f"{moment:%Y-%m-%d %H:%M:%S} {rest}")
    if found is not None:
        return found
    # neither reads it (review revinc31): an offset past FARTHEST ("07:02 PM +15", "07:02 +15 updated") was
    # minutes to ``email.utils``, or dropped with the PM; a short offset with words after it ("07:02 +2 CET") two
    # minutes: the rule of ``_SHORT_OFFSET`` (any figure an hour count) holds here too
    if _PAST_FARTHEST.search(value):
        return None
    if (short := re.match(r"([+-])(\d\d?)(?!\d)", rest)) and moment.tzinfo is not None:
        hours = timedelta(hours=int(short[2]))
        return moment.replace(tzinfo=timezone(hours if short[1] == "+" else -hours))
    return moment


def _dateparser_parse(value: str) -> datetime | None:
    """A written date as ``dateparser`` reads it, asked only of a value with a four-digit year ("yesterday" would be
    read against today); the common plain forms first by ``_plain_date`` (the same moment, ~1000x faster).

    Why the fast path (session 33, a data engineer's walk): ``dateparser`` takes 1-6 ms a value ("12/06/2008 10:00",
    "Dec 6 2008"), and a CSV export's ``published`` has as many distinct values as rows: a 10k corpus spent ~65 s
    there, against the clustering's ~5 s. Why a dotted date is day first: "06.12.2008" is how most of Europe
    writes 6 December (``dateparser``'s English order read it as June 12); slashes keep the English month first."""
    if not _YEAR.search(value):
        return None
    plain = _plain_date(value)
    if plain is not None:
        return plain
    import dateparser

    settings = {"STRICT_PARSING": True, "TIMEZONE": "UTC", "TO_TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": False,
                "PARSERS": _ABSOLUTE}
    if _DOTTED.search(value):
        settings["DATE_ORDER"] = "DMY"
    return dateparser.parse(value, languages=["en"], settings=settings)


_YEAR = re.compile(r"\b(1[6-9]|20)\d\d\b")
# a day, month and year written with dots, day first ("06.12.2008", "6.12.2008 10:00")
_DOTTED = re.compile(r"(?<![\d.])\d\d?\.\d\d?\.\d{4}(?![\d.])")
# the plain forms ``_plain_date`` reads: digits with slashes or dots ("12/06/2008", "06.12.2008"), or a month's
# name and a day ("Dec 6, 2008", "December 6 2008", "6 Dec 2008", "6 December, 2008"), then an optional 24-hour clock
_CLOCK = r"(?:[ T]+(?P<h>\d\d?):(?P<mi>\d\d)(?::(?P<s>\d\d))?)?"
_PLAIN = (
    re.compile(r"(?P<a>\d\d?)(?P<sep>[/.])(?P<b>\d\d?)(?P=sep)(?P<y>\d{4})" + _CLOCK),
    re.compile(r"(?P<mon>[A-Za-z]{3,9})\.? (?P<d>\d\d?),? (?P<y>\d{4})" + _CLOCK),
    re.compile(r"(?P<d>\d\d?) (?P<mon>[A-Za-z]{3,9})\.?,? (?P<y>\d{4})" + _CLOCK),
)
_MONTHS = {name: number for number, full in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
     "december"), 1) for name in (full, full[:3])} | {"sept": 9}


def _plain_date(value: str) -> datetime | None:
    """The moment of a plain date (``_PLAIN``) as ``dateparser`` reads it, or None for any other value (which goes
    to ``dateparser``): month first with slashes, a first figure past 12 then the day ("13/06/2008" is 13 June, as
    ``dateparser`` reads it); day first with dots (``_DOTTED``), a second figure past 12 then the month; a day the
    month does not have is None here and ``dateparser``'s to answer. ``tests/test_lead33.py`` holds the two readers
    equal over every day and month figure."""
    for form in _PLAIN:
        found = form.fullmatch(value.strip())
        if found is None:
            continue
        parts = found.groupdict()
        if "mon" in parts:
            month, day = _MONTHS.get(parts["mon"].lower()), int(parts["d"])
            if month is None:
                return None
        else:
            first, second = int(parts["a"]), int(parts["b"])
            month, day = (first, second) if parts["sep"] == "/" else (second, first)
            if month > 12 and day <= 12:
                month, day = day, month
        try:
            return datetime(int(parts["y"]), month, day, int(parts["h"] or 0), int(parts["mi"] or 0),
                            int(parts["s"] or 0))
        except ValueError:
            return None
    return None


# ``dateparser``'s parsers but its relative one (review revinc31): "27 Nov 2026 10:00 +2 days" was read as the
# machine's now plus two days (the written date thrown away, the moment changing with each run), "+2 hours ago"
# likewise; a ``published`` is a moment written down, never one counted from today. Nor its "no-spaces-time"
# (session 33): it read a bare year as a day ("2026" as 6 February 2020, "2008" as 8 February 2000), which the
# clustering window and the lineage's order then used; every other value that reaches it (a four-digit year as a
# word, ``_YEAR``) reads the same without it
_ABSOLUTE = ["timestamp", "custom-formats", "absolute-time"]


def _order(mapping: dict[int, int]) -> float:
    """Share of reused sentences that keep the source's order (longest increasing subsequence)."""
    if not mapping:
        return 1.0
    seq = [mapping[k] for k in sorted(mapping)]
    tails: list[int] = []
    for v in seq:
        pos = bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
        else:
            tails[pos] = v
    return len(tails) / len(seq)


def _span(doc: Document, sentence) -> Span:  # noqa: ANN001
    return Span(doc.id, sentence.start, sentence.end, doc.text[sentence.start : sentence.end])
