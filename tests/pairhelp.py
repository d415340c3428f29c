"""Shared helpers of the judge's hand-written pair tests: a source and a text (``check``), or two reports
(``compare``), and the checks every finding must pass (each span the text it points at)."""

from __future__ import annotations

from storycheck.analyze import analyze
from storycheck.check import check
from storycheck.core import compare_documents
from storycheck.records import Document

TAIL = " The work is due to finish in the spring."  # a text never repeats its whole source


def check_pair(source: str, text: str):  # noqa: ANN201
    return check([Document("source", source + TAIL)], Document("text", text), embedder="none")


def compare_pair(a: str, b: str, tail: str = TAIL):  # noqa: ANN201
    return compare_documents([Document("a", a + tail), Document("b", b)], embedder="none")


def wire_gazette(a: str, b: str, embedder: str = "none"):  # noqa: ANN201
    """Two reports, ``wire`` and ``gazette``, as they are given (no tail): the values of findings keyed by those ids."""
    return compare_documents([Document("wire", a), Document("gazette", b)], embedder=embedder)


def negation_spans(report) -> list[list[str]]:  # noqa: ANN001
    """The evidence words of each `negation` conflict."""
    return [[s.text for s in f.evidence] for f in conflicts(report, "negation")]


def clause_of(text: str, verb: str):  # noqa: ANN201
    """The first clause of ``verb`` the analysis reads in ``text``, or None."""
    return next((c for c in analyze(Document("t", text)).clauses if c.verb == verb), None)


def conflicts(report, kind: str | None = None) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "conflict" and (kind is None or f.type == kind)]


def number_conflicts(report, a: str = "wire", b: str = "gazette") -> list[tuple[str, str]]:  # noqa: ANN001
    """The (a, b) values of each `number` conflict, sorted."""
    return sorted((f.values[a], f.values[b]) for f in conflicts(report, "number"))


def exact(report) -> None:  # noqa: ANN001
    """Every span is the text it points at."""
    texts = {d.id: d.text for d in report.documents}
    assert all(texts[s.doc][s.start : s.end] == s.text for f in report.findings for s in f.evidence)


def both_ways(a: str, b: str) -> list:
    """check and compare, each both ways: a rule about two reports must not depend on which is the source."""
    return [check_pair(a, b), check_pair(b, a), compare_pair(a, b), compare_pair(b, a)]


def one_conflict_between(a: str, b: str, kind: str, spans: set[str]) -> None:
    """``both_ways``: exactly one ``kind`` conflict, its evidence the words ``spans``, every span exact."""
    for report in both_ways(a, b):
        found = conflicts(report, kind)
        assert len(found) == 1, report.findings
        assert {s.text for s in found[0].evidence} == spans
        exact(report)


def owners_of(text: str) -> list[str | None]:
    """The owner ``analyze.pronoun_owner`` reads for each possessive of the text (its lemma), None for none."""
    from storycheck.analyze import analyze, pronoun_owner

    a = analyze(Document("x", text))
    return [o.child if o else None for o in (pronoun_owner(a.relations, r, a) for r in a.relations if r.dep == "poss")]
