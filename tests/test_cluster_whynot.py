"""Why an article was not joined (``StoryIndex.why_not``, ``Miss``): an article that opens a story of its own
names the nearest candidate story that refused it, its member, the test that refused it and the figures that
test read (they match a re-computation here); a batch's ``singleton`` row carries it as ``nearest``; keeping it
changes no decision."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
from test_cluster_arrival import INQUESTS, SUMMARY
from test_cluster_arrival import _index as arrival_index
from test_cluster_refine import OTHERS

from storycheck import cluster as cluster_module
from storycheck.batch import run_batch
from storycheck.cluster import ClusterSettings, StoryIndex, _norm, featurize
from storycheck.records import Document
from storycheck.refine import Linkage

BRIDGE = Document(
    "bridge-a",
    "Mayor Ingrid Valtersen opened the Skarvik bridge in Kolbotn on Saturday, ending eleven years of ferry "
    "crossings. The span, built by Nordvei for 40 million crowns, links the island of Skarvik to the mainland.",
)
# the same report, nearly word for word (a near-duplicate: it joins, and makes the story's reports cohesive)
BRIDGE_COPY = Document(
    "bridge-a2",
    "Mayor Ingrid Valtersen opened the Skarvik bridge in Kolbotn on Saturday, ending eleven years of ferry "
    "crossings. The span, built by Nordvei for 40 million crowns, links the island of Skarvik to the mainland now.",
)
# another report of the same opening, in other words
BRIDGE_OTHER = Document(
    "bridge-b",
    "Kolbotn's new Skarvik bridge was opened by Mayor Ingrid Valtersen on Saturday. Islanders who relied on the "
    "ferry for eleven years can now drive to the mainland over the Nordvei-built span.",
)


def _run(docs: list[Document], **settings: object) -> StoryIndex:
    """One batch, no merges (the stories stay as the article met them: the figures can be worked out again)."""
    index = StoryIndex(ClusterSettings(merge=False, **settings))  # type: ignore[arg-type]
    index.add([*OTHERS, *docs])
    return index


def _cosine(index: StoryIndex, story: str, doc: Document) -> float:
    """Embedding cosine of ``doc`` with the centroid (sum of its members' vectors) of ``story``."""
    members = next(s.members for s in index.stories if s.id == story)
    features = {f.id: f for f in featurize([*OTHERS, BRIDGE, BRIDGE_COPY, BRIDGE_OTHER, *INQUESTS, SUMMARY])}
    centroid = np.sum([features[m].vector for m in members], axis=0)
    return float(centroid @ featurize([doc])[0].vector / np.linalg.norm(centroid))


def _term_cosine(index: StoryIndex, story: str, doc: Document) -> float:
    idx = next(i for i, s in enumerate(index.stories) if s.id == story)
    vec = index._top_terms(featurize([doc])[0].terms)
    return index._similarity(vec, _norm(vec), idx)[0]


def _plain_mean(index: StoryIndex, doc: str, members: list[str]) -> float:
    """The mean pair score with those members' reports, without the misfit test."""
    link = Linkage(index.settings.detail_penalty)
    link.reports = index._linkage.reports
    return link.mean_to(index._linkage.reports[doc], members, index.settings.link_members)


def test_a_joined_article_has_no_miss_and_the_first_of_a_story_without_candidates_says_so():
    index = _run([BRIDGE, BRIDGE_OTHER])
    assert index.story("bridge-b") is index.story("bridge-a")
    assert index.why_not("bridge-b") is None
    miss = index.why_not("other-0")  # the first article: nothing to compare with
    assert miss.reason == "no_candidate" and miss.story is None and miss.member is None
    assert "no candidate shared enough rare terms" in miss.says


def test_refused_by_the_embedding_test():
    index = _run([BRIDGE, BRIDGE_OTHER], join_cosine=0.99)
    miss = index.why_not("bridge-b")
    story = index.story("bridge-a").id
    assert index.story("bridge-b").members == ["bridge-b"]
    assert (miss.reason, miss.story, miss.member) == ("embedding", story, "bridge-a")
    assert miss.figures["cosine"] == round(_cosine(index, story, BRIDGE_OTHER), 3) < 0.99
    assert miss.figures["join_cosine"] == 0.99
    assert miss.figures["key_share"] == round(_term_cosine(index, story, BRIDGE_OTHER), 3)
    assert "join_cosine" in miss.says and "nordvei" in miss.shared


def test_refused_by_the_term_cosine_floor():
    index = _run([BRIDGE, BRIDGE_OTHER], join_similarity=0.95, rescue_score=None)
    miss = index.why_not("bridge-b")
    assert (miss.reason, miss.story) == ("term_cosine", index.story("bridge-a").id)
    assert miss.figures["key_share"] == round(_term_cosine(index, miss.story, BRIDGE_OTHER), 3) < 0.95
    assert miss.figures["join_similarity"] == 0.95


def test_refused_by_the_join_score():
    index = _run([BRIDGE, BRIDGE_OTHER], join_score=3.0, rescue_score=None)
    miss = index.why_not("bridge-b")
    assert miss.reason == "join_score" and miss.story == index.story("bridge-a").id
    assert miss.figures["evidence"] < 3.0 and miss.figures["join_score"] == 3.0
    # the evidence worked out again: the term cosine moved by the names, the lead slots and the years
    idx, f = index.story_of["bridge-a"], featurize([BRIDGE_OTHER])[0]
    sim, cosine = _term_cosine(index, miss.story, BRIDGE_OTHER), _cosine(index, miss.story, BRIDGE_OTHER)
    evidence = index._evidence(sim, cosine, index._name_share(f.names, idx), index._years_conflict(f.years, idx))
    assert miss.figures["evidence"] == round(evidence + index._slot_evidence(f.lead, idx), 3)


def test_refused_by_the_linkage_veto():
    index = _run([BRIDGE, BRIDGE_OTHER], link_score=5.0, rescue_score=None, misfit_score=None, relink_margin=None)
    miss = index.why_not("bridge-b")
    assert miss.reason == "linkage" and miss.member == "bridge-a"
    assert miss.figures["mean"] == round(_plain_mean(index, "bridge-b", ["bridge-a"]), 3) < 5.0
    assert miss.figures["link_score"] == 5.0
    assert miss.figures["evidence"] >= 0.2  # the pooled evidence had let it join


def test_refused_by_the_misfit_test():
    """A story of two near-identical reports links to itself far better than another wording links to it."""
    index = _run([BRIDGE, BRIDGE_COPY, BRIDGE_OTHER], misfit_score=5.0, misfit_gap=0.0, rescue_score=None)
    assert index.story("bridge-a2") is index.story("bridge-a")
    miss = index.why_not("bridge-b")
    assert miss.reason == "misfit" and miss.member in ("bridge-a", "bridge-a2")
    mean = _plain_mean(index, "bridge-b", ["bridge-a", "bridge-a2"])
    cohesion = index._linkage.cohesion(["bridge-a", "bridge-a2"], 10)
    assert miss.figures["mean"] == round(mean, 3) and miss.figures["cohesion"] == round(cohesion, 3)
    assert mean < cohesion and miss.figures["misfit_score"] == 5.0


def test_refused_by_the_arrival_margin_of_a_lower_cased_text():
    index = arrival_index(ClusterSettings(merge=False))
    miss = index.why_not("sum-quell")
    assert miss.reason == "arrival"
    small = {index.story(d.id).id for d in INQUESTS}
    assert {miss.story, miss.rival} == small
    member = next(d.id for d in INQUESTS if index.story(d.id).id == miss.story)
    rival = next(d.id for d in INQUESTS if index.story(d.id).id == miss.rival)
    mine, second = (_plain_mean(index, "sum-quell", [m]) for m in (member, rival))
    assert (miss.figures["mean"], miss.figures["second"]) == (round(mine, 3), round(second, 3))
    assert miss.figures["lead"] == round(mine - second, 3) < miss.figures["arrival_margin"] == 0.15


def test_outside_the_publication_time_window():
    early = Document(BRIDGE.id, BRIDGE.text, published="2024-05-04T10:00:00Z")
    late = Document(BRIDGE_COPY.id, BRIDGE_COPY.text, published="2024-05-14T10:00:00Z")  # 240 hours later
    index = StoryIndex()
    index.add([late])  # the later report first (a stream out of order: its story is not retired)
    index.add([early])
    miss = index.why_not("bridge-a")
    assert index.story("bridge-a").members == ["bridge-a"]
    assert (miss.reason, miss.story, miss.member) == ("window", index.story("bridge-a2").id, "bridge-a2")
    assert miss.figures["hours_apart"] == 240.0 and miss.figures["window_hours"] == 96.0
    assert miss.figures["jaccard"] >= 0.5  # a near-duplicate, were it in the window


def test_the_nearest_story_is_named_as_it_ends_and_survives_save_and_load(tmp_path: Path):
    index = _run([BRIDGE, BRIDGE_OTHER], join_cosine=0.99)
    before = index.why_not("bridge-b")
    index._merge(index.story_of["bridge-b"], index.story_of["bridge-a"], 0.9, 0.9, [])  # (its story merged away)
    index.save(tmp_path / "index.pkl")
    loaded = StoryIndex.load(tmp_path / "index.pkl")
    after = loaded.why_not("bridge-b")
    assert after.story == loaded.story("bridge-a").id == loaded.story("bridge-b").id
    assert (after.reason, after.member, after.figures) == (before.reason, before.member, before.figures)


def test_keeping_the_misses_changes_no_decision(monkeypatch):
    docs = [*OTHERS, BRIDGE, BRIDGE_COPY, BRIDGE_OTHER, *INQUESTS, SUMMARY]
    kept = StoryIndex()
    kept.add(docs)
    kept.settle()
    monkeypatch.setattr(cluster_module.StoryIndex, "_miss", lambda self, *a: cluster_module._NO_CANDIDATE)
    monkeypatch.setattr(cluster_module.StoryIndex, "_arrival_miss", lambda self, *a: cluster_module._NO_CANDIDATE)
    plain = StoryIndex()
    plain.add(docs)
    plain.settle()
    assert kept.groups() == plain.groups()
    assert [s.links for s in kept.stories] == [s.links for s in plain.stories]
    assert any(kept.why_not(d.id).reason != "no_candidate" for d in docs if kept.why_not(d.id))


def test_a_singleton_row_of_a_batch_names_its_nearest_story(tmp_path: Path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": d.id, "text": d.text} for d in (*OTHERS, BRIDGE, BRIDGE_OTHER)]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    run_batch([corpus], out, workers=0, settings=ClusterSettings(join_cosine=0.99, merge=False))
    articles = {r["id"]: r for r in map(json.loads, (out / "articles.jsonl").read_text().splitlines())}
    row = articles["bridge-b"]
    assert row["fate"] == "singleton"
    assert row["nearest"]["story"] == articles["bridge-a"]["story"] and row["nearest"]["member"] == "bridge-a"
    assert row["nearest"]["reason"] == "embedding" and row["nearest"]["figures"]["join_cosine"] == 0.99
    assert articles["other-0"]["nearest"]["reason"] == "no_candidate"
