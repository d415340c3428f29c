"""Session 32's walk (wt-user32: an editor with ``compare``, a media monitor with a corpus): the input and
presentation faults it met, each failing on a533ddc. News sentences written for these tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from storycheck import compare, ingest
from storycheck.corpus import read_corpus
from storycheck.records import Document
from storycheck.render import html, markdown, text
from storycheck.report import clip

FIRE = ("A fire tore through the Tallow Road paint factory in Eastmere on Friday, killing three workers, "
        "Fire Chief Ruth Abernathy said.")  # fmt: skip
ARREST = "Police arrested the factory's night manager on Saturday, a police spokesman said."


def _rows(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"{FIRE} {ARREST} Shift {i} was sent home."}).encode()
                    + b"\n" for i in range(n))  # fmt: skip


def test_views_cut_a_long_span_at_a_space_not_inside_a_name():
    """The text, Markdown and HTML views cut a long span at a fixed count of characters, inside a word: "Fire
    Chief Ruth Abern…" under a finding about how a name is spelled read as a third spelling."""
    long = "The blaze began shortly after 6 a.m. in the mixing hall and took more than five hours to bring under " \
           "control, said Fire Chief Ruth Abernathy."  # fmt: skip
    limit = long.index("Abernathy") + 6  # the cut would fall inside the surname
    for cut in (clip(long, limit), text._snippet(long, limit), markdown._clip(long, limit), html._clip(long, limit)):
        assert cut.endswith("Ruth…"), cut
        assert len(cut) <= limit
    assert clip(long, 500) == long
    word = "x" * 50
    assert clip(word, 20) == "x" * 19 + "…"  # one word longer than the limit is still cut inside it


def test_a_corpus_row_of_binary_data_is_said_to_be_binary(tmp_path: Path):
    """Bytes put in a row's text (NULs and controls through JSON's escapes) were refused as "does not look like
    English text" (E107); they are binary data (E103), as a .txt of them is, and the good rows are kept."""
    junk = "".join(chr(b) for b in bytes(range(256)) * 4)
    lines = [json.dumps({"id": "junk", "text": junk}), json.dumps({"id": "good", "text": f"{FIRE} {ARREST}"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n")
    corpus = read_corpus(tmp_path / "feed.jsonl")
    assert [d.id for d in corpus] == ["good"]
    [bad] = corpus.bad_rows
    assert (bad.line, bad.code) == (1, "E103") and "NUL" in bad.message
    docs, notices = ingest.read([tmp_path / "feed.jsonl"])
    assert [d.id for d in docs] == ["good"] and [n.code for n in notices] == ["E103"]


def test_a_document_of_binary_text_given_to_compare_is_refused_as_binary():
    junk = Document(id="junk", text="PK\x03\x04\x14\x00\x06\x00" * 40)
    good = [Document(id="a", text=f"{FIRE} {ARREST}"), Document(id="b", text=f"{ARREST} {FIRE}")]
    report = compare([junk, *good], embedder="none")
    assert [d.id for d in report.documents] == ["a", "b"]
    assert [(n.input, n.code) for n in report.notices] == [("junk", "E103")]


def test_gzip_data_is_read_whatever_the_file_is_named(tmp_path: Path):
    """A gzip file named .jsonl was read as text, every "line" of compressed bytes refused as not valid JSON (one
    E108 each); a plain JSONL file named .jsonl.gz was E113 "not a gzipped file". Both are read by their bytes,
    as ``eval`` reads its data."""
    (tmp_path / "zipped.jsonl").write_bytes(gzip.compress(_rows(40)))
    (tmp_path / "plain.jsonl.gz").write_bytes(_rows(30))
    for name, n in (("zipped.jsonl", 40), ("plain.jsonl.gz", 30)):
        corpus = read_corpus(tmp_path / name)
        assert len(list(corpus)) == n and corpus.bad_rows == [], name
        docs, notices = ingest.read([tmp_path / name])
        assert len(docs) == n and notices == [], name


def test_a_jsonl_file_of_binary_data_is_one_notice_naming_it(tmp_path: Path):
    """A .jsonl holding binary data (an image saved under the wrong name) was one E108 "not valid JSON" per
    "line" of it, hundreds of notices; it is refused once, E103 with the file's name, the other files kept."""
    blob = bytes(range(256)) * 64 + b"\n" + bytes(range(255, -1, -1)) * 64
    (tmp_path / "photo.jsonl").write_bytes(blob)
    (tmp_path / "good.jsonl").write_bytes(_rows(3))
    corpus = read_corpus([tmp_path / "photo.jsonl", tmp_path / "good.jsonl"])
    assert len(list(corpus)) == 3
    assert [(b.input, b.line, b.code) for b in corpus.bad_rows] == [(str(tmp_path / "photo.jsonl"), 0, "E103")]
    docs, notices = ingest.read([tmp_path / "photo.jsonl", tmp_path / "good.jsonl"])
    assert len(docs) == 3
    assert [(n.input, n.code) for n in notices] == [(str(tmp_path / "photo.jsonl"), "E103")]


WIRE = ("A fire tore through the Tallow Road paint factory in Eastmere on Friday, killing three workers. "
        "The blaze began in the mixing hall shortly after dawn, Fire Chief Ruth Abernathy said. "
        "About 60 people were at work in the plant when the fire started. "
        "Police arrested the factory's night manager on Saturday, a police spokesman said.")  # fmt: skip
REPRINT = ("The paint workers' union demanded a public inquiry into the blaze on Sunday. "
           "A fire tore through the Tallow Road paint factory in Eastmere on Friday, killing three workers. "
           "The blaze began in the mixing hall shortly after dawn, Fire Chief Ruth Abernathy said. "
           "About 60 people were at work in the plant when the fire started.")  # fmt: skip


def test_every_view_says_which_report_derives_from_which_in_a_sentence():
    """The lineage was a table only ("wire → reprint ... likely source yes"): which way the arrow runs and what
    "yes" answers were left to the editor. Each view now says it first, as a sentence."""
    report = compare([Document(id="wire", text=WIRE), Document(id="reprint", text=REPRINT)], embedder="none")
    [edge] = [e for e in report.lineage if e.likely_source]
    assert (edge.source, edge.derived) == ("wire", "reprint")
    said = "reprint derives from wire: 76% of its text is wire's sentences, in the same order; it adds 1 sentence"
    plain = text.to_text(report, width=300)
    assert said in plain and plain.index(said) < plain.index("source → derived")
    md = markdown.to_markdown(report)
    assert said in md and md.index(said) < md.index("| source → derived |")
    page = html.to_html(report)
    assert "derives from" in page and page.index("derives from") < page.index("<th>Source → derived</th>")


def test_a_claim_corroborated_only_by_a_copy_is_said_to_be_one_source():
    """"The reports state this claim alike" over a wire story and its reprint read as two sources agreeing; the
    views now say the reprint derives from the wire on each such claim, and not on a claim a third report,
    written apart, shares."""
    apart = ("Three workers were killed on Friday when fire swept through the Tallow Road paint factory in "
             "Eastmere. Officers arrested the night manager of the factory on Saturday, police said.")  # fmt: skip
    docs = [Document(id="wire", text=WIRE), Document(id="reprint", text=REPRINT)]
    report = compare(docs, embedder="none")
    alike = [f for f in report.findings if f.kind == "corroborated"]
    assert alike and all({s.doc for s in f.evidence} == {"wire", "reprint"} for f in alike)
    note = "One source: reprint derives from wire."
    plain, md, page = text.to_text(report, width=300), markdown.to_markdown(report), html.to_html(report)
    for view in (plain, md, page):
        assert view.count(note) == len(alike)
    three = compare([*docs, Document(id="apart", text=apart)], embedder="none")
    shared = [f for f in three.findings if f.kind == "corroborated" and "apart" in {s.doc for s in f.evidence}]
    assert shared, "the third report corroborates nothing: the test says nothing"
    assert text.to_text(three, width=300).count(note) == sum(
        1 for f in three.findings if f.kind == "corroborated" and {s.doc for s in f.evidence} == {"wire", "reprint"})


def test_a_utf16_jsonl_file_is_one_e104_naming_it(tmp_path: Path):
    """A JSONL saved as UTF-16 was one E108 "not UTF-8" per line with a byte-order mark, and without one its NULs
    would make it "binary data": E104 once for the file, as ``eval`` says of its data, the other files kept."""
    body = _rows(3).decode()
    (tmp_path / "bom.jsonl").write_bytes(body.encode("utf-16"))
    (tmp_path / "nobom.jsonl").write_bytes(body.encode("utf-16-le"))
    (tmp_path / "good.jsonl").write_bytes(_rows(2))
    names = [tmp_path / "bom.jsonl", tmp_path / "nobom.jsonl", tmp_path / "good.jsonl"]
    corpus = read_corpus(names)
    assert len(list(corpus)) == 2
    assert [(b.input, b.line, b.code) for b in corpus.bad_rows] == [(str(p), 0, "E104") for p in names[:2]]
    assert "UTF-16" in corpus.bad_rows[0].message
    docs, notices = ingest.read(names)
    assert len(docs) == 2 and [(n.input, n.code) for n in notices] == [(str(p), "E104") for p in names[:2]]
