"""The misfit test of the average linkage (storycheck.refine.Linkage.cohesion): an article that links to a
story's reports clearly less well than they link among themselves is no report of that story, though its
mean passes the fixed floor; a loose story (reports that link to each other about as little) keeps it."""

from __future__ import annotations

import math
import pickle

from storycheck.cluster import ClusterSettings, StoryIndex
from storycheck.refine import MISFIT_GAP, MISFIT_SCORE, Linkage, Report, pair_score


def _report(terms: dict[str, float], names: list[str], lead: list[str]) -> Report:
    norm = math.sqrt(sum(w * w for w in terms.values()))
    return Report(
        {t: w / norm for t, w in terms.items()},
        dict.fromkeys(names, 1.0), float(len(names)),
        dict.fromkeys(lead, 1.0), float(len(lead)),
        {},
    )


# three reports of one quake: the same words, the same names
TIGHT = {f"quake-{i}": _report({"quake": 1.0, "geysers": 0.5}, ["sonoma", "geysers"], ["sonoma"]) for i in range(3)}
# three loosely related reports: each shares a little with the others
LOOSE = {
    "loose-0": _report({"quake": 0.3, "papua": 1.0}, ["sonoma", "papua"], ["papua"]),
    "loose-1": _report({"quake": 0.3, "aceh": 1.0}, ["sonoma", "aceh"], ["aceh"]),
    "loose-2": _report({"quake": 0.3, "java": 1.0}, ["sonoma", "java"], ["java"]),
}
# a report of another quake: the kind of event and the region's name in common, not its own place
ARTICLE = _report({"quake": 0.2, "manokwari": 1.0}, ["sonoma", "manokwari", "papua"], ["manokwari"])


def _linkage(misfit: float | None) -> Linkage:
    link = Linkage(misfit_score=misfit)
    for doc, report in {**TIGHT, **LOOSE}.items():
        link.reports[doc] = report
    return link


def test_an_article_far_below_a_tight_storys_own_links_is_a_misfit():
    plain = _linkage(None).mean_to(ARTICLE, list(TIGHT), 10)
    assert plain is not None and 0.4 <= plain < MISFIT_SCORE  # the fixed floor alone lets it join
    link = _linkage(MISFIT_SCORE)
    assert link.cohesion(list(TIGHT), 10) - plain > MISFIT_GAP
    judged = link.mean_to(ARTICLE, list(TIGHT), 10)
    assert judged is not None and judged < 0.0  # below every linkage floor


def test_a_loose_story_keeps_an_article_that_links_as_its_own_reports_do():
    link = _linkage(MISFIT_SCORE)
    mean = link.mean_to(ARTICLE, list(LOOSE), 10)
    assert mean == _linkage(None).mean_to(ARTICLE, list(LOOSE), 10)
    assert link.cohesion(list(LOOSE), 10) - mean <= MISFIT_GAP


def test_a_story_of_one_report_has_no_cohesion_to_judge_by():
    link = _linkage(MISFIT_SCORE)
    one = ["quake-0"]
    assert link.mean_to(ARTICLE, one, 10) == pair_score(ARTICLE, TIGHT["quake-0"])


def test_the_cohesion_is_the_mean_over_pairs_of_the_latest_reports():
    link = _linkage(MISFIT_SCORE)
    members = list(LOOSE)
    pairs = [(0, 1), (0, 2), (1, 2)]
    expected = sum(pair_score(LOOSE[members[i]], LOOSE[members[j]]) for i, j in pairs) / 3
    assert math.isclose(link.cohesion(members, 10), expected)
    assert math.isclose(link.cohesion(["quake-0", *members], 3), expected)  # only the latest 3


def test_the_settings_reach_the_index_and_an_older_linkage(tmp_path):
    index = StoryIndex(ClusterSettings(misfit_score=0.5, misfit_gap=0.3))
    assert index._linkage.misfit == (0.5, 0.3, index.settings.link_score)  # (judged from the linkage floor)
    assert StoryIndex(ClusterSettings(misfit_score=None))._linkage.misfit[0] is None
    # a Linkage pickled before the test existed has no ``misfit`` of its own: load() gives it the settings'
    del index._linkage.__dict__["misfit"]
    path = tmp_path / "index.pkl"
    index.save(path)
    loaded = StoryIndex.load(path)
    assert loaded._linkage.misfit == (0.5, 0.3, index.settings.link_score)
    loaded._linkage.reports.update(TIGHT)
    assert loaded._linkage.cohesion(list(TIGHT), 10) > 1.0
    assert "_cohesion" not in pickle.loads(pickle.dumps(loaded._linkage)).__dict__  # (a cache: not saved)
