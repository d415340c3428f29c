"""FRANK valid only, fast: balanced accuracy at the valid-best threshold and ROC AUC of ``check``, with
optional ``Weights`` overrides, to see whether a change to the scoring costs FRANK (never the test split).

    PYTHONPATH=src python benchmarks/frank_to_eval.py          # once: benchmarks/data/frank-valid.jsonl
    PYTHONPATH=src python scripts/frank_valid.py [name=value ...] [--cache /tmp/frank_valid_cache.pkl]

Analyses are pickled to ``--cache`` on the first run (an analysis is a pure function of its text), so later
runs after a change to the judging or the score take ~10 s instead of a minute. The file keeps the digest of the
modules an analysis is made by (``ANALYSIS_MODULES``): a cache written by other analysis code is not read but
written again (a stale one ended a run in an AttributeError, or worse, scored with old analyses).
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import time
from pathlib import Path

from storycheck.check import Weights, check
from storycheck.core import AnalysisCache
from storycheck.evaluate import best_threshold, metrics, read_items
from storycheck.records import Document

DATA = Path(__file__).resolve().parents[1] / "benchmarks" / "data" / "frank-valid.jsonl"
ANALYSIS_MODULES = ("analyze", "nlp", "clock", "quantities", "records", "senses", "truecase", "casing", "lexicon")


def analysis_digest() -> str:
    """The digest of the modules that make an ``Analysis`` (and of the word-sense reader found)."""
    import storycheck
    from storycheck.senses import senses

    root, h = Path(storycheck.__file__).parent, hashlib.sha256(senses().name.encode())
    for name in ANALYSIS_MODULES:
        path = root / f"{name}.py"
        h.update(path.read_bytes() if path.exists() else b"-")
    return h.hexdigest()[:16]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("set", nargs="*", help="Weights overrides, name=value")
    parser.add_argument("--cache", default="/tmp/frank_valid_cache.pkl")
    args = parser.parse_args()
    w = Weights()
    for kv in args.set:
        k, v = kv.split("=")
        w = dataclasses.replace(w, **{k: type(getattr(w, k))(v)})
    cache, path, digest = AnalysisCache(size=100000), Path(args.cache), analysis_digest()
    kept = pickle.loads(path.read_bytes()) if path.exists() else None
    fresh = not (isinstance(kept, dict) and kept.get("analysis") == digest)
    for k, v in ({} if fresh else kept["items"]).items():
        cache.put(k, v)
    items = [x for x in read_items(DATA) if hasattr(x, "label")]
    start, out = time.perf_counter(), []
    for it in items:
        sources = [Document(f"source-{i + 1}", s.strip()) for i, s in enumerate(it.sources)]
        out.append((check(sources, Document("text", it.text.strip()), cache=cache, weights=w).check.score, it.label, it.dataset))
    if fresh:
        path.write_bytes(pickle.dumps({"analysis": digest, "items": dict(cache._items)}))
    scored = [(s, y) for s, y, _ in out]
    t = best_threshold(scored)
    m = metrics(scored, t)
    by = {d: metrics([(s, y) for s, y, dd in out if dd == d], t)["balanced_accuracy"] for d in ("cnndm", "bbc")}
    print(f"FRANK valid BA {m['balanced_accuracy']:.4f} AUC {m['roc_auc']:.4f} threshold {t:.3f} "
          f"cnndm {by['cnndm']:.3f} bbc {by['bbc']:.3f} ({time.perf_counter() - start:.0f} s)")  # fmt: skip


if __name__ == "__main__":
    main()
