"""Session 33 (judge33, issue 5): quotes, datelines and who said it. News sentences written for these tests."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, exact

from storycheck.analyze import analyze, dateline
from storycheck.core import compare_documents
from storycheck.records import Document
from storycheck.roles import _no_fact

WIRE = ("{} A landslide buried two houses in the village of Carrow on Sunday, the county council said.\n\n"
        "Council leader Ruth Kale said the road to the village would stay closed for a week.\n\n"
        "About 40 residents spent the night in the village hall.")  # fmt: skip


def _report(*texts: str):  # noqa: ANN202
    return compare_documents([Document(f"r{i}", t) for i, t in enumerate(texts)], embedder="none")


@pytest.mark.parametrize(("text", "filed"), [
    ("CARROW, May 4 (Coastal Wire) - A landslide buried two houses.", "CARROW, May 4 (Coastal Wire) -"),
    ("LONDON (Reuters) - Tesco said its profit fell.", "LONDON (Reuters) -"),
    ("(CNN) -- A landslide buried two houses.", "(CNN) --"),
    ("CARROW, Wales — A landslide buried two houses on Sunday.", "CARROW, Wales —"),
    ("Tesco (TSCO.L) - the grocer - said its profit fell.", None),
    ("A landslide - the worst in years - buried two houses.", None),
    ("NASA said the launch - its third - would go ahead.", None),
])  # fmt: skip
def test_a_wire_dateline_is_marked_not_cut(text: str, filed: str | None) -> None:
    analysis = analyze(Document("x", text))
    span = dateline(analysis)
    assert (text[span[0] : span[1]] if span else None) == filed
    assert analysis.sentences[0].start == 0  # the text is the report's, offsets and all


def test_a_dateline_is_no_single_source_claim_nor_a_detail() -> None:
    report = _report(WIRE.format("CARROW, May 4 (Coastal Wire) -"), WIRE.format("CARROW, Wales —"),
                     WIRE.format("CARROW, May 5 (Valley Press) -"))  # fmt: skip
    exact(report)
    alone = [f for f in report.findings if f.kind == "single_source"]
    assert not alone, alone  # (each dateline alone was a single-source ``date`` claim)
    assert not [f for f in report.findings if f.kind in ("partial", "conflict")], report.findings  # (``Wales`` "added")
    told = [f for f in report.findings if f.kind == "corroborated" and "landslide" in f.evidence[0].text]
    assert told and all(e.text.startswith("A landslide") for e in told[0].evidence), told


def test_a_claim_after_a_dateline_is_still_judged() -> None:  # guard
    report = _report(WIRE.format("CARROW, Wales —"), WIRE.format("CARROW, Wales —").replace("two houses", "five houses"))
    assert [f.values for f in conflicts(report, "number")] == [{"r0": "two", "r1": "five"}], report.findings


MAYDAY = "{} was the day the council {} the plan to rebuild the sea wall, its leader said."


def test_the_month_may_opening_a_sentence_is_no_hedge() -> None:
    for report in both_ways(MAYDAY.format("May 12", "approved"), MAYDAY.format("May 12", "rejected")):
        exact(report)
        assert conflicts(report, "antonym"), report.findings  # (base: no conflict, ``May`` read as the modal)


def test_the_modal_may_opening_a_sentence_still_hedges() -> None:  # guard
    for report in both_ways("May the council approve the plan to rebuild the sea wall, its leader asked.",
                            "The council rejected the plan to rebuild the sea wall, its leader said."):  # fmt: skip
        assert not conflicts(report, "antonym"), report.findings


@pytest.mark.parametrize(("text", "word", "hedged"), [
    ("In May it was impossible to finish the sea wall, the engineers said.", "impossible", False),
    ("On May 3, it was impossible to finish the sea wall, the engineers said.", "impossible", False),
    ("It may be impossible to finish the sea wall, the engineers said.", "impossible", True),
    ("May be impossible to finish, the engineers said of the sea wall.", "impossible", True),
])  # fmt: skip
def test_no_fact_reads_the_month_may_as_no_hedge(text: str, word: str, hedged: bool) -> None:
    assert _no_fact(text, analyze(Document("x", text)), text.index(word)) is hedged


SACKED = "Rovers sacked their manager on Monday after a run of nine defeats."


def test_one_man_chairing_two_bodies_is_no_title_conflict() -> None:
    report = _report(SACKED + " Tom Ash said he had the support of Peter Lindqvist, the chairman of Harlow Holdings,"
                     " the club's owner, for the decision.",
                     SACKED + ' "We do not want to change managers again," Rovers chairman Peter Lindqvist said.')  # fmt: skip
    exact(report)
    assert not conflicts(report, "title"), report.findings


def test_two_clubs_managed_by_one_man_is_still_a_title_conflict() -> None:  # guard
    report = _report(SACKED + " Rovers manager Peter Lindqvist said the decision was hard.",
                     SACKED + " Town manager Peter Lindqvist said the decision was hard.")  # fmt: skip
    assert conflicts(report, "title"), report.findings


def test_a_past_post_at_another_club_is_no_rank_conflict() -> None:
    report = _report(SACKED + " Under Tom Ash, the former head coach of the Carrow Cobras, the team won the cup in 2019.",
                     "Rovers' Coach Tom Ash was sacked on Monday after a run of nine defeats, the club said.")  # fmt: skip
    exact(report)
    assert not conflicts(report, "title"), report.findings


@pytest.mark.parametrize(("former", "now"), [("Former Rovers coach", "Rovers coach"), ("Former coach", "Coach")])
def test_a_past_rank_of_one_post_is_still_a_conflict(former: str, now: str) -> None:  # guard
    report = _report(SACKED + f" {former} Tom Ash said the decision was wrong.",
                     SACKED + f" {now} Tom Ash said the decision was wrong.")  # fmt: skip
    assert [f.values for f in conflicts(report, "title")], report.findings


def test_a_speaker_after_a_dateline_is_not_the_dateline_name() -> None:
    text = "RUTH KALE, London - Kale said the plan to rebuild the sea wall would fail."
    analysis = analyze(Document("x", text))
    spans = [text[q.speaker_span[0] : q.speaker_span[1]] for q in analysis.quotes if q.speaker_span]
    assert spans and all(at == text.index("Kale said") for at in [q.speaker_span[0] for q in analysis.quotes]), spans


def test_a_name_run_over_a_dateline_dash_is_cut_at_it() -> None:
    text = "CARROW, Wales - Kale said the plan to rebuild the sea wall would fail."
    names = [m.text for m in analyze(Document("x", text)).mentions if m.kind in ("org", "person", "place")]
    assert "Wales - Kale" not in names and "Kale" in names, names


STORM = "A storm destroyed 40 metres of the sea wall at Carrow on Sunday, the county council said.\n\n"
RELAYED = STORM + ('"He told me \'we will rebuild every house on this street\', and I believe him," resident Mary Venn'
                   " said of council leader Tom Ash.")  # fmt: skip


def test_relayed_words_given_to_the_relayer_are_a_quote_attribution_conflict() -> None:
    report = _report(RELAYED, STORM + '"We will rebuild every house on this street," resident Mary Venn said.')
    exact(report)
    assert not conflicts(report, "quote_wording"), report.findings  # (base: Venn "quoted in different words")
    found = conflicts(report, "quote_attribution")
    assert found and found[0].evidence[0].text == "we will rebuild every house on this street", found


def test_relayed_words_corroborate_the_quote_of_another_speaker() -> None:
    report = _report(RELAYED, STORM + '"We will rebuild every house on this street," council leader Tom Ash said.')
    exact(report)
    assert not [f for f in report.findings if f.kind == "single_source"], report.findings  # (base: two, one each)
    assert [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"], report.findings


WARD = "{} said the sea wall would be rebuilt by June.\n\nThe storm destroyed 40 metres of the wall on Sunday."


def test_a_leader_and_his_deputy_of_one_surname_are_two_speakers() -> None:
    report = _report(WARD.format("Council leader Chris Ward") + " His deputy, Christine Ward, said the work would cost"
                     " 2 million pounds.", WARD.format("Christine Ward, the council leader,"))  # fmt: skip
    exact(report)
    assert conflicts(report, "quote_attribution"), report.findings  # (base: the leader's words corroborated)


def test_a_short_form_of_a_name_is_one_person() -> None:  # guard
    report = _report(WARD.format("Chris Ward, the council leader,"), WARD.format("Christine Ward, the council leader,"))
    assert not conflicts(report), report.findings
    assert len([f for f in report.findings if f.kind == "corroborated"]) == 2, report.findings
