"""Does a learned combination of ``check``'s evidence beat its hand-weighted score? Measured, not shipped.

    python benchmarks/frank_to_eval.py        # benchmarks/data/frank-valid.jsonl from the shared data
    python scripts/combiner_cv.py             # prints the comparison, writes benchmarks/results/combiner_cv.json

Data recipe: FRANK's validation split only (the split ``eval`` tunes its threshold on; never the test
split). Each summary is checked against its article with the engine's default settings and
``check.text_features`` is read (22 numbers: the shares of n-grams, content-word pairs and parse links
the article gives, the best-aligned source sentence, mean and worst sentence, counts of each finding
type, length). Model: standardised features, L2-regularised logistic regression with balanced class
weights, for each regularisation strength in ``CS``; 5-fold cross-validation within the validation split,
folds grouped by article (the summaries of one article never straddle a fold), repeated with seeds
0..4. Beside it, the same folds score the engine's own text score alone. A learned combiner is worth
shipping only if its cross-validated ROC AUC and balanced accuracy clearly beat the engine's score.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from storycheck.check import check  # noqa: E402
from storycheck.core import AnalysisCache, analyze_documents  # noqa: E402
from storycheck.errors import StorycheckError  # noqa: E402
from storycheck.evaluate import EvalItem, best_threshold, metrics, read_items, roc_auc  # noqa: E402
from storycheck.ingest import check as check_document  # noqa: E402
from storycheck.records import Document  # noqa: E402
from storycheck.truecase import restore_case  # noqa: E402

SEEDS = range(5)
FOLDS = 5
CS = [0.001, 0.01, 0.1, 1.0, 10.0]


def features(items: list[EvalItem]) -> list[dict[str, float] | None]:
    """``check``'s features for each item (None for one the engine cannot read, as ``eval`` skips it),
    the texts parsed by chunks as ``storycheck eval`` does."""
    cache, out = AnalysisCache(size=4096), []
    for at in range(0, len(items), 64):
        chunk = []
        for item in items[at : at + 64]:
            try:
                sources = [check_document(Document(f"source-{i + 1}", s.strip())) for i, s in enumerate(item.sources)]
                chunk.append((sources, check_document(Document("text", item.text.strip()))))
            except StorycheckError:
                chunk.append(None)
        docs = {d.hash: d for c in chunk if c for d in (*c[0], restore_case(c[1], c[0])) if cache.get(d.hash) is None}
        analyze_documents(list(docs.values()), cache)
        for c in chunk:
            feats: dict[str, float] = {}
            try:
                if c:
                    check(c[0], c[1], cache=cache, features=feats)
            except StorycheckError:
                feats = {}
            out.append(feats or None)
        print(f"  {min(len(items), at + 64)}/{len(items)}", file=sys.stderr)
    return out


def cross_validate(rows: list[dict[str, float]], labels: list[int], groups: list[str]) -> dict:
    """Out-of-fold ROC AUC and balanced accuracy (threshold chosen on the training folds) per model."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    names = sorted(rows[0])
    x = np.array([[r[n] for n in names] for r in rows], dtype=float)
    y = np.array(labels)
    models = {"engine score": None, **{f"logistic C={c}": c for c in CS}}
    out = {}
    for name, c in models.items():
        aucs, bas = [], []
        for seed in SEEDS:
            pred, cut = np.zeros(len(y)), np.zeros(len(y))
            for train, test in GroupKFold(n_splits=FOLDS, shuffle=True, random_state=seed).split(x, y, groups):
                if c is None:
                    fit, held = x[train, names.index("score")], x[test, names.index("score")]
                else:
                    mean, std = x[train].mean(axis=0), x[train].std(axis=0)
                    std[std == 0] = 1.0
                    model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
                    model.fit((x[train] - mean) / std, y[train])
                    fit = model.predict_proba((x[train] - mean) / std)[:, 1]
                    held = model.predict_proba((x[test] - mean) / std)[:, 1]
                pred[test] = held
                cut[test] = best_threshold(list(zip(fit.tolist(), y[train].tolist(), strict=True)))
            scored = list(zip(pred.tolist(), y.tolist(), strict=True))
            aucs.append(roc_auc(scored))
            tp = sum(p < t and lab == 0 for p, t, lab in zip(pred, cut, y, strict=True))
            tn = sum(p >= t and lab == 1 for p, t, lab in zip(pred, cut, y, strict=True))
            bas.append((tp / max(1, (y == 0).sum()) + tn / max(1, (y == 1).sum())) / 2)
        out[name] = {"roc_auc": round(float(np.mean(aucs)), 4), "balanced_accuracy": round(float(np.mean(bas)), 4)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--valid", default=str(ROOT / "benchmarks" / "data" / "frank-valid.jsonl"))
    parser.add_argument("--features", help="a JSON file: read the features from it if it exists, else write them there")
    args = parser.parse_args()
    items = [x for x in read_items(args.valid) if isinstance(x, EvalItem) and x.split in (None, "valid")]
    cached = Path(args.features) if args.features else None
    if cached and cached.exists():
        rows = json.loads(cached.read_text())
    else:
        rows = features(items)
        if cached:
            cached.write_text(json.dumps(rows))
    kept = [(r, x) for r, x in zip(rows, items, strict=True) if r is not None]
    warnings.filterwarnings("ignore", category=FutureWarning)
    result = cross_validate([r for r, _ in kept], [x.label for _, x in kept], [" ".join(x.sources)[:200] for _, x in kept])
    whole = [(r["score"], x.label) for r, x in kept]
    out = {"items": len(kept), "folds": FOLDS, "seeds": list(SEEDS), "cross_validated": result,
           "engine_score_on_whole_split": metrics(whole, best_threshold(whole))}  # fmt: skip
    print(f"FRANK valid, {len(kept)} summaries, {FOLDS}-fold CV grouped by article, seeds {list(SEEDS)}")
    for name, m in result.items():
        print(f"  {name:20s} ROC AUC {m['roc_auc']:.4f}  balanced accuracy {m['balanced_accuracy']:.4f}")
    (ROOT / "benchmarks" / "results").mkdir(exist_ok=True)
    (ROOT / "benchmarks" / "results" / "combiner_cv.json").write_text(json.dumps(out, indent=2) + "\n")


if __name__ == "__main__":
    main()
