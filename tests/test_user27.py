"""Session 27 (wt-user27): the product as its users meet it, fifth walk; session 26's left items first.

Every test here fails on the base 8853a13 (``PYTHONPATH=/tmp/base27/src pytest tests/test_user27.py``, run from a
copy of this file)."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import httpx
import pytest
from storyhelp import Server, create_key
from typer.testing import CliRunner

from storycheck.batch import run_batch
from storycheck.cli.main import _flowed, app
from storycheck.core import compare
from storycheck.errors import NotEnglish, NotEnoughDocuments
from storycheck.ingest import _check_english, read
from storycheck.store import Store

FLOOD = ("Floodwater closed the Marlow river bridge on Saturday after two days of heavy rain, the county council said. "
         "About 300 homes in the lower town were evacuated overnight, and the fire service rescued four people from "
         "a stranded car.")
FLOOD2 = ("The Marlow river bridge was shut on Saturday as floodwater rose after two days of rain. The council said "
          "about 300 homes were evacuated and firefighters pulled four people from a car.")
LATER = (datetime.date.today() + datetime.timedelta(days=30)).isoformat()  # past the 2-day margin whatever the day


# --- 1. a document's own date is held to the future margin, as a corpus row's ------------------------------------


def test_a_text_files_published_line_past_the_margin_is_read_as_absent_with_its_line(tmp_path: Path):
    """`Published: 2031-05-01` in a .txt report was kept (and the lineage ordered reports by it), where the same date
    in a corpus row was E607 and read as absent. Now the same rule, a notice naming the file, the line and the value."""
    report = tmp_path / "herald.txt"
    report.write_text(f"Title: Bridge shut\nSource: Herald\nPublished: {LATER}\n\n{FLOOD}\n", encoding="utf-8")
    docs, notices = read([report])
    assert docs[0].published is None and docs[0].source == "Herald"
    (note,) = notices
    assert (note.code, note.skipped) == ("E607", False)
    assert str(note).startswith(f"[E607] {report}: line 3: 'Published: {LATER}' is more than 2 days after today")


def test_json_and_jsonl_documents_past_the_margin_name_the_item_and_the_line(tmp_path: Path):
    listed, lines, lone = tmp_path / "list.json", tmp_path / "feed.jsonl", tmp_path / "one.json"
    listed.write_text(json.dumps([{"text": FLOOD, "published": "2026-01-02"}, {"text": FLOOD2, "published": LATER}]))
    lines.write_text("\n" + json.dumps({"text": FLOOD, "published": LATER}) + "\n")
    lone.write_text(json.dumps({"text": FLOOD2, "published": LATER}))
    docs, notices = read([listed, lines, lone])
    assert [d.published for d in docs] == ["2026-01-02", None, None, None]
    assert [n.message.split(": ")[0] for n in notices][:2] == ["item 2", "line 2"]
    assert {n.code for n in notices} == {"E607"} and str(notices[2]).startswith(f"[E607] {lone}: 'published' is {LATER},")


def test_a_date_within_the_margin_is_kept(tmp_path: Path):
    soon = (datetime.date.today() + datetime.timedelta(days=1)).isoformat()
    report = tmp_path / "a.txt"
    report.write_text(f"Published: {soon}\n\n{FLOOD}\n", encoding="utf-8")
    docs, notices = read([report])
    assert docs[0].published == soon and notices == []


def test_the_api_holds_a_json_documents_date_to_the_margin(tmp_path: Path):
    db = str(tmp_path / "api.db")
    key = create_key(db)
    srv = Server(db, "--no-example")
    try:
        with httpx.Client(base_url=srv.base, timeout=60, headers={"Authorization": f"Bearer {key}"}) as c:
            r = c.post("/api/stories", json={"name": "bridge", "documents": [
                {"text": FLOOD, "published": LATER}, {"text": FLOOD2, "published": "2026-01-02"}]})
            assert r.status_code == 201, r.text
            (note,) = r.json()["notices"]
            assert note["code"] == "E607" and note["input"] == "documents[0]" and LATER in note["message"]
    finally:
        srv.stop()
    with Store(db) as store:
        assert sorted(str(d.published) for d in store.story("bridge").documents) == ["2026-01-02", "None"]


# --- 2. E201 names every input and says why ------------------------------------------------------------------------


def test_compare_with_one_unreadable_input_names_both_and_says_one_report_is_left(tmp_path: Path):
    """`compare empty.txt b.txt` said "[E201] b.txt: nothing to compare: only 1 readable document (b.txt); skipped:
    ...": it named the sound file as the input at fault."""
    empty, wire = tmp_path / "empty.txt", tmp_path / "b.txt"
    empty.write_text("")
    wire.write_text(FLOOD, encoding="utf-8")
    with pytest.raises(NotEnoughDocuments) as err:
        compare([empty, wire], embedder="none")
    said = str(err.value)
    assert said.startswith(f"[E201] {empty}, {wire}: nothing to compare: only 1 report is left ({wire}) and a "
                           f"comparison needs two; skipped: [E102] {empty}: the document is empty")


# --- 3. an English headline in capitals ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "SAN JOSE, LOS ANGELES, LAS VEGAS, EL PASO AND LA PAZ: STORMS HIT",
    "LA DA DROPS CASE AGAINST DE LA CRUZ",
    "LOS ALAMOS, LA JOLLA AND EL CENTRO: DA URGES CALM",
])
def test_a_short_english_text_in_capitals_with_place_names_is_english(text: str):
    """Capitals hide which word is a name: four "Spanish" words (LOS, LAS, EL, LA) made E107."""
    _check_english(text, "headline.txt")


@pytest.mark.parametrize("text", [
    "EL GOBIERNO DE ESPAÑA ANUNCIA NUEVAS MEDIDAS PARA LA ECONOMÍA",
    "LA GRÈVE EST PRÉVUE POUR LUNDI DANS LES ÉCOLES DE PARIS",
    "DER STREIK WURDE AM MONTAG VON DER GEWERKSCHAFT AUSGERUFEN",
])
def test_a_foreign_headline_in_capitals_is_still_refused(text: str):
    with pytest.raises(NotEnglish):
        _check_english(text, "headline.txt")


# --- 4. help text: a list stays a list -----------------------------------------------------------------------------


def test_flowed_help_keeps_a_list_and_an_example_and_flows_prose():
    def command():
        """Do it.

        It reads, in a paragraph written
        over two lines:

        - a text file, with a header
          block of key: value lines;
        - a JSON object.

            storycheck compare a.txt b.txt
            storycheck check t.txt --source a.txt
        """

    assert _flowed(command).split("\n\n") == [
        "Do it.",
        "It reads, in a paragraph written over two lines:",
        "- a text file, with a header block of key: value lines;\n- a JSON object.",
        "    storycheck compare a.txt b.txt\n    storycheck check t.txt --source a.txt",
    ]


# --- 5. a batch's stories in the store ------------------------------------------------------------------------------


SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "sample.jsonl"


def _names(db: str) -> set[str]:
    with Store(db) as store:
        return {i.name for i in store.stories(limit=100).items}


def test_batch_with_a_store_and_no_out_names_its_stories_after_the_corpus(tmp_path: Path):
    """`batch feed.jsonl --db` named its stories `feed-1a2b3c4d:s000001`, after the run folder's hash. Now
    `feed:s000001`; a second corpus of the same name (the next day's feed.jsonl) falls back to its folder's."""
    db, env = str(tmp_path / "s.db"), {"XDG_DATA_HOME": str(tmp_path / "data")}
    (tmp_path / "day1").mkdir()
    (tmp_path / "day2").mkdir()
    day1, day2 = tmp_path / "day1" / "feed.jsonl", tmp_path / "day2" / "feed.jsonl"
    day1.write_bytes(SAMPLE.read_bytes())
    day2.write_text(SAMPLE.read_text(encoding="utf-8").replace("Port Selvan", "Port Arden"), encoding="utf-8")
    first = CliRunner().invoke(app, ["batch", str(day1), "--db", db, "--workers", "0", "-q", "--embedder", "none"], env=env)
    assert first.exit_code == 0, first.output
    assert "stories put now (named feed:<story id>)" in first.stdout
    assert {n.split(":")[0] for n in _names(db)} == {"feed"}
    again = CliRunner().invoke(app, ["batch", str(day1), "--db", db, "--workers", "0", "-q", "--embedder", "none"], env=env)
    assert "0 stories put now (named feed:<story id>)" in again.stdout, again.stdout
    import shutil

    shutil.rmtree(tmp_path / "data")  # the run's record gone: run again, the same stories are found under feed:
    anew = CliRunner().invoke(app, ["batch", str(day1), "--db", db, "--workers", "0", "-q", "--embedder", "none"], env=env)
    assert "stories put now (named feed:<story id>)" in anew.stdout, anew.stdout
    assert len(_names(db)) == 3  # the store held them already: none twice
    other = CliRunner().invoke(app, ["batch", str(day2), "--db", db, "--workers", "0", "-q", "--embedder", "none"], env=env)
    assert other.exit_code == 0, other.output
    prefixes = {n.split(":")[0] for n in _names(db)}
    assert len(prefixes) == 2 and "feed" in prefixes and any(p.startswith("feed-") for p in prefixes)


def test_a_batch_resumed_after_its_folder_was_renamed_does_not_store_its_stories_again(tmp_path: Path):
    """The names were the folder's at every start: a run moved from run1 to run2 and resumed put each story again
    as run2:<id> beside run1:<id>. The name is kept in the manifest now."""
    db = str(tmp_path / "s.db")
    first = run_batch([SAMPLE], tmp_path / "run1", workers=0, embedder="none", db=db)
    (tmp_path / "run1").rename(tmp_path / "run2")
    again = run_batch([SAMPLE], tmp_path / "run2", workers=0, embedder="none", db=db)
    assert first.stored == 3 and again.stored == 0 and again.store_prefix == "run1:"
    assert {n.split(":")[0] for n in _names(db)} == {"run1"}


# --- the walk ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["serve", "add", "stories", "show", "batch"])
def test_an_options_help_breaks_a_long_word_rather_than_cutting_it(command: str):
    """At 80 columns `serve --help` showed the store's default as "~/.local/share/stor…" and its URL's form as
    "(postgresql://user:…": what a data engineer needs of that help, cut."""
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "80"})
    assert result.exit_code == 0 and "…" not in result.output
    cells = "".join(line.strip("│ ").split("  ")[-1].strip() for line in result.output.splitlines())
    assert "~/.local/share/storycheck/" in cells


def test_the_batch_summary_breaks_a_long_path_rather_than_cutting_it(tmp_path: Path):
    out = tmp_path / "a-folder-name-long-enough-to-be-cut-in-an-eighty-column-terminal" / "nightly-run"
    result = CliRunner().invoke(app, ["batch", str(SAMPLE), "--out", str(out), "--workers", "0", "-q",
                                      "--embedder", "none"], env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.output
    assert "…" not in result.stdout and "articles.jsonl" in "".join(result.stdout.split())
    assert str(out / "articles.jsonl") in "".join(line.strip("│ ").split("│")[-1].strip() for line in result.stdout.splitlines())


HERALD = ("A fire destroyed the Harlow timber yard on Thursday night, the county fire service said. Around 60 "
          "firefighters fought the blaze for six hours.\n\nFire chief Dana Morrow said the cause was not yet known. "
          "\"We were lucky the wind dropped after midnight,\" Morrow said.\n\nThe yard's owner, Greenfield Timber, said "
          "40 workers would be paid while the site is cleared.")
POST = ("A blaze destroyed a timber yard in Harlow on Thursday, firefighters said. About 80 firefighters spent six "
        "hours bringing it under control.\n\nDeputy fire chief Dana Morrow said arson had been ruled out. \"We were "
        "lucky the wind dropped,\" she said.\n\nGreenfield Timber, which owns the yard, said its 40 workers would not "
        "be paid while the site is cleared.")


def test_a_short_piece_of_evidence_in_markdown_and_text_carries_its_sentence(tmp_path: Path):
    """A title conflict's evidence was "[a] “Fire chief”" and "[b] “Deputy fire chief”", a negation's "[a] “paid”":
    nothing a reader of the terminal or the Markdown could place without opening the texts."""
    from storycheck.render.markdown import to_markdown
    from storycheck.render.text import to_text
    from storycheck.report import from_dict, to_dict

    (tmp_path / "a.txt").write_text(HERALD, encoding="utf-8")
    (tmp_path / "b.txt").write_text(POST, encoding="utf-8")
    report = compare([tmp_path / "a.txt", tmp_path / "b.txt"], embedder="static")
    (title,) = [f for f in report.findings if f.type == "title"]
    assert {s.text for s in title.evidence} == {"Fire chief", "Deputy fire chief"}
    for shown in (report, from_dict(to_dict(report))):  # as compared, and as read back from the store
        md = to_markdown(shown)
        assert "> [a] “Fire chief” — in “Fire chief Dana Morrow said the cause was not yet known.”" in md
        assert "> [b] “Deputy fire chief” — in “Deputy fire chief Dana Morrow said arson had been ruled out.”" in md
        assert "> [a] “paid” — in “The yard's owner, Greenfield Timber, said 40 workers would be paid" in md
        text = " ".join(to_text(shown, width=200).split())
        assert "[a] “Fire chief” in “Fire chief Dana Morrow said the cause was not yet known.”" in text
        assert "— in “We were lucky" not in md  # a span that is most of its sentence is shown alone


def test_check_given_two_files_after_one_source_says_to_repeat_source(tmp_path: Path):
    """`check t.txt --source a.txt b.txt` (compare takes its files that way) said only "Got unexpected extra
    argument (b.txt)". Now it says what was meant; one --source each still works, and the usage line is as before."""
    for name, text in (("t.txt", FLOOD2), ("a.txt", FLOOD), ("b.txt", FLOOD2.replace("300", "250"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
    t, a, b = (str(tmp_path / n) for n in ("t.txt", "a.txt", "b.txt"))
    result = CliRunner().invoke(app, ["check", t, "--source", a, b, "--embedder", "none"], env={"COLUMNS": "2000"})
    said = " ".join(result.output.replace("│", " ").split())
    assert result.exit_code == 2 and f"give each source its own --source (--source {a} --source {b})" in said
    ok = CliRunner().invoke(app, ["check", t, "--source", a, "--source", b, "--embedder", "none", "--format", "json"])
    assert ok.exit_code == 0 and json.loads(ok.stdout)["check"]["sources"] == ["a", "b"]
    usage = CliRunner().invoke(app, ["check", "--help"], env={"COLUMNS": "100"}).output
    assert "check [OPTIONS] {TEXT_FILE}" in " ".join(usage.split()) and "more" not in usage.lower().split()


@pytest.mark.parametrize("command", ["compare", "add", "batch"])
def test_a_commands_usage_line_says_many_once(command: str):
    """`compare --help` began "Usage: storycheck compare [OPTIONS] {FILE_OR_DIR...}...": the metavar said "..." and
    Typer said it again."""
    usage = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "120"}).output.splitlines()[1]
    assert usage.rstrip().endswith("}...") and "...}" not in usage


def test_the_web_form_says_a_pasted_date_past_the_margin_was_read_as_absent(tmp_path: Path):
    """A pasted report's "Published:" line past the margin is read as absent (E607, as a file's); the API returns the
    notice, but the form's user saw nothing of it. The story page now lists it under "Added, with a note"."""
    db = str(tmp_path / "web.db")
    key = create_key(db)
    srv = Server(db, "--no-example", "--embedder", "none")
    try:
        with httpx.Client(base_url=srv.base, timeout=120, follow_redirects=True) as c:
            r = c.post("/new", data={"name": "bridge", "key": key, "text1": f"Published: {LATER}\n\n{FLOOD}",
                                     "text2": FLOOD2})
            assert r.status_code == 200 and "/stories/" in str(r.url), r.text[:500]
            assert "Added, with a note" in r.text and "Not added" not in r.text
            assert f"[E607] Report 1: &#x27;published&#x27; is {LATER}, more than 2 days after today" in r.text
    finally:
        srv.stop()
