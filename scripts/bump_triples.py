"""Whether a (subject, verb, object) test could separate BUMP's summaries: for every clause of each reference and
edited summary that has a subject and an object (parse links, passives made active, pronouns and generic verbs
left out), what the article does with those two arguments. Session 30 (bump11, issue 5) asked it of the
predicate misses: "words that are present but wrongly combined".

    PYTHONPATH=src python scripts/bump_analysis.py --out /tmp/pairs.json --cache /tmp/cache.pkl
    PYTHONPATH=src python scripts/bump_triples.py --pairs /tmp/pairs.json --cache /tmp/cache.pkl [--prep]

Arguments are compared as lemmas of the words the parse links (``keefe`` of ``Mary Doyle Keefe``); a verb
"agrees" when it is the text's, a hand synonym (``lexicon.SYNONYMS``) or one WordNet sense. Each clause gets
the rules it would trip:
  A  recombined: some article clause has both arguments with another, non-generic verb, and none with the verb
     or a synonym (the typed ``predicate`` test; ``--prep`` counts an object after a preposition as the object)
  B  object moved: an article clause of the verb has the subject with another object, and none has both
  C  subject moved: an article clause of the verb has the object with another subject, and none has both
Printed per rule: pairs whose edited summary trips it more often than the reference (what it could win) and
the reverse (what it could lose), by group, and the distinct references it trips (its false alarms).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from shared_data import shared_data  # noqa: E402

from storycheck.core import AnalysisCache, analyze_documents  # noqa: E402
from storycheck.lexicon import SYNONYMS  # noqa: E402
from storycheck.records import Analysis, Document  # noqa: E402
from storycheck.roles import GENERIC, PRONOUNS  # noqa: E402
from storycheck.senses import senses  # noqa: E402
from storycheck.truecase import restore_case  # noqa: E402


def frames(analysis: Analysis, prep: bool) -> dict[tuple[int, str], dict[str, set[str]]]:
    """Each clause verb (sentence, lemma) with its subjects and objects, as the parse links them."""
    out: dict[tuple[int, str], dict[str, set[str]]] = defaultdict(lambda: {"nsubj": set(), "dobj": set()})
    for r in analysis.relations:
        dep = "dobj" if prep and r.dep.startswith("prep_") else r.dep
        if dep in ("nsubj", "dobj"):
            out[(r.sentence, r.head)][dep].add(r.child)
    return out


def agrees(a: str, b: str) -> bool:
    return a == b or b in SYNONYMS.get(a, ()) or a in SYNONYMS.get(b, ()) or senses().same_sense(a, b, "v")


def tripped(verb: str, subject: str, obj: str, article: dict) -> set[str]:
    """The rules (A, B, C above) a text clause trips against the article's frames; ``{"said"}`` when an article
    clause has both arguments with the verb or a synonym."""
    found = set()
    for (_, theirs), args in article.items():
        if not agrees(verb, theirs):
            if subject in args["nsubj"] and obj in args["dobj"] and theirs not in GENERIC:
                found.add("A")
            continue
        if subject in args["nsubj"] and obj in args["dobj"]:
            return {"said"}
        if subject in args["nsubj"] and args["dobj"] - {obj}:
            found.add("B")
        if obj in args["dobj"] and args["nsubj"] - {subject}:
            found.add("C")
    return found


def clauses(analysis: Analysis, article: dict, prep: bool) -> list[tuple[int, str, str, str, set[str]]]:
    return [(s, verb, su, ob, tripped(verb, su, ob, article))
            for (s, verb), args in frames(analysis, prep).items() if verb not in GENERIC
            for su in args["nsubj"] - PRONOUNS for ob in args["dobj"] - PRONOUNS]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", default="/tmp/bump_pairs.json", help="bump_analysis.py's --out")
    parser.add_argument("--cache", default="/tmp/bump_analysis_cache.pkl", help="bump_analysis.py's --cache")
    parser.add_argument("--prep", action="store_true", help="an object after a preposition counts as the object")
    args = parser.parse_args()
    rows = json.loads((shared_data() / "bump" / "task1_dataset.json").read_text(encoding="utf-8"))
    pairs = {p["i"]: p for p in json.loads(Path(args.pairs).read_text(encoding="utf-8"))}
    cache = AnalysisCache(size=100000)
    for k, v in pickle.loads(Path(args.cache).read_bytes()).items():
        cache.put(k, v)
    out = []
    for i, row in enumerate(rows):
        article = Document("article", row["article"].strip())
        edit, theirs = analyze_documents([restore_case(Document("summary", row["edited_summary"].strip()), [article]), article], cache)
        ref = analyze_documents([restore_case(Document("summary", row["reference_summary"].strip()), [article]), article], cache)[0]
        said = frames(theirs, args.prep)
        at = next((j for j, s in enumerate(edit.sentences) if s.start <= pairs[i]["span"][0] < s.end), len(edit.sentences) - 1)
        out.append({"type": row.get("corrected_error_type") or row.get("error_type"), "win": pairs[i]["win"],
                    "reference": row["reference_summary"], "at": at,
                    "ref": clauses(ref, said, args.prep), "edit": clauses(edit, said, args.prep)})  # fmt: skip
    groups = {"predicate misses": lambda r: "Predicate" in r["type"] and not r["win"],
              "predicate wins": lambda r: "Predicate" in r["type"] and r["win"],
              "other misses": lambda r: "Predicate" not in r["type"] and not r["win"], "all pairs": lambda r: True}  # fmt: skip
    print(f"distinct references: {len({r['reference'] for r in out})}")
    for rule in "ABC":
        refs = {r["reference"] for r in out if any(rule in c[4] for c in r["ref"])}
        cells = []
        for name, keep in groups.items():
            rs = [r for r in out if keep(r)]
            more = sum(sum(rule in c[4] for c in r["edit"]) > sum(rule in c[4] for c in r["ref"]) for r in rs)
            less = sum(sum(rule in c[4] for c in r["edit"]) < sum(rule in c[4] for c in r["ref"]) for r in rs)
            cells.append(f"{name} ({len(rs)}): edit {more} / reference {less}")
        print(f"{rule}: references tripped {len(refs)} | " + " | ".join(cells))
    predicate = [r for r in out if groups["predicate misses"](r)]
    at_edit = [[c for c in r["ref"] if c[0] == r["at"]] for r in predicate]
    told = sum(any("said" in c[4] for c in cs) for cs in at_edit)
    print(f"predicate misses: {len(predicate)}; a reference clause with subject and object at the edited sentence: "
          f"{sum(bool(cs) for cs in at_edit)}; of them the article says the reference's own triple: {told}")  # fmt: skip


if __name__ == "__main__":
    main()
