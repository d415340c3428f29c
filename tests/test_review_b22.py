"""A hostile review of the batch's speed-ups of session 34 (wt-bspeed22): what it found, held."""

from __future__ import annotations


def test_dateparser_warm_up_reads_its_date_once_per_process(monkeypatch) -> None:  # noqa: ANN001
    """``batch.run_story`` calls ``batch.warm_up`` before every story: the date read to warm dateparser up must
    not be read again each time (~0.9 ms a story)."""
    from dateparser.date import DateDataParser

    from storycheck import quantities

    quantities.warm_up()
    calls = []
    read = DateDataParser.get_date_data
    monkeypatch.setattr(DateDataParser, "get_date_data", lambda self, *a, **k: calls.append(a) or read(self, *a, **k))
    for _ in range(3):
        quantities.warm_up()
    assert calls == []
