"""Session 34 (wt-lin34): the lineage's known wrong answers. Each test fails on df0becd (run with
``PYTHONPATH=/tmp/base34/src``). News sentences written for these tests."""

from __future__ import annotations

import itertools

from storycheck import compare
from storycheck.records import Document
from storycheck.report import derivation_lines, from_dict, to_dict, validate

FLOOD = [
    "Flood waters forced more than 300 people from their homes in the river town of Castleford on Sunday, "
    "officials said.",
    "The river rose above its banks before dawn after three days of heavy rain across the northern hills.",
    "Emergency crews used boats to reach families trapped on upper floors along the low streets near the old "
    "bridge.",
    "The mayor said the town hall would stay open overnight as a shelter for anyone who could not go home.",
    "Forecasters expect the water to fall slowly from Tuesday as the rain moves east toward the coast.",
]
# the same report rewritten sentence by sentence, as a desk rewrites a wire: words swapped, nothing added or cut
FLOOD_REWRITTEN = [
    "Flood waters forced over 300 individuals from their houses in the river town of Castleford on Sunday, "
    "authorities told reporters.",
    "The river rose above its banks prior to dawn following three days of heavy rain across the northern hills.",
    "Emergency crews used boats to reach families trapped on upper floors along the low streets close to the old "
    "bridge.",
    "The mayor told reporters the town hall will stay open overnight as a shelter for anyone who could not go home.",
    "Forecasters anticipate the water to fall slowly from Tuesday as the rain moves east toward the coast.",
]
PLANT = [
    "A fire at a chemical plant outside Harlow killed 5 workers on Tuesday, the county fire service said.",
    "The blaze broke out in a storage hall shortly after 6 a.m. and took crews four hours to bring under control.",
    "Residents within two miles were told to keep their windows closed while the smoke cleared over the town.",
    "The plant's owner, Verdant Chemicals, said it was cooperating fully with investigators from the safety board.",
]


def _para(sentences: list[str]) -> str:
    return "\n\n".join(sentences)


def test_a_copy_that_changed_a_figure_is_reuse_with_the_change_marked_never_copies_of_each_other():
    """"killed 5" and "killed 50" are one sentence to the reuse (character ratio 0.99), and the views said of the
    two "copies of each other: every sentence of each is in the other" (review revl33), false for the sentence
    that matters most. The copy is still a copy (its words are the wire's), and the edge now names the change;
    undated, nothing says which came first, and the views say that without calling them copies. Dated, the copy
    derives from the wire and the line names the change too. A negation dropped is a change the same way."""
    wire = _para(PLANT)
    copy = wire.replace("killed 5 workers", "killed 50 workers")
    docs = [Document("wire", wire), Document("copy", copy)]
    for given in itertools.permutations(docs):
        report = compare(list(given), embedder="none")
        [edge] = [e for e in report.lineage if e.likely_source]
        assert edge.reuse == 1.0
        texts = {(s.doc, s.text) for s in edge.changed + edge.changed_from}
        assert texts == {("copy", "50"), ("wire", "5")}, texts
        lines = derivation_lines(report)
        assert len(lines) == 1 and "copies of each other" not in lines[0], lines
        assert "“50”" in lines[0] and "“5”" in lines[0] and "nothing in them says which came first" in lines[0], lines
        d = to_dict(report)
        validate(d)
        assert from_dict(d).lineage[0].changed_from == report.lineage[0].changed_from
    dated = [Document("wire", wire, published="2026-03-03T09:00:00Z"),
             Document("copy", copy, published="2026-03-03T11:00:00Z")]
    report = compare(dated, embedder="none")
    [line] = derivation_lines(report)
    assert line.startswith("copy derives from wire") and "copy gives “50” where wire gives “5”" in line, line
    denied = wire.replace("said it was cooperating", "said it was not cooperating")
    report = compare([Document("wire", wire), Document("denied", denied)], embedder="none")
    [edge] = [e for e in report.lineage if e.likely_source]
    assert [s.text for s in edge.changed + edge.changed_from if s.doc == "denied"] == ["was not cooperating"]


def test_a_rewrite_sentence_by_sentence_says_nothing_of_which_came_first():
    """Undated, a report and its rewrite sentence by sentence ("said" -> "told reporters"; nothing added or cut):
    coverage named as the source whichever lost fewer characters to the rewording ("wire derives from rewrite:
    72%"), a direction nothing in the texts holds (bench_lineage's light rewrites, undated: 0.29 the right way).
    The edge is now ``unordered`` and the views say so; no word swapped there is a changed fact. A trimmed copy
    (one holds text the other has not) keeps its direction."""
    wire, rewrite = _para(FLOOD), _para(FLOOD_REWRITTEN)
    for given in itertools.permutations([Document("wire", wire), Document("rewrite", rewrite)]):
        report = compare(list(given), embedder="none")
        [edge] = [e for e in report.lineage if e.likely_source]
        assert edge.unordered and not edge.changed, edge
        [line] = derivation_lines(report)
        assert "derives from" not in line and "nothing in them says which came first" in line, line
    trimmed = _para(FLOOD[:3])
    report = compare([Document("wire", wire), Document("trimmed", trimmed)], embedder="none")
    [edge] = [e for e in report.lineage if e.likely_source]
    assert (edge.source, edge.derived, edge.unordered) == ("wire", "trimmed", False)
    assert derivation_lines(report)[0].startswith("trimmed derives from wire")
