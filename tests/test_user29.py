"""Session 29 (wt-user29): the product as its users meet it, seventh walk; session 28's left items first.

Every test here fails on the base 79d0eeb (``PYTHONPATH=/tmp/base29/src pytest tests/test_user29.py``, run from a
copy of this file), except those marked as guards."""

from __future__ import annotations

import json
from pathlib import Path

from test_user28 import STRIKE, _said  # (the strike report and the summary read as one line)
from typer.testing import CliRunner

from storycheck.cli.main import app

FIRE = ("A fire broke out at the Varna textile plant on Tuesday night, the fire service said. Forty workers were led "
        "out and two were treated for smoke.")


def _drop(tmp_path: Path) -> Path:
    """A drop folder of daily subfolders, each with its README.txt."""
    drop = tmp_path / "drop"
    for day, (i, text) in (("d1", ("s1", STRIKE)), ("d2", ("f1", FIRE))):
        (drop / day).mkdir(parents=True)
        (drop / day / "feed.jsonl").write_text(json.dumps({"id": i, "text": text}) + "\n", encoding="utf-8")
        (drop / day / "README.txt").write_text("Night desk drop.\n", encoding="utf-8")
    return drop


# --- 2. "files not read" names a path inside the folder given ------------------------------------------------------


def test_files_not_read_are_named_by_their_path_inside_the_folder(tmp_path: Path):
    """Two subfolders' README.txt were listed "README.txt, README.txt": which ones?"""
    drop = _drop(tmp_path)
    result = CliRunner().invoke(app, ["batch", str(drop), "--out", str(tmp_path / "o"), "--workers", "0",
                                      "--embedder", "none", "-q"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "files not read 2 (not a corpus file type: d1/README.txt, d2/README.txt)" in _said(result), _said(result)


# --- 3. a folder (or file) given twice is read once ------------------------------------------------------------------


def test_a_folder_given_twice_is_read_once(tmp_path: Path):
    """`batch a/ a/` read every row twice: each article a copy of itself under an E605 renamed id."""
    from storycheck.corpus import read_corpus

    drop = _drop(tmp_path)
    corpus = read_corpus([drop, drop])
    assert [d.id for d in corpus] == ["s1", "f1"] and corpus.rows == 2
    once = [str(n) for n in corpus.notices() if n.code != "E602"]
    assert once == [f"[E608] {drop}: read once: given more than once"]
    feed = drop / "d2" / "feed.jsonl"
    corpus = read_corpus([drop, feed])  # a file beside its folder
    assert [d.id for d in corpus] == ["s1", "f1"]
    assert [str(n) for n in corpus.notices() if n.code == "E608"] == [
        f"[E608] {feed}: read once: this file already given by {str(drop)!r}"]
    corpus = read_corpus([feed, drop])  # the file first: the folder reads its other file
    assert [d.id for d in corpus] == ["f1", "s1"]
    assert [str(n) for n in corpus.notices() if n.code == "E608"] == [
        f"[E608] {drop}: read once: 1 of its 2 corpus files ({feed}) already given by {str(feed)!r}"]
    result = CliRunner().invoke(app, ["batch", str(drop), str(drop), "--out", str(tmp_path / "o"), "--workers", "0",
                                      "--embedder", "none", "-q"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    said = _said(result)
    assert "articles 2 of 2 rows" in said and f"read once 1 input given again, each file read once: {drop}" in said
    assert "rows noted" not in said and "single articles 2" in said, said


# --- 4. one reader of a publication time: RFC 2822 inside lineage.read_published ---------------------------------


def test_the_clustering_and_the_lineage_read_an_rss_date_alike():
    """The clustering read RFC 2822 with ``email.utils`` first, the lineage and the margin with ``dateparser``: a
    zone word only ``dateparser`` knows (CEST) and a clock's PM were read 2 and 12 hours apart, a two-digit year
    was a time to one and none to the other."""
    from storycheck.cluster import _posix
    from storycheck.lineage import read_published

    utc = _posix("2026-11-27T07:02:00Z")
    for value, hours in (("Thu, 27 Nov 2026 09:02:00 CEST", 0), ("Nov 27, 2026 7:02 PM", 12),
                         ("Thu, 27 Nov 26 07:02:00 GMT", 0), ("Thu, 27 Nov 26 09:02:00 CEST", 0),
                         ("Thu, 27 Nov 2026 08:02:00 +0100", 0), ("Thu, 27 Nov 2026 02:02:00 EST", 0)):
        assert _posix(value) == utc + hours * 3600, value
        read = read_published(value)
        assert read is not None and read[1], value
        assert read[0].isoformat() == f"2026-11-27T{7 + hours:02d}:02:00", value
    assert read_published("Thu, 27 Nov 2026 07:02:00 XYZ")[0].isoformat() == "2026-11-27T07:02:00"  # UTC: no one knows it
    assert _posix("Thursday morning") is None and read_published("27 Nov 2026") == (read_published("2026-11-27")[0], False)


# --- the walk ------------------------------------------------------------------------------------------------------


def test_the_story_list_colours_each_kind_as_the_story_page_does():
    """The list showed partial in violet and single-source in orange, the story page partial in amber and
    single-source in violet: an editor read the same count in two colours going from the row to the page."""
    import re

    from storycheck.render.html import _asset
    from storycheck.serve.web import CSS

    page = _asset("page.css")
    light = page[: page.index("@media")]
    for kind, pill in (("conflict", "p-conflict"), ("partial", "p-partial"), ("single", "p-single"), ("corr", "p-ok")):
        colour, background = re.search(rf"--{kind}: (#\w+); --{kind}-bg: (#\w+);", light).groups()
        var = "ok" if kind == "corr" else kind
        assert f"--{var}:{colour}" in CSS, kind
        assert f".{pill}{{background:{background};color:var(--{var})}}" in CSS, kind


def test_a_check_page_is_headed_by_the_checked_text_not_its_first_source(tmp_path: Path):
    """An untitled draft checked against a titled source: the page's heading and title were the source's
    headline, over the verdicts of the draft."""
    source = tmp_path / "wire.txt"
    source.write_text("Title: Dockworkers strike at Selvan\n\n" + STRIKE, encoding="utf-8")
    draft = tmp_path / "draft.txt"
    draft.write_text(STRIKE.replace("900", "700"), encoding="utf-8")
    out = tmp_path / "check.html"
    result = CliRunner().invoke(app, ["check", str(draft), "-s", str(source), "-f", "html", "-o", str(out),
                                      "--embedder", "none"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<h1>draft checked against wire</h1>" in page and "<title>storycheck · draft checked against wire</title>" in page
    assert "Dockworkers strike at Selvan" in page  # (the source's column keeps its headline)


def test_a_conflicts_line_says_one_side_once_whatever_its_case_or_article():
    """“Former labour minister” (a) vs “Labour minister” (b) vs “the former labour minister” (c): three roles read
    where the reports give two."""
    from storycheck.judge import _explain
    from storycheck.records import Finding, Span

    spans = [Span("a", 0, 22, "Former labour minister"), Span("b", 0, 15, "Labour minister"),
             Span("c", 13, 39, "the former labour minister")]
    values = {"a": "Former labour minister", "b": "Labour minister", "c": "the former labour minister"}
    title = Finding("conflict", "title", spans, 0.8, "", [], values)
    assert _explain(title) == ("The same person is given different roles: “Former labour minister” (a, c) vs "
                               "“Labour minister” (b).")
    name = Finding("conflict", "name", spans, 0.9, "", [], {"a": "Marta Kowalczyk", "b": "Marta Kowalczik",
                                                            "c": "marta kowalczyk"})
    assert _explain(name) == "One person, spelled differently: “Marta Kowalczyk” (a, c) vs “Marta Kowalczik” (b)."


def test_a_check_page_against_many_sources_names_a_few_and_counts_the_rest(tmp_path: Path):
    """A draft checked against six untitled sources: the heading named every source id; it names three and
    says how many more (the sources' columns still name each)."""
    sources = []
    for i in range(6):
        path = tmp_path / f"wire{i}.txt"
        path.write_text(f"{STRIKE}\n\nThis is report number {i + 1} of the day.", encoding="utf-8")
        sources += ["-s", str(path)]
    draft = tmp_path / "draft.txt"
    draft.write_text(STRIKE.replace("900", "700"), encoding="utf-8")
    out = tmp_path / "check.html"
    result = CliRunner().invoke(app, ["check", str(draft), *sources, "-f", "html", "-o", str(out),
                                      "--embedder", "none"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "<h1>draft checked against wire0, wire1, wire2 and 3 more</h1>" in page
    assert all(f"wire{i}" in page for i in range(6))
