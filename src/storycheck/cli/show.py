"""``storycheck show``: a kept story's report, in any of the formats ``compare`` writes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storycheck.cli.options import Db, fail, open_store
from storycheck.cli.output import Format, check_out, emit
from storycheck.errors import StorycheckError
from storycheck.files import write_atomic


def show(
    story: Annotated[str, typer.Argument(metavar="STORY", help="The story's name or id.", show_default=False)],
    db: Db = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="json, md, html or text.")] = Format.text,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write to this file.")] = None,
) -> None:
    """Print a kept story's report (exit code 1 when the story is unknown or has no report yet, or the
    output cannot be written)."""
    check_out(out, Console(stderr=True, highlight=False, soft_wrap=True))
    with open_store(db) as store:
        try:
            if fmt is Format.json:
                payload = store.report_json(story)
                import json

                payload = json.dumps(json.loads(payload), ensure_ascii=False, indent=2)
            else:
                report = store.report(story)
        except StorycheckError as exc:
            raise fail(exc) from exc
    if fmt is Format.json:
        if out is None:
            sys.stdout.write(payload + "\n")
        else:
            try:
                write_atomic(out, payload + "\n")
            except StorycheckError as exc:  # E700: the file cannot be written there
                raise fail(exc) from exc
        return
    emit(report, fmt, out, Console(stderr=True, highlight=False, soft_wrap=True))
