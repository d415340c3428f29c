"""Session 32 (bspeed20): output-neutral cuts of session 31's new readings, found by profiling the 1k batch. A
text is searched for a weekday before its date only when it holds a weekday's ``day`` before a day or a month;
``compare`` reads each report's ages once; WordNet's prefixed opposites are kept per reader; ``_opposed_modifier``
reads two sentences' words and denials only for a pair of opposites. News sentences written for these tests."""

from __future__ import annotations

import random
from collections import Counter

from test_batch_speed19 import _Counting  # a pattern that counts the texts it searches

from storycheck import analyze as analyze_module
from storycheck import check as check_module
from storycheck import compare, lexicon
from storycheck.align import align
from storycheck.analyze import WEEKDAY_DATE, analyze
from storycheck.judge import _opposed_modifier, _Story
from storycheck.records import Document, Pair, Unit
from storycheck.senses import NoSenses

WEEKDAY_DATES = [
    "The hearing opens on Wednesday, 15 October, in the crown court.",
    "Voting closes on Friday the 3rd of May, officials said.",
    "The strike began on Monday, March 2, 2020 and lasted a week.",
    "Polls open on Sunday 1st Nov. across the country.",
    "The match was moved to Saturday, Sept. 30 after the storm.",
]


def test_every_weekday_date_holds_what_is_searched_first() -> None:
    for text in WEEKDAY_DATES:
        assert WEEKDAY_DATE.search(text), text  # (the table above is what it says)
        assert analyze_module._WEEKDAY_THEN.search(text), text
    rng = random.Random(32)
    words = ["Monday", "Friday", "today", "day", ",", " ", "  ", "the", "of", "3", "15", "31st", "May", "Oct.", "October",
             "2020", "1", "x", "Sept.", "\n", "birthday", "3rd"]  # fmt: skip
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", ", "]) for _ in range(rng.randint(1, 8)))
        if WEEKDAY_DATE.search(text):
            assert analyze_module._WEEKDAY_THEN.search(text), text


def test_a_text_with_no_weekday_before_a_date_is_not_searched_and_one_with_it_is_read_as_before(monkeypatch) -> None:  # noqa: ANN001
    counting = _Counting(WEEKDAY_DATE)
    monkeypatch.setattr(analyze_module, "WEEKDAY_DATE", counting)
    plain = "The council met on 15 October and approved 3 new schools on Monday."  # digits, a weekday, no weekday date
    dated = "The council will meet on Wednesday, 15 October, to approve 3 new schools."
    analyze(Document("plain", plain))
    found = analyze(Document("dated", dated))
    assert counting.texts[plain] == 0 and counting.texts[dated] == 1
    dates = [m.text for m in found.mentions if m.kind == "date"]
    assert "Wednesday, 15 October" in dates  # (one date, the weekday with it)


FLOOD = (
    "Rescuers pulled two children from the river in Carlisle on Sunday. "
    "Martin Howe's son Oliver, 9, was swept away while playing on the bank. "
    "Rita Ames's daughter Nadia, 11, was also carried downstream."
)


def test_compare_reads_each_reports_ages_once_and_finds_what_it_found(monkeypatch) -> None:  # noqa: ANN001
    asked: Counter = Counter()
    after = check_module._AGE_AFTER

    class Counting:
        def match(self, text: str, pos: int):  # noqa: ANN201
            asked[(text, pos)] += 1
            return after.match(text, pos)

    monkeypatch.setattr(check_module, "_AGE_AFTER", Counting())
    report = compare([Document("a", FLOOD), Document("b", "Martin Howe's son Oliver, 6, was swept away."),
                      Document("c", "Oliver, 9, and Nadia, 11, were carried downstream, police said.")], embedder=None)  # fmt: skip
    conflicts = [(f.type, [(e.doc, e.text) for e in f.evidence]) for f in report.findings if f.kind == "conflict"]
    assert conflicts == [("number", [("b", "6"), ("a", "9")])]
    assert asked and set(asked.values()) == {1}  # every name's place read once (twice before: as a source, as a text)


class _Reader(NoSenses):
    """A reader that knows one pair of prefixed adverbs and counts what it is asked."""

    def __init__(self) -> None:
        self.asked: Counter = Counter()

    def antonyms(self, lemma: str, pos: str) -> frozenset[str]:
        self.asked[(lemma, pos)] += 1
        return {"lawfully": frozenset({"unlawfully"}), "unlawfully": frozenset({"lawfully"})}.get(lemma, frozenset()) \
            if pos == "r" else frozenset()  # fmt: skip


def test_prefixed_opposites_are_kept_per_reader(monkeypatch) -> None:  # noqa: ANN001
    reader = _Reader()
    monkeypatch.setattr(lexicon, "senses", lambda: reader)
    for _ in range(3):
        assert lexicon.prefixed_opposites("lawfully", "unlawfully")
        assert not lexicon.prefixed_opposites("lawfully", "legally")
    assert reader.asked[("lawfully", "r")] == 1  # asked once, not once a question
    other = NoSenses()  # another reader (a test's, or none): asked afresh
    monkeypatch.setattr(lexicon, "senses", lambda: other)
    assert not lexicon.prefixed_opposites("lawfully", "unlawfully")


class _CountingClauses(dict):
    def __init__(self, clauses: dict) -> None:
        super().__init__(clauses)
        self.asked = 0

    def get(self, key, default=None):  # noqa: ANN001, ANN201
        self.asked += 1
        return super().get(key, default)


def _modifier_pair(a: str, b: str):  # noqa: ANN202
    docs = [Document("a", a), Document("b", b)]
    analyses = [analyze(d) for d in docs]
    story = _Story({d.id: d for d in docs}, {x.doc_id: x for x in analyses}, align(analyses))
    for d, x in zip(docs, analyses, strict=True):  # (as ``judge`` fills it)
        for m in x.mentions:
            story.mentions[(d.id, m.sentence)].append(m)
        for c in x.clauses:
            story.clauses[(d.id, c.sentence)].append(c)
        story.quoted[d.id] = [(q.start, q.end) for q in x.quotes if q.kind == "direct"]
        story.lower[d.id] = d.text.lower()
    story.clauses = _CountingClauses(story.clauses)
    a, b = (Unit(d.id, 0, 0, x.sentences[0].start, x.sentences[0].end, d.text[x.sentences[0].start : x.sentences[0].end])
            for d, x in zip(docs, analyses, strict=True))  # fmt: skip
    return story, Pair(a, b, 0.9, 0.9, None, 0)


def test_a_modifier_pair_reads_its_sentences_only_for_opposites() -> None:
    story, pair = _modifier_pair("The council acted quickly when it closed the old library.",
                                 "The council acted swiftly when it closed the old library.")  # fmt: skip
    assert _opposed_modifier(story, pair) is None
    assert story.clauses.asked == 0  # (two look-ups of the denied verbs before, for every such pair)
    story, pair = _modifier_pair("The council acted unlawfully when it closed the old library.",
                                 "The council acted lawfully when it closed the old library.")  # fmt: skip
    found = _opposed_modifier(story, pair)
    assert found is not None and found.type == "antonym" and {e.text for e in found.evidence} == {"unlawfully", "lawfully"}
    story, pair = _modifier_pair("The council had not acted unlawfully when it closed the old library.",
                                 "The council acted lawfully when it closed the old library.")  # fmt: skip
    assert _opposed_modifier(story, pair) is None  # (denied in one only: they agree)


def test_every_ordinal_day_holds_what_is_searched_first() -> None:
    from storycheck.analyze import ORDINAL_DAY

    for text in ("Polls open on 3rd May across the country.", "The fair ends on the 21st of June, 2021.",
                 "It was moved to 1st Sept. after the storm.", "Results are due 30th November."):  # fmt: skip
        assert ORDINAL_DAY.search(text) and analyze_module._ORDINAL_THEN.search(text), text
    rng = random.Random(33)
    words = ["3rd", "21st", "2nd", "4th", "31", "of", "the", "May", "June", "Sept.", ",", "2021", "\n", "st", "rd", "x1st",
             "٣rd", "1٣th"]  # fmt: skip
    for _ in range(20_000):
        text = "".join(rng.choice(words) + rng.choice([" ", "", ", ", "  "]) for _ in range(rng.randint(1, 6)))
        if ORDINAL_DAY.search(text):
            assert analyze_module._ORDINAL_THEN.search(text), text
