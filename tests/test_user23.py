"""Session 23 (wt-user23): faults a fact-checker, an editor and a data engineer met using storycheck as its users
would (hand-written reports of one event, not benchmark items)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycheck.check import check
from storycheck.cli.main import app
from storycheck.records import Document
from storycheck.render.html import to_html
from storycheck.render.markdown import to_markdown

runner = CliRunner()

WIRE = (
    "The Harbour District council voted on Thursday to build a new sea wall after Storm Edda flooded 300 homes. "
    "Mayor Helen Okafor said the wall would cost 12 million pounds. "
    "The union called a strike at the port on Monday."
)
REWRITE = (
    "The Harbour District council voted on Thursday to build a new sea wall after Storm Edda flooded 300 homes. "
    "The employers called a strike at the port on Monday."
)


@pytest.fixture(scope="module")
def checked():
    return check([Document("wire", WIRE)], Document("rewrite", REWRITE), embedder="none")


def test_markdown_of_a_check_gives_each_sentence_its_verdict_score_and_the_source_sentence(checked):
    """`storycheck check --format md` printed the findings and no verdict, score or source sentence at all:
    the check section was left out of Markdown. Now a table: each sentence, its verdict and score, the source
    sentence it was compared with and which source holds it, and the words the sources do not give."""
    md = to_markdown(checked)
    assert "## Check: `rewrite` against `wire`" in md
    assert f"**Score {checked.check.score:.2f}**" in md
    rows = [line for line in md.splitlines() if re.match(r"^\| \d+ \|", line)]
    assert len(rows) == 2
    assert rows[0].startswith("| 1 | supported |")
    assert "[wire] “The Harbour District council voted on Thursday" in rows[0]
    assert rows[1].startswith("| 2 | contradicted |")
    assert "[wire] “The union called a strike at the port on Monday.”" in rows[1]
    assert "“employers”" in rows[1]  # what the sources do not give, as words


def test_html_of_a_check_shows_the_verdicts_not_only_in_its_embedded_json(checked):
    """The page of a check held its verdicts only in the JSON embedded for scripts: a reader saw the findings
    and the two texts, never a sentence's verdict, score or the source sentence it was compared with."""
    page = to_html(checked)
    section = page.split('<section class="block" id="check">', 1)[1].split("</section>", 1)[0]
    assert "contradicted" in section and "supported" in section
    assert "The union called a strike at the port on Monday." in section  # the source sentence compared with
    assert ">employers</mark>" in section
    assert f"score {checked.check.score:.2f}" in section


def test_the_terminal_view_of_check_names_the_source_of_the_sentence_compared_with(tmp_path: Path):
    """The text view gave a closest source sentence without saying which source held it (several sources are
    usual), and none for a supported sentence (what it rests on was not shown); "[doc]" in Rich markup would
    vanish as a tag, so it is escaped."""
    (tmp_path / "wire.txt").write_text(WIRE, encoding="utf-8")
    (tmp_path / "other.txt").write_text("Storm Edda also closed the coast road on Friday, police said.", encoding="utf-8")
    (tmp_path / "rewrite.txt").write_text(REWRITE, encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "rewrite.txt"), "-s", str(tmp_path / "wire.txt"),
                                 "-s", str(tmp_path / "other.txt"), "--embedder", "none", "--format", "text"])  # fmt: skip
    assert result.exit_code == 0, result.output
    flat = " ".join(result.output.replace("│", " ").split())
    assert flat.count("closest [wire]:") == 2  # the supported sentence too


def test_a_written_report_is_readable_as_any_new_file_is_and_keeps_the_mode_of_the_one_it_replaces(tmp_path: Path):
    """Every file storycheck wrote (``--out`` reports and pages, a batch's summary, stories and articles) was
    0600: the draft ``mkstemp`` makes, renamed. A page meant for a web server or a colleague was readable by its
    owner only. Now a new file gets what ``open`` gives (0666 less the umask) and a replaced one keeps its mode."""
    import os
    import stat

    from storycheck.files import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "page.html", "<p>x</p>")
        assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o644
        os.umask(0o027)
        write_atomic(tmp_path / "summary.json", "{}")
        assert stat.S_IMODE((tmp_path / "summary.json").stat().st_mode) == 0o640
        (tmp_path / "page.html").chmod(0o600)
        write_atomic(tmp_path / "page.html", "<p>y</p>")  # (a file someone made private stays private)
        assert stat.S_IMODE((tmp_path / "page.html").stat().st_mode) == 0o600
        assert (tmp_path / "page.html").read_text() == "<p>y</p>"
    finally:
        os.umask(old)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_the_lineage_and_quotes_tables_link_each_report_to_its_column():
    """An editor reading "wire → rewrite · likely source" in the page's lineage had no link to follow: the
    reports were plain chips. Each is now a link to its column (``#doc-<i>``, the column's own id)."""
    from storycheck.core import compare_documents

    docs = [Document("wire", WIRE), Document("rewrite", WIRE.replace("The union", "The employers"))]
    report = compare_documents(docs, embedder="none")
    assert report.lineage
    page = to_html(report)
    lineage = page.split('id="lineage"', 1)[1].split("</section>", 1)[0]
    index = {d.id: i for i, d in enumerate(report.documents)}
    for e in report.lineage:
        for doc in (e.source, e.derived):
            assert f'<a class="chip" href="#doc-{index[doc]}"' in lineage
            assert f'<article class="doc" id="doc-{index[doc]}" data-doc="{doc}">' in page


PAGE = """<!doctype html><html><head><title>Fuel levy struck down | Evening Herald</title>
<meta property="og:site_name" content="Evening Herald">{meta}</head>
<body><nav><a href="/">Home</a> | <a href="/news">News</a></nav>
<article><h1>Fuel levy struck down</h1><p class="byline">By Jane Roe, Courts Correspondent</p>
<p>The Supreme Court on Tuesday struck down the government's fuel levy, ruling by five votes to two that it
breached the constitution.</p>
<p>The levy, introduced in June 2025, raised 3.2 billion dollars a year, the finance ministry said.</p>
<p>"This levy was never lawful," said Daniel Mwangi, the lawyer for the hauliers' association.</p>
</article><footer>All rights reserved.</footer></body></html>"""


def test_a_page_without_a_date_of_its_own_gets_none_not_one_from_its_prose():
    """A page with no date in its markup was given 2025-01-01, read from "introduced in June 2025" in the
    article's body (trafilatura's extensive date search): a wrong publication date, which the lineage orders
    reports by (the page became the "likely source" of reports written before it) and a batch's clustering
    window reads. The page's own date (meta, a <time> element, the URL) is still read."""
    from storycheck.ingest import from_html

    assert from_html(PAGE.format(meta=""), id="page").published is None
    dated = '<meta property="article:published_time" content="2026-03-04T18:00:00Z">'
    assert from_html(PAGE.format(meta=dated), id="page").published == "2026-03-04"
    assert from_html(PAGE.format(meta=""), id="page",
                     url="https://herald.example/news/2026/03/05/fuel-levy").published == "2026-03-05"  # fmt: skip


def test_the_quotes_table_does_not_credit_a_report_with_another_reports_speaker():
    """The same words credited to two people were one row of the quotes table, with the first report's
    speaker and both reports: the table said the Daily Ledger quoted the lawyer Mwangi, where it credits the
    minister Delgado (the finding beside it, quote_attribution, said so). Now one row per speaker; one
    speaker named two ways ("Mwangi" / "Daniel Mwangi") stays one row."""
    from storycheck.core import compare_documents

    agency = Document("agency", "The Supreme Court struck down the fuel levy on Tuesday. "
                      '"This levy was never lawful," said Daniel Mwangi, the lawyer for the hauliers.')  # fmt: skip
    daily = Document("daily", "The Supreme Court struck down the fuel levy on Tuesday. "
                     '"This levy was never lawful," said Finance Minister Rosa Delgado.')  # fmt: skip
    herald = Document("herald", "The Supreme Court struck down the fuel levy on Tuesday, ruling five to two. "
                      '"This levy was never lawful," Mwangi said.')  # fmt: skip
    report = compare_documents([agency, daily, herald], embedder="none")
    assert any(f.type == "quote_attribution" for f in report.findings)
    rows = {(q.speaker, tuple(q.documents)) for q in report.quotes if "never lawful" in q.text}
    assert rows == {("Daniel Mwangi", ("agency", "herald")), ("Rosa Delgado", ("daily",))}


def test_python_dash_m_storycheck_runs_the_command():
    """``python -m storycheck`` said "No module named storycheck.__main__": the usual way to run a tool with a
    given interpreter (or one whose scripts folder is not on the PATH) did not work."""
    import os
    import subprocess
    import sys

    import storycheck

    src = str(Path(storycheck.__file__).resolve().parents[1])  # (the tree under test)
    env = {**os.environ, "PYTHONPATH": src}
    done = subprocess.run([sys.executable, "-m", "storycheck", "--version"], capture_output=True, text=True, env=env,
                          timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "0." in done.stdout
