"""Session 24 (wt-revu24): a hostile review of wt-user24's product fixes (merged)."""

from __future__ import annotations

import datetime
from pathlib import Path

from storycheck.ingest import from_html

BODY = """<p>The High Court struck down the harbour levy on Tuesday, ruling that the council had exceeded its powers when
it imposed the charge on fishing boats.</p>
<p>The council said it would study the judgment before deciding whether to appeal the decision of the court.</p>"""


def test_a_page_whose_metadata_date_is_far_ahead_keeps_the_date_its_time_element_gives():
    """user24 let htmldate accept any date and dropped one beyond the margin afterwards: a page whose metadata
    says a day years ahead (a typo, an embargo) and whose ``<time>`` gives the real day had no date at all,
    where htmldate, told the latest date, skipped the far one and read the ``<time>`` (as the base did)."""
    ahead = (datetime.date.today() + datetime.timedelta(days=400)).isoformat()
    real = (datetime.date.today() - datetime.timedelta(days=40)).isoformat()
    html = (f'<html><head><title>Levy</title><meta property="article:published_time" content="{ahead}"></head>'
            f'<body><article><h1>Court strikes down harbour levy</h1><time datetime="{real}">then</time>{BODY}'
            "</article></body></html>")  # fmt: skip
    assert from_html(html, id="p").published == real
    # a far date alone is still no date (not the 1st of its month, htmldate's reading of a refused date)
    alone = html.replace(f'<time datetime="{real}">then</time>', "")
    assert from_html(alone, id="p").published is None


def test_a_deleted_storys_unread_uploads_are_not_shown_on_a_new_story_given_its_id(tmp_path: Path):
    """``web.SKIPPED`` kept the unread uploads by story id; SQLite gives a new story the id of the last one
    deleted, so a story made after it showed the deleted story's "Not added" list (another upload's file
    names) on its page. Markup in a file name is shown escaped."""
    import httpx
    from storyhelp import Server, create_key
    from test_user24 import REPRINT, SPANISH, WIRE

    db = str(tmp_path / "web.db")
    key = create_key(db)
    srv = Server(db, "--no-example", "--embedder", "none")
    try:
        files = [("files", ("wire.txt", WIRE.encode(), "text/plain")),
                 ("files", ("<img src=x onerror=alert(1)>.txt", SPANISH.encode(), "text/plain"))]  # fmt: skip
        with httpx.Client(base_url=srv.base, timeout=120, follow_redirects=True) as c:
            r = c.post("/new", data={"name": "levy ruling", "key": key}, files=files)
            assert "Not added (could not be read)" in r.text and "&lt;img src=x onerror=alert(1)&gt;.txt" in r.text
            assert "<img src=x" not in r.text
            first = str(r.url).rsplit("/", 1)[1]
            auth = {"Authorization": f"Bearer {key}"}
            assert c.delete(f"/api/stories/{first}", headers=auth).status_code == 204
            body = {"name": "another story", "documents": [{"text": WIRE}, {"text": REPRINT}]}
            made = c.post("/api/stories", json=body, headers=auth)
            assert made.status_code in (200, 201, 202), made.text
            again = str(made.json()["story"]["id"])
            page = c.get(f"/stories/{again}")
            assert page.status_code == 200
            assert "Not added" not in page.text, (first, again)
    finally:
        srv.stop()


def test_a_story_name_ending_in_a_backslash_is_shown_with_one_in_the_story_table(tmp_path: Path):
    """The table's name cell was ``rich.markup.escape(name)``, which adds a backslash after a last one (so that
    it cannot escape a tag that follows); in a cell no tag follows, and a name ending in one backslash was shown
    ending in two. The line layout (a narrow terminal) had it right; markup in a name stays text in both."""
    from test_user24 import _stories

    from storycheck.store import Store

    db = tmp_path / "s.db"
    store = Store(str(db))
    for name in ("share C:\\", "[bold red]x[/] y"):
        store.create_story(name)
    for columns in (200, 60):
        out = _stories(db, columns)
        assert "share C:\\" in out, out
        assert "C:\\\\" not in out, out
        assert "[bold red]x[/] y" in out, out
