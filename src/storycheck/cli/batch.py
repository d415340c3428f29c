"""``storycheck batch``: a corpus into ranked stories, the engine on each story on a Dask cluster."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from storycheck.errors import StorycheckError


def batch(
    corpus: Annotated[
        list[Path],
        typer.Argument(
            metavar="CORPUS",
            help="Corpus files (.jsonl, .jsonl.gz, .csv, .csv.gz, .parquet; fields text or html, and optionally "
            "id, title, source, url, published) or folders of them.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Output folder: manifest.json, articles.jsonl (each article's fate: compared, "
                     "copy of another, singleton), stories/<id>.json, stories.jsonl (ranked, most conflicts first), "
                     "summary.json. Re-running with the same folder resumes. Default with --db: a folder of its own "
                     "per corpus and store under ~/.local/share/storycheck/batches.", show_default=False),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="A running Dask scheduler (tcp://HOST:PORT); default: start a local cluster."),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=0, help="Worker processes of the local cluster; 0 runs in this process.")
    ] = 2,
    embedder: Annotated[
        str, typer.Option("--embedder", help="Sentence embedder for the engine: static, minilm, auto or none.")
    ] = "static",
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, max=1e6, help="Largest article accepted, in MB.")] = 10.0,
    part_patience: Annotated[
        float,
        typer.Option("--part-patience", min=0.0, help="Seconds the driver waits for a local worker holding a part "
                     "of the corpus it needs before making that part itself (a stuck worker; the same output)."),
    ] = 30.0,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Also put every story into the store (a SQLite path or a database URL: "
                     "postgresql://user:pw@host/db), named <out folder name>:<story id> (with no --out, <corpus "
                     "name>:<story id>), for `stories`, `show` and the web page.", show_default=False),
    ] = None,
    follow: Annotated[
        Path | None,
        typer.Option("--follow", help="The output folder of an earlier run (of --keep-state or --follow): this corpus "
                     "joins its stories (same ids and store names); only the stories its articles change or open are "
                     "run, a stored one replaced. Implies --keep-state.", show_default=False),
    ] = None,
    keep_state: Annotated[bool, typer.Option("--keep-state", help="Save the clustering state in the output folder "
                                             "once the run has finished (stream.pkl): the next day's run can --follow it.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; the summary only.")] = False,
    subject_share: Annotated[
        float | None,
        typer.Option("--subject-share", min=0.01, max=1.0,
                     help="Keep two stories of 3+ articles apart when the subjects this share of one story's latest "
                     "leads give (the analyzer's parse, made only then) are hardly mentioned by the other (0.34 was "
                     "chosen on ECB+ topics 1-35); off by default for its cost. Needs the analyzer's model (E300).",
                     show_default=False),
    ] = None,
) -> None:
    """Group a corpus into stories and compare the reports of each; resumable after a crash or kill.

    Bad rows are reported with their line number and skipped. Exit code 1 when the run cannot start
    (no readable row in the corpus, no scheduler, an output folder of another run or one that cannot be
    written).
    """
    from storycheck.batch import run_batch, run_folder
    from storycheck.cluster import ClusterSettings
    from storycheck.corpus import corpus_name

    # (the clustering's one opt-in a command takes: its other settings were chosen on the benchmarks and stay as
    # they are; a resumed run must be given the same value, the manifest's fingerprint holds the settings)
    settings = None if subject_share is None else ClusterSettings(subject_share=subject_share)

    store_name = None
    if out is None:
        if db is None:
            raise typer.BadParameter("give --out DIR, --db URL, or both", param_hint="'--out' / '--db'")
        store_name = corpus_name(corpus[0]) or None  # the stories are "feed:s000001", not the folder's hash
        try:
            out = run_folder(corpus, db)
        except StorycheckError as exc:
            Console(stderr=True, highlight=False, soft_wrap=True).print(f"[bold red]error[/] {exc}")
            raise typer.Exit(1) from exc

    console = Console(stderr=True, highlight=False, soft_wrap=True)
    progress = Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console, disable=quiet, transient=False,
    )
    task = progress.add_task("clustering", total=None)

    def update(stage: str, done: int, total: int) -> None:
        progress.update(task, description="stories", completed=done, total=total)

    try:
        with progress:
            summary = run_batch(
                corpus, out, scheduler=scheduler, workers=workers, embedder=embedder,
                max_bytes=int(max_mb * 1024 * 1024), progress=update, part_patience=part_patience, db=db,
                settings=settings, store_name=store_name, follow=follow, keep_state=keep_state,
            )
    except StorycheckError as exc:
        from rich.markup import escape

        console.print(f"[bold red]error[/] {escape(str(exc))}")
        raise typer.Exit(1) from exc
    table = Table(title=f"storycheck batch → {out}", show_header=False)
    table.add_column()
    table.add_column(overflow="fold")  # a path too long for the column is broken, not cut: "…/articl…" (session 27)
    table.add_row("articles", f"{summary.articles:,} of {summary.rows:,} rows")
    table.add_row("bad rows", f"{summary.bad_rows:,} " + " ".join(f"{k}×{v}" for k, v in summary.bad_by_code.items()))
    noted = _noted(out)
    if passed := [n for n in noted if n.code == "E602"]:  # a folder's files of no corpus format, named below
        table.add_row("files not read", f"{len(passed):,} (not a corpus file type: " + ", ".join(
            _shown(n.input, corpus) for n in passed[:5]) + (", …)" if len(passed) > 5 else ")"))
    if again := [n for n in noted if n.code == "E608"]:  # an input whose files an earlier one gave
        table.add_row("read once", f"{len(again):,} input{'s' if len(again) > 1 else ''} given again, each file read "
                      "once: " + ", ".join(n.input for n in again[:5]) + (", …" if len(again) > 5 else ""))
    if rows := [n for n in noted if n.code not in ("E602", "E608")]:
        codes = Counter(n.code for n in rows)
        table.add_row("rows noted", f"{len(rows):,} " + " ".join(f"{k}×{v}" for k, v in sorted(codes.items()))
                      + " (read, each with a notice)")
    if summary.follows:
        table.add_row("follows", f"{summary.follows}: {summary.untouched:,} of its stories untouched (not run again), "
                      f"{summary.merged_away:,} merged into others; {summary.known:,} articles it held skipped"
                      + (f"; {summary.filled:,} of its stories the store lacked put from its chain's files"
                         if summary.filled else ""))
        if summary.known_changed:
            from rich.markup import escape

            table.add_row("changed texts", f"{summary.known_changed:,} articles it held came with another text (a "
                          f"correction: its story run again with the new text): "
                          f"{escape(', '.join(summary.known_changed_ids))}")
    table.add_row("stories compared", f"{summary.stories:,} (written now {summary.written}, earlier {summary.resumed}, "
                  f"failed {summary.failed}, all copies of one text {summary.copy_stories}); "
                  f"single articles {summary.singletons:,}")
    table.add_row("articles by fate", ", ".join(f"{k} {v:,}" for k, v in summary.fates.items())
                  + f" (exact copies {summary.exact_copies:,}; each article's fate in {out / 'articles.jsonl'})")
    table.add_row("analysed", f"{summary.analysed:,} texts parsed by this run (copies and single articles are not)")
    table.add_row("findings", ", ".join(f"{k} {v}" for k, v in summary.findings_by_kind.items()) or "none")
    table.add_row("conflicts by type", ", ".join(f"{k} {v}" for k, v in summary.conflicts_by_type.items()) or "none")
    if db is not None:
        table.add_row("store", f"{summary.stored:,} stories put now (named {summary.store_prefix}<story id>)")
    table.add_row("where", summary.scheduler)
    table.add_row("time", ", ".join(f"{k} {v:.1f} s" for k, v in summary.seconds.items()))
    Console().print(table)
    if (summary.bad_rows or noted) and not quiet:
        _print_bad_rows(console, out)


def _rows(out: Path) -> list:
    import json

    from storycheck.corpus import BadRow

    try:
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [BadRow(**b) for b in manifest.get("bad_rows", [])]


def _shown(name: str, inputs: list[Path]) -> str:
    """A folder's file as the summary names it: its path inside the folder given (``2026-11-27/README.txt``), or
    the path as found when more than one input was given (two folders may hold the same inside path). Why not the
    bare name (session 28): a folder of daily subfolders, each with its README.txt, listed "README.txt,
    README.txt", naming none of them."""
    path, given = Path(name), set(inputs)  # (``batch a/ a/``: one folder)
    if len(given) == 1 and path != inputs[0] and path.is_relative_to(inputs[0]):
        return path.relative_to(inputs[0]).as_posix()
    return name


def _noted(out: Path) -> list:
    """The rows read with a notice (``skipped=False``: an id renamed, E605; a time Python cannot hold, E606; a
    date beyond the future margin, E607). The summary said nothing of them: a data engineer learnt of a date read
    as absent only by opening the manifest."""
    return [b for b in _rows(out) if not b.skipped]


def _print_bad_rows(console: Console, out: Path, limit: int = 10) -> None:
    """The first skipped rows and the first rows read with a notice, each with its file, line and code, and where
    the rest are listed."""
    from rich.markup import escape

    rows = _rows(out)
    skipped = [b for b in rows if b.skipped]
    noted = [b for b in rows if not b.skipped]
    for row in skipped[:limit]:
        console.print(f"[yellow]skipped[/] {escape(str(row.notice()))}")
    for row in noted[:limit]:
        console.print(f"[cyan]noted[/] {escape(str(row.notice()))}")
    more = sum(max(0, len(group) - limit) for group in (skipped, noted))
    more = f"{more} more; " if more else ""
    console.print(f"{more}every bad or noted row is listed with its line number in {out / 'manifest.json'}")
