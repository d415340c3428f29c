"""A lone lower-cased summary that the attach and ``contained`` leave alone joins the story holding the cased report
it scores best with (session 30, ``ClusterSettings.article_score``: ``storycheck.regroup._by_article``)."""

from __future__ import annotations

from dataclasses import replace

from test_cluster_refine import BRIDGE, OTHERS, TUNNEL

from storycheck.cluster import ClusterSettings, StoryIndex, cluster
from storycheck.records import Document

# every per-article and story-level rule shut, the attach and ``contained`` made to refuse (floors above any mean or
# share): only the pair score with a story's cased report can bring a summary home
REFUSE = ClusterSettings(
    join_score=9.0, rescue_score=None, merge_score=9.0, regroup_score=1.5, attach_score=1.5, contain_score=1.5,
    hold_score=None,
)
# a machine summary of the bridge's opening: lower-cased, one sentence, its own words
SUMMARY = Document(
    "bridge-summary",
    "the mayor of kolbotn has opened the skarvik bridge , ending eleven years of ferry crossings across the fjord .",
)
# the same, written cased (a headline with a line): the step is for machine summaries only
CASED = Document(
    "bridge-cased",
    "The mayor of Kolbotn has opened the Skarvik bridge, ending eleven years of ferry crossings across the fjord.",
)
# a summary of another event that shares the town and nothing else
HARBOUR = Document(
    "harbour-summary",
    "a fire has destroyed a fish warehouse in kolbotn harbour , and police are treating it as arson .",
)


def _then(later: list[Document], settings: ClusterSettings) -> StoryIndex:
    """The bridge's story of two reports and the tunnel's (default rules), then ``later`` under ``settings``."""
    index = cluster([*OTHERS, *BRIDGE[:2], TUNNEL])
    assert index.story_of["bridge-a1"] == index.story_of["bridge-a2"] != index.story_of["tunnel"]
    index.settings = settings
    index.add(later)
    index.settle()
    return index


def test_a_lone_summary_joins_the_story_of_the_article_it_scores_best_with():
    assert ClusterSettings().article_score == 0.3
    assert _then([SUMMARY], replace(REFUSE, article_score=None)).story("bridge-summary").members == ["bridge-summary"]
    index = _then([SUMMARY], REFUSE)
    assert index.story_of["bridge-summary"] == index.story_of["bridge-a1"]
    link = next(lk for lk in index.story("bridge-summary").links if lk.doc == "bridge-summary")
    assert link.reason == "article" and link.to in ("bridge-a1", "bridge-a2")
    assert link.key_share >= REFUSE.article_score
    assert "article: it scores" in index.why_not("bridge-summary").says
    # not above its score
    above = replace(REFUSE, article_score=link.key_share + 0.01)
    assert _then([SUMMARY], above).story("bridge-summary").members == ["bridge-summary"]


def test_a_summary_of_another_event_and_a_cased_text_stay_alone():
    index = _then([HARBOUR, SUMMARY], REFUSE)
    assert index.story_of["bridge-summary"] == index.story_of["bridge-a1"]
    assert index.story("harbour-summary").members == ["harbour-summary"]
    assert _then([CASED], REFUSE).story("bridge-cased").members == ["bridge-cased"]
