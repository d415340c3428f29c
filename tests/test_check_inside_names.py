"""A place the sources write only inside another name (``check._places_inside_names``): ``in Munich`` where
the article has Munich only in ``Bayern Munich``. The sources never say the place, so it is named as new and
its words earn no content-word pairs. Hand-written texts."""

from __future__ import annotations

import storycheck.check as engine
from storycheck.check import check
from storycheck.records import Document

MATCH = (
    "Jurgen Klopp said Bayern Munich were the better team in their 1-0 victory over Borussia Dortmund on "
    "Saturday. Robert Lewandowski scored the only goal against his former club."
)
MOVED = "Bayern Munich beat Borussia Dortmund 1-0 in Munich on Saturday."
PLAIN = "Bayern Munich beat Borussia Dortmund 1-0 on Saturday."


def _named(source: str, text: str) -> tuple[float, list[tuple[int, str]]]:
    report = check([Document("source", source)], Document("text", text))
    return report.check.score, [(m.start, m.text) for v in report.check.sentences for m in v.missing]


def test_a_place_only_in_a_clubs_name_is_new(monkeypatch) -> None:  # noqa: ANN001
    score, named = _named(MATCH, MOVED)
    assert (MOVED.index("in Munich") + 3, "Munich") in named, named
    # the place is as unsupported as one the sources never write (what is left is the similarity term):
    # the words of "Bayern Munich" no longer hold it up
    absent = _named(MATCH, MOVED.replace("in Munich", "in Hamburg"))[0]
    assert abs(score - absent) < 0.05, (score, absent)
    assert score < _without_rule(monkeypatch, MATCH, MOVED)


def test_a_place_only_in_a_persons_name_is_new() -> None:
    text = "In Washington, police arrested a man on Friday after the robbery."
    source = "Police arrested George Washington on Friday after the robbery."
    score, named = _named(source, text)
    assert (text.index("Washington"), "Washington") in named, named
    absent = _named(source, text.replace("Washington", "Chicago"))[0]
    assert abs(score - absent) < 0.05, (score, absent)


def _without_rule(monkeypatch, source: str, text: str) -> float:  # noqa: ANN001
    monkeypatch.setattr(engine, "_places_inside_names", lambda *args: [])
    return _named(source, text)[0]


def test_not_when_a_source_says_the_place(monkeypatch) -> None:  # noqa: ANN001
    source = MATCH + " The match was played in Munich."
    assert _fired(monkeypatch, source, MOVED) == []
    score, _ = _named(source, MOVED)
    assert score == _without_rule(monkeypatch, source, MOVED)


def test_not_when_the_text_writes_the_longer_name(monkeypatch) -> None:  # noqa: ANN001
    # the text's own "Bayern Munich" (or a recognizer's "Madrid" cut from "Real Madrid") is the club
    madrid = ("Real Madrid beat Barcelona 2-1 on Sunday. Cristiano Ronaldo scored twice.", "Real Madrid beat Barcelona 2-1 on Sunday.")
    assert _named(*madrid) == (1.0, [])
    assert _fired(monkeypatch, MATCH, PLAIN) == []
    score, _ = _named(MATCH, PLAIN)
    assert score == _without_rule(monkeypatch, MATCH, PLAIN)


def test_not_a_subject_nor_a_nouns_place(monkeypatch) -> None:  # noqa: ANN001
    # a recognizer may cut a place from a company's name ("Dalian" of "Dalian Wanda"); only a verb's circumstance counts
    source = "Chinese property conglomerate Dalian Wanda Group bought 20 per cent of Atletico Madrid on Tuesday."
    text = "Dalian Wanda bought 20 per cent of Atletico Madrid."
    assert _fired(monkeypatch, source, text) == []
    score, _ = _named(source, text)
    assert score == _without_rule(monkeypatch, source, text)


def _fired(monkeypatch, source: str, text: str) -> list[str]:  # noqa: ANN001
    """The places the rule itself names (``missing`` also holds what ``_missing`` names)."""
    rule, fired = engine._places_inside_names, []

    def spy(*args):  # noqa: ANN002, ANN202
        out = rule(*args)
        fired.extend(m.text for m in out)
        return out

    with monkeypatch.context() as patch:
        patch.setattr(engine, "_places_inside_names", spy)
        check([Document("source", source)], Document("text", text))
    return fired


def test_not_inside_the_name_of_an_organisation_of_the_place(monkeypatch) -> None:  # noqa: ANN001
    # the place's own police, council or university says where it is, unlike a club's name (11f737b named these)
    assert "New York" not in _fired(monkeypatch, "The New York Police Department arrested two men on Monday.",
                                     "Police arrested two men in New York on Monday.")
    assert "Oxford" not in _fired(monkeypatch, "Researchers at the University of Oxford published the study on Monday.",
                                   "Researchers published the study in Oxford on Monday.")
    # a club's name still does not say the place
    assert _fired(monkeypatch, MATCH, MOVED) == ["Munich"]


def test_a_source_writes_the_place_with_accents_or_across_a_line(monkeypatch) -> None:  # noqa: ANN001
    # a source's "Zürich" is the text's "Zurich", its "New\nYork" the text's "New York" (11f737b named both)
    assert "Zurich" not in _fired(monkeypatch, "FC Zurich lost on Monday. Fans in Zürich were angry.",
                                   "Bayern beat Dortmund in Zurich on Saturday.")
    assert "New York" not in _fired(monkeypatch, "The Knicks won on Saturday in Boston. Fans in New\nYork cheered. The New York Knicks are happy.",
                                     "The Knicks won in New York on Saturday.")


def test_a_long_source_is_indexed_once() -> None:
    # 11f737b scanned every name of the source for each hit of each place: 34 s of CPU for this 1 MB source
    import time
    from types import SimpleNamespace

    from storycheck.analyze import analyze

    text = Document("text", "Bayern beat Dortmund in Munich on Saturday. Fans cheered in Hamburg on Sunday. "
                    "The team flew to Paris on Monday.")
    unit = "Bayern Munich beat Borussia Dortmund in Berlin. Thomas Muller of FC Hamburg praised Paris Saint Germain and Hamburg. "
    n = 1_000_000 // len(unit)
    spans = [SimpleNamespace(start=i * len(unit) + unit.index(x), end=i * len(unit) + unit.index(x) + len(x), kind="org")
             for i in range(n) for x in ("Bayern Munich", "Borussia Dortmund", "FC Hamburg", "Paris Saint Germain")]
    names = engine._SourceNames([SimpleNamespace(mentions=spans)], [Document("source", unit * n)])
    analysis = analyze(text)
    start = time.process_time()
    found = [m.text for s in analysis.sentences for m in engine._places_inside_names(text, analysis, s.index, names)]
    assert time.process_time() - start < 5
    assert found == ["Munich", "Paris"], found


def _lookup(source: str, names: tuple[str, ...], place: str) -> tuple[bool, frozenset[str]]:
    from types import SimpleNamespace

    spans = [SimpleNamespace(start=source.index(n), end=source.index(n) + len(n), kind="org") for n in names]
    return engine._SourceNames([SimpleNamespace(mentions=spans)], [Document("source", source)]).lookup(place)


def test_another_name_of_the_place_is_the_place() -> None:
    # "U.S." and "United States" say the text's "US" outside "US Open"; the pronoun "us" does not (11f737b took it)
    assert _lookup("The US Open starts on Monday. Fans in the U.S. cheered.", ("US Open",), "US") == (True, frozenset())
    assert _lookup("The US Open starts on Monday. Fans in the United States cheered.", ("US Open",), "US") == (True, frozenset())
    assert _lookup("The US Open starts on Monday, officials told us.", ("US Open",), "US") == (True, frozenset({"US Open"}))
    assert _lookup("Bayern Munich won. Fans in MUNICH cheered.", ("Bayern Munich",), "Munich") == (True, frozenset())
    assert _lookup("Bayern Munich won.", ("Bayern Munich",), "Berlin") == (False, frozenset())
