"""The distilled static embedder: shape, normalisation, ranking, empty input, and agreement with model2vec."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

pytest.importorskip("tokenizers")
pytest.importorskip("safetensors")

from storycheck.embedders import StaticEmbedder, static_model_path  # noqa: E402
from storycheck.errors import ModelError  # noqa: E402

STRIKE = "The union called the strike on Sunday."
STRIKE_PARAPHRASE = "On Sunday the union called a strike."
UNRELATED = "Shares in the tech company fell sharply."


@pytest.fixture(scope="module")
def embedder() -> StaticEmbedder:
    return StaticEmbedder()


def test_loads_from_the_package(embedder: StaticEmbedder) -> None:
    assert static_model_path().is_dir()
    assert embedder.dim == 256
    assert "minilm-static" in embedder.name and "256-d" in embedder.name


def test_fresh_process_needs_neither_torch_nor_model2vec() -> None:
    code = (
        "import sys; from storycheck.embedders import StaticEmbedder; StaticEmbedder().encode(['x']); "
        "print(sorted(m for m in ('torch', 'transformers', 'model2vec', 'huggingface_hub') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "[]"


def test_shape_dtype_and_unit_norm(embedder: StaticEmbedder) -> None:
    vectors = embedder.encode([STRIKE, STRIKE_PARAPHRASE, UNRELATED])
    assert vectors.shape == (3, 256)
    assert vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)


def test_paraphrase_scores_higher_than_unrelated(embedder: StaticEmbedder) -> None:
    a, b, c = embedder.encode([STRIKE, STRIKE_PARAPHRASE, UNRELATED])
    assert float(a @ b) > float(a @ c) + 0.3


def test_empty_input(embedder: StaticEmbedder) -> None:
    out = embedder.encode([])
    assert out.shape == (0, 256) and out.dtype == np.float32


def test_text_without_tokens_gets_a_zero_row(embedder: StaticEmbedder) -> None:
    vectors = embedder.encode(["", "   ", STRIKE])
    assert vectors.shape == (3, 256)
    assert not vectors[:2].any()
    assert np.isfinite(vectors).all()


def test_batches_and_order_do_not_change_vectors(embedder: StaticEmbedder) -> None:
    texts = [f"Report {i}: the union called the strike on day {i}." for i in range(2500)]  # > one batch
    together = embedder.encode(texts)
    np.testing.assert_allclose(together[2049], embedder.encode([texts[2049]])[0], atol=1e-6)
    np.testing.assert_allclose(together[::-1], embedder.encode(texts[::-1]), atol=1e-6)


def test_missing_files_raise_model_error(tmp_path) -> None:  # noqa: ANN001
    with pytest.raises(ModelError):
        StaticEmbedder(tmp_path)


def test_numpy_path_matches_model2vec(embedder: StaticEmbedder) -> None:
    pytest.importorskip("model2vec")
    reference = StaticEmbedder(backend="model2vec")
    texts = [STRIKE, STRIKE_PARAPHRASE, UNRELATED, "Ünïcode café — “quotes” and 3.5% of £20m.", ""]
    # model2vec averages in float16 (the stored dtype); the numpy path in float32.
    np.testing.assert_allclose(embedder.encode(texts), reference.encode(texts), atol=1e-3)


def test_ascii_shortcut_gives_the_tokenizers_ids(embedder: StaticEmbedder) -> None:
    """Plain ASCII texts skip the tokenizer (lower-casing, a regular expression, cached WordPiece ids):
    the ids must be the tokenizer's own, punctuation, digits, long words, controls and brackets included."""
    import random

    rng = random.Random(5)
    alphabet = "abcXYZ019 .,;:'\"!?-_()[]{}<>@#$%^&*~`|\\/\t\n\r\x0b\x0c\x01\x7f‘’“”–—…éÉ\xa0"
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(60))) for _ in range(2000)]
    texts += [STRIKE, "U.S. $1,000.50 -- 3:45pm, don't", "x" * 101 + " y", "[UNK] and [PAD]", "café 中文", "a " * 600]
    expected = [enc.ids for enc in embedder._tokenizer.encode_batch(texts, add_special_tokens=False)]
    assert embedder._token_ids(texts) == expected
    assert embedder._fast  # the shortcut was taken for the shipped model


def test_a_lone_surrogate_is_read_as_a_replacement_character(embedder: StaticEmbedder) -> None:
    """A string with a lone surrogate (the JSON escape "\\ud800" makes one) no longer makes the tokenizer raise:
    it is read as U+FFFD, and the texts around it keep their vectors."""
    texts = ["Police said \ud800 a man was held.", "Police said a man was held in Leeds."]
    out = embedder.encode(texts)
    assert np.array_equal(out[0], embedder.encode(["Police said \ufffd a man was held."])[0])
    assert np.array_equal(out[1], embedder.encode(texts[1:])[0])
