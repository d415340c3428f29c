"""``storycheck compare``: one story, several reports, one report of what they agree and disagree on."""

from __future__ import annotations

import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storycheck.errors import StorycheckError


class Format(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    text = "text"


class EmbedderChoice(StrEnum):
    auto = "auto"
    static = "static"
    minilm = "minilm"
    none = "none"


def compare(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE_OR_DIR...",
            help="Reports of one story: .txt/.md, .html/.htm, .jsonl(.gz)/.json (one article per line or item), "
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
        typer.Option("--out", "-o", help="Write to this file instead of standard output.", dir_okay=False),
    ] = None,
    embedder: Annotated[
        EmbedderChoice,
        typer.Option("--embedder", help="Sentence embedder for alignment: auto (the first available), static, "
                     "minilm, or none (words and mentions only)."),
    ] = EmbedderChoice.auto,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, help="Largest document accepted, in MB.")] = 10.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Do not print notices about skipped inputs.")] = False,
) -> None:
    """Compare reports of one story: corroborated, partial, conflicting (typed) and single-source claims.

    Unreadable inputs are reported on standard error and skipped; the exit code is 1 when fewer than two
    readable, distinct reports remain, 2 for a usage error.
    """
    import storycheck
    from storycheck.report import to_json

    err = Console(stderr=True, highlight=False)
    try:
        report = storycheck.compare(inputs, embedder=embedder.value, max_bytes=int(max_mb * 1024 * 1024))
    except StorycheckError as exc:
        err.print(f"[bold red]error[/] {_escape(str(exc))}")
        raise typer.Exit(1) from exc
    if not quiet:
        for n in report.notices:
            label = "skipped" if n.skipped else "note"
            err.print(f"[yellow]{label}[/] [{n.code}] {_escape(n.input)}: {_escape(n.message)}")
    if fmt is Format.json:
        payload = to_json(report)
    elif fmt is Format.md:
        from storycheck.render.markdown import to_markdown

        payload = to_markdown(report)
    elif fmt is Format.html:
        from storycheck.render.html import to_html

        payload = to_html(report)
    else:
        from storycheck.render.text import render, to_text

        if out is None:
            render(report, Console())
            return
        payload = to_text(report)
    if out is None:
        sys.stdout.write(payload if payload.endswith("\n") else payload + "\n")
    else:
        try:
            write_atomic(out, payload)
        except OSError as exc:  # a folder that cannot be made, a read-only place, a full disk
            where = f" ({exc.filename})" if exc.filename and str(exc.filename) != str(out) else ""
            err.print(f"[bold red]error[/] cannot write {_escape(str(out))}: {_escape((exc.strerror or str(exc)) + where)}")
            raise typer.Exit(1) from exc
        err.print(f"wrote {out} ({len(report.findings)} findings over {len(report.documents)} reports)")


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def write_atomic(path: Path, payload: str) -> None:
    """Write beside the target and rename, so a reader never sees half a report."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


_write_atomic = write_atomic  # the name other commands first imported
