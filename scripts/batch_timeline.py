"""Where a batch's cores stand idle: a timeline of one ``run_batch`` on a LocalCluster, and its replay on an
idle machine.

    PYTHONPATH=src python scripts/batch_timeline.py run CORPUS.jsonl OUT_DIR RESULT.json [--workers 2]
    PYTHONPATH=src python scripts/batch_timeline.py report RESULT.json

``run`` times the driver's phases (``StoryIndex.add``, ``settle``, ``plan_story``, the story stage, the
ranking) and, in each worker, every featurize part, warm-up and story (``time.monotonic``, one clock for all
processes on Linux, and the CPU seconds of the thread that ran it), while a thread samples every 50 ms the
CPU of each process of the run (``/proc/<pid>/stat``; the driver's main thread apart) and how many of their
threads are runnable (state R: running or waiting for a core). The functions are wrapped in this process;
a worker runs the wrapper (cloudpickle sends it by value) around its own module's function, so the work done
is the same. The sampler's own CPU is counted apart (it lives in the driver).

``report`` prints the timeline and two idle shares. (1) Measured: 1 - min(2, runnable threads) / 2 per phase;
on a machine loaded by other work a thread waiting for a core still counts as wanting one, so this is the
run's own demand, not the machine's. (2) Replayed: the same CPU seconds on an idle 2-core machine: the start
(everything before the first story) lasts the longer of the driver's main-thread CPU and half of all
processes' CPU; the stories then go, in the order the workers began them, to whichever worker is free first,
each taking its task-thread CPU; the gap between the two workers' last stories is the tail. What this leaves
out (each worker's event loop during the stage, the driver's, the close) is printed beside it.
"""

from __future__ import annotations

import argparse
import heapq
import importlib
import json
import os
import sys
import threading
import time
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")
EVENTS = "STORYCHECK_TIMELINE_EVENTS"  # the file every process appends its events to


def _log(kind: str, t0: float, t1: float, cpu: float, **kw: object) -> None:
    with open(os.environ.get(EVENTS) or "/tmp/batch-timeline-events.jsonl", "a", encoding="utf-8") as fh:  # noqa: S108
        fh.write(json.dumps({"kind": kind, "pid": os.getpid(), "t0": t0, "t1": t1, "cpu": cpu, **kw}) + "\n")


def _wrapped(kind: str, module: object, name: str):  # noqa: ANN202
    """``module.name`` timed (``module`` a module, or a class whose methods run in this process only). A
    module's original is kept as ``module._timeline_<name>``; the wrapper looks the function up by name when
    called, so a worker (which imported the module afresh) runs its own."""
    original = getattr(module, name)
    module_name = module.__name__ if isinstance(module, type(os)) else None
    if module_name is not None:
        setattr(module, f"_timeline_{name}", original)
        original = None  # (not sent to the workers inside the wrapper)

    def timed(*args, **kwargs):  # noqa: ANN202, ANN002, ANN003
        fn = original
        if fn is None:
            mod = importlib.import_module(module_name)
            fn = getattr(mod, f"_timeline_{name}", None) or getattr(mod, name)
        t0, c0 = time.monotonic(), time.thread_time()
        try:
            return fn(*args, **kwargs)
        finally:
            sid = {"sid": args[0]} if kind == "story" and args else {}
            _log(kind, t0, time.monotonic(), time.thread_time() - c0, **sid)

    timed.__name__ = name
    setattr(module, name, timed)


def _tree(pid: int) -> list[int]:
    out = [pid]
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children") as fh:
                for child in fh.read().split():
                    out += _tree(int(child))
    except OSError:
        pass
    return out


def _stat(path: str) -> list[str] | None:
    try:
        with open(path) as fh:
            return fh.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None


def _sample(stop: threading.Event, samples: list[dict], cost: list[float]) -> None:
    me, own = os.getpid(), str(threading.get_native_id())
    while not stop.is_set():
        row: dict = {"t": time.monotonic(), "cpu": {}, "R": {}}
        for pid in _tree(me):
            f = _stat(f"/proc/{pid}/stat")
            if f is None:
                continue
            row["cpu"][pid] = (int(f[11]) + int(f[12])) / TICK
            runnable = 0
            try:
                tids = os.listdir(f"/proc/{pid}/task")
            except OSError:
                tids = []
            for tid in tids:
                t = _stat(f"/proc/{pid}/task/{tid}/stat") if tid != own else None
                runnable += t is not None and t[0] == "R"
            row["R"][pid] = runnable
        f = _stat(f"/proc/{me}/task/{me}/stat")
        if f is not None:
            row["main"] = (int(f[11]) + int(f[12])) / TICK
        samples.append(row)
        cost[0] = time.thread_time()
        stop.wait(0.05)


def run(corpus: str, out: str, result: str, workers: int) -> None:
    os.environ.setdefault(EVENTS, str(Path(result).with_suffix(".events.jsonl")))
    Path(os.environ[EVENTS]).unlink(missing_ok=True)
    from storycheck import batch

    for kind, name in (("story", "run_story"), ("warm", "warm_up"), ("part", "_featurize_claimed"),
                       ("drv_stories", "_run_dask"), ("drv_rank", "_rank"), ("drv_plan", "plan_story")):
        _wrapped(kind, batch, name)
    for name in ("add", "settle"):
        _wrapped(f"drv_{name}", batch.StoryIndex, name)
    stop, samples, cost = threading.Event(), [], [0.0]
    sampler = threading.Thread(target=_sample, args=(stop, samples, cost), daemon=True)
    t0 = time.monotonic()
    sampler.start()
    summary = batch.run_batch([corpus], out, workers=workers)
    t1 = time.monotonic()
    stop.set()
    sampler.join()
    events = [json.loads(line) for line in open(os.environ[EVENTS], encoding="utf-8")]
    Path(result).write_text(json.dumps({
        "T0": t0, "T1": t1, "driver": os.getpid(), "articles": summary.articles, "seconds": summary.seconds,
        "sampler_cpu": cost[0], "load": os.getloadavg(), "samples": samples, "events": events,
    }))
    print(json.dumps({"wall": round(t1 - t0, 2), "articles_per_s": round(summary.articles / (t1 - t0), 1)}))


def report(result: str) -> None:  # noqa: PLR0915 - one printout
    res = json.loads(Path(result).read_text())
    samples, events, driver = res["samples"], res["events"], str(res["driver"])
    t_zero, t_end = res["T0"], res["T1"]

    def at(t: float) -> dict:
        best = samples[0]
        for s in samples:
            if s["t"] <= t:
                best = s
        return best

    def rel(t: float) -> float:
        return round(t - t_zero, 2)

    s0 = samples[0]
    stories = sorted((e for e in events if e["kind"] == "story"), key=lambda e: e["t0"])
    kinds: dict = {}
    for e in events:
        kinds.setdefault((e["kind"], e["pid"]), []).append(e)
    print(f"wall {rel(t_end)} s, {res['articles']} articles, load at the end {res['load'][0]:.1f}; stages {res['seconds']}")
    for (kind, pid), es in sorted(kinds.items(), key=lambda kv: min(e["t0"] for e in kv[1])):
        es.sort(key=lambda e: e["t0"])
        print(f"  {kind:12s} pid {pid}: {len(es):4d} x, {rel(es[0]['t0'])}..{rel(es[-1]['t1'])} s, "
              f"{sum(e['t1'] - e['t0'] for e in es):.2f} s busy, {sum(e['cpu'] for e in es):.2f} CPU-s")
    t_first, t_last = stories[0]["t0"], max(e["t1"] for e in stories)
    add = next(e for e in events if e["kind"] == "drv_add")
    workers = sorted({str(e["pid"]) for e in stories})
    for w in workers:
        mine = [e for e in stories if str(e["pid"]) == w]
        gaps = sorted(b["t0"] - a["t1"] for a, b in zip(mine, mine[1:], strict=False))
        print(f"  worker {w}: last story ends {rel(mine[-1]['t1'])} s; gaps between stories {sum(gaps):.2f} s in all, "
              f"median {gaps[len(gaps) // 2] * 1000:.0f} ms")

    def demand(t0: float, t1: float) -> str:
        rows = [s for s in samples if t0 <= s["t"] < t1]
        if not rows:
            return "-"
        busy = sum(min(2, sum(s["R"].values())) for s in rows) / (2 * len(rows))
        return f"{1 - busy:.3f} of {t1 - t0:.2f} s"

    print("measured idle share (1 - min(2, runnable threads) / 2):")
    print(f"  start {demand(t_zero, t_first)} (before add {demand(t_zero, add['t0'])}; add {demand(add['t0'], add['t1'])}; "
          f"settle, plans, manifest {demand(add['t1'], t_first)})")
    print(f"  stories {demand(t_first, t_last)}; end {demand(t_last, t_end)}; whole {demand(t_zero, t_end)}")

    sf = at(t_first)
    main = sf["main"] - s0["main"]
    before = {p: c - s0["cpu"].get(p, 0) for p, c in sf["cpu"].items()}
    task = {w: sum(e["cpu"] for e in stories if str(e["pid"]) == w) for w in workers}
    whole = {w: max(s["cpu"].get(w, 0) for s in samples) for w in workers}
    rest = {w: whole[w] - before.get(w, 0) - task[w] for w in workers}
    driver_stage = samples[-1]["cpu"][driver] - sf["cpu"][driver]
    print("CPU-s:")
    print(f"  before the first story: driver main thread {main:.2f}, driver in all {before[driver]:.2f}, "
          f"workers {[round(before.get(w, 0), 2) for w in workers]}")
    print(f"  stories: task threads {[round(task[w], 2) for w in workers]}, the rest of each worker "
          f"{[round(rest[w], 2) for w in workers]}, driver {driver_stage:.2f} (the sampler's {res['sampler_cpu']:.2f} "
          f"over the run included)")
    for name in ("drv_settle", "drv_plan"):
        es = [e for e in events if e["kind"] == name]
        print(f"  {name}: {sum(e['cpu'] for e in es):.2f} (driver main thread; workers idle if warmed up)")
    after_plan = sf["main"] - at(max(e["t1"] for e in events if e["kind"] == "drv_plan"))["main"]
    print(f"  from the last plan to the first story (manifest, articles, submit): {after_plan:.2f} (main thread)")

    ready = {str(e["pid"]): e["t1"] for e in sorted(events, key=lambda e: e["t1"]) if e["kind"] in ("part", "warm")}
    for w in workers:
        waited = t_first - ready.get(w, t_first)
        print(f"  worker {w} ready (its parts and warm-up done) {waited:.2f} s before the first story: "
              f"{waited / (t_first - t_zero):.1%} of the start, waiting for the driver")
    start_cpu = sum(before.values())
    t_start, last, tail = replay(main, start_cpu, [e["cpu"] for e in stories], len(workers))
    cpu = start_cpu + sum(task.values())
    print(f"replayed on an idle 2-core machine: first story at {t_start:.2f} s (driver main {main:.2f}, half of all "
          f"{start_cpu / 2:.2f}), last at {last:.2f} s, tail {tail:.2f} s; idle share "
          f"{1 - cpu / (2 * last):.3f}; {res['articles'] / last:.1f} articles/s before the event loops and the close")


def replay(main: float, start_cpu: float, stories: list[float], workers: int = 2,
           cores: int = 2) -> tuple[float, float, float]:
    """(first story, last story's end, tail) in seconds on an idle machine of ``cores``: the start lasts the
    longer of the driver's main-thread CPU (``main``, serial) and all processes' CPU before the first story
    (``start_cpu``) spread over the cores; then each story (its CPU, in the order given) goes to the worker
    free first. The tail is how long the first worker to finish waits for the last."""
    t_start = max(main, start_cpu / cores)
    free = [(t_start, w) for w in range(workers)]
    heapq.heapify(free)
    ends = [t_start] * workers
    for cpu in stories:
        t, w = heapq.heappop(free)
        ends[w] = t + cpu
        heapq.heappush(free, (ends[w], w))
    return t_start, max(ends), max(ends) - min(ends)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    r = sub.add_parser("run")
    r.add_argument("corpus")
    r.add_argument("out")
    r.add_argument("result")
    r.add_argument("--workers", type=int, default=2)
    p = sub.add_parser("report")
    p.add_argument("result")
    args = ap.parse_args()
    if args.command == "run":
        run(args.corpus, args.out, args.result, args.workers)
    else:
        report(args.result)


if __name__ == "__main__":
    sys.exit(main())
