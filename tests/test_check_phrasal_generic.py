"""A generic verb (``write``, ``put``, ``take``: ``roles.GENERIC``) read as one phrasal verb is an act of its own
(``roles.phrasal_generic``): ``check`` compares ``wrote off`` / ``put off`` with the source's verb of the same two
arguments (a ``predicate`` conflict, as for any other verb) and asks whether the sources use ``took over`` at all
(``check.new_verbs``). Session 32 (wt-bump13); news sentences written for these tests."""

from __future__ import annotations

import pytest
from test_judge23 import _new_verbs  # the text's first sentence's new verbs, as check reads them

from storycheck.check import check
from storycheck.records import Document

TRANSFER = ("Northgate Rovers have considered striker Tom Briggs as a summer target. "
            "The club's scouts watched him three times in March.")  # fmt: skip
BUDGET = "The city council approved the budget for the Harbour Road bridge on Tuesday. Work will start in May."


def _predicates(source: str, text: str) -> list[dict[str, str]]:
    report = check([Document("source", source)], Document("text", text), embedder="none")
    return [{s.doc: s.text for s in f.evidence} for f in report.findings if f.kind == "conflict" and f.type in ("predicate", "antonym")]


@pytest.mark.parametrize(
    ("source", "text", "said"),
    [
        (TRANSFER, "Northgate Rovers have written off striker Tom Briggs as a summer target.", "written off"),
        (BUDGET, "The city council put off the budget for the Harbour Road bridge on Tuesday.", "put off"),
    ],
)
def test_a_generic_verb_read_as_another_act_is_compared(source, text, said):
    # before: ``write`` and ``put`` were generic, so "wrote off" passed where "identified" was a conflict
    found = _predicates(source, text)
    assert [f["text"] for f in found] == [said], found


def test_the_same_wording_with_a_plain_verb_is_compared_alike():
    found = _predicates(TRANSFER, "Northgate Rovers have identified striker Tom Briggs as a summer target.")
    assert [f["text"] for f in found] == ["identified"]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # one act in other words: no hand list or frequent sense joins them, so only PHRASAL_APART is compared
        ("Acme Foods bought the Delta Bakery chain in 2019 for $40 million.", "Acme Foods took over the Delta Bakery chain in 2019 for $40 million."),
        ("Ellen Marsh quit the race for mayor on Friday after the debate.", "Ellen Marsh gave up the race for mayor on Friday after the debate."),
        ("The council postponed the vote on the Harbour Road bridge until June.", "The council put off the vote on the Harbour Road bridge until June."),
        # review revbump13: each was a ``predicate`` conflict (WordNet's ``write_off`` is only admit and write;
        # ``put_off``, postpone, sits below ``delay``)
        ("The council delayed the vote on the Harbour Road bridge until June.", "The council put off the vote on the Harbour Road bridge until June."),
        ("The bank cancelled the loans of 300 farmers after the floods.", "The bank wrote off the loans of 300 farmers after the floods."),
        ("Northgate Rovers have ruled out striker Tom Briggs as a summer target.", "Northgate Rovers have written off striker Tom Briggs as a summer target."),
    ],
)
def test_a_phrasal_paraphrase_is_no_predicate_conflict(source, text):
    assert _predicates(source, text) == []


def test_a_phrasal_reading_the_sources_never_use_is_a_new_verb(monkeypatch):
    # before: "took" was generic and never asked about
    found = _new_verbs("Acme Foods bought the Delta Bakery chain in 2019.", "Acme Foods took over the Delta Bakery chain in 2019.", monkeypatch)
    assert found == ["took"]



def test_an_opposite_phrasal_reading_is_still_a_new_verb(monkeypatch):
    # WordNet's kin joins no opposites: the plane that "took off" where the source has it land
    assert _new_verbs("The plane landed at Heathrow at 9 am on Monday.", "The plane took off from Heathrow at 9 am on Monday.", monkeypatch) == ["took"]


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("The carmaker established a new plant in Leeds in 2020.", "The carmaker set up a new plant in Leeds in 2020."),  # one frequent sense
        ("Acme Foods took over the Delta Bakery chain in 2019.", "Acme Foods took over the Delta Bakery chain last year."),  # the source's own
        ("Acme Foods took the Delta Bakery chain to court in 2019.", "Acme Foods took the Delta Bakery chain to court last year."),  # no particle
        # WordNet's kin of the phrasal reading (review revbump13: each was a new verb)
        ("The plane left Heathrow at 9 am on Monday.", "The plane took off from Heathrow at 9 am on Monday."),
        ("The bomb exploded outside the station on Tuesday.", "The bomb went off outside the station on Tuesday."),
        ("The expedition departed from the base camp at dawn.", "The expedition set off from the base camp at dawn."),
        ("The club released a statement about the coach on Monday.", "The club put out a statement about the coach on Monday."),
    ],
)
def test_a_phrasal_reading_the_sources_give_is_no_new_verb(source, text, monkeypatch):
    assert _new_verbs(source, text, monkeypatch) == []


def test_the_sources_phrasal_verb_is_shown_with_its_particle():
    # review revbump13: the source's span was ``called``, not what it says
    found = _predicates("The vote on the bridge was called off by the council on Friday.", "The council put off the vote on the bridge on Friday.")
    assert found == [{"text": "put off", "source": "called off"}], found
