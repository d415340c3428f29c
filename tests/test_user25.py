"""Session 25 (wt-user25): the product as its users meet it, third walk; session 24's four left items first."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pytest

from storycheck.core import compare_documents
from storycheck.corpus import read_corpus
from storycheck.records import Document

WIRE = ("The High Court on Tuesday struck down the harbour levy that the city council imposed on fishing boats last "
        "year. Judge Amina Okafor ruled that the council had exceeded its powers under the 2019 Ports Act. The council "
        "said it would study the 40-page judgment before deciding whether to appeal. About 120 boats are registered "
        "at the harbour, according to the port authority.")  # fmt: skip
# two near-copies of one length (one word of three letters each changed) and a third report taking from both alike
RED = WIRE.replace("fishing boats", "red fishing boats")
TAN = WIRE.replace("fishing boats", "tan fishing boats")
BIG = WIRE.replace("fishing boats", "big fishing boats").rsplit(" About", 1)[0]  # the last sentence dropped


def _lineage(docs: list[Document]) -> tuple[set, set]:
    edges = compare_documents(docs, embedder="none").lineage
    return ({(e.source, e.derived) for e in edges if e.reuse >= 0.5},
            {(e.derived, e.source) for e in edges if e.likely_source})


@pytest.mark.parametrize("published", [None, "2024-06-04"], ids=["undated", "one day"])
def test_lineage_of_two_same_length_near_copies_does_not_depend_on_the_order_the_files_are_given(published):
    """ECB+ 31ecbplus: 31_6 and 31_11 are near-copies of one length (0.938 of each in the other), so the shares
    tie and the direction was the document order (the later the source); a third report reusing both alike
    took whichever the pass met first. Listing the files the other way round gave another lineage."""
    docs = [Document("red", RED, published=published), Document("tan", TAN, published=published),
            Document("big", BIG, published=published)]  # fmt: skip
    forward, backward = _lineage(docs), _lineage(docs[::-1])
    assert forward == backward
    directions, likely = forward
    copy = next((d for s, d in directions if {s, d} == {"red", "tan"}), None)  # the tie this is about
    assert copy is not None and {d for d, _ in likely} == {"big", copy}
    assert ("big", "tan" if copy == "red" else "red") in likely  # the upstream one of the two


SAID = "The council said it would study the judgment before deciding whether to appeal."
BOATS = "About 120 boats are registered at the harbour, according to the port authority."  # as long as SAID


def test_at_a_tie_of_reuse_and_closeness_the_earlier_published_of_two_unrelated_sources_is_the_likely_one():
    """A report made of one sentence of each of two reports that share nothing (the two sentences of one
    length: each source gives half of it, with closeness 1.0): the pass kept the first edge it met, the
    document order; then the earlier published source. Since session 33 (wt-lin33) a report made of two others,
    each giving at least ``lineage.PART_MIN`` of it, has both as its likely sources, in either order."""
    docs = [Document("court", WIRE.split(" The council")[0] + " " + SAID, published="2024-06-04T10:00:00Z"),
            Document("port", "The harbour master counted the boats on Monday. " + BOATS,
                     published="2024-06-04T09:00:00Z"),
            Document("brief", SAID + " " + BOATS, published="2024-06-04T12:00:00Z")]  # fmt: skip
    for order in (docs, docs[::-1]):
        edges = compare_documents(order, embedder="none").lineage
        reuse = {(e.source, e.derived): e.reuse for e in edges}
        assert reuse[("court", "brief")] == reuse[("port", "brief")] == 0.5  # the tie this is about
        assert {(e.derived, e.source) for e in edges if e.likely_source} == {("brief", "port"), ("brief", "court")}


ROW = ("The High Court struck down the harbour levy on Tuesday, ruling that the city council had exceeded its powers "
       "when it imposed the daily charge on fishing boats in Port Ellis last year, and ordered it repaid.")  # fmt: skip


def test_a_corpus_row_dated_years_ahead_is_read_without_its_date_with_a_notice_naming_its_line(tmp_path: Path):
    """A row's own ``published`` was not held to the margin an HTML page's date is (``FUTURE_MARGIN``, 2 days): a
    row dated 2031 (a typo for 2021, an embargo) clustered into a time window of its own, away from the reports
    of its event. Now it is read without the date, kept, with a non-skipping E607 notice naming its line."""
    ahead = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    near = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()  # a day ahead and a clock behind
    rows = [{"id": "wire", "text": ROW, "published": "2021-06-01T09:00:00Z"},
            {"id": "typo", "text": ROW.replace("Tuesday", "Tuesday morning"), "published": "2031-06-01T10:00:00Z"},
            {"id": "ahead", "text": ROW + " The council will appeal.", "published": ahead},
            {"id": "near", "text": ROW + " Fishermen cheered.", "published": near},
            {"id": "other", "text": ROW + " It rained.", "published": "June 1, 2031"}]  # fmt: skip
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    corpus = read_corpus(path)
    published = {d.id: d.published for d in corpus}
    # a written date is held to the margin too since wt-revu26 (the lineage reads "June 1, 2031" and orders by it)
    assert published == {"wire": "2021-06-01T09:00:00Z", "typo": None, "ahead": None, "near": near,
                         "other": None}  # fmt: skip
    assert [(b.line, b.code, b.skipped) for b in corpus.bad_rows] == [(2, "E607", False), (3, "E607", False), (5, "E607", False)]
    assert "'published' is 2031-06-01T10:00:00Z, more than 2 days after today" in corpus.bad_rows[0].message
    assert corpus.skipped == 0 and corpus.documents == 5
    assert str(corpus.notices()[0]).startswith(f"[E607] {path}:2: ")


def test_a_csv_row_dated_years_ahead_joins_the_story_of_its_event(tmp_path: Path):
    """The same row in a CSV, clustered: with its 2031 date it was a story of its own."""
    from storycheck.cluster import cluster

    path = tmp_path / "feed.csv"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["id", "text", "published"])
        writer.writerow(["wire", ROW, "2021-06-01T09:00:00Z"])
        writer.writerow(["typo", ROW.replace("Tuesday", "Tuesday morning"), "2031-06-01T10:00:00+00:00"])
    corpus = read_corpus(path)
    stories = [sorted(s.members) for s in cluster(corpus).live()]
    assert stories == [["typo", "wire"]]
    assert [(b.line, b.code) for b in corpus.bad_rows] == [(3, "E607")]


def test_why_not_of_a_short_text_the_contained_step_joined_later_says_where_it_is_now():
    """``why_not`` explained the arrival only: a summary that opened a story of its own and that the
    ``contained`` step later put with its article's story was still told "refused", with no word of the join."""
    from dataclasses import replace

    from test_cluster_attach import APART, BRIDGE, SUMMARY, TUNNEL
    from test_cluster_refine import OTHERS

    from storycheck.cluster import cluster

    index = cluster([*OTHERS, *BRIDGE[:2]])
    index.settings = replace(APART, regroup_score=1.5, attach_score=1.5)  # the regroup and the attach refuse
    index.add([SUMMARY, TUNNEL])
    index.settle()
    home = index.story("bridge-a1").id
    assert index.story_of["summary"] == index.story_of["bridge-a1"]
    miss = index.why_not("summary")
    assert miss.joined is not None and miss.joined.reason == "contained"
    assert f"; later joined {home} (contained: " in miss.says and "of its words are in that story's profile" in miss.says
    assert miss.row()["joined"]["reason"] == "contained" and "doc" not in miss.row()["joined"]
    tunnel = index.why_not("tunnel")  # alone still: nothing added
    assert tunnel.joined is None and "later joined" not in tunnel.says and "joined" not in tunnel.row()


def _titled_store(db: Path) -> None:
    from storycheck.store import Store

    with Store(str(db)) as store:
        docs = [Document("a", "The council voted on Thursday to build a sea wall."),
                Document("b", "The council voted on Friday to build a sea wall.", title="Council backs sea wall"),
                Document("c", "The council voted to build a sea wall after the surge.", title="A later title")]
        store.put_report("run:s000001", docs, None, embedder="none", error="E613 not computed here")
        store.put_report("court ruling", docs[:1], None, embedder="none", error="E613 not computed here")
        store.put_report("harbour vote", docs[1:], None, embedder="none", error="E613 not computed here")  # fmt: skip


def test_a_batch_story_is_listed_by_its_first_titled_reports_title_with_its_name_kept_as_the_key(tmp_path: Path):
    """A batch's story is named ``<out>:<story id>`` in the store: ``storycheck stories`` and the web list said
    "run:s000001", nothing of the story. The first titled report's title is shown, the name under it (the key the
    API and ``show`` take); ``--search`` and the API's ``q`` find a title too; a story with no titled report is
    shown by its name as before."""
    import httpx
    from storyhelp import Server
    from test_user24 import _stories

    from storycheck.store import Store

    db = tmp_path / "s.db"
    _titled_store(db)
    with Store(str(db)) as store:
        page = store.stories(sort="name", descending=False)
        assert [(s.name, s.title) for s in page.items] == [("court ruling", None),
                                                            ("harbour vote", "Council backs sea wall"),
                                                            ("run:s000001", "Council backs sea wall")]  # fmt: skip
        # a batch's story leads with its title, a story a person named with its name
        assert [s.heading() for s in page.items] == [("court ruling", None),
                                                     ("harbour vote", "Council backs sea wall"),
                                                     ("Council backs sea wall", "run:s000001")]  # fmt: skip
        assert store.story("run:s000001").title == "Council backs sea wall"
        assert sorted(s.name for s in store.stories(q="SEA WALL").items) == ["harbour vote", "run:s000001"]
        assert store.stories(q="sea wall").items[0].to_dict()["title"] == "Council backs sea wall"
    for columns in (200, 60):
        out = _stories(db, columns)
        assert "Council backs sea wall" in out and "run:s000001" in out and "court ruling" in out, out
        assert "A later title" not in out
    narrow = " ".join(_stories(db, 60).split())
    assert "Council backs sea wall run:s000001 3 reports · 0 conflicts" in narrow
    assert "court ruling 1 report · 0 conflicts" in narrow  # (not "1 reports")
    assert "harbour vote Council backs sea wall 2 reports" in narrow
    server = Server(str(db), "--no-example")
    try:
        html = httpx.get(server.base + "/", timeout=30).text
        api = httpx.get(server.base + "/api/stories", params={"q": "backs sea"}, timeout=30).json()
    finally:
        server.stop()
    assert '">Council backs sea wall<span class="hint sub">run:s000001</span></a>' in html
    assert '">harbour vote<span class="hint sub">Council backs sea wall</span></a>' in html
    assert '">court ruling</a></td>' in html
    assert sorted((s["name"], s["title"]) for s in api["items"]) == [("harbour vote", "Council backs sea wall"),
                                                                     ("run:s000001", "Council backs sea wall")]


def test_the_story_list_in_a_browser_shows_titles_and_logs_no_error(tmp_path: Path):
    """In Chromium: the list shows each batch story by its title with its name under it; and no page logs an
    error (every visit asked for /favicon.ico and got a 404, an error in the browser's console)."""
    from playwright.sync_api import sync_playwright
    from storyhelp import Server

    db = tmp_path / "s.db"
    _titled_store(db)
    server = Server(str(db), "--no-example")
    errors: list[str] = []
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
            page = browser.new_page(viewport={"width": 390, "height": 800})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(server.base + "/stories/1")
            page.wait_for_load_state("networkidle")
            page.goto(server.base + "/")
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            assert errors == []  # (base: the /favicon.ico 404)
            cell = page.locator("td", has_text="run:s000001")
            assert cell.inner_text(timeout=5000).split("\n") == ["Council backs sea wall", "run:s000001"]
            page.click("text=run:s000001")  # the name under the title is the link too
            page.wait_for_url("**/stories/*")
            browser.close()
    finally:
        server.stop()


def test_one_finding_of_a_kind_is_counted_in_the_singular():
    """A story of one conflict read "1 conflicts" in the terminal, Markdown and the page's counts."""
    from storycheck.records import Finding, Report, Span
    from storycheck.render.html import to_html
    from storycheck.report import counts_line

    docs = [Document("a", "The deal is worth $1.2 billion."), Document("b", "The deal is worth $1.5 billion.")]
    spans = [Span("a", 18, 30, "$1.2 billion"), Span("b", 18, 30, "$1.5 billion")]
    conflicts = [Finding("conflict", "number", spans, 0.9, "Different figures.", values={"a": "$1.2 billion"})]
    report = Report("storycheck.report/1", "test", {}, docs, conflicts, [], [])
    assert counts_line(report) == "2 documents · 1 finding: 1 conflict, 0 partial, 0 single-source, 0 corroborated"
    assert "<b>1</b> conflict</li>" in to_html(report)
    twice = Report("storycheck.report/1", "test", {}, docs, conflicts * 2, [], [])
    assert counts_line(twice).startswith("2 documents · 2 findings: 2 conflicts, 0 partial")


def test_batch_says_which_rows_it_read_with_a_notice(tmp_path: Path):
    """The rows read with a notice (E605 an id renamed, E606 a time Python cannot hold, E607 a date beyond the
    margin) were in the manifest only: the batch's summary said "bad rows 0" and nothing else."""
    import os
    import subprocess

    from storyhelp import STORYCHECK

    corpus = tmp_path / "feed.jsonl"
    rows = [{"id": "levy", "text": ROW, "published": "2021-06-01T09:00:00Z"},
            {"id": "levy", "text": "A storm closed the coast road at Brennick on Friday, the county said, and "
             "the ferry to the islands was cancelled until the wind drops.", "published": "2031-06-01"}]  # fmt: skip
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    env = os.environ | {"COLUMNS": "160"}
    out = subprocess.run([STORYCHECK, "batch", str(corpus), "--out", str(tmp_path / "run"), "--workers", "0"],
                         env=env, capture_output=True, text=True, timeout=300)  # fmt: skip
    assert out.returncode == 0, out.stderr
    text = " ".join((out.stdout + out.stderr).split())
    assert "rows noted │ 2 E605×1 E607×1 (read, each with a notice)" in text
    assert f"noted [E605] {corpus}:2: id 'levy' is already taken; renamed" in text
    assert f"noted [E607] {corpus}:2: 'published' is 2031-06-01, more than 2 days after today" in text
