"""Review of the batch speed change (wt-bspeed8): featurize parts on the batch's own LocalCluster, claimed by
files made with ``O_EXCL`` (``batch._ClusterParts``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import psutil

from storycheck.batch import run_batch

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "corpus" / "sample.jsonl"
SRC = Path(__file__).resolve().parents[1] / "src"


def _claims(tmp: Path, out: Path) -> list[Path]:
    return [*tmp.glob("storycheck-parts-*"), *out.glob(".parts-*")]


def test_a_driver_killed_while_workers_featurize_leaves_no_claims_folder_once_the_run_is_resumed(tmp_path):
    """A driver killed (``kill -9``) while the workers featurize parts left its claims folder (one file per
    part) in the system's temporary folder, outside the run's folders, where no later run looks: each killed
    run leaked one. The claims now live in the run's output folder, and the resumed run removes them; the
    resumed run still writes every story once."""
    rows = []
    for line in SAMPLE.read_text(encoding="utf-8").splitlines():
        try:
            row = json.loads(line)
        except ValueError:  # (the sample's bad rows)
            continue
        if isinstance(row, dict) and isinstance(row.get("text"), str):
            rows.append(row)
    corpus = tmp_path / "corpus.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for k in range(500):  # (seconds of reading and featurizing: time to kill the driver meanwhile)
            for row in rows:
                fh.write(json.dumps({**row, "id": f"{k}-{row['id']}"}) + "\n")
    tmp, out = tmp_path / "tmp", tmp_path / "out"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(SRC)}
    code = (
        "import sys\nfrom storycheck.batch import run_batch\n"
        "if __name__ == '__main__':\n    run_batch([sys.argv[1]], sys.argv[2], workers=2)\n"
    )
    script = tmp_path / "run.py"
    script.write_text(code, encoding="utf-8")
    driver = subprocess.Popen([sys.executable, str(script), str(corpus), str(out)], env=env,  # noqa: S603
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while not any(p.is_dir() and any(p.iterdir()) for p in _claims(tmp, out)):  # a part claimed
            assert driver.poll() is None, "the run ended before any part was claimed"
            assert time.monotonic() < deadline, "no part was claimed"
            time.sleep(0.02)
        children = psutil.Process(driver.pid).children(recursive=True)
        driver.kill()
        driver.wait()
        psutil.wait_procs(children, timeout=30)
    finally:
        if driver.poll() is None:
            driver.kill()
    summary = run_batch([corpus], out, workers=0)  # resumed (in this process: the claims of the killed run stay)
    assert not _claims(tmp, out)
    written = sorted(p.stem for p in (out / "stories").glob("*.json"))
    assert len(written) == len(set(written)) == summary.stories
