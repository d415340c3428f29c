"""Where clustering goes wrong on the tuning splits: which stage put two ECB+ events of one topic into one story,
and where FRANK's texts end up when they are not with their article.

ECB+ (``--only ecbplus``): for each stream order (the seeds of ``bench_cluster.py --orders``), every story that
holds documents of both events of a topic, with the links that cross from one event to the other (a link's
``doc`` and ``to`` in different events: ``same_event``/``linkage``/``near_duplicate`` are joins on arrival,
``merge``/``regroup``/``attach``/``nearest``/``split`` story-level), and a count per topic of the orders it is merged in,
whether a join on arrival crossed (else only story-level links did) and whether the smaller event has one
document there. FRANK (``--only frank``): for each order, where each summary of a ``valid`` article that is not in
its article's story is (alone, with its own summaries only, with other articles' summaries only, in another
article's story), the stories holding two articles or more, and the false pairs of ``valid`` (unordered).
``--separation`` (ECB+): per topic, the mean pair score (``refine.pair_score``, the linkage tests' score) of two
documents of one event and of two documents of the topic's two events, every document's report made with the IDF
of the whole corpus clustered in its file order: how far the score the later stages trust parts the two events.
Truth is read only to count; nothing here chooses a setting. Default parts: ECB+ topics 1-35, FRANK ``valid``.

    STORYCHECK_DATA=../shared/data PYTHONPATH=src .venv/bin/python scripts/trace_merges.py --only ecbplus --orders 8
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_cluster import ecbplus, frank, settings_from  # noqa: E402
from sklearn.metrics.cluster import pair_confusion_matrix  # noqa: E402

from storycheck.cluster import cluster, featurize  # noqa: E402
from storycheck.nlp import embedder  # noqa: E402
from storycheck.refine import Report, pair_score  # noqa: E402

ARRIVAL = {"same_event", "linkage", "near_duplicate"}


def trace_ecbplus(rows: list, index, seed: int, last_topic: int, per_topic: dict, show: bool) -> None:  # noqa: ANN001
    event = {d.id: g for d, g, _ in rows}
    topic = {d.id: m["topic"] for d, _, m in rows}
    found: dict[int, list] = defaultdict(list)
    for story in index.live():
        events = Counter(event[m] for m in story.members)
        t = topic[story.members[0]]
        if len(events) > 1 and t <= last_topic:
            found[t].append((story, events, [lk for lk in story.links if event[lk.doc] != event[lk.to]]))
    for t, stories in sorted(found.items()):
        reasons = {lk.reason for _, _, cross in stories for lk in cross}
        counts = per_topic[t]
        counts["orders"] += 1
        counts["arrival" if reasons & ARRIVAL else "story-level only"] += 1
        counts["smaller event 1 doc" if max(min(e.values()) for _, e, _ in stories) == 1 else "smaller event 2+"] += 1
        for _, _, cross in stories:
            counts.update(f"link {lk.reason}" for lk in cross)
        if show:
            for story, events, cross in stories:
                links = ", ".join(f"{lk.reason} {lk.doc}->{lk.to} ({lk.key_share}: {' '.join(lk.shared[:4])})" for lk in cross)
                print(f"  order {seed} topic {t} {story.id} {dict(events)}: {links}")


def trace_frank(rows: list, index, part: str) -> Counter:  # noqa: ANN001
    group = {d.id: g for d, g, _ in rows}
    split = {d.id: m["split"] for d, _, m in rows}
    story = {d.id: index.story(d.id).id for d, _, _ in rows}
    members: dict[str, list[str]] = defaultdict(list)
    for d, _, _ in rows:
        members[story[d.id]].append(d.id)
    out: Counter = Counter()
    for d, g, m in rows:
        if m["split"] != part or d.id.startswith("a-") or story[d.id] == story[f"a-{g}"]:
            continue
        others = [x for x in members[story[d.id]] if x != d.id]
        if not others:
            out["summary alone"] += 1
        elif any(x.startswith("a-") for x in others):
            out["summary in another article's story"] += 1
        elif all(group[x] == g for x in others):
            out["summary with its own summaries only"] += 1
        else:
            out["summary with other articles' summaries"] += 1
    for docs in members.values():
        articles = [x for x in docs if x.startswith("a-")]
        if len(articles) > 1 and any(split[x] == part for x in articles):
            out["stories holding 2+ articles"] += 1
    ids = [d.id for d, _, m in rows if m["split"] == part]
    (_, fp), (fn, _) = pair_confusion_matrix([group[i] for i in ids], [story[i] for i in ids])
    out["false pairs: joined"] += int(fp) // 2  # (ordered pairs)
    out["false pairs: apart"] += int(fn) // 2
    return out


def separation(rows: list, settings, emb, last_topic: int) -> None:  # noqa: ANN001
    docs = [d for d, _, _ in rows]
    index = cluster(docs, settings, emb)
    idf = index._idf_cache.__getitem__
    report = {
        f.id: Report.of(index._top_terms(f.terms), f.names, f.lead, idf, f.details) for f in featurize(docs, settings, emb)
    }
    events: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for d, g, m in rows:
        events[m["topic"]][g].append(d.id)
    out = []
    for t, by_event in events.items():
        if t > last_topic or len(by_event) != 2:
            continue
        a, b = by_event.values()
        within = [pair_score(report[x], report[y]) for ids in (a, b) for x, y in combinations(ids, 2)]
        across = [pair_score(report[x], report[y]) for x in a for y in b]
        w, c = sum(within) / len(within), sum(across) / len(across)
        out.append((w - c, t, w, c))
    print("topic  within one event  across the two  gap")
    for gap, t, w, c in sorted(out):
        print(f"{t:5d}  {w:16.3f}  {c:14.3f}  {gap:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["ecbplus", "frank"], default="ecbplus")
    ap.add_argument("--orders", type=int, default=8)
    ap.add_argument("--set", action="append", default=[], help="a ClusterSettings field: name=value")
    ap.add_argument("--last-topic", type=int, default=35, help="ECB+: the last topic traced (36-45 are held out)")
    ap.add_argument("--part", default="valid", help="FRANK: the split traced (test is held out)")
    ap.add_argument("--show", action="store_true", help="ECB+: print each merged story's crossing links")
    ap.add_argument("--separation", action="store_true", help="ECB+: mean pair scores within and across events")
    args = ap.parse_args()
    settings = settings_from(args.set)
    emb = embedder("static")
    rows = ecbplus() if args.only == "ecbplus" else frank()
    if args.separation:
        separation(rows, settings, emb, args.last_topic)
        return
    per_topic: dict[int, Counter] = defaultdict(Counter)
    total: Counter = Counter()
    for seed in range(1, args.orders + 1):
        shuffled = list(rows)
        random.Random(seed).shuffle(shuffled)
        index = cluster((d for d, _, _ in shuffled), settings, emb)
        if args.only == "ecbplus":
            trace_ecbplus(shuffled, index, seed, args.last_topic, per_topic, args.show)
        else:
            found = trace_frank(shuffled, index, args.part)
            print(f"order {seed}: {dict(found)}")
            total.update(found)
    if args.only == "ecbplus":
        merged = sum(c["orders"] for c in per_topic.values())
        print(f"topics merged per order (mean over {args.orders}): {merged / args.orders:.3f}")
        for t, counts in sorted(per_topic.items(), key=lambda kv: (-kv[1]["orders"], kv[0])):
            print(f"  topic {t}: {dict(counts)}")
    else:
        print(f"mean over {args.orders} orders:", {k: round(v / args.orders, 2) for k, v in sorted(total.items())})


if __name__ == "__main__":
    main()
