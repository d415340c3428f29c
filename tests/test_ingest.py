"""Ingest: files, folders and strings to Documents; every problem a typed error or a notice naming its input."""

from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest

from storycheck import ingest
from storycheck.errors import (
    BadJSONLine,
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    NoMainText,
    NotEnglish,
    NotFound,
    TooLarge,
    UnsupportedFormat,
)

ENGLISH = (
    "The U.N. envoy to Libya resigned on Thursday after talks in Geneva collapsed, officials said. "
    "He told reporters that the parties were far apart on the question of elections."
)

ARTICLE_HTML = """<!doctype html><html lang="en"><head>
<title>Envoy quits after talks fail | Daily Planet</title>
<meta property="og:site_name" content="Daily Planet">
<meta property="og:title" content="Envoy quits after talks fail">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
<link rel="canonical" href="https://planet.example.com/envoy">
</head><body><nav>Home | World | Sport</nav><article><h1>Envoy quits after talks fail</h1>
<p>The U.N. envoy to Libya resigned on Thursday, officials said, after talks in Geneva collapsed.</p>
<p>"We have done what we could," he told reporters, adding that the parties were far apart.</p>
<p>A successor is expected to be named within weeks, according to a diplomat in the city.</p>
</article><footer>Copyright 2021 Daily Planet</footer></body></html>"""


def write(path: Path, content: str | bytes) -> Path:
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def raises_naming(exc: type[InputError], name: str, call, *args, **kwargs) -> InputError:  # noqa: ANN001
    """The error is of the right type and its message names the input."""
    with pytest.raises(exc) as info:
        call(*args, **kwargs)
    assert name in str(info.value)
    return info.value


# --- plain-text conventions ---------------------------------------------------------------------


def test_header_block_fills_metadata_and_is_not_text():
    doc = ingest.from_text(
        "Title: Envoy quits\nOUTLET: Daily Planet\nURL: https://planet.example.com/e\nDate: 2021-03-04\n\n"
        + ENGLISH,
        id="a",
    )
    assert (doc.title, doc.source, doc.url, doc.published) == (
        "Envoy quits",
        "Daily Planet",
        "https://planet.example.com/e",
        "2021-03-04",
    )
    assert doc.text == ENGLISH


def test_opening_paragraph_with_a_colon_is_not_a_header():
    text = "WASHINGTON: The envoy resigned on Thursday.\n\nHe left the city."
    doc = ingest.from_text(text, id="a")
    assert doc.text.startswith("WASHINGTON: The envoy")


def test_headline_becomes_title_and_is_not_merged_into_the_first_sentence():
    doc = ingest.from_text("Envoy quits after talks fail\n\n" + ENGLISH, id="a")
    assert doc.title == "Envoy quits after talks fail"
    assert doc.text == ENGLISH
    assert "fail" not in doc.text


def test_headline_directly_above_one_paragraph_a_line():
    doc = ingest.from_text(
        "Envoy quits after talks fail\n" + ENGLISH + "\nA successor is expected soon.", id="a"
    )
    assert doc.title == "Envoy quits after talks fail"
    assert doc.text == ENGLISH + "\n\nA successor is expected soon."


def test_headline_other_than_the_given_title_stays_a_paragraph_of_its_own():
    doc = ingest.from_text("Exclusive report\n\n" + ENGLISH, id="a", title="Envoy quits")
    assert doc.title == "Envoy quits"
    assert doc.text == "Exclusive report\n\n" + ENGLISH


def test_first_line_of_hard_wrapped_text_is_not_a_headline():
    text = (
        "The U.N. envoy to Libya resigned on Thursday after talks held in\n"
        "Geneva collapsed, officials said, and the parties were still far\n"
        "apart on the question of elections and who would be allowed to\n"
        "stand."
    )
    doc = ingest.from_text(text, id="a")
    assert doc.title is None
    assert doc.text == " ".join(text.split("\n"))


@pytest.mark.parametrize("abbreviation", ["U.N.", "U.S.", "E.U."])
def test_line_broken_after_an_abbreviation_is_rejoined(abbreviation):
    doc = ingest.from_text(f"The {abbreviation}\nenvoy to Libya resigned on Thursday.\n\nHe left.", id="a")
    assert doc.text == f"The {abbreviation} envoy to Libya resigned on Thursday.\n\nHe left."


def test_line_broken_after_a_title_is_rejoined_even_before_a_capital():
    doc = ingest.from_text(
        "The talks were led by Gen.\nSmith and Dr.\nJones in Geneva.\n\nThey failed.", id="a"
    )
    assert doc.text == "The talks were led by Gen. Smith and Dr. Jones in Geneva.\n\nThey failed."


def test_month_abbreviation_before_a_day_is_rejoined():
    doc = ingest.from_text("Talks resume on Jan.\n5 in Geneva.\n\nThey failed.", id="a")
    assert doc.text.startswith("Talks resume on Jan. 5 in Geneva.")


def test_paragraphs_stay_apart_and_sentence_ends_keep_their_line_break():
    text = "The envoy resigned\non Thursday.\nHe left Geneva.\n\nA successor   is\texpected.   "
    doc = ingest.from_text(text, id="a")
    assert doc.text == "The envoy resigned on Thursday.\nHe left Geneva.\n\nA successor is expected."


def test_one_paragraph_a_line_format():
    text = "The envoy resigned on Thursday.\nHe told reporters that the parties\nwere far apart.\n\u201cWe tried,\u201d he said."
    doc = ingest.from_text(text, id="a")
    assert doc.text.split("\n\n") == [
        "The envoy resigned on Thursday.",
        "He told reporters that the parties were far apart.",
        "\u201cWe tried,\u201d he said.",
    ]


def test_unicode_is_repaired_and_curly_quotes_kept():
    mojibake = "The caf\u00c3\u00a9 owner called it \u201ca success\u201d on Thursday."
    doc = ingest.from_text(mojibake, id="a")
    assert doc.text == "The caf\u00e9 owner called it \u201ca success\u201d on Thursday."


def test_from_text_errors_name_the_input():
    raises_naming(EmptyInput, "memo.txt", ingest.from_text, " \n\t ", id="a", origin="memo.txt")
    raises_naming(EmptyInput, "doc-7", ingest.from_text, "", id="doc-7")
    raises_naming(TooLarge, "doc-7", ingest.from_text, "x" * 2000, id="doc-7", max_bytes=1000)


def test_french_and_german_are_refused_with_the_share_measured():
    french = (
        "Le ministre des Affaires étrangères a annoncé jeudi sa démission après l'échec des négociations "
        "à Genève. Selon plusieurs diplomates, les parties restent très éloignées sur la question des "
        "élections et du calendrier. Le successeur devrait être nommé dans les prochaines semaines."
    )
    german = (
        "Der Sondergesandte der Vereinten Nationen für Libyen ist am Donnerstag zurückgetreten, nachdem "
        "die Gespräche in Genf gescheitert waren. Nach Angaben von Diplomaten liegen die Parteien in der "
        "Frage der Wahlen weit auseinander. Ein Nachfolger soll in den kommenden Wochen ernannt werden."
    )
    for text in (french, german):
        err = raises_naming(NotEnglish, "foreign.txt", ingest.from_text, text, id="f", origin="foreign.txt")
        assert "%" in str(err)


def test_very_short_text_is_not_language_checked():
    assert ingest.from_text("Kurz und gut.", id="a").text == "Kurz und gut."


@pytest.mark.parametrize("text", [
    "Der Streik wurde am Montag von der Gewerkschaft ausgerufen.",
    "La grève a été déclenchée lundi par le syndicat.",
    "El sindicato convocó la huelga el lunes por la mañana.",
    "Il sindacato ha proclamato lo sciopero lunedì mattina.",
    "De vakbond heeft maandag de staking uitgeroepen.",
])  # fmt: skip
def test_one_foreign_sentence_is_refused(text: str):
    err = raises_naming(NotEnglish, "brief.txt", ingest.from_text, text, id="f", origin="brief.txt")
    assert "words common in German, French" in str(err) and "%" in str(err)


@pytest.mark.parametrize("text", [
    "Quake hits Iran, dozens dead.",
    "Ursula von der Leyen meets Macron in Paris.",
    "Real Madrid beat Atletico de Madrid 2-1 at the Bernabeu.",
    "Pope visits Santiago de Compostela, La Coruna.",
    "Lindsay Lohan Checks Into Rehab at Betty Ford Center.",
])  # fmt: skip
def test_short_english_headlines_with_foreign_names_are_read(text: str):
    assert ingest.from_text(text, id="h").text == text


# --- HTML ----------------------------------------------------------------------------------------


def test_html_main_text_and_metadata():
    doc = ingest.from_html(ARTICLE_HTML, id="p")
    assert doc.title == "Envoy quits after talks fail"
    assert doc.source == "Daily Planet"
    assert doc.url == "https://planet.example.com/envoy"
    assert doc.published == "2021-03-04"
    assert doc.text.startswith("The U.N. envoy to Libya resigned on Thursday")  # headline not repeated
    assert doc.text.count("\n\n") == 2
    assert "Home | World" not in doc.text and "Copyright" not in doc.text


def test_caller_metadata_wins_over_the_page():
    doc = ingest.from_html(ARTICLE_HTML, id="p", source="Planet Wire", published="2021-03-05")
    assert (doc.source, doc.published) == ("Planet Wire", "2021-03-05")


def test_broken_html_still_yields_its_text():
    broken = (
        "<html><body><div><p>The U.N. envoy to Libya resigned on Thursday <b>after talks <p>collapsed in "
        "Geneva, officials said. He told reporters that the parties were far apart"
    )
    doc = ingest.from_html(broken, id="b")
    assert doc.text.startswith("The U.N. envoy to Libya resigned on Thursday after talks collapsed in Geneva")
    assert "far apart" in doc.text


def test_html_without_text_is_no_main_text():
    page = (
        "<html><head><title>Live</title><script>var a = 1;</script></head><body><img src=a.png></body></html>"
    )
    raises_naming(NoMainText, "live.html", ingest.from_html, page, id="live", origin="live.html")


# --- files ---------------------------------------------------------------------------------------


def test_text_file_id_comes_from_the_stem(tmp_path):
    docs, notices = ingest.read_path(write(tmp_path / "Reuters Wire (1).txt", ENGLISH))
    assert [d.id for d in docs] == ["reuters-wire-1"]
    assert docs[0].origin == str(tmp_path / "Reuters Wire (1).txt")
    assert notices == []


def test_jsonl_keeps_good_lines_and_reports_bad_ones_by_number(tmp_path):
    lines = [
        json.dumps(
            {"id": "ap-1", "text": ENGLISH, "title": "Envoy quits", "outlet": "AP", "published": "2021-03-04"}
        ),
        "{not json",
        "",
        json.dumps({"id": "x", "title": "no text here"}),
        json.dumps({"html": ARTICLE_HTML}),
    ]
    path = write(tmp_path / "wire.jsonl", "\n".join(lines) + "\n")
    docs, notices = ingest.read_path(path)
    assert [d.id for d in docs] == ["ap-1", "wire-5"]
    assert (docs[0].title, docs[0].source, docs[0].published) == ("Envoy quits", "AP", "2021-03-04")
    assert docs[1].source == "Daily Planet" and docs[1].origin == f"{path}:5"
    assert [(n.code, n.skipped) for n in notices] == [("E108", True), ("E109", True)]
    assert "line 2" in notices[0].message and "line 4" in notices[1].message
    assert all(n.input == str(path) and str(n).startswith(f"[{n.code}] {path}: line ") for n in notices)


def test_jsonl_gz_and_an_over_long_line(tmp_path):
    path = tmp_path / "corpus.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write(json.dumps({"text": "x " * 600}) + "\n" + json.dumps({"text": ENGLISH}) + "\n")
    docs, notices = ingest.read_path(path, max_bytes=1000)
    assert [d.id for d in docs] == ["corpus-2"]
    assert [n.code for n in notices] == ["E105"] and notices[0].input == f"{path}:1"


def test_json_list(tmp_path):
    items = [
        {"text": ENGLISH, "title": "One"},
        {"text": ENGLISH.replace("Libya", "Syria")},
        {"title": "none"},
    ]
    path = write(tmp_path / "batch.json", json.dumps(items))
    docs, notices = ingest.read_path(path)
    assert [(d.id, d.title) for d in docs] == [("batch-1", "One"), ("batch-2", None)]
    assert [n.code for n in notices] == ["E112"] and "item 3" in notices[0].message


def test_invalid_json_file_names_its_line(tmp_path):
    path = write(tmp_path / "bad.json", '{\n  "text": "a",\n  oops\n}')
    err = raises_naming(InputError, "bad.json", ingest.read_path, path)
    assert err.code == "E108" and "line 3" in str(err)


def test_empty_file(tmp_path):
    raises_naming(EmptyInput, "empty.txt", ingest.read_path, write(tmp_path / "empty.txt", b""))
    raises_naming(EmptyInput, "blank.md", ingest.read_path, write(tmp_path / "blank.md", "  \n\n\t\n"))


def test_binary_file_says_what_was_found(tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64
    err = raises_naming(BinaryInput, "image.txt", ingest.read_path, write(tmp_path / "image.txt", png))
    assert "NUL bytes at offset 8" in str(err)


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: costs no disk, would cost time to read
    start = time.perf_counter()
    err = raises_naming(TooLarge, "huge.txt", ingest.read_path, path)
    assert time.perf_counter() - start < 1.0
    assert "50.0 MB" in str(err) and "10.0 MB" in str(err)


def test_cp1252_file_is_decoded_with_a_non_skipping_notice(tmp_path):
    text = (
        "The caf\u00e9 \u2014 \u201cquoted\u201d by the mayor \u2014 reopened on Thursday.\n\n"
        "Its owner, Ren\u00e9e Br\u00fbl\u00e9, said the \u201cr\u00f4ti\u201d was back at \u20ac5 a plate."
    )
    path = write(tmp_path / "legacy.txt", text.encode("cp1252"))
    docs, notices = ingest.read_path(path)
    assert docs[0].text == text
    assert [(n.code, n.skipped) for n in notices] == [("E111", False)]
    assert "decoded as cp1252" in notices[0].message and notices[0].input.endswith("legacy.txt")


def test_undecodable_bytes_are_an_encoding_error(tmp_path):
    data = bytes(range(0x80, 0x100)) * 8
    raises_naming(EncodingError, "noise.txt", ingest.read_path, write(tmp_path / "noise.txt", data))


def test_missing_path_and_unsupported_type(tmp_path):
    raises_naming(NotFound, "nowhere.txt", ingest.read_path, tmp_path / "nowhere.txt")
    err = raises_naming(
        UnsupportedFormat, "story.pdf", ingest.read_path, write(tmp_path / "story.pdf", ENGLISH)
    )
    assert "'.pdf'" in str(err)


# --- batches -------------------------------------------------------------------------------------


def test_folder_reads_supported_files_sorted_with_unique_ids(tmp_path):
    folder = tmp_path / "story"
    (folder / "sub").mkdir(parents=True)
    (folder / ".git").mkdir()
    write(folder / "b.txt", ENGLISH)
    write(folder / "a.html", ARTICLE_HTML)
    write(folder / "a.txt", ENGLISH.replace("Thursday", "Friday"))
    write(folder / "sub" / "c.md", ENGLISH.replace("Geneva", "Rome"))
    write(folder / ".hidden.txt", ENGLISH)
    write(folder / ".git" / "x.txt", ENGLISH)
    write(folder / "notes.csv", "a,b")
    docs, notices = ingest.read([folder])
    assert [Path(d.origin).relative_to(folder).as_posix() for d in docs] == [
        "a.html",
        "a.txt",
        "b.txt",
        "sub/c.md",
    ]
    assert [d.id for d in docs] == ["a", "a-2", "b", "c"]
    assert notices == []


def test_batch_with_a_bad_file_keeps_the_good_ones(tmp_path):
    good = write(tmp_path / "good.txt", ENGLISH)
    bad = write(tmp_path / "bad.txt", b"\x00\x01\x02")
    docs, notices = ingest.read([good, bad, tmp_path / "gone.txt", str(good)])
    assert [d.id for d in docs] == ["good"]
    assert [(n.code, n.skipped) for n in notices] == [("E103", True), ("E101", True), ("E202", True)]
    assert notices[0].input.endswith("bad.txt") and "binary" in notices[0].message
    assert notices[1].input == str(tmp_path / "gone.txt")
    assert notices[2].message == "named twice; read once"  # (session 26: a file named again is said, not silent)


def test_a_path_the_system_refuses_is_a_notice_not_a_crash(tmp_path):
    good = write(tmp_path / "good.txt", ENGLISH)
    too_long = str(tmp_path / ("a" * 5000))  # the OS refuses the name (ENAMETOOLONG)
    docs, notices = ingest.read([too_long, good])
    assert [d.id for d in docs] == ["good"]
    assert [n.code for n in notices] == ["E113"] and "too long" in notices[0].message
    with pytest.raises(InputError):
        ingest.read_path(too_long)


def test_ids_are_unique_across_files(tmp_path):
    write(tmp_path / "one.jsonl", json.dumps({"id": "story", "text": ENGLISH}) + "\n")
    write(tmp_path / "story.txt", ENGLISH)
    docs, _ = ingest.read([tmp_path / "one.jsonl", tmp_path / "story.txt"])
    assert [d.id for d in docs] == ["story", "story-2"]


def test_json_nested_too_deep_is_a_bad_line_not_a_crash(tmp_path):
    lines = [json.dumps({"id": "ok", "text": ENGLISH}), "[" * 100_000, json.dumps({"text": ENGLISH + " More."})]
    path = write(tmp_path / "deep.jsonl", "\n".join(lines) + "\n")
    docs, notices = ingest.read_path(path)
    assert [d.id for d in docs] == ["ok", "deep-3"]
    assert [n.code for n in notices] == ["E108"] and "line 2" in notices[0].message
    with pytest.raises(BadJSONLine):
        ingest.read_path(write(tmp_path / "deep.json", "[" * 100_000))


def test_a_corrupt_jsonl_gz_keeps_what_was_read(tmp_path):
    data = bytearray(gzip.compress((json.dumps({"text": ENGLISH}) + "\n").encode() * 50))
    for k in range(30, 60):  # damage the deflate stream, not the gzip header
        data[k] ^= 0xFF
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(bytes(data))
    docs, notices = ingest.read([path])
    assert [n.code for n in notices] == ["E113"] and "stopped partway" in notices[0].message


def test_trafilatura_is_imported_only_for_html():
    """A process that imports the batch (a Dask worker of it, which never reads HTML) does not pay for
    trafilatura's import (~0.15 s); reading a page imports it."""
    import subprocess
    import sys

    code = ("import sys, storycheck.batch; before = 'trafilatura' in sys.modules; "
            "from storycheck.ingest import from_html; from_html('<html><body><p>' + 'The port of the city was open on Monday and the workers said it is good. ' * 5 + '</p></body></html>', id='a'); "
            "print(before, 'trafilatura' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["False", "True"]


def test_utf16_without_a_byte_order_mark_is_text_not_binary(tmp_path):
    """Every other byte of it is NUL, which called it binary data (E103); it is decoded and noted (E111)."""
    for encoding in ("utf-16-le", "utf-16-be"):
        path = write(tmp_path / f"{encoding}.txt", ENGLISH.encode(encoding))
        docs, notices = ingest.read_path(path)
        assert [d.text for d in docs] == [ENGLISH]
        assert [(n.code, n.skipped) for n in notices] == [("E111", False)]
        assert f"{encoding.upper()} (no byte-order mark)" in notices[0].message
    docs, notices = ingest.read(write(tmp_path / "bin.txt", b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8))
    assert not docs and [n.code for n in notices] == ["E103"]


def test_even_length_binary_with_nuls_is_not_taken_for_utf16(tmp_path):
    """The NUL-pattern check only looks at even-length data (UTF-16 has two bytes a character), so binary
    data of even length is what it must not take for text: UTF-32 text (three NULs of four bytes), int16
    arrays (small counts, whose high bytes are NUL like UTF-16's; signed samples, whose high bytes vary),
    and the ELF sample above made even. Each stays binary data (E103)."""
    import struct

    cases = {
        "utf32le.txt": (ENGLISH * 3).encode("utf-32-le"),
        "int16_counts.bin.txt": struct.pack("<1024h", *(i % 256 for i in range(1024))),
        "int16_samples.txt": struct.pack("<2048h", *range(-1024, 1024)),
        "elf_even.txt": b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
    }
    for name, data in cases.items():
        assert len(data) % 2 == 0 and len(data) >= 8
        docs, notices = ingest.read(write(tmp_path / name, data))
        assert not docs and [n.code for n in notices] == ["E103"], (name, [str(n) for n in notices])


def test_a_record_with_a_text_of_the_wrong_type_says_so(tmp_path):
    lines = [json.dumps({"text": 12345}), "[1, 2]", json.dumps({"html": ["<p>a</p>"]}), json.dumps({"text": ENGLISH})]
    docs, notices = ingest.read_path(write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n"))
    assert len(docs) == 1 and [n.code for n in notices] == ["E109"] * 3
    assert notices[0].message.endswith("('text' is a number, not a string)")
    assert notices[1].message.endswith("(it is a list, not an object)")
    assert notices[2].message.endswith("('html' is a list, not a string)")


# the characters ``ingest._PLAIN`` takes: printable ASCII but "&", tab, newline, curly quotes, dashes, ellipsis
_PLAIN_CHARS = ["\t", "\n", *(chr(c) for c in range(0x20, 0x7F) if c != 0x26), *"\u2018\u2019\u201c\u201d\u2013\u2014\u2026"]


def test_plain_text_is_not_given_to_ftfy(monkeypatch):
    """A text of plain characters only (``_PLAIN``) is left as it is without running ftfy (~1 ms a text with
    curly quotes, on the process that reads a batch's corpus); any other character sends it through ftfy."""
    calls = []
    real = ingest.ftfy.fix_text

    def counting(text, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(ingest.ftfy, "fix_text", counting)
    plain = "The minister\u2019s \u201cplan\u201d \u2013 50% of it\u2026\n\n(said) <b> #1 ~ done"
    assert ingest._repair(plain) == plain
    assert calls == []
    for odd in ("Fish &amp; chips", "caf\u00c3\u00a9", "\u00a35", "line\r\nbreak", "ﬁne", "a\x07b", "x\u2028y"):
        ingest._repair(odd)
    assert len(calls) == 7


def test_plain_text_is_what_ftfy_gives():
    """What ``_repair`` skips, ftfy would leave unchanged: every character ``_PLAIN`` takes is listed, every
    string of one or two of them, every string of three of the non-ASCII ones with some ASCII ones around
    (ftfy's mojibake patterns are up to three characters long but for a few of four and five, which need
    letters outside these), and random longer strings. (Every string of three of all 103 characters was
    checked once: 1.1M strings, ~40 s.)"""
    import itertools
    import random
    import sys

    import ftfy

    taken = [chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF and ingest._PLAIN.fullmatch(chr(c))]
    assert sorted(taken) == sorted(_PLAIN_CHARS)
    some = [*"\u2018\u2019\u201c\u201d\u2013\u2014\u2026", "a", "Z", "0", " ", ".", "<", ";", "#", "\n", "'", '"', "$"]
    strings = ["".join(p) for k in (1, 2) for p in itertools.product(_PLAIN_CHARS, repeat=k)]
    strings += ["".join(p) for p in itertools.product(some, repeat=3)]
    rng = random.Random(7)
    strings += ["".join(rng.choices(_PLAIN_CHARS, k=rng.randrange(3, 60))) for _ in range(3000)]
    for s in strings:
        assert ingest._PLAIN.fullmatch(s)
        assert ftfy.fix_text(s, uncurl_quotes=False) == s, repr(s)
