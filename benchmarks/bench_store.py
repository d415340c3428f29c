"""Benchmark the store's puts: ``Store.put_report`` for every story of a fixed set, on SQLite and PostgreSQL.

A batch run with ``--db`` puts each compared story (its texts and the engine's report, a few hundred KB of
JSON) from the driver's one thread, one transaction per story, while the workers compare the next ones: what
a put costs is time the driver does not spend feeding them. This measures it apart from the engine.

    .venv/bin/python benchmarks/bench_store.py                        # SQLite, and PostgreSQL if $STORYCHECK_TEST_PG
    .venv/bin/python benchmarks/bench_store.py --pg postgresql://u:pw@127.0.0.1/db --rounds 5
    .venv/bin/python benchmarks/bench_store.py --stories /tmp/stories.json   # keep the stories made for the next run
    .venv/bin/python benchmarks/bench_store.py --from-out runs/day    # the stories of a finished batch run instead

The stories (deterministic, nothing made by hand): every ECB+ event (``$STORYCHECK_DATA/ecbplus``, written by
others; 86 events of 3 to 22 news articles, 1,000 in all) is one story, its articles in natural id order
(title apart, as ``corpus`` reads a row), its report made by the engine (``compare_documents``, ``--embedder``,
``none`` by default: no model to load, and the report's size is what a put costs, ~400 KB on average). An
article the ingest refuses is left out as a corpus leaves it (61 have an empty text), and an event the engine
refuses (3 are left with fewer than two texts) is put as a failure with the engine's message, as a batch puts it. ``--events N``
takes the first N in natural order. ``--stories PATH`` reads the stories from PATH when it exists and
writes them there when not, so that runs of two versions of the store (alternated, on a shared machine) put
the very same stories. ``--from-out DIR`` puts the stories of a finished ``storycheck batch --out DIR`` run
instead (their compared texts read again from the run's corpus, their reports from its story files).

Each round and database starts empty: SQLite a new file in a temporary folder; PostgreSQL a new schema
(``bench_store_<pid>_<round>``, through ``search_path``) on the server given by ``--pg`` or
``$STORYCHECK_TEST_PG``, created before and dropped after (the role needs CREATE on the database, not
CREATEDB). In each round every story is put once into the empty store (``first``: what a batch does), then
all again (``again``: what a resumed run does for a story whose put it cannot know was kept), then
``kept_names`` (what a resumed run asks first). Per put: wall ms (mean, p50, p95), this process's CPU ms
(SQLAlchemy, the driver, the JSON encoding), PostgreSQL's server CPU ms (its backend process for this
connection, from /proc, when the server runs on this machine) and the statements sent. Figures are printed
and written to ``benchmarks/results/store.json`` (``--out``; ``--no-write`` to keep the file as it is).
Speed figures on a shared machine drift: compare versions only in rounds run alternately beside each other.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from shared_data import shared_data

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results" / "store.json"


def _natural(key: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"(\d+)", key))


# --------------------------------------------------------------------------- the stories


def ecb_stories(embedder: str, events: int | None) -> tuple[list[dict], dict]:
    """One story per ECB+ event (natural order), its report made by the engine."""
    from storycheck.core import compare_documents
    from storycheck.errors import InputError, StorycheckError
    from storycheck.ingest import from_text
    from storycheck.report import to_dict

    path = shared_data() / "ecbplus" / "ecbplus.jsonl"
    if not path.is_file():
        raise SystemExit(f"bench_store: no ECB+ data at {path} (set STORYCHECK_DATA, or give --from-out)")
    by_event: dict[str, list[dict]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_event.setdefault(row["event"], []).append(row)
    names = sorted((e for e in by_event if len(by_event[e]) >= 2), key=_natural)[:events]
    stories, skipped, started = [], [], time.process_time()
    for i, event in enumerate(names, 1):
        rows = sorted(by_event[event], key=lambda r: _natural(r["id"]))
        docs = []
        for r in rows:
            try:
                docs.append(from_text(r["text"], id=r["id"], title=r.get("title")))
            except InputError:  # skipped as a corpus skips a bad row (61 ECB+ articles have an empty text)
                skipped.append(r["id"])
        try:
            data, error = to_dict(compare_documents(docs, embedder=embedder)), None
        except StorycheckError as exc:  # put as the batch puts a story the engine refused
            data, error = None, str(exc)
        stories.append({"name": event, "documents": [_doc_dict(d) for d in docs], "report": data, "error": error})
        print(f"\r  engine: {i}/{len(names)} events", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    made = {"from": f"ECB+ {path}", "events": len(names), "embedder": embedder,
            "skipped_articles": skipped, "engine_cpu_s": round(time.process_time() - started, 1)} | _engine()  # fmt: skip
    return stories, made


def batch_stories(out: Path) -> tuple[list[dict], dict]:
    """The compared stories of a finished batch run (its ``--out`` folder), as its driver put them."""
    from storycheck.corpus import read_corpus

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    docs = {d.id: d for d in read_corpus([Path(p) for p in manifest["inputs"]])}
    stories = []
    for f in sorted((out / "stories").glob("*.json"), key=lambda p: _natural(p.stem)):
        story = json.loads(f.read_text(encoding="utf-8"))
        if story["status"] == "copies":  # one text: a batch puts nothing
            continue
        compared = [docs[m["id"]] for m in story["members"] if m["fate"] == "compared"]
        report = json.loads(story["report_json"]) if "report_json" in story else story.get("report")
        stories.append({"name": story["story"], "documents": [_doc_dict(d) for d in compared], "report": report,
                        "error": story.get("error")})  # fmt: skip
    return stories, {"from": f"batch output {out}", "embedder": manifest["embedder"], "engine": manifest.get("engine")}


def _doc_dict(doc) -> dict:  # noqa: ANN001 - a Document
    return {k: getattr(doc, k) for k in ("id", "text", "title", "source", "url", "published", "origin")}


def _engine() -> dict:
    from storycheck.digest import engine_digest

    return {"engine": engine_digest()}


def load_stories(args: argparse.Namespace) -> tuple[list, dict]:
    """(stories as (name, documents, report, error), what made them)."""
    from storycheck.records import Document

    if args.stories and args.stories.is_file():
        kept = json.loads(args.stories.read_text(encoding="utf-8"))
        stories, made = kept["stories"], kept["made"] | {"read_from": str(args.stories)}
    else:
        stories, made = batch_stories(args.from_out) if args.from_out else ecb_stories(args.embedder, args.events)
        if args.stories:
            args.stories.write_text(json.dumps({"made": made, "stories": stories}, ensure_ascii=False), encoding="utf-8")
    put = [(s["name"], [Document(**d) for d in s["documents"]], s["report"], s["error"]) for s in stories]
    sizes = [len(json.dumps(r, ensure_ascii=False, separators=(",", ":")).encode()) for _, _, r, _ in put if r]
    made |= {
        "stories": len(put),
        "failed": sum(1 for _, _, r, _ in put if r is None),
        "texts": sum(len(d) for _, d, _, _ in put),
        "report_kb_mean": round(statistics.fmean(sizes) / 1000, 1) if sizes else None,
        "report_kb_max": round(max(sizes) / 1000, 1) if sizes else None,
        "embedder": made.get("embedder"),
    }
    return put, made


# --------------------------------------------------------------------------- the databases


@contextmanager
def sqlite_db(tag: str) -> Iterator[tuple[str, None]]:
    with tempfile.TemporaryDirectory(prefix="bench_store_") as folder:
        yield str(Path(folder) / f"{tag}.db"), None


@contextmanager
def pg_db(base: str, tag: str) -> Iterator[tuple[str, tuple]]:
    """A new schema on the server, the store's URL pointed at it (``search_path``, and the schema's name as
    the connections' ``application_name``); dropped after. Yields (url, (an admin engine, that name)) for
    ``server_cpu``."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from storycheck.store import resolve_url

    base = resolve_url(base)
    schema = f"bench_store_{os.getpid()}_{tag}"
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}", "application_name": schema})
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        yield url.render_as_string(hide_password=False), (admin, schema)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


def server_cpu(handle) -> float | None:  # noqa: ANN001 - (admin engine, application name) or None
    """CPU seconds used so far by the PostgreSQL backends of the store's connections, when they run on this
    machine (their /proc entries readable); None otherwise."""
    if handle is None:
        return None
    from sqlalchemy import text

    admin, name = handle
    with admin.connect() as conn:
        pids = list(conn.execute(text("SELECT pid FROM pg_stat_activity WHERE application_name = :n"), {"n": name}).scalars())
    tick, total = os.sysconf("SC_CLK_TCK"), 0.0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            return None
        fields = stat[stat.rindex(")") + 2 :].split()
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total if pids else None


# --------------------------------------------------------------------------- measuring


def measure(url: str, handle, stories: list, embedder: str | None) -> dict:  # noqa: ANN001
    from sqlalchemy import event

    from storycheck.store import Store

    result: dict = {}
    with Store(url) as store:
        statements = [0]

        def count(*_a: object) -> None:
            statements[0] += 1

        engines = {store._write_engine, store._read_engine}
        for engine in engines:
            event.listen(engine, "before_cursor_execute", count)
        try:
            for rnd in ("first", "again"):
                walls: list[float] = []
                statements[0] = 0
                server0, cpu0, wall0 = server_cpu(handle), time.process_time(), time.perf_counter()
                for name, docs, report, error in stories:
                    t = time.perf_counter()
                    store.put_report(f"bench:{name}", docs, report, embedder=embedder, error=error)
                    walls.append(time.perf_counter() - t)
                wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
                server1 = server_cpu(handle)
                n = len(stories)
                walls.sort()
                result[rnd] = {
                    "wall_ms": round(1000 * wall / n, 2),
                    "wall_p50_ms": round(1000 * walls[n // 2], 2),
                    "wall_p95_ms": round(1000 * walls[min(n - 1, round(0.95 * (n - 1)))], 2),
                    "client_cpu_ms": round(1000 * cpu / n, 2),
                    "server_cpu_ms": round(1000 * (server1 - (server0 or 0.0)) / n, 2) if server1 is not None else None,
                    "statements": round(statements[0] / n, 2),
                }
            t = time.perf_counter()
            kept = store.kept_names("bench:")
            result["kept_names_ms"] = round(1000 * (time.perf_counter() - t), 2)
            assert len(kept) == len({s[0] for s in stories}), (len(kept), len(stories))
        finally:
            for engine in engines:
                event.remove(engine, "before_cursor_execute", count)
    return result


def _version() -> dict:
    import storycheck

    src = Path(storycheck.__file__).resolve().parent
    out = {"storycheck": storycheck.__version__, "imported_from": str(src)}
    try:
        repo = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=src, capture_output=True, text=True, check=True).stdout.strip()
        out["git_commit"] = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=repo, capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src"], cwd=repo, capture_output=True, text=True, check=True).stdout
        out["src_dirty"] = bool(dirty.strip())
    except (OSError, subprocess.CalledProcessError):
        pass
    return out


def _machine() -> dict:
    info = {"cpu_count": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()}
    try:
        info["cpu_model"] = next(line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                                 if line.startswith("model name"))  # fmt: skip
    except (OSError, StopIteration):
        pass
    return info


def _median(rounds: list[dict], part: str, key: str) -> float | None:
    values = [r[part][key] for r in rounds if r[part].get(key) is not None]
    return round(statistics.median(values), 2) if values else None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", default="sqlite,postgresql", help="which of sqlite, postgresql (comma-separated)")
    ap.add_argument("--pg", help="PostgreSQL URL (default $STORYCHECK_TEST_PG); a schema is created and dropped on it")
    ap.add_argument("--rounds", type=int, default=3, help="fresh databases per kind, alternating kinds (default 3)")
    ap.add_argument("--events", type=int, help="the first N ECB+ events only")
    ap.add_argument("--embedder", default="none", help="the engine's embedder for the reports (default none)")
    ap.add_argument("--stories", type=Path, help="read the stories from this file if it exists, else write them there")
    ap.add_argument("--from-out", type=Path, help="the stories of a finished batch run's --out folder")
    ap.add_argument("--out", type=Path, default=RESULTS)
    ap.add_argument("--no-write", action="store_true", help="print only")
    args = ap.parse_args(argv)

    kinds = [k.strip() for k in args.db.split(",") if k.strip()]
    pg = args.pg or os.environ.get("STORYCHECK_TEST_PG")
    if "postgresql" in kinds and not pg:
        print("bench_store: no PostgreSQL (--pg or $STORYCHECK_TEST_PG): SQLite only", file=sys.stderr)
        kinds.remove("postgresql")
    stories, made = load_stories(args)
    embedder = made.get("embedder")
    print(f"{made['stories']} stories ({made['failed']} failed), {made['texts']} texts, reports "
          f"{made['report_kb_mean']} KB on average (max {made['report_kb_max']}); from {made['from']}")  # fmt: skip
    rounds: dict[str, list[dict]] = {k: [] for k in kinds}
    loads = []
    for r in range(args.rounds):
        for kind in kinds:
            loads.append(os.getloadavg()[0])
            db = sqlite_db(str(r)) if kind == "sqlite" else pg_db(pg, str(r))
            with db as (url, handle):
                got = measure(url, handle, stories, embedder)
            rounds[kind].append(got)
            f, a = got["first"], got["again"]
            server = lambda x: "" if x["server_cpu_ms"] is None else f", server {x['server_cpu_ms']:.1f}"  # noqa: E731
            print(f"{kind:10} round {r + 1}: first {f['wall_ms']:.1f} ms wall (p95 {f['wall_p95_ms']:.1f}), cpu "
                  f"{f['client_cpu_ms']:.1f}{server(f)}, {f['statements']:.1f} statements | again {a['wall_ms']:.1f} "
                  f"wall, cpu {a['client_cpu_ms']:.1f}{server(a)}, {a['statements']:.1f} statements | kept_names "
                  f"{got['kept_names_ms']:.1f} ms")  # fmt: skip
    summary = {
        kind: {part: {key: _median(rs, part, key) for key in rs[0][part]} for part in ("first", "again")}
        for kind, rs in rounds.items() if rs
    }  # fmt: skip
    for kind, s in summary.items():
        print(f"{kind:10} median of {args.rounds}: first {s['first']['wall_ms']} ms wall, {s['first']['client_cpu_ms']} "
              f"client cpu, {s['first']['server_cpu_ms']} server cpu per put; again {s['again']['wall_ms']} wall")  # fmt: skip
    result = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "load_1min": [round(x, 2) for x in loads],
        "versions": _version(),
        "stories": made,
        "rounds": rounds,
        "median": summary,
        "units": "per put: wall and CPU ms, statements sent; kept_names: ms for the whole store",
    }
    if not args.no_write:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
        print(f"written {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
