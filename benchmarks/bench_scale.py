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
embedder) included, all in that process; with ``--workers N`` featurization runs in N worker processes
while the process assigns, as ``cluster(..., workers=N)`` does (features travel packed; the process
featurizes the parts no worker has started, e.g. while the workers start; it pays only when a core is
free for the workers). Printed and
written to benchmarks/results/scale.json: wall time, articles/s, peak memory (the process's plus each
worker's, bounded by the largest worker's peak), stories, and the growth ratio of time between sizes (4.0 =
linear from 50k to 200k).

``--batch N`` also runs the full batch (``run_batch``: read, cluster, plan each article's fate, the engine on
every story, ranking; models loaded inside the timed run) on the first N generated articles, in one process
and on a ``distributed.LocalCluster`` of 2 workers (``--batch-workers 0,2``), each in a fresh process, and
compares every file the two runs wrote byte for byte (``summary.json`` aside: it holds the times).
articles/s = all input articles / wall time of the whole run. Printed: how many texts were fully analysed
and each article's fate (compared, copy, singleton, only_text). ``--sizes ''`` runs the batch alone and
keeps the clustering figures already in the results file.

    .venv/bin/python benchmarks/bench_scale.py [--sizes 10000,50000,200000] [--workers 0] [--batch 10000] [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
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

from shared_data import shared_data

ROOT = Path(__file__).resolve().parents[1]
DATA = shared_data()
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
    cpu0 = _own_cpu()
    t0 = time.perf_counter()
    index = cluster(generate(n), None, emb, workers=workers)
    seconds = time.perf_counter() - t0
    cpu_main = _own_cpu() - cpu0
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
    # CPU seconds of this process (generating, assigning, and featurizing what no worker had started) and
    # of the workers (start-up included): on a shared machine the wall time says little, these say where
    # the work went (the rate on free cores is bounded by the larger of the two per core)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["cpu_s_main"] = round(cpu_main, 2)
    out["cpu_s_workers"] = round(kids.ru_utime + kids.ru_stime, 2) if workers else None
    out |= {
        "rss_before_mb": round(rss0, 1),
        "stories": len(live),
        "multi_article_stories": sum(1 for s in live if len(s.members) > 1),
        "merges": len(index.merges),
        # the stories themselves (their members, in order): equal digests = the same clustering, whatever the
        # speed work did inside
        "groups_sha256": hashlib.sha256(json.dumps(index.groups()).encode()).hexdigest()[:16],
    }
    return out


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def write_corpus(n: int, path: Path) -> None:
    """The first ``n`` generated articles as a JSONL corpus (what ``storycheck batch`` reads)."""
    with open(path, "w", encoding="utf-8") as fh:
        for d in generate(n):
            fh.write(json.dumps({"id": d.id, "text": d.text, "published": d.published, "outlet": d.source}) + "\n")


def output_digests(out: Path) -> dict[str, str]:
    """sha256 of every file a batch wrote, by relative path; ``summary.json`` holds times and is left out."""
    import hashlib

    return {
        str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(out.rglob("*")) if p.is_file() and p.name != "summary.json"
    }


def run_batch_child(corpus: Path, out: Path, workers: int) -> dict:
    """The whole batch (read, cluster, plan, the engine on every story, ranking) timed from start to end."""
    from storycheck.batch import run_batch

    t0 = time.perf_counter()
    summary = run_batch([corpus], out, workers=workers)
    seconds = time.perf_counter() - t0
    n = summary.articles
    return {
        "articles": n, "workers": workers, "scheduler": summary.scheduler, "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 2),
        "fully_analysed": summary.analysed,  # texts parsed and analysed by the engine (the costly part)
        "fates": summary.fates, "exact_copies": summary.exact_copies,
        "stories": summary.stories, "copy_stories": summary.copy_stories, "failed": summary.failed,
        "findings_by_kind": summary.findings_by_kind,
        "peak_mb_driver": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "stage_seconds": summary.seconds,
        "cpu_seconds_all_processes": round(_cpu_seconds(), 1),
    }


def _cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (Dask workers included once they exit)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_batches(n: int, workers: list[int]) -> dict:
    """The batch on the first ``n`` articles, in this process and on a LocalCluster, each in a fresh process
    (models loaded inside the timed run, as a user would see it); the written files compared byte for byte."""
    runs, digests = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        write_corpus(n, corpus)
        for w in workers:
            out = Path(tmp) / f"out-{w}"
            proc = subprocess.run(
                [sys.executable, __file__, "--child", f"batch:{corpus}:{out}:{w}"], capture_output=True, text=True,
            )
            if proc.returncode:
                print(proc.stderr[-3000:], file=sys.stderr)
                raise SystemExit(1)
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            runs.append(r)
            digests[w] = output_digests(out)
            print(f"batch {n} articles, {r['scheduler']}: {r['seconds']} s, {r['articles_per_s']} articles/s; "
                  f"fully analysed {r['fully_analysed']}; fates {r['fates']} (exact copies {r['exact_copies']}); "
                  f"stages {r['stage_seconds']}", flush=True)
    base = digests[workers[0]]
    identical = {}
    for w in workers[1:]:
        other = digests[w]
        differ = sorted(k for k in base.keys() | other.keys() if base.get(k) != other.get(k))
        identical[f"{workers[0]}_vs_{w}_workers"] = {
            "files": len(base), "identical": not differ, "differing_files": differ[:20], "differing": len(differ),
        }
    print("batch outputs byte-identical:", {k: v["identical"] for k, v in identical.items()}, flush=True)
    best = max(runs, key=lambda r: r["articles_per_s"])
    return {"articles": n, "runs": runs, "outputs_compared": identical, "articles_per_s": best["articles_per_s"]}


def _keep_earlier(path: Path, results: dict, verdict: dict) -> None:
    """A run of one part (``--sizes ''`` for the batch alone, or no ``--batch``) keeps the other part's
    figures from the existing results file, marked with the commit that measured them."""
    if not path.exists():
        return
    old = json.loads(path.read_text(encoding="utf-8"))
    keys = {"cluster": ("cluster", "growth"), "batch": ("batch",)}
    for part, names in keys.items():
        if results.get(part):
            continue
        for name in names:
            if old.get("results", {}).get(name):
                results[name] = old["results"][name]
                # the commit that measured them: the old file's own mark when it had kept them too
                measured = old["results"].get("earlier", {}).get(name) or old.get("commit")
                results.setdefault("earlier", {})[name] = measured
        for k, v in old.get("verdict", {}).items():
            if k.startswith(part) or (part == "cluster" and not k.startswith("batch")):
                verdict.setdefault(k, v)
    for name, value in old.get("results", {}).items():  # figures kept by hand (e.g. a run before a fix)
        if name not in ("cluster", "growth", "batch", "earlier") and name not in results:
            results[name] = value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10000,50000,200000")
    ap.add_argument("--batch", type=int, default=0, help="also run the full batch on this many articles")
    ap.add_argument("--batch-workers", default="0,2", help="batch runs: 0 = in-process, N = LocalCluster of N")
    ap.add_argument("--workers", type=int, default=0, help="clustering: featurize in this many worker processes (0: in this one)")
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results" / "scale.json"))
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:  # one measurement in a fresh process
        kind, *rest = args.child.split(":")
        if kind == "batch":
            print(json.dumps(run_batch_child(Path(rest[0]), Path(rest[1]), int(rest[2]))))
        else:
            print(json.dumps(run_cluster(int(rest[0]), args.workers)))
        return
    results: dict = {"cluster": [], "batch": None}
    for n in [int(x) for x in args.sizes.split(",") if x]:
        child = [sys.executable, __file__, "--child", f"cluster:{n}", "--workers", str(args.workers)]
        proc = subprocess.run(child, capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr[-2000:], file=sys.stderr)
            sys.exit(1)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        results["cluster"].append(r)
        print(f"cluster {n:>7}: {r['seconds']:>8} s  {r['articles_per_s']:>8} articles/s  peak {r['peak_total_mb']} MB "
              f"(this process {r['peak_mb']}, {r['workers']} workers {r['worker_peak_mb']} each)  "
              f"stories {r['stories']} ({r['multi_article_stories']} of 2+)  "
              f"CPU s: this process {r['cpu_s_main']}, workers {r['cpu_s_workers']}", flush=True)
    sizes = {r["articles"]: r for r in results["cluster"]}
    growth = {}
    ordered = sorted(sizes)
    for a, b in zip(ordered, ordered[1:], strict=False):
        growth[f"{a}->{b}"] = {"size": round(b / a, 2), "time": round(sizes[b]["seconds"] / sizes[a]["seconds"], 2)}
    results["growth"] = growth
    print("growth:", growth)
    if args.batch:
        results["batch"] = run_batches(args.batch, [int(x) for x in args.batch_workers.split(",")])
    verdict = {}
    if sizes:
        verdict["cluster_articles_per_s"] = "PASS" if min(r["articles_per_s"] for r in sizes.values()) >= TARGETS["cluster_articles_per_s"] else "MISS"
    if 200000 in sizes:
        verdict["peak_mb_200k"] = "PASS" if sizes[200000]["peak_total_mb"] <= TARGETS["peak_mb_200k"] else "MISS"
    if "50000->200000" in growth:
        verdict["growth_50k_200k"] = "PASS" if growth["50000->200000"]["time"] <= TARGETS["growth_50k_200k"] else "MISS"
    if results["batch"]:
        verdict["batch_articles_per_s"] = "PASS" if results["batch"]["articles_per_s"] >= TARGETS["batch_articles_per_s"] else "MISS"
        if results["batch"]["outputs_compared"]:
            same = all(c["identical"] for c in results["batch"]["outputs_compared"].values())
            verdict["batch_dask_identical_to_in_process"] = "PASS" if same else "MISS"
    print("targets:", verdict)
    _keep_earlier(Path(args.out), results, verdict)
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
