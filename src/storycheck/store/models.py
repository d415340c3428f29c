"""The tables of the store, as SQLAlchemy 2 declarative models.

Texts are kept once (``documents``, unique by content hash); a story holds its reports through
``story_documents``, which also keeps the metadata each story gave that text (one wire story can be
filed under several outlets' names). Analyses are keyed by content hash and engine, the same key the
engine's own cache uses; reports are keyed by everything that decides their content (the engine, the
embedder asked for, and each document's id, metadata and hash), so a story recomputed with nothing
changed finds its report instead of running the engine again. The counts a story list is sorted by
are copied onto ``stories`` so that listing 1,000 stories reads one table through an index.

The schema itself is created and changed only by the Alembic migrations in ``migrations/``; these
classes must say the same thing (a test compares them).
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class DocumentRow(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class StoryRow(Base):
    __tablename__ = "stories"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    status: Mapped[str] = mapped_column(String(16), default="waiting")
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)  # bumped by every change of its documents
    report_id: Mapped[int | None] = mapped_column(
        ForeignKey("reports.id", ondelete="SET NULL"), nullable=True
    )
    n_documents: Mapped[int] = mapped_column(Integer, default=0)
    n_findings: Mapped[int] = mapped_column(Integer, default=0)
    n_conflicts: Mapped[int] = mapped_column(Integer, default=0)
    n_partial: Mapped[int] = mapped_column(Integer, default=0)
    n_single_source: Mapped[int] = mapped_column(Integer, default=0)
    n_corroborated: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    computed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    # A new story's links, so that its row and theirs go out in one flush (the row first, every field known:
    # one INSERT, where flushing it for its id and changing it after was an INSERT and an UPDATE). Never
    # loaded (the store reads links by query: loading raises) nor touched on a delete (the database cascades).
    new_links: Mapped[list[StoryDocumentRow]] = relationship(lazy="raise", passive_deletes="all")

    __table_args__ = (
        Index("ix_stories_disagreement", "n_conflicts", "n_single_source", "updated_at"),
        Index("ix_stories_single_source", "n_single_source"),
        Index("ix_stories_updated_at", "updated_at"),
    )


class StoryDocumentRow(Base):
    __tablename__ = "story_documents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    story_id: Mapped[int] = mapped_column(ForeignKey("stories.id", ondelete="CASCADE"))
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    key: Mapped[str] = mapped_column(String(120))  # the document's id inside the story's report
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)
    published: Mapped[str | None] = mapped_column(String(64), nullable=True)
    origin: Mapped[str | None] = mapped_column(Text, nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    __table_args__ = (
        UniqueConstraint("story_id", "document_id", name="uq_story_documents_document"),
        UniqueConstraint("story_id", "key", name="uq_story_documents_key"),
    )


class AnalysisRow(Base):
    __tablename__ = "analyses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_hash: Mapped[str] = mapped_column(String(64))
    engine: Mapped[str] = mapped_column(String(120))
    data: Mapped[str] = mapped_column(Text)  # JSON image of records.Analysis
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)

    __table_args__ = (UniqueConstraint("document_hash", "engine", name="uq_analyses_hash_engine"),)


class ReportRow(Base):
    __tablename__ = "reports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), unique=True)
    engine: Mapped[str] = mapped_column(String(120))
    schema: Mapped[str] = mapped_column(String(64))
    data: Mapped[str] = mapped_column(Text)  # the report JSON (report.to_dict), the one schema
    n_findings: Mapped[int] = mapped_column(Integer, default=0)
    n_conflicts: Mapped[int] = mapped_column(Integer, default=0)
    n_partial: Mapped[int] = mapped_column(Integer, default=0)
    n_single_source: Mapped[int] = mapped_column(Integer, default=0)
    n_corroborated: Mapped[int] = mapped_column(Integer, default=0)
    seconds: Mapped[float] = mapped_column(Float, default=0.0)  # engine time it took
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)


class FindingRow(Base):
    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[int] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"))
    finding: Mapped[str] = mapped_column(String(16))  # F1, F2...
    kind: Mapped[str] = mapped_column(String(32))
    type: Mapped[str] = mapped_column(String(32))
    confidence: Mapped[float] = mapped_column(Float)
    explanation: Mapped[str] = mapped_column(Text)

    __table_args__ = (
        Index("ix_findings_report", "report_id"),
        Index("ix_findings_kind_type", "kind", "type"),
    )


class ApiKeyRow(Base):
    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(16))  # the first characters, to recognise a key in a list
    hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the secret; never the secret
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=now)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class LeaseRow(Base):
    """``Store.held``'s lock (PostgreSQL): a row per name, its holder's token, renewed while held, lapsing at
    ``expires_at`` (the server's clock) when its holder is gone without ending. A row, not a session's advisory lock
    (session 32): behind a connection pooler in transaction mode (pgbouncer) each statement may run on another
    server connection, where a session's lock is neither seen nor released (it stays on a pooled connection)."""

    __tablename__ = "leases"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    token: Mapped[str] = mapped_column(String(32))  # this holding's (a uuid): a renewal or a release names it
    pid: Mapped[int] = mapped_column(Integer)
    host: Mapped[str] = mapped_column(String(255))
    taken_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    renewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
