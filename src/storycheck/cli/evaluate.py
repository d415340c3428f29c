"""``storycheck eval``: measure ``check`` on labelled data; the last line is ``balanced_accuracy: 0.xxx``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from storycheck.cli.compare import EmbedderChoice
from storycheck.files import write_atomic


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

    Bad lines (missing fields, empty text, a source over 1 MB, a label not 0 or 1) are reported with
    their line number and skipped.
    """
    from storycheck.evaluate import evaluate as run
    from storycheck.evaluate import read_items

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    console = Console(highlight=False)
    if not data.is_file():
        err.print(f"[bold red]error[/] [E101] {escape(str(data))}: no such file")
        raise typer.Exit(1)
    tune_items = list(read_items(tune)) if tune is not None else None
    result = run(read_items(data, split=split), tune=tune_items, embedder=embedder.value)
    for n in result.notices:
        err.print(f"[yellow]skipped[/] [{n.code}] {escape(n.message)}")
    m = result.metrics
    c = m["confusion"]
    console.print(f"items: {m['items']}  (skipped: {len(result.notices)})")
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
        write_atomic(out, "\n".join(lines) + "\n")
    console.print(f"balanced_accuracy: {m['balanced_accuracy']:.3f}")
