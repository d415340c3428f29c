"""A hostile review of the relative clause's doer (session 26, wt-revr26): where the parser's ``relcl`` does
not say whose clause it is, no antecedent is guessed (the pronoun stays, as before session 26)."""

from __future__ import annotations

from storycheck.analyze import analyze
from storycheck.check import relation_support
from storycheck.records import Document


def _links(text: str) -> set[tuple[str, str, str]]:
    return {(r.head, r.dep, r.child) for r in analyze(Document("t", text)).relations}


def test_a_reporting_verb_inside_the_clause_is_not_the_nouns() -> None:
    # ``who police said fled``: the parser makes ``who`` a second subject of ``said``; the suspect fled, said nothing
    links = _links("The suspect, who police said fled the scene, was caught on Monday.")
    assert ("say", "nsubj", "suspect") not in links
    assert ("say", "nsubj", "man") not in _links("The men who prosecutors said ran the scheme were jailed on Friday.")
    source = analyze(Document("s", "The suspect, who police said fled the scene, was caught on Monday."))
    told = relation_support(analyze(Document("t", "The suspect said police fled the scene.")), [source])
    assert told[0][0][0] < 1.0  # the suspect as the sayer is not an exact link of the source
    # a clause with one subject keeps its antecedent
    assert ("arrest", "dobj", "man") in _links("The police said the man who they arrested had a gun.")


def test_a_clause_after_coordinated_nouns_is_not_given_to_one_of_them() -> None:
    assert ("oppose", "nsubj", "russia") not in _links("Russia and China, which oppose the plan, abstained on Monday.")
    assert ("found", "nsubj", "jones") not in _links("John Smith and Mary Jones, who founded the company, sold it.")
    assert ("resign", "nsubj", "deputy") not in _links("The mayor and his deputy, who resigned in May, were charged.")
    assert ("resign", "nsubj", "mayor") in _links("The mayor, who resigned in May, was charged on Friday.")


def test_which_after_a_comma_on_the_object_may_be_the_whole_clause() -> None:
    # ``, which the union denied``: the union denied that the strike cost millions, not the millions
    assert ("deny", "dobj", "million") not in _links("The strike cost the firm millions, which the union denied.")
    assert ("anger", "nsubj", "pension") not in _links("The government cut pensions, which angered the union.")
    # a subject's clause, and a restrictive ``that`` on the object, keep theirs
    assert ("employ", "nsubj", "company") in _links("The company, which employs 800 people, closed on Friday.")
    assert ("make", "nsubj", "unit") in _links("The company sold the unit that made the engines.")
