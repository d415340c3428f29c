"""One bounded least-recently-used cache, counted: the engine keeps analyses by content hash and parsed
sentence pieces by text, a batch reports how many texts it parsed from the misses, and the web page keeps
rendered story pages. Locked: a Dask worker with several threads, or the web server's, shares one cache."""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock, RLock
from typing import Generic, TypeVar

__all__ = ["LRU", "loaded_once", "made_once"]

V = TypeVar("V")


class LRU(Generic[V]):
    """At most ``size`` items; the least recently used goes first. ``hits`` and ``misses`` count ``get``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[Hashable, V] = OrderedDict()
        self._lock = Lock()  # a look-up freshens the order: two threads could otherwise evict under each other

    def get(self, key: Hashable) -> V | None:
        item = self._peek(key)
        if item is None:
            self.misses += 1
        else:
            self.hits += 1
        return item

    def _peek(self, key: Hashable) -> V | None:
        """The item, freshened, without counting (for a subclass that counts its own way)."""
        with self._lock:
            item = self._items.get(key)
            if item is not None:
                self._items.move_to_end(key)
            return item

    def put(self, key: Hashable, item: V) -> None:
        with self._lock:
            self._items[key] = item
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self.hits = self.misses = 0


F = TypeVar("F", bound=Callable)


def loaded_once(function: F) -> F:
    """An ``lru_cache``-d loader (a model, a word net) called under a lock: ``lru_cache`` holds none while it
    calls, so two threads asking at once (the API server's, a library caller's) each loaded the model and kept
    different ones (a Doc parsed by one pipeline is then not the other's: ``analyze`` skips its cache for it).
    One lock per arguments: a thread loading MiniLM (seconds) held the one lock of ``nlp.embedder`` and a thread
    asking ``embedder("none")`` or the static embedder waited for it (review revu28). Re-entrant, so a loader may
    call another; ``cache_clear`` and ``cache_info`` are the cache's own."""
    locks: dict[Hashable, RLock] = {}
    guard = Lock()

    @functools.wraps(function)
    def call(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        key = (args, tuple(sorted(kwargs.items()))) if kwargs else args
        lock = locks.get(key)
        if lock is None:
            with guard:
                lock = locks.setdefault(key, RLock())
        with lock:
            return function(*args, **kwargs)

    call.cache_clear = function.cache_clear
    call.cache_info = function.cache_info
    return call  # type: ignore[return-value]


_MAKING = RLock()


def made_once(namespace: dict, name: str, make: Callable[[], V]) -> V:
    """``namespace[name]`` (a module's global, None until first use), made by ``make`` under a lock the first time:
    unlocked, two threads meeting None each made one (``analyze._PARTS``, ``batch._CACHE``). Read from the
    namespace each call, so a test that sets the global back to None gets a new one."""
    value = namespace[name]
    if value is None:
        with _MAKING:
            value = namespace[name]
            if value is None:
                value = namespace[name] = make()
    return value
