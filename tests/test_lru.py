"""The one LRU cache the engine, the batch and the web page share."""

from __future__ import annotations

import sys
import threading

from storycheck.lru import LRU


def test_least_recently_used_goes_first_and_gets_are_counted():
    cache: LRU[str] = LRU(2)
    cache.put("a", "A")
    cache.put("b", "B")
    assert cache.get("a") == "A"  # a is now the fresher
    cache.put("c", "C")  # so b goes
    assert cache.get("b") is None and cache.get("a") == "A" and cache.get("c") == "C"
    assert (cache.hits, cache.misses) == (3, 1)
    cache.clear()
    assert cache.get("a") is None and (cache.hits, cache.misses) == (0, 1)


def test_threads_sharing_one_cache_never_trip_over_an_eviction():
    """A look-up freshens the order; without the lock another thread can evict the key between the two."""
    cache: LRU[int] = LRU(1)
    errors: list[BaseException] = []

    def work(seed: int) -> None:
        try:
            for i in range(20_000):
                key = (i * 7 + seed) % 2
                if cache.get(key) is None:
                    cache.put(key, key)
        except BaseException as exc:  # noqa: BLE001 - any error in a thread is the failure
            errors.append(exc)

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(interval)
    assert not errors
    assert len(cache._items) <= 1
