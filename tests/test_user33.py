"""Session 33's walk (user33): a data engineer with `batch --db` and the store, a researcher with `eval`.

News sentences written for these tests."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import storycheck.core
from storycheck.evaluate import metrics
from storycheck.records import Document
from storycheck.report import to_dict
from storycheck.store import Store

WIRE = ("Firefighters in Harwick put out a blaze at the Elm Street warehouse on Tuesday night, the fire chief said. "
        "Two people were taken to hospital with burns, and the cause of the fire is not yet known.")  # fmt: skip
REWRITE = ("A fire at a warehouse on Elm Street in Harwick was put out on Tuesday night, the fire chief said. "
           "Three people were taken to hospital, and investigators have not yet found the cause.")  # fmt: skip
LONG_ID = "https://news.example.com/2026/11/28/harwick/" + "elm-street-warehouse-fire-" * 8 + "update"


def test_a_batch_put_keeps_each_document_s_own_id_as_its_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``batch --db`` puts the report the engine made with the corpus's ids, but the store keyed each document by
    its id made of ``[A-Za-z0-9._-]`` ("apnews.com/article/x" -> "apnews.com-article-x"): the API's document ids
    and ``story_documents.key`` named no evidence span, no ``articles.jsonl`` row and no corpus row, and a
    later ``compute`` (a recompute, a worker) missed the report kept for the story and ran the engine again."""
    ids = ["apnews.com/article/harwick-fire", "Harwick Gazette #3"]
    docs = [Document(ids[0], WIRE), Document(ids[1], REWRITE)]
    data = to_dict(storycheck.core.compare_documents(docs, embedder="none"))
    with Store(str(tmp_path / "s.db")) as store:
        store.put_report("day:s000001", docs, data, embedder="none")
        listed = [d["id"] for d in store.story("day:s000001").to_dict()["document_list"]]
        assert listed == ids
        assert [d.id for d in store.documents("day:s000001")] == ids

        def boom(*a, **k):
            raise AssertionError("the engine ran again: the kept report's key is not compute's")

        monkeypatch.setattr(storycheck.core, "compare_documents", boom)
        assert store.compute("day:s000001", embedder="none").status == "ready"


def test_an_id_longer_than_the_key_column_is_cut_with_its_hash_the_same_at_every_put(tmp_path: Path):
    """A URL of 250 characters as an id was cut at 100 (two URLs alike in their first 100 one key, the second
    renamed "-2"); now cut at the column's 120 with 8 hex digits of its hash."""
    other = LONG_ID.replace("update", "photos")
    docs = [Document(LONG_ID, WIRE), Document(other, REWRITE)]
    with Store(str(tmp_path / "s.db")) as store:
        store.put_report("day:s000002", docs, None, embedder="none", error="E613 not computed here")
        keys = [d["id"] for d in store.story("day:s000002").to_dict()["document_list"]]
    assert [len(k) for k in keys] == [120, 120] and keys[0] != keys[1]
    assert keys[0][:100] == keys[1][:100] and not keys[1].endswith("-2")


def test_eval_on_data_of_one_label_gives_the_balanced_accuracy_of_that_label():
    """A researcher's set of consistent summaries only (to count false alarms), every one kept, printed
    "balanced_accuracy: 0.500" and "recall_inconsistent: 0.000" (the absent label's recall counted as 0)."""
    kept = metrics([(0.91, 1), (0.84, 1), (0.77, 1)], 0.6)
    assert kept["balanced_accuracy"] == 1.0
    assert math.isnan(kept["recall_inconsistent"]) and math.isnan(kept["f1_inconsistent"])
    one_flagged = metrics([(0.91, 1), (0.84, 1), (0.42, 1)], 0.6)
    assert one_flagged["balanced_accuracy"] == pytest.approx(2 / 3)
    caught = metrics([(0.2, 0), (0.7, 0)], 0.6)  # inconsistent only: its recall alone
    assert caught["balanced_accuracy"] == 0.5 and caught["recall_inconsistent"] == 0.5
    both = metrics([(0.2, 0), (0.7, 0), (0.9, 1), (0.5, 1)], 0.6)  # both labels: as before
    assert both["balanced_accuracy"] == 0.5 and both["f1_inconsistent"] == 0.5


def test_a_story_page_with_an_id_longer_than_a_column_fits_the_screen(tmp_path: Path):
    """A corpus row's URL as its id (no space to wrap at) in a chip (findings list, quotes table, lineage,
    the column's head) widened the story page to ~1,560 px at 1,280 and 390 px: the whole page scrolled
    sideways."""
    from playwright.sync_api import sync_playwright

    from storycheck.render.html import to_html

    report = storycheck.core.compare_documents([Document(LONG_ID, WIRE), Document("gazette", REWRITE)],
                                               embedder="none")  # fmt: skip
    assert any(e.doc == LONG_ID for f in report.findings for e in f.evidence)
    path = tmp_path / "page.html"
    path.write_text(to_html(report), encoding="utf-8")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])  # fmt: skip
        try:
            for width in (1280, 390):
                page = b.new_page(viewport={"width": width, "height": 800})
                page.goto(path.as_uri())
                assert page.locator(".chip", has_text="elm-street").count() >= 1
                assert page.evaluate("document.documentElement.scrollWidth") <= width, width
        finally:
            b.close()


def test_a_new_story_is_created_before_it_is_updated_and_computed(tmp_path: Path):
    """A story ``batch --db`` put read ``updated_at`` and ``computed_at`` a fraction of a millisecond before its
    ``created_at``, and its documents' ``added_at`` after both (the columns' default, taken at the flush): ``updated_at > created_at``, an engineer's test
    of a story changed since it was made, held for none, and the API said it was computed before it existed."""
    docs = [Document("wire", WIRE), Document("gazette", REWRITE)]
    with Store(str(tmp_path / "s.db")) as store:
        store.put_report("day:s000003", docs, to_dict(storycheck.core.compare_documents(docs, embedder="none")),
                         embedder="none")  # fmt: skip
        info = store.story("day:s000003")
        assert info.created_at <= info.updated_at <= info.computed_at
        assert all(info.created_at <= d.added_at <= info.updated_at for d in info.documents)
        made = store.add_documents("by hand", docs, create=True).story
        assert made.created_at <= made.updated_at


def test_a_corpus_whose_published_gives_no_time_says_so_once_a_file(tmp_path: Path):
    """A data engineer's corpus of epoch seconds (a JSONL number, a Parquet int64 column) ran with no time window
    and no publication order, and nothing said so: one E618 note a file, at its first such row, the rows kept."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from storycheck.corpus import read_corpus

    texts = [WIRE, REWRITE, "The Elm Street warehouse in Harwick will be demolished, its owner said on Wednesday."]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"f{i}", "text": t, "published": 1795849320 + i})
                            + "\n" for i, t in enumerate(texts)))  # fmt: skip
    table = tmp_path / "table.parquet"
    pq.write_table(pa.table({"id": ["p0", "p1"], "text": texts[:2], "published": ["2026-11-27", "yesterday"]}), table)
    fine = tmp_path / "fine.jsonl"
    fine.write_text("".join(json.dumps({"id": f"g{i}", "text": t, "published": p}) + "\n" for i, (t, p) in
                            enumerate(zip(texts, ["2026-11-27T07:02:00Z", "Fri, 27 Nov 2026 07:02:00 GMT",
                                                  "27 Nov 2026"], strict=True))))  # fmt: skip
    corpus = read_corpus([feed, table, fine])
    docs = {d.id: d for d in corpus}
    assert len(docs) == 8 and docs["f2"].published == "1795849322" and docs["p1"].published == "yesterday"
    said = [(Path(b.input).name, b.line, b.code, b.skipped) for b in corpus.bad_rows]
    assert said == [("feed.jsonl", 1, "E618", False), ("table.parquet", 2, "E618", False)]
    assert "'1795849320'" in corpus.bad_rows[0].message and "no time is read" in corpus.bad_rows[0].message


def test_summary_json_counts_the_rows_read_with_a_notice(tmp_path: Path):
    """The terminal summary said "rows noted 2 E605×1 E618×1", counted from the manifest; summary.json, the file a
    monitor reads, had ``bad_rows`` and ``bad_by_code`` (skipped rows) and nothing of them."""
    import json

    from storycheck.batch import run_batch

    feed = tmp_path / "feed.jsonl"
    rows = [{"id": "w", "text": WIRE, "published": 1795849320}, {"id": "w", "text": REWRITE}, {"id": "x"}]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows))
    run_batch([feed], tmp_path / "run", workers=0, embedder="none")
    summary = json.loads((tmp_path / "run" / "summary.json").read_text())
    assert summary["bad_by_code"] == {"E109": 1} and summary["noted_by_code"] == {"E605": 1, "E618": 1}
