"""BUMP task 1 (Ma et al., 2023) as a pairwise test: does ``check`` score the summary with one error put
in by a person below the reference summary of the same article? And does a finding name the edit?

    python benchmarks/bench_bump.py        # writes benchmarks/results/bump.json

The share of pairs scored correctly is printed overall and per error type, beside the published metrics'
shares stored with the data (computed from its ``scores``). Ties count as failures and are counted apart.
"Edit named" is the share of edited summaries where a finding or a named span overlaps the edit; beside it,
how many spans are named on average in the edited and in the reference summaries (naming everything
would name every edit, so the two counts say how selective the naming is).
"""

from __future__ import annotations

import difflib
import json
from collections import defaultdict
from pathlib import Path

from shared_data import shared_data

from storycheck.check import check
from storycheck.core import AnalysisCache
from storycheck.records import Document

HERE = Path(__file__).resolve().parent
SHARED = shared_data()
DATA = SHARED / "bump" / "task1_dataset.json"


def _edited_span(ref: str, edit: str) -> tuple[int, int]:
    """Where the edited summary differs from the reference (character offsets in the edited one)."""
    sm = difflib.SequenceMatcher(a=ref, b=edit, autojunk=False)
    ops = [op for op in sm.get_opcodes() if op[0] != "equal"]
    return (ops[0][3], ops[-1][4]) if ops else (0, 0)


def main() -> None:
    rows = json.loads(DATA.read_text(encoding="utf-8"))
    cache = AnalysisCache(size=512)
    wins, named = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    ties, spans = defaultdict(int), defaultdict(lambda: [0, 0])
    published = defaultdict(lambda: [0, 0])
    for row in rows:
        etype = row.get("corrected_error_type") or row.get("error_type")
        article = Document("article", row["article"].strip())
        ref = check([article], Document("summary", row["reference_summary"].strip()), cache=cache)
        edit_doc = Document("summary", row["edited_summary"].strip())
        edit = check([article], edit_doc, cache=cache)
        win = edit.check.score < ref.check.score
        for key in (etype, "all"):
            wins[key][0] += win
            wins[key][1] += 1
            ties[key] += edit.check.score == ref.check.score
            spans[key][0] += sum(len(v.missing) + len(v.recombined) for v in edit.check.sentences)
            spans[key][1] += sum(len(v.missing) + len(v.recombined) for v in ref.check.sentences)
        a, b = _edited_span(row["reference_summary"].strip(), edit_doc.text)
        hit = any(s.doc == "summary" and s.start < b and a < s.end for f in edit.findings if f.kind != "corroborated" for s in f.evidence)
        hit = hit or any(m.start < b and a < m.end for v in edit.check.sentences for m in [*v.missing, *v.recombined])
        for key in (etype, "all"):
            named[key][0] += hit
            named[key][1] += 1
        scores = row.get("scores") or {}
        for key, value in scores.items():
            if key.endswith("_edited") and key.replace("_edited", "_reference") in scores:
                metric = key[: -len("_edited")]
                published[metric][0] += float(value) < float(scores[metric + "_reference"])
                published[metric][1] += 1
    print(f"BUMP task 1: {wins['all'][1]} pairs")
    print(f"{'error type':36s}{'edited < reference':>20s}{'ties':>7s}{'edit named':>12s}{'spans named (edited/ref)':>26s}")
    for key in sorted(wins, key=lambda k: (k == "all", k)):
        w, n = wins[key]
        h, _ = named[key]
        se, sr = spans[key]
        print(f"{key:36s}{w / n:20.3f}{ties[key] / n:7.3f}{h / n:12.3f}{se / n:15.1f} / {sr / n:.1f}   ({n})")
    print("published metrics on the same pairs:", ", ".join(f"{k} {w / n:.3f}" for k, (w, n) in sorted(published.items(), key=lambda kv: -kv[1][0] / max(1, kv[1][1])) if n))
    out = {"pairs": wins["all"][1], "edited_below_reference": {k: w / n for k, (w, n) in wins.items()},
           "edit_named": {k: h / n for k, (h, n) in named.items()},
           "ties": {k: ties[k] / n for k, (_, n) in wins.items()},
           "spans_named_per_summary": {k: {"edited": se / wins[k][1], "reference": sr / wins[k][1]} for k, (se, sr) in spans.items()},
           "published": {k: w / n for k, (w, n) in published.items() if n}}  # fmt: skip
    (HERE / "results").mkdir(exist_ok=True)
    (HERE / "results" / "bump.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
