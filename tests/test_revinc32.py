"""Session 32 (wt-revinc32, issue 4): a hostile review of wt-inc32 (the follow lock as a lease row in a PostgreSQL
store). Each test fails on 4c2b8af."""

from __future__ import annotations

import os
import re
import threading
import time

import pytest


def _sql(url: str, statement: str, **params) -> list[tuple]:  # noqa: ANN003
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.begin() as conn:
            result = conn.execute(text(statement), params)
            return [tuple(r) for r in result] if result.returns_rows else []
    finally:
        engine.dispose()


def _gone_pid() -> int:
    import subprocess
    import sys

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    return gone.pid


@pytest.mark.parametrize("other", ["name alone", "another pid namespace"])
def test_a_live_lock_of_another_container_with_this_hosts_name_is_not_taken_at_once(other: str):
    """Two containers of one machine (``--network host``), or two machines both called "localhost", share a host
    name while each has its own pids: a holder's pid missing here says nothing of it. 4c2b8af took such a lock at
    once ("its process gone") from a live follower; now the host is named with a key of its boot and pid namespace,
    and only a holder of this very namespace whose pid is gone is taken at once."""
    import socket

    from storyhelp import fresh_pg, pg_url

    from storycheck.store import LockHeld, Store
    from storycheck.store.store import _this_host

    url = fresh_pg(pg_url())
    host = socket.gethostname() if other == "name alone" else socket.gethostname() + " [00000000]"
    with Store(url) as one:
        with one.held("storycheck follow a:"):
            pass
        _sql(url, "INSERT INTO leases VALUES ('storycheck follow a:', 'x', :pid, :host, now(), now(), "
                  "now() + interval '2 minutes')", pid=_gone_pid(), host=host)
        with pytest.raises(LockHeld, match="lapses at"), one.held("storycheck follow a:"):
            pass
        _sql(url, "UPDATE leases SET host = :host", host=_this_host())  # (this namespace's, its pid gone: at once)
        with one.held("storycheck follow a:"):
            assert _sql(url, "SELECT pid, host FROM leases") == [(os.getpid(), _this_host())]


def test_the_lease_is_renewed_on_after_a_renewal_fails_with_any_error(monkeypatch):
    """The thread renewing the lease caught only SQLAlchemy's errors: any other ended it, the run went on, renewed
    only by its writes, and a stretch without one (reading and clustering a large corpus) let the lease lapse under a
    live holder, taken by the next follower. Now a failed renewal is logged and the next one tried."""
    from storyhelp import fresh_pg, pg_url

    import storycheck.store.store as store_module
    from storycheck.store import LockHeld, Store

    monkeypatch.setattr(store_module, "LEASE_SECONDS", 1.2)  # (renewed every 0.2 s)
    url = fresh_pg(pg_url())
    with Store(url) as one, Store(url) as two:
        with one.held("storycheck follow a:"):
            engine, failed = one._write_engine, []
            begin = engine.begin

            def once():  # noqa: ANN202
                if not failed:
                    failed.append(1)
                    raise RuntimeError("a fault that is not the database's")
                return begin()

            monkeypatch.setattr(engine, "begin", once)
            time.sleep(3.0)
            assert failed
            with pytest.raises(LockHeld, match="lapses at"), two.held("storycheck follow a:"):
                pass


def test_a_store_migrated_by_a_newer_storycheck_is_refused_with_e502(tmp_path):
    """inc32's migration 0003 is met by session 31's followers in a rolling upgrade: opening a store whose schema is
    at a revision this version does not know ended in alembic's traceback ("Can't locate revision"); now E502 says
    a newer storycheck made it."""
    from sqlalchemy import create_engine, text

    from storycheck.errors import StoreUnavailable
    from storycheck.store import Store

    db = tmp_path / "s.db"
    Store(str(db)).close()
    engine = create_engine(f"sqlite:///{db}")
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0999'"))
    engine.dispose()
    with pytest.raises(StoreUnavailable, match=r"E502\].*'0999'.*made by a newer storycheck"):
        Store(str(db))


def test_a_follower_of_an_earlier_version_holding_its_advisory_lock_is_seen():
    """A rolling upgrade of daily follows: a follower of session 31 holds its chain's advisory lock (and knows no
    lease) when one of this version comes, migrates the store and takes the lease: both replaced the chain's
    stories. Now the older follower's lock is looked for as the lease is taken: refused, the lease left free."""
    import hashlib

    from sqlalchemy import create_engine, text
    from storyhelp import fresh_pg, pg_url

    from storycheck.store import LockHeld, Store

    url = fresh_pg(pg_url())
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    older = engine.connect().execution_options(isolation_level="AUTOCOMMIT")
    try:  # (session 31's Store.held: its key and first key, its application name)
        schema = older.execute(text("SELECT current_schema()")).scalar()
        key = int.from_bytes(hashlib.sha256(f"{schema}\0storycheck follow a:".encode()).digest()[:4], "big") & 0x7FFFFFFF
        older.execute(text("SELECT set_config('application_name', 'storycheck pid 977 on ingest-b', false)"))
        assert older.execute(text("SELECT pg_try_advisory_lock(7311043, :key)"), {"key": key}).scalar()
        with Store(url) as one:
            with pytest.raises(LockHeld, match=r"earlier storycheck .*storycheck pid 977 on ingest-b"), \
                    one.held("storycheck follow a:"):
                pass
            assert _sql(url, "SELECT name FROM leases") == []
            with one.held("storycheck follow b:"):  # (another chain's: free)
                pass
    finally:
        older.close()
        engine.dispose()


# (the lease's row kept locked by a run paused in a transaction: the row and the open transaction's statement)
PAUSED = {
    "inside a write": ("INSERT INTO leases VALUES ('storycheck follow a:', 'x', 1, 'elsewhere', now(), now(), now() - "
                       "interval '1 second')", "UPDATE leases SET renewed_at = renewed_at", "elsewhere .* writing now"),
    "as it took a free lease": (None, "INSERT INTO leases VALUES ('storycheck follow a:', 'x', 1, 'elsewhere', now(), "
                                "now(), now() + interval '2 minutes')", "another run taking it now"),
}


@pytest.mark.parametrize("when", sorted(PAUSED))
def test_a_run_paused_in_a_transaction_on_the_lease_refuses_the_next_follower_instead_of_blocking_it(when: str):
    """A holder paused (SIGSTOP, a machine suspended) inside a write transaction keeps the lease's row locked, its
    transaction open on the server: its lease lapses (120 s) and the next follower's take-over waited for the row,
    for as long as the server kept that transaction (hours, until TCP keepalive ended it), saying nothing; so did a
    follower meeting a run paused between its INSERT of a free lease and its commit (ON CONFLICT waits for it). Now
    it waits 5 s and is refused with E617's words."""
    from sqlalchemy import create_engine, text
    from storyhelp import fresh_pg, pg_url

    from storycheck.store import LockHeld, Store

    before, during, words = PAUSED[when]
    url = fresh_pg(pg_url())
    with Store(url) as two:
        if before:
            _sql(url, before)
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
        paused = engine.connect()
        outcome: list[BaseException | str] = []

        def follow() -> None:
            try:
                with two.held("storycheck follow a:"):
                    outcome.append("taken")
            except BaseException as exc:  # noqa: BLE001
                outcome.append(exc)

        try:
            paused.begin()
            paused.execute(text(during))
            follower = threading.Thread(target=follow)
            follower.start()
            follower.join(20)
            stuck = follower.is_alive()
        finally:
            paused.rollback()
            paused.close()
            engine.dispose()
        follower.join(20)
        assert not stuck, "the follower waited for the paused run's transaction"
        assert isinstance(outcome[0], LockHeld), outcome
        assert re.search(words, str(outcome[0]))
