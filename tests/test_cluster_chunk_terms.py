"""A chunk's words are numbered once and its terms counted and its shingles hashed for the whole chunk in numpy
(``cluster._featurize``, ``_count_terms``): the packed features must be what counting each article's term words
in a dict gave (the same terms, counts, weights and order), the chunk's terms numbered in the order they first
occur, the names an article gives among its terms found as the per-feature code finds them, and each MinHash the
one of the article's own shingles."""

from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pytest

import storycheck.cluster as cl
from storycheck.cluster import (
    _WORD,
    _WORD_PLAIN,
    ClusterSettings,
    _featurize,
    _Hasher,
    _Packed,
    _shingle_hashes,
)
from storycheck.records import Document

TEXTS = [
    ("a", "Rescuers in Ostra said the flood reached the old bridge on Monday. The flood, the worst since 1998, "
          "cut the road to Ostra; 4.5 metres of water. Mayor Anna Berg said the bridge would reopen.", "Flood in Ostra"),
    ("b", "the flood reached ostra on monday and the bridge closed. officials said the flood was receding", None),
    ("c", "", None),  # no words at all
    ("d", "Short one.", None),  # fewer words than a shingle
    ("e", "Zürich’s council met Müller on Tuesday; Müller’s plan for Zürich’s tram passed 7–2. The tram will run "
          "in 2027, the council said, and Müller thanked Zürich.", "Zürich tram"),
    ("f", "Ostra Ostra Ostra flood flood bridge the the the and and 2024 2024 12th 12th", None),
    ("g", "Media playback is not supported on this device Berg told reporters in Ostra the bridge held.", None),
]


def documents() -> list[Document]:
    return [Document(i, text, title=title, published="2024-05-13T08:00:00Z") for i, text, title in TEXTS]


def counted(doc: Document) -> dict[str, float]:
    """The terms of an article counted word by word in a dict, as every earlier version did."""
    text = doc.text
    if text[:1] in "SM":
        text = cl._CHROME.sub("", text, count=1)
    both = f"{doc.title or ''} {text}"
    plain = both.isascii() or cl._NOT_PLAIN.search(both) is None
    words = (_WORD_PLAIN if plain else _WORD).findall(text.lower())
    counts = Counter(w for w in words if len(w) > 2 and w not in cl._STOP and not w[0].isdigit())
    return {w: 1.0 + math.log(c) for w, c in counts.items()}


def test_chunk_terms_are_the_dict_counts_in_their_order():
    docs = documents()
    packed = _featurize(docs, ClusterSettings(), None)
    features = packed.unpack()
    for doc, f in zip(docs, features, strict=True):
        assert list(f.terms.items()) == list(counted(doc).items())  # the same weights, in first-occurrence order
    # the chunk's distinct terms in the order they first occur, one article after another
    first: dict[str, None] = {}
    for doc in docs:
        first.update(dict.fromkeys(counted(doc)))
    assert packed.words == list(first)
    assert packed.term_ids.dtype == np.int32 and packed.weights.dtype == np.float64


def segments(packed: _Packed) -> list[list[str]]:
    """Each article's names, years, lead slots and typed details, each sorted (a set unpacked and packed again
    may list its strings in another order)."""
    out, s0 = [], 0
    for i in range(len(packed.ids)):
        for s1 in packed.ends[5 * i + 1 : 5 * i + 5]:
            out.append(sorted(packed.strings[s0:s1]))
            s0 = s1
    return out


def test_chunk_pack_is_what_packing_each_articles_features_gives():
    packed = _featurize(documents(), ClusterSettings(), None)
    again = _Packed.pack(packed.unpack())  # the per-feature code: its vocabulary, its named terms
    assert (packed.ids, packed.times, packed.words, packed.ends, packed.lower) == (
        again.ids, again.times, again.words, again.ends, again.lower)
    assert segments(packed) == segments(again)
    for x, y in ((packed.term_ids, again.term_ids), (packed.weights, again.weights),
                 (packed.minhash, again.minhash), (packed.vector, again.vector)):
        assert x.dtype == y.dtype and np.array_equal(x, y)
    assert packed.named.dtype == again.named.dtype and sorted(packed.named) == sorted(again.named)
    # names the cased articles give among their terms: a's three, e's two, f's and g's "ostra" (g's "Berg" opens
    # its text, b is lower-cased, d names nobody)
    named = ["anna", "berg", "ostra", "müller", "zürich", "ostra", "ostra"]
    assert sorted(packed.words[k] for k in packed.named) == sorted(named)


def test_chunk_minhash_is_each_articles_own():
    settings = ClusterSettings()
    docs = documents()
    packed = _featurize(docs, settings, None)
    hasher = _Hasher.of(settings.num_perm, settings.seed)
    for doc, row in zip(docs, packed.minhash, strict=True):
        text = cl._CHROME.sub("", doc.text, count=1) if doc.text[:1] in "SM" else doc.text
        words = _WORD.findall(text.lower())
        assert np.array_equal(row, hasher.hashvalues([_shingle_hashes(words, settings.shingle_words)])[0])


def test_word_numbers_emptied_midway_change_nothing(monkeypatch: pytest.MonkeyPatch):
    docs = documents()
    before = _featurize(docs, ClusterSettings(), None)
    monkeypatch.setattr(cl, "_WORDS_KEPT", 3)  # emptied before every chunk
    _featurize(docs[::-1], ClusterSettings(), None)  # the words numbered in another order first
    after = _featurize(docs, ClusterSettings(), None)
    assert len(cl._WORDS) == len(cl._WORDS.words) == len(cl._WORDS.crc)
    assert (before.words, before.ends) == (after.words, after.ends)
    assert np.array_equal(before.term_ids, after.term_ids) and np.array_equal(before.minhash, after.minhash)


def test_empty_chunk():
    packed = _featurize([], ClusterSettings(), None)
    assert packed.unpack() == [] and packed.words == []


class _Zeros:
    """An embedder of fixed zero vectors (the test is about the words, not the embedding)."""

    def encode(self, leads: list[str]) -> np.ndarray:
        return np.zeros((len(leads), 4), dtype=np.float32)


def _same_pack(a: _Packed, b: _Packed) -> bool:
    return (a.ids, a.words, a.ends) == (b.ids, b.words, b.ends) and all(
        np.array_equal(x, y) for x, y in ((a.term_ids, b.term_ids), (a.weights, b.weights), (a.minhash, b.minhash))
    )


def test_chunks_featurized_on_two_threads_at_once(monkeypatch: pytest.MonkeyPatch):
    """The word table is the process's: threads featurizing at once (a thread pool as ``StoryIndex.add``'s
    executor, a Dask worker of several threads) must not number or empty it between another chunk's numbering
    and its use. Here a second chunk is featurized on another thread while the first is numbering its words,
    the table emptied before every chunk: on aa44320 the first chunk read the second's numbers (an IndexError,
    or other words' CRC32 and terms)."""
    import threading

    settings, embedder = ClusterSettings(), _Zeros()
    first = documents()
    second = [Document(f"x{i}", f"Gdansk harbour cranes {i} stood idle while dockers voted on the strike "
                       f"{'again ' * i}", title="Strike") for i in range(5)]
    monkeypatch.setattr(cl, "_WORDS_KEPT", 0)
    expected = (_featurize(first, settings, embedder), _featurize(second, settings, embedder))
    others: list[_Packed] = []

    class Interleaved(cl._Words):
        def __init__(self) -> None:
            super().__init__()
            self.thread: threading.Thread | None = None

        def __missing__(self, word: str) -> int:
            if word == "bridge" and self.thread is None:  # the first chunk halfway through its words
                self.thread = threading.Thread(target=lambda: others.append(_featurize(second, settings, embedder)))
                self.thread.start()
                self.thread.join(1.0)  # (runs to its end unless the first chunk holds the table)
            return super().__missing__(word)

    table = Interleaved()
    table["seed"]  # (not empty: the second chunk's featurize empties it, _WORDS_KEPT being 0)
    monkeypatch.setattr(cl, "_WORDS", table)
    got = _featurize(first, settings, embedder)
    assert table.thread is not None
    table.thread.join()
    assert len(others) == 1
    assert _same_pack(got, expected[0]) and _same_pack(others[0], expected[1])


def test_word_table_interrupted_while_numbering_a_word(monkeypatch: pytest.MonkeyPatch):
    """An exception that arrives while the table numbers a new word (Ctrl-C in a notebook, a MemoryError: here
    raised by ``_is_term``, after the word was numbered and its CRC32 kept) must not leave the table's parts
    out of step for the chunks that follow: on aa44320 every word numbered afterwards read another word's
    term flag (wrong terms, silently, until the table was emptied past two million words)."""
    settings, embedder = ClusterSettings(), _Zeros()
    docs = documents()
    monkeypatch.setattr(cl, "_WORDS", cl._Words())
    expected = _featurize(docs, settings, embedder)
    monkeypatch.setattr(cl, "_WORDS", cl._Words())
    real = cl._is_term

    def interrupted(word: str) -> bool:
        if word == "rescuers":
            raise KeyboardInterrupt
        return real(word)

    monkeypatch.setattr(cl, "_is_term", interrupted)
    with pytest.raises(KeyboardInterrupt):
        _featurize(docs, settings, embedder)
    monkeypatch.setattr(cl, "_is_term", real)
    assert _same_pack(_featurize(docs, settings, embedder), expected)
    # interrupted between two of its parts' appends: one part a word longer than the others
    for part in ("words", "_crc", "_term"):
        getattr(cl._WORDS, part).append(getattr(cl._WORDS, part)[0])
        assert _same_pack(_featurize(docs, settings, embedder), expected)
