"""Session 31 (wt-revu31): a hostile review of wt-user31 (a fact-checker's ``check`` and a data engineer's ``eval``).
News sentences written for these tests. Each test fails on abed4c0 (the merge of wt-user31)."""

from __future__ import annotations

from pathlib import Path

from storycheck.check import check
from storycheck.records import Document

UNION = Document("a", (
    "About 850 nurses joined the strike, according to Dr. Helen Okafor, the regional secretary of the union. "
    "The nurses walked out on Tuesday at Riverside General Hospital."))


def test_a_role_line_reads_its_head_past_a_title_with_a_stop():
    """"according to Dr. David Mercer": the window of ``_head_words`` ended at "Dr. " as at a sentence's end, and the
    line said the lemma again: "For 'accord' the text gives 'Mercer'"."""
    draft = Document("draft", "About 850 nurses joined the strike, according to Dr. David Mercer, the regional "
                              "secretary of the union.")  # fmt: skip
    (role,) = [f for f in check([UNION], draft, embedder="none").findings if f.type == "role"]
    assert role.explanation == "For 'according to' the text gives 'Mercer' where the source gives 'Okafor'.", role


def _page(tmp_path: Path) -> str:
    """A check page with a verdict of each colour but one: contradicted, partial, supported."""
    from storycheck.render.html import to_html

    draft = Document("draft", (
        "About 580 nurses joined the strike, according to Dr. David Mercer. The nurses walked out on Tuesday at "
        "Riverside General Hospital. The nurses at Riverside General Hospital walked out on Tuesday over pay and "
        "pensions."))
    page_file = tmp_path / "check.html"
    page_file.write_text(to_html(check([UNION], draft, embedder="none")), encoding="utf-8")
    return page_file.as_uri()


_CONTRAST = """() => [...document.querySelectorAll('#check td[class^="k-"] b')].map(b => {
  const lum = c => { const [r, g, bl] = c.match(/[\\d.]+/g).slice(0, 3).map(x => { x /= c.startsWith('color(') ? 1 : 255;
    return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * bl; };
  const a = lum(getComputedStyle(b).color), z = lum('rgb(245, 245, 242)');  // the page's ground, the lighter panel's below it
  return [b.textContent, (Math.max(a, z) + 0.05) / (Math.min(a, z) + 0.05)]; })"""


def test_a_finding_id_clicked_again_brings_its_finding_back_and_verdicts_are_readable(tmp_path: Path):
    """The ids selected their finding on a change of the address only: a second click on the id of the finding
    already chosen (after scrolling the list away to read) did nothing. And the verdict words' colours were
    4.4:1 ("partial", "supported") on the page, under the 4.5:1 that small text needs."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        page = browser.new_page(viewport={"width": 1200, "height": 420})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(_page(tmp_path))
        last = page.evaluate("() => [...document.querySelectorAll('li.finding')].at(-1).dataset.id")
        page.evaluate(f"() => {{ location.hash = '{last}'; }}")  # as the first click on its id did
        page.wait_for_timeout(200)
        panel = "document.querySelector('li.finding.active').closest('.panel')"
        first = page.evaluate(f"() => {panel}.scrollTop")
        page.evaluate(f"() => {{ {panel}.scrollTop = 0; }}")  # the reader scrolls the list back up
        page.evaluate(f"() => document.querySelector('#check a.fid[href=\"#{last}\"]').click()")
        page.wait_for_timeout(200)
        again = page.evaluate(f"() => {panel}.scrollTop")
        contrast = page.evaluate(_CONTRAST)
        browser.close()
    assert first > 0 and again > 0 and not errors, (first, again, errors)
    assert {v for v, _ in contrast} >= {"contradicted", "partial", "supported"}, contrast
    assert all(ratio >= 4.5 for _, ratio in contrast), contrast


def test_a_finding_over_many_sources_shows_its_start_when_its_id_is_clicked(tmp_path: Path):
    """A finding over 40 sources is taller than the list: its id centred it, and its first line (what differs, and
    where) was above the list's top, out of sight."""
    from playwright.sync_api import sync_playwright

    from storycheck.render.html import to_html

    towns = ["Leeds", "York", "Hull", "Bath", "Derby", "Ely", "Wells", "Ripon", "Truro", "Durham"]
    sources = [Document(f"s{i:02d}", f"About {800 + i} nurses at Riverside General Hospital walked out on Tuesday, "
                                     f"according to Helen Okafor of the union. The strike spread to {towns[i % 10]} on "
                                     "Wednesday.") for i in range(40)]  # fmt: skip
    draft = Document("draft", "About 580 nurses at Riverside General Hospital walked out on Tuesday, according to David "
                              "Mercer. The strike spread to Leeds on Wednesday.")  # fmt: skip
    page_file = tmp_path / "many.html"
    page_file.write_text(to_html(check(sources, draft, embedder="none")), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        page = browser.new_page(viewport={"width": 1300, "height": 800})
        page.goto(page_file.as_uri())
        tall = page.evaluate("() => { const li = [...document.querySelectorAll('li.finding')].sort((a, b) => "
                             "b.offsetHeight - a.offsetHeight)[0]; return [li.dataset.id, li.offsetHeight, "
                             "li.closest('.panel').clientHeight]; }")  # fmt: skip
        page.click(f"#check a.fid[href='#{tall[0]}']")
        page.wait_for_timeout(200)
        top = page.evaluate("() => { const li = document.querySelector('li.finding.active'); return [li.dataset.id, "
                            "li.getBoundingClientRect().top - li.closest('.panel').getBoundingClientRect().top]; }")  # fmt: skip
        browser.close()
    assert tall[1] > tall[2], tall  # the finding is taller than the list
    assert top[0] == tall[0] and -1 <= top[1] <= 40, (tall, top)


def test_one_label_tuning_after_skipped_lines_says_usable_lines(tmp_path: Path):
    """A `--tune` file of 3 lines whose one line labelled 1 had no text: E120 skipped it, and E124 then said "all 2 of
    its lines are labelled 0" of a file of 3 lines."""
    import json

    from typer.testing import CliRunner

    from storycheck.cli.main import app

    source = "The High Court in Manchester ruled on Friday that the city council acted unlawfully."
    lines = [{"source": source, "text": "The High Court ruled on Monday.", "label": 0},
             {"source": source, "label": 1},
             {"source": source, "text": "The High Court ruled on Sunday.", "label": 0}]  # fmt: skip
    tune = tmp_path / "tune.jsonl"
    tune.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({**lines[0], "label": 1}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(data), "--tune", str(tune), "--embedder", "none"],
                                env={"COLUMNS": "300"})  # fmt: skip
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "[E120]" in said and "all 2 of its usable lines are labelled 0" in said, said


def test_the_oversized_source_message_says_the_limit_in_force(tmp_path: Path, monkeypatch):  # noqa: ANN001
    """The limit was written "1 MB" into the message, whatever ``MAX_SOURCE_BYTES`` held."""
    import json

    from storycheck import evaluate

    monkeypatch.setattr(evaluate, "MAX_SOURCE_BYTES", 512 * 1024)
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({"source": "The strike went on. " * 30000, "text": "It went on.", "label": 1}) + "\n",
                    encoding="utf-8")  # fmt: skip
    (notice,) = evaluate.read_items(data)
    assert notice.message == "'source' is 0.57 MB (600,000 bytes), over the 0.5 MB a source may hold", notice
