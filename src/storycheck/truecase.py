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

from storycheck.records import Document

__all__ = ["restore_case"]

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)[\"'‘“(]*$")


def _forms(texts: Sequence[str]) -> dict[str, str]:
    """Per lower-cased word, the form the sources use most often where case is a choice (not a sentence start)."""
    seen: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        for m in WORD.finditer(text):
            if SENTENCE_START.search(text[max(0, m.start() - 4) : m.start()]):
                continue
            seen[m.group().lower()][m.group()] += 1
    return {w: c.most_common(1)[0][0] for w, c in seen.items()}


def restore_case(text: Document, sources: Sequence[Document]) -> Document:
    """``text`` with the sources' case when it has no capital letter at all (else ``text`` itself)."""
    if any(ch.isupper() for ch in text.text) or not any(ch.isupper() for s in sources for ch in s.text):
        return text
    forms = _forms([s.text for s in sources])
    chars = list(text.text)
    for m in WORD.finditer(text.text):
        word = forms.get(m.group(), m.group())
        if len(word) != len(m.group()):
            continue
        if SENTENCE_START.search(text.text[max(0, m.start() - 4) : m.start()]):
            word = word[0].upper() + word[1:]
        chars[m.start() : m.end()] = word
    cased = "".join(chars)
    return text if cased == text.text else dataclasses.replace(text, text=cased)
