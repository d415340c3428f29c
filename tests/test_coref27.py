"""A he/she whose deed the sources tell of someone else (``check.pronoun_deeds``): hand-written news sentences."""

from __future__ import annotations

from storycheck.check import Weights, check
from storycheck.records import Document

SOURCE = Document("source", (
    "Daniel Okoro, 19, was stabbed outside a nightclub in Bristol on Saturday. Witnesses said Marcus Hale "
    "pulled out a knife during an argument over a taxi. Hale was arrested at his flat on Sunday. Okoro, a "
    "university student, was treated in hospital, where he is expected to recover."
))  # fmt: skip  (session 28: "where he" gives Okoro a gender; pronoun_deeds reads no one of unknown gender)
WRONG = "Daniel Okoro was stabbed outside a nightclub. He pulled out a knife during an argument."


def _coref(text: str, source: Document = SOURCE, **weights: int) -> tuple[list, float]:
    report = check([source], Document("text", text), embedder="none", weights=Weights(**weights))
    found = [f for f in report.findings if f.kind == "conflict" and f.type == "coreference"]
    return found, report.check.score


def test_a_pronoun_doing_what_the_source_says_another_person_did_is_a_coreference_conflict() -> None:
    found, score = _coref(WRONG)
    assert len(found) == 1
    pronoun, doer = found[0].evidence
    assert (pronoun.doc, pronoun.text) == ("text", "He")
    assert doer.doc == "source" and "Hale" in doer.text
    assert score < _coref(WRONG, deeds=0)[1]


def test_a_pronoun_standing_for_the_doer_is_no_conflict() -> None:
    assert not _coref("Marcus Hale was arrested on Sunday. He pulled out a knife during an argument.")[0]
    assert _coref("Daniel Okoro was stabbed on Saturday. He pulled out a knife during an argument.")[0]


def test_a_deed_whose_doer_the_source_does_not_name_is_no_conflict() -> None:
    source = Document("source", (
        "Daniel Okoro, 19, was stabbed outside a nightclub in Bristol on Saturday. A man in his twenties pulled "
        "out a knife during an argument over a taxi."
    ))  # fmt: skip
    assert not _coref(WRONG, source)[0]  # "a man in his twenties" may be anyone, Okoro too
    assert _coref(WRONG)[0]


def test_another_deed_of_the_same_verb_is_no_conflict() -> None:
    # the text's "he pulled out a phone" is not the source's "pulled out a knife": the deed is the verb and its object
    assert not _coref("Daniel Okoro was stabbed outside a nightclub. He pulled out a phone during an argument.")[0]
    assert _coref(WRONG)[0]


def test_a_source_pronoun_may_stand_for_anyone_named_in_its_sentence_or_the_one_before() -> None:
    source = Document("source", (
        "Priya Shah, the council's finance chief, met Tom Weller on Monday. After the meeting she cancelled the "
        "contract for the new depot. Weller, a builder, said he was disappointed."
    ))  # fmt: skip
    # the source's "she" stands for Shah, though read plainly (the last person named) it would be Weller
    assert not _coref("Tom Weller met Priya Shah on Monday. She cancelled the contract for the new depot.", source)[0]
    alone = Document("source", (
        "Tom Weller, a builder, said he met council officials on Monday. Priya Shah is the council's finance chief. She "
        "cancelled the contract for the new depot."
    ))  # fmt: skip
    assert _coref("Priya Shah met Tom Weller on Monday. He cancelled the contract for the new depot.", alone)[0]


# revc27: a hostile review of pronoun_deeds; each test below fails on fbf16c2
CRASH = Document("source", (
    "Mark Fell drove the van into the barrier on Friday. Police said the crash was an accident. Laura Stone, a "
    "passenger, was unhurt. She thanked the paramedics."
))  # fmt: skip


def test_every_name_of_a_plural_subject_is_a_doer() -> None:
    source = Document("source", "Tom Reed and Ben Shaw robbed the bank on Friday. Police caught Reed on Monday.")
    assert not _coref("Police caught Tom Reed. Ben Shaw was arrested later. He robbed the bank.", source)[0]
    assert not _coref("police caught tom reed. ben shaw was arrested later. he robbed the bank.", source)[0]


def test_the_source_evidence_is_the_doers_name_even_where_the_source_says_he() -> None:
    source = Document("source", "Mark Fell was arrested on Friday. He drove the van into the barrier. Tom Stone was unhurt, he said.")
    text = "Tom Stone was unhurt. He drove the van into the barrier."
    [found] = _coref(text, source)[0]
    pronoun, doer = found.evidence
    assert text[pronoun.start : pronoun.end] == pronoun.text == "He"
    assert source.text[doer.start : doer.end] == doer.text == "Mark Fell"


def test_a_possessor_is_not_the_doer() -> None:
    source = Document("source", (
        "Tom Reed's lawyer filed the appeal on Monday. Reed, 30, was jailed in May. Sam Fox, a barrister, "
        "represents Reed."
    ))  # fmt: skip
    assert not _coref("Tom Reed was jailed in May. Sam Fox represents him. He filed the appeal on Monday.", source)[0]


def test_a_deed_of_a_body_may_be_told_of_its_chief() -> None:
    source = Document("source", "Acme Corp sacked 200 workers in May. Chief executive John Bell said the cuts were needed.")
    assert not _coref("John Bell runs Acme Corp. He sacked 200 workers in May.", source)[0]
    assert _coref(WRONG)[0]  # "Marcus Hale", tagged an organisation, is a person: "his flat" follows him


def test_a_deed_told_again_with_it_is_the_same_deed() -> None:
    source = Document("source", "Anna Berg signed the lease in March. Her partner, Tomas Lind, also signed it.")
    assert not _coref("Tomas Lind runs the bakery. He signed the lease.", source)[0]


def test_a_pronoun_in_a_quote_or_in_speech_of_the_person_it_reads_as_is_no_conflict() -> None:
    source = Document("source", "Mark Fell drove the van into the barrier on Friday. Laura Stone, a passenger, was unhurt.")
    assert not _coref('Laura Stone was unhurt. "He drove the van into the barrier," she said.', source)[0]
    assert not _coref("Laura Stone was unhurt. She said he drove the van into the barrier.", source)[0]
    # session 28: Laura Stone's gender is not known from the source: no reading, so no conflict (test_judge24)
    assert not _coref("Laura Stone was unhurt. He drove the van into the barrier.", source)[0]
    assert _coref("Daniel Okoro said he pulled out a knife during an argument.")[0]  # reported speech: he is Okoro


def test_a_person_spoken_of_as_she_is_not_who_he_stands_for() -> None:
    before = "Mark Fell was hurt. Police said the crash was an accident. "
    assert not _coref(before + "Laura Stone was unhurt. He drove the van into the barrier.", CRASH)[0]  # the source's she
    assert not _coref(before + "Laura Stone was unhurt, and she was lucky. He drove the van into the barrier.", CRASH)[0]
    source = Document("source", CRASH.text.replace("Laura Stone", "Ms Laura Stone").replace(" She thanked the paramedics.", ""))
    assert not _coref(before + "Ms Laura Stone was unhurt. He drove the van into the barrier.", source)[0]


def test_the_doer_named_just_before_the_pronoun_may_be_who_it_stands_for() -> None:
    source = Document("source", "Mark Fell drove the van into the barrier. Laura Stone was a passenger.")
    assert not _coref("Mark Fell was with Laura Stone. He drove the van into the barrier.", source)[0]
    assert not _coref("Mark Fell picked up Laura Stone, and he drove the van into the barrier.", source)[0]
