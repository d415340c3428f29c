"""The report as one self-contained HTML page: the reports side by side, every finding highlighted.

No external resources and no build step: the CSS and JS live beside this module (``page.css``,
``page.js``) and are inlined. Every piece of text that comes from an input or from the engine goes
through :func:`html.escape`; the report JSON is embedded with ``<``, ``>`` and ``&`` written as
``\\u003c`` etc., so no document can close a tag it did not open.

Highlighting: in each document the text is cut at every span boundary; each segment covered by at
least one finding becomes ``<mark data-f="F3 F7" data-k="conflict">`` (``data-k``: the most important
kind covering it, which the page recomputes when kinds are filtered). The cost is one sort of the
boundaries per document plus the segments, not a walk over every character.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from html import escape
from importlib import resources

from storycheck.records import Document, Finding, Report
from storycheck.report import (
    KIND_LABEL,
    KIND_ORDER,
    KIND_PLURAL,
    RECOMBINED,
    apart_line,
    clip,
    derivation_lines,
    distinct_line,
    edge_cells,
    grouped_findings,
    kind_count,
    lineage_rows,
    lineage_summary,
    one_source,
    share_pct,
    summary,
    to_dict,
    unchecked_headline,
    undirected,
)

_KIND_RANK = {k: i for i, k in enumerate(KIND_ORDER)}
_SNIPPET = 180


@cache
def _asset(name: str) -> str:
    return resources.files("storycheck.render").joinpath(name).read_text(encoding="utf-8")


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def _clip(text: str, limit: int = _SNIPPET) -> str:
    return clip(text, limit)


def embed_json(data: object) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` left raw."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


# --------------------------------------------------------------------------- highlighting


def highlight(text: str, spans: list[tuple[int, int, str]], findings: dict[str, Finding]) -> str:
    """``text`` as escaped HTML with a ``<mark>`` on every segment covered by ``(start, end, finding id)``.

    Overlapping and nested spans are handled by cutting at every boundary: each segment carries the ids
    of all the findings covering it (in report order) and the kind classes of those findings.
    Spans outside the text are clipped; empty ones are ignored.
    """
    n = len(text)
    opens: dict[int, list[str]] = defaultdict(list)
    closes: dict[int, list[str]] = defaultdict(list)
    for start, end, fid in spans:
        start, end = max(0, start), min(n, end)
        if start < end:
            opens[start].append(fid)
            closes[end].append(fid)
    if not opens:
        return _e(text)
    order = {fid: i for i, fid in enumerate(findings)}
    bounds = sorted({0, n, *opens, *closes})
    active: dict[str, int] = {}  # finding id -> number of its spans open here (a finding may repeat)
    out: list[str] = []
    for pos, nxt in zip(bounds, bounds[1:], strict=False):
        for fid in closes.get(pos, ()):
            if active[fid] == 1:
                del active[fid]
            else:
                active[fid] -= 1
        for fid in opens.get(pos, ()):
            active[fid] = active.get(fid, 0) + 1
        segment = _e(text[pos:nxt])
        if not active:
            out.append(segment)
            continue
        ids = sorted(active, key=lambda f: order.get(f, len(order)))
        kinds = sorted({findings[f].kind for f in ids if f in findings}, key=lambda k: _KIND_RANK.get(k, 99))
        top = kinds[0] if kinds else "none"
        classes = " ".join(["hl", *(f"k-{k}" for k in kinds), *(["multi"] if len(ids) > 1 else [])])
        tip = "; ".join(
            f"{f} {KIND_LABEL.get(findings[f].kind, findings[f].kind)} · {findings[f].type}"
            for f in ids
            if f in findings
        )
        out.append(
            f'<mark class="{_e(classes)}" data-f="{_e(" ".join(ids))}" data-k="{_e(top)}" title="{_e(tip)}">{segment}</mark>'
        )
    return "".join(out)


# --------------------------------------------------------------------------- page parts


def _doc_chip(doc_id: str) -> str:
    return f'<span class="chip">{_e(doc_id)}</span>'


def _finding_link(finding_id: str) -> str:
    """A finding's id in the check table as a link that selects it (``#F2``, read by page.js as on load): the ids
    were plain text, and a fact-checker had to find F2 in the list by eye to read why a sentence is contradicted."""
    return f'<a class="fid" href="#{_e(finding_id)}" title="show {_e(finding_id)}">{_e(finding_id)}</a>'


def _doc_link(report: Report, doc_id: str) -> str:
    """A document's chip as a link to its column (``#doc-<i>``): the lineage and quotes tables named the
    reports without a way to go to them (an editor reading "wire → rewrite" had to find the column)."""
    for i, doc in enumerate(report.documents):
        if doc.id == doc_id:
            return f'<a class="chip" href="#doc-{i}" title="go to {_e(doc_id)}">{_e(doc_id)}</a>'
    return _doc_chip(doc_id)


def _safe_url(url: str | None) -> str | None:
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


def _title(report: Report) -> str | None:
    """What the page is about: the first report's headline; for ``check``, the checked text's headline, else what
    was checked against what. Why: a check page of an untitled draft was headed with its first source's
    headline, so an editor read "Steelworkers walk out at Drava plant" over the verdicts of her own draft
    (session 29's walk)."""
    if report.check is not None:
        text = next((d for d in report.documents if d.id == report.check.text), None)
        if text is not None and text.title:
            return text.title
        return f"{report.check.text} checked against {_some(report.check.sources)}"
    return next((d.title for d in report.documents if d.title), None)


def _some(ids: list[str], shown: int = 3) -> str:
    """The first few ids and how many more: a draft checked against forty sources was headed by forty ids."""
    if len(ids) <= shown + 1:
        return ", ".join(ids)
    return f"{', '.join(ids[:shown])} and {len(ids) - shown} more"


def _header(report: Report) -> list[str]:
    s = summary(report)
    title = _title(report)
    out = ['<header class="top">', '<div class="brand">storycheck</div>']
    out.append(f"<h1>{_e(title) if title else 'Report'}</h1>")
    out.append('<ul class="counts">')
    n = s["documents"]
    out.append(f'<li class="count"><b>{n}</b> report{"s" if n != 1 else ""}</li>')
    for kind, count in s["by_kind"].items():
        out.append(f'<li class="count k-{_e(kind)}"><b>{count}</b> {_e(kind_count(kind, count))}</li>')
    out.append("</ul>")
    if s["conflicts_by_type"]:
        types = ", ".join(f"{_e(t)} {c}" for t, c in s["conflicts_by_type"].items())
        out.append(f'<p class="bytype">Conflicts by type: {types}</p>')
    if derived := lineage_summary(report, lambda d: _doc_link(report, d)):
        out.append(f'<p class="bytype">{derived} <a href="#lineage">Lineage</a></p>')
    out.append("</header>")
    return out


def _filters(report: Report) -> list[str]:
    by_kind = summary(report)["by_kind"]
    out = [
        '<div class="filters" role="group" aria-label="Kinds to show"><span class="filters-label">Show</span>'
    ]
    for kind in KIND_ORDER:
        out.append(
            f'<label class="k-{kind}"><input type="checkbox" value="{kind}" checked>'
            f'<span class="badge">{_e(KIND_PLURAL[kind])}</span><span class="n">{by_kind.get(kind, 0)}</span></label>'
        )
    out.append("</div>")
    return out


def _finding_item(f: Finding, report: Report) -> list[str]:
    kind = _e(f.kind)
    out = [
        f'<li class="finding k-{kind}" data-id="{_e(f.id)}" data-k="{kind}" tabindex="0" role="button" '
        f'aria-pressed="false">',
        '<div class="f-top">',
        f'<span class="badge">{_e(KIND_LABEL.get(f.kind, f.kind))}</span>',
        f'<span class="f-type">{_e(f.type)}</span>',
        f'<span class="f-conf" title="confidence">{f.confidence:.2f}</span>',
        f'<span class="f-id">{_e(f.id)}</span>',
        "</div>",
        f'<p class="f-expl">{_e(f.explanation)}</p>',
    ]
    if note := one_source(report, f):
        out.append(f'<p class="f-one">{_e(note)}</p>')
    if f.evidence:
        out.append('<ul class="f-ev">')
        for span in f.evidence:
            out.append(f"<li>{_doc_chip(span.doc)} <q>{_e(_clip(span.text))}</q></li>")
        out.append("</ul>")
    if f.reasons:
        reasons = ", ".join(_e(r.replace("_", " ")) for r in f.reasons)
        out.append(f'<p class="f-why">Why it matters: {reasons}</p>')
    out.append("</li>")
    return out


def _findings_panel(report: Report) -> list[str]:
    out = ['<aside class="panel" aria-label="Findings">', *_filters(report)]
    if not report.findings:
        out.append('<p class="empty">No findings.</p>')
    for kind, findings in grouped_findings(report.findings):
        out.append(
            f'<h2 class="group k-{_e(kind)}" data-k="{_e(kind)}">{_e(KIND_PLURAL.get(kind, kind))}</h2>'
        )
        out.append(f'<ol class="findings" data-k="{_e(kind)}">')
        for f in findings:
            out += _finding_item(f, report)
        out.append("</ol>")
    out.append("</aside>")
    return out


def _column(
    i: int, doc: Document, spans: list[tuple[int, int, str]], findings: dict[str, Finding]
) -> list[str]:
    meta = [_e(x) for x in (doc.source, doc.published) if x]
    url = _safe_url(doc.url)
    if url:
        meta.append(f'<a href="{_e(url)}" rel="noopener noreferrer nofollow" target="_blank">link</a>')
    touched: dict[str, set[str]] = defaultdict(set)
    for _, _, fid in spans:
        if fid in findings:
            touched[findings[fid].kind].add(fid)
    tally = "".join(
        f'<span class="tally k-{k}" title="{_e(KIND_PLURAL[k])}">{len(touched[k])}</span>'
        for k in KIND_ORDER
        if touched[k]
    )
    return [
        f'<article class="doc" id="doc-{i}" data-doc="{_e(doc.id)}">',
        '<header class="doc-head">',
        f'<div class="doc-line">{_doc_chip(doc.id)}<span class="tallies">{tally}</span></div>',
        f"<h2>{_e(doc.title) if doc.title else '<span class=muted>(no title)</span>'}</h2>",
        f'<p class="doc-meta">{" · ".join(meta) or "&nbsp;"}</p>',
        "</header>",
        f'<div class="doc-text" data-doc="{_e(doc.id)}" tabindex="0">{highlight(doc.text, spans, findings)}</div>',
        "</article>",
    ]


def _columns(report: Report) -> list[str]:
    findings = {f.id: f for f in report.findings}
    per_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for f in report.findings:
        for span in f.evidence:
            per_doc[span.doc].append((span.start, span.end, f.id))
    out = ['<section class="columns" aria-label="Reports">']
    for i, doc in enumerate(report.documents):
        out += _column(i, doc, per_doc.get(doc.id, []), findings)
    out.append("</section>")
    return out


def _quotes(report: Report) -> list[str]:
    if not report.quotes:
        return []
    out = [
        '<section class="block" id="quotes"><h2>Quotes</h2><div class="scroll"><table>',
        "<thead><tr><th>Quote</th><th>Speaker</th><th>Speaker kind</th><th>Reports</th></tr></thead><tbody>",
    ]
    for q in report.quotes:
        speaker = _e(q.speaker) if q.speaker else '<span class="muted">—</span>'
        docs = " ".join(_doc_link(report, d) for d in q.documents)
        out.append(
            f"<tr><td><q>{_e(q.text)}</q></td><td>{speaker}</td>"
            f'<td><span class="sk sk-{_e(q.speaker_kind)}">{_e(q.speaker_kind)}</span></td><td>{docs}</td></tr>'
        )
    out.append("</tbody></table></div></section>")
    return out


def _span_list(label: str, spans: list) -> str:
    if not spans:
        return "0"
    items = "".join(f"<li><q>{_e(_clip(s.text))}</q></li>" for s in spans)
    return f"<details><summary>{len(spans)} {label}</summary><ul>{items}</ul></details>"


def _lineage(report: Report) -> list[str]:
    if not report.lineage:
        return []
    edges, apart = lineage_rows(report)
    out = ['<section class="block" id="lineage"><h2>Lineage</h2>']
    out += [f"<p>{line}</p>" for line in derivation_lines(report, lambda d: _doc_link(report, d))]
    if edges:
        out += ['<div class="scroll"><table><thead><tr><th>Source → derived</th><th>Reuse</th><th>Order</th>'
                "<th>Added</th><th>Dropped</th><th>Likely source</th></tr></thead><tbody>"]
    free = undirected(report)
    for e in edges:
        pair, likely = edge_cells(e, free, lambda d: _doc_link(report, d))
        out.append(
            f"<tr><td>{pair}</td>"
            f'<td><span class="bar"><span style="width:{share_pct(e.reuse)}"></span></span> {share_pct(e.reuse)}</td>'
            f"<td>{share_pct(e.order)}</td><td>{_span_list('added', e.added)}</td>"
            f"<td>{_span_list('dropped', e.dropped)}</td>"
            f"<td>{f'<b>{likely}</b>' if e.likely_source else '<span class=muted>no</span>'}</td></tr>"
        )
    if edges:
        out.append("</tbody></table></div>")
    if apart:
        out.append(f'<p class="muted">{apart_line(edges, apart, lambda d: _doc_link(report, d))}</p>')
    out.append("</section>")
    return out


_VERDICT_KIND = {"supported": "corroborated", "partial": "partial", "contradicted": "conflict", "unsupported": "single_source"}


def _check(report: Report) -> list[str]:
    """``storycheck check``'s verdicts: each sentence of the text with its verdict, score, the source sentence
    it was compared with (and which source holds it) and the words the sources do not give (the page held
    them only in its embedded JSON before)."""
    result = report.check
    if result is None:
        return []
    sources = ", ".join(_doc_link(report, d) for d in result.sources)
    out = [
        '<section class="block" id="check">',
        f"<h2>Check: {_doc_link(report, result.text)} against {sources} · score {result.score:.2f}</h2>",
        *([f'<p class="muted">{_e(line)}</p>'] if (line := unchecked_headline(report)) else []),
        '<div class="scroll"><table><thead><tr><th>#</th><th>verdict</th><th>score</th><th>sentence</th>'
        "<th>compared with</th><th>not in the sources</th><th>findings</th></tr></thead><tbody>",
    ]
    for v in result.sentences:
        kind = _VERDICT_KIND.get(v.verdict, v.verdict)
        closest = f"{_doc_link(report, v.closest.doc)} {_e(v.closest.text)}" if v.closest is not None else "—"
        missing = distinct_line(v.missing, _e, f'<mark class="hl k-{kind}">', "</mark>")
        if v.recombined:  # (no "—" line above it when no word is missing: markdown's cell says why)
            missing += (("<br>" if missing else "") + f'<span class="recombined">{RECOMBINED}: '
                        + distinct_line(v.recombined, _e, f'<mark class="hl k-{kind}">', "</mark>") + "</span>")  # fmt: skip
        missing = missing or "—"
        out.append(
            f'<tr class="verdict-{_e(v.verdict)}"><td>{v.index + 1}</td><td class="k-{kind}"><b>{_e(v.verdict)}</b></td>'
            f"<td>{v.score:.2f}</td><td>{_e(v.text)}</td><td>{closest}</td><td>{missing}</td>"
            f"<td>{', '.join(_finding_link(i) for i in v.findings) or '—'}</td></tr>"
        )
    out.append("</tbody></table></div></section>")
    return out


def _notices(report: Report) -> list[str]:
    if not report.notices:
        return []
    out = ['<section class="block" id="notices"><h2>Notices</h2><ul class="notices">']
    for n in report.notices:
        status = "skipped" if n.skipped else "kept"
        out.append(
            f'<li><code>{_e(n.code)}</code> <b>{_e(n.input)}</b>: {_e(n.message)} <span class="muted">({status})</span></li>'
        )
    out.append("</ul></section>")
    return out


def _footer(report: Report) -> list[str]:
    models = " · ".join(f"{_e(k)}: {_e(v)}" for k, v in report.models.items())
    return [
        f'<footer class="foot">{_e(report.engine)} · {_e(report.schema)}{" · " + models if models else ""}</footer>'
    ]


def to_html(report: Report, *, nav: str | None = None) -> str:
    """One self-contained HTML page for the report (inline CSS and JS, no external resources).

    ``nav`` is trusted HTML placed at the top of the page (the web server's back link and status);
    the caller escapes anything in it that came from outside.
    """
    page_title = _title(report)
    parts: list[str] = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>storycheck · {_e(page_title) if page_title else 'report'}</title>",
        f"<style>{_asset('page.css')}</style>",
        "</head><body>",
        *([nav] if nav else []),
        *_header(report),
        *_check(report),
        '<main class="layout">',
        *_findings_panel(report),
        *_columns(report),
        "</main>",
        *_quotes(report),
        *_lineage(report),
        *_notices(report),
        *_footer(report),
        f'<script type="application/json" id="storycheck-report">{embed_json(to_dict(report))}</script>',
        f"<script>{_asset('page.js')}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


__all__ = ["embed_json", "highlight", "to_html"]
