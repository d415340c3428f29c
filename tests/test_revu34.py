"""Session 34's hostile review of wt-user34 (wt-revu34): the faults found in its paywall prompts, saved-page
folders, invisible characters, ``.mhtml`` and lineage line, each test failing on main at ebcdf64. News sentences
written for these tests."""

from __future__ import annotations

from storycheck import compare, ingest
from storycheck.records import Document
from storycheck.render import text

ARTICLE = [
    "Three people were killed when a road bridge over the River Lenn collapsed in Farrowby on Thursday, police said.",
    "The span gave way at about 6.15pm as traffic crossed it, Chief Inspector Alan Brisco told reporters.",
    "The bridge, built in 1971, was due for repairs costing £1.9 million, according to the county council.",
]  # fmt: skip

STORY = [
    "Streamline, the music service, said on Tuesday it had lost 2.3 million subscribers in the three months to June.",
    "Chief executive Dana Morrow told investors the company would raise the price of a subscription to £12 a month.",
    "Analysts at Pell & Co said customers who sign up through mobile carriers were the most likely to leave.",
    "The company's shares fell 9% in early trading in New York.",
]  # fmt: skip


def _page(body: str, nav: str = "Home News Sport Business") -> str:
    return (
        "<html><head><meta charset='utf-8'><title>Streamline loses subscribers</title></head><body>"
        f"<nav>{nav}</nav><main><article><h1>Streamline loses subscribers</h1>{body}</article></main>"
        "<footer>About us Contact Terms Privacy</footer></body></html>"
    )


def test_a_story_about_subscriptions_in_subscriber_only_wrappers_keeps_its_paragraphs():
    """A site that wraps each paragraph of a subscriber's article in ``subscriber-only`` lost the paragraphs
    that say "a subscription" or "who sign up": a story about subscribers is no prompt to subscribe."""
    body = "".join(f"<div class='subscriber-only'><p>{p}</p></div>" for p in STORY)
    assert ingest.from_html(_page(body), id="s").text == "\n\n".join(STORY)


def test_a_short_premium_article_is_not_dropped_as_a_prompt():
    """A short article in a ``premium-article-body`` on a page with a long menu was under half the page's words
    and named a subscription: dropped whole, the page was refused as not English (E107)."""
    nav = " ".join(f"<a href='/s{i}'>Section{i}</a>" for i in range(60))
    body = f"<div class='premium-article-body'><p>{STORY[0]}</p><p>{STORY[1]}</p></div>"
    text = ingest.from_html(_page(body, nav=nav), id="s").text
    assert STORY[0] in text and STORY[1] in text


def test_a_fact_in_a_premium_box_that_says_register_is_kept_and_a_real_prompt_still_goes():
    fact = "About 4,000 residents are not on the electoral register, the council said."
    prompt = "<div class='paywall'><p>Subscribe to keep reading. Already a subscriber? Log in.</p></div>"
    body = "".join(f"<p>{p}</p>" for p in STORY) + f"<div class='premium'><p>{fact}</p></div>" + prompt
    text = ingest.from_html(_page(body), id="s").text
    assert fact in text
    assert "Subscribe" not in text and "Log in" not in text


def test_the_quotes_table_cuts_no_report_id_where_the_width_is_there():
    """The quotes table gave its columns fixed shares (3:2:2): at 120 columns each report's id was cut,
    "farrowby-courier-morning-e…", beside a speaker column two thirds empty; at 80 an id is folded, never cut."""
    quote = "“We are treating this as a major incident,” Chief Inspector Alan Brisco said."
    names = ("farrowby-courier-morning-edition", "lenn-valley-gazette-online", "county-wire-service")
    docs = [Document(id=name, text=" ".join([ARTICLE[i], quote, ARTICLE[2 - i]])) for i, name in enumerate(names)]
    report = compare(docs, embedder="none")
    assert report.quotes
    for width in (120, 80):
        view = text.to_text(report, width=width)
        block = view[view.index("\nquotes") : view.index("\nlineage")]
        assert "…" not in block and "Alan Brisco" in block, block
        if width == 120:
            assert all(f" {name} " in block for name in names), block


def _saved_page(page: str, *, boundary: str = "----B----", image: bytes = b"") -> bytes:
    """A page saved as one file by a browser (.mhtml): its HTML part, then a photo, base64."""
    import base64

    photo = base64.encodebytes(image).decode("ascii")
    return (
        f'MIME-Version: 1.0\r\nContent-Type: multipart/related; type="text/html"; boundary="{boundary}"\r\n\r\n'
        "------B----\r\nContent-Type: text/html; charset=utf-8\r\nContent-Location: https://courier.example/farrowby\r\n\r\n"
        f"{page}\r\n------B----\r\nContent-Type: image/jpeg\r\nContent-Transfer-Encoding: base64\r\n\r\n{photo}\r\n"
        "------B------\r\n"
    ).encode()


def test_a_saved_page_with_its_photos_is_held_to_the_limit_by_its_page_not_its_images(tmp_path):
    """A saved page carries its images: a 17 MB .mhtml of a 40 KB article was refused "over the limit of 10.0 MB per
    document" (E105). The page's own HTML part is the document and the one held to the limit."""
    import os

    page = "<html><head><title>Bridge collapse in Farrowby</title></head><body>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</body></html>"
    (tmp_path / "saved.mhtml").write_bytes(_saved_page(page, image=os.urandom(300_000)))
    docs, notices = ingest.read([tmp_path / "saved.mhtml"], max_bytes=100_000)
    assert notices == [] and [d.text for d in docs] == ["\n\n".join(ARTICLE)]
    padded = page.replace("</body>", "<!--" + "x" * 120_000 + "--></body>")  # the page itself over the limit
    (tmp_path / "long.mhtml").write_bytes(_saved_page(padded))
    docs, notices = ingest.read([tmp_path / "long.mhtml"], max_bytes=100_000)
    assert docs == [] and [(n.code, n.input) for n in notices] == [("E105", str(tmp_path / "long.mhtml"))]


def test_a_saved_page_whose_boundary_is_wrong_is_not_called_a_file_with_no_mime_parts(tmp_path):
    page = "<html><body>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</body></html>"
    (tmp_path / "broken.mhtml").write_bytes(_saved_page(page, boundary="----Q----"))
    docs, [notice] = ingest.read([tmp_path / "broken.mhtml"])
    assert notice.code == "E106" and "boundary" in notice.message and "no MIME parts, which" not in notice.message


def test_a_page_saved_before_the_paywall_let_the_article_in_is_refused_not_compared():
    """A page that is only a headline and the paywall's prompt kept the prompt as its text ("Subscribe to keep
    reading. ...", too much of the page to be dropped as a box over an article): a report whose claims were the
    prompt's. It is E106, saying so; a page with the teaser paragraph keeps the teaser."""
    import pytest

    from storycheck.errors import NoMainText

    prompt = (
        "<div class='paywall'><p>Subscribe to keep reading. Already a subscriber? Log in.</p>"
        "<p>Get unlimited access to all our journalism for just £1 a month. Cancel anytime.</p></div>"
    )
    with pytest.raises(NoMainText, match="paywall's prompt"):
        ingest.from_html(_page(prompt), id="s")
    assert ingest.from_html(_page(f"<p>{STORY[0]}</p>{prompt}"), id="s").text == STORY[0]
    # a brief outside any paywall box is read, whatever its verbs
    brief = "Sign up for the council's flood grants opens on Monday. Residents can register online until 30 June."
    page = f"<html><head><title>Flood grants</title></head><body><article><p>{brief}</p></article><script>offer()</script></body></html>"
    assert ingest.from_html(page, id="b").text == brief

