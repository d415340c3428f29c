"""The engine's report must not depend on the process it runs in: a batch runs stories in this process or
on Dask workers, each process with its own string hash seed (``PYTHONHASHSEED``), and the two runs must
write the same files. Measured before the fix: 2 of 28 large stories of the 10k generated corpus gave
different reports with seeds 1 and 2 (alignment iterated sets of keys and broke ties among equal
candidates by that order).

The story here is built so that ties decide: one sentence of ``a`` shares one rare word with each of the
eight sentences of ``b`` (eight equal candidates, of which the alignment keeps ``TOP_K``), while each
sentence of ``b`` has closer partners in ``c``, so the pairs left out are not found from the other side. Honest limit: this small story does NOT
reproduce the difference on the code before the fix (the pairs dropped by the tie score below the
partners in ``c``, so no report changes); it guards the property, the 10k check in the commit message
showed the fault.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from storycheck.align import TOP_K

SRC = Path(__file__).resolve().parents[1] / "src"
NOUNS = ["lantern", "anchor", "compass", "saddle", "kettle", "ladder", "violin", "blanket"]
FILLER = "the quiet meadow, river, orchard, valley, cottage, garden, bridge, chapel, pasture and forest"

SCRIPT = f"""
import json
from storycheck.core import compare_documents
from storycheck.records import Document
from storycheck.report import to_dict
nouns = {NOUNS!r}
a = "The " + ", the ".join(nouns[:-1]) + " and the " + nouns[-1] + " were sold at the fair."
b = " ".join(f"The {{n}} rested near {FILLER}." for n in nouns)
c = " ".join("Walkers crossed {FILLER} at dawn." for _ in range(6))
docs = [Document("a", a), Document("b", b), Document("c", c)]
print(json.dumps(to_dict(compare_documents(docs, embedder="none")), ensure_ascii=False, sort_keys=True))
"""


def _report(seed: int) -> str:
    env = dict(os.environ, PYTHONHASHSEED=str(seed), PYTHONPATH=str(SRC))
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_report_does_not_depend_on_hash_seed():
    assert len(NOUNS) > TOP_K  # else there is no tie to break
    reports = [_report(seed) for seed in (0, 1, 2, 3)]
    assert '"findings"' in reports[0]
    assert all(r == reports[0] for r in reports[1:])
