"""``storycheck eval``: measure ``check`` on labelled data; the last line is ``balanced_accuracy: 0.xxx``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from storycheck.cli.compare import EmbedderChoice
from storycheck.cli.options import fail, print_notices
from storycheck.cli.output import check_out
from storycheck.errors import NoEvalItems, OutputError, StorycheckError, Unreadable
from storycheck.files import stat_input, write_atomic


def evaluate(
    data: Annotated[Path, typer.Argument(metavar="DATA.jsonl", help="Lines of {source, text, label[, id, split, "
                                         "dataset, error_types]}; label 1 = consistent with the source.")],
    tune: Annotated[Path | None, typer.Option("--tune", help="Labelled data to choose the threshold on "
                                              "(never the data being scored); else the built-in default.")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Write one prediction per line (id, label, score, "
                                             "prediction, findings).")] = None,
    split: Annotated[str | None, typer.Option("--split", help="Only lines whose 'split' is this.")] = None,
    embedder: Annotated[EmbedderChoice, typer.Option("--embedder", help="auto, static, minilm or none.")] = EmbedderChoice.auto,
) -> None:
    """Score every text against its sources and report balanced accuracy, precision/recall/F1 of the
    inconsistent class, ROC AUC, throughput, time per stage and, where given, recall per error type.

    Bad lines (not JSON or not UTF-8, missing fields, empty text, a source over 1 MB, a label not 0 or
    1) are reported with their line number and skipped; an optional field of the wrong type is noted and
    read as absent. Exit code 1 when no line of the data, or of --tune, can be scored, or a file cannot be
    read or written.
    """
    from storycheck.core import AnalysisCache
    from storycheck.evaluate import choose_threshold, one_label, refused_lines, tuned_on_data
    from storycheck.evaluate import evaluate as run

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    console = Console(highlight=False)
    check_out(out, err)  # said now, not after the whole run
    tune_items, tune_bad = _items(tune, None, err) if tune is not None else (None, 0)
    # E124, before any model loads; "usable": "all 2 of its lines" of a file of 3 whose third was skipped misread
    if tune_items is not None and (problem := one_label(tune_items, "usable " if tune_bad else "")) is not None:
        raise fail(problem)
    items, bad_lines = _items(data, split, err)
    if tune is not None and (shared := tuned_on_data(tune_items, items)) is not None:
        print_notices(err, [shared])  # said before any model loads, as the bad lines are
    cache, threshold = AnalysisCache(size=4096), None
    if tune is not None:  # its refused lines said as the data's are; none scored: no threshold was chosen on it
        try:
            threshold, refused = choose_threshold(tune_items, embedder=embedder.value, cache=cache)
        except StorycheckError as exc:  # E124: its scored lines have one label
            raise fail(exc) from exc
        print_notices(err, refused)
        if threshold is None:
            raise fail(NoEvalItems(str(tune), detail=" for the threshold" + refused_lines(len(refused))))
    result = run(items, threshold=threshold, embedder=embedder.value, cache=cache)
    print_notices(err, result.notices)
    skipped = sum(n.skipped for n in result.notices)
    if not result.predictions:  # every line was refused by the engine (a language, an empty source...)
        raise fail(NoEvalItems(str(data), detail=refused_lines(skipped)))
    m = result.metrics
    c = m["confusion"]
    console.print(f"items: {m['items']}  (skipped: {bad_lines + skipped})")
    console.print(f"threshold: {result.threshold:.3f} ({'chosen on ' + str(tune) if tune else 'built-in default'})")
    console.print(f"precision_inconsistent: {m['precision_inconsistent']:.3f}  recall_inconsistent: "
                  f"{m['recall_inconsistent']:.3f}  f1_inconsistent: {m['f1_inconsistent']:.3f}  roc_auc: {m['roc_auc']:.3f}")
    console.print(f"confusion: inconsistent caught {c['inconsistent_caught']}, missed {c['inconsistent_missed']}; "
                  f"consistent kept {c['consistent_kept']}, flagged {c['consistent_flagged']}")
    for name, dm in m.get("by_dataset", {}).items():
        console.print(f"  {name}: items {dm['items']}, balanced accuracy {dm['balanced_accuracy']:.3f}, "
                      f"roc_auc {dm['roc_auc']:.3f}")
    for etype, r in m["recall_by_error_type"].items():
        console.print(f"  recall of inconsistent with {etype}: {r['recall']:.3f} ({r['caught']}/{r['of']})")
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(result.stages.items(), key=lambda kv: -kv[1]))
    console.print(f"throughput: {m['items_per_second']:.1f} items/s  ({result.seconds:.1f} s; {stages})")
    if out is not None:
        lines = [json.dumps({"id": p.id, "label": p.label, "score": p.score, "prediction": p.prediction,
                             "findings": p.findings}, ensure_ascii=False) for p in result.predictions]  # fmt: skip
        try:
            write_atomic(out, "\n".join(lines) + "\n")
        except OutputError as exc:
            raise fail(exc) from exc
    console.print(f"balanced_accuracy: {m['balanced_accuracy']:.3f}")


def _items(path: Path, split: str | None, err: Console) -> tuple[list, int]:
    """The usable lines of ``path`` (eval's data or ``--tune``) and how many were bad, each bad line printed
    with its number as it is skipped (and each line read otherwise than written, as a note); a path that is
    no file, or a file with no usable line, stops the run (exit code 1) before any model is loaded."""
    from storycheck.evaluate import EvalItem, read_items

    try:
        stat_input(path)  # E101 nothing there; E113 a symlink loop, a FIFO (reading it would block), no permission
    except StorycheckError as exc:
        raise fail(exc) from exc
    if path.is_dir():
        raise fail(Unreadable(str(path), detail="a folder, not a file"))
    try:
        read = list(read_items(path, split=split))
    except OSError as exc:
        raise fail(Unreadable(str(path), detail=exc.strerror or str(exc))) from exc
    except StorycheckError as exc:  # binary data or UTF-16 as a whole (E103, E104)
        raise fail(exc) from exc
    items = [x for x in read if isinstance(x, EvalItem)]
    notices = [x for x in read if not isinstance(x, EvalItem)]
    print_notices(err, notices)
    bad = sum(n.skipped for n in notices)
    if not items:
        why = f" ({bad} bad line{'s' if bad > 1 else ''})" if bad else (f" (no line of split {split!r})" if split else " (an empty file)")
        raise fail(NoEvalItems(str(path), detail=why))
    return items, bad


