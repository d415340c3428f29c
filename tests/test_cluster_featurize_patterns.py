"""featurize's faster patterns find what the plain forms find: the forms written out here are the patterns
featurize used before (a leading ``\\b``/lookbehind, Unicode classes, one pass per kind), checked on random
strings made of the characters the patterns care about, on plain text (ASCII and typographic marks) and on
text with other non-ASCII letters and digits."""

from __future__ import annotations

import random
import re

from storycheck.cluster import (
    _DECIMAL,
    _FIGURE,
    _NAME,
    _NAME_PLAIN,
    _NOT_PLAIN,
    _NUMBER_WORD_LOWER,
    _NUMBER_WORDS,
    _PLAIN_MARKS,
    _WEEKDAY,
    _WORD,
    _WORD_PLAIN,
    _YEAR,
    _years_and_decimals,
)

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
WEEKDAY = re.compile(r"\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
FIGURE = re.compile(r"(?<![\w.,])\d[\d,]*(?:\.\d+)?(?![\w,]*\d)")
NUMBER_WORD = re.compile(r"\b(" + "|".join(list(_NUMBER_WORDS)[2:]) + r")\b")
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
DECIMAL = re.compile(r"(?<![\d.])\d{1,4}\.\d{1,2}(?![\d.])")

PIECES = (
    [chr(i) for i in range(32, 127)] + list(_PLAIN_MARKS) + list(" .,;)'’_-0123456789") * 3
    + ["Monday", "Sunday", "Mr Smith", ", Obama's", "1899", "2019", "20190", "3.25", "1,200", "7.", ".5"]
    + list(_NUMBER_WORDS) + ["fourth", "tenth", "twelfths"]
)
OTHER = list("éÉ٣²½ßİ")  # letters and digits that are not ASCII: the text is then not plain


def strings(n: int, seed: int, other: bool = False) -> list[str]:
    rng = random.Random(seed)
    pieces = PIECES + OTHER * 5 if other else PIECES
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def plain(text: str) -> bool:
    return text.isascii() or _NOT_PLAIN.search(text) is None


def test_rewritten_patterns_find_the_same_matches():
    for text in strings(20000, 1) + strings(20000, 2, other=True):
        assert _WORD.findall(text.lower()) == WORD.findall(text.lower())
        assert _WEEKDAY.findall(text) == WEEKDAY.findall(text)
        assert _FIGURE.findall(text) == FIGURE.findall(text)
        assert _YEAR.findall(text) == YEAR.findall(text)
        assert _DECIMAL.findall(text) == DECIMAL.findall(text)
        assert _years_and_decimals(text, plain(text)) == (YEAR.findall(text), DECIMAL.findall(text))
        if text.isascii():
            assert _NUMBER_WORD_LOWER.findall(text.lower()) == NUMBER_WORD.findall(text.lower())


def test_plain_patterns_find_the_same_matches_on_plain_text_only():
    texts = strings(20000, 3)
    assert all(plain(t) for t in texts)
    for text in texts:
        assert _WORD_PLAIN.findall(text.lower()) == WORD.findall(text.lower())
        assert _NAME_PLAIN.findall(text) == _NAME.findall(text)
    # with other letters or digits, the ASCII forms would miss them: such text is not plain
    assert not plain("Café 2019") and not plain("٣.5") and plain("It’s “£3.5” — 2019…")
    assert _WORD_PLAIN.findall("café") != WORD.findall("café")
