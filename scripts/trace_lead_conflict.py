"""Would a lead-place or lead-person conflict refuse the decisions that put an ECB+ topic's two events in one story?

Session 29 (wt-cq21, issue 4). For each stream order (the seeds of ``bench_cluster.py --orders``), clusters ECB+
with the default settings and records every join on arrival (``StoryIndex._candidates`` returning a story) and
every story merge (``StoryIndex._merge``: merge pass, regroup, attach, ``contained``), each with its two sides'
documents; a decision is *wrong* when the two sides' majority events differ, *first* when it is the first wrong one
of a topic that ends merged. Decisions of topics 1-35 only are counted. Each test below is asked of both sides of
every decision, and the table says how many wrong and right decisions it would refuse:

- ``names``: the engine's own names (``refine.Report``, the latest ``regroup_reports`` of a story), gazetteer-free:
  one side's lead names none of the names the other side gives anywhere (``regroup._lead_apart``, one way or the
  other), or each side's lead names someone the other side never names (by IDF share of the lead's names);
- ``place`` / ``person`` (with ``--typed``: spaCy's GPE/LOC/FAC and PERSON entities of title + ``slot_chars``):
  both sides' leads name one, and none of one side's is shared with the other side's text (an entity counts as
  shared when one of its words of 3+ letters is anywhere in the other side's documents: a city in its country
  is named by the text that gives the country only if it writes the city; "ATL" and "Atlanta" are two names).

It also counts, over all same-topic document pairs, how often two reports of one event and two reports of the
topic's two events have a typed conflict: the pairs a rule would part, against the pairs where the clustering errs.
Truth is read only to count; nothing here chooses a setting.

    STORYCHECK_DATA=../shared/data PYTHONPATH=src .venv/bin/python scripts/trace_lead_conflict.py --orders 8 --typed
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from bench_cluster import DATA, ecbplus  # noqa: E402
from trace_first_wrong import stream_orders, truth  # noqa: E402

from storycheck import cluster as C  # noqa: E402
from storycheck.regroup import _latest, _lead_apart  # noqa: E402

LAST_TOPIC = 35
WORD = re.compile(r"[\w'.-]+")


def _share_new(a: list, b: list) -> float:
    """The IDF share of side ``a``'s lead names that no report of ``b`` names anywhere (0 when ``a``'s lead names
    nobody)."""
    lead = {k: v for r in a for k, v in r.lead.items()}
    names = {k for r in b for k in r.names}
    total = sum(lead.values())
    return sum(v for k, v in lead.items() if k not in names) / total if total else 0.0


def _typed(rows: list, chars: int) -> dict[str, tuple[set[str], set[str], set[str]]]:
    """doc id -> (lead places, lead persons, the text's lower-cased words). The lead as the cluster's slots read
    it: the title (ECB+'s first sentence) and ``chars`` of the rest."""
    import spacy

    from storycheck.nlp import TAGGER_PACKAGE

    nlp = spacy.load(TAGGER_PACKAGE)
    raw = {}
    for line in open(DATA / "ecbplus" / "ecbplus.jsonl", encoding="utf-8"):
        r = json.loads(line)
        raw[r["id"]] = ((r["title"] or "").strip() + "\n" + (r["text"] or "").strip()[:chars]).strip()
    leads = [raw[d.id] for d, _, _ in rows]
    out = {}
    for (d, _, _), doc in zip(rows, nlp.pipe(leads, batch_size=64), strict=True):
        places = {e.text for e in doc.ents if e.label_ in ("GPE", "LOC", "FAC")}
        persons = {e.text for e in doc.ents if e.label_ == "PERSON"}
        out[d.id] = (places, persons, set(WORD.findall(d.text.lower())))
    return out


def _typed_apart(typed: dict, a: list[str], b: list[str], kind: int) -> bool:
    """Both sides' leads name an entity of ``kind`` (0 place, 1 person) and none of either side's is shared."""
    la = set().union(*(typed[d][kind] for d in a))
    lb = set().union(*(typed[d][kind] for d in b))
    if not la or not lb:
        return False
    wa = set().union(*(typed[d][2] for d in a))
    wb = set().union(*(typed[d][2] for d in b))

    def shared(entity: str, lead: set[str], words: set[str]) -> bool:  # "US" is no word of 3+ letters: its lead
        return _plain(entity) in lead or any(len(t) > 2 and t in words for t in WORD.findall(entity.lower()))

    pa, pb = {_plain(x) for x in la}, {_plain(x) for x in lb}
    return not any(shared(x, pb, wb) for x in la) and not any(shared(x, pa, wa) for x in lb)


def _plain(entity: str) -> str:
    """"U.S." -> "us", "New Zealand's" -> "new zealand": the same name written two ways."""
    return re.sub(r"'s$", "", entity.lower()).replace(".", "").strip()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--orders", type=int, default=8)
    ap.add_argument("--typed", action="store_true", help="also the spaCy place and person tests")
    args = ap.parse_args()
    rows = ecbplus()
    event, topic, majority = truth(rows)

    log: list[dict] = []
    candidates, merge = C.StoryIndex._candidates, C.StoryIndex._merge

    def sides(self, a: list, b: list[str]) -> dict:  # noqa: ANN001
        rb = _latest(self._linkage, b, self.settings.regroup_reports)
        return {"names one way": bool(rb) and (_lead_apart(a, rb) or _lead_apart(rb, a)),
                "new": min(_share_new(a, rb), _share_new(rb, a))}

    def joined(self, f, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        found = candidates(self, f, *a, **k)
        if found is not None:
            b = list(self.stories[found[0]].members)
            log.append({"kind": "join", "a": [f.id], "b": b} | sides(self, [self._report], b))
        return found

    def merged(self, into, other, *a, **k):  # noqa: ANN001, ANN002, ANN003, ANN202
        ma, mb = list(self.stories[other].members), list(self.stories[into].members)
        ra = _latest(self._linkage, ma, self.settings.regroup_reports)
        log.append({"kind": "merge", "a": ma, "b": mb} | sides(self, ra, mb))
        return merge(self, into, other, *a, **k)

    C.StoryIndex._candidates, C.StoryIndex._merge = joined, merged
    decisions: list[dict] = []
    try:
        for _, ends_merged in stream_orders(rows, args.orders, log):
            seen: set[int] = set()
            for e in log:
                t = topic[e["a"][0]]
                if t > LAST_TOPIC:
                    continue
                e["wrong"] = majority(e["a"]) != majority(e["b"])
                e["first"] = e["wrong"] and t not in seen and t in ends_merged
                if e["wrong"]:
                    seen.add(t)
                decisions.append(e)
    finally:
        C.StoryIndex._candidates, C.StoryIndex._merge = candidates, merge
    tests = {"names: a lead names none of the other side's names": lambda e: e["names one way"]}
    for floor in (0.2, 0.4, 0.5):
        tests[f"names: each lead's new names >= {floor} of its IDF"] = lambda e, x=floor: e["new"] >= x
    typed = None
    if args.typed:
        typed = _typed(rows, C.ClusterSettings().slot_chars)
        tests["place: leads' places, none shared"] = lambda e: _typed_apart(typed, e["a"], e["b"], 0)
        tests["person: leads' persons, none shared"] = lambda e: _typed_apart(typed, e["a"], e["b"], 1)
    first = [e for e in decisions if e["first"]]
    print(f"topics 1-{LAST_TOPIC}, {args.orders} orders: {len(first)} first wrong decisions of merged topic-orders")
    print("| test | first wrong refused | joins wrong / right refused | merges wrong / right refused |")
    print("|---|---|---|---|")
    for name, test in tests.items():
        cells = [f"{sum(map(test, first))} of {len(first)}"]
        for kind in ("join", "merge"):
            wrong = [e for e in decisions if e["kind"] == kind and e["wrong"]]
            right = [e for e in decisions if e["kind"] == kind and not e["wrong"]]
            cells.append(f"{sum(map(test, wrong))} of {len(wrong)} / {sum(map(test, right))} of {len(right)}")
        print(f"| {name} | " + " | ".join(cells) + " |")
    if typed is not None:
        pairs: Counter[tuple[str, bool]] = Counter()
        by_topic: dict[int, list[str]] = {}
        for d, _, m in rows:
            if m["topic"] <= LAST_TOPIC:
                by_topic.setdefault(m["topic"], []).append(d.id)
        for docs in by_topic.values():
            for x, y in itertools.combinations(docs, 2):
                same = event[x] == event[y]
                pairs[("pairs", same)] += 1
                for kind, label in ((0, "place"), (1, "person")):
                    pairs[(label, same)] += _typed_apart(typed, [x], [y], kind)
        for same, label in ((True, "one event"), (False, "the topic's two events")):
            n = pairs[("pairs", same)]
            print(f"document pairs of {label}: {n}; place conflict {pairs[('place', same)]}, "
                  f"person conflict {pairs[('person', same)]}")


if __name__ == "__main__":
    main()
