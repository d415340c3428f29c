"""Session 33 (wt-revl33): a hostile review of wt-lin33's lineage. Each test fails on main at the review's start
(ef08a0c). News sentences written for these tests."""

from __future__ import annotations

import itertools

from storycheck import compare
from storycheck.records import Document
from storycheck.report import derivation_lines

WIRE = [
    "A fire at a chemical warehouse in the port town of Caldmere killed five workers on Tuesday, the regional fire "
    "service said.",
    "The blaze broke out shortly after 6 a.m. in a storage hall holding drums of industrial solvent, fire chief Oren "
    "Pask told reporters.",
    "More than 60 firefighters fought the flames for four hours before bringing them under control.",
    "Residents within two kilometres were told to keep their windows shut because of the smoke.",
    "The warehouse is owned by Tervane Logistics, which said it was cooperating with investigators.",
    "Prosecutors have opened an inquiry into the cause of the fire.",
    "It was the deadliest industrial accident in the region since 2019.",
]
ANALYSIS = [
    "Safety campaigners said the fire raised hard questions about how solvent stores are licensed near homes.",
    "Three similar warehouses stand within a kilometre of Caldmere's primary school, council records show.",
]


def _sources(docs: list[Document]) -> set[tuple[str, str]]:
    return {(e.source, e.derived) for e in compare(docs, embedder="none").lineage if e.likely_source}


def test_a_wire_reprinted_whole_is_not_the_copy_of_a_rewrite_that_adds_analysis():
    """Undated: a wire, a reprint of it under a byline, and a rewrite that keeps the wire's first three sentences
    and adds two of its own analysis. Every sentence of the wire is in the reprint, so the wire had no text of its
    own in the story, and lin33's own-text rule (one with none derives from one with a quarter of its own, meant
    for a report made of two others) said the wire derived from the rewrite: "wire derives from rewrite", a cycle
    rewrite <- reprint <- wire <- rewrite. The wire is held whole by one report: it is not a compilation."""
    wire = " ".join(WIRE)
    docs = [Document("wire", wire), Document("reprint", "By Mara Quell, Staff Writer\n\n" + wire),
            Document("rewrite", " ".join(WIRE[:3]) + "\n\n" + " ".join(ANALYSIS))]
    for given in itertools.permutations(docs):
        sources = _sources(list(given))
        assert ("rewrite", "wire") not in sources, [d.id for d in given]
        assert sources == {("wire", "reprint"), ("wire", "rewrite")}, [d.id for d in given]
    lines = derivation_lines(compare(docs, embedder="none"))
    assert not any(line.startswith("wire derives") for line in lines), lines


def test_a_short_line_written_apart_with_the_same_words_sorted_is_not_reuse():
    """lin33 took a sentence pair under ``REUSE_MIN`` as reuse when its words, sorted, are 0.85 alike
    (``REWORDED_MIN``: clauses moved). The few words of a short line match those of another report's line
    written apart ("The council term of office is four years." / "The term of office of Halvik council is four
    years.", 0.89 sorted, 0.72 as written; ECB+ holds 8 such pairs of reports written independently, headlines
    mostly). Two reports of one election sharing only that fact reused nothing of each other."""
    one = ("Voters in Halvik will elect a new council on May 4, the electoral commission said on Monday. "
           "The council term of office is four years. Nine parties have registered candidates.")
    other = ("Campaigning for Halvik's council election opened on Monday with rallies by the two largest parties. "
             "The term of office of Halvik council is four years. Turnout at the last election was 61 percent.")
    report = compare([Document("one", one), Document("other", other)], embedder="none")
    assert all(e.reuse == 0 for e in report.lineage), [(e.source, e.derived, e.reuse) for e in report.lineage]
