"""``storycheck stories``: the kept stories, ranked by disagreement or another order."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from storycheck.cli.options import Db, open_store


class SortBy(StrEnum):
    disagreement = "disagreement"
    conflicts = "conflicts"
    single_source = "single-source"
    updated = "updated"
    name = "name"


def stories(
    db: Db = None,
    sort: Annotated[
        SortBy,
        typer.Option("--sort", help="disagreement (conflicts, then single-source claims), conflicts, "
                     "single-source, updated (last update) or name."),
    ] = SortBy.disagreement,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10_000, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    search: Annotated[str | None, typer.Option("--search", help="Only names containing this.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines instead of a table.")] = False,
) -> None:
    """List the stories in the store."""
    with open_store(db) as store:
        page = store.stories(
            sort=sort.value.replace("-", "_"),
            limit=limit,
            offset=offset,
            q=search,
            descending=sort is not SortBy.name,
        )
    if as_json:
        for s in page.items:
            typer.echo(json.dumps(s.to_dict(), ensure_ascii=False))
        return
    console = Console()
    if not page.items:
        console.print("No stories. Add one with [bold]storycheck add FILES --story NAME[/].")
        return
    table = Table(title=f"{page.total} stories, by {sort.value}", title_justify="left")
    for col, just in (("id", "right"), ("story", "left"), ("reports", "right"), ("conflicts", "right"),
                      ("single-source", "right"), ("partial", "right"), ("corroborated", "right"),
                      ("status", "left"), ("updated", "left")):
        table.add_column(col, justify=just)
    for s in page.items:
        table.add_row(
            str(s.id), s.name, str(s.n_documents), f"[red]{s.n_conflicts}[/]" if s.n_conflicts else "0",
            f"[yellow]{s.n_single_source}[/]" if s.n_single_source else "0", str(s.n_partial),
            str(s.n_corroborated), s.status, s.updated_at.strftime("%Y-%m-%d %H:%M"),
        )
    console.print(table)
    if page.total > offset + len(page.items):
        console.print(f"[dim]{page.total - offset - len(page.items)} more: use --offset {offset + len(page.items)}[/]")
