"""Recomputing reports in the background, one story at a time, so that no request waits on the engine.

A write only marks the story ``pending`` and calls ``submit``; one worker thread runs
``Store.compute``. A story submitted again while queued is queued once; a story changed while being
computed ends ``pending`` (``compute`` attaches a report only to the revision it read) and is
submitted again, so the last change always gets its report. One thread, because the engine's models
are shared, and a 2-core machine gains nothing from running two spaCy parses at once.
"""

from __future__ import annotations

import logging
import threading
from collections import deque

from storycheck.errors import StoryNotFound
from storycheck.store import Store

log = logging.getLogger("storycheck.serve")


class Recomputer:
    def __init__(self, store: Store, embedder: str | None = "auto") -> None:
        self.store = store
        self.embedder = embedder
        self._queue: deque[int] = deque()
        self._queued: set[int] = set()
        self._busy: int | None = None
        self._cond = threading.Condition()
        self._stop = False
        self._thread = threading.Thread(target=self._run, name="storycheck-recompute", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        with self._cond:
            self._stop = True
            self._cond.notify_all()
        self._thread.join(timeout)

    def submit(self, story_id: int) -> None:
        with self._cond:
            if story_id not in self._queued:
                self._queued.add(story_id)
                self._queue.append(story_id)
                self._cond.notify_all()

    def position(self, story_id: int) -> int | None:
        """0 while being computed, 1.. its place in the queue, None when not waiting."""
        with self._cond:
            if self._busy == story_id:
                return 0
            try:
                return list(self._queue).index(story_id) + 1
            except ValueError:
                return None

    def _run(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._stop or self._queue)
                if self._stop:
                    return
                story_id = self._queue.popleft()
                self._queued.discard(story_id)
                self._busy = story_id
            try:
                info = self.store.compute(story_id, embedder=self.embedder)
                if info.status == "pending":  # changed while we computed: once more
                    self.submit(story_id)
            except StoryNotFound:
                pass  # deleted while queued or computed: nothing to do
            except Exception:  # noqa: BLE001 - a deleted story, a lost connection: log, go on
                log.exception("recomputing story %s failed", story_id)
            finally:
                with self._cond:
                    self._busy = None
                    self._cond.notify_all()
