"""Session 33 (revj33, issue 5): a hostile review of judge33's datelines, quotes, titles and names. News sentences
written for these tests."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, exact

from storycheck.analyze import analyze, dateline
from storycheck.core import compare_documents
from storycheck.records import Document

CUT = ("{} Russia said it would cut its oil output by 5 percent from January.\n\n"
       "The energy minister said the cut would last six months.")  # fmt: skip


@pytest.mark.parametrize(("text", "filed"), [
    ("MOSCOW, Nov 3 (Reuters) - Russia said it would cut its oil output.", "MOSCOW, Nov 3 (Reuters) -"),
    ("HONG KONG/LONDON (Reuters) - Stocks fell sharply on Monday.", "HONG KONG/LONDON (Reuters) -"),
    ("ST. LOUIS — The city council approved the budget on Tuesday.", "ST. LOUIS —"),
    ("Tesco (TSCO.L) - The grocer said its profit fell.", None),  # (a ticker, no agency)
])  # fmt: skip
def test_wire_datelines_of_every_style(text: str, filed: str | None) -> None:
    span = dateline(analyze(Document("x", text)))
    assert (text[span[0] : span[1]] if span else None) == filed


@pytest.mark.parametrize(("one", "two"), [
    ("HONG KONG/MOSCOW (Reuters) -", "MOSCOW (Reuters) -"),  # (base: a ``place`` partial, "adds HONG KONG")
    ("ST. PETERSBURG —", "MOSCOW —"),  # (base: ``ST`` a single-source claim, ``PETERSBURG`` an entity "added")
])  # fmt: skip
def test_where_a_report_was_filed_is_no_detail(one: str, two: str) -> None:
    for report in both_ways(CUT.format(one), CUT.format(two)):
        exact(report)
        odd = [f for f in report.findings if f.kind in ("partial", "conflict", "single_source") and "spring" not in f.evidence[0].text]
        assert not odd, report.findings  # (``TAIL``, the work due in the spring, is the one source's alone)
        told = [f for f in report.findings if f.kind == "corroborated" and "Russia" in f.evidence[0].text]
        assert told and all(e.text.startswith("Russia") for e in told[0].evidence), told


def test_a_reuters_dateline_is_not_the_claim() -> None:
    for report in both_ways(CUT.format("MOSCOW, Nov 3 (Reuters) -"), CUT.format("MOSCOW, Nov 4 (Reuters) -")):
        exact(report)  # (base: the evidence began ``MOSCOW, Nov 3 (Reuters) -``)
        told = [f for f in report.findings if f.kind == "corroborated" and "Russia" in f.evidence[0].text]
        assert told and all(e.text.startswith("Russia") for e in told[0].evidence), told
        assert not conflicts(report), report.findings


STORM = "\n\nThe storm destroyed 40 homes in the village on Sunday night."
OWN = '"I told them last night, \'we will rebuild every house in this village\', and we will," Mary Venn said.'


def test_her_own_words_told_again_are_hers() -> None:
    said = '"We will rebuild every house in this village," Mary Venn said.'
    for report in both_ways(OWN + STORM, said + STORM):
        exact(report)  # (base: a ``quote_attribution`` conflict, Venn "quoting someone else")
        assert not conflicts(report), report.findings
        assert [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"], report.findings


def test_her_own_words_are_not_quoted_by_another() -> None:
    said = '"We will rebuild every house in this village," Tom Ash said.'
    for report in both_ways(OWN + STORM, said + STORM):  # (base: "the same words, quoted by Tom Ash and relayed")
        assert not [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"], report.findings


CHAIRS = ("Bill Hale, the chairman of Ford, and Mary Venn, the chairman of GM, met on Monday. "
          "Hale said the plant would close in March.")  # fmt: skip


def test_two_men_s_chairs_swapped_clash() -> None:
    swapped = CHAIRS.replace("Ford", "@").replace("GM", "Ford").replace("@", "GM")
    for report in both_ways(CHAIRS, swapped):
        exact(report)  # (base d0b5fea and main: two ``title`` conflicts; judge33: none, "one man's two seats")
        assert len(conflicts(report, "title")) == 2, report.findings


def test_may_the_surname_opening_a_sentence_is_no_hedge() -> None:
    said = "May said the council had {} the plan to rebuild the sea wall at Carrow."
    for report in both_ways(said.format("approved"), said.format("rejected")):
        exact(report)
        assert conflicts(report, "antonym"), report.findings  # (base and main: none, ``May`` read as the modal)


def test_may_asking_is_still_a_hedge() -> None:  # guard
    from storycheck.judge import _unsure

    assert _unsure("May I ask whether the council approved the plan?") and _unsure("Mrs May may resign next week.")
    assert not _unsure("May resigned on Friday.") and not _unsure("May 12 was the day the council approved the plan.")


HALES = "Mayor Bob Hale said the road would reopen on Friday. His son{} said trade had halved in the storm."


@pytest.mark.parametrize("son", [" Robert Hale", ", Robert Hale, a builder,"])
def test_a_short_form_and_the_son_s_full_name_are_two_people(son: str) -> None:
    said = "Robert Hale said the road would reopen on Friday."
    for report in both_ways(HALES.format(son), said):
        exact(report)  # (base and main: the mayor's words corroborated as his son's, ``Bob`` a short form)
        assert conflicts(report, "quote_attribution"), report.findings


def test_a_short_form_alone_is_one_person() -> None:  # guard
    for report in both_ways("Mayor Robert Hale said the road would reopen on Friday.", "Bob Hale said the road would reopen on Friday."):
        assert not conflicts(report), report.findings


BUDGET = "The city council approved a budget of $5 million on Tuesday.\n\nThe storm destroyed 40 homes in the village."


@pytest.mark.parametrize("head", ["By Jane Doe, Associated Press\n\n", "Carrow council approves budget\n\nLONDON (Reuters) - "])
def test_a_byline_or_a_dateline_after_a_headline_is_no_claim(head: str) -> None:
    report = compare_documents([Document("a", head + BUDGET), Document("b", BUDGET)], embedder="none")
    exact(report)  # (base and main: ``By Jane Doe, Associated Press`` / ``LONDON (Reuters) -`` a single-source claim)
    alone = [f for f in report.findings if f.kind == "single_source"]
    assert not [f for f in alone if "Doe" in f.evidence[0].text or "Reuters" in f.evidence[0].text], alone


def test_a_sentence_opening_by_is_no_byline() -> None:  # guard
    from storycheck.judge import _BYLINE_ONLY

    assert _BYLINE_ONLY.fullmatch("By Jane Doe and Tom Ash | The Coastal Herald")
    assert not _BYLINE_ONLY.fullmatch("By Tuesday, Tesco said its shares rose.")
