"""Review revu28: a hostile review of wt-user28 (merged as 0870435).

Every test here fails on 0870435 (``PYTHONPATH=/tmp/revu28/at0870435/src pytest tests/test_revu28.py``, run from a
copy of this file), except those marked as guards."""

from __future__ import annotations

import threading
import weakref
from pathlib import Path

import pytest

from storycheck.errors import NotEnglish
from storycheck.ingest import _check_english

STRIKE = ("Dockworkers at the port of Selvan walked out on Monday over pay, the union said. About 900 members joined the "
          "strike, and ships were held outside the harbour.")


# --- E107: English capitals listing Italian and Spanish surnames ---------------------------------------------------


@pytest.mark.parametrize("text", ["MESSI, DI MARIA, DE LA TORRE SCORE", "DI MAIO, LA RUSSA, DE LUCA: ROME VOTE",
                                  "DE LA ROSA, DI RESTA, LA SOURCE: PRICE DIVE",
                                  "DE LA HOYA, DI MARCO, LA RUSSA, ALONSO, DE NIRO"])
def test_english_capitals_listing_romance_surnames_pass(text: str):
    """0870435's ``_romance_alone`` counted every particle of these when each other word ended in a vowel, as an
    Italian sentence's do; but so do Italian and Spanish surnames, and a list of them in an English headline was
    E107. An item of a list that is particles and one word is a surname: its particles are not function words."""
    _check_english(text, "en.txt")


@pytest.mark.parametrize("text", ["IL GOVERNO DI ROMA APPROVA LA LEGGE", "ROMA, IL GOVERNO APPROVA LA LEGGE DI BILANCIO",
                                  "ULTIMA ORA: LA CAMERA DI MILANO APPROVA IL PIANO"])
def test_italian_capitals_with_clauses_are_still_refused(text: str):
    """Guard (refused on 0870435 too): a sentence's particles stand between its words, no list item is a name alone."""
    with pytest.raises(NotEnglish):
        _check_english(text, "it.txt")


# --- CSV: Excel's "sep=" first line -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sep, said", [(";", "sep=;"), ("\t", "sep=\t"), (",", '"sep=,"')])
def test_a_csv_whose_first_line_names_its_separator_is_read(tmp_path: Path, sep: str, said: str):
    """Excel writes (and reads) a first line "sep=;" naming the separator: 0870435 took it for the header and
    refused the whole file (E603 "no 'text' or 'html' column (the header has 'sep=;')"). A bad row's line is still
    the file's (the sep line counts)."""
    from storycheck.corpus import read_corpus

    feed = tmp_path / "desk.csv"
    cell = STRIKE.replace(",", ";") if sep == ";" else STRIKE  # (the separator quoted inside a text)
    feed.write_text(f'{said}\r\nid{sep}title{sep}text\r\nw1{sep}Port strike{sep}"{cell}"\r\nbad{sep}row\r\n',
                    encoding="utf-8")
    corpus = read_corpus(feed)
    assert [(d.id, d.title, d.text) for d in corpus] == [("w1", "Port strike", cell)]
    assert [(b.line, b.code) for b in corpus.bad_rows] == [(4, "E603")]


# --- lru.loaded_once: one lock per arguments -------------------------------------------------------------------------


def test_a_long_embedder_load_does_not_hold_up_another_embedder(monkeypatch: pytest.MonkeyPatch):
    """``loaded_once`` took one lock for every call of ``nlp.embedder``: while a thread loaded MiniLM (seconds),
    a thread asking for ``embedder("none")`` waited for it. Each arguments' load has its own lock now."""
    from storycheck import nlp

    started, release = threading.Event(), threading.Event()

    class Slow:
        name = "slow"

        def __init__(self) -> None:
            started.set()
            release.wait(30)

    monkeypatch.delenv("STORYCHECK_EMBEDDER", raising=False)
    monkeypatch.setitem(nlp.EMBEDDERS, "slow", Slow)
    nlp.embedder.cache_clear()
    loader = threading.Thread(target=nlp.embedder, args=("slow",))
    try:
        loader.start()
        assert started.wait(10)
        got: list = []
        other = threading.Thread(target=lambda: got.append(nlp.embedder("none")))
        other.start()
        other.join(5)
        assert got == [None], "embedder('none') waited for another embedder's load"
    finally:
        release.set()
        loader.join(30)
        nlp.embedder.cache_clear()


def test_loaded_once_still_loads_once_for_one_argument():
    """Guard (passes on 0870435 too): threads asking for the same thing at once get one load."""
    from functools import lru_cache

    from storycheck.lru import loaded_once

    made, gate = [], threading.Barrier(4)

    @loaded_once
    @lru_cache(maxsize=2)
    def load(name: str) -> object:
        made.append(name)
        threading.Event().wait(0.2)
        return object()

    out: list = []

    def run() -> None:
        gate.wait()
        out.append(load("x"))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert made == ["x"] and len({id(o) for o in out}) == 1


# --- a folder walked once ---------------------------------------------------------------------------------------------


def test_a_folder_is_walked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """0870435 walked each folder twice (``corpus_files`` for the corpus files, ``passed_over`` for the others): a
    drop folder of many files paid two walks, and a file arriving between them could be in one list and not the
    other. One walk gives both; the notices are as before."""
    import json

    from storycheck import corpus as corpus_module

    drop = tmp_path / "drop"
    (drop / "sub").mkdir(parents=True)
    (drop / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": STRIKE}) + "\n", encoding="utf-8")
    (drop / "sub" / "wire.tsv").write_text("id\ttext\n", encoding="utf-8")
    walks = []
    real = corpus_module.os.walk
    monkeypatch.setattr(corpus_module.os, "walk", lambda *a, **k: walks.append(a) or real(*a, **k))
    corpus = corpus_module.read_corpus(drop)
    assert [d.id for d in corpus] == ["f1"]
    assert [(Path(b.input).name, b.code, b.skipped) for b in corpus.bad_rows] == [("wire.tsv", "E602", False)]
    assert len(walks) == 1


# --- check: E115's example for a text named "-t.txt", options after `--` ----------------------------------------------


def _e115(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> str:
    from typer.testing import CliRunner

    from storycheck.cli.main import app

    monkeypatch.chdir(tmp_path)
    for name, text in (("-t.txt", STRIKE.replace("900", "800")), ("a.txt", STRIKE), ("b.txt", STRIKE.replace("900", "700"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, argv, env={"COLUMNS": "400"})
    assert result.exit_code == 2 and "[E115]" in result.output, result.output
    return " ".join(result.output.replace("│", " ").split())


def test_e115s_example_for_a_text_named_with_a_dash_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`check --source a.txt -- b.txt -t.txt`: 0870435's example was `check -t.txt --source a.txt --source b.txt`,
    which Click refuses ("No such option: -t"); the text goes after `--` in the example now, and the example runs."""
    said = _e115(tmp_path, monkeypatch, ["check", "--source", "a.txt", "--", "b.txt", "-t.txt"])
    assert "`check --source a.txt --source b.txt -- -t.txt`" in said, said
    assert "`check -t.txt" not in said
    from typer.testing import CliRunner

    from storycheck.cli.main import app

    ran = CliRunner().invoke(app, ["check", "--embedder", "none", "--format", "json", "--source", "a.txt", "--source",
                                   "b.txt", "--", "-t.txt"])
    assert ran.exit_code == 0 and '"check"' in ran.output, ran.output


def test_e115_says_an_option_after_the_separator_is_read_as_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """`check --source a.txt -- -t.txt --source b.txt`: after `--` Click reads "--source" and "b.txt" as files, and
    0870435 asked which of "-t.txt, --source, b.txt" is the text, suggesting `... --source --source`."""
    said = _e115(tmp_path, monkeypatch, ["check", "--source", "a.txt", "--", "-t.txt", "--source", "b.txt"])
    assert "--source b.txt: given after `--`" in said, said
    assert "`check --source a.txt --source b.txt -- -t.txt`" in said and "--source --source" not in said


# --- nlp._decoder: the parser's and the NER's decoders, made once ------------------------------------------------------


def test_a_pipelines_decoder_is_made_once_when_threads_parse_at_once():
    """Session 28 locked ``token_rules`` (a pipeline's memo made on first use) but not its twin ``nlp._decoder``
    (``greedy_parser``, ``greedy_entities``): four threads parsing with a new pipeline each made the decoder."""
    import time

    from storycheck import nlp

    class Pipeline:  # (what ``_decoder`` reads of a spaCy pipeline)
        pipe_names = ["parser"]
        parser = object()

        def get_pipe(self, name: str) -> object:
            return self.parser

    made, gate, out = [], threading.Barrier(4), []
    pipeline, cache = Pipeline(), weakref.WeakKeyDictionary()

    def make(p: Pipeline) -> object:
        made.append(p)
        time.sleep(0.2)
        return object()

    def run() -> None:
        gate.wait()
        out.append(nlp._decoder(cache, pipeline, "parser", make))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(10)
    assert len(made) == 1 and len({id(o) for o in out}) == 1


def test_a_folders_other_file_is_named_once_when_the_folder_is_given_twice(tmp_path: Path):
    """A folder given twice (or as `drop` and `drop/`) said each of its other files twice (E602 notices, and "files
    not read" counted them twice); once now. (The folder's corpus files are still read twice, their ids renamed:
    as at the base.)"""
    import json

    from storycheck.corpus import read_corpus

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": STRIKE}) + "\n", encoding="utf-8")
    (drop / "README.txt").write_text("Drop folder for the night desk.\n", encoding="utf-8")
    corpus = read_corpus([drop, f"{drop}/", drop / "."])
    list(corpus)
    assert [(Path(b.input).name, b.code) for b in corpus.bad_rows if b.code == "E602"] == [("README.txt", "E602")]
