"""Normalised amounts, counts, percentages and dates, and when two of them contradict each other."""

from __future__ import annotations

import pytest

from storycheck.quantities import compatible, is_total, parse_quantity, parse_when, when_conflict


def q(text: str, kind: str = "count", noun: str | None = None):
    quantity = parse_quantity(text, kind, noun)
    assert quantity is not None, text
    return quantity


def w(text: str):
    when = parse_when(text)
    assert when is not None, text
    return when


# --- money -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("€1.8 billion", 1.8e9, "EUR"),
        ("1.8 billion euros", 1.8e9, "EUR"),
        ("€1,800 million", 1.8e9, "EUR"),
        ("$3,000,000", 3e6, "USD"),
        ("$3 million", 3e6, "USD"),
        ("US$4.5 million", 4.5e6, "USD"),
        ("£2.5bn", 2.5e9, "GBP"),
        ("£300,000", 3e5, "GBP"),
        ("5 million pounds", 5e6, "GBP"),
        ("$1.2bn", 1.2e9, "USD"),
    ],
)
def test_money_is_value_and_currency(text: str, value: float, currency: str) -> None:
    amount = q(text, "money")
    assert amount.value == pytest.approx(value)
    assert amount.low == pytest.approx(value) and amount.high == pytest.approx(value)
    assert amount.unit == currency
    assert not amount.vague and not amount.approx


def test_same_sum_written_two_ways_agrees() -> None:
    assert compatible(q("$3,000,000", "money"), q("$3 million", "money"))
    assert compatible(q("€1.8 billion", "money"), q("€1,800 million", "money"))
    assert compatible(q("€1.8 billion", "money"), q("1.8 billion euros", "money"))


def test_different_sums_conflict() -> None:
    assert not compatible(q("€1.8 billion", "money"), q("€2.1 billion", "money"))
    assert not compatible(q("$3 million", "money"), q("$4 million", "money"))
    assert not compatible(q("£2.5bn", "money"), q("£25bn", "money"))


def test_money_range_shares_its_scale() -> None:
    for text in ("$2-3 million", "between $2 million and $3 million"):
        amount = q(text, "money")
        assert (amount.low, amount.high, amount.unit) == (2e6, 3e6, "USD"), text
    assert compatible(q("$2-3 million", "money"), q("$2.5 million", "money"))
    assert not compatible(q("$2-3 million", "money"), q("$5 million", "money"))


# --- counts, ranges, vague and hedged figures ----------------------------------------------------------


def test_number_words_and_digits() -> None:
    assert q("three").value == 3
    assert q("seventy-five").value == 75
    assert q("2 million").value == 2e6
    assert q("half a million").value == 5e5
    assert q("1,950").value == 1950


def test_dozen_multiplies() -> None:
    assert q("a dozen").value == 12
    assert q("three dozen").value == 36
    assert compatible(q("a dozen"), q("12"))


def test_range_in_words() -> None:
    weeks = q("three to five weeks", "quantity", "week")
    assert (weeks.value, weeks.low, weeks.high, weeks.unit) == (None, 3, 5, "week")
    assert compatible(weeks, q("four weeks", "quantity", "week"))
    assert not compatible(weeks, q("two weeks", "quantity", "week"))
    assert not compatible(weeks, q("eight weeks", "quantity", "week"))


@pytest.mark.parametrize("text", ["between 4,000 and 5,000", "4,000 to 5,000", "4,000-5,000"])
def test_range_in_figures(text: str) -> None:
    posts = q(text)
    assert (posts.value, posts.low, posts.high) == (None, 4000, 5000)
    assert compatible(posts, q("4,500"))
    assert not compatible(posts, q("6,000"))
    assert not compatible(posts, q("3,000"))


def test_dozens_is_vague_not_a_figure() -> None:
    dozens = q("dozens", "count", "boat")
    assert dozens.vague and dozens.value is None
    assert dozens.unit == "boat"
    assert compatible(dozens, q("40"))
    assert not compatible(dozens, q("500"))
    hundreds = q("hundreds")
    assert hundreds.vague and compatible(hundreds, q("300")) and not compatible(hundreds, q("12"))


def test_nearly_is_approximate_and_tolerates_a_nearby_figure() -> None:
    nearly = q("nearly 2,000")
    assert nearly.approx and nearly.value == 2000
    assert compatible(nearly, q("1,950"))
    assert not compatible(nearly, q("1,500"))


def test_exact_figures_far_apart_conflict() -> None:
    assert not compatible(q("2,000"), q("1,500"))
    assert compatible(q("2,000"), q("2,000"))


def test_more_than_is_a_lower_bound() -> None:
    assert compatible(q("more than 300"), q("350"))
    assert compatible(q("at least 12"), q("15"))
    assert not compatible(q("more than 300"), q("200"))


@pytest.mark.parametrize("text", ["9 percent", "9%", "9 per cent"])
def test_percent_forms(text: str) -> None:
    share = q(text, "percent")
    assert (share.value, share.unit) == (9, "%")
    assert compatible(share, q("9%", "percent"))
    assert not compatible(share, q("12%", "percent"))


def test_percent_is_recognised_even_without_the_kind() -> None:
    assert q("12.5 percent", "count").unit == "%"
    assert q("9%", "count").unit == "%"


def test_not_a_number() -> None:
    assert parse_quantity("the harbour master", "count") is None


# --- dates -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("March 2021", "2021-03", "month"),
        ("in March 2021", "2021-03", "month"),
        ("Sept. 2023", "2023-09", "month"),
        ("May 13, 2024", "2024-05-13", "day"),
        ("13 May 2024", "2024-05-13", "day"),
        ("Sept. 4, 2023", "2023-09-04", "day"),
        ("2021-03-04", "2021-03-04", "day"),
        ("2019", "2019", "year"),
        ("in 2019", "2019", "year"),
    ],
)
def test_absolute_dates_keep_their_precision(text: str, iso: str, precision: str) -> None:
    when = w(text)
    assert (when.iso, when.precision) == (iso, precision)
    assert not when.approx


def test_weekday() -> None:
    for text in ("Monday", "on Monday", "Monday night"):
        when = w(text)
        assert (when.iso, when.precision, when.weekday) == (None, "weekday", "monday"), text


def test_duration_is_not_a_date() -> None:
    when = w("nearly two years")
    assert when.precision == "duration" and when.iso is None and when.approx
    assert w("three weeks").precision == "duration"


@pytest.mark.parametrize(
    "text", ["last week", "yesterday", "earlier this month", "two years ago", "last March"]
)
def test_relative_dates(text: str) -> None:
    when = w(text)
    assert when.precision == "relative" and when.iso is None


def test_no_year_is_invented() -> None:
    """``by May`` gives no year; dateparser would fill in the current one."""
    may = w("by May")
    assert may.precision == "month" and may.iso == "--05"
    march3 = w("March 3")
    assert march3.precision == "day" and march3.iso == "--03-03"
    decade = parse_when("the 1990s")  # not a date dateparser reads: it would answer with today
    assert decade is None or (decade.iso or "").startswith("199")


def test_when_conflict_same_precision() -> None:
    assert when_conflict(w("January 2021"), w("January 2022"))
    assert when_conflict(w("2020"), w("2021"))
    assert when_conflict(w("May 13, 2024"), w("May 14, 2024"))
    assert not when_conflict(w("May 13, 2024"), w("13 May 2024"))


def test_when_conflict_different_precision() -> None:
    assert not when_conflict(w("2021"), w("March 2021"))  # coarser but consistent
    assert not when_conflict(w("May 2024"), w("May 13, 2024"))
    assert when_conflict(w("2020"), w("March 2021"))  # coarser and inconsistent


def test_when_conflict_without_a_year() -> None:
    assert when_conflict(w("March 3"), w("March 4"))
    assert not when_conflict(w("March 3"), w("March 3, 2021"))
    assert not when_conflict(w("by May"), w("May 2021"))
    assert when_conflict(w("by May"), w("June 2021"))
    assert not when_conflict(w("by May"), w("2021"))


def test_relative_dates_never_conflict() -> None:
    assert not when_conflict(w("last week"), w("March 2021"))
    assert not when_conflict(w("last week"), w("yesterday"))
    assert not when_conflict(w("nearly two years"), w("2019"))


def test_weekday_conflicts() -> None:
    assert when_conflict(w("Monday"), w("Tuesday"))
    assert not when_conflict(w("Monday"), w("on Monday"))
    assert not when_conflict(w("Monday"), w("last week"))


# --- found in review -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("an estimated $4 million", "money", 4e6),  # the tagger keeps the article in the mention
        ("a $5 million", "money", 5e6),
        ("a 9 percent", "percent", 9),
        ("a million", "count", 1e6),
        ("a hundred", "count", 100),
        ("half a million", "count", 5e5),
        ("two and a half", "count", 2.5),  # one number, not a range from 0.5 to 2
    ],
)
def test_an_article_is_not_a_one(text: str, kind: str, value: float) -> None:
    assert q(text, kind).value == pytest.approx(value)


def test_vague_words_count_their_scale() -> None:
    assert (q("several thousand").low, q("several thousand").high) == (3000, 9000)
    assert compatible(q("several thousand", "count", "dockworker"), q("4,000", "count", "dockworker"))
    assert compatible(q("hundreds of thousands"), q("about 300,000"))
    assert compatible(q("a few hundred"), q("300"))
    assert not compatible(q("a few hundred"), q("3,000"))


def test_dollars_of_other_countries_are_not_us_dollars() -> None:
    assert q("A$1.8 billion", "money").unit == "AUD"
    assert q("C$5 million", "money").unit == "CAD"
    assert q("HK$1.8 billion", "money").unit == "HKD"
    assert q("US$4.5 million", "money").unit == "USD"
    assert q("a $5 million", "money").unit == "USD"


def test_a_scale_word_glued_to_the_figure_is_read():
    q = parse_quantity("£13.17billion", "money")
    assert q is not None and q.unit == "GBP" and q.value == pytest.approx(13.17e9)
    assert parse_quantity("£6million", "money").value == pytest.approx(6e6)
    assert parse_quantity("£5mln", "money").value == pytest.approx(5e6)


def test_a_total_is_the_sum_of_two_or_more_parts() -> None:
    parts = [q("21 counts", noun="count"), q("six counts", noun="count"), q("three counts", noun="count")]
    assert is_total(q("27 counts", noun="count"), parts)  # 21 + 6
    assert is_total(q("30 counts", noun="count"), parts)  # all three
    assert is_total(q("about 28 counts", noun="count"), parts)  # hedged: within its margin
    assert not is_total(q("29 counts", noun="count"), parts)
    assert not is_total(q("21 counts", noun="count"), parts)  # one part is the part, not a total
    assert not is_total(q("27 counts", noun="count"), parts[:1])
    assert not is_total(q("27 counts", noun="count"), [q("dozens of counts", noun="count"), q("six counts", noun="count")])


def test_percentages_are_no_total() -> None:
    # 'fell 3% on Monday and 4% on Tuesday' is no 7% fall
    assert not is_total(q("7%", "percent"), [q("3%", "percent"), q("4%", "percent")])
