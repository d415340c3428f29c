"""Corpus readers: JSONL(.gz), CSV(.gz), Parquet and folders streamed to Documents; bad rows counted,
reported with their line number and skipped; ids unique and the same on every pass."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from storycheck.corpus import read_corpus

TEXT = "The port of Selvan was shut on Monday after dockworkers walked out over pay, the union said."


def test_jsonl_bad_rows_have_line_numbers(tmp_path: Path):
    lines = [
        json.dumps({"id": "a", "text": TEXT}),
        "",  # blank: layout, not a row
        "{not json",
        json.dumps({"id": "b", "title": "no text"}),
        json.dumps({"id": "a", "text": TEXT + " Again."}),  # duplicate id: renamed, noted
        json.dumps({"text": TEXT + " More."}),
    ]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    corpus = read_corpus(tmp_path / "feed.jsonl")
    docs = list(corpus)
    assert [d.id for d in docs] == ["a", "a-2", "feed-6"]
    assert docs[0].origin.endswith("feed.jsonl:1")
    skipped = [(b.line, b.code) for b in corpus.bad_rows if b.skipped]
    assert skipped == [(3, "E108"), (4, "E109")]
    assert [(b.line, b.code) for b in corpus.bad_rows if not b.skipped] == [(5, "E605")]
    assert corpus.rows == 5 and corpus.documents == 3 and corpus.bad_by_code() == {"E108": 1, "E109": 1}
    assert [d.id for d in corpus] == ["a", "a-2", "feed-6"]  # a second pass: same ids, counts reset
    assert corpus.skipped == 2


def test_gzip_csv_parquet_and_folder(tmp_path: Path):
    with gzip.open(tmp_path / "one.jsonl.gz", "wt") as fh:
        fh.write(json.dumps({"id": "gz", "text": TEXT}) + "\n")
    (tmp_path / "two.csv").write_text(
        'id,title,text,published\n'
        f'c1,Strike,"{TEXT}\nA second line.",2024-05-13\n'  # a quoted field over two lines
        'c2,Empty,,2024-05-13\n'  # no text: line 4
        'c3,Too,many,fields,here\n'  # line 5
        f'c4,Fine,"{TEXT}",2024-05-14\n'
    )
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": [TEXT, None], "source": ["Wire", "Wire"]}), tmp_path / "three.parquet")
    (tmp_path / "notes.txt").write_text("ignored: not a corpus file")
    corpus = read_corpus(tmp_path)
    docs = list(corpus)
    assert [d.id for d in docs] == ["gz", "p1", "c1", "c4"]  # files in sorted order
    assert docs[1].source == "Wire" and docs[2].published == "2024-05-13"
    bad = {(Path(b.input).name, b.line, b.code) for b in corpus.bad_rows}
    assert bad == {("two.csv", 4, "E109"), ("two.csv", 5, "E603"), ("three.parquet", 2, "E109"), ("notes.txt", 0, "E602")}
    assert [b.skipped for b in corpus.bad_rows if b.code == "E602"] == [False]  # named, not read, nothing skipped


def test_missing_and_unsupported_inputs_are_reported(tmp_path: Path):
    (tmp_path / "x.xml").write_text("<a/>")
    corpus = read_corpus([tmp_path / "nope.jsonl", tmp_path / "x.xml"])
    assert list(corpus) == []
    assert [(b.line, b.code) for b in corpus.bad_rows] == [(0, "E101"), (0, "E602")]


def test_csv_without_a_text_column_is_one_bad_file_not_a_bad_row_each(tmp_path: Path):
    """Named once as a whole-file problem (line 0, not counted as a row), as a Parquet file without the
    column is (it used to be one E109 a row; then line 1, the header, as if it were a data row)."""
    (tmp_path / "feed.csv").write_text("id,title,body\n" + "".join(f"r{i},T,{TEXT}\n" for i in range(50)))
    corpus = read_corpus(tmp_path / "feed.csv")
    assert list(corpus) == []
    [bad] = corpus.bad_rows
    assert (bad.line, bad.code) == (0, "E603") and bad.message.startswith("no 'text' or 'html' column")
    assert "'body'" in bad.message and corpus.rows == 0 and corpus.skipped == 1
    assert str(bad.notice()).startswith(f"[E603] {tmp_path / 'feed.csv'}: no 'text' or 'html' column")


def test_a_bad_rows_notice_says_its_line_once(tmp_path: Path):
    """``feed.jsonl:3: line 3 is not valid JSON`` said the line twice: the notice puts file:line in front,
    so the message says the problem only (CSV, Parquet and a renamed id alike)."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join([json.dumps({"id": "a", "text": TEXT}), json.dumps({"id": "a", "text": TEXT + " Again."}),
                               "{not json", json.dumps({"id": "b"})]) + "\n")  # fmt: skip
    (tmp_path / "two.csv").write_text(f'id,text\nc1,"{TEXT}",extra\n')
    pq.write_table(pa.table({"id": ["p1"], "text": [None]}), tmp_path / "three.parquet")
    corpus = read_corpus([feed, tmp_path / "two.csv", tmp_path / "three.parquet"])
    assert [d.id for d in corpus] == ["a", "a-2"]
    said = [str(b.notice()) for b in corpus.bad_rows]
    assert said == [
        f"[E605] {feed}:2: id 'a' is already taken; renamed",
        f"[E108] {feed}:3: not valid JSON: Expecting property name enclosed in double quotes at column 2",
        f"[E109] {feed}:4: no non-empty 'text' or 'html' field",
        f"[E603] {tmp_path / 'two.csv'}:2: 3 fields where the header has 2",
        f"[E109] {tmp_path / 'three.parquet'}:1: no non-empty 'text' or 'html' field",
    ]
