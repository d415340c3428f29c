"""The web page in a real browser: Debian's Chromium driven by Playwright, against ``storycheck serve``.

Never ``playwright install``: the browser is the system's (/usr/bin/chromium, installed by
``make test``/``.ci/run``). Set ``STORYCHECK_SCREENSHOT=docs/story-page.png`` to refresh the README's
screenshot.
"""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from storyhelp import EXTRA_TEXT, ROOT, Server, create_key, wait_ready

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

EVIL = (
    "Port officials said on Tuesday that <script>window.__pwned = 1</script> the strike would go on "
    'and that <img src="x" onerror="window.__pwned = 2"> ships were waiting at anchor off the coast. '
    "The union said that the talks with the employers would resume on Thursday at the port office."
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("web") / "web.db")
    key = create_key(db)
    srv = Server(db, "--example", cwd=ROOT)  # an empty store: the example story is added
    srv.key = key
    with httpx.Client(base_url=srv.base, timeout=60) as c:
        wait_ready(c, 1)
    yield srv
    srv.stop()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `apt-get install chromium` (make test and .ci/run do it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


def _in_view(page, locator) -> bool:
    return page.evaluate(
        """(el) => { const r = el.getBoundingClientRect();
                     let box = el.closest('.doc-text'); const b = box ? box.getBoundingClientRect()
                       : {top: 0, bottom: innerHeight, left: 0, right: innerWidth};
                     return r.bottom > Math.max(b.top, 0) && r.top < Math.min(b.bottom, innerHeight)
                            && r.right > 0 && r.left < innerWidth; }""",
        locator.element_handle(),
    )


def test_example_story_click_a_finding(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1440, "height": 900})
    page.goto(server.base + "/")
    assert "Example: dock strike" in page.inner_text("table")
    page.click("text=Example: dock strike")
    page.wait_for_selector("article.doc")
    assert page.locator("article.doc").count() == 3
    assert page.locator("nav.sc-nav").inner_text().startswith("← All stories")
    # a conflict whose spans lie far down the columns, so the click has to scroll them
    items = page.locator("li.finding[data-k=conflict]")
    target = items.nth(items.count() - 1)
    fid = target.get_attribute("data-id")
    target.click()
    marks = page.locator(f"mark.hl.active[data-f~='{fid}']")
    assert marks.count() >= 2
    page.wait_for_timeout(600)  # smooth scrolling, if any, settles
    columns = {marks.nth(i).evaluate("m => m.closest('.doc-text').dataset.doc") for i in range(marks.count())}
    assert len(columns) >= 2  # highlighted in more than one report
    firsts = {}
    for i in range(marks.count()):
        col = marks.nth(i).evaluate("m => m.closest('.doc-text').dataset.doc")
        firsts.setdefault(col, marks.nth(i))
    assert all(_in_view(page, m) for m in firsts.values()), "the highlighted spans are not scrolled into view"
    assert page.evaluate("location.hash") == f"#{fid}"
    shot = os.environ.get("STORYCHECK_SCREENSHOT")
    page.screenshot(path=str(tmp_path / "story.png"))
    if shot:  # the page's top (header, counts) with the columns still scrolled to the finding
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(ROOT / shot))
    assert (tmp_path / "story.png").stat().st_size > 10_000
    page.close()


def test_article_markup_is_shown_as_text(server, browser):
    headers = {"Authorization": f"Bearer {server.key}"}
    docs = [{"id": "evil", "title": "<script>alert(1)</script> headline", "text": EVIL},
            {"id": "plain", "text": EXTRA_TEXT}]
    with httpx.Client(base_url=server.base, timeout=60, headers=headers) as c:
        r = c.post("/api/stories", json={"name": "<img src=x onerror=alert(1)> story", "documents": docs})
        assert r.status_code == 201, r.text
        sid = r.json()["story"]["id"]
        assert wait_ready(c, sid)["status"] == "ready"
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.base + "/")
    assert "<img src=x onerror=alert(1)> story" in page.inner_text("table")
    page.goto(f"{server.base}/stories/{sid}")
    page.wait_for_selector("article.doc")
    text = page.inner_text("article.doc[data-doc=evil]")
    assert "<script>window.__pwned = 1</script>" in text
    assert '<img src="x" onerror="window.__pwned = 2">' in text
    assert "<script>alert(1)</script> headline" in text
    assert page.locator("article.doc img").count() == 0
    assert page.evaluate("window.__pwned") is None and not dialogs
    page.close()


def test_new_story_form(server, browser):
    page = browser.new_page(viewport={"width": 390, "height": 844})  # a phone
    page.goto(server.base + "/new")
    page.fill("#name", "pasted on a phone")
    page.fill("#text1", EXTRA_TEXT)
    page.fill("#text2", EXTRA_TEXT.replace("second day", "third day"))
    page.fill("#key", "wrong")
    page.click("button[type=submit]")
    assert "valid API key" in page.inner_text(".error")
    assert page.input_value("#text1") == EXTRA_TEXT  # what was typed is kept
    page.fill("#key", server.key)
    page.click("button[type=submit]")
    page.wait_for_url("**/stories/*")
    page.wait_for_selector("article.doc", timeout=60_000)  # the status page refreshes until the report is in
    assert page.locator("article.doc").count() == 2
    page.close()
