"""Wrong answers a user walk found in ``compare`` and ``check`` (session 24, wt-judge20), on short texts written
for these tests: a detail both reports give said to be "added" by each, and figures of a rate and of a total
paired across."""

from __future__ import annotations

import pytest
from pairhelp import number_conflicts

from storycheck.core import compare_documents
from storycheck.records import Document


def _compare(a: str, b: str, embedder: str = "static"):  # noqa: ANN202
    return compare_documents([Document("wire", a), Document("gazette", b)], embedder=embedder)


# --- 1. a detail both reports give is added by neither -----------------------------------------------


@pytest.mark.parametrize("embedder", ["static", "none"])
def test_the_same_figures_in_other_words_are_added_by_neither(embedder):
    report = _compare(
        "Judge Amina Okafor ruled that the council had exceeded its powers under the 2019 Ports Act. "
        "The levy of 45 pounds a day had raised 3.2 million pounds since it was introduced in March 2023.",
        "Judge Amina Okafor found that the 2019 Ports Act did not allow the council to charge boats. "
        "The levy, 45 pounds a day, raised 3.2 million pounds, the council said.",
        embedder,
    )
    added = [f.values for f in report.findings if f.kind == "partial"]
    assert all("45 pounds" not in v.values() and "2019" not in v.values() for v in added), added
    assert not [f for f in report.findings if f.kind == "conflict"]
    # the one date only one report gives is still its detail
    assert {"wire": "March 2023"} in added


def test_a_figure_the_other_report_does_not_give_is_still_added():
    report = _compare(
        "The levy of 45 pounds a day had raised 3.2 million pounds since it was introduced.",
        "The levy had raised 3.2 million pounds since it was introduced, the council said.",
    )
    assert {"wire": "45 pounds"} in [f.values for f in report.findings if f.kind == "partial"]


# --- 2. figures paired by rate and size ---------------------------------------------------------------


def test_a_rate_and_a_total_are_each_paired_with_their_own():
    report = _compare(
        "The levy of 45 pounds a day had raised 3.2 million pounds since it was introduced in March 2023.",
        "The charge, 50 pounds a day, has brought in 3.5 million pounds since March 2023, council figures show.",
    )
    conflicts = number_conflicts(report)
    assert conflicts == [("3.2 million pounds", "3.5 million pounds"), ("45 pounds", "50 pounds")]
    for f in report.findings:
        if f.kind == "conflict":
            assert [s.text for s in f.evidence] == [f.values["wire"], f.values["gazette"]]


def test_a_rate_is_no_reading_of_a_total():
    report = _compare(
        "The levy of 45 pounds a day has cost the fleet dearly, the fishermen said on Tuesday.",
        "The levy of 3 million pounds has cost the fleet dearly, the fishermen said on Tuesday.",
    )
    assert not [f for f in report.findings if f.kind == "conflict" and f.type == "number"]


def test_figures_of_one_rate_in_other_order_pair_by_size():
    report = _compare(
        "The fund paid 40 dollars to each resident and 2 million dollars to the town, the mayor said.",
        "The fund paid 2.5 million dollars to the town and 60 dollars to each resident, the mayor said.",
    )
    conflicts = number_conflicts(report)
    assert conflicts == [("2 million dollars", "2.5 million dollars"), ("40 dollars", "60 dollars")]


def test_a_figure_inside_a_longer_figure_is_not_written_there():
    from storycheck.judge import _writes_value
    from storycheck.records import Mention, Quantity, When

    years = Mention("quantity", 0, 7, "2 years", 0, quantity=Quantity(2.0, 2.0, 2.0, "year"))
    assert not _writes_value("He was sentenced to 2 1/2 years.", years)
    assert not _writes_value("a 12 years wait", years)
    assert _writes_value("He got 2 Years, the court said.", years)
    year = Mention("date", 0, 4, "2019", 0, when=When("2019", "year"))
    assert _writes_value("under the 2019 Ports Act", year) and not _writes_value("in 2019.5 terms", year)
    assert not _writes_value("45 pounds", Mention("count", 0, 2, "45", 0, quantity=Quantity(45.0, 45.0, 45.0, None)))
