"""``storycheck check``: which sentences of a text its sources do not support, and how each is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storycheck.cli.compare import EmbedderChoice
from storycheck.cli.options import fail, print_notices
from storycheck.cli.output import Format, check_out, emit
from storycheck.errors import NotEnoughDocuments, SeveralTexts, StorycheckError
from storycheck.report import RECOMBINED, distinct_line

VERDICT_STYLE = {"supported": "green", "partial": "yellow", "contradicted": "bold red", "unsupported": "magenta"}


def check(
    text: Annotated[Path, typer.Argument(metavar="TEXT_FILE", help="The text to check (a rewrite, a summary…).")],
    sources: Annotated[
        list[Path],
        typer.Option("--source", "-s", help="A source the text should be faithful to; repeat for several."),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, md, html or text.")] = Format.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of standard output.")] = None,
    embedder: Annotated[EmbedderChoice, typer.Option("--embedder", help="auto, static, minilm or none.")] = EmbedderChoice.auto,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, max=1e6, help="Largest document accepted, in MB.")] = 10.0,
    ctx: typer.Context = None,  # noqa: RUF013 - Typer fills it; extra arguments are allowed (``main.EXTRA_ARGS``)
) -> None:
    """Check a text against its sources: a verdict and a score for every sentence, with the findings.

    Verdicts: supported, partial (some of it the sources do not give), contradicted (a typed conflict:
    name, number, date, title, actor, place, antonym, negation, quote wording/attribution, narration to quote) and
    unsupported (no source sentence carries it). Exit code 1 when an input cannot be read.
    """
    import storycheck.check as engine
    from storycheck.ingest import read

    if more := list(ctx.args if ctx is not None else ()):  # `--source a.txt b.txt`, as compare takes files: Typer
        given = " ".join(f"--source {p}" for p in [*sources, *more])  # said only "Got unexpected extra argument"
        raise typer.BadParameter(f"check reads one text ({text}); {', '.join(map(str, more))}: give each source its own "
                                 f"--source ({given})", param_hint="'--source'")
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    check_out(out, err)
    limit = int(max_mb * 1024 * 1024)
    docs, notices = read([text], max_bytes=limit)
    source_docs, source_notices = read(sources, max_bytes=limit)
    print_notices(err, notices + source_notices)
    problem = None
    if len(docs) > 1:
        problem = SeveralTexts(str(text), count=len(docs))
    elif not docs:
        problem = NotEnoughDocuments(str(text), detail="the text cannot be read")
    elif not source_docs:
        problem = NotEnoughDocuments(", ".join(map(str, sources)), detail="no source can be read")
    if problem is not None:
        raise fail(problem)
    try:
        report = engine.check(source_docs, docs[0], notices=notices + source_notices, embedder=embedder.value)
    except StorycheckError as exc:
        err.print(f"[bold red]error[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    emit(report, fmt, out, err, terminal=_render)


def _render(report, console: Console) -> None:  # noqa: ANN001
    result = report.check
    console.print(f"[bold]{escape(result.text)}[/] against {escape(', '.join(result.sources))}: "
                  f"score [bold]{result.score:.2f}[/]  ({report.models['embedder']})")  # fmt: skip
    table = Table(show_lines=True)
    for col in ("#", "verdict", "score", "sentence", "not in the sources / closest source sentence"):
        table.add_column(col)
    findings = {f.id: f for f in report.findings}
    for v in result.sentences:
        notes = [f"[dim]{escape(findings[i].explanation)}[/]" for i in v.findings if findings[i].kind == "conflict"]
        if v.missing:
            notes.append("missing: " + distinct_line(v.missing, escape))
        if v.recombined:
            notes.append(f"{RECOMBINED}: " + distinct_line(v.recombined, escape))
        if v.closest is not None:  # (which source, and for every verdict: what "supported" rests on too)
            text = v.closest.text if len(v.closest.text) <= 160 else v.closest.text[:159].rstrip() + "…"
            notes.append(f"closest {escape(f'[{v.closest.doc}]')}: [italic]{escape(text)}[/]")
        style = VERDICT_STYLE[v.verdict]
        table.add_row(str(v.index + 1), f"[{style}]{v.verdict}[/]", f"{v.score:.2f}", escape(v.text), "\n".join(notes))
    console.print(table)
