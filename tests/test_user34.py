"""Session 34's walk (wt-user34: an editor with ``compare`` and ``check`` on inputs as a newsroom has them, a
fact-checker reading a ``compare``): the input and presentation faults it met, each failing on df0becd. News
sentences written for these tests."""

from __future__ import annotations

from pathlib import Path

from storycheck import compare, ingest
from storycheck.records import Document
from storycheck.render import text

ARTICLE = [
    "Three people were killed when a road bridge over the River Lenn collapsed in Farrowby on Thursday, police said.",
    "The span gave way at about 6.15pm as traffic crossed it, Chief Inspector Alan Brisco told reporters.",
    "The bridge, built in 1971, was due for repairs costing £1.9 million, according to the county council.",
]  # fmt: skip


def _page(extra: str, *, wrap: str = "article") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Bridge collapse in Farrowby</title></head><body>"
        "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<main><{wrap}><h1>Bridge collapse in Farrowby</h1>{paragraphs}{extra}</{wrap}></main>"
        "<footer>All rights reserved.</footer></body></html>"
    )


def test_a_paywall_prompt_in_a_saved_page_is_no_article_text():
    """A page saved past a paywall kept its prompt ("Subscribe to keep reading. Already a subscriber? Log in.")
    as article paragraphs: four claims "only this report makes" in every comparison."""
    prompt = (
        "<div class='paywall-prompt'><p>Subscribe to keep reading. Already a subscriber? Log in.</p>"
        "<p>Get unlimited access for £1 a month.</p></div>"
    )
    doc = ingest.from_html(_page(prompt), id="p")
    assert doc.text == "\n\n".join(ARTICLE)
    offer = "<section id='piano-offer'><p>Sign up for a free trial to continue reading.</p></section>"
    assert ingest.from_html(_page(offer), id="p").text == "\n\n".join(ARTICLE)
    # the other side of the rule: a site that wraps the article itself in a ``paywall`` element keeps its text,
    # and so does a box of that class that asks nothing of the reader
    wrapped = _page("<p>Every subscriber to the council's alert service was told to avoid the area.</p>", wrap="div class='paywall'")
    assert "Three people were killed" in ingest.from_html(wrapped, id="p").text
    fact = "<div class='premium-box'><p>The county council said 14,000 vehicles crossed the bridge each day.</p></div>"
    assert "14,000 vehicles" in ingest.from_html(_page(fact), id="p").text


def test_a_browsers_saved_page_folder_is_not_read_as_reports(tmp_path: Path):
    """"Save page as, complete" writes ``Page.html`` and ``Page_files/`` (scripts, images, the page's frames as
    ``saved_resource.html``); a folder of such pages had each frame read as a report of the story (a newsletter
    box "Sign up for our morning briefing ..." compared with the articles) or refused one by one (E106)."""
    story = tmp_path / "story"
    parts = story / "Bridge collapse in Farrowby _ Courier_files"
    parts.mkdir(parents=True)
    (story / "Bridge collapse in Farrowby _ Courier.html").write_text(_page(""))
    (parts / "saved_resource.html").write_text(
        "<html><body><p>Sign up for our morning briefing and get the news you need to start your day, delivered to "
        "your inbox every weekday morning before breakfast.</p></body></html>"
    )
    (parts / "saved_resource(1).html").write_text("<html><body><img src='ad.png'><script>x()</script></body></html>")
    (parts / "main.js").write_text("function x() {}")
    (story / "wire.txt").write_text(" ".join(reversed(ARTICLE)) + "\n")
    (story / "notes_files").mkdir()  # a folder named so with no page beside it is a folder like any other
    (story / "notes_files" / "memo.txt").write_text(ARTICLE[0] + "\n")
    docs, notices = ingest.read([story])
    assert [d.origin for d in docs] == [
        str(story / "Bridge collapse in Farrowby _ Courier.html"),
        str(story / "notes_files" / "memo.txt"),
        str(story / "wire.txt"),
    ]
    assert notices == []


def test_the_text_views_quotes_table_leaves_the_speaker_readable_at_80_columns():
    """The "reports" column took the width of its longest list of ids, so at 80 columns the speaker of every quote
    read "Supe… Mark Dalt…" (four letters of the one column saying who said it)."""
    quote = "“We are treating this as a major incident,” Chief Inspector Alan Brisco said."
    names = ("farrowby-courier-morning-edition", "lenn-valley-gazette-online", "county-wire-service")
    docs = [Document(id=name, text=" ".join([ARTICLE[i], quote, ARTICLE[2 - i]])) for i, name in enumerate(names)]
    report = compare(docs, embedder="none")
    assert any(q.speaker and "Brisco" in q.speaker for q in report.quotes)
    view = text.to_text(report, width=80)
    block = view[view.index("\nquotes") :]
    assert "Brisco" in block and "Inspec…" not in block and "Alan Bri…" not in block


def test_invisible_marks_pasted_inside_words_do_not_cut_them():
    """Word's non-breaking hyphen ("40‑metre", U+2011), a soft hyphen and a zero-width space are invisible in every
    view but cut the word for the parse: `check` of a text pasted from Word said "missing: 40, metre" against a
    source's "40-metre", and "inde\\u00adpendent" matched no "independent"."""
    source = ingest.from_text(
        "An independent inquiry into the 40-metre span was opened on Friday, the county council said.", id="s"
    )
    pasted = ingest.from_text(
        "An inde\u00adpendent inquiry into the 40\u2011metre\u200b span was opened on Friday, the county council said.",
        id="t",
    )
    assert pasted.text == source.text
    assert ingest.clean_text("40\u2011metre in\u00adquiry") == "40-metre inquiry"


WIRE = [
    "Three people were killed when a road bridge over the River Lenn collapsed in Farrowby on Thursday, police said.",
    "The span gave way at about 6.15pm as traffic crossed it, Chief Inspector Alan Brisco told reporters.",
    "The bridge, built in 1971, was due for repairs costing £1.9 million, according to the county council.",
    "Council leader Nadia Orme said an independent inquiry would be opened on Monday.",
    "Engineers from the county council were inspecting the riverbanks on Friday morning.",
]  # fmt: skip
OWN = [
    "A road bridge in Farrowby fell into the River Lenn on Thursday evening, and three people died, police said.",
    "Residents said they had complained about cracks in the bridge for two years.",
    "The county council said repairs costing £1.9 million had been planned for next spring.",
    "Nadia Orme, the council leader, promised an independent inquiry.",
]  # fmt: skip


def test_every_view_says_which_reports_derive_from_another_above_the_findings():
    """A fact-checker weighs "corroborated" by how many reports were written apart; the lineage that says so was the
    last section of every view (line 742 of 1,103 in the Markdown of seven ECB+ reports, after 57 single-source
    claims). Each view now says it in one line under the counts, above the first finding."""
    from storycheck.render import html, markdown

    docs = [
        Document(id="wire", text=" ".join(WIRE), published="2026-11-19T10:00:00Z"),
        Document(
            id="reprint",
            text=" ".join([*WIRE, "Additional reporting by the Lenn Valley Gazette staff."]),
            published="2026-11-19T14:00:00Z",
        ),
        Document(id="own", text=" ".join(OWN)),
    ]
    report = compare(docs, embedder="none")
    assert any(e.likely_source and (e.source, e.derived) == ("wire", "reprint") for e in report.lineage)
    line = "1 of the 3 reports derives from another report here: reprint from wire."
    first = report.findings[0].explanation[:30]
    for view in (text.to_text(report, width=300), markdown.to_markdown(report)):
        assert line in view and view.index(line) < view.index(first), view[:800]
    page = html.to_html(report)
    top = page[: page.index("</header>")]
    assert "1 of the 3 reports derives from another report here:" in top and 'href="#lineage"' in top


def test_a_word_page_without_a_title_has_its_first_line_as_headline():
    """Word's "Save as web page" writes no <title> and no heading: the bold first line, "Farrowby bridge collapse:
    three dead", was a sentence of the report (a claim no other report makes) and the report had no title; it is
    the title, as a text file's headline is."""
    body = "".join(f"<p class=MsoNormal>{p}<o:p></o:p></p>" for p in ARTICLE)
    page = (
        "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head>"
        "<meta name=Generator content='Microsoft Word 15 (filtered)'></head><body lang=EN-GB><div class=WordSection1>"
        "<p class=MsoNormal><b>Farrowby bridge collapse: three dead</b><o:p></o:p></p>"
        f"<p class=MsoNormal><o:p>&nbsp;</o:p></p>{body}</div></body></html>"
    )
    doc = ingest.from_html(page, id="w")
    assert (doc.title, doc.text) == ("Farrowby bridge collapse: three dead", "\n\n".join(ARTICLE))
    titled = ingest.from_html(page.replace("<head>", "<head><title>Farrowby</title>"), id="w")
    assert titled.title == "Farrowby" and titled.text.startswith("Farrowby bridge collapse: three dead\n\n")


def _mhtml(page: str, *, location: str) -> bytes:
    """A page as Chrome's "Save page as, Webpage, Single File" writes it: a MIME message, the page's part quoted-
    printable with no charset named (the page's <meta> says it), then its frames and styles."""
    import quopri

    part = quopri.encodestring(page.encode("utf-8")).decode("ascii")
    return (
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: " + location + "\r\nSubject: Bridge collapse\r\n"
        'MIME-Version: 1.0\r\nContent-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="----B----"\r\n\r\n'
        "\r\n------B----\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\nContent-Location: " + location + "\r\n\r\n" + part + "\r\n"
        "------B----\r\nContent-Type: text/html\r\nContent-Location: https://ads.example/frame\r\n\r\n"
        "<html><body><p>Sign up for our morning briefing, delivered to your inbox every morning.</p></body></html>\r\n"
        "------B------\r\n"
    ).encode("ascii")


def test_a_page_saved_as_one_file_by_a_browser_is_read(tmp_path: Path):
    """Chrome's "Webpage, Single File" (.mhtml, Edge's and Word's .mht) was "unsupported file type '.mhtml'": the
    page is the first HTML part, read as an .html file is, its curly quotes and pound sign decoded, and the address
    it was saved from is its URL when the page gives none."""
    quoted = "“We are treating this as a major incident,” Chief Inspector Alan Brisco said of the £1.9 million repairs."
    page = _page(f"<p>{quoted}</p>").replace("<head>", "<head><meta http-equiv='Content-Type' content='text/html; charset=UTF-8'>")
    (tmp_path / "saved.mhtml").write_bytes(_mhtml(page, location="https://courier.example/farrowby?utm_source=x"))
    (tmp_path / "empty.mht").write_bytes(b"")
    (tmp_path / "notes.mhtml").write_text("Notes for the bridge story, not a saved page.\n")
    docs, notices = ingest.read([tmp_path / "saved.mhtml", tmp_path / "empty.mht", tmp_path / "notes.mhtml"])
    [doc] = docs
    assert doc.text == "\n\n".join([*ARTICLE, quoted]) and doc.title == "Bridge collapse in Farrowby"
    assert doc.url == "https://courier.example/farrowby?utm_source=x"
    assert [(Path(n.input).name, n.code) for n in notices] == [("empty.mht", "E102"), ("notes.mhtml", "E106")]
    canonical = page.replace("<head>", "<head><link rel='canonical' href='https://courier.example/farrowby'>")
    (tmp_path / "saved.mhtml").write_bytes(_mhtml(canonical, location="https://courier.example/farrowby?utm_source=x"))
    assert ingest.read_path(tmp_path / "saved.mhtml")[0][0].url == "https://courier.example/farrowby"
