"""What a server is allowed to do, in one plain dataclass (the CLI's ``serve`` options fill it)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from storycheck.ingest import MAX_BYTES


@dataclass(slots=True)
class Settings:
    db: str | None = None  # path or URL; None: $STORYCHECK_DB or the default SQLite file
    open_reads: bool = True  # reads without a key; writes always need one
    max_body_bytes: int = 8 * 1024 * 1024  # one request, all of it (JSON or multipart)
    max_documents: int = 50  # per story
    max_document_bytes: int = MAX_BYTES  # per document, as the CLI's --max-mb
    page_size: int = 50  # stories per page on the web list
    max_page_size: int = 200  # the API's largest ``limit``
    embedder: str | None = "auto"
    example: Path | None = None  # a folder of reports to add as a first story when the store is empty
    example_name: str = "Example: dock strike"
    background: bool = True  # recompute in a worker thread (False: in the request, for scripts)
