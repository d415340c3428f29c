"""A person given the age the sources give someone else (``check.ages_of_others``): a summary that joins a
parent's name to a child's age, or one victim's name to another's, binds a value the source binds to one person
to another (BUMP's intrinsic entity edits do this). Hand-written reports; ``embedder=None`` so that the alignment
is the lexical one only."""

from __future__ import annotations

from storycheck.check import Weights, check
from storycheck.records import Document

FLOOD = (
    "Rescuers pulled two children from the river in Carlisle on Sunday. "
    "Martin Howe's son Oliver, 9, was swept away while playing on the bank. "
    "Both Martin Howe and Rita Ames rushed to the river when they heard the screams. "
    "Rita Ames's daughter Nadia, 11, was also carried downstream."
)


def _report(source: str, text: str, **weights: int):  # noqa: ANN202 - Report
    return check([Document("source", source)], Document("text", text), embedder=None, weights=Weights(**weights))


def _ages(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and "the age" in f.explanation]


def test_a_parent_given_the_childs_age_is_a_conflict_and_costs() -> None:
    text = "Martin Howe, 9, and Rita Ames, 11, were swept away by the river."
    report = _report(FLOOD, text)
    found = _ages(report)
    assert [(f.evidence[0].text, f.evidence[1].text) for f in found] == [("Martin Howe", "Oliver"), ("Rita Ames", "Nadia")]
    assert all(f.type == "role" and f.evidence[1].doc == "source" for f in found)
    assert FLOOD[found[0].evidence[1].start : found[0].evidence[1].end] == "Oliver"
    [v] = report.check.sentences
    assert v.verdict == "contradicted"
    assert report.check.score < _report(FLOOD, text, ages=0).check.score


def test_the_age_before_the_name_is_read_too() -> None:
    (found,) = _ages(_report(FLOOD, "The 11-year-old Rita Ames was carried downstream."))
    assert (found.evidence[0].text, found.evidence[1].text) == ("Rita Ames", "Nadia")


def test_the_right_ages_and_one_person_named_two_ways_are_not_flagged() -> None:
    assert not _ages(_report(FLOOD, "Oliver Howe, 9, and Nadia, 11, were swept away by the river."))
    assert not _ages(_report(FLOOD, "Oliver, 9, was swept away while playing on the bank."))
    assert _ages(_report(FLOOD, "Martin Howe, 9, was swept away while playing on the bank."))
    # two people of one age: the text's person has it in the source too
    twins = "Firefighter Ken Dorsey, 41, rescued Emma Clarke, 7, and her cousin Jacob Stone, 7, from the flood in Carlisle."
    assert not _ages(_report(twins, "Jacob Stone, 7, was rescued from the flood."))
    assert _ages(_report(twins, "Ken Dorsey, 7, was rescued from the flood."))


def test_a_person_the_sources_never_name_is_left_to_the_missing_names() -> None:
    assert not _ages(_report(FLOOD, "Tom Briggs, 9, was swept away while playing on the bank."))
    assert _ages(_report(FLOOD, "Rita Ames, 9, was swept away while playing on the bank."))


# --- an office given to another person (``check.titles_of_others``) ---------------------------------------------
SIGNING = (
    "Bath have signed England Sevens international Jeff Williams. "
    "Bath head coach Mike Ford said: 'Jeff offers dynamism and pace.' "
    "Williams will join the club at the end of the season."
)


def _offices(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and "the office" in f.explanation]


def test_a_player_given_the_coachs_office_is_a_conflict() -> None:
    text = "Bath head coach Jeff Williams will join the club at the end of the season."
    (found,) = _offices(_report(SIGNING, text))
    assert (found.type, found.evidence[0].text, found.evidence[1].text) == ("role", "Jeff Williams", "Mike Ford")
    assert SIGNING[found.evidence[1].start : found.evidence[1].end] == "Mike Ford"
    assert _report(SIGNING, text).check.score < _report(SIGNING, text, titles=0).check.score


def test_the_holder_itself_and_an_office_of_several_are_not_flagged() -> None:
    assert not _offices(_report(SIGNING, "Bath head coach Mike Ford praised Jeff Williams."))
    assert _offices(_report(SIGNING, "Bath head coach Jeff Williams praised Mike Ford."))
    # two police officers: the office is not one person's, so a third person called an officer is no swap
    raid = ("Police officer Dana Reyes arrested the man on Monday. Police officer Tom Okafor drove him to the station. "
            "Store manager Lena Fisk had called them after the break-in.")  # fmt: skip
    assert not _offices(_report(raid, "Police officer Lena Fisk had called them after the break-in."))
    assert _offices(_report(raid, "Store manager Tom Okafor drove him to the station."))


# --- session 31's review (wt-revbump12): each fails on e957f0c ---------------------------------------------------
# a boy who turns 13 on the walk: the source gives him both ages
HIKE = " ".join(["Two boys set off on the coast path from Whitby on Saturday. Ben Carter, 12, and his friend Sam Wood, 13,",
                 "walked for three days. Ben Carter turned 13 on the second day, and the pair reached Scarborough on Monday."])


def test_an_age_written_aged_is_read() -> None:
    (found,) = _ages(_report(FLOOD, "Martin Howe, aged 9, was swept away while playing on the bank."))
    assert (found.evidence[0].text, found.evidence[1].text) == ("Martin Howe", "Oliver")
    assert not _ages(_report(FLOOD, "Oliver, aged 9, was swept away while playing on the bank."))


def test_an_age_the_source_says_a_person_turned_is_theirs_too() -> None:
    assert not _ages(_report(HIKE, "Ben Carter, 13, reached Scarborough on Monday."))
    assert _ages(_report(HIKE, "Ben Carter, 12, and Sam Wood, 12, reached Scarborough on Monday."))


def test_a_lower_case_texts_span_holds_its_own_words() -> None:
    text = "martin howe, 9, was swept away while playing on the bank."
    (found,) = _ages(_report(FLOOD, text))
    mine = found.evidence[0]
    assert mine.text == text[mine.start : mine.end] == "martin howe"


def test_an_office_named_without_its_qualifier_is_the_persons_own() -> None:
    force = ("Acting chief constable Dee Collins apologised to the family on Monday. "
             "Chief constable Mark Gilmore has been suspended since June. "
             "Former chief constable Ray Moss was at the meeting.")  # fmt: skip
    assert not _offices(_report(force, "Chief constable Dee Collins apologised to the family on Monday."))
    # "former" is no qualifier to drop: the text gives a past holder the present one's office
    (found,) = _offices(_report(force, "Chief constable Ray Moss was at the meeting."))
    assert (found.evidence[0].text, found.evidence[1].text) == ("Ray Moss", "Mark Gilmore")


def test_a_person_given_another_age_than_the_sources_give_them_is_a_number_conflict() -> None:
    text = "Martin Howe's son Oliver, 10, was swept away while playing on the bank."
    report = _report(FLOOD, text)
    (found,) = [f for f in report.findings if f.kind == "conflict" and f.type == "number"]
    assert [(e.doc, e.text) for e in found.evidence] == [("text", "10"), ("source", "9")]
    assert text[found.evidence[0].start : found.evidence[0].end] == "10"
    assert FLOOD[found.evidence[1].start : found.evidence[1].end] == "9"
    assert report.check.sentences[0].verdict == "contradicted"
    # the age the source says the person reached in the story is theirs: no conflict
    assert not [f for f in _report(HIKE, "Ben Carter, 13, reached Scarborough.").findings if f.kind == "conflict"]
    # a thing's age is not the person's after it ("a 10-year-old deal with Tom Ford")
    deal = "Tom Ford signed a 10-year-old deal with the label. Ann Ross, 10, sang at the launch."
    assert not [f for f in _report(deal, "Tom Ford, 54, signed with the label.").findings if f.kind == "conflict"]


def test_compare_reads_one_persons_two_ages_once_and_no_age_of_anothers() -> None:
    from storycheck import compare

    def conflicts(a: str, b: str) -> list:
        report = compare([Document("a", a), Document("b", b)], embedder=None)
        return [(f.type, [(e.doc, e.text) for e in f.evidence]) for f in report.findings if f.kind == "conflict"]

    # one person given two ages by two reports: one number conflict, read from both once
    assert conflicts(FLOOD, "Martin Howe's son Oliver, 6, was swept away.") == [("number", [("a", "9"), ("b", "6")])]
    # a year or two apart is a birthday between two reports (a charge and a verdict), not a conflict
    assert conflicts(FLOOD, "Martin Howe's son Oliver, 10, was swept away.") == []
    # two reports each give ages the other does not: another's age is no sign of an error (check reads it)
    assert conflicts(FLOOD, "Martin Howe, 11, rushed to the river when he heard the screams.") == []
    # "a 66-year-old Burnsville woman": the woman's age, not a place's
    crash = "A 66-year-old Burnsville woman died in the crash. Police named her as Ann Dale on Thursday."
    assert not _ages(_report(crash, "Ann Dale, 66, died in the crash."))
    assert not [f for f in _report(crash, "Ann Dale, 66, died in the crash.").findings if f.kind == "conflict"]
