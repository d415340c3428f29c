"""Session 30 (bspeed18): a part of the corpus sent while the batch's cluster has no worker registered yet.

On a loaded machine (load ~15) the 2-worker 3k batch of eb6467d ended in ``ValueError: Only use
allow_other_workers= if using workers=``: the cluster was up, its scheduler listed no worker yet, and
``_ClusterParts._send`` asked Dask for a part pinned to no worker that may go to other workers, which Dask refuses
(``distributed.Client.submit``: "If 'allow_other_workers' is True and 'workers' is None, a ValueError is raised")."""

from __future__ import annotations

from concurrent.futures import Future

from storycheck import batch


class _Future:
    def release(self) -> None:
        pass


class _Client:
    """A client whose scheduler lists ``workers``; it keeps what each submit asked, and refuses as Dask does."""

    def __init__(self, workers: list[str]) -> None:
        self.workers, self.asked = workers, []

    def scheduler_info(self) -> dict:
        return {"workers": dict.fromkeys(self.workers, {})}

    def submit(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        if kwargs.get("allow_other_workers") and kwargs.get("workers") is None:
            raise ValueError("Only use allow_other_workers= if using workers=")
        self.asked.append(kwargs)
        return _Future()


def _parts(client: _Client, tmp_path):  # noqa: ANN001, ANN202
    started: Future = Future()
    started.set_result((None, client))
    return batch._Cluster(started, "static").parts(tmp_path)


def test_a_part_sent_before_any_worker_registers_goes_to_any_worker(tmp_path):
    """Fails on eb6467d (the ValueError)."""
    client = _Client([])
    parts = _parts(client, tmp_path)
    parts.submit(len, "a part")
    parts.submit(len, "another part")
    assert [(k["workers"], k["allow_other_workers"]) for k in client.asked] == [(None, False), (None, False)]
    parts.close()


def test_parts_are_still_pinned_in_turn_when_workers_are_up(tmp_path):
    """Guard: with workers registered, each part is pinned to one in turn and may go elsewhere if it leaves."""
    client = _Client(["tcp://w2", "tcp://w1"])
    parts = _parts(client, tmp_path)
    for _ in range(3):
        parts.submit(len, "a part")
    assert [(k["workers"], k["allow_other_workers"]) for k in client.asked] == [
        (["tcp://w1"], True), (["tcp://w2"], True), (["tcp://w1"], True)]
    parts.close()
