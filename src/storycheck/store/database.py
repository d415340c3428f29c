"""Where the store lives and how to open it: a SQLite file by default, PostgreSQL by URL.

``resolve_url`` turns ``--db``/``STORYCHECK_DB`` (a path or a URL) into an SQLAlchemy URL; with neither,
the store is ``~/.local/share/storycheck/storycheck.db`` (``$XDG_DATA_HOME`` respected), created on first
use so that nothing needs setting up. ``engines`` gives two engines on one database:

- SQLite allows one writer at a time and, with Python's default deferred transactions, two writers
  that both started by reading fail with "database is locked" instead of waiting. So writes open
  their transaction with ``BEGIN IMMEDIATE`` (they queue on the busy timeout), while reads keep
  plain ``BEGIN`` and, in WAL mode, never wait for a writer.
- PostgreSQL needs no such care: both are the same engine, and writers lock the story row.

``migrate`` brings the schema to the newest Alembic revision, inside one transaction (and, on
PostgreSQL, under an advisory lock), so that two processes opening a new database at once do not both
create it.
"""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url

from storycheck.errors import StoreUnavailable

ENV = "STORYCHECK_DB"
_MIGRATION_LOCK = 7_311_042  # any constant: the advisory lock id for migrations on PostgreSQL


def default_path() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "storycheck" / "storycheck.db"


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """An SQLAlchemy URL from a path or URL; ``postgres://`` and ``postgresql://`` use psycopg 3."""
    raw = str(db) if db else os.environ.get(ENV) or str(default_path())
    if "://" not in raw:
        try:
            path = Path(raw).expanduser().resolve()
        except RuntimeError:  # Python 3.11's Path.resolve on a loop of symbolic links (3.13: OSError, which sqlite reports)
            raise StoreUnavailable(raw, detail="a loop of symbolic links") from None
        if path.is_dir():  # sqlite's own words were "unable to open database file"
            raise StoreUnavailable(raw, detail="a folder, not a database file; give a file path such as stories.db")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(raw, detail=f"cannot create the folder {path.parent} ({exc})") from exc
        return f"sqlite:///{path}"
    for plain in ("postgres://", "postgresql://"):
        if raw.startswith(plain):
            return "postgresql+psycopg://" + raw[len(plain) :]
    return raw


def display_url(url: str) -> str:
    """The URL with any password hidden, for messages and logs."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url


_KEEPALIVES = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3,
               "tcp_user_timeout": 60_000}


def engines(url: str) -> tuple[Engine, Engine]:
    """(read engine, write engine) for the database at ``url``."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # noqa: BLE001
        raise StoreUnavailable(url, detail=f"not a database URL ({exc})") from exc
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url, immediate=False), _sqlite_engine(url, immediate=True)
    # psycopg prepares a statement on the server once a connection has run it five times; behind a connection pooler
    # in transaction mode (pgbouncer before 1.21, or later ones without ``max_prepared_statements``) the next run goes
    # to another server connection, which lacks it ("prepared statement "_pg3_0" does not exist", "bind message
    # supplies 3 parameters"): a follower's lease renewal failed so on its sixth (session 32). Not prepared: each
    # statement parsed again, ~0.1 ms, against a story's seconds
    connect_args = {"prepare_threshold": None} if parsed.get_driver_name() == "psycopg" else {}
    if parsed.get_driver_name() in ("psycopg", "psycopg2"):
        # libpq's TCP keepalives and user timeout (session 34): a server or a path gone without a word (a machine
        # lost, a NAT's entry dropped) left a statement waiting for hours on a half-open connection, the Linux
        # default, and a follower's lease renewal with it; now it fails in about a minute. A URL's own settings win
        connect_args |= {key: value for key, value in _KEEPALIVES.items() if key not in parsed.query}
    try:
        engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10, connect_args=connect_args)
    except Exception as exc:  # noqa: BLE001 - a missing driver, a bad option
        raise StoreUnavailable(display_url(url), detail=str(exc)) from exc
    return engine, engine


def _sqlite_engine(url: str, *, immediate: bool) -> Engine:
    engine = create_engine(url, connect_args={"timeout": 60, "check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):  # noqa: ANN001, ANN202
        dbapi_connection.isolation_level = None  # we say BEGIN ourselves (below)
        cur = dbapi_connection.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=60000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn):  # noqa: ANN001, ANN202
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def migrate(engine: Engine) -> None:
    """Upgrade the schema to the newest revision (a no-op when it is there already)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "storycheck.store:migrations")
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _MIGRATION_LOCK})
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
