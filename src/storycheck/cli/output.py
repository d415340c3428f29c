"""Where every command's report goes: one format switch and one atomic write for all of them."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

from rich.console import Console

from storycheck.cli.options import fail
from storycheck.errors import OutputError
from storycheck.files import writable_file, write_atomic
from storycheck.records import Report


class Format(StrEnum):
    json = "json"
    md = "md"
    html = "html"
    text = "text"


def _terminal(report: Report, console: Console) -> None:
    from storycheck.render.text import render

    render(report, console)


def payload(report: Report, fmt: Format, terminal: Callable[[Report, Console], None] = _terminal) -> str:
    """The report as text in ``fmt`` (``text`` is the terminal view, recorded without colours)."""
    if fmt is Format.json:
        from storycheck.report import to_json

        return to_json(report)
    if fmt is Format.md:
        from storycheck.render.markdown import to_markdown

        return to_markdown(report)
    if fmt is Format.html:
        from storycheck.render.html import to_html

        return to_html(report)
    console = Console(file=io.StringIO(), record=True, width=100, color_system=None)
    terminal(report, console)
    return console.export_text()


def check_out(out: Path | None, err: Console) -> None:
    """Exit 1 with E700 now when ``out`` is a folder, before the work (every command alike: a Typer
    ``dir_okay=False`` made it a usage error, exit 2, for some commands and E700 for others)."""
    if out is None:
        return
    try:
        writable_file(out)
    except OutputError as exc:
        raise fail(exc) from exc


def emit(
    report: Report,
    fmt: Format,
    out: Path | None,
    err: Console,
    terminal: Callable[[Report, Console], None] = _terminal,
) -> None:
    """Print the report, or write it to ``out`` atomically; an unwritable ``out`` is E700 and exit code 1."""
    if out is None:
        if fmt is Format.text:
            terminal(report, Console())
            return
        text = payload(report, fmt, terminal)
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        return
    try:
        write_atomic(out, payload(report, fmt, terminal))
    except OutputError as exc:  # a folder that cannot be made, a read-only place, a full disk
        raise fail(exc) from exc
    err.print(f"wrote {out} ({len(report.findings)} findings over {len(report.documents)} documents)")
