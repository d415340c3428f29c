"""``storycheck batch --follow``: the next day's corpus joins the stories of an earlier run (its saved index and
texts) rather than being clustered on its own; only the stories its articles touch run again, and a stored story
is replaced (its texts and report) in one transaction. Real SQLite files (and the real PostgreSQL server, run by
the lead), a real LocalCluster, a real process killed with SIGKILL. The news texts are written for these tests."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest
from storyhelp import fresh_pg, pg_url
from typer.testing import CliRunner

from storycheck import batch
from storycheck.batch import STATE, TEXTS, run_batch
from storycheck.cli.main import app
from storycheck.cluster import ClusterSettings
from storycheck.errors import FollowMismatch
from storycheck.records import Document
from storycheck.store import Store

# Two days of news written for these tests: a bridge collapse (day 1, three reports; day 2, a later one), an
# orchestra's new director (day 1), a ferry aground (day 2).
DAYS = json.loads((Path(__file__).parent / "data" / "follow_days.json").read_text(encoding="utf-8"))
BRIDGE, BRIDGE_2, ORCHESTRA, FERRY = (DAYS[k] for k in ("BRIDGE", "BRIDGE_2", "ORCHESTRA", "FERRY"))

def _row(article: dict) -> str:
    return json.dumps(article) + "\n"


@pytest.fixture
def days(tmp_path: Path) -> tuple[Path, Path]:
    """Day 1: the bridge (three reports) and the orchestra (two). Day 2: a later report of the bridge (a figure
    changed: five injured, not four), a new event (the ferry, two reports), and day 1's first report again."""
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text("".join(map(_row, BRIDGE_2 + FERRY + BRIDGE[:1])))
    return day1, day2


def files(out: Path) -> dict[str, dict]:
    return {p.stem: json.loads(p.read_text()) for p in sorted((out / "stories").glob("*.json"))}


def stored(db: str) -> dict[str, tuple]:
    """Each story of the store: (status, document keys, its report)."""
    with Store(db) as store:
        found = {}
        for info in store.stories(limit=100, sort="name", descending=False).items:
            full = store.story(info.id)
            report = json.loads(store.report_json(info.id)) if info.has_report else None
            found[info.name] = (info.status, [d.key for d in full.documents], report)
        return found


def digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def ran_stories(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    ran: list[str] = []
    real = batch.run_story
    monkeypatch.setattr(batch, "run_story", lambda *a, **k: ran.append(a[0]) or real(*a, **k))
    return ran


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path: Path) -> str:
    return str(tmp_path / "news.db") if request.param == "sqlite" else fresh_pg(pg_url())


def test_the_next_days_report_joins_yesterdays_story_and_only_touched_stories_run(
    days: tuple[Path, Path], db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    day1, day2 = days
    first = run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    assert first.stories == 2 and (tmp_path / "day1" / STATE).exists()
    before = digest(tmp_path / "day1")
    ran = ran_stories(monkeypatch)
    second = run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    # the bridge (s000001) re-checked with all four reports; the ferry a new story; the orchestra not run
    assert sorted(ran) == ["s000001", "s000003"]
    assert second.untouched == 1 and second.known == 1 and second.merged_away == 0
    manifest = json.loads((tmp_path / "day2" / "manifest.json").read_text())
    assert manifest["stories"] == {"s000001": ["harbour-post-1", "valley-news-1", "coast-wire-1", "harbour-post-2"],
                                   "s000003": ["isles-times-2", "sea-bulletin-2"]}
    ranked = [json.loads(line) for line in (tmp_path / "day2" / "stories.jsonl").read_text().splitlines()]
    assert [(r["story"], r["articles"]) for r in ranked] == [("s000001", 4), ("s000003", 2)]
    assert ranked[0]["conflicts_by_type"] == {"number": 1}  # four injured on Monday, five on Tuesday
    # the store: the bridge once, under day 1's name, with both days' texts and the report of all four
    kept = stored(db)
    assert sorted(kept) == ["day1:s000001", "day1:s000002", "day1:s000003"]
    status, keys, report = kept["day1:s000001"]
    assert status == "ready" and keys == manifest["stories"]["s000001"]
    assert report == files(tmp_path / "day2")["s000001"]["report"]
    assert kept["day1:s000002"][2] == files(tmp_path / "day1")["s000002"]["report"]  # untouched: day 1's report
    assert digest(tmp_path / "day1") == before  # the followed run's folder is only read

    ran.clear()  # day 2 again, resumed or followed: nothing runs, nothing is put
    again = run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    assert (again.written, again.stored, again.resumed) == (0, 0, 2)
    later = run_batch([day2], tmp_path / "day2b", workers=0, db=db, follow=tmp_path / "day2")
    assert (later.stories, later.written, later.stored, later.known, later.untouched) == (0, 0, 0, 4, 3)
    assert ran == [] and stored(db) == kept


def test_a_put_with_replace_swaps_the_texts_and_report_in_one_transaction_and_without_is_refused(db: str):
    one = [Document("a", BRIDGE[0]["text"]), Document("b", BRIDGE[1]["text"])]
    two = [*one, Document("c", BRIDGE_2[0]["text"])]
    old = {"engine": "x", "schema": "y", "findings": [], "summary": {"by_kind": {"conflict": 0}}}
    new = {"engine": "x", "schema": "y", "findings": [{"id": "F1", "kind": "conflict", "type": "number",
                                                       "confidence": 0.9, "explanation": "four or five"}],
           "summary": {"by_kind": {"conflict": 1}}}
    with Store(db) as store:
        store.put_report("feed:s000001", one, old, embedder="static")
        from storycheck.errors import StoryExists

        with pytest.raises(StoryExists):
            store.put_report("feed:s000001", two, new, embedder="static")
        first = store.story("feed:s000001")
        info = store.put_report("feed:s000001", two, new, embedder="static", replace=True)
        full = store.story("feed:s000001")
        assert info.id == first.id and full.revision == first.revision + 1
        assert [d.key for d in full.documents] == ["a", "b", "c"] and full.n_conflicts == 1
        assert json.loads(store.report_json("feed:s000001")) == new
        store.put_report("feed:s000001", two, new, embedder="static", replace=True)  # again: nothing moves
        assert store.story("feed:s000001").revision == full.revision
        store.put_report("feed:s000001", one + [Document("d", FERRY[0]["text"])], None, embedder="static",
                         error="E613 failed", replace=True)
        failed = store.story("feed:s000001")
        assert failed.status == "failed" and not failed.has_report and failed.n_conflicts == 0


def test_following_another_engine_or_settings_or_no_state_is_refused_before_reading(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    day1, day2 = days
    run_batch([day1], tmp_path / "plain", workers=0)
    with pytest.raises(FollowMismatch, match=r"E616.*no stream\.pkl"):
        run_batch([day2], tmp_path / "x", workers=0, follow=tmp_path / "plain")
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    with pytest.raises(FollowMismatch, match=r"window_hours 96\.0, now 12\.0"):
        run_batch([day2], tmp_path / "y", workers=0, follow=tmp_path / "day1",
                  settings=ClusterSettings(window_hours=12.0))
    with pytest.raises(FollowMismatch, match="own --out"):
        run_batch([day2], tmp_path / "day1", workers=0, follow=tmp_path / "day1")
    monkeypatch.setattr(batch, "engine_digest", lambda: "0" * 16)
    with pytest.raises(FollowMismatch, match="another version of storycheck"):
        run_batch([day2], tmp_path / "z", workers=0, follow=tmp_path / "day1")
    assert not (tmp_path / "z" / "manifest.json").exists()


KILL_AT = {  # where day 2's run is killed with SIGKILL: the file or rename it is about to write
    "before its manifest": ("write_atomic", "manifest.json"),
    "after the bridge's put, before its file": ("write_atomic", "/stories/"),
    "while renaming its state": ("replace", STATE),  # (its texts renamed already)
    "while renaming its texts": ("replace", TEXTS),
}


@pytest.mark.parametrize("point", sorted(KILL_AT))
def test_a_follow_killed_9_and_started_again_ends_as_a_run_never_killed(
    days: tuple[Path, Path], tmp_path: Path, point: str
):
    """Killed with SIGKILL before the manifest, after the bridge's story was replaced in the store but before its
    file was written (the store already holds day 2's texts), or with its state written but not renamed, then
    started again: the same files, the same store, each story put once, the followed run untouched, no leftover."""
    day1, day2 = days
    dbs = {name: str(tmp_path / f"{name}.db") for name in ("killed", "clean")}
    for name, path in dbs.items():
        run_batch([day1], tmp_path / f"day1-{name}", workers=0, db=path, keep_state=True)
    run_batch([day2], tmp_path / "day2-clean", workers=0, db=dbs["clean"], follow=tmp_path / "day1-clean")
    before = digest(tmp_path / "day1-killed")
    name, where = KILL_AT[point]
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from storycheck import batch\n"
        f"owner = batch if {name!r} == 'write_atomic' else os\n"
        f"real = getattr(owner, {name!r})\n"
        "def hook(*a, **k):\n"
        f"    if {where!r} in str(a[-1] if {name!r} == 'replace' else a[0]):\n"
        "        os.kill(os.getpid(), signal.SIGKILL)\n"
        "    return real(*a, **k)\n"
        f"setattr(owner, {name!r}, hook)\n"
        "batch.run_batch([sys.argv[1]], Path(sys.argv[2]), workers=0, db=sys.argv[3], follow=sys.argv[4])\n"
    )
    out = tmp_path / "day2-killed"
    done = subprocess.run([sys.executable, "-c", script, str(day2), str(out), dbs["killed"],
                           str(tmp_path / "day1-killed")], capture_output=True, timeout=300)
    assert done.returncode == -9, done.stderr.decode()[-2000:]
    assert not (out / STATE).exists()
    resumed = run_batch([day2], out, workers=0, db=dbs["killed"], follow=tmp_path / "day1-killed")
    assert resumed.written + resumed.resumed == 2 and (out / STATE).exists()
    assert not list(out.glob(f".{STATE}.*")) and not list(out.glob(f".{TEXTS}.*"))
    assert files(out) == files(tmp_path / "day2-clean")
    assert (out / "stories.jsonl").read_text() == (tmp_path / "day2-clean" / "stories.jsonl").read_text()
    killed, clean = stored(dbs["killed"]), stored(dbs["clean"])
    assert [(k.split(":")[1], v) for k, v in killed.items()] == [(k.split(":")[1], v) for k, v in clean.items()]
    assert digest(tmp_path / "day1-killed") == before
    day3 = tmp_path / "day3.jsonl"  # the resumed run's state (texts and pickle) is followed as the clean one's
    day3.write_text(_row(BRIDGE_3))
    for name in dbs:
        run_batch([day3], tmp_path / f"day3-{name}", workers=0, db=dbs[name], follow=tmp_path / f"day2-{name}")
    assert files(tmp_path / "day3-killed") == files(tmp_path / "day3-clean") != {}


def test_a_follow_on_the_local_cluster_equals_the_in_process_one(days: tuple[Path, Path], tmp_path: Path):
    day1, day2 = days
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    run_batch([day2], tmp_path / "here", workers=0, follow=tmp_path / "day1")
    on_dask = run_batch([day2], tmp_path / "dask", workers=1, follow=tmp_path / "day1")
    assert on_dask.scheduler.startswith("LocalCluster") and on_dask.written == 2
    assert files(tmp_path / "dask") == files(tmp_path / "here")
    assert (tmp_path / "dask" / "articles.jsonl").read_text() == (tmp_path / "here" / "articles.jsonl").read_text()


def test_cli_follow_names_what_it_followed(days: tuple[Path, Path], tmp_path: Path):
    day1, day2 = days
    db = str(tmp_path / "news.db")
    first = CliRunner().invoke(app, ["batch", str(day1), "--out", str(tmp_path / "d1"), "--db", db, "--workers", "0",
                                     "--keep-state", "-q"])
    assert first.exit_code == 0, first.output
    result = CliRunner().invoke(app, ["batch", str(day2), "--out", str(tmp_path / "d2"), "--db", db, "--workers", "0",
                                      "--follow", str(tmp_path / "d1"), "-q"])
    assert result.exit_code == 0, result.output
    assert "1 of its stories untouched" in " ".join(result.output.split())
    refused = CliRunner().invoke(app, ["batch", str(day2), "--out", str(tmp_path / "d3"), "--workers", "0",
                                       "--follow", str(tmp_path / "nowhere"), "-q"])
    assert refused.exit_code == 1 and "[E616]" in refused.output


def _orchestra_merged_into_bridge(real):  # noqa: ANN001, ANN202 - StoryIndex.settle
    """``StoryIndex.settle`` that then merges day 1's second story (the orchestra) into its first (the bridge): the
    clustering's decision, forced for the tests of a merge across days."""

    def settle(index) -> None:  # noqa: ANN001
        real(index)
        bridge, orchestra = index.stories[0], index.stories[1]
        bridge.members += orchestra.members
        orchestra.merged_into, orchestra.members = bridge.id, []

    return settle


def test_a_story_of_the_followed_run_merged_into_another_leaves_the_store(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """When the next day's merge joins one of yesterday's stories to another (the clustering's decision, forced
    here: the orchestra's story merged into the bridge's as the index settles), the survivor is run with both
    stories' reports and replaced in the store, and the merged story is deleted from it, once."""
    from storycheck.cluster import StoryIndex

    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    monkeypatch.setattr(StoryIndex, "settle", _orchestra_merged_into_bridge(StoryIndex.settle))
    summary = run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    assert summary.merged_away == 1 and summary.untouched == 0
    manifest = json.loads((tmp_path / "day2" / "manifest.json").read_text())
    assert manifest["merged"] == {"s000002": "s000001"}
    kept = stored(db)
    assert sorted(kept) == ["day1:s000001", "day1:s000003"]
    assert kept["day1:s000001"][1] == manifest["stories"]["s000001"] and len(manifest["stories"]["s000001"]) == 6
    again = run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    assert (again.written, again.stored, again.merged_away) == (0, 0, 1) and stored(db) == kept


# Day 3 of the bridge, written for these tests (a later figure: the inspection reports are to be published).
BRIDGE_3 = {"id": "valley-news-3", "source": "Valley News", "published": "2026-03-04T10:00:00Z",
            "title": "Marlow Creek bridge inspections to be made public",
            "text": "Dunhallow will publish both inspection reports on the Marlow Creek bridge, which collapsed on "
                    "Monday and sent three cars into the river, Mayor Ellen Brandt said on Wednesday. Five people "
                    "were injured. The steel bridge was built in 1968, and crews from Dunhallow and Kestrel Bay "
                    "pulled the drivers out of the water."}


def test_a_fork_following_day_1_again_after_day_2_put_its_stories_is_refused(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Day 2 followed day 1 into the store (the bridge replaced with four texts, the ferry opened); day 3 following
    day 1 again saw none of it: it ran, left day 2's bridge in the store beside a state without its fourth
    report, and the next run touching it stopped at E503. Refused (E616) before the engine runs, the store as
    day 2 left it."""
    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    kept = stored(db)
    day3 = tmp_path / "day3.jsonl"
    day3.write_text("".join(map(_row, FERRY)))
    ran = ran_stories(monkeypatch)
    with pytest.raises(FollowMismatch, match=r"E616.*'day1:s000001'.*fork"):
        run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day1")
    assert ran == [] and stored(db) == kept and not (tmp_path / "day3" / "manifest.json").exists()
    after = run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")  # the chain's end
    assert (after.known, after.written) == (2, 0) and stored(db) == kept


def test_a_day_run_without_db_between_two_with_it_is_followed(days: tuple[Path, Path], tmp_path: Path):
    """Day 2 followed day 1 without --db (the store kept day 1's bridge, three texts); day 3 with --db, following
    day 2, touched the bridge: it was refused (E503, "holding other texts") since the store held neither day 2's
    texts nor day 3's. The store's texts are day 1's members of that story: replaced."""
    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    day3 = tmp_path / "day3.jsonl"
    day3.write_text(_row(BRIDGE_3))
    third = run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert third.written == 1 and third.stored == 1
    keys = stored(db)["day1:s000001"][1]
    assert keys == json.loads((tmp_path / "day3" / "manifest.json").read_text())["stories"]["s000001"]
    assert len(keys) == 5
    # (session 30: day 2's ferry, which day 3 leaves untouched, is put from day 2's file: it was missing for good)
    assert third.filled == 1 and stored(db)["day1:s000003"][2] == files(tmp_path / "day2")["s000003"]["report"]


def test_a_replaced_story_leaves_no_text_held_by_no_story(db: str):
    """A replace whose new texts lack one of the old (a representative became a copy of an earlier report): that
    text was left in the store, held by no story, until some ``delete_story``; it goes in the replace's
    transaction. A text another story still holds stays."""
    from sqlalchemy import select

    from storycheck.store.models import DocumentRow

    a, b, c = (Document(k, t) for k, t in (("a", BRIDGE[0]["text"]), ("b", BRIDGE[1]["text"]),
                                           ("c", BRIDGE_2[0]["text"])))
    shared = Document("o", ORCHESTRA[0]["text"])
    with Store(db) as store:
        store.put_report("feed:s000001", [a, b, shared], None, embedder="static", error="E613 x")
        store.put_report("feed:s000002", [shared, Document("p", ORCHESTRA[1]["text"])], None, embedder="static",
                         error="E613 y")
        store.put_report("feed:s000001", [a, c], None, embedder="static", error="E613 z", replace=True)
        with store._read() as s:
            hashes = set(s.scalars(select(DocumentRow.hash)))
    assert b.hash not in hashes and {a.hash, c.hash, shared.hash} <= hashes


def test_an_article_held_by_id_that_comes_with_another_text_is_counted_and_named(
    days: tuple[Path, Path], tmp_path: Path
):
    """A feed's correction keeps its id: the followed state's text stays and the new one is not compared. It was
    skipped as known without a word; it is counted and named in the summary and on the command's table."""
    day1, _ = days
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    corrected = {**BRIDGE[0], "text": BRIDGE[0]["text"].replace("four people were injured", "six people were hurt")}
    day2 = tmp_path / "day2.jsonl"
    day2.write_text(_row(corrected) + _row(BRIDGE[1]))
    result = CliRunner().invoke(app, ["batch", str(day2), "--out", str(tmp_path / "day2"), "--workers", "0",
                                      "--follow", str(tmp_path / "day1"), "-q"])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "day2" / "summary.json").read_text())
    assert (summary["known"], summary["known_changed"], summary["known_changed_ids"]) == (2, 1, ["harbour-post-1"])
    assert "harbour-post-1" in " ".join(result.output.split())


def test_a_state_others_could_write_is_refused_before_it_is_unpickled(days: tuple[Path, Path], tmp_path: Path):
    """Loading a state is running its code (pickle): a ``stream.pkl`` writable by the group or others was
    unpickled all the same. Refused (E616) before a byte of it is loaded; the run's own (0600) is followed."""
    day1, day2 = days
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    state = tmp_path / "day1" / STATE
    assert state.stat().st_mode & 0o077 == 0
    state.chmod(0o666)
    with pytest.raises(FollowMismatch, match=r"E616.*writable by others"):
        run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    assert not (tmp_path / "day2" / "manifest.json").exists()
    state.chmod(0o600)
    assert run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1").written == 2


def test_a_follow_resumed_without_its_follow_or_a_plain_run_resumed_with_one_says_so(
    days: tuple[Path, Path], tmp_path: Path
):
    """A killed day 2 started again without its --follow (or a plain run started again with one) was refused
    with a fingerprint only (E612 "manifest fingerprint 3f2a..."): it says which option to give."""
    from storycheck.errors import OutputMismatch

    day1, day2 = days
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    with pytest.raises(OutputMismatch, match=r"E612.*started with --follow .*day1; give it again"):
        run_batch([day2], tmp_path / "day2", workers=0)
    run_batch([day2], tmp_path / "plain", workers=0)
    with pytest.raises(OutputMismatch, match=r"E612.*started without --follow"):
        run_batch([day2], tmp_path / "plain", workers=0, follow=tmp_path / "day1")


def test_a_stored_story_whose_texts_all_become_copies_of_an_earlier_original_leaves_the_store(tmp_path: Path):
    """Day 1: two reprints of a report (one with three words added at its end, one with three cut), compared as
    two texts and stored. Day 2: the original itself, published before both: each reprint is its copy, nothing is
    left to compare ("copies", never stored), yet the store kept day 1's report comparing the two reprints."""
    original = {**BRIDGE[0], "id": "wire-original", "published": "2026-03-02T07:00:00Z"}
    longer = {**original, "id": "reprint-a", "published": "2026-03-02T12:00:00Z",
              "text": original["text"] + " more was expected"}
    shorter = {**original, "id": "reprint-b", "published": "2026-03-02T13:00:00Z",
               "text": original["text"].rsplit(" ", 3)[0]}
    day1, day2 = tmp_path / "day1.jsonl", tmp_path / "day2.jsonl"
    day1.write_text(_row(longer) + _row(shorter) + "".join(map(_row, ORCHESTRA)))
    day2.write_text(_row(original))
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    assert stored(db)["day1:s000001"][1] == ["reprint-a", "reprint-b"]
    second = run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    assert second.copy_stories == 1 and files(tmp_path / "day2")["s000001"]["status"] == "copies"
    assert sorted(stored(db)) == ["day1:s000002"]
    again = run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    assert again.resumed == 1 and sorted(stored(db)) == ["day1:s000002"]


# --- session 30 (wt-inc30): left items of following a run ---------------------------------------------------------


def test_a_correction_under_a_known_id_is_checked_again_in_its_story(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """An editor's correction keeps the article's id: it was counted ``known_changed`` and the story's report (in
    the files and the store) kept comparing the first text. The story holding it runs again with the new text, in
    its place (same id and store name), and the next day's state holds the corrected text."""
    day1, _ = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    corrected = {**BRIDGE[0], "text": BRIDGE[0]["text"].replace("four people were injured", "nine people were injured")}
    day2 = tmp_path / "day2.jsonl"
    day2.write_text(_row(corrected) + _row(ORCHESTRA[0]))
    ran = ran_stories(monkeypatch)
    second = run_batch([day2], tmp_path / "day2", workers=0, db=db, follow=tmp_path / "day1")
    assert ran == ["s000001"] and (second.known, second.known_changed, second.untouched) == (2, 1, 1)
    report = files(tmp_path / "day2")["s000001"]["report"]
    assert [d["text"] for d in report["documents"] if d["id"] == "harbour-post-1"] == [corrected["text"]]
    status, keys, kept = stored(db)["day1:s000001"]
    assert keys == [a["id"] for a in BRIDGE] and kept == report
    with Store(db) as store:
        texts = store.texts_by_name("day1:")["day1:s000001"]
    assert Document("x", corrected["text"]).hash in texts and Document("x", BRIDGE[0]["text"]).hash not in texts
    ran.clear()  # the corrected text is now the one held: the same file again changes nothing
    third = run_batch([day2], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert ran == [] and (third.known_changed, third.written) == (0, 0)


def _second_meanwhile(monkeypatch: pytest.MonkeyPatch, second, refusal: type) -> list[Exception]:  # noqa: ANN001
    """``second`` (a run) started while the first run runs its first story, expected to raise ``refusal``; what it
    raised, once the first has run."""
    caught: list[Exception] = []
    real = batch.run_story

    def meanwhile(*a, **k):  # noqa: ANN002, ANN003, ANN202
        if not caught:
            with pytest.raises(refusal) as refused:
                second()
            caught.append(refused.value)
        return real(*a, **k)

    monkeypatch.setattr(batch, "run_story", meanwhile)
    return caught


def test_two_followers_of_one_run_at_once_the_second_is_refused_naming_the_holder(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Two runs following day 1, started together, both found the store as day 1 left it and passed the fork check,
    then both replaced the bridge. The first holds the followed state's lock for its whole run: a second started
    while it runs its stories is refused (E617) naming the run and the holder's pid, before it writes anything;
    once the first has ended the lock is gone (the fork check takes over)."""
    import os

    from storycheck.errors import FollowInUse

    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    real = batch.run_story
    caught = _second_meanwhile(monkeypatch, lambda: run_batch([day2], tmp_path / "day2b", workers=0, db=db,
                                                              follow=tmp_path / "day1"), FollowInUse)
    first = run_batch([day2], tmp_path / "day2a", workers=0, db=db, follow=tmp_path / "day1")
    assert first.written == 2 and len(caught) == 1
    message = str(caught[0])
    assert caught[0].code == "E617" and "day1" in message and f"pid {os.getpid()}" in message
    assert not (tmp_path / "day2b" / "manifest.json").exists()
    monkeypatch.setattr(batch, "run_story", real)
    ferry = tmp_path / "ferry.jsonl"
    ferry.write_text("".join(map(_row, FERRY)))
    with pytest.raises(FollowMismatch, match="fork"):  # after it: the store holds day 2a's bridge
        run_batch([ferry], tmp_path / "day2b", workers=0, db=db, follow=tmp_path / "day1")


def test_a_follower_holding_the_lock_in_another_process_is_named(days: tuple[Path, Path], tmp_path: Path):
    """The holder is another process (a follower started a moment before): its pid and command line are named; a
    holder killed with SIGKILL leaves no lock behind."""
    from storycheck.errors import FollowInUse

    day1, day2 = days
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    hold = ("import fcntl, os, sys, time\nfd = os.open(sys.argv[1], os.O_RDONLY)\nfcntl.flock(fd, fcntl.LOCK_EX)\n"
            "print('held', flush=True)\ntime.sleep(120)\n")
    holder = subprocess.Popen([sys.executable, "-c", hold, str(tmp_path / "day1" / STATE), "--out", "elsewhere"],
                              stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline().strip() == b"held"
        with pytest.raises(FollowInUse, match=rf"E617.*pid {holder.pid}: .*--out elsewhere"):
            run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    finally:
        holder.kill()
        holder.wait()
    assert run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1").written == 2


def test_a_follower_reads_the_texts_of_the_stories_it_touches_only(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The state held every article's text in its pickle, loaded whole by each follower (50k articles: 141 MB, two
    thirds texts). The texts are in a file beside it (``TEXTS``), read on demand: day 2 reads the bridge's (which it
    runs again) and not the orchestra's (untouched); the pickle holds no text."""
    day1, day2 = days
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    orchestra = ORCHESTRA[0]["text"][:60].encode()
    assert orchestra not in (tmp_path / "day1" / STATE).read_bytes()
    assert orchestra in (tmp_path / "day1" / TEXTS).read_bytes()
    read: list[str] = []
    real = batch._StateTexts.__getitem__

    def spy(self, key):  # noqa: ANN001, ANN202
        if key in self.followed and key not in self.new:
            read.append(key)
        return real(self, key)

    monkeypatch.setattr(batch._StateTexts, "__getitem__", spy)
    run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    assert set(read) == {a["id"] for a in BRIDGE}
    state = (tmp_path / "day2" / TEXTS).read_bytes()  # day 2's texts: day 1's and its own, each once
    assert state.count(orchestra) == 1 and state.count(FERRY[0]["text"][:60].encode()) == 1


def test_the_store_gets_the_stories_a_day_without_db_left_out(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Day 1 with --db, day 2 without (the bridge's fourth report, the ferry), day 3 with it touching none of them:
    the store kept day 1's bridge and never had the ferry, for good. Day 3 puts both from day 2's files (no engine
    run), before its manifest; a resume puts nothing again. Where no file of the chain has a story (day 2's folder
    removed), E616 says which run to give --db, before anything is put or written."""
    import shutil

    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    day3 = tmp_path / "day3.jsonl"
    day3.write_text(_row({**ORCHESTRA[0], "id": "arts-daily-3", "published": "2026-03-04T09:00:00Z",
                          "text": "A quarry near Brennick flooded on Wednesday after three days of rain, and the "
                                  "regional water board closed the road to Ostley while pumps were brought in."}))
    shutil.copytree(tmp_path / "day2", tmp_path / "day2-copy")  # (the same run, its stories' files to remove below)
    ran = ran_stories(monkeypatch)
    third = run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert ran == [] and third.filled == 2 and third.untouched == 3
    kept, day2_files = stored(db), files(tmp_path / "day2")
    assert [kept[f"day1:{sid}"][2] for sid in ("s000001", "s000003")] == \
        [day2_files[sid]["report"] for sid in ("s000001", "s000003")]
    assert kept["day1:s000001"][1] == [m["id"] for m in day2_files["s000001"]["members"]]
    again = run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert again.filled == 0 and stored(db) == kept

    fresh = str(tmp_path / "fresh.db")  # a store none of the chain put into: all three, the orchestra from day 1's file
    elsewhere = run_batch([day3], tmp_path / "day3c", workers=0, db=fresh, follow=tmp_path / "day2-copy")
    assert ran == [] and elsewhere.filled == 3
    assert {k.split(":")[1]: v for k, v in stored(fresh).items()} == {k.split(":")[1]: v for k, v in stored(db).items()}
    other = str(tmp_path / "other.db")  # another store, day 1's stories in it; day 2's files gone
    run_batch([day1], tmp_path / "day1", workers=0, db=other, keep_state=True)
    shutil.rmtree(tmp_path / "day2-copy" / "stories")
    with pytest.raises(FollowMismatch, match=r"E616.*lacks 2 of its stories.*'day1:s000001'.*without this --db"):
        run_batch([day3], tmp_path / "day3b", workers=0, db=other, follow=tmp_path / "day2-copy")
    assert not (tmp_path / "day3b" / "manifest.json").exists() and sorted(stored(other)) == ["day1:s000001",
                                                                                               "day1:s000002"]


def test_a_story_merged_away_on_a_day_without_db_leaves_the_store_the_next_day(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Day 2, run without --db, merged the orchestra's story into the bridge's (forced here, as in the test above);
    the store still held both day 1 stories, and day 3 with --db was refused as a fork (E616: the store's orchestra
    is in no story of day 2's state). Day 3 deletes it and puts day 2's bridge (six reports) and ferry from its
    files."""
    from storycheck.cluster import StoryIndex

    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    with monkeypatch.context() as m:
        m.setattr(StoryIndex, "settle", _orchestra_merged_into_bridge(StoryIndex.settle))
        run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    day3 = tmp_path / "day3.jsonl"
    day3.write_text(_row({**ORCHESTRA[0], "id": "arts-daily-3", "published": "2026-03-04T09:00:00Z",
                          "text": "A quarry near Brennick flooded on Wednesday after three days of rain, and the "
                                  "regional water board closed the road to Ostley while pumps were brought in."}))
    third = run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert third.filled == 3
    kept = stored(db)
    assert sorted(kept) == ["day1:s000001", "day1:s000003"] and len(kept["day1:s000001"][1]) == 6


def test_a_story_left_all_copies_on_a_day_without_db_leaves_the_store_the_next_day(tmp_path: Path):
    """Day 1 stored two reprints compared as two texts; day 2, without --db, brought their original (both became its
    copies: nothing to compare, never stored); day 3 with --db deletes day 1's stale story."""
    original = {**BRIDGE[0], "id": "wire-original", "published": "2026-03-02T07:00:00Z"}
    longer = {**original, "id": "reprint-a", "published": "2026-03-02T12:00:00Z",
              "text": original["text"] + " more was expected"}
    shorter = {**original, "id": "reprint-b", "published": "2026-03-02T13:00:00Z",
               "text": original["text"].rsplit(" ", 3)[0]}
    day1, day2, day3 = (tmp_path / f"day{i}.jsonl" for i in (1, 2, 3))
    day1.write_text(_row(longer) + _row(shorter) + "".join(map(_row, ORCHESTRA)))
    day2.write_text(_row(original))
    day3.write_text("".join(map(_row, FERRY)))
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    assert sorted(stored(db)) == ["day1:s000001", "day1:s000002"]
    third = run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert third.filled == 1 and sorted(stored(db)) == ["day1:s000002", "day1:s000003"]


def test_a_correction_on_a_day_without_db_is_no_fork_the_next_day_with_it(tmp_path: Path):
    """Day 1 stored the bridge; day 2, run without --db, brought a correction of its first report (its story ran
    again, not stored); day 3 with --db found the store holding the first text, which day 2's state no longer named,
    and stopped as a fork (E616). The state keeps the texts an id held before its corrections: day 3 puts day 2's
    bridge from its file, and a fork following day 1 again is still refused."""
    db = str(tmp_path / "news.db")
    day1, day2, day3 = (tmp_path / f"day{n}.jsonl" for n in (1, 2, 3))
    day1.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    corrected = {**BRIDGE[0], "text": BRIDGE[0]["text"].replace("four people were injured", "nine people were injured")}
    day2.write_text(_row(corrected))
    assert run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1").known_changed == 1
    day3.write_text(_row(FERRY[0]))
    third = run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert third.filled == 1
    assert stored(db)["day1:s000001"][2] == files(tmp_path / "day2")["s000001"]["report"]
    with pytest.raises(FollowMismatch, match="a fork"):  # day 1 followed again: the store holds day 2's correction
        run_batch([day3], tmp_path / "day3b", workers=0, db=db, follow=tmp_path / "day1")


@pytest.mark.parametrize("damage", ["cut", "edited"])
def test_a_damaged_texts_file_is_refused_not_compared(days: tuple[Path, Path], tmp_path: Path, damage: str):
    """A ``stream.texts`` cut short (a copy that stopped) or changed in place gave the follower cut or changed texts
    (an empty one past the end), compared, reported and saved into the next state without a word: E616 now, the cut
    file before anything runs."""
    day1, day2 = days
    run_batch([day1], tmp_path / "day1", workers=0, keep_state=True)
    path = tmp_path / "day1" / TEXTS
    data = path.read_bytes()
    at = data.index(BRIDGE[1]["text"][:40].encode())
    path.write_bytes(data[:at + 20] if damage == "cut" else data[:at] + b"Ten" + data[at + 3:])
    with pytest.raises(FollowMismatch, match=r"E616.*stream\.texts is (cut short|damaged: the text of 'valley-news-1')"):
        run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    assert not (tmp_path / "day2" / STATE).exists()


def test_a_store_holding_another_chains_stories_under_the_same_names_is_left_as_it_is(tmp_path: Path):
    """Two feeds whose first runs were both ``--out .../day1``: feed A stored its stories as ``day1:...``; feed B's
    day 2 follows its day 1 (run without --db) into the same store. Filling B's stories would overwrite A's reports:
    refused (E616) with nothing put, and the message names this case, not only a fork of B's own chain."""
    db = str(tmp_path / "news.db")
    (tmp_path / "A").mkdir()
    (tmp_path / "B").mkdir()
    feed_a, feed_b, day2 = tmp_path / "a.jsonl", tmp_path / "b.jsonl", tmp_path / "b2.jsonl"
    feed_a.write_text("".join(map(_row, FERRY + ORCHESTRA)))
    feed_b.write_text("".join(map(_row, BRIDGE + ORCHESTRA)))
    day2.write_text(_row(BRIDGE_2[0]))
    run_batch([feed_a], tmp_path / "A" / "day1", workers=0, db=db, keep_state=True)
    run_batch([feed_b], tmp_path / "B" / "day1", workers=0, keep_state=True)
    before = stored(db)
    with pytest.raises(FollowMismatch, match="another chain whose first run had this name"):
        run_batch([day2], tmp_path / "B" / "day2", workers=0, db=db, follow=tmp_path / "B" / "day1")
    assert stored(db) == before


def test_a_follower_of_a_copy_of_the_followed_folder_is_refused_meanwhile(
    days: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The lock was the followed ``stream.pkl``'s own: a copy of day 1's folder (a backup, a second machine's
    mount of the same files copied) is another file, and its follower, started while the first ran its stories,
    passed the fork check and replaced the bridge beside it. The state's token, copied with it, is locked too."""
    import shutil

    from storycheck.errors import FollowInUse

    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    shutil.copytree(tmp_path / "day1", tmp_path / "day1-copy")
    ferry = tmp_path / "ferry.jsonl"
    ferry.write_text("".join(map(_row, FERRY + BRIDGE_2)))
    caught = _second_meanwhile(monkeypatch, lambda: run_batch([ferry], tmp_path / "day2b", workers=0, db=db,
                                                              follow=tmp_path / "day1-copy"), FollowInUse)
    assert run_batch([day2], tmp_path / "day2a", workers=0, db=db, follow=tmp_path / "day1").written == 2
    assert len(caught) == 1 and not (tmp_path / "day2b" / "manifest.json").exists()


@pytest.mark.parametrize("edit", ["a report's document without its text", "an ok story without its report"])
def test_a_story_file_of_the_chain_not_shaped_as_one_is_not_put(days: tuple[Path, Path], tmp_path: Path, edit: str):
    """The fill (a day without --db between two with it) read the chain's story files as the engine writes them: one
    edited into another shape stopped the run with a KeyError traceback, or (``ok`` without a report) was put as a
    story with no report. It is no file of that story: E616 names it, nothing put."""
    day1, day2 = days
    db = str(tmp_path / "news.db")
    run_batch([day1], tmp_path / "day1", workers=0, db=db, keep_state=True)
    run_batch([day2], tmp_path / "day2", workers=0, follow=tmp_path / "day1")
    path = tmp_path / "day2" / "stories" / "s000001.json"
    data = json.loads(path.read_text())
    if edit.startswith("a report's"):
        data["report"]["documents"][0].pop("text")
    else:
        data["report"] = None
    path.write_text(json.dumps(data))
    day3 = tmp_path / "day3.jsonl"
    day3.write_text(_row({**ORCHESTRA[0], "id": "arts-daily-3", "text": "A quarry near Brennick flooded on Wednesday "
                          "after three days of rain, and the regional water board closed the road to Ostley."}))
    before = stored(db)
    with pytest.raises(FollowMismatch, match=r"E616.*lacks 1 of its stories.*'day1:s000001'"):
        run_batch([day3], tmp_path / "day3", workers=0, db=db, follow=tmp_path / "day2")
    assert stored(db) == before
