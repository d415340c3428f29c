"""The store: stories, their documents (kept once by content hash), analyses, reports and API keys.

A SQLite file by default (``~/.local/share/storycheck/storycheck.db``, or ``--db``/``STORYCHECK_DB``),
PostgreSQL by URL; SQLAlchemy 2 models, Alembic migrations shipped in the package and run on open.

>>> from storycheck.store import Store
>>> with Store("/tmp/stories.db") as store:
...     store.add_documents("dock strike", documents, create=True)
...     store.compute("dock strike")          # the engine, or the stored report when nothing changed
...     store.report("dock strike")           # a records.Report
"""

from storycheck.store.database import default_path, resolve_url
from storycheck.store.store import (
    SORTS,
    STATUSES,
    AddResult,
    ApiKey,
    LockHeld,
    Page,
    Store,
    StoredDocument,
    StoryInfo,
    engine_version,
    report_key,
)

__all__ = [
    "SORTS",
    "STATUSES",
    "AddResult",
    "ApiKey",
    "LockHeld",
    "Page",
    "Store",
    "StoredDocument",
    "StoryInfo",
    "default_path",
    "engine_version",
    "report_key",
    "resolve_url",
]
