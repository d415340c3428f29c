"""Session 30 (revb30, a review of bspeed18): featurize parts sent while the batch's cluster has no worker yet.

bspeed18 let a part sent before any worker registers go to any worker (Dask refuses ``allow_other_workers``
without ``workers``), but ``_ClusterParts`` read the worker list once, on its first send, and kept it: an empty
list read then left every later part of the run unpinned too, after the workers had registered, so the parts no
longer went round the workers in order. A real ``LocalCluster`` (threads, no worker at first) here."""

from __future__ import annotations

import os
from concurrent.futures import Future

import pytest

from storycheck import batch

distributed = pytest.importorskip("distributed")


def _length(text: str) -> int:
    return len(text)


def _restrictions(dask_scheduler, keys):  # noqa: ANN001, ANN202
    """Each task's worker restrictions and whether they are loose, as the scheduler holds them."""
    out = {}
    for key in keys:
        ts = dask_scheduler.tasks.get(key)
        out[key] = None if ts is None else (sorted(ts.worker_restrictions or ()), bool(ts.loose_restrictions))
    return out


def test_parts_sent_after_late_workers_register_are_pinned_in_turn(tmp_path):
    """Fails on 64821e6: the parts sent once two workers are up go unpinned (``[]``) as the first one did."""
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:  # fmt: skip
        started: Future = Future()
        started.set_result((None, client))
        parts = batch._Cluster(started, "static").parts(tmp_path)
        early = parts.submit(_length, "a part sent before any worker")
        cluster.scale(2)
        client.wait_for_workers(2, timeout=60)
        later = [parts.submit(_length, text) for text in ("one", "three", "seven")]
        workers = sorted(client.scheduler_info()["workers"])
        # the same answers wherever each ran (what the driver reads of a part); read first, so that the scheduler
        # holds every task
        assert [part.future.result() for part in (early, *later)] == [29, 3, 5, 5]
        keys = [part.future.key for part in (early, *later)]
        held = client.run_on_scheduler(_restrictions, keys=keys)
        assert held[keys[0]] == ([], False)  # (no worker then: any, as bspeed18 made it)
        assert [held[k] for k in keys[1:]] == [([workers[1]], True), ([workers[0]], True), ([workers[1]], True)]
        parts.close()


def test_a_batch_whose_workers_register_late_writes_what_the_in_process_run_writes(tmp_path, monkeypatch):
    """Fails on eb6467d (``ValueError: Only use allow_other_workers= if using workers=``, the batch ended): the
    batch's own cluster is up with no worker, its featurize parts are sent then, and its two workers join only
    after the first send; the run's stories, ranks and fates are the in-process run's."""
    import contextlib

    import dask

    from tests.test_batch import SAMPLE, stories

    made: list = []

    @contextlib.contextmanager
    def late(scheduler, workers):  # noqa: ANN001, ANN202
        assert scheduler is None
        import threading

        # (the batch's worker settings for the nannies made later too: a nanny reads them as it is made, and writes
        # its environment into this process's, which later clusters of the session inherit; put back after)
        environ = {k: os.environ.get(k) for k in batch.LOCAL_WORKER_CONFIG["distributed.nanny.pre-spawn-environ"]}
        with dask.config.set(batch.LOCAL_WORKER_CONFIG):
            cluster = distributed.LocalCluster(n_workers=0, threads_per_worker=1, processes=True,
                                               dashboard_address=None, silence_logs=40)
            made.append((cluster, workers))
            timer = threading.Timer(5.0, lambda: scale(cluster, workers))  # (in case no part goes before the stories)
            timer.start()
            try:
                with distributed.Client(cluster) as client:
                    yield client, f"LocalCluster({workers} workers)"
            finally:
                timer.cancel()
                cluster.close()
                for k, v in environ.items():
                    if v is None:
                        os.environ.pop(k, None)
                    else:
                        os.environ[k] = v

    scaled: list = []

    def scale(cluster, workers):  # noqa: ANN001, ANN202
        if not scaled:
            scaled.append(True)
            cluster.scale(workers)

    sent: list = []
    send = batch._ClusterParts._send

    def send_then_scale(self, client, parts):  # noqa: ANN001, ANN202
        send(self, client, parts)
        sent.append(list(self.workers or ()))
        scale(*made[0])  # (the workers join after the first parts went)

    parts = batch._Cluster.parts

    def parts_once_up(self, within=None):  # noqa: ANN001, ANN202
        self.started.result()  # (the cluster is up, with no worker, before the first part goes)
        return parts(self, within)

    monkeypatch.setattr(batch, "_dask", late)
    monkeypatch.setattr(batch._Cluster, "parts", parts_once_up)
    monkeypatch.setattr(batch._ClusterParts, "_send", send_then_scale)
    inproc = tmp_path / "inproc"
    run_batch_ = batch.run_batch
    run_batch_([SAMPLE], inproc, workers=0)
    out = tmp_path / "late"
    summary = run_batch_([SAMPLE], out, workers=2)
    assert summary.scheduler == "LocalCluster(2 workers)"
    assert sent and sent[0] == []  # (the first parts went while no worker was up)
    assert stories(out) == stories(inproc)
    for name in ("stories.jsonl", "articles.jsonl"):
        assert (out / name).read_text() == (inproc / name).read_text()
