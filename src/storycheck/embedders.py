"""Sentence embedders that need no transformer at run time.

``StaticEmbedder`` is all-MiniLM-L6-v2 distilled by model2vec into one vector per WordPiece token
(``scripts/distill_embedder.py`` makes it; ``scripts/distill_embedder.md`` has its figures). A sentence is
the mean of its tokens' vectors, normalised: a table look-up, thousands of sentences a second on one core.

The files are model2vec's saved format (``model.safetensors``, ``tokenizer.json``, ``config.json``) in
``storycheck/models/minilm-static/``. By default they are read with numpy, ``tokenizers`` and
``safetensors`` only, doing exactly what ``model2vec.StaticModel.encode`` does (tokenise without special
tokens, drop ``[UNK]``, truncate to ``max_length`` tokens, mean, normalise); ``backend="model2vec"`` uses
model2vec itself instead. The numpy path exists because importing model2vec costs about 0.3 s more (its
loader imports huggingface_hub for model cards), and it needs neither torch nor model2vec.
"""

from __future__ import annotations

import itertools
import json
import re
from functools import cache
from pathlib import Path

import numpy as np

from storycheck.errors import ModelError
from storycheck.lru import loaded_once
from storycheck.records import without_surrogates

STATIC_MODEL_DIR = "minilm-static"
# BERT's normaliser and pre-tokenizer on lower-cased printable ASCII and the typographic punctuation of news
# (quotes, dashes, ellipsis): runs of letters and digits, and each punctuation mark alone
_PLAIN_PUNCT = "\u2018\u2019\u201c\u201d\u2013\u2014\u2026"  # ‘ ’ “ ” – — …
_PLAIN_PIECE = re.compile(rf"[a-z0-9]+|[!-/:-@\[-`{{-~{_PLAIN_PUNCT}]")
_NOT_PLAIN = re.compile(rf"[^\t\n\r -~{_PLAIN_PUNCT}]")  # anything else (controls too) takes the tokenizer
_FILES = ("model.safetensors", "tokenizer.json", "config.json")


def static_model_path() -> Path:
    """The folder of the distilled model inside the installed package."""
    return Path(__file__).resolve().parent / "models" / STATIC_MODEL_DIR


class StaticEmbedder:
    """all-MiniLM-L6-v2 distilled to static token vectors by model2vec (no torch, loads in ~0.1 s)."""

    def __init__(self, path: str | Path | None = None, backend: str = "numpy") -> None:
        """Load the model. ``ImportError`` if ``tokenizers``/``safetensors`` (or model2vec) are missing,
        ``ModelError`` if the model files are missing or unreadable."""
        if backend not in ("numpy", "model2vec"):
            raise ValueError(f"backend must be 'numpy' or 'model2vec', not {backend!r}")
        self.path = Path(path) if path is not None else static_model_path()
        missing = [name for name in _FILES if not (self.path / name).is_file()]
        if missing:
            raise ModelError(detail=f"static embedder files missing in {self.path}: {', '.join(missing)}")
        self.backend = backend
        try:
            config = json.loads((self.path / "config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise ModelError(detail=f"static embedder config {self.path / 'config.json'} ({exc})") from exc
        self.max_length: int | None = config.get("max_length", 512)
        if backend == "model2vec":
            self._load_model2vec()
        else:
            self._load_numpy()
        self.dim = int(self._dim)
        self.baseline = 0.31  # mean cosine of unrelated sentences (scripts/distill_embedder.md)
        self.name = f"minilm-static (model2vec distilled from all-MiniLM-L6-v2, {self.dim}-d)"

    @property
    def rows_alone(self) -> bool:
        """Whether a text's vector is the same, bit for bit, whatever other texts are encoded with it (numpy's
        backend: a gather, a sum and a division per row): a caller may then keep vectors by text."""
        return self.backend == "numpy"

    def __reduce__(self) -> tuple:
        """Pickled as where it comes from: a worker process loads the files once (``_shared``), instead of
        receiving the 30 MB table with every task."""
        return (_shared, (str(self.path), self.backend))

    # -- loading -------------------------------------------------------------------------------------

    def _load_numpy(self) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        try:
            tensors = load_file(str(self.path / "model.safetensors"))
            tokenizer = Tokenizer.from_file(str(self.path / "tokenizer.json"))
        except Exception as exc:  # safetensors and tokenizers raise their own (non-OSError) errors
            raise ModelError(detail=f"static embedder in {self.path} cannot be read ({exc})") from exc
        if "embeddings" not in tensors or "mapping" in tensors or "weights" in tensors:
            # A vocabulary-quantised model needs model2vec's token mapping: not what the script makes.
            raise ModelError(detail=f"{self.path / 'model.safetensors'} is not a plain model2vec table")
        self._table = np.ascontiguousarray(tensors["embeddings"], dtype=np.float32)
        if self._table.shape[0] != tokenizer.get_vocab_size():
            raise ModelError(detail=f"static embedder in {self.path}: vocabulary and table sizes differ")
        tokenizer.no_padding()
        if self.max_length is None:
            tokenizer.no_truncation()
        else:
            tokenizer.enable_truncation(self.max_length)
        self._tokenizer = tokenizer
        unk = tokenizer.model.unk_token if hasattr(tokenizer.model, "unk_token") else None
        self._unk_id = tokenizer.token_to_id(unk) if unk else None
        self._added = [t.content for t in tokenizer.get_added_tokens_decoder().values()]
        self._pieces = _Pieces(tokenizer.model)  # word -> its WordPiece ids (the ASCII fast path)
        self._fast = _is_plain_bert(tokenizer)
        self._dim = self._table.shape[1]

    def _load_model2vec(self) -> None:
        from model2vec import StaticModel

        self._model = StaticModel.from_pretrained(self.path, normalize=True)
        self._dim = self._model.dim

    # -- encoding ------------------------------------------------------------------------------------

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-normalised float32 vectors, one row per text; a text with no known token gets a zero row."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self.backend == "model2vec":
            out = np.asarray(self._model.encode([without_surrogates(t)[0] for t in texts], use_multiprocessing=False), dtype=np.float32)
            return _normalise(out)
        return np.concatenate([self._encode_batch(texts[i : i + 1024]) for i in range(0, len(texts), 1024)])

    def _token_ids(self, texts: list[str]) -> list[list[int]]:
        """The tokenizer's ids for each text. Plain text (printable ASCII and typographic quotes and dashes:
        most news) takes a shortcut with the same result: BERT's normaliser and pre-tokenizer reduce to
        lower-casing and a regular expression, and each word's WordPiece ids are cached; the rest goes
        through the tokenizer."""
        ids: list[list[int] | None] = [None] * len(texts)
        if self._fast:
            added, other = self._added, _NOT_PLAIN.search
            fast = [i for i, t in enumerate(texts) if not other(t) and not any(map(t.__contains__, added))]
            if fast:
                pieces = self._pieces
                if len(pieces) > 500_000:
                    pieces.clear()
                # (a word met for the first time is tokenised by ``_Pieces.__missing__``)
                get, limit, findall, chained = pieces.__getitem__, self.max_length, _PLAIN_PIECE.findall, _chained
                for i in fast:
                    flat = chained(map(get, findall(texts[i].lower())))
                    ids[i] = flat if limit is None or len(flat) <= limit else flat[:limit]
        rest = [i for i, row in enumerate(ids) if row is None]
        if rest:
            encodings = self._tokenizer.encode_batch_fast([without_surrogates(texts[i])[0] for i in rest], add_special_tokens=False)
            for i, enc in zip(rest, encodings, strict=True):
                ids[i] = enc.ids
        return ids  # type: ignore[return-value]

    def _encode_batch(self, texts: list[str]) -> np.ndarray:
        ids = self._token_ids(texts)
        unk = self._unk_id
        if unk is not None:  # (a C scan first: most rows hold no unknown token)
            ids = [row if unk not in row else [i for i in row if i != unk] for row in ids]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        if lengths.any():
            # One small gather and sum per text, as model2vec's mean does: gathering the whole batch's
            # token vectors at once (then ``reduceat``) writes ~1 KB per token to fresh memory and is ~10x
            # slower.
            flat = np.array(list(itertools.chain.from_iterable(ids)), dtype=np.intp)
            bounds = np.concatenate(([0], np.cumsum(lengths))).tolist()
            table = self._table
            for i in np.flatnonzero(lengths).tolist():
                np.add.reduce(table[flat[bounds[i] : bounds[i + 1]]], axis=0, out=out[i])
            nonempty = lengths > 0
            out[nonempty] /= lengths[nonempty, None]
        return _normalise(out)


class _Pieces(dict):
    """Word -> its WordPiece ids, tokenised on a miss: the look-up per word of a text is then one C call,
    without first collecting a batch's new words in a set."""

    def __init__(self, model) -> None:  # noqa: ANN001
        super().__init__()
        self.model = model

    def __missing__(self, word: str) -> list[int]:
        value = self[word] = [tok.id for tok in self.model.tokenize(word)]
        return value


def _chained(lists) -> list[int]:  # noqa: ANN001
    return list(itertools.chain.from_iterable(lists))


def _is_plain_bert(tokenizer) -> bool:  # noqa: ANN001
    """True for the tokenizer the ASCII shortcut reproduces: BERT's normaliser (lower-casing), BERT's
    pre-tokenizer and WordPiece, nothing after them."""
    try:
        spec = json.loads(tokenizer.to_str())
    except ValueError:
        return False
    norm, pre, model = spec.get("normalizer") or {}, spec.get("pre_tokenizer") or {}, spec.get("model") or {}
    return (
        norm.get("type") == "BertNormalizer" and norm.get("lowercase") is True and norm.get("clean_text") is True
        and pre.get("type") == "BertPreTokenizer" and model.get("type") == "WordPiece"
    )


@loaded_once
@cache
def _shared(path: str, backend: str) -> StaticEmbedder:
    """The embedder of these files in this process (loaded on first use, once: ``lru.loaded_once``, since two
    threads asking at once each loaded the files; session 28 had a second lock and dict of its own for it)."""
    return StaticEmbedder(path, backend)


def _normalise(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0).astype(
        np.float32, copy=False
    )
