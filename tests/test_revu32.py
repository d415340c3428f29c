"""Session 32's hostile review of wt-user32 (wt-revu32): faults in its binary, gzip and lineage changes, each
test failing on 9ef61b2. News sentences written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from storycheck import compare, ingest
from storycheck.corpus import read_corpus
from storycheck.records import Document
from storycheck.render import html, markdown, text

FIRE = ("A fire tore through the Tallow Road paint factory in Eastmere on Friday, killing three workers, "
        "Fire Chief Ruth Abernathy said. Police arrested the factory's night manager on Saturday.")  # fmt: skip


def _rows(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"r{i}", "text": f"{FIRE} Shift {i} was sent home."}).encode() + b"\n"
                    for i in range(n))  # fmt: skip


def test_a_jsonl_file_with_one_bad_line_of_raw_bytes_keeps_its_good_rows(tmp_path: Path):
    """The file-level binary check refused a whole JSONL when its first 8 KB held one NUL: a feed whose writer
    crashed (NUL padding after the last good row) or with one row of raw control bytes lost every good row.
    Each is read line by line, as before the check, the bad line named alone (E108)."""
    (tmp_path / "padded.jsonl").write_bytes(_rows(5) + b"\x00" * 300)
    rows = _rows(5).split(b"\n")
    rows[2] = rows[2].replace(b"Shift", b"Shift\x00\x01\x02")
    (tmp_path / "raw.jsonl").write_bytes(b"\n".join(rows))
    for name, kept, line in (("padded.jsonl", 5, 6), ("raw.jsonl", 4, 3)):
        corpus = read_corpus(tmp_path / name)
        assert len(list(corpus)) == kept, name
        assert [(b.line, b.code) for b in corpus.bad_rows] == [(line, "E108")], name
        docs, notices = ingest.read([tmp_path / name])
        assert len(docs) == kept and [n.code for n in notices] == ["E108"], name
    (tmp_path / "photo.jsonl").write_bytes(bytes(range(256)) * 64)  # binary data is still refused once
    photo = read_corpus(tmp_path / "photo.jsonl")
    assert list(photo) == [] and [(b.line, b.code) for b in photo.bad_rows] == [(0, "E103")]


def test_a_row_with_one_stray_nul_is_text_not_binary(tmp_path: Path):
    """A scraped article with one ``\\u0000`` in its JSON was read on a533ddc and refused as binary data (E103) by
    the string check (one NUL was enough, as for a file's bytes); a row of bytes is still E103."""
    stray = json.dumps({"id": "stray", "text": f"{FIRE} The night\u0000 shift was sent home early."})
    junk = json.dumps({"id": "junk", "text": "PK\x03\x04\x14\x00\x06\x00" * 40})
    (tmp_path / "feed.jsonl").write_text(f"{stray}\n{junk}\n")
    corpus = read_corpus(tmp_path / "feed.jsonl")
    assert [d.id for d in corpus] == ["stray"]
    assert [(b.line, b.code) for b in corpus.bad_rows] == [(2, "E103")] and "NUL" in corpus.bad_rows[0].message
    docs, notices = ingest.read([tmp_path / "feed.jsonl"])
    assert [d.id for d in docs] == ["stray"] and "\x00" not in docs[0].text
    assert [n.code for n in notices] == ["E103"]


WIRE = ("A fire tore through the Tallow Road paint factory in Eastmere on Friday, killing three workers. "
        "The blaze began in the mixing hall shortly after dawn, Fire Chief Ruth Abernathy said. "
        "About 60 people were at work in the plant when the fire started. "
        "Police arrested the factory's night manager on Saturday, a police spokesman said.")  # fmt: skip
TWIN = WIRE.replace("mixing hall", "mixing room")  # a copy with one word changed: each is all the other's


def test_two_copies_of_each_other_are_not_said_to_derive_one_from_the_other():
    """Two copies of each other with no publication times to tell them apart: lineage picks the source by the
    content hash (order-free, arbitrary), and the views said "b derives from a: 100% of its text is a's
    sentences" and "One source: b derives from a.", a direction nothing supports. They say the two are copies of
    each other; when ``published`` says which came first, the direction is said."""
    report = compare([Document(id="cat", text=WIRE), Document(id="dog", text=TWIN)], embedder="none")
    alike = [f for f in report.findings if f.kind == "corroborated"]
    assert alike, "no corroborated finding: the test says nothing"
    pair = "cat and dog are copies of each other"
    plain, md = text.to_text(report, width=300), markdown.to_markdown(report)
    assert f"{pair}: every sentence" in plain and f"{pair}: every sentence" in md
    for view in (plain, md, html.to_html(report)):
        assert "derives from" not in view and "derive from" not in view
        assert "are copies of each other: every sentence of each is in the other" in view  # html links the ids
        assert view.count(f"One source: {pair}.") == len(alike)
    dated = compare([Document(id="cat", text=WIRE, published="2026-03-04"),
                     Document(id="dog", text=TWIN, published="2026-03-03")], embedder="none")  # fmt: skip
    md = markdown.to_markdown(dated)
    assert "cat derives from dog: 100% of its text is dog's sentences" in md and "copies of each other" not in md
    assert md.count("One source: cat derives from dog.") == len(alike)


def test_a_claim_a_reprint_states_in_its_own_added_sentence_is_not_one_source():
    """A reprint of the wire that drops the wire's arrest sentence and states the arrest in a new sentence of its
    own: "One source: reprint derives from wire." stood under that claim too, though the reprint's words for it
    are not the wire's (they are in what it adds). Claims it copied keep the note."""
    own = "Officers arrested the night manager of the factory on Saturday, police said. "
    reprint = own + WIRE.rsplit(" Police", 1)[0]
    report = compare([Document(id="wire", text=WIRE), Document(id="reprint", text=reprint)], embedder="none")
    [edge] = [e for e in report.lineage if e.likely_source]
    assert (edge.source, edge.derived) == ("wire", "reprint") and edge.added[0].text.startswith("Officers")
    alike = [f for f in report.findings if f.kind == "corroborated"]
    arrest = [f for f in alike if any(s.doc == "reprint" and s.text.startswith("Officers") for s in f.evidence)]
    assert len(arrest) == 1 and len(alike) >= 3
    note = "One source: reprint derives from wire."
    for view in (text.to_text(report, width=300), markdown.to_markdown(report), html.to_html(report)):
        assert view.count(note) == len(alike) - 1


def test_a_utf32_file_is_read_as_utf32_not_as_utf16(tmp_path: Path):
    """UTF-32's little-endian byte-order mark begins with UTF-16's: a UTF-32 .txt was decoded as UTF-16, a text
    with a NUL after every letter (refused as binary data by 9ef61b2), and a UTF-32 JSONL was "UTF-16 text".
    The .txt is read as the same text saved in UTF-8; the JSONL is E104 naming UTF-32."""
    (tmp_path / "wide.txt").write_bytes(FIRE.encode("utf-32"))
    (tmp_path / "narrow.txt").write_bytes(FIRE.encode("utf-8"))
    docs, notices = ingest.read([tmp_path / "wide.txt"])
    assert notices == [] and [d.text for d in docs] == [d.text for d in ingest.read([tmp_path / "narrow.txt"])[0]]
    (tmp_path / "wide.jsonl").write_bytes(_rows(2).decode().encode("utf-32"))
    corpus = read_corpus(tmp_path / "wide.jsonl")
    assert list(corpus) == [] and [(b.line, b.code) for b in corpus.bad_rows] == [(0, "E104")]
    assert "UTF-32" in corpus.bad_rows[0].message


LONG = [
    "Firefighters from four stations fought the flames for more than five hours before the roof collapsed.",
    "Residents of nearby Canal Street were told to keep their windows closed because of the thick smoke.",
    "The factory, which opened in 1987, employed about 240 people and supplied paint to builders in the region.",
    "Its owner, Marrow Coatings, said in a statement that it was cooperating fully with the investigation.",
    "A spokeswoman for the county health board said the air quality would be monitored through the weekend.",
    "Two of the injured workers were flown to the burns unit at St Columba's Hospital in Westford.",
    "The local council opened the community hall on Mill Lane as a rest centre for displaced families.",
    "Union officials said workers had complained about faulty wiring in the mixing hall last spring.",
    "An inspection report from January found no breach of the fire code, according to the council.",
    "The town's mayor, Lena Brock, ordered flags on public buildings to be flown at half mast on Monday.",
    "Traffic on the ring road was diverted for most of Friday while crews cooled the burning drums of solvent.",
    "Investigators from the national fire safety agency are expected at the site early next week.",
    "A vigil for the three workers who died will be held on Sunday evening outside the factory gates.",
    "Local businesses have started a fund for the families of the dead and injured workers.",
    "The plant is expected to remain closed for several months while the damage is assessed.",
    "Insurance assessors visited the site on Saturday afternoon and declined to comment on the losses.",
    "Neighbours described hearing a series of loud explosions shortly before the first fire engines arrived.",
    "Police said there was no evidence that the fire had been started deliberately but had not ruled it out.",
    "The arrested manager was later released on bail pending further inquiries, the spokesman added.",
    "Eastmere's only other large employer, a bottling plant, offered temporary jobs to the factory's staff.",
]  # fmt: skip


def test_a_reprint_that_adds_a_byline_is_not_said_to_be_all_the_wire():
    """Rounded to the nearest percent, a long wire story reprinted with a byline added (more than 99.5% of its
    text reused) read "100% of its text is wire's sentences, in the same order; it adds 1 sentence"."""
    body = " ".join([WIRE, *LONG])
    report = compare([Document(id="wire", text=body, published="2026-03-03"),
                      Document(id="reprint", text=body + " By Ann Lee.", published="2026-03-04")],
                     embedder="none")  # fmt: skip
    [edge] = [e for e in report.lineage if e.likely_source]
    assert edge.derived == "reprint" and len(edge.added) == 1 and 0.995 <= edge.reuse < 1
    md = markdown.to_markdown(report)
    assert "reprint derives from wire: 99% of its text is wire's sentences, in the same order; it adds 1" in md
    assert "| wire → reprint | 99% | 100% |" in md and "99%" in text.to_text(report, width=300)  # the table too
