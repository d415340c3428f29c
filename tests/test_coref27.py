"""A he/she whose deed the sources tell of someone else (``check.pronoun_deeds``): hand-written news sentences."""

from __future__ import annotations

from storycheck.check import Weights, check
from storycheck.records import Document

SOURCE = Document("source", (
    "Daniel Okoro, 19, was stabbed outside a nightclub in Bristol on Saturday. Witnesses said Marcus Hale "
    "pulled out a knife during an argument over a taxi. Hale was arrested at his flat on Sunday. Okoro, a "
    "university student, was treated in hospital and is expected to recover."
))  # fmt: skip
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
        "Tom Weller, a builder, met council officials on Monday. Priya Shah is the council's finance chief. She "
        "cancelled the contract for the new depot."
    ))  # fmt: skip
    assert _coref("Priya Shah met Tom Weller on Monday. He cancelled the contract for the new depot.", alone)[0]
