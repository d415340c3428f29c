"""Session 22's wt-judge16: known wrong answers left by session 21's reviews (hand-written pairs, no benchmark
item). (1) Two owners of an ``its``/``their`` that are common nouns of two kinds (``The banks`` / ``The
carmakers said their shares ...``) are two doers in ``check`` as in ``compare``; one noun, a word for any company
(``company`` / ``firm``) or WordNet kin (``carmaker`` / ``automaker``) stay one. (2) A news outlet reporting on
someone else (``Reuters reported that its shares rose``) owns no ``its``; ``Tesco reported that its profit rose``
keeps Tesco. (3) A region the tagger calls a person (``Central Java``) is still a place against ``East Java``.
(4) Clock: lower-case zones (``9:25 pm et``), and race times are no times of day."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, compare_pair, conflicts, exact, owners_of

from storycheck import analyze as analyze_module
from storycheck.analyze import analyze
from storycheck.records import Document
from storycheck.senses import NoSenses, senses

_WORDNET = not isinstance(senses(), NoSenses)




# --- (1) common-noun owners ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The banks said their shares rose 3% on Monday.", "The carmakers said their shares fell 3% on Monday."),
        ("The airline said its profit rose 3% in the quarter.", "The railway said its profit fell 3% in the quarter."),
        ("The insurers said their shares rose 3% on Monday.", "The miners said their shares fell 3% on Monday."),
    ],
)  # fmt: skip
def test_two_kinds_of_common_noun_owner_are_no_antonym(source: str, text: str) -> None:
    """Base's ``roles._told_apart`` read only names: the banks' and the carmakers' shares were one doer in check."""
    if "airline" in source and not _WORDNET:
        pytest.skip("without WordNet any two different nouns are two owners anyway")
    for report in both_ways(source, text):
        assert not conflicts(report, "antonym"), report.findings


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The banks said their shares rose 3% on Monday.", "The banks said their shares fell 3% on Monday."),
        ("The company said its shares rose 3% on Monday.", "The firm said its shares fell 3% on Monday."),
        ("The carmaker said its shares rose 3% on Monday.", "The company said its shares fell 3% on Monday."),
        ("The group said its profit rose 3% in the quarter.", "The bank said its profit fell 3% in the quarter."),
    ],
)  # fmt: skip
def test_one_kind_of_owner_told_both_ways_stays_an_antonym(source: str, text: str) -> None:
    """``company`` / ``firm`` (any company) are one owner: base's compare read two (the contradiction was missed)."""
    for report in both_ways(source, text):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


@pytest.mark.skipif(not _WORDNET, reason="WordNet (the 'senses' extra) not installed")
def test_wordnet_kin_owners_stay_one() -> None:
    kin = analyze_module.one_kind_of_owner  # (new in judge16)
    assert kin("carmaker", "automaker") and kin("manufacturer", "carmaker")
    assert not kin("bank", "carmaker") and not kin("airline", "railway")
    source, text = "The carmakers said their shares rose 3% on Monday.", "The automakers said their shares fell 3% on Monday."
    for report in both_ways(source, text):
        assert len(conflicts(report, "antonym")) == 1, report.findings


def test_names_as_owners_are_as_before() -> None:
    """Guards (judge14): two companies' shares are two doers, one company's one."""
    assert not conflicts(check_pair("Tesco said its shares rose 3% on Monday.", "Sainsbury said its shares fell 3% on Monday."))
    assert len(conflicts(check_pair("Tesco said its shares rose 3% on Monday.", "Tesco shares fell 3% on Monday."), "antonym")) == 1
    two = "The German carmakers said their shares rose 3% on Monday.", "The French carmakers said their shares fell 3% on Monday."
    assert not conflicts(compare_pair(*two), "antonym")


# --- (2) a news outlet as the reporting subject ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "owners"),
    [
        ("Reuters reported that its shares rose 3% on Monday.", [None]),
        ("Bloomberg reported on Monday that its shares rose 3%.", [None]),
        ("The Associated Press reported that its shares rose 3%.", [None]),
        # an outlet the document shows as one: people tell it things, it has reporters
        ("Tesco's chief executive told the Daily Courier that sales were strong. "
         "The Daily Courier reported that its shares rose 3%.", [None, None]),
        ("A Daily Courier reporter asked about sales. The Daily Courier reported that its shares rose 3%.", [None]),
        # guards: a company's own report, and a company that is not an agency
        ("Tesco reported that its profit rose 3% in the quarter.", ["tesco"]),
        ("Tesco said that its shares rose 3% on Monday.", ["tesco"]),
        ("Thomson Reuters reported that its profit rose 3% in the quarter.", ["reuters"]),
        ("Sainsbury spoke to analysts on Monday. Tesco reported that its profit rose 3% in the quarter.", ["tesco"]),
    ],
)  # fmt: skip
def test_a_news_outlet_owns_no_its(text: str, owners: list) -> None:
    assert owners_of(text) == owners


def test_an_agencys_its_is_read_with_no_owner() -> None:
    """Base read Reuters' shares and told them from Tesco's: the contradiction (before judge14 found) was lost."""
    source, text = "Reuters reported that its shares rose 3% on Monday.", "Tesco shares fell 3% on Monday."
    for report in (check_pair(source, text), check_pair(text, source)):
        assert len(conflicts(report, "antonym")) == 1, report.findings
        exact(report)


def test_a_company_reporting_that_keeps_its_own() -> None:
    source = "Tesco reported that its profit rose 3% in the quarter."
    assert len(conflicts(check_pair(source, "Tesco profit fell 3% in the quarter."), "antonym")) == 1
    assert not conflicts(check_pair(source, "Sainsbury profit fell 3% in the quarter."), "antonym")


# --- (3) a region the tagger calls a person --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The earthquake struck Central Java on Monday.", "The earthquake struck East Java on Monday."),
        ("The earthquake struck Central Sulawesi on Monday.", "The earthquake struck South Sulawesi on Monday."),
    ],
)  # fmt: skip
def test_regions_of_one_island_are_places_apart(source: str, text: str) -> None:
    """Base typed Central Java / East Java ``actor`` (the tagger calls Central Java a person)."""
    for report in (check_pair(source, text), check_pair(text, source), compare_pair(source, text)):
        found = conflicts(report)
        assert [f.type for f in found] == ["place"], report.findings
        exact(report)


@pytest.mark.parametrize(
    ("source", "text", "kinds"),
    [
        ("The floods hit Central Java on Monday.", "The floods hit Java on Monday.", []),
        ("The storm hit Northern Ireland on Monday.", "The storm hit Ireland on Monday.", []),
        ("The singer thanked Kanye West on Monday.", "The singer thanked Kanye East on Monday.", ["actor"]),
    ],
)  # fmt: skip
def test_direction_names_guards(source: str, text: str, kinds: list) -> None:
    assert [f.type for f in conflicts(compare_pair(source, text))] == kinds


# --- (4) clock: lower-case zones, durations ------------------------------------------------------------------------


def _clocks(text: str) -> list[tuple[str, str, str | None]]:
    from storycheck.clock import find_clocks

    return [(text[s:e], w.clock, w.zone) for s, e, w in find_clocks(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The blast came at 9:25 pm et on Monday.", [("9:25 pm et", "21:25", "ET")]),
        ("The blast came at 10 a.m. gmt on Monday.", [("10 a.m. gmt", "10:00", "GMT")]),
        ("The blast came at 9:25 am est.", [("9:25 am est", "09:25", "EST")]),
        ("The blast came at 21:40 gmt on Monday.", [("21:40 gmt", "21:40", "GMT")]),
        # guards: a lower-case word that is also a zone is read only after am/pm
        ("The blast came at 9:25 et al said.", [("9:25", "09:25", None)]),
        ("The blast came at 9:25 PM ET on Monday.", [("9:25 PM ET", "21:25", "ET")]),
    ],
)  # fmt: skip
def test_lower_case_zones(text: str, found: list) -> None:
    assert _clocks(text) == found


def test_lower_case_zones_reconcile() -> None:
    """Base read no zone in ``9:25 pm et`` / ``6:25 pm pt``: a false ``date`` conflict for one moment."""
    one = "The explosion happened at 9:25 pm et on Monday."
    assert not conflicts(check_pair(one, "The explosion happened at 6:25 pm pt on Monday."), "date")
    assert len(conflicts(check_pair(one, "The explosion happened at 9:40 pm et on Monday."), "date")) == 1


@pytest.mark.parametrize(
    "text",
    [
        "She ran the mile at 3:43 in Oslo.",
        "He was timed at 1:21 on the lap.",
        "He set the fastest lap at 1:21 in practice.",
        "He was fastest at 1:21 in practice.",
        "He scored at 2:15 of the first period.",
        "They scored at 4:10 into the second half.",
    ],
)
def test_race_times_and_game_clocks_are_no_times_of_day(text: str) -> None:
    assert _clocks(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("The race started at 9:30 on Sunday.", [("9:30", "09:30", None)]),
        ("He crossed the finish line at 2:03 p.m. on Sunday.", [("2:03 p.m.", "14:03", None)]),
        ("The mile started at 9:30 on Sunday.", [("9:30", "09:30", None)]),
    ],
)  # fmt: skip
def test_race_day_times_of_day_stay(text: str, found: list) -> None:
    assert _clocks(text) == found


def test_a_race_time_is_no_date() -> None:
    """The tagger calls ``2:03:45`` a DATE: base kept it as a relative date of ``finish``."""
    a = analyze(Document("x", "The runner finished in 2:03:45 on Sunday."))
    assert [m.text for m in a.mentions if m.kind == "date"] == ["Sunday"]


def test_two_race_times_are_no_clock_conflict() -> None:
    found = conflicts(check_pair("She ran the mile at 3:43 in Oslo on Friday.", "She ran the mile at 3:51 in Oslo on Friday."), "date")
    assert not found
