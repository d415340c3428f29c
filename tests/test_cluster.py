"""Story clustering: the sample corpus's stories found, two events of one kind kept apart, incremental
additions join existing stories, every join explained, the same input giving the same stories."""

from __future__ import annotations

from pathlib import Path

from storycheck.cluster import ClusterSettings, StoryIndex, cluster
from storycheck.corpus import read_corpus
from storycheck.records import Document

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus"
EXPECTED = [
    {"coastal-herald", "daily-ledger", "northwire"},
    {"valley-courier-flood", "regional-times-flood", "northwire-flood"},
    {"tech-daily-merger", "market-wire-merger"},
    {"gardening-column"},
]


def sample() -> list[Document]:
    return list(read_corpus(SAMPLE))


def test_sample_corpus_stories():
    index = cluster(sample())
    assert sorted(map(set, index.groups()), key=sorted) == sorted(EXPECTED, key=sorted)


def test_incremental_add_joins_existing_stories_and_is_deterministic():
    docs = sample()
    whole = cluster(docs)
    index = StoryIndex()
    first = index.add(docs[:5])
    before = {d.id: index.story_of[d.id] for d in docs[:5]}
    index.add(docs[5:])
    assert {d.id: index.story_of[d.id] for d in docs[:5]} == before  # nothing already placed moved
    assert first == [index.story(d.id).id for d in docs[:5]]
    assert sorted(map(sorted, index.groups())) == sorted(map(sorted, whole.groups()))
    again = cluster(docs)
    assert [s.members for s in again.live()] == [s.members for s in whole.live()]


def test_why_two_articles_were_put_together():
    index = cluster(sample())
    links = index.why("valley-courier-flood", "regional-times-flood")
    assert links and all(link.reason in {"near_duplicate", "same_event", "linkage", "bridge"} for link in links)
    link = links[0]
    assert {"ostra", "brennick"} & set(link.shared) and link.cosine > 0.5
    assert index.why("valley-courier-flood", "tech-daily-merger") is None


def test_near_duplicate_and_time_window():
    base = sample()[0]
    copy = Document("copy", base.text.replace("Monday", "Monday morning"), published="2024-05-13")
    late = Document("late", base.text, published="2025-01-01")
    first = Document(base.id, base.text, published="2024-05-13")
    index = cluster([first, copy, late], ClusterSettings(window_hours=48))
    assert index.story_of["copy"] == index.story_of[base.id]
    assert index.story("copy").links[0].reason == "near_duplicate"
    assert index.story_of["late"] != index.story_of[base.id]  # same text, outside the window


def test_vectorised_minhash_is_datasketch_minhash():
    from storycheck.cluster import _Hasher, _shingle_hashes

    hasher = _Hasher(64, 7)
    words = "the flood reached the old bridge in ostra on monday night".split()
    shingles = _shingle_hashes(words, 3)
    from datasketch import MinHash

    reference = MinHash(num_perm=64, seed=7, hashfunc=int)  # the shingle hashes through datasketch's update
    reference.update_batch(shingles.tolist())
    assert (hasher.hashvalues([shingles, shingles[:0]])[0] == reference.hashvalues).all()
    assert (hasher.hashvalues([shingles[:0]])[0] == hasher.empty).all()


def test_lower_case_summary_joins_its_article_by_rare_terms():
    docs = sample()
    article = next(d for d in docs if d.id == "valley-courier-flood")
    summary = Document("summary", " ".join(article.text.lower().split()[:40]))
    index = cluster([*docs, summary])
    assert index.story_of["summary"] == index.story_of[article.id]


def test_two_earthquakes_in_one_country_stay_apart_two_reports_of_one_join():
    """Shared names (the country, the agency) do not make one story of two events that differ in their
    details: another year, another magnitude and place, other officials quoted."""
    first = Document(
        "quake-2005-a",
        "A magnitude 6.4 earthquake struck near Zarand in Iran's Kerman province on Tuesday, killing at least "
        "500 people in February 2005, the Iranian Seismological Center said. Governor Mohammad Ali Karimi said "
        "rescue teams from the Red Crescent were digging through collapsed mud-brick homes in Dahuiyeh.",
    )
    second = Document(
        "quake-2005-b",
        "Rescuers searched collapsed homes in Dahuiyeh near Zarand after the magnitude 6.4 earthquake in Kerman "
        "province of Iran killed about 500 people in February 2005. Governor Mohammad Ali Karimi told the Red "
        "Crescent and the Iranian Seismological Center that aid was reaching the earthquake zone.",
    )
    other = Document(
        "quake-2008",
        "A magnitude 5.9 earthquake struck Qeshm island in Iran's Hormozgan province on Sunday, damaging homes "
        "in September 2008, the Iranian Seismological Center said. Officials Mehdi Dargahan and Ali Irannejad "
        "said the Red Crescent sent tents to the earthquake zone near Bandar Abbas.",
    )
    index = cluster([first, other, second])
    assert index.story_of["quake-2005-a"] == index.story_of["quake-2005-b"]
    assert index.story_of["quake-2008"] != index.story_of["quake-2005-a"]
    # without the rules on names and details, the shared country, agency and wording join them
    loose = cluster([first, other, second], ClusterSettings(year_penalty=0.0, name_penalty=0.0, lead_weight=0.0, slot_penalty=0.0, detail_penalty=0.0))
    assert loose.story_of["quake-2008"] == loose.story_of["quake-2005-a"]


def test_clustering_is_the_same_whatever_the_hash_seed(tmp_path):
    """Stories and the links that explain them do not depend on Python's string-hash seed."""
    import os
    import subprocess
    import sys

    corpus = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    script = (
        "import json, sys\n"
        "from storycheck.cluster import cluster\n"
        "from storycheck.corpus import read_corpus\n"
        "from storycheck.nlp import embedder\n"
        f"docs = list(read_corpus([{str(corpus)!r}]))\n"
        "index = cluster(docs, embedder=embedder('static'))\n"
        "out = [(s.id, sorted(s.members), [(k.doc, k.to, k.reason, k.shared) for k in s.links]) for s in index.live()]\n"
        "print(json.dumps(out))\n"
    )
    runs = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        runs.append(proc.stdout)
    assert runs[0] == runs[1] == runs[2]


def test_featurizing_in_worker_processes_gives_the_same_stories():
    """``cluster(workers=2)`` featurizes in a process pool while this process assigns: same stories, same
    links, in the same order (batches of 2 articles, so several are in flight at once)."""
    docs = sample()
    alone = StoryIndex()
    expected = alone.add(docs, batch=2)
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    pooled = StoryIndex()
    with ProcessPoolExecutor(max_workers=2, mp_context=multiprocessing.get_context("spawn")) as pool:
        ids = pooled.add(docs, batch=2, executor=pool)
    assert ids == expected
    assert [(s.id, s.members, s.links) for s in pooled.live()] == [(s.id, s.members, s.links) for s in alone.live()]
    assert sorted(map(sorted, cluster(docs, workers=2).groups())) == sorted(map(sorted, cluster(docs).groups()))


def test_stories_out_of_the_window_are_retired():
    """A batch whose articles are all later than a story's window retires it: its articles leave the LSH
    index and its terms no longer lead to it, so a copy published a week later opens a story of its own;
    within the window the copy joins."""
    base = sample()[0]
    first = Document(base.id, base.text, published="2024-05-13T08:00:00Z")
    settings = ClusterSettings(window_hours=48)
    index = StoryIndex(settings)
    index.add([first])
    index.add([Document("near", base.text, published="2024-05-14T08:00:00Z")])
    assert index.story_of["near"] == index.story_of[base.id]
    index.add([Document("week-later", base.text, published="2024-05-21T08:00:00Z")])
    assert index.story_of["week-later"] != index.story_of[base.id]
    assert base.id not in index.lsh.keys and "near" not in index.lsh.keys and "week-later" in index.lsh.keys
    assert index.story_of[base.id] in index._dead


def test_an_article_sent_again_is_not_clustered_again():
    """A feed read twice: the articles already in the index (or earlier in the same call) keep their one
    place and report; each entry of the answer is the story the article is in."""
    docs = sample()
    index = StoryIndex()
    index.add(docs[:5])
    before = sorted(map(sorted, index.groups()))
    out = index.add([*docs[:2], docs[5], docs[5], docs[1]])
    assert len(out) == 5
    assert out[0] == index.story(docs[0].id).id and out[1] == out[4] == index.story(docs[1].id).id
    assert out[2] == out[3] == index.story(docs[5].id).id
    groups = index.groups()
    assert sum(len(g) for g in groups) == 6 == len({m for g in groups for m in g})  # each article in one story
    assert all(set(g) <= set(h) or not set(g) & set(h) for g in before for h in groups)
    # every entry is the story its article is in when the call ends (a later batch's merge included)
    fresh = StoryIndex()
    entries = fresh.add([*docs, *docs[:3]], batch=2)
    assert entries == [fresh.story(d.id).id for d in [*docs, *docs[:3]]]


def test_clustering_uses_the_static_embedder_whatever_the_engine_is_told(monkeypatch):
    """STORYCHECK_EMBEDDER chooses the engine's alignment embedder; ``none`` there once crashed clustering
    (a None embedder in featurize)."""
    whole = cluster(sample())
    monkeypatch.setenv("STORYCHECK_EMBEDDER", "none")
    from storycheck.nlp import embedder

    embedder.cache_clear()
    try:
        assert [s.members for s in cluster(sample()).live()] == [s.members for s in whole.live()]
    finally:
        embedder.cache_clear()


def test_the_mean_to_a_story_is_worked_out_once_per_article_and_always_fresh(monkeypatch):
    """The memo of ``StoryIndex._mean_to`` (asked by the linkage test, the rescue and the relink): over a
    stream with merges and regroups, every answer equals a fresh ``Linkage.mean_to``, and no story is
    scored twice for one article."""
    asked: list[tuple[int, int]] = []
    index = StoryIndex()
    real = index._linkage.mean_to

    def counted(report, members, cap):  # noqa: ANN001, ANN202
        asked.append((id(report), id(members)))
        return real(report, members, cap)

    index._linkage.mean_to = counted
    original = StoryIndex._mean_to

    def checked(self, idx):  # noqa: ANN001, ANN202
        got = original(self, idx)
        assert got == real(self._report, self.stories[idx].members, self.settings.link_members)
        return got

    monkeypatch.setattr(StoryIndex, "_mean_to", checked)
    index.add(sample(), batch=4)
    assert asked and len(asked) == len(set(asked))


def test_a_lone_surrogate_in_a_document_given_directly_does_not_sink_the_clustering():
    """``cluster`` over documents not read through ``ingest``: a lone surrogate made the embedder's tokenizer
    raise a TypeError for the whole call; the article now takes its place in its story."""
    docs = [
        Document("a", "Police in Leeds said a man was held on Monday after a raid on a house \ud800 in Headingley."),
        Document("b", "Police in Leeds said a man was held on Monday after a raid on a house in Headingley."),
    ]
    index = cluster(docs)
    assert index.story_of["a"] == index.story_of["b"]
