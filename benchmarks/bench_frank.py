"""Accuracy of ``storycheck check`` on FRANK (Pagnoni et al., 2021), by the protocol of shared/data/README.md.

    python benchmarks/frank_to_eval.py && python benchmarks/bench_frank.py

Threshold chosen on ``split == valid`` only; figures reported on ``test``: balanced accuracy overall and
per dataset (cnndm, bbc), recall of inconsistent summaries per error type, the confusion matrix, and,
beside them, the word-overlap floor (share of the summary's words found in the article, its threshold
also chosen on valid). Writes benchmarks/results/frank.json.
"""

from __future__ import annotations

import json
import platform
import re
import resource
import time
from datetime import UTC, datetime
from pathlib import Path

from storycheck.evaluate import best_threshold, evaluate, metrics, read_items

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
WORD = re.compile(r"[^\W_]+")


def overlap(item) -> float:  # noqa: ANN001
    source = {w.lower() for s in item.sources for w in WORD.findall(s)}
    words = [w.lower() for w in WORD.findall(item.text)]
    return sum(w in source for w in words) / len(words) if words else 1.0


def main() -> None:
    valid = [x for x in read_items(DATA / "frank-valid.jsonl") if hasattr(x, "label")]
    test = [x for x in read_items(DATA / "frank-test.jsonl") if hasattr(x, "label")]
    start = time.perf_counter()
    result = evaluate(test, tune=valid, embedder="auto")
    wall = time.perf_counter() - start
    floor_t = best_threshold([(overlap(x), x.label) for x in valid])
    floor = metrics([(overlap(x), x.label) for x in test], floor_t)
    floor["by_dataset"] = {
        d: metrics([(overlap(x), x.label) for x in test if x.dataset == d], floor_t) for d in ("cnndm", "bbc")
    }
    m = result.metrics
    print(f"FRANK test ({m['items']} summaries), threshold {result.threshold:.3f} chosen on valid ({len(valid)})")
    print(f"{'':24s}{'storycheck':>12s}{'word overlap':>14s}")
    print(f"{'balanced accuracy':24s}{m['balanced_accuracy']:12.3f}{floor['balanced_accuracy']:14.3f}")
    for d in ("cnndm", "bbc"):
        print(f"{'  ' + d:24s}{m['by_dataset'][d]['balanced_accuracy']:12.3f}{floor['by_dataset'][d]['balanced_accuracy']:14.3f}")
    print(f"{'ROC AUC':24s}{m['roc_auc']:12.3f}{floor['roc_auc']:14.3f}")
    print(f"{'F1 inconsistent':24s}{m['f1_inconsistent']:12.3f}{floor['f1_inconsistent']:14.3f}")
    print("recall of inconsistent summaries per error type:")
    for t, r in m["recall_by_error_type"].items():
        print(f"  {t:8s} {r['recall']:.3f} ({r['caught']}/{r['of']})")
    print("confusion:", m["confusion"])
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"throughput: {m['items_per_second']:.1f} items/s; stages: "
          + ", ".join(f"{k} {v:.1f} s" for k, v in result.stages.items()) + f"; peak RSS {peak_mb:.0f} MB")
    out = {
        "benchmark": "frank", "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {"cpus": __import__("os").cpu_count(), "python": platform.python_version()},
        "threshold": result.threshold, "storycheck": m, "word_overlap_floor": {**floor, "threshold": floor_t},
        "stages_s": result.stages, "wall_s": wall, "peak_rss_mb": peak_mb, "published": {"SummaC-Conv": 0.816, "SummaC-ZS": 0.790},
    }  # fmt: skip
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "frank.json").write_text(json.dumps(out, indent=2) + "\n")
    print(f"balanced_accuracy: {m['balanced_accuracy']:.3f}")


if __name__ == "__main__":
    main()
