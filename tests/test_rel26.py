"""A relative clause's doer (session 26, issue 5): the relative pronoun that is a clause's subject or object
stands for the noun the clause modifies, so a verb said in ``a man who operated the ring`` is said of the man."""

from __future__ import annotations

from storycheck.analyze import analyze
from storycheck.check import check, relation_support
from storycheck.records import Document


def _links(text: str) -> set[tuple[str, str, str, str]]:
    a = analyze(Document("t", text))
    return {(r.head, r.dep, r.child, text[r.span[0] : r.span[1]]) for r in a.relations}


def _check(source: str, text: str):  # noqa: ANN202
    return check([Document("source", source)], Document("text", text))


def _conflicts(report) -> list[tuple[str, dict[str, str]]]:  # noqa: ANN001
    return [(f.type, {s.doc: s.text for s in f.evidence}) for f in report.findings if f.kind == "conflict"]


def test_relative_pronoun_links_stand_for_the_noun() -> None:
    links = _links("The man who operated the betting ring was arrested.")
    assert ("operate", "nsubj", "man", "man") in links
    assert not {x for x in links if x[2] == "who"}
    assert ("pass", "dobj", "law", "law") in _links("The law that the senate passed was repealed.")
    assert ("employ", "nsubj", "company", "company") in _links("The company, which employs 800 people, closed.")
    # a clause after a prepositional phrase may be said of the noun above it: no antecedent is guessed
    assert not {x for x in _links("A widow from Edinburgh who loves to dance was interviewed.") if x[0] == "love" and x[1] == "nsubj"} - {("love", "nsubj", "who", "who")}
    # a named noun keeps its name's span, so ``check`` reads it as the person
    assert ("operate", "nsubj", "bollaert", "Bollaert") in _links("Kevin Bollaert, who operated the website, was convicted.")


def test_relative_clause_verb_supports_the_main_clause_telling() -> None:
    source = analyze(Document("s", "Police said a man who operated an illegal betting ring was arrested in Leeds on Monday."))
    told = relation_support(analyze(Document("t", "The man operated an illegal betting ring.")), [source])
    assert [v for v, _ in told[0]] == [1.0, 1.0, 1.0, 1.0]  # the doer too, not a role change
    source = "Maria Lopez, who hired Tom Baker as finance director in 2019, resigned on Friday. The board thanked her."
    report = _check(source, "Maria Lopez hired Tom Baker as finance director in 2019.")
    assert report.check.sentences[0].verdict == "supported"
    assert not _conflicts(report)


def test_another_verb_of_the_relative_clause_doer_is_a_predicate_conflict() -> None:
    source = "Police said a man who operated an illegal betting ring was arrested in Leeds on Monday. He appeared in court on Tuesday."
    report = _check(source, "The man funded an illegal betting ring.")
    assert ("predicate", {"text": "funded", "source": "operated"}) in _conflicts(report)
    assert report.check.sentences[0].verdict == "contradicted"
    assert not _conflicts(_check(source, "The man operated an illegal betting ring."))


def test_a_swapped_doer_across_a_relative_clause_is_caught() -> None:
    told = "Maria Lopez hired Tom Baker as finance director in 2019. She resigned on Friday."
    swapped = _check(told, "Tom Baker, who hired Maria Lopez as finance director in 2019, resigned on Friday.")
    assert swapped.check.sentences[0].verdict == "contradicted"
    assert any(kind == "role" for kind, _ in _conflicts(swapped))
    relative = "Maria Lopez, who hired Tom Baker as finance director in 2019, resigned on Friday. The board thanked her."
    report = _check(relative, "Tom Baker hired Maria Lopez as finance director in 2019.")
    assert report.check.sentences[0].verdict == "contradicted"
    assert ("role", {"text": "Baker", "source": "Lopez"}) in _conflicts(report)
