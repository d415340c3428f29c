"""Session 30 (bspeed18, issue 4): session 29's new judge checks read less per aligned pair, with the same answers.
News sentences written for these tests. The tests marked so fail on eb6467d (they count what the old code read);
the others are guards that the answers are unchanged."""

from __future__ import annotations

from types import SimpleNamespace

from storycheck import judge as judge_module
from storycheck.core import compare_documents
from storycheck.judge import asks
from storycheck.records import Document


class _Counted(str):
    """A text that counts how often a piece of it is copied out (``text[a:b]``)."""

    copies = 0

    def __getitem__(self, key):  # noqa: ANN001, ANN204
        type(self).copies += 1
        return str.__getitem__(self, key)


def test_a_sentence_without_a_question_mark_is_not_copied_to_be_asked():
    """Fails on eb6467d: ``asks`` copied every sentence to strip its tail (174k times in the 3k batch)."""
    text = _Counted("The council approved the budget on Tuesday. Was a deal reached?")
    _Counted.copies = 0
    assert asks(text, 0, 44) is False
    assert _Counted.copies == 0
    assert asks(text, 45, len(text)) is True  # (the question is still read)


# (sentence, whether it asks): the ``?`` at the end, inside a quote, mid-sentence, or standing for a lost character
QUESTIONS = [
    ("Was no deal reached?", True),
    ('"Was a deal reached?" the unions asked.', False),
    ('"Was a deal reached?"', True),
    ("The council approved the budget, but who will pay?", False),
    ("Who will pay, now that the council approved the budget?", True),
    ('"Why?" she asked.', False),
    ("The deal was worth? 110bn to the company.", False),
    ("The ferry sank near the port.", False),
    ("", False),
]


def test_asks_answers_as_before():
    """Guard: the old reading (the text copied and stripped first) on sentences with and without a ``?``."""
    for sentence, expected in QUESTIONS:
        text = f"The strike ended. {sentence} Talks resume on Monday."
        start = len("The strike ended. ")
        assert asks(text, start, start + len(sentence)) is expected, sentence


class _Lemmas(list):
    """A sentence's lemmas that count how often they are read."""

    reads = 0

    def __iter__(self):  # noqa: ANN204
        type(self).reads += 1
        return super().__iter__()


def test_the_other_sentence_is_not_read_when_one_credits_no_speaker():
    """Fails on eb6467d: ``_speaker_alone`` made a set of both sentences' lemmas for every alike pair, though a
    sentence that credits no one (no ``say``, ``tell``, ``according``) ends the question."""
    told = _Lemmas(["dockers", "stop", "work", "port", "say"])
    story = SimpleNamespace(analyses={"a": SimpleNamespace(lemmas=[["ferry", "sink", "port"]]),
                                      "b": SimpleNamespace(lemmas=[told])},
                            speech_of=lambda doc: ({}, []))  # no reported speech (judge31: asked before the lemmas)
    pair = SimpleNamespace(a=SimpleNamespace(doc="a", sentence=0), b=SimpleNamespace(doc="b", sentence=0))
    _Lemmas.reads = 0
    assert judge_module._speaker_alone(story, pair) is False  # type: ignore[arg-type]
    assert _Lemmas.reads == 0


class _Asked(set):
    """The sentence pairs a conflict sets apart, counting membership questions."""

    asked = 0

    def __contains__(self, item) -> bool:  # noqa: ANN001
        type(self).asked += 1
        return super().__contains__(item)


UNION = ("About 800 dockers at the port of Varna walked off the job on Thursday after the union called the strike over "
         "unpaid overtime.")
EMPLOYERS = ("The employers called the strike at the port of Varna on Thursday, locking out about 800 dockers in a row "
             "over unpaid overtime.")
NO_ONE = "About 800 dockers at the port of Varna stopped work on Thursday in a strike over unpaid overtime, the union said."


def test_merge_keeps_claims_apart_by_looking_each_sentence_up(monkeypatch):
    """Fails on eb6467d by its count: ``_merge`` asked ``apart`` of every pair of sentences of two groups of
    corroborated claims (a group of near-copy reports holds dozens); now each sentence's partners are looked up
    once. The claims stay apart as session 29 made them: x and y each with z, not one claim of x, y and z."""
    real = judge_module._apart
    monkeypatch.setattr(judge_module, "_apart", lambda *a: _Asked(real(*a)))
    _Asked.asked = 0
    report = compare_documents([Document("x", UNION), Document("y", EMPLOYERS), Document("z", NO_ONE)], embedder="static")
    claims = sorted(sorted({s.doc for s in f.evidence}) for f in report.findings if f.kind == "corroborated")
    assert claims == [["x", "z"], ["y", "z"]]
    assert _Asked.asked == 0


def test_merge_clash_equals_asking_every_pair():
    """Guard: on groups of sentences and pairs set apart made at random, the look-up by partners finds a clash
    exactly where some sentence of one group and some of the other are a pair set apart (and a pair of one
    sentence with itself, which ``_apart`` never makes, still counts)."""
    import random

    rng = random.Random(30)
    sentences = [(doc, i) for doc in "abcdef" for i in range(4)]
    for _ in range(300):
        apart = {frozenset(rng.sample(sentences, 2)) for _ in range(rng.randint(0, 12))}
        if rng.random() < 0.2:
            apart.add(frozenset([rng.choice(sentences)]))
        one, two = set(rng.sample(sentences, rng.randint(1, 6))), set(rng.sample(sentences, rng.randint(1, 6)))
        expected = any(frozenset((s, t)) in apart for s in one for t in two)
        assert judge_module._clashes(judge_module._apart_by_sentence(apart), one, two) is expected
