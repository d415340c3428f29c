"""The report in a terminal, with Rich.

Article text, titles and explanations are always passed as :class:`rich.text.Text`, never as strings,
so that ``[bold]`` or ``:smile:`` in a report prints as written instead of being read as markup.
"""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from storycheck.records import Finding, Report
from storycheck.report import (
    KIND_LABEL,
    apart_line,
    clip,
    counts_line,
    derivation_lines,
    edge_cells,
    lineage_rows,
    lineage_summary,
    one_source,
    ordered_findings,
    share_pct,
    span_sentence,
    summary,
    undirected,
)

KIND_STYLE = {
    "conflict": "bold red",
    "partial": "bold yellow",
    "single_source": "bold magenta",
    "corroborated": "green",
}
SNIPPET = 140


def _t(text: str | None, style: str = "") -> Text:
    return Text(text if text is not None else "—", style=style if text is not None else "dim")


def _snippet(text: str, limit: int = SNIPPET) -> str:
    return clip(text, limit)


def _documents(report: Report) -> Panel:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("source")
    table.add_column("title", ratio=3)
    table.add_column("published", no_wrap=True)
    table.add_column("chars", justify="right")
    for d in report.documents:
        table.add_row(_t(d.id), _t(d.source), _t(d.title), _t(d.published), Text(f"{len(d.text):,}"))
    return Panel(table, title=Text("documents"), title_align="left", border_style="cyan")


def _evidence(f: Finding, report: Report | None = None) -> Text:
    out = Text()
    for i, span in enumerate(f.evidence):
        if i:
            out.append("\n")
        out.append(f"[{span.doc}] ", style="bold cyan")
        out.append("“" + _snippet(span.text) + "”")
        if report is not None and (sentence := span_sentence(report, span)):  # "60" alone says nothing
            out.append(f" in “{_snippet(sentence, 2 * SNIPPET)}”", style="dim")
    return out


def _what(f: Finding, report: Report) -> Text:
    out = Text(f.explanation)
    if note := one_source(report, f):
        out.append("\n" + note, style="yellow")
    if f.reasons:
        out.append("\n")
        out.append("why: " + ", ".join(f.reasons), style="dim")
    return out


def _titled_table(title: str, **options: object) -> Table:
    """The look every section of the terminal view shares: a bold title on the left, a rule under the head."""
    return Table(title=Text(title, style="bold"), title_justify="left", box=box.SIMPLE_HEAD, show_edge=False, **options)


def _findings(report: Report) -> Table:
    table = _titled_table("findings", expand=True, leading=1)
    # id, kind, type and confidence share one narrow column: the explanation and the evidence need the width
    table.add_column("finding", no_wrap=True)
    table.add_column("what", ratio=1)
    table.add_column("evidence", ratio=1)
    for f in ordered_findings(report.findings):
        label = Text(f.id + " ", style="bold")
        label.append(KIND_LABEL.get(f.kind, f.kind), style=KIND_STYLE.get(f.kind, ""))
        label.append(f"\n{f.type}\n", style="")
        label.append(f"confidence {f.confidence:.2f}", style="dim")
        table.add_row(label, _what(f, report), _evidence(f, report))
    return table


def _quotes(report: Report) -> Table:
    # each column as wide as its text, the widest narrowed first when the terminal is narrower (rich's collapse): shares
    # of the width (3:2:2, session 34) cut the ids at 120 columns, "farrowby-courier-morning-e…", beside a speaker
    # column two thirds empty (revu34); an id is folded, never cut, as it names the report in the documents table
    table = _titled_table("quotes")
    table.add_column("quote")
    table.add_column("speaker")
    table.add_column("speaker kind", no_wrap=True)
    table.add_column("reports", overflow="fold", min_width=7)
    for q in report.quotes:
        kind_style = "yellow" if q.speaker_kind == "anonymous" else ""
        table.add_row(
            Text("“" + _snippet(q.text, 200) + "”"),
            _t(q.speaker),
            Text(q.speaker_kind, style=kind_style),
            Text("\n".join(q.documents), style="cyan"),
        )
    return table


def _lineage(report: Report, title: str = "lineage") -> Table:
    table = _titled_table(title)
    table.add_column("source → derived")
    table.add_column("reuse", justify="right")
    table.add_column("order", justify="right")
    table.add_column("added", justify="right")
    table.add_column("dropped", justify="right")
    table.add_column("likely source")
    edges, apart = lineage_rows(report)
    free = undirected(report)
    for e in edges:
        pair, likely = edge_cells(e, free)
        table.add_row(
            Text(pair),
            Text(share_pct(e.reuse)),
            Text(share_pct(e.order)),
            Text(str(len(e.added))),
            Text(str(len(e.dropped))),
            Text(likely, style="bold") if e.likely_source else Text("no", style="dim"),
        )
    return table


def _notices(report: Report) -> Panel:
    lines = Text()
    for i, n in enumerate(report.notices):
        if i:
            lines.append("\n")
        lines.append(f"[{n.code}] ", style="bold yellow")
        lines.append(n.input, style="bold")
        lines.append(": " + n.message)
        lines.append(" (skipped)" if n.skipped else "", style="dim")
    return Panel(lines, title=Text("notices"), title_align="left", border_style="yellow")


def render(report: Report, console: Console | None = None) -> None:
    """Print the report to ``console`` (a new one on standard output when None)."""
    console = console or Console()
    head = Text("storycheck", style="bold")
    head.append(f"  {report.engine} · {report.schema}", style="dim")
    console.print(Rule(head, align="left"))
    if report.models:
        console.print(
            Text("models: " + ", ".join(f"{k} = {v}" for k, v in report.models.items()), style="dim")
        )
    counts = Text(counts_line(report), style="bold")
    by_type = summary(report)["conflicts_by_type"]
    if by_type:
        counts.append(
            "\nconflicts by type: " + ", ".join(f"{t} {n}" for t, n in by_type.items()), style="red"
        )
    console.print(counts)
    if derived := lineage_summary(report):
        console.print(Text(derived + " (lineage below)"))
    console.print(_documents(report))
    console.print()
    console.print(_findings(report) if report.findings else Text("No findings.", style="dim"))
    if report.quotes:
        console.print()
        console.print(_quotes(report))
    if report.lineage:
        console.print()
        edges, apart = lineage_rows(report)
        derived = derivation_lines(report)
        if derived:  # the plain sentences under the section's title, then the table, untitled
            console.print(Text("lineage", style="bold"))
            console.print(Text("\n".join(derived)))
        if edges:
            console.print(_lineage(report, "" if derived else "lineage"))
        if apart:
            console.print(Text(apart_line(edges, apart), style="dim" if edges else None))
    if report.notices:
        console.print()
        console.print(_notices(report))


def to_text(report: Report, width: int = 100) -> str:
    """The terminal view as plain text (no colour codes), ``width`` columns wide."""
    console = Console(record=True, file=io.StringIO(), width=width, color_system=None, emoji=False)
    render(report, console)
    return console.export_text()


__all__ = ["KIND_STYLE", "render", "to_text"]
