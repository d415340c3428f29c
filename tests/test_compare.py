"""The two interfaces of ``compare`` (Python API and CLI) and what they do with bad input: a clear,
coded message naming the input; one bad document in a batch is reported and skipped."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storycheck
from storycheck.cli.main import app
from storycheck.errors import DuplicateDocuments, NotEnoughDocuments, StoryError
from storycheck.records import Document
from storycheck.report import to_dict, validate

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "examples" / "story"
runner = CliRunner()


@pytest.fixture()
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    shutil.copytree(STORY, folder)
    return folder


def _bad_inputs(folder: Path) -> dict[str, str]:
    """One of each kind of bad document, beside the good ones; name → expected error code."""
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (folder / "broken.html").write_text("<html><head><title>x</title></head><body><div><script>var a=1;</script>")
    (folder / "french.txt").write_text(
        "Les dockers du port ont cessé le travail lundi, paralysant le plus grand terminal du pays. "
        "Le syndicat a appelé à la grève après l'échec des négociations salariales avec les employeurs. "
        "Selon le ministère, les discussions reprendront jeudi si les deux parties acceptent la médiation."
    )
    with open(folder / "huge.txt", "wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    (folder / "feed.jsonl").write_text('{"id": "ok", "text": "' + "The port was quiet on Tuesday. " * 3 + '"}\n{not json\n{"title": "no text"}\n')
    return {"empty.txt": "E102", "binary.txt": "E103", "broken.html": "E106", "french.txt": "E107",
            "huge.txt": "E105", "feed.jsonl": "E108"}  # fmt: skip


def test_api_returns_report_with_notices_for_each_bad_input(story: Path):
    expected = _bad_inputs(story)
    report = storycheck.compare([story], embedder="none")
    assert {d.id for d in report.documents} >= {"northwire", "daily-ledger", "coastal-herald"}
    codes: dict[str, set[str]] = {}
    for n in report.notices:
        if n.skipped:
            codes.setdefault(Path(n.input.split(":")[0]).name, set()).add(n.code)
    for name, code in expected.items():
        assert code in codes.get(name, set()), (name, [(n.input, n.code, n.message) for n in report.notices])
    assert codes["feed.jsonl"] == {"E108", "E109"}  # the bad line and the line without text
    assert "ok" in {d.id for d in report.documents}  # ...and the good line was kept
    for n in report.notices:  # the message says the problem only: the input and the code are said once, by str(n)
        own = Path(n.input.split(":")[0]).name
        assert n.input and n.code not in n.message and own not in n.message, (n.input, n.code, n.message)
        assert str(n) == f"[{n.code}] {n.input}: {n.message}" and str(n).count(own) == 1
    assert any(f.kind == "conflict" for f in report.findings)  # the good documents were still compared


def test_api_accepts_documents_and_raises_typed_errors():
    text = "The council approved the new budget on Monday after a long debate."
    with pytest.raises(NotEnoughDocuments) as one:
        storycheck.compare([Document("only", text)], embedder="none")
    assert "only" in str(one.value) and one.value.code == "E201"
    with pytest.raises(DuplicateDocuments) as same:
        storycheck.compare([Document("x", text), Document("y", text)], embedder="none")
    assert isinstance(same.value, StoryError) and "same text" in str(same.value)


def test_document_records_pass_the_same_checks_as_files():
    good = "The council approved the new budget on Monday after a long debate in the chamber."
    other = "The council passed the budget on Monday after a long debate in the chamber."
    german = ("Der Stadtrat hat am Montag nach einer langen Debatte den neuen Haushalt beschlossen. " * 4)
    report = storycheck.compare(
        [Document("a", good), Document("b", other), Document("empty", "  "), Document("de", german),
         Document("big", "x" * 2_000_000)],
        embedder="none", max_bytes=1_000_000,
    )  # fmt: skip
    assert [d.id for d in report.documents] == ["a", "b"]
    assert {n.input: n.code for n in report.notices} == {"empty": "E102", "de": "E107", "big": "E105"}


def test_duplicate_in_a_larger_batch_is_noted_not_fatal():
    a = "The council approved the new budget on Monday after a long debate in the chamber."
    b = "The council passed the budget on Monday after a long debate in the chamber."
    report = storycheck.compare([Document("a", a), Document("a2", a), Document("b", b)], embedder="none")
    assert [d.id for d in report.documents] == ["a", "b"]
    assert any(n.code == "E202" and n.input == "a2" for n in report.notices)


def test_cli_json_output_validates(story: Path, tmp_path: Path):
    out = tmp_path / "report.json"
    result = runner.invoke(app, ["compare", str(story), "--format", "json", "--out", str(out), "--embedder", "none"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    validate(data)
    assert data["schema"] == "storycheck.report/1"
    assert data["summary"]["by_kind"]["conflict"] == 9


@pytest.mark.parametrize("fmt", ["md", "html", "text"])
def test_cli_other_formats(story: Path, fmt: str):
    result = runner.invoke(app, ["compare", str(story), "--format", fmt, "--embedder", "none"])
    assert result.exit_code == 0, result.output
    assert "Maria Acosta" in result.output
    if fmt == "html":
        assert result.output.lstrip().lower().startswith("<!doctype html")


def test_cli_html_escapes_article_markup(tmp_path: Path):
    (tmp_path / "a.txt").write_text("The mayor said <script>alert(1)</script> was posted on the city website on Monday.")
    (tmp_path / "b.txt").write_text('The mayor said <img src=x onerror=alert(1)> was posted on the city website on Monday.')
    out = tmp_path / "page.html"
    result = runner.invoke(app, ["compare", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-f", "html", "-o", str(out), "--embedder", "none"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_cli_help_is_complete():
    top = runner.invoke(app, ["--help"])
    assert top.exit_code == 0 and "compare" in top.output
    sub = runner.invoke(app, ["compare", "--help"])
    for option in ("--format", "--out", "--embedder", "--max-mb", "FILE_OR_DIR"):
        assert option in sub.output


def test_cli_exit_codes_and_messages_name_the_input(tmp_path: Path):
    (tmp_path / "one.txt").write_text("The council approved the new budget on Monday after a long debate.")
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["compare", str(tmp_path / "one.txt"), str(tmp_path / "empty.txt"), "--embedder", "none"])
    assert result.exit_code == 1
    assert "E201" in result.output and "empty.txt" in result.output and "E102" in result.output
    missing = runner.invoke(app, ["compare", str(tmp_path / "nope.txt"), str(tmp_path / "one.txt"), "--embedder", "none"])
    assert missing.exit_code == 1 and "nope.txt" in missing.output and "E101" in missing.output


def test_real_cli_process_exit_code(tmp_path: Path):
    """The installed command, in its own process: a usage error is 2, nothing to compare is 1."""
    exe = [sys.executable, "-m", "storycheck.cli.main"]
    assert subprocess.run([*exe, "compare", "--format", "pdf", "x"], capture_output=True).returncode == 2
    (tmp_path / "one.txt").write_text("The council approved the new budget on Monday after a long debate.")
    proc = subprocess.run([*exe, "compare", str(tmp_path / "one.txt"), "--embedder", "none"], capture_output=True, text=True)
    assert proc.returncode == 1 and "one.txt" in proc.stderr


@pytest.mark.parametrize("command", ["compare", "check", "add", "batch"])
def test_an_endless_size_limit_is_a_usage_error_not_a_traceback(command: str, tmp_path: Path):
    """``--max-mb inf`` made ``int(inf)`` raise an OverflowError with a traceback."""
    result = runner.invoke(app, [command, "--max-mb", "inf", str(tmp_path / "x.txt")])
    assert result.exit_code == 2, result.output
    assert "--max-mb" in result.output and isinstance(result.exception, SystemExit | None)


def test_documents_sharing_an_id_are_given_unique_ids():
    a = "Prime Minister John Hale said the strike began on Monday at the port of Selvan."
    b = "Former Prime Minister John Hale said the strike began on Tuesday at the port of Selvan."
    c = "John Hale said the strike began on Wednesday at the port of Selvan, officials said."
    report = storycheck.compare([Document("a", a), Document("a", b), Document("b", c)], embedder="none")
    assert [d.id for d in report.documents] == ["a", "a-2", "b"]
    assert [d.text for d in report.documents] == [a, b, c]
    validate(to_dict(report))


def test_a_document_too_long_for_the_tagger_is_skipped_with_a_notice():
    a = "The council approved the new budget on Monday after a long debate in the chamber."
    b = "The council passed the budget on Monday after a long debate in the chamber."
    long = "The council met again on Tuesday to debate the budget in the chamber. " * 15_000  # over 1M characters
    report = storycheck.compare([Document("a", a), Document("long", long), Document("b", b)], embedder="none")
    assert [d.id for d in report.documents] == ["a", "b"]
    assert [(n.input, n.code, n.skipped) for n in report.notices] == [("long", "E105", True)]


def test_cli_unwritable_out_is_a_clear_error(story: Path, tmp_path: Path):
    (tmp_path / "a-file").write_text("")
    out = tmp_path / "a-file" / "report.json"  # its folder is a file
    result = runner.invoke(app, ["compare", str(story), "-f", "json", "-o", str(out), "--embedder", "none"])
    assert result.exit_code == 1 and not isinstance(result.exception, OSError), result.output
    assert "cannot write" in result.output and "report.json" in result.output


def test_every_command_says_e700_for_an_out_it_cannot_write(story: Path, tmp_path: Path):
    """A folder given as the output file, or a file as the output folder, is E700 with exit code 1 and
    names the path for every command, as the README says: compare -o and show -o (a folder) and batch
    --out (a file) were Typer usage errors with exit code 2 while check and eval said E700."""
    folder, a_file = tmp_path / "a-folder", tmp_path / "a-file"
    folder.mkdir()
    a_file.write_text("")
    text = str(next(story.glob("*.txt")))
    cases = {
        ("compare", str(story), "-o", str(folder), "--embedder", "none"): f"[E700] {folder}: cannot write here: a folder",
        ("show", "no-such-story", "--db", str(tmp_path / "s.db"), "-o", str(folder)): f"[E700] {folder}: cannot write",
        ("check", text, "--source", text, "-o", str(folder)): f"[E700] {folder}: cannot write here: a folder",
        ("eval", text, "--out", str(folder)): f"[E700] {folder}: cannot write here: a folder",
        ("batch", str(story), "--out", str(a_file), "--workers", "0", "-q"): f"[E700] {a_file}: cannot write here: "
                                                                          f"{a_file} is a file, not a folder",
    }  # fmt: skip
    for args, said in cases.items():
        result = runner.invoke(app, list(args))
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (args, result.output)
        assert said in " ".join(result.output.split()), (args, result.output)
    assert not (tmp_path / "s.db").exists()  # said before the store is opened


def test_lineage_orders_by_publication_time_not_by_its_spelling():
    base = (STORY / "northwire.txt").read_text(encoding="utf-8").split("\n\n", 3)[3]
    derived = base.replace("Some 4,000", "About 4,000") + "\n\nThe rewrite desk added this paragraph on Tuesday."
    for first, later in (("March 4, 2024", "April 6, 2024"), ("2024-05-13T10:00:00+02:00", "2024-05-13T09:30:00Z")):
        docs = [Document("src", base, published=first), Document("rew", derived, published=later)]
        (edge,) = storycheck.compare(docs, embedder="none").lineage
        assert (edge.source, edge.derived) == ("src", "rew"), (first, later)


def test_document_records_get_the_same_line_repair_as_files():
    """A hard-wrapped record: the sentence broken after "U.N." is one sentence, and its quote keeps its speaker."""
    wrapped = ('"Every day this port stays closed, families on both sides lose," said U.N.\n'
               "envoy Maria Costa, who arrived in the city on Saturday.")
    flat = ('"Every day this port stays closed, families on both sides lose," said Maria Costa, '
            "the U.N. envoy, on Saturday.")
    report = storycheck.compare([Document("wrapped", wrapped), Document("flat", flat)], embedder="none")
    doc = next(d for d in report.documents if d.id == "wrapped")
    assert "U.N. envoy Maria Costa" in doc.text and "\n" not in doc.text
    quotes = report.analyses["wrapped"].quotes
    assert quotes and quotes[0].speaker == "Maria Costa"
    validate(to_dict(report))


def test_a_lone_surrogate_in_a_document_given_by_a_caller_is_noted_and_read_as_a_replacement():
    """A string with a lone surrogate (the JSON escape "\\ud800" makes one) made the hash and spaCy raise for
    the whole story; it is now read as U+FFFD (offsets kept), with a notice naming the document."""
    from storycheck.core import compare_documents
    from storycheck.records import Document

    docs = [
        Document("s", "Police in Leeds said a man was held on Monday \ud800 after a raid on a house."),
        Document("t", "Police in Leeds said a man was held on Tuesday after a raid on a house."),
    ]
    report = compare_documents(docs, embedder="none")
    by_id = {d.id: d for d in report.documents}
    assert by_id["s"].text == docs[0].text.replace("\ud800", "\ufffd")
    assert [(n.input, n.code, n.skipped) for n in report.notices] == [("s", "E104", False)]
    dates = [f for f in report.findings if f.kind == "conflict" and f.type == "date"]
    assert dates and all(by_id[e.doc].text[e.start : e.end] == e.text for f in dates for e in f.evidence)


def test_cli_notices_name_their_code_and_input_once(story: Path, tmp_path: Path):
    """Each notice is one line with its code and its input, said once: on standard error and in the report
    (a notice of ingest used to repeat both, "[E102] x: [E102] x: ...", and the engine's own notice of a
    repeated text said neither)."""
    (tmp_path / "empty.txt").write_text("")
    shutil.copy(story / "northwire.txt", tmp_path / "copy.txt")
    out = tmp_path / "report.md"
    result = runner.invoke(app, ["compare", str(story), str(tmp_path / "empty.txt"), str(tmp_path / "copy.txt"),
                                 "-f", "md", "-o", str(out), "--embedder", "none"])  # fmt: skip
    assert result.exit_code == 0, result.output
    assert f"skipped [E102] {tmp_path / 'empty.txt'}: the document is empty\n" in result.output
    assert f"skipped [E202] {tmp_path / 'copy.txt'}: same text as {story / 'northwire.txt'}" in result.output
    assert result.output.count("E102") == 1 and out.read_text().count("E102") == 1
