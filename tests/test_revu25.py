"""Session 25 (wt-revu25): hostile review of wt-user25 (E607, batch titles, lineage keys) and wt-cq17's
``batch --subject-share``."""

from __future__ import annotations

import datetime
import json
import types
from pathlib import Path

import pytest
from test_user25 import ROW

from storycheck.records import Document


def _shift_today(monkeypatch: pytest.MonkeyPatch, days: int) -> None:
    """The corpus reader's today moved ``days`` ahead (a run resumed on a later day)."""
    import storycheck.corpus as corpus

    class Later(datetime.date):
        @classmethod
        def today(cls) -> datetime.date:
            return datetime.date.fromordinal(datetime.date.today().toordinal() + days)

    monkeypatch.setattr(corpus, "datetime", types.SimpleNamespace(
        date=Later, datetime=datetime.datetime, timedelta=datetime.timedelta))


def test_a_killed_batch_resumed_on_a_later_day_reads_the_future_dated_rows_as_its_first_start_did(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """E607 held a row's date to the machine's today: a batch killed and restarted days later read a row dated
    10 days ahead as absent at first and as given on resume. Its date put it outside the time window of its
    event's story, so the stories differed and the resume was refused (E612). The first start's today is the
    run's: recorded in the manifest and read again on resume."""
    from storycheck.batch import run_batch

    today = datetime.date.today()
    ahead = (today + datetime.timedelta(days=10)).isoformat() + "T10:00:00Z"
    rows = [{"id": "wire", "text": ROW, "published": today.isoformat() + "T09:00:00Z"},
            {"id": "copy", "text": ROW.replace("Tuesday", "Tuesday morning"), "published": today.isoformat() + "T11:00:00Z"},
            {"id": "late", "text": ROW + " The council will appeal.", "published": ahead}]  # fmt: skip
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "run"
    first = run_batch([corpus], out, workers=0, embedder="none")
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [sorted(m) for m in manifest["stories"].values()] == [["copy", "late", "wire"]]
    assert manifest["today"] == today.isoformat()
    assert [b["code"] for b in manifest["bad_rows"]] == ["E607"]
    (story,) = list((out / "stories").glob("*.json"))
    story.unlink()  # killed before this story was written
    _shift_today(monkeypatch, 9)  # resumed nine days later: the row is now within the margin of that day
    again = run_batch([corpus], out, workers=0, embedder="none")
    assert again.written == 1 and again.stories == first.stories
    written = json.loads(story.read_text(encoding="utf-8"))
    late = [d for d in written["report"]["documents"] if d["id"] == "late"]
    assert late and late[0].get("published") is None  # read as the first start read it


def test_the_corpus_reader_holds_one_today_for_a_whole_pass(tmp_path: Path):
    """``read_corpus(today=)``: the reference date given, not the machine's (a run's own, or a test's)."""
    from storycheck.corpus import read_corpus

    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps({"id": "a", "text": ROW, "published": "2031-06-01"}) + "\n", encoding="utf-8")
    assert [d.published for d in read_corpus(path, today=datetime.date(2031, 5, 31))] == ["2031-06-01"]
    corpus = read_corpus(path, today=datetime.date(2031, 5, 1))
    assert [d.published for d in corpus] == [None]
    assert "more than 2 days after 2031-05-01 (the day the run first started)" in corpus.bad_rows[0].message


HOSTILE = "100% [bold red]wall[/] <script>alert(1)</script> a_b"


def _hostile_titles(url: str) -> None:
    from storycheck.store import Store

    with Store(url) as store:
        store.put_report("run:s000001", [
            Document("a", "The council voted to build a sea wall.", title="   "),
            Document("b", "The council voted on Friday to build a sea wall.", title=HOSTILE),
        ], None, embedder="none", error="E613 not computed here")  # fmt: skip
        store.put_report("run:s000002", [Document("c", "A storm closed the coast road.", title="Storm\n closes road")],
                         None, embedder="none", error="E613 not computed here")  # fmt: skip
        store.put_report("run:s000003", [Document("d", "An untitled report of a fire.")], None, embedder="none",
                         error="E613 not computed here")  # fmt: skip


def _check_titles(url: str) -> None:
    """A blank title is no title; a title's line break is a space; LIKE's wildcards in a search are literal."""
    from storycheck.store import Store

    with Store(url) as store:
        page = store.stories(sort="name", descending=False)
        assert [s.heading() for s in page.items] == [(HOSTILE, "run:s000001"), ("Storm closes road", "run:s000002"),
                                                     ("run:s000003", None)]  # fmt: skip
        assert store.story("run:s000001").title == HOSTILE  # (documents read: the same first titled report)
        assert store.story("run:s000002").title == "Storm closes road"
        for q, names in (("100%", ["run:s000001"]), ("%", ["run:s000001"]), ("a_b", ["run:s000001"]),
                         ("_", ["run:s000001"]), ("[BOLD", ["run:s000001"]), ("storm", ["run:s000002"]),
                         ("\\", []), ("run:s00000", ["run:s000001", "run:s000002", "run:s000003"])):
            assert sorted(s.name for s in store.stories(q=q).items) == names, q


def test_a_blank_or_broken_title_does_not_lead_a_story_and_hostile_titles_stay_text(tmp_path: Path):
    """A report's title of spaces (the API takes one as given) led its story's row as an empty link in the web
    list and an empty line in ``storycheck stories``; a title with a line break read as two lines. Markup in a
    title stays text in both (Rich markup, HTML)."""
    import httpx
    from storyhelp import Server
    from test_user24 import _stories

    db = tmp_path / "s.db"
    _hostile_titles(str(db))
    _check_titles(str(db))
    for columns in (200, 60):
        out = " ".join(_stories(db, columns).split())
        assert "100% [bold red]wall[/] <script>alert(1)</script> a_b" in out, out
        assert "Storm closes road" in out
    server = Server(str(db), "--no-example")
    try:
        html = httpx.get(server.base + "/", timeout=30).text
    finally:
        server.stop()
    assert "<script>alert(1)</script>" not in html
    assert '">100% [bold red]wall[/] &lt;script&gt;alert(1)&lt;/script&gt; a_b<span class="hint sub">' in html
    assert '">Storm closes road<span class="hint sub">run:s000002</span></a>' in html


def test_titles_and_their_search_on_postgresql():
    """The same on PostgreSQL: ``Store._titles``, ILIKE with its escape, a blank title."""
    from storyhelp import fresh_pg, pg_url

    url = fresh_pg(pg_url())
    _hostile_titles(url)
    _check_titles(url)


def test_a_run_resumed_without_its_subject_share_is_told_which_option_it_was_started_with(tmp_path: Path):
    """``batch --subject-share`` (wt-cq17) is in the manifest's settings and fingerprint: a run restarted
    without it (or with another value) was refused with "manifest fingerprint 1a2b...", which names nothing to
    give it. The refusal names the setting; restarted with the same value the run resumes."""
    from storycheck.batch import run_batch
    from storycheck.cluster import ClusterSettings
    from storycheck.errors import OutputMismatch

    rows = [{"id": "wire", "text": ROW}, {"id": "copy", "text": ROW.replace("Tuesday", "Tuesday morning")}]
    corpus = tmp_path / "feed.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "run"
    run_batch([corpus], out, workers=0, embedder="none", settings=ClusterSettings(subject_share=0.34))
    with pytest.raises(OutputMismatch) as err:
        run_batch([corpus], out, workers=0, embedder="none")
    assert "started with subject_share 0.34, now None; give it the same options to resume" in str(err.value)
    again = run_batch([corpus], out, workers=0, embedder="none", settings=ClusterSettings(subject_share=0.34))
    assert again.written == 0 and again.resumed == again.stories == 1
