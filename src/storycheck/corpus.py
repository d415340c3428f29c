"""Corpus readers: JSONL (optionally gzip), CSV (optionally gzip) and Parquet files, or folders of them,
streamed row by row into ``Document`` records.

Why a module apart from ``ingest``: ``ingest.read`` returns a story's few documents as a list, which is
right for ``compare`` and wrong for a day of news (hundreds of thousands of rows). Here nothing holds the
corpus: ``Corpus`` is an iterable that reads one row at a time, and each pass over it reads the files
again. A row becomes a ``Document`` through the very functions ``ingest`` uses for a JSONL line
(``from_text``/``from_html`` with the same checks: size, emptiness, language), so a row means the same
thing whichever way it comes in.

A bad row never stops a run: it becomes a ``BadRow`` (file, line number, error code, message), is
counted and skipped. Line numbers are the file's own: the physical line where a JSONL or CSV record
starts (the header of a CSV is line 1), the 1-based row for Parquet. Only a file that cannot be read at
all (missing, unsupported type, corrupt Parquet or gzip, empty) becomes a bad row with line 0. A Parquet
date or time Python cannot hold (past the year 9999) is not a bad row: the row is read without it, with a
non-skipping ``E606`` notice naming the row. A ``published`` more than ``ingest.FUTURE_MARGIN`` after today
(a value whose day can be read: ``ingest.beyond_margin``, the rule a page's date is held to) is read as absent
the same way, with an ``E607`` notice, and so is one whose time carries an offset no zone has (more than 14
hours from UTC: ``lineage.no_zone``), with an ``E609`` notice;
"today" is ``Corpus.today``, the machine's date when the first pass starts unless given (a batch gives its
first start's on resume).

Fields are those of the engine's JSONL input: ``text`` or ``html`` (required), optionally ``id``,
``title``, ``source`` (or ``outlet``), ``url``, ``published``; other fields are ignored. Ids are made
unique across the corpus (``-2``, ``-3``..., with a non-skipping ``E605`` notice), in reading order, so the
same corpus always yields the same ids: a resumed batch relies on that.
"""

from __future__ import annotations

import csv
import datetime
import io
import itertools
import os
import re
import stat
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storycheck.errors import (
    BadCSVRow,
    BadParquetRow,
    DuplicateId,
    EmptyInput,
    FutureDate,
    InputError,
    MissingText,
    NoCorpusFiles,
    NoSuchZone,
    NoTimeRead,
    ReadOnce,
    StorycheckError,
    TooLong,
    Unreadable,
    UnreadableTime,
    UnsupportedCorpusFormat,
)
from storycheck.files import real_path, stat_input
from storycheck.ingest import (  # the engine's own JSONL line parsing: one meaning for a row
    FUTURE_MARGIN,
    MAX_BYTES,
    beyond_margin,
    binary_lines,
    document_from_record,
    jsonl_document,
    no_zone_said,
    numbered_lines,
    open_lines,
    record_body,
    slug,
    why_no_body,
)
from storycheck.lineage import no_zone
from storycheck.records import Document, Notice

__all__ = ["BadRow", "Corpus", "corpus_files", "corpus_name", "read_corpus"]

_SUFFIXES = {".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".csv": "csv", ".csv.gz": "csv", ".parquet": "parquet"}
_PARQUET_COLUMNS = ("id", "text", "html", "title", "source", "outlet", "url", "published")
_PARQUET_BATCH = 512  # rows decoded at a time: bounded memory whatever the file's row groups


@dataclass(slots=True)
class BadRow:
    """A row (or a whole file, ``line == 0``) that was skipped, or a note about one (``skipped=False``)."""

    input: str
    line: int
    code: str
    message: str
    skipped: bool = True

    def notice(self) -> Notice:
        where = f"{self.input}:{self.line}" if self.line else self.input
        return Notice(input=where, code=self.code, message=self.message, skipped=self.skipped)


@dataclass
class Corpus:
    """The documents of files and folders, streamed; ``bad_rows`` and ``counts`` fill as it is read.

    Each iteration re-reads the files from the start (and resets the counts), so a pass costs I/O but
    no memory beyond one row.
    """

    inputs: list[Path]
    max_bytes: int = MAX_BYTES
    # the date a ``published`` is held to (E607): the machine's when the first pass starts, unless given. Why
    # fixed: a pass that crossed midnight, or a batch resumed days after its first start, read the same row's
    # date otherwise, clustered differently and refused its own --out (E612); the batch records it
    today: datetime.date | None = None
    bad_rows: list[BadRow] = field(default_factory=list)
    rows: int = 0  # rows seen (documents + skipped rows)
    documents: int = 0

    def __iter__(self) -> Iterator[Document]:
        self.bad_rows, self.rows, self.documents = [], 0, 0
        if self.today is None:
            self.today = datetime.date.today()
        taken: set[str] = set()
        for path in self._files():
            for item in _read_file(path, self.max_bytes, self.today):
                if isinstance(item, BadRow):
                    self.bad_rows.append(item)
                    if item.line and item.skipped:
                        self.rows += 1
                    continue
                self.rows += 1
                self.documents += 1
                doc, lineno = item
                if doc.id in taken:
                    base, n = doc.id, 2
                    while f"{base}-{n}" in taken:
                        n += 1
                    doc.id = f"{base}-{n}"
                    err = DuplicateId(input=str(path), line=lineno, detail=base)
                    self.bad_rows.append(BadRow(str(path), lineno, err.code, err.problem, skipped=False))
                taken.add(doc.id)
                yield doc

    def _files(self) -> Iterator[Path]:
        named: set[Path] = set()  # the other files already said: a folder given twice, or with its subfolder, once
        # each corpus file read once, by its real path -> the input that gave it first. Why: ``batch a/ a/`` (or
        # ``a/ a/x.jsonl``, a link to a file) read each row twice, and every article was then a copy of itself with
        # an E605 renamed id (session 28's walk); an E608 notice says which input was read once. Keyed by the file
        # itself (device, inode), not its real path alone: a hard link, or a name in another case on a file system
        # that ignores case (macOS, Windows), is the same file under a second real path (revu29)
        read: dict[object, Path] = {}
        for item in self.inputs:
            try:
                files, others = _input_files(item)
            except StorycheckError as err:
                self.bad_rows.append(BadRow(str(item), 0, err.code, err.message))
                continue
            others = [other for other in others if real_path(other) not in named]
            named.update(map(real_path, others))
            self.bad_rows += [_note(other, 0, UnsupportedCorpusFormat(input=str(other), detail=_kind(other)))
                              for other in others]
            fresh, repeated = [], []
            for file in files:
                real = _file_key(file)
                if real in read:
                    repeated.append((file, read[real]))
                else:
                    read[real] = item
                    fresh.append(file)
            if repeated:
                self.bad_rows.append(_read_once(item, files, repeated))
            yield from fresh

    @property
    def skipped(self) -> int:
        """Rows (and whole files) skipped."""
        return sum(1 for b in self.bad_rows if b.skipped)

    def bad_by_code(self) -> dict[str, int]:
        return dict(sorted(Counter(b.code for b in self.bad_rows if b.skipped).items()))

    def notices(self) -> list[Notice]:
        return [b.notice() for b in self.bad_rows]


def read_corpus(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str], *, max_bytes: int = MAX_BYTES,
    today: datetime.date | None = None,
) -> Corpus:
    """A ``Corpus`` over files and folders (nothing is read until it is iterated); ``today``: ``Corpus.today``."""
    if isinstance(inputs, str | os.PathLike):
        inputs = [inputs]
    return Corpus([Path(p) for p in inputs], max_bytes=max_bytes, today=today)


def corpus_files(path: str | os.PathLike[str]) -> list[Path]:
    """The corpus files an input stands for: itself, or a folder's corpus files in a stable order
    (recursively, sorted by relative path; hidden files and folders skipped)."""
    return _input_files(path)[0]


def _input_files(path: str | os.PathLike[str]) -> tuple[list[Path], list[Path]]:
    """(``corpus_files``, a folder's other files): those not hidden and of no corpus format, in the same order, from
    the same walk. Each of the others is a notice of the run (E602, line 0, not skipped: no row was lost), as a file
    given by name is an error: a newsroom's drop folder with a ``feed.json`` or ``wire.tsv`` beside its JSONL lost
    that file without a word (session 28's walk; a README.txt is named too, which is what its owner expects to
    read). One walk: session 28 walked the folder a second time for them (review revu28)."""
    path = Path(path)
    if stat.S_ISDIR(stat_input(path).st_mode):
        found: list[Path] = []
        others: list[Path] = []
        for root, dirs, files in os.walk(path):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for f in files:
                if not f.startswith("."):
                    (found if _format_of(Path(f)) else others).append(Path(root, f))
        if not found:
            raise NoCorpusFiles(input=str(path), detail=" (an empty folder or one with other files)")
        return sorted(found, key=lambda p: p.relative_to(path).parts), sorted(others, key=lambda p: p.relative_to(path).parts)
    stat_input(path)  # E101 nothing there; E113 a symlink loop, no permission, a FIFO (opening it would block)
    if _format_of(path) is None:
        raise UnsupportedCorpusFormat(input=str(path), detail=_kind(path))
    return [path], []


def _file_key(path: Path) -> object:
    """What makes two names one file: its device and inode, or its real path where it cannot be asked (its reader
    reports why)."""
    try:
        st = os.stat(path)
    except OSError:
        return real_path(path)
    return (st.st_dev, st.st_ino)


def _read_once(item: Path, files: list[Path], repeated: list[tuple[Path, Path]]) -> BadRow:
    """The E608 notice of an input some of whose corpus files an earlier input gave: which, and by which input."""
    earlier = ", ".join(sorted({repr(str(by)) for _, by in repeated}))
    if {str(by) for _, by in repeated} == {str(item)} and len(repeated) == len(files):
        return _note(item, 0, ReadOnce(input=str(item), detail="given more than once"))
    if len(repeated) == len(files):
        what = "this file" if files == [item] else f"its {len(files)} corpus files" if len(files) > 1 else "its corpus file"
    else:
        names = ", ".join(str(f) for f, _ in repeated[:3]) + (", …" if len(repeated) > 3 else "")
        what = f"{len(repeated)} of its {len(files)} corpus files ({names})"
    return _note(item, 0, ReadOnce(input=str(item), detail=f"{what} already given by {earlier}"))


def _kind(path: Path) -> str:
    """What E602 calls a file's type: its last two suffixes ('.json', '.tar.gz'), else its name. A file given by
    name and one in a folder are said the same way (session 28 named the first by every suffix it had)."""
    return "".join(path.suffixes[-2:]) or path.name


def _format_of(path: Path) -> str | None:
    name = path.name.lower()
    for suffix, fmt in _SUFFIXES.items():
        if name.endswith(suffix):
            return fmt
    return None


def corpus_name(path: Path) -> str:
    """A corpus file's name without its format's suffix, as written (``feed.2026-11-27`` for
    ``feed.2026-11-27.jsonl.gz``), a folder's name whole: what ``batch --db`` with no ``--out`` names its stories
    after. Why: cut at the first dot (session 27), every day's ``feed.<date>.jsonl`` was ``feed``, so from the
    second day on the stories took the run folder's hashed name (review revu27)."""
    name = path.name
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _stem(path: Path) -> str:
    name = path.name
    for suffix in sorted(_SUFFIXES, key=len, reverse=True):
        if name.lower().endswith(suffix):
            return slug(name[: -len(suffix)])
    return slug(path.stem)


Item = BadRow | tuple[Document, int]


def _read_file(path: Path, max_bytes: int, today: datetime.date) -> Iterator[Item]:
    fmt = _format_of(path)
    reader = {"jsonl": _jsonl_rows, "csv": _csv_rows, "parquet": _parquet_rows}[fmt or "jsonl"]
    try:
        yield from _not_ahead(path, _within_tagger(path, reader(path, max_bytes)), today)
    # unreadable, truncated or corrupt .gz, corrupt Parquet; OverflowError: a Parquet value Python cannot hold
    # that ``_pylist`` did not make absent is the file's E113 (it was a traceback out of ``batch``)
    except (OSError, EOFError, ValueError, OverflowError, zlib.error) as err:
        bad = Unreadable(input=str(path), detail=f"stopped partway: {err}")
        yield BadRow(str(path), 0, bad.code, bad.message)


def _within_tagger(path: Path, items: Iterator[Item]) -> Iterator[Item]:
    """A text longer than the tagger takes (``nlp.MAX_CHARS``) is a bad row (E105), as ``compare`` refuses it:
    within ``--max-mb`` (bytes) it was read, clustered and listed as ``compared`` in ``articles.jsonl``, while
    its story's engine dropped it (a notice inside that story's report only)."""
    from storycheck.nlp import MAX_CHARS

    for item in items:
        if not isinstance(item, BadRow) and len(item[0].text) > MAX_CHARS:
            doc, lineno = item
            item = _bad(path, lineno, TooLong(input=str(path), chars=len(doc.text), limit=MAX_CHARS))
        yield item


def _not_ahead(path: Path, items: Iterator[Item], today: datetime.date) -> Iterator[Item]:
    """A row dated more than ``FUTURE_MARGIN`` after ``today`` (``Corpus.today``) is read without its date, with an E607 notice before
    it (``errors.FutureDate``): in every corpus format, as the tagger's limit is. So is a row whose time's offset
    names no zone (E609, ``errors.NoSuchZone``: ``lineage.no_zone``). A file's first row whose ``published`` gives no
    time at all is noted (E618, ``unread_time``), the row and its value kept."""
    said = False
    for item in items:
        if not isinstance(item, BadRow) and beyond_margin(item[0].published, today):
            doc, lineno = item
            when = (f"today ({today.isoformat()})" if today == datetime.date.today()
                    else f"{today.isoformat()} (the day the run first started)")
            detail = f"'published' is {doc.published}, more than {FUTURE_MARGIN.days} days after {when}: read as absent"
            yield _note(path, lineno, FutureDate(input=str(path), line=lineno, detail=detail))
            doc.published = None
        elif not isinstance(item, BadRow) and no_zone(item[0].published):
            doc, lineno = item
            detail = f"'published' is {doc.published}: {no_zone_said()}"
            yield _note(path, lineno, NoSuchZone(input=str(path), line=lineno, detail=detail))
            doc.published = None
        elif not said and not isinstance(item, BadRow) and unread_time(item[0].published):
            doc, lineno, said = *item, True
            detail = (f"'published' is {doc.published!r}: no time is read from it (ISO 8601, RFC 2822 or a date "
                      "naming its year, '27 Nov 2026', are read), so neither the clustering's time window nor the "
                      "lineage's order has one; the row is read, its value kept as given (said once a file)")
            yield _note(path, lineno, NoTimeRead(input=str(path), line=lineno, detail=detail))
        yield item


_A_YEAR = re.compile(r"(?<!\d)[12]\d{3}(?!\d)")


def unread_time(value: str | None) -> bool:
    """Whether a ``published`` is one no reader takes a time from (E618): not ISO 8601, no year in it (seconds
    since 1970, "yesterday", "Dec 6") and not read by ``lineage.read_published``. Why the gates first:
    ``read_published`` takes milliseconds on some forms (``dateparser``), and a value with a year is mostly read
    or another fault (E607, E609); asked only of values with no year, and of a file's rows only until one is
    said. A value with a year that gives no time ("Dec 2008", "Q4 2008", "2008-341") is not noted (review
    revu33: asking every such row would read a US-dated corpus twice)."""
    value = (value or "").strip()
    if not value or _A_YEAR.search(value):
        return False
    try:
        datetime.datetime.fromisoformat(value)
        return False
    except ValueError:
        pass
    from storycheck.lineage import read_published

    return read_published(value) is None


def _bad(path: Path, lineno: int, err: InputError) -> BadRow:
    """The row as skipped, its message without "line N" (the notice puts ``file:N`` in front of it)."""
    return BadRow(str(path), lineno, err.code, err.problem)


def _jsonl_rows(path: Path, max_bytes: int) -> Iterator[Item]:
    name, stem = str(path), _stem(path)
    seen_any = False
    with open_lines(path) as stream:
        try:
            binary_lines(stream, name)
        except InputError as err:
            yield BadRow(name, 0, err.code, err.message)
            return
        for lineno, raw, size in numbered_lines(stream, max_bytes):
            if raw is not None and not raw.strip():
                continue  # blank lines are layout, not records
            seen_any = True
            try:
                yield jsonl_document(raw, size, name, stem, lineno, max_bytes), lineno
            except InputError as err:
                yield _bad(path, lineno, err)
    if not seen_any:
        yield _empty(path)


def _empty(path: Path) -> BadRow:
    """An empty file (or blank lines only) said once, as ``ingest`` says it, not passed over in silence: a
    feed written empty by a failed export is a problem its owner wants to hear of."""
    err = EmptyInput(input=str(path), detail=" (a corpus file with no rows)")
    return BadRow(str(path), 0, err.code, err.message)


# Excel's own first line when the separator is not the locale's ("sep=;", quoted or not): a CSV Excel saved that
# way, or one made to open in Excel, had its header read as 'sep=;' and was refused whole (E603, review revu28)
_SEP_LINE = re.compile(r'"?sep=(?P<sep>[^"\r\n])"?', re.IGNORECASE)
_DELIMITERS = (";", "\t", "|")  # tried, in this order, when the header read with commas has no text column


def _delimiter(header: str) -> str:
    """The header line's separator: a comma, unless the header read with commas has no ``text`` or ``html`` column
    and read with one of ``_DELIMITERS`` has one. A newsroom's spreadsheet saved as CSV where the comma is the
    decimal mark (most of Europe) is separated by ";": it was refused whole, "no 'text' or 'html' column (the
    header has 'id;title;text;source;published')" (session 28's walk). Judged on the header's column names, so
    a text's own semicolons never decide it, and every comma file reads as before."""
    def names(delimiter: str) -> set[str]:
        return {h.strip().lower() for h in next(csv.reader([header], delimiter=delimiter), [])}

    if names(",") & {"text", "html"}:
        return ","
    return next((d for d in _DELIMITERS if names(d) & {"text", "html"}), ",")


def _csv_rows(path: Path, max_bytes: int) -> Iterator[Item]:
    """CSV with a header row, separated by commas or (``_delimiter``) semicolons, tabs or bars; a field may span
    lines (quoted), so a record's line is where it starts."""
    name, stem = str(path), _stem(path)
    csv.field_size_limit(max(max_bytes, 1024))
    with open_lines(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
        first = text.readline()
        said = _SEP_LINE.fullmatch(first.rstrip("\r\n"))  # Excel's first line "sep=;" names the separator
        header_line = text.readline() if said else first
        if not header_line:
            yield _empty(path)
            return
        delimiter = said["sep"] if said else _delimiter(header_line)
        reader = csv.reader(itertools.chain([first, header_line] if said else [first], text), delimiter=delimiter)
        if said:
            next(reader)  # read as a row, so ``line_num`` counts it: a row's line stays the file's
        header = [h.strip().lower() for h in next(reader)]
        if "text" not in header and "html" not in header:  # said once for the file (line 0), as Parquet's is
            detail = f"no 'text' or 'html' column (the header has {', '.join(map(repr, header))})"
            yield _bad(path, 0, BadCSVRow(input=name, line=0, detail=detail))
            return
        if twice := sorted({h for h in header if h in _PARQUET_COLUMNS and header.count(h) > 1}):
            # which of two 'text' columns is the text? The last one won, silently (an empty one made each
            # row "no text"): the file is refused instead, said once, as a header without 'text' is
            detail = f"the header has {' and '.join(map(repr, twice))} more than once"
            yield _bad(path, 0, BadCSVRow(input=name, line=0, detail=detail))
            return
        end = reader.line_num
        while True:
            start = end + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                end = reader.line_num
                yield _bad(path, start, BadCSVRow(input=name, line=start, detail=str(err)))
                continue
            end = reader.line_num
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                detail = f"{len(row)} fields where the header has {len(header)}"
                yield _bad(path, start, BadCSVRow(input=name, line=start, detail=detail))
                continue
            record = dict(zip(header, row, strict=True))
            if any("\udc80" <= ch <= "\udcff" for cell in row for ch in cell):
                yield _bad(path, start, BadCSVRow(input=name, line=start, detail="not UTF-8 text"))
                continue
            yield from _record_item(path, stem, start, record, max_bytes)


def _parquet_rows(path: Path, max_bytes: int) -> Iterator[Item]:
    import pyarrow.parquet as pq

    name, stem = str(path), _stem(path)
    pf = pq.ParquetFile(path)
    columns = [c for c in _PARQUET_COLUMNS if c in pf.schema_arrow.names]
    if "text" not in columns and "html" not in columns:
        yield _bad(path, 0, BadParquetRow(input=name, line=0, detail="no 'text' or 'html' column"))
        return
    casts, zones = _time_casts(pf.schema_arrow, columns)
    for column, zone in zones:
        detail = f"{column!r} has a time zone the zone database does not know ({zone!r}): its times are read in UTC"
        yield _note(path, 0, UnreadableTime(input=name, line=0, detail=detail))
    n = 0
    for batch in pf.iter_batches(batch_size=_PARQUET_BATCH, columns=columns):
        records, unreadable = _pylist(_cast(batch, casts))
        for i, record in enumerate(records):
            n += 1
            for detail in unreadable.get(i, ()):
                yield _note(path, n, UnreadableTime(input=name, line=n, detail=detail))
            yield from _record_item(path, stem, n, record, max_bytes)


def _time_casts(schema: Any, columns: list[str]) -> tuple[dict[str, Any], list[tuple[str, str]]]:
    """The timestamp columns to cast before ``to_pylist``, and those whose zone is unknown (column, zone).

    Nanoseconds are cut to microseconds (what ``datetime`` holds): pandas writes ``datetime64[ns]`` as Parquet
    ``timestamp[ns]``, and one value with a sub-microsecond part made ``to_pylist`` raise ("not safely
    convertible"): the whole file was one E113 bad row, every row lost. A zone the zone database does not know
    (a misspelt name, one newer than the installed database) made ``to_pylist`` raise a KeyError, a traceback
    out of ``batch``: Arrow keeps timestamps as UTC instants (the zone says only how to show them), so they
    are read in UTC, the instant unchanged, and the file says so once. ``time64[ns]`` and ``duration[ns]``
    columns raised the same "not safely convertible" (``time`` and ``timedelta`` hold microseconds too): cut
    the same way (they are no field's value, but their rows were lost with them)."""
    import pyarrow as pa

    casts: dict[str, Any] = {}
    zones: list[tuple[str, str]] = []
    for column in columns:
        kind = schema.field(column).type
        if pa.types.is_time64(kind) or pa.types.is_duration(kind):
            if kind.unit == "ns":
                casts[column] = pa.time64("us") if pa.types.is_time64(kind) else pa.duration("us")
            continue
        if not pa.types.is_timestamp(kind):
            continue
        unit, tz = ("us" if kind.unit == "ns" else kind.unit), kind.tz
        if tz is not None and not _known_zone(tz):
            zones.append((column, tz))
            tz = "UTC"
        if (unit, tz) != (kind.unit, kind.tz):
            casts[column] = pa.timestamp(unit, tz)
    return casts, zones


def _known_zone(tz: str) -> bool:
    import pyarrow as pa

    try:
        pa.scalar(0, pa.timestamp("s", tz)).as_py()
    except (LookupError, ValueError):  # pytz's UnknownTimeZoneError is a KeyError; zoneinfo's a ValueError
        return False
    return True


def _cast(batch: Any, casts: dict[str, Any]) -> Any:
    for column, kind in casts.items():
        i = batch.schema.get_field_index(column)
        batch = batch.set_column(i, column, batch.column(i).cast(kind, safe=False))
    return batch


def _pylist(batch: Any) -> tuple[list[dict[str, Any]], dict[int, list[str]]]:
    """The batch's rows as dicts, and for each row (by its index in the batch) what was unreadable in it.

    A date or time past the year 9999 or before the year 1 (Arrow's types reach millions of years, Python's
    ``datetime`` does not) made ``to_pylist`` raise an OverflowError for the whole batch, a traceback out of
    ``batch`` that lost the file. Such a value is now read as absent, the row kept (its text is sound and the
    time only a clustering hint), and named with its row: one bad value is not a reason to lose a row, nor a
    file. The same holds for any value Python cannot hold: a ``duration`` past ``timedelta``'s 999,999,999
    days, a list or struct column holding such a time (no field reads those, but their rows were lost with
    them, as a traceback). Only a batch that fails is looked at, column by column, then value by value."""
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        return batch.to_pylist(), {}
    except (OverflowError, ValueError) as err:
        failed = err
    unreadable: dict[int, list[str]] = {}
    for i, col in enumerate(batch.schema):
        column = batch.column(i)
        if pa.types.is_dictionary(col.type):
            column = column.dictionary_decode()
        try:
            column.to_pylist()
        except (OverflowError, ValueError):
            pass
        else:
            continue
        bad = []
        for j in range(len(column)):
            try:
                column[j].as_py()
            except (OverflowError, ValueError):
                bad.append(j)
        if not bad:
            continue
        for j, value in zip(bad, _shown(column.take(bad)), strict=True):
            unreadable.setdefault(j, []).append(
                f"{col.name!r} is {value}, outside the years 1 to 9999 a date can hold: read as absent"
                if pa.types.is_timestamp(column.type) or pa.types.is_date(column.type)
                else f"{col.name!r} holds a value of type {column.type} Python cannot hold ({value}): read as absent")
        unset = set(bad)
        mask = pa.array([j in unset for j in range(len(column))])
        batch = batch.set_column(i, col.name, pc.if_else(mask, pa.scalar(None, column.type), column))
    if not unreadable:
        raise failed  # not a value out of range: the file's E113, as before
    return batch.to_pylist(), unreadable


def _shown(values: Any) -> list[str]:
    """``values`` as Arrow prints them (Python cannot: that is why they are shown)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_timestamp(values.type) or pa.types.is_date(values.type):
        tz = getattr(values.type, "tz", None)
        form = "%Y-%m-%d" if pa.types.is_date(values.type) else "%Y-%m-%dT%H:%M:%S" + ("%z" if tz else "")
        return pc.strftime(values, format=form).to_pylist()
    try:
        return pc.cast(values, pa.string()).to_pylist()
    except (pa.ArrowNotImplementedError, pa.ArrowInvalid):
        return [" ".join(values.slice(j, 1).to_string(window=3).split()) for j in range(len(values))]


def _note(path: Path, lineno: int, err: InputError) -> BadRow:
    """A notice about a row (or the file, line 0) that is read all the same (``skipped=False``)."""
    return BadRow(str(path), lineno, err.code, err.problem, skipped=False)


def _record_item(path: Path, stem: str, lineno: int, record: dict[str, Any], max_bytes: int) -> Iterator[Item]:
    name = str(path)
    if record_body(record) is None:
        yield _bad(path, lineno, MissingText(input=name, line=lineno, detail=why_no_body(record)))
        return
    try:
        doc = document_from_record(record, default_id=f"{stem}-{lineno}", origin=f"{name}:{lineno}", max_bytes=max_bytes)
    except InputError as err:
        yield _bad(path, lineno, err)
        return
    yield doc, lineno
