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
    score, _ = _named(source, MOVED)
    assert score == _without_rule(monkeypatch, source, MOVED)


def test_not_when_the_text_writes_the_longer_name(monkeypatch) -> None:  # noqa: ANN001
    # the text's own "Bayern Munich" (or a recognizer's "Madrid" cut from "Real Madrid") is the club
    madrid = ("Real Madrid beat Barcelona 2-1 on Sunday. Cristiano Ronaldo scored twice.", "Real Madrid beat Barcelona 2-1 on Sunday.")
    assert _named(*madrid) == (1.0, [])
    score, _ = _named(MATCH, PLAIN)
    assert score == _without_rule(monkeypatch, MATCH, PLAIN)


def test_not_a_subject_nor_a_nouns_place(monkeypatch) -> None:  # noqa: ANN001
    # a recognizer may cut a place from a company's name ("Dalian" of "Dalian Wanda"); only a verb's circumstance counts
    source = "Chinese property conglomerate Dalian Wanda Group bought 20 per cent of Atletico Madrid on Tuesday."
    text = "Dalian Wanda bought 20 per cent of Atletico Madrid."
    score, _ = _named(source, text)
    assert score == _without_rule(monkeypatch, source, text)
