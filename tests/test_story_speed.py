"""Work the engine did per story that gave nothing (session 19, wt-bspeed9): each test fails on the code before
(67db79b), which did it, and checks the result is what the longer way gives."""

from __future__ import annotations

from pairhelp import compare_pair

from storycheck import analyze, judge
from storycheck.records import Document


def test_a_pair_without_opposite_verbs_is_not_asked_whether_it_hedges(monkeypatch) -> None:  # noqa: ANN001
    """``judge._opposed`` asks ``_unsure`` only of a pair whose verbs are opposites (it was asked of every pair
    alike enough, ~20% of judging), and a hedged pair of opposites is still no conflict."""
    asked: list[str] = []
    unsure = judge._unsure

    def counted(text: str) -> bool:
        asked.append(text)
        return unsure(text)

    monkeypatch.setattr(judge, "_unsure", counted)
    report = compare_pair("The mayor opened the new bridge on Monday.", "The mayor opened the new bridge on Monday morning.", tail="")
    assert [f for f in report.findings if f.kind == "corroborated"] and not asked
    report = compare_pair("The Lakers may lose the game on Sunday.", "The Lakers won the game on Sunday.", tail="")
    assert asked and not [f for f in report.findings if f.type == "antonym"]
    report = compare_pair("The Lakers lost the game on Sunday.", "The Lakers won the game on Sunday.", tail="")
    assert [f for f in report.findings if f.type == "antonym"]


def test_mentions_read_the_documents_own_text_not_the_docs_rejoined_tokens(monkeypatch) -> None:  # noqa: ANN001
    """``Doc.text`` joins every token again on each read (~2% of a story's CPU); the bare counts after ``and``
    (``_elided_units``) are read in the document's own text, which the Doc's text equals."""
    seen: list[str] = []
    elided = analyze._elided_units

    def spy(mentions, text: str) -> None:  # noqa: ANN001
        seen.append(text)
        elided(mentions, text)

    monkeypatch.setattr(analyze, "_elided_units", spy)
    text = "Three people were killed and five were injured in the crash on Monday, police said."
    doc = Document("a", text)
    result = analyze.analyze_many([doc])[0]
    assert seen and seen[0] is doc.text  # the same object: no string built again
    injured = [m for m in result.mentions if m.text == "five"]
    assert injured and injured[0].quantity.unit == [m for m in result.mentions if m.text == "Three"][0].quantity.unit


def _judged_story(monkeypatch, texts: dict[str, str]):  # noqa: ANN001, ANN202
    """The ``_Story`` a judging of these reports leaves (taken from its last step), and the findings."""
    from storycheck.core import compare_documents

    kept = []
    single = judge._single_source

    def grab(story, *args):  # noqa: ANN001, ANN002, ANN202
        kept.append(story)
        return single(story, *args)

    monkeypatch.setattr(judge, "_single_source", grab)
    report = compare_documents([Document(k, v) for k, v in texts.items()], embedder="none")
    return kept[-1], report


STORY = {
    "a": "The company hired 300 workers at its plant in Leeds on Monday. The plant makes parts for trains.",
    "b": "The company hired workers at its plant in Leeds on Monday. The plant makes parts for trains and buses.",
    "c": "The company hired 300 workers at its plant in Leeds on Monday, officials said. It opened in 2019.",
}


def test_the_details_of_a_sentence_and_whether_another_report_gives_them_are_kept_as_asked_anew(monkeypatch) -> None:  # noqa: ANN001
    """``_partials`` keeps per sentence its detail mentions outside quotes (``_Story.details``) and per mention and
    other report whether that report gives it anywhere (``_Story.given``); each kept answer equals the one asked
    anew, and the answer depends on the other report (a wrong key, one answer per mention, fails here: c gives
    the 300 workers, b does not)."""
    story, report = _judged_story(monkeypatch, STORY)
    assert story.details and story.given
    for (doc, sentence), kept in story.details.items():
        quoted = story.quoted[doc]
        anew = [(m, judge._detail_kind(m)) for m in story.mentions.get((doc, sentence), [])
                if judge._detail_kind(m) is not None and not any(a <= m.start < b for a, b in quoted)]  # fmt: skip
        assert kept == anew
    mentions = {id(m): (doc, m) for (doc, _), ms in story.mentions.items() for m in ms}
    answers = {}
    for (key, other), kept in story.given.items():
        doc, m = mentions[key]
        assert kept == judge._given_anywhere(story, m, doc, story.analyses[other])
        answers.setdefault((doc, m.text), {})[other] = kept
    assert answers[("a", "300")] == {"b": False, "c": True}
    added = [f for f in report.findings if f.kind == "partial" and f.type == "number"]
    assert {(s.doc, s.text) for f in added for s in f.evidence if s.text == "300"} == {("a", "300"), ("c", "300")}
    assert all({s.doc for s in f.evidence} <= {"a", "b", "c"} and "b" in {s.doc for s in f.evidence} for f in added)


def test_a_pairs_shared_names_figures_and_dates_are_counted_as_before(monkeypatch) -> None:  # noqa: ANN001
    """``align._select`` keeps each unit's keys that are no word once (not per pair): every pair's ``shared`` is
    the count of the keys both sentences have that are not words."""
    from storycheck import align

    keys_seen = []
    select = align._select

    def spy(flat, lexical, semantic, keys):  # noqa: ANN001, ANN202
        keys_seen.append((flat, keys))
        return select(flat, lexical, semantic, keys)

    monkeypatch.setattr(align, "_select", spy)
    _, report = _judged_story(monkeypatch, STORY)
    flat, keys = keys_seen[-1]
    at = {(u.doc, u.index): i for i, u in enumerate(flat)}
    pairs = [p for p in align.align(list(report.analyses.values())).pairs]
    assert pairs and any(p.shared_mentions for p in pairs)
    for p in pairs:
        i, j = at[(p.a.doc, p.a.index)], at[(p.b.doc, p.b.index)]
        assert p.shared_mentions == sum(not k.startswith("w:") for k in keys[i] & keys[j])
