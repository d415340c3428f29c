"""The report as JSON: one versioned schema, the conversion both ways, and its validation.

``to_dict`` is a direct image of :class:`storycheck.records.Report` (``Report.analyses`` is left out);
``from_dict`` reads it back, so the store can keep reports as JSON. ``validate`` checks a dict against
``schema/report.schema.json`` and then the invariant the schema cannot express: every span's ``text``
is exactly ``documents[doc].text[start:end]`` of a document of the report.

The views (Markdown, terminal, HTML) share the ordering helpers at the end of this module.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from typing import Any

from storycheck.errors import SchemaError
from storycheck.lineage import first_published
from storycheck.records import (
    CONFLICT_TYPES,
    CheckResult,
    Document,
    Finding,
    LineageEdge,
    Notice,
    QuoteRow,
    Report,
    SentenceVerdict,
    Span,
)

SCHEMA_VERSION = "storycheck.report/1"
SCHEMA_ID = "https://storycheck.invalid/schema/report-1.json"

# The order in which every view presents findings: what needs a reader's attention first.
KIND_ORDER: tuple[str, ...] = ("conflict", "partial", "single_source", "corroborated")
KIND_LABEL = {
    "conflict": "conflict",
    "partial": "partial",
    "single_source": "single-source",
    "corroborated": "corroborated",
}
KIND_PLURAL = {
    "conflict": "conflicts",
    "partial": "partial",
    "single_source": "single-source",
    "corroborated": "corroborated",
}


# --------------------------------------------------------------------------- to JSON


def _span(s: Span) -> dict[str, Any]:
    return {"doc": s.doc, "start": s.start, "end": s.end, "text": s.text}


def _document(d: Document) -> dict[str, Any]:
    return {
        "id": d.id,
        "text": d.text,
        "title": d.title,
        "source": d.source,
        "url": d.url,
        "published": d.published,
        "origin": d.origin,
        "title_span": list(d.title_span) if d.title_span is not None else None,
    }


def _finding(f: Finding) -> dict[str, Any]:
    return {
        "id": f.id,
        "kind": f.kind,
        "type": f.type,
        "evidence": [_span(s) for s in f.evidence],
        "confidence": f.confidence,
        "explanation": f.explanation,
        "reasons": list(f.reasons),
        "values": dict(f.values),
    }


def finding_dict(f: Finding) -> dict[str, Any]:
    """One finding as it appears in the JSON report."""
    return _finding(f)


def _edge(e: LineageEdge) -> dict[str, Any]:
    return {
        "source": e.source,
        "derived": e.derived,
        "reuse": e.reuse,
        "order": e.order,
        "likely_source": e.likely_source,
        "added": [_span(s) for s in e.added],
        "dropped": [_span(s) for s in e.dropped],
        "changed": [_span(s) for s in e.changed],
        "changed_from": [_span(s) for s in e.changed_from],
        "unordered": e.unordered,
    }


def _quote(q: QuoteRow) -> dict[str, Any]:
    return {
        "text": q.text,
        "speaker": q.speaker,
        "speaker_kind": q.speaker_kind,
        "documents": list(q.documents),
        "spans": [_span(s) for s in q.spans],
    }


def _notice(n: Notice) -> dict[str, Any]:
    return {"input": n.input, "code": n.code, "message": n.message, "skipped": n.skipped}


def _summarise(n_documents: int, kinds_and_types: Iterable[tuple[str, str]]) -> dict[str, Any]:
    by_kind: Counter[str] = Counter()
    conflicts: Counter[str] = Counter()
    total = 0
    for kind, type_ in kinds_and_types:
        total += 1
        by_kind[kind] += 1
        if kind == "conflict":
            conflicts[type_] += 1
    return {
        "documents": n_documents,
        "findings": total,
        # every kind, always, in presentation order: readers need not guess missing keys
        "by_kind": {k: by_kind.get(k, 0) for k in KIND_ORDER}
        | {k: v for k, v in by_kind.items() if k not in KIND_ORDER},
        "conflicts_by_type": {t: conflicts[t] for t in _type_order(conflicts)},
    }


def summary(report: Report) -> dict[str, Any]:
    """Counts: documents, findings, findings by kind (all four kinds), conflicts by type."""
    return _summarise(len(report.documents), ((f.kind, f.type) for f in report.findings))


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data, in the shape of ``report.schema.json``."""
    return {
        "schema": report.schema or SCHEMA_VERSION,
        "engine": report.engine,
        "models": dict(report.models),
        "documents": [_document(d) for d in report.documents],
        "findings": [_finding(f) for f in report.findings],
        "lineage": [_edge(e) for e in report.lineage],
        "quotes": [_quote(q) for q in report.quotes],
        "notices": [_notice(n) for n in report.notices],
        "summary": summary(report),
        **({"check": _check(report.check)} if report.check is not None else {}),
    }


def _check(c: CheckResult) -> dict[str, Any]:
    return {
        "text": c.text,
        "sources": list(c.sources),
        "score": c.score,
        "sentences": [
            {"index": v.index, "start": v.start, "end": v.end, "text": v.text, "verdict": v.verdict,
             "score": v.score, "findings": list(v.findings),
             "closest": _span(v.closest) if v.closest is not None else None,
             "missing": [_span(m) for m in v.missing], "recombined": [_span(m) for m in v.recombined]}  # fmt: skip
            for v in c.sentences
        ],
    }


def _check_from(d: dict[str, Any]) -> CheckResult:
    return CheckResult(
        d["text"], list(d["sources"]), d["score"],
        [SentenceVerdict(v["index"], v["start"], v["end"], v["text"], v["verdict"], v["score"], list(v["findings"]),
                         _span_from(v["closest"]) if v["closest"] else None, [_span_from(m) for m in v["missing"]],
                         [_span_from(m) for m in v.get("recombined", ())])  # (reports written before session 25 lack it)
         for v in d["sentences"]],
    )  # fmt: skip


def to_json(report: Report, *, indent: int | None = 2) -> str:
    """The report as JSON text (UTF-8 characters kept as they are, not ``\\u`` escaped)."""
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


# --------------------------------------------------------------------------- from JSON


def _span_from(d: dict[str, Any]) -> Span:
    return Span(doc=d["doc"], start=d["start"], end=d["end"], text=d["text"])


def from_dict(d: dict[str, Any], *, check: bool = True) -> Report:
    """Read a report back from :func:`to_dict` output (or its JSON, parsed).

    With ``check`` (the default) the data is validated first, so a damaged or foreign document raises
    :class:`SchemaError` naming the first problem instead of a ``KeyError`` somewhere later.
    """
    if check:
        validate(d)
    documents = [
        Document(
            id=x["id"],
            text=x["text"],
            title=x.get("title"),
            source=x.get("source"),
            url=x.get("url"),
            published=x.get("published"),
            origin=x.get("origin"),
            title_span=tuple(x["title_span"]) if x.get("title_span") is not None else None,
        )
        for x in d["documents"]
    ]
    findings = [
        Finding(
            kind=x["kind"],
            type=x["type"],
            evidence=[_span_from(s) for s in x["evidence"]],
            confidence=x["confidence"],
            explanation=x["explanation"],
            reasons=list(x.get("reasons", [])),
            values=dict(x.get("values", {})),
            id=x["id"],
        )
        for x in d["findings"]
    ]
    lineage = [
        LineageEdge(
            source=x["source"],
            derived=x["derived"],
            reuse=x["reuse"],
            order=x["order"],
            added=[_span_from(s) for s in x["added"]],
            dropped=[_span_from(s) for s in x["dropped"]],
            likely_source=x["likely_source"],
            changed=[_span_from(s) for s in x.get("changed", [])],
            changed_from=[_span_from(s) for s in x.get("changed_from", [])],
            unordered=x.get("unordered", False),
        )
        for x in d["lineage"]
    ]
    quotes = [
        QuoteRow(
            text=x["text"],
            speaker=x["speaker"],
            speaker_kind=x["speaker_kind"],
            documents=list(x["documents"]),
            spans=[_span_from(s) for s in x["spans"]],
        )
        for x in d["quotes"]
    ]
    notices = [
        Notice(input=x["input"], code=x["code"], message=x["message"], skipped=x["skipped"])
        for x in d["notices"]
    ]
    return Report(
        schema=d["schema"],
        engine=d["engine"],
        models=dict(d["models"]),
        documents=documents,
        findings=findings,
        lineage=lineage,
        quotes=quotes,
        notices=notices,
        check=_check_from(d["check"]) if d.get("check") else None,
    )


# --------------------------------------------------------------------------- validation


def load_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the report, as shipped in the package (a fresh copy)."""
    return json.loads(_schema_text())


@lru_cache(maxsize=1)
def _schema_text() -> str:
    return (
        resources.files("storycheck")
        .joinpath("schema")
        .joinpath("report.schema.json")
        .read_text(encoding="utf-8")
    )


@lru_cache(maxsize=1)
def _validator() -> Any:
    from jsonschema import Draft202012Validator

    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def _path(parts: Iterable[str | int]) -> str:
    out = ["$"]
    for p in parts:
        out.append(f"[{p}]" if isinstance(p, int) else f".{p}")
    return "".join(out)


def _short(text: str, limit: int = 60) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def validate(d: dict[str, Any], *, input_name: str | None = None) -> None:
    """Check a report dict; raise :class:`SchemaError` naming the JSON path of the first problem.

    First the JSON Schema; then what it cannot say: document ids are unique, finding ids are unique,
    every span (finding evidence, lineage added/dropped, quote spans) names a document of the report,
    lies inside it and carries exactly ``text[start:end]``; ids named elsewhere (``values`` keys, quote
    documents, lineage ends) exist; the summary agrees with the findings. ``e.kwargs["path"]`` holds
    the path.
    """
    from jsonschema.exceptions import best_match

    error = best_match(_validator().iter_errors(d))
    if error is not None:
        path = _path(error.absolute_path)
        raise SchemaError(input_name, f"{path}: {error.message}", path=path)
    for path, problem in _invariant_problems(d):
        raise SchemaError(input_name, f"{path}: {problem}", path=path)


def _invariant_problems(d: dict[str, Any]) -> Iterator[tuple[str, str]]:
    texts: dict[str, str] = {}
    for i, doc in enumerate(d["documents"]):
        if doc["id"] in texts:
            yield f"$.documents[{i}].id", f"duplicate document id {doc['id']!r}"
        texts[doc["id"]] = doc["text"]
        ts = doc.get("title_span")
        if ts is not None and not (ts[0] <= ts[1] <= len(doc["text"])):
            yield (
                f"$.documents[{i}].title_span",
                f"{ts} is not a range inside the text (length {len(doc['text'])})",
            )

    def known(path: str, doc_id: str) -> Iterator[tuple[str, str]]:
        if doc_id not in texts:
            yield path, f"unknown document id {doc_id!r}"

    def spans(path: str, items: list[dict[str, Any]]) -> Iterator[tuple[str, str]]:
        for j, s in enumerate(items):
            here = f"{path}[{j}]"
            doc_id, start, end = s["doc"], s["start"], s["end"]
            if doc_id not in texts:
                yield f"{here}.doc", f"unknown document id {doc_id!r}"
                continue
            text = texts[doc_id]
            if not start <= end <= len(text):
                yield here, f"[{start}, {end}] is not a range inside document {doc_id!r} (length {len(text)})"
                continue
            if text[start:end] != s["text"]:
                yield (
                    f"{here}.text",
                    f"{_short(s['text'])} is not the text of document {doc_id!r} at [{start}, {end}], "
                    f"which is {_short(text[start:end])}",
                )

    seen: set[str] = set()
    for i, f in enumerate(d["findings"]):
        if f["id"] in seen:
            yield f"$.findings[{i}].id", f"duplicate finding id {f['id']!r}"
        seen.add(f["id"])
        yield from spans(f"$.findings[{i}].evidence", f["evidence"])
        for doc_id in f["values"]:
            yield from known(f"$.findings[{i}].values", doc_id)
    check = d.get("check")
    if check is not None:
        yield from known("$.check.text", check["text"])
        for i, v in enumerate(check["sentences"]):
            here = f"$.check.sentences[{i}]"
            yield from spans(here, [{"doc": check["text"], **{k: v[k] for k in ("start", "end", "text")}}])
            yield from spans(f"{here}.missing", v["missing"])
            yield from spans(f"{here}.recombined", v.get("recombined", []))
            if v["closest"] is not None:
                yield from spans(f"{here}.closest", [v["closest"]])
            for fid in v["findings"]:
                if fid not in seen:
                    yield f"{here}.findings", f"unknown finding id {fid!r}"
    for i, e in enumerate(d["lineage"]):
        yield from known(f"$.lineage[{i}].source", e["source"])
        yield from known(f"$.lineage[{i}].derived", e["derived"])
        yield from spans(f"$.lineage[{i}].added", e["added"])
        yield from spans(f"$.lineage[{i}].dropped", e["dropped"])
        yield from spans(f"$.lineage[{i}].changed", e.get("changed", []))
        yield from spans(f"$.lineage[{i}].changed_from", e.get("changed_from", []))
        if len(e.get("changed", [])) != len(e.get("changed_from", [])):
            yield f"$.lineage[{i}].changed_from", "not one span for each of changed"
        # the derived report's words and the source's, never the other way round (review revl34: changed and
        # changed_from swapped read back as valid, and the views then said the source gave the derived's figure)
        for field_, side in (("added", "derived"), ("changed", "derived"), ("dropped", "source"),
                             ("changed_from", "source")):
            for j, s in enumerate(e.get(field_, [])):
                if s["doc"] != e[side]:
                    yield f"$.lineage[{i}].{field_}[{j}].doc", f"{s['doc']!r} is not the edge's {side} {e[side]!r}"
    for i, q in enumerate(d["quotes"]):
        for j, doc_id in enumerate(q["documents"]):
            yield from known(f"$.quotes[{i}].documents[{j}]", doc_id)
        yield from spans(f"$.quotes[{i}].spans", q["spans"])

    expected = _summarise(len(d["documents"]), ((f["kind"], f["type"]) for f in d["findings"]))
    got = d["summary"]
    for key in ("documents", "findings", "by_kind", "conflicts_by_type"):
        want, have = expected[key], got[key]
        if isinstance(want, dict):
            # zero counts may be left out by another writer; compare what is counted
            want = {k: v for k, v in want.items() if v}
            have = {k: v for k, v in have.items() if v}
        if want != have:
            yield f"$.summary.{key}", f"{have} does not agree with the report, which has {want}"


# --------------------------------------------------------------------------- helpers for the views


def _type_order(types: Iterable[str]) -> list[str]:
    """Conflict types in the engine's order (CONFLICT_TYPES), then any others alphabetically."""
    rank = {t: i for i, t in enumerate(CONFLICT_TYPES)}
    return sorted(set(types), key=lambda t: (rank.get(t, len(rank)), t))


def ordered_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in presentation order: by kind (KIND_ORDER), conflicts grouped by type, otherwise stable."""
    findings = list(findings)
    kind_rank = {k: i for i, k in enumerate(KIND_ORDER)}
    type_rank = {t: i for i, t in enumerate(_type_order(f.type for f in findings if f.kind == "conflict"))}

    def key(f: Finding) -> tuple[int, int]:
        return (
            kind_rank.get(f.kind, len(kind_rank)),
            type_rank.get(f.type, 0) if f.kind == "conflict" else 0,
        )

    return sorted(findings, key=key)


def grouped_findings(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """``[(kind, findings of that kind in presentation order), ...]`` for the kinds present."""
    groups: dict[str, list[Finding]] = {}
    for f in ordered_findings(findings):
        groups.setdefault(f.kind, []).append(f)
    return list(groups.items())


def kind_count(kind: str, n: int) -> str:
    """The label after a count of findings of a kind: "1 conflict", "2 conflicts" (it read "1 conflicts")."""
    return KIND_LABEL.get(kind, kind) if n == 1 else KIND_PLURAL.get(kind, kind)


def counts_line(report: Report) -> str:
    """``3 documents · 7 findings: 2 conflicts, 1 partial, 2 single-source, 2 corroborated``."""
    s = summary(report)
    n = s["documents"]
    parts = [f"{v} {kind_count(k, v)}" for k, v in s["by_kind"].items()]
    head = f"{n} document{'s' if n != 1 else ''} · {s['findings']} finding{'s' if s['findings'] != 1 else ''}"
    return f"{head}: {', '.join(parts)}" if s["findings"] else head


__all__ = [
    "KIND_LABEL",
    "KIND_ORDER",
    "KIND_PLURAL",
    "RECOMBINED",
    "SCHEMA_ID",
    "SCHEMA_VERSION",
    "clip",
    "counts_line",
    "derivation_lines",
    "kind_count",
    "from_dict",
    "lineage_summary",
    "grouped_findings",
    "load_schema",
    "one_source",
    "ordered_findings",
    "share_pct",
    "summary",
    "to_dict",
    "to_json",
    "unchecked_headline",
    "validate",
]


def clip(text: str, limit: int) -> str:
    """``text`` on one line, cut to ``limit`` characters with "…" where it is longer: at the last space before the
    limit, unless that is more than a third of the limit back (one very long word is cut inside it). Why at a
    space: the views cut a claim's span inside a word, and "Fire Chief Daniel Okon…" under a finding that is about
    how "Okonjo" is spelled read as a third spelling (walk user32). The one cut the text, Markdown and HTML views
    share (each held a copy)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if text[limit - 1] != " " and space >= (limit - 1) * 2 // 3:
        cut = cut[:space]
    return cut.rstrip() + "…"


RECOMBINED = "in the source, linked otherwise"  # how the views head a checked sentence's ``recombined`` words


def unchecked_headline(report: Report) -> str | None:
    """What the views say under a check's score when the checked text has a headline: ``check`` gives verdicts to
    the text's sentences only, and a draft headed "Council wins library case" over a ruling the council lost was
    shown with no word that its headline went unread (session 31's walk). None without a check or a headline."""
    if report.check is None:
        return None
    text = next((d for d in report.documents if d.id == report.check.text), None)
    if text is None or not (text.title or "").strip():
        return None
    return f"Its headline, “{' '.join(text.title.split())}”, is not checked: only the sentences below are."


def distinct_words(spans: Iterable[Span]) -> list[tuple[str, int]]:
    """Each distinct wording of ``spans`` once, in order of first use, with how often it occurs: the words a
    checked sentence's sources do not give, as the views list them. A sentence that repeats "who live near the
    harbour" has each occurrence as a span (the JSON keeps all: the page marks every one), but a list of the
    missing words named it eight times. Wordings equal but for case and spacing are one."""
    seen: dict[str, list[Any]] = {}
    for s in spans:
        key = " ".join(s.text.split()).casefold()
        if key in seen:
            seen[key][1] += 1
        else:
            seen[key] = [s.text, 1]
    return [(text, n) for text, n in seen.values()]


def distinct_line(spans: Iterable[Span], quote: Any = str, open_: str = "", close: str = "") -> str:
    """:func:`distinct_words` as one comma-separated line: ``quote`` escapes each wording for the view, ``open_``
    and ``close`` wrap it, and a repeated one says how often ("harbour ×3")."""
    return ", ".join(f"{open_}{quote(text)}{close}" + (f" ×{n}" if n > 1 else "") for text, n in distinct_words(spans))


def lineage_rows(report: Report) -> tuple[list[LineageEdge], list[tuple[str, str]]]:
    """(the lineage edges with some reuse, the pairs of reports that share no sentence). The views list the
    second apart, as unordered pairs: an edge with no reuse has a direction only because ``lineage`` orders
    every pair (by publication time, else arbitrarily), so "gazette → wire, 0%, order 100%" said the wire
    derived from a page it shares nothing with, and its added/dropped lists were both reports whole. The JSON
    keeps every edge."""
    edges = [e for e in report.lineage if e.reuse > 0]
    apart = [(e.source, e.derived) for e in report.lineage if e.reuse <= 0]
    return edges, apart


def undirected(report: Report) -> set[tuple[str, str]]:
    """(source, derived) of the edges that have no direction to draw: ``unordered`` (undated versions of one text)
    and the undated copies (``_undated_copies``); their source and derived only name the pair."""
    return _undated_copies(report) | {(e.source, e.derived) for e in report.lineage if e.unordered}


def edge_cells(e: LineageEdge, free: set[tuple[str, str]], name: Any = str) -> tuple[str, str]:
    """(the pair, the likely-source answer) of a lineage table's row: "a → b", "yes" / "no"; for an edge with no
    direction (``undirected``) "a ↔ b" and "yes, no direction". Why (review revl34): the tables drew "rewrite →
    wire ... likely source yes" for two undated versions whose derivation line says "nothing in them says which
    came first", a direction the lines above them deny."""
    if (e.source, e.derived) in free:
        return f"{name(e.source)} ↔ {name(e.derived)}", "yes, no direction" if e.likely_source else "no"
    return f"{name(e.source)} → {name(e.derived)}", "yes" if e.likely_source else "no"


def apart_line(edges: list[LineageEdge], apart: list[tuple[str, str]], name: Any = str) -> str:
    """The sentence the views give the pairs that share no sentence (``name`` renders a report's id); one
    sentence for all when no report reuses another (three reports made three pairs, eight would make 28)."""
    if not apart:
        return ""
    if not edges:
        return "No report reuses a sentence of another."
    return "No sentence reused between " + "; ".join(f"{name(a)} and {name(b)}" for a, b in apart) + "."


def derivation_lines(report: Report, name: Any = str) -> list[str]:
    """Each report's likely source said as a sentence, in the order the documents are listed: "c derives from a:
    77% of its text is a's sentences, in the same order; it adds 1 sentence and leaves out 3." (``name`` renders a
    report's id). Why: the lineage table said it as a row "a → c ... likely source yes", which an editor had to
    decode (which way the arrow runs, what "yes" answers) before knowing that c's agreement with a is a copy's
    (walk user32). A report made of two or more others is one sentence naming each ("d derives from a and b: of
    its text, 48% a's and 45% b's sentences; it adds nothing else."): two lines each counting the other
    source's half as "added" misread (session 33). Empty when no report takes half its text from others."""
    rank = {d.id: i for i, d in enumerate(report.documents)}
    copies = _undated_copies(report)
    lines = []
    by_derived: dict[str, list[LineageEdge]] = {}
    for e in sorted((e for e in report.lineage if e.likely_source), key=lambda e: (rank.get(e.derived, len(rank)),
                                                                                   -e.reuse)):
        by_derived.setdefault(e.derived, []).append(e)
    for several in by_derived.values():
        if len(several) == 1:
            lines.append(_derivation_line(several[0], copies, rank, name))
            continue
        # a report made of two or more others (``lineage._sources``): one sentence, each source's share, and what
        # it adds from none of them (each edge's ``added`` holds the sentences taken from the other sources)
        own = [s for s in several[0].added if all(any(a.start == s.start for a in e.added) for e in several[1:])]
        names = [name(e.source) for e in several]
        shares = [f"{share_pct(e.reuse)} {n}'s" for e, n in zip(several, names, strict=True)]
        adds = f"adds {len(own)} sentence{'s' if len(own) != 1 else ''} of none of them" if own else "adds nothing else"
        lines.append(f"{name(several[0].derived)} derives from {', '.join(names[:-1])} and {names[-1]}: of its text, "
                     f"{', '.join(shares[:-1])} and {shares[-1]} sentences; it {adds}.")  # fmt: skip
    return lines


def lineage_summary(report: Report, name: Any = str) -> str | None:
    """One line for the top of every view, beside the counts: how many of the reports take their text from
    another one here, and which from which ("2 of the 7 reports derive from another report here: 18_11 from
    18_3; 18_3 from 18_2."; two undated copies "Copies of each other, nothing saying which came first: a and b.").
    None when no report does.

    Why: a fact-checker weighs "29 corroborated" by how many of the reports were written apart, and the
    lineage that says so was the last section of every view, after the quotes and a thousand lines of
    single-source claims in a Markdown report of seven ECB+ reports (walk user34). The sentences with the
    shares stay there (``derivation_lines``)."""
    rank = {d.id: i for i, d in enumerate(report.documents)}
    copies = _undated_copies(report)
    by_derived: dict[str, list[LineageEdge]] = {}
    for e in sorted((e for e in report.lineage if e.likely_source), key=lambda e: (rank.get(e.derived, len(rank)),
                                                                                   -e.reuse)):
        by_derived.setdefault(e.derived, []).append(e)
    if not by_derived:
        return None
    parts, copied, versions = [], [], []
    for derived, edges in by_derived.items():
        if len(edges) == 1 and (edges[0].source, derived) in copies:
            e = edges[0]
            one, other = sorted((e.source, derived), key=lambda d: rank.get(d, len(rank)))
            # (a rewrite of each other, or a copy that changed a fact, is no copy: ``_derivation_line``'s words)
            exact = not e.added and not e.dropped and not e.changed
            (copied if exact else versions).append(f"{name(one)} and {name(other)}")
            continue
        sources = [name(e.source) for e in edges]
        listed = sources[0] if len(sources) == 1 else f"{', '.join(sources[:-1])} and {sources[-1]}"
        parts.append(f"{name(derived)} from {listed}")
    said = []
    if parts:
        verb = "derives" if len(parts) == 1 else "derive"
        said.append(f"{len(parts)} of the {len(report.documents)} reports {verb} from another report here: "
                    f"{'; '.join(parts)}.")  # fmt: skip
    if copied:  # no direction to say (``_undated_copies``)
        said.append(f"Copies of each other, nothing saying which came first: {'; '.join(copied)}.")
    if versions:
        said.append(f"Versions of one text, nothing saying which came first: {'; '.join(versions)}.")
    return " ".join(said)


def _derivation_line(e: LineageEdge, copies: set[tuple[str, str]], rank: dict[str, int], name: Any) -> str:
    """``derivation_lines``'s sentence for a report with one source."""
    src = name(e.source)
    order = "in the same order" if e.order >= 1 else f"{share_pct(e.order)} of them in the same order"
    if (e.source, e.derived) in copies:
        one, other = sorted((e.source, e.derived), key=lambda d: rank.get(d, len(rank)))
        if not e.added and not e.dropped and not e.changed:
            return (f"{name(one)} and {name(other)} are copies of each other: every sentence of each is in the "
                    f"other, {order}; nothing in them says which came first.")  # fmt: skip
        # a rewrite sentence by sentence, or a copy with a fact changed (``LineageEdge.unordered``, ``changed``)
        rest = (f", {len(e.added)} more reworded" if e.added else "") + _changed_clause(e, name)
        return (f"{name(one)} and {name(other)} are versions of one text: {share_pct(e.reuse)} of "
                f"{name(e.derived)}'s text is {src}'s sentences, {order}{rest}; nothing in them says which came "
                f"first.")  # fmt: skip
    adds = f"adds {len(e.added)} sentence{'s' if len(e.added) != 1 else ''}" if e.added else "adds nothing"
    drops = f"leaves out {len(e.dropped)}" if e.dropped else "leaves out nothing"
    return (f"{name(e.derived)} derives from {src}: {share_pct(e.reuse)} of its text is {src}'s sentences, "
            f"{order}; it {adds} and {drops}{_changed_clause(e, name)}.")  # fmt: skip


def _changed_clause(e: LineageEdge, name: Any, most: int = 3) -> str:
    """``; in them X gives “50” where Y gives “5”`` for an edge's changed facts (``LineageEdge.changed``), the
    first ``most`` of them. Why (session 34): a copy that changed a figure read "copies of each other: every
    sentence of each is in the other"; the change is what an editor most needs of such a copy."""
    if not e.changed:
        return ""
    pairs = [f"“{c.text}” where {name(e.source)} gives “{f.text}”" for c, f in zip(e.changed, e.changed_from,
                                                                                    strict=False)]
    more = f" and {len(pairs) - most} more change{'s' if len(pairs) - most != 1 else ''}" if len(pairs) > most else ""
    return f"; of the reused sentences, {name(e.derived)} gives {', '.join(pairs[:most])}{more}"


def share_pct(share: float) -> str:
    """A share (of 0 to 1) as a whole percent rounded down; the lineage sentence's and table's in every view. Why:
    rounded to nearest, a reprint that adds a byline to a long wire story (0.996 of its text reused) read "100%
    of its text is wire's sentences ...; it adds 1 sentence", and 0.996 of the passages in order read "in the
    same order" (review revu32)."""
    return f"{math.floor(100 * max(0.0, min(1.0, share)) + 1e-9)}%"


def one_source(report: Report, f: Finding) -> str | None:
    """What the views add to a ``corroborated`` finding whose reports are one source: every one of them but one
    derives from another of them (each report's likely source, followed up the lineage), as "One source:
    c-newtop derives from a-wire." Why: "The reports state this claim alike" over a wire story and its reprint
    under a new top read to an editor as two sources agreeing, where the lineage table, at the foot of the
    report, says the second copied the first (walk user32). The finding itself (kind, confidence, the JSON) is
    the judge's and is left as it is. None for any other finding.

    A report whose words for this claim are all in sentences it adds to its source (``LineageEdge.added``) is
    its own source for it: a reprint that states the arrest in a sentence of its own beside the wire's was
    "One source: reprint derives from wire." on that claim too (review revu32), where its words are not the
    wire's."""
    if f.kind != "corroborated":
        return None
    docs = list(dict.fromkeys(s.doc for s in f.evidence))
    sources: dict[str, list[LineageEdge]] = {}
    for e in sorted(report.lineage, key=lambda e: -e.reuse):
        if e.likely_source:
            sources.setdefault(e.derived, []).append(e)

    def parent_of(doc: str) -> str | None:
        """The source ``doc``'s words for this claim are taken from: of its sources (a report made of two wires has
        two), the first whose reused sentences hold its evidence here; None when they are all in sentences
        it adds (its own words). A report with no evidence here: its likely source of most reuse."""
        mine = [s for s in f.evidence if s.doc == doc]
        for e in sources.get(doc, ()):
            if not mine or not all(any(a.start <= s.start and s.end <= a.end for a in e.added) for s in mine):
                return e.source
        return None

    parent = {d: p for d in sources if (p := parent_of(d)) is not None}

    def root(doc: str) -> str:
        seen = {doc}
        while doc in parent and parent[doc] not in seen:
            doc = parent[doc]
            seen.add(doc)
        return doc

    roots = {root(d) for d in docs}
    if len(docs) < 2 or len(roots) != 1:
        return None
    [first] = roots
    undated = _undated_copies(report)
    twins = [d for d in docs if d != first and (parent[d], d) in undated]
    derived = [d for d in docs if d != first and d not in twins]
    said = [f"{', '.join(derived)} derive{'s' if len(derived) == 1 else ''} from {first}"] if derived else []
    rank = {d.id: i for i, d in enumerate(report.documents)}
    plain = {(e.source, e.derived) for e in report.lineage if not e.added and not e.dropped and not e.changed}
    for d in twins:
        one, other = sorted((parent[d], d), key=lambda x: rank.get(x, len(rank)))
        said.append(f"{one} and {other} are {'copies of each other' if (parent[d], d) in plain else 'versions of one text'}")
    return f"One source: {'; '.join(said)}."


def _undated_copies(report: Report) -> set[tuple[str, str]]:
    """(source, derived) of each likely-source edge between two copies of each other (every sentence of each
    reused in the other) whose ``published`` does not say which came first. Why: lineage then picks the source
    by the content hash, so that it is the same whatever order the files are given in; the views said "b
    derives from a: 100% of its text is a's sentences" and, under each claim they share, "One source: b
    derives from a", a direction nothing in the reports supports (review revu32). They say the two are copies
    of each other instead."""
    docs = {d.id: d for d in report.documents}
    out = set()
    for e in report.lineage:
        if e.likely_source and e.unordered:  # (session 34: a rewrite of each other, or a copy that changed a fact)
            out.add((e.source, e.derived))
        elif e.likely_source and not e.added and not e.dropped:
            a, b = docs.get(e.source), docs.get(e.derived)
            if a is None or b is None or first_published(a, b) is None:
                out.add((e.source, e.derived))
    return out


# a sentence's end for ``span_sentence`` when the report has no analyses (one read back from JSON: ``show``): a
# stop and the space after it, or a paragraph break
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+|\n\s*\n")
_CONTEXT_SHARE = 0.6  # a span this share of its sentence or more is read whole: no sentence beside it
_CONTEXT_LIMIT = 220  # characters of the sentence shown, around the span


def span_sentence(report: Report, span: Span) -> str | None:
    """The sentence that holds a short piece of evidence, for the text and Markdown views; None when the span is
    most of its sentence or runs past it. Why: a number conflict's evidence is "[a] “60”" and "[b] “About 80”",
    which a fact-checker reading the terminal or a Markdown report cannot place without opening the texts
    (session 27's walk; the HTML page marks the spans in the texts). The analyser's sentences when the report
    has them, else the text cut at a stop or a paragraph break; a long sentence is cut around the span."""
    doc = next((d for d in report.documents if d.id == span.doc), None)
    if doc is None or not span.text.strip():
        return None
    start = end = None
    # (``getattr``: a caller's report may hold anything there; the JSON never carries it)
    for s in getattr(report.analyses.get(span.doc) if report.analyses else None, "sentences", None) or ():
        if s.start <= span.start < s.end:
            start, end = s.start, s.end
            break
    if start is None:
        start, end = 0, len(doc.text)
        for m in _SENTENCE_END.finditer(doc.text):
            if not _ends_here(doc.text, m):
                continue
            if m.end() <= span.start:
                start = m.end()
            elif m.start() >= span.end - 1:
                end = m.start() + len(m.group().rstrip()) if doc.text[m.start()] in ".!?" else m.start()
                break
    if span.end > end or len(span.text.strip()) >= _CONTEXT_SHARE * len(doc.text[start:end].strip()):
        return None
    if end - start > _CONTEXT_LIMIT:  # around the span: what is before it and after it, cut at a space
        room = max(0, (_CONTEXT_LIMIT - (span.end - span.start)) // 2)
        left, right = max(start, span.start - room), min(end, span.end + room)
        left = doc.text.find(" ", left, span.start) + 1 if left > start else start
        right = doc.text.rfind(" ", span.end, right) if right < end and " " in doc.text[span.end:right] else right
        return ("…" if left > start else "") + " ".join(doc.text[left:right].split()) + ("…" if right < end else "")
    return " ".join(doc.text[start:end].split())


def _ends_here(text: str, m: re.Match) -> bool:
    """Whether a stop ``_SENTENCE_END`` found ends a sentence: not after a title or an initial ("St. Louis",
    "John F. Kennedy"), nor after an abbreviation the sentence goes on from ("the U.S. fire agency"), as a text's
    line breaks are judged (``ingest._ends_sentence``). Why: a report read back from the store has no sentences of
    the analyser, and "Fire chief Dana Morrow of St. Louis said 60 firefighters..." was shown as "Louis said 60
    firefighters..." (review revu27)."""
    from storycheck.ingest import _ends_sentence

    if text[m.start()] not in ".!?":  # a paragraph break
        return True
    words = text[max(0, m.start() - 40): m.start() + len(m.group().rstrip())].split()
    return not words or _ends_sentence(words[-1], text[m.end(): m.end() + 1])
