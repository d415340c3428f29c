"""Known wrong answers of ``compare`` and ``check`` left by session 23's reviews (lane judge19), on short texts
written for these tests: reported speech and a quote compared on how their figures and negations are spelled, not
what they say; a negation on a second, coordinated verb; a name conflict in a subordinate clause that dropped the
main claim; one duration written in two unit layouts; who owns a byline's name; a ``senior vice president`` read
as a rank."""

from __future__ import annotations

import pytest
from pairhelp import both_ways, conflicts, exact

SAID = "Okafor said on Monday"


def _quotes(report) -> list:  # noqa: ANN001
    return [f for f in report.findings if f.kind == "corroborated" and f.type == "quote"]


# --- 1. reported speech against the quote: figures by value, negations as the tagger reads them ---------------

@pytest.mark.parametrize(
    ("quote", "reported"),
    [
        ("The wall will cost $2.5m", "the wall would cost $2.5 million"),  # base: refused (``2.5m`` / ``2.5``, ``million``)
        ("The wall will take three years", "the wall would take 3 years"),
        ("Food prices will rise by 5 per cent next year", "food prices would rise by 5 percent next year"),
        ("We cant afford the wall", "they couldn't afford the wall"),  # base: ``cant`` no negation, ``couldn't`` one
    ],
)
def test_reported_speech_with_the_same_figures_and_negations_corroborates_the_quote(quote, reported):
    for report in both_ways(f'"{quote}," {SAID}.', f"{SAID} {reported}."):
        assert len(_quotes(report)) == 1, report.findings
        exact(report)


@pytest.mark.parametrize(
    ("quote", "reported", "kind"),
    [
        ("The wall will take three years", "the wall would take four years", "number"),  # base: a corroborated quote
        ("The wall will cost two million dollars", "the wall would cost three million dollars", "number"),
        ("We cant afford the wall", "they could afford the wall", "negation"),  # base: a corroborated quote
        ("We dont need the wall", "they needed the wall", "negation"),
    ],
)
def test_reported_speech_with_another_figure_or_negation_is_no_corroborated_quote(quote, reported, kind):
    for report in both_ways(f'"{quote}," {SAID}.', f"{SAID} {reported}."):
        assert not _quotes(report), report.findings
        assert conflicts(report, kind), report.findings  # the conflict says what differs
        exact(report)


def test_the_same_figure_in_another_currency_or_scale_is_still_refused():
    for quote, reported in (("The wall will cost $2.5m", "the wall would cost $2.5 billion"),
                            ("The wall will cost $2.5m", "the wall would cost £2.5 million")):
        for report in both_ways(f'"{quote}," {SAID}.', f"{SAID} {reported}."):
            assert not _quotes(report), report.findings


def test_figures_in_reads_each_figure_by_value():
    from storycheck.quantities import figures_in

    values = lambda text: [(q.value, q.unit) for q in figures_in(text)]  # noqa: E731
    assert values("$2.5m") == values("$2.5 million") == values("2.5 million dollars") == [(2.5e6, "USD")]
    assert values("three years, 5 per cent") == [(3, None), (5, "%")]
    assert values("a million people") == values("one million people") == [(1e6, None)]
    assert values("a man of his word") == [] and values("Tenerife") == []
