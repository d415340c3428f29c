"""Where the data written by others lives, for every benchmark: one rule, so that a clone, a git worktree in
a sibling folder and an explicit override all find the same files."""

from __future__ import annotations

import os
from pathlib import Path


def shared_data() -> Path:
    """``$STORYCHECK_DATA`` if set, else the nearest ``shared/data`` above the repository (``../shared/data``
    beside a clone, further up from a worktree); the plain ``../shared/data`` when none exists yet, so that
    an error names the expected place."""
    if os.environ.get("STORYCHECK_DATA"):
        return Path(os.environ["STORYCHECK_DATA"])
    repo = Path(__file__).resolve().parents[1]
    return next((p / "shared" / "data" for p in repo.parents if (p / "shared" / "data").is_dir()), repo.parent / "shared" / "data")
