"""Session 28 (bspeed17): what the judge reads of one sentence alone is read once per story, however many aligned
pairs the sentence is in, with the same findings. News sentences written for these tests."""

from __future__ import annotations

from collections import Counter

from storycheck import compare
from storycheck import judge as judge_module
from storycheck.records import Document

# three reports of one story: the first sentence of each is aligned with the other two reports' first sentences
REPORTS = [
    Document("wire", "It was the third time the central bank raised rates this year, officials said on Monday. "
                     "The decision was taken on 4 March 2025 in Frankfurt."),
    Document("gazette", "It was the fourth time the central bank raised rates this year, officials said on Monday. "
                        "The decision was taken in Frankfurt."),
    Document("herald", "It was the fourth time the central bank raised rates this year, officials said. "
                       "The bank did not say whether it would raise them again in the spring."),
]


def _counted(monkeypatch, name: str) -> Counter:
    calls: Counter = Counter()
    real = getattr(judge_module, name)

    def counting(story, doc, sentence):  # noqa: ANN001, ANN202
        calls[(doc, sentence)] += 1
        return real(story, doc, sentence)

    monkeypatch.setattr(judge_module, name, counting)
    return calls


def test_a_sentences_ordinals_are_read_once(monkeypatch):
    ordinals = _counted(monkeypatch, "_ordinals_of")
    report = compare(REPORTS, embedder=None)
    assert ordinals and max(ordinals.values()) == 1
    # the sentence of the wire's "third" is in two pairs: its ordinal clashes with each other report's "fourth"
    wire_ordinal = [f for f in report.findings if f.kind == "conflict" and f.type == "number"
                    and any(s.text == "third" for s in f.evidence)]
    assert {s.doc for f in wire_ordinal for s in f.evidence} == {"wire", "gazette", "herald"}


ALIKE = [
    Document("wire", "The mining company said it would study the ruling before deciding whether to appeal."),
    Document("gazette", "The mining company said it would study the ruling before deciding whether to appeal it."),
    Document("herald", "The mining company said it would study the court's ruling before deciding whether to appeal."),
]


def test_a_sentences_open_choices_are_read_once(monkeypatch):
    choices = _counted(monkeypatch, "_undecided_in")
    asked = _counted(monkeypatch, "_undecided")
    report = compare(ALIKE, embedder=None)
    assert len(choices) == 3 and max(choices.values()) == 1
    assert asked == Counter(dict.fromkeys(choices, 2))  # (each sentence asked in its two pairs)
    assert sum(f.kind == "corroborated" for f in report.findings) >= 1


def test_partials_read_a_sentences_verbs_once(monkeypatch):
    verbs = _counted(monkeypatch, "_verbs_of")
    compare(REPORTS, embedder=None)
    assert verbs and max(verbs.values()) == 1


def test_the_findings_do_not_depend_on_what_was_kept(monkeypatch):
    """Judged twice in one process (the module's own caches warm) and with the story's reads emptied before every
    pair: the same findings."""
    first = compare(REPORTS, embedder=None).findings
    real = judge_module._judge_pair

    def forgetful(story, pair):  # noqa: ANN001, ANN202
        story.per_sentence.clear()
        story.valued.clear()
        return real(story, pair)

    monkeypatch.setattr(judge_module, "_judge_pair", forgetful)
    again = compare(REPORTS, embedder=None).findings
    assert [(f.kind, f.type, [(s.doc, s.start, s.end) for s in f.evidence]) for f in first] == \
        [(f.kind, f.type, [(s.doc, s.start, s.end) for s in f.evidence]) for f in again]
    assert any(f.kind == "partial" for f in first)  # ("on 4 March 2025": a date the gazette gives nowhere)
