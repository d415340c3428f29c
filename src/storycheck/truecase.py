"""Case restored from the sources, for a derived text written all in lower case.

Machine summaries are often lower-cased (``chris copeland , a player for the indiana pacers``): the tagger
then finds no names in them, and every check built on names (new names, actors, roles, pronouns tied to a
person) goes blind. A word's case in the sources says how it is written: each word of the text takes the
form the sources give it most often away from the start of a sentence, and sentence starts take a capital.
Only the case changes, never the length, so every offset in the text stays valid; a text with any capital
letter is left exactly as it is.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache

from storycheck.records import Document

__all__ = ["restore_case"]

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)[\"'‘“(]*")


def _starts(text: str) -> set[int]:
    """Offsets where a sentence's first word may begin (where a capital says nothing about the word)."""
    return {m.end() for m in SENTENCE_START.finditer(text)}


@lru_cache(maxsize=256)
def _forms_of(text: str) -> dict[str, Counter]:
    """Per lower-cased word, how often each written form of it stands away from a sentence start."""
    starts, seen = _starts(text), defaultdict(Counter)
    for m in WORD.finditer(text):
        if m.start() not in starts:
            seen[m.group().lower()][m.group()] += 1
    return seen


@lru_cache(maxsize=256)
def _best_forms(text: str) -> dict[str, str]:
    return {w: c.most_common(1)[0][0] for w, c in _forms_of(text).items()}


def _forms(texts: Sequence[str]) -> dict[str, str]:
    """Per lower-cased word, the form the sources use most often where case is a choice."""
    if len(texts) == 1:
        return _best_forms(texts[0])
    total: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for w, c in _forms_of(text).items():
            total[w].update(c)
    return {w: c.most_common(1)[0][0] for w, c in total.items()}


def restore_case(text: Document, sources: Sequence[Document]) -> Document:
    """``text`` with the sources' case when it has no capital letter at all (else ``text`` itself)."""
    if any(ch.isupper() for ch in text.text) or not any(ch.isupper() for s in sources for ch in s.text):
        return text
    forms, starts = _forms([s.text for s in sources]), _starts(text.text)
    chars = list(text.text)
    for m in WORD.finditer(text.text):
        word = forms.get(m.group(), m.group())
        if len(word) != len(m.group()):
            continue
        if m.start() in starts and len(up := word[0].upper()) == 1:  # "ß".upper() is "SS": offsets would move
            word = up + word[1:]
        chars[m.start() : m.end()] = word
    cased = "".join(chars)
    if cased == text.text or len(cased) != len(text.text):  # same offsets, or no recasing at all
        return text
    return dataclasses.replace(text, text=cased)
