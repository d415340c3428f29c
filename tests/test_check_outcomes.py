"""Session 18's gaps in who did what, each with the error a fact-checker must see and the faithful texts it must leave
alone (hand-written): outcomes one patient cannot both have (``killed`` / ``injured``, ``arrested`` / ``convicted``:
``lexicon.OUTCOMES``, read by ``roles._Guard.outcome``); a denial of one doer against another doer's affirmation
(``judge._verb_conflict``, ``_affirms_theirs``, ``_say_who``); two names that share a word (``Real Madrid`` /
``Atletico Madrid``: ``judge._names_apart``); a speech verb in the present against one in the past."""

from __future__ import annotations

import pytest
from pairhelp import check_pair, compare_pair, conflicts, exact


def _spans(findings: list) -> list[dict[str, str]]:
    return [{s.doc: s.text for s in f.evidence} for f in findings]




# --- 1. outcomes one patient cannot both have --------------------------------------------------------------------

CRASH = " when a bus crashed near Leeds on Friday."


@pytest.mark.parametrize(
    ("source", "text", "spans"),
    [
        ("Police said three people were killed" + CRASH, "Police said three people were injured" + CRASH,
         {"text": "injured", "source": "killed"}),
        ("Police said three people were injured" + CRASH, "Police said three people were killed" + CRASH,
         {"text": "killed", "source": "injured"}),
        ("Three people died" + CRASH, "Three people were injured" + CRASH, {"text": "injured", "source": "died"}),
        ("The gunman killed three people at the school on Monday.", "The gunman wounded three people at the school on Monday.",
         {"text": "wounded", "source": "killed"}),
        ("John Smith was arrested on Friday over the attack.", "John Smith was acquitted on Friday over the attack.",
         {"text": "acquitted", "source": "arrested"}),
        ("John Smith was arrested on Friday over the attack.", "John Smith was convicted on Friday over the attack.",
         {"text": "convicted", "source": "arrested"}),
        ("Police arrested John Smith on Friday over the attack.", "A court acquitted John Smith on Friday over the attack.",
         {"text": "acquitted", "source": "arrested"}),
    ],
)  # fmt: skip
def test_an_outcome_the_same_people_cannot_also_have_is_a_conflict(source: str, text: str, spans: dict) -> None:
    report = check_pair(source, text)
    found = conflicts(report, "antonym")
    assert spans in _spans(found), report.findings
    assert "cannot also have had" in found[0].explanation
    assert report.check.sentences[0].verdict == "contradicted"
    exact(report)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # the same sentence, and a paraphrase
        ("Police said three people were killed" + CRASH, "Police said three people were killed" + CRASH),
        ("Police said three people were killed" + CRASH, "Police said three people lost their lives" + CRASH),
        # killed and injured: both told
        ("Three people were killed and five were injured" + CRASH, "Five people were injured" + CRASH),
        ("The gunman killed three people and injured five others at the school.", "The gunman injured five people at the school."),
        # one killed, two injured: other people (other counts)
        ("One person was killed" + CRASH, "Two people were injured" + CRASH),
        ("The blast killed one person in Kabul on Monday.", "The blast injured two people in Kabul on Monday."),
        ("Three people were killed" + CRASH, "Five people were injured" + CRASH),
        # injured, later died: one story in steps, whichever report tells it
        ("John Smith was injured" + CRASH[:-1] + " and later died in hospital.", "John Smith was killed" + CRASH),
        ("John Smith was injured" + CRASH + " He died in hospital on Saturday.", "John Smith was killed" + CRASH),
        ("John Smith was killed" + CRASH, "John Smith was injured" + CRASH[:-1] + " and later died in hospital."),
        # another subject, and two people of whom the source tells each outcome
        ("John Smith was killed" + CRASH, "Peter Jones was injured" + CRASH),
        ("John Smith was killed and Peter Jones was injured" + CRASH, "Peter Jones was injured" + CRASH),
        ("Police arrested John Smith on Friday over the attack.", "A court acquitted Peter Jones on Friday over the attack."),
        # a denied outcome says nothing of the other
        ("Three people were injured" + CRASH, "Three people were not killed" + CRASH),
        # another time: two steps of one case
        ("John Smith was arrested on Friday over the attack.", "John Smith was convicted in March over the attack."),
        ("John Smith was arrested on Friday and convicted in March.", "John Smith was convicted in March."),
    ],
)  # fmt: skip
def test_outcomes_of_other_people_times_or_steps_are_no_conflict(source: str, text: str) -> None:
    assert not conflicts(check_pair(source, text), "antonym")


# --- 2. a denial of one doer against another doer's affirmation --------------------------------------------------

PLANT = " the strike at the car plant in Leeds on Tuesday"


@pytest.mark.parametrize(
    "source",
    [
        "The union did not call" + PLANT + ", the employers did.",
        "The union did not call" + PLANT + ", the employers called it.",
        "The union did not call" + PLANT + ". The employers called it.",
    ],
)
def test_a_report_that_denies_it_of_one_and_tells_of_the_other_agrees_with_the_other(source: str) -> None:
    text = "The employers called" + PLANT + "."
    assert not conflicts(check_pair(source, text))
    assert not conflicts(check_pair(text, source))
    assert not conflicts(compare_pair(source, text))


def test_a_pronoun_after_the_denial_is_no_other_doer() -> None:
    """``It`` may stand for the union denied: the report does not tell of the workers (who may be the union: not
    two sides, ``lexicon.COUNTERPARTS``)."""
    source = "The union did not call" + PLANT + ". It called the strike on Friday."
    assert conflicts(check_pair(source, "The workers called" + PLANT + "."), "negation")


def test_a_denial_of_one_doer_against_another_doers_act_says_both_doers() -> None:
    """Neither report says what the other denies of the same doer: a negation only if the two are one, said so."""
    source, text = "The union did not call" + PLANT + ".", "The workers called" + PLANT + "."
    for report in (check_pair(source, text), check_pair(text, source)):
        found = conflicts(report, "negation")
        assert len(found) == 1, report.findings
        assert "“The union” (“did not call”)" in found[0].explanation
        assert "“The workers” (“called”)" in found[0].explanation
        assert "only if the two are one" in found[0].explanation
        exact(report)
    found = conflicts(compare_pair(source, text), "negation")
    assert found and "a denies it of “The union”" in found[0].explanation, found


def test_a_denial_of_one_side_against_the_other_sides_act_is_an_actor_finding() -> None:
    """When the story gives the two as two sides, the finding is who did it, and it says that one was denied."""
    source = "Talks between the union and the employers broke down on Monday. The union did not call the strike on Tuesday."
    report = check_pair(source, "The employers called the strike on Tuesday.")
    found = conflicts(report, "actor")
    assert _spans(found) == [{"text": "The employers", "source": "The union"}]
    assert "source denies it of “The union” (“did not call”), text says it of “The employers” (“called”)" in found[0].explanation
    assert not conflicts(report, "negation")
    # the two sides of a dispute are two in any story (lexicon.COUNTERPARTS): no talks "between" them needed
    sides = conflicts(check_pair("The union did not call" + PLANT + ".", "The employers called" + PLANT + "."), "actor")
    assert _spans(sides) == [{"text": "The employers", "source": "The union"}]
    named = conflicts(check_pair("Smith was not injured in the crash on Tuesday.", "Jones was injured in the crash on Tuesday."), "actor")
    assert _spans(named) == [{"text": "Jones", "source": "Smith"}] and "denies it of “Smith”" in named[0].explanation


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # two who both did it, or both did not
        ("The union and the employers called" + PLANT + ".", "The employers called" + PLANT + "."),
        ("The union and the employers did not call" + PLANT + ".", "The employers did not call" + PLANT + "."),
        # a report that says it of both, one denied, the other not
        ("The union did not call" + PLANT + ", the employers did.", "The union did not call" + PLANT + "."),
    ],
)  # fmt: skip
def test_two_who_both_did_it_are_no_conflict(source: str, text: str) -> None:
    assert not conflicts(check_pair(source, text))
    assert not conflicts(compare_pair(source, text))


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The union did not call" + PLANT + ".", "The union called" + PLANT + "."),
        ("The union called" + PLANT + ".", "The union did not call" + PLANT + "."),
        ("The union accused the employers of lying. The union did not call the strike on Tuesday.", "The union called the strike on Tuesday."),
    ],
)  # fmt: skip
def test_a_denial_of_the_same_doer_is_still_a_plain_negation(source: str, text: str) -> None:
    found = conflicts(check_pair(source, text), "negation")
    assert len(found) == 1 and found[0].explanation.startswith("One report says it happened, another that it did not")


# --- 3. two names that share a word -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text", "spans"),
    [
        ("Real Madrid beat Barcelona 2-1 on Sunday.", "Atletico Madrid beat Barcelona 2-1 on Sunday.",
         {"text": "Atletico Madrid", "source": "Real Madrid"}),
        ("On Sunday, Real Madrid beat Barcelona 2-1.", "On Sunday, Atletico Madrid beat Barcelona 2-1.",
         {"text": "Atletico Madrid", "source": "Real Madrid"}),
        ("Real Madrid held talks with Barcelona on Sunday.", "Atletico Madrid held talks with Barcelona on Sunday.",
         {"text": "Atletico Madrid", "source": "Real Madrid"}),
        ("Manchester City signed the striker from Ajax on Monday.", "Manchester United signed the striker from Ajax on Monday.",
         {"text": "Manchester United", "source": "Manchester City"}),
        ("John Smith was arrested in Leeds on Friday after the attack.", "Peter Smith was arrested in Leeds on Friday after the attack.",
         {"text": "Peter Smith", "source": "John Smith"}),
    ],
)  # fmt: skip
def test_two_names_that_share_a_word_are_two_actors(source: str, text: str, spans: dict) -> None:
    report = check_pair(source, text)
    assert spans in _spans(conflicts(report, "actor")), report.findings
    exact(report)
    assert {v for f in conflicts(compare_pair(source, text), "actor") for v in f.values.values()} == set(spans.values())


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("On Sunday, Real Madrid beat Barcelona 2-1.", "On Sunday, Madrid beat Barcelona 2-1."),
        ("President Biden signed the bill at the White House on Monday.", "Joe Biden signed the bill at the White House on Monday."),
        ("Dalian Wanda Group bought the stake in the club on Monday.", "Dalian Wanda bought the stake in the club on Monday."),
        ("John Smith was arrested in Leeds on Friday after the attack.", "Jon Smith was arrested in Leeds on Friday after the attack."),
        ("Real Madrid drew with Atletico Madrid on Sunday.", "Atletico Madrid drew with Real Madrid on Sunday."),
        ("Peter Smith and Mary Jones won the award in 2019.", "Mary Jones and Peter Smith won the award in 2019."),
        # one name, other words before it: a circumstance, not another doer
        ("Leeds-based writer Anna Cole asked every taxi driver she met for advice.",
         "York-based writer Anna Cole asked every taxi driver she met for advice."),
        ("Bus drivers in Yorkshire are selling tickets through an app.", "Bus drivers in Leeds are selling tickets through an app."),
    ],
)  # fmt: skip
def test_one_name_written_short_or_with_a_title_is_one_actor(source: str, text: str) -> None:
    assert not conflicts(check_pair(source, text), "actor")
    assert not conflicts(compare_pair(source, text), "actor")


# --- 4. a speech verb in the present against one in the past ------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The minister says the bridge is not safe for lorries.", "The minister said the bridge is not safe for lorries."),
        ("The minister says the bridge is not safe for lorries.", "The minister said the bridge was not safe for lorries."),
        ("The minister said the bridge was safe for lorries.", "The minister says the bridge is safe for lorries."),
        ("Police say three people were killed in the crash on Friday.", "Police said three people were killed in the crash on Friday."),
        ("John Smith says he did not call the police on Friday.", "John Smith said he did not call the police on Friday."),
        ("The company says it has not had talks with the union.", "The company said it had not had talks with the union."),
        ("\"The bridge is not safe,\" the minister says.", "\"The bridge is not safe,\" the minister said."),
    ],
)  # fmt: skip
def test_says_against_said_is_no_conflict(source: str, text: str) -> None:
    assert not conflicts(check_pair(source, text))
    assert not conflicts(check_pair(text, source))
    assert not conflicts(compare_pair(source, text))
