"""Session 34 (wt-bspeed22, issue 4): the plain date forms read without ``dateparser``.

``quantities._plain_when`` reads a year, a month, a month and a year, a day and a month (either order, with a
suffix, a year and a weekday maybe) itself; ``parse_when`` must give the same ``When`` as through ``dateparser``
for every such text. The sweeps ask dateparser a share of each family (it takes ~1 ms a text)."""

import itertools

import pytest

from storycheck import quantities
from storycheck.quantities import MONTHS, WEEKDAYS, parse_when


def _through_dateparser(text: str):
    """``parse_when`` with the plain reader off: every date text goes to dateparser, as on the base."""
    keep = quantities._plain_when
    quantities._plain_when = lambda lower: None
    try:
        return parse_when(text)
    finally:
        quantities._plain_when = keep


def _same(text: str, read: bool = True) -> None:
    assert (quantities._plain_when(text.lower()) is not None) == read, text
    assert parse_when(text) == _through_dateparser(text), text


def _real(month: int, day: int, year: int) -> bool:
    return day <= (31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)[month - 1]


def test_every_day_of_every_month_reads_as_dateparser_reads_it():
    """Each month and day 1-31, both orders, without a year, with a leap year and a common year: a real date is
    read here and equal to dateparser's; a day the month lacks (Feb 30, Apr 31, Feb 29 without a year) is left to
    dateparser."""
    asked = 0
    for (number, month), day in itertools.product(enumerate(MONTHS, 1), range(1, 32)):
        for year, tail in ((2001, ""), (2024, " 2024"), (2023, ", 2023")):
            for text in (f"{month.title()} {day}{tail}", f"{day} {month.title()}{tail}"):
                real = _real(number, day, year) and not (tail == "" and (number, day) == (2, 29))
                if not real or (number + day + len(tail)) % 4 == 0:  # a quarter of the real ones, every unreal one
                    asked += 1
                    _same(text, real)
                else:
                    assert quantities._plain_when(text.lower()) is not None, text
    assert asked > 500


@pytest.mark.parametrize("month", [*MONTHS, *(m[:3] for m in MONTHS), *(m[:3] + "." for m in MONTHS), "sept", "sept."])
def test_every_spelling_and_case_of_a_month(month):
    for case in (str.lower, str.title, str.upper):
        m = case(month)
        for text in (m, f"{m} 2005", f"{m} of 1955", f"in {m}", f"{m} 7", f"7 {m}", f"{m} 7, 2008", f"7 {m}, 2008",
                     f"{m} 21st", f"3rd {m}", f"on {m} 28"):
            _same(text)


def test_every_suffix_on_every_day():
    """Right and wrong suffixes alike (``3th``, ``1nd``): dateparser reads them all as the day."""
    for day, suffix in itertools.product(range(1, 32), ("st", "nd", "rd", "th")):
        if (day + len(suffix)) % 3 == 0:
            _same(f"December {day}{suffix}")
            _same(f"{day}{suffix} May, 1999")


def test_years_weekdays_and_prepositions():
    for year in range(1600, 2100, 7):
        _same(str(year))
        _same(f"since {year}")
    for weekday, case in itertools.product(WEEKDAYS, (str.title, str.upper)):
        _same(f"{case(weekday)}, Oct. 10, 1972")  # (10 October 1972 was a Tuesday: the weekday is kept as written)
        _same(f"{case(weekday)}, 3 March")
    for word in ("in", "on", "since", "by", "until", "from", "of", "at", "In", "ON"):
        _same(f"{word} March 3")
        _same(f"{word} May 2005")


@pytest.mark.parametrize("text", ["the 1960s", "Jan. A", "2007-08", "March 3-4", "late December", "May  2005",
                                  "3 March 2020 10:00", "Tuesday March 3", "March 03", "early 2010", "1581"])
def test_other_forms_go_to_dateparser(text):
    _same(text, read=False)


def test_the_forms_read_give_year_month_and_day_precision():
    assert parse_when("in May") == parse_when("May") and parse_when("May").iso == "--05"
    assert (parse_when("Jan. 31, 2008").iso, parse_when("Jan. 31, 2008").precision) == ("2008-01-31", "day")
    assert (parse_when("November of 2013").iso, parse_when("November of 2013").precision) == ("2013-11", "month")
    assert (parse_when("1972").iso, parse_when("1972").precision) == ("1972", "year")
    assert parse_when("Tuesday, Dec. 16").weekday == "tuesday" and parse_when("Tuesday, Dec. 16").iso == "--12-16"


# --- the attribute ruler run once per key of what its patterns read (``TokenRules._learn_by_key``)

RULER_PIECES = [
    "The council said that the bridge would reopen if the repairs held, although nobody could say when.",
    "Harbour officials didn't confirm the figures, and the mayor hasn't commented since Monday.",
    "Everyone in the village knew somebody who had lost something in the flood.",
    "Y' know, the river ain't done rising, a farmer said; there's nothin' left to move.",
    "Rescuers pulled 14 people from the water near Arnhem on Sunday, police said.",
    "Whether the dikes will hold is unclear, the water board's spokeswoman, Els Bakker, told reporters.",
    "Trains between Utrecht and Nijmegen were cancelled while engineers inspected the tracks.",
    "It could cost the province an estimated 300 million euros, though insurers may cover part of it.",
    "  ",
    "She wasn't there; she'd gone to Rotterdam, her brother said.",
]


def _all_arrays(docs: list):
    from spacy.tokens import Doc

    attrs = list(Doc._get_array_attrs())
    return attrs, [d.to_array(attrs) for d in docs]


def test_the_ruler_runs_once_per_key_and_every_array_equals_the_pipelines():
    """New tokens learnt with the ruler run on one token per key (tag, label, the word when the patterns
    name it, the regexes' answers...), the lemmatizer on each: every token array equals the full pipeline's,
    and the ruler saw fewer tokens than were learnt (69 keys of 102 new tokens in these ten pieces; a corpus
    repeats keys far more). On the base the ruler ran on every new token."""
    import numpy as np

    from storycheck.nlp import TokenRules, tagger

    nlp = tagger()
    rules = TokenRules.of(nlp)
    seen: list[int] = []
    ruler = rules._ruler
    rules._ruler = lambda doc: seen.append(len(doc)) or ruler(doc)
    attrs, full = _all_arrays(nlp.pipe(RULER_PIECES))
    for _ in range(2):
        fast = rules.apply_many(list(nlp.pipe(RULER_PIECES, disable=rules.names)), attrs)
        assert all(np.array_equal(a, b) for a, b in zip(full, fast, strict=True))
    learnt = len(rules._known)
    # (the learning run first, then the two pieces with a longer pattern, ``ain't`` and ``there's``, whole)
    assert learnt > 100 and seen[0] == len(rules._ruled) < learnt * 3 / 4, (seen, learnt)
    # the words the patterns name keep their own key (``that`` as a subordinator, ``nobody`` as a pronoun...)
    keys = {rules._ruler_key(nlp.vocab, row) for row in rules._known}
    named = {k[len(rules._reading[0])] for k in keys} - {None}
    assert {"that", "if", "although", "nobody", "somebody", "something", "could", "will"} <= named


def test_pieces_learnt_one_by_one_or_all_at_once_give_the_same_arrays():
    """The key's memo of ruler columns (``_ruled``) is filled by the first pieces and read by the later ones:
    learning piece by piece gives the arrays learning all at once gives, and the full pipeline's."""
    import numpy as np

    from storycheck.nlp import TokenRules, tagger

    nlp = tagger()
    attrs, full = _all_arrays(nlp.pipe(RULER_PIECES))
    one = TokenRules.of(nlp)
    by_one = [one.apply(d, attrs) for d in nlp.pipe(RULER_PIECES, disable=one.names)]
    every = TokenRules.of(nlp)
    at_once = every.apply_many(list(nlp.pipe(RULER_PIECES, disable=every.names)), attrs)
    for a, b, c in zip(full, by_one, at_once, strict=True):
        assert np.array_equal(a, b) and np.array_equal(a, c)
    assert one._ruled and every._ruled


def test_patterns_that_read_the_text_otherwise_run_the_ruler_on_every_token():
    """A pattern on ``ORTH`` or ``TEXT``, or a ``LOWER`` predicate other than a word, a list or a regex,
    leaves no key (every new token goes through the ruler); a tag, a label or a list of words keeps one."""
    from storycheck.nlp import TokenRules

    def rule(*tokens, attrs=None):  # noqa: ANN002, ANN202
        return {"patterns": [list(tokens)], "attrs": attrs or {"POS": "NOUN"}, "index": 0}

    assert TokenRules._reading_of([rule({"ORTH": "May"})]) is None
    assert TokenRules._reading_of([rule({"TEXT": {"IN": ["May"]}})]) is None
    assert TokenRules._reading_of([rule({"LOWER": {"FUZZY": "mayor"}})]) is None
    assert TokenRules._reading_of([rule({"LENGTH": 3})]) is None
    at, words, regexes, space = TokenRules._reading_of([
        rule({"TAG": "NN", "LOWER": {"NOT_IN": ["mayor", "council"]}}), rule({"DEP": "expl"}, {"LOWER": "is"}),
        rule({"LOWER": {"REGEX": "^n'?t$"}}, attrs={"LEMMA": "not"}), rule({"IS_SPACE": True}, attrs={"TAG": "_SP"}),
    ])
    assert [TokenRules.COLUMNS[i - 1] for i in at] == ["TAG", "DEP", "POS", "LEMMA"]
    assert words == {"mayor", "council", "is"} and [r.pattern for r in regexes] == ["^n'?t$"] and space


def test_a_worker_warm_up_builds_dateparsers_parser(monkeypatch):
    """``batch.warm_up`` (a worker's start, while the driver clusters) builds dateparser's parser and reads a date
    with it, so that the first story's first unusual date ("the 1960s") does not pay for it."""
    from storycheck import batch

    calls = []
    monkeypatch.setattr(quantities, "warm_up", lambda: calls.append("dates"))
    batch.warm_up("static")
    assert calls == ["dates"]
    monkeypatch.undo()
    quantities._date_data_parser.cache_clear()
    quantities.warm_up()
    assert quantities._date_data_parser.cache_info().currsize == 1
