"""What a fact-checker found wrong in ``compare`` and ``check`` (session 23's walk-through of hand-written
reports), on short texts written for these tests: a contradicted negation scored like a supported sentence, an
unchanged first name named among the words the sources do not give, reported speech made a direct quote by the
same speaker left a single-source quote, a quote of the first clause of a longer narration sentence missed, an
anonymous claim without quote marks left without its reason, and a claim whose person is named or titled otherwise
called "stated alike"."""

from __future__ import annotations

import pytest

from storycheck.check import check
from storycheck.core import compare_documents
from storycheck.records import Document

TAIL = " The work is due to finish in the spring."  # a text never repeats its whole source


def _check(source: str, text: str):  # noqa: ANN202
    return check([Document("source", source + TAIL)], Document("text", text), embedder="none")


def _compare(a: str, b: str):  # noqa: ANN202
    return compare_documents([Document("a", a), Document("b", b)], embedder="none")


@pytest.mark.parametrize(
    ("source", "text", "antonym"),
    [
        ("The council approved the levy on Tuesday.", "The council did not approve the levy on Tuesday.",
         "The council rejected the levy on Tuesday."),
        ("The storm did not damage the hospital.", "The storm damaged the hospital.", None),
        ("Police arrested the driver after the crash.", "Police did not arrest the driver after the crash.",
         None),
    ],
)
def test_a_contradicted_negation_scores_as_a_contradiction(source, text, antonym):
    report = _check(source, text)
    (verdict,) = report.check.sentences
    assert verdict.verdict == "contradicted"
    assert any(f.type == "negation" for f in report.findings)
    assert verdict.score < 0.6 and report.check.score < 0.6  # base: 0.86-0.90, beside 0.97+ for the source's words
    if antonym:  # as an antonym of the source's verb scores (another way to say the opposite)
        other = _check(source, antonym).check.sentences[0].score
        assert abs(verdict.score - other) < 0.25


def test_the_same_words_with_the_negation_still_score_high():
    report = _check("The council did not approve the levy on Tuesday.", "The council did not approve the levy on Tuesday.")
    assert report.check.sentences[0].verdict == "supported" and report.check.score > 0.9


@pytest.mark.parametrize(
    ("source", "text", "first", "other"),
    [
        ("Former minister Peter Lindqvist, who chairs the flood committee, backed the plan.",
         "Former minister Peter Lindkvist, who chairs the flood committee, backed the plan.", "Peter", "Lindkvist"),
        ("Coach Maria Santos praised the team after the match.", "Coach Maria Santoz praised the team after the match.",
         "Maria", "Santoz"),
    ],
)
def test_an_unchanged_first_name_is_not_among_the_words_the_sources_lack(source, text, first, other):
    report = _check(source, text)
    (verdict,) = report.check.sentences
    assert verdict.verdict == "contradicted"
    missing = [m.text for m in verdict.missing]
    assert first not in missing
    assert other in missing  # the misspelt surname stays named


def test_reported_speech_made_a_direct_quote_is_corroborated_as_reported_speech():
    report = _compare(
        "The council voted on Thursday to build a sea wall. Mayor Helen Okafor said the wall would cost $2 million.",
        'The council voted on Thursday to build a sea wall. "The wall will cost $2 million," Okafor said.',
    )
    assert not [f for f in report.findings if f.kind == "single_source"]
    (quote,) = [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"]
    assert {(e.doc, e.text) for e in quote.evidence} == {("a", "the wall would cost $2 million"), ("b", "The wall will cost $2 million")}
    assert "reported speech" in quote.explanation


def test_reported_speech_of_another_speaker_corroborates_no_quote():
    report = _compare(
        "The council voted on Thursday to build a sea wall. Mayor Helen Okafor said the wall would cost $2 million.",
        'The council voted on Thursday to build a sea wall. "The wall will cost $2 million," engineer Tom Barker said.',
    )
    assert not [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"]
    assert [f for f in report.findings if f.kind == "single_source" and f.type == "quote"]


def test_a_quote_of_the_first_clause_of_a_narration_sentence_is_narration_to_quote():
    report = _compare(
        "The court struck down the levy on Monday. The ruling is a major setback for Delgado, who had defended the "
        "levy in two elections.",
        'The court struck down the levy on Monday. "The ruling is a major setback for Delgado," said Ana Ruiz, a law '
        "professor.",
    )
    (found,) = [f for f in report.findings if f.type == "narration_to_quote"]
    assert found.evidence[0].doc == "a" and found.evidence[0].text == "The ruling is a major setback for Delgado"
    assert not [f for f in report.findings if f.kind == "single_source"]


def test_a_clause_that_is_someone_elses_reported_speech_is_no_narration():
    report = _compare(
        "The court struck down the levy on Monday. The ruling is a major setback for the council, Okafor said, "
        "and it will appeal.",
        'The court struck down the levy on Monday. "The ruling is a major setback for the council," said Ana Ruiz, '
        "a law professor.",
    )
    assert not [f for f in report.findings if f.type == "narration_to_quote"]


@pytest.mark.parametrize(
    "claim",
    [
        "The mayor will resign next month, a senior official said, speaking on condition of anonymity.",
        "A council official who asked not to be named said the mayor will resign next month.",
        "The mayor will resign next month, sources said.",
        "Officials said the mayor will resign next month.",
    ],
)
def test_an_anonymous_claim_without_quote_marks_has_the_unnamed_speaker_reason(claim):
    report = _compare("The council voted on Thursday to build a sea wall. " + claim,
                      "The council voted on Thursday to build a sea wall.")
    (single,) = [f for f in report.findings if f.kind == "single_source"]
    assert single.type == "claim" and "unnamed_speaker" in single.reasons


@pytest.mark.parametrize(
    "claim",
    [
        "Mayor Helen Okafor said she will resign next month.",
        "The indictment said the mayor submitted false documents to the state.",  # a document, no speaker
        "The judge said the mayor submitted false documents to the state.",  # one the story identifies
    ],
)
def test_a_named_or_identified_speakers_claim_has_no_unnamed_speaker_reason(claim):
    report = _compare("The council voted on Thursday to build a sea wall. " + claim,
                      "The council voted on Thursday to build a sea wall.")
    (single,) = [f for f in report.findings if f.kind == "single_source"]
    assert "unnamed_speaker" not in single.reasons


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        ("Former minister Peter Lindqvist, who chairs the flood committee, backed the plan on Monday.",
         "Former minister Peter Lindkvist, who chairs the flood committee, backed the plan on Monday.", "name"),
        ("Deputy Finance Minister Anna Berg presented the budget to parliament on Monday.",
         "Finance Minister Anna Berg presented the budget to parliament on Monday.", "title"),
    ],
)
def test_a_claim_whose_person_is_named_otherwise_is_not_stated_alike(a, b, kind):
    for report in (_compare(a, b), _check(a, b)):
        assert [f for f in report.findings if f.kind == "conflict" and f.type == kind]
        assert not [f for f in report.findings if f.kind == "corroborated" and f.type == "claim"]


def test_the_same_person_named_alike_is_still_a_corroborated_claim():
    a = "Former minister Peter Lindqvist, who chairs the flood committee, backed the plan on Monday."
    report = _compare(a, a.replace("backed", "supported"))
    assert [f for f in report.findings if f.kind == "corroborated" and f.type == "claim"]


def test_a_quote_of_a_clause_the_narration_credits_to_someone_is_no_narration_to_quote():
    report = _compare(
        "The court struck down the levy on Monday. He was, according to the Ledger, the last great reformer of the "
        "century.",
        'The court struck down the levy on Monday. The Ledger called him "the last great reformer of the century".',
    )
    assert not [f for f in report.findings if f.type == "narration_to_quote"]


def test_two_reports_that_spell_a_name_alike_still_corroborate_the_claim():
    a = "Police said they had located Anthony LaCalamita, 38, on the highway north of Detroit."
    c = "Police said they had found Anthony Calamita near Detroit on Tuesday night after a chase."
    report = compare_documents([Document("a", a), Document("b", a.replace("located", "found")), Document("c", c)],
                               embedder="none")
    assert [f for f in report.findings if f.type == "name"]
    claims = [f for f in report.findings if f.kind == "corroborated" and f.type == "claim"]
    assert any({e.doc for e in f.evidence} == {"a", "b"} for f in claims)


def test_a_quote_after_a_colon_in_both_reports_is_a_quote_not_reported_speech():
    quote = 'A police spokeswoman said: "The fire has progressed rapidly through the store, which is almost destroyed."'
    report = _compare("Fire crews were called to the store at 6am. " + quote,
                      "Fire crews were called to the store at dawn. " + quote)
    assert not [f for f in report.findings if "reported speech" in f.explanation]


def test_words_after_an_opening_quote_mark_left_open_are_no_reported_speech():
    report = _compare(
        'Fire crews were called to the store at 6am. A police spokeswoman said: "The fire has progressed rapidly '
        "through the store, which is almost destroyed.",
        'Fire crews were called to the store at dawn. "The fire has progressed rapidly through the store, which is '
        'almost destroyed," a police spokeswoman said.',
    )
    assert not [f for f in report.findings if "reported speech" in f.explanation]


def test_a_quote_whose_marks_the_parser_did_not_pair_is_no_narration():
    report = _compare(
        'The presenter was filmed at a tow yard on Monday. Among the highlights: "I am on television and you are in '
        'a trailer, honey," and "I would not work at a place like this."',
        "the presenter was filmed at a tow yard on monday . `` i am on television and you are in a trailer , honey , "
        "'' and `` i would not work at a place like this . '' the video was shared widely .",
    )
    assert not [f for f in report.findings if f.type == "narration_to_quote"]


def test_a_title_in_other_words_leaves_the_claim_corroborated():
    # a ``role`` clash (another office noun or wording) is the uncertain kind: ECB+ had one job in other words
    a = "Palmer public safety director Jon Owen said the first call came in at 3:33 a.m. from the hotel."
    b = "Jon Owen, the city's public safety director, said the first call came in at 3:33 a.m. from the hotel."
    report = _compare(a, b)
    assert [f for f in report.findings if f.kind == "corroborated" and f.type == "claim"]


def test_words_before_a_closing_quote_mark_whose_opening_is_lost_are_no_reported_speech():
    report = _compare(
        "The studio and the director argued for months. Ultimately, it will be difficult, and yet everybody will do "
        "the sane thing, which is to work it out, ” says one.",
        "The studio and the director argued for months. “Ultimately, it will be difficult, and yet everybody will do "
        "the sane thing, which is to work it out,” says one.",
    )
    assert not [f for f in report.findings if "reported speech" in f.explanation]


@pytest.mark.parametrize(
    "reported",
    [
        "Mayor Helen Okafor said the wall would cost $3 million.",  # another figure
        "Mayor Helen Okafor said the wall would cost $2 billion.",  # another scale
        "Mayor Helen Okafor said the wall would not cost $2 million.",  # denied
    ],
)
def test_reported_speech_with_another_figure_or_a_negation_corroborates_no_quote(reported):
    # review revj18: base (1ecafa3) called these a corroborated quote (0.909-0.917) beside the number/negation conflict
    report = _compare(
        "The council voted on Thursday to build a sea wall. " + reported,
        'The council voted on Thursday to build a sea wall. "The wall will cost $2 million," Okafor said.',
    )
    assert not [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"]
    assert [f for f in report.findings if f.kind == "single_source" and f.type == "quote"]  # the quote is Okafor's alone


def test_reported_speech_in_another_tense_and_person_still_corroborates_the_quote():
    report = _compare(
        "The council voted on Thursday to build a sea wall. Mayor Helen Okafor said they would not cut the $2 million budget.",
        'The council voted on Thursday to build a sea wall. "We will not cut the $2 million budget," Okafor said.',
    )
    assert [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"]


@pytest.mark.parametrize(
    "narration",
    [
        "The sea wall will cost the town $2 million to rebuild next year, the report found on Tuesday.",
        "The sea wall will not be rebuilt by the town next year, and the pier is gone.",
    ],
)
def test_a_clause_with_another_figure_or_a_negation_is_not_the_quotes_words(narration):
    # review revj18: base (1ecafa3) matched the clause to the quote as narration_to_quote ("the same words", 0.93-0.94)
    quote = ('"The sea wall will cost the town $3 million to rebuild next year," Okafor said.' if "$" in narration
             else '"The sea wall will be rebuilt by the town next year," Okafor said.')
    report = _compare("The storm hit the coast on Monday. " + narration, "The storm hit the coast on Monday. " + quote)
    assert not [f for f in report.findings if f.type == "narration_to_quote"]


def test_a_clause_that_is_the_quotes_words_is_still_narration_to_quote():
    report = _compare(
        "The storm hit the coast on Monday. The sea wall will be rebuilt by the town next year, and the pier is gone.",
        'The storm hit the coast on Monday. "The sea wall will be rebuilt by the town next year," Okafor said.',
    )
    assert [f for f in report.findings if f.type == "narration_to_quote"]
