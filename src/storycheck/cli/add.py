"""``storycheck add``: put reports into a kept story and bring its report up to date.

The files are read by the engine's ingest (the same notices as ``compare``), stored once by content
hash, and the story's report is computed with a progress bar, or taken from the store when the same
documents were compared by the same engine before.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from storycheck.cli.compare import EmbedderChoice
from storycheck.cli.options import Db, fail, open_store, print_notices
from storycheck.errors import NotEnoughDocuments, StorycheckError


def add(
    inputs: Annotated[
        list[Path],
        typer.Argument(metavar="FILE_OR_DIR", help="Reports: the same files and folders as `compare` takes.",
                       show_default=False),
    ],
    story: Annotated[str, typer.Option("--story", "-s", help="The story's name (created if new).", show_default=False)],
    db: Db = None,
    embedder: Annotated[
        EmbedderChoice, typer.Option("--embedder", help="Sentence embedder: auto, static, minilm or none.")
    ] = EmbedderChoice.auto,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, max=1e6, help="Largest document accepted, in MB.")] = 10.0,
    no_compute: Annotated[
        bool, typer.Option("--no-compute", help="Only store the documents; compute the report later.")
    ] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No notices and no progress bar.")] = False,
) -> None:
    """Add reports to a story in the store (created if new) and update its report.

    A text the story already has is not added twice. Exit code 1 when no input was readable or the
    report could not be computed.
    """
    from storycheck.ingest import read
    from storycheck.report import counts_line

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    documents, notices = read(inputs, max_bytes=int(max_mb * 1024 * 1024))
    if not quiet:
        print_notices(err, notices)
    if not documents:  # coded and naming the inputs, as check says it
        problem = NotEnoughDocuments(", ".join(map(str, inputs)), detail="no readable document among the inputs")
        raise fail(problem)
    with open_store(db) as store:
        try:
            result = store.add_documents(story, documents, create=True)
        except StorycheckError as exc:
            raise fail(exc) from exc
        info = result.story
        what = "created" if result.created else "updated"
        err.print(
            f"{what} story [bold]{escape(info.name)}[/] (id {info.id}): {len(result.added)} added"
            + (f", {len(result.duplicates)} already there" if result.duplicates else "")
            + f"; {info.n_documents} reports in all · store: {escape(store.display_url)}"
        )
        if no_compute:
            return
        if quiet:
            info = store.compute(info.id, embedder=embedder.value)
        else:
            with Progress(
                TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TimeElapsedColumn(), console=err, transient=True,
            ) as bar:
                task = bar.add_task("analysing reports", total=info.n_documents)

                def tick(stage: str, done: int, total: int) -> None:
                    label = "comparing" if stage == "analysed" and done == total else "analysing reports"
                    bar.update(task, completed=done, total=total, description=label)

                info = store.compute(info.id, embedder=embedder.value, progress=tick)
        if info.status == "failed":
            err.print(f"[bold red]error[/] {escape(info.error or 'the report could not be computed')}")
            raise typer.Exit(1)
        if info.status == "waiting":
            err.print("the story needs at least two reports before it can be compared")
            return
        typer.echo(f"{info.name}: {counts_line(store.report(info.id))}")
