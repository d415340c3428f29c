"""The ``storycheck`` command: one Typer app, one module per subcommand."""

from __future__ import annotations

import inspect
import re
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
        from storycheck.native import describe

        typer.echo(f"storycheck {__version__} ({describe()})")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """storycheck: a news corroboration engine."""


def _flowed(command) -> str:  # noqa: ANN001 - a command function
    """Its docstring with each paragraph's line breaks made spaces: Typer (0.29, rich mode) keeps the single line
    breaks of every paragraph after the first, so `batch --help` printed "... or one that cannot be" and
    "written)." on lines of their own at any terminal width. A list keeps its items (``_list_items``) and an
    indented block (an example command) its lines: flowed, they ran into one line (sessions 26-27 left it)."""
    return "\n\n".join(_flowed_paragraph(p) for p in inspect.cleandoc(command.__doc__ or "").split("\n\n"))


_ITEM = re.compile(r"\s*(?:[-*•]|\d{1,2}[.)]|\([a-z0-9]{1,2}\))\s+\S")  # "- x", "* x", "1. x", "2) x", "(a) x"


def _flowed_paragraph(paragraph: str) -> str:
    """One paragraph of a docstring as Typer should get it: prose on one line; a list one item a line (an item's
    own wrapped lines joined to it); an indented block (every line indented: an example) as written."""
    lines = paragraph.strip("\n").split("\n")
    if all(line.startswith((" ", "\t")) for line in lines):
        return "\n".join(lines)
    if not any(_ITEM.match(line) for line in lines):
        return " ".join(paragraph.split())
    out: list[str] = []
    for line in lines:
        if _ITEM.match(line) or not out:
            out.append(" ".join(line.split()))
        else:
            out[-1] += " " + " ".join(line.split())
    return "\n".join(out)


def _folded_option_help() -> None:
    """An option's help breaks a word too long for its column rather than cutting it: Typer (0.29, rich mode)
    prints the help in a table column that cuts with an ellipsis, so at 80 or 100 columns `serve --help` showed
    "~/.local/share/stor…" and "(postgresql://user:…" for the store's default and the URL's form (session 27's
    walk). Typer's ``_get_parameter_help`` builds the help as ``Text`` items; each gets ``overflow="fold"``, which
    rich reads before the column's. A Typer without that function is left as it is."""
    from rich.text import Text
    from typer import rich_utils

    original = getattr(rich_utils, "_get_parameter_help", None)
    if original is None or getattr(original, "folded", False):
        return

    def folded(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - Typer's own signature
        out = original(*args, **kwargs)
        for item in getattr(out, "renderables", ()):
            if isinstance(item, Text) and item.overflow is None:
                item.overflow = "fold"
        return out

    folded.folded = True
    rich_utils._get_parameter_help = folded


_folded_option_help()
# the commands that read extra arguments themselves (``ctx.args``) to say what was meant: `check t.txt --source a.txt
# b.txt` is refused naming each source's own --source; not as a hidden argument, which the usage line still showed
EXTRA_ARGS = {"check": {"allow_extra_args": True}}
COMMAND_CLASS = {"check": check_cmd.ArgsInOrder}  # (which keeps its arguments' order for that message)

for _name, _command in (("compare", compare_cmd.compare), ("batch", batch_cmd.batch), ("check", check_cmd.check),
                        ("eval", eval_cmd.evaluate), ("add", add_cmd.add), ("stories", stories_cmd.stories),
                        ("show", show_cmd.show), ("serve", serve_cmd.serve)):  # fmt: skip
    app.command(_name, cls=COMMAND_CLASS.get(_name), help=_flowed(_command), context_settings=EXTRA_ARGS.get(_name))(
        _command)
app.add_typer(keys_cmd.app, name="keys")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
