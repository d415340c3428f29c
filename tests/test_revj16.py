"""Review revj16 of wt-judge16 (hand-written pairs, no benchmark item): (1) a lower-case zone keeps its offset
(``21:40 utc+2`` was ``21:40 UTC``, a false clash with ``19:40 GMT``); (2) a name is an outlet only when the
document tells or interviews that whole name, not a word of it (``told Bank of America`` / ``Bank of England said
its ...``; ``Apple News`` / ``Apple``), and an order is no interview (``the regulator told Tesco to cut prices``);
(3) a public body is no ``company`` (``The government`` / ``The company said its revenue ...`` are two owners);
(4) a capital opening a sentence without an article is no common noun (``Barclays said their shares rose``, a
name the recognizer missed, is not ``the bank``'s other kind)."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, conflicts, exact, owners_of

from storycheck.clock import clock_conflict, find_clocks
from storycheck.senses import NoSenses, senses

_WORDNET = not isinstance(senses(), NoSenses)



# --- (1) a lower-case zone with an offset ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "zone"), [("at 21:40 utc+2", "UTC+2"), ("at 9 pm gmt+1", "GMT+1"), ("at 9:25 utc", "UTC")])
def test_lower_case_zone_keeps_its_offset(text: str, zone: str) -> None:
    assert [w.zone for _, _, w in find_clocks(f"The blast came {text}.")] == [zone]


def test_lower_case_zone_offset_no_false_clash() -> None:
    one = find_clocks("The blast came at 21:40 utc+2.")[0][2]
    other = find_clocks("The blast came at 19:40 GMT.")[0][2]
    assert not clock_conflict(one, other)
    assert clock_conflict(one, find_clocks("The blast came at 18:40 GMT.")[0][2])


# --- (2) an outlet is the whole name told or interviewed, never one ordered -----------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The regulator told Tesco to cut prices. Tesco said its profit rose 3% in the quarter.",
         "Tesco said its profit fell 3% in the quarter."),
        ("The Fed told Bank of America to raise capital. Bank of England said its reserves rose 3% on Monday.",
         "Bank of England said its reserves fell 3% on Monday."),
        ("Apple News carried the story. Apple said its shares rose 3% on Monday.", "Apple said its shares fell 3% on Monday."),
    ],
)  # fmt: skip
def test_a_company_told_or_named_in_an_outlet_keeps_its_its(source: str, text: str) -> None:
    """e219304's ``_outlet`` matched the lemma of any ``told X`` (an order too) or ``X news``: compare missed these."""
    for report in both_ways(source, text):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


def test_an_outlet_told_things_is_still_one() -> None:
    """Guard (judge16): ``told the Daily Courier that ...`` makes it an outlet, owning no ``its``."""
    from storycheck.analyze import analyze, pronoun_owner
    from storycheck.records import Document

    a = analyze(Document("x", "The chief executive told the Daily Courier that sales were strong. "
                              "The Daily Courier reported that its shares rose."))  # fmt: skip
    assert [pronoun_owner(a.relations, r, a) for r in a.relations if r.dep == "poss"] == [None]


# --- (3) a public body is no company --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The government said its revenue rose 3% in the quarter.", "The company said its revenue fell 3% in the quarter."),
        ("The state said its revenue rose 3% last year.", "The company said its revenue fell 3% last year."),
    ],
)  # fmt: skip
def test_a_public_body_and_a_company_are_two_owners(source: str, text: str) -> None:
    """e219304's ``ANY_OWNER`` joined any noun: compare gave a new antonym (base 777a4d1 gave none there)."""
    for report in both_ways(source, text):
        assert not conflicts(report, "antonym"), report.findings


def test_company_words_still_join() -> None:
    from storycheck.analyze import one_kind_of_owner

    assert one_kind_of_owner("company", "firm") and one_kind_of_owner("group", "bank")
    assert one_kind_of_owner("organisation", "government")  # (a public body may be ``the organisation``)
    assert not one_kind_of_owner("company", "government") and not one_kind_of_owner("army", "group")


# --- (4) a capital opening a sentence with no article ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Barclays said their shares rose 3% on Monday.", "The bank said its shares fell 3% on Monday."),
        ("Halfords said their shares rose 3% on Monday.", "The retailer said its shares fell 3% on Monday."),
    ],
)  # fmt: skip
def test_a_missed_name_opening_a_sentence_is_no_common_owner(source: str, text: str) -> None:
    """e219304 read ``Barclays`` (no name found, a capital opening the sentence) as the common noun ``barclay``, of
    another kind than ``bank``: check lost the antonym base 777a4d1 gave."""
    for report in (check_pair(source, text), check_pair(text, source)):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


# --- (5) an agency's short name the document spells out as another name ------------------------------------------



def test_an_agency_short_name_spelled_out_as_another_is_no_agency() -> None:
    """e219304 read every ``AP`` as the Associated Press: ``Andhra Pradesh (AP)`` owned no ``its``."""
    assert owners_of("Andhra Pradesh (AP) has a new budget. AP said its revenue rose 3% in the year.") == ["ap"]


def test_an_agency_spelled_out_as_itself_is_still_one() -> None:
    """Guards (judge16): ``The Associated Press (AP)``, and ``AP`` alone, are the agency."""
    assert owners_of("The Associated Press (AP) is a wire. AP reported that its shares rose 3% on Monday.") == [None]
    assert owners_of("AP reported that its shares rose 3% on Monday.") == [None]


def test_a_dateline_keeps_the_agency() -> None:
    """Guard: ``NEW YORK (AP) —`` is the agency writing from a place, not the place's short name."""
    assert owners_of("NEW YORK (AP) — AP reported that its shares rose 3% on Monday.") == [None]
    assert owners_of("LONDON (Reuters) - Markets moved on Monday. Reuters reported that its shares rose 3%.") == [None]


# --- (6) WordNet kin leads up from a word's frequent senses only -----------------------------------------------------


@pytest.mark.skipif(not _WORDNET, reason="WordNet (the 'senses' extra) not installed")
def test_kin_from_frequent_senses_only() -> None:
    """e219304 walked up from every sense: ``court`` (a royal court, its third sense) was a ``government``."""
    kin = senses().kin
    assert not kin("court", "government", "n") and not kin("nation", "union", "n")
    assert kin("airline", "carrier", "n") and kin("government", "administration", "n") and kin("country", "nation", "n")
    source, text = "The court said its caseload rose 3% last year.", "The government said its caseload fell 3% last year."
    for report in both_ways(source, text):
        assert not conflicts(report, "antonym"), report.findings


# --- a writer's variation WordNet files apart (lead, after review revj16) -------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [("bank", "lender"), ("army", "military"), ("retailer", "supermarket"), ("club", "team")],
)  # fmt: skip
def test_one_owner_called_two_ways_stays_one(one: str, other: str) -> None:
    """``The bank said its shares rose`` / ``The lender said its shares fell``: a news writer names one owner both
    ways; WordNet files ``lender`` and ``retailer`` as people, ``bank`` as an institution, so e219304 read two owners
    and check lost the antonym base 777a4d1 gave."""
    source = f"The {one} said its shares rose 3% on Monday."
    text = f"The {other} said its shares fell 3% on Monday."
    for report in (check_pair(source, text), check_pair(text, source)):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


def test_two_kinds_of_owner_stay_two() -> None:
    report = check_pair("The insurers said their shares rose 3% on Monday.", "The miners said their shares fell 3% on Monday.")
    assert not conflicts(report, "antonym"), report.findings


def test_et_al_is_no_zone() -> None:
    """``et`` right after am/pm is Eastern time (``9:25 pm et``) unless ``al`` follows (lead, revj16's left item)."""
    assert [w.zone for _, _, w in find_clocks("The study led by Smith at 9 am et al. found nothing.")] == [None]
    assert [w.zone for _, _, w in find_clocks("The blast came at 9:25 pm et.")] == ["ET"]
