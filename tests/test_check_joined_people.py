"""Two people a text makes one (session 34, FRANK valid's missed entity errors): a person named twice in one
sentence where no source names them twice as near (``check.named_twice``: "Lily Stone made a swipe at Lily
Stone"), and a deed the source's sentence gives to a he/she who stands for another person named before it in that
sentence (``roles._named_here``: "Ray Gould was granted bail" where "Kevin Lamb ... where he was granted bail").
Hand-written reports; ``embedder=None`` so that the alignment is the lexical one only."""

from __future__ import annotations

from storycheck.check import Weights, check
from storycheck.records import Document

LEEDS = (
    "Tom Reed will take charge of Leeds against Hull on Sunday. "
    "Reed was assistant to former Leeds manager Paul Hart, who managed the club between 2008 and 2009. "
    "Hart was sacked after a 2-1 defeat at Elland Road."
)
SWIPE = (
    "Comedian Ben Ash made a swipe at singer Lily Stone over the new housing tax on Monday. "
    "Stone had said the tax would hit pensioners."
)
BAIL = (
    "Kevin Lamb covered his face as he left the court in Hull, where he was granted conditional bail on Friday. "
    "The victim, Ray Gould, 55, died in hospital after the fight."
)


def _report(source: str, text: str, **weights: int):  # noqa: ANN202 - Report
    return check([Document("source", source)], Document("text", text), embedder=None, weights=Weights(**weights))


def _twice(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and "twice in one sentence" in f.explanation]


def test_a_person_on_both_sides_of_a_claim_is_a_coreference_conflict_and_costs() -> None:
    text = "Lily Stone made a swipe at Lily Stone over the new housing tax."
    report = _report(SWIPE, text)
    (found,) = _twice(report)
    assert found.type == "coreference"
    assert [(s.doc, s.start) for s in found.evidence[:2]] == [("text", 27), ("text", 0)]
    assert found.evidence[2].doc == "source" and found.evidence[2].text == "Lily Stone"
    assert report.check.score < _report(SWIPE, text, twice=0).check.score
    assert report.check.score < _report(SWIPE, "Ben Ash made a swipe at Lily Stone over the new housing tax.").check.score


def test_one_name_said_twice_as_two_conjuncts_is_flagged() -> None:
    source = "Police questioned Anna Webb and her brother Carl Webb in Leeds on Monday."
    (found,) = _twice(_report(source, "Police questioned Anna Webb and Anna Webb in Leeds on Monday."))
    assert found.evidence[0].text == "Anna Webb"


def test_the_right_people_are_not_flagged() -> None:
    assert _twice(_report(SWIPE, "Ben Ash made a swipe at Lily Stone over the new housing tax.")) == []
    assert _twice(_report(LEEDS, "Reed was assistant to former Leeds manager Paul Hart.")) == []
    assert _twice(_report(LEEDS, "Tom Reed will take charge of Leeds. Reed was assistant to Paul Hart.")) == []


def test_a_source_that_names_the_person_twice_as_near_says_it_too() -> None:
    source = "The award went to Mia Holt, and Mia Holt thanked her coach in Leeds on Sunday."
    assert _twice(_report(source, "The award went to Mia Holt, and Mia Holt thanked her coach on Sunday.")) == []


def test_a_possessive_is_no_second_role() -> None:
    source = (
        "An audit found that 44 per cent of Tom Hale's followers were real. "
        "Another site sampled 300,000 of Hale's followers on Monday."
    )
    text = "An audit found that 44 per cent of Tom Hale's followers were real, and another site sampled 300,000 of Hale's followers."
    assert _twice(_report(source, text)) == []


def _roles(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and f.type == "role"]


def test_a_deed_the_source_gives_to_a_he_named_before_in_its_sentence_is_a_role_conflict() -> None:
    text = "Ray Gould was granted conditional bail on Friday."
    report = _report(BAIL, text)
    (found,) = _roles(report)
    assert (found.evidence[0].doc, found.evidence[0].text) == ("text", "Gould")
    assert (found.evidence[1].doc, found.evidence[1].text) == ("source", "he")
    assert report.check.score < _report(BAIL, "Kevin Lamb was granted conditional bail on Friday.").check.score


def test_the_right_person_and_a_he_opening_a_sentence_are_not_flagged() -> None:
    assert _roles(_report(BAIL, "Kevin Lamb was granted conditional bail on Friday.")) == []
    source = "Kevin Lamb appeared in court in Hull. He was granted conditional bail on Friday. Ray Gould died in hospital."
    assert _roles(_report(source, "Ray Gould was granted conditional bail on Friday.")) == []


def test_a_he_after_a_person_named_as_an_object_is_no_rival() -> None:
    source = (
        "Rovers will confirm Dean Hollis as their permanent manager on Friday. And on Thursday the 41-year-old paid "
        "tribute to the players whose efforts have helped him win favour with new chairman Ian Marr since he replaced "
        "Colin Pratt on a caretaker basis in March."
    )
    for text in ("dean hollis replaced colin pratt on a caretaker basis in march .", "Hollis replaced Colin Pratt in March."):
        assert _roles(_report(source, text)) == []


# review revf34: a writer's repeat of a name in one sentence, a he/she the parse reads as the wrong person
COUNCIL = (
    "Council leader John Smith said on Monday the budget would be cut by £40m. He added that 40 jobs would go. "
    "Union leader Ann Cole made a swipe at Smith over the cuts."
)


def test_a_name_repeated_as_the_subject_of_its_own_clause_is_no_second_person() -> None:
    for text in (
        "Council leader John Smith said on Monday the budget would be cut by £40m, and Smith added that 40 jobs would go.",
        "Council leader John Smith said on Monday the budget would be cut by £40m, where Mr Smith added that 40 jobs would go.",
        "\"John Smith will not cut the budget,\" council leader John Smith said on Monday.",
    ):
        assert _twice(_report(COUNCIL, text)) == [], text


def test_the_repeat_in_one_clause_is_flagged_after_a_repeat_in_its_own_clause() -> None:
    text = "Council leader John Smith said the budget would be cut by £40m, and Smith made a swipe at Smith over the cuts."
    (found,) = _twice(_report(COUNCIL, text))
    assert [(s.start, s.text) for s in found.evidence[:2]] == [(text.rindex("Smith"), "Smith"), (text.index("and Smith") + 4, "Smith")]


def test_a_he_she_the_parse_reads_as_the_last_person_named_is_no_rival_when_it_is_not() -> None:
    # a person inside a quote the tagger names no person: the "he" is Hart, the quote's subject, not the speaker
    source = "Chairman Tom Jones said on Monday: \"Paul Hart will stay and he will sign a new deal with Leeds.\""
    assert _roles(_report(source, "Paul Hart will sign a new deal with Leeds.")) == []
    # a "she" after a man's name: nothing in the source speaks of Dunn as "she"
    source = "Mark Dunn told the court in Hull on Monday that she had been granted bail in May. His wife Ann Lee wept."
    assert _roles(_report(source, "Ann Lee had been granted bail in May.")) == []


def test_a_father_and_son_of_one_name_are_not_flagged() -> None:
    source = "Police arrested Tom Bell, 45, and his son, who is also called Tom Bell, at a house in Leeds on Monday."
    assert _twice(_report(source, "Tom Bell, 45, and his son Tom Bell were arrested in Leeds on Monday.")) == []


def test_a_kinship_noun_before_the_second_name_names_another_person() -> None:
    source = "The baby, Tom Bell, was named after his grandfather in Leeds. The grandfather, also Tom Bell, died in 2019."
    assert _twice(_report(source, "The baby Tom Bell was named after his grandfather Tom Bell, who died in 2019.")) == []


def test_two_mentions_hanging_off_two_verbs_are_a_writer_s_repeat() -> None:
    source = (
        "Prosecutors in Leeds played a recording of Tom Hale threatening a witness on Monday. "
        "They also read a letter that named him as the buyer of the gun."
    )
    text = "Prosecutors in Leeds played a recording of Tom Hale threatening a witness and read a letter naming Hale as the buyer of the gun."
    assert _twice(_report(source, text)) == []
