"""``storycheck check``: which sentences of a text its sources do not support, and how each is wrong."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
import typer.core
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from storycheck.cli.compare import EmbedderChoice
from storycheck.cli.options import fail, print_notices
from storycheck.cli.output import Format, check_out, emit
from storycheck.errors import NotEnoughDocuments, SeveralTexts, StorycheckError, StrayFiles
from storycheck.report import RECOMBINED, distinct_line, unchecked_headline

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
    name, number, date, title, actor, place, antonym, negation, cause, quote wording/attribution, narration to quote) and
    unsupported (no source sentence carries it). Exit code 1 when an input cannot be read.
    """
    import storycheck.check as engine
    from storycheck.ingest import read

    if more := list(ctx.args if ctx is not None else ()):  # `--source a.txt b.txt`, as compare takes files: Typer
        raise typer.BadParameter(str(stray_files(text, sources, more, ctx.meta.get(ARGV))), param_hint="'--source'")
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


ARGV = "storycheck.argv"  # ctx.meta's key for the command's own arguments, in the order given (``ArgsInOrder``)
_VALUED = frozenset({"--source", "-s", "--format", "-f", "--out", "-o", "--embedder", "--max-mb"})


class ArgsInOrder(typer.core.TyperCommand):
    """Keeps the arguments as given in ``ctx.meta``: Click hands ``check`` its text and its extra files but not
    their order, and `check --source a.txt b.txt t.txt` (b.txt taken as the text) needs it to be told apart from
    `check t.txt --source a.txt b.txt` (the text first, as the usage line says)."""

    def parse_args(self, ctx, args):  # noqa: ANN001, ANN201 - Click's signature
        ctx.meta[ARGV] = list(args)
        return super().parse_args(ctx, args)


def stray_files(text: Path, sources: list[Path], more: list[str], argv: list[str] | None) -> StrayFiles:
    """E115 for files given beyond the text and one per --source. When the file Click took as the text came
    right after a --source's value, the user wrote a list of sources (as ``compare`` takes files) and the text
    is somewhere in it: no reading is safe, so the message names the files and shows the command with the last
    one as the text, which is how such a list usually ends. Otherwise the text came first and the others are
    sources: the message shows each with its own --source (session 27). An option after ``--`` is a file name to
    Click (with its value): the message says to give it before ``--`` (review revu28: `check --source a.txt --
    -t.txt --source b.txt` was asked which of "-t.txt, --source, b.txt" is the text)."""
    loose, after, late = [], None, []  # the loose words in order, each with the --source value it followed (or None)
    words = iter(argv or ())
    for word in words:
        name = word.split("=", 1)[0]
        if word == "--":
            for rest in words:
                if (late_name := rest.split("=", 1)[0]) in _VALUED:  # an option after `--`: Click read it (and its
                    late.append((late_name, rest.split("=", 1)[1] if "=" in rest else next(words, "")))  # value) as files
                else:
                    loose.append((rest, after))
        elif name in _VALUED:
            value = word.split("=", 1)[1] if "=" in word else next(words, "")
            after = value if name in ("--source", "-s") else None
        elif word.startswith("-s") and len(word) > 2 and not word.startswith("--"):
            after = word[2:]  # -sa.txt
        elif word.startswith("-") and word != "-":
            after = None
        else:
            loose.append((word, after))
    if late:
        files = [w for w, _ in loose]
        example = ""
        if len(files) == 1:
            late_sources = [v for n, v in late if n in ("--source", "-s")]
            options = [f"{n} {v}" for n, v in late if n not in ("--source", "-s")]
            example = f", as in `{_example(files[0], [*map(str, sources), *late_sources], options)}`"
        return StrayFiles(", ".join(f"{n} {v}" for n, v in late), detail=f"given after `--`, which makes each word "
                          f"after it a file name: give the options before `--` and only the text after it{example}")
    if loose and Path(loose[0][0]) == text and loose[0][1] is not None:
        files = [w for w, _ in loose]
        example = _example(files[-1], [*map(str, sources), *files[:-1]])
        return StrayFiles(", ".join(files), detail=f"given after --source {loose[0][1]}, and check reads one text and "
                          f"one source per --source: which of them is the text? Give each source its own --source "
                          f"and the text once, as in `{example}` (if {files[-1]} is the text)")
    given = " ".join(f"--source {p}" for p in [*sources, *more])
    return StrayFiles(", ".join(more), detail=f"check reads one text ({text}); {', '.join(more)}: give each source "
                      f"its own --source ({given})")


def _example(text: str, sources: list[str], options: list[str] = ()) -> str:  # type: ignore[assignment]
    """A check command: the text first, as the usage line says; after ``--`` when its name starts with '-' (first,
    Click would read `-t.txt` as an option: 0870435's example `check -t.txt --source a.txt` said "No such option")."""
    given = [*options, *(f"--source {p}" for p in sources)]
    if text.startswith("-") and text != "-":
        return " ".join(["check", *given, "--", text])
    return " ".join(["check", text, *given])


def _render(report, console: Console) -> None:  # noqa: ANN001
    result = report.check
    console.print(f"[bold]{escape(result.text)}[/] against {escape(', '.join(result.sources))}: "
                  f"score [bold]{result.score:.2f}[/]  ({report.models['embedder']})")  # fmt: skip
    if line := unchecked_headline(report):
        console.print(f"[dim]{escape(line)}[/]")
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
