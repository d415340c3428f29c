"""A person the sources name only as a speaker, made the doer of an act by the text (``check.speakers_made_doers``):
a summary that fuses a quote's speaker into the claim the quote is about makes the speaker the actor (BUMP's
intrinsic entity edits do this with a coach, a commissioner, a colleague). Hand-written reports; ``embedder=None``
so that the alignment is the lexical one only."""

from __future__ import annotations

from storycheck.check import check
from storycheck.records import Document

RAID = (
    "Police arrested three men after a raid on a warehouse in Leeds on Tuesday. "
    'Sarah Hill, the chief constable, said: "This was a well-planned operation." '
    "Officers seized cash and drugs worth thousands of pounds."
)
# the same story where the chief constable is also said to have led the raid (a doer, not only a speaker)
LED = RAID + " Sarah Hill led the officers into the building."


def _report(source: str, text: str):  # noqa: ANN202 - Report
    return check([Document("source", source)], Document("text", text), embedder=None)


def _speaker_conflicts(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "partial" and f.type == "speaker"]


def test_a_speaker_made_the_doer_of_the_act_is_named_and_costs() -> None:
    report = _report(RAID, "Sarah Hill arrested three men after a raid on a warehouse in Leeds.")
    (found,) = _speaker_conflicts(report)
    text_span, source_span = found.evidence
    assert (text_span.doc, text_span.text) == ("text", "Sarah Hill")
    assert (source_span.doc, source_span.text) == ("source", "Sarah Hill")
    assert RAID[source_span.start : source_span.end] == "Sarah Hill"
    assert "arrest" in found.explanation
    # the sources never deny it, they only never tell it of her: unsupported, not contradicted
    # (her name is in the source, linked otherwise: listed with the words out of place, not as words it lacks)
    [v] = report.check.sentences
    # she is in the source, as a speaker: "in the source, linked otherwise" (wt-user26's rule), not "not in the sources"
    assert v.verdict == "partial" and "Sarah Hill" in [m.text for m in v.recombined]
    # and it costs: the same claim told of the police scores higher
    faithful = _report(RAID, "Police arrested three men after a raid on a warehouse in Leeds.")
    assert report.check.score < faithful.check.score


def test_the_speaker_saying_or_praising_is_no_conflict() -> None:
    assert _speaker_conflicts(_report(RAID, "Sarah Hill seized cash and drugs in Leeds."))  # (the act is one)
    for text in ("Sarah Hill said the raid on the warehouse was well planned.",
                 "Sarah Hill praised the operation at the warehouse in Leeds.",
                 "Sarah Hill wants officers to seize more drugs in Leeds."):  # fmt: skip
        assert not _speaker_conflicts(_report(RAID, text)), text


def test_a_speaker_the_sources_also_make_a_doer_is_no_conflict() -> None:
    text = "Sarah Hill arrested three men after a raid on a warehouse in Leeds."
    assert _speaker_conflicts(_report(RAID, text))
    assert not _speaker_conflicts(_report(LED, text))


# Session 26 revb26: faithful rewrites of everyday news where the speaker is the doer in the source's own words


def test_a_speaker_who_names_themself_the_doer_is_no_conflict() -> None:
    cases = [
        ("Harlow Foods said on Monday it would close its bakery in Derby, with the loss of 240 jobs.",
         "Harlow Foods will close its bakery in Derby."),
        ("Rovers signed the striker from Hull on Thursday. "
         "'We have signed him on a two-year deal,' said Rovers manager Dan Pike.",
         "Dan Pike signed the striker from Hull."),
        ("Norland Rail said they had cancelled 40 trains on Friday because of the storm.",
         "Norland Rail cancelled 40 trains because of the storm."),
        ("Kestrel Airways said on Friday that its board had approved the sale of the cargo unit.",
         "Kestrel Airways approved the sale of the cargo unit."),
        ("Talbot Motors said the company would shut its van plant in Spain.",
         "Talbot Motors will shut its van plant in Spain."),
        ('Dan Pike said: "Kofi is quick and strong. We signed him for two years."',
         "Dan Pike signed Kofi for two years."),  # (the quote's second sentence)
    ]  # fmt: skip
    for source, text in cases:
        assert not _speaker_conflicts(_report(source, text)), text


def test_a_speaker_the_source_makes_a_doer_by_a_clause_or_a_plan_is_no_conflict() -> None:
    cases = [
        ("Sarah Hill, who led the raid, said it was well planned. Police arrested three men in Leeds.",
         "Sarah Hill led the raid in Leeds."),
        ("Dalton Mining announced a $2 billion deal to buy Orrin Metals on Monday.",
         "Dalton Mining will buy Orrin Metals for $2 billion."),
    ]  # fmt: skip
    for source, text in cases:
        assert not _speaker_conflicts(_report(source, text)), text


def test_speech_told_as_a_deed_is_no_conflict() -> None:
    for act in ("appealed for witnesses after the raid in Leeds", "issued a statement after the raid in Leeds",
                "paid tribute to the officers after the raid in Leeds", "spoke to reporters after the raid in Leeds",
                "highlighted the raid in Leeds", "commended officers after the raid in Leeds"):  # fmt: skip
        assert not _speaker_conflicts(_report(RAID, f"Sarah Hill {act}.")), act
    # while the deed the source tells of the police stays hers to be named for
    assert _speaker_conflicts(_report(RAID + ' "I am proud of the officers," she added.', "Sarah Hill arrested three men."))
