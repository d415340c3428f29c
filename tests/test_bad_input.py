"""Bad input across every command (session 21, wt-badin): each case here was a traceback, a hang, a 500,
a wrong code or a silent loss on the code before it; each now names the input and the problem, with a
code, and the good inputs of the same call are still read."""

from __future__ import annotations

import datetime
import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from storyhelp import EXAMPLE, STORYCHECK, Server, create_key

from storycheck import ingest
from storycheck.corpus import read_corpus
from storycheck.evaluate import read_items

TEXT = "The port of Selvan was shut on Monday after dockworkers walked out over pay, the union said."
ENV = os.environ | {"COLUMNS": "200"}


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([STORYCHECK, *args], env=ENV, capture_output=True, text=True, timeout=timeout)


def _rows(n: int) -> bytes:
    return b"".join(json.dumps({"id": f"a{i}", "text": f"{TEXT} Berth {i} stayed closed."}).encode() + b"\n"
                    for i in range(n))  # fmt: skip


def _corrupt(data: bytes) -> bytes:
    """Gzip whose second member's deflate data is damaged (a block of the reserved type 3): ``zlib.error``
    "invalid block type", not the EOFError of a file cut short nor the OSError of a bad CRC."""
    return gzip.compress(data) + gzip.compress(b"")[:10] + b"\x07" + b"\x00" * 16


# --------------------------------------------------------------------------- corpus (batch)


def test_corrupt_gzip_in_a_corpus_keeps_the_rows_before_and_is_e113(tmp_path: Path):
    """A .jsonl.gz or .csv.gz corrupt in the middle raised zlib.error out of the corpus (``batch`` ended in
    a traceback): only EOFError/OSError were caught. Now the rows before the damage are kept and the file
    is an E113 notice naming it."""
    (tmp_path / "feed.jsonl.gz").write_bytes(_corrupt(_rows(300)))
    csv_rows = b"id,text\n" + b"".join(f'c{i},"{TEXT} Berth {i} stayed closed."\n'.encode() for i in range(300))
    (tmp_path / "feed.csv.gz").write_bytes(_corrupt(csv_rows))
    for name in ("feed.jsonl.gz", "feed.csv.gz"):
        corpus = read_corpus(tmp_path / name)
        docs = list(corpus)
        assert len(docs) == 300, name
        [bad] = corpus.bad_rows
        assert (bad.code, bad.line, bad.input) == ("E113", 0, str(tmp_path / name))
        assert "stopped partway" in bad.message and "invalid block type" in bad.message


def test_an_empty_corpus_file_is_said_not_passed_over(tmp_path: Path):
    """An empty .jsonl or .csv among good files made no notice at all (the run looked complete); ``ingest``
    says E102 of an empty file, and now so does the corpus, once per file."""
    (tmp_path / "good.jsonl").write_text(json.dumps({"text": TEXT}) + "\n")
    (tmp_path / "empty.jsonl").write_text("\n\n")
    (tmp_path / "empty.csv").write_text("")
    corpus = read_corpus([tmp_path / "empty.csv", tmp_path / "empty.jsonl", tmp_path / "good.jsonl"])
    assert [d.id for d in corpus] == ["good-1"]
    assert [(b.input, b.line, b.code) for b in corpus.bad_rows] == [
        (str(tmp_path / "empty.csv"), 0, "E102"), (str(tmp_path / "empty.jsonl"), 0, "E102")]  # fmt: skip
    assert "no rows" in corpus.bad_rows[0].message


def test_a_fifo_is_refused_not_waited_on(tmp_path: Path):
    """A FIFO named like a corpus file was opened and read: the batch blocked until something wrote to it
    (for ever, from a shell). It is E113, "not a regular file", as ``ingest`` already said; the check runs
    in a child process so that the old code fails the test instead of hanging it."""
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "good.jsonl").write_text(json.dumps({"text": TEXT}) + "\n")
    code = ("import sys; from storycheck.corpus import read_corpus; c = read_corpus(sys.argv[1:]); "
            "print([d.id for d in c]); print([str(b.notice()) for b in c.bad_rows])")  # fmt: skip
    try:
        out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "pipe.jsonl"), str(tmp_path / "good.jsonl")],
                             capture_output=True, text=True, timeout=30, env=ENV)  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("reading a corpus with a FIFO in it blocked")
    assert out.returncode == 0, out.stderr
    ids, notices = out.stdout.splitlines()
    assert ids == "['good-1']"
    assert f"[E113] {tmp_path / 'pipe.jsonl'}: cannot be read: not a regular file" in notices


def test_a_symlink_loop_is_e113_everywhere(tmp_path: Path):
    """A loop of symbolic links was "no such file or directory" (E101) in compare/check/add, and a
    RuntimeError traceback from ``Path.resolve`` in ``batch`` (its corpus fingerprint) and in every store
    command given it as ``--db``."""
    (tmp_path / "a.jsonl").symlink_to(tmp_path / "b.jsonl")
    (tmp_path / "b.jsonl").symlink_to(tmp_path / "a.jsonl")
    (tmp_path / "a.txt").symlink_to(tmp_path / "b.txt")
    (tmp_path / "b.txt").symlink_to(tmp_path / "a.txt")
    _, notices = ingest.read([tmp_path / "a.txt"])
    assert [(n.code, n.message) for n in notices] == [("E113", "cannot be read: a loop of symbolic links")]
    corpus = read_corpus(tmp_path / "a.jsonl")
    assert list(corpus) == [] and [(b.code, b.message) for b in corpus.bad_rows] == [
        ("E113", "cannot be read: a loop of symbolic links")]  # fmt: skip
    (tmp_path / "good.jsonl").write_text(json.dumps({"id": "g", "text": TEXT}) + "\n")
    out = run("batch", str(tmp_path / "a.jsonl"), str(tmp_path / "good.jsonl"), "--out", str(tmp_path / "run"),
              "--workers", "0", "--embedder", "none", "-q")  # fmt: skip
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    assert json.loads((tmp_path / "run" / "summary.json").read_text())["bad_by_code"] == {"E113": 1}
    out = run("stories", "--db", str(tmp_path / "a.txt"))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"[E502] {tmp_path / 'a.txt'}: cannot open the store: a loop of symbolic links" in out.stderr


def test_a_folder_given_as_the_store_says_so(tmp_path: Path):
    """``--db`` naming a folder was "cannot open the store: unable to open database file" (sqlite's words)."""
    for args in (("stories",), ("keys", "list"), ("add", str(EXAMPLE), "-s", "x", "--no-compute")):
        out = run(*args, "--db", str(tmp_path))
        assert out.returncode == 1, out.stderr
        assert f"[E502] {tmp_path}: cannot open the store: a folder, not a database file" in out.stderr


def test_a_csv_header_naming_a_field_twice_is_refused_once(tmp_path: Path):
    """``id,text,text``: the last 'text' column won silently, and an empty one made every row E109 "no
    text" though the file has its texts; now the file is one E603 saying which name is there twice."""
    (tmp_path / "dup.csv").write_text(f'id,text,text\n1,"{TEXT}",\n2,"{TEXT} Again.",\n')
    corpus = read_corpus(tmp_path / "dup.csv")
    assert list(corpus) == []
    assert [(b.line, b.code, b.message) for b in corpus.bad_rows] == [
        (0, "E603", "the header has 'text' more than once")]  # fmt: skip


def test_a_parquet_timestamp_or_date_column_is_the_published_date(tmp_path: Path):
    """A ``published`` column of Parquet's timestamp or date type (the natural one) was dropped as if
    absent, so clustering's time window did not apply to that corpus; it is read as ISO 8601."""
    when = [datetime.datetime(2024, 3, 1, 9, 30, tzinfo=datetime.UTC), None]
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Again."], "published": pa.array(when, pa.timestamp("ms", "UTC"))}),
                   tmp_path / "ts.parquet")  # fmt: skip
    pq.write_table(pa.table({"text": [TEXT], "published": [datetime.date(2024, 3, 2)]}), tmp_path / "day.parquet")
    docs = list(read_corpus([tmp_path / "ts.parquet", tmp_path / "day.parquet"]))
    assert [d.published for d in docs] == ["2024-03-01T09:30:00+00:00", None, "2024-03-02"]


def test_a_nanosecond_parquet_timestamp_does_not_lose_the_file(tmp_path: Path):
    """pandas writes ``datetime64[ns]`` columns as Parquet ``timestamp[ns]``; one value with a sub-microsecond
    part made pyarrow's ``to_pylist`` raise ("not safely convertible to microseconds") and the whole file
    became one E113 bad row, every row lost (review revbad: 1704164645123456789 ns, naive and with a zone)."""
    ns = 1704164645123456789  # 2024-01-02T03:04:05.123456789Z
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Again."], "published": pa.array([ns, None], pa.timestamp("ns"))}),
                   tmp_path / "naive.parquet")  # fmt: skip
    pq.write_table(pa.table({"text": [TEXT], "published": pa.array([ns], pa.timestamp("ns", "Europe/Berlin"))}),
                   tmp_path / "zoned.parquet")  # fmt: skip
    corpus = read_corpus([tmp_path / "naive.parquet", tmp_path / "zoned.parquet"])
    docs = list(corpus)
    assert corpus.bad_rows == []
    assert [d.published for d in docs] == ["2024-01-02T03:04:05.123456", None, "2024-01-02T04:04:05.123456+01:00"]


PAST_9999 = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.UTC).timestamp() + 1  # 10000-01-01Z, s
BEFORE_1 = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC).timestamp() - 1  # 0000-12-31T23:59:59Z, s


@pytest.mark.parametrize("tz", [None, "UTC", "Europe/Berlin"])
@pytest.mark.parametrize("unit", ["s", "ms", "us"])
def test_a_parquet_time_past_9999_or_before_year_1_loses_only_itself(tmp_path: Path, unit: str, tz: str | None):
    """Arrow's timestamps reach millions of years, Python's ``datetime`` years 1 to 9999: one such value made
    ``to_pylist`` raise an OverflowError, a traceback out of the corpus (and ``batch``), every row of the file
    lost. The row is kept with no time, and an E606 notice names it by its row (rows past the first batch of
    512 too); the file's other rows and times are read as ever."""
    per = {"s": 1, "ms": 1_000, "us": 1_000_000}[unit]
    when = [1_704_164_645 * per + i for i in range(600)]  # 2024-01-02T03:04:05Z and on
    when[1], when[554], when[599] = int(PAST_9999) * per, int(BEFORE_1) * per, None
    pq.write_table(pa.table({"text": [f"{TEXT} Berth {i} stayed closed." for i in range(600)],
                             "published": pa.array(when, pa.timestamp(unit, tz))}), tmp_path / "feed.parquet")  # fmt: skip
    corpus = read_corpus(tmp_path / "feed.parquet")
    docs = list(corpus)
    assert len(docs) == 600 and corpus.rows == 600 and corpus.skipped == 0
    assert [i for i, d in enumerate(docs) if d.published is None] == [1, 554, 599]
    assert docs[0].published.startswith("2024-01-02T0")
    assert [(b.line, b.code, b.skipped) for b in corpus.bad_rows] == [(2, "E606", False), (555, "E606", False)]
    assert "'published' is 10000-01-01T" in corpus.bad_rows[0].message or tz == "Europe/Berlin"
    assert all("outside the years 1 to 9999" in b.message for b in corpus.bad_rows)


def test_a_parquet_date_out_of_range_and_a_nanosecond_file_beside_it(tmp_path: Path):
    """``date32``/``date64`` (days and milliseconds since 1970) hold years past 9999 as well: the same E606,
    the row kept. A ``timestamp[ns]`` column cannot leave Python's range (1677 to 2262), and a file of it read
    beside the bad one is unchanged (sub-microseconds cut, as before)."""
    far = (datetime.date(9999, 12, 31) - datetime.date(1970, 1, 1)).days + 1
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Again.", TEXT + " Once more."],
                             "published": pa.array([far, 19_724, far + 10**6], pa.date32())}), tmp_path / "d32.parquet")  # fmt: skip
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Again."],
                             "published": pa.array([far * 86_400_000, 0], pa.date64())}), tmp_path / "d64.parquet")  # fmt: skip
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Again."],
                             "published": pa.array([2**62, -(2**62)], pa.timestamp("ns", "UTC"))}),
                   tmp_path / "ns.parquet")  # fmt: skip
    corpus = read_corpus([tmp_path / "d32.parquet", tmp_path / "d64.parquet", tmp_path / "ns.parquet"])
    docs = list(corpus)
    # (2116 is read, then held to the future margin since session 25: E607, read as absent)
    assert [d.published for d in docs] == [None, "2024-01-02", None, None, "1970-01-01",
                                           None, "1823-11-12T00:06:21.572613+00:00"]
    assert [(Path(b.input).name, b.line, b.code, b.skipped) for b in corpus.bad_rows] == [
        ("d32.parquet", 1, "E606", False), ("d32.parquet", 3, "E606", False), ("d64.parquet", 1, "E606", False),
        ("ns.parquet", 1, "E607", False)]
    assert corpus.bad_rows[0].message == "'published' is 10000-01-01, outside the years 1 to 9999 a date can hold: read as absent"


def test_a_parquet_time_zone_unknown_to_the_zone_database_reads_in_utc(tmp_path: Path):
    """A timestamp column whose zone the zone database does not know (a misspelt name, or one newer than the
    installed database) made ``to_pylist`` raise a KeyError out of the corpus: the file lost, a traceback
    out of ``batch``. Arrow keeps the UTC instant (the zone only says how to show it): read in UTC, said
    once for the file."""
    pq.write_table(pa.table({"text": [TEXT, TEXT + " Again."],
                             "published": pa.array([1_704_164_645_123_456_789, None], pa.timestamp("ns", "Mars/Olympus"))}),
                   tmp_path / "mars.parquet")  # fmt: skip
    corpus = read_corpus(tmp_path / "mars.parquet")
    assert [d.published for d in corpus] == ["2024-01-02T03:04:05.123456+00:00", None]
    assert [(b.line, b.code, b.skipped, b.message) for b in corpus.bad_rows] == [(0, "E606", False,
        "'published' has a time zone the zone database does not know ('Mars/Olympus'): its times are read in UTC")]


@pytest.mark.parametrize("kind, good, bad", [
    (pa.duration("s"), 3_600, 2**62),  # past timedelta's 999,999,999 days: an OverflowError, a traceback
    (pa.list_(pa.timestamp("s")), [1_704_164_645], [int(PAST_9999)]),  # nested: the same traceback
    (pa.struct([("at", pa.timestamp("s"))]), {"at": 1_704_164_645}, {"at": int(PAST_9999)}),
    (pa.time64("ns"), 1_000, 1_001),  # a sub-microsecond time: "not safely convertible", every row lost (E113)
    (pa.duration("ns"), 1_000, 1_001),
])
def test_a_parquet_column_of_another_temporal_type_loses_no_row(tmp_path: Path, kind: pa.DataType, good, bad):
    """Not only timestamps and dates: a ``duration`` Python's ``timedelta`` cannot hold, a list or struct
    holding a time past 9999 (in a column the corpus reads, here ``published``) ended ``batch`` in a traceback,
    and a ``time64``/``duration`` of nanoseconds lost the whole file as one E113. No field reads those types
    (they are read as absent), so no row is lost for them: an out-of-range value is an E606 naming its row
    (the first row, one past the first 512-row batch, the last, across row groups of 300), sub-microseconds
    are cut as a timestamp's are."""
    n = 1_100
    values = [good] * n
    out_of_range = kind.id != pa.time64("ns").id and kind != pa.duration("ns")
    for i in (0, 512, 1_099):
        values[i] = bad
    pq.write_table(pa.table({"text": [f"{TEXT} Berth {i} stayed closed." for i in range(n)],
                             "published": pa.array(values, kind)}), tmp_path / "feed.parquet", row_group_size=300)  # fmt: skip
    corpus = read_corpus(tmp_path / "feed.parquet")
    docs = list(corpus)
    assert len(docs) == n and corpus.skipped == 0 and all(d.published is None for d in docs)
    wanted = [(1, "E606", False), (513, "E606", False), (1_100, "E606", False)] if out_of_range else []
    assert [(b.line, b.code, b.skipped) for b in corpus.bad_rows] == wanted
    kind_name = str(kind).split("<")[0]  # (Parquet keeps a nested second as a millisecond)
    assert all(f"'published' holds a value of type {kind_name}" in b.message for b in corpus.bad_rows)


def test_a_parquet_time_past_9999_with_a_fixed_offset_zone_across_row_groups(tmp_path: Path):
    """A zone written as an offset ("+05:30", what Arrow writes for a zone it was given so), nulls beside the
    bad values, a bad value in the first row and in the last batch, row groups that do not fall on the 512-row
    batches: each bad value is named by its own row, the others read."""
    n = 1_100
    when = [None if i % 2 else 1_704_164_645 for i in range(n)]
    for i in (0, 300, 512, 1_098):
        when[i] = int(PAST_9999)
    pq.write_table(pa.table({"text": [f"{TEXT} Berth {i} stayed closed." for i in range(n)],
                             "published": pa.array(when, pa.timestamp("s", "+05:30"))}),
                   tmp_path / "feed.parquet", row_group_size=300)  # fmt: skip
    corpus = read_corpus(tmp_path / "feed.parquet")
    docs = list(corpus)
    assert len(docs) == n and [i for i, d in enumerate(docs) if d.published] == [
        i for i in range(2, n, 2) if i not in (300, 512, 1_098)]
    assert docs[2].published == "2024-01-02T08:34:05+05:30"
    assert [(b.line, b.code) for b in corpus.bad_rows] == [(1, "E606"), (301, "E606"), (513, "E606"), (1_099, "E606")]
    assert corpus.bad_rows[0].message.startswith("'published' is 10000-01-01T05:30:00")


def test_batch_keeps_a_parquet_row_whose_time_is_past_9999(tmp_path: Path):
    """End to end: ``batch`` ended in an OverflowError traceback; now it runs, and its manifest names the row."""
    pq.write_table(pa.table({"id": ["a", "b"], "text": [TEXT, "Dockworkers at the port of Selvan walked out on Monday over pay."],
                             "published": pa.array([int(PAST_9999), 1_704_164_645], pa.timestamp("s"))}),
                   tmp_path / "feed.parquet")  # fmt: skip
    out = run("batch", str(tmp_path / "feed.parquet"), "--out", str(tmp_path / "run"), "--workers", "0",
              "--embedder", "none", "-q")  # fmt: skip
    assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
    manifest = json.loads((tmp_path / "run" / "manifest.json").read_text())
    assert [(b["line"], b["code"], b["skipped"]) for b in manifest["bad_rows"]] == [(1, "E606", False)]
    assert json.loads((tmp_path / "run" / "summary.json").read_text())["bad_rows"] == 0


def test_a_jsonl_line_not_in_utf8_is_said_so(tmp_path: Path):
    """``json.loads(bytes)`` guessed UTF-16 from a line starting ``\\xff\\xfe`` and complained of "'utf-16-le'
    codec can't decode byte 0x0a in position 2"; a Latin-1 line got the codec's own words. Both now say
    "not UTF-8 text" with the byte and its column, in compare's files and in a corpus alike."""
    (tmp_path / "feed.jsonl").write_bytes(json.dumps({"text": TEXT}).encode() + b"\n\xff\xfe\n"
                                          + b'{"text": "caf\xe9 ' + TEXT.encode() + b'"}\n')  # fmt: skip
    docs, notices = ingest.read([tmp_path / "feed.jsonl"])
    assert [d.id for d in docs] == ["feed-1"]
    assert [n.message for n in notices] == ["line 2 is not valid JSON: not UTF-8 text (byte 0xff at column 1)",
                                            "line 3 is not valid JSON: not UTF-8 text (byte 0xe9 at column 14)"]
    corpus = read_corpus(tmp_path / "feed.jsonl")
    assert len(list(corpus)) == 1
    assert [b.message for b in corpus.bad_rows] == ["not valid JSON: not UTF-8 text (byte 0xff at column 1)",
                                                    "not valid JSON: not UTF-8 text (byte 0xe9 at column 14)"]


# --------------------------------------------------------------------------- eval


def _eval_lines(n: int) -> str:
    return "".join(json.dumps({"source": TEXT, "text": f"The port was shut on Monday {i}.", "label": 1, "id": f"e{i}"})
                   + "\n" for i in range(n))  # fmt: skip


def test_eval_reads_gzip_and_keeps_what_precedes_a_cut(tmp_path: Path):
    """Gzip-compressed eval data was read as text: every line a "not UTF-8" E120 and no figure (corpus and
    ingest read .jsonl.gz). It is read through gzip; a file cut short keeps its lines and ends in E113."""
    (tmp_path / "d.jsonl.gz").write_bytes(gzip.compress(_eval_lines(3).encode()))
    assert [x.id for x in read_items(tmp_path / "d.jsonl.gz")] == ["e0", "e1", "e2"]
    packed = gzip.compress(_eval_lines(400).encode())
    (tmp_path / "cut.jsonl").write_bytes(packed[: len(packed) // 2])  # the name does not say gzip: the bytes do
    got = list(read_items(tmp_path / "cut.jsonl"))
    assert 0 < len(got) - 1 < 400 and all(hasattr(x, "label") for x in got[:-1])
    assert (got[-1].code, got[-1].skipped) == ("E113", True) and "stopped partway" in got[-1].message


@pytest.mark.parametrize(("data", "code", "words"), [
    (bytes(range(256)) * 40, "E103", "binary data"),
    (_eval_lines(2).encode("utf-16"), "E104", "UTF-16"),
    (_eval_lines(2).encode("utf-16-le"), "E104", "UTF-16"),
])  # fmt: skip
def test_eval_of_binary_or_utf16_data_is_one_error_not_a_bad_line_each(tmp_path: Path, data: bytes, code: str,
                                                                        words: str):  # fmt: skip
    """Binary data as eval's data printed one E120 "not UTF-8" per line (hundreds) before E121; it is one
    coded error for the file, before any model is loaded."""
    path = tmp_path / "data.jsonl"
    path.write_bytes(data)
    out = run("eval", str(path))
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert f"[{code}] {path}:" in out.stderr and words in out.stderr
    assert "E120" not in out.stderr


def test_eval_of_a_fifo_or_a_symlink_loop_says_so(tmp_path: Path):
    """Both were "no such file or directory" (E101): ``Path.is_file`` is False for them."""
    os.mkfifo(tmp_path / "pipe.jsonl")
    (tmp_path / "a.jsonl").symlink_to(tmp_path / "b.jsonl")
    (tmp_path / "b.jsonl").symlink_to(tmp_path / "a.jsonl")
    for name, why in (("pipe.jsonl", "not a regular file"), ("a.jsonl", "a loop of symbolic links")):
        out = run("eval", str(tmp_path / name), timeout=60)
        assert out.returncode == 1, out.stderr
        assert f"[E113] {tmp_path / name}: cannot be read: {why}" in out.stderr


# --------------------------------------------------------------------------- the HTTP API


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("badin") / "api.db")
    key = create_key(db)
    srv = Server(db, "--no-example", "--embedder", "none")
    with httpx.Client(base_url=srv.base, timeout=120, headers={"Authorization": f"Bearer {key}"}) as client:
        yield client
    srv.stop()


def _error(r: httpx.Response, status: int, code: str) -> str:
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code, r.text
    return r.json()["error"]["message"]


def test_uploads_named_in_any_script_or_at_any_length(api):
    """Upload names were made ASCII (``[^A-Za-z0-9._-]`` to ``-``, then ``.-`` stripped): ``ü.txt`` and
    ``новости.txt`` became ``txt``, refused as an unsupported file type (E110); a name over 255 bytes was
    a 500 (ENAMETOOLONG); notices named the changed name, not the one sent."""
    texts = sorted(EXAMPLE.glob("*.txt"))
    files = [("files", ("ü.txt", texts[0].read_bytes())), ("files", ("новости.txt", texts[1].read_bytes())),
             ("files", ("x" * 300 + ".txt", texts[2].read_bytes())), ("files", ("my notes: día 1.txt", b""))]  # fmt: skip
    r = api.post("/api/stories/upload", data={"name": "names"}, files=files)
    assert r.status_code == 201, r.text
    assert r.json()["story"]["documents"] == 3
    [notice] = r.json()["notices"]
    assert notice["code"] == "E102" and notice["input"] == "my notes: día 1.txt", notice


def test_a_json_body_not_in_utf8_is_e510(api):
    """It was answered ``{"code": "E400", "message": "There was an error parsing the body"}``: E400 is the
    code of a report that does not match the schema, and the message named no problem."""
    r = api.post("/api/stories", content=b'{"name": "caf\xe9", "documents": []}',
                 headers={"content-type": "application/json"})  # fmt: skip
    message = _error(r, 400, "E510")
    assert "not UTF-8" in message and "0xe9" in message


def test_story_refs_no_story_can_have_are_404(api):
    """An id over 64 bits was a 500 (the driver's "int too large"), ``²`` (``isdigit`` but not ``int``) too."""
    for ref in ("99999999999999999999999", "%C2%B2"):
        _error(api.get(f"/api/stories/{ref}"), 404, "E501")
        _error(api.post(f"/api/stories/{ref}/recompute"), 404, "E501")


def test_control_characters_in_a_name_are_e510(api):
    """A NUL in a story name was stored (SQLite takes it; PostgreSQL refuses NUL in text, a 500 there)."""
    assert "control characters" in _error(api.post("/api/stories", json={"name": "a\u0000b"}), 400, "E510")


def test_a_document_id_is_taken_as_storycheck_add_takes_it(api):
    """The API refused an id with a control character (422) that ``storycheck add`` takes from a JSONL line
    (review revbad): both store it as the key the store makes of any id (``a-b-c``); the document's
    origin, which quotes the id, holds no control character (PostgreSQL refuses NUL in text)."""
    body = {"name": "odd ids", "documents": [{"id": "a\tb\u0000c", "text": TEXT},
                                              {"id": "two", "text": TEXT + " Again."}]}  # fmt: skip
    r = api.post("/api/stories", json=body)
    assert r.status_code == 201, r.text
    got = api.get(f"/api/stories/{r.json()['story']['id']}")
    docs = got.json()["document_list"]
    assert [d["id"] for d in docs] == ["a-b-c", "two"], got.text
    assert docs[0]["origin"] == "documents[0] (a b c)"


def test_a_story_named_with_control_characters_before_they_were_refused_still_takes_documents(tmp_path: Path):
    """Control characters in a new story's name are refused (E510), but a store made before that may hold
    such a name: ``add_documents(name, create=True)`` (``storycheck add --story``) refused the story it
    found, as if it were being created (review revbad). A new story with such a name is still refused."""
    import sqlite3

    from storycheck.errors import BadRequest
    from storycheck.store import Store

    db = tmp_path / "old.db"
    first, second = (ingest.from_text(f"{TEXT} {n}", id=f"d{n}") for n in ("One.", "Two."))
    with Store(str(db)) as store:
        store.add_documents("old name", [first], create=True)
    with sqlite3.connect(db) as con:  # as an earlier version stored it
        con.execute("UPDATE stories SET name = ? WHERE name = 'old name'", ("old\x01name",))
    with Store(str(db)) as store:
        result = store.add_documents("old\x01name", [second], create=True)
        assert not result.created and result.story.n_documents == 2
        with pytest.raises(BadRequest, match="control characters"):
            store.add_documents("new\x01name", [second], create=True)
        assert [s.name for s in store.stories().items] == ["old\x01name"]
