"""The judge on minimal pairs written for these tests, one conflict type each, worded unlike the bundled
example, and on pairs that look alike but must not be reported as conflicts."""

from __future__ import annotations

import pytest

import storycheck
from storycheck.check import check
from storycheck.records import Document

CONFLICTS = [
    (
        "number",  # a total that is no sum of the parts
        "The court convicted Tomas Weller of 21 counts of fraud and six counts of theft on Friday.",
        "The court convicted Tomas Weller of 29 counts of fraud and theft on Friday.",
        {"b": "29"},
    ),
    (
        "number",  # figures of two verbs are no parts of one count
        "Five people were killed in the attack on the market in Kabul on Friday, officials said.",
        "Two people were killed and three people were wounded in the attack on the market in Kabul on Friday.",
        {"a": "Five", "b": "Two"},
    ),
    (
        "number",  # a part carries the total's own qualifier: it is the total's figure, not a part of it
        "The company cut 500 jobs in Ohio on Monday, the spokesman said.",
        "The company cut 200 jobs in Ohio and 300 jobs in Texas on Monday, the spokesman said.",
        {"a": "500", "b": "200"},
    ),
    (
        "number",  # percentages do not add up
        "Shares fell 7% on Monday after the company cut its forecast, traders said.",
        "Shares fell 3% on Monday and 4% on Tuesday after the company cut its forecast, traders said.",
        {"a": "7%", "b": "3%"},
    ),
    (
        "number",
        "A magnitude 6.4 earthquake struck the coastal city of Marenza on Tuesday, officials said.",
        "An earthquake of magnitude 6.1 struck the coastal city of Marenza on Tuesday, officials said.",
        {"a": "6.4", "b": "6.1"},
    ),
    (
        "number",
        "The club paid £45 million for the striker, the highest fee in its history.",
        "The club paid £54 million for the striker, the highest fee in its history.",
        {"a": "£45 million", "b": "£54 million"},
    ),
    (
        "date",
        "The Harrow Bridge reopened to traffic on May 3, 2024, after two years of repairs.",
        "The Harrow Bridge reopened to traffic on May 4, 2024, after two years of repairs.",
        {"a": "May 3, 2024", "b": "May 4, 2024"},
    ),
    (
        "date",
        "Voters in Kellin will return to the polls on Friday, the electoral commission announced.",
        "Voters in Kellin will return to the polls on Sunday, the electoral commission announced.",
        {"a": "Friday", "b": "Sunday"},
    ),
    (
        "name",
        "Governor Elena Varga declared a state of emergency and asked the army for help.",
        "Governor Elena Vargas declared a state of emergency and asked the army for help.",
        {"a": "Elena Varga", "b": "Elena Vargas"},
    ),
    (
        "title",
        "Finance Minister Carl Osei presented the budget to parliament on Wednesday.",
        "Foreign Minister Carl Osei presented the budget to parliament on Wednesday.",
        {"a": "Finance Minister", "b": "Foreign Minister"},
    ),
    (
        "actor",
        "Acme Robotics sued Brightline Systems over the patent in March.",
        "Brightline Systems sued Acme Robotics over the patent in March.",
        {"a": "Acme Robotics", "b": "Brightline Systems"},
    ),
    (
        "actor",  # two parties the reports name with common nouns, the action given to the other one
        "The union accused the employers of breaking the pay deal. The dockers' union called the strike on Monday.",
        "The union accused the employers of breaking the pay deal. The employers called the strike on Monday.",
        {"a": "The dockers' union", "b": "The employers"},
    ),
    (
        "actor",  # two sides of a dispute (lexicon.COUNTERPARTS), however little else the reports say
        "The union called the strike on Monday.",
        "The employers called the strike on Monday.",
        {"a": "The union", "b": "The employers"},
    ),
    (
        "actor",  # two kinds of people by calling that never name the same people (lexicon.GROUPS_APART)
        "Police arrested the man on Friday.",
        "Soldiers arrested the man on Friday.",
        {"a": "Police", "b": "Soldiers"},
    ),
    (
        "actor",  # a head such as "officers" takes its kind from the word before it
        "Police officers arrested the man on Friday.",
        "Soldiers arrested the man on Friday.",
        {"a": "Police officers", "b": "Soldiers"},
    ),
    (
        "actor",
        "Firefighters rescued the boy from the river on Friday.",
        "Paramedics rescued the boy from the river on Friday.",
        {"a": "Firefighters", "b": "Paramedics"},
    ),
    (
        "actor",
        "The landlord ended the lease in March.",
        "The tenant ended the lease in March.",
        {"a": "The landlord", "b": "The tenant"},
    ),
    (
        "actor",  # the two sides of talks "between" them; a subject opening the sentence in capitals
        "Talks between the union and the employers broke down. The union called the strike on Monday.",
        "Talks between the union and the employers broke down. Employers called the strike on Monday.",
        {"a": "The union", "b": "Employers"},
    ),
    (
        "actor",  # a passive with its doer reads as the active: who sued whom is swapped
        "Acme Robotics sued Brightline Systems over the patent in March.",
        "Acme Robotics was sued by Brightline Systems over the patent in March.",
        {"a": "Acme Robotics", "b": "Brightline Systems"},
    ),
    (
        "actor",  # and a passive's doer is compared with an active's subject
        "The union accused employers of lying about pay. The dockers' union called the strike on Monday.",
        "The union accused employers of lying about pay. The strike was called by the employers on Monday.",
        {"a": "The dockers' union", "b": "the employers"},
    ),
    (
        "actor",  # two doers of one passive
        "The patent was bought by Acme Robotics in March for its new factory, the company said.",
        "The patent was bought by Brightline Systems in March for its new factory, the company said.",
        {"a": "Acme Robotics", "b": "Brightline Systems"},
    ),
    (
        "actor",  # who was acted on, in the passive with its doer
        "Tom Harris was arrested by police outside his home in Leeds on Friday morning, his lawyer said.",
        "Jack Dunn was arrested by police outside his home in Leeds on Friday morning, his lawyer said.",
        {"a": "Tom Harris", "b": "Jack Dunn"},
    ),
    (
        "negation",  # a passive with its doer against one without: the passive's subject is compared
        "Tom Harris was not shot outside the bank in Leeds on Friday, police said.",
        "Tom Harris was shot by police outside the bank in Leeds on Friday.",
        {"a": "was not shot", "b": "shot"},
    ),
    (
        "negation",  # a denied passive with its doer against the active
        "The strike was not called by the union on Monday, the port said.",
        "The union called the strike on Monday, the port said.",
        {"a": "was not called", "b": "called"},
    ),
    (
        "negation",
        "Police arrested the owner of the collapsed building on Wednesday.",
        "Police did not arrest the owner of the collapsed building on Wednesday.",
        {"a": "arrested", "b": "did not arrest"},
    ),
    (
        "quote_wording",
        '"We are counting every minute," Governor Elena Varga told reporters in Marenza.',
        '"We are counting every single minute," Governor Elena Varga told reporters in Marenza.',
        {"a": "We are counting every minute", "b": "We are counting every single minute"},
    ),
    (
        "quote_attribution",
        '"This plan is dead on arrival," said Senator Ruth Okafor after the vote in the capital.',
        '"This plan is dead on arrival," said Senator James Lindqvist after the vote in the capital.',
        {"a": "Ruth Okafor", "b": "James Lindqvist"},
    ),
    (
        "narration_to_quote",
        "Food prices in the region will keep rising until the harvest comes in.",
        '"Food prices in the region will keep rising until the harvest comes in," said Omar Haddad, a grain trader.',
        {"a": "Food prices in the region will keep rising until the harvest comes in"},
    ),
]

AGREEING = [
    ("$3 million", "The city will spend $3 million on new flood barriers, the mayor said.",
     "The city will spend $3,000,000 on new flood barriers, the mayor said."),
    ("bounds", "The earthquake killed at least 37 people in the coastal city of Marenza.",
     "The earthquake killed more than 30 people in the coastal city of Marenza."),
    ("approximately", "Nearly 2,000 people were evacuated from the valley before the dam failed.",
     "Some 1,950 people were evacuated from the valley before the dam failed."),
    ("precision", "The company was founded in 2019 by two former bankers in Lisbon.",
     "The company was founded in March 2019 by two former bankers in Lisbon."),
    ("surname only", "Prime Minister Anna Lind said the talks had failed. Lind left the summit early.",
     "Lind said the talks had failed and left the summit early."),
    ("paraphrase", "The storm cut power to 80,000 homes across the county on Sunday night.",
     "On Sunday night, the storm left 80,000 homes across the county without power."),
    ("middle initial", "Prime Minister John F. Hale met the strikers on Monday in the capital city.",
     "Prime Minister John Hale met the strikers on Monday in the capital city."),
    ("apostrophe", "Dockworkers cheered when Sean O'Brien, the union leader, arrived at the port on Monday.",
     "Dockworkers cheered when Sean O’Brien, the union leader, arrived at the port on Monday."),
    ("accents", "Dockworkers cheered when José Álvarez, the union leader, arrived at the port on Monday.",
     "Dockworkers cheered when Jose Alvarez, the union leader, arrived at the port on Monday."),
    ("accented title", "Żaneta Ćwik, the mayor of Łódź, said the strike had cost the city dearly.",
     "Zaneta Cwik, the mayor of Lodz, said the strike had cost the city dearly."),
    ("symmetric verb", "Prime Minister John Hale met Maria Costa in the capital on Monday to discuss the strike.",
     "Maria Costa met Prime Minister John Hale in the capital on Monday to discuss the strike."),
    ("estimated", "The new terminal cost an estimated $4 million, the port authority said on Monday.",
     "The new terminal cost $4 million, the port authority said on Monday."),
    ("vague with a scale", "Several thousand dockworkers walked off the job on Monday, shutting Port Selvan.",
     "Some 4,000 dockworkers walked off the job on Monday, shutting Port Selvan."),
    ("other dollars", "The port handles goods worth A$1.8 billion a month, the company said on Monday.",
     "The port handles goods worth US$1.2 billion a month, the company said on Monday."),
    ("a total", "The court convicted Tomas Weller of 21 counts of fraud and six counts of theft on Friday.",
     "The court convicted Tomas Weller of 27 counts of fraud and theft on Friday."),
    ("a total first", "The court convicted Tomas Weller of 27 counts of fraud and theft on Friday.",
     "The court convicted Tomas Weller of 21 counts of fraud and six counts of theft on Friday."),
    ("a total of places", "The company cut 500 jobs on Monday, the spokesman said.",
     "The company cut 200 jobs in Ohio and 300 jobs in Texas on Monday, the spokesman said."),
    ("passive", "Acme Robotics sued Brightline Systems over the patent in March.",
     "Brightline Systems was sued by Acme Robotics over the patent in March."),
    # two descriptions of one doer, never given as two sides of one action: no actor finding
    ("one doer described twice", "Police arrested a man on Friday. The man fled the scene before officers arrived.",
     "Police arrested a man on Friday. The suspect fled the scene before officers arrived."),
    ("one firm named twice", "The company announced the takeover on Monday. The firm employs 300 people in Leeds.",
     "The firm announced the takeover on Monday. The company employs 300 people in Leeds."),
    # ...even when both are named in one sentence, or when two nouns joined by "and" may both have done it
    ("two descriptions in one sentence", "The man stabbed a guard at the station on Friday. Officers arrested the suspect after the man tried to flee.",
     "The suspect stabbed a guard at the station on Friday. Officers arrested the suspect after the man tried to flee."),
    ("police and officers", "Police closed the road on Saturday. Officers said police would stay overnight.",
     "Officers closed the road on Saturday. Officers said police would stay overnight."),
    ("the team and its players", "The team won the cup on Sunday after the players rallied in the second half.",
     "The players won the cup on Sunday after the players rallied in the second half."),
    ("one side told two ways", "The union called the strike on Monday.", "The workers called the strike on Monday."),
    ("officers and police", "Officers arrested the man on Friday.", "Police arrested the man on Friday."),
    ("troops and soldiers", "Troops arrested the man on Friday.", "Soldiers arrested the man on Friday."),
    ("a joint force", "Police and soldiers raided the house on Friday. Police arrested the man on Friday.",
     "Police and soldiers raided the house on Friday. Soldiers arrested the man on Friday."),
    ("protesters of a calling", "Protesters blocked the road on Friday.", "Doctors blocked the road on Friday."),
    ("both did it", "The workers welcomed the deal on Friday. The union and the workers said the deal was fair.",
     "The union welcomed the deal on Friday. The union and the workers said the deal was fair."),
    # the date after the list is the whole list's, not the last part's
    ("a total dated after its list", "The court convicted Tomas Weller of 21 counts of fraud and six counts of theft on Friday.",
     "The court convicted Tomas Weller of 27 counts on Friday."),
]  # fmt: skip


@pytest.fixture(params=["none", "static"])
def embedder(request) -> str:
    """Every judgement must hold with words alone and with the default (static) embedder."""
    return request.param


def _story(a: str, b: str, embedder: str) -> storycheck.Report:
    return storycheck.compare([Document("a", a), Document("b", b)], embedder=embedder)


@pytest.mark.parametrize(("kind", "a", "b", "spans"), CONFLICTS, ids=[c[0] for c in CONFLICTS])
def test_minimal_pair_conflict(kind, a, b, spans, embedder):
    report = _story(a, b, embedder)
    texts = {"a": a, "b": b}
    found = [f for f in report.findings if f.kind == "conflict" and f.type == kind]
    assert found, [(f.kind, f.type, [s.text for s in f.evidence]) for f in report.findings]
    evidence = {(s.doc, s.start, s.end) for s in found[0].evidence}
    for doc, needle in spans.items():
        start = texts[doc].index(needle)
        assert (doc, start, start + len(needle)) in evidence, (doc, needle, [s.text for s in found[0].evidence])
    # one typed conflict, not a cascade of others
    others = [f.type for f in report.findings if f.kind == "conflict" and f.type != kind]
    assert not others, others


@pytest.mark.parametrize(("why", "a", "b"), AGREEING, ids=[c[0] for c in AGREEING])
def test_compatible_statements_are_not_conflicts(why, a, b, embedder):
    report = _story(a, b, embedder)
    conflicts = [(f.type, [s.text for s in f.evidence]) for f in report.findings if f.kind == "conflict"]
    assert not conflicts, conflicts
    assert any(f.kind in {"corroborated", "partial"} for f in report.findings), why


def test_single_source_reasons(embedder):
    a = ("The dam failed at dawn on Monday, flooding the valley.\n\n"
         '"The warnings were ignored for months," said an engineer who asked not to be named.\n\n'
         "Repairs will cost an estimated €12 million, according to the regional council.")
    b = "The dam failed at dawn on Monday, flooding the valley."
    report = _story(a, b, embedder)
    singles = {f.type: f for f in report.findings if f.kind == "single_source"}
    assert "unnamed_speaker" in singles["quote"].reasons
    quote = singles["quote"]
    assert any(s.text == "The warnings were ignored for months" for s in quote.evidence)
    assert any("number" in f.reasons for f in report.findings if f.kind == "single_source" and f.type == "claim")
    assert all(f.evidence[0].doc == "a" for f in singles.values())


def test_partial_names_the_added_detail(embedder):
    a = "The storm cut power to 80,000 homes across the county on Sunday night."
    b = "The storm cut power to homes across the county on Sunday night."
    report = _story(a, b, embedder)
    partial = [f for f in report.findings if f.kind == "partial"]
    assert partial and partial[0].type == "number"
    assert any(s.doc == "a" and s.text == "80,000" for s in partial[0].evidence)


@pytest.mark.parametrize(("b", "kind", "value"), [
    ("The union, which has 4,000 members, called the strike at the port on Monday.", "number", "4,000"),
    ("The union called the strike at the port on Monday, the first since 2019.", "date", "2019"),
    ("The union called the strike at the port on Monday after talks failed in March.", "date", "March"),
])  # fmt: skip
def test_an_amount_or_a_year_in_a_clause_only_one_report_has_is_an_added_detail(b, kind, value, embedder):
    """"An amount or a year only one of them gives", told in a clause of its own ("which has 4,000 members", "after
    talks failed in March") rather than on the verb the two reports share."""
    a = "The union called the strike at the port on Monday."
    partial = [f for f in _story(a, b, embedder).findings if f.kind == "partial" and f.type == kind]
    assert [(s.doc, s.text) for f in partial for s in f.evidence if s.doc == "b"] == [("b", value)]
    # the other report gives it elsewhere: nothing added
    a += " The union has 4,000 members. It is the first strike since 2019. Talks failed in March."
    assert not [f for f in _story(a, b, embedder).findings if f.kind == "partial" and f.type == kind]


def test_a_name_the_other_report_writes_is_no_added_detail(embedder):
    """The recognizer misses "Acme Robotics" opening the first report; the second report adds nothing: the first
    writes the name. Another person of the same surname is still another person: an added detail, or (since session 18,
    two names that share a word are two doers) another actor of the same claim."""
    a = "Acme Robotics sued Brightline Systems over the patent in March."
    b = "Brightline Systems was sued by Acme Robotics over the patent in March."
    added = [f for f in _story(a, b, embedder).findings if f.kind == "partial" and f.type == "entity"]
    assert not added, [[s.text for s in f.evidence] for f in added]
    a = "Jane Smith sued the council over the new road in March."
    b = "John Smith sued the council over the new road in March."
    added = [f for f in _story(a, b, embedder).findings if (f.kind, f.type) in {("partial", "entity"), ("conflict", "actor")}]
    assert {s.text for f in added for s in f.evidence} >= {"Jane Smith", "John Smith"}, added


def test_a_name_written_inside_a_longer_name_is_not_written():
    """``Smith`` inside ``John Smith`` and ``Acme`` inside ``Acme Robotics`` are other, longer names."""
    from storycheck.judge import _writes_name

    assert _writes_name("Acme Robotics sued Brightline on Friday.", "Acme Robotics")
    assert _writes_name("The court heard from Smith, who denied it.", "Smith")
    assert not _writes_name("The court heard from John Smith, who denied it.", "Smith")
    assert not _writes_name("Acme Robotics sued Brightline on Friday.", "Acme")
    assert not _writes_name("The Acmeville plant closed.", "Acme")


def test_partial_names_an_added_cause(embedder):
    a = "The airline cancelled 40 flights at Dunmore airport on Friday because of a strike by baggage handlers."
    b = "The airline cancelled 40 flights at Dunmore airport on Friday."
    report = _story(a, b, embedder)
    cause = [f for f in report.findings if f.kind == "partial" and f.type == "cause"]
    assert cause, [(f.kind, f.type) for f in report.findings]
    assert any(s.doc == "a" and s.text == "because of a strike by baggage handlers" for s in cause[0].evidence)
    assert not [f for f in report.findings if f.kind == "conflict"]


def test_a_quote_running_over_paragraphs_is_not_narration(embedder):
    a = ("Dockworkers walked off the job on Monday at Port Selvan.\n\n"
         "“We will fight for every single job at this port until the end.\n\n"
         "“Nobody can stop us now,” said Tomas Rey, the union leader.")
    b = ("Dockworkers walked off the job on Monday at Port Selvan.\n\n"
         "“We will fight for every single job at this port until the end,” said Tomas Rey, the union leader.")
    report = _story(a, b, embedder)
    conflicts = [(f.type, [s.text for s in f.evidence]) for f in report.findings if f.kind == "conflict"]
    assert not conflicts, conflicts
    assert any(f.kind == "corroborated" and f.type == "quote" for f in report.findings)


def test_a_quote_of_several_sentences_is_one_single_source_finding(embedder):
    a = ('Port Selvan was shut on Monday. "We will fight for every job. We will win this battle. We never give up," '
         "said Tomas Rey, the union leader.")
    b = "Port Selvan was shut on Monday by a strike of dockworkers."
    report = _story(a, b, embedder)
    singles = [(f.type, f.evidence[0].text) for f in report.findings if f.kind == "single_source"]
    assert singles == [("quote", "We will fight for every job. We will win this battle. We never give up")]


def test_an_unattributed_quote_reads_as_such(embedder):
    a = '"We will win this strike." Dockworkers walked off the job on Monday.'
    b = '"We will win this strike," said Tomas Rey. Dockworkers walked off the job on Monday.'
    report = _story(a, b, embedder)
    (found,) = [f for f in report.findings if f.type == "quote_attribution"]
    assert found.values == {"a": "unattributed", "b": "Tomas Rey"}
    assert "“”" not in found.explanation and "“unattributed” (a)" in found.explanation


def test_a_british_single_quoted_quote_is_a_quote_not_narration(embedder):
    a = ("Dockworkers walked off the job on Monday at Port Selvan.\n\n"
         "‘We will fight for every single job at this port until the end,’ said Tomas Rey, the union leader.")
    b = ("Dockworkers walked off the job on Monday at Port Selvan.\n\n"
         "“We will fight for every single job at this port until the end,” said Tomas Rey, the union leader.")
    report = _story(a, b, embedder)
    conflicts = [(f.type, [s.text for s in f.evidence]) for f in report.findings if f.kind == "conflict"]
    assert not conflicts, conflicts
    assert any(f.kind == "corroborated" and f.type == "quote" for f in report.findings)
    assert not [f for f in report.findings if f.kind == "single_source" and f.type == "quote"]


def test_two_short_quotes_of_one_speaker_are_not_one_quote_reworded(embedder):
    a = 'Governor Elena Varga addressed the crowd in Marenza on Friday. "We will win," Varga said.'
    b = 'Governor Elena Varga addressed the crowd in Marenza on Friday. "We will fight," Varga said.'
    report = _story(a, b, embedder)
    assert not [f for f in report.findings if f.type == "quote_wording"]


def test_a_negative_word_after_the_verb_is_a_negation(embedder):
    """``has no card`` / ``doesn't have a card``, ``has been unable to`` / ``hasn't been able to``: both
    say it did not happen, so neither is a negation conflict; ``has signed`` / ``has not signed`` is."""
    source = ("Medical necessity: Moore suffers from several medical conditions and cannot walk, but because he has no "
              "Social Security card of any form of ID, he has been unable to receive medical treatment .")  # fmt: skip
    text = ("The 66-year-old outlaw suffers from many ailments but hasn't been able to seek medical treatment because "
            "he doesn't have Social Security card or ID .")  # fmt: skip
    report = check([Document("source", source)], Document("text", text), embedder=embedder)
    assert not [f for f in report.findings if f.kind == "conflict" and f.type == "negation"]
    # aligned with words alone too (the pair above aligns only with the embedder)
    found = _story("Police found no weapon at the house on Monday, officials said.",
                   "Police did not find a weapon at the house on Monday, officials said.", embedder)  # fmt: skip
    assert not [f for f in found.findings if f.kind == "conflict" and f.type == "negation"]
    signed = _story("The minister has signed the treaty with the rebels on Monday.",
                    "The minister has not signed the treaty with the rebels on Monday.", embedder)  # fmt: skip
    assert [f.type for f in signed.findings if f.kind == "conflict"] == ["negation"]


BOUNDS = [
    ("no later than", "The minister will resign no later than Friday, his office said on Monday.",
     "The minister will not resign, his office said on Monday."),
    ("no less than", "The company paid no less than $5 million to settle the case, the filing shows.",
     "The company did not pay $5 million to settle the case, the filing shows."),
    ("none other than", "The guards saw none other than the president at the gate on Monday.",
     "The guards did not see the president at the gate on Monday."),
    ("next sentence", "Finance minister Jan Novak resigned. No reason was given for the decision on Monday.",
     "Finance minister Jan Novak did not resign. No reason was given for the decision on Monday."),
]  # fmt: skip


@pytest.mark.parametrize(("why", "a", "b"), BOUNDS, ids=[c[0] for c in BOUNDS])
def test_a_bound_or_the_next_sentence_after_the_verb_is_no_negation(why, a, b, embedder):
    """``will resign no later than Friday`` says it will happen; ``resigned. No reason was given`` says he
    resigned: both still conflict with ``did not``."""
    report = _story(a, b, embedder)
    assert "negation" in [f.type for f in report.findings if f.kind == "conflict"]


def test_nothing_then_a_comma_and_but_is_a_denial():
    """``said nothing, but aides briefed reporters``: the comma parts ``nothing`` from the ``but`` (it is not
    ``nothing but``), so the text denies as the source's ``did not say anything`` does: no negation conflict."""
    report = check([Document("s", "The minister did not say anything on Monday.")],
                   Document("t", "The minister said nothing, but aides briefed reporters on Monday."))  # fmt: skip
    assert not [f for f in report.findings if f.kind == "conflict" and f.type == "negation"]
    assert report.check.sentences[0].verdict != "contradicted"


@pytest.mark.parametrize(("a", "b"), [
    ("Military police arrested the man on Friday.", "Soldiers arrested the man on Friday."),  # either kind may be meant
    ("Army doctors treated the wounded on Friday.", "Soldiers treated the wounded on Friday."),
    ("Security forces arrested the man on Friday.", "Police arrested the man on Friday."),  # "forces" name no one kind
])
def test_group_nouns_that_may_name_one_doer(a, b, embedder):
    """Two subjects of kinds ``lexicon.GROUPS_APART`` parts are no `actor` finding when either phrase has a word of the
    other's kind or a head that names no kind."""
    report = _story(a, b, embedder)
    assert not [f for f in report.findings if f.kind == "conflict"], [(f.type, [s.text for s in f.evidence]) for f in report.findings]


def test_a_denial_of_one_kind_against_another_is_an_actor_finding(embedder):
    """A denial of one group's act against another group's (``Police did not arrest`` / ``Soldiers arrested``) is two
    doers, not a negation of one (as for two sides of a dispute)."""
    report = _story("Police did not arrest the man on Friday.", "Soldiers arrested the man on Friday.", embedder)
    assert [f.type for f in report.findings if f.kind == "conflict"] == ["actor"], [(f.type, f.explanation) for f in report.findings]


def test_one_list_of_modals_and_conditions_for_judge_and_roles():
    """The role checks' hedges before an outcome verb and the judge's hedges of a sentence start from one list
    (``lexicon.HEDGES``), the judge adding the adverbs and forms that hedge a whole sentence; the two sets are
    the ones each kept before (no behaviour change)."""
    from storycheck import judge, roles
    from storycheck.lexicon import HEDGES

    assert roles._HEDGES == HEDGES == frozenset("may might could can would should must if unless whether".split())
    assert judge._UNSURE == HEDGES | frozenset("cannot ca ought probably possibly perhaps maybe reportedly allegedly "
                                               "apparently supposedly likely unlikely".split())  # fmt: skip
