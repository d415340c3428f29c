"""Session 34 (lead, issue 4): a PostgreSQL store's connections on a path gone without a word. Each test fails on
df0becd."""

from __future__ import annotations

import logging
import threading
import time


def test_a_postgresql_stores_connections_ask_for_tcp_keepalives_and_keep_the_urls_own():
    """A statement on a half-open connection (the server's machine lost, a NAT entry dropped) waited for hours on
    the kernel's defaults, and a follower's lease renewal with it; libpq's keepalives and user timeout end it."""
    from storyhelp import fresh_pg, pg_url

    from storycheck.store import Store

    url = fresh_pg(pg_url())
    with Store(url) as store:
        with store._write_engine.connect() as conn:
            params = conn.connection.dbapi_connection.info.get_parameters()
    assert params["keepalives"] == "1" and params["keepalives_idle"] == "30" and params["tcp_user_timeout"] == "60000"
    sep = "&" if "?" in url else "?"
    with Store(f"{url}{sep}keepalives_idle=7") as store:
        with store._write_engine.connect() as conn:
            params = conn.connection.dbapi_connection.info.get_parameters()
    assert params["keepalives_idle"] == "7" and params["keepalives_count"] == "3"


def test_the_end_of_a_held_block_does_not_wait_on_a_stuck_renewal(monkeypatch, caplog):
    """The end of ``held`` joined the renewing thread without a bound and released the row without one: a renewal
    stuck on the row (another run paused inside a transaction that locked it, or a connection whose peer is gone)
    held the run's end as long. Now each waits a renewal period at most, and the run ends with a warning; the lease
    lapses as a lost holder's would."""
    from sqlalchemy import create_engine, text
    from storyhelp import fresh_pg, pg_url

    import storycheck.store.store as store_module
    from storycheck.store import Store

    monkeypatch.setattr(store_module, "LEASE_SECONDS", 1.2)  # (renewed every 0.2 s, waiting 0.2 s at most)
    url = fresh_pg(pg_url())
    locker = create_engine(url)
    locked, release = threading.Event(), threading.Event()

    def lock_the_row() -> None:
        with locker.begin() as conn:
            conn.execute(text("SELECT * FROM leases WHERE name = 'storycheck follow a:' FOR UPDATE"))
            locked.set()
            release.wait(30)

    try:
        with Store(url) as store, caplog.at_level(logging.WARNING, logger=store_module.__name__):
            with store.held("storycheck follow a:"):
                holder = threading.Thread(target=lock_the_row)
                holder.start()
                assert locked.wait(10)
                time.sleep(0.5)  # (a renewal or two meet the lock)
                start = time.monotonic()
            took = time.monotonic() - start
            release.set()
            holder.join()
        assert took < 3.0, took
        assert "was not renewed" in caplog.text and "was not released" in caplog.text
    finally:
        release.set()
        locker.dispose()


def test_a_reader_swapped_in_one_process_changes_the_opposites_and_none_is_held_alive(monkeypatch):
    """``lexicon.ANTONYMS`` kept each word's opposites for the process whatever the reader: after WordNet was
    swapped for none (``STORYCHECK_SENSES=none``, ``senses.cache_clear()``), ``lawfully`` / ``unlawfully`` stayed
    opposites through it (``negatable``), and the cache of the prefixed opposites held every reader it met alive."""
    import gc
    import weakref

    import pytest

    from storycheck import lexicon
    from storycheck import senses as senses_module

    class Reader:  # (WordNet's answer for the one pair asked, without WordNet's files)
        def antonyms(self, word: str, pos: str) -> frozenset[str]:
            pairs = {"lawfully": "unlawfully", "unlawfully": "lawfully"}
            return frozenset({pairs[word]}) if pos == "r" and word in pairs else frozenset()

    held = [Reader()]
    monkeypatch.setattr(senses_module, "senses", lambda: held[0])
    monkeypatch.setattr(lexicon, "senses", lambda: held[0])
    assert lexicon.ANTONYMS.get("lawfully") == frozenset({"unlawfully"})
    assert lexicon.negatable("lawfully", "unlawfully")
    monkeypatch.setattr(lexicon, "senses", senses_module.NoSenses)
    assert lexicon.ANTONYMS.get("lawfully") is None
    assert not lexicon.negatable("lawfully", "unlawfully")
    gone = weakref.ref(held[0])
    monkeypatch.setattr(senses_module, "senses", senses_module.NoSenses)
    held.clear()
    gc.collect()
    assert gone() is None
    with pytest.raises(KeyError):
        lexicon.ANTONYMS["lawfully"]


def test_the_lineage_line_at_the_top_calls_a_changed_copy_versions_not_copies():
    """The line under the counts (walk user34) and lin34's changed copies met at the merge: an undated copy that
    changed a figure was "Copies of each other" at the top while the derivation line below says "versions of one
    text" and names the change."""
    from storycheck import compare
    from storycheck.records import Document
    from storycheck.report import lineage_summary

    wire = ("A fire at a chemical plant outside Harlow killed 5 workers on Tuesday, the county fire service said.\n\n"
            "The blaze broke out in a storage hall shortly after 6 a.m. and took crews four hours to control.\n\n"
            "Residents within two miles were told to keep their windows closed while the smoke cleared.")
    changed = compare([Document("wire", wire), Document("copy", wire.replace("killed 5", "killed 50"))],
                      embedder="none")
    line = lineage_summary(changed)
    assert line is not None and line.startswith("Versions of one text") and "copies" not in line.lower(), line
