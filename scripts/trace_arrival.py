"""Where do the texts that the arrival margin (``ClusterSettings.arrival_margin``) keeps from joining end up?

For each stream order (the seeds of ``bench_cluster.py --orders``), clusters the data set with the given
settings, records every join on arrival that ``StoryIndex._unsure`` refused (the text, the story it would have
joined and whether that story held its own group), and at the end says where each refused text is: with its
own group's other texts, alone, or in a story of another group. Also prints the mean ARI of the tuning and
held-out parts. Truth is read only to count; nothing here chooses a setting.

    STORYCHECK_DATA=../shared/data PYTHONPATH=src .venv/bin/python scripts/trace_arrival.py \
        --only frank --orders 4 --set arrival_margin=0.1
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_cluster import ecbplus, frank, scores, settings_from  # noqa: E402

from storycheck.cluster import StoryIndex, cluster  # noqa: E402
from storycheck.nlp import embedder  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["ecbplus", "frank"], default="frank")
    ap.add_argument("--orders", type=int, default=4)
    ap.add_argument("--set", action="append", default=[], help="a ClusterSettings field: name=value")
    ap.add_argument("--show", type=int, default=0, help="print this many refused texts that end up elsewhere")
    args = ap.parse_args()
    settings = settings_from(args.set)
    rows = frank() if args.only == "frank" else ecbplus()
    group = {d.id: g for d, g, _ in rows}
    text = {d.id: d.text for d, _, _ in rows}
    part = {d.id: (m["split"] if "split" in m else ("1-35" if m["topic"] <= 35 else "36-45")) for d, _, m in rows}
    emb = embedder("static")
    refused: list[tuple[str, bool]] = []
    original = StoryIndex._unsure

    def traced(self, f, chosen, candidates):  # noqa: ANN001, ANN202
        out = original(self, f, chosen, candidates)
        if out:
            right = any(group[m] == group[f.id] for m in self.stories[chosen].members)
            refused.append((f.id, right))
        return out

    StoryIndex._unsure = traced
    totals: Counter[str] = Counter()
    aris: dict[str, list[float]] = {}
    shown = 0
    for seed in range(1, args.orders + 1):
        order = list(rows)
        random.Random(seed).shuffle(order)
        refused.clear()
        index = cluster((d for d, _, _ in order), settings, emb)
        story = {d.id: index.story(d.id).id for d, _, _ in order}
        for name in sorted(set(part.values())) + ["all"]:
            sub = [d.id for d, _, _ in order if name == "all" or part[d.id] == name]
            aris.setdefault(name, []).append(scores([group[d] for d in sub], [story[d] for d in sub])["ari"])
        members: dict[str, list[str]] = {}
        for d, s in story.items():
            members.setdefault(s, []).append(d)
        for doc, right in refused:
            mates = members[story[doc]]
            own = sum(group[m] == group[doc] for m in mates) - 1
            other = len(mates) - 1 - own
            where = "home" if own and not other else "alone" if not own and not other else "mixed" if own else "elsewhere"
            totals[f"{'right' if right else 'wrong'} join -> {where}"] += 1
            if where in ("elsewhere", "alone") and shown < args.show:
                shown += 1
                print(f"  [{'right' if right else 'wrong'} join, ends {where}] {text[doc][:120]!r}")
    print(f"refused joins over {args.orders} orders:")
    for key, n in sorted(totals.items()):
        print(f"  {key}: {n}")
    for name, v in aris.items():
        print(f"ARI {name}: mean {sum(v) / len(v):.4f}  [{min(v)}, {max(v)}]")


if __name__ == "__main__":
    main()
