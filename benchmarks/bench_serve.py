"""Benchmark the store and the server: 1,000 stored stories behind ``storycheck serve`` on loopback.

Measures (targets of issue 3): the story list (API and web page) p50/p95 latency (p95 ≤ 50 ms), the
story page of a 10-report story (p95 ≤ 150 ms, rendered cold, i.e. not from the page cache, and
warm), and sustained API reads of reports by a load generator of client threads on loopback (requests/s
and p95 ≤ 100 ms). Writes ``benchmarks/results/serve.json``.

    .venv/bin/python benchmarks/bench_serve.py                  # 1,000 stories, 20 s of sustained reads
    .venv/bin/python benchmarks/bench_serve.py --stories 200 --seconds 5

How the 1,000 stories are made: two real reports are computed by the engine, a 10-report story from
ECB+ (as in bench_compare.py; the bundled example when the data is absent) and the 3-report example.
Every tenth stored story holds the 10 reports, the others the 3 (texts are kept once by content
hash); each story gets its own stored report row (a copy of its base report's JSON, with its own
counts drawn at random, seeded, so that the ranking has something to sort). Story pages are therefore
rendered from distinct report rows, exactly as for distinct stories of the same size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
RESULTS = HERE / "results" / "serve.json"
TARGETS = {"list_p95_ms": 50.0, "page10_p95_ms": 150.0, "sustained_p95_ms": 100.0}


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


def ten_reports() -> list:
    from storycheck.records import Document

    sys.path.insert(0, str(HERE))
    try:
        import bench_compare

        _, docs = bench_compare.load_event(None)
        reports, _ = bench_compare.build_reports(docs, 10, 800)
        return [Document(r["id"], r["text"], title=r["title"]) for r in reports], "ECB+ (bench_compare, 10 × ~800 words)"
    except (OSError, SystemExit):
        from storycheck.ingest import read

        documents, _ = read([REPO / "examples" / "story"])
        return documents, "examples/story (ECB+ data absent)"


def fill(db: str, n: int, seed: int = 0) -> dict:
    from storycheck.ingest import read
    from storycheck.report import summary
    from storycheck.store import Store

    rng = random.Random(seed)
    started = time.perf_counter()
    with Store(db) as store:
        big, big_from = ten_reports()
        small, _ = read([REPO / "examples" / "story"])
        store.add_documents("base-10", big, create=True)
        store.add_documents("base-3", small, create=True)
        t = time.perf_counter()
        store.compute("base-10")
        engine_10 = time.perf_counter() - t
        store.compute("base-3")
        bases = {10: store.report("base-10"), 3: store.report("base-3")}
        data = {k: json.loads(store.report_json(f"base-{k}")) for k in bases}
        ten_ids = [store.story("base-10", documents=False).id]
        for i in range(n - 2):
            size = 10 if i % 10 == 0 else 3
            result = store.add_documents(f"story {i:04d}", big if size == 10 else small, create=True)
            counts = dict(summary(bases[size])["by_kind"])
            counts["conflict"] = rng.randint(0, 12)
            counts["single_source"] = rng.randint(0, 8)
            own = data[size] | {"summary": data[size]["summary"] | {"by_kind": counts}}  # the list's counts
            rid = store._save_report(f"bench-{i}", own, 0.0, replace=False)
            store._finish(result.story.id, result.story.revision, status="ready", report_id=rid)
            if size == 10:
                ten_ids.append(result.story.id)
    return {"seconds": time.perf_counter() - started, "engine_10_s": engine_10, "ten_ids": ten_ids, "ten_from": big_from}


def timed(client: httpx.Client, url: str) -> float:
    t = time.perf_counter()
    r = client.get(url)
    ms = (time.perf_counter() - t) * 1000
    if r.status_code != 200:
        raise SystemExit(f"{url}: HTTP {r.status_code} {r.text[:200]}")
    return ms


def summary_ms(xs: list[float]) -> dict:
    return {"n": len(xs), "p50_ms": round(pct(xs, 50), 2), "p95_ms": round(pct(xs, 95), 2), "max_ms": round(max(xs), 2)}


def sustained(base: str, ids: list[int], threads: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def run(k: int) -> None:
        nonlocal errors
        rng = random.Random(k)
        mine = []
        bad = 0
        with httpx.Client(base_url=base, timeout=30) as c:
            while time.monotonic() < stop:
                t = time.perf_counter()
                r = c.get(f"/api/stories/{rng.choice(ids)}/report")
                mine.append((time.perf_counter() - t) * 1000)
                bad += r.status_code != 200
        with lock:
            latencies.extend(mine)
            errors += bad

    started = time.perf_counter()
    workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    wall = time.perf_counter() - started
    return {"threads": threads, "seconds": round(wall, 1), "requests": len(latencies), "errors": errors,
            "rps": round(len(latencies) / wall, 1), **summary_ms(latencies)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--stories", type=int, default=1000)
    ap.add_argument("--requests", type=int, default=300, help="per list measurement")
    ap.add_argument("--seconds", type=float, default=20.0, help="sustained reads")
    ap.add_argument("--threads", type=int, default=8, help="load generator threads")
    args = ap.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="storycheck-bench-")
    db = str(Path(tmp) / "bench.db")
    print(f"filling {args.stories} stories into {db} …", file=sys.stderr)
    filled = fill(db, args.stories)
    sys.path.insert(0, str(REPO / "tests"))
    from storyhelp import Server

    server = Server(db, "--no-example", "--log-level", "error")
    try:
        with httpx.Client(base_url=server.base, timeout=30) as c:
            for _ in range(20):  # warm up connections and code paths
                timed(c, "/api/stories")
                timed(c, "/")
            timed(c, "/stories/base-3")  # the first page render imports the renderer
            rng = random.Random(1)
            pages = max(1, args.stories // 50)
            api_list = [timed(c, f"/api/stories?limit=50&offset={50 * rng.randrange(pages)}") for _ in range(args.requests)]
            web_list = [timed(c, f"/?page={1 + rng.randrange(pages)}") for _ in range(args.requests)]
            cold = [timed(c, f"/stories/{i}") for i in filled["ten_ids"]]
            warm = [timed(c, f"/stories/{filled['ten_ids'][0]}") for _ in range(100)]
            report_json = [timed(c, f"/api/stories/{i}/report") for i in filled["ten_ids"]]
        load = sustained(server.base, list(range(1, args.stories + 1)), args.threads, args.seconds)
    finally:
        server.stop()

    from storycheck.store import Store

    with Store(db) as s:
        stored = s.stories(limit=1).total
    result = {
        "date": dt.date.today().isoformat(),
        "stories": stored,
        "fill_seconds": round(filled["seconds"], 1),
        "ten_report_story_from": filled["ten_from"],
        "engine_10_reports_s": round(filled["engine_10_s"], 2),
        "api_list": summary_ms(api_list),
        "web_list": summary_ms(web_list),
        "story_page_10_cold": summary_ms(cold),
        "story_page_10_warm": summary_ms(warm),
        "report_json_10": summary_ms(report_json),
        "sustained_report_reads": load,
        "targets": TARGETS,
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")

    def mark(v: float, target: float) -> str:
        return "PASS" if v <= target else "MISS"

    print(f"{stored} stories in the store (filled in {result['fill_seconds']} s)")
    print(f"{'measure':<36}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}  target")
    rows = [
        ("API list (50 a page)", api_list, TARGETS["list_p95_ms"]),
        ("web list page (50 a page)", web_list, TARGETS["list_p95_ms"]),
        ("story page, 10 reports, cold", cold, TARGETS["page10_p95_ms"]),
        ("story page, 10 reports, cached", warm, TARGETS["page10_p95_ms"]),
        ("report JSON, 10 reports", report_json, None),
    ]
    for label, xs, target in rows:
        t = f"p95 ≤ {target:.0f} ms {mark(pct(xs, 95), target)}" if target else ""
        print(f"{label:<36}{len(xs):>6}{pct(xs, 50):>10.1f}{pct(xs, 95):>10.1f}  {t}")
    print(
        f"sustained report reads: {load['threads']} threads × {load['seconds']} s: {load['rps']} req/s, "
        f"p50 {load['p50_ms']} ms, p95 {load['p95_ms']} ms ({mark(load['p95_ms'], TARGETS['sustained_p95_ms'])} "
        f"p95 ≤ 100 ms), {load['errors']} errors"
    )
    print(f"wrote {RESULTS.relative_to(REPO)}")
    subprocess.run(["rm", "-rf", tmp], check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
