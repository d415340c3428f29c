"""``storycheck stories``: the kept stories, ranked by disagreement or another order."""

from __future__ import annotations

import json
from enum import StrEnum
from typing import Annotated

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from storycheck.cli.options import Db, open_store


class SortBy(StrEnum):
    disagreement = "disagreement"
    conflicts = "conflicts"
    single_source = "single-source"
    updated = "updated"
    name = "name"


_COLUMNS = (("id", "right"), ("story", "left"), ("reports", "right"), ("conflicts", "right"),
            ("single-\nsource", "right"), ("partial", "right"), ("corroborated", "right"), ("status", "left"),
            ("updated", "left"))
_NAME_MIN = 30  # the story column's least width: below it the table is dropped for lines (names were cut "day2:…")


def _cells(s) -> list[str]:  # noqa: ANN001
    """Every column but the name, as the table shows it."""
    return [str(s.id), str(s.n_documents), f"[red]{s.n_conflicts}[/]" if s.n_conflicts else "0",
            f"[yellow]{s.n_single_source}[/]" if s.n_single_source else "0", str(s.n_partial),
            str(s.n_corroborated), escape(s.status), s.updated_at.strftime("%Y-%m-%d %H:%M")]


def _label(label: str, value: str) -> str:
    """A count's label in the line layout: "1 report", "1 conflict" (not "1 conflicts")."""
    label = label.replace("\n", "")
    return label[:-1] if Text.from_markup(value).plain == "1" and label in ("reports", "conflicts") else label


def _story(s, *, bold: bool = False) -> Text:  # noqa: ANN001
    """The story cell: ``StoryInfo.heading``, a batch's story by its title (its first titled report's) over its
    name, a named one by its name over its title. Why: a batch's stories are named ``<out>:s000042``, which tells
    an editor nothing of the story; the name stays, as the key ``storycheck show`` and the API take. Text, not
    escaped markup: ``escape`` doubled a name's last backslash."""
    lead, under = s.heading()
    if under is None:
        return Text(lead, style="bold" if bold else "")
    return Text.assemble((lead, "bold" if bold else ""), "\n", (under, "dim"))


def _width(rows: list[list[str]], name: int) -> int:
    """The table's least width: every column but the name at its widest (header or cell, markup aside), the
    name at ``name``, each with its padding and rule (3) and the closing rule. (Rich's own measure of a table
    does not count the full width of columns that may not wrap.)"""
    widths = [max(map(cell_len, h.split("\n"))) for h, _ in _COLUMNS]
    widths[1] = name
    for cells in rows:
        for i, cell in enumerate(cells):
            col = i if i == 0 else i + 1
            widths[col] = max(widths[col], cell_len(Text.from_markup(cell).plain))
    return sum(widths) + 3 * len(_COLUMNS) + 1


def stories(
    db: Db = None,
    sort: Annotated[
        SortBy,
        typer.Option("--sort", help="disagreement (conflicts, then single-source claims), conflicts, "
                     "single-source, updated (last update) or name."),
    ] = SortBy.disagreement,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10_000, help="How many to list.")] = 50,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many first.")] = 0,
    search: Annotated[str | None, typer.Option("--search", help="Only stories whose name or a report's title contains this.")] = None,
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
    title = f"{page.total} {'story' if page.total == 1 else 'stories'}, by {sort.value}"
    rows = [_cells(s) for s in page.items]
    names = max(cell_len(line) for s in page.items for line in (s.name, s.title or ""))
    table = Table(title=title, title_justify="left")
    for i, (col, just) in enumerate(_COLUMNS):  # the name wraps (at least _NAME_MIN wide), nothing else does
        table.add_column(col, justify=just, no_wrap=i != 1, min_width=min(names, _NAME_MIN) if i == 1 else None)
    for s, cells in zip(page.items, rows, strict=True):
        table.add_row(cells[0], _story(s), *cells[1:])
    # Rich shrinks every column of a table wider than the terminal: at 80 columns the names were cut to
    # "day2:…" and the headers to "repor…". The table is shown only if it fits with the name column readable.
    if _width(rows, min(names, _NAME_MIN)) <= console.width:
        console.print(table)
    else:  # too narrow for the table with a readable name: each story as its name and a line of counts under it
        lines = Table.grid(padding=(0, 1))
        lines.add_column(justify="right", no_wrap=True)
        lines.add_column()
        for s, cells in zip(page.items, rows, strict=True):
            counts = [f"{value} {_label(label, value)}" for value, (label, _) in zip(cells[1:6], _COLUMNS[2:7], strict=True)]
            under = Text.from_markup("\n" + " · ".join([*counts, *cells[6:]]))  # (the counts' colours are markup)
            lines.add_row(cells[0], _story(s, bold=True).append_text(under))
        console.print(f"[italic]{escape(title)}[/]")
        console.print(lines)
    if page.total > offset + len(page.items):
        console.print(f"[dim]{page.total - offset - len(page.items)} more: use --offset {offset + len(page.items)}[/]")
