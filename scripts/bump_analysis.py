"""Why ``check`` fails BUMP task 1 pairs: every pair where the edited summary does not score below the
reference, with the edit, its error type, both texts' per-sentence scores and findings, and a cause.

    PYTHONPATH=src python scripts/bump_analysis.py [name=value ...] [--out /tmp/bump_pairs.json] [--cache /tmp/bump_analysis_cache.pkl]

Analyses are pickled to ``--cache`` (an analysis is a pure function of its text) so that re-runs after a
change to the scoring only re-judge. Causes (heuristic, for reading, not a metric):
  no_signal    the edited sentence scores the same as the reference sentence (nothing sees the edit)
  hidden       the edited sentence scores lower, but the text score does not fall
  raised:X     the edited sentence scores higher than the reference sentence, because X: it is compared
               with another source sentence (realigned), a conflict of the reference is gone, more of its
               content-word pairs or parse links are given, fewer spans are named, or only the similarity
               to its best source sentence rose (alignment_score: a tie broken by the embedding)
  structural   the edit changes the sentence count (sentences cannot be paired one to one)

With ``--verbs``, each predicate pair still wrong also gets ``verbs``: the clause verb the edit put in and the
reference's there (lemmas), how WordNet relates the two (``verb_relation``), whether the article uses each and
with which subject and object, and a count of those groups: what a rule on the swapped verb could see.
"""

from __future__ import annotations

import argparse
import dataclasses
import difflib
import json
import pickle
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from shared_data import shared_data  # noqa: E402

import storycheck.check as engine  # noqa: E402
from storycheck.check import Weights, check  # noqa: E402
from storycheck.core import AnalysisCache, analyze_documents  # noqa: E402
from storycheck.lexicon import ANTONYMS, SYNONYMS  # noqa: E402
from storycheck.records import Document  # noqa: E402
from storycheck.senses import senses  # noqa: E402
from storycheck.truecase import restore_case  # noqa: E402


def edited_span(ref: str, edit: str) -> tuple[int, int, str, str]:
    sm = difflib.SequenceMatcher(a=ref, b=edit, autojunk=False)
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    if not ops:
        return 0, 0, "", ""
    return ops[0][3], ops[-1][4], ref[ops[0][1] : ops[-1][2]], edit[ops[0][3] : ops[-1][4]]


PARTS: list = []  # per-sentence (ngrams, pairs, links, alignment) of the last check, recorded off _blend
_blend = engine._blend


def _recording_blend(parts, w, ngrams=None):  # noqa: ANN001, ANN202
    if len(parts) == 1:
        PARTS.append(parts[0])
    return _blend(parts, w, ngrams)


engine._blend = _recording_blend


def describe(report) -> dict:  # noqa: ANN001
    sentences = report.check.sentences
    parts = PARTS[: len(sentences)]  # a one-sentence text blends its one part once more, for the text
    PARTS.clear()
    return {
        "score": report.check.score,
        "sentences": [{"text": v.text, "score": v.score, "verdict": v.verdict, "start": v.start, "end": v.end,
                       "missing": [m.text for m in v.missing], "recombined": [m.text for m in v.recombined],
                       "closest": v.closest.text if v.closest else None,
                       "pairs": p[1], "links": sum(p[2]) / len(p[2]) if p[2] else 1.0, "aligned": p[3]}
                      for v, p in zip(sentences, parts, strict=True)],
        "findings": [{"kind": f.kind, "type": f.type, "conf": f.confidence, "spans": [(s.doc, s.start, s.end, s.text) for s in f.evidence],
                      "why": f.explanation} for f in report.findings if f.kind != "corroborated"],
    }  # fmt: skip


def verb_relation(old: str, new: str) -> str:
    """How WordNet (``storycheck.senses``; hand lists first) relates the reference's verb and the edit's, in
    their frequent senses: antonym, synonym, same_sense, hypernym (one just above the other), sibling (one
    sense just above both: ``praise`` / ``criticise`` would be), none, or not_in_wordnet."""
    wn = senses()
    if old == new:
        return "same"
    if new in ANTONYMS.get(old, ()) or new in wn.antonyms(old, "v") or old in wn.antonyms(new, "v"):
        return "antonym"
    if new in SYNONYMS.get(old, ()):
        return "synonym"
    if wn.same_sense(old, new, "v"):
        return "same_sense"
    if wn.broader_sense(old, new, "v") or wn.broader_sense(new, old, "v"):
        return "hypernym"
    if not (wn.has(old, "v") and wn.has(new, "v")):
        return "not_in_wordnet"
    if not hasattr(wn, "_offsets"):  # the reader's own synsets: a script's look, not the engine's API
        return "none"
    return "sibling" if _above_once(wn, old) & _above_once(wn, new) else "none"


def _above_once(wn, lemma: str) -> frozenset:  # noqa: ANN001
    offsets = wn._offsets(lemma, "v")[:2]
    return frozenset(t for o in offsets for sym, t, tpos, _, _ in wn._synset("v", o)[1] if sym == "@" and tpos == "v")


def swapped_verbs(article: Document, ref: Document, edit: Document, span: tuple[int, int], old_at: int,
                  cache: AnalysisCache) -> dict:  # fmt: skip
    """The clause verbs at the edit in both summaries and what the article does with the edit's verb."""
    ea, aa = analyze_documents([restore_case(edit, [article]), article], cache)
    ra = analyze_documents([restore_case(ref, [article]), article], cache)[0]
    a, b = span
    mine = next((c for c in ea.clauses if c.verb_span[0] <= b and a <= c.verb_span[1]), None)
    theirs = next((c for c in ra.clauses if mine is not None and c.sentence == mine.sentence
                   and c.verb_span[0] <= old_at + (b - a) and old_at <= c.verb_span[1]), None)  # fmt: skip
    if mine is None or theirs is None:
        return {"read": False}
    lemmas = {x for ls in aa.lemmas for x in ls}
    uses = [(c.subject, c.object) for c in aa.clauses if c.verb == mine.verb]
    return {"read": True, "old": theirs.verb, "new": mine.verb, "relation": verb_relation(theirs.verb, mine.verb),
            "old_in_article": theirs.verb in lemmas, "new_in_article": mine.verb in lemmas,
            "new_article_uses": uses[:4], "same_arguments": (mine.subject, mine.object) == (theirs.subject, theirs.object)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="/tmp/bump_pairs.json")
    parser.add_argument("--cache", default="/tmp/bump_analysis_cache.pkl")
    parser.add_argument("--verbs", action="store_true", help="for predicate pairs still wrong: the swapped verbs")
    parser.add_argument("set", nargs="*", help="Weights overrides, name=value")
    args = parser.parse_args()
    w = Weights()
    for kv in args.set:
        k, v = kv.split("=")
        w = dataclasses.replace(w, **{k: type(getattr(w, k))(v)})
    rows = json.loads((shared_data() / "bump" / "task1_dataset.json").read_text(encoding="utf-8"))
    cache = AnalysisCache(size=100000)
    path = Path(args.cache)
    if path.exists():
        for k, v in pickle.loads(path.read_bytes()).items():
            cache.put(k, v)
    out, causes, wins, verb_groups = [], defaultdict(Counter), defaultdict(lambda: [0, 0]), Counter()
    for i, row in enumerate(rows):
        etype = row.get("corrected_error_type") or row.get("error_type")
        article = Document("article", row["article"].strip())
        ref_text, edit_text = row["reference_summary"].strip(), row["edited_summary"].strip()
        ref = describe(check([article], Document("summary", ref_text), cache=cache, weights=w))
        edit = describe(check([article], Document("summary", edit_text), cache=cache, weights=w))
        a, b, old, new = edited_span(ref_text, edit_text)
        win = edit["score"] < ref["score"]
        for k in (etype, "all"):
            wins[k][0] += win
            wins[k][1] += 1
        if len(ref["sentences"]) != len(edit["sentences"]):
            cause = "structural"
        else:
            at = next((j for j, s in enumerate(edit["sentences"]) if s["start"] <= a < s["end"] or a < s["end"]), 0)
            rs, es = ref["sentences"][at]["score"], edit["sentences"][at]["score"]
            cause = "win" if win else ("no_signal" if es == rs else "hidden" if es < rs else "raised")
            if cause == "raised":  # which view of support rose, or whether the sentence found another counterpart
                r, e = ref["sentences"][at], edit["sentences"][at]
                rf = {(f["type"], f["kind"]) for f in ref["findings"] if f["kind"] == "conflict"}
                ef = {(f["type"], f["kind"]) for f in edit["findings"] if f["kind"] == "conflict"}
                if r["closest"] != e["closest"]:
                    cause = "raised:realigned"
                elif rf - ef:
                    cause = "raised:conflict_lost"
                elif e["pairs"] > r["pairs"]:
                    cause = "raised:pairs"
                elif e["links"] > r["links"]:
                    cause = "raised:links"
                elif len(e["missing"]) < len(r["missing"]):
                    cause = "raised:fewer_named"
                else:
                    cause = "raised:alignment_score"
        named = any(sp[0] == "summary" and sp[1] < b and a < sp[2] for f in edit["findings"] for sp in f["spans"])
        causes[etype][cause] += 1
        out.append({"i": i, "type": etype, "win": win, "cause": cause, "old": old, "new": new, "span": (a, b),
                    "named": named, "ref": ref, "edit": edit})  # fmt: skip
        if args.verbs and not win and "Predicate" in etype:
            out[-1]["verbs"] = found = swapped_verbs(article, Document("summary", ref_text), Document("summary", edit_text),
                                                     (a, b), ref_text.find(old) if old else a, cache)  # fmt: skip
            if found["read"]:
                use = "absent" if not found["new_in_article"] else "as a clause verb" if found["new_article_uses"] else "not as a verb"
                verb_groups[f"{found['relation']}; new verb in the article: {use}; reference's verb in it: {found['old_in_article']}"] += 1
            else:
                verb_groups["no clause verb read at the edit"] += 1
    path.write_bytes(pickle.dumps(dict(cache._items)))
    Path(args.out).write_text(json.dumps(out, indent=1))
    for k in sorted(wins, key=lambda k: (k == "all", k)):
        print(f"{k:32s} {wins[k][0] / wins[k][1]:.3f} ({wins[k][1]})  {dict(causes.get(k, {}))}")
    for group, n in verb_groups.most_common():
        print(f"predicate miss: {n:3d}  {group}")


if __name__ == "__main__":
    main()
