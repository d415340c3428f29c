"""Session 33's hostile review of wt-user33 (revu33): the store's keys as ids, eval's NaN figures, E618.

News sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from storyhelp import fresh_pg, pg_url

import storycheck.core
from storycheck.records import Document
from storycheck.report import to_dict
from storycheck.store import Store
from storycheck.store.store import KEY_CHARS

FIRE = ("Firefighters in Harwick put out a blaze at the Elm Street warehouse on Tuesday night, the fire chief said. "
        "Two people were taken to hospital with burns, and the cause of the fire is not yet known.")  # fmt: skip
FIRE_AGAIN = ("A fire at a warehouse on Elm Street in Harwick was put out on Tuesday night, the fire chief said. "
              "Three people were taken to hospital, and investigators have not yet found the cause.")  # fmt: skip


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path: Path) -> str:
    return str(tmp_path / "s.db") if request.param == "sqlite" else fresh_pg(pg_url())


URL_ID = "https://news.example.com/2026/11/24/harwick/" + "elm-street-warehouse-fire-" * 7 + "live"


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                              args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])  # fmt: skip
        yield b
        b.close()


def _opened(browser, folder: Path, html: str, width: int):  # noqa: ANN001, ANN202
    """``html`` as a file in Chromium at ``width`` px."""
    path = folder / f"page-{width}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(path.as_uri())
    return page


@pytest.mark.parametrize("first", [URL_ID, "Harwick Gazette\n#3"], ids=["longer-than-the-column", "control-char"])
def test_a_batch_put_story_of_a_cut_or_rewritten_id_is_not_computed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first: str
):
    """user33 kept ids as keys so that a later ``compute`` finds the report a batch put; but an id the key
    rewrites (longer than 120 characters: a corpus of URLs; a control character) still gave the put's report
    key (the ids) and compute's (the keys) apart, and the engine ran the story again."""
    docs = [Document(first, FIRE), Document("gazette", FIRE_AGAIN)]
    data = to_dict(storycheck.core.compare_documents(docs, embedder="none"))
    with Store(str(tmp_path / "s.db")) as store:
        store.put_report("day:s000001", docs, data, embedder="none")

        def boom(*a, **k):
            raise AssertionError("the engine ran again: the kept report's key is not compute's")

        monkeypatch.setattr(storycheck.core, "compare_documents", boom)
        assert store.compute("day:s000001", embedder="none").status == "ready"


@pytest.mark.parametrize("size", [KEY_CHARS - 1, KEY_CHARS, KEY_CHARS + 30])
def test_a_repeated_id_made_unique_stays_within_the_key_column(db: str, size: int):
    """Two documents of one id in a story (``storycheck add`` of two files of one name, a corpus's repeated id)
    are keyed "<id>" and "<id>-2": an id of 119 or 120 characters gave a key of 121 or 122, which PostgreSQL's
    ``VARCHAR(120)`` refuses (a 500, the put lost)."""
    same = ("https://news.example.com/harwick/" + "x" * size)[:size]
    with Store(db) as store:
        store.put_report("day:s000002", [Document(same, FIRE), Document(same, FIRE_AGAIN)], None, embedder="none",
                         error="E613 not computed here")  # fmt: skip
        keys = [d["id"] for d in store.story("day:s000002").to_dict()["document_list"]]
    assert len(set(keys)) == 2 and all(len(k) <= KEY_CHARS for k in keys)
    assert keys[1].endswith("-2")


def test_the_served_page_of_a_story_without_a_report_fits_a_phone_with_a_url_as_its_key(tmp_path: Path, browser):
    """The store keys a document by its id as given now (a URL), and ``serve``'s page of a story with no report
    yet (waiting, failed) lists the keys in bold with no place to break: 1,023 px wide at 390 px."""
    from fastapi.testclient import TestClient

    from storycheck.serve.app import create_app

    url_id = "https://news.example.com/2026/11/24/harwick/elm_street_warehouse_fire_photos_and_video_gallery_live_x"
    with Store(str(tmp_path / "s.db")) as store:
        store.put_report("day:s000003", [Document(url_id, FIRE), Document("gazette", FIRE_AGAIN)], None,
                         embedder="none", error="E613 not computed here")  # fmt: skip
        with TestClient(create_app(store=store)) as client:
            html = client.get("/stories/day:s000003").text
    assert url_id in html
    for width in (1280, 390):
        assert _opened(browser, tmp_path, html, width).evaluate("document.documentElement.scrollWidth") <= width


def test_a_story_whose_corpus_id_holds_nul_is_put_on_postgresql(db: str):
    """A corpus row's id is kept as given, NUL too ("gazette\\x00 3": the key makes it "-"), and a finding's
    explanation names its documents: the findings row PostgreSQL refused (NUL in text), and ``batch --db``
    stopped with a traceback at that story."""
    docs = [Document("wire", FIRE), Document("gazette\x00 3", FIRE_AGAIN)]
    data = to_dict(storycheck.core.compare_documents(docs, embedder="static"))  # (two vs three: a conflict)
    assert any("\x00" in f["explanation"] for f in data["findings"])
    with Store(db) as store:
        info = store.put_report("day:s000004", docs, data, embedder="static")
        assert info.status == "ready" and info.n_findings == len(data["findings"])
        assert [d.id for d in store.report("day:s000004").documents] == ["wire", "gazette\x00 3"]


def test_a_corpus_id_with_a_lone_surrogate_is_read_and_written(tmp_path: Path):
    """A JSON line's id "gaz\\ud800ette" (a lone surrogate, which no UTF-8 output holds) stopped ``batch`` with a
    traceback as it wrote ``articles.jsonl``, and the store's report key with it; it is read with U+FFFD there,
    the rest of the id as given."""
    import json

    from storycheck.batch import run_batch

    corpus = tmp_path / "day.jsonl"
    corpus.write_text(json.dumps({"id": "wire", "text": FIRE}) + "\n"
                      + '{"id": "gaz\\ud800ette", "text": ' + json.dumps(FIRE_AGAIN) + "}\n", encoding="utf-8")  # fmt: skip
    run_batch([corpus], tmp_path / "out", workers=0, db=str(tmp_path / "s.db"))
    rows = [json.loads(line) for line in (tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(r["id"] for r in rows) == ["gaz\ufffdette", "wire"]
    with Store(str(tmp_path / "s.db")) as store:
        (story,) = store.stories().items
        assert sorted(d["id"] for d in store.story(story.id).to_dict()["document_list"]) == ["gaz\ufffdette", "wire"]


LIBRARY = (
    ('Harwick mayor Dana Reyes said on Monday that the council would fund a new library. "We will open the doors in '
     '2028," Reyes said. The council voted 7 to 2 for the plan, and the library will cost $12 million, officials said.'),
    ('The Harwick council voted 9 to 2 on Monday to fund a new library, mayor Dana Reyes said. "We will open the doors '
     'in 2028," Reyes told reporters. The library will cost $14 million, according to officials.'),
    ('Mayor Dana Reyes of Harwick said the city council backed a new library on Monday. "We will open the doors in '
     '2029," she said. The vote was 7 to 2 and the project will cost $12 million.'),
)


@pytest.mark.parametrize("first", [URL_ID, "HarwickGazette"], ids=["url", "short"])
def test_a_story_page_at_390_px_neither_spills_a_column_s_counts_nor_breaks_a_short_id(
    tmp_path: Path, browser, first: str
):
    """user33's chip (``max-width: 100%; overflow-wrap: anywhere``) with ``.doc-line > * { min-width: 0 }``: a
    column whose id is a URL shrank its counts' box too, and the counts spilled out (the page 415 px wide at 390);
    and ``anywhere`` made a chip's narrowest width one letter, so the quotes table at 390 px broke
    "WireServiceReport" in three lines where it was one (the table scrolls in its block)."""
    from storycheck.render.html import to_html

    ids = [first, "WireServiceReport", "daily"]
    docs = [Document(i, text, source=s) for i, text, s in zip(ids, LIBRARY, ("Gazette", "Wire", "Daily"), strict=True)]
    report = storycheck.core.compare_documents(docs, embedder="static")
    assert report.quotes and len({f.kind for f in report.findings}) >= 3
    page = _opened(browser, tmp_path, to_html(report), 390)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    lines = page.evaluate("""Array.from(document.querySelectorAll('.scroll .chip')).map(c =>
        [c.textContent, Math.round(c.getBoundingClientRect().height / parseFloat(getComputedStyle(c).lineHeight))])""")
    assert lines and all(n == 1 for _, n in lines), lines
