"""Session 28 (wt-user28): the product as its users meet it, sixth walk; session 27's left items first.

Every test here fails on the base b944851 (``PYTHONPATH=/tmp/base28/src pytest tests/test_user28.py``, run from a
copy of this file), except those marked as guards."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycheck.cli.main import app
from storycheck.errors import NotEnglish
from storycheck.ingest import _check_english

STRIKE = ("Dockworkers at the port of Selvan walked out on Monday over pay, the union said. About 900 members joined the "
          "strike, and ships were held outside the harbour.")
STRIKE2 = ("The port of Selvan was shut on Monday as dockworkers struck over pay. The union said about 900 members "
           "walked out.")


def _said(result) -> str:  # noqa: ANN001
    return " ".join(result.output.replace("│", " ").split())


# --- 1. check's files after one --source ---------------------------------------------------------------------------


def _files(tmp_path: Path) -> tuple[str, str, str]:
    for name, text in (("t.txt", STRIKE2), ("a.txt", STRIKE), ("b.txt", STRIKE.replace("900", "700"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tuple(str(tmp_path / n) for n in ("a.txt", "b.txt", "t.txt"))


@pytest.mark.parametrize("source", ["--source", "-s", "--source="])
def test_check_with_a_list_after_source_asks_which_is_the_text(tmp_path: Path, source: str):
    """`check --source a.txt b.txt t.txt`: Click took b.txt for the text and t.txt as extra, and the message said
    "check reads one text (b.txt)" and to give `--source t.txt`: the text made a source. The text is somewhere in
    that list; now E115 names the files, asks, and shows the command with the last one as the text."""
    a, b, t = _files(tmp_path)
    args = [f"--source={a}"] if source.endswith("=") else [source, a]
    result = CliRunner().invoke(app, ["check", *args, b, t, "--embedder", "none"], env={"COLUMNS": "3000"})
    said = _said(result)
    assert result.exit_code == 2 and f"[E115] {b}, {t}: given after --source {a}" in said, said
    assert f"`check {t} --source {a} --source {b}` (if {t} is the text)" in said
    assert "check reads one text (" not in said


def test_check_with_the_text_first_and_a_list_after_source_names_each_source(tmp_path: Path):
    """The text first (as the usage line says) and two files after one --source: the sources are plain, and the
    message (session 27's) now has its code."""
    a, b, t = _files(tmp_path)
    result = CliRunner().invoke(app, ["check", t, "--source", a, b, "--embedder", "none"], env={"COLUMNS": "3000"})
    said = _said(result)
    assert result.exit_code == 2 and f"[E115] {b}: check reads one text ({t})" in said, said
    assert f"give each source its own --source (--source {a} --source {b})" in said


# --- 2. caches and loaders made on first use, from several threads at once -------------------------------------------


def _together(n: int, work) -> list:  # noqa: ANN001
    """``work(i)`` on n threads started together; their results (or what they raised)."""
    gate, out = threading.Barrier(n), [None] * n

    def run(i: int) -> None:
        gate.wait()
        try:
            out[i] = work(i)
        except Exception as exc:  # noqa: BLE001 - handed back to the test
            out[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for th in threads:
        th.start()
    for th in threads:
        th.join(120)
    return out


def test_the_parts_cache_is_made_once_when_threads_analyse_at_once(monkeypatch):
    """``analyze._PARTS`` was made on first use with no lock: four threads analysing at once each made a
    ``ParseCache`` (and each registered it in ``nlp._ALL_CACHES``, the set ``forget_parses`` iterates)."""
    from storycheck import analyze, nlp
    from storycheck.records import Document

    made = []

    class Slow(nlp.ParseCache):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            made.append(self)
            time.sleep(0.3)  # (a thread switch here is all the race needs)
            super().__init__(*args, **kwargs)

    texts = [STRIKE.replace("900", str(n)) for n in (100, 200, 300, 400)]
    sdocs = nlp.parse(texts)
    monkeypatch.setattr(nlp, "ParseCache", Slow)
    monkeypatch.setattr(analyze, "_PARTS", None)
    out = _together(4, lambda i: analyze.analyze_parsed(Document(id=f"d{i}", text=texts[i]), sdocs[i]))
    assert not [o for o in out if isinstance(o, Exception)], out
    assert len(made) == 1 and analyze._PARTS is made[0]
    assert all(len(o.clauses) == len(out[0].clauses) for o in out)


def test_a_loader_asked_by_threads_at_once_loads_once(monkeypatch):
    """``senses()`` (as ``nlp.tagger()`` and ``nlp.embedder()``) was a bare ``lru_cache``, which holds no lock while
    it calls: threads asking at once each loaded (here: each opened the word net)."""
    from storycheck import senses as senses_module

    calls = []

    def slow_wordnet():  # noqa: ANN202
        calls.append(1)
        time.sleep(0.3)
        return None

    senses_module.senses.cache_clear()
    monkeypatch.setattr(senses_module, "_wordnet", slow_wordnet)
    try:
        out = _together(4, lambda i: senses_module.senses())
    finally:
        senses_module.senses.cache_clear()
    assert len(calls) == 1 and len({id(o) for o in out}) == 1


def test_a_batch_workers_analysis_cache_is_made_once(monkeypatch):
    """``batch.run_story`` made its process's ``AnalysisCache`` on first use with no lock; a Dask worker of several
    threads made one per thread meeting ``None``, and a story's ``analysed`` was counted across two caches."""
    from storycheck import batch
    from storycheck.errors import NotEnoughDocuments

    made = []

    class Slow(batch.AnalysisCache):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
            made.append(self)
            time.sleep(0.3)
            super().__init__(*args, **kwargs)

    def refuse(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202 - the engine is not what is tested
        raise NotEnoughDocuments("s", detail="one report")

    monkeypatch.setattr(batch, "AnalysisCache", Slow)
    monkeypatch.setattr(batch, "_CACHE", None)
    monkeypatch.setattr(batch, "warm_up", lambda embedder: None)
    monkeypatch.setattr(batch, "compare_documents", refuse)
    out = _together(4, lambda i: batch.run_story(f"s{i}", [], "none"))
    assert [o["status"] for o in out] == ["failed"] * 4 and [o["analysed"] for o in out] == [0] * 4
    assert len(made) == 1


# --- 4. a Romance headline in capitals whose function words are all particles ----------------------------------------


@pytest.mark.parametrize("text", ["IL GOVERNO DI ROMA APPROVA LA LEGGE", "EL GOBIERNO DE ESPAÑA APRUEBA LA REFORMA",
                                  "LA CAMERA DI MILANO APPROVA IL PIANO DELLA REGIONE"])
def test_an_italian_or_spanish_headline_of_particles_alone_is_refused(text: str):
    """Session 27 let these pass: the particles (IL, DI, LA, DE) count only beside a function word English
    capitals never write, and they had none. Every other word ending in a vowel and no English function word
    marks them now."""
    with pytest.raises(NotEnglish):
        _check_english(text, "it.txt")


@pytest.mark.parametrize("text", ["LA DA DROPS CASE AGAINST DE LA CRUZ", "LOS ALAMOS, LA JOLLA AND EL CENTRO: DA URGES CALM",
                                  "SAN JOSE, LOS ANGELES, LAS VEGAS, EL PASO AND LA PAZ: STORMS HIT",
                                  "LA NINA DE SANTA FE: DA SAYS SO", "DI MARIA LA LIGA DE JONG CRUZ"])
def test_english_capitals_with_particles_still_pass(text: str):
    """Guard (passes on the base too): English capitals naming places and offices with particles."""
    _check_english(text, "en.txt")


@pytest.mark.parametrize("text", ["VON DER LEYEN, LULA DA SILVA AND DE LA CRUZ",
                                  "URSULA VON DER LEYEN MEETS VAN DER BELLEN IN VIENNA"])
def test_english_capitals_naming_von_der_leyen_pass(text: str):
    """VON and DER are German function words, so a headline naming von der Leyen counted them and was E107 (at base
    too); the pair VON/VAN DER/DEN is a name's now."""
    _check_english(text, "en.txt")


@pytest.mark.parametrize("text", ["DER STREIK VON DER GEWERKSCHAFT WURDE AM MONTAG AUSGERUFEN",
                                  "BERICHT VON DER GRENZE: DIE LAGE IST RUHIG"])
def test_german_capitals_with_von_der_are_still_refused(text: str):
    """Guard (refused on the base too): German capitals have their own function words beside VON DER."""
    with pytest.raises(NotEnglish):
        _check_english(text, "de.txt")


# --- the walk: a newsroom's drop folder ----------------------------------------------------------------------------


def test_a_semicolon_csv_with_a_bom_is_read(tmp_path: Path):
    """A spreadsheet saved as CSV where the comma is the decimal mark is separated by ";" (with Excel's BOM): the
    whole file was refused, "no 'text' or 'html' column (the header has 'id;title;text;source;published')". Its
    header decides; a text's own semicolons and commas stay in the text."""
    from storycheck.corpus import read_corpus

    feed = tmp_path / "wire.csv"
    text2 = STRIKE2.replace("pay.", "pay; talks resume, the union said, on Friday.")
    feed.write_text(f'id;title;text;source;published\nw1;Port strike;"{STRIKE}";Wire;2026-11-27T08:00:00+01:00\n'
                    f'w2;Port shut;"{text2}";Herald;2026-11-27\n', encoding="utf-8-sig")
    corpus = read_corpus(feed)
    docs = list(corpus)
    assert [d.id for d in docs] == ["w1", "w2"] and not corpus.bad_rows
    assert docs[1].text == text2 and docs[0].source == "Wire" and docs[0].published == "2026-11-27T08:00:00+01:00"
    tabbed = tmp_path / "agency.csv"
    tabbed.write_text(f"id\ttext\na1\t{STRIKE}\n", encoding="utf-8")
    assert [d.id for d in read_corpus(tabbed)] == ["a1"]


def test_a_comma_csv_whose_text_holds_semicolons_reads_as_before(tmp_path: Path):
    """Guard (passes on the base too): a comma file is read with commas whatever its texts hold."""
    from storycheck.corpus import read_corpus

    feed = tmp_path / "wire.csv"
    feed.write_text(f'id,text\nw1,"{STRIKE}; talks resume; ships wait"\n', encoding="utf-8")
    assert [d.text for d in read_corpus(feed)] == [f"{STRIKE}; talks resume; ships wait"]


def test_the_clustering_window_reads_an_rss_date():
    """An RSS feed's pubDate ("Thu, 27 Nov 2026 07:02:00 GMT") was no time to the clustering (the lineage and the
    future-date margin read it): such a row could join a story of any day."""
    from storycheck.cluster import _posix

    iso = _posix("2026-11-27T07:02:00Z")
    assert _posix("Thu, 27 Nov 2026 07:02:00 GMT") == iso and _posix("Thu, 27 Nov 2026 08:02:00 +0100") == iso
    assert _posix("27 Nov 2026 07:02 -0000") == iso and _posix("Thursday morning") is None


def test_a_folders_other_files_are_named_not_passed_over(tmp_path: Path):
    """A drop folder's `feed.json` (a JSON array) and README.txt were passed over without a word: now each is an
    E602 notice of the run (no row lost, nothing skipped), and the summary says "files not read"."""
    import json

    from storycheck.corpus import read_corpus

    drop = tmp_path / "drop"
    drop.mkdir()
    (drop / "feed.jsonl").write_text(json.dumps({"id": "f1", "text": STRIKE}) + "\n" +
                                     json.dumps({"id": "f2", "text": STRIKE2}) + "\n", encoding="utf-8")
    (drop / "feed.json").write_text(json.dumps([{"id": "j1", "text": STRIKE}]), encoding="utf-8")
    (drop / "README.txt").write_text("Drop folder for the night desk.\n", encoding="utf-8")
    (drop / ".hidden.txt").write_text("x", encoding="utf-8")
    corpus = read_corpus(drop)
    assert [d.id for d in corpus] == ["f1", "f2"] and corpus.skipped == 0
    said = [str(n) for n in corpus.notices()]
    assert said == [f"[E602] {drop / 'README.txt'}: not read: '.txt' is not a corpus file type (.jsonl, .jsonl.gz, "
                    ".csv, .csv.gz, .parquet)", f"[E602] {drop / 'feed.json'}: not read: '.json' is not a corpus "
                    "file type (.jsonl, .jsonl.gz, .csv, .csv.gz, .parquet)"]
    result = CliRunner().invoke(app, ["batch", str(drop), "--out", str(tmp_path / "o"), "--workers", "0",
                                      "--embedder", "none", "-q"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    said = _said(result)
    assert "files not read 2 (not a corpus file type: README.txt, feed.json)" in said, said
    assert "rows noted" not in said


def test_the_clustering_window_reads_a_written_date_as_the_margin_and_the_lineage_do():
    """revu28: "27 Nov 2026" and "November 27, 2026 7:02 AM" were no time to the clustering window while the
    future-date margin and the lineage read them; a date alone is the start of its day (UTC)."""
    from storycheck.cluster import _posix

    midnight = _posix("2026-11-27T00:00:00Z")
    assert _posix("27 Nov 2026") == midnight and _posix("November 27, 2026") == midnight
    assert _posix("November 27, 2026 7:02 AM") == _posix("2026-11-27T07:02:00Z")
    assert _posix("Thursday morning") is None and _posix("last week") is None and _posix("Nov 27") is None
