"""Session 27 (bspeed16): readers that skip a slow general path where a cheap test proves the answer, each with
the same result as the slow path and falling back to it otherwise. Sentences written for these tests."""

from __future__ import annotations

import re

import pytest

from storycheck import quantities
from storycheck.quantities import ORDINAL_IN_TEXT, ORDINAL_STEMS, ORDINAL_WORDS, ordinals_in


def _by_pattern(text: str) -> list[tuple[int, int, int]]:
    """What ``ordinals_in`` gave before it was kept and filtered: every match of the long pattern."""
    out = []
    for m in ORDINAL_IN_TEXT.finditer(text):
        value = int(m["digits"]) if m["digits"] else ORDINAL_WORDS[re.sub(r"\s+", "-", m["word"].lower())]
        out.append((m.start(), m.end(), value))
    return out


ORDINAL_TEXTS = [
    "The council met on Tuesday and approved the budget.",
    "It was the third time the bank raised rates this year.",
    "It was the 3rd time the bank raised rates this year.",
    "The firm posted its twenty-first loss and its Twenty First apology.",
    "Shares fell for a FOURTEENTH session, the fortieth this year, and the hundredth since 2019.",
    "The 21st and 102nd floors were closed; the 2nd-quarter results came later.",
    "At first the minister said nothing for a second time.",
    "Nobody came to the fourthcoming meeting on 33rdStreet.",
    "The runners left at 5th.",
    "",
]


@pytest.mark.parametrize("text", ORDINAL_TEXTS)
def test_ordinals_equal_the_long_pattern(text):
    quantities.forget()
    assert ordinals_in(text) == _by_pattern(text)
    assert ordinals_in(text) == _by_pattern(text)  # kept: the same again, a fresh list
    assert ordinals_in(text) is not ordinals_in(text)


def test_every_ordinal_word_holds_a_stem():
    for word in ORDINAL_WORDS:
        assert any(stem in word for stem in ORDINAL_STEMS), word


def test_a_sentence_without_a_stem_skips_the_long_pattern(monkeypatch):
    class Refuse:
        def finditer(self, text):  # noqa: ANN001, ANN202
            raise AssertionError(f"the long pattern read {text!r}")

    quantities.forget()
    monkeypatch.setattr(quantities, "ORDINAL_IN_TEXT", Refuse())
    assert ordinals_in("The council met on Tuesday and approved the budget of 40 million.") == []
    with pytest.raises(AssertionError):
        ordinals_in("It was the third time.")


def test_a_text_not_ascii_goes_through_the_long_pattern(monkeypatch):
    """``re.I`` matches the long s to ``s`` and ``\\d`` any script's digits: no ASCII stem test can see them."""
    quantities.forget()
    assert ordinals_in("the ٣rd time — again") == [(4, 7, 3)] == _by_pattern("the ٣rd time — again")
    assert ordinals_in("the third time — again") == [(4, 9, 3)]
    found = []
    monkeypatch.setattr(quantities, "ORDINAL_IN_TEXT", type("Seen", (), {"finditer": lambda self, t: found.append(t) or []})())
    assert ordinals_in("Le café a ouvert.") == []
    assert found == ["Le café a ouvert."]



@pytest.mark.parametrize(("text", "word"), [("For the firſt time, the council met.", "firſt"),
                                            ("The FİRST vote failed.", "FİRST"), ("The fırst vote failed.", "fırst")])
def test_an_ordinal_with_a_letter_re_i_folds_is_read_not_raised(text: str, word: str) -> None:
    """``re.I`` matches ``ſ``, ``ı`` and ``İ`` to ASCII letters that ``lower`` leaves apart: the word's look-up
    raised KeyError (a compare of such a report failed); it reads as its ASCII word now."""
    start = text.index(word)
    assert quantities.ordinals_in(text) == [(start, start + len(word), 1)]
