"""Typed details of an article's lead, and when two sets of them contradict each other.

Why: two reports of the same *kind* of event (two earthquakes on one island, two Doctor Who castings, two
arrests of players of one team) share their topic words, their big names and often most of their rare
words; an embedding or a term cosine puts them together. What tells them apart is a detail typed by what it
counts: a magnitude-5.2 quake is not a magnitude-5.9 one, the 11th Doctor is not the 12th, a heist of $102
million is not one of $2.6 million. A bare figure says little (two reports of one event give different
figures all the time: a toll, an age, a time of day), but a figure *with its noun* is a slot: both sides
give a value for the same slot and the values differ, so they do not describe the same event.

So each detail is a string ``"<slot>=<value>"``: the slot is what a figure or ordinal counts
(``magnitude``, ``route``, ``flight``; the noun after an ordinal: ``doctor=#11``, ``head=#21``), ``money``
for a sum in any currency, ``date`` for a day of a month; the value is normalised (scales folded:
``$1.7m``, ``$ 1.7 million`` and ``1.7 million dollars`` are ``money=1.7e+06``). Only the lead is read
(title and first sentences): that is where a report states its event, while later paragraphs recall other
ones ("the 2005 quake killed..."). Regular expressions only: it runs per article in ``featurize``, in the
worker processes.

``conflicts`` counts the slots both sides give with no value in common (sums within a factor of two and
magnitudes within 0.2 agree: estimates and first readings differ between reports of one event). Slots whose
values drift between reports of one event are not read at all: bare counts (tolls rise as news comes in),
times of day, ages, and years (a lead recalls earlier years as often as it dates its event: on ECB+ topics
1-35 a year conflict was as frequent between reports of one event as between the two events). Measured on
pairs of ECB+ topics 1-35 (title + 300 characters): a conflict in 0.5% of same-event pairs and 2.3% of
pairs of the topic's two events; rare, so it decides only where it is found (``storycheck.refine``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

__all__ = ["conflicts", "details", "slot_values"]

_ORDINAL_WORDS = {
    w: i + 1
    for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
        "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth".split()
    )
}
_SCALES = {
    "million": 1e6,
    "m": 1e6,
    "mln": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "thousand": 1e3,
    "k": 1e3,
}
MONEY_RATIO = 2.0  # two sums within this factor agree
MAGNITUDE_SPREAD = 0.2  # two magnitudes this close agree
MONEY_FLOOR = 1000.0  # smaller sums are prices and fees, not what a story is about
# The lead is read lower-cased, number by number: every slot but a word ordinal sits next to a figure, so
# each figure's neighbourhood is matched (a few anchored regexes per figure) instead of scanning the whole
# lead once per kind of slot (about 7x faster; featurize runs for every article).
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_SCALE = r"(million|billion|thousand|mln|mn|bn|m|b|k)"
# a sum of money: "$2.6 million", "$ 160 million", "£1.7m", "us$ 5 bn"; "85 million euros"
_CURRENCY = frozenset("$€£¥")
_MONEY_SCALE = re.compile(r"\s?-?\s?" + _SCALE + r"\b")
_MONEY_AFTER = re.compile(
    r"\s?-?\s?(million|billion|thousand|mln|mn|bn)?\s(?:euros?|dollars|pounds|yen|yuan)\b"
)
# an ordinal and the slot it counts: "11th doctor", "eleventh doctor", "21st head coach"
_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)\s?-?\s?([a-z]+)")
_ORDINAL_WORD = re.compile(r"\b(" + "|".join(_ORDINAL_WORDS) + r")[\s-]{1,3}([a-z]+)")
# the slot named before its figure ("magnitude 5.6", "magnitude-5.9", "flight 447", "route 52"), or after
# it ("a 6.1-magnitude quake")
_SLOT_BEFORE = re.compile(
    r"\b(magnitude|flight|route|interstate|highway|category|level|number|no\.|apollo|sts)\s?-?\s?$"
)
# a magnitude "of" its figure ("a preliminary magnitude of 4.4", "measured a magnitude of 6.1"): the agencies'
# wording, and how many reports give the one figure that tells two quakes of one region apart); a figure of
# one digit before its decimals only ("the magnitude of 2,000 deaths" is no quake's)
_MAGNITUDE_OF = re.compile(r"\bmagnitude of $")
_MAGNITUDE_AFTER = re.compile(r"\s?-?\s?(?:magnitude|richter)\b")
# a whole figure after "magnitude of" is a magnitude only with a quake named just before or after it ("a quake
# with a magnitude of 6", "a magnitude of 5 quake"), not "the magnitude of 3 failures"
_QUAKE_AFTER = re.compile(r"\s(?:on the richter scale|(?:earth)?quake|tremor|temblor)\b")
_QUAKE = re.compile(r"\b(?:(?:earth)?quakes?|tremors?|temblors?|seismic)\b")
# a day of a month: the month before a figure of one or two digits ("Dec. 14", "December 14th")
# a month's name or abbreviation, not any word that starts like one ("Mars 2", "Marines 5", "Decade 2")
_MONTH_BEFORE = re.compile(
    r"\b(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t|tember)?"
    r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s?$"
)
_DAY_END = re.compile(r"(?:st|nd|rd|th)?(?![\d:])")
_ORDINAL_STEMS = (
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "venth",
    "eighth",
    "ninth",
    "tenth",
    "twelfth",
    "teenth",
    "twentieth",
)  # a word ordinal holds one of these
# words after an ordinal that name no slot of the event ("first time", "second half", "third of them")
_NOT_SLOTS = frozenset(
    """time times half day days week weeks month months year years quarter of in on at to and or the a an
    for with by from as is was be that this it its his her their one ones place round since two three four
    five six seven eight nine ten""".split()
)
_PLURAL = re.compile(r"(?<=[a-z]{3})s$")


def _value(number: str, scale: str | None = None) -> str:
    """A figure as a canonical string: 1,700,000 and 1.7 million agree ("1700000")."""
    x = float(number.replace(",", ""))
    if scale:
        x *= _SCALES[scale.lower()]
    return f"{x:.6g}"


def _slot_noun(words: str) -> str | None:
    """The noun an ordinal qualifies: its first word unless that is a filler; then the second."""
    for w in words.lower().split():
        if w in _NOT_SLOTS:
            return None  # "first of...", "second time": no slot
        return _PLURAL.sub("", w)
    return None


def details(lead: str) -> frozenset[str]:
    """The typed details the lead gives: ``"magnitude=5.6"``, ``"doctor=#11"``, ``"money=1.6e+08"``,
    ``"date=dec 14"``."""
    out: set[str] = set()
    low = lead.lower()
    if len(low) != len(lead):  # a letter that lower-cases to two ("İ"): the cased text, aligned with ``low``
        lead = "".join(ch if len(lo := ch.lower()) == 1 else lo for ch in lead)
    money_words = "euro" in low or "dollars" in low or "pounds" in low or "yen" in low or "yuan" in low
    for m in _NUMBER.finditer(low):
        start, end = m.span()
        num = m.group()
        before = low[start - 1] if start else " "
        if (
            before in " ."
            and len(num) <= 5
            and (month := _MONTH_BEFORE.search(lead, max(0, start - 11), start))
        ):
            day = num.split(".")[0] if "," not in num else ""
            if 0 < len(day) <= 2 and _DAY_END.match(lead, start + len(day)):
                out.add(f"date={month.group(1)[:3].lower()} {int(day)}")
        if before.isdigit() or before == "." or before == ",":
            continue  # (inside a longer figure: "1.5.2", ",000")
        if before in _CURRENCY or (before == " " and start > 1 and low[start - 2] in _CURRENCY):
            scale = _MONEY_SCALE.match(low, end)
            value = _value(num, scale.group(1) if scale else None)
            if float(value) >= MONEY_FLOOR:  # one slot whatever the currency: the ratio allows for rates
                out.add(f"money={value}")
            continue
        if (
            money_words
            and (after := _MONEY_AFTER.match(low, end))
            and (not start or not low[start - 1].isalnum())
        ):
            value = _value(num, after.group(1))
            if float(value) >= MONEY_FLOOR:
                out.add(f"money={value}")
        slot = _SLOT_BEFORE.search(low, max(0, start - 14), start)
        if slot:
            out.add(f"{slot.group(1).rstrip('.')}={_value(num)}")
        elif (
            len(num) <= 4
            and num[0] != "0"
            and low[end : end + 1] != "/"  # (not "the magnitude of 9/11")
            and num[1:2] in ("", ".")  # (one digit before its decimals: no quake is "of 300")
            and (num[1:2] == "." or _QUAKE_AFTER.match(low, end) or _QUAKE.search(low, max(0, start - 60), start))
            and _MAGNITUDE_OF.search(low, max(0, start - 13), start)
        ):
            out.add(f"magnitude={_value(num)}")
        if _MAGNITUDE_AFTER.match(low, end):
            out.add(f"magnitude={_value(num)}")
        if (
            "." not in num
            and "," not in num
            and len(num) <= 3
            and (ordinal := _ORDINAL_SUFFIX.match(low, end))
        ):
            if not start or not low[start - 1].isalnum():
                noun = _slot_noun(ordinal.group(1))
                if noun:
                    out.add(f"{noun}=#{int(num)}")
    if any(stem in low for stem in _ORDINAL_STEMS):
        for word, words in _ORDINAL_WORD.findall(low):
            noun = _slot_noun(words)
            if noun:
                out.add(f"{noun}=#{_ORDINAL_WORDS[word]}")
    return frozenset(d for d in out if not d.endswith(("=inf", "=nan")))  # (a figure of 400 digits is no detail)


def slot_values(details: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Slot -> the values given for it (sorted: the same whatever a set's order)."""
    out: dict[str, list[str]] = {}
    for d in sorted(details):
        slot, _, value = d.partition("=")
        out.setdefault(slot, []).append(value)
    return {slot: tuple(values) for slot, values in out.items()}


def _agree(slot: str, xs: tuple[str, ...], ys: tuple[str, ...]) -> bool:
    """Some value in common; for sums of money, two within a factor of ``MONEY_RATIO`` (reports of one
    heist or one deal round and update their estimates: $102 million and $108 million agree, $2.6 million
    and $108 million do not)."""
    if slot == "money":
        return any(max(x, y) <= MONEY_RATIO * min(x, y) for x in map(float, xs) for y in map(float, ys))
    if slot == "magnitude":  # agencies' first readings differ by a tenth or two
        return any(abs(x - y) <= MAGNITUDE_SPREAD + 1e-9 for x in map(float, xs) for y in map(float, ys))
    return not set(xs).isdisjoint(ys)


def conflicts(mine: Mapping[str, tuple[str, ...]], theirs: Mapping[str, tuple[str, ...]]) -> int:
    """Slots that both sides give with no value in common (``slot_values`` of each side)."""
    if len(mine) > len(theirs):
        mine, theirs = theirs, mine
    n = 0
    for slot, xs in mine.items():
        ys = theirs.get(slot)
        if ys is not None and not _agree(slot, xs, ys):
            n += 1
    return n
