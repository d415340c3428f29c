"""Where FRANK's ARI goes when its 499 articles come as one stream ("all" below both splits, issue 4).

For each stream order (the seeds of ``bench_cluster.py --orders``) the whole FRANK stream is clustered once and
its loss is broken down by class:
- false pairs joined (two articles' texts in one story), by the splits of the two texts (vv, tv, tt) and their
  kinds (article-article, article-summary, summary-summary), and by the stories holding them (no article, one
  article, two or more);
- false pairs apart (a text away from its article's story): where each summary away from its article is;
- the links that cross from one article's texts to another's, by reason (``same_event`` and ``linkage`` are
  joins on arrival; ``merge``, ``regroup``, ``attach``, ``nearest``, ``contained`` story-level);
- ideal-case checks: the ARI if one class alone were put right (``fp=0``/``fn=0`` on the pair counts; the texts of
  another article cut out of each story, of the stories of two or more articles only, of one-article stories
  only, of stories without an article only; the lone texts moved to their article's story; the pairs across the
  two splits only);
- the stories of two or more articles split by the engine's own pair score between their articles (all pairs
  at ``link_score`` or more: the engine's test calls them one event).
``--ceiling`` instead scores every pair of FRANK's articles with the pair score (IDF of the whole stream) and gives
the ARI of the truth with each pair scoring at least a bound united: FRANK counts two articles of one event
(the same video, race, appointment) as two groups, and an engine that joins one event's reports cannot reach
more than that.
Truth is read only to count: the figures of the whole stream count ``test`` pairs (the brief asks where "all"
goes), but nothing here prints a text or chooses a setting; choose on ``--part valid`` (valid pairs, and pairs
of a valid and a test text, all false by their split alone).

    STORYCHECK_DATA=../shared/data PYTHONPATH=src .venv/bin/python scripts/trace_frank_all.py --orders 8
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter, defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_cluster import frank, settings_from  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402
from sklearn.metrics.cluster import pair_confusion_matrix  # noqa: E402

from storycheck.cluster import cluster, featurize  # noqa: E402
from storycheck.nlp import embedder  # noqa: E402
from storycheck.refine import Report, pair_score  # noqa: E402

SPLIT = {"valid": "v", "test": "t"}


def _ari(truth: list[str], pred: list[str]) -> float:
    return float(adjusted_rand_score(truth, pred))


def _ari_pairs(tn: int, fp: int, fn: int, tp: int) -> float:
    """ARI from unordered pair counts (sklearn's formula)."""
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn))


def _article(doc: str) -> bool:
    return doc.startswith("a-")


def trace(rows: list, index, part: str | None, link_score: float) -> Counter:  # noqa: ANN001
    """One order's figures (see the module's docstring); ``part`` "valid" counts only what involves a valid text."""
    group = {d.id: g for d, g, _ in rows}
    split = {d.id: m["split"] for d, _, m in rows}
    story = {d.id: index.story(d.id).id for d, _, _ in rows}
    ids = [d.id for d, _, _ in rows if part is None or split[d.id] == part]
    members: dict[str, list[str]] = defaultdict(list)
    for d, _, _ in rows:
        members[story[d.id]].append(d.id)
    out: Counter = Counter()
    truth = [group[i] for i in ids]

    def ideal(name: str, label) -> None:  # noqa: ANN001
        out[f"ideal: {name}"] += _ari(truth, [label(i) for i in ids])

    (tn, fp), (fn, tp) = ((x // 2 for x in row) for row in pair_confusion_matrix(truth, [story[i] for i in ids]).tolist())
    out["ARI"] += _ari(truth, [story[i] for i in ids])
    out["false pairs joined"] += fp
    out["false pairs apart"] += fn
    out["ideal: no false pair joined (fp=0)"] += _ari_pairs(tn + fp, 0, fn, tp)
    out["ideal: no false pair apart (fn=0)"] += _ari_pairs(tn, fp, 0, tp + fn)
    articles = {s: sum(map(_article, ms)) for s, ms in members.items()}
    ideal("another article's texts cut out of every story", lambda i: f"{story[i]}|{group[i]}")
    ideal("... of stories of 2+ articles only", lambda i: f"{story[i]}|{group[i]}" if articles[story[i]] > 1 else story[i])
    ideal("... of stories of 1 article only", lambda i: f"{story[i]}|{group[i]}" if articles[story[i]] == 1 else story[i])
    ideal("... of stories of no article only", lambda i: f"{story[i]}|{group[i]}" if not articles[story[i]] else story[i])
    ideal("lone texts moved to their article's story", lambda i: story[f"a-{group[i]}"] if len(members[story[i]]) == 1 else story[i])
    ideal("texts of the other split cut out (pairs across splits only)", lambda i: f"{story[i]}|{split[i]}")
    kinds = {2: "article-article", 1: "article-summary", 0: "summary-summary"}
    counted = set(ids)
    for s, ms in members.items():
        for a, b in combinations(ms, 2):
            if group[a] == group[b] or (a not in counted and b not in counted):
                continue
            if part is not None and (a not in counted or b not in counted) and split[a] == split[b]:
                continue
            both = "".join(sorted(SPLIT[split[a]] + SPLIT[split[b]]))
            out[f"false joined {both} {kinds[_article(a) + _article(b)]}"] += 1
            out[f"false joined in a story of {min(articles[s], 2)}{'+' if articles[s] > 1 else ''} articles"] += 1
    for s in index.live():
        for lk in s.links:
            if group[lk.doc] != group[lk.to] and (lk.doc in counted or lk.to in counted):
                both = "".join(sorted(SPLIT[split[lk.doc]] + SPLIT[split[lk.to]]))
                out[f"crossing link {lk.reason} {both}"] += 1
    for i in ids:
        if _article(i) or story[i] == story[f"a-{group[i]}"]:
            continue
        others = [x for x in members[story[i]] if x != i]
        if not others:
            where = "alone"
        elif any(map(_article, others)):
            where = "in another article's story"
        elif all(group[x] == group[i] for x in others):
            where = "with its own summaries only"
        else:
            where = "with other articles' summaries"
        out[f"summary away from its article: {where}"] += 1
    reports, kind_of = index._linkage.reports, {}
    for s, ms in members.items():
        arts = [x for x in ms if _article(x)]
        if len(arts) < 2 or not any(x in counted for x in arts):
            continue
        scores = [pair_score(reports[a], reports[b]) for a, b in combinations(arts, 2) if a in reports and b in reports]
        kind_of[s] = "unscored" if not scores else "all pairs >= link_score" if min(scores) >= link_score else "a pair below"
        out[f"stories of 2+ articles: {kind_of[s]}"] += 1
    for kind in ("all pairs >= link_score", "a pair below", "unscored"):  # (every order adds each: its mean is right)
        ideal(f"... of stories of 2+ articles, {kind}, only",
              lambda i, k=kind: f"{story[i]}|{group[i]}" if kind_of.get(story[i]) == k else story[i])
    return out


def ceiling(settings, emb, bounds: list[float]) -> None:  # noqa: ANN001
    rows = frank()
    docs = [d for d, _, _ in rows]
    index = cluster(docs, settings, emb)
    idf = index._idf_cache.__getitem__
    arts = [d for d in docs if _article(d.id)]
    report = {
        f.id: Report.of(index._top_terms(f.terms), f.names, f.lead, idf, f.details) for f in featurize(arts, settings, emb)
    }
    ids = sorted(report)
    scores = {(a, b): pair_score(report[a], report[b]) for a, b in combinations(ids, 2)}
    group = {d.id: g for d, g, _ in rows}
    truth = [group[d.id] for d in docs]
    for bound in bounds:
        parent = {i: i for i in ids}

        def root(x: str, parent: dict[str, str] = parent) -> str:
            while parent[x] != x:
                x = parent[x]
            return x

        united = 0
        for (a, b), score in scores.items():
            if score >= bound:
                united += 1
                parent[root(a)] = root(b)
        pred = [root(f"a-{group[d.id]}") for d in docs]
        print(f"article pairs scoring >= {bound}: {united}; ARI of the truth with them united: {_ari(truth, pred):.4f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=8)
    ap.add_argument("--set", action="append", default=[], help="a ClusterSettings field: name=value")
    ap.add_argument("--part", choices=["valid"], help="count only what involves a valid text (choose on this)")
    ap.add_argument("--ceiling", action="store_true", help="the ARI of the truth with one event's articles united")
    args = ap.parse_args()
    settings = settings_from(args.set)
    emb = embedder("static")
    if args.ceiling:
        ceiling(settings, emb, [0.4, 0.5, 0.7, 1.0])
        return
    rows = frank()
    total: Counter = Counter()
    for seed in range(1, args.orders + 1):
        shuffled = list(rows)
        random.Random(seed).shuffle(shuffled)
        index = cluster((d for d, _, _ in shuffled), settings, emb)
        found = trace(shuffled, index, args.part, settings.link_score or 0.4)
        print(f"order {seed}: ARI {found['ARI']:.4f}, false pairs joined {found['false pairs joined']}, apart {found['false pairs apart']}")
        total.update(found)
    print(f"mean over {args.orders} orders:")
    for key, value in sorted(total.items()):
        mean = value / args.orders
        print(f"  {key}: {mean:.4f}" if key.startswith(("ideal", "ARI")) else f"  {key}: {mean:.2f}")


if __name__ == "__main__":
    main()
