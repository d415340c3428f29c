"""Session 33 (wt-judge32, issue 5): known wrong answers of session 32's walk (causes, deeds, ranks, duties), each
failing on d0b5fea. News sentences written for these tests (two events each, so no rule fits one example)."""

from __future__ import annotations

import pytest
from storyhelp import conflicts as _conflicts
from storyhelp import verdict as _verdict

from storycheck import compare
from storycheck.check import check
from storycheck.records import Document

# --- (a) a cause named against a cause said unknown --------------------------------------------------------------

WAREHOUSE = "A fire destroyed a furniture warehouse in Tessby on Friday night, fire officials said."
UNKNOWN_FIRE = "Fire Chief Anna Lund said investigators had not yet determined the cause of the fire."
CRASH = "A lorry overturned on the A14 near Ellford on Monday morning, closing the road for six hours."
UNKNOWN_CRASH = "Police said the cause of the crash was still under investigation."


@pytest.mark.parametrize(
    ("source", "text", "named"),
    [
        (f"{WAREHOUSE} {UNKNOWN_FIRE}", f"{WAREHOUSE} An electrical fault was the likely cause of the fire, an "
         "official who asked not to be named said.", "An electrical fault was the likely cause of the fire"),
        (f"{WAREHOUSE} {UNKNOWN_FIRE}", f"{WAREHOUSE} The blaze was caused by an electrical fault, officials said.",
         "The blaze was caused by an electrical fault"),
        (f"{CRASH} {UNKNOWN_CRASH}", f"{CRASH} A burst tyre caused the crash, the driver's employer said.",
         "A burst tyre caused the crash"),
    ],
)  # fmt: skip
def test_a_cause_named_against_one_said_unknown_is_a_cause_conflict(source, text, named):
    """d-anon's "a faulty heater ... was the likely cause of the fire" against "investigators had not yet
    determined the cause of the fire" was no finding in ``compare`` (the pair aligned at 0.31, or not at all)."""
    for emb in (None, "auto"):
        found = _conflicts(compare([Document("a", source), Document("b", text)], embedder=emb), "cause")
        assert len(found) == 1 and {s.doc for s in found[0].evidence} == {"a", "b"}
        assert found[0].values["b"] == named
    report = check([Document("source", source)], Document("text", text), embedder="none")
    assert _conflicts(report, "cause")
    assert _verdict(report, text.split(". ")[1][:12]) == "contradicted"


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # the naming report says it is unknown too: its own caution, no two accounts
        (f"{WAREHOUSE} {UNKNOWN_FIRE}", f"{WAREHOUSE} {UNKNOWN_FIRE} A neighbour said an electrical fault was the "
         "cause of the fire."),
        # another thing caused
        (f"{WAREHOUSE} {UNKNOWN_FIRE}", f"{WAREHOUSE} Heavy rain was the cause of the flooding in the basement."),
        # a cause denied is none named
        (f"{CRASH} {UNKNOWN_CRASH}", f"{CRASH} Police said speed was not the cause of the crash."),
        # both say it is known
        (f"{CRASH} A burst tyre caused the crash, police said.", f"{CRASH} The crash was caused by a burst tyre."),
    ],
)  # fmt: skip
def test_no_cause_conflict(one, two):
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "cause") == []


# --- (b) two named doers of one deed -----------------------------------------------------------------------------

FLOOD = "Floods swept through the town of Carrow on Sunday, forcing 300 people from their homes."


@pytest.mark.parametrize(
    ("one", "two", "names"),
    [
        (f"{FLOOD} Prime Minister Omar Saleh visited the flooded district on Monday morning. Mayor Helen Dray said "
         "the town needed help.", f"{FLOOD} The town's mayor, Helen Dray, visited the flooded district on Monday "
         "morning.", ("Omar Saleh", "Helen Dray")),
        ("Storms cut power to 20,000 homes in Wexley on Tuesday. Energy minister Paul Grint toured the damaged "
         "substation on Wednesday. Engineer Lucy Harte said repairs would take a week.", "Storms cut power to 20,000 "
         "homes in Wexley on Tuesday. The utility's chief engineer, Lucy Harte, toured the damaged substation on "
         "Wednesday.", ("Paul Grint", "Lucy Harte")),
    ],
)  # fmt: skip
def test_one_deed_of_two_named_doers_is_an_actor_conflict(one, two, names):
    """e-quote's "The company's chief executive, Maria Kessler, visited the site on Tuesday afternoon" against
    "Former president Alan Whitby ... visited the site on Tuesday afternoon": no actor conflict (the subject is a
    title, the name its apposition; without an embedder the pair scored below ``CONFLICT_MIN``)."""
    for emb in (None, "auto"):
        found = _conflicts(compare([Document("a", one), Document("b", two)], embedder=emb), "actor")
        assert len(found) == 1
        assert names[0] in found[0].values["a"] and names[1] in found[0].values["b"]


def test_no_actor_conflict_when_a_report_tells_both_doers():
    """Two may both have done it: the second report also has the first report's doer visit."""
    one = f"{FLOOD} Mayor Helen Dray visited the flooded district on Monday morning."
    two = (f"{FLOOD} Prime Minister Omar Saleh visited the flooded district on Monday morning. Mayor Helen Dray "
           "visited the flooded district on Monday morning too.")  # fmt: skip
    for emb in (None, "auto"):
        assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=emb), "actor") == []


# --- (c) ranks: a stand-in against a holder for good -------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("Tom Reyes, the interim chief executive of Ferro Steel, said the company would cut 200 jobs at its Gatton "
         "plant.", "Tom Reyes, the permanent chief executive of Ferro Steel, said the company would cut 200 jobs at "
         "its Gatton plant."),
        ("Acting police chief Laura Minns said a 34-year-old man was arrested on Monday.", "Permanent police chief "
         "Laura Minns said a 34-year-old man was arrested on Monday."),
    ],
)  # fmt: skip
def test_interim_against_permanent_is_a_rank_clash_in_both_flows(one, two):
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "title")
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert _conflicts(report, "title") and report.check.sentences[0].verdict == "contradicted"


def test_a_tenure_left_out_is_no_rank_clash():
    """``acting police chief`` / ``police chief``: one report leaves the tenure out (as ECB+'s interim FBI
    director), in both flows."""
    one = "Acting police chief Laura Minns said a 34-year-old man was arrested on Monday."
    two = "Police chief Laura Minns said a 34-year-old man was arrested on Monday."
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "title") == []
    assert _conflicts(check([Document("source", one)], Document("text", two), embedder="none"), "title") == []


# --- (d) a softer duty against a firm one -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("The Elmwood primary school should close at the end of the year, council leader Ian Shaw said on Monday.",
         "The Elmwood primary school must stay open, council leader Ian Shaw said on Monday."),
        ("The Harbour Road car park should open to visitors in June, the county council said on Friday.",
         "The Harbour Road car park must remain closed to visitors in June, the county council said on Friday."),
    ],
)  # fmt: skip
def test_should_against_must_of_opposite_states_is_an_antonym_conflict(one, two):
    for a, b in ((one, two), (two, one)):
        assert _conflicts(compare([Document("a", a), Document("b", b)], embedder=None), "antonym")
        report = check([Document("source", a)], Document("text", b), embedder="none")
        assert report.check.sentences[0].verdict == "contradicted"


@pytest.mark.parametrize(
    "other",
    [
        "The Elmwood primary school will stay open, council leader Ian Shaw said on Monday.",  # what is to come
        "The Elmwood primary school may stay open, council leader Ian Shaw said on Monday.",  # a possibility
    ],
)
def test_a_duty_against_a_forecast_or_a_possibility_is_no_conflict(other):
    one = "The Elmwood primary school should close at the end of the year, council leader Ian Shaw said on Monday."
    assert _conflicts(compare([Document("a", one), Document("b", other)], embedder=None), "antonym") == []
