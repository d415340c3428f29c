"""Batch runs do not analyse a copy twice, and lose no article: exact and near-exact copies (a few
non-substantive words changed) stand on their representative's analysis and are recorded as its copies;
a copy that changes a figure, a name or a negation is compared in full; every article's fate is written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storycheck import batch
from storycheck.batch import plan_story, run_batch
from storycheck.records import Document

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "sample.jsonl"
BASE = (
    "Some 4,000 dockworkers walked off the job on Monday, shutting Port Selvan, the country's busiest container "
    "terminal. The union called the strike on Sunday night, a week after the employers rejected its demand for "
    "a pay rise. Ships were queuing outside the harbour by Monday evening, and the talks would not resume soon."
)


def doc(i: str, text: str) -> Document:
    return Document(id=i, text=text)


def test_plan_story_fates():
    fates = plan_story("s1", [
        doc("a", BASE),
        doc("b", BASE),  # the same text
        doc("c", BASE.replace("queuing outside", "queuing just outside")),  # one word added
        doc("d", BASE.replace("4,000", "5,000")),  # a figure changed: the engine must compare it
        doc("e", BASE.replace("Port Selvan", "Port Selva")),  # a name changed
        doc("f", BASE.replace("would not resume", "would resume")),  # a negation dropped
        doc("g", BASE.replace("Ships were queuing", "Many ships were seen queuing and waiting idly")),  # too many words
    ])  # fmt: skip
    by_id = {f.id: f for f in fates}
    assert [f.id for f in fates] == list("abcdefg") and all(f.story == "s1" for f in fates)
    assert by_id["b"].fate == "copy" and by_id["b"].copy_of == "a" and by_id["b"].jaccard == 1.0 and by_id["b"].changed == []
    assert by_id["c"].fate == "copy" and by_id["c"].copy_of == "a" and by_id["c"].changed == ["+just"]
    assert 0.9 <= by_id["c"].jaccard < 1.0
    assert {i for i, f in by_id.items() if f.fate == "compared"} == {"a", "d", "e", "f", "g"}
    assert all(f.copy_of is None for f in fates if f.fate == "compared")


def test_plan_story_singleton_and_copies_only():
    assert [(f.id, f.fate) for f in plan_story("s2", [doc("x", BASE)])] == [("x", "singleton")]
    fates = plan_story("s3", [doc("x", BASE), doc("y", BASE), doc("z", BASE.replace(" soon.", " quickly."))])
    assert [(f.id, f.fate, f.copy_of) for f in fates] == [("x", "only_text", None), ("y", "copy", "x"), ("z", "copy", "x")]
    assert fates[2].changed == ["-soon.", "+quickly."]


@pytest.fixture()
def corpus_with_copies(tmp_path: Path) -> tuple[Path, dict[str, dict]]:
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()
    rows = {}
    for line in lines:
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        rows[row.get("id")] = row
    extra = [
        dict(rows["coastal-herald"], id="coastal-herald-wire", source="Wire"),  # exact copy
        dict(rows["daily-ledger"], id="daily-ledger-wire", text=rows["daily-ledger"]["text"].replace(
            "queuing outside", "queuing just outside")),  # near-exact copy
        dict(rows["northwire"], id="northwire-update", text=rows["northwire"]["text"].replace(
            "€40 million a day", "€45 million a day")),  # a figure changed: compared
    ]  # fmt: skip
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(lines + [json.dumps(r) for r in extra]) + "\n", encoding="utf-8")
    return path, rows


def test_copies_are_recorded_not_analysed(corpus_with_copies, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path, _rows = corpus_with_copies
    monkeypatch.setattr(batch, "_CACHE", None)  # a fresh analysis cache: count every parse of this run
    out = tmp_path / "out"
    summary = run_batch([path], out, workers=0)

    ledger = [json.loads(line) for line in (out / "articles.jsonl").read_text().splitlines()]
    assert len(ledger) == summary.articles == len({r["id"] for r in ledger})  # every article, once
    fate = {r["id"]: r for r in ledger}
    assert fate["coastal-herald-wire"]["fate"] == "copy" and fate["coastal-herald-wire"]["copy_of"] == "coastal-herald"
    assert fate["coastal-herald-wire"]["jaccard"] == 1.0
    assert fate["daily-ledger-wire"]["copy_of"] == "daily-ledger"
    assert fate["daily-ledger-wire"]["changed"] == ["+just"]
    assert fate["northwire-update"]["fate"] == "compared"
    assert fate["gardening-column"]["fate"] == "singleton"
    assert sum(summary.fates.values()) == summary.articles
    assert summary.fates["copy"] == 2 and summary.exact_copies == 1
    assert summary.analysed == summary.fates["compared"]  # copies and singletons are not parsed

    story = fate["coastal-herald"]["story"]
    data = json.loads((out / "stories" / f"{story}.json").read_text())
    assert data["status"] == "ok"
    in_report = {d["id"] for d in data["report"]["documents"]}
    assert "northwire-update" in in_report and not in_report & {"coastal-herald-wire", "daily-ledger-wire"}
    assert {m["id"]: m["fate"] for m in data["members"]} == {
        r["id"]: r["fate"] for r in ledger if r["story"] == story
    }
    assert any(f["type"] == "number" for f in data["report"]["findings"] if f.get("kind") == "conflict")
    ranked = [json.loads(line) for line in (out / "stories.jsonl").read_text().splitlines()]
    assert next(r for r in ranked if r["story"] == story)["articles"] == len(data["members"])


def test_plan_story_the_earliest_published_text_is_the_original():
    """A repost read before its original (a later ``published``) was compared and the original recorded as its
    copy; the earliest published text is the one a reader calls the original. No date: reading order."""
    repost = Document(id="repost", text=BASE.replace("queuing outside", "queuing just outside"),
                      published="2026-11-27T14:00:00Z")  # fmt: skip
    original = Document(id="original", text=BASE, published="2026-11-27T09:30:00+01:00")
    fates = plan_story("s4", [repost, original])
    assert [(f.id, f.fate, f.copy_of) for f in fates] == [("repost", "copy", "original"), ("original", "only_text", None)]
    assert fates[0].changed == ["+just"]
    undated = plan_story("s5", [doc("first", BASE), doc("second", BASE)])  # no date: the first read stands
    assert [(f.id, f.copy_of) for f in undated] == [("first", None), ("second", "first")]
    dated_last = [doc("undated", BASE), Document(id="dated", text=BASE, published="27 Nov 2026")]
    assert [(f.id, f.copy_of) for f in plan_story("s6", dated_last)] == [("undated", "dated"), ("dated", None)]
