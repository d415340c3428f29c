"""check names apart the words the closest source sentence gives but links otherwise (session 25).

Before, every word a checked sentence links as no source does was "not in the sources", so a fact-checker read
"Okafor" as missing from a source that says "Judge Amina Okafor ruled". Dropping such words (tried in session 24)
hid what shows an intrinsic error (source words out of place), so they are kept, under their own name:
``SentenceVerdict.recombined``. Scores and verdicts are as before; only the list a word is in changes.
"""

from __future__ import annotations

import copy
import json

import pytest
from typer.testing import CliRunner

from storycheck.check import check
from storycheck.cli.main import app
from storycheck.errors import SchemaError
from storycheck.records import Document
from storycheck.render import markdown as md
from storycheck.render.html import to_html
from storycheck.report import RECOMBINED, from_dict, to_dict, validate


def _check(source: str, text: str):  # noqa: ANN202
    return check([Document("source", source)], Document("text", text), embedder="none")


CASES = [
    # (source, text, words the source writes that the sentence links otherwise, words no source gives)
    ("Judge Amina Okafor ruled that the council had exceeded its powers under the 2019 Ports Act.",
     "Judge Amina Okafor said the council had gone beyond the powers the 2019 Ports Act gives it.",
     {"Okafor"}, {"gone", "beyond"}),
    ("The committee approved the new budget on Tuesday after a long debate about schools.",
     "The committee rejected the new budget on Tuesday.", {"Tuesday"}, {"rejected"}),
    ("The council said it would study the 40-page judgment before deciding whether to appeal.",
     "Council leader Tom Reyes said the council would appeal the ruling.", {"appeal"}, {"Tom Reyes", "leader"}),
]  # fmt: skip


@pytest.mark.parametrize(("source", "text", "given", "lacking"), CASES)
def test_words_the_closest_source_sentence_writes_are_named_apart(source, text, given, lacking):
    (verdict,) = _check(source, text).check.sentences
    missing = {m.text for m in verdict.missing}
    recombined = {m.text for m in verdict.recombined}
    assert given <= recombined, (missing, recombined)
    assert not given & missing
    assert lacking <= missing
    assert not recombined & missing
    closest = verdict.closest.text.casefold()
    for span in verdict.recombined:  # evidence: the text's own words, each written in the closest source sentence
        assert span.doc == "text" and text[span.start : span.end] == span.text
        assert span.text.casefold() in closest


def test_a_name_no_source_gives_is_never_recombined():
    # "Lopez" is written in the source, but "Tom Lopez" is not the source's "Maria Lopez"
    report = _check("Maria Lopez, the port's director, said the strike had ended on Tuesday.",
                    "Tom Lopez, the port's director, said the strike had ended on Tuesday.")  # fmt: skip
    names = [m.text for v in report.check.sentences for m in v.recombined]
    assert not any("Lopez" in n or "Tom" in n for n in names)


def test_a_sentence_with_only_recombined_words_is_still_partial():
    (verdict,) = _check("Judge Amina Okafor ruled on Tuesday that the levy was unlawful. The council met on Friday.",
                        "On Friday Judge Amina Okafor ruled that the levy was unlawful.").check.sentences  # fmt: skip
    if verdict.recombined and not verdict.missing:
        assert verdict.verdict == "partial"
    assert verdict.verdict != "supported" or not verdict.recombined


def test_json_round_trip_schema_and_validation():
    report = _check(*CASES[0][:2])
    d = to_dict(report)
    (sentence,) = d["check"]["sentences"]
    assert [m["text"] for m in sentence["recombined"]] == [m.text for m in report.check.sentences[0].recombined]
    validate(d)
    assert from_dict(json.loads(json.dumps(d))).check.sentences[0].recombined == report.check.sentences[0].recombined
    old = copy.deepcopy(d)  # a report written before session 25 has no such list: it still loads
    del old["check"]["sentences"][0]["recombined"]
    validate(old)
    assert from_dict(old).check.sentences[0].recombined == []
    bad = copy.deepcopy(d)
    bad["check"]["sentences"][0]["recombined"][0]["start"] += 1
    with pytest.raises(SchemaError) as caught:
        validate(bad)
    assert caught.value.kwargs["path"].startswith("$.check.sentences[0].recombined")


def test_views_say_which_words_are_linked_otherwise():
    report = _check(*CASES[0][:2])
    markdown = md.to_markdown(report)
    line = next(x for x in markdown.splitlines() if "Okafor said" in x and x.startswith("| 1 "))
    cell = line.split(" | ")[5]
    assert cell.index("“gone”") < cell.index(RECOMBINED) < cell.index("“Okafor”")
    page = to_html(report)
    assert f'<span class="recombined">{RECOMBINED}: <mark' in page and "Okafor</mark>" in page


def test_cli_names_both_lists(tmp_path):
    source, text = tmp_path / "source.txt", tmp_path / "text.txt"
    source.write_text(CASES[0][0], encoding="utf-8")
    text.write_text(CASES[0][1], encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(text), "--source", str(source), "--embedder", "none"],
                                env={"COLUMNS": "400"})  # fmt: skip
    assert result.exit_code == 0, result.output
    out = " ".join(result.output.split())
    assert "missing: gone" in out
    assert f"{RECOMBINED}: Okafor" in out
