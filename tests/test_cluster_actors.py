"""Two stories of one kind of event, each about its own actor, are not merged (storycheck.actors)."""

from __future__ import annotations

import base64
import pickle

from storycheck.actors import apart, first_sentence, lead_subjects
from storycheck.cluster import ClusterSettings, StoryIndex, _complete
from storycheck.records import Document

# two arrests of two players of one team for drunk driving (ECB+ topic 35's kind of pair): the same team, city,
# highway patrol, interstate and stadium; each report's lead is about its own player, whom the other story never
# names. Within each story the reports are near-duplicates (one wire copy with another closing line), so each
# story holds 3 reports before the merge pass compares them.
JACKSON = (
    "Vincent Jackson of the San Diego Chargers was arrested early Sunday on suspicion of drunken driving. "
    "The receiver was stopped by the California Highway Patrol on Interstate 8 near the Qualcomm Stadium after "
    "midnight. Jackson, 25, was booked into the San Diego County jail and released on bail hours later, officers said. "
)
WILLIAMS = (
    "Jamal Williams of the San Diego Chargers was arrested for drunk driving on an off day. "
    "The defensive tackle was stopped by the California Highway Patrol on Interstate 8 near the Qualcomm Stadium "
    "after midnight. Williams, 32, spent the night in a county cell before his release; his agent called it a mistake. "
)
CLOSING = ["The team said it was aware of the matter.", "Coach Norv Turner declined to comment.", "The NFL is reviewing it."]

# ClusterSettings(regroup_lag=512, attach_nearest=3) pickled by 532cfc6, the version before ``subject_share``
_OLD_SETTINGS = (
    "gASVeAEAAAAAAACMEnN0b3J5Y2hlY2suY2x1c3RlcpSMD0NsdXN0ZXJTZXR0aW5nc5STlCmBlF2UKEtASwNHP+AAAAAAAABHQFgAAAAAAABNWAJN"
    "LAFLQEsYRz+EeuFHrhR7SxRLQE0AAUsIRz/JmZmZmZmaRwAAAAAAAAAARz/TMzMzMzMzRwAAAAAAAAAARz/JmZmZmZmaRz/ZmZmZmZmaRwAAAAAA"
    "AAAARz/TMzMzMzMzRz/JmZmZmZmaRz+5mZmZmZmaRwAAAAAAAAAAiEc/wzMzMzMzM0cAAAAAAAAAAEc/4AAAAAAAAEsHRz/ZmZmZmZmaRz/ZmZmZ"
    "mZmaSwpHP9zMzMzMzM1HP6mZmZmZmZpNLAFHP/AAAAAAAABHP9MzMzMzMzNHP7mZmZmZmZpLBEsGRz+5mZmZmZmaRz/hmZmZmZmaRz/JmZmZmZma"
    "Rz+5mZmZmZmaSwNHP8mZmZmZmZpHP7mZmZmZmZpNAAhNAAJHP8MzMzMzMzNLA0sDZWIu"
)


def _arrests(settings: ClusterSettings) -> StoryIndex:
    """Jackson's reports in one batch, Williams's in the next: no join on arrival (``join_score`` out of reach,
    no rescue) but the near-duplicates', so only the merge pass can put the two stories together."""
    index = StoryIndex(settings)
    index.add([Document(id=f"j{i}", text=JACKSON + c) for i, c in enumerate(CLOSING)])
    index.add([Document(id=f"w{i}", text=WILLIAMS + c) for i, c in enumerate(CLOSING)])
    index.settle()
    return index


def test_two_stories_each_about_its_own_actor_are_not_merged():
    index = _arrests(ClusterSettings(join_score=10.0, rescue_score=None, subject_share=0.34))
    assert sorted(index.groups()) == [["j0", "j1", "j2"], ["w0", "w1", "w2"]]
    assert index.why_apart("j1", "w2") == "refused: subjects jackson / williams"  # (the first article's first)
    assert index.why_apart("w2", "j1") == "refused: subjects williams / jackson"
    assert index.why_apart("j1", "j2") is None  # (one story: nothing refused)
    # the subjects are what parts them: without the test (the default: see ``ClusterSettings.subject_share``),
    # every other one merges the two stories
    merged = _arrests(ClusterSettings(join_score=10.0, rescue_score=None))
    assert merged.groups() == [["j0", "j1", "j2", "w0", "w1", "w2"]]
    assert merged.why_apart("j0", "w0") is None


def test_lead_subjects_are_named_actors_of_the_first_sentence():
    """The subject of the first sentence's main verb, when the entity recogniser types it as a person, an
    organisation, a nationality or a place; a common noun is none."""
    leads = [first_sentence(JACKSON), first_sentence("Microsoft released an emergency patch for Internet Explorer.\nThe fix came..."),
             first_sentence("Police arrested a man on Sunday. Jackson was not involved.")]
    assert leads[1] == "Microsoft released an emergency patch for Internet Explorer."
    assert lead_subjects(leads) == [frozenset({"jackson"}), frozenset({"microsoft"}), frozenset()]


def test_apart_needs_one_sides_subjects_hardly_mentioned_by_the_other():
    jackson, williams = frozenset({"jackson"}), frozenset({"williams"})

    def says(*words: str):  # noqa: ANN202
        return lambda w: w in words

    # each story's principal subject is named by none of the other's reports
    assert apart([jackson] * 3, [williams] * 3, [says("jackson")] * 3, [says("williams")] * 3, 0.34) == (
        ["jackson"], ["williams"]
    )
    # the other story's reports name both (one event, told around two people): not apart
    both = [says("jackson", "williams")] * 3
    assert apart([jackson] * 3, [williams] * 3, both, both, 0.34) is None
    # a side whose leads give no named subject: nothing to compare
    assert apart([frozenset()] * 3, [williams] * 3, [says()] * 3, [says("williams")] * 3, 0.34) is None


def test_settings_pickled_before_subject_share_load_into_their_own_fields():
    """``subject_share`` goes last: settings pickled by the version before load with each value in its own field
    and the new one at its default (off)."""
    loaded = _complete(pickle.loads(base64.b64decode(_OLD_SETTINGS)))
    assert loaded == ClusterSettings(regroup_lag=512, attach_nearest=3)
    assert loaded.subject_share is None
    assert loaded.attach_nearest == 3


# -- review (session 24, wt-revcq15) ---------------------------------------------------------------------------------


def test_a_lead_without_a_stop_is_cut_before_the_parse():
    """A title has no length limit and the first sentence of one with no stop was all of it: kept in every report
    and parsed whole (a title over 1,000,000 characters: spaCy's E088 in the middle of a merge pass)."""
    from storycheck import actors

    OPENING_CHARS = getattr(actors, "OPENING_CHARS", 600)  # noqa: N806 (600 before it was named: the test fails there)
    title = "Vincent Jackson of the San Diego Chargers " + "and then more words " * 1000
    assert len(first_sentence(title + "\nThe text.")) <= OPENING_CHARS
    assert first_sentence(title).startswith("Vincent Jackson of the San Diego Chargers and")
    assert not first_sentence(title).endswith(" ")
    assert first_sentence(JACKSON) == JACKSON.split(". ")[0] + "."  # (a lead of one sentence as before)
    index = StoryIndex(ClusterSettings(join_score=10.0, rescue_score=None, subject_share=0.34))
    index.add([Document(id=f"j{i}", text=JACKSON + c, title=title) for i, c in enumerate(CLOSING)])
    index.add([Document(id=f"w{i}", text=WILLIAMS + c, title="x" * 5000) for i, c in enumerate(CLOSING)])
    index.settle()
    assert 0 < max(len(r.opening) for r in index._linkage.reports.values()) <= OPENING_CHARS


def test_a_missing_model_is_said_when_the_index_is_made(monkeypatch):
    """With ``subject_share`` on, a model package that is not installed is ``ModelError`` (E300) as the index is
    made or loaded, not at the first merge two stories reach in the middle of a batch."""
    import pytest

    import storycheck.nlp
    from storycheck import actors
    from storycheck.errors import ModelError

    getattr(actors, "_load", actors._pipeline).cache_clear()
    monkeypatch.setattr(storycheck.nlp, "TAGGER_PACKAGE", "storycheck_no_such_model_package")
    StoryIndex(ClusterSettings())  # (off: nothing is looked up)
    with pytest.raises(ModelError) as raised:
        StoryIndex(ClusterSettings(subject_share=0.34))
    assert raised.value.code == "E300"
    assert "storycheck_no_such_model_package" in str(raised.value)


def test_the_model_is_loaded_once_by_threads_asking_at_once(monkeypatch):
    """``functools.lru_cache`` holds no lock while it calls: four threads asking for the pipeline at once each
    loaded the model (seconds and hundreds of MB each)."""
    import threading
    import time

    import spacy

    from storycheck import actors

    loads = []

    def slow_load(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        loads.append(args)
        time.sleep(0.2)
        return object()

    clear = getattr(actors, "_load", actors._pipeline).cache_clear
    clear()
    monkeypatch.setattr(spacy, "load", slow_load)
    try:
        threads = [threading.Thread(target=actors._pipeline) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        clear()  # (the fake pipeline is not kept for the tests after this one)
    assert len(loads) == 1


def test_worker_processes_give_the_same_refusals():
    """With ``subject_share`` on, the leads' first sentences are cut in the featurizing workers and parsed in the
    assigning process only: two worker processes give the stories and the refusal of none."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    settings = ClusterSettings(join_score=10.0, rescue_score=None, subject_share=0.34)
    alone = _arrests(settings)
    pooled = StoryIndex(settings)
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        pooled.add([Document(id=f"j{i}", text=JACKSON + c) for i, c in enumerate(CLOSING)], executor=pool)
        pooled.add([Document(id=f"w{i}", text=WILLIAMS + c) for i, c in enumerate(CLOSING)], executor=pool)
    pooled.settle()
    assert sorted(pooled.groups()) == sorted(alone.groups()) == [["j0", "j1", "j2"], ["w0", "w1", "w2"]]
    assert pooled.why_apart("j0", "w0") == alone.why_apart("j0", "w0") is not None
    assert {m: r.opening for m, r in pooled._linkage.reports.items()} == {
        m: r.opening for m, r in alone._linkage.reports.items()
    }


def test_off_nothing_is_kept_or_parsed(monkeypatch):
    """Off (the default), no lead is kept in the reports and the model is never asked for."""
    from storycheck import actors

    def no(*args):  # noqa: ANN002, ANN202
        raise AssertionError("the model was asked for with subject_share off")

    monkeypatch.setattr(actors, "_pipeline", no)
    index = _arrests(ClusterSettings(join_score=10.0, rescue_score=None))
    assert index.groups() == [["j0", "j1", "j2", "w0", "w1", "w2"]]
    assert {r.opening for r in index._linkage.reports.values()} == {""}


def test_the_batch_command_takes_the_subject_refusal(tmp_path, monkeypatch):
    """``storycheck batch --subject-share`` reaches ``run_batch`` as ``ClusterSettings(subject_share=...)`` (every
    other setting its default); without it the batch's settings are the defaults (None); a missing model is E300."""
    import json

    from typer.testing import CliRunner

    from storycheck import batch
    from storycheck.cli.main import app
    from storycheck.errors import ModelError

    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": JACKSON}) + "\n", encoding="utf-8")
    seen = []

    def run(*args, settings=None, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(settings)
        raise ModelError(detail="spaCy model package (stand-in)")

    monkeypatch.setattr(batch, "run_batch", run)
    base = ["batch", str(feed), "--out", str(tmp_path / "o"), "--workers", "0", "-q"]
    on = CliRunner().invoke(app, [*base, "--subject-share", "0.34"])
    assert on.exit_code == 1 and "[E300]" in on.output
    off = CliRunner().invoke(app, base)
    assert off.exit_code == 1
    assert seen == [ClusterSettings(subject_share=0.34), None]
    assert CliRunner().invoke(app, [*base, "--subject-share", "0"]).exit_code == 2  # (0 would refuse everything)
