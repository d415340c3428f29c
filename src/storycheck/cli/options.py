"""Options shared by the commands that use the store (``add``, ``stories``, ``show``, ``serve``, ``keys``)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from storycheck.errors import StorycheckError

Db = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="STORYCHECK_DB",
        help="The store: a SQLite file path or a database URL (postgresql://user:pw@host/db). "
        "Default: ~/.local/share/storycheck/storycheck.db.",
        show_default=False,
    ),
]


def open_store(db: str | None):  # noqa: ANN201 - storycheck.store.Store, imported lazily
    """The store, or exit 1 with the coded message when it cannot be opened."""
    from storycheck.store import Store

    try:
        return Store(db)
    except StorycheckError as exc:
        Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]error[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc


def print_notices(err: Console, notices: list) -> None:
    """Each notice on one line, ``skipped`` or ``note`` then ``[code] input: message`` (``Notice.__str__``)."""
    for n in notices:
        err.print(f"[yellow]{'skipped' if n.skipped else 'note'}[/] {escape(str(n))}")


def fail(exc: Exception, code: int = 1) -> typer.Exit:
    Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]error[/] {escape(str(exc))}")
    return typer.Exit(code)
