"""Times of day: read from the text (``storycheck.clock``), and two times of one claim that cannot be one moment
are a ``date`` conflict in ``compare`` and a contradicted sentence in ``check``."""

from __future__ import annotations

import pytest
from pairhelp import check_pair, compare_pair, conflicts, exact

from storycheck.analyze import analyze
from storycheck.clock import clock_conflict, find_clocks
from storycheck.records import Document


def _clocks(text: str) -> list[tuple[str, str, str | None, bool]]:
    return [(text[s:e], w.clock, w.zone, w.approx) for s, e, w in find_clocks(text)]


def test_times_are_read_on_a_24_hour_clock():
    assert _clocks("The blast came at 9:25 a.m. and the second at 9.40pm.") == [
        ("9:25 a.m.", "09:25", None, False),
        ("9.40pm", "21:40", None, False),
    ]
    assert _clocks("Police were called at 21:40 and left by midnight.") == [
        ("21:40", "21:40", None, False),
        ("midnight", "00:00", None, True),  # a bound: "by midnight" is no moment
    ]
    assert _clocks("The market opened at 0925 GMT.") == [("0925 GMT", "09:25", "GMT", False)]
    assert _clocks("It struck at 9.25 on Monday evening.")[0][1] == "21:25"  # the day's part says which half


@pytest.mark.parametrize(
    "text",
    [
        "Shares closed at 9.25 on Friday.",  # a price after a price word
        "The bank set its rate at 9.25 per cent.",  # a unit after
        "It rose 9.25% to $9.25 in early trading.",  # a percent, a price
        "Oil was trading at $9.10 and then at 9.25 on the day.",  # a price just before
        "The fare at 9.25 a ticket was raised.",
        "Shares climbed from 9.25 to 9.40 and grew by 9.25 after about 9.25 earlier.",  # figures' prepositions
        "He ran the race in 2:05:33 and the relay 9:25-9:40.",  # a longer figure, a range
        "See John 3:16 and a midnight deadline.",  # no time preposition
    ],
)
def test_a_dotted_figure_is_a_time_only_by_its_context(text: str):
    assert find_clocks(text) == []


def test_a_dotted_time_is_no_figure_in_the_analysis():
    mentions = analyze(Document("d", "The bomb exploded at 9.25 near the station.")).mentions
    assert [(m.kind, m.text, m.when.clock) for m in mentions if m.kind in {"date", "count"}] == [
        ("date", "9.25", "09:25")
    ]


def test_clock_conflict_tolerance_zones_and_hedges():
    def when(text: str):  # noqa: ANN202
        return find_clocks(text)[0][2]

    assert clock_conflict(when("at 9:25 a.m."), when("at 9:40 a.m."))
    assert not clock_conflict(when("at 9:25 a.m."), when("at 9:27 a.m."))  # a reporter's rounding
    assert not clock_conflict(when("at about 9:30 a.m."), when("at 9:40 a.m."))  # a hedge
    assert not clock_conflict(when("at 9 p.m."), when("at 9:20 p.m."))  # on the hour: rounded
    assert not clock_conflict(when("at 9:25"), when("at 9:25 p.m."))  # no am/pm: either half of the day
    assert not clock_conflict(when("at 9:25 GMT"), when("at 4:25 ET"))  # one moment in two zones
    assert clock_conflict(when("at 9:25 GMT"), when("at 9:25 ET"))
    assert not clock_conflict(when("at 9:25 GMT"), when("at 9:40"))  # one zone unknown: not judged
    assert not clock_conflict(when("at 9:25 GMT"), when("at 9:40 local time"))


def test_compare_flags_two_times_of_one_claim_with_both_spans():
    report = compare_pair(
        "The explosion happened at 9:25 a.m. near the central station, police said.",
        "The explosion happened at 9:40 a.m. near the central station, police said.",
    )
    exact(report)
    [f] = conflicts(report)
    assert f.type == "date"
    assert {(s.doc, s.text) for s in f.evidence} == {("a", "9:25 a.m."), ("b", "9:40 a.m.")}


def test_compare_flags_dotted_times():
    report = compare_pair(
        "The explosion happened at 9.25 near the central station, police said.",
        "The explosion happened at 9.40 near the central station, police said.",
    )
    assert [sorted(s.text for s in f.evidence) for f in conflicts(report, "date")] == [["9.25", "9.40"]]


@pytest.mark.parametrize(
    "b",
    [
        "The explosion happened at about 9:30 a.m. near the central station, police said.",  # a hedge
        "The explosion happened at 9:25 GMT near the central station, police said.",  # a zone only one gives
        "The explosion happened shortly after 9 a.m. near the central station, police said.",  # a bound
    ],
)
def test_compare_leaves_hedged_and_unzoned_times_alone(b: str):
    a = "The explosion happened at 9:40 a.m. near the central station, police said."
    assert conflicts(compare_pair(a, b)) == []


def test_times_in_two_zones_are_one_moment():
    report = compare_pair(
        "The explosion happened at 9:25 GMT near the central station, police said.",
        "The explosion happened at 4:25 a.m. ET near the central station, police said.",
    )
    assert conflicts(report) == []


def test_two_moments_of_one_story_are_no_conflict():
    report = compare_pair(
        "The explosion happened at 9:25 a.m. near the central station, police said.",
        "Police arrived at the central station at 9:40 a.m. after the explosion, officials said.",
    )
    assert conflicts(report) == []
    report = compare_pair(
        "The explosion happened at 9:25 a.m. and police arrived at 9:40 a.m., officials said.",
        "The explosion happened at 9:25 a.m. and firefighters arrived at 9:40 a.m., officials said.",
    )
    assert conflicts(report, "date") == []


def test_check_contradicts_a_changed_time():
    report = check_pair(
        "The explosion happened at 9:25 a.m. near the central station, police said.",
        "The explosion happened at 9:40 a.m. near the central station, police said.",
    )
    [v] = report.check.sentences
    assert v.verdict == "contradicted"
    finding = next(f for f in report.findings if f.id in v.findings and f.kind == "conflict")
    assert finding.type == "date"
    assert {(s.doc, s.text) for s in finding.evidence} == {("text", "9:40 a.m."), ("source", "9:25 a.m.")}


def test_check_keeps_a_time_given_in_another_zone():
    report = check_pair(
        "The explosion happened at 9:25 GMT near the central station, police said.",
        "The explosion happened at 4:25 a.m. ET near the central station, police said.",
    )
    [v] = report.check.sentences
    assert v.verdict != "contradicted"


# session 21 review (revclk1): zones written out, offsets, and figures read as times


def test_zones_written_out_are_zones():
    assert _clocks("It struck at 9:25 a.m. Eastern time.") == [("9:25 a.m. Eastern time", "09:25", "ET", False)]
    assert _clocks("The vote closes at 4 p.m. Pacific on Friday.") == [("4 p.m. Pacific", "16:00", "PT", False)]
    assert _clocks("at 9:25 Eastern Standard Time")[0][2] == "EST"
    assert _clocks("at 9:25 Kyiv time")[0][2] == "Kyiv"  # a place's time: a zone of its own
    assert _clocks("at 10 a.m. Tuesday Time magazine said")[0][:3] == ("10 a.m.", "10:00", None)
    assert _clocks("at 3.30 GMT+1")[0][:3] == ("3.30 GMT+1", "03:30", "GMT+1")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("at 9:25 a.m. Eastern time", "at 6:25 a.m. Pacific time"),  # one moment in two zones written out
        ("at 9:25 a.m. ET", "at 6:25 a.m. Pacific"),
        ("at 9:25 Moscow time", "at 8:25 Kyiv time"),  # Kyiv's zone unknown here: not judged
        ("at 9:25 a.m. Kyiv time", "at 9:40 a.m."),  # a place's time against none
        ("at 3.30 GMT+1", "at 2.30 GMT"),  # an offset
        ("at 3.30 UTC-5", "at 8.30 GMT"),
    ],
)
def test_zones_written_out_or_with_an_offset_are_reconciled(a: str, b: str):
    assert not clock_conflict(find_clocks(a)[0][2], find_clocks(b)[0][2])


def test_zones_written_out_still_conflict():
    assert clock_conflict(find_clocks("at 9:25 a.m. Eastern time")[0][2], find_clocks("at 9:45 a.m. ET")[0][2])
    assert clock_conflict(find_clocks("at 3.30 GMT+1")[0][2], find_clocks("at 3.30 GMT")[0][2])
    assert clock_conflict(find_clocks("at 9:25 Kyiv time")[0][2], find_clocks("at 9:45 Kyiv time")[0][2])


def test_compare_reads_times_in_zones_written_out():
    report = compare_pair(
        "The explosion happened at 9:25 a.m. Eastern time near the central station, police said.",
        "The explosion happened at 6:25 a.m. Pacific time near the central station, police said.",
    )
    assert conflicts(report) == []


@pytest.mark.parametrize(
    "text",
    [
        "The pilot had logged 1500 hours on the type.",  # a duration, no time preposition
        "The central bank left its benchmark at 0.25 on Thursday.",  # a clock writes 00.25
        "Inflation came in at 9.25pc in March.",  # units the figure check missed
        "Rates were left at 9.25 % in March.",
        "Temperatures hovered at 22.50°C on Monday.",
        "Temperatures hovered at 22.50C on Monday.",
    ],
)
def test_figures_are_no_times(text: str):
    assert find_clocks(text) == []


def test_a_duration_in_hours_keeps_its_figure_conflict():
    report = compare_pair(
        "The pilot had logged 1500 hours on the aircraft type before the crash, officials said.",
        "The pilot had logged 2000 hours on the aircraft type before the crash, officials said.",
    )
    assert [f.type for f in conflicts(report)] == ["number"]


def test_wire_hours_are_still_times():
    assert _clocks("Troops moved in at 1500 hours.") == [("1500 hours", "15:00", None, False)]


def test_a_time_cut_by_the_sentence_splitter_keeps_its_zone():
    text = "In Zürich — the bomb went off at 9:25 a.m. Eastern time near the central station, police said."
    analysis = analyze(Document("d", text))
    assert len({s.index for s in analysis.sentences}) == 2  # the splitter cuts after "a.m." (why this test exists)
    [m] = [m for m in analysis.mentions if m.when is not None and m.when.clock]
    assert (text[m.start : m.end], m.when.clock, m.when.zone, m.verb) == ("9:25 a.m.", "09:25", "ET", "go")


def test_compare_a_zone_written_out_against_its_abbreviation():
    report = compare_pair(
        "The explosion happened at 9:25 a.m. Eastern time near the central station, police said.",
        "The explosion happened at 9:45 a.m. ET near the central station, police said.",
    )
    exact(report)
    [f] = conflicts(report)
    assert f.type == "date"
    assert {s.doc for s in f.evidence} == {"a", "b"}


def test_a_time_in_a_zone_not_reconcilable_is_no_match():
    report = compare_pair(
        "The flight took off at 9:25 a.m. local time (0125 GMT) from the central airport, officials said.",
        "The flight took off at 1:40 GMT from the central airport, officials said.",
    )
    exact(report)
    [f] = conflicts(report)
    assert {(s.doc, s.text) for s in f.evidence} == {("a", "0125 GMT"), ("b", "1:40 GMT")}


@pytest.mark.parametrize("verb", ["Last updated at", "Published"])
def test_a_page_stamp_is_no_time_of_the_event(verb: str):
    report = compare_pair(
        f"{verb} 9:25 GMT on the central station explosion page.",
        f"{verb} 11:40 GMT on the central station explosion page.",
    )
    assert conflicts(report) == []


def test_the_night_runs_past_midnight():
    assert [c[1] for c in _clocks("It hit at 12:15 at night and again at 11:40 at night.")] == ["00:15", "23:40"]
    assert _clocks("The shots came at 2:30 last night.")[0][1] == "02:30"
    assert _clocks("The shots came at 9:30 on Monday night.")[0][1] == "21:30"
    assert not clock_conflict(find_clocks("at 12:15 at night")[0][2], find_clocks("at 12:15 a.m.")[0][2])
