"""The report as Markdown, for an editor: what conflicts first, each finding with its evidence quoted."""

from __future__ import annotations

import re

from storycheck.records import Finding, Report, Span
from storycheck.report import (
    RECOMBINED,
    apart_line,
    clip,
    counts_line,
    derivation_lines,
    distinct_line,
    edge_cells,
    grouped_findings,
    lineage_rows,
    lineage_summary,
    one_source,
    share_pct,
    span_sentence,
    summary,
    unchecked_headline,
    undirected,
)

# Characters that can start emphasis, code, links, HTML or a table cell in CommonMark/GFM. Backslash
# escapes are valid for any ASCII punctuation, so this is safe wherever inline text goes.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_SPACE = re.compile(r"\s+")
_BLOCK_START = re.compile(r"^(\d*)([-+.)])(?=\s|$)")

_HEADINGS = {
    "conflict": "Conflicts",
    "partial": "Partial: one report adds detail",
    "single_source": "Single-source: said by one report only",
    "corroborated": "Corroborated",
}


def escape(text: str | None) -> str:
    """Inline-safe Markdown: whitespace (newlines too) folded to one space, significant characters escaped."""
    if not text:
        return ""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def _paragraph(text: str | None) -> str:
    """Like :func:`escape`, for text that starts a line: a leading ``-``/``+``/``1.`` would make a list."""
    return _BLOCK_START.sub(r"\1\\\2", escape(text), count=1)


def _cell(text: str | None) -> str:
    return escape(text) or "—"


def _quote_line(span: Span, report: Report | None = None) -> str:
    line = f"> [{escape(span.doc)}] “{escape(span.text)}”"
    sentence = span_sentence(report, span) if report is not None else None
    return line + (f" — in “{escape(sentence)}”" if sentence else "")


def _finding_block(f: Finding, report: Report | None = None) -> list[str]:
    head = f"**{escape(f.id)}** · {escape(f.type)} · confidence {f.confidence:.2f}"
    lines = [head, "", _paragraph(f.explanation) or "(no explanation)"]
    extra = []
    if f.reasons:
        extra.append("Why it matters: " + ", ".join(escape(r) for r in f.reasons))
    if extra:
        lines += ["", *(f"- {e}" for e in extra)]
    lines.append("")
    for i, span in enumerate(f.evidence):
        if i:
            lines.append(">")
        lines.append(_quote_line(span, report))
    lines.append("")
    return lines


def _corroborated_item(f: Finding, report: Report) -> str:
    docs = ", ".join(dict.fromkeys(escape(s.doc) for s in f.evidence))
    first = f.evidence[0] if f.evidence else None
    snippet = f" — “{escape(_clip(first.text))}”" if first else ""
    note = f" **{escape(note)}**" if (note := one_source(report, f)) else ""
    return f"- **{escape(f.id)}** ({escape(f.type)}, {f.confidence:.2f}) {escape(f.explanation)}{note} — in {docs}{snippet}"


def _clip(text: str, limit: int = 160) -> str:
    return clip(text, limit)


def _check_section(report: Report) -> list[str]:
    """``storycheck check``'s verdicts (the report's ``check``): each sentence of the text with its verdict,
    score, the source sentence it was compared with (and which source holds it) and the words the sources do
    not give. Without it a checked text's Markdown showed only the findings, never a verdict or score."""
    result = report.check
    if result is None:
        return []
    sources = ", ".join(f"`{d.replace('`', '')}`" for d in result.sources)
    out = [f"## Check: `{result.text.replace('`', '')}` against {sources}", "",
           f"**Score {result.score:.2f}** (1 = every sentence supported)", "",
           *([escape(line), ""] if (line := unchecked_headline(report)) else []),
           "| # | verdict | score | sentence | compared with | not in the sources | findings |",
           "|---|---|---|---|---|---|---|"]  # fmt: skip
    for v in result.sentences:
        closest = f"[{escape(v.closest.doc)}] “{escape(v.closest.text)}”" if v.closest is not None else "—"
        missing = distinct_line(v.missing, escape, "“", "”")  # "—" only when neither list has a word: "—; in
        if v.recombined:  # the source, linked otherwise: “Mercer”" read as if the cell said two things (session 31)
            missing += ("; " if missing else "") + f"{RECOMBINED}: " + distinct_line(v.recombined, escape, "“", "”")
        missing = missing or "—"
        found = ", ".join(escape(f) for f in v.findings) or "—"
        out.append(f"| {v.index + 1} | {escape(v.verdict)} | {v.score:.2f} | {_cell(v.text)} | {closest} | "
                   f"{missing} | {found} |")  # fmt: skip
    out.append("")
    return out


def to_markdown(report: Report) -> str:
    """A readable Markdown report: documents, counts, findings by importance, quotes, lineage, notices."""
    out: list[str] = ["# storycheck report", ""]
    models = ", ".join(f"{escape(k)}: {escape(v)}" for k, v in report.models.items())
    out += [f"*{escape(report.engine)} · {escape(report.schema)}{' · ' + models if models else ''}*", ""]
    out += [f"**{escape(counts_line(report))}**", ""]
    conflicts = summary(report)["conflicts_by_type"]
    if conflicts:
        out += ["Conflicts by type: " + ", ".join(f"{escape(t)} {n}" for t, n in conflicts.items()), ""]
    if derived := lineage_summary(report, escape):
        out += [f"{derived} (See [Lineage](#lineage).)", ""]
    out += _check_section(report)

    out += ["## Documents", "", "| id | source | title | published |", "|---|---|---|---|"]
    for d in report.documents:
        out.append(
            f"| `{d.id.replace('`', '')}` | {_cell(d.source)} | {_cell(d.title)} | {_cell(d.published)} |"
        )
    out.append("")

    if not report.findings:
        out += ["## Findings", "", "No findings.", ""]
    for kind, findings in grouped_findings(report.findings):
        out += [f"## {_HEADINGS.get(kind, escape(kind))} ({len(findings)})", ""]
        if kind == "corroborated":
            out += [_corroborated_item(f, report) for f in findings]
            out.append("")
        elif kind == "conflict":
            current = None
            for f in findings:
                if f.type != current:
                    current = f.type
                    n = sum(1 for g in findings if g.type == current)
                    out += [f"### {escape(current)} ({n})", ""]
                out += _finding_block(f, report)
        else:
            for f in findings:
                out += _finding_block(f, report)

    if report.quotes:
        out += ["## Quotes", "", "| quote | speaker | speaker kind | reports |", "|---|---|---|---|"]
        for q in report.quotes:
            docs = ", ".join(escape(d) for d in q.documents)
            out.append(f"| “{escape(q.text)}” | {_cell(q.speaker)} | {escape(q.speaker_kind)} | {docs} |")
        out.append("")

    if report.lineage:
        edges, apart = lineage_rows(report)
        out += ["## Lineage", ""]
        if derived := derivation_lines(report, escape):
            out += [*derived, ""] if len(derived) == 1 else [*(f"- {line}" for line in derived), ""]
        if edges:
            out += ["| source → derived | reuse | order | added | dropped | likely source |", "|---|---|---|---|---|---|"]
        free = undirected(report)
        for e in edges:
            pair, likely = edge_cells(e, free, escape)
            out.append(
                f"| {pair} | {share_pct(e.reuse)} | {share_pct(e.order)} | {len(e.added)} | {len(e.dropped)} | {likely} |"
            )
        out += [""] if edges else []
        if apart:
            out += [apart_line(edges, apart, escape), ""]
        for e in edges:
            if e.added or e.dropped:
                out += [f"**{escape(e.derived)}** against **{escape(e.source)}**", ""]
                out += [f"- added: “{escape(_clip(s.text))}”" for s in e.added]
                out += [f"- dropped: “{escape(_clip(s.text))}”" for s in e.dropped]
                out.append("")

    if report.notices:
        out += ["## Notices", ""]
        for n in report.notices:
            status = "skipped" if n.skipped else "kept"
            out.append(f"- `{n.code.replace('`', '')}` {escape(n.input)}: {escape(n.message)} ({status})")
        out.append("")

    return "\n".join(out).rstrip() + "\n"


__all__ = ["escape", "to_markdown"]
