"""Session 33 (wt-lin33): the lineage measured (``benchmarks/bench_lineage.py``) and its faults fixed: an undated
reprint under a new top called the wire's source, a report made of two wires given no source, and the views of
a report with two sources. Each test fails on d0b5fea. News sentences written for these tests."""

from __future__ import annotations

from storycheck import compare
from storycheck.records import Document
from storycheck.render import markdown
from storycheck.report import derivation_lines, one_source

PORT = [
    "Dock workers at the port of Halvik walked off the job on Monday, halting the loading of grain ships.",
    "The Halvik Dockers' Union said its 2,300 members would stay out until the port authority restored night "
    "shift pay.",
    "Port director Elena Marsh said the authority had offered a 4 percent raise that the union rejected.",
    "Eleven grain carriers were waiting at anchor outside the harbour by Monday evening.",
    "Farmers' groups warned that a long stoppage would leave this season's harvest stuck in silos.",
    "Talks between the two sides are scheduled to resume on Thursday at the labour ministry.",
]
FLOOD = [
    "Floodwater from the swollen Arden River cut the main rail line between Halvik and Tessford on Monday.",
    "Rail operator Northline said repairs to the washed-out embankment would take at least two weeks.",
    "About 40 homes in the village of Brinmoor were evacuated as the river rose overnight.",
    "Regional emergency chief Tomas Vey said no one had been hurt but warned more rain was forecast.",
    "Freight trains carrying grain to the port have been rerouted through the hills, adding a day to the trip.",
    "The weather service said the river would peak on Wednesday morning.",
]


def _lineage(docs: list[Document]) -> dict[tuple[str, str], bool]:
    report = compare(docs, embedder="none")
    return {(e.source, e.derived): e.likely_source for e in report.lineage if e.reuse > 0}


def test_an_undated_reprint_under_a_byline_derives_from_the_wire_not_the_reverse():
    """Neither dated, a reprint that puts a byline or an editor's line above the whole wire story holds all of
    the wire and more: the wire was the one "more covered", so the lineage said the wire derived from the
    reprint (bench_lineage: 59 of 65 such reprints the wrong way). A copy keeps its source's lead; the one whose
    first sentence is not the other's put a new top on it. The same whichever order the files are given in."""
    wire = " ".join(PORT)
    for top in ("By Nadia Fenn, Staff Writer", "Editor's note: this agency story is reprinted with permission."):
        docs = [Document("wire", wire), Document("reprint", top + "\n\n" + wire)]
        for given in (docs, docs[::-1]):
            assert _lineage(given) == {("wire", "reprint"): True}, (top, [d.id for d in given])
    # the other way round: a copy cut at the foot keeps the wire's lead and is the one derived (as on d0b5fea)
    assert _lineage([Document("wire", wire), Document("short", " ".join(PORT[:4]))]) == {("wire", "short"): True}
    # and a short version that left out the wire's first sentence (into its headline) keeps the second as its own
    # first: the wire is not one with a new top, it adds one sentence above and two below (a trim's shape)
    assert _lineage([Document("wire", wire), Document("short", " ".join(PORT[1:4]))]) == {("wire", "short"): True}


def test_a_report_made_of_two_wires_has_both_for_sources():
    """A report taking the top half of a port-strike wire and the top half of a flood wire reached
    ``SOURCE_MIN`` (half its text) with neither and had no source at all (bench_lineage: 0 of 65 merges with the
    right sources), so its agreement with each read as independent corroboration. It derives from both; each
    wire from nothing; the views say so in one sentence."""
    merged = " ".join(PORT[:3] + FLOOD[:3])
    docs = [Document("port", " ".join(PORT)), Document("flood", " ".join(FLOOD)), Document("digest", merged)]
    for given in (docs, docs[::-1]):
        report = compare(given, embedder="none")
        sources = {(e.source, e.derived) for e in report.lineage if e.likely_source}
        assert sources == {("port", "digest"), ("flood", "digest")}, [d.id for d in given]
    [line] = derivation_lines(report)
    assert line.startswith("digest derives from ") and "port" in line and "flood" in line
    assert "adds nothing else" in line
    assert "digest derives from" in markdown.to_markdown(report)
    # a shared sentence is not a derivation: a report of the strike written apart, one sentence alike
    own = ["Ships queued off Halvik on Monday as the dock strike entered its first day.",
           "Port director Elena Marsh said the authority had offered a 4 percent raise that the union rejected.",
           "Grain traders said prices in the region had already risen on fears of a long dispute.",
           "The union's leader, Piet Osei, told a rally outside the gates that members were ready to hold out.",
           "Shipping agents said some carriers might divert to Tessford, two days' sail to the south."]  # fmt: skip
    assert not any(_lineage([*docs, Document("local", " ".join(own))]).get((a, "local")) for a in ("port", "flood"))


def test_a_claim_a_two_source_report_took_from_one_wire_is_one_source_with_that_wire():
    """Under a claim the port wire and the digest state alike, "One source" names the wire the digest's sentence
    came from, not whichever of its sources was listed last."""
    merged = " ".join(PORT[:3] + FLOOD[:3])
    report = compare([Document("port", " ".join(PORT)), Document("flood", " ".join(FLOOD)),
                      Document("digest", merged)], embedder="none")  # fmt: skip
    notes = [one_source(report, f) for f in report.findings if f.kind == "corroborated"]
    assert notes and all(n in (None, "One source: digest derives from port.", "One source: digest derives from flood.")
                         for n in notes)  # fmt: skip
    for f in report.findings:
        if f.kind != "corroborated" or {s.doc for s in f.evidence} != {"port", "digest"}:
            continue
        assert one_source(report, f) == "One source: digest derives from port."
