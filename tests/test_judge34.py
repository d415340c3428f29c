"""Session 34 (wt-judge34, issue 5): known wrong answers session 33 left (causes, one deed of two titled doers,
duties with times, datelines, titles). News sentences written for these tests; each fails on df0becd unless it
says it is a guard."""

from __future__ import annotations

import pytest
from storyhelp import conflicts as _conflicts
from storyhelp import verdict as _verdict

from storycheck import compare
from storycheck.check import check
from storycheck.records import Document

# --- (a) causes: the common shapes, and two causes named -----------------------------------------------------------

MILL = "A fire gutted a disused textile mill in Ardley on Tuesday evening, the fire service said."
MILL_UNKNOWN = "Station manager Leo Fenn said crews had not yet determined the cause of the fire."
DEPOT = "An explosion tore through a fuel depot outside Harlow on Sunday, injuring four workers."
DEPOT_UNKNOWN = "The cause of the explosion remains unknown, the company said."


@pytest.mark.parametrize(
    ("source", "text", "named"),
    [
        # a headline's cause: no article, no "was"
        (f"{MILL} {MILL_UNKNOWN}", f"Faulty wiring blamed for Ardley mill fire\n\n{MILL}", "Faulty wiring blamed for Ardley mill fire"),
        (f"{DEPOT} {DEPOT_UNKNOWN}", f"Gas leak caused Harlow depot explosion\n\n{DEPOT}", "Gas leak caused Harlow depot explosion"),
        # blame
        (f"{MILL} {MILL_UNKNOWN}", f"{MILL} Investigators blamed faulty wiring for the blaze.",
         "Investigators blamed faulty wiring for the blaze"),
        # the cause after the thing, in a clause of its own
        (f"{DEPOT} {DEPOT_UNKNOWN}", f"{DEPOT} The explosion, caused by a gas leak, shattered windows a mile away.",
         "The explosion, caused by a gas leak"),
        (f"{MILL} {MILL_UNKNOWN}", f"{MILL} A faulty heater was blamed for the fire.", "A faulty heater was blamed for the fire"),
    ],
)  # fmt: skip
def test_common_shapes_of_a_cause_named_against_one_unknown(source, text, named):
    """On df0becd each of these was no finding: ``_NAMED_CAUSE`` read one shape only."""
    found = _conflicts(compare([Document("a", source), Document("b", text)], embedder=None), "cause")
    assert len(found) == 1 and {s.doc for s in found[0].evidence} == {"a", "b"}
    assert found[0].values["b"] == named
    assert all(Document("x", source if s.doc == "a" else text).text[s.start : s.end] == s.text for s in found[0].evidence)
    report = check([Document("source", source)], Document("text", text), embedder="none")
    assert _verdict(report, named[:12]) == "contradicted"


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (f"{MILL} A faulty heater caused the fire, the fire service said.",
         f"{MILL} Station manager Leo Fenn said the fire was started by a discarded cigarette."),
        # (not "a gas leak": a leak is an event a torch may ignite, a link of one chain; review revj34)
        (f"{DEPOT} Police said an electrical fault was the cause of the explosion.",
         f"{DEPOT} A welding torch sparked the explosion, the company said."),
    ],
)  # fmt: skip
def test_two_causes_named_as_found_are_a_cause_conflict(one, two):
    """A heater and a cigarette, each told as found: no finding on df0becd (each named one cause)."""
    for a, b in ((one, two), (two, one)):
        found = _conflicts(compare([Document("a", a), Document("b", b)], embedder=None), "cause")
        assert len(found) == 1 and {s.doc for s in found[0].evidence} == {"a", "b"}
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert _conflicts(report, "cause")


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # one cause in two words (guard: a fault in wiring, the faulty wiring)
        (f"{MILL} The blaze was caused by an electrical fault, officials said.",
         f"{MILL} Faulty electrical wiring sparked the blaze, officials said."),
        # a guess is no cause found (guard)
        (f"{MILL} A faulty heater may have started the fire.", f"{MILL} A discarded cigarette started the fire, police said."),
        # a report that tells both causes (guard)
        (f"{MILL} Arson was first suspected, but officials said a faulty heater caused the fire.",
         f"{MILL} Police said arson caused the fire."),
        # a blame names who is at fault, not what caused it (guard)
        (f"{MILL} Residents blamed the mill's owner for the fire.", f"{MILL} Officials said a faulty heater caused the fire."),
        # another thing caused (guard)
        (f"{MILL} A faulty heater caused the fire.", f"{MILL} A burst pipe caused the flooding in the cellar."),
    ],
)  # fmt: skip
def test_no_two_causes_conflict(one, two):
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "cause") == []


# --- (b) one deed told of two titled doers -------------------------------------------------------------------------

STORM = "A storm brought down power lines across Wexley on Thursday, leaving 2,000 homes without electricity."


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # a reaction any number of people give each: two thanks, not one thanker told two ways
        (f"{STORM} Mayor Ruth Penner thanked the repair crews.", f"{STORM} Councillor Dan Ashby thanked the repair crews."),
        (f"{STORM} Governor Alan Pike praised the volunteers on Friday.",
         f"{STORM} Senator Joan Tully praised the volunteers on Friday."),
    ],
)  # fmt: skip
def test_a_reaction_of_two_titled_doers_is_no_actor_conflict(one, two):
    """Each was an ``actor`` conflict in ``compare`` and a ``role`` or ``actor`` conflict (``contradicted``) in
    ``check`` on df0becd."""
    for emb in (None, "auto"):
        assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=emb), "actor") == []
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert [f.type for f in report.findings if f.kind == "conflict"] == []
    assert _verdict(report, two.split(". ")[1][:12]) != "contradicted"


def test_a_doer_said_to_do_it_too_is_no_role_conflict_in_check():
    """``compare`` read the "also" since revj32; ``check``'s role slots did not (a ``role`` conflict on df0becd)."""
    one = f"{STORM} Mayor Ruth Penner toured the damaged substation."
    two = f"{STORM} Councillor Dan Ashby also toured the damaged substation."
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert [f.type for f in report.findings if f.kind == "conflict"] == []


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # an act done once to its object stays one deed of one doer (guards)
        (f"{STORM} Mayor Ruth Penner opened the emergency shelter on Friday.",
         f"{STORM} Councillor Dan Ashby opened the emergency shelter on Friday."),
        (f"{STORM} Sergeant Amy Cole rescued the trapped driver.", f"{STORM} Firefighter Neil Bray rescued the trapped driver."),
    ],
)  # fmt: skip
def test_an_act_done_once_of_two_titled_doers_stays_an_actor_conflict(one, two):
    assert len(_conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "actor")) == 1
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert _verdict(report, two.split(". ")[1][:12]) == "contradicted"


# --- (c) duties and opposite states bound by one time ---------------------------------------------------------------

POOL = "Wexley's council met on Tuesday to discuss the future of the town's swimming pool."
BRIDGE = "Engineers inspected the Harlow footbridge on Monday after cracks were found in its deck."


@pytest.mark.parametrize(
    ("one", "two"),
    [
        (f"{POOL} The pool must close by March, the council said.",
         f"{POOL} The pool should stay open until March, the council said."),
        (f"{BRIDGE} The bridge should close by the end of the month, the council said.",
         f"{BRIDGE} The bridge must stay open until the end of the month, the council said."),
    ],
)  # fmt: skip
def test_opposite_states_bound_by_one_time_are_one_plan(one, two):
    """Closed by March is open until March: an ``antonym`` conflict (``contradicted``) on df0becd."""
    for a, b in ((one, two), (two, one)):
        assert _conflicts(compare([Document("a", a), Document("b", b)], embedder=None), "antonym") == []
    report = check([Document("source", one)], Document("text", two), embedder="none")
    assert _conflicts(report, "antonym") == []


def test_opposite_states_at_one_time_stay_an_antonym_conflict():
    """Guard: the same bound word ("in March" both) is still one time told two ways."""
    one = f"{POOL} The pool must close in March, the council said."
    two = f"{POOL} The pool should stay open in March, the council said."
    assert len(_conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "antonym")) == 1


# --- (d) a lone run of capitals before a dash that is a name or a headline, not a dateline ------------------------

ARTEMIS = "The agency said on Tuesday that its lunar rocket would launch in March after a two-month delay."


@pytest.mark.parametrize(
    "text",
    [
        f"NASA - {ARTEMIS}",  # an organisation right after the dash stands for the name
        "ESA - The launch slipped again, and ESA's director said a new date would follow within weeks.",  # capitals again
        "GROCER SHARES FALL - Analysts said the grocer's shares could fall further after the warning.",  # a headline's words
    ],
)
def test_a_name_or_headline_before_a_dash_is_no_dateline(text):
    """Each was a dateline on df0becd, its subject cut from the first claim."""
    from storycheck.analyze import analyze, dateline_of

    assert dateline_of(Document("a", text), analyze(Document("a", text))) == (None, None)


def test_the_name_before_the_dash_stays_in_the_claim():
    report = compare([Document("a", f"NASA - {ARTEMIS}"), Document("b", "The space agency said on Tuesday that its "
                                                                        "lunar rocket would launch in March.")], embedder=None)
    claims = [s.text for f in report.findings for s in f.evidence if s.doc == "a"]
    assert claims and claims[0].startswith("NASA - The agency said")


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON - The president said on Tuesday that Washington would act.",
        "SALT LAKE CITY — The city council voted on Tuesday to close the library.",
        "KABUL — The Taliban said on Tuesday the talks would resume.",
        f"Artemis launch slips\n\nBOSTON - {ARTEMIS}",  # after a headline that names the subject
    ],
)
def test_a_place_before_a_dash_stays_a_dateline(text):
    """Guards: a place written in capitals only there, its own words (CITY) in the text in lower case."""
    from storycheck.analyze import analyze, dateline_of

    span, _ = dateline_of(Document("a", text), analyze(Document("a", text)))
    assert span is not None and text[span[0] : span[1]].rstrip(" -—").isupper()


# --- (e) a title's owner written before it in the possessive --------------------------------------------------------

MATCH = "Tessby Rovers lost 3-1 at home to Ellford Town on Saturday."


def test_former_against_a_possessive_owners_title_is_a_rank_clash():
    """"Rovers' Coach": the title read is "Coach", its owner outside it; no clash on df0becd (judge33 left it)."""
    one = f"{MATCH} Former Rovers coach Dan Hurst watched from the stands."
    two = f"{MATCH} Rovers' Coach Dan Hurst watched from the stands."
    found = _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "title")
    assert [sorted(f.values.values()) for f in found] == [["Coach", "Former Rovers coach"]]


@pytest.mark.parametrize(
    ("one", "two"),
    [
        # a past post at another club, a post now at this one (guards: none on df0becd by luck or by judge33's rule)
        (f"{MATCH} Dan Hurst, the former coach of Ellford Town, watched from the stands.",
         f"{MATCH} Rovers' Coach Dan Hurst watched from the stands."),
        (f"{MATCH} Dan Hurst, the former head coach of the Boston Celtics, watched.", f"{MATCH} Coach Dan Hurst watched."),
    ],
)  # fmt: skip
def test_a_past_post_elsewhere_is_no_rank_clash(one, two):
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "title") == []


def test_a_past_post_at_another_owner_named_in_the_title_is_no_rank_clash():
    """Guard: "Former Ellford Town coach" / "Rovers coach", he left Ellford (none on df0becd too)."""
    one = f"{MATCH} Former Ellford Town coach Dan Hurst watched from the stands."
    two = f"{MATCH} Rovers coach Dan Hurst watched from the stands."
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "title") == []


# --- (e) the inner speaker of a nested quote -------------------------------------------------------------------------

VISIT = "Prime Minister Omar Saleh toured the flooded town of Carrow on Monday."
RELAYED = "\"{who} told me 'every family will have a home again by winter', and I believe him,\" Mary Venn, a resident, said."


@pytest.mark.parametrize("who", ["He", "Saleh"])
def test_words_relayed_from_one_person_credited_to_another_are_an_attribution_conflict(who):
    """Venn relays Saleh's words; a report that credits them to Tom Ash was corroborated on df0becd (the inner
    speaker unresolved, judge33's left item)."""
    one = f"{VISIT} {RELAYED.format(who=who)}"
    two = f"{VISIT} \"Every family will have a home again by winter,\" Tom Ash said."
    found = _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "quote_attribution")
    assert len(found) == 1 and found[0].values == {"a": "Omar Saleh, relayed by Mary Venn", "b": "Tom Ash"}


def test_words_relayed_from_the_person_a_report_quotes_stay_corroborated():
    """Guard: the other report credits them to Saleh himself."""
    one = f"{VISIT} {RELAYED.format(who='He')}"
    two = f"{VISIT} \"Every family will have a home again by winter,\" Saleh said."
    report = compare([Document("a", one), Document("b", two)], embedder=None)
    assert _conflicts(report, "quote_attribution") == []
    assert any(f.kind == "corroborated" and f.type == "quote" for f in report.findings)


def test_a_possessive_owner_before_a_title_makes_no_owner_clash():
    """Guard (ECB+ 19ecb, a false ``title`` conflict of a first version): Greece's against Greek."""
    one = "Riots spread across Athens on Sunday. People called for the Greek Prime Minister Costas Karamanlis to resign."
    two = ("Riots spread across Athens on Sunday. Unrest prompted calls for Greece's conservative Prime Minister Costas "
           "Karamanlis to resign.")
    assert _conflicts(compare([Document("a", one), Document("b", two)], embedder=None), "title") == []


def test_a_reaction_to_another_object_stays_a_role_conflict_in_check():
    """Guard (BUMP cost of a first version, 14dcbdd): a reaction verb put where the source has another act keeps
    its role conflict when the source gives the verb no such object."""
    source = "Ardley United beat Harlow Town 2-0 on Saturday. Harlow manager Tom Reeve condemned the referee."
    report = check([Document("source", source)], Document("text", "Ardley United condemned Harlow Town 2-0 on Saturday."),
                   embedder="none")
    assert _conflicts(report, "role")
