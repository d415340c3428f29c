"""scripts/batch_timeline.py: the replay of a batch's CPU on an idle machine, and the timed wrapper."""

from __future__ import annotations

import importlib.util
import json
import sys
import types
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "batch_timeline.py"


@pytest.fixture(scope="module")
def timeline():  # noqa: ANN201
    spec = importlib.util.spec_from_file_location("batch_timeline", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["batch_timeline"] = module
    spec.loader.exec_module(module)
    yield module
    del sys.modules["batch_timeline"]


def test_replay_start_is_the_serial_driver_or_the_shared_cpu(timeline) -> None:  # noqa: ANN001
    # the driver's main thread alone is longer than all the start's CPU spread over two cores
    assert timeline.replay(5.0, 8.0, [])[0] == 5.0
    # the workers' start (imports, model loading) fills the second core and more: half of all
    assert timeline.replay(4.0, 11.0, [])[0] == 5.5


def test_replay_gives_each_story_to_the_worker_free_first(timeline) -> None:  # noqa: ANN001
    # largest first: 4 and 3 start together, 2 follows the 3 (free at 4), 1 follows the 4 (free at 5)
    start, last, tail = timeline.replay(1.0, 0.0, [4.0, 3.0, 2.0, 1.0])
    assert (start, last, tail) == (1.0, 6.0, 0.0)
    # smallest first: the large one ends alone, the other worker idle 4 s
    start, last, tail = timeline.replay(0.0, 0.0, [1.0, 1.0, 4.0])
    assert (last, tail) == (5.0, 4.0)


def test_the_wrapper_logs_and_calls_the_module_function_by_name(timeline, tmp_path, monkeypatch) -> None:  # noqa: ANN001
    events = tmp_path / "events.jsonl"
    monkeypatch.setenv(timeline.EVENTS, str(events))
    module = types.ModuleType("timeline_probe")
    module.run_story = lambda sid, n: f"{sid}:{n}"
    monkeypatch.setitem(sys.modules, "timeline_probe", module)
    timeline._wrapped("story", module, "run_story")
    assert module.run_story("s1", 3) == "s1:3"
    (row,) = [json.loads(line) for line in events.read_text().splitlines()]
    assert row["kind"] == "story" and row["sid"] == "s1" and row["t1"] >= row["t0"] and row["cpu"] >= 0
    # a process that imported the module afresh (a worker) has no original kept: its own function runs
    del module._timeline_run_story
    fresh = types.ModuleType("timeline_probe")
    fresh.run_story = lambda sid, n: f"fresh {sid}"
    monkeypatch.setitem(sys.modules, "timeline_probe", fresh)
    assert module.run_story("s2", 1) == "fresh s2"
