"""``check``: one derived text (a rewrite, a summary, a machine-written article) against its sources.

The same stages as ``compare`` (analyze, align, judge), pointed one way: every sentence of the text gets
a verdict — ``supported``, ``partial`` (some of it the sources do not give), ``contradicted`` (a typed
conflict with a source) or ``unsupported`` (no source sentence carries it) — with a score in [0, 1],
the spans of what the sources do not give, and the closest source sentence it was compared with.

The score is deliberately simple and explainable: a blend of four views of how much of the text the
sources give — word n-grams (weight 0 by default: the pairs below see the same and more), content-word
pairs (each content word with the next two, compared by stem) that one source sentence holds within four
content words (only the sentences the text sentence is aligned with, and their neighbours, count: a pair
held elsewhere is two words borrowed from another event), parse links (``Analysis.relations``: subject,
object, modifier, preposition and negation links between content words, names read as their story-wide
entity) that the sentence's aligned source sentences make (a link only other source sentences make counts
a quarter), and the score of the best-aligned source sentence — lowered by each typed finding against it:
a conflict of the judge, an antonym of the source's word in the same place (``storycheck.roles``), a name,
figure or date the sources never give, a pronoun that refers to no one before it (which also counts as a
word no pair supports) or to a person the sources always call by the other pronoun, or who never does what the
sources tell another person did (``coreference``).
``storycheck.roles`` also reports a slot of an event given another value than the source gives it
(``role``) and arguments linked by a verb the sources never use of them (``predicate``); those explain and
name, at weight 0 in the score, because on FRANK's validation split any weight lowered both figures.
A text written all in lower case (most machine summaries) is analysed with the sources' case
(``storycheck.truecase``). Content words no supported pair covers, and the dependents of links no source
makes that are names, figures, dates or words the sources never use, are named among the sentence's
``missing`` spans. The text's score is the same blend over the whole text. Weights were chosen on FRANK's
validation split only (balanced accuracy plus ROC AUC), as was the threshold of ``eval``: there the blend
reaches balanced accuracy 0.807 and ROC AUC 0.871; per-sentence minima, soft minima and pronoun-resolved
pairs did not help there, nor did moving weight from pairs to links (0.45/0.45: +0.005 balanced accuracy,
within noise, and lower on BUMP), which was left alone.
"""

from __future__ import annotations

import math
import re
import time
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

from storycheck.align import _KIN, OTHER_NAMES, ROLE_WORDS, _fold, _norm, align
from storycheck.analyze import CUE_VERBS, resolve_entity
from storycheck.core import AnalysisCache, analyze_documents, build_report, distinct, number_findings
from storycheck.judge import (
    PLAIN_SPEECH_VERBS,
    SPEAKER_VERBS,
    _denials,
    _explain,
    _is_role,
    _role_words,
    judge,
    opens_sentence,
    people_of,
    verb_readings,
    word_after,
    written_small,
)
from storycheck.lexicon import NEG_RAISING, NOT_SYNONYMS, SYNONYMS
from storycheck.nlp import embedder as load_embedder
from storycheck.quantities import compatible, same_duration
from storycheck.records import (
    Alignment,
    Analysis,
    CheckResult,
    Document,
    Finding,
    Notice,
    Report,
    SentenceVerdict,
    Span,
)
from storycheck.roles import ARGUMENT_DEPS, GENERIC, entity_swaps, phrasal_generic, role_checks
from storycheck.senses import senses
from storycheck.truecase import restore_case

__all__ = ["Weights", "check", "coverage", "pair_coverage"]

# a word; a time of day (``9:25``, ``21:40``) is one, not two numbers: split, its ``25`` was a word any source
# figure 25 (``25 people``) gave, and ``9:40`` against ``9:25`` named only the ``40`` as new. A time written with a
# dot, as British reports do (``9.25pm``, ``09.25 GMT``), is one word too when a clock word follows it (alone,
# ``9.25`` may be a price or a share), and reads as the same word (``_lower``: ``9:25``), so that one report's
# ``9.25pm`` supports another's ``9:25 pm``
WORD = re.compile(r"(?<![\d:])\d{1,2}(?::\d{2}|\.\d{2}(?=\s*(?:[ap]\.?m\b|gmt\b|bst\b|utc\b|local\s+time\b)))(?![\d:])"
                  r"|[^\W_]+(?:['’-][^\W_]+)*", re.IGNORECASE)


def _lower(word: str) -> str:
    """A ``WORD`` in lower case, a time of day always with a colon (``9.25`` of ``9.25pm`` is ``9:25``): only a
    time opens with a digit and holds a dot."""
    return word.lower().replace(".", ":") if word[:1].isdigit() else word.lower()


STOP = frozenset(
    "a an the and or but of to in on at by for with from as is are was were be been being has have had do does "
    "did this that these those it its he she they them his her their we our you your i me my not no will would "
    "can could should may might must shall said says say also than then there here who whom which what when "
    "where why how all any some more most other such only own same so too very just about after before over "
    "into out up down off again further once during while because until against between through under above "
    "below both each few if nor s t don now him hers ours yours itself himself herself themselves myself "
    "yourself ourselves".split()  # personal pronouns: "to him" and "to her" must weigh the same ("us" and
)  # "mine" stay words: the US, a coal mine


@dataclass(frozen=True, slots=True)
class Weights:
    """How findings lower a score: a grid on FRANK's validation split only (benchmarks/bench_frank.py)."""

    conflict: float = 0.10  # a typed conflict multiplies the score by (1 - conflict * confidence)
    antonym: float = 0.10  # ...an antonym of the source's word in the same place (storycheck.roles)
    role: float = 0.0  # ...a role or predicate conflict (storycheck.roles) by (1 - role * confidence)
    new_mention: float = 0.02  # ...and each name, figure or date the sources never give by (1 - new_mention)
    coreference: float = 0.1  # ...and each pronoun tied to no one, or to someone of the other gender (0.05 until a
    # he/she after "a man" or "the minister" stood for someone; then 0.1 kept FRANK valid BA at 0.8106, BUMP coref 95.9%)
    align_floor: float = 0.25  # below this best-pair score the sentence has no counterpart in the sources
    # the blend (weights sum to 1): word n-grams, content-word pairs, parse links, best source sentence
    ngrams: float = 0.0
    pairs: float = 0.8
    relations: float = 0.1
    alignment: float = 0.1
    new_verb: float = 0.01  # each verb of a clause its aligned source sentences do not use, by (1 - new_verb)
    borrowed_verb: float = 0.01  # ...and again by (1 - borrowed_verb) when other source sentences use it
    pairs_elsewhere: float = 0.0  # credit for a pair only source sentences the sentence was not aligned with hold
    swaps: int = 1  # look for names put in a claim the sources make of someone else (roles.entity_swaps)
    deeds: int = 1  # a he/she whose deed the sources tell of another person (pronoun_deeds): a coreference conflict
    speakers: int = 1  # name a speaker made the doer of an act (speakers_made_doers): unsupported, its pairs blocked
    ages: int = 1  # a person given the age the sources give another (ages_of_others): a role conflict
    titles: int = 1  # a person given the office the sources give another (titles_of_others): a role conflict
    claims: int = 1  # a person given the words the sources give another speaker (claims_of_others): a role conflict
    twice: int = 1  # a person named twice in one sentence no source names them twice in (named_twice): coreference
    window: int = 4  # a pair is given if one source sentence has both words within this many content words
    skip: int = 2  # pairs of the text: each content word with the next ``skip`` content words
    role_change: float = 0.5  # credit for a link the sources make between the same two words in another role
    elsewhere: float = 0.25  # ...times this when only source sentences the sentence was not aligned with make it
    verb_reach: int = 0  # a verb is new unless the aligned source sentences (and, at 1, their neighbours) use it:
    # at 0 a verb only the next source sentence uses is a predicate taken from the next claim (BUMP +2 pairs,
    # 'Rosie the Riveter transformed on the cover', 'Angry mob damaged the vehicle'; FRANK valid AUC -0.00004)


def check(
    sources: Sequence[Document],
    text: Document,
    *,
    notices: Sequence[Notice] = (),
    embedder: str | None = "auto",
    cache: AnalysisCache | None = None,
    weights: Weights = Weights(),
    timings: dict[str, float] | None = None,
    features: dict[str, float] | None = None,
) -> Report:
    """Check ``text`` against ``sources``; the report's ``check`` holds the sentence verdicts.

    ``timings``, when given, accumulates the seconds spent in analysis, retrieval and judging;
    ``features``, when given, receives the typed evidence about the whole text, one number each
    (``text_features``: what a learned combination of the evidence would weigh; scripts/combiner_cv.py).
    """
    documents, notices = distinct([text, *sources], list(notices))
    emb = load_embedder(embedder)
    clock = time.perf_counter()
    # a text in lower case is read with the sources' case (same offsets); the report keeps the text as given
    analyses = analyze_documents([restore_case(documents[0], documents[1:]), *documents[1:]], cache)
    t_analyze = time.perf_counter()
    alignment = align(analyses, emb)
    t_align = time.perf_counter()
    findings = [f for f in judge(documents, analyses, alignment, checked=text.id) if _about_text(f, text.id) and not _source_own(f, text.id)]
    aligned = _aligned(alignment, text.id)  # computed once: pronouns, roles and _verdicts read it
    dangling, mismatched = pronoun_checks(documents, analyses, alignment, aligned)
    parsed = [_links(a, alignment.clusters) for a in analyses]  # computed once: roles and _verdicts read them
    roles = role_checks(documents, analyses, parsed, aligned, _aligned(alignment, text.id, 0))
    roles += entity_swaps(documents, analyses, alignment.clusters) if weights.swaps else []
    deeds = pronoun_deeds(documents, analyses, alignment) if weights.deeds else []
    extra = mismatched + [f for f in deeds if not any(m.evidence[0] == f.evidence[0] for m in mismatched)] + _new(roles, findings)
    extra += speakers_made_doers(documents, analyses, parsed, alignment.clusters) if weights.speakers else []
    extra += _new(ages_of_others(documents, analyses, alignment.clusters), findings + extra) if weights.ages else []
    extra += _new(titles_of_others(documents, analyses, alignment.clusters), findings + extra) if weights.titles else []
    extra += _new(claims_of_others(documents, analyses, alignment.clusters), findings + extra) if weights.claims else []
    extra += _new(named_twice(documents, analyses, alignment.clusters), findings + extra) if weights.twice else []
    findings = _text_first(number_findings(_uncontested(findings, extra) + extra, documents), text.id)
    result = _verdicts(documents, analyses, alignment, findings, weights, aligned, dangling, parsed, features)
    if timings is not None:
        timings["analysis"] = timings.get("analysis", 0.0) + t_analyze - clock
        timings["retrieval"] = timings.get("retrieval", 0.0) + t_align - t_analyze
        timings["judging"] = timings.get("judging", 0.0) + time.perf_counter() - t_align
    return build_report(documents, analyses, findings, notices, emb, check=result)


def _text_first(findings: list[Finding], text_id: str) -> list[Finding]:
    """Each conflict the judge worded says the text's value first: the judge says a pair's values in the order it
    met them, so a fact-checker read “were not seeking” (b) vs “seeking” (draft) beside “About 580” (draft) vs
    “About 850” (a) in one report (session 31's walk). Only a line ``_explain`` wrote is said again."""
    for f in findings:
        if f.kind == "conflict" and text_id in f.values and next(iter(f.values)) != text_id and f.explanation == _explain(f):
            f.values = {text_id: f.values[text_id], **{d: v for d, v in f.values.items() if d != text_id}}
            f.explanation = _explain(f)
    return findings


def _aligned(alignment: Alignment, text_id: str, reach: int = 1) -> dict[int, set[tuple[str, int]]]:
    """Per text sentence, the source sentences aligned with it and their neighbours (one claim is often
    split over two sentences; ``reach`` 0: without the neighbours)."""
    aligned: dict[int, set[tuple[str, int]]] = {}
    for pair in alignment.pairs:
        for x, y in ((pair.a, pair.b), (pair.b, pair.a)):
            if x.doc == text_id and y.doc != text_id:
                aligned.setdefault(x.sentence, set()).update((y.doc, y.sentence + k) for k in range(-reach, reach + 1))
    return aligned


def _uncontested(findings: list[Finding], conflicts: Sequence[Finding]) -> list[Finding]:
    """``findings`` less each ``corroborated`` claim whose two sentences hold one of ``conflicts`` (found after the
    judge, which says "alike" of a pair it finds no conflict in: ``check``'s role checks find ``won`` / ``lost``)."""
    within: dict[tuple[str, str], list[Finding]] = defaultdict(list)  # by the docs of its two spans
    for c in conflicts:
        if len(c.evidence) == 2:
            within[(c.evidence[0].doc, c.evidence[1].doc)].append(c)

    def contested(f: Finding) -> bool:
        if f.kind != "corroborated" or len(f.evidence) != 2:
            return False
        x, y = f.evidence
        return any(x.start <= c.evidence[i].start and c.evidence[i].end <= x.end and y.start <= c.evidence[1 - i].start
                   and c.evidence[1 - i].end <= y.end
                   for i, docs in ((0, (x.doc, y.doc)), (1, (y.doc, x.doc))) for c in within.get(docs, ()))  # fmt: skip

    return [f for f in findings if not contested(f)]


def _new(extra: list[Finding], findings: list[Finding]) -> list[Finding]:
    """The role findings whose text span no conflict of the judge already covers (one error, one finding)."""
    taken = [s for f in findings if f.kind == "conflict" for s in f.evidence]
    out: list[Finding] = []
    for f in extra:
        mine = f.evidence[0]
        if not any(t.doc == mine.doc and t.start < mine.end and mine.start < t.end for t in taken):
            out.append(f)
            taken.append(mine)
    return out


def _about_text(f: Finding, text_id: str) -> bool:
    """Findings between two sources, or on what only a source says, are not the text's business."""
    return any(s.doc == text_id for s in f.evidence)


VALUE_TYPES = frozenset({"name", "title", "number", "date"})


def _source_own(f: Finding, text_id: str) -> bool:
    """A value conflict in which the text gives a value a source itself gives (``Zara Philipps`` where the
    article spells her ``Zara Phillips`` and ``Zara Philipps``): the sources disagree with themselves, the
    text repeats one of them, and that is no conflict of the text's."""
    if f.kind != "conflict" or f.type not in VALUE_TYPES:
        return False
    theirs = {s.text.casefold() for s in f.evidence if s.doc != text_id}
    return any(s.text.casefold() in theirs for s in f.evidence if s.doc == text_id)


def _verdicts(documents, analyses, alignment: Alignment, findings: list[Finding], w: Weights,  # noqa: ANN001
              aligned: dict[int, set[tuple[str, int]]], dangling: Sequence[Span] = (), parsed: Sequence[list] | None = None,
              features: dict[str, float] | None = None) -> CheckResult:  # fmt: skip
    text_doc, sources = documents[0], documents[1:]
    ta = analyses[0]
    source_words = _vocabulary(analyses[1:], [d.text for d in sources])
    source_clusters = {alignment.clusters.get((a.doc_id, e.id)) for a in analyses[1:] for e in a.entities}
    source_names: dict[int, list[str]] = {}  # what the sources call each person or body: the words a span may borrow
    for a in analyses[1:]:
        for m in a.mentions:
            if m.entity is not None and (c := alignment.clusters.get((a.doc_id, getattr(resolve_entity(a.entities, m.entity), "id", None)))) is not None:
                source_names.setdefault(c, []).append(m.text)
    source_quantities = [(m.quantity, m.text.lower()) for a in analyses[1:] for m in a.mentions if m.quantity is not None]
    grams = _ngrams([d.text for d in sources]) if w.ngrams else None
    near = _pair_index([s.text for a in analyses[1:] for s in a.sentences])
    flat = {(a.doc_id, s.index): i for i, (a, s) in enumerate((a, s) for a in analyses[1:] for s in a.sentences)}
    links = relation_support(ta, analyses[1:], w.role_change, alignment.clusters, aligned, w.elsewhere, parsed)
    best: dict[int, tuple[float, Span]] = {}
    for pair in alignment.pairs:
        for x, y in ((pair.a, pair.b), (pair.b, pair.a)):
            if x.doc == text_doc.id and y.doc != text_doc.id and pair.score > best.get(x.sentence, (-1.0, None))[0]:
                best[x.sentence] = (pair.score, Span(y.doc, y.start, y.end, y.text))
    verdicts, named, parts, unpaired_words, scores, new_verb_count, borrowed_count = [], [], [], 0, [], 0, 0
    lemmas_at = {(a.doc_id, i): set(ls) for a in analyses[1:] for i, ls in enumerate(a.lemmas)} if w.new_verb else {}
    readings = _phrasal_readings(documents, analyses, lemmas_at) if w.new_verb else {}
    source_lemmas = set().union(*lemmas_at.values()) if w.borrowed_verb and lemmas_at else set()
    # the particles of the text's phrasal verbs (``walked out``: the parse's ``advmod`` link to ``out``) are words of
    # their verb, not words to name as missing: the verb is ``new_verbs``' to judge (session 29's walk listed "out"
    # of "walked out" against "walked off the job" as not in the sources)
    readings_all = readings or verb_readings(text_doc.text, ta)
    actors = {f"#{alignment.clusters.get((a.doc_id, e.id))}" for a in analyses for e in a.entities
              if e.kind in ("person", "org") and alignment.clusters.get((a.doc_id, e.id)) is not None}  # fmt: skip
    verb_args = _verb_arguments(parsed, actors) if source_lemmas and parsed else None
    verbs_aligned = _aligned(alignment, text_doc.id, w.verb_reach) if w.verb_reach != 1 else aligned
    clauses_at: dict[int, list] = {}  # the text's clauses by sentence, once (not all clauses per sentence)
    for c in ta.clauses:
        clauses_at.setdefault(c.sentence, []).append(c)
    touching_at = _by_sentence(ta.sentences, ((f, e.start) for f in findings for e in f.evidence if e.doc == text_doc.id))
    unlinked_at = _by_sentence(ta.sentences, ((d, d.start) for d in dangling))
    other_names = _SourceNames(analyses[1:], sources)
    for s in ta.sentences:
        touching = touching_at.get(s.index, [])
        missing = _missing(text_doc, ta, s, source_words, source_clusters, source_quantities, alignment, sources)
        inside = _places_inside_names(text_doc, ta, s.index, other_names)
        inside += [f.evidence[0] for f in touching if f.kind == "partial" and f.type == "speaker"
                   and s.start <= f.evidence[0].start and f.evidence[0].end <= s.end]  # fmt: skip
        missing += [m for m in inside if not any(x.start < m.end and m.start < x.end for x in missing)]
        verbs = new_verbs(text_doc, ta, s.index, verbs_aligned.get(s.index), lemmas_at, clauses_at.get(s.index, ()), readings) if w.new_verb else []
        borrowed = _borrowed(verbs, clauses_at.get(s.index, ()), source_lemmas, verb_args, s.index, readings)
        unlinked = unlinked_at.get(s.index, [])
        named += missing
        score_pair, closest = best.get(s.index, (0.0, None))
        if s.index in aligned:
            own = {flat[at] for at in aligned[s.index] if at in flat}
        else:  # no counterpart: its pairs are read where an aligned sentence's are, in the one it is compared with
            # (and its neighbours), not in every source sentence, or an edit that loses the alignment (a borrowed
            # name shifting the mutual best match, a place no source sentence gives) earns pairs held anywhere
            closest, at = _most_shared(ta.lemmas[s.index], analyses[1:], sources) if closest is None else (closest, None)
            own = {flat[k] for k in _neighbours(at) if k in flat} if at is not None else set()
        conflicts = [f for f in touching if f.kind == "conflict"]
        blocked = [b for f in conflicts if f.type in BLOCKING for e in f.evidence[:1]
                   if e.doc == text_doc.id and s.start <= e.start and e.end <= s.end
                   for b in _contradicted(f, _widened(e.start, e.end, ta.mentions, s.start), s.text)]
        blocked += [(m.start - s.start, m.end - s.start) for m in inside]
        blocked += [_widened(e.start, e.end, ta.mentions, s.start) for f in conflicts for e in _speakers_of(f, text_doc.id, s)]
        pairs, unpaired = pair_coverage(s.text, near, w.window, w.skip, own, w.pairs_elsewhere, blocked)
        unpaired_words += len(unpaired)
        pairs = _with_unknown(pairs, len(_content(s.text)), len(unlinked), w.skip)
        sentence_links = [v for v, _ in links.get(s.index, [])]
        part = (coverage(s.text, grams) if grams else 0.0, pairs, sentence_links, min(1.0, score_pair))
        parts.append(part)
        score = _penalised(_blend([part], w), conflicts, missing, w, len(unlinked), len(verbs), borrowed)
        new_verb_count += len(verbs)
        borrowed_count += borrowed
        scores.append(score)
        extra = [Span(text_doc.id, s.start + a, s.start + b, text_doc.text[s.start + a : s.start + b]) for a, b in unpaired]
        particles = {x.rsplit("_", 1)[1] for (i, _), found in readings_all.items() if i == s.index for x in found if "_" in x}
        # nor a form of ``be`` / ``have`` / ``do`` the parse took for a clause's verb (``who is mediating`` read as
        # ``is`` with ``mediating`` its complement): a word of grammar, which ``new_verbs`` leaves out too (session 29)
        helpers = {c.verb_span for c in clauses_at.get(s.index, ()) if c.verb in _HELPER_VERBS}
        extra += [Span(text_doc.id, a, b, text_doc.text[a:b]) for v, (a, b) in links.get(s.index, [])
                  if v == 0.0 and _pointed(text_doc.text[a:b], (a, b), ta, source_words)
                  and text_doc.text[a:b].lower() not in particles and (a, b) not in helpers]  # fmt: skip
        # a span the closest source sentence writes word for word (``Okafor`` of "Judge Amina Okafor said"
        # against "Judge Amina Okafor ruled", ``Tuesday``, ``council``) is no word the sources lack: what differs
        # is how it is linked, so it is named apart (``recombined``), where an intrinsic error (source words out of
        # place) shows, as BUMP's edits do (session 24 dropped them: "edit named" 0.929 -> 0.883); never a word of a value a conflict says the source
        # gives otherwise, nor of a person or body no source names ("Tom Lopez" for the source's "Maria Lopez")
        bodies = [(m.start, m.end, alignment.clusters.get((text_doc.id, getattr(resolve_entity(ta.entities, m.entity), "id", None))))
                  for m in ta.mentions if m.sentence == s.index and m.entity is not None]  # fmt: skip
        first = next((s.start + m.start() for m in WORD.finditer(s.text)), s.start)  # (its capital is no name's)
        # (not a one-word name opening the sentence that a source writes as a common word: ``_missing``)
        strangers = [(a, b) for a, b, c in bodies if c not in source_clusters and not (
            a <= first and any(written_small(d.text, text_doc.text[a:b], word_after(text_doc.text, b)) for d in sources))]
        named_there = [(a, b, Span("", 0, 0, " ".join(source_names[c]))) for a, b, c in bodies if c in source_names]
        kept = [(s.start + a, s.start + b) for a, b in blocked] + strangers
        apart = [e for e in extra if _written_there(e.text, closest, e.start <= first)
                 and not any(a < e.end and e.start < b for a, b in kept)]
        recombined = []
        for e in apart:  # each span once: one can be both an unpaired word and an unmade link ("Tuesday" ×2)
            if not any(r.start < e.end and e.start < r.end for r in recombined):
                recombined.append(e)
        for span in [*unlinked, *verbs, *(e for e in extra if e not in apart)]:
            if not any(m.start < span.end and span.start < m.end for m in missing):
                missing.append(span)
        # the last word on "not in the sources": a span of any path (``_missing``, a place inside a name, an unmade
        # link, a new verb, a conflict's value) whose words the closest source sentence writes is in the sources
        # (session 25's walk: "Prime, Minister" against "Former Prime Minister", "January" of "January 2021"
        # against "January 2022", the two names of a swapped actor): it is listed as linked otherwise, unless it
        # is of a person or body no source names, or a pronoun that stands for no one (``unlinked``: what the
        # sources lack is whom "he" is, not the word). So is a span inside the name of a person or body a source
        # names in those words, in whatever sentence ("The Port Employers Association called the strike" against
        # "The union called the strike": the association is in the source, a sentence later; not "Acosta" of
        # "Maria Acosta" for the source's "Maria Costa", one person spelled otherwise). Scores and verdicts were taken
        # above: only the lists move.
        written = [m for m in missing if m not in unlinked
                   and (_spelled_there(m.text, closest, m.start <= first)
                        or any(a <= m.start and m.end <= b and _spelled_there(m.text, there, m.start <= first) for a, b, there in named_there))
                   and not any(a < m.end and m.start < b for a, b in strangers)]  # fmt: skip
        missing = [m for m in missing if m not in written]
        recombined += [m for m in written if not any(r.start < m.end and m.start < r.end for r in recombined)]
        recombined = [e for e in recombined if not any(m.start < e.end and e.start < m.end for m in missing)]
        missing.sort(key=lambda m: m.start)
        recombined.sort(key=lambda m: m.start)
        if conflicts:
            verdict = "contradicted"
        elif closest is None or score_pair < w.align_floor:
            verdict = "unsupported"
        elif missing or recombined:
            verdict = "partial"
        else:
            verdict = "supported"
        verdicts.append(
            SentenceVerdict(s.index, s.start, s.end, text_doc.text[s.start : s.end], verdict, round(max(0.0, min(1.0, score)), 4),
                            [f.id for f in touching], closest, missing, recombined)  # fmt: skip
        )
    all_conflicts = [f for f in findings if f.kind == "conflict"]
    blended = _blend(parts, w, coverage(text_doc.text, grams) if grams else 0.0)
    overall = _penalised(blended, all_conflicts, named, w, len(dangling), new_verb_count, borrowed_count)
    if features is not None:
        features.update(text_features(text_doc.text, [d.text for d in sources], parts, scores, findings, named,
                                      dangling, unpaired_words, overall))  # fmt: skip
    return CheckResult(text_doc.id, [d.id for d in sources], round(overall, 4), verdicts)


def _neighbours(at: tuple[str, int]) -> list[tuple[str, int]]:
    """A source sentence and the two beside it, as ``_aligned`` widens an alignment (reach 1)."""
    return [(at[0], at[1] + k) for k in (-1, 0, 1)]


def _by_sentence(sentences: Sequence, items: Iterable[tuple[Any, int]]) -> dict[int, list]:
    """Items by the index of the sentence their offset falls in (``start <= offset < end``), each once per
    sentence and in the order given: one bisection per item, where a scan of every item for every sentence
    made a long text quadratic."""
    starts = [s.start for s in sentences]
    out: dict[int, list] = {}
    placed: set[tuple[int, int]] = set()
    for item, offset in items:
        k = bisect_right(starts, offset) - 1
        if k >= 0 and offset < sentences[k].end and (k, id(item)) not in placed:
            placed.add((k, id(item)))
            out.setdefault(sentences[k].index, []).append(item)
    return out


def text_features(text: str, sources: Sequence[str], parts: list, scores: list[float], findings: list[Finding],  # noqa: PLR0913
                  named: list[Span], dangling: Sequence[Span], unpaired: int, overall: float) -> dict[str, float]:  # fmt: skip
    """The evidence about the whole text, one number each: how much of it the sources give (word n-grams,
    content-word pairs, parse links, best-aligned source sentence; mean and worst sentence), and how many
    findings of each type stand against it. Computed only on request (``check(features=...)``): it is what
    a learned combination of the evidence would weigh, and scripts/combiner_cv.py measures whether one
    beats the hand-weighted score (on FRANK's validation split it does not, see there)."""
    n = max(1, len(parts))
    uni, bi, tri = _shares(text, _ngrams(sources))
    links = [v for p in parts for v in p[2]]
    words = max(1, len(_content(text)))
    conflicts = [f for f in findings if f.kind == "conflict"]
    typed = {"antonym": 0.0, "role": 0.0, "predicate": 0.0, "coreference": 0.0}
    for f in conflicts:
        if f.type in typed:
            typed[f.type] += 1
    return {
        "score": overall,
        "sentence_mean": sum(scores) / len(scores) if scores else 1.0,
        "sentence_min": min(scores, default=1.0),
        "pairs": sum(p[1] for p in parts) / n,
        "pairs_min": min((p[1] for p in parts), default=1.0),
        "links": sum(links) / len(links) if links else 1.0,
        "links_unmade": sum(v == 0.0 for v in links) / len(links) if links else 0.0,
        "aligned": sum(p[3] for p in parts) / n,
        "aligned_min": min((p[3] for p in parts), default=1.0),
        "unigrams": uni,
        "bigrams": bi,
        "trigrams": tri,
        "unpaired_share": min(1.0, unpaired / words),
        "new_mentions": float(len(named)),
        "dangling_pronouns": float(len(dangling)),
        "conflicts": float(len(conflicts)) - sum(typed.values()),
        "antonyms": typed["antonym"],
        "roles": typed["role"] + typed["predicate"],
        "coreference": typed["coreference"],
        "partials": float(sum(f.kind == "partial" for f in findings)),
        "sentences": float(len(parts)),
        "log_words": math.log1p(words),
    }


def _shares(text: str, grams: tuple[set, set, set]) -> tuple[float, float, float]:
    """Share of the text's words, word pairs and word triples the sources contain."""
    ws = [_lower(w) for w in WORD.findall(text)]
    if not ws:
        return 1.0, 1.0, 1.0
    uni, bi, tri = grams
    one = sum(w in uni for w in ws) / len(ws)
    pairs = list(zip(ws, ws[1:], strict=False))
    two = sum(p in bi for p in pairs) / len(pairs) if pairs else one
    triples = list(zip(ws, ws[1:], ws[2:], strict=False))
    three = sum(t in tri for t in triples) / len(triples) if triples else two
    return one, two, three


def _with_unknown(share: float, words: int, unknown: int, skip: int) -> float:
    """The pair share when each pronoun that refers to no one counts as a content word no source pair
    supports: ``She won`` for ``Maria Lopez won`` gives the reader less, not more, of what the source says
    (without this, dropping a name the sources spell otherwise would raise the score)."""
    if not unknown:
        return share
    n = sum(max(0, words - k) for k in range(1, skip + 1))
    extra = sum(max(0, words + unknown - k) for k in range(1, skip + 1)) - n
    return share * n / (n + extra) if n + extra else share


def _written_there(words: str, closest: Span | None, initial: bool = False) -> bool:
    """Whether the closest source sentence writes every word of a span (inflection aside: ``stem``): then the
    span is a link the sources do not make, not a word they lack. Case is aside only one way: a text in lower
    case (FRANK's summaries: "tuesday") finds the source's "Tuesday", but a word the text capitalises (past its
    first word, ``initial``) must be capitalised there too, or it is another word in another sense: the month
    "May" is not the source's "may close", "US" not "told us", "Turkey" not "turkey"."""
    if closest is None:
        return False
    there, capital = _written_stems(closest.text)
    mine = [(stem(_lower(w)), w[:1].isupper() and not (initial and i == 0)) for i, w in enumerate(WORD.findall(words))]
    return bool(mine) and all(w in (capital if up else there) for w, up in mine)


def _spelled_there(words: str, there: Span | None, initial: bool = False) -> bool:
    """``_written_there``, and every word the span capitalises (past its sentence's first word, ``initial``) written
    there letter for letter (case and a possessive aside): a name is not inflected, so its stem is no match. "Maria
    Costas" or "Paul Adams" for the source's "Maria Costa" and "Paul Adam" is a name the sources lack, spelled
    otherwise (review revu26: session 26's move to ``recombined`` listed both as in the source). So is a word of a
    text in lower case (FRANK's summaries) whose stem the source writes only in a capitalised word: "costas" is
    not "Costa" either."""
    if there is None or not _written_there(words, there, initial):
        return False
    written = WORD.findall(there.text)
    exact = {_bare(w) for w in written}
    common = {stem(_lower(w)) for w in written if not w[:1].isupper()}
    return all(_bare(w) in exact for i, w in enumerate(WORD.findall(words))
               if (w[:1].isupper() and not (initial and i == 0)) or stem(_lower(w)) not in common)  # fmt: skip


def _bare(word: str) -> str:
    """A word in lower case without a possessive ending (``Costa's``: ``costa``)."""
    word = _lower(word)
    return word[:-2] if word.endswith(("'s", "’s")) else word


@lru_cache(maxsize=256)
def _written_stems(sentence: str) -> tuple[frozenset[str], frozenset[str]]:
    """(the stems of a source sentence's words, those of its capitalised words): read once per sentence, not once
    per span ``_written_there`` asks about (one closest sentence serves every span of a checked sentence, and
    often several sentences)."""
    words = WORD.findall(sentence)
    return (frozenset(stem(_lower(w)) for w in words), frozenset(stem(_lower(w)) for w in words if w[:1].isupper()))


def _pointed(word: str, span: tuple[int, int], analysis: Analysis, vocabulary: set[str]) -> bool:
    """Whether a link no source makes is worth naming to a reader: its dependent is a name, figure or date
    (a value one event has one of), or a word the sources never use. The other unmade links of an
    abstractive rewrite are paraphrase more often than error, and naming them all names nothing. A time of day
    (``storycheck.clock``) is no such value here: its words are known as words (``_lower``: ``9.25pm`` gives
    ``9:25 pm``'s, which the parse links another way) and a time the sources give otherwise is a date conflict."""
    if not _known(word, vocabulary):
        return True
    return any(m.start <= span[0] and span[1] <= m.end and (m.when is None or m.when.clock is None)
               for m in analysis.mentions)  # fmt: skip


def _most_shared(lemmas: list[str], analyses: Sequence[Analysis], sources: Sequence[Document]) -> tuple[Span | None, tuple[str, int] | None]:
    """For a sentence no source sentence aligns with, the source sentence sharing most of its content words,
    so that an ``unsupported`` verdict still names what it was compared with, and its (document, sentence)
    (None, None when none shares any)."""
    wanted, top, at, key = set(lemmas), 0, None, None
    for a, d in zip(analyses, sources, strict=True):
        for sentence, words in zip(a.sentences, a.lemmas, strict=False):
            shared = len(wanted.intersection(words))
            if shared > top:
                top, at = shared, Span(d.id, sentence.start, sentence.end, d.text[sentence.start : sentence.end])
                key = (a.doc_id, sentence.index)
    return at, key


def _blend(parts: list[tuple[float, float, list[float], float]], w: Weights, ngrams: float | None = None) -> float:
    """The weighted blend of the four views of support: n-grams (of the whole text when given), content-word
    pairs and best-aligned source sentence (mean over sentences), parse links (mean over all links)."""
    if not parts:
        return 1.0
    grams = ngrams if ngrams is not None else sum(p[0] for p in parts) / len(parts)
    pairs = sum(p[1] for p in parts) / len(parts)
    links = [v for p in parts for v in p[2]]
    linked = sum(links) / len(links) if links else 1.0
    aligned = sum(p[3] for p in parts) / len(parts)
    return w.ngrams * grams + w.pairs * pairs + w.relations * linked + w.alignment * aligned


def _penalised(score: float, conflicts: list[Finding], missing: list[Span], w: Weights, unlinked: int = 0,
               verbs: int = 0, borrowed: int = 0) -> float:
    for f in conflicts:
        weight = {"coreference": w.coreference, "antonym": w.antonym}.get(f.type, w.role if f.type in ROLE_TYPES else w.conflict)
        score *= 1.0 - weight * f.confidence
    score *= (1.0 - w.new_mention) ** len(missing) * (1.0 - w.coreference) ** unlinked * (1.0 - w.new_verb) ** verbs
    score *= (1.0 - w.borrowed_verb) ** borrowed
    return round(max(0.0, min(1.0, score)), 4)


def _ngrams(texts: Sequence[str]) -> tuple[set, set, set]:
    words = [[_lower(w) for w in WORD.findall(t)] for t in texts]
    uni = {w for ws in words for w in ws}
    bi = {b for ws in words for b in zip(ws, ws[1:], strict=False)}
    tri = {t for ws in words for t in zip(ws, ws[1:], ws[2:], strict=False)}
    return uni, bi, tri


def coverage(text: str, grams: tuple[set, set, set]) -> float:
    """Mean share of the text's words, word pairs and word triples that the sources contain."""
    return sum(_shares(text, grams)) / 3


def _content(text: str) -> list[tuple[str, int, int]]:
    words = ((_lower(m.group()), m.start(), m.end()) for m in WORD.finditer(text))
    return [(stem(w), a, b) for w, a, b in words if w not in STOP]


SUFFIXES = ("'s", "’s", "ings", "ing", "ied", "ies", "ed", "es", "s")  # the possessive before a bare "s"


def stem(word: str) -> str:
    """The word without its inflection (``moved``, ``moves``, ``moving``: ``mov``), so that a rewrite that
    inflects a source word otherwise is not taken for one that lacks it. Crude on purpose: both sides are
    cut the same way, and only words of four letters or more are cut."""
    if len(word) < 4 or word[0].isdigit():
        return word
    for suffix in SUFFIXES if len(word) >= 5 else ():
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word[:-1] if word.endswith("e") and len(word) > 3 else word


def _pair_index(sentences: Sequence[str]) -> dict[str, dict[int, list[int]]]:
    """Where each content word stands in the sources: word -> source sentence -> content-word positions.
    Kept for the last few sources (read only): an evaluation checks several texts against one article."""
    return _indexed(tuple(sentences))


@lru_cache(maxsize=32)
def _indexed(sentences: tuple[str, ...]) -> dict[str, dict[int, list[int]]]:
    index: dict[str, dict[int, list[int]]] = {}
    for i, sentence in enumerate(sentences):
        for j, (word, _, _) in enumerate(_content(sentence)):
            index.setdefault(word, {}).setdefault(i, []).append(j)
    return index


def pair_coverage(
    text: str, index: dict[str, dict[int, list[int]]], window: int = 4, skip: int = 2,
    aligned: set[int] | None = None, elsewhere: float = 1.0, contradicted: Sequence[tuple[int, int]] = (),
) -> tuple[float, list[tuple[int, int]]]:
    """Share of the text's content-word pairs (each word with the next ``skip``) that one source sentence
    holds within ``window`` content words of each other, and the spans of content words no such pair
    supports: a word the sources lack, or have but never near the text's neighbouring words (a swapped
    entity, predicate or circumstance made of source words). With ``aligned`` (source sentence numbers), a
    pair only other sentences hold counts ``elsewhere`` and does not save its words from being named: two
    source words borrowed from another event. A word inside a ``contradicted`` span (offsets in ``text``: a
    value a typed conflict says the source gives otherwise) supports no pair: ``Gordon Brown left the memo``,
    where the source has Liam Byrne leave it, must not earn the pairs that Brown's name holds elsewhere, so
    a contradicted value never scores above a word the sources lack.
    """
    words = _content(text)
    if contradicted:
        words = [(w if not any(a <= s < b for a, b in contradicted) else "\x00" + w, s, e) for w, s, e in words]
    pairs = [(i, i + k) for k in range(1, skip + 1) for i in range(len(words) - k)]
    if not pairs:
        return 1.0, []
    supported = [False] * len(words)
    found = 0
    for i, j in pairs:
        a, b = index.get(words[i][0], {}), index.get(words[j][0], {})
        held = [sent for sent, ps in a.items() for p in ps for q in b.get(sent, ()) if abs(p - q) <= window]
        if held:
            here = aligned is None or any(sent in aligned for sent in held)
            found += 1 if here else elsewhere
            supported[i] = supported[i] or here
            supported[j] = supported[j] or here
    return found / len(pairs), [(s, e) for (_, s, e), ok in zip(words, supported, strict=True) if not ok]


def new_verbs(doc: Document, analysis: Analysis, sentence: int, aligned: set[tuple[str, int]] | None,
              lemmas_at: dict[tuple[str, int], set[str]], clauses: Sequence | None = None,
              readings: dict[tuple[int, str], set[str]] | None = None) -> list[Span]:
    """The verbs of the sentence's clauses that none of its aligned source sentences (``aligned``: with their
    neighbours or not, ``Weights.verb_reach``) use, as the same lemma or a form of it (``discovered`` /
    ``rediscovered``, ``write`` / ``songwriter``, ``departed`` / ``departure``): a predicate taken from another part of the source, or from none
    (``sang`` for ``wrote``). Generic verbs (be, have, say...) are left out, and so is a sentence aligned
    with nothing (it is unsupported as a whole). ``clauses``: the sentence's own, when the caller has them
    grouped (else they are picked out of the analysis). A phrasal verb is one lemma where it is read so (``readings``:
    the text's ``judge.verb_readings``; the sources' phrasal lemmas are in ``lemmas_at``, ``_phrasal_readings``) and
    meets a hand synonym (``lexicon.SYNONYMS``) there: ``laid off 200 workers`` / ``fired 200 workers``, ``carried
    out a raid`` / ``executed a raid`` are one act. Hand pairs only: WordNet's senses of phrasal verbs excused an
    edit's ``left him`` as the source's ``walked away`` (session 25, lex14: a BUMP pair lost)."""
    if not aligned:
        return []
    there = set().union(*(lemmas_at.get(at, set()) for at in aligned))
    phrasal = phrasal_generic(readings or {})  # ``wrote off``, ``put off``: an act, not a generic verb
    out = []
    for c in analysis.clauses if clauses is None else clauses:
        if c.sentence != sentence or not c.verb.isalpha() or c.verb in there:
            continue
        if c.verb in GENERIC and ((sentence, c.verb) not in phrasal or _phrasal_said_otherwise(next(iter(readings[(sentence, c.verb)])), there)):
            continue  # (``set up`` a plant / ``established`` it: one frequent sense)
        if any(_word_form(c.verb, x) or _word_form(x, c.verb) for x in there) or _said_otherwise(c.verb, there):
            continue
        mine = (readings or {}).get((sentence, c.verb), set()) | {c.verb}
        if any(x in there or SYNONYMS.get(x, frozenset()) & there for x in mine if "_" in x) \
                or any("_" in y for y in SYNONYMS.get(c.verb, frozenset()) & there):
            continue
        out.append(Span(doc.id, *c.verb_span, doc.text[slice(*c.verb_span)]))
    return out


def _phrasal_readings(documents: Sequence[Document], analyses: Sequence[Analysis],
                      lemmas_at: dict[tuple[str, int], set[str]]) -> dict[tuple[int, str], set[str]]:
    """The text's clause verbs as read with a particle (``judge.verb_readings``, for ``new_verbs``), after adding each
    source sentence's phrasal readings (``lay_off``) to its lemmas in ``lemmas_at``, so that a text's ``fired`` meets
    a source's ``laid off`` as ``laid off`` meets ``fired``."""
    for doc, a in zip(documents[1:], analyses[1:], strict=True):
        for (i, _), found in verb_readings(doc.text, a).items():
            if (doc.id, i) in lemmas_at:
                lemmas_at[(doc.id, i)] |= {x for x in found if "_" in x}
    return verb_readings(documents[0].text, analyses[0])


def _said_otherwise(verb: str, there: set[str]) -> bool:
    """Whether the source sentences say the verb with another word for it (``storycheck.senses``, WordNet when
    installed): a word one of whose frequent senses is one of the verb's (``bought`` / ``purchased``), or is
    just below one (``killed`` / ``murdered``): a paraphrase, no predicate of another claim. The more specific
    word (``murdered`` / ``killed``) says more than the source and is still new, and so is a verb that shares
    only a rare sense with a source word (``died`` / ``went``: ``go`` is ``die`` in its 17th sense), and a
    near-synonym that changes the claim (``lexicon.NOT_SYNONYMS``: ``charged`` / ``accused``, which WordNet puts
    in one synset)."""
    wn = senses()
    return any((wn.same_sense(verb, x, "v") or wn.broader_sense(verb, x, "v")) and frozenset((verb, x)) not in NOT_SYNONYMS
               for x in there if x.isalpha())  # fmt: skip


def _phrasal_said_otherwise(reading: str, there: set[str]) -> bool:
    """``_said_otherwise`` for a generic verb's phrasal reading (``roles.phrasal_generic``: ``took off``, ``went off``),
    or WordNet's kin either way (a sense shared, or one a few links above the other's): a phrasal verb has few and
    coarse senses, so the plane that ``took off`` where the source has it ``left``, the bomb that ``went off`` /
    ``exploded``, the expedition that ``set off`` / ``departed``, the statement ``put out`` / ``released`` were new
    verbs that no plain verb of one frequent sense would have been (review revbump13). Opposites stay apart
    (``took off`` / ``landed``, ``went up`` / ``fell``: no kin)."""
    wn = senses()
    return _said_otherwise(reading, there) or any(wn.kin(reading, x, "v") and frozenset((reading, x)) not in NOT_SYNONYMS
                                                  for x in there if x.isalpha())  # fmt: skip


def _verb_arguments(parsed: Sequence[list], actors: set[str]) -> dict:
    """What each verb is linked with: ``("*", lemma)`` -> the dependents of every source link it heads, and
    ``(sentence, lemma)`` -> those of the text's (``parsed``: ``_links`` of each analysis, the text's first).
    Only what says whose event it is: its subject and objects (``roles.ARGUMENT_DEPS``, as their keys and
    their words: a name the tagger missed in one text is still its word) and the persons and organisations
    linked to it any other way (``actors``: their cluster keys). A date or place the two share (``on
    Monday``, ``in Paris``) does not make another event's verb this one's."""
    out: dict = {}
    for k, links in enumerate(parsed):
        for r, keys in links:
            found = (*keys, r.child) if r.dep in ARGUMENT_DEPS else tuple(x for x in keys if x in actors)
            if found:
                out.setdefault((r.sentence, r.head) if k == 0 else ("*", r.head), set()).update(found)
    return out


def _borrowed(verbs: Sequence[Span], clauses: Sequence, source_lemmas: set[str], args: dict | None = None,
              sentence: int = -1, readings: dict[tuple[int, str], set[str]] | None = None) -> int:  # fmt: skip
    """How many of the new verbs (``new_verbs``) the sources use in sentences the text's sentence was not
    aligned with: a predicate taken from another event of the article (``divorced`` where the aligned
    sentence has them meet, and the article tells of a divorce later) is a likelier error than a verb the
    article never uses, which is as often a paraphrase (``joined`` for ``moved to``)."""
    if not verbs or not source_lemmas:
        return 0
    lemma = {c.verb_span: c.verb for c in clauses}
    found = [lemma.get((v.start, v.end)) for v in verbs]
    # a generic verb read as one phrasal verb (``taken on``) is borrowed if the sources use the phrasal verb elsewhere,
    # not ``take`` (``it took time``): ``readings``, the text's ``judge.verb_readings``
    phrasal = phrasal_generic(readings or {})
    found = [next(iter(readings[(sentence, x)])) if readings and (sentence, x) in phrasal else x for x in found]
    if args is None:
        return sum(x in source_lemmas for x in found)
    # the sources' own use of the verb with one of the text's arguments is the same event told elsewhere
    return sum(x in source_lemmas and not (args.get((sentence, x), set()) - PRONOUNS) & args.get(("*", x), set()) for x in found)


FORM_PREFIXES = ("re", "un", "dis", "mis", "pre", "co", "over", "under", "out", "up")
FORM_SUFFIXES = frozenset(["", *"e s es d ed r rs er ers ing ings ion ions ation ations ment ments ure ures al".split()])
AGENT_SUFFIXES = frozenset("r rs er ers".split())


def _word_form(verb: str, word: str) -> bool:
    """Whether ``word`` is a form of ``verb`` made with an affix: ``departure`` of ``depart``, ``writer`` of
    ``write``, ``rediscover`` of ``discover``, ``songwriter`` of ``write``. Not a shared start or a word
    inside another (``protest`` / ``protect``, ``rest`` / ``arrest``); a prefixed form only of a verb of six
    letters or more, since short verbs with a prefix are other verbs (``sign`` / ``resign``, ``call`` /
    ``recall``, ``cover`` / ``discover``)."""
    for stem in (verb, verb[:-1]) if verb.endswith("e") else (verb,):  # move: movement; write: writing
        at = word.find(stem)
        if len(stem) < 3 or at < 0 or (suffix := word[at + len(stem) :]) not in FORM_SUFFIXES:
            continue
        prefix = word[:at]
        if prefix == "" or (len(prefix) >= 3 and suffix in AGENT_SUFFIXES and len(verb) >= 4):  # songwriter
            return True
        if len(verb) >= 6 and prefix in FORM_PREFIXES:
            return True
    return False


def _vocabulary(analyses: Sequence[Analysis], texts: Sequence[str]) -> set[str]:
    words = {_lower(w) for t in texts for w in WORD.findall(t)}
    words |= {lemma for a in analyses for sent in a.lemmas for lemma in sent}
    return words | {w[:5] for w in words if len(w) > 5}


def _known(word: str, vocabulary: set[str]) -> bool:
    w = _lower(word)
    return w in vocabulary or (len(w) > 5 and w[:5] in vocabulary) or w.replace(",", "").isdigit() and w in vocabulary


def _widened(start: int, end: int, mentions, offset: int) -> tuple[int, int]:  # noqa: ANN001 - Mentions
    """A span widened to the name, figure or date it is part of (a conflict may name ``Brown`` of ``Gordon
    Brown``), relative to ``offset``."""
    for m in mentions:
        if m.start <= start and end <= m.end:
            start, end = m.start, m.end
            break
    return start - offset, end - offset


def _speakers_of(f: Finding, text_id: str, sentence) -> list[Span]:  # noqa: ANN001
    """The text's speaker spans of a ``quote_attribution`` conflict in ``sentence``: its spans in the text but the
    longest (the words said, which the sources do give). The speaker is what the sources give otherwise, so its
    pairs earn nothing, as a role conflict's words do (``claims_of_others``: the judge's finding takes its place
    since session 32, and "Ruth Kale said <Tom Ash's words>" then scored above "Tom Ash said <them>"). Not the
    words too: blocking the whole quote (``BLOCKING``) cost FRANK valid 0.8135 -> 0.8114."""
    if f.type != "quote_attribution":
        return []
    own = [e for e in f.evidence if e.doc == text_id and sentence.start <= e.start and e.end <= sentence.end]
    if len(own) < 2:
        return []
    words = max(own, key=lambda e: e.end - e.start)
    return [e for e in own if e is not words]


def _contradicted(f: Finding, span: tuple[int, int], sentence: str) -> list[tuple[int, int]]:
    """The parts of a conflict's span in the text (offsets in ``sentence``) that a source gives otherwise: all of
    it, but of a ``name`` conflict only the words no source's spelling has (``Lindkvist`` of ``Peter Lindkvist``
    against ``Peter Lindqvist``: the first name both give is no contradicted word, and was named among the words
    the sources do not give). When every word is shared (the same words in another order), all of it."""
    if f.type != "name":
        return [span]
    theirs = {w.casefold() for e in f.evidence[1:] for w in WORD.findall(e.text)}
    start, end = span
    own = [(start + m.start(), start + m.end()) for m in WORD.finditer(sentence[start:end]) if m.group().casefold() not in theirs]
    return own or [span]


def _missing(doc, analysis, sentence, words, clusters, quantities, alignment, sources=()) -> list[Span]:  # noqa: ANN001
    """Names, figures and dates of the sentence that no source gives (the spans a reader should check). Not a
    one-word name opening the sentence that a source writes as a common word (``judge.written_small``: "Labour
    minister Pavel Horak" against "the former labour minister"): its capital is the sentence's (session 29's walk
    listed "Labour" as not in the sources)."""
    out = []
    for m in analysis.mentions:
        if m.sentence != sentence.index:
            continue
        entity = resolve_entity(analysis.entities, m.entity)
        if entity is not None:
            if alignment.clusters.get((doc.id, entity.id)) not in clusters and not (
                    opens_sentence(doc.text, analysis, m)
                    and any(written_small(d.text, m.text, word_after(doc.text, m.end)) for d in sources)):
                out.append(Span(doc.id, m.start, m.end, doc.text[m.start : m.end]))
        elif m.quantity is not None and m.quantity.low is not None:
            if not any(_same_figure(m.quantity, m.text.lower(), q, said) for q, said in quantities):
                out.append(Span(doc.id, m.start, m.end, doc.text[m.start : m.end]))
        elif m.when is not None and m.when.iso:
            if not all(_known(w, words) for w in WORD.findall(m.text)):
                out.append(Span(doc.id, m.start, m.end, doc.text[m.start : m.end]))
    return out


_HELPER_VERBS = frozenset({"be", "have", "do"})
NAMED_KINDS = frozenset({"person", "org"})
# heads of an organisation of the place itself: its name says where it is ("New York Police Department", "Munich
# City Council", "Munich Airport"), unlike a club's or a company's ("Bayern Munich", "Manchester City", "Munich Re")
LOCAL_BODIES = frozenset({
    "police", "council", "government", "parliament", "assembly", "legislature", "court", "municipality", "county",
    "mayor", "university", "airport", "department", "administration", "authority", "ministry", "prosecutor",
    "prosecutors", "fire",
})  # fmt: skip
_NOT_A_WORD = re.compile(r"[^\w]+")


def _fold_chars(text: str) -> str:
    """The text folded letter by letter (``_fold``: case and diacritics, ``Zürich`` = ``Zurich``), each letter to one
    so that offsets stay the text's."""
    table = {}
    for c in set(text):
        f = _fold(c)
        table[ord(c)] = f if len(f) == 1 else c.lower() if len(c.lower()) == 1 else c
    return text.translate(table)


@lru_cache(maxsize=4096)
def _written(name: str) -> tuple[re.Pattern[str], bool]:
    """A name as a text may write it, and whether to look in the text as written (else folded, ``_fold_chars``):
    its words in order, with any spaces, line breaks or stops between them (``New\\nYork``, ``St Louis`` for ``St.
    Louis``), never inside a longer word. An acronym (``US``, ``UK``, and the aliases of ``OTHER_NAMES``) in capitals
    as written, also with stops (``U.S.``), never the pronoun ``us``."""
    words = [w for w in _NOT_A_WORD.split(_fold(name)) if w]
    if len(words) > 1 and all(len(w) == 1 for w in words):
        words = ["".join(words)]  # "U.S."
    if len(words) == 1 and len(words[0]) <= 3 and (not any(c.islower() for c in name) or name in OTHER_NAMES):
        return re.compile(r"(?<!\w)" + r"\.?".join(map(re.escape, words[0].upper())) + r"(?![^\W_])"), True
    return re.compile(r"(?<!\w)" + r"[^\w]*".join(map(re.escape, words)) + r"(?!\w)"), False


class _SourceNames:
    """The sources' texts with the spans of their people's and organisations' names (``_places_inside_names``),
    folded and indexed once per check, only when a sentence has a place to look up, and each place looked up once:
    a hit is found among the names by bisection. The first version scanned every name of every source for each hit
    of each place of each sentence: 34 s of CPU for three places over a 1 MB source."""

    def __init__(self, analyses: Sequence[Analysis], sources: Sequence[Document]) -> None:
        self._analyses, self._sources, self._memo, self._index = analyses, sources, {}, None

    def _indexed(self) -> list[tuple[str, str, list[int], list[tuple[int, int, str]], int]]:
        if self._index is None:
            self._index = []
            for a, d in zip(self._analyses, self._sources, strict=True):
                spans = sorted((m.start, m.end, m.kind) for m in a.mentions if m.kind in NAMED_KINDS and m.end > m.start)
                longest = max((b - s for s, b, _ in spans), default=0)
                self._index.append((d.text, _fold_chars(d.text), [s for s, _, _ in spans], spans, longest))
        return self._index

    def lookup(self, place: str) -> tuple[bool, frozenset[str]]:
        """Whether the sources write the place (or another name of it: ``US``, ``United States``) and, when they
        write it only inside longer names, those names; an empty set when one source says it outside a name or
        inside the name of an organisation of the place itself."""
        if place not in self._memo:
            self._memo[place] = self._look(place)
        return self._memo[place]

    def _look(self, place: str) -> tuple[bool, frozenset[str]]:
        key = " ".join(_norm(place).split())
        name = OTHER_NAMES.get(key, key)
        terms = {place, name, *(a for a, n in OTHER_NAMES.items() if n == name)}
        seen, around = False, set()
        for text, folded, starts, spans, longest in self._indexed():
            for term in terms:
                pattern, as_written = _written(term)
                for hit in pattern.finditer(text if as_written else folded):
                    seen = True
                    h, e = hit.span()
                    inside = [(a, b, k) for a, b, k in spans[bisect_left(starts, h - longest) : bisect_right(starts, h)]
                              if a <= h and e <= b and b - a > e - h]  # fmt: skip
                    if not inside or any(k == "org" and _local_body(folded[a:h], folded[e:b]) for a, b, k in inside):
                        return True, frozenset()
                    around.update(text[a:b] for a, b, _ in inside)
        return seen, frozenset(around)


def _local_body(before: str, after: str) -> bool:
    """Whether an organisation's name around a place is one of the place itself: ``University of Oxford``, ``City of
    Munich``, ``Munich City Council``, ``New York Police Department`` (not ``Bayern Munich``, ``Manchester City``)."""
    return (not after.strip() and re.search(r"(?<!\w)of(?: the)?\s*$", before) is not None) or \
        any(w in LOCAL_BODIES for w in _NOT_A_WORD.split(after))


def _places_inside_names(doc: Document, analysis: Analysis, sentence: int, names: _SourceNames) -> list[Span]:
    """Places of the sentence that the sources write only inside the name of a person or an organisation
    (``beat Dortmund in Munich`` where the article has Munich only in ``Bayern Munich``; ``helped win in
    England`` where it has ``England Sevens``): the sources never say the place, so it is a new one, named
    and earning no content-word pairs (the words of the longer name sit beside the claim's other words and
    would otherwise hold it up, as an intrinsic circumstance error does). Only a circumstance of a clause's
    verb (after a preposition: ``Cavani of Paris Saint Germain`` is a noun's, ``Dalian Wanda bought`` a
    subject the recognizer cut from the company's name), capitalised as the text is written (a text in lower
    case is recased from its sources, which made ``died in hospital`` a place of ``Royal Hospital``). Not
    when the text writes the longer name there itself (a recognizer that cut ``Real Madrid`` to ``Madrid``), nor when a
    source writes the place once outside such a name (in any case or accents, across a line break, or by another
    name of it: ``U.S.`` for ``US``), nor inside the name of an organisation of the place itself (``the New York
    Police Department arrested`` says where: ``arrested in New York``), nor for a place the sources lack
    altogether (``_missing`` names that one) or one inside a longer name of the text."""
    out: list[Span] = []
    verbs = {c.verb for c in analysis.clauses if c.sentence == sentence}
    where = [r.span for r in analysis.relations if r.sentence == sentence and r.dep.startswith("prep_") and r.head in verbs]
    for m in analysis.mentions:
        if m.sentence != sentence or m.kind != "place" or not m.text[:1].isupper() or not doc.text[m.start : m.start + 1].isupper() \
                or not any(m.start <= a and b <= m.end for a, b in where) \
                or any(o is not m and o.start <= m.start and m.end <= o.end and o.end - o.start > m.end - m.start for o in analysis.mentions):
            continue
        seen, around = names.lookup(doc.text[m.start : m.end])
        if not seen or not around:
            continue
        folded = None
        for name in around:  # the text's own "Real Madrid" where the recognizer cut "Madrid" from it
            folded = folded if folded is not None else _fold_chars(doc.text)
            pattern, as_written = _written(name)
            if any(h <= m.start and m.end <= e for h, e in (x.span() for x in pattern.finditer(doc.text if as_written else folded))):
                break
        else:
            out.append(Span(doc.id, m.start, m.end, doc.text[m.start : m.end]))
    return out


def _same_figure(mine, text: str, theirs, said: str) -> bool:  # noqa: ANN001 - Quantity
    """Whether a source figure is the text's: compatible values of one unit. The unit is the counted noun
    the parse finds, which one wording names and another does not (``the 11,000 square foot suite`` counts
    suites, ``11,000 square feet`` feet; ``£9.15`` has no unit, ``£9.15 an hour`` hours): a unit either
    mention spells out in its own words counts as the other's, and a figure without one takes any."""
    if (duration := same_duration(mine, theirs)) is not None:
        return duration  # one duration in two layouts (``130 minutes`` / ``2 hours 10 minutes``), in seconds
    units = {mine.unit, theirs.unit}
    same = None in units or len(units) == 1 or stem(theirs.unit) in map(stem, WORD.findall(text)) \
        or stem(mine.unit) in map(stem, WORD.findall(said))
    if mine.unit == theirs.unit:  # (a race time keeps its unit: its margin is its written precision)
        return compatible(mine, theirs)
    same = same or people_of(mine.unit, theirs.unit)  # ``800 employees`` for the source's ``800 people``
    return same and compatible(replace(mine, unit=None), replace(theirs, unit=None))


ROLE_TYPES = frozenset({"role", "predicate"})
# value conflicts, and a negation: its words (the denied or affirmed verb) support no pair, as an antonym's do; before,
# "The council did not approve the levy" against "The council approved the levy" kept every pair but "not" and scored
# 0.86 (a `contradicted` sentence beside 0.98 for the source's words; "rejected" 0.28). FRANK valid BA 0.8100 and AUC
# 0.8745 as before (one text with a negation conflict scored lower, label 0), BUMP as history.md says (session 23)
BLOCKING = frozenset({"name", "title", "number", "date", "actor", "place", "antonym", "coreference", "role", "negation"})
PRONOUNS = frozenset("he she they him her them it i we you his their its who which that".split())
MALE, FEMALE = frozenset({"he", "him", "his", "himself"}), frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "themselves"})
EXPLETIVE = frozenset(  # verbs an "it" that stands for no one goes with: it seems, it turns out, it took days to
    "be seem appear happen emerge remain understand believe think report say know expect rain snow matter".split()
)  # and turn/transpire/follow with a clause (it turns out that...), take/cost with one (it took days to...)
TAKES_TIME = frozenset({"take", "cost"})
RAISING = frozenset({"turn", "transpire", "follow"})  # not every verb with a clause: "it claimed that" is someone


def relation_support(
    text: Analysis,
    sources: Sequence[Analysis],
    role_change: float = 0.5,
    clusters: dict | None = None,
    aligned: dict[int, set[tuple[str, int]]] | None = None,
    elsewhere: float = 1.0,
    parsed: Sequence[list] | None = None,
) -> dict[int, list[tuple[float, tuple[int, int]]]]:
    """Per sentence of the text, how far the sources make each of its parse links (``Analysis.relations``):
    1 when a source links the same two words the same way (``Smith -nsubj-> sign``), ``role_change`` when it
    links them another way (a swapped subject and object, a noun turned verb) or the text only puts a
    pronoun where the source has someone, 0 when no source links them at all — a verb given another
    subject, a date or place attached to another event, a negation the sources lack. Each link comes with
    the span of its dependent word, which is what a reader should check. A dependent inside a name stands
    for the person, place or organisation (its story-wide entity in ``clusters``), so ``Tom Lopez was
    arrested`` is not supported by ``Maria Lopez was arrested``; the words inside one name are not links.
    With ``aligned`` (per text sentence, the source sentences it was aligned with), a link the sources make
    only in other sentences counts ``elsewhere`` times as much: a detail borrowed from another event."""
    parsed = parsed or [_links(a, clusters or {}) for a in (text, *sources)]  # ``_links`` of each, text first
    mine = parsed[0]
    # only the keys the text asks about are indexed: the sources are long, the text is short
    wanted = {(r.head, r.dep, k) for r, keys in mine for k in keys} | {(r.head, r.dep) for r, _ in mine}
    wanted |= {(r.head, k) for r, keys in mine for k in keys}
    exact: dict[tuple[str, str, str], set] = {}
    loose: dict[tuple[str, str], set] = {}
    slots: dict[tuple[str, str], set] = {}
    for a, ls in zip(sources, parsed[1:], strict=True):
        for r, keys in ls:
            at = (a.doc_id, r.sentence)
            if (r.head, r.dep) in wanted:
                slots.setdefault((r.head, r.dep), set()).add(at)
            for child in keys:
                if (r.head, r.dep, child) in wanted:
                    exact.setdefault((r.head, r.dep, child), set()).add(at)
                for pair in ((r.head, child), (child, r.head)):
                    if pair in wanted:
                        loose.setdefault(pair, set()).add(at)
    out: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for r, keys in mine:
        where, value = exact.get((r.head, r.dep, keys[0])), 1.0
        if where is None:
            value = role_change
            where = next((x for k in keys for x in (exact.get((r.head, r.dep, k)), loose.get((r.head, k))) if x), None)
            if where is None and r.child in PRONOUNS:
                where = slots.get((r.head, r.dep))
        if where is None:
            value = 0.0
        elif aligned is not None and not where & aligned.get(r.sentence, set()):
            value *= elsewhere
        out.setdefault(r.sentence, []).append((value, r.span))
    return out


def _links(analysis: Analysis, clusters: dict) -> list[tuple]:  # noqa: ANN401 - (Relation, (str, ...))
    """The analysis's links, each with what its dependent is compared as: the entity (``#17``) when it is in
    a name; for ``he``/``she``, the person last named before it (within two sentences), then the pronoun."""
    names = sorted((m.start, m.end, m.entity, m.kind, m.sentence) for m in analysis.mentions if m.entity is not None)
    starts = [n[0] for n in names]

    def key(index: int, fallback: str) -> str:
        entity = resolve_entity(analysis.entities, names[index][2])
        cluster = clusters.get((analysis.doc_id, entity.id)) if entity else None
        return f"#{cluster}" if cluster is not None else fallback

    out = []
    for r in analysis.relations:
        i = bisect_right(starts, r.span[0]) - 1
        if i >= 0 and names[i][0] <= r.span[0] and r.span[1] <= names[i][1]:
            if r.dep != "compound":
                out.append((r, (key(i, r.child),)))
        elif r.child in MALE | FEMALE:
            j = next((j for j in range(i, -1, -1) if names[j][3] == "person"), None)
            near = j is not None and names[j][4] >= r.sentence - 2
            out.append((r, (key(j, r.child), r.child) if near else (r.child,)))
        else:
            out.append((r, (r.child,)))
    return out


SPEAKING = frozenset(SPEAKER_VERBS | PLAIN_SPEECH_VERBS | CUE_VERBS)
NOT_ACTS = frozenset(NEG_RAISING | {"be", "have", "become", "remain", "hope", "feel", "know", "fear", "see", "hear"})
# acts done by speaking: a speaker may well have praised, blamed or welcomed what they spoke of
SPOKEN_ACTS = frozenset("""praise criticise criticize condemn blame welcome thank hail slam defend accuse question reject
    dismiss back support oppose apologise apologize congratulate joke laugh agree disagree quote cite reveal disclose
    appeal plead express speak talk address brief mention highlight emphasise emphasize assert concede reassure commend
    applaud laud salute lament regret label dub term post testify recount""".split())
# what a verb issues, gives or pays when it is speech: "issued a statement", "paid tribute", "gave details"
SPEECH_NOUNS = frozenset("""statement tribute detail comment warning speech remark apology appeal update briefing message
    interview assurance thanks condolence plea reply response denial confirmation announcement explanation account
    testimony evidence press conference""".split())
DOER_DEPS = frozenset({"nsubj", "prep_by"})  # passives are read as actives: the by-agent is the doer
# the pronoun by which a speaker names themself in their own words: "Acme said it would cut jobs", "'We signed
# him,' said Ford", "Hill said she had led the raid" (a person's "they", an organisation's "he", are someone else)
SELF_PRONOUNS = {"person": frozenset({"i", "we", "he", "she"}), "org": frozenset({"i", "we", "it", "they"})}
# what an organisation calls itself in its own words ("Acme said the company would"), beside its name's last word
SELF_NOUNS = frozenset("company firm group business club side team organisation organization carmaker airline retailer lender insurer".split())
SELF_OWNERS = {"person": frozenset({"my", "our", "his", "her"}), "org": frozenset({"my", "our", "its", "their"})}


def speakers_made_doers(documents: Sequence[Document], analyses: Sequence[Analysis], parsed: Sequence[list],
                        clusters: dict) -> list[Finding]:  # fmt: skip
    """A person or organisation the sources name only as a speaker (the subject of ``said``, ``told``,
    ``warned``: every parse link the sources give them), whom the text makes the doer of an act: ``Mike Ford
    will join Bath`` where the article has only ``Bath head coach Mike Ford said: 'Jeff offers dynamism'``;
    ``Commissioner Anthony Batts arrested the men`` where Batts only comments. Who tells of an event is
    seldom who did it, and a summary that fuses a quote's speaker into the claim it reports makes the speaker
    the actor. Not when the text's verb is itself one of speech or thought (``Ford said``, ``Ford believes``,
    ``Ford hopes``, ``Ford praised``, ``Ford appealed``, ``Ford issued a statement``) or a copula; a name only (a
    pronoun's person is a guess); names the sources link any other way (an object, an owner, a doer of anything
    but speech) are never flagged, nor those a source makes doers in their own words or by a clause on their name
    (``_own_acts``: ``Acme said it would cut jobs``, ``Hill, who led the raid, said``). The sources do
    not deny the act, they only never tell it of that person: a ``partial`` finding of type ``speaker`` (the
    name in the text, the name where it speaks), and ``_verdicts`` names the text's span (as linked otherwise when
    the closest source sentence or a source name writes it) and lets no content-word pair of it count, as it does
    a place no source writes inside a name (a conflict made "Council leader Amira Stone opened the bridge" against
    "Amira Stone said ..." a contradiction)."""
    ta, text = analyses[0], documents[0]
    kinds = {clusters.get((a.doc_id, e.id)): e.kind for a in analyses for e in a.entities}
    speaks: dict[str, Span] = {}
    acts: set[str] = set()
    for a, doc, links in zip(analyses[1:], documents[1:], parsed[1:], strict=True):
        for r, keys in links:
            for key in keys:
                if not key.startswith("#"):
                    continue
                if r.dep in DOER_DEPS and r.head in SPEAKING:
                    if key not in speaks:  # the span once per name: a scan of the mentions each time is quadratic
                        speaks[key] = _name_span(a, doc, r.span)
                else:
                    acts.add(key)
        acts |= _own_acts(a, links, clusters)
    out: list[Finding] = []
    text_at: dict[int, list] = {}  # the text's links per sentence: a long text's are not all read per link
    for x in ta.relations:
        text_at.setdefault(x.sentence, []).append(x)
    for r, keys in parsed[0]:
        key = keys[0]
        if len(keys) != 1 or r.dep not in DOER_DEPS or key not in speaks or key in acts \
                or r.head in SPEAKING or r.head in NOT_ACTS or r.head in SPOKEN_ACTS or kinds.get(int(key[1:])) not in NAMED_KINDS:
            continue
        if any(x.head == r.head and (x.dep in ("ccomp", "xcomp") or x.dep == "dobj" and x.child in SPEECH_NOUNS)
               for x in text_at[r.sentence]):  # fmt: skip
            continue  # "Ford expects to sign", "Ford wants Williams to stay": a wish or plan said, not an act;
            # "Hill issued a statement", "Hill paid tribute to": speech told as a deed
        mine, theirs = _name_span(ta, text, r.span), speaks[key]
        out.append(Finding(
            "partial", "speaker", [mine, theirs], 0.5,
            f"The sources name {theirs.text!r} only as a speaker; the text makes them the doer of '{r.head}'.",
            values={text.id: mine.text, theirs.doc: theirs.text},
        ))  # fmt: skip
    return out


# a person's age as news writes it: "Abbie, 12," / "Abbie (12)" / "Abbie, aged 12," / "Abbie aged 12" after the
# name, "12-year-old Abbie" before it
_AGE_AFTER = re.compile(r"\s*(?:,\s*(?:aged\s+)?|\(\s*(?:aged\s+)?|aged\s+)(\d{1,3})\s*"
                        r"(?=[,;)]|\.(?!\d)|\s+(?:and|or|was|were|is|are|has|had|who|from|said|says|told|died)\b)")
# a name that qualifies the person noun after it ("a 66-year-old Burnsville woman", "the 30-year-old Leeds man")
_QUALIFIED = re.compile(r"\s+(?:woman|man|boy|girl|resident|native|student|teenager|teen|mother|father|"
                        r"child|driver|victim|motorist|pensioner|worker|officer)s?\b")
# an age a source gives a person at another time of the story ("Ben, who turned 13 on the trip", "Ben turns 13"):
# read on the sources' side only, where it says the person has that age too (a text's "Ben, 13" is no one else's)
_AGE_TURNED = re.compile(r"(?:\s*,\s*who\s+|\s+)(?:has\s+)?(?:turned|turns|is\s+now)\s+(\d{1,3})\b(?![.,]\d)|\s*,\s*now\s+(\d{1,3})\s*,")
# (the words between are the person's, "12-year-old daughter Abbie", not a thing's: "a 10-year-old deal with Tom Ford")
_AGE_BEFORE = re.compile(r"\b(\d{1,3})-year-old\s+(?:(?!(?:with|of|for|by|to|from|and|than|at|in|on|as)\s)[A-Za-z]+\s+){0,2}$", re.IGNORECASE)


def _ages(analysis: Analysis, text: str, clusters: dict, kinds: frozenset[str] = frozenset({"person"}), source: bool = False) -> list[tuple]:
    """Each age a document gives a named person: (cluster key ``#n``, age, the name's start and end, the name as
    written, the age's start and end). ``kinds``:
    what the name must be read as (a source's name may be read as a place too: "Nadia, 11" taken for a place is
    still a child's age; not an organisation's, "Rovers, 2"). ``source``: read "turned 13" too, an age the person
    reaches in the story (``_AGE_TURNED``). The name is the document's own writing (``text``): a lower-case text is
    read truecased, and its span must hold what it says."""
    return [age for age, _ in _ages_read(analysis, text, clusters, kinds, source)]


def _ages_read(analysis: Analysis, text: str, clusters: dict, kinds: frozenset[str], source: bool) -> list[tuple[tuple, bool]]:
    """``_ages``' ages, each with whether ``_ages`` would give it with its defaults too (a person's, not a
    "turned 13"): ``bound_elsewhere`` reads every report as a source and as a text, and so reads it once."""
    out = []
    for m in analysis.mentions:
        entity = resolve_entity(analysis.entities, m.entity) if m.entity is not None else None
        if entity is None or entity.kind not in kinds or (c := clusters.get((analysis.doc_id, entity.id))) is None:
            continue
        after = _AGE_AFTER.match(text, m.end)
        # a place only as "Nadia, 11" (a child's name read as a place), never after "12-year-old"; nor a name that
        # qualifies a noun after it: "a 66-year-old Burnsville woman" is the woman's age, not Burnsville's (ECB+)
        before = _AGE_BEFORE.search(text, max(0, m.start - 40), m.start) \
            if entity.kind == "person" and not _QUALIFIED.match(text, m.end) else None  # fmt: skip
        turned = _AGE_TURNED.match(text, m.end) if source else None
        for found in (after, before, turned):
            if found is not None and 0 < int(age := found.group(g := found.lastindex or 1)) < 120:
                out.append(((f"#{c}", age, m.start, m.end, text[m.start : m.end], found.span(g)),
                            entity.kind == "person" and found is not turned))  # fmt: skip
    return out


def ages_of_others(documents: Sequence[Document], analyses: Sequence[Analysis], clusters: dict) -> list[Finding]:
    """A person given the age the sources give someone else: ``Lesley Conman, 12, was targeted`` where the
    article has ``Lesley Conman's daughter Abbie, 12``. An age is one person's (written after the name between
    commas or brackets, or as ``12-year-old`` before it), and a summary that joins a parent's name to a child's
    age, or one victim's to another's, puts a value the source binds to one person on another: the entity error
    BUMP's editors made ("an intrinsic entity error"). Only a person the sources name too (a stranger is named
    as missing already), never when any source gives the text's person that age (twins, two people of one age),
    nor when the two names share a word (``Abbie Conman`` / ``Abbie``: one person the linker did not join). A
    ``role`` conflict: the text's name, and the source's person of that age. Beside it, the plainer error: the
    text's person given an age no source gives them while a source gives them another (``Lesley Conman, 39`` for
    the article's ``Lesley Conman, 38``), a ``number`` conflict between the two ages, which the judge does not
    read (a bare figure after a name is no quantity to it); a source's "turned 13" is an age of theirs too."""
    theirs = [(doc.id, x) for a, doc in zip(analyses[1:], documents[1:], strict=True)
              for x in _ages(a, doc.text, clusters, frozenset({"person", "place"}), source=True)]  # fmt: skip
    mine = _ages(analyses[0], documents[0].text, clusters)
    return _ages_given(documents[0].id, mine, _held(theirs), _named(analyses[1:], clusters))


def _held(theirs: list) -> tuple[dict, dict]:
    """The index of ``theirs`` (document id, (cluster key, value, name start, name end, name, [value span]))
    that ``_given_to_another`` asks: value -> cluster key -> the name's spans, and cluster key -> value -> the
    value's spans (the name's if no value span is given), each at most two, of two documents: enough to find
    one that is not the asking document's own (``_other``), so that ``compare`` asks it once for every report."""
    holders: dict[Any, dict[str, list[Span]]] = defaultdict(lambda: defaultdict(list))
    own: dict[str, dict[Any, list[Span]]] = defaultdict(lambda: defaultdict(list))
    for doc_id, (key, value, start, end, name, *at) in theirs:
        for spans, span in ((holders[value][key], Span(doc_id, start, end, name)),
                            (own[key][value], Span(doc_id, *at[0], value) if at else Span(doc_id, start, end, name))):  # fmt: skip
            if len(spans) < 2 and all(s.doc != doc_id for s in spans):
                spans.append(span)
    return holders, own


def _named(analyses: Sequence[Analysis], clusters: dict) -> dict[str, list[str]]:
    """Cluster key -> at most two documents of ``analyses`` that name that person or body (``_other``'s rule)."""
    out: dict[str, list[str]] = defaultdict(list)
    for a in analyses:
        for e in a.entities:
            docs = out[f"#{clusters.get((a.doc_id, e.id))}"]
            if len(docs) < 2 and a.doc_id not in docs:
                docs.append(a.doc_id)
    return out


def _other(spans: Sequence, me: str):  # noqa: ANN202 - a Span or document id, or None
    """The first of ``spans`` (Spans or document ids) not of document ``me``."""
    return next((s for s in spans if (s.doc if isinstance(s, Span) else s) != me), None)


def _ages_given(me: str, mine: list, held: tuple[dict, dict], named: dict) -> list[Finding]:
    """``ages_of_others``' two findings for the ages ``mine`` of document ``me`` against the index ``held`` of
    the other documents' ages (``_held``)."""
    out = _given_to_another(me, mine, held[0], named, "the age {}", one_holder=False)
    return out + _other_ages(me, mine, held[1], {f.evidence[0].start for f in out})


def _other_ages(me: str, mine: list, own: dict, flagged: set[int], compared: bool = False) -> list[Finding]:
    """A person of ``mine`` given an age no other document gives them while one gives them another (``own``:
    ``_held``'s second index), save a name already ``flagged`` (its start)."""
    out = []
    for key, value, start, _, name, (a, b) in mine:
        given = {v: s for v, spans in own.get(key, {}).items() if (s := _other(spans, me))}
        if given and value not in given and start not in flagged:
            rival = next(iter(given.values()))
            who = f"{rival.doc} gives" if compared else "The sources give"
            out.append(Finding("conflict", "number", [Span(me, a, b, value), rival], 0.7,
                               f"{who} {name!r} the age {rival.text}, not {value}.",
                               values={me: value, rival.doc: rival.text}))  # fmt: skip
    return out


def _given_to_another(me: str, mine: list, holders: dict, named: dict, what: str, one_holder: bool) -> list[Finding]:
    """``ages_of_others`` and ``titles_of_others``: each (cluster key, value, start, end, name) of document ``me``
    (``mine``) whose value the other documents (``holders``: ``_held``) give only to other people, none sharing a
    word of the person's name (``one_holder``: and to exactly one), while another document names the person too
    (``named``: ``_named``)."""
    out: list[Finding] = []
    for key, value, start, end, name, *_ in mine:
        if _other(named.get(key, ()), me) is None:
            continue
        held = {k: s for k, spans in holders.get(value, {}).items() if (s := _other(spans, me))}
        words = {w.casefold() for w in WORD.findall(name)}
        if not held or key in held or (one_holder and len(held) != 1) \
                or any(words & {w.casefold() for w in WORD.findall(s.text)} for s in held.values()):
            continue
        rival = next(iter(held.values()))
        told = what.format(repr(" ".join(value)) if isinstance(value, tuple) else value)
        out.append(Finding(
            "conflict", "role", [Span(me, start, end, name), rival], 0.7,
            f"The sources give {told} to {rival.text!r}, not to {name!r}.",
            values={me: name, rival.doc: rival.text},
        ))  # fmt: skip
    return out


CLAIM_SHARE = 0.6  # a claim is the sources' when they hold this share of its content words in one quote
CLAIM_WORDS = 3  # ...and it has at least this many (a short "it was wrong" is anyone's)
_DISOWNING_CUES = frozenset("deny dispute reject dismiss refute rebut".split())  # "Kale denied that...": not her words


def claims_of_others(documents: Sequence[Document], analyses: Sequence[Analysis], clusters: dict) -> list[Finding]:
    """A claim the text gives a named person or body (a quote or reported speech: ``Ruth Kale said the reform will
    hit the poorest families``) whose words the sources give only to others they name (``'The reform will hit the
    poorest families hardest,' said union leader Tom Ash``), while they name the text's speaker too: two people of
    the story swapped as the one who said it. Such a text scored above the right one (its pairs and links are all
    in the sources). The sources hold the claim when one of their quotes has ``CLAIM_SHARE`` of its content words;
    not when any such quote, or any quote with half that share, is the text's speaker's, nor a source sentence with
    that share that names the text's speaker ("Kale agreed, saying the reform will..."), nor when one of them has
    no named speaker ("campaigners claimed", "a spokesman said": that may be the text's person), nor when the two
    names share a word. Names only: a speaker written ``she`` or ``he`` (on either side) is a reading of whom it
    stands for (FRANK valid: "she" read as the New York Post). A ``role`` conflict (the text's speaker, the
    source's), so the name's pairs are blocked as for any role conflict. Nor when the text's speaker denies the words (``Kale denied
    that the reform will hit...``, ``said it was not true that...``: a cue of ``_DISOWNING_CUES``, or negations the
    source's quote has not), nor when the text's sentence names the source's speaker too (``Kale said that, as Tom Ash
    put it, ...``, ``Kale echoed Ash's warning``) other than as whom its speaker told (``Kale told Tom Ash that...``):
    the text gives the words to both, or to neither (review revbump13)."""
    ta, text = analyses[0], documents[0]
    if not any(q.speaker_entity is not None for q in ta.quotes):
        return []  # (most texts: the sources' quotes and sentences are not read)
    said: list[tuple[int | None, set[str], Span | None, str]] = []
    present: dict[int | None, set[tuple[str, int]]] = {}
    sentences: list[tuple[tuple[str, int], set[str]]] = []
    for a, doc in zip(analyses[1:], documents[1:], strict=True):
        for q in a.quotes:
            entity = resolve_entity(a.entities, q.speaker_entity)
            key = clusters.get((a.doc_id, entity.id)) if entity is not None and entity.kind in NAMED_KINDS else None
            span = Span(doc.id, *q.speaker_span, doc.text[slice(*q.speaker_span)]) if q.speaker_span and key is not None else None
            if span is not None and span.text.lower() in PRONOUNS:  # "he said": whom it stands for is a reading
                key, span = None, None
            said.append((key, {w for w, _, _ in _content(q.text)}, span, q.text))
        for m in a.mentions:  # who each sentence names: "Kale agreed, saying the reform will..." is hers too
            if m.entity is not None and (e := resolve_entity(a.entities, m.entity)) is not None:
                present.setdefault(clusters.get((a.doc_id, e.id)), set()).add((a.doc_id, m.sentence))
        sentences += [((a.doc_id, x.index), {w for w, _, _ in _content(x.text)}) for x in a.sentences]
    out: list[Finding] = []
    named = {clusters.get((a.doc_id, e.id)) for a in analyses[1:] for e in a.entities}
    for q in ta.quotes:
        entity = resolve_entity(ta.entities, q.speaker_entity)
        key = clusters.get((ta.doc_id, entity.id)) if entity is not None and entity.kind in NAMED_KINDS else None
        words = {w for w, _, _ in _content(q.text)}
        if key is None or key not in named or q.speaker_span is None or len(words) < CLAIM_WORDS \
                or text.text[slice(*q.speaker_span)].lower() in PRONOUNS or q.cue in _DISOWNING_CUES:
            continue
        shares = [(len(words & theirs) / len(words), k, span, said_) for k, theirs, span, said_ in said]
        held = [(k, span) for share, k, span, _ in shares if share >= CLAIM_SHARE]
        if not held or any(k == key for share, k, _, _ in shares if share >= CLAIM_SHARE / 2) or any(span is None for _, span in held):
            continue
        if any(_denials(said_) != _denials(q.text) for share, _, _, said_ in shares if share >= CLAIM_SHARE):
            continue  # "Kale said it was not true that the reform will hit...": she denies Ash's words
        rivals = {k for k, _ in held}
        if any(m.sentence == q.sentence and m.entity is not None and (e := resolve_entity(ta.entities, m.entity)) is not None
               and clusters.get((ta.doc_id, e.id)) in rivals and _credited(text.text, m, q) for m in ta.mentions):  # fmt: skip
            continue  # "Kale said that, as Tom Ash put it, ...": the text credits the source's speaker too
        if any(at in present.get(key, ()) and len(words & theirs) >= CLAIM_SHARE * len(words) for at, theirs in sentences):
            continue
        mine = Span(text.id, *q.speaker_span, text.text[slice(*q.speaker_span)])
        rival = held[0][1]
        if {w.casefold() for w in WORD.findall(mine.text)} & {w.casefold() for w in WORD.findall(rival.text)}:
            continue
        out.append(Finding(
            "conflict", "role", [mine, rival], 0.7,
            f"The sources give these words to {rival.text!r}, not to {mine.text!r}.",
            values={text.id: mine.text, rival.doc: rival.text},
        ))  # fmt: skip
    return out


_CREDIT_BEFORE = re.compile(r"(?:quoting|echoing|according\s+to|like|as)\s+(?:the\s+)?$", re.I)
_CREDIT_AFTER = re.compile(r"^(?:[’']s?\b|\s+(?:put|puts|said|says|warned|warns|argued|argues|claimed|claims|had\s+said|has\s+said)\b)", re.I)


def _credited(text: str, mention, quote) -> bool:  # noqa: ANN001 - a Mention, a Quote
    """Whether a name the text writes in a quote's sentence credits that person with the words
    (``claims_of_others``): outside the reported words (``Kale echoed Tom Ash's warning that...``), unless it is
    whom the speaker told (``Kale told Tom Ash that...``: his words given to her); inside them, only as a speaker
    (``as Tom Ash put it``, ``Ash's claim that``, ``quoting Ash``), not as one the words tell of (``Tom Ash said Acme
    Motors will cut 300 jobs``: Acme's own words given to Ash)."""
    if not (quote.start <= mention.start and mention.end <= quote.end):
        told = quote.cue == "tell" and quote.cue_span is not None and 0 <= mention.start - quote.cue_span[1] <= 1
        return not told and not (quote.speaker_span and quote.speaker_span[0] <= mention.start < quote.speaker_span[1])
    return bool(_CREDIT_BEFORE.search(text[max(0, mention.start - 20) : mention.start])
                or _CREDIT_AFTER.match(text[mention.end : mention.end + 12]))  # fmt: skip


def _titles(analysis: Analysis, text: str, clusters: dict) -> list[tuple[str, tuple[str, ...], int, int, str]]:
    """Each office a document writes beside a named person (``Bath head coach Mike Ford``, ``Sarah Hill, the chief
    constable``): (cluster key, the title's words, the name's start and end, the name as written). Only titles of
    two words or more that name an office (``judge._is_role``): "coach" alone or "Mr" is anyone's."""
    out = []
    for e in analysis.entities:
        if e.kind != "person" or not e.mentions or (c := clusters.get((analysis.doc_id, e.id))) is None:
            continue
        mentions = sorted(e.mentions)
        for start, end, title in e.titles:
            words = tuple(_role_words(title))
            if len(words) < 2 or not _is_role(title):
                continue
            # the name next to the title: the first mention after it, or the last before it (found by bisection:
            # a person named a thousand times with a title each time is not a product of the two)
            k = bisect_left(mentions, (end, end))
            near = min(mentions[max(0, k - 1) : k + 1], key=lambda m: min(abs(m[0] - end), abs(start - m[1])))
            out.append((f"#{c}", words, near[0], near[1], text[near[0] : near[1]]))
    return out


# words before an office that say its holder holds it no more: a text that drops one names another person's office
_PAST_OFFICE = frozenset({"former", "ex", "late", "outgoing", "retired", "previous", "past", "erstwhile", "then"})


def _within(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """``short``'s words are ``long``'s in order, and none of the words ``long`` adds says the office is past."""
    it = iter(long)
    return all(w in it for w in short) and not (set(long) - set(short)) & _PAST_OFFICE


def titles_of_others(documents: Sequence[Document], analyses: Sequence[Analysis], clusters: dict) -> list[Finding]:
    """A person given the office the sources give someone else: ``Bath head coach Jeff Williams`` where the article
    has ``Bath head coach Mike Ford`` and Williams as a player. Only an office the sources give one person (two
    "police officers" are two), a person the sources name too, never when a source gives the text's person that
    office, nor when the two names share a word. A ``role`` conflict: the text's name, the source's holder. Nor
    when a source gives the text's person a longer title that holds the text's words in order, save a word that
    says the office is past (``_PAST_OFFICE``): a text that drops "acting" from "acting chief constable" names
    her office less precisely, not someone else's; one that drops "former" from "former head coach" gives her
    the current holder's."""
    theirs = [(doc.id, x) for a, doc in zip(analyses[1:], documents[1:], strict=True) for x in _titles(a, doc.text, clusters)]
    mine = _titles(analyses[0], documents[0].text, clusters)
    return _titles_given(documents[0].id, mine, _held(theirs), _named(analyses[1:], clusters))


def _titles_given(me: str, mine: list, held: tuple[dict, dict], named: dict) -> list[Finding]:
    """``titles_of_others``' findings for the titles ``mine`` of document ``me`` against the index ``held`` of
    the other documents' titles (``_held``)."""
    mine = [x for x in mine if not any(_within(x[1], words) for words, spans in held[1].get(x[0], {}).items() if _other(spans, me))]
    return _given_to_another(me, mine, held[0], named, "the office {}", one_holder=True)


def bound_elsewhere(documents: Sequence[Document], analyses: Sequence[Analysis], clusters: dict, findings: list[Finding]) -> list[Finding]:
    """``compare``'s share of ``ages_of_others``: one person given two ages by two reports, a ``number`` conflict
    as in ``check`` (each report against all the others: one index of every report's ages, asked once per
    report; a conflict read from both of its reports once; none whose spans a conflict of the judge's,
    ``findings``, covers). Not an age two years apart or less: two reports of one story may be a charge and a
    verdict two years on ("Orozco, 27" / "Orozco, 29" on ECB+), where a summary and its article are of one time.
    Not the role conflicts of ``check`` (an age or office given to another person): a text's values come from
    its sources, so an age it gives that they give another is one they do not give its person, but two reports
    are told apart, and one gives ages or offices the other does not (on ECB+: "Steinberg, 48" in one report,
    "Jean Larson, 48" in another; two deputy district attorneys named in two reports), so that a value one
    report gives someone else is no sign of an error of the other's."""
    read = [(doc.id, _ages_read(a, doc.text, clusters, frozenset({"person", "place"}), source=True))
            for a, doc in zip(analyses, documents, strict=True)]  # fmt: skip
    own = _held([(doc, x) for doc, ages in read for x, _ in ages])[1]
    out: list[Finding] = []
    seen: set[frozenset] = set()
    taken = [s for f in findings if f.kind == "conflict" for s in f.evidence]
    for doc, ages in read:  # (each report as a text: its own people's ages, ``_ages``' defaults)
        for f in _other_ages(doc, [x for x, as_text in ages if as_text], own, set(), compared=True):
            spans = frozenset((s.doc, s.start, s.end) for s in f.evidence)
            if spans in seen or abs(int(f.evidence[0].text) - int(f.evidence[1].text)) <= 2 \
                    or any(t.doc == s.doc and t.start < s.end and s.start < t.end for s in f.evidence for t in taken):  # fmt: skip
                continue
            seen.add(spans)
            out.append(f)
    return out


def _own_acts(analysis: Analysis, links: list, clusters: dict) -> set[str]:  # noqa: C901 - three readings of one question
    """The speakers (``#17``) a source makes doers all the same, which the parse links alone do not show: in their
    own words, by a pronoun that names them (``SELF_PRONOUNS``) as the subject or the owner of the subject, ``Acme
    said it would cut 3,000 jobs``, ``Acme said its board had approved the sale``, ``'We signed him,' said Ford``;
    by a relative clause on their name, ``Sarah Hill, who led the raid, said``; by what they announce, promise or
    vow to do, ``Acme announced a deal to buy Beta``, ``Acme promised to cut prices``. The article tells the act of
    them as surely as if it named them as its subject, so a text that does is faithful."""
    out = set()
    by_sentence: dict[int, list] = {}  # each sentence's links, read per sentence: a scan of all per quote is quadratic
    for r in analysis.relations:
        by_sentence.setdefault(r.sentence, []).append(r)
    for q in analysis.quotes:
        entity = resolve_entity(analysis.entities, q.speaker_entity)
        cluster = clusters.get((analysis.doc_id, entity.id)) if entity else None
        if cluster is None or entity.kind not in SELF_PRONOUNS:
            continue
        mine, owners = SELF_PRONOUNS[entity.kind], SELF_OWNERS[entity.kind]
        if entity.kind == "org":  # "Acme Bank said the bank would cut jobs", "... said the company would"
            mine = mine | SELF_NOUNS | {_fold(entity.name.split()[-1])} if entity.name.split() else mine
        at, inside = q.sentence, []
        while at < len(analysis.sentences) and analysis.sentences[at].start < q.end:  # a quote of two sentences
            inside += [r for r in by_sentence.get(at, ()) if q.start <= r.span[0] < q.end]
            at += 1
        owned = {r.head for r in inside if r.dep == "poss" and r.child in owners}
        if any(r.dep in DOER_DEPS and (r.child in mine or r.child in owned) and r.head not in SPEAKING
               and r.head not in NOT_ACTS for r in inside):  # fmt: skip
            out.add(f"#{cluster}")
    relative_at: dict[int, set[str]] = {}
    for r in analysis.relations:
        if r.dep == "nsubj" and r.child in ("who", "that"):
            relative_at.setdefault(r.sentence, set()).add(r.head)
    for r, keys in links:
        names = [k for k in keys if k.startswith("#")]
        if not names or out.issuperset(names):
            continue
        near, told = by_sentence.get(r.sentence, ()), set()
        if r.dep != "compound" and r.sentence in relative_at:  # "Hill, who led the raid": the verb of "who"
            told = {x.child for x in near if x.head == r.child and x.dep == "relcl"} & relative_at[r.sentence]
        if r.dep in DOER_DEPS and r.head in SPEAKING:  # "announced a deal to buy", "promised to cut": no subject of its own
            subjects = {x.head for x in near if x.dep == "nsubj"}
            planned = {x.child for x in near if x.head == r.head and x.dep == "dobj"}
            told |= {x.child for x in near if x.head == r.head and x.dep == "xcomp" or x.head in planned
                     and x.dep in ("acl", "relcl") and x.child not in subjects}  # fmt: skip
        if told - SPEAKING - NOT_ACTS:
            out.update(names)
    return out


def _name_span(analysis: Analysis, doc: Document, at: tuple[int, int]) -> Span:
    """The name mention around a word (the word alone when no mention holds it)."""
    m = next((m for m in analysis.mentions if m.entity is not None and m.start <= at[0] and at[1] <= m.end), None)
    start, end = (m.start, m.end) if m else at
    return Span(doc.id, start, end, doc.text[start:end])


def _pronoun_links(analysis: Analysis) -> list:  # noqa: ANN401 - Relation
    """The text's third-person pronoun links; ``it`` only as the subject of a verb that is not one of the
    verbs an expletive ``it`` goes with (``it is likely``, ``it seems``, ``it turns out that``, ``it took
    three days to``): there it stands for no one. ``It takes place``, ``it plans to`` stand for something."""
    clausal = {(r.sentence, r.head) for r in analysis.relations
               if (r.dep == "ccomp" and r.head in RAISING) or (r.dep == "xcomp" and r.head in TAKES_TIME)}  # fmt: skip
    seen = {r.span: r for r in analysis.relations if r.child in MALE | FEMALE | PLURAL
            or (r.child == "it" and r.dep == "nsubj" and r.head not in EXPLETIVE
                and (r.sentence, r.head) not in clausal)}  # fmt: skip
    return sorted(seen.values(), key=lambda r: r.span[0])


def pronoun_checks(
    documents: Sequence[Document], analyses: Sequence[Analysis], alignment: Alignment,
    aligned: dict[int, set[tuple[str, int]]],
) -> tuple[list[Span], list[Finding]]:
    """Coreference, read off the parse: the text's third-person pronouns that refer to no one before them
    (``She`` opening a summary whose source names her), unless an aligned source sentence says the same words with the same
    pronoun (a sentence copied whole; for a pronoun that opens the text, only when it opens the source too: ``They
    restored a control tower`` copied from after the source's ``Claire Nugent and Nigel Morter`` names no one,
    unless a person named later in its sentence is who it stands for: ``Before he left, Smith thanked the fans``);
    and ``he``/``she`` whose nearest named person before it is, in the sources, always spoken of with the other
    pronoun (a ``conflict`` finding of type ``coreference``)."""
    ta, sources, text = analyses[0], analyses[1:], documents[0].text
    texts = {d.id: d.text for d in documents}
    copied = {(at, r.head, r.dep, r.child) for a in sources for r in a.relations if r.child in PRONOUNS
              for at in [(a.doc_id, r.sentence)]}  # fmt: skip
    starts = {a.doc_id: _first_content(texts[a.doc_id]) for a in sources}
    opening = {(at, r.head, r.dep, r.child) for a in sources for r in a.relations if r.child in PRONOUNS
               and starts[a.doc_id] >= r.span[0] for at in [(a.doc_id, r.sentence)]}  # fmt: skip
    gender = _source_genders(sources, alignment, texts)
    persons = [m for m in ta.mentions if m.kind == "person" and m.entity is not None]
    dangling, mismatched = [], []
    first_word = next((a for w, a, _ in _content(text) if w not in STOP), len(text))  # once: not per pronoun
    someone: dict[str, int] | None = None
    for p in _pronoun_links(ta):
        start, end = p.span
        # a name after it in its sentence is who it stands for (``Before he left, Smith thanked the fans``)
        ahead = p.child in MALE | FEMALE and any(m.sentence == p.sentence and m.start >= end for m in persons)
        if any((at, p.head, p.dep, p.child) in (copied if first_word < start or ahead else opening) for at in aligned.get(p.sentence, ())):
            continue  # a copied pronoun, unless it opens the text where the source had named someone before it
        span = Span(ta.doc_id, start, end, text[start:end])
        if p.child in PLURAL or p.child == "it":
            if first_word >= start:
                dangling.append(span)
            continue
        before = [m for m in persons if m.end <= start]
        if not before:
            if someone is None:
                someone = _first_someone(ta, text)  # once per text, not per pronoun
            if someone["he" if p.child in MALE else "she"] >= start:  # "a man ... his", "the toddler ... his"
                dangling.append(span)
            continue
        entity = resolve_entity(ta.entities, before[-1].entity)
        said = gender.get(alignment.clusters.get((ta.doc_id, entity.id)) if entity else None, [])
        male = [s for g, s in said if g in MALE]
        female = [s for g, s in said if g in FEMALE]
        other = female if p.child in MALE else male
        if len(other) >= 2 and len(other) == len(said):
            mismatched.append(_gender_conflict(span, before[-1], other[0]))
    return dangling, mismatched


FEMALE_NOUNS = frozenset(
    "woman women girl girls mother mothers mum mom wife wives daughter daughters sister sisters grandmother "
    "granddaughter aunt niece widow bride actress girlfriend queen princess duchess lady spokeswoman chairwoman "
    "businesswoman policewoman congresswoman".split()
)
MALE_NOUNS = frozenset(
    "man men boy boys father fathers dad husband husbands son sons brother brothers grandfather grandson uncle "
    "nephew widower groom boyfriend king prince duke lord spokesman chairman businessman policeman congressman "
    "gunman".split()
)
# words that name a person only sometimes ('in general', 'the head of', 'a pair of', 'a fighter jet', 'a role model')
NOT_A_PERSON = frozenset("general head chair vice pair fighter model star fan fans keeper".split())
PERSON_NOUNS = (frozenset(
    "child children kid kids toddler baby parent parents owner driver player players victim suspect teacher "
    "student pupil doctor nurse worker shooter attacker killer pilot passenger actor singer resident neighbour "
    "neighbor friend partner couple family lawyer mp candidate soldier rider runner swimmer striker winger "
    "midfielder defender goalkeeper boss chef author writer artist".split()
) | ROLE_WORDS) - NOT_A_PERSON - FEMALE_NOUNS - MALE_NOUNS
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "npadvmod"})


def _first_content(text: str) -> int:
    """Where the first content word of ``text`` starts (its length when it has none); reads no further."""
    return next((m.start() for m in WORD.finditer(text) if m.group().lower() not in STOP), len(text))


def _first_someone(analysis: Analysis, text: str) -> dict[str, int]:
    """Where the text first names a kind of person a ``he`` or a ``she`` without a named person before it
    may stand for (``a man``, ``the toddler``, ``the minister``, ``the 44-year-old``): a gendered noun only
    for its own pronoun (``a woman said he`` dangles), a word only as the head of its phrase, not as a
    modifier (``the pilot scheme``, ``the 100-year-old court``). One pass over the text, so a long text
    with many pronouns stays linear."""
    modifiers = {r.span[1] for r in analysis.relations if r.dep in MODIFIER_DEPS}
    first = {"he": len(text), "she": len(text)}
    for m in WORD.finditer(text):
        w = m.group().lower()
        if w.endswith("-old"):
            who = ("he", "she")
        elif w in PERSON_NOUNS:
            who = ("he", "she")
        elif w in MALE_NOUNS:
            who = ("he",)
        elif w in FEMALE_NOUNS:
            who = ("she",)
        else:
            continue
        if m.end() in modifiers:
            continue  # 'the pilot scheme', 'the 100-year-old court': not the person spoken of
        for pronoun in who:
            first[pronoun] = min(first[pronoun], m.start())
        if first["he"] < len(text) and first["she"] < len(text):
            break
    return first


def _source_genders(sources: Sequence[Analysis], alignment: Alignment, texts: dict[str, str]) -> dict[int, list[tuple[str, Span]]]:
    """he/she (and their other forms) in or just after a sentence naming a person, by the person's story-wide
    cluster: how the sources speak of each person. Mentions of an alias count as the person's (``Ronaldo``
    after ``Cristiano Ronaldo``); ``they`` and ``it`` say nothing of gender. Linear in mentions and pronouns:
    a 1 MB source has thousands of persons."""
    gender: dict[int, list[tuple[str, Span]]] = {}
    for a in sources:
        by_sentence: dict[int, list] = {}
        for p in _pronoun_links(a):
            if p.child in MALE | FEMALE:
                by_sentence.setdefault(p.sentence, []).append(p)
        sentences_of: dict[int, set[int]] = {}
        for m in a.mentions:
            e = resolve_entity(a.entities, m.entity)
            if e is not None:
                sentences_of.setdefault(id(e), set()).add(m.sentence)
        for e in a.entities:
            cluster = alignment.clusters.get((a.doc_id, e.id))
            if e.kind != "person" or cluster is None:
                continue
            named = sentences_of.get(id(e), set())
            for sentence in sorted(named | {n + 1 for n in named}):  # the same order as the pronouns' offsets
                for p in by_sentence.get(sentence, ()):
                    gender.setdefault(cluster, []).append((p.child, Span(a.doc_id, *p.span, texts[a.doc_id][slice(*p.span)])))
    return gender


TWICE_SLACK = 0  # characters: a source naming the person twice farther apart than the text does says no such thing


def named_twice(documents: Sequence[Document], analyses: Sequence[Analysis], clusters: dict) -> list[Finding]:
    """A person the text names twice in one sentence (``Klass made a swipe at Klass``, ``Gullit was assistant to
    Ruud Gullit``, ``claims Rojo and Rojo``) where no source sentence names them twice: a news sentence says
    ``himself`` or ``he`` the second time, so a name said twice is two people the text has made one (FRANK valid:
    16 of the 17 summaries doing it are inconsistent, 5 of them scored consistent; session 34). A possessive
    (``Clinton's followers ... Clinton's``) names no second role and is left alone; so is a repeat as the subject of
    a clause of its own (``Smith said ..., and Smith added``: a writer's choice, review revf34) or hanging off
    another verb (``a recording of Hale threatening a witness and a letter naming Hale``: an ECB+ report was flagged
    so, for one FRANK valid catch lost) and a name after a kinship noun (``Tom Bell and his son Tom
    Bell``: another person of one name). A ``coreference`` conflict with
    spans on both mentions and on a source's mention of the person."""
    text = documents[0]

    kinds: dict[int, Counter] = defaultdict(Counter)  # cluster -> what its mentions are taken for, all reports

    def named(a: Analysis) -> dict[tuple[int, int], list]:
        out: dict[tuple[int, int], list] = defaultdict(list)  # (sentence, cluster) -> its mentions, in order
        for m in a.mentions:
            e = resolve_entity(a.entities, m.entity) if m.entity is not None else None
            if e is not None and (c := clusters.get((a.doc_id, e.id))) is not None:
                out[(m.sentence, c)].append(m)
                kinds[c][e.kind] += 1
        return out

    by_doc = [named(a) for a in analyses]  # the tagger may call one mention of a person an org ("Lily Stone")

    def people(i: int) -> dict[tuple[int, int], list]:
        return {k: ms for k, ms in by_doc[i].items() if 2 * kinds[k[1]]["person"] > sum(kinds[k[1]].values())}

    # a name that is the grammatical subject of a clause of its own ("Smith said ..., and Smith added", "'Khan will not
    # be silenced,' Mayor Sadiq Khan said", a headline run into its lead) is a writer's repeat, not a second role:
    # the two people made one sit in one clause ("Stone made a swipe at Stone", "questioned Webb and Webb")
    def own_clause(a: Analysis, m, n) -> bool:  # noqa: ANN001 - Mentions
        return any(c.subject_span[0] <= n.start and n.end <= c.subject_span[1]
                   and not (c.subject_span[0] <= m.start and m.end <= c.subject_span[1])
                   for c in a.clauses if c.sentence == n.sentence and c.subject_span is not None)  # fmt: skip

    told: dict[int, int] = {}  # cluster -> the nearest two mentions of it in one source sentence, in characters apart
    for i in range(1, len(analyses)):
        for (_, c), ms in people(i).items():
            for m, n in zip(ms, ms[1:], strict=False):
                told[c] = min(told.get(c, n.start - m.end), n.start - m.end)
    held: dict[int, tuple] = {}  # cluster -> a source and its first mention of the person
    for i in range(1, len(analyses)):
        for (_, c), ms in sorted(people(i).items()):
            held.setdefault(c, (analyses[i], ms[0]))
    out = []
    for (_, c), ms in sorted(people(0).items()):
        ms = [m for m in ms if not re.match(r"\s*['’]s\b|['’](?=\s)", text.text[m.end : m.end + 4])]
        # a kinship noun just before the second ("his grandfather Tom Bell", "her son, Tom Bell") names another person
        pair = next(((m, n) for m, n in zip(ms, ms[1:], strict=False) if m.end <= n.start and not own_clause(analyses[0], m, n) and m.verb == n.verb
                     and not set(re.findall(r"[a-z]+(?=\W*$)", text.text[max(m.end, n.start - 20) : n.start].lower())) & _KIN), None)
        # a source that names them twice as near says it too (a run-on caption line naming them farther apart does not)
        if c not in held or pair is None or told.get(c, 10**9) <= pair[1].start - pair[0].end + TWICE_SLACK:
            continue
        a, theirs = held[c]
        src = next(d for d in documents if d.id == a.doc_id)
        first, second = (Span(text.id, m.start, m.end, text.text[m.start : m.end]) for m in pair)
        out.append(Finding(
            "conflict", "coreference", [second, first, Span(src.id, theirs.start, theirs.end, src.text[theirs.start : theirs.end])], 0.9,
            f"The text names {first.text} twice in one sentence ('{first.text}' … '{second.text}'): two people made one, "
            f"as no source names them twice there.",
            values={text.id: second.text, src.id: theirs.text},
        ))  # fmt: skip
    return out


def _gender_conflict(pronoun: Span, antecedent, source: Span) -> Finding:  # noqa: ANN001 - Mention
    return Finding(
        "conflict", "coreference", [pronoun, source], 0.9,
        f"The text refers to {antecedent.text} as '{pronoun.text}'; the source always uses the other pronoun.",
        values={pronoun.doc: pronoun.text, source.doc: source.text},
    )  # fmt: skip



# verbs whose subject is no doer of a deed (``he is``, ``she has``, ``he said``): any person of a story is, has and
# says; that the source says it of someone else is no sign the text's pronoun stands for the wrong person
NO_DEED = frozenset({"be", "have", "do", "get", "become", "seem", "go", "come", "make", "take", "want", "know"}) | CUE_VERBS
# an object that names no thing of its own: "Lind also signed it" may be the lease Berg signed, so a deed told with
# one is told by its verb alone
OBJECT_PRONOUNS = frozenset("it them this that these those one him her so".split())
# a word just before a name that tells the person's gender ("Mrs Stone", "his sister, Laura Dunn")
GENDER_WORDS = {**{w: "he" for w in MALE_NOUNS | {"mr", "sir"}}, **{w: "she" for w in FEMALE_NOUNS | {"mrs", "ms", "miss", "dame"}}}


def pronoun_deeds(documents: Sequence[Document], analyses: Sequence[Analysis], alignment: Alignment) -> list[Finding]:
    """A ``he``/``she`` of the text standing for the wrong person: read as the last person named before it (the
    plain reading, as ``analyze._previous_person`` reads a speaker's pronoun), it does a deed (its clause's verb
    and object, or the verb alone when it has none) that the sources tell of someone else every time they tell
    it ("Lane was riding in a car when he pulled the trigger" against "Luna pulled the trigger"). A
    ``coreference`` conflict with spans on the pronoun and on the name of the source's doer. The sources' own pronouns are
    read more widely, as the last person named before them or any person named in their sentence or the one
    before (read plainly, a source's "he" stood for someone else in as many FRANK validation summaries the rule
    flagged as it caught: 5 consistent of 10; widened to their own sentence, 2 of 6; to the one before too, 0 of
    1), or as anyone whose name's words are written there, tagged a person or not ("Rebecca says she..."; a BUMP
    reference was flagged without it), and a person whose name shares a word with
    the text's ("Grandmother-of-three Pat" for "Pat Ingles") is the same person. Only deeds whose every telling
    names a person for the doer count: a doer no name stands for ("the teenager pulled the trigger", "police
    arrested", "Tom Reed's lawyer", a body such as "Acme Corp", whose deeds its chief may be said to do) may be
    the text's person; every name of a subject is a doer ("Tom Reed and Ben Shaw robbed the bank"). The text's
    pronoun is not read plainly, so no conflict, where the plain reading is unsure: a person named after it in its
    sentence ("Before he left, Smith thanked the fans"), a source's doer named in its sentence or the one before
    ("Mark Fell was with Laura Stone. He drove": which of the two, only their genders tell), a person the sources,
    a title ("Mrs") or the text's other pronouns speak of with the other pronoun ("She said he drove"), words in a
    direct quote (the speaker's "he", not the narrator's). Nor where the sources never speak of the person with the
    text's pronoun (no he/she near their name, no title or gender word before it): a gender unknown neither confirms
    nor refuses the plain reading, so no conflict is told from it (session 28: "Jane Cole was a passenger. He drove
    the van" was read as Jane Cole driving; the project has no list of first names' genders).
    Linear in clauses and mentions (persons are found by bisection), so a long source costs no more."""
    ta, sources, clusters = analyses[0], analyses[1:], alignment.clusters
    told: dict[tuple[str, str | None], list[tuple[dict[int, tuple[str, Span]], frozenset[str]]]] = {}
    known: set[int] = set()
    for a, doc in zip(sources, documents[1:], strict=True):
        doers, objects = _Doers(a, doc.text, clusters), _objects(a)
        for c in a.clauses:
            at = c.doer_span if c.passive else c.subject_span
            if at is None or c.negated or c.verb in NO_DEED:
                continue
            who, near = doers(at, wide=True), doers.window_words()
            for obj in {None if o in OBJECT_PRONOUNS else o for o in objects.get((c.sentence, c.verb), set())} | {None}:
                told.setdefault((c.verb, obj), []).append((who, near))
        known.update(v for (d, _), v in clusters.items() if d == a.doc_id and v is not None)
    text = documents[0].text
    doers, objects, found, answers = _Doers(ta, text, clusters), _objects(ta), [], {}
    gender = _genders(documents, analyses, alignment, doers)
    for c in ta.clauses:
        if c.passive or c.negated or c.subject_span is None or (c.subject or "").lower() not in ("he", "she") or c.verb in NO_DEED:
            continue
        start, end = c.subject_span
        if doers.named_after(c.sentence, end):
            continue
        [(who, (name, _))] = doers(c.subject_span).items() or [(None, ("", None))]
        if who not in known or _quoted(ta, start):
            continue
        pronoun = text[start:end].lower()
        if _other_gender(gender.get(who, {}), pronoun):
            continue  # a person spoken of with the other pronoun: not who the text's pronoun stands for
        if not gender.get(who, {}).get(pronoun):
            continue  # nor one the sources never call so: a gender unknown is no reading (``Jane Cole ... He drove``)
        # the source's doer named just before may be who it stands for, unless spoken of with the other pronoun
        nearby = {k: v for k, v in doers(c.subject_span, wide=True).items() if not _other_gender(gender.get(k, {}), pronoun)}
        objs = {o for o in objects.get((c.sentence, c.verb), set()) if o not in OBJECT_PRONOUNS}
        own = frozenset(w.lower() for w in WORD.findall(name) if len(w) > 2)
        key = (c.verb, frozenset(objs), frozenset((k, n) for k, (n, _) in nearby.items()), own)
        if key not in answers:  # many pronouns of one person doing one deed: the tellings are walked once
            tellings = [t for o in sorted(objs) for t in told.get((c.verb, o), [])] if objs else told.get((c.verb, None), [])
            answers[key] = tellings[0][0] if tellings and all(
                w and not w.keys() & nearby.keys() and not own & near
                and not any(_same_name(n, m) for n, _ in w.values() for m, _ in nearby.values()) for w, near in tellings
            ) else None  # fmt: skip
        if whom := answers[key]:  # the doers of the deed's first telling
            span = Span(ta.doc_id, start, end, text[start:end])
            other = list(whom.values())[-1][1]  # the name of the source's doer (its nearest one for a pronoun)
            found.append(Finding(
                "conflict", "coreference", [span, other], 0.6,
                f"'{span.text}' reads as {name}, but the sources tell of {' or '.join(n for n, _ in whom.values())} doing this.",
                values={span.doc: name, other.doc: other.text},
            ))  # fmt: skip
    return found


def _other_gender(said: dict[str, int], pronoun: str) -> bool:
    """Whether a person ``_genders`` counted so is spoken of with the other pronoun than ``pronoun``: more often in the
    sources and gender words, or at all by the text's own he/she."""
    other = "he" if pronoun == "she" else "she"
    return said.get(other, 0) > said.get(pronoun, 0) or bool(said.get("text " + other))


def _quoted(analysis: Analysis, at: int) -> bool:
    """Whether offset ``at`` is in a direct quote: its pronouns are the speaker's, read in the speaker's story, not
    the narrator's. (Reported speech is the narrator's: "Okoro said he pulled out a knife" is Okoro; in "She said he
    drove", the text's own ``she`` tells he is someone else.)"""
    return any(q.kind == "direct" and q.start <= at < q.end for q in analysis.quotes)


def _genders(documents: Sequence[Document], analyses: Sequence[Analysis], alignment: Alignment, text_doers: _Doers) -> dict[int, dict[str, int]]:
    """How often each person (story-wide cluster) is spoken of as ``he`` and as ``she``: the sources' pronouns near
    their name (``_source_genders``), a gender word just before any of their names ("Mrs", "his sister, Laura
    Dunn"; counted twice); and apart, as ``text he`` and ``text she``, the text's own he/she subjects read plainly
    (a text that calls one person both is unsure whom its pronouns stand for). One pass over mentions and pronouns."""
    texts, clusters = {d.id: d.text for d in documents}, alignment.clusters
    out: dict[int, Counter[str]] = defaultdict(Counter)
    for cluster, said in _source_genders(analyses[1:], alignment, texts).items():
        for g, _ in said:
            out[cluster]["he" if g in MALE else "she"] += 1
    for a in analyses:
        for m in a.mentions:
            e = resolve_entity(a.entities, m.entity)
            cluster = clusters.get((a.doc_id, e.id)) if e is not None and e.kind == "person" else None
            # the word before the name, or the name's own first word (the tagger keeps a title in it: ``Mrs Cole``,
            # review revj24: the title went uncounted, so ``Mrs Cole ... She drove`` was read as no gender known)
            before = WORD.findall(texts[a.doc_id][max(0, m.start - 20) : m.start])[-1:] + WORD.findall(texts[a.doc_id][m.start : m.end])[:1]
            title = next((w.lower() for w in before if w.lower() in GENDER_WORDS), None)
            if cluster is not None and title is not None:
                out[cluster][GENDER_WORDS[title]] += 2  # the person's own word: more than a pronoun near the name
    ta = analyses[0]
    for r in ta.relations:
        if r.child in ("he", "she") and r.dep in ("nsubj", "nsubjpass"):
            [who] = text_doers((r.span[0], r.span[1])) or [None]
            if who is not None:
                out[who]["text " + r.child] += 1
    return out


def _same_name(a: str, b: str) -> bool:
    """Two names of one person: they share a word (``Pat`` of "Grandmother-of-three Pat" and "Pat Ingles")."""
    return bool({w.lower() for w in WORD.findall(a)} & {w.lower() for w in WORD.findall(b)})


def _objects(analysis: Analysis) -> dict[tuple[int, str], set[str]]:
    """The direct objects' lemmas of each verb, by sentence: which deed a clause tells of."""
    out: dict[tuple[int, str], set[str]] = {}
    for r in analysis.relations:
        if r.dep == "dobj":
            out.setdefault((r.sentence, r.head), set()).add(r.child)
    return out


class _Doers:
    """Who a clause's subject is, as story-wide clusters with a name and its span each: the persons it names (each
    of "Tom Reed and Ben Shaw", none of "Tom Reed's lawyer"; none when it names a body, "Acme Corp", unless a he or
    she near it and no person there tells it is a person the small model tagged an organisation, "Marcus Hale"), or
    the persons a ``he``/``she`` may stand for (the last person named before it; ``wide``: and any named in its
    sentence before it or in the sentence before); empty for any other subject (``the police``). The persons'
    mentions are sorted once; each question is a bisection and a walk over the persons it returns."""

    def __init__(self, analysis: Analysis, text: str, clusters: dict) -> None:
        self.text, self.doc, self.sentence_start, self.window = text, analysis.doc_id, {s.index: s.start for s in analysis.sentences}, None
        names = sorted(((m.start, m.sentence, m.text, clusters.get((analysis.doc_id, e.id)), e.kind, m.end) for m in analysis.mentions
                        if (e := resolve_entity(analysis.entities, m.entity)) is not None and e.kind in ("person", "org")),
                       key=lambda p: p[0])  # fmt: skip
        self.names, self.name_starts = names, [p[0] for p in names]
        self.persons = [p for p in names if p[4] == "person"]
        self.starts = [p[0] for p in self.persons]
        self.sentence_starts = [s.start for s in analysis.sentences]
        self.sentence_index = [s.index for s in analysis.sentences]
        gendered = {r.sentence for r in analysis.relations if r.child in MALE | FEMALE}
        with_person = {p[1] for p in self.persons}
        self.person_like = {(p[1], p[0]) for p in names if p[4] == "org"
                            and any(s in gendered and s not in with_person for s in (p[1], p[1] + 1))}  # fmt: skip

    def sentence_of(self, at: int) -> int:
        """The index of the sentence holding offset ``at``."""
        return self.sentence_index[max(0, bisect_right(self.sentence_starts, at) - 1)] if self.sentence_starts else 0

    def __call__(self, at: tuple[int, int], wide: bool = False) -> dict[int, tuple[str, Span]]:
        self.window = None
        if self.text[at[0] : at[1]].lower() not in ("he", "she"):  # (a surname is often tagged an organisation)
            k, named = bisect_left(self.name_starts, at[0]), []
            while k < len(self.names) and self.names[k][0] < at[1]:
                named.append(self.names[k])
                k += 1
            if any((p[4] == "org" and (p[1], p[0]) not in self.person_like) or self.text.startswith(("'s", "’s"), p[5]) for p in named):
                return {}  # a body's deed, or a possessor's ("Tom Reed's lawyer"): not one person's
        else:
            k = bisect_left(self.starts, at[0])
            named = self.persons[max(0, k - 1) : k]
            if wide and named:
                sentence = self.sentence_of(at[0])
                begin = self.sentence_start.get(sentence - 1, self.sentence_start.get(sentence, 0))
                named = self.persons[min(k - 1, bisect_left(self.starts, begin)) : k]
                self.window = (begin, at[0])
        return {c: (name, Span(self.doc, s, e, self.text[s:e])) for s, _, name, c, _, e in named if c is not None}

    def window_words(self) -> frozenset[str]:
        """The words before the pronoun last asked about, from where its ``wide`` reading starts (none for a name):
        a person the parse did not tag ("Rebecca says she...") is still someone the pronoun may stand for."""
        if self.window is None:
            return frozenset()
        return frozenset(w.lower() for w in WORD.findall(self.text[self.window[0] : self.window[1]]))

    def named_after(self, sentence: int, end: int) -> bool:
        """Whether a person is named after ``end`` in the same sentence."""
        k = bisect_left(self.starts, end)
        return k < len(self.persons) and self.persons[k][1] == sentence
