"""Scale of story clustering (issue 4, "Scale"): corpora of 10k, 50k and 200k articles.

The corpora are generated deterministically (fixed seed) by recombining real article sentences written by
others: the 499 FRANK articles (../shared/data/frank/frank.jsonl) and the 982 ECB+ documents
(../shared/data/ecbplus/ecbplus.jsonl). The generator makes *events*: an event takes one source text and
gets 1-8 articles, each a subset of the source's sentences in order (60-100% of them), some with one or two
sentences of another source mixed in, some an exact or lightly edited copy of an earlier article of the
event (near-duplicates). Events are spread over days (~2,000 articles a day, publication times set), so a
source text reused weeks apart is a different story by the time window. Nothing of the generated text is
invented: every sentence is a real one.

Each size runs in a fresh process (so its peak memory, the RSS high-water mark from ``getrusage``, is its
own): ``cluster`` over a stream of ``Document`` records, featurization (regexes, MinHash, the static
embedder) included, all in that process; with ``--workers 2`` featurization runs in two worker processes
while the process assigns, as ``cluster(..., workers=2)`` does (it pays only when a core is free: workers
take ~1.5 s of CPU each to start, and the features travel by pickle). Printed and
written to benchmarks/results/scale.json: wall time, articles/s, peak memory (the process's plus each
worker's, bounded by the largest worker's peak), stories, and the growth ratio of time between sizes (4.0 =
linear from 50k to 200k).

``--batch N`` also runs the full batch (``run_batch``, clustering + the engine on every story, in this
process) on the first N articles of the 10k corpus.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 10000,50000,200000] [--workers 0] [--batch 300] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared/data beside the repository (or two levels up, from a git worktree in a sibling folder)
DATA = next((p / "shared" / "data" for p in ROOT.parents if (p / "shared" / "data").is_dir()), ROOT.parent / "shared" / "data")
SEED = 20261125
TARGETS = {"cluster_articles_per_s": 2000, "batch_articles_per_s": 100, "peak_mb_200k": 4096, "growth_50k_200k": 4.5}
_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“'])")


def sources() -> list[list[str]]:
    """Real texts as lists of sentences (FRANK articles, then ECB+ documents), in file order."""
    out, seen = [], set()
    for line in open(DATA / "frank" / "frank.jsonl", encoding="utf-8"):
        r = json.loads(line)
        if r["article_id"] not in seen:
            seen.add(r["article_id"])
            out.append(r["article"])
    for line in open(DATA / "ecbplus" / "ecbplus.jsonl", encoding="utf-8"):
        r = json.loads(line)
        out.append(" ".join(x for x in (r["title"], r["text"]) if x and x.strip()))
    texts = [[s.strip() for s in _SPLIT.split(" ".join(t.split())) if s.strip()] for t in out]
    return [t for t in texts if len(t) >= 3]


def generate(n: int, seed: int = SEED):  # noqa: ANN201
    """Yield ``n`` Documents (deterministic for a seed); events of 1-8 articles over ~n/2000 days."""
    from storycheck.records import Document

    rng = random.Random(seed)
    texts = sources()
    made, event = 0, 0
    per_day = 2000
    while made < n:
        src = texts[rng.randrange(len(texts))]
        size = min(n - made, rng.choice((1, 1, 2, 3, 4, 5, 6, 8)))
        day = made // per_day
        earlier: list[str] = []
        for k in range(size):
            roll = rng.random()
            if earlier and roll < 0.2:  # a copy of an earlier article, a word changed or not
                body = rng.choice(earlier)
                if rng.random() < 0.5:
                    words = body.split(" ")
                    words[rng.randrange(len(words))] = rng.choice(("reportedly", "officially", "also"))
                    body = " ".join(words)
            else:
                keep = [s for s in src if rng.random() < rng.uniform(0.6, 1.0)] or src[:3]
                if roll > 0.8:
                    other = texts[rng.randrange(len(texts))]
                    keep.insert(rng.randrange(len(keep) + 1), rng.choice(other))
                body = " ".join(keep)
            earlier.append(body)
            hour = rng.randrange(24)
            yield Document(
                id=f"g{made:07d}", text=body, title=None,
                published=f"2026-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T{hour:02d}:00:00Z", source=f"outlet{k}",
            )
            made += 1
        event += 1


def run_cluster(n: int, workers: int = 0) -> dict:
    """Cluster a generated corpus of ``n`` articles in this process (featurization in ``workers`` worker
    processes when > 0, assignment here); time and peak memory (this process's, and the largest worker's)."""
    from storycheck.cluster import cluster
    from storycheck.nlp import embedder

    emb = embedder("static")
    emb.encode(["warm up"])
    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    index = cluster(generate(n), None, emb, workers=workers)
    seconds = time.perf_counter() - t0
    live = index.live()
    out = {
        "articles": n,
        "workers": workers,
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "worker_peak_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1) if workers else None,
    }
    # memory of the whole run: this process plus each worker at the largest worker's peak (an upper bound)
    out["peak_total_mb"] = round(out["peak_mb"] + workers * (out["worker_peak_mb"] or 0.0), 1)
    out |= {
        "rss_before_mb": round(rss0, 1),
        "stories": len(live),
        "multi_article_stories": sum(1 for s in live if len(s.members) > 1),
        "merges": len(index.merges),
    }
    return out


def run_batch_small(n: int) -> dict:
    """The full batch (cluster + the engine on every story of two or more) on the first ``n`` articles."""
    from storycheck.batch import run_batch

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        with open(corpus, "w", encoding="utf-8") as fh:
            for d in generate(n):
                fh.write(json.dumps({"id": d.id, "text": d.text, "published": d.published, "outlet": d.source}) + "\n")
        t0 = time.perf_counter()
        summary = run_batch([corpus], Path(tmp) / "out", workers=0)
        seconds = time.perf_counter() - t0
    return {
        "articles": n, "seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 2),
        "stories": summary.stories, "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stage_seconds": summary.seconds,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,50000,200000")
    ap.add_argument("--batch", type=int, default=0, help="also run the full batch on this many articles")
    ap.add_argument("--workers", type=int, default=0, help="clustering: featurize in this many worker processes (0: in this one)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "scale.json"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:  # one measurement in a fresh process
        kind, n = args.child.split(":")
        print(json.dumps(run_cluster(int(n), args.workers) if kind == "cluster" else run_batch_small(int(n))))
        return
    results: dict = {"cluster": [], "batch": None}
    for n in [int(x) for x in args.sizes.split(",")]:
        child = [sys.executable, __file__, "--child", f"cluster:{n}", "--workers", str(args.workers)]
        proc = subprocess.run(child, capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr[-2000:], file=sys.stderr)
            sys.exit(1)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results["cluster"].append(r)
        print(f"cluster {n:>7}: {r['seconds']:>8} s  {r['articles_per_s']:>8} articles/s  peak {r['peak_total_mb']} MB "
              f"(this process {r['peak_mb']}, {r['workers']} workers {r['worker_peak_mb']} each)  "
              f"stories {r['stories']} ({r['multi_article_stories']} of 2+)", flush=True)
    sizes = {r["articles"]: r for r in results["cluster"]}
    growth = {}
    ordered = sorted(sizes)
    for a, b in zip(ordered, ordered[1:], strict=False):
        growth[f"{a}->{b}"] = {"size": round(b / a, 2), "time": round(sizes[b]["seconds"] / sizes[a]["seconds"], 2)}
    results["growth"] = growth
    print("growth:", growth)
    if args.batch:
        proc = subprocess.run([sys.executable, __file__, "--child", f"batch:{args.batch}"], capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr[-2000:], file=sys.stderr)
        else:
            results["batch"] = json.loads(proc.stdout.strip().splitlines()[-1])
            print("batch:", results["batch"])
    verdict = {}
    if sizes:
        verdict["cluster_articles_per_s"] = "PASS" if min(r["articles_per_s"] for r in sizes.values()) >= TARGETS["cluster_articles_per_s"] else "MISS"
    if 200000 in sizes:
        verdict["peak_mb_200k"] = "PASS" if sizes[200000]["peak_total_mb"] <= TARGETS["peak_mb_200k"] else "MISS"
    if "50000->200000" in growth:
        verdict["growth_50k_200k"] = "PASS" if growth["50000->200000"]["time"] <= TARGETS["growth_50k_200k"] else "MISS"
    if results["batch"]:
        verdict["batch_articles_per_s"] = "PASS" if results["batch"]["articles_per_s"] >= TARGETS["batch_articles_per_s"] else "MISS"
    print("targets:", verdict)
    try:
        load = [round(x, 2) for x in __import__("os").getloadavg()]
    except OSError:
        load = None
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    payload = {
        "data": f"sentences of FRANK articles and ECB+ documents (../shared/data), recombined with seed {SEED}",
        "targets": TARGETS, "verdict": verdict, "results": results,
        "machine": {"python": sys.version.split()[0], "platform": platform.platform(), "load_after": load},
        "commit": commit, "date": time.strftime("%Y-%m-%d"),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
