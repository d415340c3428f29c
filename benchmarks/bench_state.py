"""The cost of a batch's stream state (``storycheck batch --keep-state`` / ``--follow``, issue 4: the next day's
file joins yesterday's stories): its size on disk and the time to save and load it, after clustering
``bench_scale``'s generated corpus of N articles (real sentences recombined; see that script).

Each size runs in this process, one after another; clustering is not timed here (``bench_scale`` does). Printed
as one JSON line per size: the state's MB on disk (the pickle ``state_mb`` and, since session 30, the texts file
``texts_file_mb`` read on demand), how many MB the articles' texts are, save and load seconds (load: the head
checked, then the index, the texts' places and members unpickled and the index made current), ``held_mb`` (the
resident memory a fresh process grows by loading it: what a follower holds before it reads a text), stories.

    .venv/bin/python benchmarks/bench_state.py [--sizes 10000,50000] [--folder /tmp/state]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_scale import generate

from storycheck.batch import STATE, TEXTS, _load_state, _save_state, _StateTexts
from storycheck.cluster import ClusterSettings, StoryIndex


def measure(n: int, folder: Path) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STATE).unlink(missing_ok=True)
    docs = list(generate(n))
    documents = _StateTexts()
    documents.new.update((d.id, d) for d in docs)
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
    body = followed.body()
    load = time.perf_counter() - started
    held = json.loads(subprocess.run([sys.executable, "-c", _HELD, str(folder)], capture_output=True, check=True,
                                     text=True).stdout)
    size = (folder / TEXTS).stat().st_size if (folder / TEXTS).exists() else 0
    return {"articles": n, "state_mb": round((folder / STATE).stat().st_size / 1e6, 1),
            "texts_file_mb": round(size / 1e6, 1), "texts_mb": round(texts / 1e6, 1), "save_s": round(save, 2),
            "load_s": round(load, 2), "held_mb": round(held / 1e6, 1), "stories": len(body[2])}


# the resident memory a loaded state holds, in a process of its own (in this one, the memory the clustering freed
# is reused by the load: a delta measured here says little): modules imported, then the state loaded
_HELD = """
import gc, json, sys
from pathlib import Path
import psutil
from storycheck.batch import _datasketch_loaded, _load_state
from storycheck.cluster import ClusterSettings
_datasketch_loaded()
gc.collect()
before = psutil.Process().memory_info().rss
body = _load_state(Path(sys.argv[1]), Path(sys.argv[1]) / "next", ClusterSettings(), "static").body()
gc.collect()
print(json.dumps(psutil.Process().memory_info().rss - before))
"""


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
