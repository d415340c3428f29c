"""Benchmark ``storycheck compare``: warm time, bare NLP time, per-stage times, pairs, memory, CLI cold start.

Stories of 2, 5 and 10 reports of ~800 words each, built deterministically from real news text written
by others (ECB+, ``../shared/data/ecbplus/ecbplus.jsonl``; see ``benchmarks/README.md`` for how).
Prints a table with PASS/MISS against the targets of issue 2 ("Speed and memory") and writes every
figure to ``benchmarks/results/compare.json``.

    .venv/bin/python benchmarks/bench_compare.py                 # sizes 2, 5, 10; 5 warm runs each
    .venv/bin/python benchmarks/bench_compare.py --quick         # sizes 2 and 5; 2 runs; fast check
    .venv/bin/python benchmarks/bench_compare.py --embedder none --runs 7

This is a benchmark, not a test: it never fails on a missed target (exit code 0); it exits non-zero only
when the engine itself raises.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from shared_data import shared_data

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DATA = shared_data()
ECBPLUS = DATA / "ecbplus" / "ecbplus.jsonl"
RESULTS = HERE / "results" / "compare.json"

TARGETS = {
    "warm_2_s": 0.5,  # 2 reports, warm, seconds
    "warm_10_s": 3.0,  # 10 reports, warm, seconds
    "engine_over_bare": 3.0,  # engine total / bare NLP pass
    "cli_cold_s": 5.0,  # CLI cold start, model loading included
    "peak_rss_mb": 1536.0,  # 1.5 GB
}
STAGES = ("analyze", "align", "judge", "lineage", "quotes")

# --- stories from ECB+ ------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(\[A-Z0-9])")


def _natural(key: str) -> tuple:
    """``43_2ecbplus`` before ``43_10ecbplus``: digits compare as numbers."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key))


def load_event(event: str | None) -> tuple[str, list[dict]]:
    """The documents of one ECB+ event in natural id order; by default the event with the most words."""
    rows = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_event: dict[str, list[dict]] = {}
    for row in rows:
        by_event.setdefault(row["event"], []).append(row)
    if event is None:
        # most words first; ties broken by the event name, so the choice never depends on file order
        event = min(by_event, key=lambda e: (-sum(len(r["text"].split()) for r in by_event[e]), _natural(e)))
    if event not in by_event:
        raise SystemExit(f"bench_compare: no event {event!r} in {ECBPLUS}")
    return event, sorted(by_event[event], key=lambda r: _natural(r["id"]))


def build_reports(docs: list[dict], count: int, words: int) -> tuple[list[dict], bool]:
    """``count`` reports of about ``words`` words each, cut from the event's documents read in id order.

    The documents are laid end to end (one paragraph each, in natural id order) and cut into consecutive
    pieces: a report takes whole documents until it reaches ``words`` words, and the document that takes
    it past ``words`` is cut at the first sentence end at or after ``words``; the rest of that document
    starts the next report. No text is used twice unless the event runs out, in which case reading starts
    again from its first document (``cycled`` is then True).
    """
    pieces: list[tuple[str, str, str]] = []  # (doc id, title, sentence)
    for d in docs:
        for sentence in _SENTENCE_END.split(" ".join(d["text"].split())):
            if sentence.strip():
                pieces.append((d["id"], d["title"], sentence.strip()))
    total = sum(len(p[2].split()) for p in pieces)
    cycled = total < count * words
    reports = []
    pos = 0
    for k in range(count):
        paragraphs: list[list[str]] = []
        sources: list[str] = []
        titles: list[str] = []
        n = 0
        while n < words:
            doc_id, title, sentence = pieces[pos % len(pieces)]
            pos += 1
            if not sources or sources[-1] != doc_id:
                sources.append(doc_id)
                titles.append(title)
                paragraphs.append([])
            paragraphs[-1].append(sentence)
            n += len(sentence.split())
        reports.append(
            {
                "id": f"r{k + 1:02d}",
                "title": titles[0],
                "sources": sources,
                "text": "\n\n".join(" ".join(p) for p in paragraphs),
                "words": n,
            }
        )
    return reports, cycled


# --- measuring --------------------------------------------------------------------------------------


def _median_time(fn, runs: int) -> tuple[float, list[float], object]:  # noqa: ANN001
    times, result = [], None
    for _ in range(runs):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times, result


def _rss_mb() -> float:
    """The process's RSS high-water mark (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


class _TimedEmbedder:
    """Wraps the embedder to time ``encode`` inside the align stage (measurement only)."""

    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner, self.name, self.seconds, self.texts = inner, inner.name, 0.0, 0

    def encode(self, texts):  # noqa: ANN001, ANN201
        t = time.perf_counter()
        out = self.inner.encode(texts)
        self.seconds += time.perf_counter() - t
        self.texts += len(texts)
        return out


def stage_run(documents, emb) -> dict:  # noqa: ANN001
    """One run of the stages ``compare_documents`` calls, each timed, with the pair counts."""
    import storycheck.align as align_mod
    from storycheck.analyze import analyze_many
    from storycheck.core import quote_rows
    from storycheck.judge import judge
    from storycheck.lineage import lineage
    from storycheck.nlp import forget_parses

    forget_parses()
    seen = {"candidates": None}
    original = getattr(align_mod, "_semantic", None)
    if original is not None:  # count the candidate pairs retrieval hands to scoring (measurement hook)

        def counting(flat, candidates, embedder):  # noqa: ANN001, ANN202
            seen["candidates"] = len(candidates)
            return original(flat, candidates, embedder)

        align_mod._semantic = counting
    timed = _TimedEmbedder(emb) if emb is not None else None
    out: dict = {}
    try:
        t = time.perf_counter()
        analyses = analyze_many(documents)
        out["analyze"] = time.perf_counter() - t
        t = time.perf_counter()
        alignment = align_mod.align(analyses, timed)
        out["align"] = time.perf_counter() - t
        t = time.perf_counter()
        findings = judge(documents, analyses, alignment)
        out["judge"] = time.perf_counter() - t
        t = time.perf_counter()
        lineage(documents, analyses, alignment)
        out["lineage"] = time.perf_counter() - t
        t = time.perf_counter()
        quote_rows(documents, analyses)
        out["quotes"] = time.perf_counter() - t
    finally:
        if original is not None:
            align_mod._semantic = original
    sentences = [len(a.sentences) for a in analyses]
    cross = sum(
        sentences[i] * sentences[j] for i in range(len(sentences)) for j in range(i + 1, len(sentences))
    )
    out["embed"] = timed.seconds if timed else 0.0
    out["counts"] = {
        "sentences": sum(sentences),
        "cross_document_sentence_pairs": cross,
        "candidate_pairs_scored": seen["candidates"],
        "aligned_pairs": len(alignment.pairs),
        "raw_findings": len(findings),
        "texts_embedded": timed.texts if timed else 0,
    }
    return out


def measure_size(documents, embedder_name: str, runs: int) -> dict:  # noqa: ANN001
    from storycheck.core import compare_documents
    from storycheck.nlp import embedder as load_embedder
    from storycheck.nlp import forget_parses, tagger

    texts = [d.text for d in documents]
    nlp = tagger()
    emb = load_embedder(embedder_name)

    def bare():  # noqa: ANN202
        for _ in nlp.pipe(texts):
            pass

    def engine():  # noqa: ANN202
        forget_parses()  # a warm run has its models loaded, but has not seen these sentences before
        return compare_documents(documents, embedder=embedder_name)

    report = engine()  # warm-up: first run of this size, not timed
    bare()
    engine_s, engine_all, report = _median_time(engine, runs)
    bare_s, bare_all, _ = _median_time(bare, runs)
    stage_runs = [stage_run(documents, emb) for _ in range(runs)]
    stages = {s: statistics.median(r[s] for r in stage_runs) for s in (*STAGES, "embed")}
    result = {
        "reports": len(documents),
        "words": sum(len(t.split()) for t in texts),
        "engine_s": engine_s,
        "engine_runs_s": engine_all,
        "bare_nlp_s": bare_s,
        "bare_nlp_runs_s": bare_all,
        "ratio_engine_over_bare": engine_s / bare_s if bare_s else None,
        "stages_s": stages,
        "analysis_beyond_parse_s": stages["analyze"] - bare_s,
        "counts": stage_runs[-1]["counts"],
        "findings": len(report.findings),
        "findings_by_kind": _count_kinds(report.findings),
        "models": dict(report.models),
    }
    result["rss_high_water_mb"] = _rss_mb()
    return result


def traced_peak_mb(documents, embedder_name: str) -> float:  # noqa: ANN001
    """Python-heap peak (tracemalloc) of one warm ``compare_documents`` run; run after the RSS figures."""
    from storycheck.core import compare_documents
    from storycheck.nlp import forget_parses

    forget_parses()
    tracemalloc.start()
    try:
        compare_documents(documents, embedder=embedder_name)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _count_kinds(findings) -> dict[str, int]:  # noqa: ANN001
    out: dict[str, int] = {}
    for f in findings:
        out[f.kind] = out.get(f.kind, 0) + 1
    return out


_LAUNCHER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
p = subprocess.run(sys.argv[1:], capture_output=True, text=True)
s = time.perf_counter() - t
print(json.dumps({"s": s, "rc": p.returncode, "stderr": p.stderr,
                  "maxrss_kib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def cli_cold(reports: list[dict], embedder_name: str, runs: int) -> dict:
    """``storycheck compare r01.txt r02.txt --format json --out X`` in a fresh process, ``runs`` times."""
    exe = Path(sys.executable).parent / "storycheck"
    if not exe.exists():
        return {"error": f"{exe} not found"}
    with tempfile.TemporaryDirectory(prefix="storycheck-bench-") as tmp:
        files = []
        for r in reports:
            path = Path(tmp) / f"{r['id']}.txt"
            path.write_text(f"Title: {r['title']}\n\n{r['text']}\n", encoding="utf-8")
            files.append(str(path))
        out = Path(tmp) / "x.json"
        cmd = [
            str(exe),
            "compare",
            *files,
            "--format",
            "json",
            "--out",
            str(out),
            "--embedder",
            embedder_name,
        ]
        times, peaks = [], []
        for _ in range(runs):
            # a small stdlib-only launcher times the CLI and reads its RSS high-water mark: getrusage of our
            # own children would report this (large) process's RSS, which a forked child inherits until exec
            proc = subprocess.run(
                [sys.executable, "-S", "-c", _LAUNCHER, *cmd], capture_output=True, text=True, check=False
            )
            try:
                seen = json.loads(proc.stdout.strip().splitlines()[-1])
            except (ValueError, IndexError):
                return {"error": f"launcher failed: {proc.stderr.strip()[-2000:]}", "command": cmd}
            if seen["rc"] != 0:
                return {"error": f"exit {seen['rc']}: {seen['stderr'][-2000:]}", "command": cmd}
            times.append(seen["s"])
            peaks.append(seen["maxrss_kib"] / 1024)
        written = json.loads(out.read_text(encoding="utf-8"))
    return {
        "median_s": statistics.median(times),
        "runs_s": times,
        "rss_high_water_mb": max(peaks),
        "findings": len(written.get("findings", [])),
        "command": "storycheck compare r01.txt r02.txt --format json --out x.json --embedder "
        + embedder_name,
    }


# --- machine ----------------------------------------------------------------------------------------


def machine() -> dict:
    info = {
        "cpu_count": os.cpu_count(),
        "cpus_usable": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
    }
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu_model"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                info["memory_gb"] = round(int(line.split()[1]) / 2**20, 1)
                break
    except OSError:
        pass
    return info


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def versions() -> dict:
    import spacy

    import storycheck

    out = {"storycheck": storycheck.__version__, "spacy": spacy.__version__}
    try:
        out["git_commit"] = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "src"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        out["src_modified"] = bool(dirty)  # figures taken on uncommitted engine code
    except (OSError, subprocess.CalledProcessError):
        pass
    return out


# --- printing ---------------------------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    return "n/a " if ok is None else ("PASS" if ok else "MISS")


def _exp(a: float, b: float, x: float, y: float) -> float | None:
    """Growth exponent: t ∝ n^k between (x, a) and (y, b)."""
    if a <= 0 or b <= 0 or x == y:
        return None
    return math.log(b / a) / math.log(y / x)


def verdicts(sizes: dict[int, dict], cli: dict | None, peak_mb: float) -> list[dict]:
    out = []
    if 2 in sizes:
        v = sizes[2]["engine_s"]
        out.append(
            {"target": "2 reports warm <= 0.5 s", "value": f"{v:.3f} s", "pass": v <= TARGETS["warm_2_s"]}
        )
    if 10 in sizes:
        v = sizes[10]["engine_s"]
        out.append(
            {"target": "10 reports warm <= 3 s", "value": f"{v:.3f} s", "pass": v <= TARGETS["warm_10_s"]}
        )
    for n, s in sizes.items():
        r = s["ratio_engine_over_bare"]
        out.append(
            {
                "target": f"engine <= 3x bare NLP ({n} reports)",
                "value": f"{r:.2f}x",
                "pass": r <= TARGETS["engine_over_bare"],
            }
        )
    if cli is not None:
        if "error" in cli:
            out.append({"target": "CLI cold start <= 5 s", "value": "error", "pass": None})
        else:
            v = cli["median_s"]
            out.append(
                {"target": "CLI cold start <= 5 s", "value": f"{v:.2f} s", "pass": v <= TARGETS["cli_cold_s"]}
            )
    out.append(
        {
            "target": "peak RSS <= 1.5 GB",
            "value": f"{peak_mb:.0f} MB",
            "pass": peak_mb <= TARGETS["peak_rss_mb"],
        }
    )
    return out


def print_table(result: dict) -> None:
    sizes = {int(k): v for k, v in result["sizes"].items()}
    m = result["machine"]
    print(f"\nstorycheck compare benchmark  {result['date']}")
    print(
        f"machine: {m.get('cpu_model', '?')}, {m['cpu_count']} CPUs, {m.get('memory_gb', '?')} GB, "
        f"Python {m['python']}, {m['platform']}"
    )
    print(f"models:  tagger={result['models'].get('tagger')}  embedder={result['models'].get('embedder')}")
    st = result["story"]
    print(
        f"story:   ECB+ event {st['event']} ({st['documents']} documents), reports of ~{st['words_per_report']} "
        f"words; {result['runs']} warm runs per figure (median)\n"
    )

    head = (
        f"{'reports':>7} {'words':>6} {'engine s':>9} {'bare NLP s':>10} {'ratio':>6} "
        f"{'sents':>6} {'all x-pairs':>11} {'candidates':>10} {'aligned':>8} {'RSS MB':>7} {'tracemalloc MB':>14}"
    )
    print(head)
    print("-" * len(head))
    for n, s in sizes.items():
        c = s["counts"]
        cand = c["candidate_pairs_scored"]
        tm = s.get("tracemalloc_peak_mb")
        print(
            f"{n:>7} {s['words']:>6} {s['engine_s']:>9.3f} {s['bare_nlp_s']:>10.3f} {s['ratio_engine_over_bare']:>5.2f}x "
            f"{c['sentences']:>6} {c['cross_document_sentence_pairs']:>11} {cand if cand is not None else '?':>10} "
            f"{c['aligned_pairs']:>8} {s['rss_high_water_mb']:>7.0f} {(f'{tm:.1f}' if tm is not None else '-'):>14}"
        )

    print(
        "\nper stage, median s (analyze includes the spaCy parse; 'embed' is the part of align spent encoding)"
    )
    head = (
        f"{'reports':>7} "
        + " ".join(f"{s:>8}" for s in (*STAGES, "embed"))
        + f" {'parse':>8} {'analysis':>8}  slowest"
    )
    print(head)
    print("-" * len(head))
    for n, s in sizes.items():
        t = s["stages_s"]
        slowest = max(STAGES, key=lambda k: t[k])
        print(
            f"{n:>7} "
            + " ".join(f"{t[k]:>8.3f}" for k in (*STAGES, "embed"))
            + f" {s['bare_nlp_s']:>8.3f} {s['analysis_beyond_parse_s']:>8.3f}  {slowest} "
            f"({100 * t[slowest] / max(sum(t[k] for k in STAGES), 1e-9):.0f}%)"
        )
    print("(parse = bare NLP pass; analysis = analyze minus parse: storycheck's own reading of the parse)")

    ns = sorted(sizes)
    if len(ns) >= 2:
        print("\ngrowth between sizes (exponent k in time ~ n^k; 1 = linear in reports, 2 = quadratic)")
        head = (
            f"{'step':>7} {'x docs':>7} {'x all pairs':>11} {'x aligned':>9} {'x engine':>9} {'k engine':>8} "
            f"{'k analyze':>9} {'k align':>8} {'k judge':>8} {'k lineage':>9}"
        )
        print(head)
        print("-" * len(head))
        for a, b in zip(ns, ns[1:], strict=False):
            sa, sb = sizes[a], sizes[b]
            ca, cb = sa["counts"], sb["counts"]

            def k(x: float, y: float, a=a, b=b) -> str:
                e = _exp(x, y, a, b)
                return f"{e:.2f}" if e is not None else "-"

            print(
                f"{f'{a}->{b}':>7} {b / a:>7.2f} "
                f"{cb['cross_document_sentence_pairs'] / max(ca['cross_document_sentence_pairs'], 1):>11.2f} "
                f"{cb['aligned_pairs'] / max(ca['aligned_pairs'], 1):>9.2f} {sb['engine_s'] / sa['engine_s']:>9.2f} "
                f"{k(sa['engine_s'], sb['engine_s']):>8} "
                + " ".join(
                    f"{k(sa['stages_s'][x], sb['stages_s'][x]):>{w}}"
                    for x, w in (("analyze", 9), ("align", 8), ("judge", 8), ("lineage", 9))
                )
            )

    cli = result.get("cli_cold_start")
    if cli:
        if "error" in cli:
            print(f"\nCLI cold start: ERROR {cli['error']}")
        else:
            print(
                f"\nCLI cold start ({cli['command']}): median {cli['median_s']:.2f} s of "
                f"{', '.join(f'{t:.2f}' for t in cli['runs_s'])}; child RSS high-water {cli['rss_high_water_mb']:.0f} MB"
            )
    print(
        f"model load in this process: {result['model_load_s']:.2f} s; RSS after load {result['rss_after_load_mb']:.0f} MB"
    )

    loads = [result.get("load_average_before")] + [s.get("load_average_after") for s in sizes.values()]
    loads = [x for x in loads if x is not None]
    cpus = m.get("cpus_usable") or m["cpu_count"] or 1
    if loads and max(loads) > cpus:
        print(
            f"WARNING: 1-min load average reached {max(loads):.1f} on {cpus} CPUs during the run: other processes "
            "shared the machine, times are inflated"
        )
    print("\ntargets")
    for v in result["verdicts"]:
        print(f"  {_mark(v['pass'])}  {v['target']:<36} {v['value']}")


# --- main -------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "--embedder",
        default="auto",
        choices=("auto", "static", "minilm", "none"),
        help="sentence embedder passed to compare (default auto)",
    )
    p.add_argument(
        "--runs",
        type=int,
        default=None,
        help="warm runs per figure, median taken (default 5; 2 with --quick)",
    )
    p.add_argument("--quick", action="store_true", help="sizes 2 and 5, 2 runs, 1 CLI run: a fast check")
    p.add_argument("--sizes", default=None, help="comma-separated story sizes (default 2,5,10)")
    p.add_argument("--words", type=int, default=800, help="words per report (default 800)")
    p.add_argument("--event", default=None, help="ECB+ event id (default: the event with the most words)")
    p.add_argument(
        "--cli-runs", type=int, default=None, help="CLI cold-start runs (default 3; 1 with --quick; 0 skips)"
    )
    p.add_argument("--no-tracemalloc", action="store_true", help="skip the extra tracemalloc run per size")
    p.add_argument(
        "--out", type=Path, default=RESULTS, help=f"JSON results file (default {RESULTS.relative_to(REPO)})"
    )
    args = p.parse_args(argv)
    runs = args.runs or (2 if args.quick else 5)
    sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else ([2, 5] if args.quick else [2, 5, 10])
    cli_runs = args.cli_runs if args.cli_runs is not None else (1 if args.quick else 3)
    if os.environ.get("STORYCHECK_EMBEDDER"):
        print(
            f"note: STORYCHECK_EMBEDDER={os.environ['STORYCHECK_EMBEDDER']} overrides --embedder in the engine",
            file=sys.stderr,
        )

    event, event_docs = load_event(args.event)
    reports, cycled = build_reports(event_docs, max(sizes), args.words)

    t = time.perf_counter()
    from storycheck.errors import StorycheckError
    from storycheck.nlp import describe, tagger
    from storycheck.nlp import embedder as load_embedder
    from storycheck.records import Document

    try:
        tagger()
        emb = load_embedder(args.embedder)
    except StorycheckError as exc:
        print(f"bench_compare: cannot load the models for --embedder {args.embedder}: {exc}", file=sys.stderr)
        return 2
    model_load_s = time.perf_counter() - t
    rss_after_load = _rss_mb()

    documents = [
        Document(
            id=r["id"],
            text=r["text"],
            title=r["title"],
            source="ECB+ " + ",".join(r["sources"]),
            origin=f"ecbplus:{event}:{r['id']}",
        )
        for r in reports
    ]
    load_before = _load()
    results: dict[int, dict] = {}
    for n in sorted(sizes):
        print(f"measuring {n} reports ({runs} runs)...", file=sys.stderr, flush=True)
        results[n] = measure_size(documents[:n], args.embedder, runs)
        results[n]["load_average_after"] = _load()

    cli = None
    if cli_runs > 0:
        print(f"measuring CLI cold start ({cli_runs} runs)...", file=sys.stderr, flush=True)
        cli = cli_cold(reports[:2], args.embedder, cli_runs)
    peak = _rss_mb()  # before the tracemalloc runs, whose own bookkeeping would inflate RSS
    if not args.no_tracemalloc:
        for n in sorted(sizes):
            results[n]["tracemalloc_peak_mb"] = traced_peak_mb(documents[:n], args.embedder)
    peak_all = max(peak, cli.get("rss_high_water_mb", 0.0) if cli else 0.0)
    models = results[max(sizes)]["models"] if results else describe(emb)
    result = {
        **stamp("compare"),
        "models": models,
        "embedder_option": args.embedder,
        "runs": runs,
        "targets": TARGETS,
        "story": {
            "source": "ECB+ (Cybulska and Vossen, LREC 2014), ../shared/data/ecbplus/ecbplus.jsonl",
            "event": event,
            "documents": len(event_docs),
            "words_per_report": args.words,
            "cycled": cycled,
            "reports": [{k: r[k] for k in ("id", "words", "sources", "title")} for r in reports],
        },
        "load_average_before": load_before,  # 1-minute load; above the CPU count, other work shared the machine
        "model_load_s": model_load_s,
        "rss_after_load_mb": rss_after_load,
        "sizes": {str(n): s for n, s in results.items()},
        "cli_cold_start": cli,
        "peak_rss_mb": peak,
        "verdicts": verdicts(results, cli, peak_all),
    }
    print_table(result)
    write_results(args.out, result)
    return 0


def stamp(benchmark: str) -> dict:
    """The fields every results file opens with: which benchmark, when, on what machine, at which commit."""
    return {"benchmark": benchmark, "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "machine": machine(), "versions": versions()}  # fmt: skip


def write_results(path: Path, result: dict) -> None:
    """The results file (indented, UTF-8 as written), its folder made if needed; says where."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"\nwritten: {path}")


if __name__ == "__main__":
    sys.exit(main())
