"""``check`` (a text against its sources) and ``eval`` (check measured on labelled data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storycheck.check import check
from storycheck.cli.main import app
from storycheck.evaluate import best_threshold, metrics, read_items, roc_auc
from storycheck.records import Document
from storycheck.report import from_dict, to_dict, validate

SOURCE = Document("source", (
    "The Harrow Bridge reopened to traffic on May 3, 2024, after two years of repairs. "
    "The work cost £45 million, the county council said. "
    "Council leader Amira Stone said the bridge would carry 30,000 vehicles a day. "
    "Engineers replaced the steel deck and strengthened the piers."
))  # fmt: skip
runner = CliRunner()


def _verdicts(text: str) -> list[tuple[str, str]]:
    report = check([SOURCE], Document("text", text), embedder="none")
    return [(v.verdict, v.text) for v in report.check.sentences]


def test_faithful_sentence_is_supported_and_scores_high():
    report = check([SOURCE], Document("text", "The Harrow Bridge reopened to traffic on May 3, 2024, after two years of repairs."),
                   embedder="none")  # fmt: skip
    [v] = report.check.sentences
    assert v.verdict == "supported" and v.score > 0.9
    assert v.closest is not None and v.closest.doc == "source"


def test_changed_figure_is_contradicted_with_spans_in_both():
    report = check([SOURCE], Document("text", "The work cost £54 million, the county council said."), embedder="none")
    [v] = report.check.sentences
    assert v.verdict == "contradicted"
    finding = next(f for f in report.findings if f.id in v.findings and f.kind == "conflict")
    assert finding.type == "number"
    assert {(s.doc, s.text) for s in finding.evidence} == {("text", "£54 million"), ("source", "£45 million")}


def test_invented_name_is_named_as_missing():
    report = check([SOURCE], Document("text", "Council leader Amira Stone and mayor Piet Janssen opened the bridge on May 3, 2024."),
                   embedder="none")  # fmt: skip
    [v] = report.check.sentences
    assert v.verdict in {"partial", "unsupported"}
    assert "Piet Janssen" in [m.text for m in v.missing]


@pytest.mark.parametrize(("source", "text", "named"), [
    # a time of day is one value, not two numbers: its "25" is not the source's 25 people
    ("Police said 25 people were hurt in the attack on Monday.",
     "Police said the attack began at 9:25 on Monday and people were hurt.", "9:25"),
    # another time is named whole, not its minutes
    ("The attack began at 9:25 on Monday, police said.", "The attack began at 9:40 on Monday, police said.", "9:40"),
])  # fmt: skip
def test_a_time_of_day_is_one_word_not_two_numbers(source, text, named):  # noqa: ANN001
    report = check([Document("source", source)], Document("text", text), embedder="none")
    [v] = report.check.sentences
    assert named in [m.text for m in v.missing], v.missing


def test_a_time_the_source_gives_is_supported_whole():
    source = "The attack began at 9:25 on Monday, police said. Officers arrived at 9:40."
    report = check([Document("source", source)], Document("text", "The attack began at 9:25 on Monday."), embedder="none")
    [v] = report.check.sentences
    assert v.verdict == "supported" and not v.missing, v


def test_unrelated_sentence_is_unsupported():
    assert _verdicts("Shares in the airline fell sharply after the chief executive resigned.")[0][0] == "unsupported"


def test_score_orders_faithful_above_edited():
    faithful = check([SOURCE], Document("t", "The work cost £45 million, the county council said."), embedder="none")
    edited = check([SOURCE], Document("t", "The work cost £45 million, the transport ministry said."), embedder="none")
    assert edited.check.score < faithful.check.score


def test_features_describe_the_scored_text_without_changing_its_score():
    faithful = "The work cost £45 million, the county council said."
    edited = "The work cost £54 million, the county council said. Mayor Tom Reed opened it."
    plain = check([SOURCE], Document("text", edited), embedder="none")
    feats: dict[str, float] = {}
    report = check([SOURCE], Document("text", edited), embedder="none", features=feats)
    assert report.check.score == plain.check.score == round(feats["score"], 4)
    assert feats["conflicts"] >= 1 and feats["new_mentions"] >= 1 and feats["sentences"] == 2
    assert feats["sentence_min"] <= feats["sentence_mean"]
    same: dict[str, float] = {}
    check([SOURCE], Document("text", faithful), embedder="none", features=same)
    assert same["unigrams"] == same["trigrams"] == 1.0 and same["conflicts"] == 0 and same["new_mentions"] == 0
    assert feats["unigrams"] < 1.0 and feats["pairs"] < same["pairs"]


def test_check_report_validates_and_round_trips():
    report = check([SOURCE], Document("text", "The work cost £54 million. Engineers replaced the deck."), embedder="none")
    data = to_dict(report)
    validate(data)
    assert data["check"]["sources"] == ["source"]
    assert to_dict(from_dict(data)) == data


def test_metrics_and_threshold():
    scored = [(0.9, 1), (0.8, 1), (0.7, 0), (0.2, 0), (0.75, 1)]
    t = best_threshold(scored)
    assert metrics(scored, t)["balanced_accuracy"] == 1.0
    assert roc_auc(scored) == 1.0
    assert roc_auc([(0.5, 1), (0.5, 0)]) == 0.5  # a tie counts half


def test_eval_reads_good_lines_and_names_bad_ones(tmp_path: Path):
    data = tmp_path / "data.jsonl"
    good = {"source": SOURCE.text, "text": "The work cost £45 million, the county council said.", "label": 1, "id": "ok"}
    bad_label = {"source": SOURCE.text, "text": "The work cost £54 million.", "label": 2}
    lines = [json.dumps(good), "{broken", json.dumps({"source": SOURCE.text, "label": 1}), json.dumps(bad_label),
             json.dumps({**good, "id": "edited", "text": "The work cost £54 million, the county council said.", "label": 0})]
    data.write_text("\n".join(lines) + "\n")
    notices = [x for x in read_items(data) if not hasattr(x, "label")]
    assert sorted(n.input.rsplit(":", 1)[1] for n in notices) == ["2", "3", "4"]
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", str(data), "--out", str(out), "--embedder", "none"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1].startswith("balanced_accuracy: ")
    preds = {p["id"]: p for p in map(json.loads, out.read_text().splitlines())}
    assert set(preds) == {"ok", "edited"}
    assert preds["edited"]["score"] < preds["ok"]["score"]
    assert all(0.0 <= p["score"] <= 1.0 for p in preds.values())


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_cli_check_on_the_example(fmt: str):
    root = Path(__file__).resolve().parents[1] / "examples" / "story"
    result = runner.invoke(app, ["check", str(root / "coastal-herald.txt"), "--source", str(root / "northwire.txt"),
                                 "--format", fmt, "--embedder", "none"])  # fmt: skip
    assert result.exit_code == 0, result.output
    if fmt == "json":
        data = json.loads(result.output)
        validate(data)
        verdict = {v["text"].split(",")[0]: v["verdict"] for v in data["check"]["sentences"]}
        assert verdict["The union's previous contract expired in January 2021."] == "contradicted"
        assert verdict["Dockworkers walked off the job on Monday"] == "supported"
    else:
        assert "contradicted" in result.output



def test_pair_coverage_names_source_words_put_together_wrongly():
    from storycheck.check import _pair_index, pair_coverage

    index = _pair_index([s + "." for s in SOURCE.text.split(". ")])
    share, unpaired = pair_coverage("Engineers replaced the steel deck.", index)
    assert share == 1.0 and unpaired == []
    text = "Engineers said the bridge would carry 30,000 vehicles a day."  # a source word, never near the rest
    share, unpaired = pair_coverage(text, index)
    assert share < 1.0
    assert [text[a:b] for a, b in unpaired] == ["Engineers"]


def test_swapped_actor_lowers_score_and_is_named():
    faithful = check([SOURCE], Document("t", "Council leader Amira Stone said the bridge would carry 30,000 vehicles a day."),
                     embedder="none")  # fmt: skip
    swapped = check([SOURCE], Document("t", "Engineers said the bridge would carry 30,000 vehicles a day."),
                    embedder="none")  # fmt: skip
    assert swapped.check.score < faithful.check.score
    [v] = swapped.check.sentences
    assert v.verdict in {"partial", "contradicted"}
    assert "Engineers" in [m.text for m in v.missing]


def test_a_value_the_source_itself_gives_is_no_conflict_of_the_text():
    source = Document("source", (
        "Zara Phillips watched the race at Aintree on Saturday with her husband. "
        "The horse, owned by Mike Tindall, finished third. Zara Philipps cheered from the stands at Aintree."
    ))  # fmt: skip
    def conflicts(text: str) -> list:
        report = check([source], Document("text", text), embedder="none")
        return [f for f in report.findings if f.kind == "conflict" and f.type == "name"]
    assert not conflicts("Zara Philipps cheered from the stands at Aintree.")
    assert not conflicts("Zara Phillips cheered from the stands at Aintree.")
    found = conflicts("Zara Philips cheered from the stands at Aintree.")  # a spelling the source does not use
    assert found and [s.text for s in found[0].evidence if s.doc == "text"] == ["Zara Philips"]


def test_lower_case_text_findings_show_its_words_as_written():
    """A lower-case text is analysed with its sources' case; its findings still quote it as it is written."""
    source = Document("src", "Police chief John Hale said on Monday that the bridge would close in June. Hale spoke in Dover.")
    text = Document("txt", "police chief john hayle said on monday that the bridge would close in july.")
    report = check([source], text, embedder="none")
    conflicts = {f.type: f for f in report.findings if f.kind == "conflict"}
    assert {"name", "date"} <= set(conflicts)
    for f in conflicts.values():
        for span in f.evidence:
            assert span.text == (text if span.doc == "txt" else source).text[span.start : span.end]
            assert f.values[span.doc] == span.text  # the value as that report writes it, not recased
        assert f"“{f.values['txt']}” (txt)" in f.explanation
    assert conflicts["name"].values == {"txt": "john hayle", "src": "John Hale"}


def test_findings_and_spans_go_to_the_sentence_their_text_offset_falls_in():
    """Each item goes to the one sentence with start <= offset < end (not to a gap between sentences, nor
    twice to one sentence), in the order given: what the per-sentence scan did, without its quadratic cost."""
    from types import SimpleNamespace

    from storycheck.check import _by_sentence

    sentences = [SimpleNamespace(index=i, start=a, end=b) for i, (a, b) in enumerate([(0, 10), (12, 20), (20, 31)])]
    a, b, c, d, e = (object() for _ in range(5))
    items = [(a, 0), (b, 19), (b, 20), (c, 10), (d, 30), (a, 5), (e, 31), (b, 3)]
    got = _by_sentence(sentences, items)
    brute = {s.index: [x for x in dict.fromkeys(x for x, o in items if s.start <= o < s.end)] for s in sentences}
    assert got == {k: v for k, v in brute.items() if v}
    assert got == {0: [a, b], 1: [b], 2: [b, d]}


def test_check_names_what_it_cannot_use_with_a_code(tmp_path: Path):
    """A text file of several documents is E114 (it used to say it "cannot read the text"), an unreadable
    text or source is E201, and each skipped input is said once with its code."""
    source = tmp_path / "source.txt"
    source.write_text(SOURCE.text)
    several = tmp_path / "texts.jsonl"
    several.write_text(json.dumps({"text": SOURCE.text}) + "\n" + json.dumps({"text": "The bridge reopened in May."}) + "\n")
    result = runner.invoke(app, ["check", str(several), "--source", str(source)])
    assert result.exit_code == 1 and f"[E114] {several}: holds 2 documents" in result.output, result.output
    (tmp_path / "empty.txt").write_text("")
    result = runner.invoke(app, ["check", str(tmp_path / "empty.txt"), "--source", str(source)])
    assert result.exit_code == 1 and "[E201]" in result.output
    assert result.output.count("E102") == 1 and f"[E102] {tmp_path / 'empty.txt'}: the document is empty" in result.output
    said = " ".join(result.output.split())
    assert f"[E201] {tmp_path / 'empty.txt'}: nothing to compare: the text cannot be read" in said
    (tmp_path / "bin.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8)
    result = runner.invoke(app, ["check", str(source), "--source", str(tmp_path / "empty.txt"),
                                 "--source", str(tmp_path / "bin.txt")])  # fmt: skip
    said = " ".join(result.output.split())
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    assert f"[E201] {tmp_path / 'empty.txt'}, {tmp_path / 'bin.txt'}: nothing to compare: no source can be read" in said
    assert said.count("[E102]") == 1 and said.count("[E103]") == 1


def test_eval_skips_lines_of_wrong_encoding_or_type_and_names_each(tmp_path: Path):
    """A Latin-1 line, a dataset that is a list, a text the engine refuses: each a notice with its file and
    line, the rest scored (these used to end the run with a traceback, or print no line number); a null id
    is the line number; the line whose dataset is a list is scored, with a note."""
    data = tmp_path / "data.jsonl"
    good = {"source": SOURCE.text, "text": "The work cost £45 million, the county council said.", "label": 1, "id": None}
    french = ("Le pont de Harrow a rouvert à la circulation le 3 mai 2024, après deux ans de travaux qui ont coûté "
              "quarante-cinq millions de livres, selon le conseil du comté, et il portera trente mille véhicules par jour.")
    lines = [json.dumps(good).encode(), json.dumps({**good, "id": "latin", "text": "Café."}, ensure_ascii=False).encode("latin-1"),
             json.dumps({**good, "id": "ds", "dataset": ["frank"]}).encode(),
             json.dumps({**good, "id": "fr", "text": french}).encode(),
             json.dumps({**good, "id": "edited", "text": "The work cost £54 million.", "label": 0}).encode()]  # fmt: skip
    data.write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "pred.jsonl"
    result = runner.invoke(app, ["eval", str(data), "--out", str(out), "--embedder", "none"])
    assert result.exit_code == 0, result.output
    assert f"[E120] {data}:2: not UTF-8 text" in result.output
    assert f"note [E122] {data}:3: 'dataset' must be a string, not a list; read as none" in result.output
    assert f"[E107] {data}:4 (id fr): text: does not look like English" in result.output
    assert "items: 3  (skipped: 2)" in result.output
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == ["1", "ds", "edited"]


def test_eval_with_nothing_to_score_or_nowhere_to_write_exits_1_with_a_code(tmp_path: Path):
    data = tmp_path / "data.jsonl"
    data.write_text(json.dumps({"source": SOURCE.text, "text": "The bridge reopened.", "label": 1}) + "\n")
    (tmp_path / "empty.jsonl").write_text("")
    cases = {
        ("eval", str(tmp_path / "empty.jsonl")): "[E121]",  # used to print metrics of 0 items and exit 0
        ("eval", str(data), "--tune", str(tmp_path / "nope.jsonl")): "[E101]",  # a traceback
        ("eval", str(data), "--out", str(tmp_path)): "[E700]",  # a traceback after the whole run
        ("eval", str(tmp_path)): "[E113]",  # "no such file"
    }
    for args, code in cases.items():
        result = runner.invoke(app, [*args, "--embedder", "none"])
        assert result.exit_code == 1 and isinstance(result.exception, SystemExit), (args, result.output)
        assert code in result.output, (args, result.output)


FRENCH = ("Le pont de Harrow a rouvert à la circulation le 3 mai 2024, après deux ans de travaux qui ont coûté "
          "quarante-cinq millions de livres, selon le conseil du comté, et il portera trente mille véhicules par jour.")


def test_eval_scores_a_line_whose_optional_field_has_the_wrong_type_and_notes_it(tmp_path: Path):
    """A wrong id, dataset, error_types or split changes nothing of the score: the line is scored (the
    input change of d37c348 dropped it from the metrics) with a non-skipping E122 note naming file:line, and
    the field read as absent (id = the line number, a lone string one error type). Only a wrong split
    asked for by --split refuses the line: it cannot be told to be in the split or not."""
    data = tmp_path / "data.jsonl"
    base = {"source": SOURCE.text, "text": "The bridge reopened.", "label": 1}
    rows = [{**base, "id": "d", "dataset": 2020}, {**base, "id": "e", "error_types": {"x": 1}}, {**base, "id": True},
            {**base, "id": "f", "split": 1}, {**base, "id": "g", "error_types": "EntE"}, {**base, "id": ["x"]}]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    read = list(read_items(data))
    items = [x for x in read if hasattr(x, "label")]
    assert [(x.id, x.dataset, x.split, x.error_types) for x in items] == [
        ("d", None, None, []), ("e", None, None, []), ("3", None, None, []), ("f", None, None, []),
        ("g", None, None, ["EntE"]), ("6", None, None, [])]  # fmt: skip
    notes = [x for x in read if not hasattr(x, "label")]
    assert [(n.code, n.input, n.skipped) for n in notes] == [
        ("E122", f"{data}:{i}", False) for i in (1, 2, 3, 4, 6)]  # fmt: skip
    assert "'dataset' must be a string, not a number; read as none" in notes[0].message
    assert "read as the line number, 3" in notes[2].message
    in_split = list(read_items(data, split="valid"))
    assert [(n.code, n.input, n.skipped) for n in in_split] == [("E120", f"{data}:4", True)]
    data.write_text("".join(json.dumps({**base, "id": i}) + "\n" for i in ("a", "b", "a", 7, "7")))  # ids 3 and 5 again
    read = list(read_items(data))
    assert [x.id for x in read if hasattr(x, "label")] == ["a", "b", "a", "7", "7"]  # all scored, as written
    notes = [x for x in read if not hasattr(x, "label")]
    assert [(n.code, n.input, n.skipped) for n in notes] == [("E122", f"{data}:3", False), ("E122", f"{data}:5", False)]
    assert "'id' 'a' is also the id of line 1" in notes[0].message and "line 4" in notes[1].message
    for bad in ({**base, "text": 3}, {**base, "source": None}, {**base, "label": "1"}):  # the required ones still refuse
        data.write_text(json.dumps(bad) + "\n")
        assert [(n.code, n.skipped) for n in read_items(data)] == [("E120", True)]


def test_eval_splits_lines_as_text_reading_does_and_reads_a_byte_order_mark(tmp_path: Path):
    """A bare CR ends a line (as it did before lines were read as bytes: they had run into one bad line),
    a UTF-8 byte-order mark on line 1 is dropped as ingest and corpus drop it (line 1 was refused), and a
    byte that is not UTF-8 still makes a bad line naming its line."""
    lines = [json.dumps({"source": SOURCE.text, "text": "The bridge reopened.", "label": 1, "id": i}) for i in "ab"]
    cr, bom, crlf = tmp_path / "cr.jsonl", tmp_path / "bom.jsonl", tmp_path / "crlf.jsonl"
    cr.write_bytes(("\r".join(lines) + "\r").encode())
    crlf.write_bytes(("\r\n".join(lines) + "\r\n").encode())
    bom.write_bytes(b"\xef\xbb\xbf" + ("\n".join(lines) + "\n").encode())
    for path in (cr, crlf, bom):
        assert [(x.id, x.line) for x in read_items(path)] == [("a", 1), ("b", 2)], path
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b"\xef\xbb\xbf" + lines[0].encode() + b"\r" + lines[1].replace("reopened", "r\u00e9opened").encode("latin-1")
                      + b"\r")  # fmt: skip
    got = list(read_items(latin))
    assert got[0].id == "a" and (got[1].code, got[1].input) == ("E120", f"{latin}:2")
    assert got[1].message.startswith("not UTF-8 text (byte 0xe9 at column ")
    # a line separator inside a string is no line end (text reading never split there either)
    ls = tmp_path / "ls.jsonl"
    ls.write_text(json.dumps({"source": SOURCE.text, "text": "The bridge\u2028reopened.", "label": 1}, ensure_ascii=False) + "\n")
    assert [x.text for x in read_items(ls)] == ["The bridge\u2028reopened."]


def test_eval_tune_data_all_refused_is_e121_naming_the_tune_file(tmp_path: Path):
    """--tune lines the engine refuses all used to leave the built-in threshold in place, printed as
    "chosen on" the tune file, with the refused lines never said; now each is said with file:line and the run
    stops with E121 naming the tune file (the README: the threshold is picked on --tune data only)."""
    data, tune = tmp_path / "data.jsonl", tmp_path / "tune.jsonl"
    data.write_text(json.dumps({"source": SOURCE.text, "text": "The work cost £45 million.", "label": 1}) + "\n")
    tune.write_text(json.dumps({"source": SOURCE.text, "text": FRENCH, "label": 1}) + "\n"  # (both labels: one label
                    + json.dumps({"source": SOURCE.text, "text": FRENCH, "label": 0}) + "\n")  # is E124, session 31)
    result = runner.invoke(app, ["eval", str(data), "--tune", str(tune), "--embedder", "none"])
    assert result.exit_code == 1, result.output
    assert f"skipped [E107] {tune}:1 (id 1): text: does not look like English" in result.output
    assert f"[E121] {tune}: no line to score for the threshold (all 2 readable lines were refused)" in result.output
    assert "chosen on" not in result.output
    result = runner.invoke(app, ["eval", str(tune), "--embedder", "none"])
    assert result.exit_code == 1 and f"[E121] {tune}: no line to score (all 2 readable lines were refused)" in result.output
    from storycheck.errors import NoEvalItems
    from storycheck.evaluate import evaluate

    with pytest.raises(NoEvalItems, match="tune.jsonl"):
        evaluate(read_items(data), tune=read_items(tune), embedder="none")
