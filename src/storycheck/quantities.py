"""Normalised values for amounts, counts, percentages and dates.

Two reports only contradict each other on a number if they give *incompatible* values for the same
thing: ``€1.8 billion`` and ``€1,800 million`` agree, ``nearly 2,000`` and ``1,950`` agree, ``dozens``
agrees with ``40``; ``€1.8 billion`` and ``€2.1 billion`` do not. So every value keeps its range,
its hedges (approximate, vague) and its unit, and ``compatible`` decides with all of them.
Absolute dates are read as dateparser reads them (with the precision it found: ``March 2021`` is a month):
the plain forms by ``_plain_when``, the rest by dateparser itself.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from datetime import date
from functools import lru_cache
from itertools import combinations

from storycheck.records import Quantity, When

CURRENCIES = {
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "$": "USD", "us$": "USD", "usd": "USD", "dollar": "USD", "dollars": "USD",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "¥": "JPY", "yen": "JPY", "yuan": "CNY", "rupees": "INR", "francs": "CHF",
}  # fmt: skip
# "A$1.8 billion" is Australian, not US dollars: the letters before "$" name the currency
DOLLARS = {"A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "NZ": "NZD", "HK": "HKD", "S": "SGD", "US": "USD"}
DOLLAR_PREFIX = re.compile(r"\b(AU?|CA?|NZ|HK|S|US)\$")
SCALES = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "single": 1, "dozen": 12, "half": 0.5, "couple": 2,
}  # fmt: skip
ARTICLES = {"a", "an"}  # one of a scale ("a million", "a hundred"), else nothing ("an estimated $4 million")
# Words that give an order of magnitude, not a figure: (low, high).
VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2_000, 9_999),
    "millions": (2e6, 9.99e6), "billions": (2e9, 9.99e9), "several": (3, 9), "few": (2, 5),
    "many": (5, None), "numerous": (5, None), "some": (2, None),
}  # fmt: skip
APPROX = {
    "about", "around", "approximately", "roughly", "nearly", "almost", "some", "estimated", "up",
    "over", "more", "less", "fewer", "under", "least", "most", "just", "close", "than", "~", "circa",
    "upwards", "below", "above",
}  # fmt: skip
# bounds: "at least 37" and "more than 30" agree; "up to 50" and "10" agree
LOWER_BOUND = re.compile(r"\b(at least|more than|over|upwards of|above|no fewer than|no less than|in excess of|"
                         r"greater than|exceeding|a minimum of)\b", re.I)
UPPER_BOUND = re.compile(r"\b(up to|less than|fewer than|under|at most|below|no more than|as many as|a maximum of)\b", re.I)
PERCENT_WORDS = {"%", "percent", "per cent", "pct", "percentage"}
NUMBER_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
RANGE_RE = re.compile(r"\s*(?:-|–|—|to|and|or)\s*")


def _number_words(tokens: list[str]) -> float | None:
    """``three hundred twenty`` → 320; ``1.8`` → 1.8; None when no number word is found."""
    total, current, seen, article = 0.0, 0.0, False, False
    for tok in tokens:
        tok = tok.lower().strip(",")
        if tok in ARTICLES:
            article = not seen
        elif NUMBER_RE.fullmatch(tok):
            current += float(tok.replace(",", ""))
            seen = True
        elif tok == "dozen":  # a multiplier: "three dozen" = 36, "a dozen" = 12
            current = (current or 1) * 12
            seen = True
        elif tok in WORDS:
            current += WORDS[tok]
            seen = True
        elif "-" in tok and all(p in WORDS for p in tok.split("-")):
            current += sum(WORDS[p] for p in tok.split("-"))
            seen = True
        elif tok in SCALES and (seen or current or article):
            scale = SCALES[tok]
            if scale == 100:
                current = (current or 1) * scale
            else:
                total += (current or 1) * scale
                current = 0.0
            seen = True
    return total + current if seen else None


CURRENCY_SIGNS = frozenset(k for k in CURRENCIES if len(k) == 1)  # "£", "$": glued to the figure
SCALE_WORDS = "|".join(sorted(SCALES, key=len, reverse=True))  # a regex alternation, longest first
_SIGN = re.compile("([" + re.escape("".join(sorted(CURRENCY_SIGNS))) + "%])")
_GLUED_SCALE = re.compile(rf"(\d)({SCALE_WORDS})\b", re.I)


def _tokens(text: str) -> list[str]:
    # split currency symbols and % off the digits: "€1.8bn" → ["€", "1.8", "bn"]
    return _GLUED_SCALE.sub(r"\1 \2", _SIGN.sub(r" \1 ", text)).split()


def parse_quantity(text: str, kind: str, noun: str | None = None) -> Quantity | None:
    """Read an amount (``money``), ``percent``, ``count`` or duration/``quantity`` off a mention's text."""
    tokens = _tokens(text)
    lower = [t.lower().strip(",.") for t in tokens]
    approx = any(t in APPROX for t in lower)
    unit: str | None = None
    if kind == "money":
        dollar = DOLLAR_PREFIX.search(text)
        unit = DOLLARS[dollar[1]] if dollar else next((CURRENCIES[t] for t in lower if t in CURRENCIES), None)
    elif kind == "percent" or any(t in PERCENT_WORDS for t in lower):
        unit = "%"
    else:
        unit = noun
    for word, (low, high) in VAGUE.items():
        if word in lower and not any(NUMBER_RE.fullmatch(t) or t in WORDS for t in lower if t != word):
            if word == "some":
                continue
            # "several thousand", "hundreds of thousands": the vague word counts the scale words after it
            after = (t.removesuffix("s") for t in lower[lower.index(word) + 1 :])
            scale = math.prod(SCALES[t] for t in after if t in SCALES and len(t) > 2)
            return Quantity(value=None, low=low * scale, high=high * scale if high is not None else None,
                            unit=unit, approx=True, vague=True)  # fmt: skip
    # a range: "three to five weeks", "10-12", "between 4,000 and 5,000"
    parts = _split_range(tokens)
    if parts is not None:
        low, high = (_number_words(p) for p in parts)
        if low is not None and high is not None:
            scale = _trailing_scale(parts[1])
            if scale and not _trailing_scale(parts[0]) and low < scale:
                low *= scale
            return Quantity(value=None, low=min(low, high), high=max(low, high), unit=unit, approx=approx)
    value = _number_words(tokens)
    if value is None:
        return None
    if LOWER_BOUND.search(text):
        return Quantity(value=value, low=value, high=None, unit=unit, approx=True)
    if UPPER_BOUND.search(text):
        return Quantity(value=value, low=0.0, high=value, unit=unit, approx=True)
    return Quantity(value=value, low=value, high=value, unit=unit, approx=approx)


# A race or finishing time written as a clock (``2:03:45``, ``3:43``, ``1:21.5``), read in seconds. Its unit names
# the layout: ``2:04`` may be two hours four (a marathon) or two minutes four (a 1,000 m), so an ``m:ss`` figure is
# never weighed against an ``h:mm:ss`` one (different units are no conflict). The range is the figure's last digit:
# ``2:03:45`` is any time from 7,424.5 s up to 7,426 s (``2:03:45.6`` agrees: a reporter truncates or rounds up;
# ``2:03:44.6`` too: a reporter rounds to the nearest second as often, so ``2:03:45.6`` / ``2:03:46`` is no conflict).
DURATION_CLOCK = re.compile(r"(\d{1,2}):([0-5]\d)(?::([0-5]\d))?(?:[.,](\d{1,3}))?")
DURATION_UNITS_CLOCK = frozenset({"h:mm:ss", "m:ss"})


# the same written in words, of two units or three (``two hours and three minutes``, ``2 hours 3 minutes 45 seconds``,
# ``a 3-hour-12-minute flight``, ``3 minutes 43 seconds``), read in seconds with the layout its units make (hours:
# ``h:mm:ss``, else ``m:ss``), so it weighs against the colon figure (``2:05:00``); one unit alone (``3 hours``) stays
# a figure of its unit (``parse_quantity``): a round hour is a reporter's rounding as often as a measure
_ONES = "one two three four five six seven eight nine".split()
_WORD_NUMBER = "|".join(
    [rf"(?:twenty|thirty|forty|fifty)(?:[\s-](?:{'|'.join(_ONES)}))?"]
    + sorted((w for w, v in WORDS.items() if isinstance(v, int) and v < 20 and w not in ("single", "dozen", "couple")),
             key=len, reverse=True)
)  # fmt: skip
_DURATION_NUMBER = rf"(?:\d{{1,3}}|an?|{_WORD_NUMBER})"
_DURATION_JOIN = r"(?:,?\s+and\s+|,\s*|[\s-])"
DURATION_WORDS = re.compile(
    rf"(?<![\w-])(?:(?P<h>{_DURATION_NUMBER})[\s-]hours?{_DURATION_JOIN}(?P<m>{_DURATION_NUMBER})[\s-]min(?:ute)?s?"
    rf"(?:{_DURATION_JOIN}(?P<s>{_DURATION_NUMBER})[\s-]sec(?:ond)?s?)?"
    rf"|(?P<m2>{_DURATION_NUMBER})[\s-]min(?:ute)?s?{_DURATION_JOIN}(?P<s2>{_DURATION_NUMBER})[\s-]sec(?:ond)?s?)(?![\w-])",
    re.I,
)


def _duration_words(m: re.Match) -> Quantity | None:
    """A ``DURATION_WORDS`` match in seconds; its range its last unit's step, as a colon figure's."""
    read = [(_number_words(["1" if t.lower() in ARTICLES else t for t in g.replace("-", " ").split()]) if g else None)
            for g in (m.group("h"), m.group("m") or m.group("m2"), m.group("s") or m.group("s2"))]  # fmt: skip
    hours, minutes, seconds = read
    if minutes is None or minutes >= 60 or (seconds is not None and seconds >= 60):
        return None
    value = (hours or 0) * 3600 + minutes * 60 + (seconds or 0)
    step = 1.0 if seconds is not None else 60.0
    unit = "h:mm:ss" if hours is not None else "m:ss"
    return Quantity(value=value, low=value - step / 2, high=value + step, unit=unit, approx=False)


def is_clock_duration(q: Quantity) -> bool:
    """A duration in seconds ``parse_duration`` made: a race time, a time in words, a game clock (``m:ss left``)."""
    return q.unit is not None and q.unit.removesuffix(" left") in DURATION_UNITS_CLOCK


def parse_duration(text: str, approx: bool = False) -> Quantity | None:
    """A colon duration (``2:03:45``, ``3:43.1``) or one written in words of two or three units (``two hours and
    three minutes``: ``DURATION_WORDS``) as a Quantity in seconds, unit ``h:mm:ss`` or ``m:ss``; None for any other
    text (``2:1``, ``2:75``, ``3 hours``). Why: race and finishing times are figures of their verb (``won in``),
    compared like counts, not times of day (``clock`` and ``analyze.COLON_FIGURE`` keep them out of dates), and a
    report writes the same time in words as often (``in two hours and three minutes`` / ``in 2:05:00``)."""
    m = DURATION_CLOCK.fullmatch(text.strip())
    if m is None:
        words = DURATION_WORDS.fullmatch(text.strip())
        quantity = _duration_words(words) if words else None
        return replace(quantity, approx=approx) if quantity is not None else None
    first, second, third, fraction = m.groups()
    if third is None:
        seconds, unit = int(first) * 60 + int(second), "m:ss"
    else:
        seconds, unit = int(first) * 3600 + int(second) * 60 + int(third), "h:mm:ss"
    step = 10.0 ** -len(fraction) if fraction else 1.0
    value = seconds + (int(fraction) * step if fraction else 0.0)
    return Quantity(value=value, low=value - step / 2, high=value + step, unit=unit, approx=approx)


# a figure in running text (``$2.5m``, ``2.5 million dollars``, ``three``, ``a million``, ``5 per cent``, ``half a
# million``, ``two and a half million``: review revj19, read as ``a million`` and ``two`` before): the words
# ``figures_in`` hands to ``parse_quantity``. Short scales (``m``, ``bn``) only glued to the digits (``5 m`` is metres)
_TEXT_NUMBER = "|".join(sorted((w for w in WORDS if w not in ("single", "couple", "half")), key=len, reverse=True))
_LONG_SCALES = "hundred|thousand|million|billion|trillion"
_SIGNS = re.escape("".join(sorted(CURRENCY_SIGNS)))
FIGURE_IN_TEXT = re.compile(
    rf"(?:\b(?:AU?|CA?|NZ|HK|S|US))?(?P<sign>[{_SIGNS}])?\s?"
    rf"(?:\d+(?:[.,]\d+)*(?![\d]|[.,]\d|(?:st|nd|rd|th)\b)(?:(?:{SCALE_WORDS})\b)?|\b(?:{_TEXT_NUMBER})(?:[\s-](?:{_TEXT_NUMBER}))*(?:\s+and\s+a\s+half)?\b"
    rf"|\b(?:half\s+)?an?(?=\s+(?:{_LONG_SCALES})\b))"
    rf"(?:\s+(?:{_LONG_SCALES})\b)*(?P<tail>\s*%|\s+(?:percent|per\s+cent|pct)\b"
    rf"|\s+(?:dollars?|euros?|pounds|sterling|yen|yuan|rupees|francs)\b)?",
    re.I,
)


# ordinals written as words, each with its value (``third`` 3, ``twenty-first`` 21), and in digits (``3rd``, ``21st``)
_ORDINAL_ONES = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
                 "ninth": 9}  # fmt: skip
ORDINAL_WORDS = {
    **_ORDINAL_ONES, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
    "fortieth": 40, "fiftieth": 50, "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
    "hundredth": 100,
    **{f"{tens}-{one}": WORDS[tens] + v for tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
                                                     "ninety") for one, v in _ORDINAL_ONES.items()},
}  # fmt: skip
ORDINAL_IN_TEXT = re.compile(
    r"\b(?:(?P<digits>\d{1,4})(?:st|nd|rd|th)|(?P<word>"
    + "|".join(sorted((re.escape(w).replace("\\-", "[\\s-]") for w in ORDINAL_WORDS), key=len, reverse=True))
    + r"))\b",
    re.I,
)


# a piece of every ordinal: each word of ``ORDINAL_WORDS`` holds one (``fourteenth`` ``teenth``, ``fortieth`` ``tieth``,
# ``twenty-first`` ``first``), and each ordinal in digits a digit before its ``st``/``nd``/``rd``/``th``
ORDINAL_STEMS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                 "eleventh", "twelfth", "teenth", "tieth", "hundredth")  # fmt: skip
_DIGIT_ORDINAL = re.compile(r"\d(?:st|nd|rd|th)", re.I)


# the letters ``re.I`` matches to ASCII ones that ``lower`` leaves apart (``firſt`` matched the pattern of ``first``
# and its look-up raised KeyError: a compare of "for the firſt time" failed)
_RE_I_FOLDS = str.maketrans({"ſ": "s", "ı": "i", "İ": "i", "K": "k"})


# characters: a longer text is read for ordinals, not kept by ``_ordinals_in`` (the memo holds 8,192 texts: with no
# bound on their length, a server fed long unpunctuated sentences kept up to 8,192 of them, each up to a document's
# ``nlp.MAX_CHARS``; at this bound it holds at most ~16M characters. 99.8% of ECB+ and FRANK sentences are shorter; review revs27)
ORDINALS_CACHED = 2_000


def ordinals_in(text: str) -> list[tuple[int, int, int]]:
    """Every ordinal of a text as (start, end, value): ``third`` and ``3rd`` are both 3 (session 25). Whether one is
    an ordinal of a thing (``the third time``) or a fraction (``a third of``) or ``at first`` is the caller's to
    read from what follows it."""
    if len(text) > ORDINALS_CACHED:
        return list(_ordinals_in.__wrapped__(text))
    return list(_ordinals_in(text))


@lru_cache(maxsize=8192)
def _ordinals_in(text: str) -> tuple[tuple[int, int, int], ...]:
    """``ordinals_in``, kept by text: the judge reads a sentence's ordinals for every pair it is in (~100,000 calls
    in a 3,000-article batch, ~45 µs each through ``ORDINAL_IN_TEXT``'s ~100 words, ~7% of its CPU; session 27). An
    ASCII text holding no ``ORDINAL_STEMS`` and no digit before ``st``/``nd``/``rd``/``th`` (~80% of sentences)
    has none, found without the long pattern; one not ASCII goes through it (``re.I`` matches ``ſ`` to ``s``)."""
    if text.isascii():
        lower = text.lower()
        if not any(stem in lower for stem in ORDINAL_STEMS) and _DIGIT_ORDINAL.search(text) is None:
            return ()
    out = []
    for m in ORDINAL_IN_TEXT.finditer(text):
        value = int(m["digits"]) if m["digits"] else ORDINAL_WORDS.get(re.sub(r"\s+", "-", m["word"].translate(_RE_I_FOLDS).lower()))
        if value is not None:
            out.append((m.start(), m.end(), value))
    return tuple(out)


def forget() -> None:
    """Empty this module's memo of sentences read for ordinals (``nlp.forget_parses`` calls it)."""
    _ordinals_in.cache_clear()


def figures_in(text: str) -> list[Quantity]:
    """Every figure written in a text, with its scale and its currency or percent (``FIGURE_IN_TEXT``), each read
    by ``parse_quantity``: ``$2.5m`` and ``$2.5 million`` are one figure, ``three`` and ``3`` too, ``three`` and
    ``four`` two. Why: words that must give the same figures (a quote and the reported speech of it) are compared by
    value, not by how a writer spells the figure. An ordinal in digits (``3rd``) is none: ``ordinals_in`` reads it, with
    ``third``."""
    out = []
    for m in FIGURE_IN_TEXT.finditer(text):
        tail = (m.group("tail") or "").strip().lower()
        kind = "percent" if tail and (tail == "%" or tail[0] == "p" and tail != "pounds") else \
            "money" if m.group("sign") or tail else "count"
        quantity = parse_quantity(m.group().strip(), kind)
        if quantity is not None:
            out.append(quantity)
    return out


# the units of time a figure of one unit may be written in (the counted noun's lemma, as ``parse_quantity`` keeps it)
TIME_UNIT_SECONDS = {"second": 1, "sec": 1, "minute": 60, "min": 60, "hour": 3600, "hr": 3600}


def in_seconds(q: Quantity) -> Quantity | None:
    """A duration as seconds, whatever its layout: an ``h:mm:ss`` duration ``parse_duration`` made (``2 hours 3
    minutes``, ``2:03:45``) as it is, a figure of one unit of time (``130 minutes``, ``7,800 seconds``, ``2.5 hours``) in
    seconds, its range the rounding of its last written digit in that unit, half a step each side (``130 minutes``
    is 7,770 to 7,830 s, ``2 hours`` 5,400 to 9,000: a round hour is a rounding to the nearest hour, not up to
    the next one, so ``2 hours`` is no ``170 minutes`` as ``2 hours`` is no ``2.5 hours``; review revj19); unit ``s``. None
    for any other figure, a vague one (``hours``), a game clock (``2:15 left``: no duration of an event) and an
    ``m:ss`` one (``2:04`` may be two hours four as well: never weighed against another layout, as before).
    Why: ``2 hours 3 minutes`` and ``130 minutes`` are two figures of one unit that disagree, and ``7,800
    seconds`` and ``130 minutes`` one figure; compared only when two reports write a duration in two layouts (one
    layout is compared as written: ``3 hours`` / ``4 hours`` is a conflict, which these ranges would not say)."""
    if q.vague or q.low is None or q.unit is None:
        return None
    if q.unit == "h:mm:ss":
        return replace(q, unit="s")
    factor = TIME_UNIT_SECONDS.get(q.unit)
    if factor is None:
        return None
    figure = q.value if q.value is not None else q.low
    decimals = len(f"{figure:g}".partition(".")[2]) if "e" not in f"{figure:g}" else 0
    step = factor * 10.0**-decimals
    high = q.high * factor + step / 2 if q.high is not None else None
    low = max(0.0, q.low * factor - step / 2) if q.low else q.low
    value = q.value * factor if q.value is not None else None
    return Quantity(value=value, low=low, high=high, unit="s", approx=q.approx, vague=False)


def same_duration(a: Quantity, b: Quantity) -> bool | None:
    """Whether two durations written in two layouts (``in_seconds``: ``2 hours 10 minutes`` / ``130 minutes``) may
    be one: the finer figure rounds to the coarser (its value within the coarser's range, the upper end out:
    ``2 hours 30 minutes`` rounds to 3 hours, not 2; ``3 hours`` / ``2 hours 55 minutes`` agree), or, for a range
    or a hedged figure (``about 2 hours``), their ranges meet (the hedge's margin). None when they are not two such
    durations (the same unit, or not durations): the caller compares them as before."""
    if a.unit == b.unit:
        return None
    x, y = in_seconds(a), in_seconds(b)
    if x is None or y is None:
        return None
    if x.value is None or y.value is None or x.high is None or y.high is None or x.approx or y.approx:
        return compatible(x, y, tolerance=0.0)  # a range or a hedge: their ranges meet (a hedge's 10% margin)
    coarse, fine = (x, y) if x.high - x.low >= y.high - y.low else (y, x)
    return coarse.low <= fine.value < coarse.high


def _trailing_scale(tokens: list[str]) -> float | None:
    return SCALES.get(tokens[-1].lower()) if tokens else None


def _split_range(tokens: list[str]) -> tuple[list[str], list[str]] | None:
    lower = [t.lower() for t in tokens]
    for i, tok in enumerate(lower):
        if tok in {"to", "and", "or", "-", "–", "—"} and 0 < i < len(tokens) - 1:
            if tok == "and" and lower[i + 1 : i + 3] in (["a", "half"], ["one", "half"]):
                continue  # "two and a half": one number, not a range
            left, right = tokens[:i], tokens[i + 1 :]
            if _number_words(left) is not None and _number_words(right) is not None:
                return left, right
    for i, tok in enumerate(tokens):
        if re.fullmatch(r"[\d.,]+[-–][\d.,]+", tok):
            a, b = re.split(r"[-–]", tok)
            return tokens[:i] + [a], [b] + tokens[i + 1 :]
    return None


def compatible(a: Quantity, b: Quantity, tolerance: float = 0.02) -> bool:
    """Can both values describe the same fact? Ranges overlap; hedged values get a 10% margin."""
    if a.unit and b.unit and a.unit != b.unit:
        return True  # not the same thing measured: not our business here
    if a.low is None or b.low is None:
        return True
    margin = 0.10 if (a.approx or b.approx) else tolerance
    if is_clock_duration(a) and a.unit == b.unit and not (a.approx or b.approx):
        margin = 0.0  # a race time's range is its written precision: 2% of a marathon is two and a half minutes
    a_low, a_high = a.low, a.high if a.high is not None else float("inf")
    b_low, b_high = b.low, b.high if b.high is not None else float("inf")
    if a.vague or b.vague:
        margin = max(margin, 0.25)
    return a_low * (1 - margin) <= b_high and b_low * (1 - margin) <= a_high


MAX_PARTS = 6  # figures of one unit in a sentence that ``is_total`` adds up (2**6 subsets at most)


def is_total(total: Quantity, parts: list[Quantity]) -> bool:
    """Whether ``total`` is the sum of two or more of ``parts`` (one unit): a summary adds up what its source
    counts apart (``27 counts`` for ``21 counts of identity theft and six counts of extortion``), and that is
    no conflict with either figure. Only exact figures add up (not ``dozens`` nor ``more than 20``), and never
    percentages (``fell 3% on Monday and 4% on Tuesday`` is no ``7%``). Which figures are parts of one count
    (coordinated objects of one verb) is the caller's business (``judge._drop_totals``)."""
    exact = [q for q in parts if not q.vague and q.low is not None and q.high is not None][:MAX_PARTS]
    if total.vague or total.low is None or total.unit == "%" or len(exact) < 2:
        return False
    for size in range(2, len(exact) + 1):
        for group in combinations(exact, size):
            low, high = sum(q.low for q in group), sum(q.high for q in group)
            summed = Quantity(value=None, low=low, high=high, unit=total.unit, approx=any(q.approx for q in group))
            if compatible(replace(total, unit=None), replace(summed, unit=None)):
                return True
    return False


def describe_quantity(q: Quantity) -> str:
    if q.vague:
        return f"vague ({q.low:g}–{q.high:g})" if q.high else f"vague (≥{q.low:g})"
    unit = f" {q.unit}" if q.unit else ""
    if is_clock_duration(q) and q.value is not None and q.high is not None:
        left = " left" if q.unit.endswith(" left") else ""
        return ("≈" if q.approx else "") + _clock_layout(q.value, q.unit.removesuffix(" left")) + left
    if q.value is not None and q.high is None:
        return f"≥{q.value:g}{unit}"
    if q.value is not None and q.low == 0.0 and q.high == q.value and q.value != 0:
        return f"≤{q.value:g}{unit}"
    core = f"{q.value:g}" if q.value is not None else f"{q.low:g}–{q.high:g}"
    return ("≈" if q.approx else "") + core + unit


def _clock_layout(seconds: float, unit: str) -> str:
    """7425.6 s → ``2:03:45.6`` (``h:mm:ss``), 223 s → ``3:43`` (``m:ss``): the figure as the reports write it."""
    whole, fraction = divmod(seconds, 1)
    minutes, secs = divmod(int(whole), 60)
    tail = f"{fraction:.3f}".rstrip("0").rstrip(".")[1:] if round(fraction, 3) else ""
    if unit == "h:mm:ss":
        hours, minutes = divmod(minutes, 60)
        return f"{hours}:{minutes:02d}:{secs:02d}{tail}"
    return f"{minutes}:{secs:02d}{tail}"


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
RELATIVE = {"yesterday", "today", "tomorrow", "tonight", "last", "next", "this", "ago", "recent", "recently", "earlier", "later", "weekend"}  # fmt: skip
DURATION_UNITS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "century"}
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december")  # fmt: skip
MONTH_WORDS = {*MONTHS, *(m[:3] for m in MONTHS), "sept"}  # "Sept. 4" is AP style
NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}\b")  # 2021-03-04, 03/04/2021


def parse_when(text: str) -> When | None:
    """A date mention → When with its precision; durations (``nearly two years``) are not dates."""
    lower = text.lower()
    words = re.findall(r"[a-z]+|\d+", lower)
    approx = any(w in APPROX for w in words)
    if any(w.rstrip("s") in DURATION_UNITS for w in words) and not any(m in words for m in MONTHS):
        if any(w in RELATIVE for w in words):
            return When(iso=None, precision="relative", approx=approx)
        return When(iso=None, precision="duration", approx=approx)
    day = next((w for w in words if w in WEEKDAYS), None)
    has_year = any(re.fullmatch(r"(1[6-9]|20)\d\d", w) for w in words)
    has_month = any(w in MONTH_WORDS for w in words) or NUMERIC_DATE_RE.search(lower) is not None
    if day and not has_month and not has_year:
        return When(iso=None, precision="weekday", weekday=day, approx=approx)
    if not (has_year or has_month):
        return When(iso=None, precision="relative", approx=approx) if words else None
    if not has_year and any(w in RELATIVE for w in words):  # "last March": which year is not written
        return When(iso=None, precision="relative", approx=approx)
    plain = _plain_when(lower)
    if plain is not None:
        year, month, mday = plain
        if month is None:
            return When(iso=year, precision="year", weekday=day, approx=approx)
        iso = f"{year or '-'}-{month:02d}" + (f"-{mday:02d}" if mday else "")
        return When(iso=iso, precision="day" if mday else "month", weekday=day, approx=approx)
    parsed = _dateparser(text)
    if parsed is None:
        return None
    iso, period = parsed
    # dateparser fell back to today ("the 1990s"): not a date we can read
    if has_year and iso[:4] not in words:
        return None
    if period == "year" or (has_year and not has_month):
        return When(iso=iso[:4], precision="year", weekday=day, approx=approx)
    precision = "month" if period == "month" else "day"
    iso = iso[:7] if precision == "month" else iso[:10]
    if not has_year:  # "May", "March 3": no year is written (dateparser fills in this one); keep month(-day)
        iso = "--" + iso[5:]
    return When(iso=iso, precision=precision, weekday=day, approx=approx)


# the plain forms ``_plain_when`` reads, lower-cased, after the preposition ``_dateparser`` drops: a year ("2008"); a
# month ("may", "jan.", "sept"); a month and a year ("march 2005", "november of 2013"); a day and a month, either
# order, the day maybe with its suffix ("march 3", "3rd march", "april 29th"), then maybe a year ("jan. 31, 2008",
# "21 january, 1945", "december 15 2013"), and maybe a weekday and a comma first ("tuesday, oct. 10, 1972")
_MONTH_RE = "|".join((*MONTHS, *(m[:3] for m in MONTHS), "sept"))
_DAY_RE = r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR_RE = r"(?:1[6-9]|20)\d\d"
_WEEKDAY_RE = "|".join(WEEKDAYS)
_PLAIN_WHEN = re.compile(
    rf"(?:(?:in|on|since|by|until|from|of|at) )?(?:(?P<year>{_YEAR_RE})|(?P<month>{_MONTH_RE})\.?(?: (?:of )?(?P<myear>{_YEAR_RE}))?"
    rf"|(?:(?:{_WEEKDAY_RE}), )?(?:(?P<m1>{_MONTH_RE})\.? (?P<d1>{_DAY_RE})|(?P<d2>{_DAY_RE}) (?P<m2>{_MONTH_RE})\.?)"
    rf"(?:,? (?P<dyear>{_YEAR_RE}))?)"
)
_MONTH_NUMBER = {name: number for number, full in enumerate(MONTHS, 1) for name in (full, full[:3])} | {"sept": 9}


@lru_cache(maxsize=4096)
def _plain_when(lower: str) -> tuple[str | None, int | None, int | None] | None:
    """(year, month, day) of a plain date (``_PLAIN_WHEN``) as ``_dateparser`` reads it, each None when not
    written; None for any other text (and for a day its month lacks: Feb 29 without a year is dateparser's).

    Why: ``dateparser`` takes ~1 ms a text, and its first call in a process ~0.14 CPU-s more; the batch's 1k
    corpus asked it of 233 distinct date texts (session 34), most of them these forms. ``tests/test_batch_speed22.py``
    holds ``parse_when`` equal with and without this reader over every month, day, spelling and form it reads."""
    found = _PLAIN_WHEN.fullmatch(lower.strip())
    if found is None:
        return None
    if found["year"]:
        return found["year"], None, None
    if found["month"]:
        return found["myear"], _MONTH_NUMBER[found["month"]], None
    month = _MONTH_NUMBER[found["m1"] or found["m2"]]
    mday = int((found["d1"] or found["d2"]).rstrip("stndrh"))
    year = found["dyear"]
    try:
        date(int(year or 2001), month, mday)  # (2001: no leap day without a written year)
    except ValueError:
        return None
    return year, month, mday


@lru_cache(maxsize=4096)
def _dateparser(text: str) -> tuple[str, str] | None:
    from dateparser.date import DateDataParser

    parser = _date_data_parser(DateDataParser)
    data = parser.get_date_data(re.sub(r"^(in|on|since|by|until|from|of|at)\s+", "", text.strip(), flags=re.I))
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date().isoformat(), data.period or "day"


def warm_up() -> None:
    """Build dateparser's parser and read one date with it (~0.1 CPU-s: its languages' and time zones' patterns
    compiled), so that a batch's worker does it while it starts (``batch.warm_up``), not in its first story.
    Nothing once the parser is built: ``batch.run_story`` calls ``batch.warm_up`` before every story, and
    reading the date again cost ~0.9 ms a story (dateparser keeps no memo of the texts it read)."""
    if _date_data_parser.cache_info().currsize:
        return
    from dateparser.date import DateDataParser

    _date_data_parser(DateDataParser).get_date_data("1 January 2000")


@lru_cache(maxsize=1)
def _date_data_parser(cls):  # noqa: ANN001, ANN202 - built once: constructing it costs ~50 ms
    return cls(languages=["en"], settings={"PREFER_DAY_OF_MONTH": "first", "RETURN_TIME_AS_PERIOD": False})


def when_conflict(a: When, b: When) -> bool:
    """Two dates contradict when both are absolute and differ at the precision both have."""
    if a.approx or b.approx:
        return False
    if a.weekday and b.weekday and {a.precision, b.precision} <= {"weekday", "day"} and a.weekday != b.weekday:
        return True  # (``Wednesday, 15 October`` / ``Thursday, 15 October`` or ``Thursday``: one of the two is wrong)
    if a.precision == "weekday" and b.precision == "weekday":
        return False
    if a.iso is None or b.iso is None:
        return False
    x, y = a.iso, b.iso
    if x.startswith("--") or y.startswith("--"):  # one gives no year: compare month(-day) only
        x, y = (i if i.startswith("--") else "--" + i[5:] for i in (x, y))
        if x == "--" or y == "--":
            return False
    n = min(len(x), len(y))
    return x[:n] != y[:n]
