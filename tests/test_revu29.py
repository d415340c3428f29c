"""Session 29's hostile review of wt-user29 (revu29): each test fails on the reviewed commit 040230c."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("value", "utc"),
    [
        ("Thu, 27 Nov 2026 09:02:00 +02:00", "2026-11-27T07:02:00"),  # an ISO-style offset after an RFC 2822 date
        ("Thu, 27 Nov 2026 02:02:00 -05:00", "2026-11-27T07:02:00"),
        ("Thu, 27 Nov 2026 09:02:00 GMT+0200", "2026-11-27T07:02:00"),
        ("Thu, 27 Nov 26 09:02:00 +02:00", "2026-11-27T07:02:00"),  # with a two-digit year
        ("Thu, 27 Nov 2026 09:02:00 +02", "2026-11-27T07:02:00"),  # two minutes ahead of UTC to email.utils
        ("Thu, 27 Nov 2026 02:02:00 UTC-5", "2026-11-27T07:02:00"),
        ("Thu, 27 Nov 2026 09:02:00 +0200 (CEST)", "2026-11-27T07:02:00"),  # RFC 2822's own offset still read
        ("Thu, 27 Nov 2026 07:02:00 -0000", "2026-11-27T07:02:00"),
    ],
)
def test_an_offset_email_utils_does_not_read_is_not_taken_for_utc(value: str, utc: str) -> None:
    """``email.utils`` gives no zone for "+02:00" or "GMT+0200" (the moment naive, as for "-0000"), and the reviewed
    reader took that for UTC: a feed's "09:02:00 +02:00" was 09:02 UTC to the lineage, the future-date margin and the
    clustering window, where the base's lineage (``dateparser``) read 07:02."""
    from datetime import UTC, datetime

    from storycheck.cluster import _posix
    from storycheck.lineage import read_published

    assert read_published(value)[0].isoformat() == utc
    assert datetime.fromtimestamp(_posix(value), UTC).replace(tzinfo=None).isoformat() == utc


def test_a_file_under_two_names_is_read_once(tmp_path) -> None:  # noqa: ANN001
    """``Corpus._files`` knew a file by its real path: a hard link (as a name in another case on a file system that
    ignores case) is the same file under a second real path, and each of its rows was read twice, every article
    then a copy of itself under an E605 renamed id, the very fault E608 was made for."""
    import json
    import os

    from storycheck.corpus import read_corpus

    (tmp_path / "wire").mkdir()
    (tmp_path / "site").mkdir()
    rows = [{"id": "w1", "text": "The ferry to Vis was cancelled on Tuesday because of a storm."},
            {"id": "w2", "text": "Dock workers in Split voted to end their strike after three days."}]
    first = tmp_path / "wire" / "day.jsonl"
    first.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    os.link(first, tmp_path / "site" / "day.jsonl")
    corpus = read_corpus([tmp_path / "wire", tmp_path / "site"])
    assert [d.id for d in corpus] == ["w1", "w2"]
    assert [b.code for b in corpus.bad_rows] == ["E608"] and not corpus.bad_rows[0].skipped


def test_the_original_of_two_feed_dates_in_two_zones() -> None:
    """The copies' representative is the earliest published: a feed's "Thu, 27 Nov 2026 10:00:00 +02:00" (08:00
    UTC) was 10:00 UTC to the reviewed reader, so a wire story's repost at 09:00 UTC was taken for the original."""
    from storycheck.batch import plan_story
    from storycheck.records import Document

    text = ("Harbour workers in Rijeka ended a three-day strike on Thursday after the port authority agreed to "
            "hire forty more crane operators, the union said. Ships that had waited off the coast since Monday began "
            "to berth in the afternoon, and the first containers left the terminal by rail in the evening. The agreement "
            "also raises night shift pay and sets up a joint safety committee that will meet every month, according "
            "to a copy of the deal seen by reporters.")
    repost = Document(id="repost", text=text.replace("seen by reporters", "seen by local reporters"), published="2026-11-27T09:00:00Z")
    original = Document(id="original", text=text, published="Thu, 27 Nov 2026 10:00:00 +02:00")
    fates = plan_story("s1", [repost, original])
    assert [(f.id, f.fate, f.copy_of) for f in fates] == [("repost", "copy", "original"), ("original", "only_text", None)]
