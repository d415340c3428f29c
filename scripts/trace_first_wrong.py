"""The first wrong decision of each ECB+ topic that ends with its two events in one story: what was it, and was
the arriving report's own event's story open then?

For each stream order (the seeds of ``bench_cluster.py --orders``), clusters ECB+ (every topic; decisions of
topics 1-35 only are counted) and records every join on arrival (``StoryIndex._candidates`` returning a story)
and every story-level merge (``StoryIndex._merge``: merge pass, regroup, attach). A decision is *wrong* when the
two sides' majority events differ. For the first wrong decision of each topic that ends merged, prints its kind
(a join and its link reason, or a merge), the size of the story joined, and, for a join, the mean pair score
(``StoryIndex._mean_to``, what the linkage test reads) with the story joined and with the best live story whose
majority is the report's own event (none: its event had no story yet). Truth is read only to count; nothing here
chooses a setting.

    STORYCHECK_DATA=../shared/data PYTHONPATH=src .venv/bin/python scripts/trace_first_wrong.py --orders 8
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_cluster import ecbplus, merged_share  # noqa: E402

from storycheck import cluster as C  # noqa: E402
from storycheck.nlp import embedder  # noqa: E402

LAST_TOPIC = 35


def stream_orders(rows: list, orders: int, log: list) -> Iterator[tuple[int, set[int]]]:
    """Clusters ECB+ (default settings) in each stream order 1..``orders``, ``log`` emptied before each (the
    caller's hooks fill it), and gives the order's seed and the topics that end merged (also
    ``trace_lead_conflict.py``)."""
    for seed in range(1, orders + 1):
        shuffled = list(rows)
        random.Random(seed).shuffle(shuffled)
        log.clear()
        index = C.cluster((d for d, _, _ in shuffled), C.ClusterSettings(), embedder("static"))
        story = {d.id: index.story(d.id).id for d, _, _ in shuffled}
        yield seed, set(merged_share(shuffled, story)["which"])


def truth(rows: list) -> tuple[dict[str, str], dict[str, int], Callable[[list[str]], str]]:
    """Each document's event and topic, and the majority event of a list of documents (ties: the first met)."""
    event = {d.id: g for d, g, _ in rows}
    topic = {d.id: m["topic"] for d, _, m in rows}

    def majority(members: list[str]) -> str:
        return Counter(map(event.get, members)).most_common(1)[0][0]

    return event, topic, majority


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=8)
    args = ap.parse_args()
    rows = ecbplus()
    event, topic, majority = truth(rows)

    log: list[dict] = []
    candidates, merge = C.StoryIndex._candidates, C.StoryIndex._merge

    def joined(self, f, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        found = candidates(self, f, *a, **k)
        if found is not None:
            idx, link = found
            own = [
                self._mean_to(j) for j, st in enumerate(self.stories)
                if j != idx and st.merged_into is None and st.members and majority(st.members) == event[f.id]
            ]
            log.append({"kind": "join", "a": [f.id], "b": list(self.stories[idx].members), "reason": link.reason,
                        "mine": self._mean_to(idx), "own": max((m for m in own if m is not None), default=None)})
        return found

    def merged(self, into, other, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        log.append({"kind": "merge", "a": list(self.stories[other].members), "b": list(self.stories[into].members)})
        return merge(self, into, other, *a, **k)

    C.StoryIndex._candidates, C.StoryIndex._merge = joined, merged
    firsts: list[dict] = []
    try:
        for seed, ends_merged in stream_orders(rows, args.orders, log):
            seen: set[int] = set()
            for e in log:
                t = topic[e["a"][0]]
                if t > LAST_TOPIC or t in seen or majority(e["a"]) == majority(e["b"]):
                    continue
                seen.add(t)
                if t in ends_merged:
                    firsts.append(e | {"seed": seed, "topic": t})
    finally:
        C.StoryIndex._candidates, C.StoryIndex._merge = candidates, merge
    kinds = Counter(
        (e["kind"], e.get("reason", ""), "1" if len(e["b"]) == 1 else "2" if len(e["b"]) == 2 else "3+") for e in firsts
    )
    print(f"first wrong decisions of merged topic-orders (topics 1-{LAST_TOPIC}, {args.orders} orders): {len(firsts)}")
    for (kind, reason, size), n in sorted(kinds.items()):
        print(f"  {kind} {reason} into a story of {size}: {n}")
    own = Counter()
    for e in firsts:
        if e["kind"] != "join":
            continue
        if e["own"] is None:
            own["its event had no story open"] += 1
        elif e["mine"] is None or e["own"] >= e["mine"]:
            own["its event's story open, linking as well or better"] += 1
        elif e["own"] >= e["mine"] - 0.15:
            own["its event's story open, within 0.15 below"] += 1
        else:
            own["its event's story open, more than 0.15 below"] += 1
    for key, n in own.items():
        print(f"  joins: {key}: {n}")
    print("topics:", dict(sorted(Counter(e["topic"] for e in firsts).items())))


if __name__ == "__main__":
    main()
