"""Growth of ``compare`` and ``check`` with their input: CPU seconds per stage as the input doubles.

The house rule is "know the cost of each stage against input size; no quadratic step over a corpus". The
fixed-size figures of ``bench_compare.py`` cannot show a stage whose cost grows faster than its input, so
this benchmark runs four series, each a doubling (or quadrupling) of one input with the rest held still:

- ``reports``: ``compare`` on stories of 2, 4, 8, 16, 32 reports of ~800 words (``bench_compare``'s cut);
- ``length``: ``compare`` on 2 reports of 1k, 4k, 16k, 64k words each;
- ``source``: ``check`` of a ~300-word text against one source of 1k .. 64k words;
- ``text``: ``check`` of a text of 100 .. 3,000 words against one source of 16k words.

Every stage is timed in CPU seconds (``time.process_time``: ~6 processes share the machine's cores, wall
time would measure them) by wrapping the stage functions ``compare_documents`` and ``check`` call, so the
engine's own flow runs unchanged. The growth of a stage between two points is given per doubling of the
input (``(t_b / t_a) ** (1 / log2(n_b / n_a))``): 2 is linear, 4 quadratic; a stage above x2.3 per doubling in
one of its last two steps and above x2.2 over the whole series, with at least ``NOISE_S`` (0.1) CPU-s at the
largest point (smaller figures are noise), is marked SUPERLINEAR.

    .venv/bin/python benchmarks/bench_growth.py                  # all four series; ~3 CPU-min (~15 min wall with 6 processes on 2 cores)
    .venv/bin/python benchmarks/bench_growth.py --series length --profile 25

Texts: ECB+ (``../shared/data/ecbplus/ecbplus.jsonl``, read only), documents laid end to end (event
``43ecbplus`` first, as in ``bench_compare``, then the rest of its topic, then the other topics by size);
no randomness. Writes ``benchmarks/results/growth.json``. A benchmark, not a test: exit 0 unless the
engine raises.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import pstats
import re
import sys
import time
from pathlib import Path

from bench_compare import ECBPLUS, _load, _natural, build_reports, stamp, write_results

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "growth.json"
SUPERLINEAR = 2.3  # per doubling of the input; 2.0 is linear
NOISE_S = 0.1  # a stage below this many CPU-s at the largest point is not judged

SERIES = {
    "reports": [2, 4, 8, 16, 32],
    "length": [1000, 4000, 16000, 64000],
    "source": [1000, 2000, 4000, 8000, 16000, 32000, 64000],
    "text": [100, 200, 400, 800, 1600, 3000],
}
# the stage functions each flow calls, by the module whose global name it calls them through
COMPARE_STAGES = {
    "storycheck.core": ("analyze_documents", "align", "judge", "number_findings", "lineage", "quote_rows",
                        "build_report"),
}  # fmt: skip
CHECK_STAGES = {
    "storycheck.check": ("restore_case", "analyze_documents", "align", "judge", "pronoun_checks", "role_checks",
                         "entity_swaps", "speakers_made_doers", "ages_of_others", "titles_of_others", "_links",
                         "number_findings", "_verdicts", "build_report"),
}  # fmt: skip
TEXT_WORDS = 300  # the text of the ``source`` series
TEXT_SOURCE = 16000  # the source of the ``text`` series
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"“'‘(\[A-Z0-9])")


# --- inputs -----------------------------------------------------------------------------------------


def ordered_documents() -> list[dict]:
    """Every ECB+ document: event 43ecbplus first (bench_compare's story), then the rest of topic 43, then the
    other topics by their words (most first, ties by number), each topic's documents in natural id order."""
    rows = [json.loads(line) for line in ECBPLUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    words: dict[int, int] = {}
    for r in rows:
        words[r["topic"]] = words.get(r["topic"], 0) + len(r["text"].split())
    first = next(r["topic"] for r in rows if r["event"] == "43ecbplus")
    topics = sorted(words, key=lambda t: (t != first, -words[t], t))
    rank = {t: i for i, t in enumerate(topics)}
    return sorted(rows, key=lambda r: (rank[r["topic"]], r["event"] != "43ecbplus", _natural(r["id"])))


def _cut(docs: list[dict], words: int) -> str:
    """The documents' text, one paragraph each, until ``words`` words (cut at the first sentence end past it)."""
    paragraphs, n = [], 0
    for d in docs:
        kept = []
        for sentence in _SENTENCE_END.split(" ".join(d["text"].split())):
            kept.append(sentence)
            n += len(sentence.split())
            if n >= words:
                break
        paragraphs.append(" ".join(kept))
        if n >= words:
            break
    return "\n\n".join(paragraphs)


def long_pair(docs: list[dict], words: int) -> list[str]:
    """Two reports of ``words`` words: the documents dealt alternately to each, so both tell the same events."""
    return [_cut(docs[0::2], words), _cut(docs[1::2], words)]


def _bumped(sentence: str) -> str:
    """The sentence with its first figure one higher: a text that is not a pure copy gives the judge work."""
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 1), sentence, count=1)


def summary_text(source: str, words: int) -> str:
    """A text of ``words`` words: every fourth sentence of the source (every third of them with a figure
    changed), one paragraph; short of sentences, it takes every second one, then every one."""
    sentences = [s for p in source.split("\n\n") for s in _SENTENCE_END.split(p) if s.strip()]
    for step in (4, 2, 1):
        out, n = [], 0
        for k, s in enumerate(sentences[::step]):
            out.append(_bumped(s) if k % 3 == 2 else s)
            n += len(s.split())
            if n >= words:
                return " ".join(out)
    return " ".join(out)


def inputs(series: str, sizes: list[int]) -> list[tuple[int, list]]:
    from storycheck.records import Document

    docs = ordered_documents()
    out = []
    if series == "reports":
        reports, _ = build_reports(docs, max(sizes), 800)
        story = [Document(id=r["id"], text=r["text"], title=r["title"]) for r in reports]
        out = [(n, story[:n]) for n in sizes]
    elif series == "length":
        for n in sizes:
            a, b = long_pair(docs, n)
            out.append((n, [Document(id="a", text=a), Document(id="b", text=b)]))
    elif series == "source":
        text = summary_text(_cut(docs, 1000), TEXT_WORDS)
        for n in sizes:
            out.append((n, [Document(id="text", text=text), Document(id="source", text=_cut(docs, n))]))
    elif series == "text":
        source = _cut(docs, TEXT_SOURCE)
        for n in sizes:
            out.append((n, [Document(id="text", text=summary_text(source, n)), Document(id="source", text=source)]))
    return out


# --- measuring --------------------------------------------------------------------------------------


class StageClock:
    """Wraps the named functions of each module to add their CPU seconds (``process_time``) to ``seconds``;
    a stage called inside another is counted in both (none of the wrapped ones is)."""

    def __init__(self, stages: dict[str, tuple[str, ...]]) -> None:
        import importlib

        self.seconds: dict[str, float] = {}
        self._saved = []
        for module_name, names in stages.items():
            module = importlib.import_module(module_name)
            for name in names:
                original = getattr(module, name)
                self._saved.append((module, name, original))
                setattr(module, name, self._timed(name.lstrip("_"), original))

    def _timed(self, name: str, fn):  # noqa: ANN001, ANN202
        def timed(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
            t = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.seconds[name] = self.seconds.get(name, 0.0) + time.process_time() - t

        return timed

    def restore(self) -> None:
        for module, name, original in self._saved:
            setattr(module, name, original)


def run_once(series: str, documents: list, profile: cProfile.Profile | None = None) -> tuple[dict, object]:
    from storycheck.check import check
    from storycheck.core import compare_documents
    from storycheck.nlp import forget_parses

    forget_parses()  # models loaded, sentences never seen: what a new story meets
    gc.collect()  # (a collection the previous run left due would land in whichever stage it falls on)
    clock = StageClock(CHECK_STAGES if series in ("source", "text") else COMPARE_STAGES)
    try:
        if profile is not None:
            profile.enable()
        t = time.process_time()
        if series in ("source", "text"):
            report = check(documents[1:], documents[0], embedder=None)
        else:
            report = compare_documents(documents, embedder=None)
        total = time.process_time() - t
    finally:
        if profile is not None:
            profile.disable()
        clock.restore()
    stages = dict(clock.seconds)
    stages["other"] = max(total - sum(stages.values()), 0.0)
    return {"total": total, **stages}, report


def per_doubling(a: float, b: float, na: int, nb: int) -> float | None:
    if a <= 0 or b <= 0 or na == nb:
        return None
    return (b / a) ** (1 / math.log2(nb / na))


def measure(series: str, sizes: list[int], runs: int, profile_top: int, reports: Path | None = None) -> dict:
    from storycheck.report import to_json

    points = []
    for n, documents in inputs(series, sizes):
        print(f"  {series} {n} ...", file=sys.stderr, flush=True)
        best, report = None, None
        for _ in range(runs):
            seconds, report = run_once(series, documents)
            best = seconds if best is None else {k: min(best.get(k, v), v) for k, v in seconds.items()}
        if reports is not None:  # the whole report, to show that a speed change left the output as it was
            reports.mkdir(parents=True, exist_ok=True)
            (reports / f"{series}-{n}.json").write_text(to_json(report), encoding="utf-8")
        points.append({
            "n": n,
            "words": sum(len(d.text.split()) for d in documents),
            "sentences": sum(len(a.sentences) for a in report.analyses.values()),
            "findings": len(report.findings),
            "cpu_s": best,
        })  # fmt: skip
    stages = list(points[-1]["cpu_s"])
    growth = {}
    for s in stages:
        steps = [per_doubling(a["cpu_s"].get(s, 0), b["cpu_s"].get(s, 0), a["n"], b["n"])
                 for a, b in zip(points, points[1:], strict=False)]  # fmt: skip
        first, last = points[0]["cpu_s"].get(s, 0), points[-1]["cpu_s"].get(s, 0)
        overall = per_doubling(first, last, points[0]["n"], points[-1]["n"])
        # the last two steps judge: the first points are dominated by fixed costs
        tail = [x for x in steps[-2:] if x is not None]
        flagged = bool(tail) and last >= NOISE_S and max(tail) > SUPERLINEAR and (overall or 0) > SUPERLINEAR * 0.95
        growth[s] = {"per_doubling": steps, "overall_per_doubling": overall, "superlinear": flagged}
    out = {"sizes": sizes, "points": points, "growth": growth}
    if profile_top:
        prof = cProfile.Profile(time.process_time)  # CPU, as the figures: wall time counts the other processes
        run_once(series, inputs(series, sizes[-1:])[0][1], prof)
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).sort_stats("tottime").print_stats(profile_top)
        out["profile_largest"] = buf.getvalue()
    return out


def print_series(name: str, result: dict) -> None:
    points, growth = result["points"], result["growth"]
    stages = [s for s in growth if s != "total"] + ["total"]
    print(f"\n{name}: CPU-s per stage (n = {'reports' if name == 'reports' else 'words'})")
    head = f"{'n':>6} {'words':>7} {'sents':>6} " + " ".join(f"{s[:9]:>9}" for s in stages)
    print(head)
    print("-" * len(head))
    for p in points:
        print(f"{p['n']:>6} {p['words']:>7} {p['sentences']:>6} "
              + " ".join(f"{p['cpu_s'].get(s, 0):>9.3f}" for s in stages))  # fmt: skip
    print("growth per doubling of n (2 = linear, 4 = quadratic), step by step, then overall")
    for s in stages:
        g = growth[s]
        steps = " ".join(f"{x:5.2f}" if x is not None else "    -" for x in g["per_doubling"])
        overall = g["overall_per_doubling"]
        mark = "  SUPERLINEAR" if g["superlinear"] else ""
        print(f"  {s[:18]:<18} {steps}   x{overall:.2f}{mark}" if overall else f"  {s[:18]:<18} {steps}")
    if "profile_largest" in result:
        print(f"\nprofile of the largest {name} input (by own time):")
        print("\n".join(result["profile_largest"].splitlines()[:60]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--series", default=",".join(SERIES), help=f"comma-separated, of {', '.join(SERIES)} (default all)")
    p.add_argument("--runs", type=int, default=1, help="runs per point, least CPU kept (default 1)")
    p.add_argument("--profile", type=int, default=0, metavar="N",
                   help="cProfile one more run of each series' largest input; print its N costliest functions")
    p.add_argument("--sizes", default=None, help="override the sizes (one series only), comma-separated")
    p.add_argument("--reports", type=Path, default=None, metavar="DIR",
                   help="write each point's report (JSON) to DIR/SERIES-N.json, to diff two versions' output")
    p.add_argument("--out", type=Path, default=RESULTS, help="JSON results (default benchmarks/results/growth.json)")
    args = p.parse_args(argv)
    names = [s.strip() for s in args.series.split(",") if s.strip()]
    unknown = [s for s in names if s not in SERIES]
    if unknown:
        p.error(f"unknown series {unknown}; known: {', '.join(SERIES)}")
    from storycheck.core import compare_documents
    from storycheck.records import Document

    t = time.process_time()  # load the models and warm up: the first call pays for loading, not for growth
    compare_documents([Document(id="a", text="Police arrested two men on Monday."),
                       Document(id="b", text="Two men were arrested by police on Monday.")], embedder=None)  # fmt: skip
    load_s = time.process_time() - t
    load_before = _load()
    results = {}
    for name in names:
        sizes = [int(x) for x in args.sizes.split(",")] if args.sizes else SERIES[name]
        results[name] = measure(name, sizes, args.runs, args.profile, args.reports)
        print_series(name, results[name])
    flagged = [(n, s) for n, r in results.items() for s, g in r["growth"].items() if g["superlinear"] and s != "total"]
    names_flagged = ", ".join(f"{n}/{s}" for n, s in flagged) or "none"
    print(f"\nsuperlinear stages (> x{SUPERLINEAR:.1f} per doubling): {names_flagged}")
    out = {
        **stamp("growth"),
        "embedder": None,
        "clock": "time.process_time (CPU seconds of this process), least of --runs runs",
        "superlinear_above_per_doubling": SUPERLINEAR,
        "model_load_cpu_s": load_s,
        "load_average_before": load_before,
        "load_average_after": _load(),
        "series": results,
        "superlinear": [f"{n}/{s}" for n, s in flagged],
    }
    write_results(args.out, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
