"""The ``storycheck`` command: one Typer app, one module per subcommand."""

from __future__ import annotations

from typing import Annotated

import typer

from storycheck import __version__
from storycheck.cli import add as add_cmd
from storycheck.cli import batch as batch_cmd
from storycheck.cli import check as check_cmd
from storycheck.cli import compare as compare_cmd
from storycheck.cli import evaluate as eval_cmd
from storycheck.cli import keys as keys_cmd
from storycheck.cli import serve as serve_cmd
from storycheck.cli import show as show_cmd
from storycheck.cli import stories as stories_cmd

app = typer.Typer(
    name="storycheck",
    help=(
        "Read several reports of one news event and say, with the exact spans as evidence, what they "
        "corroborate, where they contradict each other and how, what rests on one source alone, and "
        "which report derives from which."
    ),
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"storycheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """storycheck: a news corroboration engine."""


app.command("compare")(compare_cmd.compare)
app.command("batch")(batch_cmd.batch)
app.command("check")(check_cmd.check)
app.command("eval")(eval_cmd.evaluate)
app.command("add")(add_cmd.add)
app.command("stories")(stories_cmd.stories)
app.command("show")(show_cmd.show)
app.command("serve")(serve_cmd.serve)
app.add_typer(keys_cmd.app, name="keys")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
