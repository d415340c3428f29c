"""Session 31 (wt-user31): the product as its users meet it, eighth walk (a fact-checker with ``check``, a data
engineer with ``eval``). News sentences written for these tests.

Every test here fails on the base 3bd8b04 (``PYTHONPATH=/tmp/base31/src pytest tests/test_user31.py``, run from a
copy of this file)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storycheck.check import check
from storycheck.cli.main import app
from storycheck.evaluate import evaluate, read_items
from storycheck.records import Document
from storycheck.render.markdown import to_markdown as render

NURSES_A = Document("a", (
    "Nurses at Riverside General Hospital in Leeds walked out on Tuesday in a dispute over staffing levels. "
    "About 850 nurses joined the strike, according to Helen Okafor, the regional secretary of the Royal College of "
    "Nursing. \"We did not take this decision lightly,\" Okafor told reporters outside the main entrance."))
NURSES_B = Document("b", (
    "Some 850 nurses at Riverside General Hospital stopped work on Tuesday. Union official Helen Okafor said the "
    "nurses were not seeking a higher pay rise but more staff on each ward."))
DRAFT = Document("draft", (
    "About 580 nurses joined the strike, according to David Mercer, the regional secretary of the Royal College of "
    "Nursing. Okafor said the nurses were seeking a higher pay rise. \"We did not take this decision lightly,\" "
    "Mercer told reporters outside the main entrance."))


def _conflicts(report):  # noqa: ANN001, ANN202
    return {f.type: f for f in report.findings if f.kind == "conflict"}


def test_every_conflict_says_the_checked_texts_value_first():
    """The negation read “were not seeking” (b) vs “seeking” (draft) beside “About 580” (draft) vs “About 850” (a):
    a fact-checker reading down the list had to find which side was the text's each time."""
    found = _conflicts(check([NURSES_A, NURSES_B], DRAFT, embedder="none"))
    assert "negation" in found and "number" in found, sorted(found)
    for f in found.values():
        assert next(iter(f.values)) == "draft", (f.type, f.values)
    assert found["negation"].explanation.endswith(": “seeking” (draft) vs “were not seeking” (b)."), found["negation"]


def test_a_role_finding_names_its_head_as_the_text_writes_it():
    """"For 'accord' the text gives 'Mercer'": the lemma of "according to" is no word a reader meets."""
    found = _conflicts(check([NURSES_A], DRAFT, embedder="none"))
    assert found["role"].explanation == "For 'according to' the text gives 'Mercer' where the source gives 'Okafor'."


def test_a_check_cell_with_only_recombined_words_has_no_dash_before_them():
    """"—; in the source, linked otherwise: “Mercer”" read as two things said of one sentence."""
    report = check([NURSES_A, NURSES_B], DRAFT, embedder="none")
    only = [v.index for v in report.check.sentences if v.recombined and not v.missing]
    assert only, report.check.sentences
    page = render(report)
    rows = [line for line in page.splitlines() if line.startswith(f"| {only[0] + 1} |")]
    assert rows and " | in the source, linked otherwise: “" in rows[0], rows
    assert "—; " not in page


SOURCE = ("The High Court in Manchester ruled on Friday that the city council acted unlawfully when it voted to close "
          "the Elm Street library.")
LINES = [{"id": "ok", "source": SOURCE, "text": "The High Court ruled on Friday that the council acted unlawfully.",
          "label": 1},
         {"id": "day", "source": SOURCE, "text": "The High Court ruled on Monday that the council acted unlawfully.",
          "label": 0}]  # fmt: skip


def _jsonl(path: Path, lines: list[dict]) -> Path:
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def test_tuning_on_the_data_scored_is_said(tmp_path: Path):
    """`eval DATA --tune DATA` printed its figures as if the threshold had been chosen on other lines."""
    data = _jsonl(tmp_path / "data.jsonl", LINES)
    tune = _jsonl(tmp_path / "tune.jsonl", [LINES[1], {**LINES[0], "text": "The court ruled that the council acted "
                                                                  "unlawfully."}])  # fmt: skip
    result = CliRunner().invoke(app, ["eval", str(data), "--tune", str(tune), "--embedder", "none"],
                                env={"COLUMNS": "300"})  # fmt: skip
    assert result.exit_code == 0, result.output
    said = " ".join(result.output.split())
    assert "[E123]" in said and "1 of its 2 lines are also in" in said and "(its line 2:" in said, said
    assert result.output.splitlines()[-1].startswith("balanced_accuracy: "), result.output
    # the API says it too, among the result's notices; lines of their own are not noted
    api = evaluate(read_items(data), tune=read_items(tune), embedder="none")
    assert [n.code for n in api.notices] == ["E123"], api.notices
    other = _jsonl(tmp_path / "other.jsonl", [{**LINES[0], "text": "The court ruled that the council acted unlawfully."},
                                              {**LINES[1], "text": "The court ruled on Monday."}])  # fmt: skip
    assert not evaluate(read_items(data), tune=read_items(other), embedder="none").notices


def test_tuning_data_of_one_label_is_refused_before_any_model_loads(tmp_path: Path):
    """`--tune` lines all labelled 0 chose the threshold 1.0 (any threshold that flags them all ties), and every line
    of the data was then flagged, balanced accuracy 0.5, without a word."""
    data = _jsonl(tmp_path / "data.jsonl", LINES)
    tune = _jsonl(tmp_path / "tune.jsonl", [{**LINES[1], "text": "The court ruled on Monday."},
                                            {**LINES[1], "text": "The court ruled on Sunday."}])  # fmt: skip
    result = CliRunner().invoke(app, ["eval", str(data), "--tune", str(tune), "--embedder", "none"],
                                env={"COLUMNS": "300"})  # fmt: skip
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and "[E124]" in said and "all 2 of its lines are labelled 0" in said, said
    assert "balanced_accuracy" not in said


def test_a_finding_id_in_the_check_table_selects_the_finding(tmp_path: Path):
    """The check table's "F1, F7" was plain text and its verdicts black: a fact-checker found F7 in the list by
    eye. Each id is now a link that selects its finding (its spans lit, a filtered-out kind shown again)."""
    from playwright.sync_api import sync_playwright

    from storycheck.render.html import to_html

    page_file = tmp_path / "check.html"
    page_file.write_text(to_html(check([NURSES_A, NURSES_B], DRAFT, embedder="none")), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu"])  # fmt: skip
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(page_file.as_uri())
        role = page.evaluate("() => [...document.querySelectorAll('li.finding')].find(li => "
                             "li.textContent.includes(\"gives 'Mercer'\")).dataset.id")  # fmt: skip
        page.uncheck("input[value=conflict]")
        page.click(f"#check a.fid >> text={role}")
        page.wait_for_timeout(200)
        active = page.evaluate("() => [...document.querySelectorAll('li.finding.active')].map(li => [li.dataset.id, li.hidden])")
        lit = page.evaluate("() => [...document.querySelectorAll('mark.hl.active')].map(m => m.textContent)")
        colour = page.evaluate("() => getComputedStyle(document.querySelector('#check td.k-conflict b')).color")
        browser.close()
    assert active == [[role, False]] and sorted(lit) == ["Mercer", "Okafor"], (active, lit)
    assert colour != "rgb(31, 35, 40)" and not errors, (colour, errors)  # the conflict colour, not the ink's


def test_a_source_over_1_mb_is_named_with_its_size(tmp_path: Path):
    """"a source is over 1024 KB" said neither which source of a list nor by how much (the limit is 1 MB)."""
    big = "The strike went on. " * 60000  # 1,200,000 bytes
    data = _jsonl(tmp_path / "data.jsonl", [{"source": ["The strike began.", big], "text": "It began.", "label": 1}])
    (notice,) = read_items(data)
    assert notice.message == "source 2 of 2 is 1.14 MB (1,200,000 bytes), over the 1 MB a source may hold", notice


def test_a_checked_texts_headline_is_said_to_be_unchecked(tmp_path: Path):
    """A draft headed "Council wins library case" over a ruling the council lost: check reads the sentences only,
    and no view said so."""
    from storycheck.ingest import read
    from storycheck.render.html import to_html

    (tmp_path / "a.txt").write_text("Court rules library closure unlawful\n\n" + SOURCE + "\n", encoding="utf-8")
    (tmp_path / "draft.txt").write_text("Council wins library case\n\nThe High Court ruled on Friday that the council "
                                        "acted unlawfully.\n", encoding="utf-8")  # fmt: skip
    (draft,), _ = read([tmp_path / "draft.txt"])
    sources, _ = read([tmp_path / "a.txt"])
    report = check(sources, draft, embedder="none")
    line = "Its headline, “Council wins library case”, is not checked: only the sentences below are."
    assert line in render(report) and line in to_html(report)
    result = CliRunner().invoke(app, ["check", str(tmp_path / "draft.txt"), "--source", str(tmp_path / "a.txt"),
                                      "--embedder", "none"], env={"COLUMNS": "300"})  # fmt: skip
    assert line in " ".join(result.output.split()), result.output
    untitled = check(sources, Document("draft", "The High Court ruled on Friday."), embedder="none")
    assert "Its headline" not in render(untitled)
