"""Session 34 (wt-revj34, issue 5): a hostile review of wt-judge34. News sentences written for these tests; each
fails on main at 48910cc unless it says it is a guard."""

from __future__ import annotations

import pytest
from storyhelp import conflicts as _conflicts

from storycheck import compare
from storycheck.check import check
from storycheck.records import Document

# --- (a) causes ----------------------------------------------------------------------------------------------------

MILL = "A fire gutted a disused textile mill in Ardley on Tuesday evening, the fire service said."
MILL_UNKNOWN = "Station manager Leo Fenn said crews had not yet determined the cause of the fire."


@pytest.mark.parametrize(
    "text",
    [
        # a blame denied is no cause named
        f"{MILL} A faulty heater was not blamed for the fire, officials said.",
        f"{MILL} Officials have never blamed arson for the blaze.",
        # "fire" the first word of a compound: the fire service's response, not the fire
        f"{MILL} The mayor blamed budget cuts for the fire service's slow response.",
    ],
)
def test_no_cause_named_against_one_unknown(text):
    """Each was a ``cause`` conflict at 48910cc (judge34's blame shapes)."""
    source = f"{MILL} {MILL_UNKNOWN}"
    assert not _conflicts(compare([Document("a", source), Document("b", text)], embedder=None), "cause")
    assert not _conflicts(check([Document("source", source)], Document("text", text), embedder="none"), "cause")


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # two fires the story tells apart by place
        ("Two fires broke out in Ardley on Tuesday. A faulty heater caused the fire at the mill, officials said.",
         "Two fires broke out in Ardley on Tuesday. A discarded cigarette caused the fire at the school, officials said."),
        # links of one chain: the weather, an event
        ("Floods hit Ardley on Tuesday. The storm caused the flooding, officials said.",
         "Floods hit Ardley on Tuesday. Heavy rain caused the flooding, officials said."),
        ("A lorry exploded on the M4 on Monday. The crash caused the explosion, police said.",
         "A lorry exploded on the M4 on Monday. A gas leak caused the explosion, police said."),
    ],
)  # fmt: skip
def test_no_two_causes_conflict_of_two_things_or_one_chain(one, two):
    """Each was a ``cause`` conflict at 48910cc (``_two_causes``)."""
    assert not _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "cause")


def test_two_causes_at_one_place_stay_a_conflict():
    """Guard: the same fire told at one place, two ignition sources."""
    one = f"{MILL} A faulty heater caused the fire at the mill, officials said."
    two = f"{MILL} A discarded cigarette caused the fire at the disused mill, officials said."
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "cause")


# --- (c) opposite states bound by one time ---------------------------------------------------------------------------

POOL = "Wexley's council met on Tuesday to discuss the future of the town's swimming pool."


@pytest.mark.parametrize(
    ("one", "two"),
    [
        ("close by March", "stay open after March"),  # closed from March, open after it: both after March
        ("close before March", "stay open until March"),  # closed before March is not open until March
        ("stay open after March", "close in March"),
        ("close before March", "stay open after March"),
    ],
)
def test_opposite_states_on_one_side_of_a_time_stay_an_antonym_conflict(one, two):
    """An ``antonym`` conflict on df0becd, none at 48910cc (``timed_apart`` read any two bound words as one plan)."""
    a = f"{POOL} The pool must {one}, the council said."
    b = f"{POOL} The pool should {two}, the council said."
    assert len(_conflicts(compare([Document("a", a), Document("b", b)], embedder=None), "antonym")) == 1


@pytest.mark.parametrize(("one", "two"), [("stay closed until May", "reopen by May"), ("close in March", "stay open until March")])
def test_a_state_up_to_a_time_and_its_opposite_from_it_stay_one_plan(one, two):
    """Guard (passes at 48910cc): up to a time and from it on are two phases of one plan."""
    a = f"{POOL} The pool must {one}, the council said."
    b = f"{POOL} The pool should {two}, the council said."
    assert _conflicts(compare([Document("a", a), Document("b", b)], embedder=None), "antonym") == []


# --- (d) datelines ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "BEIRUT - The group said on Monday that it had freed the two aid workers.",
        "FRANKFURT - The bank said on Tuesday that it would cut 500 jobs.",
        "BRUSSELS - The alliance said on Tuesday that it would send more ships.",
        "THE HAGUE - The court ruled on Monday that the case could go ahead.",
        "CAPE TOWN - Crews fought a fire on the mountain on Monday, and the town was evacuated.",
    ],
)
def test_a_wire_city_before_a_dash_stays_a_dateline(text):
    """No dateline at 48910cc (``_capitals_no_place``: a definite organisation after the dash, or a place's word
    written in lower case); a dateline on df0becd."""
    from storycheck.analyze import analyze, dateline

    found = dateline(analyze(Document("d", text)))
    assert found is not None and text[found[0] : found[1]].rstrip(" -") == text.split(" - ")[0]


# --- (e) the inner speaker of a nested quote -------------------------------------------------------------------------


def test_she_with_two_women_named_before_has_no_inner_speaker():
    """"She" may be Ruiz or Penner: crediting the words to Ruiz was a ``quote_attribution`` conflict at 48910cc
    (``_inner_speaker`` took the last woman named, Penner)."""
    one = ("Prime Minister Ana Ruiz and Mayor Ruth Penner toured the flooded town of Wexley on Monday. \"She told me "
           "'every family will have a home by winter', and I believe her,\" Mary Venn, a resident, said.")
    two = ("Prime Minister Ana Ruiz toured the flooded town of Wexley on Monday. \"Every family will have a home by "
           "winter,\" Prime Minister Ana Ruiz said.")
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "quote_attribution") == []


def test_a_cause_named_and_one_unknown_of_fires_at_two_places_are_no_conflict():
    """A cause of the fire at the mill against none known of the fire at the school: a ``cause`` conflict at 48910cc
    (judge34's blame shape read against one unknown)."""
    one = "Two fires broke out in Ardley on Tuesday. Officials blamed a faulty heater for the fire at the mill."
    two = "Two fires broke out in Ardley on Tuesday. Crews had not yet determined the cause of the fire at the school."
    assert not _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "cause")
    assert _conflicts(compare([Document("a", one), Document("b", two.replace("school", "mill"))], embedder=None), "cause")
