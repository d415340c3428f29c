"""Review revj25 of wt-judge25 (session 29), on news sentences written for these tests: a first name alone in one
report (``her daughter Emily``) is the full name another gives with her family's surname (``Emily Turner``), the
BUMP drop left when ``Mrs Turner`` joined ``Lesley Turner``."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, check_pair, compare_pair, conflicts, exact

from storycheck.align import link_entities
from storycheck.analyze import analyze
from storycheck.records import Document

FAMILY = "Lesley Turner, 41, said her daughter Emily was sent abusive messages online for months. Mrs Turner said police refused to act."
DAUGHTER = "Police said Emily Turner was sent abusive messages online for months."


def _clusters(a: str, b: str) -> dict[tuple[str, str], int]:
    docs = [analyze(Document("wire", a)), analyze(Document("gazette", b))]
    clusters, _ = link_entities(docs)
    return {(x.doc_id, e.name): clusters[(x.doc_id, e.id)] for x in docs for e in x.entities if e.kind == "person"}


def test_first_name_alone_is_the_full_name_with_the_family_surname() -> None:
    c = _clusters(FAMILY, DAUGHTER)
    assert c[("gazette", "Emily Turner")] == c[("wire", "Emily")] != c[("wire", "Lesley Turner")]


def test_first_name_link_guards() -> None:
    # another first name, or a report that gives the daughter no family surname: no link
    c = _clusters(FAMILY, "Police said Jane Turner was sent abusive messages online for months.")
    assert c[("gazette", "Jane Turner")] not in {c[("wire", "Emily")], c[("wire", "Lesley Turner")]}
    c = _clusters("Her daughter Emily was sent abusive messages online for months.", DAUGHTER)
    assert c[("gazette", "Emily Turner")] != c.get(("wire", "Emily"))


def test_the_daughter_told_in_full_is_corroborated() -> None:
    # a5acece: ``Emily Turner`` a person no source names (missing, two ``partial`` entity findings) in both commands
    report = check_pair(FAMILY, DAUGHTER)
    assert [v.verdict for v in report.check.sentences] == ["partial"]
    assert not report.check.sentences[0].missing
    for report in (check_pair(FAMILY, DAUGHTER), compare_pair(FAMILY, DAUGHTER), compare_pair(DAUGHTER, FAMILY)):
        assert not [f for f in report.findings if f.type == "entity" or f.kind == "conflict"], report.findings
        assert any(f.kind == "corroborated" and "Emily Turner" in " ".join(s.text for s in f.evidence) for f in report.findings)
        exact(report)
    assert not conflicts(check_pair(DAUGHTER, FAMILY), "name")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # a question asserts nothing: a5acece gave ``check``'s roles an ``antonym`` conflict here, ``compare`` none
        ("The council rejected the new budget on Monday.", "Did the council approve the new budget on Monday?"),
        ("The board rejected the merger offer on Friday.", "Why did the board approve the merger offer on Friday?"),
    ],
)
def test_a_question_is_in_conflict_with_nothing(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert not conflicts(report), report.findings


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [
        # a statement with a question of its own joined after it still states (a5acece: nothing in both commands)
        ("The council approved the new budget on Monday.", "The council approved the new budget on Monday, but who will pay?", None),
        ("The council approved the new budget on Monday.", "The council approved the new budget on Monday; will taxes rise?", None),
        ("The council approved the new budget on Monday.", "The council rejected the new budget on Monday, but who will pay?", "antonym"),
    ],
)
def test_a_statement_before_a_joined_question_states(a: str, b: str, kind: str | None) -> None:
    for report in both_ways(a, b):
        if kind is None:
            assert not conflicts(report) and any(f.kind == "corroborated" for f in report.findings), report.findings
        else:
            assert [f.type for f in conflicts(report)] == [kind], report.findings
        exact(report)


def test_a_question_of_two_parts_still_asks() -> None:
    for report in both_ways("The council approved the new budget on Monday.",
                            "Did the council approve the new budget on Monday, and who will pay for it?"):
        assert not [f for f in report.findings if f.kind in ("conflict", "corroborated")], report.findings


@pytest.mark.parametrize(
    ("a", "b"),
    [
        # two owners of one office named: two offices (a5acece: no conflict, the owner words dropped as ``_whose``)
        ("U.S. District Judge Ann Ruiz ruled on Monday that the law was unconstitutional.",
         "State District Judge Ann Ruiz ruled on Monday that the law was unconstitutional."),
        ("Former U.S. District Judge Ann Ruiz said on Monday that the law was unconstitutional.",
         "State District Judge Ann Ruiz said on Monday that the law was unconstitutional."),
        ("On Monday, Labour leader Tom Hale said that the tax plan would fail.",
         "On Monday, Tory leader Tom Hale said that the tax plan would fail."),
        ("Texas Attorney General Jane Cole said on Monday that the case would go ahead.",
         "U.S. Attorney General Jane Cole said on Monday that the case would go ahead."),
        ("On Monday, Chelsea manager Tom Hale said that the team was ready.",
         "On Monday, Arsenal manager Tom Hale said that the team was ready."),
    ],
)
def test_two_owners_of_an_office_clash(a: str, b: str) -> None:
    for report in both_ways(a, b):
        assert [f.type for f in conflicts(report)] == ["title"], report.findings
        exact(report)


def test_one_owner_told_two_ways_is_no_clash() -> None:
    from storycheck.judge import _title_clash

    f = frozenset
    assert _title_clash("Valley coach", "head coach", f({"valley"})) is None  # a title with no owner: a detail
    assert _title_clash("Hale spokesman", "Her spokesman", f({"hale"})) is None
    assert _title_clash("N.S. Attorney General", "Nova Scotia attorney general", f({"n"}), f({"nova", "scotia"})) is None
    assert _title_clash("Friday Attorney General", "N.S. Attorney General", f({"friday"}), f({"n"})) is None
    assert _title_clash("Rangers general manager", "Los Rangeros general manager", f({"rangers"}), f({"los", "rangeros"})) is None
    assert _title_clash("Milton public safety director", "the city's public safety director", f({"milton"})) is None
    assert _title_clash("DA spokesman", "spokesman for the Essex district attorney", f({"da"}), f({"essex"})) is None
    assert _title_clash("Committee Chairman Rep.", "chairman of the Senate Banking Committee", f(), f({"senate"})) is None
    assert _title_clash("Polygamist leader", "leader of the Church of the Hills", f(), f({"church", "hills"}), (True, False)) is None


def test_a_clause_verb_is_no_title_word() -> None:
    # ``The club sacked manager Tom Hale`` parses as one noun phrase: a5acece read ``club sacked manager`` and
    # ``dismissed manager`` as two titles of one man, a ``title`` conflict in both commands
    a, b = "The club sacked manager Tom Hale on Monday.", "The club dismissed manager Tom Hale on Monday."
    for report in both_ways(a, b):
        assert not conflicts(report), report.findings
    titles = [t[2] for e in analyze(Document("x", a)).entities for t in e.titles]
    assert titles == ["manager"]
