"""One bounded least-recently-used cache, counted: the engine keeps analyses by content hash and parsed
sentence pieces by text, and a batch reports how many texts it parsed from the misses."""

from __future__ import annotations

from collections import OrderedDict
from typing import Generic, TypeVar

__all__ = ["LRU"]

V = TypeVar("V")


class LRU(Generic[V]):
    """At most ``size`` items; the least recently used goes first. ``hits`` and ``misses`` count ``get``."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, V] = OrderedDict()

    def get(self, key: str) -> V | None:
        item = self._peek(key)
        if item is None:
            self.misses += 1
        else:
            self.hits += 1
        return item

    def _peek(self, key: str) -> V | None:
        """The item, freshened, without counting (for a subclass that counts its own way)."""
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: str, item: V) -> None:
        self._items[key] = item
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()
        self.hits = self.misses = 0
