"""The arrival margin (``ClusterSettings.arrival_margin``, ``StoryIndex._unsure``): a short lower-cased summary
made of words two small stories share does not join either on arrival; it opens a story of its own, which its
own article, coming later, joins. Before, it joined the first small story on those words, and its article then
followed it there: two events in one story."""

from __future__ import annotations

import math

from test_cluster_refine import OTHERS  # unrelated cased articles

from storycheck.cluster import ClusterSettings, StoryIndex, featurize
from storycheck.records import Document
from storycheck.refine import pick

INQUESTS = [
    Document(
        "inq-brack",
        "An inquest into the death of a man found in the river Tellow at Brackmoor has been opened. The coroner "
        "in Brackmoor heard that the man, a fisherman, had been missing since Tuesday.",
    ),
    Document(
        "inq-dun",
        "An inquest into the death of a man found dead at his home in Dunmore has opened. The Dunmore coroner "
        "heard the man, a retired teacher, had lived alone for years.",
    ),
]
# a summary of the Quellstone inquest that names no place: its words are those of every inquest
SUMMARY = Document("sum-quell", "an inquest into the death of a man found near a railway junction has been opened.")
ARTICLE = Document(
    "inq-quell",
    "An inquest has opened into the death of a man whose body was found near the railway junction at "
    "Quellstone. The Quellstone coroner was told the man, a signal worker, had not been seen since Friday.",
)


def _index(settings: ClusterSettings) -> StoryIndex:
    index = StoryIndex(settings)
    index.add([*OTHERS, *INQUESTS])  # two stories of one article each
    index.add([SUMMARY, ARTICLE])  # the summary before its article, as a stream may give them
    return index


def test_a_summary_that_leads_no_small_story_clearly_waits_for_its_own_article():
    index = _index(ClusterSettings())
    assert index.story("sum-quell").members == ["sum-quell", "inq-quell"]
    assert index.story("inq-brack").members == ["inq-brack"]
    assert index.story("inq-dun").members == ["inq-dun"]


def test_without_the_margin_the_summary_takes_its_article_into_another_inquest():
    index = _index(ClusterSettings(arrival_margin=None))
    story = index.story("sum-quell")
    assert "inq-quell" in story.members and {"inq-brack", "inq-dun"} & set(story.members)
    assert [link.reason for link in story.links if link.doc == "sum-quell"] == ["same_event"]


def test_a_cased_text_or_a_large_story_is_not_held_back():
    """The margin reads only lower-cased texts joining stories of at most ``arrival_members`` articles."""
    cased = Document("sum-cased", "An inquest into the death of a man found near a railway junction has been opened.")
    index = StoryIndex(ClusterSettings())
    index.add([*OTHERS, *INQUESTS])
    index.add([cased])
    index_off = StoryIndex(ClusterSettings(arrival_margin=None))
    index_off.add([*OTHERS, *INQUESTS])
    index_off.add([cased])
    assert index.story("sum-cased").members == index_off.story("sum-cased").members
    small = StoryIndex(ClusterSettings(arrival_members=0))
    small.add([*OTHERS, *INQUESTS])
    small.add([SUMMARY, ARTICLE])
    assert "inq-quell" in small.story("sum-quell").members and len(small.story("sum-quell").members) > 2


def _scored(monkeypatch, means: dict[int, float | None]) -> StoryIndex:
    """An index of one small story per key of ``means``, whose mean pair scores with the article being placed
    are those given (the evidence tests all pass)."""
    index = StoryIndex(ClusterSettings())
    index.add(OTHERS[: len(means)])
    assert len(index.stories) >= len(means)
    index._report = object()  # (an article is being placed)
    monkeypatch.setattr(index, "_mean_to", means.__getitem__)
    monkeypatch.setattr(index, "_cosine_to", lambda idx, vector: 1.0)
    monkeypatch.setattr(index, "_years_conflict", lambda years, idx: False)
    return index


def test_the_lead_is_measured_as_the_rescue_measures_it(monkeypatch):
    """"Leads by ``arrival_margin``" is the lead ``refine.pick`` (the rescue, the regroup, the attach) measures,
    best − next < margin refusing, so the two never disagree on the same scores. Worked out as
    ``other > mine − margin``, the rounding differs at a lead of about the margin: 0.41 over 0.26 joined,
    though ``pick`` refuses it (0.41 − 0.26 is 0.1499...97), and 0.6 over 0.45 did not."""
    f = featurize([SUMMARY])[0]
    assert f.lower
    means: dict[int, float] = {}
    index = _scored(monkeypatch, {0: 0.0, 1: 0.0})
    monkeypatch.setattr(index, "_mean_to", means.__getitem__)
    for a in range(0, 101):
        for b in range(0, 101):
            means[0], means[1] = a / 100, b / 100
            expected = pick([(means[0], 0), (means[1], 1)], -math.inf, 0.15) != 0
            assert index._unsure(f, 0, {0, 1}) is expected, (means[0], means[1])


def test_no_other_candidate_or_no_score_joins(monkeypatch):
    """A text with one candidate, or whose story has no reports to score (None), or whose rivals have none,
    joins as before; a score that is not a number decides nothing (as in ``refine.pick``)."""
    f = featurize([SUMMARY])[0]
    index = _scored(monkeypatch, {0: 0.5, 1: None, 2: math.nan})
    assert not index._unsure(f, 0, {0})
    assert not index._unsure(f, 0, {0, 1, 2})
    index = _scored(monkeypatch, {0: None, 1: 0.9})
    assert not index._unsure(f, 0, {0, 1})
    index = _scored(monkeypatch, {0: math.nan, 1: 0.9})
    assert not index._unsure(f, 0, {0, 1})
