"""The store against a real SQLite file and a real PostgreSQL server (see storyhelp.pg_url)."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import create_engine, text
from storyhelp import EXAMPLE, fresh_pg, pg_url

import storycheck.core
import storycheck.digest
from storycheck.core import compare_documents
from storycheck.errors import StoryExists, StoryNotFound, TooManyDocuments
from storycheck.ingest import from_text, read
from storycheck.report import to_dict, validate
from storycheck.store import Store, default_path, resolve_url

EXTRA = (
    "Dockworkers at the port of Valmora stayed off the job for a second day on Tuesday, the union said. "
    "The port authority said that ships were waiting at anchor and that talks would resume on Thursday. "
    "A spokesperson for the employers said they had made a fair offer to the workers and their union."
)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    url = str(tmp_path / "stories.db") if request.param == "sqlite" else fresh_pg(pg_url())
    with Store(url) as s:
        yield s


@pytest.fixture(scope="module")
def example():
    documents, notices = read([EXAMPLE])
    assert len(documents) == 3 and not notices
    return documents


def test_sqlite_is_a_file_with_the_default_path(tmp_path, monkeypatch):
    monkeypatch.delenv("STORYCHECK_DB", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert default_path() == tmp_path / ".local/share/storycheck/storycheck.db"
    assert resolve_url() == f"sqlite:///{tmp_path}/.local/share/storycheck/storycheck.db"
    with Store() as s:
        assert s.dialect == "sqlite"
    assert (tmp_path / ".local/share/storycheck/storycheck.db").is_file()
    monkeypatch.setenv("STORYCHECK_DB", str(tmp_path / "other.db"))
    assert resolve_url().endswith("/other.db")
    assert resolve_url("postgresql://u:p@127.0.0.1/db") == "postgresql+psycopg://u:p@127.0.0.1/db"


def test_add_compute_and_read_back_the_engines_report(store, example):
    result = store.add_documents("dock strike", example, create=True)
    assert result.created and result.added == ["coastal-herald", "daily-ledger", "northwire"]
    assert result.story.status == "pending"
    info = store.compute("dock strike")
    assert info.status == "ready" and info.has_report
    data = json.loads(store.report_json(info.id))
    validate(data)
    direct = to_dict(compare_documents(example))
    assert data["findings"] == direct["findings"] and data["summary"] == direct["summary"]
    assert info.n_conflicts == direct["summary"]["by_kind"]["conflict"] == 9
    assert store.report("dock strike").findings[0].id == "F1"
    assert [d.key for d in store.story("dock strike").documents] == result.added


def test_documents_are_kept_once_by_content_hash(store, example):
    store.add_documents("one", example, create=True)
    again = store.add_documents("one", example[:1])
    assert again.added == [] and len(again.duplicates) == 1 and again.story.revision == 1
    store.add_documents("two", example[:2], create=True)
    with store._read() as s:
        assert s.scalar(text("SELECT count(*) FROM documents")) == 3
        assert s.scalar(text("SELECT count(*) FROM story_documents")) == 5


def test_unchanged_story_reuses_its_report_and_analyses(store, example, monkeypatch):
    store.add_documents("s", example, create=True)
    first = store.compute("s")

    def boom(documents=(), *a, **k):
        if documents:
            raise AssertionError("the engine ran again")
        return []

    monkeypatch.setattr(storycheck.core, "compare_documents", boom)
    again = store.compute("s")
    assert again.report_id == first.report_id and again.status == "ready"
    monkeypatch.undo()
    # a new process (a new Store on the same database) finds the analyses in the database
    with Store(store.url) as other:
        monkeypatch.setattr(storycheck.core, "analyze_many", boom)
        other.add_documents("same texts", example[:2], create=True)
        info = other.compute("same texts")
        assert info.status == "ready" and other.analysis_cache().hits == 2


def test_store_kept_across_an_engine_change_analyses_and_computes_again(store, example, monkeypatch):
    """A rule or a word list changed (the package's digest) while ``__version__`` stayed: the old engine's
    analyses and report are not served as the new one's."""
    store.add_documents("s", example, create=True)
    first = store.compute("s")
    monkeypatch.setattr(storycheck.digest, "engine_digest", lambda: "f" * 16)
    with Store(store.url) as other:
        cache = other.analysis_cache()
        assert cache.get(example[0].hash) is None and cache.misses == 1
        info = other.compute("s")
        assert info.status == "ready" and info.report_id != first.report_id
        assert other.analysis_cache().get(example[0].hash) is not None  # stored again under the new engine


def test_story_changed_during_compute_is_left_pending(store, example):
    store.add_documents("s", example[:2], create=True)
    real = storycheck.core.compare_documents

    def add_while_computing(*a, **k):
        store.add_documents("s", example[2:])  # a concurrent writer
        return real(*a, **k)

    storycheck.core.compare_documents = add_while_computing
    try:
        info = store.compute("s")
    finally:
        storycheck.core.compare_documents = real
    assert info.status == "pending" and not info.has_report  # the report describes an old revision
    info = store.compute("s")
    assert info.status == "ready" and len(store.report("s").documents) == 3


def test_list_sort_filter_page_and_delete(store, example):
    store.add_documents("example", example, create=True)
    store.compute("example")
    pair = [from_text(EXTRA, id="a"), from_text(EXTRA.replace("Tuesday", "Wednesday"), id="b")]
    store.add_documents("quiet", pair, create=True)
    store.compute("quiet")
    store.add_documents("single", example[:1], create=True)
    assert store.story("single").status == "waiting"
    page = store.stories()
    assert page.total == 3 and page.items[0].name == "example"
    assert [s.name for s in store.stories(sort="name", descending=False).items] == ["example", "quiet", "single"]
    assert store.stories(limit=1, offset=1).items[0].name != "example"
    assert store.stories(q="exa").total == 1 and store.stories(q="%").total == 0
    assert store.stories(status="waiting").items[0].name == "single"
    assert store.stories(min_conflicts=1).total >= 1
    store.delete_story("example")
    with pytest.raises(StoryNotFound):
        store.story("example")
    with store._read() as s:
        assert s.scalar(text("SELECT count(*) FROM reports")) == 1
        assert s.scalar(text("SELECT count(*) FROM story_documents")) == 3


def test_names_and_limits(store, example):
    store.create_story("a story")
    with pytest.raises(StoryExists):
        store.create_story("a  story")
    with pytest.raises(TooManyDocuments):
        store.add_documents("a story", example, max_documents=2)
    assert store.story("a story").n_documents == 0  # nothing half-added


def test_keys_are_stored_hashed(store):
    key, secret = store.create_key("ci")
    assert store.check_key(secret).id == key.id and store.check_key(secret + "x") is None
    with store._read() as s:
        assert secret not in json.dumps([list(r) for r in s.execute(text("SELECT * FROM api_keys"))], default=str)
    store.revoke_key(key.id)
    assert store.check_key(secret) is None


def test_concurrent_adds_to_one_story(store, example):
    store.add_documents("busy", example[:1], create=True)
    docs = [from_text(EXTRA + f" It was day {i} of the strike.", id=f"r{i}") for i in range(8)]
    errors = []

    def worker(doc):
        try:
            store.add_documents("busy", [doc, example[0]])  # plus one the story already has
        except Exception as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    info = store.story("busy")
    assert info.n_documents == 9 and len(info.documents) == 9
    assert len({d.hash for d in info.documents}) == 9 and len({d.key for d in info.documents}) == 9
    assert info.revision == 9


def test_migrations_match_the_models(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storycheck.store.models import Base

    engine = create_engine(store.url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == []


def test_postgresql_keeps_large_texts_with_lz4(store):
    """A batch puts a report of ~270 KB per story: lz4 costs the server a quarter of pglz's CPU (migration
    0002). SQLite has no such setting."""
    if not store.url.startswith("postgresql"):
        pytest.skip("a PostgreSQL setting")
    engine = create_engine(store.url)
    with engine.connect() as conn:
        kept = dict(conn.execute(text(
            "SELECT attrelid::regclass::text || '.' || attname, attcompression FROM pg_attribute "
            "WHERE attname IN ('data', 'text') AND attrelid::regclass::text IN ('reports', 'documents', 'analyses')"
        )).all())  # fmt: skip
    engine.dispose()
    assert kept == {"reports.data": "l", "documents.text": "l", "analyses.data": "l"}


def test_a_put_asks_the_database_the_same_number_of_times_for_2_texts_or_12(store):
    """A put looked each text up and inserted it on its own round trip (~1 ms each on a local PostgreSQL,
    most of a batch's put): the texts are now looked up and inserted together, so a story's statements do not
    grow with its texts there (SQLite, in this process, inserts row by row: no round trips to save)."""
    from sqlalchemy import event

    docs = [from_text(f"Report {i}: the council approved the {i}th budget on Monday.", id=f"d{i}") for i in range(12)]
    counts = []
    for name, some in (("two", docs[:2]), ("twelve", docs[2:])):
        seen = []
        listener = lambda *a, seen=seen: seen.append(a[2])  # noqa: E731
        event.listen(store._write_engine, "before_cursor_execute", listener)
        try:
            store.put_report(name, some, None, embedder="static", error="E613 failed on purpose")
        finally:
            event.remove(store._write_engine, "before_cursor_execute", listener)
        counts.append(len(seen))
        info = store.story(name)
        assert [d.key for d in info.documents] == [d.id for d in some] and info.status == "failed"
    if store.url.startswith("postgresql"):
        assert counts[0] == counts[1]


@pytest.fixture(scope="module")
def example_report(example):
    return to_dict(compare_documents(example, embedder="none"))


def _statements(store, put):
    """The statements ``put()`` sends, whitespace made single spaces."""
    from sqlalchemy import event

    seen = []
    listener = lambda *a: seen.append(" ".join(a[2].split()))  # noqa: E731
    engines = {store._write_engine, store._read_engine}
    for engine in engines:
        event.listen(engine, "before_cursor_execute", listener)
    try:
        put()
    finally:
        for engine in engines:
            event.remove(engine, "before_cursor_execute", listener)
    return seen


def test_a_put_writes_the_story_row_once_and_a_put_again_not_at_all(store, example, example_report):
    """``put_report`` wrote a new story's row twice (its documents' counts, then its status and report: two
    UPDATEs, a round trip and a dead row version each on PostgreSQL); putting it again, as a resumed batch may,
    read the report's JSON back (a few hundred KB) and wrote the row's ``computed_at``. Now one UPDATE, and a
    put again writes nothing and reads no report JSON. The rows are those of before."""
    put = lambda: store.put_report("run:s1", example, example_report, embedder="none")  # noqa: E731
    seen = _statements(store, put)
    assert [s for s in seen if s.startswith("UPDATE")] == []
    assert [s.split(" (")[0] for s in seen if s.startswith("INSERT INTO stories")] == ["INSERT INTO stories"]
    info = store.story("run:s1")
    counts = example_report["summary"]["by_kind"]
    assert (info.status, info.error, info.revision, info.n_documents, info.has_report) == ("ready", None, 1, 3, True)
    assert (info.n_findings, info.n_conflicts, info.n_partial, info.n_single_source, info.n_corroborated) == (
        len(example_report["findings"]), counts.get("conflict", 0), counts.get("partial", 0),
        counts.get("single_source", 0), counts.get("corroborated", 0))  # fmt: skip
    assert info.computed_at is not None and [d.key for d in info.documents] == [d.id for d in example]
    assert json.loads(store.report_json("run:s1")) == example_report
    again = _statements(store, put)
    assert [s for s in again if s.split()[0] in ("INSERT", "UPDATE", "DELETE")] == []
    assert [s for s in again if "reports.data" in s] == []
    assert store.story("run:s1") == info
    assert store.compute("run:s1", embedder="none").report_id == info.report_id  # the report a compute would give

    failed = _statements(store, lambda: store.put_report("run:s2", example[:2], None, embedder="none", error="E613 no"))
    assert [s for s in failed if s.startswith("UPDATE")] == []
    assert [s.split(" (")[0] for s in failed if s.startswith("INSERT INTO stories")] == ["INSERT INTO stories"]
    info = store.story("run:s2")
    assert (info.status, info.error, info.revision, info.n_documents, info.has_report) == ("failed", "E613 no", 1, 2, False)
    assert [s for s in _statements(store, lambda: store.put_report("run:s2", example[:2], None, embedder="none",
                                                                   error="E613 no"))
            if s.split()[0] in ("INSERT", "UPDATE", "DELETE")] == []  # fmt: skip


def test_a_new_story_is_written_once_by_a_put_and_by_an_add(store, example, example_report):
    """Session 23: a new story's row was INSERTed (for its id, which its links need) and then UPDATEd with its
    documents' counts, status and report in the same transaction: two statements and a dead row version on
    PostgreSQL for every story a batch puts. Its row and its links now go out in one flush, the row first with
    every field known: one INSERT of the row, no UPDATE, and the links read back as before. A second add to
    the story (an existing row) still updates it once."""
    from storycheck.store.models import StoryDocumentRow

    seen = _statements(store, lambda: store.put_report("once:a", example, example_report, embedder="none"))
    story_writes = [s.split(" (")[0].split(" SET ")[0] for s in seen if s.split()[0] in ("INSERT", "UPDATE")
                    and " stories " in s + " "]  # fmt: skip
    assert story_writes == ["INSERT INTO stories"]
    info = store.story("once:a")
    assert (info.status, info.revision, info.n_documents, info.has_report) == ("ready", 1, 3, True)
    assert [(d.key, d.title, d.source) for d in info.documents] == [(d.id, d.title, d.source) for d in example]

    seen = _statements(store, lambda: store.add_documents("once:b", example[:1], create=True))
    assert [s.split(" (")[0].split(" SET ")[0] for s in seen if s.split()[0] in ("INSERT", "UPDATE")
            and " stories " in s + " "] == ["INSERT INTO stories"]  # fmt: skip
    seen = _statements(store, lambda: store.add_documents("once:b", example[1:3]))
    assert [s.split(" SET ")[0] for s in seen if s.startswith("UPDATE")] == ["UPDATE stories"]
    info = store.story("once:b")
    assert (info.status, info.revision, info.n_documents) == ("pending", 2, 3)
    assert [d.key for d in info.documents] == [d.id for d in example[:3]]
    store.delete_story("once:b")  # (its links go with it, by the database's cascade, as before; once:a's stay)
    with store._read() as s:
        assert s.query(StoryDocumentRow).count() == 3


def test_a_text_over_the_taggers_limit_is_refused_with_a_notice_when_a_bar_moves(tmp_path):
    """With a progress bar the store analyses one document at a time before the engine runs: a stored text
    over the tagger's limit (the store takes up to 10 MB) is left to the engine, which refuses it with a
    notice, and the story is computed from the others (the tagger's own ValueError escaped before)."""
    from storycheck.errors import TooLarge
    from storycheck.nlp import MAX_CHARS
    from storycheck.records import Document

    huge = Document("huge", "Dockworkers walked off the job. " * (MAX_CHARS // 32 + 10))
    assert len(huge.text) > MAX_CHARS
    seen = []
    with Store(str(tmp_path / "stories.db")) as store:
        documents, _ = read([EXAMPLE])
        store.add_documents("dock strike", [*documents[:2], huge], create=True)
        info = store.compute("dock strike", progress=lambda stage, done, total: seen.append((stage, done, total)))
        assert info.status == "ready", info
        report = store.report("dock strike")
    assert [n.code for n in report.notices if "huge" in n.input] == [TooLarge.code]
    assert ("analysed", 3, 3) in seen


def test_a_failure_put_after_a_report_keeps_the_report(store, example, example_report):
    """A story put with its report and then put as a failure (a resumed or second run whose worker failed where
    the first did not, or two runs putting at once) ended "failed" with the report still attached and its
    counts shown, or "ready" again: whichever put came last. The report of these very texts is kept, whatever
    the order; a failure then a report is "ready", as before. No orphan report row after an E503."""
    fail = lambda name, docs: store.put_report(name, docs, None, embedder="none", error="E613 no")  # noqa: E731
    good = lambda name, docs: store.put_report(name, docs, example_report, embedder="none")  # noqa: E731
    first = good("run:a", example)
    assert fail("run:a", example) == first
    info = store.story("run:a")
    assert (info.status, info.error, info.report_id, info.computed_at) == ("ready", None, first.report_id, first.computed_at)
    fail("run:b", example)
    assert store.story("run:b").status == "failed"
    info = good("run:b", example)
    assert (info.status, info.error, info.report_id) == ("ready", None, first.report_id)
    with pytest.raises(StoryExists):
        store.put_report("run:a", example[:2], to_dict(compare_documents(example[:2], embedder="none")), embedder="none")
    with store._read() as s:
        assert s.execute(text("SELECT id FROM reports")).scalars().all() == [first.report_id]


def test_new_texts_are_inserted_in_the_order_of_their_hashes(store):
    """Two puts inserting overlapping new texts in opposite orders could each wait on the unique index entry
    the other holds (a deadlock PostgreSQL ends with an error): the texts go in sorted by hash, so both take
    the entries in one order. Seen here as row ids rising with the hashes, whatever order the story gives."""
    from storycheck.store.models import DocumentRow

    docs = [from_text(f"Report {i}: the council approved the {i}th budget on Monday.", id=f"d{i}") for i in range(8)]
    docs.sort(key=lambda d: d.hash, reverse=True)
    store.put_report("ordered", docs, None, embedder="static", error="E613 failed on purpose")
    with store._write_engine.connect() as c:
        rows = c.execute(text(f"SELECT hash, id FROM {DocumentRow.__tablename__} ORDER BY id")).all()
    assert [h for h, _ in rows] == sorted(d.hash for d in docs)
