"""Session 33 (wt-revj32, issue 5): a hostile review of wt-judge32 (the ``cause`` conflict, one deed of two doers).
Each case fails on main 89ccb1f. News sentences written for these tests."""

from __future__ import annotations

import pytest
from storyhelp import conflicts as _conflicts

from storycheck import compare
from storycheck.check import check
from storycheck.records import Document

FIRE = "A fire destroyed a furniture warehouse in Tessby on Friday night."
UNKNOWN = "Investigators have not determined the cause of the fire."
NAMED = "A faulty heater caused the fire, officials said."


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # a cause guessed, asked or set aside is no cause named
        (f"{FIRE} Residents feared a gas leak had caused the fire.", f"{FIRE} {UNKNOWN}"),
        (f"{FIRE} A faulty heater may have caused the fire, officials said.", f"{FIRE} {UNKNOWN}"),
        (f"{FIRE} Officials said a faulty heater was a possible cause of the fire.", f"{FIRE} {UNKNOWN}"),
        (f"{FIRE} Investigators are trying to establish whether a faulty heater caused the fire.", f"{FIRE} {UNKNOWN}"),
        (f"{FIRE} Officials have ruled out arson, but the cause of the fire is not yet known.",
         f"{FIRE} Officials have ruled out arson as the cause of the fire."),
        # a cause found is no cause unknown: "was determined", "is known"
        (f"{FIRE} The cause of the fire was determined to be a faulty heater, officials said.", f"{FIRE} {NAMED}"),
        (f"{FIRE} The cause of the fire is known, officials said, and arrests are expected.", f"{FIRE} {NAMED}"),
        # unknown at first, found later
        (f"{FIRE} Investigators initially could not determine the cause of the fire, but on Monday said a faulty "
         "heater had started it.", f"{FIRE} {NAMED}"),
        # the unknown cause of another fire
        (f"{FIRE} A second fire broke out at a school on Saturday; the cause of that fire is unknown.",
         f"{FIRE} A faulty heater caused the fire at the warehouse, officials said."),
    ],
)  # fmt: skip
def test_no_cause_conflict_without_a_cause_named_against_one_unknown(one, two):
    for emb in (None, "auto"):
        assert not _conflicts(compare([Document("a", one), Document("b", two)], embedder=emb), "cause")
    for source, text in ((one, two), (two, one)):
        report = check([Document("source", source)], Document("text", text), embedder="none")
        assert not _conflicts(report, "cause")
        assert all(s.verdict != "contradicted" for s in report.check.sentences)


def test_a_likely_cause_is_still_named_and_a_later_unguessed_one_counts():
    """The guard: "likely" stays a cause named (judge32's decision), and a guess in an earlier clause does not hide a
    cause named after ``but``."""
    for text in (f"{FIRE} A faulty heater was the likely cause of the fire.",
                 f"{FIRE} Residents first feared arson, but officials said a faulty heater caused the fire."):  # fmt: skip
        found = _conflicts(compare([Document("a", f"{FIRE} {UNKNOWN}"), Document("b", text)], embedder=None), "cause")
        assert len(found) == 1 and "heater" in found[0].values["b"]


CLASH = "Ellford beat Tessby 2-0 on Saturday at Mill Road."
VISIT = "A fire destroyed a furniture warehouse in Tessby on Friday night."


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # a doer said to do it too is one beside another
        (f"{VISIT} Mayor Helen Dray visited the site on Monday.",
         f"{VISIT} Governor Paul Grint also visited the site on Monday."),
        (f"{VISIT} Mayor Helen Dray visited the site on Monday.",
         f"{VISIT} Governor Paul Grint visited the site on Monday too."),
        # two times in a predicate told alike are two deeds
        (f"{CLASH} Tom Smith scored a goal in the 10th minute.", f"{CLASH} Ben Jones scored a goal in the 80th minute."),
    ],
)  # fmt: skip
def test_two_doers_of_one_deed_on_two_occasions_or_said_to_do_it_too_are_no_actor_conflict(one, two):
    for emb in (None, "auto"):
        assert not _conflicts(compare([Document("a", one), Document("b", two)], embedder=emb), "actor")


def test_one_deed_told_of_two_doers_is_still_an_actor_conflict():
    """The guard: judge32's swap of doers stays (same time, no "also")."""
    one, two = f"{VISIT} Mayor Helen Dray visited the site on Monday.", f"{VISIT} Governor Paul Grint visited the site on Monday."
    found = _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "actor")
    assert len(found) == 1 and set(found[0].values.values()) == {"Mayor Helen Dray", "Governor Paul Grint"}


LORRY = "A lorry overturned on the A14 near Ellford on Monday morning."
ESTABLISH = "Investigators are trying to establish what caused the crash."


def test_to_establish_what_caused_is_a_cause_unknown_not_one_named():
    """``_UNKNOWN_CAUSE`` read "establishe(d)" only, and ``_NAMED_CAUSE`` took "what caused the crash" for a cause
    named: two reports that both say it is unknown were a ``cause`` conflict, and a burst tyre against it none."""
    both = [Document("a", f"{LORRY} {ESTABLISH}"), Document("b", f"{LORRY} Police said the cause of the crash was still under investigation.")]  # fmt: skip
    assert not _conflicts(compare(both, embedder=None), "cause")
    named = [Document("a", f"{LORRY} {ESTABLISH}"), Document("b", f"{LORRY} A burst tyre caused the crash, police said.")]  # fmt: skip
    found = _conflicts(compare(named, embedder=None), "cause")
    assert len(found) == 1 and found[0].values == {"a": ESTABLISH.rstrip("."), "b": "A burst tyre caused the crash"}


def test_the_unknown_cause_span_is_the_claim_from_its_subject():
    """The span of a cause said unknown began at "not yet determined"; it is what is reported, from its subject."""
    docs = [Document("a", f"{FIRE} Fire Chief Anna Lund said investigators had not yet determined the cause of the fire."),
            Document("b", f"{FIRE} {NAMED}")]  # fmt: skip
    found = _conflicts(compare(docs, embedder=None), "cause")
    assert found[0].values["a"] == "investigators had not yet determined the cause of the fire"
    text = docs[0].text
    span = next(s for s in found[0].evidence if s.doc == "a")
    assert text[span.start:span.end] == span.text


def test_an_interim_coach_later_named_permanent_in_one_report_is_no_rank_clash():
    """One report tells the change (interim, then permanent); the other only the permanent post: no ``rank``
    conflict. Two reports that each give one tenure as the present one still clash (the guard)."""
    one = "Interim coach Tom Hale was named permanent coach of Tessby United on Monday."
    two = "Tom Hale, the permanent coach of Tessby United, was named on Monday."
    for emb in (None, "auto"):
        assert not _conflicts(compare([Document("a", one), Document("b", two)], embedder=emb), "title")
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert not _conflicts(report, "title") and report.check.sentences[0].verdict != "contradicted"
    apart = [Document("a", "Tom Hale, Tessby United's interim coach, won six of nine games."),
             Document("b", "Tom Hale, Tessby United's permanent coach, won six of nine games.")]  # fmt: skip
    assert _conflicts(compare(apart, embedder=None), "title")


def test_a_spokesman_named_beside_his_title_acts_for_the_person_he_names():
    """``_titled`` made "Kessler's spokesman, Jon Reed" a named doer: an actor conflict with "Maria Kessler" for one
    announcement made through her spokesman. A title that names no principal of the other's is still a doer (the
    guard: "The company's chief executive, Maria Kessler" / "Acme Corp chairman Jon Reed")."""
    cuts = "Acme Corp cut 200 jobs on Monday."
    docs = [Document("a", f"{cuts} Maria Kessler announced the cuts in a statement on Monday."),
            Document("b", f"{cuts} Kessler's spokesman, Jon Reed, announced the cuts in a statement on Monday.")]  # fmt: skip
    for emb in (None, "auto"):
        assert not _conflicts(compare(docs, embedder=emb), "actor")
    visit = "visited the plant in Tessby on Tuesday."
    docs = [Document("a", f"{cuts} The company's chief executive, Maria Kessler, {visit}"),
            Document("b", f"{cuts} Acme Corp chairman Jon Reed {visit}")]  # fmt: skip
    assert _conflicts(compare(docs, embedder=None), "actor")
