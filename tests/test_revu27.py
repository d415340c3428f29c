"""Review revu27: a hostile review of wt-user27 (store names after the corpus, the future-date margin for every
document, E201, capitals, help, the evidence's sentence). Each test failed on the merged wt-user27 (8df8789)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from storycheck.batch import run_batch
from storycheck.cli.main import app
from storycheck.store import Store

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "sample.jsonl"
LONE = json.dumps({"id": "lone", "text": "A bakery in Harwick won a regional prize for its rye bread on Tuesday, the "
                   "guild said. The owner thanked her staff and the town's mayor."})


class _Killed(Exception):
    pass


def _killed_before_any_story(stage: str, done: int, total: int) -> None:  # a kill -9 after the manifest
    if stage == "stories":
        raise _Killed


def _names(db: str) -> list[str]:
    with Store(db) as store:
        return sorted(i.name for i in store.stories(limit=100).items)


def _two_days(tmp_path: Path) -> tuple[Path, Path, Path]:
    rows = SAMPLE.read_text(encoding="utf-8").splitlines()
    for day in ("day1", "day2", "batches"):
        (tmp_path / day).mkdir()
    day1, day2 = tmp_path / "day1" / "feed.jsonl", tmp_path / "day2" / "feed.jsonl"
    day1.write_text("\n".join(rows[0:3]) + "\n", encoding="utf-8")  # the strike: story s000001
    day2.write_text("\n".join([LONE, *rows[3:6]]) + "\n", encoding="utf-8")  # a singleton, then the flood: s000002
    return day1, day2, tmp_path / "batches"


def test_the_next_corpus_of_the_name_takes_its_folders_name_though_its_story_ids_are_others(tmp_path: Path):
    """The name was refused only when one of the run's own story ids was held with other texts: the next day's
    feed.jsonl, whose one story was s000002, was put as feed:s000002 beside the first day's feed:s000001."""
    day1, day2, batches = _two_days(tmp_path)
    db = str(tmp_path / "s.db")
    first = run_batch([day1], batches / "feed-a", workers=0, embedder="none", db=db, store_name="feed")
    second = run_batch([day2], batches / "feed-b", workers=0, embedder="none", db=db, store_name="feed")
    assert first.store_prefix == "feed:" and second.store_prefix == "feed-b:"
    assert _names(db) == ["feed-b:s000002", "feed:s000001"]


def test_a_run_killed_before_its_first_story_resumes_though_another_corpus_of_its_name_ran_meanwhile(tmp_path: Path):
    """A first start killed after its manifest (the name chosen) and before it put a story left nothing in the
    store: the next corpus of that name took it, and the killed run, resumed, was refused E503 for good."""
    day1, day2, batches = _two_days(tmp_path)
    day2.write_text(day1.read_text(encoding="utf-8").replace("Port Selvan", "Port Arden"), encoding="utf-8")
    db = str(tmp_path / "s.db")
    try:
        run_batch([day1], batches / "feed-a", workers=0, embedder="none", db=db, store_name="feed",
                  progress=_killed_before_any_story)
    except _Killed:
        pass
    second = run_batch([day2], batches / "feed-b", workers=0, embedder="none", db=db, store_name="feed")
    resumed = run_batch([day1], batches / "feed-a", workers=0, embedder="none", db=db, store_name="feed")
    assert second.store_prefix == "feed-b:" and resumed.store_prefix == "feed:" and resumed.stored == 1
    assert _names(db) == ["feed-b:s000001", "feed:s000001"]


def test_a_dated_corpus_file_names_its_stories_with_its_date(tmp_path: Path):
    """`feed.2026-11-27.jsonl` was cut at its first dot, "feed": every day's file had one name, and from the second
    day on the stories took the run folder's hash."""
    db, env = str(tmp_path / "s.db"), {"XDG_DATA_HOME": str(tmp_path / "data")}
    corpus = tmp_path / "feed.2026-11-27.jsonl.gz"
    import gzip

    corpus.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    done = CliRunner().invoke(app, ["batch", str(corpus), "--db", db, "--workers", "0", "-q", "--embedder", "none"],
                              env=env)
    assert done.exit_code == 0, done.output
    assert {n.rsplit(":", 1)[0] for n in _names(db)} == {"feed.2026-11-27"}


def test_the_sentence_of_a_report_read_back_is_not_cut_at_a_title_or_an_abbreviation():
    """A report read back (``show``, the JSON) has no sentences of the analyser: the text was cut at every stop
    and space, so the evidence "60" was "in “Louis said 60 firefighters...”" and "two" in "fire agency sent...”"."""
    from storycheck.core import compare
    from storycheck.records import Document
    from storycheck.render.markdown import to_markdown
    from storycheck.report import from_dict, to_dict

    texts = {"a": ("Fire chief Dana Morrow of St. Louis said 60 firefighters fought the blaze on Tuesday. The U.S. fire "
                   "agency sent two investigators to the warehouse."),
             "b": ("Fire chief Dana Morrow of St. Louis said about 80 firefighters fought the blaze on Tuesday. The U.S. "
                   "fire agency sent four investigators to the warehouse.")}
    report = compare([Document(id=k, text=v) for k, v in texts.items()], embedder="none")
    back = from_dict(json.loads(json.dumps(to_dict(report))))
    markdown = to_markdown(back)
    assert "> [a] “60” — in “Fire chief Dana Morrow of St. Louis said 60 firefighters fought the blaze" in markdown
    assert "— in “The U.S. fire agency sent two investigators to the warehouse.”" in markdown


def test_an_italian_headline_in_capitals_with_its_verb_is_refused_and_english_capitals_pass():
    """`_in_capitals` let every two-letter foreign word count only beside another function word: "HA" (has) and
    "È" (is), which English capitals never write, too, so an Italian headline of particles and "HA" passed."""
    import pytest

    from storycheck.errors import NotEnglish
    from storycheck.ingest import _check_english

    with pytest.raises(NotEnglish):
        _check_english("IL GOVERNO DI ROMA HA APPROVATO LA LEGGE DI BILANCIO", "it.txt")
    _check_english("SAN JOSE, LOS ANGELES, LAS VEGAS, EL PASO AND LA PAZ: STORMS HIT", "en.txt")
    _check_english("LA DA DROPS CASE AGAINST DE LA CRUZ", "en.txt")


def test_a_name_claimed_by_another_run_folders_manifest_is_not_taken(tmp_path: Path):
    """A run killed before it put a story (or still reading its corpus) holds nothing in the store: its manifest
    says the name is its own, also one written before this review (``store_prefix`` last, after every story)."""
    day1, day2, batches = _two_days(tmp_path)
    (batches / "feed-old").mkdir()
    stories = {f"s{i:06d}": [f"row-{i}-{j}" for j in range(3)] for i in range(1, 400)}  # past the head read
    (batches / "feed-old" / "manifest.json").write_text(
        json.dumps({"fingerprint": "x", "stories": stories, "bad_rows": [], "store_prefix": "feed:"}, indent=1),
        encoding="utf-8")
    db = str(tmp_path / "s.db")
    second = run_batch([day2], batches / "feed-b", workers=0, embedder="none", db=db, store_name="feed")
    assert second.store_prefix == "feed-b:"


def test_e201_of_a_folder_of_many_unreadable_files_names_a_few_then_counts(tmp_path: Path):
    """E201 named every input before its message and the skipped list named each again: a folder of 12 empty
    files and one report put 13 names before "nothing to compare" and 12 after it."""
    folder = tmp_path / "dir"
    folder.mkdir()
    for i in range(12):
        (folder / f"empty{i:02d}.txt").write_text("", encoding="utf-8")
    (folder / "report.txt").write_text("Floodwater closed the Marlow river bridge on Saturday after two days of heavy "
                                       "rain, the county council said.", encoding="utf-8")
    result = CliRunner().invoke(app, ["compare", str(folder)], env={"COLUMNS": "400"})
    assert result.exit_code != 0
    head = result.output.split("nothing to compare")[0]
    assert "empty04.txt" in head and "empty05.txt" not in head and "and 8 more" in head, result.output
    assert "only 1 report is left" in result.output and f"{folder}/report.txt" in result.output
