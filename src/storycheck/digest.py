"""Which engine made a result: a digest of the package's own files.

Why not ``__version__``: it changes with releases only, while any change of a rule, a word list or a weight
changes analyses and reports. A batch resumed by another engine must not write half its stories with one and
half with the other, and a store kept across an upgrade must not serve the old engine's analyses or reports as
the new one's: both key their results by this digest.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

__all__ = ["engine_digest", "tree_digest"]


@functools.cache
def engine_digest() -> str:
    """The digest of the installed package (code, word lists, models, schema) and of the word-sense reader it
    found (``storycheck.senses``: WordNet installed or not changes findings, and a store or a batch's ``--out``
    shared by two installs must not take one's reports for the other's); read once per process."""
    from storycheck.senses import senses

    tree = tree_digest(Path(__file__).resolve().parent)
    return hashlib.sha256(f"{tree}:{senses().name}".encode()).hexdigest()[:16]


def tree_digest(root: Path) -> str:
    """Every file under ``root`` by relative name and content; compiled caches left out, and the compiled
    clustering core (``_compiled``: built from these very sources and output-identical to them, so a store or a
    run's ``--out`` shared by an install with it and one without is one engine's)."""
    h = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        parts = path.relative_to(root).parts
        if path.is_file() and "__pycache__" not in parts and "_compiled" not in parts and path.suffix not in {".pyc", ".pyo"}:
            h.update(path.relative_to(root).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]
