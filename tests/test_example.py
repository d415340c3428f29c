"""The bundled example story: every planted case is found with its type and exact spans, and nothing
that was not planted is reported as a conflict. The planted cases are written down by hand in
examples/story.planted.json; the engine never sees that file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import storycheck
from storycheck.report import to_dict, validate

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "story"
PLANTED = json.loads((ROOT / "examples" / "story.planted.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module", params=["none", "static", "minilm"])
def report(request):
    return storycheck.compare([STORY], embedder=request.param)


def _locate(text: str, needle) -> tuple[int, int]:  # noqa: ANN001
    needle, occurrence = (needle, 0) if isinstance(needle, str) else needle
    start = -1
    for _ in range(occurrence + 1):
        start = text.find(needle, start + 1)
        assert start >= 0, f"planted text {needle!r} is not in the document"
    assert occurrence > 0 or text.count(needle) == 1, f"{needle!r} is ambiguous; give its occurrence"
    return start, start + len(needle)


def _expected_spans(report, case) -> set[tuple[str, int, int]]:  # noqa: ANN001
    texts = {d.id: d.text for d in report.documents}
    return {(doc, *_locate(texts[doc], needle)) for doc, needles in case["evidence"].items() for needle in needles}


def _matches(finding, case, expected) -> bool:  # noqa: ANN001
    spans = {(s.doc, s.start, s.end) for s in finding.evidence}
    return finding.kind == case["kind"] and finding.type == case["type"] and expected <= spans


@pytest.mark.parametrize("case", PLANTED["cases"], ids=lambda c: f"{c['kind']}-{c['type']}")
def test_planted_case_is_found_with_exact_spans(report, case):
    expected = _expected_spans(report, case)
    found = [f for f in report.findings if _matches(f, case, expected)]
    assert found, f"not found: {case['note']}; findings of this type: " + repr(
        [[(s.doc, s.text) for s in f.evidence] for f in report.findings if f.type == case["type"]]
    )
    finding = found[0]
    # the evidence of a planted case is exactly the planted spans in the documents the case names
    for doc in case["evidence"]:
        got = {(s.doc, s.start, s.end) for s in finding.evidence if s.doc == doc}
        assert got == {e for e in expected if e[0] == doc}, (doc, [s.text for s in finding.evidence if s.doc == doc])
    for reason in case.get("reasons", []):
        assert reason in finding.reasons
    assert 0.0 <= finding.confidence <= 1.0
    assert finding.explanation.strip()


def test_every_conflict_type_is_planted(report):
    conflict_types = {c["type"] for c in PLANTED["cases"] if c["kind"] == "conflict"}
    assert conflict_types == set(storycheck.records.CONFLICT_TYPES)


def test_nothing_unplanted_is_a_conflict(report):
    planted = [(c, _expected_spans(report, c)) for c in PLANTED["cases"] if c["kind"] == "conflict"]
    for f in report.findings:
        if f.kind == "conflict":
            assert any(_matches(f, c, e) for c, e in planted), (
                f"unplanted conflict {f.type}: {[(s.doc, s.text) for s in f.evidence]}"
            )


def test_one_finding_per_planted_conflict(report):
    """A–C and B–C disagreements on one fact are one finding, not two."""
    for case in PLANTED["cases"]:
        if case["kind"] == "conflict":
            assert sum(f.kind == "conflict" and f.type == case["type"] for f in report.findings) == 1, case["type"]


def test_lineage_names_the_source_of_the_rewrite(report):
    want = PLANTED["lineage"]
    edges = [e for e in report.lineage if e.likely_source]
    assert any(e.source == want["source"] and e.derived == want["derived"] for e in edges)
    rewrite = next(e for e in report.lineage if {e.source, e.derived} == {want["source"], want["derived"]})
    assert rewrite.reuse >= 0.5 and rewrite.order == 1.0
    added = " ".join(s.text for s in rewrite.added)
    assert "23 vessels" in added and "Nobody expects a deal" in added  # what the rewrite adds
    assert any("Costa called for calm" in s.text for s in rewrite.dropped)  # and what it drops
    # the independent report is not said to derive from anything
    assert not any(e.derived == "coastal-herald" and e.likely_source for e in report.lineage)


def test_headlines_are_titles_and_broken_lines_are_rejoined(report):
    docs = {d.id: d for d in report.documents}
    for doc, title in PLANTED["ingest"]["titles"].items():
        assert docs[doc].title == title
        assert title not in docs[doc].text
    for doc, phrase in PLANTED["ingest"]["rejoined"].items():
        assert phrase in docs[doc].text


def test_report_matches_schema_and_evidence_points_into_the_text(report):
    data = to_dict(report)
    validate(data)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    for f in data["findings"]:
        assert f["evidence"]
        for span in f["evidence"]:
            assert texts[span["doc"]][span["start"] : span["end"]] == span["text"]


def test_quotes_table_lists_who_carries_each_quote(report):
    rows = {r.text: r for r in report.quotes}
    costa = next(r for t, r in rows.items() if t.startswith("Every day this port stays closed"))
    assert set(costa.documents) == {"northwire", "daily-ledger", "coastal-herald"}
    anon = next(r for t, r in rows.items() if t.startswith("Nobody expects a deal"))
    assert anon.documents == ["daily-ledger"] and anon.speaker_kind == "anonymous"


def test_report_states_the_models_it_used(report):
    assert report.models["tagger"].startswith("spacy/")
    assert report.models["embedder"]
