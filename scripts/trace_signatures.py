"""Would an event signature (the year, the principal names, the lead's subject) have kept the two events of an
ECB+ topic apart? Counted at the decisions the clustering makes, not on pairs of documents.

Every join (``StoryIndex._candidates`` returning a story) and every merge (``StoryIndex._merge``: merge pass,
regroup, attach) of each stream order is recorded with its two sides as they were at that moment (the article,
or the merged story's latest members, against the story's latest members, at most ``link_members``). A decision
is *wrong* when the two sides' majority events differ (truth is read only to count). For each signal, the number
of right and of wrong decisions it would refuse, joins on arrival and story-level merges apart, and how many of
the first wrong decisions of each merged topic-order it would have stopped. A side's signature:

- ``year lead`` / ``year text``: the four-digit years given (in the first 400 characters / anywhere) by at least
  half of the side's reports that give one (two such reports at least when the side has several); refused when
  both sides have one and they share none;
- ``lead names``: the names (``Features.lead``'s ``n:`` slots) at least half of the side's leads give; refused
  when each side has one that at most a fifth of the other side's reports name;
- ``subject``: the subject of the first sentence's main verb as the analyzer parses it (first 300 characters),
  when spaCy's entity recogniser calls it a person, an organisation, a nationality or a place; a side's are
  those at least ``--share`` of its reports give; refused when all of one side's subjects are written in at
  most a fifth of the other side's texts.

``--refuse-subject`` instead runs the clustering with the ``subject`` refusal applied to story-level merges
only (merge pass: ``StoryIndex._links_between``; regroup and attach: ``regroup._join``) and prints the means
over the orders (ECB+ topics 1-35; the held-out 36-45 with ``--held-out``), every lead parsed beforehand (what
``storycheck.actors`` builds parses only the latest leads of stories of 3 or more about to merge).

    STORYCHECK_DATA=../shared/data PYTHONPATH=src .venv/bin/python scripts/trace_signatures.py --orders 8
    STORYCHECK_DATA=../shared/data PYTHONPATH=src .venv/bin/python scripts/trace_signatures.py --refuse-subject 0.34
"""

from __future__ import annotations

import argparse
import math
import random
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_cluster import ecbplus, merged_share, scores  # noqa: E402

from storycheck import cluster as C  # noqa: E402
from storycheck import regroup as R  # noqa: E402
from storycheck.nlp import embedder, tagger  # noqa: E402

YEAR = re.compile(r"\b(19[5-9]\d|20[0-2]\d)\b")
SUBJECT_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
LOW = 0.2  # "the other side barely names it": at most this share of its reports


def subjects(rows: list) -> dict[str, set[str]]:
    """Each document's lead subject: the nominal subject of the first sentence's root verb, when it is a
    named person, organisation, nationality or place."""
    nlp = tagger()
    out = {}
    for (d, _, _), doc in zip(rows, nlp.pipe([d.text[:300] for d, _, _ in rows], batch_size=64), strict=True):
        first = next(iter(doc.sents), None)
        out[d.id] = {
            t.text.lower() for t in (first or [])
            if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT" and t.ent_type_ in SUBJECT_TYPES
        }
    return out


class Signals:
    def __init__(self, rows: list, share: float) -> None:
        self.text = {d.id: d.text for d, _, _ in rows}
        self.low = {k: v.lower() for k, v in self.text.items()}
        self.share = share
        feats = C.featurize([d for d, _, _ in rows], C.ClusterSettings(), embedder("static"))
        self.names = {f.id: f.names for f in feats}
        self.lead = {f.id: {s[2:] for s in f.lead if s.startswith("n:")} for f in feats}
        self.subject = subjects(rows)

    def _years(self, side: list[str], chars: int | None) -> set[str]:
        giving = [set(YEAR.findall(self.text[d][:chars])) for d in side]
        giving = [g for g in giving if g]
        if not giving or (len(side) > 1 and len(giving) < 2):
            return set()
        need = math.ceil(0.5 * len(giving))
        return {y for y, n in Counter(y for g in giving for y in g).items() if n >= need}

    def years(self, a: list[str], b: list[str], chars: int | None) -> bool:
        x, y = self._years(a, chars), self._years(b, chars)
        return bool(x and y and x.isdisjoint(y))

    def _principal(self, side: list[str], of: dict[str, set[str]], share: float) -> set[str]:
        if len(side) == 1:
            return set(of[side[0]])
        return {x for x, n in Counter(x for d in side for x in of[d]).items() if n >= share * len(side)}

    def lead_names(self, a: list[str], b: list[str]) -> bool:
        pa, pb = self._principal(a, self.lead, 0.5), self._principal(b, self.lead, 0.5)
        if not pa or not pb:
            return False

        def named(n: str, side: list[str]) -> float:
            return sum(n in self.names[d] for d in side) / len(side)

        return any(named(n, b) <= LOW for n in pa) and any(named(n, a) <= LOW for n in pb)

    def subject_apart(self, a: list[str], b: list[str]) -> bool:
        pa, pb = self._principal(a, self.subject, self.share), self._principal(b, self.subject, self.share)
        if not pa or not pb:
            return False

        def written(x: str, side: list[str]) -> float:
            return sum(x in self.low[d] for d in side) / len(side)

        return all(written(x, b) <= LOW for x in pa) or all(written(x, a) <= LOW for x in pb)


def record(rows: list, orders: int) -> list[tuple[int, list]]:
    """The decisions of each order: (kind, side a, side b)."""
    log: list = []
    cap = C.ClusterSettings().link_members
    candidates, merge = C.StoryIndex._candidates, C.StoryIndex._merge

    def joined(self, f, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        found = candidates(self, f, *args, **kwargs)
        if found is not None:
            log.append(("join", [f.id], list(self.stories[found[0]].members[-cap:])))
        return found

    def merged(self, into, other, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        log.append(("story", list(self.stories[other].members[-cap:]), list(self.stories[into].members[-cap:])))
        return merge(self, into, other, *args, **kwargs)

    C.StoryIndex._candidates, C.StoryIndex._merge = joined, merged
    out = []
    try:
        for seed in range(1, orders + 1):
            shuffled = list(rows)
            random.Random(seed).shuffle(shuffled)
            log.clear()
            C.cluster((d for d, _, _ in shuffled), C.ClusterSettings(), embedder("static"))
            out.append((seed, list(log)))
    finally:
        C.StoryIndex._candidates, C.StoryIndex._merge = candidates, merge
    return out


def count(rows: list, signals: Signals, decisions: list, last_topic: int) -> None:
    event = {d.id: g for d, g, _ in rows}
    topic = {d.id: m["topic"] for d, _, m in rows}
    tests = {
        "year lead": lambda a, b: signals.years(a, b, 400),
        "year text": lambda a, b: signals.years(a, b, None),
        "lead names": signals.lead_names,
        "subject": signals.subject_apart,
    }
    table: dict[str, Counter] = defaultdict(Counter)
    for _seed, log in decisions:
        first_seen = set()
        for kind, a, b in log:
            if topic[a[0]] > last_topic:
                continue
            wrong = Counter(map(event.get, a)).most_common(1)[0][0] != Counter(map(event.get, b)).most_common(1)[0][0]
            first = wrong and topic[a[0]] not in first_seen
            if first:
                first_seen.add(topic[a[0]])
            for name, test in tests.items():
                refused = test(a, b)
                key = f"{kind} {'wrong' if wrong else 'right'}"
                table[name][key] += 1
                table[name][key + " refused"] += refused
                table[name]["first wrong"] += first
                table[name]["first wrong stopped"] += first and refused
    for name, c in table.items():
        print(
            f"{name:10s} joins: wrong {c['join wrong refused']}/{c['join wrong']}, right {c['join right refused']}/"
            f"{c['join right']} | merges: wrong {c['story wrong refused']}/{c['story wrong']}, right "
            f"{c['story right refused']}/{c['story right']} | first wrong of a merged topic-order stopped "
            f"{c['first wrong stopped']}/{c['first wrong']}"
        )


def refuse_subject(rows: list, signals: Signals, orders: int, held_out: bool) -> None:
    links_between, join = C.StoryIndex._links_between, R._join
    cap = C.ClusterSettings().link_members

    def apart(index, a: int, b: int) -> bool:  # noqa: ANN001
        return signals.subject_apart(index.stories[a].members[-cap:], index.stories[b].members[-cap:])

    C.StoryIndex._links_between = lambda self, a, b: links_between(self, a, b) and not apart(self, a, b)

    def refused_join(index, idx, other, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        if not apart(index, idx, other):
            join(index, idx, other, *args, **kwargs)

    R._join = refused_join
    parts = [("topics 1-35", lambda t: t <= 35)] + ([("topics 36-45", lambda t: t > 35)] if held_out else [])
    figures: dict[str, list] = defaultdict(list)
    which: dict[str, Counter] = defaultdict(Counter)
    for seed in range(1, orders + 1):
        shuffled = list(rows)
        random.Random(seed).shuffle(shuffled)
        index = C.cluster((d for d, _, _ in shuffled), C.ClusterSettings(), embedder("static"))
        story = {d.id: index.story(d.id).id for d, _, _ in shuffled}
        for part, keep in parts:
            sub = [(d, g, m) for d, g, m in shuffled if keep(m["topic"])]
            figures[part + " ari"].append(scores([g for _, g, _ in sub], [story[d.id] for d, _, _ in sub])["ari"])
            found = merged_share(sub, story)
            figures[part + " merged"].append(found["merged"])
            which[part].update(found["which"])
    for key, values in figures.items():
        print(f"{key}: mean {sum(values) / len(values):.4f} over {orders} orders")
    for part, c in which.items():
        print(f"{part}: merged in how many orders: {dict(sorted(c.items()))}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=8)
    ap.add_argument("--share", type=float, default=0.5, help="share of a side's reports that give a subject")
    ap.add_argument("--last-topic", type=int, default=35)
    ap.add_argument("--refuse-subject", type=float, metavar="SHARE", help="run with the story-level refusal")
    ap.add_argument("--held-out", action="store_true", help="--refuse-subject: report topics 36-45 too")
    args = ap.parse_args()
    rows = ecbplus()
    if args.refuse_subject is not None:
        refuse_subject(rows, Signals(rows, args.refuse_subject), args.orders, args.held_out)
        return
    count(rows, Signals(rows, args.share), record(rows, args.orders), args.last_topic)


if __name__ == "__main__":
    main()
