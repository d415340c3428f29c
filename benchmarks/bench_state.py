"""The cost of a batch's stream state (``storycheck batch --keep-state`` / ``--follow``, issue 4: the next day's
file joins yesterday's stories): its size on disk and the time to save and load it, after clustering
``bench_scale``'s generated corpus of N articles (real sentences recombined; see that script).

Each size runs in this process, one after another; clustering is not timed here (``bench_scale`` does). Printed
as one JSON line per size: the state's MB (and how many of them are the articles' texts), save and load seconds
(load: the head checked, then the index, texts and members unpickled and the index made current), stories.

    .venv/bin/python benchmarks/bench_state.py [--sizes 10000,50000] [--folder /tmp/state]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from bench_scale import generate

from storycheck.batch import STATE, _load_state, _save_state
from storycheck.cluster import ClusterSettings, StoryIndex


def measure(n: int, folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STATE).unlink(missing_ok=True)
    docs = list(generate(n))
    documents = {d.id: d for d in docs}
    index = StoryIndex(ClusterSettings())
    index.add(docs)
    index.settle()
    started = time.perf_counter()
    _save_state(folder, index, documents, index.live(), ClusterSettings(), "static", "bench:")
    save = time.perf_counter() - started
    texts = sum(len(d.text.encode()) for d in docs)
    del index, documents, docs
    started = time.perf_counter()
    followed = _load_state(folder, folder / "next", ClusterSettings(), "static")
    _, _, members = followed.body()
    load = time.perf_counter() - started
    return {"articles": n, "state_mb": round((folder / STATE).stat().st_size / 1e6, 1), "texts_mb": round(texts / 1e6, 1),
            "save_s": round(save, 2), "load_s": round(load, 2), "stories": len(members)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000")
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="storycheck-state-"))
    for n in (int(s) for s in args.sizes.split(",") if s):
        print(json.dumps(measure(n, folder)), flush=True)


if __name__ == "__main__":
    main()
