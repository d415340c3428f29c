"""Featurization CPU of story clustering (issue 4: the worker half of ``cluster(workers=N)``), and a check that
it gives the same features as another revision's ``cluster.py``.

Featurizes the first ``--articles`` articles of bench_scale's generated corpus in parts of 256 (what a worker
gets: ``_featurize_packed``, packing included), with this tree's ``storycheck.cluster`` and, with ``--against
REV``, with ``git show REV:src/storycheck/cluster.py`` loaded beside it, in turns (``--reps`` of each,
alternating which goes first; every cache a run fills is emptied before it, the embedder's word pieces too).
Compares every article's features (ids, MinHash and embedding arrays, terms with their order and weights,
names, years and lead slots with their iteration order) and the packed payloads; exits 1 on any difference.
CPU seconds (``time.process_time``), not wall time: the machine may be shared. Printed and written to
benchmarks/results/featurize.json.

    .venv/bin/python benchmarks/bench_featurize.py [--articles 10000] [--reps 2] [--against 6e9ef8c]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from bench_scale import generate

ROOT = Path(__file__).resolve().parents[1]


def load_revision(rev: str):  # noqa: ANN201
    """``storycheck.cluster`` as it is at ``rev``, as a module of its own."""
    source = subprocess.run(
        ["git", "show", f"{rev}:src/storycheck/cluster.py"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout
    path = Path(tempfile.mkdtemp()) / "cluster_at_rev.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("cluster_at_rev", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["cluster_at_rev"] = module  # (dataclasses look their module up)
    spec.loader.exec_module(module)
    return module


def same_packed(p, q) -> bool:  # noqa: ANN001
    """Two packed payloads hold the same lists and the same arrays (dtype and values)."""
    if (p.ids, p.times, p.words, p.strings, p.ends, p.lower) != (q.ids, q.times, q.words, q.strings, q.ends, q.lower):
        return False
    if (p.named is None) != (q.named is None) or (p.named is not None and not np.array_equal(p.named, q.named)):
        return False
    return all(
        x.dtype == y.dtype and np.array_equal(x, y)
        for x, y in (
            (p.minhash, q.minhash), (p.vector, q.vector), (p.term_ids, q.term_ids), (p.weights, q.weights),
            *([(p.named, q.named)] if p.named is not None else []),
        )
    )


def same(a, b) -> bool:  # noqa: ANN001
    return (
        a.id == b.id and a.time == b.time and a.minhash.dtype == b.minhash.dtype
        and np.array_equal(a.minhash, b.minhash) and np.array_equal(a.vector, b.vector)
        and list(a.terms.items()) == list(b.terms.items())
        and list(a.names) == list(b.names) and list(a.years) == list(b.years) and list(a.lead) == list(b.lead)
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--against", default=None, help="a git revision whose cluster.py must give the same features")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "featurize.json"))
    args = ap.parse_args()

    from storycheck import cluster as here
    from storycheck.nlp import embedder

    emb = embedder("static")
    emb.encode(["warm up"])
    settings = here.ClusterSettings()
    docs = list(generate(args.articles))
    parts = [[(d.id, d.text, d.title, d.published) for d in docs[i : i + 256]] for i in range(0, len(docs), 256)]
    modules = {"this tree": here}
    if args.against:
        modules[args.against] = load_revision(args.against)

    def run(module):  # noqa: ANN001, ANN202
        for m in modules.values():
            for cache in ("_WORD_HASH", "_WORDS", "_IS_TERM", "_NAME_OF", "_TITLE_NAME_OF"):  # (by version)
                getattr(m, cache, {}).clear()
        getattr(emb, "_pieces", {}).clear()
        hasher = module._Hasher(settings.num_perm, settings.seed)
        t0 = time.process_time()
        packed = [module._featurize_packed(rows, settings, emb, hasher) for rows in parts]
        return time.process_time() - t0, packed

    cpu: dict[str, list[float]] = {name: [] for name in modules}
    differing = 0
    for rep in range(args.reps):
        order = list(modules) if rep % 2 == 0 else list(modules)[::-1]
        packed = {}
        for name in order:
            seconds, packed[name] = run(modules[name])
            cpu[name].append(seconds)
        if args.against:
            mine, theirs = packed["this tree"], packed[args.against]
            a = [f for p in mine for f in p.unpack()]
            b = [f for p in theirs for f in p.unpack()]
            differing = sum(not same(x, y) for x, y in zip(a, b, strict=True))
            differing += sum(not same_packed(p, q) for p, q in zip(mine, theirs, strict=True))
        print(f"rep {rep}: " + ", ".join(f"{n} {cpu[n][-1] / len(docs) * 1e3:.3f} ms/article" for n in order)
              + (f"; articles or parts differing: {differing}" if args.against else ""), flush=True)
        if differing:
            break
    result = {
        "articles": len(docs), "part": 256, "reps": args.reps, "against": args.against,
        "cpu_ms_per_article": {n: [round(s / len(docs) * 1e3, 4) for s in v] for n, v in cpu.items()},
        "median_cpu_ms_per_article": {n: round(sorted(v)[len(v) // 2] / len(docs) * 1e3, 4) for n, v in cpu.items()},
        "identical_features": (differing == 0) if args.against else None,
        "python": platform.python_version(), "note": "CPU seconds of this process (time.process_time); shared machine",
    }
    Path(args.out).write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["median_cpu_ms_per_article"]), "identical" if differing == 0 else "DIFFERENT", f"-> {args.out}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
