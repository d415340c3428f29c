"""The optional compiled clustering core: which build of ``cluster``, ``refine``, ``regroup`` and ``split`` runs.

Why: the assigning process of a corpus run (one thread) is the clustering's bottleneck, and compiling these four
modules with Cython (annotation typing on) takes ~10% off its CPU with the same stories. The build is optional
(``scripts/build_native.py``, run by ``make setup``): without it, or when it failed, the pure-Python modules run.

Why it is safe: a compiled module must never run code older (or newer) than its ``.py``. The build names each
extension after a hash of the exact source it was compiled from (``_compiled/cluster.<hash>.<ABI suffix>``) and also
compiles the hash into the module (``__native_source__``). At import, ``_Finder`` hashes the current ``.py`` and loads
only the extension of that hash; a module whose compiled-in hash then disagrees is refused (``StaleNative``, E701, an ImportError), never
run. So an edited source, a checkout of another commit, or a worktree run through PYTHONPATH gets pure Python until
the build is run again in that tree. ``STORYCHECK_NATIVE=0`` forces pure Python (the tests run both builds).
``which()`` says which build each module is; ``storycheck --version`` and a batch run's manifest say it.
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import os
import sys
from pathlib import Path

MODULES = ("cluster", "refine", "regroup", "split")
PACKAGE = Path(__file__).resolve().parent
FOLDER = PACKAGE / "_compiled"  # the built extensions (not in git)
HASH_NAME = "__native_source__"


def source_hash(source: bytes) -> str:
    """The hash a compiled module is named and stamped with: sha256 of the ``.py`` file's bytes, 16 hex digits."""
    return hashlib.sha256(source).hexdigest()[:16]


def extension_path(module: str, digest: str) -> Path:
    """Where the build puts (and the finder looks for) ``module`` compiled from the source of hash ``digest``."""
    return FOLDER / f"{module}.{digest}{importlib.machinery.EXTENSION_SUFFIXES[0]}"


def _wanted() -> bool:
    return os.environ.get("STORYCHECK_NATIVE", "1").strip().lower() not in ("0", "false", "no", "off")


class _Loader(importlib.machinery.ExtensionFileLoader):
    """Loads the extension, then checks the hash compiled into it against the source's (a renamed file)."""

    def __init__(self, fullname: str, path: str, digest: str) -> None:
        super().__init__(fullname, path)
        self.digest = digest

    def exec_module(self, module: object) -> None:
        super().exec_module(module)
        if getattr(module, HASH_NAME, None) != self.digest:
            from storycheck.errors import StaleNative

            raise StaleNative(detail=self.path)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds ``storycheck.<module>``'s extension of the current source's hash, or nothing (the ``.py`` then)."""

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> importlib.machinery.ModuleSpec | None:
        package, _, module = fullname.rpartition(".")
        if package != __package__ or module not in MODULES or not _wanted():
            return None
        source = PACKAGE / f"{module}.py"
        try:
            digest = source_hash(source.read_bytes())
        except OSError:
            return None
        built = extension_path(module, digest)
        if not built.is_file():
            return None
        spec = importlib.machinery.ModuleSpec(fullname, _Loader(fullname, str(built), digest), origin=str(built))
        spec.has_location = True
        return spec


def install() -> None:
    """Put the finder first on ``sys.meta_path`` (once): before the path finder would find the ``.py``."""
    if not any(isinstance(f, _Finder) for f in sys.meta_path):
        sys.meta_path.insert(0, _Finder())


def which() -> dict[str, str]:
    """Each clustering module -> ``compiled`` or ``python``: what is imported now, or would be on import."""
    out = {}
    for module in MODULES:
        loaded = sys.modules.get(f"{__package__}.{module}")
        if loaded is not None:
            compiled = isinstance(getattr(loaded, "__loader__", None), _Loader)
        else:
            compiled = _Finder().find_spec(f"{__package__}.{module}") is not None
        out[module] = "compiled" if compiled else "python"
    return out


def describe() -> str:
    """One line for ``--version`` and the manifest: ``compiled``, ``python``, or which modules are which."""
    builds = which()
    kinds = set(builds.values())
    if len(kinds) == 1:
        return f"clustering core: {kinds.pop()}"
    return "clustering core: " + ", ".join(f"{m} {k}" for m, k in builds.items())


def main() -> int:
    """Says which build each module is; 0 when at least one module is compiled. Why: ``make test`` runs the
    clustering tests a second time on pure Python when this gives 0; a partial build (a module that failed to
    compile) still has compiled modules whose pure-Python source the first pass never ran (the check was "every
    module compiled", so a partial build had no pure pass: review revs33)."""
    print(describe())
    return 0 if "compiled" in which().values() else 1
