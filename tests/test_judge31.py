"""Session 32 (wt-judge31, issue 5): judging faults an editor met in user32's walk of ``compare``, each failing on
a533ddc. News sentences written for these tests (two events each, so no rule fits one example)."""

from __future__ import annotations

from storycheck import compare
from storycheck.records import Document

BUS = ("A bus plunged into the Calder River near Dunmore on Sunday, killing five passengers and injuring 20 others, "
       "police said.")  # fmt: skip
CAUSE = "Chief Inspector Mark Tolland said investigators had not yet determined the cause of the crash."
SUSPENDED = "The operator's managing director, Helen Brack, said the route would stay suspended until further notice."


def _single(report, doc: str) -> list[str]:
    return [f.evidence[0].text for f in report.findings
            if f.kind == "single_source" and f.type == "claim" and f.evidence[0].doc == doc]  # fmt: skip


def test_a_claim_aligned_loosely_to_another_claim_stays_single_source():
    """A sentence aligned only weakly (below the same-claim score) to a claim its own report tells in another
    sentence, with nothing found in the pair, was neither a finding nor single-source: a new top's union call for an
    inquiry, loosely aligned to the crash sentence the same report reprints, vanished."""
    wire = Document("a-wire", f"{BUS} {CAUSE} {SUSPENDED}")
    top = Document("b-top", "The bus drivers' union on Monday demanded an independent inquiry into Sunday's crash in "
                   f"the Calder River, saying its members had raised concerns for months. {BUS} {CAUSE}")  # fmt: skip
    rewrite = Document("c-rewrite", "Five passengers died and 20 were hurt when a bus plunged into the Calder River "
                       f"near Dunmore on Sunday. {CAUSE}")  # fmt: skip
    for docs in ([wire, top], [wire, top, rewrite]):
        report = compare(docs, embedder="auto")
        assert any(s.startswith("The bus drivers' union on Monday demanded") for s in _single(report, "b-top"))
        # the claims two reports state alike are still corroborated, not single-source
        assert not any(s.startswith("Chief Inspector Mark Tolland") for s in _single(report, "a-wire"))


def test_a_second_event_keeps_a_loosely_aligned_claim():
    """The same on another story: a residents' group's demand beside a reprinted flood sentence."""
    flood = ("Floodwater swept through the village of Arnsby on Thursday, forcing 300 residents from their homes, "
             "the county council said.")  # fmt: skip
    mayor = "Mayor Owen Pratt said the emergency shelter at the school would stay open through the weekend."
    one = Document("one", f"{flood} {mayor}")
    two = Document("two", "A residents' group in Arnsby on Friday demanded an independent inquiry into the flooding, "
                   f"saying the county council had ignored warnings for years. {flood} {mayor}")  # fmt: skip
    report = compare([one, two], embedder="auto")
    assert any(s.startswith("A residents' group in Arnsby on Friday demanded") for s in _single(report, "two"))


def _number_partials(report) -> list[str]:
    return [f.explanation for f in report.findings if f.kind == "partial" and f.type == "number"]


def test_a_count_of_others_and_the_same_count_told_bare_are_no_partials():
    """``injuring 20 others`` / ``20 were hurt`` (read as 20 passengers after ``Five passengers died and``) gave
    two mirrored partials, each saying the other report lacks the ``20`` it shows."""
    one = Document("one", BUS)
    two = Document("two", "Five passengers died and 20 were hurt when a bus plunged into the Calder River near "
                   "Dunmore on Sunday.")  # fmt: skip
    for emb in (None, "auto"):
        assert _number_partials(compare([one, two], embedder=emb)) == []


def test_a_second_event_of_others_is_one_figure_and_a_missing_figure_is_still_a_partial():
    """Another story: a crush at a stadium. A report that gives no figure of the hurt at all still lacks it."""
    crush = "a crush at the gates of Hollin Park stadium on Saturday"
    one, two, three = (Document(name, text) for name, text in (
        ("one", f"{crush.capitalize()} killed three fans and injured 40 others, the club said."),
        ("two", f"Three fans died and 40 were hurt in {crush}, the club said."),
        ("three", f"{crush.capitalize()} killed three fans and injured others, the club said.")))  # fmt: skip
    assert _number_partials(compare([one, two], embedder=None)) == []
    kept = _number_partials(compare([one, three], embedder=None))
    assert kept and all("'40'" in e for e in kept)


def _attributions(report) -> list:
    return [f for f in report.findings if f.kind == "conflict" and f.type == "quote_attribution"]


def test_reported_speech_given_to_another_named_person_is_an_attribution_conflict():
    """``Helen Brack said the route would stay suspended`` / ``Mark Tolland said the route would stay suspended``:
    the same words of reported speech credited to two named people were a corroborated claim, no conflict."""
    one = Document("one", f"{SUSPENDED} Chief Inspector Mark Tolland visited the scene on Sunday evening.")
    two = Document("two", "Mark Tolland said the route would stay suspended until further notice. The operator's "
                   "managing director, Helen Brack, visited the scene on Sunday evening.")  # fmt: skip
    for emb in (None, "auto"):
        report = compare([one, two], embedder=emb)
        found = _attributions(report)
        assert len(found) == 1 and found[0].values == {"one": "Helen Brack", "two": "Mark Tolland"}
        assert {(s.doc, s.text) for s in found[0].evidence} >= {("one", "Helen Brack"), ("two", "Mark Tolland")}
        assert not any(f.kind == "corroborated" and {s.doc for s in f.evidence} == {"one", "two"}
                       and any("stay suspended" in s.text for s in f.evidence) for f in report.findings)  # fmt: skip


def test_a_second_event_of_reported_speech_and_its_limits():
    """Another story: the same words from two named officials conflict; the same speaker spelled alike, or a body
    (``the council said``) beside a person, do not."""
    said = "said the shelter at Arnsby school would stay open through the weekend."
    one = Document("one", f"Mayor Owen Pratt {said}")
    assert len(_attributions(compare([one, Document("two", f"Council leader Janet Ruddock {said}")], embedder=None))) == 1
    assert _attributions(compare([one, Document("two", f"Owen Pratt, the mayor, {said}")], embedder=None)) == []
    assert _attributions(compare([one, Document("two", f"The county council {said}")], embedder=None)) == []


def test_others_are_people_not_any_figure_of_the_same_value():
    """``leaving two others missing`` is no ``two houses``: the figure of the missing is still a detail one adds."""
    one = Document("one", "A landslide buried part of the hill village of Korma on Monday, killing one man and leaving "
                   "two others missing, officials said.")  # fmt: skip
    two = Document("two", "A landslide buried part of the hill village of Korma on Monday, killing one man and "
                   "flattening two houses, officials said.")  # fmt: skip
    assert any("'two'" in e and e.startswith("one adds") for e in _number_partials(compare([one, two], embedder=None)))
