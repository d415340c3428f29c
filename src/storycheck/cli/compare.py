"""``storycheck compare``: one story, several reports, one report of what they agree and disagree on."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storycheck.cli.options import print_notices
from storycheck.cli.output import Format, check_out, emit
from storycheck.errors import StorycheckError


class EmbedderChoice(StrEnum):
    auto = "auto"
    static = "static"
    minilm = "minilm"
    none = "none"


def compare(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE_OR_DIR",
            help="Reports of one story: .txt/.md, .html/.htm, .mhtml (a page saved by a browser), .jsonl(.gz)/.json (one article per line or item), "
            "or folders of them. At least two readable, distinct documents in all.",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        Format,
        typer.Option("--format", "-f", help="json (the versioned schema), md (Markdown), html (a "
                     "self-contained side-by-side page) or text (terminal)."),
    ] = Format.text,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Write to this file instead of standard output."),
    ] = None,
    embedder: Annotated[
        EmbedderChoice,
        typer.Option("--embedder", help="Sentence embedder for alignment: auto (the first available), static, "
                     "minilm, or none (words and mentions only)."),
    ] = EmbedderChoice.auto,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, max=1e6, help="Largest document accepted, in MB.")] = 10.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print notices about skipped inputs.")] = False,
) -> None:
    """Compare reports of one story: corroborated, partial, conflicting (typed) and single-source claims.

    Unreadable inputs are reported on standard error and skipped; the exit code is 1 when fewer than two
    readable, distinct reports remain, 2 for a usage error.
    """
    import storycheck

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    check_out(out, err)
    try:
        report = storycheck.compare(inputs, embedder=embedder.value, max_bytes=int(max_mb * 1024 * 1024))
    except StorycheckError as exc:
        err.print(f"[bold red]error[/] {_escape(str(exc))}")
        raise typer.Exit(1) from exc
    if not quiet:
        print_notices(err, report.notices)
    emit(report, fmt, out, err)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)
