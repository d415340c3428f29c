"""The judge's hot spots cut with identical outputs (session 30, wt-jspeed30): each kept or narrowed answer equals
the one the longer way (the code before, copied here as the reference) gives, on reports written for it."""

from __future__ import annotations

import pytest
from test_story_speed import _judged_story

from storycheck import judge, quantities, senses
from storycheck.quantities import compatible, same_duration, when_conflict

# a count told as people and as a kind of person, a duration in two layouts, a date each way, a figure only one gives
FIGURES = {
    "a": "The airline employs 800 people at the airport. The flight lasted 130 minutes on March 3, 2024. "
         "Fares rose 5% in June.",
    "b": "The airline has about 800 employees at the airport. The flight lasted 2 hours 10 minutes on March 3, 2024. "
         "Fares rose in June.",
    "c": "The airline employs 750 people at the airport. The flight lasted three hours on March 4, 2024. "
         "Fares rose 5% in July.",
}  # fmt: skip


def _given_before(story, m, doc, other) -> bool:  # noqa: ANN001
    """``_given_anywhere`` for a figure or date as it was (1562162): one loop over every mention with either."""
    for o in [o for o in other.mentions if o.quantity is not None or o.when is not None]:
        if m.quantity is not None and o.quantity is not None:
            mu, ou = m.quantity.unit, o.quantity.unit
            if ((mu == ou or None in (mu, ou)) and compatible(m.quantity, o.quantity)) \
                    or (m.kind == o.kind == "count" and judge._people_agree(m.quantity, o.quantity)):
                if m.quantity.low is not None and o.quantity.low is not None:
                    return True
            if same_duration(m.quantity, o.quantity):
                return True
        if m.when is not None and o.when is not None and m.when.precision == o.when.precision:
            if not when_conflict(m.when, o.when):
                return True
    return judge._writes_value(story.docs[other.doc_id].text, m)


def test_whether_a_report_gives_a_figure_or_date_is_answered_as_before_without_weighing_durations_of_none(monkeypatch) -> None:  # noqa: ANN001
    """``_given_anywhere`` reads a report's figures, durations and dates apart (``_valued``) and weighs two layouts
    of a duration (``same_duration``) only for a figure that is a duration, against the other's durations: every
    answer, for every figure and date of every report against every other, equals the one loop's; ``130 minutes``
    is given by ``2 hours 10 minutes``, ``800 people`` by ``about 800 employees``, ``March 3`` not by ``March 4``.
    The code before weighed every pair of figures as durations (``5%`` against ``800 people``)."""
    weighed: list[tuple[str | None, str | None]] = []

    def spy(a, b):  # noqa: ANN001, ANN202
        weighed.append((a.unit, b.unit))
        return same_duration(a, b)

    monkeypatch.setattr(judge, "same_duration", spy)
    story, _ = _judged_story(monkeypatch, FIGURES)
    weighed.clear()  # (the conflict checks weigh figures too)
    answers = {}
    for doc, analysis in story.analyses.items():
        for m in analysis.mentions:
            if m.entity is not None or (m.quantity is None and m.when is None):
                continue
            for other in story.analyses:
                if other != doc:
                    given = judge._given_anywhere(story, m, doc, story.analyses[other])
                    assert given == _given_before(story, m, doc, story.analyses[other]), (doc, m.text, other)
                    answers[(doc, m.text, other)] = given
    assert {k: answers[k] for k in EXPECTED} == EXPECTED
    durations = set(quantities.TIME_UNIT_SECONDS) | {"h:mm:ss"}
    assert weighed and all(u in durations and o in durations for u, o in weighed), weighed


# (doc, mention, other doc) -> whether the other report gives it
EXPECTED = {
    ("a", "800", "b"): True, ("a", "800", "c"): False, ("a", "130 minutes", "b"): True, ("a", "130 minutes", "c"): False,
    ("b", "2 hours 10 minutes", "a"): True, ("c", "three hours", "b"): False, ("a", "March 3, 2024", "b"): True,
    ("a", "March 3, 2024", "c"): False, ("a", "5%", "b"): False, ("a", "5%", "c"): True, ("c", "July", "a"): False,
}  # fmt: skip


PHRASAL = {
    "a": "The union called off the strike on Monday. The minister stepped aside after the vote.",
    "b": "The union called the strike on Monday. The minister stepped in after the vote.",
}


def test_a_verb_read_with_a_particle_is_found_as_by_its_readings(monkeypatch) -> None:  # noqa: ANN001
    """``_phrasal_either`` looks a (sentence, verb) up in a set made once per report (``_Story.particled_of``)
    where it scanned the verb's readings for a particle in every pair: for every clause of every aligned pair the
    answer equals the scan's, the set holds exactly the readings with a particle, and ``called off`` /
    ``stepped aside`` are in it."""
    story, _ = _judged_story(monkeypatch, PHRASAL)
    asked = 0
    for pair in story.alignment.pairs:
        a, b = pair.a, pair.b
        for x in story.clauses.get((a.doc, a.sentence), ()):
            scan = any("_" in r for r in story.readings_of(a.doc).get((a.sentence, x.verb), ())) \
                or any("_" in r for r in story.readings_of(b.doc).get((b.sentence, x.verb), ()))
            assert judge._phrasal_either(story, pair, x) == scan
            asked += 1
    assert asked
    for doc in story.analyses:
        readings = story.readings_of(doc)
        assert story.particled_of(doc) == {k for k, rs in readings.items() if any("_" in r for r in rs)}
    assert {v for _, v in story.particled_of("a")} >= {"call", "step"}


def test_a_value_kept_per_sentence_is_made_once_even_when_it_is_none(monkeypatch) -> None:  # noqa: ANN001
    """``_Story.kept`` looks its key up once (a sentinel for a value not made yet): a value of None, or an empty
    one, is kept as made, not made again, and each (check, doc, sentence) keeps its own."""
    story, _ = _judged_story(monkeypatch, PHRASAL)
    made: list[str] = []

    def make(value):  # noqa: ANN001, ANN202
        def inner():  # noqa: ANN202
            made.append(repr(value))
            return value
        return inner

    for _ in range(3):
        assert story.kept("nothing", "a", 0, make(None)) is None
        assert story.kept("empty", "a", 0, make(set())) == set()
        assert story.kept("nothing", "b", 0, make(1)) == 1
    assert made == ["None", "set()", "1"]


def test_kin_is_kept_per_reader_and_answers_as_read_anew(monkeypatch) -> None:  # noqa: ANN001
    """``Senses.kin`` keeps its answer per word pair (``people_of`` asks it of every count of every pair): the
    kept answer equals the one read anew from the index, and a pair asked again reads no index."""
    reader = senses.senses()
    if not isinstance(reader, senses.WordNetSenses):
        pytest.skip("WordNet is not installed")
    pairs = [("person", "employee"), ("person", "passenger"), ("person", "truck"), ("company", "firm"), ("bank", "carmaker")]
    fresh = senses.WordNetSenses(reader.folder)
    read: list[str] = []
    offsets = senses.WordNetSenses._offsets

    def spy(self, lemma, pos):  # noqa: ANN001, ANN202
        read.append(lemma)
        return offsets(self, lemma, pos)

    monkeypatch.setattr(senses.WordNetSenses, "_offsets", spy)
    first = [fresh.kin(x, y, "n") for x, y in pairs]
    assert first[:2] == [True, True] and not first[2]
    read.clear()
    assert [fresh.kin(x, y, "n") for x, y in pairs] == first and not read
    for (x, y), kept in zip(pairs, first, strict=True):
        mine, theirs = frozenset(offsets(fresh, x, "n")), frozenset(offsets(fresh, y, "n"))
        assert kept == bool(mine & theirs or mine & fresh._above(y, "n") or theirs & fresh._above(x, "n"))


def test_opposites_get_answers_as_the_mappings_own_get() -> None:
    """``lexicon._Opposites.get`` is its own (``Mapping.get`` raised and caught a KeyError for every word with no
    opposite): a word with opposites gives them, one without gives the default, and ``[]`` / ``in`` are as before."""
    from collections.abc import Mapping

    from storycheck.lexicon import ANTONYMS

    for word in ("win", "rise", "kill", "likely", "announce", "table", "win"):
        assert ANTONYMS.get(word, frozenset()) == Mapping.get(ANTONYMS, word, frozenset())
        assert ANTONYMS.get(word) == Mapping.get(ANTONYMS, word)
    assert "lose" in ANTONYMS.get("win", ()) and ANTONYMS.get("announce") is None and "announce" not in ANTONYMS
    assert "win" in ANTONYMS and "lose" in ANTONYMS["win"]
    with pytest.raises(KeyError):
        ANTONYMS["table"]
