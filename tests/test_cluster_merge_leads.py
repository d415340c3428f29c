"""The merge pass keeps apart two stories each led by someone the other's leads hardly give
(storycheck.split.led_apart): two arrests of one team's players, the later one's reports recalling the
earlier in their text, which the split's own test (no report of the other half names them) cannot part."""

from __future__ import annotations

from dataclasses import replace

from test_cluster_refine import OTHERS
from test_cluster_split import JACKSON, WILLIAMS

from storycheck.cluster import ClusterSettings, cluster
from storycheck.records import Document
from storycheck.refine import Report
from storycheck.split import led_apart

JACKSON_4 = Document(
    "jackson-4",
    "Vincent Jackson of the Chargers will play at Pittsburgh on Sunday despite his arrest on Tuesday on "
    "suspicion of drunken driving in San Diego, the team said; the receiver failed sobriety tests.",
)
# the later arrest's fourth report recalls the first one in its text (not in its lead)
WILLIAMS_4 = Document(
    "williams-4",
    "Jamal Williams, the Chargers tackle, was released on bail after his arrest on Sunday on State Route 94 "
    "on suspicion of drunken driving. Williams had been stopped for speeding by the Highway Patrol in the early "
    "hours, was booked into the county jail and released later that morning, the team said in a statement on "
    "its website. It is the team's second such arrest in a month: its receiver Vincent Jackson was arrested on "
    "the same charge.",
)
# each story is made by the joins; the merge pass then weighs nothing but the tests under study
MERGING = ClusterSettings(merge_score=-9.0, merge_cosine=-1.0, link_merge=None, regroup_score=None)


def _report(lead: list[str]) -> Report:
    return Report({"arrest": 1.0}, dict.fromkeys(lead, 1.0), float(len(lead)), dict.fromkeys(lead, 1.0), float(len(lead)), {})


def _stories(settings: ClusterSettings) -> list[list[str]]:
    index = cluster([*OTHERS, *JACKSON, JACKSON_4], settings)
    index.add([*WILLIAMS, WILLIAMS_4])  # (a batch of its own: the merge pass looks at the stories it touched)
    # (the unrelated articles, stories of one, are what the merge pass lets any story take with these settings)
    return sorted(sorted(m for m in g if not m.startswith("other")) for g in index.groups() if len(g) > 1)


def test_two_stories_led_by_different_people_are_not_merged():
    jackson = sorted(d.id for d in [*JACKSON, JACKSON_4])
    williams = sorted(d.id for d in [*WILLIAMS, WILLIAMS_4])
    assert _stories(replace(MERGING, merge_leads=None)) == [sorted(jackson + williams)]  # (as before)
    assert _stories(MERGING) == [jackson, williams]


def test_the_later_event_naming_the_earlier_in_its_text_does_not_keep_them_together():
    index = cluster([*OTHERS, *JACKSON, JACKSON_4, *WILLIAMS, WILLIAMS_4], replace(MERGING, merge=False))
    reports = index._linkage.reports
    jackson = [reports[d.id] for d in [*JACKSON, JACKSON_4]]
    williams = [reports[d.id] for d in [*WILLIAMS, WILLIAMS_4]]
    assert "jackson" in williams[-1].names and "jackson" not in williams[-1].lead
    assert led_apart(jackson, williams, 4) and led_apart(williams, jackson, 4)
    assert not led_apart(jackson, williams, 5)  # (stories of fewer reports than asked: no test)


def test_stories_whose_leads_share_their_people_or_each_hardly_lead_with_anyone_are_not_kept_apart():
    a = [_report(["jackson", "chargers"]) for _ in range(4)]
    b = [_report(["jackson", "chargers", "turner"]) for _ in range(4)]
    assert not led_apart(a, b, 4)  # one story's lead names are all the other's
    # each leads with its own player in only one report of four: no one leads either story
    c = [_report(["jackson"]), *[_report(["chargers"]) for _ in range(3)]]
    d = [_report(["williams"]), *[_report(["chargers"]) for _ in range(3)]]
    assert not led_apart(c, d, 4)
    # one story led by its player, the other's leads giving him in two of four: not rare there
    e = [_report(["williams"]) for _ in range(4)]
    f = [_report(["jackson", "williams"]), _report(["jackson", "williams"]), _report(["jackson"]), _report(["jackson"])]
    assert not led_apart(e, f, 4)


def test_stories_that_link_as_one_events_reports_do_are_merged_whoever_leads_them(monkeypatch):
    """A mean pair score of ``LEAD_MEAN`` or more between the two stories' latest reports is one event's (a
    same-kind event's reports link at 0.4-0.6 to another's): the lead test does not keep them apart."""
    import storycheck.cluster as cluster_module
    from storycheck.split import LEAD_MEAN

    index = cluster([*OTHERS, *JACKSON, JACKSON_4, *WILLIAMS, WILLIAMS_4], replace(MERGING, merge=False))
    mean = index._linkage.mean_between(
        [d.id for d in [*JACKSON, JACKSON_4]], [d.id for d in [*WILLIAMS, WILLIAMS_4]], MERGING.link_members
    )
    assert mean is not None and mean < LEAD_MEAN
    monkeypatch.setattr(cluster_module, "LEAD_MEAN", 0.0)  # (as if they linked as well as one event's reports)
    jackson = sorted(d.id for d in [*JACKSON, JACKSON_4])
    williams = sorted(d.id for d in [*WILLIAMS, WILLIAMS_4])
    assert _stories(MERGING) == [sorted(jackson + williams)]
