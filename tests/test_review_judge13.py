"""Review of wt-judge13 (revj13): two kinds of people (``lexicon.GROUPS_APART``) who each say or report a thing are
two speakers, not two doers; a joint force named by any of the two kinds' words, or one kind helped by the other, may
each be said to have done the act; a time written with a dot and a clock word (``9.25pm``, ``09.25 GMT``) is the
same word as ``9:25``."""

from __future__ import annotations

import pytest

import storycheck
from storycheck.check import check
from storycheck.records import Document


@pytest.fixture(params=["none", "static"])
def embedder(request) -> str:
    return request.param


def _conflicts(a: str, b: str, embedder: str) -> list:
    report = storycheck.compare([Document("a", a), Document("b", b)], embedder=embedder)
    return [(f.type, [s.text for s in f.evidence]) for f in report.findings if f.kind == "conflict"]


@pytest.mark.parametrize(("a", "b"), [
    # verbs of saying: each may confirm, report, announce or warn of the same thing
    ("Police confirmed the death on Friday.", "Doctors confirmed the death on Friday."),
    ("Journalists reported the attack on Friday.", "Police reported the attack on Friday."),
    ("Police announced the arrest on Friday.", "Soldiers announced the arrest on Friday."),
    ("Police warned residents on Friday.", "Firefighters warned residents on Friday."),
    ("Police blamed rebels for the attack.", "Soldiers blamed rebels for the attack."),
    # a joint force named by other words of the two kinds than the subjects'
    ("Police and the army raided the house on Friday. Police arrested the man on Friday.",
     "Soldiers arrested the man on Friday."),
    ("A joint police and military operation began on Friday. Police arrested the man on Friday.",
     "Soldiers arrested the man on Friday."),
    # one kind helped by the other in one sentence
    ("Police, backed by soldiers, arrested the man on Friday.", "Soldiers arrested the man on Friday."),
    ("Police arrested the man with the help of soldiers on Friday.", "Soldiers arrested the man on Friday."),
])  # fmt: skip
def test_two_kinds_that_may_both_have_done_it_are_no_actor_finding(a, b, embedder):  # noqa: ANN001
    assert not _conflicts(a, b, embedder)


@pytest.mark.parametrize(("a", "b"), [
    ("Police arrested the man on Friday after soldiers sealed off the street.", "Soldiers arrested the man on Friday."),
    ("The army arrested the man on Friday.", "Police arrested the man on Friday."),
    ("The man was arrested by police on Friday.", "The man was arrested by soldiers on Friday."),
])  # fmt: skip
def test_two_kinds_each_said_to_have_done_it_alone_stay_an_actor_finding(a, b, embedder):  # noqa: ANN001
    """The guards above leave an act told of one kind against the other alone (a helper named after the act, a
    singular institution, passive agents)."""
    assert [t for t, _ in _conflicts(a, b, embedder)] == ["actor"]


@pytest.mark.parametrize(("source", "text"), [
    ("The attack began at 9.25pm on Monday, police said.", "The attack began at 9:25 pm on Monday."),
    ("The attack began at 09.25 GMT on Monday, police said.", "The attack began at 09:25 GMT on Monday."),
])  # fmt: skip
def test_a_time_written_with_a_dot_supports_the_same_time_with_a_colon(source, text):  # noqa: ANN001
    report = check([Document("source", source)], Document("text", text), embedder="none")
    [v] = report.check.sentences
    assert v.verdict == "supported" and not v.missing, v


def test_a_price_with_a_dot_is_still_two_numbers():
    """Without a clock word after it, ``9.25`` may be a price: it stays as before (and its change is named)."""
    report = check([Document("source", "Shares closed at 9.25 on Monday, traders said.")],
                   Document("text", "Shares closed at 9.40 on Monday."), embedder="none")  # fmt: skip
    [v] = report.check.sentences
    assert v.verdict == "contradicted" and "40" in [m.text for m in v.missing], v
