"""The member-level checks of a join (storycheck.refine): the pair score tells two reports of one event
from two same-kind events, the average-linkage veto is applied to joins, and a report the pooled rules
refuse (its many extra names) is rescued into the one story it clearly links to, never into another event
and never over conflicting details."""

from __future__ import annotations

import math
from dataclasses import replace

from storycheck.cluster import ClusterSettings, StoryIndex, cluster, featurize
from storycheck.records import Document
from storycheck.refine import Linkage, Report, pair_score, pick

BRIDGE = [
    Document(
        "bridge-a1",
        "Mayor Ingrid Valtersen opened the new Skarvik bridge in Kolbotn on Saturday, ending eleven years of "
        "ferry crossings. Engineers from Nordvei said the span cost the county far more than planned, and "
        "residents lined the approach road to watch the ribbon being cut.",
    ),
    Document(
        "bridge-a2",
        "Residents of Kolbotn watched Mayor Ingrid Valtersen cut the ribbon on the Skarvik bridge on Saturday. "
        "The crossing, built by Nordvei, replaces a ferry service that ran for eleven years; the county paid "
        "more than planned for the span.",
    ),
    Document(
        "bridge-a3",
        "The Skarvik bridge is open. Ingrid Valtersen, mayor of Kolbotn, cut the ribbon on Saturday as Nordvei "
        "engineers and hundreds of residents looked on; the ferry that crossed the fjord for eleven years will "
        "stop next month.",
    ),
]
OTHERS = [
    Document(f"other-{i}", text)
    for i, text in enumerate(
        [
            "The central bank raised interest rates by a quarter point on Thursday, citing stubborn inflation.",
            "A storm cut power to thousands of homes along the coast overnight; crews expect to restore it Monday.",
            "The football club sacked its manager after a run of seven defeats, the chairman said in a statement.",
            "Shares in the carmaker fell after it warned that chip shortages would hit production all year.",
        ]
    )
]
# the same opening, with a crowd of names the story never mentions: the pooled name share is low
CROWDED = Document(
    "bridge-crowded",
    "Mayor Ingrid Valtersen opened the Skarvik bridge in Kolbotn on Saturday, ending eleven years of ferry "
    "crossings. Among the guests were Harald Sundqvist, Marte Olsrud, Petter Brennhaug, Sigrid Lunde, Tormod "
    "Aasheim and Kari Fjellstad of the Vestland road board, and Bishop Anders Myrvold blessed the span built "
    "by Nordvei.",
)
# the same kind of event, the same mayor and guests, another place, day, builder and year
TUNNEL = Document(
    "tunnel",
    "Mayor Ingrid Valtersen opened the Lysefjord tunnel in Holmsbu on Tuesday, ending a decade of detours. "
    "Among the guests were Harald Sundqvist, Marte Olsrud, Petter Brennhaug, Sigrid Lunde, Tormod Aasheim and "
    "Kari Fjellstad, and the tunnel was dug by Bergfast in 2019.",
)


def reports(docs: list[Document]) -> dict[str, Report]:
    index = StoryIndex()
    features = featurize(docs)
    for f in features:
        index.df.update(f.terms.keys())
    index.n_docs = len(features)
    index.add_features([])  # refreshes the IDF of the counts above without assigning anything
    idf = index._idf_cache.__getitem__
    return {f.id: Report.of(index._top_terms(f.terms), f.names, f.lead, idf) for f in features}


def test_pair_score_prefers_reports_of_one_event():
    r = reports([*BRIDGE, *OTHERS, TUNNEL, CROWDED])
    same = [pair_score(r["bridge-a1"], r["bridge-a2"]), pair_score(r["bridge-a2"], r["bridge-a3"])]
    other = [pair_score(r["bridge-a1"], r["tunnel"]), pair_score(r["bridge-a2"], r["tunnel"])]
    assert min(same) > max(other)
    assert pair_score(r["bridge-a1"], r["bridge-a2"]) == pair_score(r["bridge-a2"], r["bridge-a1"])  # symmetric
    linkage = Linkage()
    for d in BRIDGE:
        linkage.remember(d.id, r[d.id], [d.id], 16)
    members = [d.id for d in BRIDGE]
    assert linkage.mean_to(r["bridge-crowded"], members, 16) > linkage.mean_to(r["tunnel"], members, 16)


def test_linkage_remembers_only_the_latest_members():
    r = reports([*BRIDGE, *OTHERS])
    linkage = Linkage()
    members: list[str] = []
    for d in BRIDGE:
        members.append(d.id)
        linkage.remember(d.id, r[d.id], members, 2)
    assert set(linkage.reports) == {"bridge-a2", "bridge-a3"}  # memory follows the stories, not the history


def test_pick_needs_a_floor_and_a_clear_lead():
    assert pick([(0.6, 3), (0.3, 1)], floor=0.45, margin=0.1) == 3
    assert pick([(0.6, 3), (0.55, 1)], floor=0.45, margin=0.1) is None  # two stories about as likely: neither
    assert pick([(0.4, 3)], floor=0.45, margin=0.1) is None
    assert pick([(0.6, 5), (0.6, 2)], floor=0.45, margin=0.0) == 2  # ties by story index: deterministic
    assert pick([], floor=0.0, margin=0.0) is None


def test_average_linkage_vetoes_a_join():
    docs = [*OTHERS, *BRIDGE]
    joined = cluster(docs, ClusterSettings(merge=False))
    assert joined.story_of["bridge-a3"] == joined.story_of["bridge-a1"]
    strict = cluster(docs, ClusterSettings(merge=False, link_score=5.0, rescue_score=None))
    assert strict.story_of["bridge-a3"] != strict.story_of["bridge-a1"]


def test_a_report_with_many_other_names_is_rescued_into_its_story():
    docs = [*OTHERS, *BRIDGE, CROWDED]
    index = cluster(docs, ClusterSettings(merge=False))
    assert index.story_of["bridge-crowded"] == index.story_of["bridge-a1"]
    link = next(k for k in index.story("bridge-crowded").links if k.doc == "bridge-crowded")
    assert link.reason == "linkage" and link.to in {d.id for d in BRIDGE}
    assert "bridge" in link.shared  # what it shares with the story is said
    assert index.why("bridge-crowded", "bridge-a1")
    # without the rescue the pooled rules refuse it (its names are mostly not the story's)
    refused = cluster(docs, ClusterSettings(merge=False, rescue_score=None))
    assert refused.story_of["bridge-crowded"] != refused.story_of["bridge-a1"]


def test_no_rescue_into_another_event_or_over_conflicting_details():
    index = cluster([*OTHERS, *BRIDGE, TUNNEL], ClusterSettings(merge=False))
    assert index.story_of["tunnel"] != index.story_of["bridge-a1"]
    # the crowded report, with a year the story does not give, is not rescued either
    dated = Document("bridge-dated", CROWDED.text.replace("on Saturday", "on Saturday in 2011"))
    story = [Document(d.id, d.text.replace("on Saturday", "on Saturday in 2014")) for d in BRIDGE]
    index = cluster([*OTHERS, *story, dated], ClusterSettings(merge=False))
    assert index.story_of["bridge-dated"] != index.story_of["bridge-a1"]


def test_pair_scores_do_not_depend_on_the_hash_seed():
    """Sums run in a fixed order (not a set's), so a score near a threshold is the same in every process."""
    import os
    import subprocess
    import sys

    script = (
        "import sys\n"
        "sys.path.insert(0, 'tests')\n"
        "from test_cluster_refine import BRIDGE, CROWDED, OTHERS, TUNNEL, reports\n"
        "from storycheck.refine import pair_score\n"
        "r = reports([*BRIDGE, *OTHERS, TUNNEL, CROWDED])\n"
        "print([pair_score(r[a], r[b]).hex() for a in sorted(r) for b in sorted(r)])\n"
    )
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    outs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        run = subprocess.run([sys.executable, "-c", script], cwd=root, env=env, capture_output=True, text=True, check=True)
        outs.add(run.stdout)
    assert len(outs) == 1


class _CountingIndex(StoryIndex):
    """Records the stories whose linkage is tested; can veto one."""

    def __init__(self, settings: ClusterSettings) -> None:
        super().__init__(settings)
        self.tested: list[int] = []
        self.veto: int | None = None

    def _links_to(self, idx: int) -> bool:
        self.tested.append(idx)
        return idx != self.veto and super()._links_to(idx)


def _two_stories_of_one_event() -> tuple[_CountingIndex, int, int, dict]:
    """bridge-a1 and bridge-a2 in two stories (a2 refused by a linkage floor no pair reaches), so that
    bridge-a3 has two same-event candidates that pass the pooled evidence."""
    settings = ClusterSettings(merge=False)
    index = _CountingIndex(settings)
    features = {f.id: f for f in featurize([*OTHERS, *BRIDGE])}
    index.add_features([features[d.id] for d in OTHERS] + [features["bridge-a1"]])
    index.settings = replace(settings, link_score=5.0, rescue_score=None)
    index.add_features([features["bridge-a2"]])
    index.settings = settings
    index.tested = []
    return index, index.story_of["bridge-a1"], index.story_of["bridge-a2"], features


def test_linkage_is_tested_only_where_it_can_change_the_choice():
    """The costly test runs best rank first: once one passes, those ranked below it are not tested; one that
    fails hands the article to the next (the choice of testing every candidate)."""
    index, a, b, features = _two_stories_of_one_event()
    index.add_features([features["bridge-a3"]])
    best = index.story_of["bridge-a3"]
    assert best in (a, b) and index.tested == [best]
    index, a, b, features = _two_stories_of_one_event()
    index.veto = best
    index.add_features([features["bridge-a3"]])
    other = a if best == b else b
    assert index.story_of["bridge-a3"] == other and index.tested == [best, other]


def test_an_index_saved_before_the_linkage_tests_rescues_nothing_blindly(tmp_path):
    """A loaded index from before the linkage tests has no reports for its stories: no evidence either way,
    so its stories are never rescue targets (they all scored inf, and inf - inf passed any margin)."""
    assert pick([(math.inf, 3), (math.inf, 5)], floor=0.45, margin=0.05) is None
    assert pick([(None, 3), (0.6, 5)], floor=0.45, margin=0.05) == 5
    index = cluster([*OTHERS, *BRIDGE], ClusterSettings(merge=False))
    del index._linkage, index._report  # as pickled before the linkage tests existed
    index.save(tmp_path / "old.pkl")
    loaded = StoryIndex.load(tmp_path / "old.pkl")
    loaded.add([TUNNEL, Document("weather", "Heavy rain is expected across the region this weekend, forecasters said.")])
    for doc in ("tunnel", "weather"):
        assert all(link.reason != "linkage" for link in loaded.story(doc).links)
        assert loaded.story_of[doc] not in {loaded.story_of[d.id] for d in [*OTHERS, *BRIDGE]}


def test_the_linkage_keeps_reports_of_each_storys_latest_members_only():
    """Memory follows the stories: after joins and merges only each story's latest ``link_members`` keep
    their report (a merge pushes the older story's latest out of its window)."""
    settings = ClusterSettings(link_members=2)
    index = StoryIndex(settings)
    index.add([*OTHERS, *BRIDGE, CROWDED], batch=2)
    kept = {m for s in index.live() for m in s.members[-2:]}
    assert set(index._linkage.reports) <= kept
    a, b = index.story_of["other-0"], index.story_of["bridge-a1"]
    index._merge(b, a, 0.0, 0.0, [])  # force a merge: bridge's members now end with the other story's
    kept = {m for s in index.live() for m in s.members[-2:]}
    assert set(index._linkage.reports) <= kept


def test_a_lower_cased_summary_links_to_its_own_article_by_the_words_it_shares():
    """A summary that names nobody (lower-cased) is scored by the share of its terms the other report gives,
    not by a neutral name share: its own article scores higher than another article, and the score rests
    on what the two share (the same summary with other words scores lower against the same article)."""
    summary = Document("summary", "mayor ingrid valtersen opened the skarvik bridge in kolbotn, ending the ferry.")
    unrelated = Document("unrelated", "the football club sacked its manager after seven defeats in a row.")
    r = reports([*BRIDGE, *OTHERS, TUNNEL, summary, unrelated])
    assert not r["summary"].names and r["summary"].own  # lower-cased: no names, its own terms kept
    own = pair_score(r["summary"], r["bridge-a1"])
    assert own > pair_score(r["summary"], r["tunnel"]) and own > pair_score(r["summary"], r["other-2"])
    assert own == pair_score(r["bridge-a1"], r["summary"])  # symmetric
    assert pair_score(r["unrelated"], r["bridge-a1"]) < own
    # the neutral share it replaced would give both the same name part: the gap is the terms' cosine only
    neutral = replace(r["summary"], own={}, own_total=0.0)
    assert pair_score(r["summary"], r["bridge-a1"]) - pair_score(neutral, r["bridge-a1"]) > 0.1
    # two lower-cased texts: the mean of both directions
    assert pair_score(r["summary"], r["unrelated"]) < pair_score(r["summary"], r["summary"])


def test_relink_needs_a_clear_lead_over_the_rules_choice():
    from storycheck.refine import relink

    assert relink([(0.5, 1), (0.7, 2), (0.65, 3)], chosen=1, margin=0.1) == 2  # the best of those that lead
    assert relink([(0.5, 1), (0.55, 2)], chosen=1, margin=0.1) is None  # about as likely: the rules' choice stays
    assert relink([(0.5, 1), (0.7, 4), (0.7, 2)], chosen=1, margin=0.1) == 4  # ties: the first listed
    assert relink([(None, 1), (0.9, 2)], chosen=1, margin=0.1) is None  # nothing to compare with
    assert relink([(0.5, 1), (None, 2), (float("nan"), 3)], chosen=1, margin=0.0) is None


def test_an_article_joined_to_another_events_story_is_relinked_to_its_own():
    """The wiring in StoryIndex: given the rules' choice of the tunnel's story for a bridge report, the
    report goes to the bridge's story, which it links to clearly better, and the link says so; a story
    with conflicting years is no candidate (as for a rescue)."""
    index = cluster([*OTHERS, *BRIDGE[:2], TUNNEL], ClusterSettings(merge=False))
    bridge, tunnel = index.story_of["bridge-a1"], index.story_of["tunnel"]
    assert bridge != tunnel
    f = featurize([BRIDGE[2]])[0]
    vec = index._top_terms(f.terms)
    index._report = Report.of(vec, f.names, f.lead, index._idf_cache.__getitem__, f.details)
    chosen = (1.0, tunnel, "same_event", None, 0.9, 0.5, ["x"])
    norm = math.sqrt(sum(w * w for w in vec.values()))
    moved = index._relink(f, vec, norm, chosen, sorted([bridge, tunnel]))
    assert moved[1] == bridge and moved[2] == "linkage"
    assert index._relink(f, vec, norm, chosen, [tunnel]) == chosen  # no other candidate: unchanged
    index.settings = replace(index.settings, relink_margin=5.0)
    assert index._relink(f, vec, norm, chosen, sorted([bridge, tunnel])) == chosen  # no clear lead
    index.settings = replace(index.settings, relink_margin=0.1)
    dated = replace(f, years=frozenset({"1999"}))  # the bridge story's reports give no year: no conflict...
    index._years[bridge]["2014"] += 1  # ...until it gives one the article does not
    assert index._relink(dated, vec, norm, chosen, sorted([bridge, tunnel])) == chosen


def test_a_story_the_article_links_to_surely_is_kept_without_scoring_the_others(monkeypatch):
    index = cluster([*OTHERS, *BRIDGE[:2], TUNNEL], ClusterSettings(merge=False))
    bridge, tunnel = index.story_of["bridge-a1"], index.story_of["tunnel"]
    f = featurize([BRIDGE[2]])[0]
    vec = index._top_terms(f.terms)
    index._report = Report.of(vec, f.names, f.lead, index._idf_cache.__getitem__, f.details)
    norm = math.sqrt(sum(w * w for w in vec.values()))
    chosen = (1.0, tunnel, "same_event", None, 0.9, 0.5, ["x"])
    assert index._relink(f, vec, norm, chosen, sorted([bridge, tunnel]))[1] == bridge
    monkeypatch.setattr("storycheck.cluster.RELINK_SURE", -math.inf)  # any mean is "sure": the rules' choice stays
    assert index._relink(f, vec, norm, chosen, sorted([bridge, tunnel])) == chosen


def test_a_report_pickled_before_the_nameless_fields_takes_their_defaults():
    """An index saved by an older version holds reports without ``more``/``own``/``own_total``: they load
    with the defaults (a nameless pair scores with the neutral share, as then), and a new report round-trips."""
    import pickle

    r = reports([*BRIDGE, *OTHERS])
    new = r["bridge-a1"]
    assert pickle.loads(pickle.dumps(new)) == new
    old_state = new.__getstate__()[:7]  # the fields up to ``details``
    old = Report.__new__(Report)
    old.__setstate__(old_state)
    assert old.more == {} and old.own == {} and old.own_total == 0.0
    assert pair_score(old, r["bridge-a2"]) == pair_score(replace(new, more={}), r["bridge-a2"])
