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


def test_a_place_only_in_a_clubs_name_is_new() -> None:
    score, named = _named(MATCH, MOVED)
    assert (MOVED.index("in Munich") + 3, "Munich") in named, named
    # the place adds nothing the sources say: the text scores below the one without it
    assert score < _named(MATCH, PLAIN)[0]


def test_a_place_only_in_a_persons_name_is_new() -> None:
    text = "Police arrested a man in Washington on Friday after the robbery."
    _, named = _named("Police arrested George Washington on Friday after the robbery.", text)
    assert (text.index("Washington"), "Washington") in named, named


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
